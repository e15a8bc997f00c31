"""The one thin integration with the site tools: run MkDocs on the generated docs, and serve the result."""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import http.server
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..paths import REPORTS_DIR
from ..write import atomic_write


def copy_config(code: Path, dest: Path) -> Path:
    """mkdocs.yml copied into another project folder, its ``hooks:`` pointed at this code's files (MkDocs
    resolves them from the config file's folder, which holds no build_scripts/ in a test or benchmark)."""
    text = (code / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*-\s*)(build_scripts/\S+\.py)\s*$",
                  lambda m: m.group(1) + (code / m.group(2)).resolve().as_posix(), text)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


ENGINES = ("mkdocs", "properdocs")  # ProperDocs: a maintained fork of MkDocs 1.x, same config and hooks
ENGINE_VARIABLE = "SITE_ENGINE"  # the one setting that picks the engine; MkDocs unless it says otherwise
_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<what>.*)$")


@dataclass
class SiteRun:
    """What one run of the site engine left: its exit code and each warning or error, one line each."""

    returncode: int
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.returncode != 0 or bool(self.problems)


def engine_name() -> str:
    """The site engine named by $SITE_ENGINE (default: mkdocs); an unknown name is refused, never guessed."""
    name = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"${ENGINE_VARIABLE}={name!r} is not a site engine; expected one of {', '.join(ENGINES)}")
    return name


def mkdocs_command(config: Path | str, site_dir: Path | str | None = None, strict: bool = True,
                   dirty: bool = False) -> list[str]:
    """The one command line that starts the site engine (MkDocs, or ProperDocs by $SITE_ENGINE): never
    ``--quiet``, which hides the warnings that strict mode counts. ``dirty``: only the pages whose source is
    newer than their output (watch mode; never for a published build)."""
    cmd = [sys.executable, "-m", engine_name(), "build", "--strict" if strict else "--no-strict", "-f", str(config)]
    return cmd + (["-d", str(site_dir)] if site_dir is not None else []) + (["--dirty"] if dirty else [])


ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # no banner about MkDocs 2.0


SHARE_VARIABLE = "KB_SITE_SHARE"  # hooks.SHARE: "k/n/folder", this process builds share k of n
SPLIT_FROM = 2000  # Markdown pages from which a full build is split over processes (below, one start is cheaper)


