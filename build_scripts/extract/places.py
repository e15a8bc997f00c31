"""Text -> country (or countries): names, demonyms, institutions and place names from places.yml."""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..config import Vocabulary
from ..models import Found
from ..text import fold, phrase_pattern, snippet

# Weight of one mention, then of each further mention of the same term.
WEIGHTS = {"name": (3.0, 1.0), "demonym": (2.0, 0.5), "institution": (2.0, 0.5), "place": (2.0, 0.75)}
SHARE_OF_TOP = 0.5  # another country is listed when it scores at least half the top one
MIN_SCORE = 2.0


@dataclass
class _Matcher:
    insensitive: re.Pattern[str] | None
    sensitive: re.Pattern[str] | None
    terms: dict[str, list[tuple[str, str]]]  # key -> [(country, kind)]




@lru_cache(maxsize=8192)
def _key(term: str) -> str:
    """The form a registry term and a text's hit compare by (cached: the same hits recur in every report)."""
    return re.sub(r"[- ]+", " ", fold(term)).strip()


def _matcher(vocab: Vocabulary) -> _Matcher:
    return vocab.compiled("places.py:_matcher", _build_matcher)


def _build_matcher(vocab: Vocabulary) -> _Matcher:
    terms: dict[str, list[tuple[str, str]]] = defaultdict(list)
    insensitive, sensitive = [], []
    for c in vocab.countries:
        for kind, values, bucket in (("name", (c.name, *c.aliases), insensitive),
                                     ("demonym", c.demonyms, insensitive),
                                     ("institution", c.institutions, sensitive),
                                     ("place", c.places, sensitive)):
            for v in values:
                bucket.append(v)
                if (c.name, kind) not in terms[_key(v)]:
                    terms[_key(v)].append((c.name, kind))
    return _Matcher(phrase_pattern(insensitive), phrase_pattern(sensitive, case_sensitive=True),
                                 dict(terms))


def country_scores(text: str, vocab: Vocabulary) -> tuple[Counter[str], dict[str, tuple[int, int]]]:
    """Score each country by its weighted mentions; also return where each was first seen. A country named in
    a list of three or more ('en Guinée, en Sierra Leone et au Liberia') counts half: it is rarely the subject;
    the town where the meeting was held ('s'est tenu … à Niamey') counts once more."""
    m = _matcher(vocab)
    hits: list[tuple[int, int, str, str]] = []
    for pattern, folded in ((m.insensitive, fold(text)), (m.sensitive, fold(text, lower=False))):
        if pattern is not None:
            hits.extend((h.start(), h.end(), _key(h.group(0)), h.group(0)) for h in pattern.finditer(folded))
    hits.sort()
    scores: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    listed = _in_lists(text, [(a, b) for a, b, key, _ in hits if any(k == "name" for _, k in m.terms.get(key, []))])
    folded_text = fold(text)
    later = [(s.start(), s.end()) for s in SENTENCE.finditer(folded_text)
             if NEXT_VENUE.search(s.group(0))] if NEXT_VENUE.search(folded_text) else []
    for start, end, key, _ in hits:
        owners = m.terms.get(key, [])
        for country, kind in owners:
            once, again = WEIGHTS[kind]
            weight = once if seen[(country, key)] == 0 else again
            if (start, end) in listed:
                weight *= 0.5
            if any(a <= start < b for a, b in later):
                weight *= 0.3  # 'N'Djamena abritera la prochaine session': where a later meeting will be held
            scores[country] += weight / len(owners)  # an ambiguous place counts for each, split
            seen[(country, key)] += 1
            first.setdefault(country, (start, end))
    venue = VENUE.search(fold(text))
    if venue:
        for start, end, key, _ in hits:
            if start == venue.end():
                for country, kind in m.terms.get(key, []):
                    if kind == "place":
                        scores[country] += 1.0
                break
    return scores, first


SENTENCE = re.compile(r"[^.!?\n]+")
NEXT_VENUE = re.compile(r"\b(?:abritera|accueillera|se tiendra|aura lieu|prochaine (?:session|edition|reunion|rencontre))\b")
VENUE = re.compile(r"(?:s'est tenue?s?|se sont tenue?s?|se tient|a eu lieu|ont eu lieu|s'est deroulee?s?|"
                   r"se sont deroulee?s?|a ete lancee?|organisee?s? (?:le|du)[^.,;]{0,30})[^.;]{0,60}?\ba ")


def _in_lists(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Country names that stand in an enumeration of three or more, separated by ',', 'et' or 'ou'."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        gap = text[runs[-1][-1][1]: span[0]] if runs else ""
        if runs and len(gap) <= 12 and re.fullmatch(r"\s*(?:,|et|ou)\s*(?:(?:en|au|aux|le|la|l'|du|de|des)\s*)?", gap):
            runs[-1].append(span)
        else:
            runs.append([span])
    return {s for run in runs if len(run) >= 3 for s in run}


def extract_country(text: str, vocab: Vocabulary, hints: dict[str, float] | None = None) -> Found:
    """The report's country (str), several (list) when the text is about several, or None."""
    scores, first = country_scores(text, vocab)
    for country, weight in (hints or {}).items():
        scores[country] += weight
    if not scores:
        return Found(None, "", 0.0, "no place, country or demonym recognised")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    if top < MIN_SCORE:
        return Found(None, "", 0.0, f"too little evidence (best: {ranked[0][0]}, score {top:.1f})")
    chosen = [c for c, s in ranked if s >= max(MIN_SCORE, SHARE_OF_TOP * top)]
    total = sum(scores.values())
    conf = round(min(1.0, top / 6.0) * (sum(scores[c] for c in chosen) / total), 2)
    runner = next((s for c, s in ranked if c not in chosen), 0.0)
    if len(chosen) > 1 or runner >= 0.3 * top:
        conf = min(conf, 0.6)  # several countries, or another one not far behind: the curator should look
    snips = [snippet(text, *first[c], width=40) for c in chosen if c in first]
    value: str | list[str] = chosen[0] if len(chosen) == 1 else sorted(chosen)
    alternatives = tuple((c, round(sc, 2), "places, names and demonyms") for c, sc in ranked if c not in chosen)[:3]
    return Found(value, " / ".join(snips), conf, "places, names and demonyms of places.yml", alternatives)
