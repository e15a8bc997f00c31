"""Text -> acronyms used in a report with their expansions: from the glossary and from definitions in the text."""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Vocabulary
from ..text import fold, phrase_pattern

# 'direction générale de la santé et de l'hygiène publique (GDS-HP)'
PARENS = re.compile(r"\((?P<acr>[A-Z][A-Za-z]*[A-Z][A-Za-z0-9/-]*)\)")
LONG_BEFORE = re.compile(r"(?P<long>[\w'’ -]{6,120})\s*$")
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur", "dans"}
# A capital not glued to a word: '[A-Z](?<![\w-][A-Z])' is '(?<![\w-])[A-Z]', written so that the regex starts
# with a character class, which lets the regex engine pass over the many positions without a capital.
ACRONYM_TOKEN = re.compile(r"([A-Z](?<![\w-][A-Z])[A-Za-z]*[A-Z][A-Za-z]*)(?:\d+)?(?![\w-])")

Glossary = tuple[dict[str, str], re.Pattern[str] | None, list[tuple[str, str, str]], dict[str, str | None],
                 re.Pattern[str] | None]


def _glossary(vocab: Vocabulary) -> Glossary:
    """Acronym -> expansion, one pattern for every expansion, each expansion (first word, text, acronym), a
    memo of which acronym a spelled-out form found in a text belongs to (the same forms recur in every report),
    and one pattern for the glossary's acronyms that ACRONYM_TOKEN cannot see ('CSRéf', 'S&E', 'CSCom-U')."""
    return vocab.compiled("acronyms.py:_glossary", _build_glossary)


def _build_glossary(vocab: Vocabulary) -> Glossary:
    by_acr: dict[str, str] = {}
    for a in vocab.acronyms:
        for key in (a.acronym, *a.aliases):
            by_acr.setdefault(key, a.expansion)
    firsts = [(a.expansion.split(" ; ")[0], a.acronym) for a in vocab.acronyms]
    each = [(re.split(r"[- ]+", fold(text.strip()))[0], text, acr) for text, acr in firsts]
    odd = sorted((key for key in by_acr if not ACRONYM_TOKEN.fullmatch(key)), key=lambda k: (-len(k), k))
    odd_pattern = re.compile(r"(?<![\w&-])(" + "|".join(map(re.escape, odd)) + r")(?![\w&-])") if odd else None
    return (by_acr, phrase_pattern([t for t, _ in firsts], inflections=True), each, {}, odd_pattern)


def _owner(spelled: str, each: list[tuple[str, str, str]]) -> str | None:
    """The first acronym whose expansion's own pattern matches the whole spelled-out form. A match starts
    with the expansion's first word, so only the expansions whose first word opens the form are tried."""
    for first_word, text, acr in each:
        if spelled.startswith(first_word):
            pattern = _expansion_pattern(text)
            if pattern is not None and pattern.fullmatch(spelled):
                return acr
    return None


@lru_cache(maxsize=None)
def _expansion_pattern(text: str) -> re.Pattern[str] | None:
    """One expansion's pattern, compiled the first time a spelled-out form may be it."""
    return phrase_pattern([text], inflections=True)


def definitions_in_text(text: str) -> dict[str, str]:
    """Acronyms the report defines itself: the words before '(ACR)' whose initials spell it."""
    found: dict[str, str] = {}
    for p in PARENS.finditer(text):
        m = LONG_BEFORE.search(text, max(0, p.start() - 130), p.start())
        if not m:
            continue
        acr, long = p.group("acr"), m.group("long")
        letters = [ch for ch in acr if ch.isupper()]
        tokens = list(re.finditer(r"\S+", long))
        chosen, initials = len(tokens), []
        for i in range(len(tokens) - 1, -1, -1):
            word = re.sub(r"^[lLdD]['’]", "", tokens[i].group(0))
            parts = [p for p in word.split("-") if fold(p) not in SMALL_WORDS and p[:1].isalpha()]
            initials[:0] = [p[0].upper() for p in parts]
            chosen = i
            if len(initials) >= len(letters):
                break
        words = [t.group(0) for t in tokens[chosen:]]
        if initials and _spells(letters, initials, words):
            definition = long[tokens[chosen].start():].strip(" ,;:")
            definition = re.sub(r"^[lLdD]['’]", "", definition)
            found.setdefault(acr, definition)
    return found


def _spells(letters: list[str], initials: list[str], words: list[str]) -> bool:
    """Loose check: the acronym's first letter opens the long form and most letters are initials."""
    if fold(initials[0]) != fold(letters[0]):
        return False
    hits = sum(1 for ch in letters if ch in initials or any(fold(ch) in fold(w)[:3] for w in words))
    return hits >= max(2, int(0.6 * len(letters)))


def acronyms_in_report(text: str, vocab: Vocabulary) -> list[tuple[str, str, bool]]:
    """(acronym, expansion, spelled_out_only) for each glossary or defined acronym the report uses or spells out."""
    by_acr, expansion_pattern, each, owners, odd_pattern = _glossary(vocab)
    defined = definitions_in_text(text)
    out: dict[str, tuple[str, bool]] = {acr: (long, False) for acr, long in defined.items()}
    found = [m.group(1) for m in ACRONYM_TOKEN.finditer(text)]
    if odd_pattern is not None:
        found += [m.group(1) for m in odd_pattern.finditer(text)]
    for acr in found:
        if acr in defined:
            out.setdefault(acr, (defined[acr], False))
        elif acr in by_acr:
            out.setdefault(acr, (by_acr[acr], False))
    if expansion_pattern is not None:
        for m in expansion_pattern.finditer(fold(text)):
            spelled = m.group(0)
            if spelled not in owners:
                owners[spelled] = _owner(spelled, each)
            acr = owners[spelled]
            if acr and acr not in out:
                out[acr] = (by_acr[acr], True)
    return sorted(((a, e, spelled) for a, (e, spelled) in out.items()), key=lambda t: t[0].casefold())
