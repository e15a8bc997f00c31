"""Word, PDF and HTML readers: structure as blocks, every sentence kept, boilerplate dropped, clear errors.

The fixtures are short French meeting reports written here and turned into files in tmp_path, so the tests
show the source text beside what is asserted about it.
"""

from __future__ import annotations

import re
import importlib
import random
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from build_scripts import readers
from build_scripts.cli import main
from build_scripts.readers import ReadError, docx_reader, html_reader, pdf_reader

# --- Côte d'Ivoire: district review as .docx -------------------------------------------------------------

DOCX_TITLE = "Revue annuelle du district sanitaire de Bouaké-Nord-Ouest"
DOCX_PARAGRAPHS = [
    "Du 14 au 16 mars 2023, la direction départementale de la santé de Bouaké-Nord-Ouest a organisé à Bouaké "
    "la revue annuelle des activités du district, avec l'appui de l'UNICEF.",
    "Les participants ont relevé une baisse de la complétude des rapports mensuels dans les aires de santé rurales.",
]
DOCX_RECOMMENDATIONS = [
    "Renforcer la supervision formative des infirmiers des centres de santé ruraux.",
    "Organiser chaque trimestre une réunion de validation des données du DHIS2.",
    "Doter les équipes mobiles de motos pour la stratégie avancée.",
]
DOCX_TABLE = [
    ["Recommandation", "Responsable", "Échéance"],
    ["Former les agents de santé communautaire à la saisie", "Médecin-chef du district", "Juin 2023"],
    ["Réhabiliter le dépôt de médicaments de Djébonoua", "Direction départementale", "Décembre 2023"],
]
DOCX_CLOSING = "Fait à Bouaké, le 16 mars 2023."


