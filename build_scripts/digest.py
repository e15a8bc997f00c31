"""Every digest the generator takes, in one place. Cache keys use SHA-256 (``of_text``, ``of_data``); the two
digests that are part of the output keep SHA-1, as published: a generated file's 'sha1:size' (docs manifest,
original documents in the front-matter) and the short suffix that makes two page names differ (changing either
would move addresses or rewrite every page)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def of_bytes(data: bytes) -> str:
    """SHA-256 of bytes, hex: cache keys and signatures."""
    return hashlib.sha256(data).hexdigest()


def of_text(text: str) -> str:
    """SHA-256 of a text, hex: cache keys and signatures."""
    return of_bytes(text.encode("utf-8"))


def of_data(data: Any) -> str:
    """SHA-256 of plain data (as JSON, non-JSON values by str): cache keys built from several inputs."""
    return of_text(json.dumps(data, ensure_ascii=False, default=str))


def of_file(data: bytes) -> str:
    """What the docs manifest and a report's 'originals' record of a file: a short SHA-1 and the size in bytes."""
    return f"{hashlib.sha1(data).hexdigest()[:16]}:{len(data)}"


def suffix(text: str, width: int) -> str:
    """A short SHA-1 of a text: the suffix that keeps two page names apart (part of published addresses)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:width]
