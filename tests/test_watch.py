"""Watch mode (``serve --watch``): an edit of the source folder shows on the served page and in the search,
the browser reloads by itself, and what a dirty rebuild leaves equals a full build."""

from __future__ import annotations

import functools
import sys
import re
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from build_scripts.site.engine import PAGES_PER_PART, PARTS_FILE, part_count, part_of
from build_scripts.site.watch import Watcher, WatchHandler, nav_pages, page_output, snapshot, stale_outputs

from .conftest import ROOT, corpus_folder, make_project

NEW_SENTENCE = "Les participants ont recommandé de doter chaque poste de santé d'un registre de vaccination numérique."
NEW_REPORT = """Compte rendu de l'atelier de validation du plan de supervision intégrée, district sanitaire de Zorgho

L'atelier s'est tenu le 12 mars 2025 à Zorgho, au Burkina Faso, organisé par la Direction régionale de la santé
du Plateau central. Les participants ont examiné le plan de supervision intégrée des formations sanitaires.

Recommandations
- Tenir une supervision trimestrielle dans chaque centre de santé et de promotion sociale.
"""


def watcher(tmp: Path, name: str, source: Path) -> Watcher:
    project = make_project(tmp / name)
    return Watcher(project, source, project / "docs", project / "site", say=lambda line: None)


