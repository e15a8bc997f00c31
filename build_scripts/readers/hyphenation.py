"""Words cut by a hyphen at a line end: 'na-' + 'tional' is 'national', but 'Kaya-' + 'Nord' stays 'Kaya-Nord'.

The French word list is Debian's `wfrench` (text.WORD_LIST, about 350,000 inflected forms), loaded on
the first cut word only. Without it, a cut is joined unless both halves are words of their own or the first
half is a usual compound prefix ('sous-', 'non-', 'post-'...).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import french_word_list

CUT = re.compile(r"([^\W\d_]+)-$")  # a line ending in letters then a hyphen
NEXT = re.compile(r"^([^\W\d_]+)")
COMPOUND_PREFIXES = {"sous", "non", "post", "pré", "pre", "anti", "auto", "demi", "semi", "mi", "vice", "ex",
                     "contre", "avant", "après", "arrière", "co", "inter", "extra", "porte", "grand", "mère", "chef",
                     "sage", "sages", "bien", "mal", "néo", "pro", "quasi", "ultra"}


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """The French word list in lower case; empty when it is not installed (apt-get install wfrench)."""
    return frozenset(w.strip().lower() for w in french_word_list() if w.strip())


def join_cut(left: str, right: str) -> str | None:
    """'...na-' followed by 'tional...': the two lines joined without the hyphen, or None to keep it."""
    cut, nxt = CUT.search(left), NEXT.match(right)
    if not cut or not nxt or not nxt.group(1)[:1].islower():
        return None  # 'Kaya-' + 'Nord', '2024-' + '2025': a real hyphen
    head, tail = cut.group(1), nxt.group(1)
    if _joined(head, tail):
        return left[:-1] + right
    return None


def _joined(head: str, tail: str) -> bool:
    words = french_words()
    whole, compound = (head + tail).lower(), f"{head}-{tail}".lower()
    if words:
        if whole in words:
            return True
        if compound in words or head.lower() in COMPOUND_PREFIXES:
            return False
        return not (head.lower() in words and tail.lower() in words and len(head) > 2)
    return head.lower() not in COMPOUND_PREFIXES and not (len(head) > 3 and len(tail) > 3 and head[:1].isupper())
