"""A PDF page as a curator reads it: lines in reading order (both columns of a two-column page, one after the
other) and ruled tables cell by cell, with where each sits and how big its type is.

Library: pdfplumber (MIT; on pdfminer.six) gives every word with its position and font and finds ruled tables
from the lines drawn on the page, so a recommendation keeps its responsible and deadline. On a recognised scan
the rules are only in the picture: they are found in the rendered page (runs of dark pixels) and handed to
pdfplumber as explicit lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Any

import pdfplumber
from PIL import Image

from .text import normalise_text

ROW_TOLERANCE = 2.5  # points: words whose tops differ by less sit on one line
GUTTER_MARGIN = 4.0  # points of white space on each side of a column gutter
SCANNED_X_TOLERANCE = 10  # points between two letters of one word in a recognised text layer
BAND_ROWS = 3  # pixel rows looked at together when finding the rules of a scanned table
# Typographic ligatures that PDF fonts keep as one glyph: spelt out, so 'signiﬁcatif' reads 'significatif'.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})


@dataclasses.dataclass
class Line:
    """One line of text with its place on the page and the type that sets it."""

    text: str
    y: float | None = None  # height of its baseline above the page's foot, in points (None: unknown)
    top: float = 0.0  # distance of its top from the page's head, in points
    chars: dict[tuple[float, bool], int] = dataclasses.field(default_factory=dict)  # (size, bold) -> characters

    @property
    def size(self) -> float:
        """The font size that sets most of the line's characters, in points."""
        return max(self.chars, key=self.chars.__getitem__)[0] if self.chars else 0.0

    @property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        bold = sum(n for (_, b), n in self.chars.items() if b)
        return bold > sum(self.chars.values()) - bold


@dataclasses.dataclass
class Table:
    """A ruled table: its rows of cells, each cell's lines kept apart (for hyphenation at line ends)."""

    rows: list[list[list[str]]]
    top: float = 0.0


@dataclasses.dataclass
class Page:
    """A page's lines and tables in reading order, its size, and how much of it is text or image."""

    number: int
    height: float
    items: list[Line | Table]
    letters: int  # letters of its text layer
    image_share: float  # share of the page covered by its largest image (0 to 1)


def read_pages(path: Any, scanned: bool = False) -> list[Page]:
    """Every page of the PDF file at ``path``; ``scanned``: its pages are pictures with a recognised text layer,
    so table rules are looked for in the pictures."""
    with pdfplumber.open(path) as pdf:
        return [_page(page, n, scanned) for n, page in enumerate(pdf.pages, start=1)]


def _page(page: Any, number: int, scanned: bool = False) -> Page:
    settings = _scanned_rules(page) if scanned else None
    found = page.find_tables(settings) if settings else page.find_tables()
    tables = [t for t in found if t.rows and max(len(r.cells) for r in t.rows) >= 2]
    boxes = [t.bbox for t in tables]
    # A recognised text layer writes word after word in reading order, each letter stretched over its box, and a
    # tilted scan gives letters of one word slightly different heights: words are taken in the layer's order and
    # cut at its spaces, not at small gaps or steps between letters.
    # Its letters also vary in size, so a word's size is its height there.
    x_tolerance = SCANNED_X_TOLERANCE if scanned else 3
    if scanned:
        words = [{**w, "size": round(float(w["bottom"] - w["top"])), "fontname": ""}
                 for w in page.extract_words(use_text_flow=True, x_tolerance=x_tolerance)]
    else:
        words = page.extract_words(extra_attrs=["fontname", "size"])
    words = [w for w in words if not any(_inside(w, box) for box in boxes)]
    lines = _reading_order(words, float(page.width), float(page.height))
    items: list[Line | Table] = list(lines)
    for table, box in sorted(zip(tables, boxes), key=lambda tb: tb[1][1]):
        rows = [[_cell_lines(cell) for cell in row] for row in table.extract(x_tolerance=x_tolerance)]
        at = _insertion_point(items, box)
        items.insert(at, Table(rows, top=float(box[1])))
    letters = sum(ch.isalpha() for w in page.extract_words() for ch in w["text"])
    area = float(page.width * page.height) or 1.0
    share = max((abs(float(i["x1"] - i["x0"]) * float(i["bottom"] - i["top"])) / area for i in page.images),
                default=0.0)
    return Page(number, float(page.height), items, letters, min(share, 1.0))


