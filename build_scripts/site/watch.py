"""Watch mode for curators: one long-lived process that serves the site and, when a file of the source folder
changes, rebuilds only what the change touches, then reloads the pages open in the browser.

One cycle, after an edit:

1. the generator, incremental as always (a report whose file did not change is not read again; only the
   pages whose text changed are written, the others keep their modification time);
2. MkDocs with ``--dirty``, which reads and renders only the pages whose Markdown is newer than their HTML.
   Before it runs, the HTML of what it cannot know about is removed: pages whose Markdown the generator
   deleted, and the hand-written pages that include a generated fragment that changed (``--8<--``);
3. the page is visible: the browsers reload;
4. the search index, bundle by bundle: only the Pagefind bundles that hold a changed report page are
   indexed again (``build_search_index(only=...)``), each swapped in whole.

The published build (``site``, CI, ``publish.sh``) stays a full strict build: a dirty build keeps pages it did
not rebuild, so it never replaces one. Served pages get a small script that asks ``/__kb_watch`` which
build the server holds, and reloads when it changes; the files on disk are the same as a normal build's."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..paths import FRAGMENTS_DIR, REPORTS_DIR
from ..write import MANIFEST
from .engine import (GzipHandler, build_search_index, build_site, bundle_count, part_count, part_of, run_mkdocs,
                     serve)

STATUS_PATH = "/__kb_watch"
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;function ask(){fetch('" + STATUS_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.json()}).then(function(s){if(v!==null&&s.pages!==v)location.reload();v=s.pages})"
    ".catch(function(){}).then(function(){setTimeout(ask,1000)})}ask()})();</script>"
)
GENERATED_FRAGMENTS = FRAGMENTS_DIR + "/"  # generated Markdown that hand-written pages include
CODE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding build_scripts/ (the generator runs from it)


Snapshot = dict[str, tuple[int, int]]  # relative path -> (size, modification time in ns)


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder`` (hidden ones aside) with its size and modification time."""
    found: Snapshot = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:  # removed while we looked: the next snapshot sees it gone
                continue
            found[os.path.relpath(path, folder).replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
    return found


def changed(before: Snapshot, after: Snapshot) -> tuple[set[str], set[str]]:
    """(files added or modified, files removed) between two snapshots."""
    return {p for p, sig in after.items() if before.get(p) != sig}, set(before) - set(after)


def page_output(doc: str) -> str | None:
    """The HTML file MkDocs writes for a Markdown page (directory URLs), or None for other files."""
    if not doc.endswith(".md"):
        return None
    stem = doc[:-3]
    if stem == "index" or stem.endswith("/index") or stem in ("README",) or stem.endswith("/README"):
        return (stem.rsplit("/", 1)[0] + "/" if "/" in stem else "") + "index.html"
    return stem + "/index.html"


def stale_outputs(docs_changed: set[str], docs_removed: set[str], docs_now: Snapshot, generated: set[str],
                  nav: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Site files a dirty MkDocs build would leave wrong: the output of every removed docs file (a page or a
    copied file); the page of every hand-written Markdown file when a generated fragment it may include
    changed (there are a dozen of them: rebuilding them all is cheaper than parsing their includes); and every
    page of the navigation when one of them changed, since each shows its neighbours' titles, which a dirty
    build only knows for the pages it reads."""
    touched = docs_changed | docs_removed
    stale: set[str | None] = {page_output(d) or d for d in docs_removed}
    if any(d.startswith(GENERATED_FRAGMENTS) for d in touched):
        stale |= {page_output(d) for d in docs_now if d.endswith(".md") and d not in generated
                  and not d.startswith(("_", "."))}
    if touched & nav:
        stale |= {page_output(d) for d in nav if d in docs_now}
    stale.discard(None)
    return stale  # type: ignore[return-value]


NAV_PAGE = re.compile(r"^\s*-\s*(?:[^:\n]*:\s*)?([^\s:]+\.md)\s*$")


def nav_pages(config: Path) -> set[str]:
    """The Markdown files listed under ``nav:`` in mkdocs.yml (read as text: the file holds !ENV tags)."""
    pages: set[str] = set()
    inside = False
    for line in config.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() and not line.startswith("-"):
            inside = line.startswith("nav:")
            continue
        found = NAV_PAGE.match(line) if inside else None
        if found:
            pages.add(found.group(1))
    return pages


def generated_files(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


@dataclass
class Status:
    """What the server tells the browsers: a number per visible change of the pages and of the search index."""

    pages: int = 0
    search: int = 0
    busy: bool = False
    last: dict[str, float] = field(default_factory=dict)  # seconds taken by the last cycle's steps

    def as_json(self) -> bytes:
        return json.dumps({"pages": self.pages, "search": self.search, "busy": self.busy, "last": self.last},
                          sort_keys=True).encode("utf-8")


class WatchHandler(GzipHandler):
    """The site as ``serve`` sends it, plus the build status at ``/__kb_watch`` and the reload script in every
    HTML page (added to what is sent, never written into the site)."""

    status: Status

    def send_head(self):  # type: ignore[override]
        if self.path.split("?", 1)[0] == STATUS_PATH:
            body = self.status.as_json()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                page = f.read()
        except OSError:  # removed by a rebuild in progress: answered as a missing file
            return super().send_head()
        at = page.rfind(b"</body>")
        body = page[:at] + RELOAD_SCRIPT.encode("ascii") + page[at:] if at >= 0 else page + RELOAD_SCRIPT.encode("ascii")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (the name http.server gives it)
        pass


@dataclass
class Watcher:
    """The rebuild loop of watch mode (see the module's docstring)."""

    project: Path
    source: Path
    docs: Path
    site_dir: Path
    say: Callable[[str], None] = lambda line: None
    status: Status = field(default_factory=Status)
    interval: float = 0.5

    def generator(self) -> int:
        cmd = [sys.executable, "-m", "build_scripts", "build", "--source", str(self.source), "--docs", str(self.docs)]
        done = subprocess.run(cmd, cwd=CODE_ROOT, capture_output=True, text=True, check=False)
        for line in (done.stderr + done.stdout).splitlines():
            if line.startswith(("error:", "warning:")):
                self.say(line)
        return done.returncode

    def full_build(self) -> int:
        """The first build: generator, then the site as ``site`` builds it (strict), search included."""
        if self.generator() not in (0, 1):
            return 1
        run = build_site(self.project, self.site_dir)
        for problem in run.problems:
            self.say(f"error: {problem}")
        self.status.pages += 1
        self.status.search += 1
        return 1 if run.failed else 0

    def cycle(self) -> dict[str, float]:
        """One rebuild after a change of the source folder; returns the seconds each step took."""
        t0 = time.perf_counter()
        self.status.busy = True
        before = snapshot(self.docs)
        self.generator()
        t1 = time.perf_counter()
        after = snapshot(self.docs)
        docs_changed, docs_removed = changed(before, after)
        for rel in sorted(stale_outputs(docs_changed, docs_removed, after, generated_files(self.docs),
                                        nav_pages(self.project / "mkdocs.yml"))):
            target = self.site_dir / rel
            if target.is_file():
                target.unlink()
        old_html = snapshot(self.site_dir / REPORTS_DIR)
        run = run_mkdocs(self.project / "mkdocs.yml", self.project, self.site_dir, strict=False, dirty=True)
        for problem in run.problems:
            if not problem.startswith("A 'dirty' build"):
                self.say(f"warning: {problem}")
        t2 = time.perf_counter()
        self.status.pages += 1
        new_html = snapshot(self.site_dir / REPORTS_DIR)  # also what Pagefind reads: its .html files
        pages_changed, pages_removed = changed(old_html, new_html)
        for rel in docs_removed:  # a removed report: its page is gone from the site too
            out = page_output(rel)
            if out and out.startswith(REPORTS_DIR + "/"):
                pages_removed.add(out[len(REPORTS_DIR) + 1:])
        reports = sorted(f"{REPORTS_DIR}/{p}" for p in pages_changed | pages_removed if p.endswith(".html"))
        parts = part_count(sum(p.endswith(".html") for p in new_html))
        if reports:  # the bundles holding a changed page; all of them when the corpus outgrew their number
            only = {part_of(p, parts) for p in reports} if parts == bundle_count(self.site_dir) else None
            for problem in ([] if build_search_index(self.site_dir, only=only) == 0 else ["pagefind failed"]):
                self.say(f"warning: {problem}: the search may miss the last change")
        t3 = time.perf_counter()
        if reports:
            self.status.search += 1
        self.status.busy = False
        self.status.last = {"generator": round(t1 - t0, 2), "pages": round(t2 - t0, 2), "search": round(t3 - t0, 2)}
        return self.status.last

    def loop(self, stop: threading.Event) -> None:
        seen = snapshot(self.source)
        while not stop.wait(self.interval):
            now = snapshot(self.source)
            if now == seen:
                continue
            time.sleep(self.interval)  # an editor often writes a file in several steps: let it finish
            seen = snapshot(self.source)
            try:
                last = self.cycle()
            except Exception as exc:  # one failed cycle must not stop watching: say it, and wait for the next edit
                self.status.busy = False
                self.say(f"error: the rebuild failed ({type(exc).__name__}: {exc}); save the file again to retry")
                continue
            self.say(f"rebuilt: page visible in {last['pages']:.1f} s, search updated in {last['search']:.1f} s "
                     f"(generator {last['generator']:.1f} s)")


def watch(project: Path, source: Path, docs: Path, site_dir: Path, port: int, say: Callable[[str], None]) -> int:
    """Build once, serve on 127.0.0.1:port, and rebuild what each change of ``source`` touches until Ctrl+C.
    Every message goes through ``say`` (cli.py prints it)."""
    watcher = Watcher(project, source, docs, site_dir, say=say)
    say("first build (full, strict)…")
    if watcher.full_build():
        say("error: the first build failed (see above): fix the problems, then start watch mode again")
        return 1
    stop = threading.Event()
    threading.Thread(target=watcher.loop, args=(stop,), daemon=True).start()
    serve(site_dir, port, lambda url: say(f"Watching {source} and serving {site_dir} on {url} (Ctrl+C to stop)"),
          type("Handler", (WatchHandler,), {"status": watcher.status}))
    stop.set()
    return 0
