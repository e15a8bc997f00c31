"""The only module that writes files: generated pages under docs/, atomically, never over a hand-written page."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generes.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # a hand-written file stands where a page would go


def _atomic_write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_manifest(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return set()


def write_tree(docs: Path, files: dict[str, str]) -> WriteResult:
    """Write each generated file whose content changed (others keep their mtime); remove the generated files
    that are no longer produced. Each file is replaced atomically, and the manifest lists every file a build
    may have written, so an interrupted build is finished, not mistaken for hand-written pages, by the next."""
    result = WriteResult()
    docs = docs.resolve()
    previous = _read_manifest(docs)
    for rel in files:
        target = (docs / rel).resolve()
        if docs not in target.parents:
            raise ValueError(f"refusing to write outside {docs}: {rel}")
        if rel not in previous and target.exists() and target.read_text(encoding="utf-8", errors="replace") != files[rel]:
            result.refused.append(rel)
    wanted = {rel: text for rel, text in files.items() if rel not in result.refused}
    _atomic_write(docs / MANIFEST, json.dumps(sorted(previous | set(wanted)), indent=0) + "\n")
    for rel, content in sorted(wanted.items()):
        path = docs / rel
        try:
            same = path.read_text(encoding="utf-8") == content
        except (FileNotFoundError, UnicodeDecodeError):
            same = False
        if same:
            result.unchanged.append(rel)
        else:
            _atomic_write(path, content)
            result.written.append(rel)
    for rel in sorted(previous - set(wanted)):
        path = docs / rel
        if path.exists():
            path.unlink()
            result.removed.append(rel)
        _prune_empty(path.parent, docs)
    _atomic_write(docs / MANIFEST, json.dumps(sorted(wanted), indent=0) + "\n")
    return result


def _prune_empty(folder: Path, docs: Path) -> None:
    while folder != docs and folder.exists() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
