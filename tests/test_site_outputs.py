"""The published numbers agree with the catalogue: home-page charts, feeds, pagination of big listings."""

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html import unescape

import pytest

from .conftest import catalogue_rows

ATOM = "{http://www.w3.org/2005/Atom}"


def catalogue(site):
    return catalogue_rows(site.docs)


def descs(html: str) -> list[str]:
    return [unescape(d) for d in re.findall(r"<desc[^>]*>(.*?)</desc>", html, re.S)]


def test_home_charts_match_the_catalogue(served_site):
    rows = catalogue(served_site)
    html = (served_site.site / "index.html").read_text(encoding="utf-8")
    grid, timeline = next(d for d in descs(html) if d.startswith("Rapports par pays")), None
    per_country = Counter(c for r in rows for c in r["countries"])
    for country, n in per_country.items():
        assert f"{country} {n}" in grid, (country, n)
    timeline = next(d for d in descs(html) if "rapports datés" in d)
    per_year = Counter(r["year"] for r in rows if r["year"])
    for year, n in per_year.items():
        assert f"{year} : {n} (" in timeline, (year, n)
    assert f"{sum(per_year.values())} rapports datés" in timeline
    undated = sum(1 for r in rows if not r["year"])
    assert f"{undated} rapport" in timeline


def test_feed_items_are_the_newest_dated_reports(served_site):
    rows = [r for r in catalogue(served_site) if r["date"]]
    feed = ET.parse(served_site.site / "feeds" / "rapports.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(rows))
    by_url = {r["url"]: r for r in rows}
    shown = [next(r for url, r in by_url.items() if e.find(f"{ATOM}link").get("href").endswith(url)) for e in entries]
    assert [e.find(f"{ATOM}title").text for e in entries] == [r["title"] for r in shown]
    dates = [r["date"] for r in shown]
    assert dates == sorted(dates, reverse=True)  # newest event first
    assert min(dates) >= sorted((r["date"] for r in rows), reverse=True)[len(entries) - 1]
    themed = ET.parse(served_site.site / "feeds" / "vaccination.xml").getroot()
    titles = sorted(e.find(f"{ATOM}title").text for e in themed.findall(f"{ATOM}entry"))
    assert titles == sorted(r["title"] for r in rows if "vaccination" in r["themes"])  # fewer than 50 here


def test_pages_link_to_the_feeds(served_site):
    home = (served_site.site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and "feeds/rapports.xml" in home
    theme = (served_site.site / "themes" / "vaccination" / "index.html").read_text(encoding="utf-8")
    assert "feeds/vaccination.xml" in theme


@pytest.mark.slow  # 230 reports built into a site
def test_big_listings_are_split_in_pages(tmp_path, cli):
    from tools import synthetic
    from build_scripts.site import build_site

    from .conftest import make_project

    source = tmp_path / "src"
    synthetic.generate(230, source, seed=7)
    project = make_project(tmp_path / "p")
    assert cli("build", "--source", source, "--docs", project / "docs").code == 0
    docs = project / "docs"
    assert (docs / "rapports" / "index--3.md").exists() and not (docs / "rapports" / "index--4.md").exists()
    listing = (docs / "rapports" / "index--2.md").read_text(encoding="utf-8")
    assert listing.count("\n<li><strong><a ") == 100
    assert '<a href="index.md">1</a>' in listing and '<a href="index--3.md">3</a>' in listing
    themed = [p for p in (docs / "lecons").glob("*--2.md")]
    assert themed, "a theme with more than 100 statements of one kind gets a second page"
    run = build_site(project, project / "site")  # strict MkDocs build of the paged site
    assert not run.failed, run.problems
