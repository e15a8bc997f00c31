"""MkDocs hook (``hooks:`` in mkdocs.yml): generated pages written as HTML skip the Markdown conversion.

The generator writes report, index and statement pages as HTML inside a Markdown file whose front-matter says
``kb_html: true``. Python-Markdown would only pass that HTML through, at about 30 ms a page; this hook hands
the HTML to MkDocs directly. MkDocs still does the rest, with its own code: relative links to ``.md`` files
are checked and rewritten (a missing target fails ``--strict`` as usual), anchors are validated, the table of
contents comes from the headings, and the theme and the search markers work as on any page.

A full build can be split over processes (``engine.run_mkdocs``, $KB_SITE_SHARE = "k/n/folder"): each reads
every file and builds the whole navigation, but renders only its share of the pages that are not in the
navigation (a stable hash of their path; no other page shows their content) and the navigation's pages
(whose titles every page shows); process 0 alone writes the navigation's pages, the static files, the
sitemap and the redirects. Each leaves in ``folder`` what the engine needs to finish: the pages it wrote, and
the links to anchors of pages another process rendered, with the anchors of the pages it rendered.
Only this module imports MkDocs; the generator never does."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

FLAG = "kb_html"  # render.HTML_FLAG: the same key, kept apart so that this hook never imports the generator
DESCRIPTION = "kb_description"  # render.HEAD_DESCRIPTION
HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
IDS = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]+)"')  # in a tag: report text keeps its quotes, not its '<'
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
TAGS = re.compile(r"<[^>]+>")
REDIRECTS = "_generes/redirections.json"  # render.REDIRECTS: old report address -> new one
log = logging.getLogger("mkdocs.plugins.kb")
SHARE = "KB_SITE_SHARE"  # engine.SHARE_VARIABLE: "k/n/folder" when this process builds share k of n
SKIP_TEMPLATE = "kb-not-this-share.html"  # an empty template: MkDocs writes no file for an empty page


@dataclass
class Share:
    """Which pages this process renders and writes, when a build is split over processes."""

    k: int
    n: int
    folder: str
    nav: set[str] = field(default_factory=set)  # the navigation's pages: rendered by all, written by process 0
    outputs: set[str] = field(default_factory=set)  # every page's output path, in whichever process
    files: Any = None

    def mine(self, src: str) -> bool:
        """A page outside the navigation belongs to one process, by a stable hash of its path."""
        return int(hashlib.sha256(src.encode("utf-8")).hexdigest()[:8], 16) % self.n == self.k

    def renders(self, src: str) -> bool:
        return src in self.nav or self.mine(src)

    def writes(self, src: str) -> bool:
        return self.k == 0 if src in self.nav else self.mine(src)


_share: Share | None = None


def on_config(config: Any) -> Any:
    """This process's share of a split build, from $KB_SITE_SHARE (none: the whole site, as usual)."""
    global _share
    _share = None
    _resolved.clear()
    value = os.environ.get(SHARE, "")
    if value:
        k, n, folder = value.split("/", 2)
        _share = Share(int(k), int(n), folder)
        logging.getLogger("mkdocs.commands.build").addFilter(_not_skipped_pages)
        if _share.k:  # the sitemap and the error page are process 0's
            config.theme.static_templates = set()
    return config


def _not_skipped_pages(record: logging.LogRecord) -> bool:
    """The pages of another share are left empty on purpose: no line about each of them."""
    return not str(record.msg).startswith("Page skipped:")


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    if _share is not None:
        _share.nav = {page.file.src_uri for page in nav.pages}
        _share.outputs = {f.dest_uri for f in files.documentation_pages()}
        _share.files = files
    return nav


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """A page of another share is neither read nor rendered here (it stays in ``files``: links to it are
    checked as usual)."""
    if _share is not None and not _share.renders(page.file.src_uri):
        page.read_source = functools.partial(_no_source, page)
        page.render = functools.partial(_no_render, page)
    return page


def _no_source(page: Any, config: Any) -> None:
    page.markdown, page.meta = "", {}


def _no_render(page: Any, config: Any, files: Any) -> None:
    page.content, page.toc = "", get_toc([])


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The pages this process does not write get the empty template (the others keep theirs); the static
    files are process 0's (every link to them was checked when the pages were rendered, before this event)."""
    if _share is not None:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), env.loader])
        for f in files:
            if not f.is_documentation_page():
                if _share.k:
                    f.inclusion = InclusionLevel.EXCLUDED
            elif f.page is not None and not _share.writes(f.src_uri):
                f.page.meta["template"] = SKIP_TEMPLATE
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """For a generated page: its title escaped (the theme prints ``page.meta.title`` as is, in the <title>
    element and the header, and a report's title is report text), and the Markdown conversion skipped."""
    if page.meta.get(FLAG):
        page.meta["title"] = html.escape(str(page.meta.get("title", "")), quote=False)
        if page.meta.get(DESCRIPTION):  # the theme prints page.meta.description as is, inside an attribute
            page.meta["description"] = html.escape(" ".join(str(page.meta[DESCRIPTION]).split()), quote=True)
        page.render = functools.partial(render_html_page, page)  # this page only; the others render as usual
    return markdown


