"""Report text -> safe Markdown: whatever a report says shows as written, nothing in it runs or links."""

from __future__ import annotations

import re

from .models import Block

# Characters Python-Markdown gives a meaning to inline; '*' stays live in Markdown sources only.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`_{}[]|#!*")
_LINE_START = re.compile(r"^(\s*)([-+=~?:]|\d+(?=[.)]))")  # lists, setext, fences, details


_TABLE = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASHED}, **_ENTITIES})
_TABLE_EMPHASIS = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASHED - {"*"}}, **_ENTITIES})


def _escape_chars(text: str, emphasis: bool) -> str:
    return text.translate(_TABLE_EMPHASIS if emphasis else _TABLE)


def escape(text: str, *, emphasis: bool = False) -> str:
    """Escape one line of report text for Markdown; with ``emphasis``, '*' keeps its Markdown meaning."""
    line = _escape_chars(text, emphasis).strip()
    if emphasis and re.match(r"\*\s", line):
        line = "\\" + line
    return _LINE_START.sub(_escape_line_start, line)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark in "=~?:":
        return m.group(1) + f"&#{ord(mark)};"
    if mark in "-+":
        return m.group(1) + "\\" + mark
    return m.group(0) + "\\"  # '1.' or '1)' would start an ordered list


def block_to_markdown(block: Block, anchors: dict[int, list[str]] | None = None) -> str:
    """One body block as Markdown; ``anchors`` maps an item/row index (-1: the block) to unit ids."""
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


def paragraph_with_sentences(block: Block, sentences: list[tuple[str, str]], anchors: list[str]) -> str:
    """A paragraph whose cited sentences are wrapped in <span id=…>, so a citation link highlights just them;
    an empty '…-fin' marker after each tells search where the sentence ends. Unfound sentences anchor the block."""
    lines = [line.strip() for line in block.lines]
    cuts: dict[int, list[tuple[int, int, str]]] = {}
    leftover = list(anchors)
    for uid, sentence in sentences:
        for n, line in enumerate(lines):
            pos = line.find(sentence)
            if pos >= 0 and not any(a < pos + len(sentence) and pos < b for a, b, _ in cuts.get(n, [])):
                cuts.setdefault(n, []).append((pos, pos + len(sentence), uid))
                break
        else:
            leftover.append(uid)
    out = []
    for n, line in enumerate(lines):
        pieces, at = [], 0
        for a, b, uid in sorted(cuts.get(n, [])):
            pieces.append(_escape_chars(line[at:a], block.markdown))
            pieces.append(f'<span class="unite" id="{uid}">{_escape_chars(line[a:b], block.markdown)}</span>'
                          f'<span class="unite-fin" id="{uid}-fin"></span>')
            at = b
        pieces.append(_escape_chars(line[at:], block.markdown))
        joined = "".join(pieces)
        out.append(_LINE_START.sub(_escape_line_start, joined) if not cuts.get(n) or cuts[n][0][0] > 0 else joined)
    return _anchor(leftover) + "\n".join(out)


def table_to_markdown(rows: list[list[str]], *, emphasis: bool = False,
                      anchors: dict[int, list[str]] | None = None) -> str:
    """A Markdown table; the first row is the header; ``anchors`` maps row numbers to unit ids."""
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


def _anchor(uids: list[str] | None) -> str:
    """Empty elements carrying unit ids, so that a citation link lands on its statement."""
    return "".join(f'<span class="unite-ancre" id="{uid}"></span>' for uid in uids or [])


def blocks_to_markdown(blocks: list[Block], anchors: dict[int, dict[int, list[str]]] | None = None,
                       *, block_ids: bool = False,
                       sentences: dict[int, list[tuple[str, str]]] | None = None) -> str:
    """The whole body: blocks separated by blank lines; ``anchors`` maps block index -> item -> unit ids.
    With ``block_ids``, every paragraph, list and table also gets an id ('b3'), so that a search hit
    can link to the passage it was found in."""
    anchors = anchors or {}
    out = []
    for i, b in enumerate(blocks):
        own = {k: list(v) for k, v in anchors.get(i, {}).items()}
        if block_ids and b.kind != "heading":
            first = -1 if b.kind == "paragraph" else 0
            own.setdefault(first, []).insert(0, f"b{i}")
        if sentences and sentences.get(i) and b.kind == "paragraph":
            out.append(paragraph_with_sentences(b, sentences[i], own.get(-1, [])))
        else:
            out.append(block_to_markdown(b, own))
    return "\n\n".join(out)
