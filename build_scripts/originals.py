"""Original documents published beside their report page: which files, under which name, labelled in French.

A Word or PDF report is offered for download as it was received (its layout, tables, signatures and images are
not all on the page). When several files hold the same report (merge.py), the page is built
from the best one and every other one is offered too, text files included. Saved web pages are never
re-published: served from this site, their scripts would run.

Only the bytes of regular files read from the source folder are copied; write.py writes them like any page.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from . import digest
from .paths import ORIGINALS_DIR
from .write import SourceCopy

ALWAYS = {".docx": "Word", ".pdf": "PDF"}  # offered even alone: the page cannot show all of the document
TEXT = {".txt": "texte", ".text": "texte", ".md": "texte", ".markdown": "texte"}  # offered beside a better source


def label(source: str) -> str | None:
    """The French name of a file's format, or None when the file is not offered for download."""
    suffix = PurePosixPath(source).suffix.lower()
    return ALWAYS.get(suffix) or TEXT.get(suffix)


def digest_of(data: bytes) -> str:
    """The digest write.py records of a file: a short SHA-1 and the size in bytes."""
    return digest.of_file(data)


def entry(source: str, digest: str) -> dict[str, Any]:
    """What a report's front-matter says of one downloadable file (key 'originals')."""
    return {"file": source, "format": label(source), "size": int(digest.split(":")[1]), "digest": digest}


def french_size(n: int) -> str:
    """'1,2 Mo', '350 ko', '900 octets': French units, decimal comma."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} Mo".replace(".", ",")
    if n >= 1000:
        return f"{max(1, round(n / 1000))} ko"
    return f"{n} octet" + ("s" if n > 1 else "")


def targets(slug: str, originals: list[dict[str, Any]]) -> list[str]:
    """Paths under docs/ of a report's files: originaux/<page>/<file name> ('.md' reports as '.txt', so MkDocs
    does not take them for pages; a name already taken gets '-2', '-3' before its suffix)."""
    out: list[str] = []
    for item in originals:
        name = PurePosixPath(item["file"]).name
        if PurePosixPath(name).suffix.lower() in TEXT:
            name = PurePosixPath(name).stem + ".txt"
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        candidate, n = name, 1
        while f"{ORIGINALS_DIR}/{slug}/{candidate}" in out:
            n += 1
            candidate = f"{stem}-{n}{suffix}"
        out.append(f"{ORIGINALS_DIR}/{slug}/{candidate}")
    return out


def links(slug: str, meta: dict[str, Any]) -> list[tuple[str, str]]:
    """(link from the report page, French label) of each downloadable file; the first is the page's own source."""
    originals = meta.get("originals") or []
    out = []
    for item, path in zip(originals, targets(slug, originals)):
        what = f"{item['format']}, {french_size(item['size'])}"
        if item["file"] == meta.get("source"):
            text = f"Télécharger le document original ({what})"
        else:
            text = f"Télécharger aussi {PurePosixPath(item['file']).name} ({what})"
        out.append(("../" + quote(path), text))
    return out


def copies(reports: list[Any], source_dir: Path) -> dict[str, SourceCopy]:
    """The files to publish (path under docs/ -> SourceCopy): regular files inside the source folder only."""
    root = source_dir.resolve()
    out: dict[str, SourceCopy] = {}
    for r in reports:
        originals = r.meta.get("originals") or []
        for item, target in zip(originals, targets(r.slug, originals)):
            path = source_dir / item["file"]
            if os.path.islink(path) or not path.is_file() or root not in path.resolve().parents:
                continue
            out[target] = SourceCopy(item["digest"], path)
    return out
