"""Make the realistic ministry documents of tests/formats/ from documents.yml (our own French text).

Word files with python-docx (letterhead, running header, 'Page X sur Y' footer fields, a contents field with dot
leaders, a ruled recommendation table, bullet lessons, automatic hyphenation), PDFs exported from them by
LibreOffice, a two-column PDF, a scanned report as an image-only PDF and a scan carrying one stamped text line.
Beside each file, '<file>.expected.yml' says what a curator expects of it. The outputs are committed, so the
tests need neither LibreOffice nor poppler; run this again (with libreoffice-writer-nogui, hyphen-fr,
poppler-utils installed) after editing documents.yml:

    .venv/bin/python tests/formats/make_corpus.py
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import yaml
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from PIL import Image

HERE = Path(__file__).parent
SCAN_OF = "togo-session-bilan-nutrition-2024"  # scanned whole (compact layout)
STAMPED_SCAN_OF = "senegal-formation-sages-femmes-2024"  # one page scanned, with a stamped text line on top
STAMP = "Courrier arrivée n° 0412 du 16 septembre 2024"
FILLER = [
    "Les échanges ont permis aux participants de partager leurs expériences et de proposer des solutions adaptées "
    "aux réalités de leurs structures, en particulier dans les zones rurales où l'accès aux soins reste limité.",
    "Les représentants des partenaires ont rappelé l'importance de la redevabilité mutuelle et de la transmission "
    "à bonne date des rapports financiers, condition du décaissement des tranches suivantes.",
    "Plusieurs intervenants ont insisté sur la nécessité d'une meilleure coordination intersectorielle, associant "
    "les collectivités territoriales, les services de l'hydraulique et les organisations de la société civile.",
]


def main() -> int:
    specs = yaml.safe_load((HERE / "documents.yml").read_text(encoding="utf-8"))["documents"]
    out = {"docx": HERE / "docx", "pdf": HERE / "pdf", "scan": HERE / "scan"}
    for folder in out.values():
        folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, spec in specs.items():
            word = out["docx"] / f"{name}.docx"
            make_docx(spec, word)
            write_expected(word, spec, furniture(spec))
            export_pdf(word, out["pdf"], work)
            write_expected(out["pdf"] / f"{name}.pdf", spec, furniture(spec))
        compact = work / f"{SCAN_OF}.docx"
        make_docx(specs[SCAN_OF], compact, compact=True)
        export_pdf(compact, work, work)
        scan = out["scan"] / f"{SCAN_OF}-scan.pdf"
        image_pdf([page_image(work / f"{SCAN_OF}.pdf", n) for n in (1, 2)], scan)
        write_expected(scan, specs[SCAN_OF], furniture(specs[SCAN_OF]), scan=True)
        compact = work / f"{STAMPED_SCAN_OF}.docx"
        make_docx(specs[STAMPED_SCAN_OF], compact, compact=True)
        export_pdf(compact, work, work)
        stamped = out["scan"] / f"{STAMPED_SCAN_OF}-tampon.pdf"
        image_pdf([page_image(work / f"{STAMPED_SCAN_OF}.pdf", 1)], stamped, stamp=STAMP)
        write_expected(stamped, specs[STAMPED_SCAN_OF], furniture(specs[STAMPED_SCAN_OF]) + [STAMP], scan=True,
                       first_page_only=True)
    return 0


def furniture(spec: dict) -> list[str]:
    """Lines that are page furniture or letterhead, never a statement or a title."""
    return [spec["republic"], spec["motto"], spec["ministry"], spec["running_header"]]


def write_expected(path: Path, spec: dict, furniture_lines: list[str], scan: bool = False,
                   first_page_only: bool = False) -> None:
    """What a curator expects of one file: fields, recommendations, lessons, body sentences, furniture."""
    sections = spec["sections"]
    lessons = [t for s in sections for t in s.get("lessons", [])]
    recs = [{"text": r[0], "responsible": r[1], "deadline": r[2]} for s in sections for r in s.get("recommendations", [])]
    body = [p for s in sections for p in s.get("paragraphs", [])]
    if first_page_only:  # only the first page of the report was scanned: fields only
        lessons, recs, body = [], [], body[:1]
    notes = [spec["footnote"]] if spec.get("footnote") and not first_page_only and not scan else []
    data = {"title": spec["title"], **spec["expected"], "scan": scan, "recommendations": recs, "lessons": lessons,
            "body": body, "notes": notes, "furniture": furniture_lines}
    text = "# Expected values for this file, written by make_corpus.py from documents.yml.\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    path.with_name(path.name + ".expected.yml").write_text(text, encoding="utf-8")


def make_docx(spec: dict, path: Path, compact: bool = False) -> None:
    """A ministry report as Word writes it: letterhead, title page, contents, numbered sections, tables."""
    document = docx.Document()
    _french_hyphenated(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    _header_footer(section, spec["running_header"])
    _letterhead(document, spec)
    title = document.add_paragraph(spec["title"], style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dateline = document.add_paragraph(spec["dateline"])
    dateline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not compact:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _contents(document, spec)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if spec.get("columns", 1) > 1:
        body = document.add_section(WD_SECTION.CONTINUOUS)
        cols = body._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            body._sectPr.append(cols)
        cols.set(qn("w:num"), str(spec["columns"]))
        cols.set(qn("w:space"), "567")
    typed = spec.get("word_style") == "typed"  # headings typed in bold, bullets typed as '- '
    for n, part in enumerate(spec["sections"], start=1):
        if typed:
            document.add_paragraph().add_run(f"{n}. {part['heading'].upper()}").bold = True
        else:
            document.add_heading(f"{n}. {part['heading']}", level=1)
        for k, text in enumerate(part.get("paragraphs", [])):
            paragraph = _body(document, text)
            if n == 1 and k == 0 and spec.get("footnote"):
                _footnote(document, paragraph, spec["footnote"])
        if part.get("recommendations") and not compact:
            for text in FILLER[: spec.get("filler", 0)]:
                _body(document, text)
        for text in part.get("lessons", []):
            item = document.add_paragraph(f"- {text}" if typed else text, style=None if typed else "List Bullet")
            item.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if part.get("recommendations"):
            _table(document, part["recommendations"], narrow=spec.get("columns", 1) > 1)
    document.core_properties.title = spec["title"]
    document.save(str(path))


def _french_hyphenated(document: docx.document.Document) -> None:
    """French as the document language and automatic hyphenation on, as many ministries set Word."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    rpr.append(lang)
    auto = OxmlElement("w:autoHyphenation")
    document.settings.element.insert(0, auto)
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)


