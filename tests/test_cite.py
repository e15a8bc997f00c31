"""Citations and exports: every export parses with a real parser; the catalogue of units is complete."""

import csv
import io
import json

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from build_scripts.render import cite
from build_scripts.build import read_corpus

from .conftest import SEEDS

BASE = "https://kb.exemple.org/"


@pytest.fixture(scope="module")
def reports(vocab):
    return sorted(read_corpus(SEEDS, vocab).reports, key=lambda r: r.slug)


def test_bibtex_parses_with_one_entry_per_report(reports):
    library = bibtexparser.parse_string(cite.bibtex(reports, BASE))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [r.slug for r in reports]
    prodess = next(e for e in library.entries if "prodess" in e.key)
    assert prodess["year"] == "2017" and prodess["address"] == "Mali"
    assert prodess["url"].startswith(BASE + "rapports/")


def test_ris_parses(reports):
    records = rispy.loads(cite.ris(reports, BASE))
    assert len(records) == len(reports)
    assert all(r["type_of_reference"] == "RPRT" and r["urls"][0].startswith(BASE) for r in records)


def render_with_citeproc(items: list[dict]) -> dict[str, str]:
    """Each item's bibliography entry in Harvard Cite Them Right, French locale, consulted on a marker day."""
    items = [{**item, "accessed": {"date-parts": [[1999, 12, 31]]}} for item in items]
    style = CitationStylesStyle("harvard-cite-them-right", locale="fr-FR", validate=False)
    out = {}
    for item in items:
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        out[item["id"]] = str(bibliography.bibliography()[0]).replace("31 décembre 1999", "{consulte}")
    return out


def test_csl_json_renders_with_a_citation_processor(reports):
    rendered = render_with_citeproc(json.loads(cite.csl_json(reports, BASE)))
    assert set(rendered) == {r.slug for r in reports}
    for r in reports:
        assert r.meta["title"] in rendered[r.slug]


@pytest.mark.parametrize("base", [BASE, "http://127.0.0.1:8000/"])
def test_french_citation_is_the_standard_style_with_french_typography(reports, base):
    """Same words, order and punctuation as citeproc-py's Harvard Cite Them Right (fr-FR), with or without a public
    address; then French spacing, which citeproc does not apply."""
    rendered = render_with_citeproc(cite.csl_items(reports, base))
    for r in reports:
        if r.meta["organiser"] or r.meta["programme"]:
            assert cite.report_citation(r, base) == cite.french_typography(rendered[r.slug])


def test_citation_parts_put_the_title_alone_in_the_middle(reports):
    for r in reports:
        before, title, after = cite.reference_parts(r.meta, cite.report_url(BASE, r))
        assert title == cite.french_typography(r.meta["title"].rstrip(". ")) and before + title + after == cite.report_citation(r, BASE)


@pytest.mark.parametrize("text, expected", [
    ("Disponible sur: https://x.org/a?b=1 (Consulté le: 1er mai).",
     "Disponible sur\u00a0: https://x.org/a?b=1 (Consulté le\u00a0: 1er mai)."),
    ("Mali: Base ; vraiment ? oui !", "Mali\u00a0: Base\u00a0; vraiment\u00a0? oui\u00a0!"),
    ("« Former les relais. »", "«\u00a0Former les relais.\u00a0»"),
    ("http://a.b:8000/x", "http://a.b:8000/x"),
])
def test_french_typography(text, expected):
    assert cite.french_typography(text) == expected


def test_french_citation_of_a_report_and_of_a_unit(reports):
    prodess = next(r for r in reports if r.meta["programme"] == "PRODESS")
    text = cite.report_citation(prodess, BASE)
    assert text.startswith("Comité technique du PRODESS (2017) Assises du Comité Technique du PRODESS")
    assert "Mali\u00a0: Base de connaissances" in text and f"{BASE}rapports/{prodess.slug}/" in text
    assert "(Consulté le\u00a0: {consulte})" in text
    rec = next(u for u in prodess.units if u.kind == "recommendation")
    unit = cite.unit_citation(rec, prodess, BASE)
    assert unit.startswith("Recommandation\u00a0: «\u00a0Organiser une table ronde")
    assert ("\u00a0» Responsable\u00a0: DNDS/MSAH. Échéance\u00a0: Avant CT 2018. Dans\u00a0: "
            "Comité technique du PRODESS (2017)") in unit
    assert ". »" not in unit and ".\u00a0»" not in unit
    assert f"#{rec.uid} (Consulté le" in unit


def test_without_a_public_address_nothing_points_at_this_machine(reports):
    local = "http://127.0.0.1:8000/"
    prodess = next(r for r in reports if r.meta["programme"] == "PRODESS")
    text = cite.report_citation(prodess, local)
    assert text.endswith(f"{cite.SITE_NAME}.") and "Disponible" not in text and "Consulté" not in text
    for export in (cite.bibtex(reports, local), cite.ris(reports, local), cite.csl_json(reports, local),
                   cite.units_csv(reports)):
        assert "127.0.0.1" not in export and "localhost" not in export


def test_statements_csv(reports):
    """One row per statement; its report named by page name and title (the rest of the report is in the
    catalogue, once)."""
    table = list(csv.reader(io.StringIO(cite.units_csv(reports).lstrip("\ufeff"), newline=""), delimiter=";"))
    keys = {cite.CSV_HEADERS[k]: k for k in cite.UNIT_FIELDS}
    rows = [{keys[h]: v for h, v in zip(table[0], row)} for row in table[1:]]
    assert len(rows) == sum(len(r.units) for r in reports)
    prodess = {r.slug for r in reports if r.meta["programme"] == "PRODESS"}
    recs = [r for r in rows if r["kind"] == "recommendation" and r["report"] in prodess]
    assert len(recs) == 5 and all(r["structure"] and r["deadline"] and r["id"].startswith(r["report"] + "#rec-")
                                  for r in recs)
    assert not {"url", "countries", "programme", "organiser", "date"} & set(rows[0])
