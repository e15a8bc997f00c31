"""How well each reader serves a curator, per format, on a corpus of realistic documents (tests/formats/).

Every file there has '<file>.expected.yml' beside it (fields, recommendations with responsible and deadline,
lessons, body paragraphs, page furniture and letterhead lines); this prints the issue's table, one column per
format folder (docx, pdf, scan, html).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from .. import readers
from ..build import extract_one as extract_report
from ..config import Vocabulary
from ..text import clean_spaces, fold
from .score import field_ok, read_document

FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "scan": "scan", "html": "web page"}
FIELDS = ("country", "programme", "date", "organiser")
LONG_WORD = re.compile(r"[^\W\d_]{9,}")
WORD = re.compile(r"[^\W\d_]+")
FURNITURE = re.compile(r"\bpage \d+ (?:sur|de|/) \d+\b|\.{4,}|…{2,}|^\W*\d+\W*$")
ROWS = ("metadata fields right", "recommendations found with their responsible and deadline", "lessons found",
        "body paragraphs found whole, in reading order", "footnotes kept",
        "running headers, footers, page numbers, contents lines published as citable statements",
        "titles that are a letterhead", "long words intact (hyphenation at line ends repaired)",
        "scans read by OCR or named in a message (none published nearly empty)")


def norm(text: str) -> str:
    """Text compared without case, accents, punctuation or spacing differences."""
    return clean_spaces(re.sub(r"[^\w%]+", " ", fold(text)))


def same(a: str, b: str) -> bool:
    """Two statements are the same when their words nearly match (an OCR slip or a moved comma is forgiven)."""
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9)


def score_file(path: Path, expected: dict[str, Any], vocab: Vocabulary) -> dict[str, Any]:
    """Counts for one file: (right, out of) per measure, or the read error."""
    try:
        doc = read_document(path, path.name)
    except readers.ReadError as exc:
        return {"error": f"{exc.message} — {exc.hint}", "named": 1}
    report, _ = extract_report(doc, vocab)
    units = report.units
    out: dict[str, Any] = {"named": int(bool(getattr(doc, "ocr", False)))}
    meta = {**report.meta, "programme_long": report.meta.get("programme_long")}
    out["fields"] = (sum(field_ok(f, expected.get(f), meta, {}) for f in FIELDS if f in expected),
                     sum(f in expected for f in FIELDS))
    recs = [u for u in units if u.kind == "recommendation"]
    out["recs"] = (sum(any(same(r["text"], u.text) and same(r["responsible"], u.structure)
                           and same(r["deadline"], u.deadline) for u in recs)
                       for r in expected["recommendations"]), len(expected["recommendations"]))
    lessons = [u.text for u in units if u.kind == "lesson"]
    out["lessons"] = (sum(any(same(e, t) for t in lessons) for e in expected["lessons"]), len(expected["lessons"]))
    text = norm(doc.text)
    out["body"] = (sum(norm(p) in text for p in expected["body"]), len(expected["body"]))
    notes = expected.get("notes", [])
    out["notes"] = (sum(norm(n) in text for n in notes), len(notes))
    furniture = [norm(f) for f in expected["furniture"]]
    out["furniture"] = sum(bool(FURNITURE.search(fold(u.text)) or any(f and f in norm(u.text) for f in furniture))
                           for u in units)
    title = norm(report.meta.get("title") or "")
    out["letterhead"] = int(any(f and (f in title or title in f) for f in furniture)
                            or bool(re.match(r"(?:republique|ministere|burkina faso)\b", title)))
    words = set(WORD.findall(doc.text.lower()))
    expected_text = " ".join(expected["body"] + expected["lessons"] + [r["text"] for r in expected["recommendations"]])
    long_words = LONG_WORD.findall(expected_text.lower())
    out["words"] = (sum(w in words for w in long_words), len(long_words))
    out["problems"] = _problems(expected, report, recs, lessons, words, long_words)
    return out


def _problems(expected: dict[str, Any], report: Any, recs: list, lessons: list[str], words: set[str],
              long_words: list[str]) -> list[str]:
    """What went wrong in one file, for --verbose."""
    problems = [f"{f}: expected {expected[f]!r}, got {report.meta.get(f)!r}" for f in FIELDS
                if f in expected and not field_ok(f, expected[f], report.meta, {})]
    for r in expected["recommendations"]:
        if not any(same(r["text"], u.text) and same(r["responsible"], u.structure) and same(r["deadline"], u.deadline)
                   for u in recs):
            near = [f"{u.text[:60]!r} / {u.structure!r} / {u.deadline!r}" for u in recs if same(r["text"], u.text)]
            problems.append(f"recommendation missing: {r['text'][:60]!r}" + (f" (found as {near[0]})" if near else ""))
    problems += [f"lesson missing: {e[:70]!r}" for e in expected["lessons"] if not any(same(e, t) for t in lessons)]
    problems += [f"statement is furniture: {u.kind} {u.text[:70]!r}" for u in report.units
                 if FURNITURE.search(fold(u.text)) or any(norm(f) in norm(u.text) for f in expected["furniture"])]
    cut = sorted({w for w in long_words if w not in words})
    if cut:
        problems.append(f"long words cut: {', '.join(cut[:12])}")
    problems.append(f"title: {report.meta.get('title')!r}")
    return problems


def score_format(folder: Path, vocab: Vocabulary, verbose: bool, out: list[str] | None = None) -> dict[str, Any]:
    """Totals over every file of one format folder; ``out`` (verbose) gets a line per problem."""
    out = out if out is not None else []
    totals: dict[str, Any] = {"files": 0, "furniture": 0, "letterhead": 0, "named": 0, "errors": 0}
    for key in ("fields", "recs", "lessons", "body", "notes", "words"):
        totals[key] = [0, 0]
    for exp_path in sorted(folder.glob("*.expected.yml")):
        path = exp_path.with_name(exp_path.name[: -len(".expected.yml")])
        if not path.exists():
            continue
        expected = yaml.safe_load(exp_path.read_text(encoding="utf-8"))
        result = score_file(path, expected, vocab)
        totals["files"] += 1
        totals["named"] += result["named"]
        if "error" in result:
            totals["errors"] += 1
            if verbose:
                out.append(f"  {folder.name}/{path.name}: not read: {result['error']}")
            continue
        for key in ("fields", "recs", "lessons", "body", "notes", "words"):
            totals[key][0] += result[key][0]
            totals[key][1] += result[key][1]
        totals["furniture"] += result["furniture"]
        totals["letterhead"] += result["letterhead"]
        if verbose:
            for problem in result["problems"]:
                out.append(f"  {folder.name}/{path.name}: {problem}")
    return totals


# rows shown as a share: the start of the row's label, and the (right, total) pair it shows
RATIO_ROWS = (("metadata", "fields"), ("recommendations", "recs"), ("lessons", "lessons"), ("body", "body"),
              ("footnotes", "notes"))


def _cell(row: str, t: dict[str, Any], scan: bool) -> str:
    ratio = lambda pair: f"{pair[0] / pair[1]:.2f}" if pair[1] else "–"  # noqa: E731
    read = t["files"] - t["errors"]
    if row.startswith("scans"):
        return f"{t['named']} of {t['files']}" if scan else "–"
    if not read:
        return "–"
    for start, key in RATIO_ROWS:
        if row.startswith(start):
            return ratio(t[key])
    if row.startswith("running"):
        return str(t["furniture"])
    if row.startswith("titles"):
        return f"{t['letterhead']} of {read}"
    return ratio(t["words"])


def run_format_score(corpus: Path, vocab: Vocabulary, verbose: bool) -> tuple[int, list[str]]:
    """The per-format table for every format folder of the corpus, as lines."""
    out: list[str] = []
    readers.ocr.use_cache(Path(".cache") / "kb")  # scans are recognised once, then read from the cache
    folders = [corpus / name for name in FORMAT_NAMES if (corpus / name).is_dir()]
    if not folders:
        out.append(f"error: no format folder ({', '.join(FORMAT_NAMES)}) in {corpus}; "
              f"make the corpus with tests/formats/make_corpus.py")
        return 2, out
    results = {f.name: score_format(f, vocab, verbose, out) for f in folders}
    names = [FORMAT_NAMES[f.name] + f" ({results[f.name]['files']})" for f in folders]
    out.append("| | " + " | ".join(names) + " |")
    out.append("|---|" + "---|" * len(names))
    for row in ROWS:
        out.append(f"| {row} | " + " | ".join(_cell(row, results[f.name], f.name == "scan") for f in folders) + " |")
    return 0, out
