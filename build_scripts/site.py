"""The one thin integration with the site tools: run MkDocs on the generated docs, and serve the result."""

from __future__ import annotations

import functools
import os
import re
import http.server
import subprocess
import sys
from pathlib import Path


def copy_config(code: Path, dest: Path) -> Path:
    """mkdocs.yml copied into another project folder, its ``hooks:`` pointed at this code's files (MkDocs
    resolves them from the config file's folder, which holds no build_scripts/ in a test or benchmark)."""
    text = (code / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*-\s*)(build_scripts/\S+\.py)\s*$",
                  lambda m: m.group(1) + (code / m.group(2)).resolve().as_posix(), text)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def build_site(root: Path, site_dir: Path | None = None) -> int:
    """``mkdocs build --strict`` in the project folder, then the Pagefind index; returns the first failure."""
    site_dir = site_dir or root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"),
           "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = subprocess.run(cmd, cwd=root, check=False, env=env).returncode
    if code:
        return code
    return build_search_index(site_dir)


def pagefind_command(site_dir: Path | str) -> list[str]:
    """Pagefind over the report pages only: they alone carry data-pagefind-body, and reading the other pages
    (indexes, statements) costs a third of the indexing time for nothing. French stemming from <html lang>."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", "rapports/**/*.html", "--silent"]


def build_search_index(site_dir: Path) -> int:
    return subprocess.run(pagefind_command(site_dir), check=False).returncode


def serve(site_dir: Path, port: int) -> None:
    """Serve the built static site on 127.0.0.1 only (no live reload: rebuild, then refresh)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Serving {site_dir} on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
