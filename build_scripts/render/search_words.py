"""The corpus vocabulary behind the search page's "Vouliez-vous dire …": every word of four letters or more,
folded as the search folds it, with the number of reports that use it. Plain data in, one JSON text out."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from ..models import Block, Report
from ..text import search_form

WORDS_PATH = "recherche-mots.json"  # under docs/: fetched by the search page only when a word is unknown
WORD = re.compile(r"[^\W\d_]{4,}")  # letters only: no number, no acronym shorter than four letters
MAX_WORDS = 30000  # the most widely used words; a word of one report in a large corpus is rarely the one meant


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return search_form(word)


def text_words(text: str) -> set[str]:
    """The folded words of a text; each distinct word is folded once per build (reports share most words)."""
    return {_folded(w) for w in set(WORD.findall(text))}


def body_words(blocks: list[Block]) -> list[str]:
    """The folded words of a report's body, sorted: kept with its extraction, so that the vocabulary of a
    corpus is counted without reading every report's text again."""
    return sorted(text_words("\n".join(block_text(blocks))))


def report_words(r: Report) -> set[str]:
    """The folded words of a report's title and body (what a reader may search for)."""
    body = r.words if r.words is not None else body_words(r.blocks or [])
    return text_words(r.meta.get("title") or "").union(body)


def vocabulary(reports: list[Report]) -> str:
    """{"v": 1, "mots": "word word …" (sorted), "n": [reports using each]}: compact, and the same for the
    same reports whatever their order."""
    used: Counter[str] = Counter()
    for r in reports:
        used.update(report_words(r))
    kept = sorted(sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WORDS])
    data = {"v": 1, "mots": " ".join(w for w, _ in kept), "n": [n for _, n in kept]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


_QUALIFIED = re.compile(r"^(?P<meaning>.*\S)\s*\((?P<country>[^()]+)\)$")


def fitting_meanings(expansions: dict[str, str], countries: list[str], known_countries: set[str],
                     text: Callable[[], str]) -> dict[str, str]:
    """For each acronym, the meanings the search may index for this report: one spelled out in the report's
    text; else those of the report's country; else those tied to no country. A glossary entry lists several
    meanings as "a ; b (Mali) ; c (Bénin)", and indexing all of them makes a Mali report answer "Bénin".
    ``text`` is asked for (and folded) only when an acronym has a meaning tied to a country or several."""
    folded: str | None = None
    out: dict[str, str] = {}
    for acr, expansion in expansions.items():
        meanings: list[tuple[str, str | None]] = []
        for part in (p.strip() for p in expansion.split(" ; ")):
            found = _QUALIFIED.match(part)
            if found and found["country"] in known_countries:
                meanings.append((found["meaning"], found["country"]))
            elif part:
                meanings.append((part, None))
        if len(meanings) == 1 and meanings[0][1] is None:
            out[acr] = meanings[0][0]  # one meaning for every country: the report's words cannot change it
            continue
        if folded is None:
            folded = " ".join(search_form(text()).split())
        spelled = [m for m, _ in meanings if " ".join(search_form(m).split()) in folded]
        own = [m for m, c in meanings if c is not None and c in countries]
        free = [m for m, c in meanings if c is None]
        chosen = spelled or own or free
        if chosen:
            out[acr] = " ; ".join(chosen)
    return out


def block_text(blocks: list[Block]) -> list[str]:
    """A body's lines and table cells, in order."""
    parts: list[str] = []
    for block in blocks:
        parts += block.lines
        parts += [cell for row in block.rows for cell in row]
    return parts


def report_text(r: Report) -> str:
    """A report's title and body as one plain text."""
    return "\n".join([r.meta.get("title") or ""] + block_text(r.blocks or []))
