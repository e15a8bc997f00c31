"""Accuracy per field on a labelled development set (expected values in YAML beside the reports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import yaml
from slugify import slugify

from .. import readers, sources
from ..build import extract_one
from ..config import Vocabulary
from ..models import Corpus, SourceDocument

FIELDS = ("country", "programme", "date", "date_end", "organiser", "themes")
INFO_FIELDS = ("partners", "recommendations", "lessons")


def _slug(value: Any) -> str:
    return slugify(str(value).replace("’", "'")) if value else ""


def _countries(value: Any) -> set[str]:
    if not value:
        return set()
    return {_slug(v) for v in (value if isinstance(value, list) else [value])}


def field_ok(name: str, expected: Any, got: dict[str, Any], counts: dict[str, int]) -> bool:
    """Does the extracted value match the annotator's? Names match by slug; organisers may carry more words."""
    if name == "country":
        return _countries(expected) == _countries(got["country"])
    if name in ("date", "date_end"):
        return (str(expected) if expected else None) == got[name]
    if name == "programme":
        if not expected:
            return not got["programme"]
        return bool(got["programme"]) and (_slug(expected) == _slug(got["programme"])
                                           or _slug(got["programme"]) in _slug(expected).split("-")
                                           or _slug(expected) in _slug(got["programme_long"] or "-"))
    if name == "organiser":
        if not expected:
            return not got["organiser"]
        accepted = expected if isinstance(expected, list) else [expected]
        return bool(got["organiser"]) and any(_slug(a) in _slug(got["organiser"]) for a in accepted)
    if name == "themes":
        return bool(expected) and expected[0] in got["themes"]
    if name == "partners":
        return all(any(_slug(e) in _slug(p) for p in got["partners"]) for e in expected or [])
    return expected == counts.get(name)


def score_set(folder: Path, expected: dict[str, dict[str, Any]], vocab: Vocabulary,
              verbose: bool, theme_counts: list[int] | None = None,
              out: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """Right/scored per field; ``theme_counts`` (true pos., false pos., false neg.) is filled for the F1, and
    ``out`` (verbose) gets a line per wrong value."""
    out = out if out is not None else []
    totals = {f: [0, 0] for f in FIELDS + INFO_FIELDS}
    for name, exp in sorted(expected.items()):
        doc = read_document(folder / name, name)
        report, _ = extract_one(doc, vocab)
        counts = {"recommendations": sum(u.kind == "recommendation" for u in report.units),
                  "lessons": sum(u.kind == "lesson" for u in report.units)}
        if theme_counts is not None and exp.get("themes"):
            want, got = set(exp["themes"]), set(report.meta["themes"])
            for i, n in enumerate((len(want & got), len(got - want), len(want - got))):
                theme_counts[i] += n
        for f in FIELDS + INFO_FIELDS:
            if f not in exp:
                continue
            ok = field_ok(f, exp[f], report.meta, counts)
            totals[f][0] += ok
            totals[f][1] += 1
            if not ok and verbose:
                got = counts.get(f, report.meta.get(f))
                out.append(f"  {name} [{f}]: expected {exp[f]!r}, got {got!r}")
    return {f: (a, b) for f, (a, b) in totals.items() if b}


def theme_counts(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of (themes found, themes labelled) pairs."""
    tp = fp = fn = 0
    for got, want in pairs:
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    return tp, fp, fn


def theme_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of theme slugs over a whole set."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_score(devset: Path, vocab: Vocabulary, verbose: bool) -> tuple[int, list[str]]:
    """Accuracy per field for every '*.yml' set of expected values in the devset folder, as lines."""
    out: list[str] = []
    sets = sorted(devset.glob("*.yml"))
    if not sets:
        out.append(f"error: no expected-values file (*.yml) in {devset}")
        return 2, out
    for path in sets:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        folder = (path.parent / data.pop("_reports_folder", "reports")).resolve()
        out.append(f"{path.name}: {len(data)} reports in {folder.relative_to(Path.cwd()) if folder.is_relative_to(Path.cwd()) else folder}")
        counts = [0, 0, 0]
        result = score_set(folder, data, vocab, verbose, counts, out)
        for f, (ok, n) in result.items():
            tag = "" if f in FIELDS else "  (informative)"
            tag = "  (first labelled theme found)" if f == "themes" else tag
            out.append(f"  {f:<16} {ok:>3}/{n:<3} {100 * ok / n:5.1f} %{tag}")
        p, r, f1 = theme_f1(*counts)
        out.append(f"  {'themes F1':<16} {f1:.2f} (precision {p:.2f}, recall {r:.2f})")
    return 0, out


def read_document(path: Path, source: str) -> SourceDocument:
    """A report read as the build reads it (size checks, reader, sidecar): the one read path."""
    corpus = Corpus()
    doc = sources.read_one(path, source, corpus)
    if doc is None:
        raise readers.ReadError("; ".join(p.message for p in corpus.problems),
                                "; ".join(p.hint for p in corpus.problems if p.hint))
    return doc
