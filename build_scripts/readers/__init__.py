"""Readers: one module per source format, all returning a SourceDocument (readers only read)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..models import SourceDocument
from . import ocr
from .errors import ReadError
from .text import read_markdown, read_text

Reader = Callable[[Path, str], SourceDocument]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}
# Formats whose reader needs an optional library: imported on the first file of that format (most builds read
# none, and the libraries take half a second to import); a missing library disables the format with a hint.
OPTIONAL = {"docx": [".docx"], "pdf": [".pdf"], "html": [".html", ".htm"]}
DISABLED: dict[str, str] = {}


def _optional(module: str) -> Reader:
    def read_with_library(path: Path, source: str) -> SourceDocument:
        try:
            mod = importlib.import_module(f"{__name__}.{module}_reader")
        except ImportError as exc:
            for suffix in OPTIONAL[module]:
                DISABLED[suffix] = f"install {exc.name} (pip install -r requirements.txt)"
            raise ReadError(f"format {path.suffix.lower()} is disabled", DISABLED[path.suffix.lower()]) from exc
        return mod.read(path, source)
    return read_with_library


for _module, _suffixes in OPTIONAL.items():
    for _suffix in _suffixes:
        READERS[_suffix] = _optional(_module)

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


__all__ = ["READERS", "ReadError", "ocr", "is_sidecar", "read", "SIDECAR_SUFFIXES", "IGNORED_NAMES"]
