"""A full site build split over two MkDocs processes (engine.run_mkdocs(processes=2), hooks.Share) gives the site
one process gives, byte for byte, and stays strict: a broken link or anchor in any page fails it, named as one
process names it."""

import os

import pytest

from build_scripts.site import run_mkdocs
from build_scripts.site.engine import SPLIT_FROM, site_processes
from build_scripts.site.hooks import Share

from .conftest import DEVSET, SEEDS, corpus_folder, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from build_scripts.cli import main

    tmp = tmp_path_factory.mktemp("split")
    project = make_project(tmp / "p")
    source = corpus_folder(tmp / "source", SEEDS, DEVSET)
    assert main(["build", "--source", str(source), "--docs", str(project / "docs")]) == 0
    return project


def site_files(folder):
    found = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, folder)] = f.read()
    return found


def in_share(project, k, n=2):
    """The report pages that process ``k`` of ``n`` renders."""
    share = Share(k, n, "")
    return sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs" / "rapports").glob("*.md")
                  if p.name != "index.md" and share.mine(p.relative_to(project / "docs").as_posix()))


def test_two_processes_build_the_site_one_process_builds_byte_for_byte(project, tmp_path):
    assert in_share(project, 0) and in_share(project, 1)  # both processes have report pages to write
    one = run_mkdocs(project / "mkdocs.yml", project, tmp_path / "one", processes=1)
    two = run_mkdocs(project / "mkdocs.yml", project, tmp_path / "two", processes=2)
    assert not one.failed and not two.failed, one.problems + two.problems
    a, b = site_files(tmp_path / "one"), site_files(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
    assert f"rapports/{in_share(project, 1)[0][len('rapports/'):-3]}/index.html" in b
    assert b"/rapports/" in b["sitemap.xml"] and b["sitemap.xml"].count(b"<url>") == a["sitemap.xml"].count(b"<url>")
    assert not any(name.startswith(".site-") for name in os.listdir(tmp_path))  # the processes' folders are gone


def test_a_broken_link_or_anchor_in_either_process_fails_the_split_build_as_it_fails_one_process(project, tmp_path):
    """A page of share 0 links to a missing anchor of a report of share 1, and to a missing page; a page of share 1
    does the same the other way: every problem is found, in the words of a one-process build."""
    docs = project / "docs"
    pages = {}
    for k in (0, 1):
        name = next(f"essai-{i}.md" for i in range(100) if Share(k, 2, "").mine(f"essai-{i}.md"))
        target = in_share(project, 1 - k)[0]
        pages[name] = f"# Essai\n\n[Un rapport]({target}#nulle-part) et [une page absente](absente-{k}.md).\n"
    try:
        for name, text in pages.items():
            (docs / name).write_text(text, encoding="utf-8")
        one = run_mkdocs(project / "mkdocs.yml", project, tmp_path / "one", processes=1)
        two = run_mkdocs(project / "mkdocs.yml", project, tmp_path / "two", processes=2)
    finally:
        for name in pages:
            (docs / name).unlink()
    assert one.failed and two.failed
    assert sorted(two.problems) == sorted(one.problems)
    for name in pages:
        assert any(p.startswith(f"docs/{name}:") and "#nulle-part" in p for p in two.problems), two.problems
        assert any(p.startswith(f"docs/{name}:") and "absente-" in p for p in two.problems), two.problems


def test_a_small_site_is_built_by_one_process(project):
    assert sum(1 for _ in (project / "docs").rglob("*.md")) < SPLIT_FROM
    assert site_processes(project / "docs") == 1


def test_a_search_bundle_whose_pages_did_not_change_is_kept_and_one_that_changed_is_indexed_again(project, tmp_path,
                                                                                                   monkeypatch):
    """`site` twice with nothing changed: no bundle is indexed again (Pagefind's files are the first build's);
    then one report edited: only its bundle is."""
    from build_scripts.site import build_site, engine

    monkeypatch.setattr(engine, "PAGES_PER_PART", 15)  # a few bundles from a small corpus
    site = tmp_path / "site"

    def entries():
        return {folder.name: (folder / "pagefind-entry.json").stat().st_mtime_ns for folder in site.glob("pagefind*/")}

    assert not build_site(project, site).failed
    first = entries()
    assert len(first) >= 3
    os.utime(project / "docs" / "a-propos.md")  # MkDocs builds every page again, the same
    assert not build_site(project, site).failed
    assert entries() == first
    report = in_share(project, 0)[0]
    page = project / "docs" / report
    before = page.read_text(encoding="utf-8")
    try:
        page.write_text(before.replace("</h1>", "</h1>\n<p>Une phrase ajoutée pour l'essai.</p>", 1), encoding="utf-8")
        assert not build_site(project, site).failed
    finally:
        page.write_text(before, encoding="utf-8")
    html = f"rapports/{report[len('rapports/'):-3]}/index.html"
    changed = engine.part_dir(engine.part_of(html, len(first)))
    now = entries()
    assert [name for name in sorted(now) if now[name] != first[name]] == [changed]


def test_a_full_build_with_nothing_changed_builds_nothing_and_any_change_builds_again(project, tmp_path, monkeypatch):
    """The site folder is left as the last build left it when nothing it depends on changed; a removed site
    file, a docs file touched or another public address (an !ENV variable of mkdocs.yml) builds it again."""
    from build_scripts.site import build_site

    site = tmp_path / "site"
    assert not build_site(project, site).failed
    files = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert not build_site(project, site).failed
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == files
    (site / "a-propos" / "index.html").unlink()
    assert not build_site(project, site).failed
    assert (site / "a-propos" / "index.html").is_file()
    monkeypatch.setenv("SITE_URL", "https://kb.exemple.org/essai/")
    assert not build_site(project, site).failed
    assert "https://kb.exemple.org/essai/rapports/" in (site / "sitemap.xml").read_text(encoding="utf-8")
