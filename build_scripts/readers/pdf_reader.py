"""PDF reports: text in reading order, grouped into paragraphs, headings, lists and tables, each with its page.

Pages come from pdf_pages.py (pdfplumber: words with their place and font, ruled tables cell by cell, two
columns read one after the other). This module reads them the way a curator would: running headers and
footers, page numbers and contents dot leaders set aside; the letterhead moved out of the title's way; words cut
by a hyphen at a line end rejoined; a paragraph or table row cut by a page break joined again. A scan (pages
that are pictures, with little or no text layer) is read by character recognition (ocr.py).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import statistics
import warnings
from pathlib import Path

try:
    import pdfplumber  # noqa: F401  (imported here so a missing library disables .pdf with a hint)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException
except ImportError as exc:  # readers/__init__.py disables .pdf and names the package to install
    raise ImportError(str(exc), name="pdfplumber") from exc

from ..models import Block, SourceDocument
from . import ocr
from .blocks import normalise_heading_levels, plain_text
from .errors import ReadError
from .hyphenation import join_cut
from .pdf_pages import Line, Page, Table, read_pages
from .text import make_document, normalise_text

SUFFIXES = [".pdf"]

# Bullet glyphs, including Symbol/Wingdings private-use code points that Word's PDF export leaves behind.
BULLET = re.compile(r"^\s*(?:[·•▪◦●○■□➢►✓❖\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8]|[-–—*+©¢°](?=\s))\s*")
SENTENCE_END = re.compile(r"[.!?:;»)](?:\s*\[\d{1,3}\])?$")  # a footnote call may follow the full stop
LETTERS = re.compile(r"[^\W\d_]")
OTHER_PDF_ERRORS = (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError, OverflowError,
                    AssertionError, PSException)
BAND = 0.12  # top and bottom share of a page where running headers and footers sit
PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.)?\s*\d{1,4}(?:\s*(?:sur|/|de|of)\s*\d{1,4})?\W*$", re.IGNORECASE)
DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{0,4}\s*$|…{2,}\s*\d{0,4}\s*$|_{4,}\s*\d{1,4}\s*$")
CONTENTS_TITLE = re.compile(r"^(?:sommaire|table des mati[eè]res|contenu|plan du rapport)\W*$", re.IGNORECASE)
LETTERHEAD = re.compile(
    r"^(?:r[ée]publique\b|burkina faso$|minist[èe]re\b|secr[ée]tariat g[ée]n[ée]ral\b|cabinet du ministre\b"
    r"|la patrie ou la mort|[-–—_*=.~ ]{3,}$"
    r"|[\w'’]+(?: [\w'’]+)?(?: [-–—] [\w'’]+(?: [\w'’]+)?){2}\W*$)", re.IGNORECASE)  # mottos: 'Union – Discipline – Travail'
LETTERHEAD_HEADING = "En-tête du document"
NOTES_HEADING = "Notes"
NUMBERED_CAPITALS = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\s*[.)-]?\s*(?=[^\W\d_])[^a-zà-ÿ.;,]{3,}[^.;,]$")
NOTE_START = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3}))\s+(?=\S)")
# A mail office's stamp on the first page ('Courrier arrivée n° 412 du …', 'Reçu le …'): not the report's text.
STAMP = re.compile(r"^\W*(?:courrier\s+arriv[ée]e|arriv[ée]e?\s+le|re[çc]u\s+le|enregistr[ée]\s+(?:le|sous))\b", re.I)
CONNECTOR_END = re.compile(r"\b(?:de|des|du|et|ou|la|le|les|l'|d'|à|aux|au|en|pour|par|sur|dans|avec|un|une|que|qui)$", re.I)
# Under the ministry, the letterhead names the services that write the report: 'Direction régionale…'.
SERVICE = re.compile(r"^(?:(?:la |le |l')?(?:direction|programme|service|agence|secr[ée]tariat|cabinet|r[ée]gion|"
                     r"district|division|cellule|institut|centre|comit[ée]|coordination|unit[ée]|projet|inspection|"
                     r"office|d[ée]l[ée]gation|gouvernorat|pr[ée]fecture|h[ôo]pital|[ée]quipe cadre)\b|[A-Z]{2,}[\w/-]*$)",
                     re.IGNORECASE)
MIN_RECOGNISED_LETTERS = 100  # per page: less, and a recognised scan would be published nearly empty
MIN_PAGE_LETTERS = 200  # a page with an image over it and fewer letters than this needs character recognition


def read(path: Path, source: str) -> SourceDocument:
    """A PDF report: its text in reading order, one block per paragraph, heading, list or table, with pages."""
    pages = _open(path)
    poor = [p.number for p in pages if _needs_ocr(p)]
    recognised = False
    if poor and len(poor) * 2 >= len(pages):
        missing = ocr.missing_tools()
        if missing:
            raise ReadError(f"is a scan: {len(poor)} of {len(pages)} pages are pictures with no usable text layer",
                            f"install character recognition ({missing}), then rebuild; "
                            "or provide the text as .txt/.docx")
        pages = _open(ocr.recognised_copy(path, len(pages)), scanned=True)
        recognised = True
    letters = sum(p.letters for p in pages)
    if recognised and letters < MIN_RECOGNISED_LETTERS * len(pages):
        raise ReadError(f"is a scan and character recognition found almost no text in it ({letters} letters on "
                        f"{len(pages)} pages)", "check that the scan is legible (200 dpi or more, upright), or "
                        "provide the text as .txt/.docx")
    if not letters:
        raise ReadError("has no text layer (a scanned PDF?)",
                        "run OCR on it (e.g. ocrmypdf) or provide the text as .txt/.docx")
    blocks = _blocks(pages)
    doc = make_document(source, plain_text(blocks), "pdf", "pdf", allow_front_matter=False)
    notes: tuple[str, ...] = ()
    if poor and not recognised:
        which = f"page {poor[0]} is a picture" if len(poor) == 1 else \
            f"pages {', '.join(map(str, poor))} are pictures"
        notes = (f"{which} with little or no text layer: that text is not on the report's page (run OCR on the "
                 f"file, e.g. ocrmypdf --redo-ocr -l fra, and replace it)",)
    return dataclasses.replace(doc, blocks=tuple(blocks), ocr=recognised, notes=notes)


def _needs_ocr(page: Page) -> bool:
    """A page that is mostly a picture and carries little text (a scan, maybe with a stamped line)."""
    return page.image_share >= 0.5 and page.letters < MIN_PAGE_LETTERS


def _open(path: Path, scanned: bool = False) -> list[Page]:
    """The pages of the file, turning the PDF library's many ways of failing into one clear ReadError."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    if b"%PDF-" not in head:
        raise ReadError("is not a PDF file (it does not start with '%PDF-': damaged, or another format renamed .pdf)",
                        "open it in a PDF viewer and save or export it again as PDF")
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # readers only read, the CLI prints
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_pages(path, scanned)
    except (PdfminerException, PDFPasswordIncorrect, PDFEncryptionError, *OTHER_PDF_ERRORS) as exc:
        inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("is password-protected, so its text cannot be read",
                            "save an unprotected copy (e.g. qpdf --decrypt, or print it to PDF) and use that") from exc
        reason = str(inner).splitlines()[0] if str(inner).strip() else type(inner).__name__
        raise ReadError(f"is not a readable PDF ({reason})",
                        "open it in a PDF viewer and save or export it again as PDF") from exc
    finally:
        logger.setLevel(level)


