"""Extraction results kept between builds, keyed by the report's content and the code that read it.

The cache holds data, not code: JSON, whose loader builds only lists, dictionaries, text and numbers (plus
tuples and the pipeline's own dataclasses, named in CLASSES). It lives in the project that holds the docs
folder, or under $XDG_CACHE_HOME, never beside an arbitrary --docs, and a folder others can write is not used."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .models import Block, Found, Problem, SourceDocument, Unit

PACKAGE = Path(__file__).parent
CLASSES = {cls.__name__: cls for cls in (Block, Found, Problem, SourceDocument, Unit)}
_SCALARS = (str, int, float, bool, type(None))


def _encode(obj: Any) -> Any:
    """Plain JSON data for a cached value: tuples, dataclasses and dictionaries with other keys tagged."""
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    if kind is list:
        return [_encode(v) for v in obj]
    if kind is tuple:
        return {"~t": [_encode(v) for v in obj]}
    if kind is dict:
        if all(type(k) is str and not k.startswith("~") for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"~m": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if kind.__name__ in CLASSES and CLASSES[kind.__name__] is kind:
        return {"~d": kind.__name__, "~f": {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot cache a {kind.__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if "~t" in obj:
        return tuple(obj["~t"])
    if "~m" in obj:
        return {k: v for k, v in obj["~m"]}
    if "~d" in obj:
        return CLASSES[obj["~d"]](**obj["~f"])
    return obj


def dumps(data: Any) -> bytes:
    return json.dumps(_encode(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    return json.loads(data, object_hook=_decode)


def _load_file(path: Path) -> Any:
    """A cache file's data; None when it is missing or damaged (a damaged cache is only a slower build)."""
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def cache_folder(docs: Path, explicit: Path | None, project_root: Path) -> tuple[Path | None, str]:
    """Where the cache of a build into ``docs`` lives, and why none is used ('' when one is): ``explicit``, else
    .cache/kb in the project holding docs (the folder with mkdocs.yml), else a folder per docs folder under
    $XDG_CACHE_HOME or this project's .cache. A folder other users can write is refused (they could plant data)."""
    docs = docs.resolve()
    if explicit is not None:
        folder = explicit
    elif (docs.parent / "mkdocs.yml").is_file():
        folder = docs.parent / ".cache" / "kb"
    else:
        base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else project_root / ".cache"
        folder = base / "base-de-connaissances" / hashlib.sha256(str(docs).encode("utf-8")).hexdigest()[:16]
    unsafe = _writable_by_others(folder.resolve())
    if unsafe:
        return None, (f"the cache folder {folder} is not used: {unsafe} can be written by other users — "
                      "pass --cache DIR with a folder of your own (the build runs without a cache)")
    return folder, ""


def _writable_by_others(folder: Path) -> str:
    """The first existing folder on the way to ``folder`` that another user could write into, else ''.
    A sticky folder (/tmp) is fine only as a parent: what is made inside it must be ours."""
    me = os.getuid() if hasattr(os, "getuid") else None
    for depth, path in enumerate([folder, *folder.parents]):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        except OSError:
            return str(path)
        if me is None:
            return ""
        others_write = bool(st.st_mode & stat.S_IWOTH)
        sticky = bool(st.st_mode & stat.S_ISVTX)
        if st.st_uid not in (me, 0) or (others_write and not sticky):
            return str(path)
        if others_write and sticky and depth == 0:
            return str(path)
    return ""


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
    """A dictionary kept between builds, one folder per code version, its entries spread over 16 JSON files by the
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
            entries = _load_file(self.path / shard)  # type: ignore[operator]
            if not isinstance(entries, dict):
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
    path = folder / f"{name}-{code_version()}.json" if folder else None
    if not path or not path.exists():
        return {}
    data = _load_file(path)
    return data if isinstance(data, dict) else {}


def save_state(folder: Path | None, name: str, data: dict[str, Any]) -> None:
    """Write atomically; files of other code versions are removed."""
    if folder:
        _dump(folder / f"{name}-{code_version()}.json", data)


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(dumps(data))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if path.suffix == ".json":
        stem = path.name.rsplit("-", 1)[0]
        for stale in [*path.parent.glob(f"{stem}-*.json"), *path.parent.glob(f"{stem}-*.pickle")]:
            if stale != path:
                stale.unlink(missing_ok=True)


class Store:
    """One file per entry in a folder per code version, read only when asked for: what most builds never need
    (a report's body and provenance) stays out of the files every build loads."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = folder / f"{name}-{code_version()}" if folder else None
        self.stale = [p for p in folder.glob(f"{name}-*") if p != self.folder] if folder and folder.is_dir() else []

    def get(self, key: str) -> Any:
        if not self.folder:
            return None
        return _load_file(self.folder / key[:2] / key)

    def put(self, key: str, value: Any) -> None:
        if self.folder:
            path = self.folder / key[:2] / key
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(dumps(value))
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
