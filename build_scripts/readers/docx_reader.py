"""Word (.docx) reports: headings, paragraphs, lists, tables and footnotes in document order, read with python-docx.

python-docx opens the package and resolves styles; the body is walked with lxml XPath so that text inside
content controls, tracked insertions, hyperlinks, fields and text boxes is kept too. What Word does not show as
the report's text is left out: deleted (tracked) text, the table of contents field, running headers and footers
(they live in their own parts and are never walked). Reports typed without styles keep their structure: a short
bold paragraph is a heading, a paragraph typed '- …' or '1. …' is a list item. Footnotes and endnotes (which
python-docx does not read) come from their own parts, numbered in the order of their calls, at the end.
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
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree
except ImportError as exc:  # readers/__init__.py disables .docx and names the package to install
    raise ImportError(str(exc), name="python-docx" if exc.name == "docx" else exc.name) from exc

from ..models import Block, SourceDocument
from .errors import ReadError
from .limits import check_zip_package
from .text import make_document
from .blocks import clean_line, normalise_heading_levels, plain_text

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
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "smartTag", W + "moveTo"}
HEADING_NAME = re.compile(r"^(?:heading|titre)\s*([1-9])$", re.IGNORECASE)
TITLE_NAME = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
LIST_NAME = re.compile(r"^(?:list (?:bullet|number)|liste (?:à puces|numéro)s?)\b", re.IGNORECASE)
# Entries and heading of a table of contents, by style: Word ('toc 1', 'TOC Heading'), LibreOffice ('Contents 1').
TOC_NAME = re.compile(r"^(?:toc|contents|table des matières|tdm)\s*(?:[1-9]|heading|en-tête)?$|"
                      r"^(?:en-tête de table des matières|titre de table des matières)$", re.IGNORECASE)
TOC_TITLE = re.compile(r"^(?:table des mati[èe]res|sommaire|contents|table of contents)\s*:?$", re.IGNORECASE)
# A list item typed by hand: a dash or bullet character, or a number or letter followed by '.' or ')'.
TYPED_ITEM = re.compile(r"^(?:[-–—•·▪◦●○■□➢►✓❖*]|\(?\d{1,2}[.)]|[a-h]\))\s+(?=\S)")
SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")
HEADING_MAX_CHARS, HEADING_MAX_WORDS = 120, 16
OFF = {"0", "false", "off", "none"}


def read(path: Path, source: str) -> SourceDocument:
    """A Word report: every paragraph, list item and table cell of the body, then its notes, with structure."""
    document = _open(path)
    ctx = Context(_style_index(document), _character_bold(document), _notes(document))
    blocks = _drop_contents(list(_walk(document.element.body, ctx)))
    blocks.extend(_note_blocks(ctx))
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
    """What a paragraph style says about structure: heading level (None: not one), list-ness, contents, bold."""

    level: int | None
    is_list: bool
    is_toc: bool = False
    bold: bool = False


NO_STYLE = StyleInfo(None, False)


@dataclasses.dataclass
class Context:
    """What the walk needs beyond the element: styles, the open fields, the notes and the order of their calls."""

    styles: dict[str, StyleInfo]
    char_bold: dict[str, bool]
    notes: dict[tuple[str, str], etree._Element]  # ('footnote' | 'endnote', id) -> the note's element
    fields: list[list] = dataclasses.field(default_factory=list)  # open fields: [instruction, is_toc]
    called: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # notes in the order of their calls
    in_cell: bool = False

    def in_toc(self) -> bool:
        return any(is_toc for _, is_toc in self.fields)


def _style_index(document: "docx.document.Document") -> dict[str, StyleInfo]:
    """Heading level, list-ness, contents-ness and boldness of every paragraph style, following 'based on'."""
    index: dict[str, StyleInfo] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH or style.style_id is None:
            continue
        level, is_list, bold, seen, current = None, False, None, set(), style
        is_toc = bool(TOC_NAME.match((style.name or "").strip()))
        while current is not None and current.style_id not in seen:
            seen.add(current.style_id)
            level = level if level is not None else _style_level(current)
            is_list = is_list or bool(LIST_NAME.match(current.name or "")) or _has_numbering(current.element)
            bold = bold if bold is not None else _bold_value(current.element.find(f"{W}rPr"))
            current = getattr(current, "base_style", None)
        index[style.style_id] = StyleInfo(level, is_list, is_toc, bool(bold))
    return index


def _character_bold(document: "docx.document.Document") -> dict[str, bool]:
    """Character styles that make their text bold ('Strong', 'Accentuation forte')."""
    out = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.CHARACTER and style.style_id is not None:
            out[style.style_id] = bool(_bold_value(style.element.find(f"{W}rPr")))
    return out


def _bold_value(rpr: etree._Element | None) -> bool | None:
    """True or False when run properties say bold or not bold; None when they do not say."""
    if rpr is None:
        return None
    b = rpr.find(f"{W}b")
    if b is None:
        return None
    return b.get(W + "val", "true").lower() not in OFF


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


def _is_toc_control(element: etree._Element) -> bool:
    """A content control that Word made to hold a table of contents."""
    gallery = element.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in gallery.get(W + "val", "").lower()


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Child elements, looking through content controls, custom XML and tracked insertions."""
    for child in element:
        if child.tag == W + "sdt" and _is_toc_control(child):
            yield Block("toc")  # type: ignore[misc]  (a marker: the contents stood here)
        elif child.tag in WRAPPERS:
            yield from _children(child)
        else:
            yield child