def _blocks(pages: list[Page]) -> list[Block]:
    """Blocks of every page, furniture set aside, then joined where a page break cut a paragraph or a row."""
    _drop_furniture(pages)
    letterhead = _take_letterhead(pages)
    lines = [item for p in pages for item in p.items if isinstance(item, Line)]
    body_size = _body_size(lines)
    notes = _take_footnotes(pages, body_size)
    lines = [item for p in pages for item in p.items if isinstance(item, Line)]
    levels = _heading_levels(lines, body_size)
    blocks: list[Block] = []
    for page in pages:
        page_blocks = _page_items_blocks(page, body_size, levels)
        if blocks and page_blocks:
            page_blocks = _join_across_break(blocks, page_blocks)
        blocks.extend(page_blocks)
    if notes:
        blocks.append(Block("heading", lines=[NOTES_HEADING], level=6, page=notes[0][0]))
        blocks.extend(Block("paragraph", lines=[text], page=page) for page, text in notes)
    if letterhead:
        blocks.append(Block("heading", lines=[LETTERHEAD_HEADING], level=6, page=1))
        blocks.extend(Block("paragraph", lines=[text], page=1) for text in letterhead)
    normalise_heading_levels(blocks)
    return blocks


def _key(text: str) -> str:
    """A furniture line's shape: case, spaces and numbers left out ('Page 3 sur 5' ~ 'Page 4 sur 5')."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_furniture(pages: list[Page]) -> None:
    """Running headers and footers (lines repeated in the top or bottom band of pages), page numbers, and the
    contents (dot-leader lines and their 'Sommaire' title) are not the report's text."""
    counts: dict[str, set[int]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, Line) and _in_band(item, page):
                counts.setdefault(_key(item.text), set()).add(page.number)
    repeated = {k for k, seen in counts.items() if len(seen) >= 2}
    for page in pages:
        leaders = sum(isinstance(i, Line) and bool(DOT_LEADER.search(i.text)) for i in page.items)
        page.items = [i for i in page.items if isinstance(i, Table) or not (
            (_in_band(i, page) and (_key(i.text) in repeated or PAGE_NUMBER.match(i.text)))
            or re.match(r"^\W*page\s+\d+\s*(?:sur|/|de)\s*\d+\W*$|^[-–—]\s*\d{1,4}\s*[-–—]$", i.text, re.I)
            or DOT_LEADER.search(i.text)
            or (page.number == 1 and _in_band(i, page) and STAMP.match(i.text))
            or (leaders >= 2 and CONTENTS_TITLE.match(i.text)))]


