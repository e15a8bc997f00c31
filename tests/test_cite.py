"""Citations and exports: every export parses with a real parser; the catalogue of units is complete."""

import json

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from build_scripts import cite
from build_scripts.pipeline import build_corpus

from .conftest import SEEDS

BASE = "https://kb.exemple.org/"


@pytest.fixture(scope="module")
def reports(vocab):
    return sorted(build_corpus(SEEDS, vocab).reports, key=lambda r: r.slug)


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


def test_french_citation_is_the_standard_style(reports):
    rendered = render_with_citeproc(cite.csl_items(reports, BASE))
    for r in reports:
        if r.meta["organiser"] or r.meta["programme"]:
            assert cite.report_citation(r, BASE) == rendered[r.slug]


def test_french_citation_of_a_report_and_of_a_unit(reports):
    prodess = next(r for r in reports if r.meta["programme"] == "PRODESS")
    text = cite.report_citation(prodess, BASE)
    assert text.startswith("Comité technique du PRODESS (2017) Assises du Comité Technique du PRODESS")
    assert "Mali: Base de connaissances" in text and f"{BASE}rapports/{prodess.slug}/" in text
    assert "(Consulté le: {consulte})" in text
    rec = next(u for u in prodess.units if u.kind == "recommendation")
    unit = cite.unit_citation(rec, prodess, BASE)
    assert unit.startswith("Recommandation : « Organiser une table ronde")
    assert "Responsable : DNDS/MSAH. Échéance : Avant CT 2018. Dans : Comité technique du PRODESS (2017)" in unit
    assert f"#{rec.uid} (Consulté le" in unit


def test_units_catalogue(reports):
    rows_json, rows_csv = cite.units_catalogue(reports, BASE)
    rows = json.loads(rows_json)
    assert len(rows) == sum(len(r.units) for r in reports) == len(rows_csv.strip().split("\n")) - 1
    recs = [r for r in rows if r["kind"] == "recommendation" and r["programme"] == "PRODESS"]
    assert len(recs) == 5 and all(r["structure"] and r["deadline"] and "#rec-" in r["url"] for r in recs)
