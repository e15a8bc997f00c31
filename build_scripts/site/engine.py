"""The one thin integration with the site tools: run MkDocs on the generated docs, and serve the result."""

from __future__ import annotations

import functools
import gzip
import io
import os
import re
import http.server
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..paths import REPORTS_DIR


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


def engine() -> str:
    """The site engine named by $SITE_ENGINE (default: mkdocs); an unknown name is refused, never guessed."""
    name = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"${ENGINE_VARIABLE}={name!r} is not a site engine; expected one of {', '.join(ENGINES)}")
    return name


def mkdocs_command(config: Path | str, site_dir: Path | str | None = None, strict: bool = True) -> list[str]:
    """The one command line that starts the site engine (MkDocs, or ProperDocs by $SITE_ENGINE): never
    ``--quiet``, which hides the warnings that strict mode counts."""
    cmd = [sys.executable, "-m", engine(), "build", "--strict" if strict else "--no-strict", "-f", str(config)]
    return cmd + (["-d", str(site_dir)] if site_dir is not None else [])


ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # no banner about MkDocs 2.0


def run_mkdocs(config: Path, cwd: Path, site_dir: Path | str | None = None, strict: bool = True) -> SiteRun:
    """Build ``config`` with the site engine, its output captured and every WARNING or ERROR line kept, so that
    strict mode never depends on what the engine chose to print."""
    done = subprocess.run(mkdocs_command(config, site_dir, strict), cwd=cwd, check=False,
                          env={**os.environ, **ENGINE_ENV}, capture_output=True, text=True)
    lines = (done.stderr + done.stdout).splitlines()
    problems = list(dict.fromkeys(_problem(line) for line in lines if line.startswith(("WARNING", "ERROR"))))
    if done.returncode and not problems:  # a crash: its last lines say why
        problems = [f"{engine()} build failed (exit code {done.returncode}): " + " / ".join(lines[-5:])]
    return SiteRun(done.returncode, problems)


def _problem(line: str) -> str:
    """One engine warning as a one-line message that names the page and what is wrong in it."""
    what = re.sub(r"^(WARNING|ERROR)\s*-\s*", "", line).strip()
    found = _DOC_FILE.match(what)
    if found:
        return f"docs/{found['page']}: {found['what']} — fix the link or the page, then build again"
    return what


def build_site(root: Path, site_dir: Path | None = None) -> SiteRun:
    """Strict MkDocs build of the project folder, then the Pagefind index. Any engine warning is a failure:
    MkDocs' own strict mode only counts the warnings it prints, so none is left to its verbosity."""
    site_dir = site_dir or root / "site"
    run = run_mkdocs(root / "mkdocs.yml", root, site_dir)
    if run.failed:
        return SiteRun(run.returncode or 1, run.problems)
    code = build_search_index(site_dir)
    return SiteRun(code, [] if not code else [f"pagefind failed on {site_dir} (exit code {code})"])


def pagefind_command(site_dir: Path | str) -> list[str]:
    """Pagefind over the report pages only: they alone carry data-pagefind-body, and reading the other pages
    (indexes, statements) costs a third of the indexing time for nothing. French stemming from <html lang>.
    Statements are found inside their report's result (their data is in its metadata), not as records of their
    own: at 10,000 reports that would be 100,000 more files and twice Pagefind's memory."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", f"{REPORTS_DIR}/**/*.html", "--silent"]


def build_search_index(site_dir: Path) -> int:
    return subprocess.run(pagefind_command(site_dir), check=False).returncode


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
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site_dir: Path, port: int, started: Callable[[str], None] = lambda url: None) -> None:
    """Serve the built static site on 127.0.0.1 only, compressed (no live reload: rebuild, then refresh);
    ``started`` is told the address once the server listens."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        started(f"http://127.0.0.1:{port}/")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