def _walk(container: etree._Element, ctx: Context) -> Iterator[Block]:
    """Blocks of a body, table cell or text box, in document order; list paragraphs join one list."""
    pending: Block | None = None
    for child in _children(container):
        found = [child] if isinstance(child, Block) else _element_blocks(child, ctx)
        for block in found:
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


def _element_blocks(element: etree._Element, ctx: Context) -> Iterator[Block]:
    """Blocks of one body element: a paragraph (and its text boxes) or a table."""
    if element.tag == W + "p":
        block = _paragraph_block(element, ctx)
        if block is not None:
            yield block
        for box in TEXT_BOXES(element):
            yield from _walk(box, ctx)
    elif element.tag == W + "tbl":
        yield from _table_blocks(element, ctx)


def _paragraph_block(p: etree._Element, ctx: Context) -> Block | None:
    """A heading, list item or paragraph, decided by the paragraph's style, numbering, boldness and first
    characters; a paragraph of the table of contents gives a marker block."""
    style_id = p.find(f"{W}pPr/{W}pStyle")
    info = ctx.styles.get(style_id.get(W + "val", "") if style_id is not None else "", NO_STYLE)
    was_in_toc = ctx.in_toc()
    text, bold = _paragraph_text(p, ctx, info)
    if info.is_toc or was_in_toc or ctx.in_toc():
        return Block("toc")
    lines = [line for line in (clean_line(line) for line in text.split("\n")) if line]
    if not lines:
        return None
    level = _outline_level(p)
    level = info.level if level is None else level
    if level is not None:
        return Block("heading", lines=[" ".join(lines)], level=level)
    if _has_numbering(p) or info.is_list:
        return Block("list", lines=[" ".join(lines)])
    joined = " ".join(lines)
    if bold and not ctx.in_cell and _looks_like_heading(joined):
        number = SECTION_NUMBER.match(joined)
        return Block("heading", lines=[joined], level=2 + (number.group(1).count(".") if number else 0))
    if m := TYPED_ITEM.match(joined):
        return Block("list", lines=[joined[m.end():]])
    return Block("paragraph", lines=lines)


def _looks_like_heading(text: str) -> bool:
    """A short line that does not end like a sentence or a clause."""
    return (len(text) <= HEADING_MAX_CHARS and len(text.split()) <= HEADING_MAX_WORDS
            and not text.endswith((".", ",", ";")) and any(ch.isalpha() for ch in text))


def _paragraph_text(p: etree._Element, ctx: Context, info: StyleInfo = NO_STYLE) -> tuple[str, bool]:
    """The text a reader sees in a paragraph (runs of text, tabs as spaces, line breaks as newlines, note calls
    as '[n]'; field instructions and table-of-contents entries left out) and whether all of it is bold."""
    parts: list[str] = []
    bold = True
    for run in RUNS(p):
        if next(run.iterancestors(W + "p")) is not p:
            continue  # a run of a text box anchored in this paragraph: read as its own block
        before = len(parts)
        for node in run:
            _run_node(node, parts, ctx)
        if "".join(parts[before:]).strip() and not _run_bold(run, ctx, info):
            bold = False
    text = "".join(parts)
    return text, bold and bool(text.strip())


