"""Offline bundle: the whole site as one zip that works opened from disk (file://), search included.

Offices without a connection unzip it and open ``index.html``. Two things stop the normal site from
working there, and this module works around both, MkDocs-side only:

* directory URLs (``../rapports/x/``) open a folder listing under file://, so MkDocs builds an offline
  variant with ``use_directory_urls: false`` (``rapports/x.html``), and the few hand-written links that
  MkDocs does not rewrite (raw HTML, the header's search form) are pointed at the ``.html`` file;
* Chromium blocks ES modules and ``fetch()`` from file:// pages, so Pagefind cannot run: instead the
  report pages are read back into classic scripts that ``recherche.js`` loads with ``<script>`` tags
  and searches in the browser when ``location.protocol`` is ``file:``.

Like Pagefind, the search data comes in two parts, so that a first search does not parse every text:

``javascripts/index-hors-ligne.js`` (loaded by the first search)::

    window.KB_INDEX = {"v": 2, "chunk": 25,
      "pages": [{"u": "rapports/slug.html",                 # URL from the site root; pages sorted by URL
                 "t": "title",
                 "m": {"pays": "...", "date": "..."},       # data-pagefind-meta
                 "f": {"theme": ["...", "..."]},            # data-pagefind-filter
                 "s": {"date": "2017-05-30"}}],             # data-pagefind-sort
      "words": {"vaccination": "0 3:2 1:0.3"}}             # folded word -> postings

A word's postings list the pages holding it: each item is the gap from the previous page number, then
``:count`` unless the count is 1 (counts are weighted by data-pagefind-weight). The browser stems the
words itself (one stemmer, in recherche.js), so the stemming rules can change without rebuilding.

``javascripts/hors-ligne/textes-NNNN.js`` (loaded for the results shown; chunk n holds pages
n*chunk … n*chunk+chunk-1)::

    (window.KB_TEXTES = window.KB_TEXTES || {})[n] = [["visible text of data-pagefind-body, ignored
      parts left out", [["b2", 118], ["rec-1a2b3c4d", 950]]], ...];   # passage anchors: id, offset

Offsets count UTF-16 code units, as JavaScript string indices do. Words are runs of letters and digits,
lower-cased, accents removed (NFD, combining marks dropped), œ/æ spelled out: recherche.js folds
the query the same way.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import lxml.html
import yaml

from ..text import search_form
from ..paths import REPORTS_DIR
from .engine import run_mkdocs

INDEX_PATH = "javascripts/index-hors-ligne.js"
TEXTS_PATH = "javascripts/hors-ligne/textes-{:04d}.js"
CHUNK = 25  # report texts per file: a page of 10 results loads at most 10 of them
ZIP_ROOT = "base-de-connaissances"  # one folder in the zip, so unzipping does not scatter the site
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time in the archive
LEAVE_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})  # only a web server uses them (sitemap is dated)
README = """Base de connaissances santé et action sociale — version hors ligne

Ouvrez le fichier index.html de ce dossier dans un navigateur (double-clic).
Tout fonctionne sans connexion, recherche comprise : aucun serveur n'est nécessaire.
Gardez le dossier entier : les pages et la recherche ont besoin de tous ses fichiers.
"""

PASSAGE_ID = re.compile(r"^(b\d+|(lecon|rec|diff|chiffre|persp)-[0-9a-f]+(-\d+)?(-fin)?)$")
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "button", "input", "select", "textarea"})
WHITESPACE = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+")  # letters and digits, as /[\p{L}\p{N}]+/u in recherche.js
URL_ATTR = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
URL_PATH = re.compile(r"([^?#]*)(.*)", re.DOTALL)  # path, then ?query#fragment


class BundleError(RuntimeError):
    """The offline site could not be built."""


@dataclass(frozen=True)
class BundleResult:
    """What was written: the zip, its size in bytes, how many files it holds, and the search data's sizes."""

    path: Path
    size: int
    files: int
    index_size: int  # bytes of javascripts/index-hors-ligne.js, read by the first search
    texts_size: int  # bytes of the report texts, read a chunk at a time for the results shown


def build_bundle(project: Path, out_zip: Path) -> BundleResult:
    """Build the offline variant of the site of ``project`` (mkdocs.yml + generated docs/) into ``out_zip``."""
    project = project.resolve()
    with tempfile.TemporaryDirectory(prefix="kb-hors-ligne-") as tmp:
        site = Path(tmp) / "site"
        _mkdocs_build(project, Path(tmp), site)
        _fix_links(site)
        search_files = offline_index(site)
        for rel, content in search_files.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_bytes(content)
        (site / "LISEZ-MOI.txt").write_text(README, encoding="utf-8")
        files = _zip_folder(site, out_zip)
    index_size = len(search_files[INDEX_PATH])
    texts_size = sum(len(c) for rel, c in search_files.items() if rel != INDEX_PATH)
    return BundleResult(out_zip, out_zip.stat().st_size, files, index_size, texts_size)


# --- MkDocs, offline variant -------------------------------------------------------------------------------