PRELOADS = re.compile(rb"<!-- kb-pagefind-preload -->.*?<!-- /kb-pagefind-preload -->", re.S)


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's bundles (Pagefind's filter files differ between two runs
    on the same pages: its own hash-map order), the list of bundles, and the search page's preloads of them."""
    return {rel: PRELOADS.sub(b"", (folder / rel).read_bytes()) for rel in snapshot(folder)
            if not rel.startswith("pagefind") and rel != PARTS_FILE}


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("watch")
    source = corpus_folder(tmp / "source", ROOT / "source_reports")
    w = watcher(tmp, "project", source)
    assert w.full_build() == 0
    handler = functools.partial(type("Handler", (WatchHandler,), {"status": w.status}), directory=str(w.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield w, f"http://127.0.0.1:{server.server_address[1]}/", tmp
    server.shutdown()


def report_page(w: Watcher, source_name: str) -> str:
    """The address of the report page built from a source file (from the generator's front-matter)."""
    for md in sorted((w.docs / "rapports").glob("*.md")):
        if f"source: {source_name}" in md.read_text(encoding="utf-8"):
            return f"rapports/{md.stem}/"
    raise AssertionError(f"no page for {source_name}")


def test_an_edit_reloads_the_open_page_and_reaches_the_search(watched, page):
    w, base, _ = watched
    source = sorted(w.source.glob("*.txt"))[0]
    address = report_page(w, source.name)
    other = w.site_dir / report_page(w, sorted(w.source.glob("*.txt"))[1].name) / "index.html"
    other_mtime = other.stat().st_mtime_ns
    page.goto(base + address)
    assert NEW_SENTENCE not in page.inner_text("article")
    page.wait_for_timeout(1200)  # the page has asked the server once which build it shows
    source.write_text(source.read_text(encoding="utf-8") + "\n\n" + NEW_SENTENCE + "\n", encoding="utf-8")
    took = w.cycle()
    assert took["pages"] <= took["search"]
    page.wait_for_function("document.querySelector('article').innerText.includes(%r)" % NEW_SENTENCE[:60],
                           timeout=10000)  # reloaded by itself, nobody pressed F5
    assert other.stat().st_mtime_ns == other_mtime, "a report that did not change was rendered again"
    page.goto(base + "recherche/?q=registre+vaccination+num%C3%A9rique")
    page.wait_for_selector("#kb-resultats li", timeout=15000)
    assert address in page.locator("#kb-resultats").inner_html()


def test_added_and_removed_reports_leave_the_same_site_as_a_full_build(watched, tmp_path):
    w, _, _ = watched
    (w.source / "zorgho-supervision.txt").write_text(NEW_REPORT, encoding="utf-8")
    w.cycle()
    added = report_page(w, "zorgho-supervision.txt")
    assert (w.site_dir / added / "index.html").is_file()
    gone = sorted(w.source.glob("*.txt"))[-1]
    gone_page = report_page(w, gone.name)
    gone.unlink()
    w.cycle()
    assert not (w.site_dir / gone_page / "index.html").exists(), "a removed report's page is still served"
    fresh = watcher(tmp_path, "fresh", w.source)
    assert fresh.full_build() == 0
    mine, full = site_files(w.site_dir), site_files(fresh.site_dir)
    assert sorted(mine) == sorted(full)
    assert [rel for rel in sorted(mine) if mine[rel] != full[rel]] == []


def test_pages_and_their_outputs():
    assert page_output("index.md") == "index.html"
    assert page_output("rapports/index.md") == "rapports/index.html"
    assert page_output("rapports/mali-2017.md") == "rapports/mali-2017/index.html"
    assert page_output("references/mali-2017.bib") is None
    # a changed fragment makes every hand-written page stale, never a generated one
    stale = stale_outputs({"_generes/accueil.md"}, {"rapports/vieux.md", "references/vieux.bib"},
                          {"index.md": (1, 1), "a-propos.md": (1, 1), "rapports/x.md": (1, 1)}, {"rapports/x.md"})
    assert stale == {"index.html", "a-propos/index.html", "rapports/vieux/index.html", "references/vieux.bib"}
    # a page of the navigation changed: all of them show their neighbours' titles, so all are rebuilt
    nav = {"index.md", "annees/index.md", "lecons/index.md"}
    now = {"index.md": (1, 1), "annees/index.md": (1, 1), "lecons/index.md": (1, 1), "rapports/x.md": (1, 1)}
    assert stale_outputs({"annees/index.md"}, set(), now, set(now) - {"index.md"}, nav) == {
        "index.html", "annees/index.html", "lecons/index.html"}
    assert stale_outputs({"rapports/x.md"}, set(), now, set(now), nav) == set()


def test_bundles_split_a_large_index_and_keep_each_page_in_one():
    assert part_count(0) == 1 and part_count(PAGES_PER_PART) == 1
    assert part_count(PAGES_PER_PART + 1) == 2
    pages = [f"rapports/r{n:05d}/index.html" for n in range(4000)]
    parts = [part_of(p, 4) for p in pages]
    assert parts == [part_of(p, 4) for p in pages]  # stable
    assert all(700 < parts.count(k) < 1300 for k in range(4))  # balanced


def test_the_navigation_is_read_from_mkdocs_yml():
    pages = nav_pages(ROOT / "mkdocs.yml")
    assert {"index.md", "annees/index.md", "lecons/recommandations.md", "a-propos.md"} <= pages
    assert not any(p.startswith("rapports/") and p != "rapports/index.md" for p in pages)


def test_a_failed_bundle_leaves_no_half_index_and_the_next_build_redoes_all(tmp_path, monkeypatch):
    """One Pagefind run fails: every run is still waited for, the exit code is returned, the list of bundles is
    not rewritten, and the site then counts as having no complete index (so watch mode indexes all again)."""
    from build_scripts.site import engine
    site_dir = tmp_path / "site"
    for name in ("a", "b", "c", "d"):
        (site_dir / "rapports" / name).mkdir(parents=True)
        (site_dir / "rapports" / name / "index.html").write_text("<html lang='fr'></html>", encoding="utf-8")

    def fake(stage, output=None):  # a bundle is an entry file; the stage of bundle 1 fails
        script = ("import json, pathlib, sys; s, o = sys.argv[1:]; "
                  "sys.exit(3) if s.endswith('pages-1') else (pathlib.Path(o).mkdir(parents=True), "
                  "(pathlib.Path(o) / 'pagefind-entry.json').write_text(json.dumps({'languages': {}})))")
        return [sys.executable, "-c", script, str(stage), str(output)]

    monkeypatch.setattr(engine, "pagefind_command", fake)
    monkeypatch.setattr(engine, "PAGES_PER_PART", 2)
    assert engine.build_search_index(site_dir) == 3
    assert not (site_dir / PARTS_FILE).exists()  # nothing claims bundles that are not there
    assert engine.bundle_count(site_dir) in (0, 1)  # bundle 2 missing: never taken for a complete index
    monkeypatch.setattr(engine, "pagefind_command", lambda stage, output=None: fake(str(stage) + "-ok", output))
    assert engine.build_search_index(site_dir) == 0
    assert engine.bundle_count(site_dir) == 2
