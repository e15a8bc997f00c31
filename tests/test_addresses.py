"""Permanent addresses: a report's page keeps its address when its title improves, and an old address kept in
the curated data ('aliases') still leads to the report after the file was renamed."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest

from build_scripts.cli import main
from build_scripts.build import read_corpus
from build_scripts.site import build_site

from .conftest import SEEDS, _QuietHandler, catalogue_rows, make_project

REPORT = """Compte rendu de la réunion de coordination des relais communautaires de Kandi

La réunion s'est tenue le 14 mars 2024 à Kandi sous la présidence du médecin-chef de zone.

Leçons apprises
- Les relais formés sur place restent plus longtemps en poste que ceux formés au chef-lieu.
"""


def one_report(folder, name: str, sidecar: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(REPORT, encoding="utf-8")
    if sidecar:
        (folder / name.replace(".txt", ".meta.yml")).write_text(sidecar, encoding="utf-8")


def test_a_curated_title_leaves_the_address_unchanged(tmp_path, vocab):
    one_report(tmp_path / "a", "relais-kandi.txt")
    one_report(tmp_path / "b", "relais-kandi.txt", "title: Réunion des relais communautaires de Kandi (titre revu)\n")
    before, after = (read_corpus(tmp_path / d, vocab).reports[0] for d in ("a", "b"))
    assert before.meta["title"] != after.meta["title"]
    assert before.slug == after.slug


def test_every_seed_address_comes_from_its_file_name_not_its_title(vocab):
    for r in read_corpus(SEEDS, vocab).reports:
        stem = r.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        assert r.slug == stem.lower(), r.source


def test_a_curated_slug_wins_and_a_bad_one_is_named(tmp_path, vocab):
    one_report(tmp_path / "a", "relais.txt", "slug: relais-communautaires-kandi-2024\n")
    assert read_corpus(tmp_path / "a", vocab).reports[0].slug == "relais-communautaires-kandi-2024"
    one_report(tmp_path / "b", "relais.txt", "slug: Relais Kandi\n")
    corpus = read_corpus(tmp_path / "b", vocab)
    assert corpus.reports[0].slug == "relais"
    assert any(p.field == "slug" and "relais.meta.yml" in p.message and "'slug: relais-kandi'" in p.hint
               for p in corpus.problems)


def test_an_alias_taken_by_a_page_is_refused_with_a_message(tmp_path, vocab):
    one_report(tmp_path, "relais.txt", "aliases: [autre]\n")
    (tmp_path / "autre.txt").write_text(REPORT.replace("Kandi", "Nikki"), encoding="utf-8")
    corpus = read_corpus(tmp_path, vocab)
    assert not any(r.meta.get("aliases") for r in corpus.reports)
    assert any("old address 'autre' is the address of autre.txt" in str(p) for p in corpus.problems)


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """A report built under one file name, then renamed with its old address in 'aliases', served."""
    tmp = tmp_path_factory.mktemp("renamed")
    project = make_project(tmp / "project")
    source = tmp / "source"
    one_report(source, "reunion-relais.txt")
    assert main(["build", "--source", str(source), "--docs", str(project / "docs")]) == 0
    old = catalogue_rows(project / "docs")[0]["slug"]
    shutil.rmtree(source)
    one_report(source, "benin-kandi-relais-2024.txt", f"aliases: [/rapports/{old}/]\n")
    assert main(["build", "--source", str(source), "--docs", str(project / "docs")]) == 0
    new = catalogue_rows(project / "docs")[0]["slug"]
    run = build_site(project, project / "site")
    assert not run.failed, run.problems
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project / "site", f"http://127.0.0.1:{httpd.server_address[1]}", old, new
    httpd.shutdown()


def test_a_renamed_file_leaves_a_redirect_at_its_old_address(renamed_site):
    site, _, old, new = renamed_site
    assert old != new and (site / "rapports" / new / "index.html").is_file()
    page = (site / "rapports" / old / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in page
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/rapports/{new}/">' in page
    assert '<meta name="robots" content="noindex">' in page


def test_the_old_address_opens_the_report_in_a_browser(renamed_site, page):
    _, url, old, new = renamed_site
    page.goto(f"{url}/rapports/{old}/")
    page.wait_for_url(f"{url}/rapports/{new}/")
    assert "relais communautaires" in page.inner_text("h1").lower()
