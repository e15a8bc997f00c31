"""The contract between the MkDocs hook (build_scripts/site/hooks.py) and MkDocs: every MkDocs internal the hook
relies on, named, so that an upgrade that changes one fails here, with its name, before a site builds wrong."""

import inspect

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages, toc
from mkdocs.structure.files import File, Files

from build_scripts import paths
from build_scripts.render import pages as render_pages
from build_scripts.site import hooks


def test_page_render_is_what_the_hook_replaces():
    """The hook swaps ``page.render`` for one page; MkDocs calls it as render(config, files) and reads the
    attributes it sets: content, toc, present_anchor_ids (anchor check), links_to_anchors (link check)."""
    assert list(inspect.signature(pages.Page.render).parameters) == ["self", "config", "files"]
    source = inspect.getsource(pages.Page.render)
    for name in ("_RelativePathTreeprocessor", "self.content", "self.toc", "present_anchor_ids", "links_to_anchors"):
        assert name in source, f"MkDocs' Page.render no longer uses {name}: check site/hooks.py:render_html_page"
    for name in ("present_anchor_ids", "links_to_anchors"):
        assert name in pages.Page.__annotations__


def test_private_link_rewriter_and_toc_builder_still_work_as_the_hook_uses_them(tmp_path):
    """_RelativePathTreeprocessor(file, files, config).path_to_url(url) and .links_to_anchors, and
    toc.get_toc(tokens): a generated HTML page gets its links rewritten, its anchors and its contents."""
    assert list(inspect.signature(pages._RelativePathTreeprocessor.__init__).parameters) == [
        "self", "file", "files", "config"]
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "rapports").mkdir(parents=True)
    (docs / "themes").mkdir()
    (docs / "rapports" / "a.md").write_text("x", encoding="utf-8")
    (docs / "themes" / "sante.md").write_text("# Santé\n\n## Plus {#plus}\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(site)})
    assert config.validate() == ([], [])
    a = File("rapports/a.md", str(docs), str(site), True)
    b = File("themes/sante.md", str(docs), str(site), True)
    files = Files([a, b])
    page = pages.Page(None, a, config)
    page.markdown = ('<h2 id="partie">Partie<a class="headerlink" href="#partie">¶</a></h2>\n'
                     '<p><a href="../themes/sante.md#plus">santé</a></p>\n')
    hooks.render_html_page(page, config, files)
    assert 'href="../../themes/sante/#plus"' in page.content
    assert page.present_anchor_ids == {"partie"}
    assert page.links_to_anchors == {a: {"partie": "#partie"}, b: {"plus": "../themes/sante.md#plus"}}
    assert [item.title for item in page.toc] == ["Partie"]
    assert isinstance(page.toc, toc.TableOfContents)


def test_the_hook_and_the_generator_name_the_same_keys_and_files():
    """The hook never imports the generator (MkDocs loads it by path): its copies of the names must agree."""
    assert hooks.FLAG == render_pages.HTML_FLAG
    assert hooks.DESCRIPTION == render_pages.HEAD_DESCRIPTION
    assert hooks.REDIRECTS == paths.REDIRECTS


def test_the_theme_indentation_goes_but_no_text_that_shows():
    """Whitespace that holds a line break and touches a tag becomes one line break (the theme's indented
    labels: '<span>\n    Accueil\n  </span>'); <pre>, <textarea>, <script>, <style>, <code>, <kbd>,
    attribute values (escaped by every template: no raw '<' or '>') and text keep every character."""
    page = ('<ul>\n    <li>\n      <a title="a &gt;\n  &lt; b">un</a>\n      <a>deux</a>  texte\n   suite</li>\n</ul>\n'
            '<pre>\n    <b>code</b>\n    indenté</pre>\n<textarea>\n  <i>x</i>\n</textarea>\n'
            '<script type="application/json">{"a": ">\\n  <"}\n    </script>\n  <p>\u00a0</p>'
            '<span>\n    \n  Accueil\n  \n </span><code>\n  x\n</code><kbd>\n Ctrl\n</kbd>')
    squeezed = hooks.on_post_page(page, None, None)
    assert squeezed == ('<ul>\n<li>\n<a title="a &gt;\n  &lt; b">un</a>\n<a>deux</a>  texte\n   suite</li>\n</ul>\n'
                        '<pre>\n    <b>code</b>\n    indenté</pre>\n<textarea>\n  <i>x</i>\n</textarea>\n'
                        '<script type="application/json">{"a": ">\\n  <"}\n    </script>\n<p>\u00a0</p>'
                        '<span>\nAccueil\n</span><code>\n  x\n</code><kbd>\n Ctrl\n</kbd>')


def test_what_a_split_build_relies_on():
    """hooks.Share: a page left to another process is neither read nor rendered (``read_source`` and ``render``
    are what _populate_page calls); its empty output is not written; ``on_env`` comes after every page was
    rendered (links checked) and before the static files are copied and the pages built; the static templates
    are a set on the theme; an unrendered page's anchors are None and skipped by the anchor check."""
    from mkdocs.commands import build
    from mkdocs.structure.files import InclusionLevel

    populate = inspect.getsource(build._populate_page)
    assert "page.read_source(config)" in populate and "page.render(config, files)" in populate
    assert "if output.strip():" in inspect.getsource(build._build_page)
    order = inspect.getsource(build.build)
    steps = ["_populate_page(", "config.plugins.on_env(", "files.copy_static_files(", "config.theme.static_templates",
             "_build_page(", "validate_anchor_links(", "config.plugins.on_post_build("]
    assert [order.index(step) for step in steps] == sorted(order.index(step) for step in steps)
    assert "page.present_anchor_ids is None" in inspect.getsource(pages.Page.validate_anchor_links)
    assert pages.Page.present_anchor_ids is None
    assert "inclusion(file.inclusion)" in inspect.getsource(Files.copy_static_files)
    assert not InclusionLevel.is_included(InclusionLevel.EXCLUDED)


def test_links_reused_within_a_folder_are_those_mkdocs_gives_each_page(tmp_path, caplog):
    """render_html_page reuses what MkDocs made of a plain link for the next page of the same folder: the
    addresses and the anchors registered are what MkDocs gives that page itself, a link to the page itself
    included (its address differs from page to page), and a missing target still warns for every page."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "rapports").mkdir(parents=True)
    (docs / "themes").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(site)})
    assert config.validate() == ([], [])
    names = ["rapports/a.md", "rapports/b.md", "rapports/index.md", "themes/sante.md"]
    files = Files([File(name, str(docs), str(site), True) for name in names])
    body = ('<p><a href="../themes/sante.md#plus">x</a> <a href="a.md#haut">y</a> <a href="b.md">z</a> '
            '<a href="../themes/sante.md">w</a> <a href="absente.md">v</a></p>\n')
    hooks.on_config(config)
    for name in ("rapports/a.md", "rapports/b.md", "rapports/index.md"):
        page = pages.Page(None, files.get_file_from_path(name), config)
        page.markdown = body
        hooks.render_html_page(page, config, files)
        mkdocs = pages._RelativePathTreeprocessor(page.file, files, config)
        expected = body
        for href in ("../themes/sante.md#plus", "a.md#haut", "b.md", "../themes/sante.md"):
            expected = expected.replace(f'"{href}"', f'"{mkdocs.path_to_url(href)}"')
        assert page.content == expected, name
        assert page.links_to_anchors == mkdocs.links_to_anchors, name
    warned = [r.getMessage() for r in caplog.records if "absente.md" in r.getMessage() and r.levelname == "WARNING"]
    assert len(warned) == 3  # one for each page: a missing target is never taken from another page
