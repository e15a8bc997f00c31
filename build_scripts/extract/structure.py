"""Report text -> body blocks (headings, paragraphs, lists, tables), keeping every character of text."""

from __future__ import annotations

import re

from ..models import Block
from ..readers.blocks import normalise_heading_levels

BULLET = re.compile(r"^[ \t]*(?:[·•▪◦●○■□➢►✓❖§]|[-–—*+](?=[ \t]))[ \t]*")
MD_BULLET = re.compile(r"^[ \t]*(?:[-*+·•]|\d{1,3}[.)])[ \t]+")
MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
LETTERS = re.compile(r"[^\W\d_]")


def parse_blocks(text: str, fmt: str) -> list[Block]:
    """Split a normalised report text into blocks; 'markdown' keeps headings, lists and emphasis."""
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    markdown = fmt == "markdown"
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        table, i2 = _tab_table(lines, i)
        if table is None and markdown:
            table, i2 = _pipe_table(lines, i)
        if table is not None:
            blocks.append(Block("table", rows=table, markdown=markdown))
            i = i2
            continue
        bullet = MD_BULLET if markdown else BULLET
        if bullet.match(line) and not (markdown and MD_HEADING.match(line)):
            items, i = _list(lines, i, bullet, markdown)  # a bullet line is a list item, even in capitals
            blocks.append(Block("list", lines=items, markdown=markdown))
            continue
        heading = _heading(line, markdown)
        if heading is not None:
            level, content = heading
            blocks.append(Block("heading", lines=[content], level=level, markdown=markdown))
            i += 1
            continue
        if markdown:
            para = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines, i):
                para.append(lines[i].strip())
                i += 1
            blocks.append(Block("paragraph", lines=para, markdown=True))
        else:
            blocks.append(Block("paragraph", lines=[line.strip()]))
            i += 1
    normalise_heading_levels(blocks)
    return blocks


def _starts_block(lines: list[str], i: int) -> bool:
    line = lines[i]
    return bool(MD_HEADING.match(line) or MD_BULLET.match(line) or line.startswith("\t"))


def _heading(line: str, markdown: bool) -> tuple[int, str] | None:
    if markdown:
        m = MD_HEADING.match(line)
        if m and m.group(2).strip():
            return len(m.group(1)), m.group(2).strip()
        return None
    stripped = line.strip()
    if len(stripped) > 90 or stripped.endswith((".", ",", ";")):
        return None
    letters = LETTERS.findall(stripped)
    if 4 <= len(letters):
        upper = sum(ch.isupper() for ch in letters)
        if upper / len(letters) >= 0.85:
            return 2, stripped
    return None


def _list(lines: list[str], i: int, bullet: re.Pattern[str], markdown: bool) -> tuple[list[str], int]:
    """Consecutive bullet lines (blank lines between them allowed) form one list; a number ('1.', '2)')
    stays in its item's text, so no number is lost."""
    items: list[str] = []
    while i < len(lines):
        m = bullet.match(lines[i])
        if m:
            marker = m.group(0).strip()
            keep = marker if marker[:1].isdigit() else ""
            items.append((keep + " " + lines[i][m.end():].strip()).strip())
            i += 1
        elif not lines[i].strip():
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and bullet.match(lines[j]):
                i = j
            else:
                break
        elif markdown and lines[i].startswith((" ", "\t")) and items:
            items[-1] += " " + lines[i].strip()  # continuation line of a Markdown item
            i += 1
        else:
            break
    items = [item for item in items if item] or [""]
    return items, i


def _tab_table(lines: list[str], i: int) -> tuple[list[list[str]] | None, int]:
    """Tables exported from Word: one cell per tab-indented line, rows separated by blank lines;
    or one row per line with tab-separated cells."""
    if "\t" in lines[i].strip("\t ") and lines[i].strip():
        rows, j = [], i
        while j < len(lines) and "\t" in lines[j].strip("\t ") and lines[j].strip():
            rows.append([c.strip() for c in lines[j].strip("\t ").split("\t")])
            j += 1
        if len(rows) >= 2 and len({len(r) for r in rows}) == 1:
            return rows, j
        return None, i
    if not lines[i].startswith("\t"):
        return None, i
    groups: list[list[str]] = []
    j = i
    while j < len(lines):
        if lines[j].startswith("\t") and lines[j].strip():
            group = []
            while j < len(lines) and lines[j].startswith("\t") and lines[j].strip():
                group.append(lines[j].strip())
                j += 1
            groups.append(group)
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k < len(lines) and lines[k].startswith("\t") and lines[k].strip() and k > j:
            j = k
            continue
        break
    width = len(groups[0]) if groups else 0
    if len(groups) >= 2 and width >= 2 and all(len(g) == width for g in groups):
        return groups, j
    return None, i


def _pipe_table(lines: list[str], i: int) -> tuple[list[list[str]] | None, int]:
    """A Markdown pipe table: header row, separator row, then rows."""
    if i + 1 >= len(lines) or "|" not in lines[i] or not PIPE_SEPARATOR.match(lines[i + 1]):
        return None, i
    rows = [_cells(lines[i])]
    j = i + 2
    while j < len(lines) and "|" in lines[j] and lines[j].strip():
        rows.append(_cells(lines[j]))
        j += 1
    width = len(rows[0])
    rows = [(r + [""] * width)[:width] if len(r) <= width else r[: width - 1] + [" | ".join(r[width - 1:])]
            for r in rows]
    return rows, j


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)]

