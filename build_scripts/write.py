"""The only module that writes files: generated pages under docs/, atomically, never over a hand-written page;
it refuses two different outputs at one path. The caches are written through its atomic_write too."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .digest import of_file as file_digest
from typing import Iterable, Iterator, Union

try:
    import fcntl
except ImportError:  # not on Windows: builds are then not locked
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".generes.json"
TEMPORARY = re.compile(r"^\.tmp-[a-z0-9_]{8}")  # what tempfile.mkstemp(prefix=".tmp-") names our files


class BuildBusy(Exception):
    """Another build holds the lock on this docs folder (the message is the folder)."""


@contextlib.contextmanager
def build_lock(docs: Path) -> Iterator[None]:
    """An exclusive lock on the docs folder for the whole build, released when the build ends or dies: two
    builds into one folder would each remove the other's pages from the manifest and leave orphans."""
    docs.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    fd = os.open(docs, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(str(docs)) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


IN_PROGRESS = ".generation-en-cours"  # present while a build runs: found at the start, the last one was cut short


def start_build(docs: Path) -> bool:
    """Mark the docs folder as being built (under the lock); True when the previous build never finished."""
    marker = docs / IN_PROGRESS
    interrupted = marker.exists()
    marker.touch()
    return interrupted


def finish_build(docs: Path) -> None:
    (docs / IN_PROGRESS).unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files an interrupted build left (only ours, by their name); called under the lock."""
    removed = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(parent, d))]
        for name in names:
            if TEMPORARY.match(name):
                os.unlink(os.path.join(parent, name))
                removed.append(os.path.relpath(os.path.join(parent, name), folder))
    return removed


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # a hand-written file stands where a page would go


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename (the one write routine)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        if isinstance(content, bytes):  # an original document published as received (originals.py)
            with os.fdopen(fd, "wb") as fb:
                fb.write(content)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(docs: Path) -> dict[str, str]:
    """Generated path -> digest of what was written there ('' when unknown)."""
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {path: "" for path in data}


def digest(content: str) -> str:
    """What the manifest records of a generated file: a short SHA-1 and the size in bytes."""
    return file_digest(content.encode("utf-8"))


@dataclass(frozen=True)
class Kept:
    """A file the build did not make again: it is on disk as the manifest records it (see on_disk)."""

    digest: str


@dataclass(frozen=True)
class SourceCopy:
    """A source file published as received (originals.py), known by its digest: read only if the copy differs."""

    digest: str
    path: Path


Content = Union[str, Kept, SourceCopy]


def _digest_of(content: Content) -> str:
    return digest(content) if isinstance(content, str) else content.digest


def _text(content: Content) -> str | bytes:
    if isinstance(content, SourceCopy):
        return content.path.read_bytes()
    if isinstance(content, Kept):  # never asked for: a kept file is in the manifest with this very digest
        raise ValueError("a kept file has no text")
    return content


def on_disk(docs: Path):
    """A test of whether generated files are on disk as the last build wrote them (by the manifest's digests and
    the files' sizes, never reading them): ``check({path: digest})`` -> bool."""
    previous = read_manifest(docs.resolve())
    root = str(docs.resolve()) + os.sep

    def check(digests: dict[str, str]) -> bool:
        for rel, d in digests.items():
            if previous.get(rel) != d:
                return False
            try:
                if os.stat(root + rel).st_size != int(d.split(":")[1]):
                    return False
            except (OSError, ValueError, IndexError):
                return False
        return True
    return check


def collect(parts: Iterable[dict[str, Content]]) -> dict[str, Content]:
    """Every generated file in one map, refusing two different outputs at one path (a naming bug must not lose
    a page)."""
    out: dict[str, Content] = {}
    for part in parts:
        for path, content in part.items():
            if path in out and _digest_of(out[path]) != _digest_of(content):
                raise ValueError(f"two generated pages want the same path {path}")
            out[path] = content
    return out


def _write_manifest(docs: Path, entries: dict[str, str]) -> None:
    atomic_write(docs / MANIFEST, manifest_text(entries))


def manifest_text(entries: dict[str, str]) -> str:
    """What json.dumps(sorted entries, indent=0) writes, by the C encoder (indent= falls back to pure Python)."""
    if not entries:
        return "{}\n"
    return "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(entries.items())) + "\n}\n"


def write_tree(docs: Path, files: dict[str, Content]) -> WriteResult:
    """Write each generated file whose content changed (others keep their mtime); remove the generated files
    that are no longer produced. Each file is replaced atomically, and the manifest lists every file a build
    may have written, so an interrupted build is finished, not mistaken for hand-written pages, by the next.
    A file whose manifest digest is the wanted one and whose size still matches is not read back."""
    result = WriteResult()
    docs = docs.resolve()
    root = str(docs) + os.sep
    previous = read_manifest(docs)
    for rel in files:
        if not _inside(rel):
            raise ValueError(f"refusing to write outside {docs}: {rel}")
        if rel not in previous and os.path.exists(root + rel):
            if os.path.isdir(root + rel):
                result.refused.append(rel)  # a folder stands where the page goes
                continue
            if (docs / rel).read_text(encoding="utf-8", errors="replace") != _text(files[rel]):
                result.refused.append(rel)
    refused = set(result.refused)
    wanted = {rel: content for rel, content in files.items() if rel not in refused}
    digests = {rel: _digest_of(content) for rel, content in wanted.items()}
    changes = {rel for rel in wanted if not _unchanged(root + rel, wanted[rel], previous.get(rel, ""), digests[rel])}
    for rel in sorted(rel for rel in changes if os.path.isdir(root + rel)):  # a folder where a page was
        result.refused.append(rel)
        changes.discard(rel)
        del wanted[rel], digests[rel]
    gone = sorted(set(previous) - set(wanted) - set(result.refused))
    if changes or gone:  # journal: what this build may write
        _write_manifest(docs, {**previous, **{rel: "" for rel in wanted if rel in changes or rel not in previous}})
    for rel in sorted(wanted):
        if rel in changes:
            atomic_write(docs / rel, _text(wanted[rel]))
            result.written.append(rel)
        else:
            result.unchanged.append(rel)
    for rel in gone:
        if not _inside(rel):
            continue  # a damaged manifest must not make the writer delete anything outside docs/
        path = docs / rel
        if path.exists():
            path.unlink()
            result.removed.append(rel)
        _prune_empty(path.parent, docs)
    if changes or gone or digests != previous or not (docs / MANIFEST).exists():
        _write_manifest(docs, digests)
    return result


def _inside(rel: str) -> bool:
    """A relative path that stays inside the docs folder (no absolute path, no '..')."""
    return bool(rel) and not os.path.isabs(rel) and ".." not in rel.replace(os.sep, "/").split("/")


def _unchanged(path: str, content: Content, old_digest: str, new_digest: str) -> bool:
    """Same content as on disk: trusted from the manifest when the size still matches, else read back."""
    try:
        if old_digest and old_digest == new_digest:
            return os.stat(path).st_size == int(new_digest.split(":")[1])
        wanted = _text(content)
        if isinstance(wanted, bytes):
            with open(path, "rb") as fb:
                return fb.read() == wanted
        with open(path, encoding="utf-8", newline="") as f:
            return f.read() == wanted
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError, ValueError):
        return False


def _prune_empty(folder: Path, docs: Path) -> None:
    while folder != docs and folder.exists() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
