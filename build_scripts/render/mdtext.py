"""Report text -> safe Markdown, for the one generated Markdown fragment (the home page's): whatever a report
says shows as written, nothing in it runs or links. Pages are HTML: see htmltext.py."""

from __future__ import annotations

import re


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
