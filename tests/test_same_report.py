"""One report received as several files (the same review as .docx and as the .pdf exported from it, or the same
text as .txt and .docx): one page, built from the file that keeps the most structure, the others offered for
download on it; Word and PDF originals published beside their page with their format and size in French."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import frontmatter
import pytest

from build_scripts.originals import french_size
from build_scripts.readers import docx_reader
from tests import docx_fixtures as fx
from tests.conftest import make_project

DOCX = "benin-djougou-revue-pnlp-2024.docx"
PDF = "benin-djougou-revue-pnlp-2024-export.pdf"


@pytest.fixture(scope="module")
def word_and_pdf(tmp_path_factory) -> Path:
    """The Djougou review as Word, and as the PDF LibreOffice exports from it."""
    folder = tmp_path_factory.mktemp("same-report")
    fx.djougou_review(folder / DOCX)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to export the PDF (apt-get install libreoffice-writer-nogui)"
    out = folder / "export"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to",
                    "pdf", "--outdir", str(out), str(folder / DOCX)], check=True, capture_output=True, timeout=120)
    (out / DOCX.replace(".docx", ".pdf")).rename(folder / PDF)
    return folder


def report_pages(docs: Path) -> dict[str, frontmatter.Post]:
    """Generated report pages by their source file."""
    posts = [frontmatter.load(p) for p in sorted((docs / "rapports").glob("*.md")) if p.name != "index.md"]
    return {post["source"]: post for post in posts}


def build(cli, tmp_path: Path, source: Path):
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", source, "--docs", project / "docs")
    return project / "docs", result


def copy_files(dest: Path, *files: Path) -> Path:
    dest.mkdir()
    for f in files:
        shutil.copy(f, dest / f.name)
    return dest


def test_word_and_its_pdf_make_one_page_from_word_with_both_offered(tmp_path, cli, word_and_pdf):
    source = copy_files(tmp_path / "src", word_and_pdf / DOCX, word_and_pdf / PDF)
    docs, result = build(cli, tmp_path, source)
    pages = report_pages(docs)
    assert list(pages) == [DOCX], "one page, from the Word file"
    assert f"warning: {PDF}: same report as {DOCX}: one page is made, from {DOCX}" in result.err
    post = pages[DOCX]
    assert [o["file"] for o in post["originals"]] == [DOCX, PDF]
    word_size, pdf_size = ((source / name).stat().st_size for name in (DOCX, PDF))
    assert f"Télécharger le document original (Word, {french_size(word_size)})" in post.content
    assert f"Télécharger aussi {PDF} (PDF, {french_size(pdf_size)})" in post.content
    for name in (DOCX, PDF):
        copies = list((docs / "originaux").rglob(name))
        assert len(copies) == 1 and copies[0].read_bytes() == (source / name).read_bytes()
        assert f'href="../{copies[0].relative_to(docs).as_posix()}"' in post.content


def test_the_better_file_is_kept_whatever_the_file_order(tmp_path, cli, word_and_pdf):
    """The same text as .txt (sorted first) and .docx: the page keeps the Word structure, not the plain text."""
    text = docx_reader.read(word_and_pdf / DOCX, DOCX).text
    source = copy_files(tmp_path / "src", word_and_pdf / DOCX)
    (source / "a-copie-texte.txt").write_text(text, encoding="utf-8")
    docs, result = build(cli, tmp_path, source)
    pages = report_pages(docs)
    assert list(pages) == [DOCX]
    assert "a-copie-texte.txt: same report as" in result.err and "error:" not in result.err
    assert "Télécharger aussi a-copie-texte.txt (texte, " in pages[DOCX].content


def test_different_reports_of_the_same_day_stay_apart(tmp_path, cli, word_and_pdf):
    """The previous review and this one share the programme and place but not their text: two pages."""
    source = copy_files(tmp_path / "src", word_and_pdf / DOCX)
    (source / "benin-djougou-revue-pnlp-2023.txt").write_text(fx.DJOUGOU_PREVIOUS, encoding="utf-8")
    docs, result = build(cli, tmp_path, source)
    assert set(report_pages(docs)) == {DOCX, "benin-djougou-revue-pnlp-2023.txt"}
    assert "same report" not in result.err


def test_original_pdf_alone_is_published_and_a_text_report_has_no_download(tmp_path, cli, word_and_pdf):
    source = copy_files(tmp_path / "src", word_and_pdf / PDF)
    (source / "benin-djougou-revue-pnlp-2023.txt").write_text(fx.DJOUGOU_PREVIOUS, encoding="utf-8")
    docs, _ = build(cli, tmp_path, source)
    pages = report_pages(docs)
    assert f"Télécharger le document original (PDF, {french_size((source / PDF).stat().st_size)})" in pages[PDF].content
    assert "Télécharger le document original" not in pages["benin-djougou-revue-pnlp-2023.txt"].content
    assert "originals" not in pages["benin-djougou-revue-pnlp-2023.txt"].metadata
    assert [p.name for p in (docs / "originaux").rglob("*") if p.is_file()] == [PDF]


@pytest.mark.parametrize("size,shown", [(0, "0 octet"), (900, "900 octets"), (12_345, "12 ko"),
                                        (1_234_567, "1,2 Mo"), (20_000_000, "20,0 Mo")])
def test_sizes_are_written_the_french_way(size, shown):
    assert french_size(size) == shown


def test_adding_then_removing_the_pdf_updates_the_page_and_its_downloads(tmp_path, cli, word_and_pdf):
    """Incremental builds: the PDF dropped beside the Word file later joins its page, and leaves it when deleted."""
    source = copy_files(tmp_path / "src", word_and_pdf / DOCX)
    project = make_project(tmp_path / "p")
    docs = project / "docs"
    cli("build", "--source", source, "--docs", docs)
    shutil.copy(word_and_pdf / PDF, source / PDF)
    cli("build", "--source", source, "--docs", docs)
    assert [o["file"] for o in report_pages(docs)[DOCX]["originals"]] == [DOCX, PDF]
    assert len(list((docs / "originaux").rglob(PDF))) == 1
    (source / PDF).unlink()
    result = cli("build", "--source", source, "--docs", docs)
    assert [o["file"] for o in report_pages(docs)[DOCX]["originals"]] == [DOCX]
    assert not list((docs / "originaux").rglob(PDF)) and "same report" not in result.err


TEMPLATE = """Compte rendu de la réunion mensuelle des relais communautaires de {town}

La réunion s'est tenue le 14 mars 2024 à {town} sous la présidence du médecin-chef de zone. Les relais ont
présenté leurs rapports d'activités du mois, puis la zone sanitaire a rappelé les consignes sur la prise en
charge des cas de paludisme simple et la référence des cas graves vers le centre de santé le plus proche.

Leçons apprises
- Les relais formés sur place restent plus longtemps en poste que ceux formés au chef-lieu.
"""


def test_two_districts_writing_from_one_template_keep_two_pages(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    for town in ("Kandi", "Nikki"):
        (source / f"relais-{town.lower()}.txt").write_text(TEMPLATE.format(town=town), encoding="utf-8")
    docs, result = build(cli, tmp_path, source)
    assert result.code == 0, result.err
    assert sorted(report_pages(docs)) == ["relais-kandi.txt", "relais-nikki.txt"]
    assert "same report" not in result.err
