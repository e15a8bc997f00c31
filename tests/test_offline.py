"""The offline bundle: a zip of the whole site that works opened from disk (file://), search included."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from build_scripts.site.bundle import INDEX_PATH, TEXTS_PATH, ZIP_ROOT, BundleError, BundleResult, build_bundle
from build_scripts.cli import main
from .conftest import DEVSET, FIXTURES, SEEDS, catalogue_rows, corpus_folder, header_search, make_project


@dataclass
class Offline:
    project: Path
    source: Path
    result: BundleResult
    site: Path  # the unzipped site folder

    def url(self, rel: str) -> str:
        return (self.site / rel).as_uri()


@pytest.fixture(scope="session")
def offline(tmp_path_factory) -> Offline:
    """The seeds, the development set and the hostile report, bundled once and unzipped."""
    tmp = tmp_path_factory.mktemp("offline")
    project = make_project(tmp / "project")
    source = corpus_folder(tmp / "source", SEEDS, DEVSET, FIXTURES / "hostile")
    assert main(["build", "--source", str(source), "--docs", str(project / "docs")]) == 0
    result = build_bundle(project, tmp / "base-hors-ligne.zip")
    with zipfile.ZipFile(result.path) as zf:
        zf.extractall(tmp / "unzipped")
    return Offline(project, source, result, tmp / "unzipped" / ZIP_ROOT)


def reports_mentioning(offline: Offline, pattern: str) -> set[str]:
    """Offline URLs (rapports/slug.html) of the reports whose source text matches a pattern."""
    out = set()
    for row in catalogue_rows(offline.project / "docs"):
        if re.search(pattern, (offline.source / row["source"]).read_text(encoding="utf-8")):
            out.add(row["url"].rstrip("/") + ".html")
    return out


def search(page, offline: Offline, query: str) -> list[str]:
    page.goto(f"{offline.url('recherche.html')}?q={quote(query)}")
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")  # hits are drawn one by one
    return [a.get_attribute("href") for a in page.query_selector_all(".kb-resultat__titre")]


def all_results(page) -> list[str]:
    """Every result link, after pressing 'more results' until none are left."""
    page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")  # hits are drawn one by one
    while page.is_visible("#kb-plus"):
        page.click("#kb-plus")
        page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    return [a.get_attribute("href") for a in page.query_selector_all(".kb-resultat__titre")]


def base(urls: list[str]) -> set[str]:
    """The report pages of result links (without the passage, nor the words to light up on arrival)."""
    return {u.split("#")[0].split("?")[0] for u in urls}


def test_home_page_renders_with_the_site_styles(page, offline):
    page.goto(offline.url("index.html"))
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "Base de connaissances" in page.title()


def test_links_open_pages_not_folder_listings(page, offline):
    page.goto(offline.url("index.html"))
    page.click(".md-tabs a:has-text('Rapports')")
    page.wait_for_load_state()
    assert page.url.endswith("/rapports/index.html")
    page.click("article a[href$='.html'][href*='prodess-comite-technique-2017']")  # named after its source file
    page.wait_for_load_state()
    assert page.url.endswith("/rapports/mali-prodess-comite-technique-2017.html")
    assert page.locator("[data-pagefind-body] h1").count() == 1
    assert "Index of" not in page.content()
    page.click("article a[href^='../pays/'] >> nth=0")  # a link written by the generator, resolved by MkDocs
    page.wait_for_load_state()
    assert re.search(r"/pays/[a-z-]+\.html$", page.url)


def test_search_finds_reports_from_disk(page, offline):
    expected = reports_mentioning(offline, r"(?i)vaccination")
    assert len(expected) >= 3
    search(page, offline, "vaccination")
    assert expected <= base(all_results(page))


def test_search_ignores_accents_and_inflections(page, offline):
    expected = reports_mentioning(offline, r"(?i)\bcomplétude")
    assert expected
    search(page, offline, "completude")
    assert expected <= base(all_results(page))
    search(page, offline, "vacciner")
    assert reports_mentioning(offline, r"(?i)\bvaccination") <= base(all_results(page))


def test_several_words_must_all_match(page, offline):
    both = base(search(page, offline, "logistique roulante"))
    assert both and both <= base(search(page, offline, "logistique"))
    assert both == reports_mentioning(offline, r"(?i)logistiques? roulantes?")


def test_a_quoted_phrase_is_found_exactly_from_disk(page, offline):
    # "logistique roulante" side by side, in any case (a report may also say "roulante" elsewhere, alone)
    expected = reports_mentioning(offline, r"(?i)logistique\s+roulante")
    assert expected
    phrase = '"logistique roulante"'
    page.goto(f"{offline.url('recherche.html')}?q={quote(phrase)}")
    page.wait_for_function("/contien|Aucun/.test(document.getElementById('kb-etat').textContent)")
    assert base(all_results(page)) == expected
    marks = {m.inner_text().lower() for m in page.query_selector_all(".kb-resultat__extrait mark")}
    assert marks == {"logistique", "roulante"}


def test_excerpt_marks_the_matched_words(page, offline):
    search(page, offline, "completude")
    marks = [m.inner_text() for m in page.query_selector_all(".kb-resultat__extrait mark")]
    assert marks and all(m.lower() == "complétude" for m in marks)


def facet(page, value: str):
    return page.locator(f"#kb-facettes input[value={json.dumps(value, ensure_ascii=False)}]")


def status_starts_with(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('kb-etat').textContent.startsWith(t)", arg=text)


def test_facet_filter_keeps_reports_of_any_chosen_country(page, offline):
    search(page, offline, "vaccination")
    before = all_results(page)
    countries = {a: m.inner_text() for a, m in zip(before, page.query_selector_all(".kb-resultat__meta"))}
    labels = page.locator("#kb-facettes label[for^='kb-f-pays-']").all_inner_texts()
    (first, n_first), (second, n_second) = [re.match(r"(.+) \((\d+)\)$", t).groups() for t in labels[:2]]
    assert 0 < int(n_first) < len(before) and int(n_second) > 0
    facet(page, first).check()
    status_starts_with(page, f"{n_first} rapport")
    metas = page.locator(".kb-resultat__meta").all_inner_texts()
    assert len(metas) == int(n_first) and all(first in m for m in metas)
    assert f"pays={quote(first)}" in page.url
    facet(page, second).check()  # either country
    either = {a for a, meta in countries.items() if first in meta or second in meta}
    status_starts_with(page, f"{len(either)} rapport")
    assert base(all_results(page)) == base(list(either))
    facet(page, second).uncheck()
    facet(page, first).uncheck()
    status_starts_with(page, f"{len(before)} rapport")


def test_result_link_opens_the_report_at_the_passage(page, offline):
    links = search(page, offline, "logistique roulante renouvellement")
    target = next(link for link in links if "#rec-" in link)
    assert target.startswith("rapports/") and ".html?surligner=" in target
    page.click(f".kb-resultat__titre[href='{target}']")
    page.wait_for_load_state()
    uid = target.split("#")[1]
    assert page.url.split("?")[0] == offline.url(target.split("?")[0]) and page.url.endswith("#" + uid)
    assert "logistique roulante" in page.locator(f"tr:has(#{uid})").inner_text()
    marks = page.locator(f"tr:has(#{uid}) mark.kb-surligne").all_inner_texts()
    assert {"logistique", "roulante"} <= {m.lower() for m in marks}, "the searched words are lit up on arrival"


def test_header_search_box_leads_to_offline_results(page, offline):
    assert header_search(page, offline.url("rapports/index.html"), "/recherche.html", "paludisme")


def test_report_text_in_excerpts_stays_text(page, offline):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    search(page, offline, "formulaire xss script")
    excerpt = page.inner_text(".kb-resultat__extrait")
    page.wait_for_timeout(300)
    assert '<script>alert("xss-script")</script>' in excerpt
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('.kb-resultats script, .kb-resultats img').length") == 0


def test_nothing_leaves_the_disk(page, offline):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(offline.url("index.html"))
    search(page, offline, "paludisme")
    page.click(".kb-resultat__titre >> nth=0")
    page.wait_for_load_state()
    page.goto(offline.url("panier.html"))
    assert urls and [u for u in urls if not u.startswith(("file://", "data:"))] == []


def read_script(path: Path):
    """The JSON data a generated search script assigns to its global."""
    raw = path.read_text(encoding="utf-8")
    start = re.search(r"(?:KB_INDEX|\)\[\d+\]) = ", raw).end()
    return json.loads(raw[start:].strip().rstrip(";"))


def test_offline_index_lists_every_report_page(offline):
    index = read_script(offline.site / INDEX_PATH)
    catalogue = catalogue_rows(offline.project / "docs")
    rows = {r["url"].rstrip("/") + ".html": r for r in catalogue}
    assert [p["u"] for p in index["pages"]] == sorted(rows)
    for n, entry in enumerate(index["pages"]):
        row = rows[entry["u"]]
        assert sorted(entry["f"].get("pays", [])) == sorted(row["countries"])
        assert entry["f"]["annee"] == [str(row["year"] or "Sans date")]
        assert entry["t"] and entry["m"]["date"]
        text, anchors = read_script(offline.site / TEXTS_PATH.format(n // index["chunk"]))[n % index["chunk"]]
        assert anchors and all(0 <= offset <= len(text.encode("utf-16-le")) // 2 for _, offset in anchors)
        assert row["title"].split()[0] in text
    assert "completude" in index["words"] and "complétude" not in index["words"]
    assert offline.result.index_size == (offline.site / INDEX_PATH).stat().st_size
    texts = sorted((offline.site / TEXTS_PATH).parent.iterdir())
    assert offline.result.texts_size == sum(f.stat().st_size for f in texts)


def test_bundle_is_deterministic_and_reports_its_size(offline, tmp_path):
    again = build_bundle(offline.project, tmp_path / "encore.zip")
    assert again.path.read_bytes() == offline.result.path.read_bytes()
    assert offline.result.size == offline.result.path.stat().st_size > 0
    with zipfile.ZipFile(offline.result.path) as zf:
        infos = zf.infolist()
    assert offline.result.files == len(infos)
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    names = {i.filename.removeprefix(ZIP_ROOT + "/") for i in infos}
    assert {"index.html", "recherche.html", INDEX_PATH, "javascripts/recherche.js"} <= names
    assert not any(n.startswith("pagefind/") or n.startswith("sitemap") for n in names)


def test_a_broken_link_stops_the_bundle_and_names_the_page(offline, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(offline.project, project)
    with (project / "docs" / "a-propos.md").open("a", encoding="utf-8") as f:
        f.write("\n[lien cassé](nulle-part.md)\n")
    with pytest.raises(BundleError, match=r"(?s)strict.*docs/a-propos\.md: .*'nulle-part\.md'"):
        build_bundle(project, tmp_path / "jamais.zip")
    assert not (tmp_path / "jamais.zip").exists()


def test_basket_exports_a_word_file_from_disk(page, offline):
    """From file://, with no network: the statement's link opens the report on disk, and the .docx is made
    with the bundled library."""
    import docx

    urls = []
    page.on("request", lambda r: urls.append(r.url))
    report = sorted(reports_mentioning(offline, r"travaux des assises du Comité Technique du PRODESS"))[0]
    page.goto(offline.url(report))
    unit = page.locator(".kb-actions").first
    text = page.evaluate("id => window.kbUnites()[id].text", unit.get_attribute("data-unit"))
    unit.locator("button[data-role=panier]").click()
    page.goto(offline.url("panier.html"))
    with page.expect_download() as info:
        page.click("#kb-export-docx")
    paragraphs = [p.text for p in docx.Document(info.value.path()).paragraphs if p.text.strip()]
    assert paragraphs[0] == "Énoncés à citer" and "Références" in paragraphs
    assert sum(" ".join(text.split()).removesuffix(".") in p for p in paragraphs) == 1
    assert [u for u in urls if not u.startswith(("file://", "data:", "blob:"))] == []
    page.click(".kb-panier__element a")
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "#" in page.url and page.url.split("#")[0].endswith(report)
