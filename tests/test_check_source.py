"""`check --site` proves that every sentence of each SOURCE FILE (as pdftotext, python-docx's plain paragraphs or
the raw text see it, headers, footers, page numbers and contents set aside) is on the report's page; a sentence
the reader lost is named."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.curator.completeness import source_chunks, source_text
from build_scripts.readers import docx_reader
from tests import docx_fixtures as fx
from tests.conftest import build_full


def export_pdf(docx_path: Path, dest: Path) -> Path:
    """The PDF LibreOffice exports from a Word file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to export PDFs (apt-get install libreoffice-writer-nogui)"
    out = docx_path.parent / "export"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{docx_path.parent}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx_path)], check=True, capture_output=True,
                   timeout=120)
    (out / docx_path.with_suffix(".pdf").name).rename(dest)
    return dest


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The Djougou review as Word, the previous review as a two-page PDF (named as curators name files), a text
    report."""
    tmp = tmp_path_factory.mktemp("check-source")
    work = tmp / "work"
    work.mkdir()
    docx_path = fx.djougou_review(work / "benin-djougou-revue-pnlp-2024.docx")
    previous = export_pdf(fx.previous_review(work / "previous.docx"),
                          work / "Revue annuelle Djougou 2023 (version finale, d'après la DDS).pdf")
    text = work / "benin-djougou-note-2023.txt"
    text.write_text("NOTE DE SERVICE\nLa réunion mensuelle des infirmiers chefs de poste se tiendra le 5 janvier 2024 "
                    "à Djougou.\n", encoding="utf-8")
    return {"docx": docx_path, "pdf": previous, "txt": text}


def test_pdf_source_text_sets_aside_running_header_footer_and_page_numbers(files):
    text = source_text(files["pdf"])
    assert fx.PREVIOUS_HEADER not in text and "Page 1 sur 2" not in text and "Page 2 sur 2" not in text
    sentences = [s for s, _ in source_chunks(text)]
    assert any("Former les relais communautaires de Kolokondé" in s for s in sentences)


def test_docx_source_text_accepts_insertions_and_sets_aside_the_contents(files):
    text = source_text(files["docx"])
    assert fx.TRACKED_KEPT + fx.TRACKED_INSERTED + fx.TRACKED_END in text
    assert "Sommaire" not in text and "Introduction\t2" not in text
    assert fx.HEADER not in text


def test_check_site_proves_every_source_sentence_is_on_its_page(tmp_path, files, cli):
    source = tmp_path / "src"
    source.mkdir()
    for path in files.values():
        shutil.copy(path, source / path.name)
    built = build_full(tmp_path, source)
    result = cli("check", "--source", source, "--site", built.site)
    assert result.code == 0, result.out
    assert "completeness: 3 reports (3 against their source file)" in result.out
    assert "0 pages missing, 0 reports with lost text" in result.out
    original = next((built.site / "originaux").rglob(files["pdf"].name))  # a name with spaces, brackets, quote
    assert original.read_bytes() == files["pdf"].read_bytes()


def test_check_site_names_a_sentence_the_reader_lost(tmp_path, files, cli, monkeypatch):
    """A reader that loses a paragraph: the old check compared the page with the reader's own text and saw
    nothing; the check against the file names the sentence."""
    real = docx_reader._paragraph_block

    def lossy(p, ctx):
        block = real(p, ctx)
        return None if block is not None and block.lines == [fx.INTRO] else block

    monkeypatch.setattr(docx_reader, "_paragraph_block", lossy)
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(files["docx"], source / files["docx"].name)
    built = build_full(tmp_path, source)
    result = cli("check", "--source", source, "--site", built.site)
    assert result.code == 1
    assert f"error: {files['docx'].name}: 1 sentence(s) missing from its page, e.g. « {fx.INTRO[:120]} »" in result.out
