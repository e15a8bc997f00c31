"""Shared text helpers: accent folding that keeps offsets, phrase matchers, sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‑": "-"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


def fold(text: str, *, lower: bool = True) -> str:
    """Remove accents (and lower-case) character by character: offsets in the result match the input."""
    text = text.translate(APOSTROPHES)
    folded = "".join(_fold_char(ch) if ord(ch) > 127 else ch for ch in text)
    if lower:
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return folded


def phrase_pattern(phrases: Iterable[str], *, case_sensitive: bool = False,
                   inflections: bool = False) -> re.Pattern[str] | None:
    """One regex matching any phrase on word boundaries in folded text; '-' and ' ' are interchangeable.
    With ``inflections``, each word may take a short ending (plural, feminine, -ation/-er stems of 5+ letters)."""
    alts = set()
    for p in phrases:
        f = fold(p.strip(), lower=not case_sensitive)
        if not f:
            continue
        alts.add(f)
        if case_sensitive and f[0].isalpha():
            alts.add(f.upper())
    if not alts:
        return None
    parts = [_alternative(a, inflections) for a in sorted(alts, key=lambda a: (-len(a), a))]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


def _alternative(phrase: str, inflections: bool) -> str:
    words = re.split(r"[- ]+", phrase)
    out = []
    for w in words:
        esc = re.escape(w)
        if inflections and w.isalpha() and w.islower():
            esc += r"\w*" if len(w) >= 5 else r"(?:e?s|x)?"
        elif inflections and w.isalpha() and w.isupper():
            esc += r"\d*"  # 'CPN' also matches 'CPN4'

        out.append(esc)
    return "[- ]+".join(out)


SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-ÖØ-Þ«\"(\d·•-])|\n+")


ABBREVIATION_END = re.compile(r"(?:^|\s)(?:Dr|Pr|M|Mme|Mlle|Me|Mgr|St|Ste|cf|p|n°|art)\.$")


def sentences(text: str) -> list[tuple[int, int, str]]:
    """Sentences (and lines) of a text as (start, end, text), not split after 'Dr.', 'M.', 'Mme.'."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if "\n" not in m.group(0) and ABBREVIATION_END.search(text[start:m.start()]):
            continue
        chunk = text[start:m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, m.start(), chunk.strip()))
        start = m.end()
    chunk = text[start:]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, len(text), chunk.strip()))
    return out


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The matched span with some context, on one line."""
    a, b = max(0, start - width), min(len(text), end + width)
    s = text[a:b].replace("\n", " ").replace("\t", " ")
    return ("…" if a > 0 else "") + re.sub(r"\s+", " ", s).strip() + ("…" if b < len(text) else "")


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
