"""Themes of a report and of one statement: keyword hits per theme (themes.yml), the title counting more."""

from __future__ import annotations

import re
from collections import Counter

from ..config import Vocabulary
from ..models import Found
from ..text import PhraseSets, fold, phrase_pattern
from . import theme_model

# A report is filed under its main subject and, most often, one more (what it treats of the subject: its
# coordination, its staff, its follow-up…); a third only when it weighs nearly as much as the first.
MIN_THEME_SCORE = 1.5  # a second theme: one keyword in the lead or repeated, or two in passing
SHARE_OF_TOP = 0.1
THIRD_MIN_SCORE = 3.0
THIRD_SHARE_OF_TOP = 0.5
TITLE_WEIGHT = 3.0
LEAD_CHARS = 800  # what the report is about is said first: the heading and its opening lines
LEAD_WEIGHT = 1.5
REPEAT_WEIGHT = 0.5  # each repetition of a keyword adds half a hit…
MAX_REPEATS = 4  # …up to four
# A ministry's or directorate's name lists its portfolios: 'Ministère de la Santé et de l'Hygiène publique',
# 'ministre de la Santé, de l'Hygiène publique et de la Couverture maladie universelle'. Every report of that
# ministry names them, whatever it is about: the portfolios after the first are not read for themes.
PORTFOLIOS = re.compile(
    r"\b(?:ministeres?|ministres?|direction|directeur|directrice|inspection|delegation|departement|secretariat)"
    r"(?P<first>[^.;:\n()]{0,60}?\b(?:de la |du |des |de l'|de |d')\s*\w+"
    r"(?:\s+(?:publique|sociale|social|nationale|universelle|primaires?|humanitaire))?)"
    r"(?P<rest>(?:(?:\s*,\s*|\s+et\s+)(?:de la |du |des |de l'|d')[^.;:\n(),]{0,60}?)+)"
    r"(?=[.;:\n(]|\s(?:a|ont|qui|avec|pour|en|sur|dans|le|la|les|au|aux|par)\s|,\s(?!de |du |des |d')|$)",
    re.IGNORECASE)


def _without_portfolios(folded: str) -> str:
    """The portfolios after the first one in a body's name blanked out (same length: positions are kept)."""
    return PORTFOLIOS.sub(lambda m: m.group(0)[: m.start("rest") - m.start()] + " " * (m.end("rest") - m.start("rest")),
                          folded)


def _blank(lower: str, cased: str, pattern: re.Pattern[str] | None) -> tuple[str, str]:
    """The matches of ``pattern`` in the lower-case text replaced by spaces in both texts (same length: positions
    are kept)."""
    if pattern is None:
        return lower, cased
    pieces, end = [], 0
    for m in pattern.finditer(lower):
        pieces += [cased[end:m.start()], " " * (m.end() - m.start())]
        end = m.end()
    if not pieces:
        return lower, cased
    return pattern.sub(lambda m: " " * len(m.group(0)), lower), "".join(pieces) + cased[end:]


ThemeMatchers = tuple[PhraseSets, PhraseSets, list[tuple[str, bool, int, float]], "re.Pattern[str] | None"]
WEAK = 0.5  # what a weak keyword's hit counts


def _theme_matchers(vocab: Vocabulary) -> ThemeMatchers:
    """Per theme, its words (any case) and its acronyms (exact case): two one-pass matchers, the order in which
    each theme's word and acronym hits are scored, and the phrases that are no evidence of any theme."""
    return vocab.compiled("themes.py:_theme_matchers", _build_theme_matchers)


def _build_theme_matchers(vocab: Vocabulary) -> ThemeMatchers:
    words, acronyms, order = [], [], []
    for t in vocab.themes:
        for keywords, weight in ((t.keywords, 1.0), (t.weak_keywords, WEAK)):
            upper = [k for k in keywords if sum(ch.isupper() for ch in k) >= 2]
            order += [(t.slug, False, len(words), weight), (t.slug, True, len(acronyms), weight)]
            words.append([k for k in keywords if k not in upper])
            acronyms.append(upper)
    return (PhraseSets(words, inflections=True), PhraseSets(acronyms, case_sensitive=True, inflections=True), order,
            phrase_pattern(vocab.not_keywords, inflections=True))


# A list of one theme's keywords ('le VIH/sida, la tuberculose, le paludisme et les hépatites', often a body's
# name) weighs less than as many mentions: from ENUMERATION keywords in a row, those after the first count half.
ENUMERATION = 3
IN_ENUMERATION = 0.5
BETWEEN_ITEMS = re.compile(r"(?:[\s,;/&'-]|\b(?:et|ou|le|la|les|l|de|des|du|d|aux?)\b)*")


def _enumeration_weights(hits: list[tuple[int, int, int]], lower: str) -> list[float]:
    """For a theme's hits (start, end, entry) in text order, what each counts: IN_ENUMERATION for the hits after
    the first of a run of ENUMERATION or more that only separators and articles keep apart, else 1."""
    def next_item(i: int) -> bool:  # hit i follows hit i - 1 in the same list
        return hits[i][0] <= hits[i - 1][1] or BETWEEN_ITEMS.fullmatch(lower, hits[i - 1][1], hits[i][0]) is not None

    weights = [1.0] * len(hits)
    first = 0
    for i in range(1, len(hits) + 1):
        if i < len(hits) and next_item(i):
            continue
        if i - first >= ENUMERATION:
            weights[first + 1:i] = [IN_ENUMERATION] * (i - first - 1)
        first = i
    return weights


