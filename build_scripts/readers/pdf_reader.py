"""PDF reports: text in reading order, grouped into paragraphs, headings and lists, each with its page.

Library: pypdf, pure Python with no required dependency (about 4 MB installed), actively maintained; it
gives each piece of text with its position and font size, enough to find paragraphs. pdfplumber would add
pdfminer.six, pypdfium2 and Pillow for layout analysis that these single-column reports do not need.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import re
import statistics
import warnings
from pathlib import Path
from typing import Any, Iterator

try:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError
except ImportError as exc:  # readers/__init__.py disables .pdf and names the package to install
    raise ImportError(str(exc), name="pypdf") from exc

from ..extract.structure import normalise_heading_levels
from ..models import Block, SourceDocument
from .errors import ReadError
from .text import make_document, normalise_text
from .blocks import plain_text

SUFFIXES = [".pdf"]

# Bullet glyphs, including Symbol/Wingdings private-use code points that Word's PDF export leaves behind.
BULLET = re.compile(r"^\s*(?:[·•▪◦●○■□➢►✓❖\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8]|[-–—*](?=\s))\s*")
SENTENCE_END = re.compile(r"[.!?:;»)]$")
HARD_HYPHEN = re.compile(r"[^\W\d_]-$")
LETTERS = re.compile(r"[^\W\d_]")
# Typographic ligatures that PDF fonts keep as one glyph: spelt out, so 'signiﬁcatif' reads 'significatif'.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
OTHER_PDF_ERRORS = (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError, OverflowError)


@dataclasses.dataclass
class Line:
    """One line of a page as pypdf gives it, with where it sits and how big its type is."""

    text: str
    y: float | None = None  # baseline height of its first piece of text, in points (None: unknown)
    chars: dict[tuple[float, bool], int] = dataclasses.field(default_factory=dict)  # (size, bold) -> characters

    @property
    def size(self) -> float:
        """The effective font size that sets most of the line's characters, in points."""
        return max(self.chars, key=self.chars.__getitem__)[0] if self.chars else 0.0

    @property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        bold = sum(n for (_, b), n in self.chars.items() if b)
        return bold > sum(self.chars.values()) - bold


def read(path: Path, source: str) -> SourceDocument:
    """A PDF report: its text layer in reading order, one paragraph block per paragraph, with page numbers."""
    pages = _page_lines(path)
    if not any(line.text.strip() for lines in pages for line in lines):
        raise ReadError("has no text layer (a scanned PDF?)",
                        "run OCR on it (e.g. ocrmypdf) or provide the text as .txt/.docx")
    body_size = _body_size(pages)
    levels = _heading_levels(pages, body_size)
    blocks: list[Block] = []
    for number, lines in enumerate(pages, start=1):
        blocks.extend(_page_blocks(lines, number, body_size, levels))
    normalise_heading_levels(blocks)
    doc = make_document(source, plain_text(blocks), "pdf", "pdf", allow_front_matter=False)
    return dataclasses.replace(doc, blocks=tuple(blocks))


def _page_lines(path: Path) -> list[list[Line]]:
    """The lines of every page, turning pypdf's many ways of failing into one clear ReadError."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    if b"%PDF-" not in head:
        raise ReadError("is not a PDF file (it does not start with '%PDF-': damaged, or another format renamed .pdf)",
                        "open it in a PDF viewer and save or export it again as PDF")
    try:
        with _quiet_pypdf():
            reader = pypdf.PdfReader(path)
            return [_lines(page) for page in reader.pages]
    except FileNotDecryptedError as exc:
        raise ReadError("is password-protected, so its text cannot be read",
                        "save an unprotected copy (e.g. qpdf --decrypt, or print it to PDF) and use that") from exc
    except DependencyError as exc:
        raise ReadError(f"is encrypted with a method pypdf cannot open without an extra library ({exc})",
                        "save an unprotected copy (e.g. qpdf --decrypt), or pip install cryptography") from exc
    except (PyPdfError, *OTHER_PDF_ERRORS) as exc:  # pypdf raises assorted errors on damaged files
        reason = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReadError(f"is not a readable PDF ({reason})",
                        "open it in a PDF viewer and save or export it again as PDF") from exc


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's log messages about damaged files off the console: readers only read, the CLI prints."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _lines(page: pypdf.PageObject) -> list[Line]:
    """Cut the page's text into lines, each with its position and the type sizes of its characters."""
    lines: list[Line] = [Line("")]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        for n, piece in enumerate(text.split("\n")):
            if n:
                lines.append(Line(""))
            line = lines[-1]
            if piece.strip():
                y, effective = _position(cm, tm, size)
                line.y = y if line.y is None else line.y
                key = (effective, _is_bold(font))
                line.chars[key] = line.chars.get(key, 0) + len(piece.strip())
            line.text += piece

    output = page.extract_text(visitor_text=visit)
    if _letters(output) != _letters("".join(line.text for line in lines)):
        return [Line(text) for text in output.split("\n")]  # positions disagree with the text: keep the text
    return [line for line in lines if line.text.strip()]