def _scanned_rules(page: Any) -> dict[str, Any] | None:
    """The ruled lines drawn in a scanned page's picture, as lines pdfplumber can build tables from."""
    if not page.images:
        return None
    picture = max(page.images, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]))
    inches = max(float(picture["x1"] - picture["x0"]), 1.0) / 72
    resolution = min(200, max(72, round(picture["srcsize"][0] / inches)))
    try:  # the page as printed (an OCR text layer is invisible), at about the scan's own resolution
        image = page.to_image(resolution=resolution).original.convert("L")
    except Exception:  # noqa: BLE001  (a picture the renderer cannot draw: no rules; the text is still read)
        return None
    picture = {"x0": 0.0, "x1": float(page.width), "top": 0.0, "bottom": float(page.height)}
    # Each band of BAND_ROWS pixel rows becomes one row, dark where any of its pixels is: a rule tilted by a
    # crooked scan then stays one long run.
    ink = image.point(lambda v: 0 if v < 128 else 255)
    rows = ink.reduce((1, BAND_ROWS)).point(lambda v: 0 if v < 250 else 255)
    cols = ink.transpose(Image.Transpose.TRANSPOSE).reduce((1, BAND_ROWS)).point(lambda v: 0 if v < 250 else 255)
    sx = (picture["x1"] - picture["x0"]) / image.width
    sy = (picture["bottom"] - picture["top"]) / image.height
    horizontal = [_rule(picture["x0"] + a * sx, picture["x0"] + b * sx, picture["top"] + (y + 0.5) * BAND_ROWS * sy)
                  for y, a, b in _runs(rows, image.width // 5)]
    vertical = [_rule(picture["x0"] + (x + 0.5) * BAND_ROWS * sx, picture["top"] + a * sy, picture["top"] + b * sy,
                      upright=True) for x, a, b in _runs(cols, image.height // 25)]
    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal, "snap_tolerance": 6, "join_tolerance": 8,
            "intersection_tolerance": 15}


def _rule(a: float, b: float, at: float, upright: bool = False) -> dict[str, Any]:
    """A ruled line as pdfplumber describes one: horizontal from x=a to x=b at height 'at', or upright at x=a
    from top=b to top='at'."""
    if upright:
        return {"object_type": "line", "x0": a, "x1": a, "top": b, "bottom": at, "width": 0.0, "height": at - b}
    return {"object_type": "line", "x0": a, "x1": b, "top": at, "bottom": at, "width": b - a, "height": 0.0}


def _runs(ink: Any, length: int) -> list[tuple[float, int, int]]:
    """(row, start, end) of every rule at least ``length`` pixels long: runs of dark pixels, chained where a tilted
    rule steps from one row to the next, and kept when they cover their whole extent (words leave gaps)."""
    width = ink.width
    data = ink.tobytes()
    dark = re.compile(rb"\x00{12,}")
    done: list[list[tuple[int, int, int]]] = []
    active: list[list[tuple[int, int, int]]] = []
    for y in range(ink.height):
        done += [c for c in active if c[-1][0] < y - 1]
        active = [c for c in active if c[-1][0] >= y - 1]
        for m in dark.finditer(data, y * width, (y + 1) * width):
            a, b = m.start() - y * width, m.end() - y * width
            chain = next((c for c in active if a <= max(s[2] for s in c) + 4 and b >= min(s[1] for s in c) - 4), None)
            if chain is not None:
                chain.append((y, a, b))
            else:
                active.append([(y, a, b)])
    rules = []
    for chain in done + active:
        a, b = min(s[1] for s in chain), max(s[2] for s in chain)
        if b - a >= length and _covered(chain) >= 0.95 * (b - a):
            rules.append((sum(s[0] for s in chain) / len(chain), a, b))
    return rules


def _covered(chain: list[tuple[int, int, int]]) -> int:
    """How many pixels of the chain's extent some run covers."""
    total, end = 0, -1
    for _, a, b in sorted(chain, key=lambda s: s[1]):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cell_lines(cell: str | None) -> list[str]:
    lines = [" ".join(normalise_text(line).translate(LIGATURES).split()).strip(" |") for line in (cell or "").split("\n")]
    return [line for line in lines if line]  # '|': a rule of a scanned table read as a character


def _insertion_point(items: list[Line | Table], box: tuple[float, float, float, float]) -> int:
    """After the last line above the table in reading order (the table sits where it was drawn)."""
    at = 0
    for n, item in enumerate(items):
        if isinstance(item, Line) and item.top < box[1]:
            at = n + 1
    return at


def _rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into rows, top to bottom, each row left to right. A word joins the row whose middle height
    it shares, so a slightly tilted scan still gives whole lines."""
    rows: list[list[dict[str, Any]]] = []
    middles: list[float] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (word["top"] + word["bottom"]) / 2
        tolerance = max(ROW_TOLERANCE, 0.4 * (word["bottom"] - word["top"]))
        if rows and abs(middle - middles[-1]) <= tolerance:
            rows[-1].append(word)
            middles[-1] = sum((w["top"] + w["bottom"]) / 2 for w in rows[-1]) / len(rows[-1])
        else:
            rows.append([word])
            middles.append(middle)
    return [sorted(row, key=lambda w: w["x0"]) for row in _attach_marks(rows)]


def _attach_marks(rows: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """A raised footnote number alone on its row goes back into the line it belongs to (the one it overlaps)."""
    out: list[list[dict[str, Any]]] = []
    for n, row in enumerate(rows):
        if len(row) <= 2 and all(w["text"].isdigit() and len(w["text"]) <= 3 for w in row):
            top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
            for other in (out[-1] if out else None, rows[n + 1] if n + 1 < len(rows) else None):
                if other and min(w["top"] for w in other) <= bottom and max(w["bottom"] for w in other) >= top \
                        and float(row[0]["size"]) < 0.8 * max(float(w["size"]) for w in other):
                    other.extend(row)
                    break
            else:
                out.append(row)
            continue
        out.append(row)
    return out


def _gutter(rows: list[list[dict[str, Any]]], width: float) -> float | None:
    """The x of the white strip between two columns, when most rows have words on both sides of it."""
    best, best_x = 0, None
    for step in range(int(width * 0.3), int(width * 0.7), 2):
        x = float(step)
        split = crossing = 0
        for row in rows:
            if any(w["x0"] - GUTTER_MARGIN < x < w["x1"] + GUTTER_MARGIN for w in row):
                crossing += 1
            elif any(w["x1"] < x for w in row) and any(w["x0"] > x for w in row):
                split += 1
        if split >= 6 and split >= 3 * crossing and split - crossing > best:
            best, best_x = split - crossing, x
    return best_x


def _reading_order(words: list[dict[str, Any]], width: float, height: float) -> list[Line]:
    """Lines top to bottom; on a two-column stretch of the page, the left column before the right one."""
    rows = _rows(words)
    gutter = _gutter(rows, width)
    if gutter is None:
        return [_line(row, height) for row in rows]
    lines: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for row in rows:
        if any(w["x0"] - GUTTER_MARGIN < gutter < w["x1"] + GUTTER_MARGIN for w in row):  # across the page
            lines += left + right
            left, right = [], []
            lines.append(_line(row, height))
            continue
        west = [w for w in row if w["x1"] < gutter]
        east = [w for w in row if w["x0"] > gutter]
        if west:
            left.append(_line(west, height))
        if east:
            right.append(_line(east, height))
    return lines + left + right


def _note_mark(word: dict[str, Any], main: float, base: float) -> str:
    """A footnote call: a number in small raised type ('financiers.¹') is written '[1]'."""
    if word["text"].isdigit() and len(word["text"]) <= 3 and float(word["size"]) < 0.8 * main \
            and float(word["bottom"]) < base - 1.0:
        return f"[{word['text']}]"
    return ""


def _line(words: list[dict[str, Any]], height: float) -> Line:
    main = Counter(round(float(w["size"]), 1) for w in words for _ in w["text"]).most_common(1)[0][0]
    base = max(float(w["bottom"]) for w in words if round(float(w["size"]), 1) == main)
    text = " ".join(_note_mark(w, main, base) or normalise_text(w["text"]).translate(LIGATURES) for w in words)
    chars: Counter[tuple[float, bool]] = Counter()
    for w in words:
        bold = any(k in str(w.get("fontname", "")).lower() for k in ("bold", "black", "heavy"))
        chars[(round(float(w["size"]), 1), bold)] += len(w["text"])
    bottom = max(float(w["bottom"]) for w in words)
    return Line(text, y=height - bottom, top=min(float(w["top"]) for w in words), chars=dict(chars))
