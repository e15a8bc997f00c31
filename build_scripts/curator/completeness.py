"""Proof that nothing was lost: every report has exactly one page, and every sentence of its source file shows in
the HTML.

The sentences come from the file itself as an independent extractor sees it, not from our reader: pdftotext for a
PDF, python-docx's plain paragraphs for Word (tracked insertions accepted), the raw text for .txt and .md; a saved
web page is compared with its article as our reader found it (the site around it is not the report). What is not
the report's text is set aside: running headers and footers (lines repeated at the top or bottom of the pages),
page numbers, and the table of contents. A sentence is found when its letters and digits, in order, are on the
page: line ends, hyphenation, spacing and punctuation may differ between the extractor and the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..models import Report
from ..paths import REPORTS_DIR
from ..readers.text import decode_bytes, split_front_matter
from ..text import sentences

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


PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?\W*$", re.IGNORECASE)
DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")
CONTENTS_TITLE = re.compile(r"^\W*(?:table des mati[èe]res|sommaire|contents|table of contents)\W*$", re.IGNORECASE)
CONTENTS_ENTRY = re.compile(r"\s\d{1,3}\s*$")
TOC_STYLE = re.compile(r"^(?:toc|contents|table des matières|tdm)\b", re.IGNORECASE)
TYPED_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s+|^\s*[a-h]\)\s+")  # '1.', '2)', 'a)' typed before a list item
NOTE_CALL = re.compile(r"\[\d{1,3}\]")  # a note call the Word reader writes where the note was anchored
BAND = 3  # lines at the top and at the bottom of a page where running headers and footers stand
PDFTOTEXT_TIMEOUT = 120


def squash_key(text: str) -> str:
    """Letters and digits only, case and compatibility forms folded: what must be on the page, in order."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def source_text(path: Path) -> str | None:
    """The text of a source file as an independent extractor sees it, with headers, footers, page numbers and
    the contents set aside; None when the format has no independent extractor (web pages) or it failed."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return _pdf_text(path)
        if suffix == ".docx":
            return _docx_text(path)
        if suffix in (".txt", ".text", ".md", ".markdown"):
            return split_front_matter(decode_bytes(path.read_bytes())[0])[1]
    except Exception:  # noqa: BLE001  (the reader read it; the check then falls back to what the reader found)
        return None
    return None


def _pdf_text(path: Path) -> str | None:
    """pdftotext's reading order, page by page, without the lines repeated in the top and bottom bands."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    out = subprocess.run([tool, "-enc", "UTF-8", "-q", str(path), "-"], capture_output=True,
                         timeout=PDFTOTEXT_TIMEOUT, check=False).stdout.decode("utf-8", "replace")
    pages = [page.split("\n") for page in out.split("\f")]
    pages = [page for page in pages if any(line.strip() for line in page)]

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", squash(line)).casefold()

    def band(page: list[str]) -> list[str]:
        lines = [line for line in page if line.strip()]
        return lines[:BAND] + lines[-BAND:]

    seen = Counter(k for page in pages for k in {key(line) for line in band(page)})
    repeated = {k for k, n in seen.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    kept = []
    for page in pages:
        edges = set(map(id, band(page)))
        kept.append("\n".join(line for line in page if not (id(line) in edges and key(line) in repeated)))
    return _without_contents("\n\n".join(kept))


def _docx_text(path: Path) -> str:
    """python-docx's plain paragraphs (body and tables) with tracked insertions accepted; contents entries aside."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table

    document = docx.Document(str(path))
    body = document.element.body
    for tag in ("w:ins", "w:moveTo"):  # accept insertions: python-docx's paragraph text skips their runs
        for wrapper in list(body.iter(qn(tag))):
            parent, at = wrapper.getparent(), wrapper.getparent().index(wrapper)
            for n, child in enumerate(list(wrapper)):
                parent.insert(at + n, child)
            parent.remove(wrapper)
    texts: list[str] = []

    def walk(container) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)
            elif not TOC_STYLE.match(item.style.name or "" if item.style is not None else ""):
                texts.append(item.text)

    walk(document)
    return _without_contents("\n\n".join(texts))


def _without_contents(text: str) -> str:
    """Page numbers and contents lines set aside: a 'Sommaire' title and the entries under it, dot leaders."""
    out: list[str] = []
    in_contents = False
    for line in text.split("\n"):
        stripped = line.strip()
        if CONTENTS_TITLE.match(stripped):
            in_contents = True
            continue
        if in_contents and (not stripped or CONTENTS_ENTRY.search(stripped)):
            continue
        in_contents = False
        if PAGE_NUMBER.match(stripped) or DOT_LEADER.search(stripped):
            continue
        out.append(line)
    return "\n".join(out)


def source_chunks(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Sentences of a source text, each with the lines (or table cells) of its paragraph: the lines of a
    paragraph are joined, so that a sentence wrapped over lines is one sentence."""
    chunks = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = tuple(squash(TYPED_NUMBER.sub("", BULLET.sub("", cell))) for line in paragraph.split("\n")
                      for cell in line.split("\t"))
        lines = tuple(line for line in lines if squash_key(line))
        chunks.extend((squash(s), lines) for _, _, s in sentences(" ".join(lines)) if squash_key(s))
    return chunks


@dataclass
class Completeness:
    missing_pages: list[str] = field(default_factory=list)
    missing_text: dict[str, list[str]] = field(default_factory=dict)  # source -> sentences not found
    checked_sentences: int = 0
    from_files: int = 0  # reports checked against their source file (the others against what the reader found)

    @property
    def ok(self) -> bool:
        return not self.missing_pages and not self.missing_text


def check_site(reports: list[Report], site: Path, source_dir: Path | None = None) -> Completeness:
    """Compare every report with its built page under site/rapports/<slug>/index.html: the sentences of its source
    file under ``source_dir`` (see source_text), else those our reader found."""
    result = Completeness()
    slugs = [r.slug for r in reports]
    if len(set(slugs)) != len(slugs):
        result.missing_pages.append("two reports share a page name")
    for r in reports:
        page = site / REPORTS_DIR / r.slug / "index.html"
        if not page.exists():
            result.missing_pages.append(r.source)
            continue
        shown = visible_text(page.read_text(encoding="utf-8"))
        text = source_text(source_dir / r.source) if source_dir is not None else None
        if text is None:
            chunks = expected_chunks(r)
            lost = [c for c in chunks if c not in shown]
        else:
            letters = squash_key(NOTE_CALL.sub("", shown))  # python-docx and pdftotext do not show Word's '[1]'
            found_lines: dict[str, bool] = {}

            def on_page(line: str) -> bool:
                if line not in found_lines:
                    found_lines[line] = squash_key(line) in letters
                return found_lines[line]

            # a sentence pdftotext read across table columns is found when every line of its paragraph is
            chunks = source_chunks(text)
            lost = [s for s, lines in chunks if squash_key(s) not in letters and not all(map(on_page, lines))]
            result.from_files += 1
        result.checked_sentences += len(chunks)
        if lost:
            result.missing_text[r.source] = lost
    return result