def _mkdocs_build(project: Path, tmp: Path, site: Path) -> None:
    """``mkdocs build --strict`` with a config that INHERITs the project's and only turns off directory URLs."""
    config = tmp / "mkdocs-hors-ligne.yml"
    config.write_text(yaml.safe_dump(_offline_config(project, site), allow_unicode=True, sort_keys=True),
                      encoding="utf-8")
    run = run_mkdocs(config, project)
    if run.failed:
        raise BundleError(f"the strict build of the offline site failed (exit code {run.returncode}):\n  "
                          + "\n  ".join(run.problems))


def _offline_config(project: Path, site: Path) -> dict:
    """The inheriting config. MkDocs resolves its paths from the inheriting file, so they are made absolute."""
    parent = _read_yaml(project / "mkdocs.yml")
    config: dict = {"INHERIT": str(project / "mkdocs.yml"), "use_directory_urls": False, "site_dir": str(site),
                    "docs_dir": str(project / (parent.get("docs_dir") or "docs"))}
    theme = parent.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {"custom_dir": str(project / theme["custom_dir"])}
    if parent.get("hooks"):
        config["hooks"] = [str(project / h) for h in parent["hooks"]]
    return config


def _read_yaml(path: Path) -> dict:
    """A MkDocs config as plain data; tags such as ``!ENV`` read as None (only plain paths are needed here)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}


def _fix_links(site: Path) -> None:
    """Point the links MkDocs did not rewrite (raw HTML, theme templates) at files, not at folders."""
    files = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    for rel in sorted(f for f in files if f.endswith(".html")):
        page = site / rel
        html = page.read_text(encoding="utf-8")

        def fix(m: re.Match, rel: str = rel) -> str:
            url = m.group(2)
            if not url or url.startswith(("#", "/", "?")) or SCHEME.match(url):
                return m.group(0)
            path, rest = URL_PATH.match(url).groups()
            new = _file_link(files, rel, path) if path else None
            return m.group(0) if new is None else f"{m.group(1)}{new}{rest}{m.group(3)}"

        fixed = URL_ATTR.sub(fix, html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def _file_link(files: frozenset[str], page: str, path: str) -> str | None:
    """The link to use offline for a relative link ``path`` of ``page``, or None when it already reaches a file.

    Paths are relative to the site folder. A link is first read from the page's own folder; if it reaches
    nothing there, it was written for the directory-URL site, where ``x.html`` lived at ``x/index.html``,
    and is read from that folder instead.
    """
    folder, name = posixpath.split(page)
    dir_url_home = folder if name == "index.html" else posixpath.join(folder, name.removesuffix(".html"))
    for base in (folder, dir_url_home):
        target = posixpath.normpath(posixpath.join(base, unquote(path)))
        if target == ".." or target.startswith("../"):
            continue  # outside the site
        target = "" if target == "." else target
        if target in files and not path.endswith("/"):
            return None if base == folder else _relative(target, folder)
        for candidate in (posixpath.join(target, "index.html"), target + ".html"):
            if candidate in files:
                return _relative(candidate, folder)
    return None


def _relative(target: str, folder: str) -> str:
    return quote(posixpath.relpath(target, folder or "."))


# --- offline search index ----------------------------------------------------------------------------------


class _Text:
    """The visible text of a page, whitespace collapsed; offsets in UTF-16 code units (for the browser)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0  # UTF-16 code units
        self.chars = 0  # Python characters
        self.pending_space = False

    def add(self, text: str) -> None:
        text = WHITESPACE.sub(" ", text)
        if text.startswith(" "):
            self.pending_space = True
        trailing_space = text.endswith(" ")
        text = text.strip(" ")
        if not text:
            return
        if self.pending_space and self.parts:
            self._append(" ")
        self._append(text)
        self.pending_space = trailing_space

    def block(self) -> None:
        self.pending_space = True

    def offset(self) -> int:
        """Where the next word will start, in UTF-16 code units."""
        return self.length + (1 if self.pending_space and self.parts else 0)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text.encode("utf-16-le")) // 2
        self.chars += len(text)

    def value(self) -> str:
        return "".join(self.parts)


@dataclass
class _Page:
    """One report page as the offline search sees it."""

    entry: dict  # u, t, m, f, s: what the results list shows and filters on
    text: str
    anchors: list  # [id, UTF-16 offset in text]
    counts: dict[str, float]  # folded word -> weighted number of occurrences


