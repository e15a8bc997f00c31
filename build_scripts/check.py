"""Curator's check: per report, the fields that are missing or uncertain, with the snippet behind each value."""

from __future__ import annotations

from pathlib import Path

from .config import Vocabulary
from .pipeline import EXTRACTED_FIELDS, build_corpus

OVERRIDE_HINT = ("to correct a value, add it to a sidecar file '<report name>.meta.yml' beside the report "
                 "(e.g. 'date: 2019-11-14'), or as front-matter between '---' lines at the top of the report; "
                 "curated values always win")


def run_check(source: Path, vocab: Vocabulary, threshold: float) -> int:
    """Print the fields to review; exit 1 when a report could not be read at all."""
    corpus = build_corpus(source, vocab)
    to_review = 0
    for r in corpus.reports:
        lines = []
        for name in EXTRACTED_FIELDS:
            f = r.found[name]
            if f.method == "curated":
                continue
            empty = f.value in (None, "", [])
            if empty or f.confidence < threshold:
                state = "missing" if empty else f"low confidence ({f.confidence:.2f})"
                shown = "" if empty else f" = {r.meta.get(name, f.value)!r}"
                lines.append(f"  {name}{shown}: {state} — {f.method}" + (f"\n      « {f.snippet} »" if f.snippet else ""))
        if lines:
            to_review += 1
            print(f"{r.source} -> rapports/{r.slug}.md")
            print("\n".join(lines))
    for p in corpus.problems:
        print(f"{'error' if p.fatal else 'warning'}: {p}")
    print(f"{len(corpus.reports)} reports checked, {to_review} with fields to review, "
          f"{len(corpus.skipped)} unreadable.")
    if to_review:
        print(OVERRIDE_HINT)
    return 1 if corpus.skipped else 0