def site_processes(docs: Path) -> int:
    """How many processes build the site: one per usable CPU, two at most (the reference machine has two), and
    one for a small site or a single CPU."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cpus < 2:
        return 1
    pages = sum(name.endswith(".md") for _, _, names in os.walk(docs) for name in names)
    return 2 if pages >= SPLIT_FROM else 1


def run_mkdocs(config: Path, cwd: Path, site_dir: Path | str | None = None, strict: bool = True,
               dirty: bool = False, processes: int = 1) -> SiteRun:
    """Build ``config`` with the site engine, its output captured and every WARNING or ERROR line kept, so that
    strict mode never depends on what the engine chose to print. ``processes`` > 1: a full build split over that
    many processes at once (see hooks.py), whose union is the one-process site byte for byte."""
    if processes > 1 and not dirty and site_dir is not None:
        return _run_split(config, cwd, Path(site_dir), strict, processes)
    done = subprocess.run(mkdocs_command(config, site_dir, strict, dirty), cwd=cwd, check=False,
                          env={**os.environ, **ENGINE_ENV}, capture_output=True, text=True)
    return _site_run(done.returncode, done.stderr + done.stdout)


def _site_run(returncode: int, output: str) -> SiteRun:
    lines = output.splitlines()
    problems = list(dict.fromkeys(_problem(line) for line in lines if line.startswith(("WARNING", "ERROR"))))
    if returncode and not problems:  # a crash: its last lines say why
        problems = [f"{engine_name()} build failed (exit code {returncode}): " + " / ".join(lines[-5:])]
    return SiteRun(returncode, problems)


def _run_split(config: Path, cwd: Path, site_dir: Path, strict: bool, processes: int) -> SiteRun:
    """Process 0 builds into ``site_dir``, the others into folders beside it; every process checks the links of
    the pages it renders, the links to anchors across processes are checked here, in MkDocs' own words; then
    the pages of the other processes are moved into ``site_dir``."""
    site_dir = Path(cwd, site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".site-", dir=site_dir.parent) as tmp:
        runs = []
        for k in range(processes):
            out = site_dir if k == 0 else Path(tmp) / f"site-{k}"
            log = open(Path(tmp) / f"log-{k}.txt", "w+", encoding="utf-8")  # a file: no pipe to fill up
            env = {**os.environ, **ENGINE_ENV, SHARE_VARIABLE: f"{k}/{processes}/{tmp}"}
            runs.append((subprocess.Popen(mkdocs_command(config, out, strict), cwd=cwd, env=env, stdout=log,
                                          stderr=subprocess.STDOUT, text=True), log))
        output, code = "", 0
        for proc, log in runs:
            returncode = proc.wait()  # every process waited for, even after one failed
            code = code or returncode
            log.seek(0)
            output += log.read()
            log.close()
        run = _site_run(code, output)
        left = [Path(tmp) / f"share-{k}.json" for k in range(processes)]
        if not all(path.is_file() for path in left):  # a process stopped before the end: nothing to finish
            return run
        shares = [json.loads(path.read_text(encoding="utf-8")) for path in left]
        run.problems += [p for p in dict.fromkeys(_cross_anchor_problems(shares)) if p not in run.problems]
        if run.failed:  # strict: the warnings of any process (MkDocs writes every page before it counts them)
            return run
        for k, share in enumerate(shares[1:], start=1):
            for rel in share["written"]:
                target = site_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(Path(tmp) / f"site-{k}" / rel, target)
    return run


def _cross_anchor_problems(shares: list[dict]) -> list[str]:
    """What MkDocs' anchor check says of a link to a page that another process rendered."""
    anchors = {src: set(ids) for share in shares for src, ids in share["anchors"].items()}
    problems = []
    for share in shares:
        if share["level"] < 30:  # validation.links.anchors below "warn": MkDocs would not fail either
            continue
        for src, link, target, anchor in share["links"]:
            if target in anchors and anchor not in anchors[target]:
                problems.append(_problem(f"WARNING - Doc file '{src}' contains a link '{link}', but the doc "
                                         f"'{target}' does not contain an anchor '#{anchor}'."))
    return problems


def _problem(line: str) -> str:
    """One engine warning as a one-line message that names the page and what is wrong in it."""
    what = re.sub(r"^(WARNING|ERROR)\s*-\s*", "", line).strip()
    found = _DOC_FILE.match(what)
    if found:
        return f"docs/{found['page']}: {found['what']} — fix the link or the page, then build again"
    return what


def build_site(root: Path, site_dir: Path | None = None) -> SiteRun:
    """Strict MkDocs build of the project folder, then the Pagefind index. Any engine warning is a failure:
    MkDocs' own strict mode only counts the warnings it prints, so none is left to its verbosity. The search
    bundles of the last build are set aside before MkDocs empties the site folder: a bundle whose pages come
    out the same is put back instead of being indexed again. When nothing the build reads has changed since
    the last one that succeeded, and its site folder is as it left it, nothing is built again (``site_stamp``)."""
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    named = hashlib.sha256(str(site_dir).encode("utf-8")).hexdigest()[:16]
    stamp_file = root / ".cache" / "site" / f"stamp-{named}.txt"  # one per site folder
    stamp = site_stamp(root, site_dir)
    if _read(stamp_file) == stamp:
        return SiteRun(0, [])
    stamp_file.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kept-index-", dir=site_dir.parent) as kept:
        for folder in site_dir.glob("pagefind*/"):
            if folder.is_dir():
                folder.rename(Path(kept) / folder.name)
        run = run_mkdocs(root / "mkdocs.yml", root, site_dir, processes=site_processes(root / "docs"))
        if run.failed:
            return SiteRun(run.returncode or 1, run.problems)
        code = build_search_index(site_dir, reuse=Path(kept))
    if code:
        return SiteRun(code, [f"pagefind failed on {site_dir} (exit code {code})"])
    stamp_file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(stamp_file, site_stamp(root, site_dir))
    return SiteRun(0, [])


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


