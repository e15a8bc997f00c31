"""The Pagefind search indexes of a built site: the report pages (pagefind/), and each citable statement
(lesson, recommendation, difficulty, key figure, perspective) as a result of its own, with its report's facets
(pagefind-enonces/: ten times as many records, kept apart so that a first search does not load them).
(Pagefind's custom records would do, but its Python client answers ten of them a second.)

    python -m build_scripts.search_index SITE_DIR

Statements are read back from the built report pages (their JSON block and facet spans), so the index holds
exactly what the pages show."""

from __future__ import annotations

import asyncio
import html
import json
import re
import sys
import tempfile
from pathlib import Path

from pagefind.index import PagefindIndex

REPORT_PAGES = "rapports/**/*.html"  # the only pages with data-pagefind-body
_UNITS = re.compile(r'<script type="application/json" class="kb-unites">(.*?)</script>', re.S)
_FILTER = re.compile(r'<span data-pagefind-filter="([a-z]+)">([^<]*)</span>')
_META = re.compile(r'<span data-pagefind-meta="([a-z]+)">([^<]*)</span>')
_SORT = re.compile(r'<span data-pagefind-sort="([a-z]+)">([^<]*)</span>')


def statement_pages(site_dir: Path) -> dict[str, str]:
    """One small HTML page per statement of every report page (relative path -> HTML): its text is the
    indexed body, its report's facets and sort key are its own, and its address on the site is in
    ``data-pagefind-meta="adresse"`` (the page itself is never published)."""
    out: dict[str, str] = {}
    for page in sorted((site_dir / "rapports").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        block = _UNITS.search(text)
        if not block:
            continue
        address = page.parent.relative_to(site_dir).as_posix() + "/"
        spans = [m.group(0) for pattern in (_FILTER, _META, _SORT) for m in pattern.finditer(text)
                 if 'data-pagefind-filter="type"' not in m.group(0) and 'data-pagefind-meta="title"' not in m.group(0)]
        for unit, d in sorted(json.loads(block.group(1)).items()):
            uid = unit.split("#", 1)[1]
            # what the basket keeps of a statement (see panier.js), as text: Pagefind's metadata are strings
            meta = {"title": d["title"], "type": d["kind"], "unite": unit, "enonce": d["text"], "citation": d["cite"],
                    "lien": d["url"], "adresse": f"{address}#{uid}", "ref": json.dumps(d.get("ref")),
                    "court": d.get("short") or "", "rapport": d.get("report") or ""}
            hidden = "".join(f'<span data-pagefind-meta="{k}">{html.escape(v)}</span>' for k, v in meta.items())
            out[f"{address}{uid}.html"] = (
                '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
                f'<main data-pagefind-body><p>{html.escape(d["text"])}</p>'
                f'<div data-pagefind-ignore>{hidden}{"".join(spans)}'
                f'<span data-pagefind-filter="type">{html.escape(d["kind"])}</span></div></main></body></html>\n')
    return out


STATEMENTS_INDEX = "pagefind-enonces"  # a second bundle, fetched only when a reader searches the statements


async def _index(site_dir: Path, statements: Path) -> None:
    # leaving the context writes the index, once, where the config says (a write_files call would write it twice)
    async with PagefindIndex({"output_path": str(site_dir / "pagefind")}) as index:
        await index.add_directory(str(site_dir), glob=REPORT_PAGES)
    async with PagefindIndex({"output_path": str(site_dir / STATEMENTS_INDEX)}) as index:
        await index.add_directory(str(statements), glob="**/*.html")


def build(site_dir: Path) -> int:
    """Write site_dir/pagefind/; returns the number of statements indexed beside the report pages."""
    pages = statement_pages(site_dir)
    with tempfile.TemporaryDirectory(prefix="kb-enonces-") as tmp:
        for rel, text in pages.items():
            path = Path(tmp) / "enonces" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        asyncio.run(_index(site_dir, Path(tmp)))
    return len(pages)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