def make_docx(path: Path) -> Path:
    """The Bouaké review: a heading, two paragraphs, a bulleted list, a 3-column table, a closing line."""
    document = docx.Document()
    document.add_heading(DOCX_TITLE, level=1)
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    document.add_heading("Recommandations", level=2)
    for text in DOCX_RECOMMENDATIONS:
        document.add_paragraph(text, style="List Bullet")
    table = document.add_table(rows=len(DOCX_TABLE), cols=3)
    for r, row in enumerate(DOCX_TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(DOCX_CLOSING)
    document.save(path)
    return path


# --- Guinée: two-page PDF ---------------------------------------------------------------------------------

PDF_TITLE = "Réunion de coordination du programme de lutte contre le paludisme"
PDF_PAGE1 = ("La réunion de coordination s'est tenue à Kankan le 9 mai 2022 sous la présidence du directeur "
             "préfectoral de la santé. Elle a réuni les chargés de programme des districts de Kankan, Kouroussa "
             "et Siguiri ainsi que les partenaires techniques et financiers.")
PDF_PAGE2 = ("Les participants ont recommandé de renforcer la distribution des moustiquaires imprégnées "
             "d'insecticide à longue durée d'action dans les écoles de la région.")


def make_pdf(path: Path) -> Path:
    """The Kankan meeting: a title and a wrapped paragraph on page 1, one paragraph on page 2."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # core fonts then cover French accents, 'œ' and '«»'
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, PDF_TITLE)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, PDF_PAGE1)
    pdf.add_page()
    pdf.multi_cell(0, 6, PDF_PAGE2)
    pdf.output(str(path))
    return path


# --- Burkina Faso: ministry news page ---------------------------------------------------------------------

HTML_TITLE = "Revue semestrielle du Programme élargi de vaccination à Ouagadougou"
HTML_SENTENCES = [
    HTML_TITLE,
    "Publié le 3 août 2023",
    "La revue semestrielle du PEV s'est tenue du 1er au 3 août 2023 à Ouagadougou.",
    "Elle a réuni les directeurs régionaux de la santé et les partenaires de l'OMS et de Gavi.",
    "Principales recommandations",
    "Renforcer la chaîne du froid dans les districts du Sahel",
    "Former les agents de Koudougou à la vaccination de rattrapage",
    "La couverture en Penta 3 atteint 92 % dans la région du Centre.",
]
HTML_BOILERPLATE = ["Accueil", "Nous contacter", "Ce site utilise des cookies", "Tous droits réservés",
                    "trackVisit", "ne doit pas apparaître", "Partager sur Facebook", "commentaire caché",
                    "Recevoir notre lettre"]
HTML_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="{charset}">
<title>Actualités | Ministère de la Santé et de l'Hygiène publique</title>
<script>var note = "ne doit pas apparaître";</script><style>body {{ font-family: serif; }}</style></head>
<body class="page-actualite">
<div id="cookie-banner" class="bandeau"><p>Ce site utilise des cookies pour mesurer l'audience.</p>
<button>Accepter</button></div>
<header class="site-header"><a href="/">Ministère de la Santé et de l'Hygiène publique</a>
<nav class="main-menu"><ul><li><a href="/">Accueil</a></li><li><a href="/contact">Nous contacter</a></li></ul></nav>
</header>
<main>
<article>{article}</article>
<aside><h2>À lire aussi</h2><form><input value="adresse"><label>Recevoir notre lettre</label></form></aside>
</main>
<footer class="site-footer"><p>© 2023 Ministère de la Santé — Tous droits réservés</p></footer>
<script>trackVisit("actualite");</script>
</body></html>
"""
HTML_ARTICLE = """
<header><h1>Revue semestrielle du Programme &eacute;largi de vaccination &agrave; Ouagadougou</h1>
<p class="date">Publié le 3 août 2023</p></header>
<p>La revue semestrielle du PEV s&#39;est tenue du 1<sup>er</sup> au 3 août 2023 à Ouagadougou.<br>
Elle a réuni les directeurs régionaux de la santé et les partenaires de l'OMS et de Gavi.</p>
<!-- commentaire caché -->
<h2>Principales recommandations</h2>
<ul><li>Renforcer la <strong>chaîne du froid</strong> dans les districts du Sahel</li>
<li>Former les agents de Koudougou à la vaccination de rattrapage</li></ul>
<table><tr><th>Région</th><th>Couverture Penta 3</th></tr><tr><td>Centre</td><td>92&nbsp;%</td></tr>
<tr><td>Sahel</td><td>61&nbsp;%</td></tr></table>
<p>La couverture en Penta 3 atteint 92&nbsp;% dans la région du Centre.</p>
<div class="share-buttons">Partager sur Facebook</div>
<footer>Étiquettes : vaccination</footer>
"""


def make_html(path: Path, article: str = HTML_ARTICLE, charset: str = "utf-8", encoding: str = "utf-8") -> Path:
    """The Ouagadougou news page: menu, cookie banner, scripts, aside and footer around the article."""
    path.write_bytes(HTML_PAGE.format(charset=charset, article=article).encode(encoding))
    return path


def blocks_of(doc, kind: str) -> list:
    return [b for b in doc.blocks if b.kind == kind]


# --- .docx -------------------------------------------------------------------------------------------------

def test_docx_gives_heading_list_and_table_blocks(tmp_path):
    doc = docx_reader.read(make_docx(tmp_path / "bouake.docx"), "bouake.docx")
    headings = blocks_of(doc, "heading")
    assert [(h.lines[0], h.level) for h in headings] == [(DOCX_TITLE, 2), ("Recommandations", 3)]
    assert [b.lines for b in blocks_of(doc, "list")] == [DOCX_RECOMMENDATIONS]
    assert [b.rows for b in blocks_of(doc, "table")] == [DOCX_TABLE]
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph", "heading", "list", "table",
                                            "paragraph"], "blocks keep the document's order"
    assert (doc.fmt, doc.encoding) == ("docx", "docx")


def test_docx_text_keeps_every_sentence_in_reading_order(tmp_path):
    doc = docx_reader.read(make_docx(tmp_path / "bouake.docx"), "bouake.docx")
    for sentence in [DOCX_TITLE, *DOCX_PARAGRAPHS, DOCX_CLOSING]:
        assert sentence in doc.text
    for item in DOCX_RECOMMENDATIONS:
        assert f"\n- {item}\n" in doc.text
    for row in DOCX_TABLE:
        assert "\t".join(row) in doc.text.split("\n")
    assert doc.text.index(DOCX_PARAGRAPHS[1]) < doc.text.index(DOCX_RECOMMENDATIONS[0]) < \
        doc.text.index("Responsable") < doc.text.index(DOCX_CLOSING)