def offline_index(site: Path) -> dict[str, bytes]:
    """The offline search files for every report page of a built site: path from the site root -> content."""
    pages = []
    for path in sorted((site / REPORTS_DIR).rglob("*.html")):
        page = _read_page(path, path.relative_to(site).as_posix())
        if page:
            pages.append(page)
    postings: dict[str, list[str]] = {}
    last: dict[str, int] = {}
    for number, page in enumerate(pages):
        for word, count in sorted(page.counts.items()):
            gap = number - last.get(word, 0)
            last[word] = number
            count = round(count, 1)
            postings.setdefault(word, []).append(str(gap) if count == 1 else f"{gap}:{count:g}")
    index = {"v": 2, "chunk": CHUNK, "pages": [p.entry for p in pages],
             "words": {word: " ".join(items) for word, items in sorted(postings.items())}}
    files = {INDEX_PATH: _script("Index de recherche hors ligne", "window.KB_INDEX = ", index)}
    for chunk in range((len(pages) + CHUNK - 1) // CHUNK):
        texts = [[p.text, p.anchors] for p in pages[chunk * CHUNK:(chunk + 1) * CHUNK]]
        files[TEXTS_PATH.format(chunk)] = _script("Textes des rapports pour les extraits hors ligne",
                                                  f"(window.KB_TEXTES = window.KB_TEXTES || {{}})[{chunk}] = ", texts)
    return files


def _script(what: str, assign: str, data) -> bytes:
    """A classic script that stores JSON data in a global (file:// pages can load those, not fetch JSON)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"// {what} (généré par build_scripts/site/bundle.py), lu par recherche.js.\n{assign}{body};\n".encode("utf-8")


@functools.lru_cache(maxsize=200_000)
def _read_page(path: Path, url: str) -> _Page | None:
    """One report page, or None when it is not part of the search index (no data-pagefind-body)."""
    tree = lxml.html.fromstring(path.read_bytes())
    bodies = tree.xpath("//*[@data-pagefind-body]")
    if not bodies:
        return None
    meta: dict[str, str] = {}
    filters: dict[str, list[str]] = {}
    sort: dict[str, str] = {}
    text, anchors, weights = _Text(), [], []
    for body in bodies:
        _collect_tags(body, meta, filters, sort)
        _walk(body, text, anchors, weights)
    title = meta.pop("title", "") or _plain(next(iter(tree.xpath("//h1")), None)) or _plain(tree.find(".//title"))
    value = text.value()
    counts: dict[str, float] = {}
    for word in WORD.findall(title):
        counts[search_form(word)] = counts.get(search_form(word), 0) + 1
    for m in WORD.finditer(value):
        weight = next((w for start, end, w in weights if start <= m.start() < end), 1.0)
        counts[search_form(m.group())] = counts.get(search_form(m.group()), 0) + weight
    entry = {"u": url, "t": title, "m": meta, "f": filters, "s": sort}
    return _Page(entry, value, anchors, counts)


def _plain(el) -> str:
    return "" if el is None else WHITESPACE.sub(" ", el.text_content()).strip()


def _collect_tags(body, meta: dict, filters: dict, sort: dict) -> None:
    """data-pagefind-meta / -filter / -sort values, as ``key`` (element text) or ``key:value``."""
    for el in body.iter():
        if not isinstance(el.tag, str) or any(a.get("data-pagefind-ignore") == "all" for a in el.iterancestors()):
            continue
        for attr, store in (("data-pagefind-meta", meta), ("data-pagefind-filter", filters),
                            ("data-pagefind-sort", sort)):
            spec = el.get(attr)
            if not spec:
                continue
            key, _, value = spec.partition(":")
            value = value.strip() or _plain(el)
            if not value:
                continue
            if store is filters:
                values = filters.setdefault(key.strip(), [])
                if value not in values:
                    values.append(value)
            else:
                store[key.strip()] = value


def _walk(el, text: _Text, anchors: list, weights: list) -> None:
    """Append the visible text under ``el`` (minus data-pagefind-ignore parts), noting anchors and weights."""
    tag = el.tag if isinstance(el.tag, str) else ""
    skipped = (not tag or tag in SKIP_TAGS or el.get("data-pagefind-ignore") is not None
               or "headerlink" in (el.get("class") or "").split())
    if not skipped:
        ident = el.get("id")
        if ident and PASSAGE_ID.match(ident):
            anchors.append([ident, text.offset()])
        block = tag in BLOCK_TAGS
        if block:
            text.block()
        start = text.chars
        for name in (el.get("data-pagefind-index-attrs") or "").split(","):  # as Pagefind: attributes it reads
            if name.strip() and el.get(name.strip()):
                text.add(f" {el.get(name.strip())} ")
        if el.text:
            text.add(el.text)
        for child in el:
            _walk(child, text, anchors, weights)
        if block:
            text.block()
        weight = el.get("data-pagefind-weight")
        if weight and text.chars > start:
            try:
                weights.append((start, text.chars, float(weight)))
            except ValueError:
                pass
    if el.tail:
        text.add(el.tail)


# --- zip ---------------------------------------------------------------------------------------------------


def _zip_folder(folder: Path, out_zip: Path) -> int:
    """Zip ``folder`` with sorted entries, a fixed date and fixed permissions: same input, same bytes."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    names = [name for name in names if name not in LEAVE_OUT]
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_zip.with_name(out_zip.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in names:
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{name}", date_time=ZIP_DATE)
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (folder / name).read_bytes(), compresslevel=9)
    os.replace(tmp, out_zip)
    return len(names)
