"""Extraction results kept between builds, keyed by the report's content and the code that read it."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of every Python module, template and vocabulary file: any change empties the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2", ".yml", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def document_key(source: str, sha256: str, fmt: str, curated: dict[str, Any], extra: str = "") -> str:
    """What an extraction depends on: the file's name and text, its curated values, the code and vocabulary."""
    payload = json.dumps([source, sha256, fmt, curated, extra, code_version()], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """A dictionary kept between builds, one folder per code version, its entries spread over 16 pickles by the
    first hex digit of their key: a build that changes a few entries rewrites a few files. Entries not used by a
    build are dropped."""

    SHARDS = "0123456789abcdef"

    def __init__(self, folder: Path | None, name: str) -> None:
        self.path = folder / f"{name}-{code_version()}" if folder else None
        self.stale = [p for p in folder.glob(f"{name}-*") if p != self.path] if folder and folder.is_dir() else []
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = 0
        self.added = 0
        self.loaded: dict[str, int] = {}  # shard -> entries read from it
        self.dirty: set[str] = set()
        for shard in self.SHARDS if self.path and self.path.is_dir() else "":
            try:
                with (self.path / shard).open("rb") as f:  # type: ignore[operator]
                    entries = pickle.load(f)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                entries = {}  # a damaged cache is only a slower build
            self.old.update(entries)
            self.loaded[shard] = len(entries)

    def get(self, key: str) -> Any:
        if key in self.old:
            self.hits += 1
            self.new[key] = self.old[key]
            return self.new[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value
        self.added += 1
        self.dirty.add(key[:1])

    def save(self) -> None:
        """Write the shards that changed (an entry added or dropped), atomically; older versions are removed."""
        if not self.path:
            return
        for stale in self.stale:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        shards: dict[str, dict[str, Any]] = {shard: {} for shard in self.SHARDS}
        for key, value in self.new.items():
            shards.setdefault(key[:1], {})[key] = value
        for shard, entries in shards.items():
            if shard in self.dirty or len(entries) != self.loaded.get(shard, 0) or not (self.path / shard).exists():
                _dump(self.path / shard, entries)


def load_state(folder: Path | None, name: str) -> dict[str, Any]:
    """A small plain-data file of the last build (source signatures, corpus-wide results); {} when absent."""
    path = folder / f"{name}-{code_version()}.pickle" if folder else None
    if not path or not path.exists():
        return {}
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(folder: Path | None, name: str, data: dict[str, Any]) -> None:
    """Write atomically; files of other code versions are removed."""
    if folder:
        _dump(folder / f"{name}-{code_version()}.pickle", data)


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if path.suffix == ".pickle":
        stem = path.name.rsplit("-", 1)[0]
        for stale in path.parent.glob(f"{stem}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)


class Store:
    """One pickle per entry in a folder per code version, read only when asked for: what most builds never need
    (a report's body and provenance) stays out of the files every build loads."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = folder / f"{name}-{code_version()}" if folder else None
        self.stale = [p for p in folder.glob(f"{name}-*") if p != self.folder] if folder and folder.is_dir() else []

    def get(self, key: str) -> Any:
        if not self.folder:
            return None
        try:
            with (self.folder / key[:2] / key).open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder:
            path = self.folder / key[:2] / key
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)

    def drop(self, keys: set[str]) -> None:
        """Remove these entries (and the folders of other code versions)."""
        for stale in self.stale:
            shutil.rmtree(stale, ignore_errors=True)
        if self.folder:
            for key in keys:
                (self.folder / key[:2] / key).unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries a build no longer uses, and the folders of other code versions."""
        for stale in self.stale:
            shutil.rmtree(stale, ignore_errors=True)
        if not self.folder or not self.folder.is_dir():
            return
        for sub in os.scandir(self.folder):
            if sub.is_dir():
                for entry in os.scandir(sub.path):
                    if entry.name not in keys:
                        os.unlink(entry.path)


def view_digest(meta: dict[str, Any], units: list[Any], acronyms: list[Any]) -> str:
    """What listings show of a report: 16 hex digits for its metadata, then 16 for its statements (status left
    out: it comes from other reports) and acronyms. Listing pages are reused while these stay the same."""
    def sha(data: Any) -> str:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    rest = [[v for k, v in vars(u).items() if k not in ("status", "status_source")] for u in units]
    return sha(meta) + sha([rest, acronyms])


def meta_digest(report: Any) -> str:
    """The part of the view digest that covers the report's metadata only."""
    return (report.view or view_digest(report.meta, report.units, report.acronyms))[:16]


def shown_digest(report: Any) -> str:
    """Everything a page listing this report may show: its page name, view digest and statements' status."""
    view = report.view or view_digest(report.meta, report.units, report.acronyms)
    status = "\x1e".join(f"{u.status}\x1f{u.status_source}" for u in report.units)
    return hashlib.sha1(f"{report.slug}\x00{view}\x00{status}".encode("utf-8")).hexdigest()
