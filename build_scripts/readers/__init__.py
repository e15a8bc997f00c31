"""Readers: one module per source format, all returning a SourceDocument (readers only read)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..models import SourceDocument
from .errors import ReadError
from .text import read_markdown, read_text

Reader = Callable[[Path, str], SourceDocument]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}
# Formats whose reader needs an optional library register themselves here when it is importable.
DISABLED: dict[str, str] = {}

for _module in ("docx", "pdf", "html"):
    try:
        _mod = __import__(f"{__name__}.{_module}_reader", fromlist=["SUFFIXES", "read"])
        for _suffix in _mod.SUFFIXES:
            READERS[_suffix] = _mod.read
    except ImportError as exc:  # library missing: the format is disabled with an install hint
        for _suffix in {"docx": [".docx"], "pdf": [".pdf"], "html": [".html", ".htm"]}[_module]:
            DISABLED[_suffix] = f"install {exc.name} (pip install -r requirements.txt)"

SIDECAR_SUFFIXES = (".meta.yml", ".meta.yaml")
IGNORED_NAMES = {"README.md", "LISEZMOI.md"}


def is_sidecar(path: Path) -> bool:
    """A curator's sidecar file holds metadata for the report of the same stem."""
    return path.name.endswith(SIDECAR_SUFFIXES)


def read(path: Path, source: str) -> SourceDocument:
    """Read one report with the reader registered for its suffix."""
    suffix = path.suffix.lower()
    if suffix in DISABLED:
        raise ReadError(f"format {suffix} is disabled", DISABLED[suffix])
    reader = READERS.get(suffix)
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise ReadError(
            f"unsupported file type '{suffix or path.name}'",
            f"convert it to one of {supported}, or move it out of the source folder",
        )
    return reader(path, source)


__all__ = ["READERS", "ReadError", "is_sidecar", "read", "SIDECAR_SUFFIXES", "IGNORED_NAMES"]
