"""Shared fixtures: the real vocabulary, a CLI runner, and sites built from fixture corpora."""

from __future__ import annotations

import functools
import json
import os
import re
import http.server
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.config import load_vocabulary
from build_scripts.site import GzipHandler, build_site, copy_config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "source_reports"
DEVSET = ROOT / "tests" / "devset" / "reports"
FIXTURES = ROOT / "tests" / "fixtures"


def hand_written_docs() -> list[Path]:
    """The files under docs/ that people wrote (tracked by git), as opposed to generated pages."""
    out = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / line for line in out.splitlines() if line]


def catalogue_rows(docs: Path) -> list[dict]:
    """The whole catalogue of a built docs folder: its parts by year (catalogue/index.json lists them), read
    together, one row per report, in page-name order."""
    index = json.loads((docs / "catalogue" / "index.json").read_text(encoding="utf-8"))
    rows = [row for part in index["parts"]
            for row in json.loads((docs / "catalogue" / part["json"]).read_text(encoding="utf-8"))]
    return sorted(rows, key=lambda row: row["slug"])


def catalogue_text(docs: Path) -> str:
    """Every part of the catalogue (JSON) as one text, to look for a value."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((docs / "catalogue").glob("catalogue-*.json")))


@pytest.fixture(scope="session", autouse=True)
def _private_cache_home(tmp_path_factory):
    """Builds into a docs folder outside any project keep their cache under $XDG_CACHE_HOME: one for the tests."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def vocab():
    return load_vocabulary()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run ``python -m build_scripts ARGS`` in-process; return exit code and printed text."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def make_project(dest: Path) -> Path:
    """A fresh project folder: mkdocs.yml and the hand-written pages, no generated page."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_config(ROOT, dest)
    for src in hand_written_docs():
        target = dest / src.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, target)
    return dest


def corpus_folder(dest: Path, *sources: Path) -> Path:
    """Copy report files (and sidecars) from several folders into one source folder."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in sources:
        for f in sorted(src.iterdir()):
            if f.is_file():
                shutil.copy(f, dest / f.name)
    return dest


@dataclass
class BuiltSite:
    project: Path
    docs: Path
    site: Path
    source: Path
    base_url: str = ""


def build_full(tmp: Path, source: Path, site_url: str = "") -> BuiltSite:
    project = make_project(tmp / "project")
    code = main(["build", "--source", str(source), "--docs", str(project / "docs")] +
                (["--site-url", site_url] if site_url else []))
    assert code == 0
    run = build_site(project, project / "site")
    assert not run.failed, "strict site build failed:\n" + "\n".join(run.problems)
    return BuiltSite(project, project / "docs", project / "site", source)


class _QuietHandler(GzipHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The seeds, the development set, the hostile and search fixtures, built and served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("served")
    source = corpus_folder(tmp / "source", SEEDS, DEVSET, FIXTURES / "hostile", FIXTURES / "search")
    built = build_full(tmp, source)
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    built.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield built
    httpd.shutdown()


@pytest.fixture(scope="session")
def public_site(tmp_path_factory):
    """The seeds built for a public address (citations with permalinks and consultation dates), served."""
    tmp = tmp_path_factory.mktemp("public")
    built = build_full(tmp, corpus_folder(tmp / "source", SEEDS), site_url=PUBLIC_URL)
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    built.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield built
    httpd.shutdown()


PUBLIC_URL = "https://kb.exemple.org/base/"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    pg = context.new_page()
    yield pg
    context.close()


def header_search(page, start_url: str, results_path: str, query: str) -> list:
    """Type a query in the header's search box of ``start_url`` and press Enter: the browser must land on the
    results page (``results_path``, '/recherche/' online, '/recherche.html' offline) and show its hits."""
    page.goto(start_url)
    page.fill("#kb-search-q", query)
    page.press("#kb-search-q", "Enter")
    page.wait_for_url(re.compile(re.escape(f"{results_path}?q={query}")))
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    return page.query_selector_all(".kb-resultat")
