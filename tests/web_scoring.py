"""Score an article extractor on the saved web pages of tests/fixtures/web: article kept, site furniture left out,
date and organiser found, recommendations found.

    .venv/bin/python -m tests.web_scoring             # our reader (build_scripts/readers/html_reader.py)
    python -m tests.web_scoring --trafilatura         # the same pages through trafilatura (install it first)

Each page NAME.html has NAME.yml beside it: the lines of the article a reader expects on the report page,
the furniture phrases that must not be there, the event date, the organiser and the recommendations.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"


@dataclass
class Score:
    page: str
    article: float  # share of the article's lines found
    missing: list[str]
    leaked: list[str]  # furniture phrases found
    date: bool
    organiser: bool
    recommendations: tuple[int, int]  # expected recommendations found as statements, expected


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def score_text(name: str, text: str, expected: dict, vocab, fmt: str = "text") -> Score:
    """How well one extracted text matches what the page's reader expects."""
    from build_scripts.build import extract_one
    from build_scripts.readers.text import make_document

    flat = squash(re.sub(r"(?m)^(?:#+ |- |\| )|\*\*| \|", " ", text) if fmt == "markdown" else text)
    missing = [line for line in expected["article"] if squash(line) not in flat]
    leaked = [phrase for phrase in expected["furniture"] if phrase in flat]
    report, _ = extract_one(make_document(name, text, fmt, "utf-8", allow_front_matter=False), vocab)
    return Score(name, 1 - len(missing) / len(expected["article"]), missing, leaked,
                 report.meta["date"] == expected["date"], report.meta["organiser"] == expected["organiser"],
                 _recommendations(report, expected))


def _recommendations(report, expected: dict) -> tuple[int, int]:
    found = [squash(u.text) for u in report.units if u.kind == "recommendation"]
    wanted = [squash(text) for text in expected["recommendations"]]
    return sum(any(text in unit for unit in found) for text in wanted), len(wanted)


def score_doc(path: Path, vocab) -> Score:
    """Our reader on one page, scored on its blocks (the structure the page is built from)."""
    from build_scripts.build import extract_one
    from build_scripts.readers import html_reader

    doc = html_reader.read(path, path.name)
    expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    score = score_text(path.name, doc.text, expected, vocab)
    report, _ = extract_one(doc, vocab)
    score.date = report.meta["date"] == expected["date"]
    score.organiser = report.meta["organiser"] == expected["organiser"]
    score.recommendations = _recommendations(report, expected)
    return score


def pages() -> list[Path]:
    return sorted(FIXTURES.glob("*.html"))


def main(argv: list[str] | None = None) -> int:
    args_parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args_parser.add_argument("--trafilatura", action="store_true", help="score trafilatura instead of our reader")
    args_parser.add_argument("--recall", action="store_true", help="trafilatura's favor_recall setting")
    args = args_parser.parse_args(argv)
    from build_scripts.config import load_vocabulary

    vocab = load_vocabulary()
    scores = []
    for path in pages():
        if args.trafilatura:
            import trafilatura

            html = path.read_text(encoding="utf-8")
            text = trafilatura.extract(html, include_tables=True, include_comments=False, output_format="markdown",
                                       favor_recall=args.recall) or ""
            title = trafilatura.extract_metadata(html).title or ""  # given apart from the text: put it on top
            expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
            scores.append(score_text(path.name, f"# {title}\n\n{text}", expected, vocab, "markdown"))
        else:
            scores.append(score_doc(path, vocab))
    print(f"{'page':55} article  furniture  date  organiser  recommendations")
    for s in scores:
        print(f"{s.page:55} {s.article:7.2f}  {len(s.leaked):9d}  {'yes' if s.date else 'no':>4}  "
              f"{'yes' if s.organiser else 'no':>9}  {s.recommendations[0]}/{s.recommendations[1]}")
        for line in s.missing:
            print(f"    missing: {line[:90]}")
        for phrase in s.leaked:
            print(f"    leaked: {phrase}")
    n = len(scores)
    print(f"{'mean / total':55} {sum(s.article for s in scores) / n:7.2f}  {sum(len(s.leaked) for s in scores):9d}  "
          f"{sum(s.date for s in scores)}/{n}   {sum(s.organiser for s in scores)}/{n}        "
          f"{sum(s.recommendations[0] for s in scores)}/{sum(s.recommendations[1] for s in scores)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
