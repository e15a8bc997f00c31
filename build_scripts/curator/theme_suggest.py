"""Keywords the labelled texts suggest for each theme, for a curator to review (never written by the build).

A term (a word, or two words with at most one small word between them: 'lavage des mains') is suggested for a theme
when the labelled texts that use it are mostly filed under that theme, it is used by several texts from several parts
of the set (not one source's habit), and no keyword or not_keyword of themes.yml already covers it. Only words written
in lower case are read: names of places, people and bodies are capitalised, acronyms left to the curator.

``score --realtext --train themes`` prints the suggestions from every development part and judges the procedure
leave one part out: suggested from the other parts, added to the keywords, the held-out part scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Iterable

from ..config import Vocabulary
from ..extract.themes import RULE, select_themes, theme_scores
from ..extract.theme_model import content_terms
from ..text import fold
from .score import theme_counts

MIN_TEXTS = 10  # texts that use the term…
MIN_PARTS = 3  # …from at least this many parts of the set
MIN_SHARE = 0.7  # share of those texts filed under the theme
MIN_LIFT = 2.0  # and at least this many times the theme's share of all texts
Doc = tuple[str, set[str], str, str]  # part, labelled themes, text, title


def terms(text: str) -> set[str]:
    """The candidate terms of a text (theme_model.content_terms: its lower-case content words, and pairs of them)."""
    return set(content_terms(text))


def _covered(term: str, vocab: Vocabulary) -> bool:
    """Whether themes.yml already reads the term (a keyword hit in it) or rules it out (a not_keyword in it)."""
    if theme_scores(term, "", vocab):
        return True
    folded = fold(term)
    return any(fold(n) in folded or folded in fold(n) for n in vocab.not_keywords)


Suggestion = tuple[str, str, int, int, float]  # theme, term, texts using it, of them filed under the theme, share


def suggest_keywords(docs: Iterable[Doc], vocab: Vocabulary, *, min_texts: int = MIN_TEXTS,
                     min_parts: int = MIN_PARTS, min_share: float = MIN_SHARE) -> list[Suggestion]:
    """Per theme, the terms whose texts are mostly filed under it (see the module's doc), by theme then by the number
    of texts filed under it."""
    docs = list(docs)
    if not docs:
        return []
    base: Counter[str] = Counter(t for _, labels, _, _ in docs for t in labels)
    using: dict[str, list[int]] = defaultdict(list)
    for n, (_, _, text, title) in enumerate(docs):
        for term in terms(f"{title}\n{text}"):
            using[term].append(n)
    out = []
    for term, where in using.items():
        if len(where) < min_texts or len({docs[n][0] for n in where}) < min_parts:
            continue
        filed: Counter[str] = Counter(t for n in where for t in docs[n][1])
        if not filed:
            continue
        theme, k = min(filed.items(), key=lambda kv: (-kv[1], kv[0]))
        share = k / len(where)
        if share < min_share or share < MIN_LIFT * base[theme] / len(docs) or _covered(term, vocab):
            continue
        out.append((theme, term, len(where), k, round(share, 2)))
    # a pair whose word is suggested for the same theme adds nothing
    single = {(t, term) for t, term, *_ in out if " " not in term}
    out = [s for s in out if " " not in s[1] or not any((s[0], w) in single for w in s[1].split())]
    return sorted(out, key=lambda s: (s[0], -s[3], s[1]))


def with_keywords(vocab: Vocabulary, suggestions: Iterable[Suggestion]) -> Vocabulary:
    """The vocabulary with the suggested terms added to their themes' keywords (a new vocabulary: nothing cached is
    shared)."""
    extra: dict[str, list[str]] = defaultdict(list)
    for theme, term, *_ in suggestions:
        extra[theme].append(term)
    themes = tuple(replace(t, keywords=tuple(t.keywords) + tuple(extra.get(t.slug, ()))) for t in vocab.themes)
    return replace(vocab, themes=themes, theme_by_slug={t.slug: t for t in themes}, memo={})


def counts(docs: Iterable[Doc], vocab: Vocabulary) -> tuple[int, int, int]:
    """Theme tp, fp, fn of these texts with this vocabulary and the hand-set selection rule."""
    return theme_counts((set(select_themes(theme_scores(text, title, vocab), RULE)), want)
                        for _, want, text, title in docs)


def leave_one_part_out(docs: list[Doc], vocab: Vocabulary, **limits) -> dict[str, tuple[tuple[int, int, int],
                                                                                   tuple[int, int, int], int]]:
    """Per part: (counts with themes.yml, counts with the keywords suggested by the other parts added, how many)."""
    out = {}
    for part in sorted({d[0] for d in docs}):
        held = [d for d in docs if d[0] == part]
        sugg = suggest_keywords([d for d in docs if d[0] != part], vocab, **limits)
        out[part] = (counts(held, vocab), counts(held, with_keywords(vocab, sugg)), len(sugg))
    return out
