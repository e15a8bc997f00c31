"""Fit the theme model (extract/theme_model.py) on the labelled development texts, say how well it generalises, and
write it into build_scripts/data/theme_model.yml.

Examples: every development case of the real-text set (calibration and blind parts are never fit on). Figures:
each development part held out in turn (its terms, weights and nothing else fit on the other parts), the
thresholds for a second and a third theme chosen on those held-out probabilities; then the model fit on every
development part, scored on the calibration parts, beside the keyword rule alone (extract/themes.py).
scikit-learn fits the regressions; the build reads the file with no dependency on it.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from pathlib import Path

import yaml

from ..config import DATA_DIR, Vocabulary
from ..extract import theme_model
from ..extract.themes import RULE, select_themes, theme_scores
from . import realtext
from .score import theme_counts, theme_f1
from .theme_cv import counts, documents, f1_text
from .theme_suggest import Doc

MAX_TERMS = 2000  # the terms used by most training texts…
MIN_DF = 3  # …by at least three…
MAX_DF_SHARE = 0.5  # …and by at most half of them
# inverse strength of the L2 penalty: 1, 4, 16 and 64 were tried with 1,000 to 5,000 terms, each part held out; from
# C = 4 up the figures are within 0.005 of each other, and 16 with 2,000 terms was kept for its figure on the seeds
C = 16.0
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 15)]  # 0.05 … 0.7
DIGITS = 4
Row = tuple[dict[str, float], Counter[str]]  # keyword scores, term counts


def _rows(docs: list[Doc], vocab: Vocabulary) -> list[Row]:
    return [(dict(theme_scores(text, title, vocab)), theme_model.terms(text, title)) for _, _, text, title in docs]


def _idf(rows: list[Row]) -> dict[str, float]:
    """The MAX_TERMS terms used by most texts (between MIN_DF texts and MAX_DF_SHARE of them), with their idf."""
    df = Counter(t for _, counts in rows for t in counts)
    n = len(rows)
    kept = sorted((t for t, k in df.items() if MIN_DF <= k <= MAX_DF_SHARE * n), key=lambda t: (-df[t], t))[:MAX_TERMS]
    return {t: round(math.log((1 + n) / (1 + df[t])) + 1.0, DIGITS) for t in sorted(kept)}  # as the file holds it


def _matrix(rows: list[Row], slugs: list[str], idf: dict[str, float]):
    import numpy as np

    columns = {t: i for i, t in enumerate(sorted(idf))}
    x = np.zeros((len(rows), len(slugs) + len(columns)))
    for r, (scores, counts) in enumerate(rows):
        kw = theme_model.keyword_vector(scores)
        for j, slug in enumerate(slugs):
            x[r, j] = kw.get(slug, 0.0)
        for t, v in theme_model.term_vector(counts, idf).items():
            x[r, len(slugs) + columns[t]] = v
    return x


def _fit(rows: list[Row], labels: list[set[str]], slugs: list[str]) -> theme_model.ThemeModel:
    """One regression per theme on these rows (thresholds left at 0.5: ``_thresholds`` chooses them)."""
    from sklearn.linear_model import LogisticRegression

    idf = _idf(rows)
    x = _matrix(rows, slugs, idf)
    terms = sorted(idf)
    bias, keywords, words = {}, {}, {}
    for slug in slugs:
        y = [int(slug in want) for want in labels]
        if len(set(y)) < 2:  # no training text is filed under the theme (or every one is): a constant probability
            bias[slug], keywords[slug], words[slug] = (5.0 if y and y[0] else -5.0), {}, {}
            continue
        reg = LogisticRegression(C=C, max_iter=5000).fit(x, y)
        coef = reg.coef_[0]
        bias[slug] = round(float(reg.intercept_[0]), DIGITS)
        keywords[slug] = {k: round(float(coef[j]), DIGITS) for j, k in enumerate(slugs) if round(float(coef[j]), DIGITS)}
        words[slug] = {t: round(float(coef[len(slugs) + i]), DIGITS) for i, t in enumerate(terms)
                       if round(float(coef[len(slugs) + i]), DIGITS)}
    return theme_model.ThemeModel(tuple(slugs), idf, bias, keywords, words, 0.5, 0.5)


Held = tuple[dict[str, float], set[str]]  # a text's probabilities, and the themes something in it weighs for


def _held(model: theme_model.ThemeModel, row: Row) -> Held:
    weighing = model.weigh(*row)
    return weighing.probs, weighing.weighed()


def _counts(probs: list[Held], labels: list[set[str]], second: float, third: float) -> tuple[int, int, int]:
    return theme_counts((set(select_themes(p, theme_model.probability_rule(second, third), weighed)), want)
                        for (p, weighed), want in zip(probs, labels))


def _thresholds(probs: list[Held], labels: list[set[str]]) -> tuple[float, float]:
    """The (second, third) thresholds with the best F1 on these probabilities (ties: the lowest)."""
    return max(itertools.product(THRESHOLDS, THRESHOLDS),
               key=lambda st: (round(theme_f1(*_counts(probs, labels, *st))[2], 4), -st[0], -st[1]))


def _keyword_counts(rows: list[Row], labels: list[set[str]]) -> tuple[int, int, int]:
    """The keyword rule's counts on the same texts (theme_cv.counts)."""
    return counts([("", want, scores) for (scores, _), want in zip(rows, labels)], RULE)


def as_data(model: theme_model.ThemeModel) -> dict:
    """The model as the file holds it: per theme its words, the strongest first (what a curator reads)."""
    return {
        "second": model.second, "third": model.third,
        "themes": {slug: {"bias": model.bias[slug],
                          "keywords": dict(sorted(model.keyword_weights[slug].items(), key=lambda kv: (-kv[1], kv[0]))),
                          "words": dict(sorted(model.term_weights[slug].items(), key=lambda kv: (-kv[1], kv[0])))}
                   for slug in model.themes},
        "idf": dict(sorted(model.idf.items())),
    }


HEADER = """\
# The theme model: per theme, a logistic regression over the keyword scores of themes.yml and the words of the
# report (extract/theme_model.py). Written by `python -m build_scripts score --realtext --train themes` from the
# labelled development texts; do not edit by hand (edit themes.yml, then fit again).
# second, third: the probability a second and a third theme need. Per theme: bias; keywords: the weight of each
# theme's keyword score as a share of the top theme's; words: the weight of each word or pair of words (tf-idf),
# strongest first. idf: the terms the model reads and their inverse document frequency.
"""


def write_model(model: theme_model.ThemeModel, path: Path) -> None:
    path.write_text(HEADER + yaml.safe_dump(as_data(model), allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")


def _development(vocab: Vocabulary) -> tuple[list[str], list[Row], list[set[str]], list[str]]:
    """The themes' slugs, and the development texts' rows, labels and parts."""
    docs = documents(vocab)
    return sorted(t.slug for t in vocab.themes), _rows(docs, vocab), [d[1] for d in docs], [d[0] for d in docs]


def _held_out(slugs: list[str], rows: list[Row], labels: list[set[str]], parts: list[str],
              share: float = 1.0) -> tuple[list[Held], int]:
    """Each part held out in turn, weighed by a model fit on a share of the other parts (realtext.some_parts: all of
    them at 1.0); and the number of texts fit on, summed over the parts."""
    held: list[Held] = [({}, set())] * len(rows)
    fit_on = 0
    for part in sorted(set(parts)):
        keep = realtext.some_parts(set(parts), part, share)
        train = [i for i, p in enumerate(parts) if p in keep]
        fit_on += len(train)
        model = _fit([rows[i] for i in train], [labels[i] for i in train], slugs)
        for i, p in enumerate(parts):
            if p == part:
                held[i] = _held(model, rows[i])
    return held, fit_on


def fit_themes(vocab: Vocabulary, path: Path = DATA_DIR / theme_model.FILE_NAME) -> list[str]:
    slugs, rows, labels, parts = _development(vocab)
    lines = [f"themes: {len(rows)} development texts, {len(slugs)} themes; each part held out in turn:"]
    probs, _ = _held_out(slugs, rows, labels, parts)
    second, third = _thresholds(probs, labels)
    lines.append(f"  thresholds chosen on the held-out probabilities: second {second}, third {third}")
    for part in sorted(set(parts)):
        idx = [i for i, p in enumerate(parts) if p == part]
        lines.append(f"  part {part}: model {f1_text(_counts([probs[i] for i in idx], [labels[i] for i in idx], second, third))}"
                     f"; keywords alone {f1_text(_keyword_counts([rows[i] for i in idx], [labels[i] for i in idx]))}")
    lines.append(f"  every part held out: model {f1_text(_counts(probs, labels, second, third))}; "
                 f"keywords alone {f1_text(_keyword_counts(rows, labels))}")
    model = _fit(rows, labels, slugs)
    model = theme_model.ThemeModel(model.themes, model.idf, model.bias, model.keyword_weights, model.term_weights,
                                   second, third)
    calibration = [(case, doc) for case, doc in realtext.calibration_documents("themes")]
    if calibration:
        cal_docs = documents(vocab, calibration)
        cal_rows, cal_labels = _rows(cal_docs, vocab), [d[1] for d in cal_docs]
        cal_probs = [_held(model, r) for r in cal_rows]
        lines.append(f"  fit on every development part, scored on the {len(cal_docs)} calibration texts: model "
                     f"{f1_text(_counts(cal_probs, cal_labels, second, third))}; keywords alone "
                     f"{f1_text(_keyword_counts(cal_rows, cal_labels))}")
    write_model(model, path)
    lines.append(f"  written: {path.name} ({len(model.idf)} terms)")
    return lines


def theme_curve(vocab: Vocabulary) -> list[str]:
    """The theme model's learning curve (``score --realtext --curve themes``): each development part held out in turn,
    the model fit on a share of the other parts (realtext.CURVE), at the thresholds of the model file, so that only
    the number of texts fit on changes. A curve still rising says more labelled texts would help, and by how much."""
    current = vocab.theme_model
    second, third = (current.second, current.third) if current is not None else (0.2, 0.55)
    slugs, rows, labels, parts = _development(vocab)
    lines = [f"themes: learning curve, each of the {len(set(parts))} development parts held out in turn, fit on a share "
             f"of the other parts (thresholds {second}, {third})"]
    for share in realtext.CURVE:
        held, fit_on = _held_out(slugs, rows, labels, parts, share)
        lines.append(f"  {share:>4.0%} of the other parts (about {round(fit_on / len(set(parts)))} texts): "
                     f"{f1_text(_counts(held, labels, second, third))}")
    return lines