def _position(cm: list[float], tm: list[float], size: float) -> tuple[float, float]:
    """Baseline height and effective font size from the text and current transformation matrices."""
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
    return y, round(float(size) * (scale or 1.0), 1)


def _is_bold(font: Any) -> bool:
    """True when the font's name says bold (e.g. 'Arial-BoldMT', 'Helvetica-Bold')."""
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
    except AttributeError:
        return False
    return bool(re.search(r"bold|black|heavy", name, re.IGNORECASE))


def _letters(text: str) -> str:
    """The non-space characters of a text, to check that two extractions say the same thing."""
    return "".join(text.split())


def _body_size(pages: list[list[Line]]) -> float:
    """The font size that sets the most characters: the size of body text."""
    weight: dict[float, int] = {}
    for lines in pages:
        for line in lines:
            weight[line.size] = weight.get(line.size, 0) + len(line.text)
    return max(weight, key=lambda size: (weight[size], -size)) if weight else 0.0


def _heading_levels(pages: list[list[Line]], body_size: float) -> dict[float, int]:
    """Heading level per type size: 1 for the biggest size above body text, then 2, 3..."""
    sizes = sorted({line.size for lines in pages for line in lines if line.size >= 1.15 * body_size}, reverse=True)
    return {size: min(6, n) for n, size in enumerate(sizes, start=1)}


def _page_blocks(lines: list[Line], page: int, body_size: float, levels: dict[float, int]) -> list[Block]:
    """Group a page's lines into paragraphs, then tell headings and bullet lists apart."""
    blocks: list[Block] = []
    spacing = _line_spacing(lines, body_size)
    longest = max((len(line.text.strip()) for line in lines), default=0)
    group: list[Line] = []
    for n, line in enumerate(lines):
        if group and _breaks(lines[n - 1], line, spacing, longest):
            blocks.extend(_group_blocks(group, page, body_size, levels))
            group = []
        group.append(line)
    if group:
        blocks.extend(_group_blocks(group, page, body_size, levels))
    return _merge_lists(blocks)


def _line_spacing(lines: list[Line], body_size: float) -> float:
    """The usual distance between two lines of body text on this page."""
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:])
            if a.y is not None and b.y is not None and a.size == b.size == body_size
            and 0.5 * body_size < a.y - b.y < 3 * body_size]
    return statistics.median(gaps) if gaps else 1.2 * (body_size or 10.0)


def _breaks(prev: Line, line: Line, spacing: float, longest: int) -> bool:
    """A new paragraph starts after a wider gap, a change of type size, a jump up, a bullet or a short last line."""
    if BULLET.match(line.text):
        return True
    if prev.y is None or line.y is None:
        return not prev.text.strip() or not line.text.strip()
    gap = prev.y - line.y
    if gap < -0.5 * max(line.size, 1.0):  # back up the page: a new column or a box
        return True
    if gap > 1.35 * spacing:
        return True
    if prev.size and line.size and abs(prev.size - line.size) > 0.1 * max(prev.size, line.size):
        return True
    if prev.bold != line.bold and gap > 0.5 * spacing:
        return True
    text = prev.text.strip()
    return bool(SENTENCE_END.search(text)) and len(text) < 0.7 * longest


def _group_blocks(group: list[Line], page: int, body_size: float, levels: dict[float, int]) -> list[Block]:
    """One paragraph, list item or heading from a group of lines that belong together."""
    text = _join([line.text for line in group])
    if not text:
        return []
    if BULLET.match(group[0].text):
        item = BULLET.sub("", text, count=1).strip()
        return [Block("list", lines=[item or text], page=page)]
    if _looks_like_heading(group, text, body_size):
        level = levels.get(group[0].size, min(6, len(levels) + 1))  # bold at body size: the lowest level
        return [Block("heading", lines=[text], level=level, page=page)]
    return [Block("paragraph", lines=[text], page=page)]


def _join(texts: list[str]) -> str:
    """Re-join the lines of a paragraph; a word cut by a hyphen at line end keeps its hyphen."""
    out = ""
    for raw in texts:
        text = " ".join(normalise_text(raw).translate(LIGATURES).split())
        if not text:
            continue
        glue = "" if not out or (HARD_HYPHEN.search(out) and text[:1].islower()) else " "
        out += glue + text
    return out


def _looks_like_heading(group: list[Line], text: str, body_size: float) -> bool:
    """Short text in bigger type than the body, or a single bold line that does not end a sentence."""
    if len(text) > 150 or not LETTERS.search(text) or not body_size:
        return False
    if all(line.size >= 1.15 * body_size for line in group):
        return True
    return (len(group) == 1 and group[0].bold and group[0].size >= body_size and len(text) <= 90
            and not text.endswith((".", ",", ";")))


def _merge_lists(blocks: list[Block]) -> list[Block]:
    """Consecutive list items on a page form one list block."""
    merged: list[Block] = []
    for block in blocks:
        if block.kind == "list" and merged and merged[-1].kind == "list":
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged

