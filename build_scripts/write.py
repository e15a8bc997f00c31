"""The only module that writes files: generated pages under docs/, atomically, never over a hand-written page."""

from __future__ import annotations

import hashlib
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


def _read_manifest(docs: Path) -> dict[str, str]:
    """Generated path -> digest of what was written there ('' when unknown)."""
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {path: "" for path in data}


def _digest(content: str) -> str:
    data = content.encode("utf-8")
    return f"{hashlib.sha1(data).hexdigest()[:16]}:{len(data)}"


def _write_manifest(docs: Path, entries: dict[str, str]) -> None:
    _atomic_write(docs / MANIFEST, json.dumps(dict(sorted(entries.items())), indent=0) + "\n")


def write_tree(docs: Path, files: dict[str, str]) -> WriteResult:
    """Write each generated file whose content changed (others keep their mtime); remove the generated files
    that are no longer produced. Each file is replaced atomically, and the manifest lists every file a build
    may have written, so an interrupted build is finished, not mistaken for hand-written pages, by the next."""
    result = WriteResult()
    docs = docs.resolve()
    previous = _read_manifest(docs)
    for rel in files:
        if not _inside(rel):
            raise ValueError(f"refusing to write outside {docs}: {rel}")
        target = docs / rel
        if rel not in previous and target.exists() and target.read_text(encoding="utf-8", errors="replace") != files[rel]:
            result.refused.append(rel)
    wanted = {rel: text for rel, text in files.items() if rel not in result.refused}
    digests = {rel: _digest(text) for rel, text in wanted.items()}
    _write_manifest(docs, {**previous, **{rel: "" for rel in wanted}})  # journal: what this build may write
    for rel, content in sorted(wanted.items()):
        path = docs / rel
        if _unchanged(path, content, previous.get(rel, ""), digests[rel]):
            result.unchanged.append(rel)
        else:
            _atomic_write(path, content)
            result.written.append(rel)
    for rel in sorted(set(previous) - set(wanted)):
        if not _inside(rel):
            continue  # a damaged manifest must not make the writer delete anything outside docs/
        path = docs / rel
        if path.exists():
            path.unlink()
            result.removed.append(rel)
        _prune_empty(path.parent, docs)
    _write_manifest(docs, digests)
    return result


def _inside(rel: str) -> bool:
    """A relative path that stays inside the docs folder (no absolute path, no '..')."""
    return bool(rel) and not os.path.isabs(rel) and ".." not in Path(rel).parts


def _unchanged(path: Path, content: str, old_digest: str, new_digest: str) -> bool:
    """Same content as on disk: trusted from the manifest when the size still matches, else read back."""
    try:
        if old_digest and old_digest == new_digest:
            return path.stat().st_size == int(new_digest.split(":")[1])
        return path.read_text(encoding="utf-8") == content
    except (FileNotFoundError, UnicodeDecodeError, ValueError):
        return False


def _prune_empty(folder: Path, docs: Path) -> None:
    while folder != docs and folder.exists() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
