"""Shared text helpers: accent folding that keeps offsets, phrase matchers, sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‑": "-"}


def _fold_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Translation tables, one character to one character, so that offsets survive folding. They also list
    the characters that stay as they are: a character missing from a table costs str.translate an exception."""
    keep, lower = {}, {}
    for code in range(0x20, 0x2500):
        ch = chr(code)
        base = APOSTROPHES.get(ch) or unicodedata.normalize("NFD", ch)[0]
        if len(base) != 1:
            base = ch
        low = base.lower() if len(base.lower()) == 1 else base
        if base != ch:
            keep[code] = base
        if low != ch:
            lower[code] = low
    for code in range(0x2500):
        keep.setdefault(code, chr(code))
        lower.setdefault(code, chr(code))
    return keep, lower


_KEEP_CASE, _LOWER = _fold_tables()


@lru_cache(maxsize=512)
def fold(text: str, *, lower: bool = True) -> str:
    """Remove accents (and lower-case) character by character: offsets in the result match the input."""
    return text.translate(_LOWER if lower else _KEEP_CASE)


def search_form(word: str) -> str:
    """A word as the search indexes and looks it up (Pagefind, recherche.js, the offline index): lower case,
    accents removed, œ/æ spelled out. Unlike ``fold`` it may change the length: never for offsets."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.replace("œ", "oe").replace("æ", "ae")


SEP, SUFFIX = "\x00sep", "\x00suffix:"
WORD_START, WORD_END = r"(?<![\w])", r"(?![\w])"


def phrase_pattern(phrases: Iterable[str], *, case_sensitive: bool = False,
                   inflections: bool = False) -> re.Pattern[str] | None:
    """One regex matching any phrase on word boundaries in folded text; '-' and ' ' are interchangeable.
    With ``inflections``, each word may take a short ending (plural, feminine, -ation/-er stems of 5+ letters).
    The alternatives are compiled as a trie, which keeps a list of a thousand place names fast to match."""
    trie = _phrase_trie(phrases, case_sensitive, inflections)
    return None if trie is None else re.compile(_emit(trie, word_start=True) + WORD_END)


def _phrase_trie(phrases: Iterable[str], case_sensitive: bool, inflections: bool) -> dict | None:
    """The trie of a phrase list's folded alternatives (see _atoms); None when no phrase is left."""
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
    trie: dict = {}
    for a in alts:
        node = trie
        for atom in _atoms(a, inflections):
            node = node.setdefault(atom, {})
        node[""] = {}
    return trie


def _first_character(trie: dict) -> str:
    """A lookahead on the characters a trie can start with: checking that one character first lets the regex
    engine pass over most positions of a text quickly (the matches stay the same)."""
    firsts = {re.escape(ch) for atom in trie for ch in ("- " if atom == SEP else atom)}
    return "(?=[" + "".join(sorted(firsts)) + "])"


class PhraseSets:
    """Several phrase lists matched in one pass over a text: for each list, exactly the matches that
    ``phrase_pattern(list).finditer(text)`` gives. One scan instead of one per list: only the positions
    after a non-word character are tried (the scan looks for that character, which the regex engine does
    quickly), each only when some phrase of some list starts there, and only then each list's own trie."""

    def __init__(self, lists: list[Iterable[str]], *, case_sensitive: bool = False, inflections: bool = False) -> None:
        lists = [list(phrases) for phrases in lists]
        tries = [_phrase_trie(phrases, case_sensitive, inflections) for phrases in lists]
        self.size = len(lists)
        self.slots = [n for n, trie in enumerate(tries) if trie is not None]  # lists with a phrase left
        union = _phrase_trie([p for phrases in lists for p in phrases], case_sensitive, inflections)
        self.pattern = None if union is None else re.compile(
            r"\W" + _first_character(union) + "(?=" + _emit(union) + WORD_END + ")"
            + "".join("(?:(?=(" + _emit(tries[n]) + WORD_END + "))|)" for n in self.slots))  # type: ignore[arg-type]

    def findall(self, folded: str) -> list[list[str]]:
        """Per list, the texts of its non-overlapping matches in ``folded``, in order (empty lists included)."""
        return [[hit for _, hit in found] for found in self.finditer(folded)]

    def finditer(self, folded: str) -> list[list[tuple[int, str]]]:
        """Per list, its non-overlapping matches in ``folded`` as (start, text), in order (empty lists included)."""
        out: list[list[tuple[int, str]]] = [[] for _ in range(self.size)]
        if self.pattern is None:
            return out
        slots = self.slots
        free = [0] * len(slots)  # where each list's previous match ended: its matches never overlap
        for m in self.pattern.finditer(" " + folded):  # a space first: a phrase may start the text
            start = m.start()  # where the phrase starts in ``folded`` (one character after, in the scanned text)
            for i, hit in enumerate(m.groups()):
                if hit is not None and start >= free[i]:
                    out[slots[i]].append((start, hit))
                    free[i] = start + len(hit)
        return out