def _run_node(node: etree._Element, parts: list[str], ctx: Context) -> None:
    """Append what one child of a run shows; follow fields, so that a table of contents can be left out."""
    tag = node.tag
    if tag == W + "fldChar":
        kind = node.get(W + "fldCharType")
        if kind == "begin":
            ctx.fields.append(["", False])
        elif kind == "separate" and ctx.fields:
            ctx.fields[-1][1] = ctx.fields[-1][0].strip().upper().startswith("TOC")
        elif kind == "end" and ctx.fields:
            ctx.fields.pop()
        return
    if tag == W + "instrText":
        if ctx.fields:
            ctx.fields[-1][0] += node.text or ""
        return
    if ctx.in_toc():
        return
    if tag == W + "t":
        parts.append(node.text or "")
    elif tag in (W + "tab", W + "ptab"):
        parts.append(" ")
    elif tag in (W + "br", W + "cr"):
        parts.append("\n")
    elif tag == W + "noBreakHyphen":
        parts.append("-")
    elif tag in (W + "footnoteReference", W + "endnoteReference"):
        key = ("footnote" if tag == W + "footnoteReference" else "endnote", node.get(W + "id", ""))
        if key in ctx.notes:
            if key not in ctx.called:
                ctx.called.append(key)
            parts.append(f"[{ctx.called.index(key) + 1}]")


def _run_bold(run: etree._Element, ctx: Context, info: StyleInfo) -> bool:
    """Whether a run shows bold: its own properties, else its character style, else the paragraph style."""
    rpr = run.find(f"{W}rPr")
    own = _bold_value(rpr)
    if own is not None:
        return own
    rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
    if rstyle is not None and ctx.char_bold.get(rstyle.get(W + "val", "")):
        return True
    return info.bold


def _drop_contents(blocks: list[Block]) -> list[Block]:
    """Remove the table-of-contents markers, and the 'Sommaire' / 'Table des matières' line just before them."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "toc":
            if out and out[-1].kind in ("heading", "paragraph") and TOC_TITLE.match(" ".join(out[-1].lines)):
                out.pop()
            continue
        out.append(block)
    return out


def _notes(document: "docx.document.Document") -> dict[tuple[str, str], etree._Element]:
    """Footnotes and endnotes by (kind, id), read from their own parts (python-docx has no API for them);
    Word's separator notes are not notes."""
    out: dict[tuple[str, str], etree._Element] = {}
    for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            try:
                root = etree.fromstring(rel.target_part.blob)
            except etree.XMLSyntaxError:
                continue  # damaged notes: the body is still worth publishing
            for note in root.findall(f"{W}{kind}"):
                if note.get(W + "type") in (None, "normal"):
                    out[(kind, note.get(W + "id", ""))] = note
    return out


def _note_blocks(ctx: Context) -> list[Block]:
    """The notes, in the order of their calls, as one list under a 'Notes' heading: '[1] text of the note'."""
    items = []
    for n, key in enumerate(ctx.called, 1):
        note_ctx = Context(ctx.styles, ctx.char_bold, {})
        paragraphs = [clean_line(_paragraph_text(p, note_ctx)[0]) for p in ctx.notes[key].iter(W + "p")]
        text = " ".join(p for p in paragraphs if p)
        if text:
            items.append(f"[{n}] {text}")
    if not items:
        return []
    return [Block("heading", lines=["Notes"], level=2), Block("list", lines=items)]


def _table_blocks(tbl: etree._Element, ctx: Context) -> Iterator[Block]:
    """A data table becomes a table block; a one-row or one-column layout box gives its content as blocks."""
    rows = [[cell for cell in _row_cells(tr)] for tr in _children(tbl) if not isinstance(tr, Block)
            and tr.tag == W + "tr"]
    width = max((sum(span for _, span in row) for row in rows), default=0)
    if len(rows) < 2 or width < 2:
        for row in rows:
            for tc, _ in row:
                yield from _walk(tc, ctx)
        return
    table = []
    for row in rows:
        cells: list[str] = []
        for tc, span in row:
            cells.append(_cell_text(tc, ctx))
            cells.extend([""] * (span - 1))
        if any(cells):
            table.append(cells + [""] * (width - len(cells)))
    if table:
        yield Block("table", rows=table)


def _row_cells(tr: etree._Element) -> Iterator[tuple[etree._Element, int]]:
    """Cells of a table row with the number of grid columns each spans."""
    for tc in _children(tr):
        if isinstance(tc, Block) or tc.tag != W + "tc":
            continue
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        value = span.get(W + "val", "1") if span is not None else "1"
        yield tc, int(value) if value.isdigit() and int(value) > 0 else 1


def _cell_text(tc: etree._Element, ctx: Context) -> str:
    """All text of a cell on one line (its paragraphs, lists and nested tables, space-separated)."""
    cell_ctx = dataclasses.replace(ctx, styles={}, in_cell=True)
    parts: list[str] = []
    for block in _walk(tc, cell_ctx):
        parts.extend(block.lines)
        parts.extend(" ".join(row) for row in block.rows)
    ctx.fields, ctx.called = cell_ctx.fields, cell_ctx.called
    return clean_line(" ".join(parts))