def test_docx_french_heading_style_and_numbered_paragraph(tmp_path):
    """A 'Titre 2' style (French Word/LibreOffice) is a heading; a paragraph with numbering is a list item."""
    document = docx.Document()
    document.styles.add_style("Titre 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Difficultés rencontrées", style="Titre 2")
    item = document.add_paragraph("Rupture de stock de tests de diagnostic rapide à Korhogo.")
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    item._p.get_or_add_pPr().append(num_pr)
    document.save(tmp_path / "korhogo.docx")
    doc = docx_reader.read(tmp_path / "korhogo.docx", "korhogo.docx")
    assert [(b.kind, b.lines) for b in doc.blocks] == [
        ("heading", ["Difficultés rencontrées"]),
        ("list", ["Rupture de stock de tests de diagnostic rapide à Korhogo."]),
    ]


def test_docx_keeps_text_of_links_content_controls_insertions_and_text_boxes(tmp_path):
    """Word hides text in wrappers python-docx's paragraph.text skips; deleted (tracked) text is not shown."""
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    box = "<w:txbxContent><w:p><w:r><w:t>Encadré : 85 % des cibles vaccinées.</w:t></w:r></w:p></w:txbxContent>"
    paragraphs = [
        '<w:p {ns}><w:r><w:t xml:space="preserve">Voir le </w:t></w:r><w:hyperlink r:id="rId99"><w:r>'
        '<w:t>site du ministère</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>',
        '<w:p {ns}><w:r><w:t xml:space="preserve">Budget </w:t></w:r><w:del w:id="1" w:author="A"><w:r>'
        '<w:delText>initial </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>révisé</w:t></w:r>'
        '</w:ins><w:r><w:t xml:space="preserve"> de 12 millions de francs CFA.</w:t></w:r></w:p>',
        '<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Lieu : Yamoussoukro.</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        '<w:p {ns}><w:r><w:t xml:space="preserve">Voir l\'encadré.</w:t></w:r><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    ]
    document = docx.Document()
    end = document.element.body[-1]
    for xml in paragraphs:
        end.addprevious(parse_xml(xml.format(ns=ns, box=box)))
    document.save(tmp_path / "yamoussoukro.docx")
    doc = docx_reader.read(tmp_path / "yamoussoukro.docx", "yamoussoukro.docx")
    assert [b.lines for b in doc.blocks] == [
        ["Voir le site du ministère."], ["Budget révisé de 12 millions de francs CFA."], ["Lieu : Yamoussoukro."],
        ["Voir l'encadré."], ["Encadré : 85 % des cibles vaccinées."],
    ], "the text box is read once (not again from its VML fallback), after the paragraph it is anchored in"


@pytest.mark.parametrize("content,reason", [
    (random.Random(2023).randbytes(2048), "not a zip package"),
    (None, "word/document.xml"),
], ids=["random-bytes", "zip-without-document-xml"])
def test_corrupted_docx_says_what_is_wrong_and_how_to_fix_it(tmp_path, content, reason):
    path = tmp_path / "rapport-abime.docx"
    if content is None:
        good = make_docx(tmp_path / "good.docx")
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
            for name in src.namelist():
                if name != "word/document.xml":
                    dst.writestr(name, src.read(name))
    else:
        path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        readers.read(path, path.name)
    assert err.value.message.startswith("is not a valid Word document (")
    assert reason in err.value.message
    assert err.value.hint == "open it in Word or LibreOffice and save it again as .docx"


# --- .pdf --------------------------------------------------------------------------------------------------

def test_pdf_paragraphs_carry_their_page_numbers(tmp_path):
    doc = pdf_reader.read(make_pdf(tmp_path / "kankan.pdf"), "kankan.pdf")
    assert all(b.page in (1, 2) for b in doc.blocks)
    by_text = {" ".join(b.lines): b for b in doc.blocks}
    assert by_text[PDF_PAGE1].kind == "paragraph" and by_text[PDF_PAGE1].page == 1
    assert by_text[PDF_PAGE2].kind == "paragraph" and by_text[PDF_PAGE2].page == 2
    assert (by_text[PDF_TITLE].kind, by_text[PDF_TITLE].page) == ("heading", 1), "bigger type makes a heading"
    assert (doc.fmt, doc.encoding) == ("pdf", "pdf")


def test_pdf_text_rejoins_wrapped_lines_and_keeps_every_sentence(tmp_path):
    doc = pdf_reader.read(make_pdf(tmp_path / "kankan.pdf"), "kankan.pdf")
    for sentence in (PDF_TITLE, PDF_PAGE1, PDF_PAGE2):
        assert sentence in doc.text
    assert doc.text.index(PDF_PAGE1) < doc.text.index(PDF_PAGE2)


def test_pdf_bullets_become_a_list(tmp_path):
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Les participants recommandent de :", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "• mettre à jour le micro-plan de Siguiri ;\n• former les prestataires de Mandiana.")
    pdf.output(str(tmp_path / "liste.pdf"))
    doc = pdf_reader.read(tmp_path / "liste.pdf", "liste.pdf")
    assert [(b.kind, b.lines, b.page) for b in doc.blocks] == [
        ("paragraph", ["Les participants recommandent de :"], 1),
        ("list", ["mettre à jour le micro-plan de Siguiri ;", "former les prestataires de Mandiana."], 1),
    ]
    assert "\n- former les prestataires de Mandiana." in doc.text


def test_pdf_word_cut_at_line_end_is_rejoined_and_a_real_hyphen_kept(tmp_path):
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Le ministère de la santé publi-\nque a présidé l'atelier de Kaya-\nNord.")
    pdf.output(str(tmp_path / "labe.pdf"))
    doc = pdf_reader.read(tmp_path / "labe.pdf", "labe.pdf")
    assert [b.lines for b in doc.blocks] == [["Le ministère de la santé publique a présidé l'atelier de Kaya-Nord."]]


def scanned_pdf(path: Path) -> None:
    """A page with only a drawn rectangle: what a scan without OCR looks like to a text extractor."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))


def encrypted_pdf(path: Path) -> None:
    """A PDF that needs a password to open."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Rapport confidentiel")
    pdf.set_encryption(owner_password="proprietaire", user_password="secret", encryption_method=EncryptionMethod.RC4)
    pdf.output(str(path))


