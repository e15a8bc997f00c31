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
# A meeting has one host country; others are listed beside it when the text names the countries taking part (a
# participants' list), or, for a cross-border or sub-regional meeting, when they score at least a fifth of the top
# one (a partner country is named less than the host: half the top missed them on parts E and F; a fifth lost
# nothing on parts A-D).
SHARE_CROSS_BORDER = 0.2
CROSS_BORDER = re.compile(r"\b(?:transfrontali\w*|sous[- ]regional\w*|inter[- ]?pays|bilateral\w*|inter[- ]?etats)\b")
MIN_SCORE = 2.0
LEAD_CHARS = 400  # the headline and the first sentence: where the meeting's place is said
VENUE_BONUS = 6.0  # the town the meeting was held in ('s'est tenue … à Niamey') makes the host


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
    hits.sort(key=lambda h: (h[0], -h[1]))
    kept: list[tuple[int, int, str, str]] = []
    for h in hits:  # 'Kinshasa' inside 'Congo-Kinshasa' is the same mention
        if kept and h[0] < kept[-1][1]:
            continue
        kept.append(h)
    hits = kept
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
            if NAMED_AFTER.search(folded_text, max(0, start - 40), start):
                weight *= 0.3  # 'la Déclaration de Lomé': a text named after a town, not where the meeting is
            if NEIGHBOUR.match(folded_text, end):
                weight *= 0.3  # 'la Gambie voisine': a neighbour, not where the meeting is
            elif start < LEAD_CHARS:
                weight *= 1.5
            scores[country] += weight / len(owners)  # an ambiguous place counts for each, split
            seen[(country, key)] += 1
            first.setdefault(country, (start, end))
    venue = VENUE.search(folded_text)
    if venue:
        for start, end, key, _ in hits:
            if start == venue.end():
                owners = m.terms.get(key, [])
                for country, kind in owners:
                    scores[country] += VENUE_BONUS / len(owners)
                break
    return scores, first


def participants(text: str, vocab: Vocabulary) -> list[str]:
    """The countries a text names as taking part: two or more names in a row after 'entre', 'à savoir', 'que
    sont', 'venus du', 'délégués', 'pays membres'… in the same sentence ('des leaders venus du Burundi, du Cameroun
    et du Tchad'); not a list in passing ('des foyers de dengue au Burkina Faso, en Côte d'Ivoire et au Sénégal')."""
    m = _matcher(vocab)
    folded = fold(text)
    if m.insensitive is None:
        return []
    spans = [(h.start(), h.end(), _key(h.group(0))) for h in m.insensitive.finditer(folded)
             if _names_one(m.terms.get(_key(h.group(0)), []))
             and not (folded[:h.start()].rstrip().endswith("(") and folded[h.end():].lstrip().startswith(")"))]
    for run in _runs([(a, b) for a, b, _ in spans], text):
        if len(run) < 2:
            continue
        start, end = run[0][0], run[-1][1]
        sentence = max(folded.rfind(". ", 0, start), folded.rfind("\n", 0, start)) + 1
        stop = min([i for i in (folded.find(". ", end), folded.find("\n", end)) if i >= 0] or [len(folded)])
        before = folded[max(sentence, start - 200): start]
        if (_participant_cue(before) or (ENUMERATION.search(before) and EVENT.search(folded, sentence, stop))
                or TOGETHER.match(folded, end)):
            out: list[str] = []
            for a, b, key in spans:
                if (a, b) in run:
                    out += [c for c, k in m.terms[key] if k in ("name", "demonym") and c not in out]
            return out  # the first such list: later ones are context ('une émanation des ministres du Bénin, …')
    return []


def _participant_cue(before: str) -> bool:
    """A cue that the countries after it take part ('entre', 'délégations', 'les ministres … des pays'), not the
    border between them."""
    return any(not (c.group(0) == "entre" and BORDER_BETWEEN.search(before, max(0, c.start() - 30), c.end()))
               for c in PARTICIPANT_CUE.finditer(before))


def _names_one(owners: list[tuple[str, str]]) -> bool:
    """A country's name, or a demonym of one country only ('togolais', not 'congolais')."""
    return any(k == "name" for _, k in owners) or (len(owners) == 1 and owners[0][1] == "demonym")


# people or delegations from the countries, a meeting between them
PARTICIPANT_CUE = re.compile(r"\b(?:entre|venue?s? (?:du|de|des|d')|delegations?|delegues|representants|participants (?:du|de|des)|"
                             r"pays participants|regroupant|reunissant|rassemblant)\b|"
                             r"\bparticipants\s*:|\bministres\b[^.;:]{0,60}\bpays\b")  # 'les ministres de la Santé des trois pays (…)'
