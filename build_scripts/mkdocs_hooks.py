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
import re
from typing import Any

from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

FLAG = "kb_html"  # render.HTML_FLAG: the same key, kept apart so that this hook never imports the generator
HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
IDS = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]+)"')  # in a tag: report text keeps its quotes, not its '<'
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
TAGS = re.compile(r"<[^>]+>")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """For a generated page: its title escaped (the theme prints ``page.meta.title`` as is, in the <title>
    element and the header, and a report's title is report text), and the Markdown conversion skipped."""
    if page.meta.get(FLAG):
        page.meta["title"] = html.escape(str(page.meta.get("title", "")), quote=False)
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