def _in_band(line: Line, page: Page) -> bool:
    return line.top < BAND * page.height or line.top > (1 - BAND) * page.height


def _take_letterhead(pages: list[Page]) -> list[str]:
    """The letterhead lines at the head of the first page ('RÉPUBLIQUE DU …', the motto, 'MINISTÈRE …' and the
    services under it, down to the title), taken out of the title's way; they are kept, under their own heading
    at the end of the report."""
    if not pages:
        return []
    items = pages[0].items
    taken: list[Line] = []
    n = 0
    while n < len(items) and n < 16 and isinstance(items[n], Line):
        line: Line = items[n]  # type: ignore[assignment]
        text = line.text.strip()
        if STAMP.match(text):
            n += 1
            continue
        above = not taken and line.top < BAND * pages[0].height and any(  # a running header over the letterhead
            isinstance(i, Line) and LETTERHEAD.match(i.text.strip()) for i in items[n + 1: n + 4])
        follows = (bool(taken) and SERVICE.match(text) is not None and len(text.split()) <= 14
                   and not SENTENCE_END.search(text) and line.size <= 1.6 * min(t.size for t in taken)
                   and (taken[-1].y or 0) - (line.y or 0) < 6 * max(line.size, taken[-1].size, 1.0))
        if not (LETTERHEAD.match(text) or above or follows):
            break
        taken.append(line)
        n += 1
    if not any(re.match(r"(?:r[ée]publique|minist[èe]re|burkina)", t.text, re.I) for t in taken):
        return []
    pages[0].items = items[n:]
    return _letterhead_lines([t.text.strip() for t in taken if LETTERS.search(t.text)])


def _letterhead_lines(texts: list[str]) -> list[str]:
    """Letterhead lines with a name wrapped over two lines put back on one ('… DE LA COUVERTURE MALADIE UNI-'
    'VERSELLE')."""
    out: list[str] = []
    for text in texts:
        if out and out[-1].endswith("-") and join_cut(out[-1], text.lower()) is not None:
            out[-1] = out[-1][:-1] + text  # 'UNI-' 'VERSELLE': a word in capitals cut at the line end
        elif out and (out[-1].endswith("-") or CONNECTOR_END.search(out[-1])):
            out[-1] = _join([out[-1], text])
        else:
            out.append(text)
    return out


def _take_footnotes(pages: list[Page], body_size: float) -> list[tuple[int, str]]:
    """Footnotes (small type at the foot of a page, each starting with its number) taken out of the page's flow,
    so a paragraph cut by the page break is joined again; they are kept, as '[1] …', under 'Notes'."""
    notes: list[tuple[int, str]] = []
    for page in pages:
        items = page.items
        start = len(items)
        while start > 0 and isinstance(items[start - 1], Line) and items[start - 1].top > 0.5 * page.height \
                and 0 < items[start - 1].size <= 0.92 * body_size:  # type: ignore[union-attr]
            start -= 1
        foot = [i for i in items[start:] if isinstance(i, Line)]
        while foot and not NOTE_START.match(foot[0].text):
            foot, start = foot[1:], start + 1  # small type above the first note is not a note (a caption…)
        if not foot:
            continue
        page_notes: list[list[str]] = []
        for line in foot:
            m = NOTE_START.match(line.text)
            if m:
                page_notes.append([f"[{m.group(1) or m.group(2)}] " + line.text[m.end():]])
            else:
                page_notes[-1].append(line.text)
        notes.extend((page.number, _join(parts)) for parts in page_notes)
        page.items = items[:start]
    return notes