@pytest.mark.parametrize("make,message,hint", [
    (scanned_pdf, "has no text layer (a scanned PDF?)",
     "run OCR on it (e.g. ocrmypdf) or provide the text as .txt/.docx"),
    (encrypted_pdf, "is password-protected", "save an unprotected copy"),
    (lambda p: p.write_bytes(random.Random(2022).randbytes(4096)), "is not a PDF file", "save or export it again as PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), "is not a readable PDF",
     "save or export it again as PDF"),
], ids=["scanned", "encrypted", "random-bytes", "truncated"])
def test_unreadable_pdf_says_what_is_wrong_and_how_to_fix_it(tmp_path, capsys, make, message, hint):
    path = tmp_path / "rapport.pdf"
    make(path)
    with pytest.raises(ReadError) as err:
        readers.read(path, path.name)
    assert err.value.message.startswith(message)
    assert hint in err.value.hint
    assert capsys.readouterr().err == "", "readers do not print: the CLI reports problems"


# --- .html -------------------------------------------------------------------------------------------------

def test_html_keeps_the_article_and_drops_menus_banners_footers_and_scripts(tmp_path):
    doc = html_reader.read(make_html(tmp_path / "pev.html"), "pev.html")
    for sentence in HTML_SENTENCES:
        assert sentence in doc.text
    for junk in HTML_BOILERPLATE:
        assert junk not in doc.text
    assert "Étiquettes" not in doc.text, "the article's own footer is dropped too"


def test_html_structure_comes_out_as_blocks(tmp_path):
    doc = html_reader.read(make_html(tmp_path / "pev.html"), "pev.html")
    assert [(h.lines[0], h.level) for h in blocks_of(doc, "heading")] == [(HTML_TITLE, 2),
                                                                          ("Principales recommandations", 3)]
    assert blocks_of(doc, "list")[0].lines == [HTML_SENTENCES[5], HTML_SENTENCES[6]]
    assert blocks_of(doc, "table")[0].rows == [["Région", "Couverture Penta 3"], ["Centre", "92 %"],
                                               ["Sahel", "61 %"]]
    assert blocks_of(doc, "paragraph")[1].lines == HTML_SENTENCES[2:4], "<br> keeps its line break"
    assert "Centre\t92 %" in doc.text.split("\n")