ENV_TAG = re.compile(r"!ENV\s*(\[[^\]]*\]|\S+)")  # !ENV NAME or !ENV [NAME, OTHER, default]


def site_stamp(root: Path, site_dir: Path) -> str:
    """What a full build of ``root`` into ``site_dir`` reads, and what it left: mkdocs.yml, the environment
    variables it names (``!ENV``), the engine's, the day (the sitemap dates pages by the build day), the
    installed packages (engine, theme, Markdown extensions, Pagefind) and this code, every docs file's size and
    modification time (the generator rewrites only the files that change), and every file of the site
    folder. Two equal stamps: the site folder is the one this build would write."""
    import datetime

    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    names = {ENGINE_VARIABLE, "SOURCE_DATE_EPOCH"}  # (a default's words are read as names too: harmless)
    names.update(name for found in ENV_TAG.finditer(config) for name in re.findall(r"[A-Za-z_]\w*", found.group(1)))
    h = hashlib.sha256(config.encode("utf-8"))
    h.update(json.dumps({name: os.environ.get(name) for name in sorted(names)}).encode("utf-8"))
    h.update(datetime.datetime.now(datetime.timezone.utc).date().isoformat().encode("ascii"))
    h.update(_code_version().encode("ascii"))
    for folder in (root / "docs", site_dir):
        h.update(b"\0folder\0")
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{os.path.relpath(os.path.join(dirpath, name), folder)}\0{st.st_size}\0{st.st_mtime_ns}\n"
                         .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """The installed packages (names and versions) and the source of this package (its hooks among it)."""
    import importlib.metadata

    h = hashlib.sha256(sys.version.encode("utf-8"))
    for name, version in sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()):
        h.update(f"{name}=={version}\n".encode("utf-8"))
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


PAGES_PER_PART = 3000  # report pages per Pagefind bundle: at 10,000 reports, 4 bundles of ~1 GB of memory each
PARTS_FILE = "pagefind-parties.json"  # the bundles after the first, read by recherche.js, merged in the browser
INDEX_JOBS = 2  # bundles indexed at once (both cores of the reference machine; memory stays per bundle)


