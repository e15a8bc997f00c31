"""Weigh a field's candidates with weights fit on labelled texts (build_scripts/data/weights.yml).

The model is a conditional logit: within one report, candidate i gets the probability
exp(w·x_i) / (exp(b) + Σ_j exp(w·x_j)), where x_i are the candidate's features (evidence for it) and b is the score
of "no answer". The build only reads the weights; ``fit`` is what ``score --realtext --train`` runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "weights.yml"
NULL = "no answer"  # the weight of answering nothing


@dataclass
class Candidate:
    """One candidate value of a field: what it is, the features that weigh it and the evidence a curator reads."""

    value: object
    name: str  # its display form (compared with the labels)
    pos: int  # where it is first named
    features: dict[str, float]
    evidence: str = ""
    snippet_span: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, dict]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) if Path(path).is_file() else {}
    return {name: model for name, model in (data or {}).items() if isinstance(model, dict)}


def fitted(path: Path) -> dict[str, dict]:
    """The sections of a file a curator's command fits (weights.yml, date_confidence.yml), read once a process."""
    return _load(str(path))


def scaled(x: float, at: float) -> float:
    """A probability or strength as a confidence: ``at`` becomes CONFIDENT (0.7), linear on each side of it."""
    return 0.7 * x / at if x < at else 0.7 + (0.3 * (x - at) / (1 - at) if at < 1 else 0.0)


def never_confident_cap(field_name: str, features: dict[str, float]) -> float:
    """The highest confidence an answer may show (NEVER_CONFIDENT: below 0.7 for the kinds never trusted unseen)."""
    feature, cap = NEVER_CONFIDENT.get(field_name, ("", 1.0))
    return cap if features.get(feature) else 1.0


def weights(field_name: str, path: Path = WEIGHTS) -> dict[str, float]:
    """The fitted weights of one field ({} when the file has none: every candidate then ties with no answer)."""
    return {str(k): float(v) for k, v in (_load(str(path)).get(field_name, {}).get("weights") or {}).items()}


# the feature that splits a field's answers for calibration: an organiser a sentence names as such, a programme the
# text says the meeting was held under; the others are inferred and need a higher probability to be confident
CALIBRATE = {"organiser": "explicit", "programme": "framed"}
# a third kind for the organiser: a body the text only names, with no evidence of what it did (cross-validated, those
# answers were right 85 % of the time above the threshold of the other inferred ones: they need their own)
NAMED_ONLY = {"organiser": "named_only"}
# answers never confident, whatever their probability: a ministry outside the health and social sectors runs a
# meeting filed here too rarely to be trusted without a look ('Ministère du Contrôle d'État', 'Ministère du Numérique'
# were confident and wrong on parts E and F of the real-text set)
# a programme whose long form names no undertaking, plan or strategy ('Règlement sanitaire international', 'Couverture
# maladie universelle') is the meeting's programme about half the time on the real-text parts (K-N: 7 of 9 such answers
# were wrong, most of them confident)
NEVER_CONFIDENT = {"organiser": ("ministry_other_sector", 0.6), "programme": ("head_other", 0.6)}


def calibration_kind(field_name: str, features: dict[str, float]) -> str:
    """'with' (the calibration feature), 'named' (only named, for the organiser) or 'without'."""
    if features.get(CALIBRATE.get(field_name, "")):
        return "with"
    return "named" if field_name in NAMED_ONLY and features.get(NAMED_ONLY[field_name]) else "without"


def confident_at(field_name: str, cand: Candidate, path: Path = WEIGHTS) -> float:
    """The probability shown as confidence 0.7 for this kind of answer (``calibration_kind``)."""
    at = _load(str(path)).get(field_name, {}).get("confident_at", 0.7)
    if isinstance(at, dict):
        at = at.get(calibration_kind(field_name, cand.features), 0.99)
    return min(max(float(at), 0.01), 0.99)


def confidence(field_name: str, prob: float, cand: Candidate, path: Path = WEIGHTS) -> float:
    """A probability as a confidence: the probability above which cross-validated answers of its kind were right at
    least 96 % of the time ('confident_at') becomes CONFIDENT (0.7), the scale is linear on each side of it."""
    at = confident_at(field_name, cand, path)
    return round(min(scaled(prob, at), never_confident_cap(field_name, cand.features)), 2)