PLAIN_LINK = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^?#&%]+\.md)(?:#([^#&%]*))?\Z")  # "../x/y.md#z"
_resolved: dict[tuple[str, str, str], tuple[Any, str]] = {}


def render_html_page(page: Any, config: Any, files: Any) -> None:
    """What ``Page.render`` does, minus Markdown: links, anchors, table of contents. A plain link to a page
    that MkDocs resolved for a page of the same folder (and URL depth) is not resolved again: the target and
    the relative address MkDocs gave are reused, the anchor registered as MkDocs registers it (half of a
    report page's rendering time went into the same few hundred links). Any other link goes to MkDocs."""
    links = _RelativePathTreeprocessor(page.file, files, config)
    here = (posixpath.dirname(page.file.src_uri), posixpath.dirname(page.file.url.rstrip("/")))

    def rewrite(m: re.Match[str]) -> str:
        raw = m.group(2)
        plain = PLAIN_LINK.match(raw)
        if plain:
            hit = _resolved.get((*here, plain.group(1)))
            if hit is not None and not _under(hit[0], page.file):
                anchor = plain.group(2)
                if anchor:
                    links.links_to_anchors.setdefault(hit[0], {}).setdefault(anchor, raw)
                return m.group(1) + html.escape(hit[1] + (f"#{anchor}" if anchor else ""), quote=True) + m.group(3)
        url = html.unescape(raw)
        new = links.path_to_url(url)
        if plain:
            _remember(here, plain, new, page.file, files)
        return m.group(0) if new == url else m.group(1) + html.escape(new, quote=True) + m.group(3)

    page.content = HREF.sub(rewrite, page.markdown)
    page.toc = get_toc(toc_tokens(page.content))
    page.present_anchor_ids = set(IDS.findall(page.content))
    page.links_to_anchors = links.links_to_anchors


def _under(target: Any, file: Any) -> bool:
    """A target at or below the page's own address: its relative address differs from page to page."""
    return not file.url or target.url.startswith(file.url)


def _remember(here: tuple[str, str], plain: re.Match[str], new: str, file: Any, files: Any) -> None:
    """Keep what MkDocs made of a plain link when it is a page's relative address, with no message (a target
    found, not excluded) and the same for every page of this folder."""
    target = files.get_file_from_path(_RelativePathTreeprocessor._target_uri(file.src_uri, plain.group(1)))
    if target is None or target.inclusion.is_excluded() or _under(target, file):
        return
    relative = get_relative_url(target.url, file.url)
    if new == relative + (f"#{plain.group(2)}" if plain.group(2) else ""):
        _resolved[(*here, plain.group(1))] = (target, relative)


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
    if _share is not None:
        _leave_share(_share, config)
        if _share.k:  # the redirects are process 0's
            return
    listing = Path(config["docs_dir"]) / REDIRECTS
    if not listing.is_file():
        return
    site = Path(config["site_dir"])
    pretty = config["use_directory_urls"]
    for old, new in sorted(json.loads(listing.read_text(encoding="utf-8")).items()):
        path = site / (f"{old}/index.html" if pretty else f"{old}.html")
        if path.exists() or (_share is not None and path.relative_to(site).as_posix() in _share.outputs):
            log.warning(f"old address '{old}/' is a page of the site: no redirect written there")
            continue
        target = f"{new}/" if pretty else f"{new}.html"
        relative = posixpath.relpath(target, posixpath.dirname(path.relative_to(site).as_posix()))
        if pretty:
            relative += "/"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(relative, (config.get("site_url") or "") and config["site_url"].rstrip("/")
                                      + "/" + target), encoding="utf-8")


def _leave_share(share: Share, config: Any) -> None:
    """What this process leaves for the engine: the pages it wrote, and the links to anchors of pages it did
    not render (checked by the engine against the anchors of the pages the other processes rendered)."""
    written, anchors, links = [], {}, []
    for f in share.files.documentation_pages():
        if share.writes(f.src_uri):
            written.append(f.dest_uri)
        if f.src_uri in share.nav or not share.renders(f.src_uri):
            continue
        anchors[f.src_uri] = sorted(f.page.present_anchor_ids or ())
        for target, found in (f.page.links_to_anchors or {}).items():
            if target.page is not None and target.page.present_anchor_ids is None:
                links += [[f.src_uri, link, target.src_uri, anchor] for anchor, link in found.items()]
    record = {"written": sorted(written), "anchors": anchors, "links": links,
              "level": config.validation.links.anchors}
    path = Path(share.folder) / f"share-{share.k}.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def redirect_page(relative: str, canonical: str) -> str:
    """A page that sends the reader (and search engines: canonical, noindex) to the report's new address."""
    to, canon = html.escape(relative, quote=True), html.escape(canonical or relative, quote=True)
    return (f'<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Ce rapport a changé d\'adresse</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{canon}">\n'
            f'<meta http-equiv="refresh" content="0; url={to}">\n</head>\n<body>\n'
            f'<p>Ce rapport a changé d\'adresse : <a href="{to}">aller à sa nouvelle page</a>.</p>\n</body>\n</html>\n')
