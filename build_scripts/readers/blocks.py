"""Helpers shared by the readers that get structure from the format itself (Word, PDF, HTML)."""

from __future__ import annotations

from ..models import Block
from .text import normalise_text


def clean_line(text: str) -> str:
    """Normalised text on one line: NFC, plain spaces, no invisible characters, single spaces."""
    return " ".join(normalise_text(text).split())


def plain_text(blocks: list[Block]) -> str:
    """The report as plain text in reading order, for field extraction: one block after another."""
    return "\n\n".join("\n".join(_block_lines(b)) for b in blocks)


def _block_lines(block: Block) -> list[str]:
    """A block's lines as plain text: list items prefixed '- ', table cells joined by tabs."""
    if block.kind == "list":
        return ["- " + item for item in block.lines]
    if block.kind == "table":
        return ["\t".join(row) for row in block.rows]
    return list(block.lines)


def normalise_heading_levels(blocks: list[Block]) -> None:
    """The page title is the only level-1 heading: the body's top heading level becomes 2."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    if not levels:
        return
    shift = 2 - min(levels)
    for b in blocks:
        if b.kind == "heading":
            b.level = min(6, b.level + shift)
