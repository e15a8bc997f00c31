"""How well the theme selection rule generalises: its thresholds chosen on three parts of the real-text set and
scored on the fourth (leave one part out), beside the hand-set thresholds of extract/themes.py.

``score --realtext --train themes`` prints it and writes nothing: the thresholds stay in themes.py (the fit found
no thresholds that generalise better: keyword evidence, themes.yml, is what moves the figure). Run it after
editing themes.yml: a held-out part that drops says the change fitted the texts it was made on.
"""

from __future__ import annotations

import itertools

from ..build import extract_one
from ..config import Vocabulary
from ..extract.report import prepare
from ..extract.themes import RULE, select_themes, theme_scores
from . import realtext
from .score import theme_f1

# the thresholds tried: second theme (min score, share of top), third theme (min score, share of top)
GRID = list(itertools.product((1.0, 1.5, 2.0, 2.5), (0.05, 0.1, 0.15, 0.2), (2.0, 3.0, 4.0), (0.3, 0.4, 0.5, 0.6)))

Example = tuple[str, set[str], dict[str, float]]  # part, labelled themes, theme scores


def examples(vocab: Vocabulary) -> list[Example]:
    """Every real-text case with a cached excerpt: its part, its labels and its theme scores (title as the build
    finds it)."""
    out = []
    for case, doc in realtext.training_documents("themes"):
        report, _ = extract_one(doc, vocab)
        _, lead, _ = prepare(doc)
        labels = set(realtext._list(case["themes"]))
        out.append((str(case.get("half")), labels, dict(theme_scores(lead.text, report.meta.get("title") or "", vocab))))
    return out


def counts(exs: list[Example], rule: tuple[float, float, float, float]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for _, want, scores in exs:
        got = set(select_themes(scores, rule))
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    return tp, fp, fn


def _f1(c: tuple[int, int, int]) -> str:
    p, r, f = theme_f1(*c)
    return f"F1 {f:.3f} (P {p:.2f} R {r:.2f})"


def best_rule(exs: list[Example]) -> tuple[float, float, float, float]:
    """The thresholds with the highest F1 on these examples (ties: the hand-set ones, then the first tried)."""
    return max(GRID, key=lambda rule: (round(theme_f1(*counts(exs, rule))[2], 4), rule == RULE))


def cross_validate(vocab: Vocabulary) -> list[str]:
    exs = examples(vocab)
    lines = [f"themes: {len(exs)} real texts; thresholds (second: min score, share of top; third: min score, share of "
             f"top), hand-set {RULE}"]
    fitted, hand = [0, 0, 0], [0, 0, 0]
    for part in sorted({e[0] for e in exs}):
        rule = best_rule([e for e in exs if e[0] != part])
        held = [e for e in exs if e[0] == part]
        f, h = counts(held, rule), counts(held, RULE)
        fitted, hand = [a + b for a, b in zip(fitted, f)], [a + b for a, b in zip(hand, h)]
        lines.append(f"  part {part} held out: thresholds fit on the others {rule}: {_f1(f)}; hand-set: {_f1(h)}")
    lines.append(f"  all parts, each scored when held out: fit {_f1(tuple(fitted))}; hand-set {_f1(tuple(hand))}")
    rule = best_rule(exs)
    lines.append(f"  thresholds fit on all {rule}: {_f1(counts(exs, rule))} (not a measure of generalisation)")
    lines.append("  nothing written: the thresholds live in build_scripts/extract/themes.py")
    return lines
