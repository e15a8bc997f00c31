"""Generated pages are HTML that MkDocs does not convert (site/hooks.py): their links, anchors and table of
contents must still be checked and built by MkDocs, exactly as for a Markdown page."""

import re

from build_scripts.site import copy_config, run_mkdocs

from .conftest import ROOT, SEEDS, make_project

PAGE = """---
title: Page de contrôle
kb_html: true
---

<h1 id="controle">Page de contrôle<a class="headerlink" href="#controle" title="Lien vers cette section">¶</a></h1>
<h2 id="liens">Liens<a class="headerlink" href="#liens" title="Lien vers cette section">¶</a></h2>
<p><a href="../pays/mali.md">Mali</a> · <a href="#liens">ici</a> · <a href="{target}">cible</a></p>
<h3 id="sous-partie">Sous-partie<a class="headerlink" href="#sous-partie" title="Lien vers cette section">¶</a></h3>
<p>*pas d'emphase* et [pas de lien](x.md) : le corps n'est pas du Markdown.</p>
"""


def _mkdocs(project):
    return run_mkdocs(project / "mkdocs.yml", project)


def _project(tmp_path, cli, target):
    project = make_project(tmp_path / "p")
    assert cli("build", "--source", SEEDS, "--docs", project / "docs").code == 0
    (project / "docs" / "rapports" / "zz-controle.md").write_text(PAGE.format(target=target), encoding="utf-8")
    return project


def test_links_are_rewritten_and_the_table_of_contents_built(tmp_path, cli):
    project = _project(tmp_path, cli, "../annees/index.md")
    done = _mkdocs(project)
    assert not done.failed, done.problems
    html = (project / "site" / "rapports" / "zz-controle" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../pays/mali/"' in html and 'href="../../annees/"' in html
    assert "*pas d'emphase* et [pas de lien](x.md)" in html  # shown as written: no Markdown pass
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    assert toc.index('href="#liens"') < toc.index('href="#sous-partie"')


def test_a_broken_link_in_a_generated_page_fails_the_strict_build(tmp_path, cli):
    project = _project(tmp_path, cli, "../pays/atlantide.md")
    done = _mkdocs(project)
    assert done.returncode != 0
    assert any("docs/rapports/zz-controle.md" in p and "pays/atlantide.md" in p for p in done.problems)


def test_a_missing_anchor_in_a_generated_page_is_reported(tmp_path, cli):
    project = _project(tmp_path, cli, "../pays/mali.md#nulle-part")
    done = _mkdocs(project)
    assert done.failed
    assert any("docs/rapports/zz-controle.md" in p and "nulle-part" in p for p in done.problems)


def test_the_hook_path_is_made_absolute_for_a_project_elsewhere(tmp_path):
    config = copy_config(ROOT, tmp_path).read_text(encoding="utf-8")
    assert f"- {(ROOT / 'build_scripts' / 'site' / 'hooks.py').as_posix()}" in config


def test_theme_chips_of_a_report_lead_to_the_paged_theme_pages(tmp_path, cli):
    project = _project(tmp_path, cli, "../annees/index.md")
    assert not _mkdocs(project).failed
    site = project / "site"
    checked = 0
    for page in (site / "rapports").glob("*/index.html"):
        chips = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', page.read_text(encoding="utf-8"), re.S)
        if chips is None:
            continue
        links = re.findall(r'href="\.\./\.\./themes/([^"/]+)/"', chips.group(1))
        assert links and all((site / "themes" / slug / "index.html").exists() for slug in links), page
        checked += 1
    assert checked == len(list(SEEDS.glob("*.txt")))
    assert not (site / "etiquettes").exists() and not (site / "tags.json").exists()