# 'les zones frontalières entre la Guinée et le Mali': a border between two countries, not a meeting between them
BORDER_BETWEEN = re.compile(r"\b(?:frontieres?|frontalier\w*|limitrophes?)\s+entre\b")
# the countries as the subject of the meeting: 'le Mali et le Sénégal ont tenu à Kayes …'
TOGETHER = re.compile(r"\s+(?:ont (?:tenu|organise|co-?organise|lance|signe|valide|adopte)|se sont (?:reunis|retrouves|concertes)|"
                      r"tiennent|se reunissent|se retrouvent)\b")
# a plain enumeration, which counts in a sentence about the meeting ('ces assises … les pays membres, à savoir …', 'une
# formation … dans huit pays que sont …'), not about a project ('le projet mis en place dans 3 pays, à savoir …')
ENUMERATION = re.compile(r"\b(?:a savoir|que sont|suivants?|pays membres|etats membres|pays (?:concernes|beneficiaires)|"
                         r"(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze)\s+(?:\(\d+\)\s+)?pays)\b")
EVENT = re.compile(r"\b(?:atelier|reunion|rencontre|formation|assises|forum|seminaire|conference|session|travaux|"
                   r"concertation|table ronde|consultation)s?\b")
NEIGHBOUR = re.compile(r"\s+voisine?s?\b")
NAMED_AFTER = re.compile(r"\b(?:declaration|initiative|appel|consensus|accord|accords|engagement|engagements|charte|"
                         r"convention|protocole|processus|feuille de route|plan d'action|partenariat|cadre)\s+(?:de|d')\s*$")


SENTENCE = re.compile(r"[^.!?\n]+")
NEXT_VENUE = re.compile(r"\b(?:abritera|accueillera|se tiendra|aura lieu|prochaine (?:session|edition|reunion|rencontre))\b")
VENUE = re.compile(r"(?:s'est tenue?s?|se sont tenue?s?|se tient|a eu lieu|ont eu lieu|s'est deroulee?s?|a tenu|ont tenu|"
                   r"a (?:officiellement )?(?:debute|demarre|commence)|ont (?:officiellement )?(?:debute|demarre|commence)|"
                   r"s'est ouverte?|se sont ouverte?s|s'ouvre|s'ouvrent|se deroule(?:nt)?|"
                   r"se sont deroulee?s?|a ete lancee?|organisee?s? (?:le|du)[^.,;]{0,30})[^.;]{0,60}?\ba ")


LIST_GAP = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:,\s*)?(?:(?:et|ou)\s+)?(?:(?:en|au|aux|le|la|les|l'|l’|du|de|des|de la|de l'|de l’)\s*)?",
                      re.IGNORECASE)


def _runs(spans: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """Country names in a row, separated by ',', 'et' or 'ou' (and an acronym in brackets: 'République démocratique
    du Congo (RDC), du Tchad')."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        gap = text[runs[-1][-1][1]: span[0]] if runs else ""
        if runs and len(gap) <= 24 and LIST_GAP.fullmatch(gap) and gap.strip():
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _in_lists(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Country names that stand in an enumeration of three or more."""
    return {s for run in _runs(spans, text) if len(run) >= 3 for s in run}


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
        if hints and len(ranked) == 1 and ranked[0][0] in hints:  # nothing but the programme: its country
            return Found(ranked[0][0], "", 0.3, "country of the programme found (no place named)")
        return Found(None, "", 0.0, f"too little evidence (best: {ranked[0][0]}, score {top:.1f})")
    share = SHARE_CROSS_BORDER if CROSS_BORDER.search(fold(text)) else 1.0
    taking_part = participants(text, vocab)
    chosen = [c for c, s in ranked if s >= max(MIN_SCORE, share * top) or (c in taking_part and s > 0)]
    if taking_part and ranked[0][0] not in taking_part:
        chosen = [ranked[0][0]] + [c for c in chosen if c in taking_part]  # the host and the countries taking part
    total = sum(scores.values())
    conf = round(min(1.0, top / 6.0) * (sum(scores[c] for c in chosen) / total), 2)
    runner = next((s for c, s in ranked if c not in chosen), 0.0)
    if len(chosen) > 1 or runner >= 0.3 * top:
        conf = min(conf, 0.6)  # several countries, or another one not far behind: the curator should look
    snips = [snippet(text, *first[c], width=40) for c in chosen if c in first]
    value: str | list[str] = chosen[0] if len(chosen) == 1 else sorted(chosen)
    alternatives = tuple((c, round(sc, 2), "places, names and demonyms") for c, sc in ranked if c not in chosen)[:3]
    method = "places, names and demonyms of places.yml" + (
        "; the host and the countries the text names as taking part" if taking_part and len(chosen) > 1 else
        "; a cross-border meeting: countries at a fifth of the top score" if len(chosen) > 1 else
        "; one host country (others named in passing)" if runner else "")
    return Found(value, " / ".join(snips), conf, method, alternatives)
