"""Machine-readable citation in every report page's head (Google Scholar, Zotero, link previews), checked against
the catalogue; and nothing a reader can copy or download points at this machine when there is no public address."""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

from urllib.parse import unquote

import frontmatter
import lxml.html
import pytest
import rispy

from build_scripts.render import cite

from .conftest import FIXTURES, SEEDS, build_full, catalogue_rows, corpus_folder

LOCAL = re.compile(r"127\.0\.0\.1|localhost")


def head_tags(path) -> tuple[dict[str, list[str]], list]:
    """Every <meta name|property> of a page (name -> contents, in order) and its <link> elements."""
    tree = lxml.html.fromstring(path.read_bytes())
    tags: dict[str, list[str]] = defaultdict(list)
    for meta in tree.xpath("//head/meta[@name or @property]"):
        tags[meta.get("name") or meta.get("property")].append(meta.get("content"))
    return tags, tree.xpath("//head/link")


@pytest.fixture(scope="module")
def cite_site(tmp_path_factory):
    """The seeds, a report without date or organiser, and one whose curated title and summary are hostile."""
    tmp = tmp_path_factory.mktemp("cite")
    return build_full(tmp, corpus_folder(tmp / "source", SEEDS, FIXTURES / "cite"))


def catalogue(site) -> list[dict]:
    return catalogue_rows(site.docs)


def test_every_report_page_carries_its_citation_in_meta_tags(cite_site):
    served_site = cite_site
    rows = catalogue(served_site)
    assert any("<script>" in r["title"] and '"' in r["title"] for r in rows), "a hostile title is in the corpus"
    assert any(not r["date"] for r in rows) and any(not (r["organiser"] or r["programme"]) for r in rows), \
        "the corpus must hold a report without a date and one without an organiser"
    for row in rows:
        page = served_site.site / row["url"] / "index.html"
        tags, links = head_tags(page)
        where = row["source"]
        assert all(content and content.strip() for contents in tags.values() for content in contents), where
        for name in ("citation_title", "DC.title", "og:title"):
            assert tags[name] == [row["title"]], (where, name)
        author = row["organiser"] or row["programme"]
        for name in ("citation_author", "DC.creator", "citation_technical_report_institution"):
            assert tags.get(name, []) == ([author] if author else []), (where, name)
        assert tags.get("citation_publication_date", []) == ([row["date"].replace("-", "/")] if row["date"] else [])
        assert tags.get("DC.date", []) == ([row["date"]] if row["date"] else []), where
        assert tags["DC.type"] == [row["doc_type"]] and row["doc_type"] in cite.doc_type(row), where
        assert tags.get("DC.coverage", []) == row["countries"], where
        assert tags.get("DC.subject", []) == row["tags"], where
        assert tags["citation_language"] == ["fr"] and tags["citation_publisher"] == [cite.SITE_NAME]
        assert tags["og:type"] == ["article"]
        assert len(tags["description"]) == 1 and tags["og:description"] == tags["description"], where
        summary = " ".join((row["summary"] or "").split())
        if summary:
            assert summary.startswith(tags["description"][0].rstrip("…")), where
        else:
            assert row["title"] in tags["description"][0], where
        assert tags["description"][0] != served_site_description(served_site)
        for name in ("citation_public_url", "og:url", "DC.identifier", "citation_pdf_url"):
            assert name not in tags, (where, name)  # built without a public address: no URL at all
        downloads = {a.get("download"): a.get("href") for a in lxml.html.fromstring(page.read_bytes()).xpath("//a[@download]")}
        assert set(downloads) == {f"{row['slug']}.{ext}" for ext in ("bib", "ris", "json")}, where
        ris = unquote(downloads[f"{row['slug']}.ris"].split(",", 1)[1])
        assert rispy.loads(ris)[0]["title"] == row["title"], where  # the file is in the link: no file per report


def served_site_description(site) -> str:
    text = (site.project / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_description: (.*)$", text, re.M).group(1)


def test_a_public_address_gives_permalinks_in_the_tags(tmp_path, cli):
    from .conftest import make_project

    project = make_project(tmp_path / "p")
    assert cli("build", "--source", SEEDS, "--docs", project / "docs", "--site-url", "https://kb.exemple.org/base/").code == 0
    for row in catalogue_rows(project / "docs"):
        meta = frontmatter.load(project / "docs" / "rapports" / f"{row['slug']}.md").metadata
        tags = {name: content for _, name, content in meta["kb_meta"]}
        url = f"https://kb.exemple.org/base/rapports/{row['slug']}/"
        assert tags["citation_public_url"] == tags["og:url"] == tags["DC.identifier"] == url


def test_without_a_public_address_nothing_a_reader_copies_names_this_machine(served_site):
    """Citation blocks, the basket's data, every reference file (in the report pages' links), the catalogues:
    no 127.0.0.1, no localhost."""
    docs, site = served_site.docs, served_site.site
    assert not list(docs.glob("references/*/*")) and not list(site.glob("references/*/*"))  # no file per report
    parts = sorted(docs.glob("lecons/lecons-*.csv"))
    references = sorted(docs.glob("references/references-*"))
    catalogue_parts = sorted(docs.glob("catalogue/catalogue-*"))
    files = [*references, *catalogue_parts, *parts, docs / "lecons" / "index.json", docs / "catalogue" / "index.json",
             docs / "references" / "index.json"]
    assert parts and len(references) == 3 * len(catalogue_parts) // 2 > 0
    for path in files:
        assert not LOCAL.search(path.read_text(encoding="utf-8")), path
    blocks = 0
    for page in site.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        for block in tree.xpath("//*[contains(@class, 'kb-citation')] | //script[contains(@class, 'kb-unites')]"):
            blocks += 1
            assert not LOCAL.search(block.text_content() + (block.get("data-cite") or "")), page
        for link in tree.xpath("//a[@download]"):
            assert not LOCAL.search(unquote(link.get("href"))), page
        for meta in tree.xpath("//head/meta[starts-with(@name, 'citation_') or starts-with(@name, 'DC.') "
                               "or starts-with(@property, 'og:')]"):
            assert not LOCAL.search(meta.get("content")), page
    assert blocks > len(catalogue(served_site))


def test_a_pdf_report_names_its_published_original_for_google_scholar(tmp_path, cli):
    from .conftest import make_project

    pdf = sorted((Path(__file__).parent / "formats" / "pdf").glob("*.pdf"))[0]
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(pdf, source / pdf.name)
    project = make_project(tmp_path / "p")
    docs = project / "docs"
    assert cli("build", "--source", source, "--docs", docs, "--site-url", "https://kb.exemple.org/base/").code == 0
    page = next(p for p in sorted((docs / "rapports").glob("*.md")) if p.name != "index.md")
    tags = {name: content for _, name, content in frontmatter.load(page).metadata["kb_meta"]}
    prefix = "https://kb.exemple.org/base/"
    assert tags["citation_pdf_url"].startswith(prefix + "originaux/") and tags["citation_pdf_url"].endswith(".pdf")
    published = docs / tags["citation_pdf_url"][len(prefix):]
    assert published.read_bytes() == pdf.read_bytes()
    # without a public address, no address of this machine: no tag at all
    assert cli("build", "--source", source, "--docs", docs).code == 0
    assert "citation_pdf_url" not in {name for _, name, _ in frontmatter.load(page).metadata["kb_meta"]}
