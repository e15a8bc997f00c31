"""Report text -> safe Markdown: whatever a report says shows as written, nothing in it runs or links."""

from __future__ import annotations

import re

from .models import Block

# Characters Python-Markdown gives a meaning to inline; '*' stays live in Markdown sources only.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`_{}[]|#!*")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape(text: str, *, emphasis: bool = False) -> str:
    """Escape one line of report text for Markdown; with ``emphasis``, '*' keeps its Markdown meaning."""
    out = []
    for ch in text:
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASHED and not (emphasis and ch == "*"):
            out.append("\\" + ch)
        else:
            out.append(ch)
    line = "".join(out).strip()
    if emphasis and re.match(r"\*\s", line):
        line = "\\" + line
    return _LINE_START.sub(_escape_line_start, line)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark == "=":
        return m.group(1) + "&#61;"
    if mark in "-+":
        return m.group(1) + "\\" + mark
    return m.group(0) + "\\"  # '1.' or '1)' would start an ordered list


def block_to_markdown(block: Block, anchors: dict[int, str] | None = None) -> str:
    """One body block as Markdown; ``anchors`` maps an item/row index (-1: the block) to an id."""
    anchors = anchors or {}
    emph = block.markdown
    if block.kind == "heading":
        return "#" * block.level + " " + escape(block.lines[0], emphasis=emph)
    if block.kind == "list":
        items = []
        for n, item in enumerate(block.lines):
            items.append("- " + _anchor(anchors.get(n)) + escape(item, emphasis=emph))
        return "\n".join(items)
    if block.kind == "table":
        return table_to_markdown(block.rows, emphasis=emph, anchors=anchors)
    text = "\n".join(escape(line, emphasis=emph) for line in block.lines)
    return _anchor(anchors.get(-1)) + text


def table_to_markdown(rows: list[list[str]], *, emphasis: bool = False,
                      anchors: dict[int, str] | None = None) -> str:
    """A Markdown table; the first row is the header; ``anchors`` maps row numbers to ids."""
    anchors = anchors or {}
    width = max(len(r) for r in rows)
    lines = []
    for n, row in enumerate(rows):
        cells = [escape(c, emphasis=emphasis) for c in row] + [""] * (width - len(row))
        if n in anchors:
            cells[0] = _anchor(anchors[n]) + cells[0]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def _anchor(uid: str | None) -> str:
    return f'<span class="unite-ancre" id="{uid}"></span>' if uid else ""


def blocks_to_markdown(blocks: list[Block], anchors: dict[int, dict[int, str]] | None = None) -> str:
    """The whole body: blocks separated by blank lines; ``anchors`` maps block index -> item -> id."""
    anchors = anchors or {}
    return "\n\n".join(block_to_markdown(b, anchors.get(i)) for i, b in enumerate(blocks))
