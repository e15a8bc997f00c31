"""MkDocs hook (``hooks:`` in mkdocs.yml): generated pages written as HTML skip the Markdown conversion.

The generator writes report, index and statement pages as HTML inside a Markdown file whose front-matter says
``kb_html: true``. Python-Markdown would only pass that HTML through, at about 30 ms a page; this hook hands
the HTML to MkDocs directly. MkDocs still does the rest, with its own code: relative links to ``.md`` files
are checked and rewritten (a missing target fails ``--strict`` as usual), anchors are validated, the table of
contents comes from the headings, and the theme and the search markers work as on any page.
Only this module imports MkDocs; the generator never does."""

from __future__ import annotations

import functools
import html
import json
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

FLAG = "kb_html"  # render.HTML_FLAG: the same key, kept apart so that this hook never imports the generator
DESCRIPTION = "kb_description"  # render.HEAD_DESCRIPTION
HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
IDS = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]+)"')  # in a tag: report text keeps its quotes, not its '<'
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
TAGS = re.compile(r"<[^>]+>")
REDIRECTS = "_generes/redirections.json"  # render.REDIRECTS: old report address -> new one
log = logging.getLogger("mkdocs.plugins.kb")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """For a generated page: its title escaped (the theme prints ``page.meta.title`` as is, in the <title>
    element and the header, and a report's title is report text), and the Markdown conversion skipped."""
    if page.meta.get(FLAG):
        page.meta["title"] = html.escape(str(page.meta.get("title", "")), quote=False)
        if page.meta.get(DESCRIPTION):  # the theme prints page.meta.description as is, inside an attribute
            page.meta["description"] = html.escape(" ".join(str(page.meta[DESCRIPTION]).split()), quote=True)
        page.render = functools.partial(render_html_page, page)  # this page only; the others render as usual
    return markdown


def render_html_page(page: Any, config: Any, files: Any) -> None:
    """What ``Page.render`` does, minus Markdown: links, anchors, table of contents."""
    links = _RelativePathTreeprocessor(page.file, files, config)

    def rewrite(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        new = links.path_to_url(url)
        return m.group(0) if new == url else m.group(1) + html.escape(new, quote=True) + m.group(3)

    page.content = HREF.sub(rewrite, page.markdown)
    page.toc = get_toc(toc_tokens(page.content))
    page.present_anchor_ids = set(IDS.findall(page.content))
    page.links_to_anchors = links.links_to_anchors


def toc_tokens(content: str) -> list[dict[str, Any]]:
    """The headings (with their permalink) as the nested tokens of Python-Markdown's toc extension."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for m in HEADING.finditer(content):
        token = {"level": int(m.group(1)), "id": m.group(2), "name": TAGS.sub("", m.group(3)).strip(),
                 "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


# <pre>, <textarea>, <script>, <style>, <code>, <kbd> elements (kept byte for byte: the theme shows code and kbd
# with 'white-space: pre-wrap'), or whitespace that holds a line break next to a tag (after one, or before one).
# The lookahead first lets every other character fail at once: 0.7 ms a report page, was 0.9 with fewer cases.
SQUEEZE = re.compile(r"(?=[< \t\r\n])(?:(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>)"
                     r"|(?<=>)[ \t\r]*\n[ \t\r\n]*|[ \t\r]*\n[ \t\r\n]*(?=<))", re.S | re.I)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Every page without the indentation of the theme's templates: whitespace that holds a line break and
    touches a tag becomes that one line break (it renders as one space where it renders at all, as the run did);
    never inside <pre>, <textarea>, <script>, <style>, <code> or <kbd>, never in attributes. 10 % of a report page."""
    return SQUEEZE.sub(lambda m: m.group(1) or "\n", output)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """A redirect page at each old report address (curated 'aliases'), as Hugo's aliases and mkdocs-redirects
    do: a link already pasted into a proposal still leads to the report. Never over a page of the site."""
    listing = Path(config["docs_dir"]) / REDIRECTS
    if not listing.is_file():
        return
    site = Path(config["site_dir"])
    pretty = config["use_directory_urls"]
    for old, new in sorted(json.loads(listing.read_text(encoding="utf-8")).items()):
        path = site / (f"{old}/index.html" if pretty else f"{old}.html")
        if path.exists():
            log.warning(f"old address '{old}/' is a page of the site: no redirect written there")
            continue
        target = f"{new}/" if pretty else f"{new}.html"
        relative = posixpath.relpath(target, posixpath.dirname(path.relative_to(site).as_posix()))
        if pretty:
            relative += "/"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(relative, (config.get("site_url") or "") and config["site_url"].rstrip("/")
                                      + "/" + target), encoding="utf-8")


def redirect_page(relative: str, canonical: str) -> str:
    """A page that sends the reader (and search engines: canonical, noindex) to the report's new address."""
    to, canon = html.escape(relative, quote=True), html.escape(canonical or relative, quote=True)
    return (f'<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Ce rapport a changé d\'adresse</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{canon}">\n'
            f'<meta http-equiv="refresh" content="0; url={to}">\n</head>\n<body>\n'
            f'<p>Ce rapport a changé d\'adresse : <a href="{to}">aller à sa nouvelle page</a>.</p>\n</body>\n</html>\n')
