"""Choose the date's confidence thresholds: per kind of answer (extract/dates.py KINDS), the strength above which the
answers of that kind were right at least 96 % of the time on the development parts of the real-text set and, taken
together, on the calibration parts (never read case by case: only counts per kind are computed here).

``score --realtext --train date`` writes build_scripts/data/date_confidence.yml; the build only reads it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path

import yaml

from ..extract.dates import CONFIDENCE_FILE, KINDS, confidence, date_answer
from ..extract.report import prepare
from ..models import CONFIDENT
from . import realtext
from .train import PRECISION, lowest_holding

Answer = tuple[str, float, bool]  # (kind, strength, right)


def _answers(documents) -> dict[str, list[Answer]]:
    """Per part, the date answers given (a text given no date sets no threshold): kind, strength, right."""
    out: dict[str, list[Answer]] = defaultdict(list)
    for case, doc in documents:
        _, lead, _ = prepare(doc)
        a = date_answer(lead.text, lead.publication, lead.dateline)
        if a.start.value:
            out[str(case.get("half"))].append((a.kind, a.strength, realtext.field_right("date", case["date"],
                                                                                     {"date": a.start.value})))
    return out


def threshold(answers: list[tuple[float, bool]]) -> float | None:
    """The lowest strength above which the answers (all of them above it) are right at least PRECISION of the time;
    None when no strength holds it (or no answer was seen)."""
    return lowest_holding(answers, {s for s, _ in answers}, min_support=1)  # (MIN_ANSWERS counts over the groups)


MIN_ANSWERS = 5  # a kind is confident only above a threshold this many answers (all groups) reached: one right
# answer of a kind seen once says nothing of the next


def thresholds(*groups: list[Answer]) -> dict[str, float | None]:
    """Per kind, the highest of the groups' thresholds (a group without answers of the kind sets none; a kind a group
    never reaches 96 % on, or too few answers reach, is never confident)."""
    out: dict[str, float | None] = {}
    for kind in KINDS:
        ts = [threshold([(s, ok) for k, s, ok in g if k == kind]) for g in groups if any(k == kind for k, _, _ in g)]
        t = None if not ts or any(t is None for t in ts) else max(ts)
        if t is not None and sum(k == kind and s >= t for g in groups for k, s, _ in g) < MIN_ANSWERS:
            t = None
        out[kind] = t
    return out


def _sure(answers: list[Answer], at: dict[str, float | None]) -> tuple[int, int, int, int]:
    """(right, answers, confident right, confident) with the thresholds ``at``."""
    sure = [ok for k, s, ok in answers if at.get(k) is not None and s >= at[k]]
    return sum(ok for _, _, ok in answers), len(answers), sum(sure), len(sure)


def _fmt(fig: tuple[int, int, int, int]) -> str:
    r, n, sr, sn = fig
    return f"{r}/{n} answers right, confident right {sr}/{sn}" + (f" {sr / sn:.2f}" if sn else "")


def _hand(answers: list[Answer]) -> tuple[int, int]:
    sure = [ok for k, s, ok in answers if confidence(k, s) >= CONFIDENT]
    return sum(sure), len(sure)


def train_date(path: Path = CONFIDENCE_FILE, write: bool = True) -> list[str]:
    dev = _answers(realtext.training_documents("date"))
    calib = [a for part in _answers(realtext.calibration_documents("date")).values() for a in part]
    parts = sorted(dev)
    every = [a for p in parts for a in dev[p]]
    lines = [f"date: {len(every)} answers on the development parts {', '.join(parts)}, {len(calib)} on the "
             f"calibration parts (aggregate only)"]
    sr, sn = _hand(every)
    cr, cn = _hand(calib)
    lines.append(f"  current file ({path.name}): development confident right {sr}/{sn}, calibration {cr}/{cn}")
    lines.append("  leave one part out (thresholds chosen on the other development parts and the calibration parts):")
    total = [0, 0, 0, 0]
    for p in parts:
        at = thresholds([a for q in parts if q != p for a in dev[q]], calib)
        fig = _sure(dev[p], at)
        total = [x + y for x, y in zip(total, fig)]
        lines.append(f"    part {p}: {_fmt(fig)}")
    lines.append(f"    all parts held out: {_fmt(tuple(total))}")
    at = thresholds(every, calib)
    per_kind = {}
    for kind in KINDS:
        r, n, sr, sn = _sure([a for a in every if a[0] == kind], at)
        cr, cn, csr, csn = _sure([a for a in calib if a[0] == kind], at)
        per_kind[kind] = (f"{r}/{n} right on the development parts, {cr}/{cn} on the calibration parts; confident "
                          f"{sr}/{sn} and {csr}/{csn}")
        lines.append(f"  {kind}: strength >= {at[kind] if at[kind] is not None else 'never'}: {per_kind[kind]}")
    lines.append(f"  development parts: {_fmt(_sure(every, at))}; calibration parts: {_fmt(_sure(calib, at))}")
    if write:
        header = ("# The date's confidence thresholds (build_scripts/extract/dates.py: confidence): per kind of answer,\n"
                  "# the strength (score / 9, x 0.65 when a rival date is close) shown as confidence 0.7, the lowest\n"
                  f"# above which the answers of that kind were right {PRECISION:.0%} of the time on the development parts\n"
                  "# of the real-text set and on the calibration parts taken together (null: never confident).\n"
                  "# Regenerate: .venv/bin/python -m build_scripts score --realtext --train date ; do not edit by hand.\n")
        data = {"fitted": datetime.date.today().isoformat(),
                "confident_at": at,
                "figures": per_kind,
                "leave_one_part_out": _fmt(tuple(total))}
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
        lines.append(f"  thresholds written to {path}")
    return lines