def zone_scores(text: str, title: str, vocab: Vocabulary) -> dict[str, Counter[str]]:
    """Keyword hits per theme in each zone of the report ('title', 'lead', 'body'), unweighted by zone; repeated
    keywords count less, weak keywords and the items of a list half."""
    words, acronyms, order, not_keywords = _theme_matchers(vocab)
    out: dict[str, Counter[str]] = {"lead": Counter(), "body": Counter(), "title": Counter()}
    # the text is read whole (a phrase across the end of the lead is one hit), each hit counted in the zone it starts in
    cut = text.rfind(" ", 0, LEAD_CHARS) if len(text) > LEAD_CHARS else len(text)
    for where, zone_of in ((text, lambda start: "lead" if start < cut else "body"), (title, lambda start: "title")):
        if not where:
            continue
        lower, cased = _blank(_without_portfolios(fold(where)), _without_portfolios(fold(where, lower=False)),
                              not_keywords)
        found = (words.finditer(lower), acronyms.finditer(cased))
        by_theme: dict[str, list[tuple[int, int, int]]] = {}
        for e, (slug, case_sensitive, n, _) in enumerate(order):
            by_theme.setdefault(slug, []).extend((start, start + len(hit), e) for start, hit in found[case_sensitive][n])
        for slug, hits in by_theme.items():
            hits.sort()
            seen: Counter[tuple[str, int, str]] = Counter()  # (zone, entry, keyword text): times counted
            for (a, b, e), share in zip(hits, _enumeration_weights(hits, lower)):
                zone = zone_of(a)
                key = (zone, e, (cased if order[e][1] else lower)[a:b])
                if seen[key] <= MAX_REPEATS:  # the first time a whole hit, then REPEAT_WEIGHT, up to MAX_REPEATS
                    out[zone][slug] += order[e][3] * share * (1.0 if not seen[key] else REPEAT_WEIGHT)
                seen[key] += 1
    return out



ZONE_WEIGHTS = {"lead": LEAD_WEIGHT, "body": 1.0, "title": TITLE_WEIGHT}


def theme_scores(text: str, title: str, vocab: Vocabulary) -> Counter[str]:
    """Keyword hits per theme; a hit in the title, then in the lead, counts more; repeated keywords count less,
    weak keywords and the items of a list half."""
    scores: Counter[str] = Counter()
    for zone, hits in zone_scores(text, title, vocab).items():
        for slug, v in hits.items():
            scores[slug] += ZONE_WEIGHTS[zone] * v
    return scores


# what select_themes reads: (MIN_THEME_SCORE, SHARE_OF_TOP, THIRD_MIN_SCORE, THIRD_SHARE_OF_TOP)
RULE = (MIN_THEME_SCORE, SHARE_OF_TOP, THIRD_MIN_SCORE, THIRD_SHARE_OF_TOP)


def select_themes(scores: Counter[str] | dict[str, float], rule: tuple[float, float, float, float] = RULE,
                  eligible: set[str] | None = None) -> list[str]:
    """The top theme; the second when it scores at least rule[0] and rule[1] x the top; the third when it scores at
    least rule[2] and rule[3] x the top (``score --realtext --train themes`` cross-validates these thresholds); given
    ``eligible``, the second and third are taken among those themes only. The theme model's probabilities are
    selected the same way (its rule: a probability alone)."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    top, chosen = ranked[0][1], [ranked[0][0]]
    ranked = ranked[:1] + [kv for kv in ranked[1:] if eligible is None or kv[0] in eligible]
    if len(ranked) > 1 and ranked[1][1] >= max(rule[0], rule[1] * top):
        chosen.append(ranked[1][0])
        if len(ranked) > 2 and ranked[2][1] >= max(rule[2], rule[3] * top):
            chosen.append(ranked[2][0])
    return chosen


def classify_themes(text: str, title: str, vocab: Vocabulary) -> Found:
    """1 to 3 theme slugs: weighed by the theme model (theme_model.py) over the keyword scores and the report's
    words; by the keyword rule alone when the model was fit on other themes than themes.yml's."""
    scores = theme_scores(text, title, vocab)
    if not scores:
        return Found([], "", 0.0, "no theme keyword found")
    model = vocab.theme_model
    if model is not None and model.fits([t.slug for t in vocab.themes]):
        weighing = model.weigh(scores, theme_model.terms(text, title))
        probs = weighing.probs
        chosen = select_themes(probs, model.rule, weighing.weighed())
        ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
        # the chosen themes with what weighed most for each, then the runners-up: why, for the curator
        detail = "; ".join([f"{s}={probs[s]:.2f} ({', '.join(weighing.reasons(s))})" for s in chosen]
                           + [f"{s}={v:.2f}" for s, v in ranked if s not in chosen][:3])
        # confidence: that of the least sure theme filed (a second theme at 0.3 is worth a curator's look)
        return Found(chosen, detail, round(min(probs[s] for s in chosen), 2),
                     "theme model (theme_model.yml) over the keywords of themes.yml and the report's words")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    chosen = select_themes(scores)
    detail = ", ".join(f"{s}={v:g}" for s, v in ranked[:6])
    stale = "" if model is None else "; theme_model.yml was fit on other themes: fit it again"
    return Found(chosen, detail, round(min(1.0, top / 10.0), 2), f"theme keywords (themes.yml{stale})")


UNIT_THEME_SCORE = 1.5  # two keyword hits, or one repeated: one sentence rarely says more


def unit_themes(text: str, vocab: Vocabulary) -> list[str]:
    """A statement's own theme when its words clearly name one (else it takes its report's themes)."""
    scores = theme_scores(text, "", vocab)
    if not scores:
        return []
    slug, top = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    tied = [s for s, v in scores.items() if v == top]
    return [slug] if top >= UNIT_THEME_SCORE and len(tied) == 1 else []