def pagefind_command(site_dir: Path | str, output: Path | str | None = None) -> list[str]:
    """Pagefind over the report pages only: they alone carry data-pagefind-body, and reading the other pages
    (indexes, statements) costs a third of the indexing time for nothing. French stemming from <html lang>.
    Statements are found inside their report's result (their data is in its metadata), not as records of their
    own: at 10,000 reports that would be 100,000 more files and twice Pagefind's memory."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", f"{REPORTS_DIR}/**/*.html", "--silent"]
    return cmd + (["--output-path", str(output)] if output is not None else [])


def report_pages(site_dir: Path) -> list[str]:
    """The pages Pagefind reads, as paths relative to the site folder, sorted."""
    return sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / REPORTS_DIR).glob("**/*.html"))


def part_count(pages: int) -> int:
    """How many bundles the index is split into: one up to PAGES_PER_PART pages (a search then loads one
    index, as before), then one more per PAGES_PER_PART, so that Pagefind's memory stays bounded."""
    return max(1, -(-pages // PAGES_PER_PART))


def part_of(page: str, parts: int) -> int:
    """The bundle a page belongs to: a stable hash of its address, so an edit re-indexes one bundle only."""
    return int(hashlib.sha256(page.encode("utf-8")).hexdigest()[:8], 16) % parts


def part_dir(part: int) -> str:
    """The folder of bundle ``part`` in the site: the first is Pagefind's usual one."""
    return "pagefind" if part == 0 else f"pagefind-{part + 1}"


INDEX_KEY = "kb-pages.sha256"  # in each bundle: the digest of the pages it indexed (and of Pagefind's version)


def index_key(site_dir: Path, pages: list[str]) -> str:
    """What a bundle depends on: Pagefind's version and command, and each of its pages, path and bytes."""
    h = hashlib.sha256(f"{_pagefind_version()}\0{pagefind_command('', '')[3:]}\0".encode("utf-8"))
    for page in pages:
        with open(site_dir / page, "rb") as f:
            h.update(page.encode("utf-8") + b"\0" + hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _pagefind_version() -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _has_key(folder: Path, key: str) -> bool:
    try:
        return (folder / INDEX_KEY).read_text(encoding="ascii").strip() == key
    except (OSError, ValueError):
        return False


def build_search_index(site_dir: Path, only: set[int] | None = None, jobs: int = INDEX_JOBS,
                       reuse: Path | None = None) -> int:
    """The Pagefind index of the report pages, in ``part_count`` bundles indexed ``jobs`` at a time (each from
    a folder of hard links to its pages), each swapped in whole when done, so a search never reads half an
    index. ``only``: rebuild just these bundles (watch mode, after an edit). A bundle whose pages are those it
    indexed (its INDEX_KEY), in the site or in ``reuse`` (the last build's bundles), is kept as it is. Returns
    0, or the first failing exit code."""
    site_dir = Path(site_dir).resolve()
    pages = report_pages(site_dir)
    parts = part_count(len(pages))
    groups: dict[int, list[str]] = {k: [] for k in range(parts)}
    for page in pages:
        groups[part_of(page, parts)].append(page)
    wanted = sorted(range(parts) if only is None else {k for k in only if k < parts})
    with tempfile.TemporaryDirectory(prefix=".index-", dir=site_dir.parent) as tmp:
        runs: list[tuple[int, subprocess.Popen[bytes]]] = []
        code = 0
        for k in wanted:
            key = index_key(site_dir, groups[k])
            if _has_key(site_dir / part_dir(k), key):
                continue
            if reuse is not None and _has_key(reuse / part_dir(k), key):
                (reuse / part_dir(k)).rename(Path(tmp) / f"out-{k}")
                _finish(k, None, tmp, site_dir)
                continue
            stage = Path(tmp) / f"pages-{k}"
            for page in groups[k]:
                target = stage / page
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(site_dir / page, target)
                except OSError:  # another file system, or no hard links: a copy does the same
                    shutil.copy2(site_dir / page, target)
            if len(runs) >= jobs:
                done = _finish(*runs.pop(0), tmp, site_dir)  # always waited for: tmp is removed after
                code = code or done
            (Path(tmp) / f"key-{k}").write_text(key + "\n", encoding="ascii")
            runs.append((k, subprocess.Popen(pagefind_command(stage, Path(tmp) / f"out-{k}"))))
        for k, run in runs:
            done = _finish(k, run, tmp, site_dir)
            code = code or done
    if code:  # the listing keeps naming what was there; bundle_count sees the gap and the next build redoes all
        preload_search_files(site_dir)
        return code
    for stale in site_dir.glob("pagefind-*/"):  # bundles of a larger corpus than this one
        if stale.is_dir() and not (stale.name[9:].isdigit() and 2 <= int(stale.name[9:]) <= parts):
            shutil.rmtree(stale)
    listing = {"parties": [part_dir(k) + "/" for k in range(1, parts)]}
    _write_if_changed(site_dir / PARTS_FILE, json.dumps(listing, ensure_ascii=False) + "\n")
    preload_search_files(site_dir)
    return code


def bundle_count(site_dir: Path) -> int:
    """How many bundles the site's index has now: 0 when it has none, or when one it lists is missing (an
    indexing that failed midway), so that the next build indexes them all again."""
    if not (site_dir / "pagefind" / "pagefind-entry.json").is_file():
        return 0
    try:
        listed = json.loads((site_dir / PARTS_FILE).read_text(encoding="utf-8"))["parties"]
    except (OSError, ValueError, KeyError, TypeError):
        return 1
    if not all((site_dir / str(folder) / "pagefind-entry.json").is_file() for folder in listed):
        return 0
    return 1 + len(listed)


def _finish(part: int, run: subprocess.Popen[bytes] | None, tmp: str, site_dir: Path) -> int:
    """Wait for one bundle (None: a kept one, already in ``tmp``), then put it in place of the old one (a
    rename: never half an index), with the key of the pages it indexed."""
    code = run.wait() if run is not None else 0
    if code == 0:
        out, final, old = Path(tmp) / f"out-{part}", site_dir / part_dir(part), Path(tmp) / f"old-{part}"
        if run is not None:
            (Path(tmp) / f"key-{part}").rename(out / INDEX_KEY)
        if final.exists():
            final.rename(old)
        out.rename(final)
    return code


def _write_if_changed(path: Path, text: str) -> None:
    """Through the project's one write routine (whole or not at all), and only when the text differs."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        atomic_write(path, text)


SEARCH_PAGE = "recherche/index.html"
_PRELOAD_BLOCK = re.compile(r"<!-- kb-pagefind-preload -->.*?<!-- /kb-pagefind-preload -->", re.S)  # main.html


def preload_search_files(site_dir: Path) -> None:
    """The search page names the first files of each bundle (entry and metadata; Pagefind's script and
    WebAssembly once): the browser fetches them with the page instead of one after the other (a 2 s round trip
    each on a slow network), and recherche.js learns the bundles without asking for PARTS_FILE. Each
    metadata's hash changes with its index: the entry's address (?ts=hash) is never stale in a cache. Written
    again after every index build (watch mode re-indexes single bundles)."""
    page = site_dir / SEARCH_PAGE
    if not page.is_file():
        return
    links = ['<link rel="modulepreload" href="../pagefind/pagefind.js">']
    for part in range(bundle_count(site_dir)):
        folder = part_dir(part)
        try:
            languages = json.loads((site_dir / folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        except (OSError, ValueError, KeyError):  # an incomplete index: nothing is preloaded, recherche.js
            links = []                              # finds the bundles itself
            break
        index = languages.get("fr") or next(iter(languages.values()))
        tag, named = index["hash"], f' data-kb-part="{folder}/"' if part else ""
        links.append(f'<link rel="preload" as="fetch" crossorigin href="../{folder}/pagefind-entry.json?ts={tag}" '
                     f'data-kb-index="{tag}"{named}>')
        links.append(f'<link rel="preload" as="fetch" crossorigin href="../{folder}/pagefind.{tag}.pf_meta">')
        if not part:
            wasm = index.get("wasm") or "unknown"
            links.append(f'<link rel="preload" as="fetch" crossorigin href="../pagefind/wasm.{wasm}.pagefind">')
    text = page.read_text(encoding="utf-8")
    block = "<!-- kb-pagefind-preload -->" + "".join(links) + "<!-- /kb-pagefind-preload -->"
    _write_if_changed(page, _PRELOAD_BLOCK.sub(lambda m: block, text, count=1))


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                    "application/atom+xml", "application/wasm")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that sends text files gzip-compressed to a browser that accepts it, as any static
    host does (a report page is a fifth of its size on a slow network). Pagefind's index files are already
    compressed and go as they are."""

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wants or not os.path.isfile(path) or not ctype.startswith(COMPRESSED_TYPES):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=6, mtime=0)
        except OSError:  # removed since (a rebuild): answered as a missing file
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site_dir: Path, port: int, started: Callable[[str], None] = lambda url: None,
          handler_class: type[GzipHandler] | None = None) -> None:
    """Serve the built static site on 127.0.0.1 only, compressed (no live reload here: rebuild, then refresh;
    watch mode passes its own ``handler_class``); ``started`` is told the address once the server listens."""
    handler = functools.partial(handler_class or GzipHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        started(f"http://127.0.0.1:{port}/")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
