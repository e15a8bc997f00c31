"""Curator's check: per report, the fields that are missing or uncertain, with the snippet behind each value."""

from __future__ import annotations

from pathlib import Path

from ..build import read_corpus
from ..config import Vocabulary
from ..curate import EXTRACTED_FIELDS
from ..models import CONFIDENT
from ..paths import REPORTS_DIR
from ..text import printable
from .completeness import check_site

OVERRIDE_HINT = ("to correct a value, add it to a sidecar file '<report name>.meta.yml' beside the report "
                 "(e.g. 'date: 2019-11-14'), or as front-matter between '---' lines at the top of the report; "
                 "curated values always win")


def run_check(source: Path, vocab: Vocabulary, threshold: float, site: Path | None = None) -> tuple[int, list[str]]:
    """The lines that list the fields to review and, with a built site, prove that no report text was lost;
    status 1 when a report could not be read, has no page, or lost a sentence."""
    out: list[str] = []
    corpus = read_corpus(source, vocab)
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
                for value, score, evidence in f.alternatives:
                    lines.append(f"      other candidate: {value!r} (score {score:g}: {evidence})")
        if lines:
            to_review += 1
            out.append(f"{printable(r.source)} -> {REPORTS_DIR}/{r.slug}.md")
            out.append("\n".join(lines))
    for p in corpus.problems:
        out.append(f"{'error' if p.fatal else 'warning'}: {printable(str(p))}")
    out.append(f"{len(corpus.reports)} reports checked, {to_review} with fields to review, "
          f"{len(corpus.skipped)} unreadable.")
    if to_review:
        out.append(OVERRIDE_HINT)
    lost = False
    if site is not None:
        result = check_site(corpus.reports, site, source)
        for source_name in result.missing_pages:
            out.append(f"error: {source_name}: no page in {site}/{REPORTS_DIR}/ — rebuild the site (build, then site)")
        for source_name, chunks in result.missing_text.items():
            out.append(f"error: {source_name}: {len(chunks)} sentence(s) missing from its page, e.g. « {chunks[0][:120]} »")
        out.append(f"completeness: {len(corpus.reports)} reports ({result.from_files} against their source file), "
              f"{result.checked_sentences} sentences checked, "
              f"{len(result.missing_pages)} pages missing, {len(result.missing_text)} reports with lost text; "
              f"{len(corpus.skipped)} source files not published (see errors above).")
        lost = not result.ok
    return (1 if corpus.skipped or lost else 0), out