def _field(paragraph, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_footer(section, running_header: str) -> None:
    header = section.header.paragraphs[0]
    header.text = running_header
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].italic = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" sur ")
    _field(footer, "NUMPAGES", "1")


def _letterhead(document, spec: dict) -> None:
    for text, bold in ((spec["republic"], True), (spec["motto"], False), ("-----------", False),
                       (spec["ministry"], True), ("-----------", False), (spec["service"], False)):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(10)
    document.add_paragraph()


def _contents(document, spec: dict) -> None:
    """'Sommaire' and a TOC field whose shown result lists the sections with dot leaders and page numbers."""
    head = document.add_paragraph()
    head.add_run("Sommaire").bold = True
    begin = document.add_paragraph(style="Normal")
    _toc_entry(begin, spec["sections"][0]["heading"], 1, 3, first=True)
    for n, part in enumerate(spec["sections"][1:], start=2):
        _toc_entry(document.add_paragraph(), part["heading"], n, 3 if n <= len(spec["sections"]) // 2 else 4)
    end = document.add_paragraph()
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run.append(char)
    end._p.append(run)


def _toc_entry(paragraph, heading: str, n: int, page: int, first: bool = False) -> None:
    tabs = paragraph.paragraph_format.tab_stops
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    tabs.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    if first:
        for kind, instr in (("begin", None), (None, ' TOC \\o "1-3" \\h \\z \\u '), ("separate", None)):
            run = OxmlElement("w:r")
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run.append(char)
            else:
                text = OxmlElement("w:instrText")
                text.set(qn("xml:space"), "preserve")
                text.text = instr
                run.append(text)
            paragraph._p.append(run)
    paragraph.add_run(f"{n}. {heading}\t{page}")


def _body(document, text: str):
    p = document.add_paragraph(text)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/>
</w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {{text}}</w:t></w:r></w:p>
</w:footnote>
</w:footnotes>"""


def _footnote(document, paragraph, text: str) -> None:
    """A Word footnote (python-docx has no API for them: the part is added by hand) after the paragraph."""
    from xml.sax.saxutils import escape
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES.replace("{text}", escape(text)).encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    run.font.superscript = True
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def _table(document, rows: list[list[str]], narrow: bool = False) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, ("Recommandation", "Responsable", "Échéance")):
        cell.paragraphs[0].add_run(label).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    widths = (Cm(3.3), Cm(2.2), Cm(2.1)) if narrow else (Cm(9.5), Cm(4), Cm(2.5))
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    document.add_paragraph()


def export_pdf(word: Path, folder: Path, work: Path) -> Path:
    """The PDF LibreOffice exports from a Word file (as a ministry's secretariat would)."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(word)], check=True, capture_output=True)
    return folder / (word.stem + ".pdf")


def page_image(pdf: Path, page: int) -> bytes:
    """One page rendered as a photocopier would scan it: grey, 120 dpi, JPEG."""
    png = subprocess.run(["pdftoppm", "-r", "120", "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L").rotate(0.4, fillcolor=255)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=55, dpi=(120, 120))
    return buffer.getvalue()


def image_pdf(images: list[bytes], path: Path, stamp: str = "") -> None:
    """Scanned pages as an image-only PDF; with a stamp, the one text line a mail office typed on page 1."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    for n, image in enumerate(images):
        pdf.add_page()
        pdf.image(io.BytesIO(image), x=0, y=0, w=pdf.w, h=pdf.h)
        if stamp and n == 0:
            pdf.set_font("Helvetica", "B", 10)
            pdf.set_xy(330, 20)
            pdf.cell(240, 14, stamp)
    pdf.output(str(path))


if __name__ == "__main__":
    if not shutil.which("soffice"):
        sys.exit("make_corpus.py needs LibreOffice: apt-get install libreoffice-writer-nogui hyphen-fr")
    sys.exit(main())