def _page_items_blocks(page: Page, body_size: float, levels: dict[float, int]) -> list[Block]:
    """A page's runs of lines as paragraphs, headings and lists; its tables as tables."""
    blocks: list[Block] = []
    run: list[Line] = []
    for item in page.items + [None]:  # type: ignore[operator]
        if isinstance(item, Line):
            run.append(item)
            continue
        if run:
            blocks.extend(_page_blocks(run, page.number, body_size, levels))
            run = []
        if isinstance(item, Table):
            rows = [[_join(cell) for cell in row] for row in item.rows]
            rows = [row for row in rows if any(row)]
            if rows:
                blocks.append(Block("table", rows=rows, page=page.number))
    return blocks


def _join_across_break(before: list[Block], page_blocks: list[Block]) -> list[Block]:
    """The first block of a page continues the last one of the previous page: a paragraph cut mid-sentence, or a
    table whose rows go on (its repeated header row dropped, a row split by the break joined again)."""
    last, first = before[-1], page_blocks[0]
    if last.kind in ("paragraph", "list") and first.kind == "paragraph" and _continues(last.lines[-1], first.lines[0]):
        last.lines[-1] = _join([last.lines[-1], *first.lines])
        return page_blocks[1:]
    if last.kind == first.kind == "table" and len(last.rows[0]) == len(first.rows[0]):
        rows = first.rows
        if [c.lower() for c in rows[0]] == [c.lower() for c in last.rows[0]]:
            rows = rows[1:]
        if rows and (not all(rows[0]) or rows[0][0][:1].islower()):
            last.rows[-1] = [_join([a, b]) for a, b in zip(last.rows[-1], rows[0])]
            rows = rows[1:]
        last.rows.extend(rows)
        return page_blocks[1:]
    return page_blocks


def _body_size(lines: list[Line]) -> float:
    """The font size that sets the most characters: the size of body text."""
    weight: dict[float, int] = {}
    for line in lines:
        weight[line.size] = weight.get(line.size, 0) + len(line.text)
    return max(weight, key=lambda size: (weight[size], -size)) if weight else 0.0


def _heading_levels(lines: list[Line], body_size: float) -> dict[float, int]:
    """Heading level per type size: 1 for the biggest size above body text, then 2, 3..."""
    sizes = sorted({line.size for line in lines if line.size >= 1.15 * body_size}, reverse=True)
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
    same_big_type = line.size > 0 and abs(prev.size - line.size) <= 0.1 * max(prev.size, line.size)
    if gap > 1.35 * (max(spacing, 1.25 * line.size) if same_big_type else spacing):
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


def _looks_like_heading(group: list[Line], text: str, body_size: float) -> bool:
    """Short text in bigger type than the body, or a single bold line that does not end a sentence."""
    if len(text) > 150 or not LETTERS.search(text) or not body_size:
        return False
    if all(line.size >= 1.15 * body_size for line in group):
        return True
    if len(group) == 1 and len(text) <= 80 and NUMBERED_CAPITALS.match(text):
        return True  # '3. LEÇONS APPRISES': a heading typed in capitals (a scan does not say it was bold)
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



def _continues(end: str, start: str) -> bool:
    """The text after a page break goes on with the sentence before it: no sentence end before, and the next
    words start in lower case, or the last word cannot end a sentence ('de', 'et', a hyphen, a comma)."""
    if SENTENCE_END.search(end):
        return False
    return start[:1].islower() or bool(CONNECTOR_END.search(end)) or end.endswith((",", "-"))


def _join(texts: list[str]) -> str:
    """Re-join the lines of a paragraph or cell; a word cut by a hyphen at a line end is rejoined when the French
    word list knows the whole word ('na-' 'tional'), and keeps its hyphen otherwise ('Kaya-' 'Nord')."""
    out = ""
    for raw in texts:
        text = " ".join(normalise_text(raw).split())
        if not text:
            continue
        if not out:
            out = text
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + "-"
        joined = join_cut(out, text) if out.endswith("-") else None
        if joined is not None:
            out = joined
        elif out.endswith("-") and out[-2:-1].isalnum():
            out += text  # 'sous-' 'préfecture', 'Kaya-' 'Nord', '2024-' '2025': cut at its own hyphen
        else:
            out += " " + text
    return out
