"""Extraction results kept between builds, keyed by the report's content and the code that read it."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
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
    """A dictionary pickled in one file per code version; entries not used by a build are dropped."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.path = folder / f"{name}-{code_version()}.pickle" if folder else None
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = 0
        self.added = 0
        if self.path and self.path.exists():
            try:
                with self.path.open("rb") as f:
                    self.old = pickle.load(f)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                self.old = {}  # a damaged cache is only a slower build

    def get(self, key: str) -> Any:
        if key in self.old:
            self.hits += 1
            self.new[key] = self.old[key]
            return self.new[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value
        self.added += 1

    def save(self) -> None:
        """Write atomically; older versions' files are removed."""
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.added and len(self.new) == len(self.old) and self.path.exists():
            return  # every entry was reused and none dropped: the file on disk is already right
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(self.new, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
        stem = self.path.name.rsplit("-", 1)[0]
        for stale in self.path.parent.glob(f"{stem}-*.pickle"):
            if stale != self.path:
                stale.unlink(missing_ok=True)
