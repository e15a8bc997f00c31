"""Report text -> safe HTML: whatever a report says shows as written, nothing in it runs or links.

Generated pages are written as HTML (inside a Markdown file with front-matter) so that MkDocs does not run
Python-Markdown over them: see ``mkdocs_hooks.py``. Every character of a report goes through ``html.escape``;
the only markup added is ours: block elements, unit anchors, ``<abbr>`` on the report's own acronyms, and
``*emphasis*`` for reports written in Markdown."""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left

from ..models import Block

# '***x***', '**x**', '*x*', in that order as Markdown does. Each pass gives what re.sub with the pattern
# MARKER(?=\S)(.+?)(?<=\S)MARKER would, in linear time (that pattern rescans the rest of the line from every
# unmatched opener: a line of 60,000 '*a ' took minutes).
EMPHASES = [("***", "<strong><em>", "</em></strong>"), ("**", "<strong>", "</strong>"), ("*", "<em>", "</em>")]
PERMALINK = '<a class="headerlink" href="#{id}" title="Lien vers cette section" data-pagefind-ignore>¶</a>'


def esc(text: str) -> str:
    """Escaped for HTML text (quotes stay as they are: French text is full of apostrophes)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escaped for a double-quoted attribute value."""
    return html.escape(text, quote=True)


def one_line(value: object) -> str:
    """A value as one line of text: runs of spaces and line breaks become one space."""
    return " ".join(str(value).split())


def slug_id(text: str) -> str:
    """A heading's id, as the Markdown table-of-contents extension makes it: ASCII, lower case, dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()) or "section"


class Ids:
    """The ids of one page: a heading gets its slug, or the slug with '_1', '_2'… when it is taken."""

    def __init__(self, reserved: set[str] | None = None) -> None:
        self.taken = set(reserved or ())

    def new(self, text: str) -> str:
        base = slug_id(text)
        candidate, n = base, 0
        while candidate in self.taken:
            n += 1
            candidate = f"{base}_{n}"
        self.taken.add(candidate)
        return candidate


def heading(level: int, inner_html: str, ident: str, attrs: str = "") -> str:
    """A heading with its id and '¶' permalink (the hook reads these back for the table of contents)."""
    return f'<h{level} id="{ident}"{attrs}>{inner_html}{PERMALINK.format(id=ident)}</h{level}>'


class Inline:
    """One line of report text -> HTML, with the report's acronyms in ``<abbr title>`` (whole words only)."""

    def __init__(self, abbreviations: dict[str, str] | None = None, indexed: dict[str, str] | None = None) -> None:
        """``indexed``: the meaning of an acronym the search index may hold for this report (the tooltip
        lists them all); written in an attribute that Pagefind indexes, so "consultation prénatale" finds
        "CPN" without a Mali report answering for the Bénin meaning of one of its acronyms."""
        abbreviations = abbreviations or {}
        # '*' written as a character reference, so that emphasis never reaches into a tooltip
        self.titles = {a: attr(" ".join(e.split())).replace("*", "&#42;") for a, e in abbreviations.items()}
        self.indexed = {a: attr(" ".join(e.split())).replace("*", "&#42;")
                        for a, e in (indexed or {}).items() if a in abbreviations}
        names = sorted(abbreviations, key=lambda a: (-len(a), a))
        self.pattern = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
                        if names else None)

    def __call__(self, text: str, emphasis: bool = False) -> str:
        """``emphasis``: '*x*', '**x**' and '***x***' become <em> and <strong> (Markdown sources), applied
        to the escaped text, in which a '*' can only come from the report's words; other '*' stay."""
        out = self.plain(text)
        if emphasis and "*" in out:
            for marker, before, after in EMPHASES:
                out = emphasise(out, marker, before, after)
        return out

    def plain(self, text: str) -> str:
        if self.pattern is None:
            return esc(text)
        out, at = [], 0
        for m in self.pattern.finditer(text):
            out.append(esc(text[at:m.start()]))
            acr = m.group(0)
            # The meaning is indexed between ⁅ ⁆ (not word characters, so the words are found as usual): the
            # search page can tell it from the report's own words (exact phrases, excerpts).
            sens = (f' data-sens="⁅{self.indexed[acr]}⁆" data-pagefind-index-attrs="data-sens"'
                    if acr in self.indexed else "")
            out.append(f'<abbr title="{self.titles[acr]}"{sens}>{esc(acr)}</abbr>')
            at = m.end()
        out.append(esc(text[at:]))
        return "".join(out)


