"""Word (.docx) reports: headings, paragraphs, lists and tables in document order, read with python-docx.

python-docx opens the package and resolves styles; the body is walked with lxml XPath so that text inside
content controls, tracked insertions, hyperlinks, fields and text boxes is kept too.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

try:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree
except ImportError as exc:  # readers/__init__.py disables .docx and names the package to install
    raise ImportError(str(exc), name="python-docx" if exc.name == "docx" else exc.name) from exc

from ..extract.structure import normalise_heading_levels
from ..models import Block, SourceDocument
from .errors import ReadError
from .limits import check_zip_package
from .text import make_document
from .blocks import clean_line, plain_text

SUFFIXES = [".docx"]

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W = "{%s}" % NS["w"]
# Runs under a paragraph, except those of the duplicate VML fallback of a drawing and of deleted text.
RUNS = etree.XPath(".//w:r[not(ancestor::mc:Fallback) and not(ancestor::w:del) and not(ancestor::w:moveFrom)]",
                   namespaces=NS)
TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback) and not(ancestor::w:txbxContent)]",
                         namespaces=NS)
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "smartTag"}
HEADING_NAME = re.compile(r"^(?:heading|titre)\s*([1-9])$", re.IGNORECASE)
TITLE_NAME = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
LIST_NAME = re.compile(r"^(?:list (?:bullet|number)|liste (?:à puces|numéro)s?)\b", re.IGNORECASE)


def read(path: Path, source: str) -> SourceDocument:
    """A Word report: every paragraph, list item and table cell of the body, with its structure."""
    document = _open(path)
    styles = _style_index(document)
    blocks = list(_walk(document.element.body, styles))
    normalise_heading_levels(blocks)
    doc = make_document(source, plain_text(blocks), "docx", "docx", allow_front_matter=False)
    return dataclasses.replace(doc, blocks=tuple(blocks))


def _open(path: Path) -> "docx.document.Document":
    """Open the package, turning every way a .docx can be broken into one ReadError."""
    hint = "open it in Word or LibreOffice and save it again as .docx"
    if not zipfile.is_zipfile(path):
        raise ReadError("is not a valid Word document (not a zip package: a damaged download, "
                        "a password-protected file or an old .doc renamed .docx?)", hint)
    check_zip_package(path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError,
            etree.LxmlError) as exc:
        reason = str(exc).strip("'\" ").splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReadError(f"is not a valid Word document ({reason})", hint) from exc


@dataclasses.dataclass(frozen=True)
class StyleInfo:
    """What a paragraph style says about structure: heading level (None: not one) and list-ness."""

    level: int | None
    is_list: bool


def _style_index(document: "docx.document.Document") -> dict[str, StyleInfo]:
    """Heading level and list-ness of every paragraph style, following 'based on' chains."""
    index: dict[str, StyleInfo] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH or style.style_id is None:
            continue
        level, is_list, seen, current = None, False, set(), style
        while current is not None and current.style_id not in seen:
            seen.add(current.style_id)
            level = level if level is not None else _style_level(current)
            is_list = is_list or bool(LIST_NAME.match(current.name or "")) or _has_numbering(current.element)
            current = getattr(current, "base_style", None)
        index[style.style_id] = StyleInfo(level, is_list)
    return index


def _style_level(style) -> int | None:
    """Heading level a style gives by its name ('Heading 2', 'Titre 2', 'Title') or its outline level."""
    name = (style.name or "").strip()
    if m := HEADING_NAME.match(name):
        return int(m.group(1))
    if TITLE_NAME.match(name):
        return 0  # the document title sits above 'Heading 1'; levels are normalised afterwards
    return _outline_level(style.element)


def _outline_level(element: etree._Element) -> int | None:
    """Word's outline level (0-8 are heading levels 1-9; 9 is body text) in a paragraph or style."""
    node = element.find(f"{W}pPr/{W}outlineLvl")
    if node is None:
        return None
    value = node.get(W + "val", "")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def _has_numbering(element: etree._Element) -> bool:
    """True when a paragraph or style carries list numbering (numId 0 switches it off)."""
    num_id = element.find(f"{W}pPr/{W}numPr/{W}numId")
    return num_id is not None and num_id.get(W + "val", "0") != "0"


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Child elements, looking through content controls, custom XML and tracked insertions."""
    for child in element:
        if child.tag in WRAPPERS:
            yield from _children(child)
        else:
            yield child


def _walk(container: etree._Element, styles: dict[str, StyleInfo]) -> Iterator[Block]:
    """Blocks of a body, table cell or text box, in document order; list paragraphs join one list."""
    pending: Block | None = None
    for child in _children(container):
        for block in _element_blocks(child, styles):
            if block.kind == "list" and pending is not None:
                pending.lines.extend(block.lines)
                continue
            if pending is not None:
                yield pending
                pending = None
            if block.kind == "list":
                pending = block
            else:
                yield block
    if pending is not None:
        yield pending


def _element_blocks(element: etree._Element, styles: dict[str, StyleInfo]) -> Iterator[Block]:
    """Blocks of one body element: a paragraph (and its text boxes) or a table."""
    if element.tag == W + "p":
        block = _paragraph_block(element, styles)
        if block is not None:
            yield block
        for box in TEXT_BOXES(element):
            yield from _walk(box, styles)
    elif element.tag == W + "tbl":
        yield from _table_blocks(element, styles)


def _paragraph_block(p: etree._Element, styles: dict[str, StyleInfo]) -> Block | None:
    """A heading, list item or paragraph, decided by the paragraph's style and numbering."""
    lines = [clean_line(line) for line in _paragraph_text(p).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    style_id = p.find(f"{W}pPr/{W}pStyle")
    info = styles.get(style_id.get(W + "val", "") if style_id is not None else "", StyleInfo(None, False))
    level = _outline_level(p)
    level = info.level if level is None else level
    if level is not None:
        return Block("heading", lines=[" ".join(lines)], level=level)
    if _has_numbering(p) or info.is_list:
        return Block("list", lines=[" ".join(lines)])
    return Block("paragraph", lines=lines)


def _paragraph_text(p: etree._Element) -> str:
    """The text a reader sees in a paragraph: runs of text, tabs as spaces, line breaks as newlines."""
    parts: list[str] = []
    for run in RUNS(p):
        if next(run.iterancestors(W + "p")) is not p:
            continue  # a run of a text box anchored in this paragraph: read as its own block
        for node in run:
            tag = node.tag
            if tag == W + "t":
                parts.append(node.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
    return "".join(parts)


def _table_blocks(tbl: etree._Element, styles: dict[str, StyleInfo]) -> Iterator[Block]:
    """A data table becomes a table block; a one-row or one-column layout box gives its content as blocks."""
    rows = [[cell for cell in _row_cells(tr)] for tr in _children(tbl) if tr.tag == W + "tr"]
    width = max((sum(span for _, span in row) for row in rows), default=0)
    if len(rows) < 2 or width < 2:
        for row in rows:
            for tc, _ in row:
                yield from _walk(tc, styles)
        return
    table = []
    for row in rows:
        cells: list[str] = []
        for tc, span in row:
            cells.append(_cell_text(tc))
            cells.extend([""] * (span - 1))
        if any(cells):
            table.append(cells + [""] * (width - len(cells)))
    if table:
        yield Block("table", rows=table)


def _row_cells(tr: etree._Element) -> Iterator[tuple[etree._Element, int]]:
    """Cells of a table row with the number of grid columns each spans."""
    for tc in _children(tr):
        if tc.tag != W + "tc":
            continue
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        value = span.get(W + "val", "1") if span is not None else "1"
        yield tc, int(value) if value.isdigit() and int(value) > 0 else 1


def _cell_text(tc: etree._Element) -> str:
    """All text of a cell on one line (its paragraphs, lists and nested tables, space-separated)."""
    parts: list[str] = []
    for block in _walk(tc, {}):
        parts.extend(block.lines)
        parts.extend(" ".join(row) for row in block.rows)
    return clean_line(" ".join(parts))