def score(w: dict[str, float], feats: dict[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in feats.items())


NULL_COUNT = "no answer, per candidate (log)"
NULL_NAMED_ONLY = "no answer, when every candidate is only named"
NULL_ABSTRACT = "no answer, in an abstract"


def null_features(cands: list[dict[str, float]]) -> dict[str, float]:
    """What weighs "no answer": a constant; the number of candidates (many weak ones share the probability a single
    one would have, and must not drown "no answer" by their number); no candidate with evidence of what it did; a
    text that is an abstract."""
    feats = {NULL: 1.0, NULL_COUNT: math.log1p(len(cands))}
    if cands and all(f.get("named_only") for f in cands):
        feats[NULL_NAMED_ONLY] = 1.0
    if cands and all(f.get("in_an_abstract") for f in cands):
        feats[NULL_ABSTRACT] = 1.0  # a communication's abstract reports work, seldom a meeting someone convened
    return feats


def probabilities(w: dict[str, float], cands: list[dict[str, float]]) -> tuple[float, list[float]]:
    """(probability of no answer, probability of each candidate)."""
    scores = [score(w, null_features(cands))] + [score(w, f) for f in cands]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return exps[0] / total, [e / total for e in exps[1:]]


def choose(w: dict[str, float], cands: list[Candidate]) -> tuple[Candidate | None, float, list[tuple[Candidate, float]]]:
    """The most probable candidate (None when "no answer" is more probable), its probability, and every candidate
    with its probability, best first (ties: the one named first)."""
    p_null, probs = probabilities(w, [c.features for c in cands])
    ranked = sorted(zip(cands, probs), key=lambda cp: (-round(cp[1], 9), cp[0].pos, cp[0].name))
    if not ranked or ranked[0][1] <= p_null:
        return None, p_null, ranked
    return ranked[0][0], ranked[0][1], ranked


# candidates' features; right ones (None: no answer); the example's weight in the fit
Example = tuple[list[dict[str, float]], "set[int] | None", float]


def fit(examples: list[Example], l2: float = 0.01, rounds: int = 400,
        prior: dict[str, float] | None = None) -> dict[str, float]:
    """Weights that maximise the weighted log-likelihood of the right answers (the sum over right candidates, or no
    answer), with an L2 penalty; plain gradient steps with Adam's step sizes, deterministic."""
    names = sorted({k for feats, _, _ in examples for f in feats for k in f} | {NULL, NULL_COUNT, NULL_NAMED_ONLY, NULL_ABSTRACT})
    prior = prior or {}
    names = sorted(set(names) | set(prior))
    w = {k: prior.get(k, 0.0) for k in names}
    m = {k: 0.0 for k in names}
    v = {k: 0.0 for k in names}
    rate, b1, b2 = 0.05, 0.9, 0.999
    n = max(1.0, sum(weight for _, _, weight in examples))
    for t in range(1, rounds + 1):
        grad = {k: l2 * (w[k] - prior.get(k, 0.0)) for k in names}
        for feats, right, weight in examples:
            p_null, probs = probabilities(w, feats)
            if right is None:
                q_null, q = 1.0, [0.0] * len(feats)
            else:
                mass = sum(probs[i] for i in right) or 1e-12
                q_null, q = 0.0, [probs[i] / mass if i in right else 0.0 for i in range(len(feats))]
            for k, x in null_features(feats).items():
                grad[k] -= weight * (q_null - p_null) * x / n
            for f, p, qi in zip(feats, probs, q):
                d = weight * (qi - p) / n
                if d:
                    for k, x in f.items():
                        grad[k] -= d * x
        for k in names:
            g = grad[k]
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g * g
            w[k] -= rate * (m[k] / (1 - b1 ** t)) / (math.sqrt(v[k] / (1 - b2 ** t)) + 1e-8)
    return {k: round(x, 4) for k, x in w.items() if abs(x) >= 1e-4 or k.startswith(NULL)}
