"""Word reports as ministries type them: contents field, bold lines as headings, typed lists, footnotes, running
headers and footers, tracked changes, and the follow-up table of the previous meeting's recommendations.

The fixture (tests/docx_fixtures.py) is one review typed with all of these; each test checks one of them the way
a reader of the published page would notice it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.followup import follow_up_status
from build_scripts.build import extract_one, read_corpus
from build_scripts.readers import docx_reader
from tests import docx_fixtures as fx


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    path = fx.djougou_review(tmp_path_factory.mktemp("word") / "benin-djougou-revue-pnlp-2024.docx")
    return docx_reader.read(path, path.name)


def texts(doc, kind: str) -> list[str]:
    return [line for b in doc.blocks if b.kind == kind for line in b.lines]


def test_the_contents_field_is_not_body_text(review):
    assert "Sommaire" not in review.text
    assert not any(line.endswith((" 2", " 3", " 4")) for line in review.text.split("\n")), review.text
    assert texts(review, "heading").count("2. Leçons apprises") == 1


def test_short_bold_lines_are_headings(review):
    assert texts(review, "heading")[1:] == ["1. Introduction", "2. Leçons apprises", "3. Recommandations",
                                            fx.FOLLOW_UP_TITLE, "Notes"]


def test_typed_dashes_and_numbers_are_lists_and_give_lessons_and_recommendations(review, vocab):
    assert [b.lines for b in review.blocks if b.kind == "list"][:2] == [fx.LESSONS, fx.RECOMMENDATIONS]
    report, _ = extract_one(review, vocab)
    assert [u.text for u in report.units if u.kind == "lesson"] == fx.LESSONS
    assert [u.text for u in report.units if u.kind == "recommendation"] == fx.RECOMMENDATIONS


def test_footnotes_are_kept_as_notes_at_the_end(review):
    assert f"{fx.FOOTNOTE_BEFORE}[1]{fx.FOOTNOTE_AFTER}" in review.text
    assert review.blocks[-2].lines == ["Notes"] and review.blocks[-1].lines == [f"[1] {fx.FOOTNOTE}"]


def test_running_header_footer_and_page_numbers_are_not_body_text(review):
    assert fx.HEADER not in review.text and fx.FOOTER_WORDS not in review.text and "Page" not in review.text


def test_tracked_changes_keep_insertions_and_drop_deletions(review):
    assert fx.TRACKED_KEPT + fx.TRACKED_INSERTED + fx.TRACKED_END in review.text
    assert fx.TRACKED_DELETED not in review.text


def test_follow_up_table_updates_earlier_recommendations_instead_of_making_new_ones(tmp_path, vocab):
    fx.djougou_review(tmp_path / "benin-djougou-revue-pnlp-2024.docx")
    (tmp_path / "benin-djougou-revue-pnlp-2023.txt").write_text(fx.DJOUGOU_PREVIOUS, encoding="utf-8")
    corpus = read_corpus(tmp_path, vocab)
    follow_up_status(corpus.reports)
    later = next(r for r in corpus.reports if r.source.endswith(".docx"))
    earlier = next(r for r in corpus.reports if r.source.endswith(".txt"))
    assert [u.text for u in later.units if u.kind == "recommendation"] == fx.RECOMMENDATIONS
    status = {u.text.split(".")[0]: (u.status, u.status_source) for u in earlier.units if u.kind == "recommendation"}
    assert status == {row[0]: (row[2].lower(), later.slug) for row in fx.FOLLOW_UP[1:]}


def test_word_contents_control_with_its_heading_is_skipped(tmp_path):
    """Word puts its table of contents in a content control, with its own 'Table des matières' heading."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    end = document.element.body[-1]
    entries = "".join(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r>'
                      f'<w:r><w:t>{page}</w:t></w:r></w:p>' for title, page in fx.CONTENTS)
    end.addprevious(parse_xml(
        f'<w:sdt {fx.W_NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r>'
        f'<w:t>Table des matières</w:t></w:r></w:p>{entries}</w:sdtContent></w:sdt>'))
    document.add_paragraph(fx.INTRO)
    document.save(tmp_path / "sommaire.docx")
    doc = docx_reader.read(tmp_path / "sommaire.docx", "sommaire.docx")
    assert [b.lines for b in doc.blocks] == [[fx.INTRO]]


def test_damaged_footnotes_do_not_cost_the_body(tmp_path):
    import zipfile

    path = fx.djougou_review(tmp_path / "djougou.docx")
    with zipfile.ZipFile(path) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    entries["word/footnotes.xml"] = b"<w:footnotes><w:footnote"  # cut short
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
    doc = docx_reader.read(path, path.name)
    assert fx.INTRO in doc.text and "Notes" not in [line for b in doc.blocks for line in b.lines]