@pytest.mark.parametrize("charset,encoding,found", [
    ("utf-8", "utf-8", "utf-8"),
    ("windows-1252", "cp1252", "cp1252"),
    ("iso-8859-1", "cp1252", "cp1252"),
    ("iso-8859-1", "utf-8", "utf-8"),  # saved as UTF-8 but still declaring its old charset
], ids=["utf8", "cp1252", "latin1-declared", "utf8-declared-latin1"])
def test_html_is_decoded_with_its_charset(tmp_path, charset, encoding, found):
    doc = html_reader.read(make_html(tmp_path / "pev.html", charset=charset, encoding=encoding), "pev.html")
    assert doc.encoding == found
    assert "Renforcer la chaîne du froid dans les districts du Sahel" in doc.text


def test_html_without_article_tags_uses_the_densest_paragraphs(tmp_path):
    page = ("<html><body><div class='menu'><a href='/'>Accueil</a></div><div id='contenu'>"
            "<p>La session du comité technique s'est tenue à Bobo-Dioulasso le 12 avril 2021.</p>"
            "<p>Elle a validé le plan d'action annuel du district de Dô.</p></div>"
            "<div id='pied'><p>Contact</p></div></body></html>")
    (tmp_path / "bobo.htm").write_text(page, encoding="utf-8")
    doc = readers.read(tmp_path / "bobo.htm", "bobo.htm")
    assert [b.lines for b in doc.blocks] == [
        ["La session du comité technique s'est tenue à Bobo-Dioulasso le 12 avril 2021."],
        ["Elle a validé le plan d'action annuel du district de Dô."],
    ]


def test_empty_html_article_says_what_is_wrong_and_how_to_fix_it(tmp_path):
    path = make_html(tmp_path / "vide.html", article="\n  <!-- rempli par JavaScript -->\n")
    with pytest.raises(ReadError) as err:
        readers.read(path, path.name)
    assert err.value.message.startswith("has no article text")
    assert "JavaScript" in err.value.hint and ".txt or .docx" in err.value.hint


# --- registry and whole build ------------------------------------------------------------------------------

@pytest.mark.parametrize("module,blocked,package", [
    ("docx_reader", "docx", "python-docx"),
    ("pdf_reader", "pdfplumber", "pdfplumber"),
    ("html_reader", "bs4", "beautifulsoup4"),
])
def test_missing_library_names_the_package_to_install(monkeypatch, module, blocked, package):
    """readers/__init__.py turns the ImportError's name into the install hint: it must be the pip name."""
    monkeypatch.setitem(sys.modules, blocked, None)
    monkeypatch.delitem(sys.modules, f"build_scripts.readers.{module}")
    with pytest.raises(ImportError) as err:
        importlib.import_module(f"build_scripts.readers.{module}")
    assert err.value.name == package


def test_formats_are_registered():
    assert {".docx", ".pdf", ".html", ".htm"} <= set(readers.READERS)
    assert not {".docx", ".pdf", ".html", ".htm"} & set(readers.DISABLED)


def test_build_makes_a_page_for_each_format(tmp_path, capsys):
    src = tmp_path / "source"
    src.mkdir()
    make_docx(src / "cote-divoire-bouake-revue-2023.docx")
    make_pdf(src / "guinee-kankan-coordination-paludisme-2022.pdf")
    make_html(src / "burkina-pev-revue-semestrielle-2023.html")
    docs = tmp_path / "docs"
    docs.mkdir()
    assert main(["build", "--source", str(src), "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"3 reports built \(\d+ from cache\), 0 skipped", out)
    pages = {_front_matter_source(p): p for p in (docs / "rapports").glob("*.md")}
    assert set(pages) >= {"cote-divoire-bouake-revue-2023.docx", "guinee-kankan-coordination-paludisme-2022.pdf",
                          "burkina-pev-revue-semestrielle-2023.html"}
    pdf_page = pages["guinee-kankan-coordination-paludisme-2022.pdf"].read_text(encoding="utf-8")
    assert PDF_PAGE1 in pdf_page and PDF_PAGE2 in pdf_page
    docx_page = pages["cote-divoire-bouake-revue-2023.docx"].read_text(encoding="utf-8")
    assert "Recommandation</th><th>Responsable</th><th>Échéance</th></tr>" in docx_page, "the Word table is a table"


def _front_matter_source(page: Path) -> str:
    """The 'source:' value of a generated page's front-matter."""
    for line in page.read_text(encoding="utf-8").split("\n")[1:]:
        if line == "---":
            break
        if line.startswith("source:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return ""
