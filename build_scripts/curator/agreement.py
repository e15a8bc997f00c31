"""How often two labellers agree on the real-text set (inter-annotator agreement), beside the extractor.

The second labeller is scored against the first exactly as the extractor is: its first spelling of a name is its
answer, matched against the first labeller's aliases (realtext.score_case). What humans reach that way is the most
the issue's goals can ask of the extractor on the same texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..config import Vocabulary
from . import realtext

SECOND = realtext.ROOT / "tests" / "realtext" / "second_labels.yml"


def load_second(path: Path = SECOND) -> dict[str, dict[str, Any]]:
    """The second labels by case id; an entry without an id is an error naming its place in the file."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of labelled cases")
    out: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise ValueError(f"{path}: entry {i} has no 'id'")
        out[str(entry["id"])] = entry
    return out


def as_answer(labels: dict[str, Any]) -> dict[str, Any]:
    """A labeller's labels in the shape of the extractor's metadata: one answer per field (the first spelling)."""
    first = {f: (realtext._list(labels.get(f)) or [None])[0] for f in ("programme", "organiser")}
    date = labels.get("date")
    return {"country": realtext._list(labels.get("country")), "date": str(date) if date else None,
            "themes": realtext._list(labels.get("themes")), "title": labels.get("title") or "", **first}


def agreement(cases: list[dict[str, Any]], second: dict[str, dict[str, Any]], vocab: Vocabulary,
              cache: Path = realtext.CACHE) -> dict[str, realtext.Tally]:
    """Per part that has second labels: the second labeller and the extractor, each scored against the first labels
    on the same cases."""
    tallies: dict[str, realtext.Tally] = {}
    for part in realtext.HALVES:
        both = [c for c in cases if c.get("half") == part and c["id"] in second]
        if not both:
            continue
        human = realtext.Tally()
        for case in both:
            realtext.score_case(case, as_answer(second[case["id"]]), {}, human, vocab)
        tallies[f"{part}: second labeller"] = human
        tallies[f"{part}: extractor"] = realtext.score_cases(both, vocab, cache)
    return tallies


def run_agreement(vocab: Vocabulary, cases_path: Path = realtext.CASES, second_path: Path = SECOND,
                  cache: Path = realtext.CACHE) -> tuple[int, list[str]]:
    """The agreement table as lines (no case by case output: the parts labelled twice are blind parts)."""
    second = load_second(second_path)
    cases = realtext.load_cases(cases_path)
    unknown = sorted(set(second) - {c["id"] for c in cases})
    if unknown:
        raise ValueError(f"{second_path.name}: ids not in {cases_path.name}: {', '.join(unknown)}")
    tallies = agreement(cases, second, vocab, cache)
    lines = [f"agreement ({second_path.name}): {len(second)} cases labelled twice; each column is scored against "
             f"the first labels of {cases_path.name} (a labeller's answer is its first spelling; confidence rows are "
             f"the extractor's only)"]
    return 0, lines + realtext.table(tallies)
