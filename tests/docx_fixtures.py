"""Word reports built the way ministries type them, for the reader tests: our own French text.

``djougou_review`` writes the six-monthly review of the malaria programme in the Djougou health zone (Bénin) the
way a secretary types it: a running header and a 'Page X sur Y' footer, a contents field, bold lines for
headings, '- ' and '1.' typed by hand for lists, a footnote, a tracked change, and the table following up the
recommendations of the previous review. ``DJOUGOU_PREVIOUS`` is that previous review, as plain text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

HEADER = "Ministère de la Santé — Zone sanitaire Djougou-Copargo-Ouaké"
FOOTER_WORDS = "Revue semestrielle du PNLP, juin 2024"
TITLE = "Revue semestrielle du Programme national de lutte contre le paludisme dans la zone sanitaire de Djougou"
CONTENTS = [("Introduction", "2"), ("Leçons apprises", "3"), ("Recommandations", "4")]
INTRO = ("Du 12 au 13 juin 2024, la zone sanitaire de Djougou-Copargo-Ouaké a tenu à Djougou la revue semestrielle "
         "du Programme national de lutte contre le paludisme (PNLP), avec l'appui de l'UNICEF.")
FOOTNOTE_BEFORE = "La revue a réuni les infirmiers chefs de poste des arrondissements de Bariénou et de Kolokondé"
FOOTNOTE = "Les arrondissements de Pélébina et de Sérou n'étaient pas représentés faute de moyens de transport."
FOOTNOTE_AFTER = " ainsi que les relais communautaires."
TRACKED_KEPT, TRACKED_DELETED, TRACKED_INSERTED = "La couverture en moustiquaires imprégnées atteint ", "71", "84"
TRACKED_END = " % des ménages enquêtés."
LESSONS = [
    "L'implication des chefs de village a accru la fréquentation des centres de santé par les femmes enceintes.",
    "La prise en charge à domicile par les relais réduit les délais de traitement des enfants fébriles.",
]
RECOMMENDATIONS = [
    "Doter les relais communautaires de Bariénou en tests de diagnostic rapide avant la saison des pluies.",
    "Organiser une supervision mensuelle des infirmiers chefs de poste par l'équipe d'encadrement de la zone.",
]
FOLLOW_UP_TITLE = "Suivi des recommandations de la revue précédente"
FOLLOW_UP = [
    ["Recommandation", "Responsable", "Statut"],
    ["Former les relais communautaires de Kolokondé à la prise en charge du paludisme simple",
     "Zone sanitaire", "Réalisée"],
    ["Réhabiliter le magasin de stockage des intrants antipaludiques de Djougou", "Mairie de Djougou", "En cours"],
    ["Recruter deux laborantins pour l'hôpital de zone de Djougou", "Direction départementale", "Non réalisée"],
]
CLOSING = "Fait à Djougou, le 13 juin 2024."

DJOUGOU_PREVIOUS = """REVUE ANNUELLE DU PROGRAMME NATIONAL DE LUTTE CONTRE LE PALUDISME (PNLP) À DJOUGOU
Du 4 au 5 décembre 2023, la zone sanitaire de Djougou-Copargo-Ouaké a tenu à Djougou la revue annuelle du PNLP.
RECOMMANDATIONS
- Former les relais communautaires de Kolokondé à la prise en charge du paludisme simple. Responsable : zone sanitaire. Échéance : mars 2024.
- Réhabiliter le magasin de stockage des intrants antipaludiques de Djougou. Responsable : mairie de Djougou. Échéance : avril 2024.
- Recruter deux laborantins pour l'hôpital de zone de Djougou. Responsable : direction départementale. Échéance : juin 2024.
"""


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instruction: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run(result)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _paragraph(body: str) -> "docx.oxml.CT_P":
    return parse_xml(f"<w:p {W_NS}>{body}</w:p>")


def djougou_review(path: Path) -> Path:
    """The Djougou review as a ministry secretary types it (see the module docstring)."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]._p
    footer.append(parse_xml(f"<w:r {W_NS}><w:t xml:space=\"preserve\">{FOOTER_WORDS} — Page </w:t></w:r>"))
    for part in (_field("PAGE", "1"), _run(" sur "), _field("NUMPAGES", "1")):
        for element in parse_xml(f"<w:p {W_NS}>{part}</w:p>"):
            footer.append(element)
    body = document.element.body
    end = body[-1]  # the section properties stay last

    def add(element) -> None:
        end.addprevious(element)

    add(_paragraph(_run(TITLE.upper(), bold=True)))
    add(_paragraph(_run("Sommaire", bold=True)))
    first, *rest = CONTENTS
    add(_paragraph('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o '
                   '"1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                   f'{_run(first[0])}<w:r><w:tab/></w:r>{_run(first[1])}'))
    for entry, page in rest:
        add(_paragraph(f"{_run(entry)}<w:r><w:tab/></w:r>{_run(page)}"))
    add(_paragraph('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    add(_paragraph(_run("1. Introduction", bold=True)))
    add(_paragraph(_run(INTRO)))
    add(_paragraph(_run(FOOTNOTE_BEFORE) + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                   '<w:footnoteReference w:id="1"/></w:r>' + _run(FOOTNOTE_AFTER)))
    add(_paragraph(_run(TRACKED_KEPT) + f'<w:del w:id="101" w:author="DDS" w:date="2024-06-20T10:00:00Z"><w:r>'
                   f'<w:delText>{TRACKED_DELETED}</w:delText></w:r></w:del><w:ins w:id="102" w:author="DDS" '
                   f'w:date="2024-06-20T10:00:00Z">{_run(TRACKED_INSERTED)}</w:ins>' + _run(TRACKED_END)))
    add(_paragraph(_run("2. Leçons apprises", bold=True)))
    for text in LESSONS:
        add(_paragraph(_run("- " + text)))
    add(_paragraph(_run("3. Recommandations", bold=True)))
    for n, text in enumerate(RECOMMENDATIONS, 1):
        add(_paragraph(_run(f"{n}) {text}")))
    add(_paragraph(_run(FOLLOW_UP_TITLE, bold=True)))
    document.add_paragraph()  # python-docx adds tables at the end of the body: move it into place below
    table = document.add_table(rows=len(FOLLOW_UP), cols=3)
    for r, row in enumerate(FOLLOW_UP):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    add(table._tbl)
    add(_paragraph(_run(CLOSING)))
    for extra in [p for p in body if p.tag.endswith("}p") and not "".join(p.itertext()).strip()][-1:]:
        body.remove(extra)
    document.save(path)
    _add_footnotes(path, {"1": FOOTNOTE})
    return path


def _add_footnotes(path: Path, notes: dict[str, str]) -> None:
    """Add a footnotes part (python-docx cannot): Word's two separator notes, then the given notes."""
    xml = [f'<w:footnotes {W_NS}>',
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           '</w:footnote>']
    for ident, text in notes.items():
        xml.append(f'<w:footnote w:id="{ident}"><w:p><w:r><w:footnoteRef/></w:r>{_run(" " + text)}</w:p></w:footnote>')
    xml.append("</w:footnotes>")
    with zipfile.ZipFile(path) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    entries["word/footnotes.xml"] = "".join(xml).encode("utf-8")
    rels = entries["word/_rels/document.xml.rels"].decode("utf-8")
    entries["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdNotes1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>')).encode("utf-8")
    types = entries["[Content_Types].xml"].decode("utf-8")
    entries["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>')).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


PREVIOUS_HEADER = "Zone sanitaire Djougou-Copargo-Ouaké — Revue annuelle 2023"
PREVIOUS_PARAGRAPHS = [line for line in DJOUGOU_PREVIOUS.split("\n")[1:] if line]


def previous_review(path: Path) -> Path:
    """The previous (annual) review as Word, over two pages, with a running header and a 'Page X sur Y' footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = PREVIOUS_HEADER
    footer = section.footer.paragraphs[0]._p
    for part in (_run("Page "), _field("PAGE", "1"), _run(" sur "), _field("NUMPAGES", "2")):
        for element in parse_xml(f"<w:p {W_NS}>{part}</w:p>"):
            footer.append(element)
    document.add_paragraph(DJOUGOU_PREVIOUS.split("\n")[0]).runs[0].bold = True
    for n, text in enumerate(PREVIOUS_PARAGRAPHS):
        document.add_paragraph(text)
        if n == 1:
            document.add_page_break()
    document.save(path)
    return path