def emphasise(text: str, marker: str, before: str, after: str) -> str:
    """Wrap each MARKER span MARKER in ``before``/``after``: an opener is followed by a non-space, the nearest
    closer after it is preceded by one, and no line break lies between them; scanned left to right."""
    k = len(marker)
    closers, j = [], text.find(marker)
    while j >= 0:
        if j > 0 and not text[j - 1].isspace():
            closers.append(j)
        j = text.find(marker, j + 1)
    if not closers:
        return text
    breaks, j = [], text.find("\n")
    while j >= 0:
        breaks.append(j)
        j = text.find("\n", j + 1)
    out, at, i = [], 0, text.find(marker)
    while i >= 0:
        start = i + k
        if start < len(text) and not text[start].isspace():
            n = bisect_left(closers, start + 1)
            if n < len(closers):
                end = closers[n]
                b = bisect_left(breaks, start)
                if b == len(breaks) or breaks[b] >= end:
                    out.append(text[at:i] + before + text[start:end] + after)
                    at = end + k
                    i = text.find(marker, at)
                    continue
        i = text.find(marker, i + 1)
    out.append(text[at:])
    return "".join(out)


def anchor(uids: list[str] | None) -> str:
    """Empty elements carrying unit ids, so that a citation link lands on its statement (extra.css finds them as
    empty spans with an id: no class name written some 30 times a page)."""
    return "".join(f'<span id="{uid}"></span>' for uid in uids or [])


def paragraph_with_sentences(block: Block, sentences: list[tuple[str, str]], anchors: list[str],
                             inline: Inline) -> str:
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
            pieces.append(inline(line[at:a], block.markdown))
            pieces.append(f'<span class="unite" id="{uid}">{inline(line[a:b], block.markdown)}</span>'
                          f'<span id="{uid}-fin"></span>')
            at = b
        pieces.append(inline(line[at:], block.markdown))
        out.append("".join(pieces))
    return "<p>" + anchor(leftover) + "\n".join(out) + "</p>"


def table_html(rows: list[list[str]], inline: Inline, *, emphasis: bool = False,
               anchors: dict[int, list[str]] | None = None) -> str:
    """A table whose first row is the header; ``anchors`` maps row numbers to unit ids."""
    anchors = anchors or {}
    width = max(len(r) for r in rows)
    out = ["<table>"]
    for n, row in enumerate(rows):
        cells = [inline(c.strip(), emphasis) for c in row] + [""] * (width - len(row))
        if n in anchors:
            cells[0] = anchor(anchors[n]) + cells[0]
        tag = "th" if n == 0 else "td"
        if n == 0:
            out.append("<thead>")
        elif n == 1:
            out.append("<tbody>")
        out.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
        if n == 0:
            out.append("</thead>")
    if len(rows) > 1:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def block_html(block: Block, inline: Inline, ids: Ids, anchors: dict[int, list[str]] | None = None) -> str:
    """One body block; ``anchors`` maps an item/row index (-1: the block) to unit ids."""
    anchors = anchors or {}
    emph = block.markdown
    if block.kind == "heading":
        text = block.lines[0].strip()
        return heading(min(max(block.level, 1), 6), inline(text, emph), ids.new(text))
    if block.kind == "list":
        items = (f"<li>{anchor(anchors.get(n))}{inline(item.strip(), emph)}</li>" for n, item in enumerate(block.lines))
        return "<ul>\n" + "\n".join(items) + "\n</ul>"
    if block.kind == "table":
        return table_html(block.rows, inline, emphasis=emph, anchors=anchors)
    return "<p>" + anchor(anchors.get(-1)) + "\n".join(inline(line.strip(), emph) for line in block.lines) + "</p>"


def blocks_to_html(blocks: list[Block], anchors: dict[int, dict[int, list[str]]] | None = None, *,
                   block_ids: bool = False, sentences: dict[int, list[tuple[str, str]]] | None = None,
                   inline: Inline | None = None, ids: Ids | None = None) -> str:
    """The whole body; ``anchors`` maps block index -> item -> unit ids. With ``block_ids``, every paragraph,
    list and table also gets an id ('b3'), so that a search hit can link to the passage it was found in.
    ``ids`` holds the page's other ids, so that a heading of the report never takes one of them."""
    anchors = anchors or {}
    inline = inline or Inline()
    if ids is None:
        ids = Ids()
    ids.taken |= {uid for items in anchors.values() for uids in items.values() for uid in uids}
    ids.taken |= {name for found in (sentences or {}).values() for uid, _ in found for name in (uid, f"{uid}-fin")}
    if block_ids:
        ids.taken |= {f"b{i}" for i, b in enumerate(blocks) if b.kind != "heading"}
    out = []
    for i, b in enumerate(blocks):
        own = {k: list(v) for k, v in anchors.get(i, {}).items()}
        if block_ids and b.kind != "heading":
            first = -1 if b.kind == "paragraph" else 0
            own.setdefault(first, []).insert(0, f"b{i}")
        if sentences and sentences.get(i) and b.kind == "paragraph":
            out.append(paragraph_with_sentences(b, sentences[i], own.get(-1, []), inline))
        else:
            out.append(block_html(b, inline, ids, own))
    return "\n".join(out)
