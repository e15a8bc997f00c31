"""`python -m build_scripts site` is strict for real: every MkDocs warning fails it, named in an `error:` line."""

import pytest

from .conftest import SEEDS, make_project


@pytest.fixture
def project(tmp_path, cli):
    project = make_project(tmp_path / "p")
    assert cli("build", "--source", SEEDS, "--docs", project / "docs").code == 0
    return project


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_clean_site_builds_quietly(project, cli):
    done = cli("site", "--project", project)
    assert done.code == 0, done.err
    assert done.err == "" and done.out == ""
    assert (project / "site" / "a-propos" / "index.html").exists()
    assert (project / "site" / "pagefind" / "pagefind.js").exists()


def test_a_broken_link_in_a_hand_written_page_fails_the_site_command(project, cli):
    _append(project / "docs" / "a-propos.md", "\nVoir [une page absente](nexistepas.md).\n")
    done = cli("site", "--project", project)
    assert done.code == 1
    errors = [line for line in done.err.splitlines() if line.startswith("error: docs/a-propos.md:")]
    assert errors and "nexistepas.md" in errors[0]


def test_a_broken_anchor_in_a_hand_written_page_fails_the_site_command(project, cli):
    _append(project / "docs" / "a-propos.md", "\nVoir [la suite](index.md#nulle-part).\n")
    done = cli("site", "--project", project)
    assert done.code == 1
    assert any(line.startswith("error: docs/a-propos.md:") and "nulle-part" in line
               for line in done.err.splitlines()), done.err


def test_a_generated_page_linking_to_a_vanished_report_fails_the_site_command(project, cli):
    reports = sorted(p for p in (project / "docs" / "rapports").glob("*.md") if p.name != "index.md")
    gone = reports[0]
    gone.unlink()
    done = cli("site", "--project", project)
    assert done.code == 1
    lines = [line for line in done.err.splitlines() if gone.name in line]
    assert lines and all(line.startswith("error: docs/") for line in lines)
    assert not (project / "site" / "pagefind").exists(), "no search index for a site that failed"


def test_an_unknown_site_engine_is_refused_by_name(project, cli, monkeypatch):
    monkeypatch.setenv("SITE_ENGINE", "hugo")
    done = cli("site", "--project", project)
    assert done.code == 2
    assert "SITE_ENGINE='hugo'" in done.err and "mkdocs, properdocs" in done.err
    assert not (project / "site").exists()