def _atoms(phrase: str, inflections: bool) -> list[str]:
    """A phrase as trie steps: its characters, separators between words, and each word's allowed ending."""
    atoms: list[str] = []
    words = re.split(r"[- ]+", phrase)
    for n, w in enumerate(words):
        if n:
            atoms.append(SEP)
        atoms.extend(w)
        if inflections and w.isalpha() and w.islower():
            atoms.append(SUFFIX + (r"\w*" if len(w) >= 5 else r"(?:e?s|x)?"))
        elif inflections and w.isalpha() and w.isupper():
            atoms.append(SUFFIX + r"\d*")  # 'CPN' also matches 'CPN4'
    return atoms


def _emit(node: dict, word_start: bool = False) -> str:
    """A trie as a regex. With ``word_start``, the match must not follow a word character: each first character
    is followed by that check ('c(?<![\\w]c)' is '(?<![\\w])c'), so that the regex starts with a character
    and the regex engine passes over the positions where no phrase starts."""
    branches = []
    for atom in sorted(k for k in node if k):
        if atom == SEP:
            piece = (WORD_START if word_start else "") + "[- ]+"
        elif atom.startswith(SUFFIX):
            piece = atom[len(SUFFIX):]
        else:
            piece = re.escape(atom) + (r"(?<![\w]" + re.escape(atom) + ")" if word_start else "")
        branches.append(piece + _emit(node[atom]))
    if "" in node:
        branches.append("")  # the phrase may end here (tried last, so longer phrases win)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-ÖØ-Þ«\"(\d·•-])|\n+")


ABBREVIATIONS = ("Dr", "Pr", "M", "Mme", "Mlle", "Me", "Mgr", "St", "Ste", "cf", "p", "n°", "art")
ABBREVIATION_END = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\.$")
# A sentence ends with an abbreviation when its last characters do: a space, the abbreviation and its dot.
ABBREVIATION_TAIL = max(map(len, ABBREVIATIONS)) + 2


def sentences(text: str) -> list[tuple[int, int, str]]:
    """Sentences (and lines) of a text as (start, end, text), not split after 'Dr.', 'M.', 'Mme.'."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if "\n" not in m.group(0) and ABBREVIATION_END.search(text[max(start, m.start() - ABBREVIATION_TAIL):m.start()]):
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


def word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """Where a (non-empty) word stands on its own: the spans ``re.finditer(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])",
    text)`` gives, found with str.find (no regex to compile for each new word)."""
    if not word:
        raise ValueError("word_spans needs a word")
    spans: list[tuple[int, int]] = []
    size, i = len(word), text.find(word)
    while i >= 0:
        j = i + size
        if (i == 0 or not _joins(text[i - 1])) and (j == len(text) or not _joins(text[j])):
            spans.append((i, j))
            i = text.find(word, j)
        else:
            i = text.find(word, i + 1)
    return spans


def _joins(ch: str) -> bool:
    """A character that glues to a word: regex '[\\w-]' (letters, digits, '_' in any script, and '-')."""
    return ch.isalnum() or ch == "_" or ch == "-"


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The matched span with some context, on one line."""
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a > 0 else "") + clean_spaces(text[a:b]) + ("…" if b < len(text) else "")


def clean_spaces(text: str) -> str:
    """Runs of white space (any Unicode space, as regex '\\s') as one space, none at either end."""
    return " ".join(text.split())


FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]


def french_date(iso: str | None) -> str:
    """'2019-11-14' -> '14 novembre 2019'; '2016-03' -> 'mars 2016'; '2015' -> '2015'."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


# Characters that would move the cursor, colour, erase or reorder a terminal line, or start a new one: a file
# name or a curated value holding them could forge an 'error:' line or hide one.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text as one terminal line: control and direction characters shown as escapes (\\n, \\x1b, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


WORD_LIST = Path("/usr/share/dict/french")  # Debian's wfrench, about 350,000 inflected forms


@lru_cache(maxsize=1)
def french_word_list() -> tuple[str, ...]:
    """The lines of the French word list; empty when it is not installed (apt-get install wfrench)."""
    if not WORD_LIST.is_file():
        return ()
    return tuple(WORD_LIST.read_text(encoding="utf-8", errors="replace").split("\n"))


@lru_cache(maxsize=1)
def french_spellings() -> dict[str, tuple[str, ...]]:
    """Folded word -> its spellings in the French word list (lower-case entries only; empty without the list)."""
    lines = french_word_list()
    forms: dict[str, list[str]] = {}
    # fold keeps offsets and line breaks: the whole list is folded at once (1 s a process when word by word)
    for word, folded in zip(lines, fold("\n".join(lines)).split("\n")):
        if word and word.islower():
            spellings = forms.get(folded)
            if spellings is None:
                forms[folded] = [word]
            elif word not in spellings:
                spellings.append(word)
    return {k: tuple(sorted(v)) for k, v in forms.items()}
