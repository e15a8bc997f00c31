"""Proof that nothing was lost: every report has exactly one page, and every sentence of it shows in the HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .extract.textutil import sentences
from .models import Report

BULLET = re.compile(r"^[ \t]*(?:[·•▪◦●○■□➢►✓❖§]|[-–—*+](?=[ \t]))[ \t]*")
MD_MARKUP = re.compile(r"^#{1,6}\s+|\*{1,3}")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")


BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "thead", "tbody", "h1", "h2", "h3", "h4",
              "h5", "h6", "br", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre",
              "dd", "dt", "dl", "figure", "details", "summary", "hr"}


class _Visible(HTMLParser):
    """The text a reader sees in the page's article (scripts and styles excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "template"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "template"):
            self.skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return squash("".join(parser.parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def expected_chunks(report: Report) -> list[str]:
    """The report's sentences (per line, per table cell), as a reader should find them on the page."""
    chunks = []
    markdown = report.doc.fmt == "markdown"
    for line in report.doc.text.split("\n"):
        cells = line.split("\t")
        if markdown and "|" in line:
            if PIPE_SEPARATOR.match(line):
                continue
            cells = [c for c in re.split(r"(?<!\\)\|", line) if c.strip()]
        for cell in cells:
            cell = BULLET.sub("", cell)
            if markdown:
                cell = MD_MARKUP.sub("", cell)
            chunks.extend(squash(s) for _, _, s in sentences(cell) if squash(s))
    return chunks


@dataclass
class Completeness:
    missing_pages: list[str] = field(default_factory=list)
    missing_text: dict[str, list[str]] = field(default_factory=dict)  # source -> sentences not found
    checked_sentences: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing_pages and not self.missing_text


def check_site(reports: list[Report], site: Path) -> Completeness:
    """Compare every report with its built page under site/rapports/<slug>/index.html."""
    result = Completeness()
    slugs = [r.slug for r in reports]
    if len(set(slugs)) != len(slugs):
        result.missing_pages.append("two reports share a page name")
    for r in reports:
        page = site / "rapports" / r.slug / "index.html"
        if not page.exists():
            result.missing_pages.append(r.source)
            continue
        shown = visible_text(page.read_text(encoding="utf-8"))
        chunks = expected_chunks(r)
        lost = [c for c in chunks if c not in shown]
        result.checked_sentences += len(chunks)
        if lost:
            result.missing_text[r.source] = lost
    return result
