"""Charts drawn at build time as static, accessible SVG strings: no script, no file I/O, no other host.

Choice: small hand-written SVG rather than a plotting library, measured on 20 years x 11 countries
(tests/test_charts_feeds.py keeps the hand-written size in check):

- hand-written: 24.7 KB (2.8 KB gzipped) for the stacked timeline, every segment with its tooltip, and
  11.6 KB for the country grid; no dependency;
- pygal 3.1.3: 96 KB; it embeds a <script> even with ``js=[]`` and a random uuid4 chart id, so two
  builds differ unless its output is patched;
- matplotlib 3.11.2 (SVG backend, ``svg.hashsalt`` and ``metadata={"Date": None}`` for determinism):
  59 KB, 174 MB installed (numpy and friends), about 1 s to import, no <title>/<desc>, no links.

Neither library writes the French <title>/<desc> text alternative, focusable links with a visible
focus ring, or colours checked for contrast, and both would need post-processing to get them; the
charts here are three simple shapes (stacked bars, tiles, horizontal bars), so a few short functions
are lighter and easier to keep accessible. Ids derive from a hash of the data: same input, same bytes.

Accessibility: the root has a French <title> and a <desc> that states every number. A chart without links
is role="img"; one with links is role="group", because img makes its children presentational: screen
readers would not reach the links (axe-core reports it as nested-interactive, a serious violation).
Colours: text 4.5:1 or more on its background (tile text is dark or white, whichever reads better),
bars and stacks 3:1 or more against white; the data table the page shows next to a chart carries the same
numbers for whoever cannot tell the colours apart.

Embedding: Python-Markdown does not treat <svg> as a block element, so wrap each chart in a
<figure> or <div> on its own lines; the output has no blank line and no indented line.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..digest import suffix
from ..text import fold
from .htmltext import attr, esc as html_esc

WIDTH = 760
FONT = 12
INK = "#212121"
MUTED = "#5f6368"
GRID = "#e0e0e0"
FOCUS = "#bf360c"
BAR = "#00796b"
# Paul Tol's "muted" qualitative scheme (colour-blind safe), its two lightest colours left out.
SERIES_COLOURS = ("#332288", "#117733", "#3b9c8e", "#999933", "#cc6677", "#882255", "#aa4499")
OTHER_COLOURS = {"Autres pays": "#6d6d6d", "Plusieurs pays": "#8d6e63", "Pays non précisé": "#878787"}
SHADES = ("#b2dfdb", "#80cbc4", "#26a69a", "#00796b", "#004d40")  # Material teal 100 → 900
EMPTY_TILE = "#f5f5f5"
TILE_EDGE = "#607d8b"
MAX_NAMED_SERIES = len(SERIES_COLOURS)
STYLE = ("<style>.kb-graphique a{cursor:pointer}.kb-graphique a:focus{outline:none}"
         f".kb-graphique a:focus-visible .kb-cadre{{stroke:{FOCUS};stroke-width:4}}"
         ".kb-graphique a:hover .kb-nom{text-decoration:underline}</style>")

# Tile grid: (column, row), placed roughly as the countries lie on a map of West and Central Africa.
GRID_PLACES: dict[str, tuple[int, int]] = {
    "Cap-Vert": (0, 0), "Mauritanie": (1, 0), "Mali": (2, 0), "Niger": (3, 0), "Tchad": (4, 0),
    "Gambie": (0, 1), "Sénégal": (1, 1), "Burkina Faso": (2, 1), "Bénin": (3, 1), "Nigeria": (4, 1),
    "Guinée-Bissau": (0, 2), "Guinée": (1, 2), "Ghana": (2, 2), "Togo": (3, 2), "Cameroun": (4, 2),
    "République centrafricaine": (5, 2),
    "Sierra Leone": (0, 3), "Liberia": (1, 3), "Côte d'Ivoire": (2, 3), "Guinée équatoriale": (4, 3),
    "Congo": (5, 3), "République démocratique du Congo": (6, 3), "Rwanda": (7, 3),
    "Sao Tomé-et-Principe": (3, 4), "Gabon": (4, 4), "Burundi": (7, 4),
}
SHORT_NAMES = {"République centrafricaine": "Centrafrique", "République démocratique du Congo": "RD Congo",
               "Guinée équatoriale": "Guinée équat.", "Sao Tomé-et-Principe": "Sao Tomé"}
TILE_W, TILE_H, TILE_GAP = 88, 56, 6


# ---------------------------------------------------------------- shared helpers

def esc(text: object) -> str:
    """An attribute value for XML: &, <, > and both quotes escaped."""
    return attr(str(text))


def esc_text(text: object) -> str:
    """Element text for XML: &, < and > escaped (quotes may stay as they are there)."""
    return html_esc(str(text))


def number(n: int) -> str:
    """A count written the French way (narrow no-break space between thousands)."""
    return f"{n:,}".replace(",", "\u202f")


def count_phrase(n: int, units: tuple[str, str] = ("rapport", "rapports")) -> str:
    """'0 rapport', '1 rapport', '3 rapports': French uses the singular below 2."""
    return f"{number(n)} {units[0] if n < 2 else units[1]}"


def chart_id(kind: str, data: object) -> str:
    """A stable id for title/desc references: the same data gives the same id, two charts differ."""
    digest = suffix(json.dumps(data, ensure_ascii=False, sort_keys=True), 8)
    return f"kb-{kind}-{digest}"


def name_key(name: str) -> str:
    """Sort names the way a French reader expects: accents ignored."""
    return fold(name)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(fill: str) -> str:
    """The text colour (dark or white) that reads best on a fill."""
    return INK if contrast(INK, fill) >= contrast("#ffffff", fill) else "#ffffff"


def text_width(text: str, size: float = FONT) -> float:
    """A rough width of a text line (no font metrics at build time), for layout only."""
    return len(text) * size * 0.56


def svg_open(cid: str, kind: str, width: float, height: float, title: str, desc: str, role: str) -> list[str]:
    """The root element with its French text alternative; role 'group' when it holds links."""
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-graphique kb-graphique--{kind}" '
            f'viewBox="0 0 {width:g} {height:g}" width="100%" role="{role}" '
            f'aria-labelledby="{cid}-titre" aria-describedby="{cid}-desc" font-size="{FONT}" fill="{INK}">',
            f'<title id="{cid}-titre">{esc_text(title)}</title>',
            f'<desc id="{cid}-desc">{esc_text(desc)}</desc>', STYLE]


def text(x: float, y: float, content: str, **attrs: object) -> str:
    """One <text> element; attribute names use '_' for '-'."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{esc_text(content)}</text>'


def join(lines: Iterable[str]) -> str:
    """The SVG as one block: one element a line, no blank line, a final newline."""
    return "\n".join(line for line in lines if line) + "\n"


def empty_chart(kind: str, title: str, message: str) -> str:
    """A small chart that only says there is nothing to draw."""
    cid = chart_id(kind, [title, message])
    return join(svg_open(cid, kind, WIDTH, 40, title, message, "img") + [text(0, 24, message, fill=MUTED), "</svg>"])


# ---------------------------------------------------------------- timeline

def series_of(row: dict) -> str:
    """The stack a report goes in: its country, or 'Plusieurs pays' / 'Pays non précisé'."""
    countries = row.get("countries") or []
    if not countries:
        return "Pays non précisé"
    return countries[0] if len(countries) == 1 else "Plusieurs pays"


@dataclass
class Timeline:
    """What the timeline draws: every year from first to last, the stacks, their counts, what is left out."""

    years: list[int]
    series: list[str]
    counts: dict[tuple[int, str], int]
    undated: int
    merged: list[str]  # the countries gathered under 'Autres pays'


def timeline_counts(rows: list[dict]) -> Timeline:
    """Count dated reports per (year, stack); beyond seven countries, the smallest go under 'Autres pays'."""
    dated = [r for r in rows if r.get("year")]
    raw = Counter((int(r["year"]), series_of(r)) for r in dated)
    per_series: Counter[str] = Counter()
    for (_, s), n in raw.items():
        per_series[s] += n
    named = sorted((s for s in per_series if s not in OTHER_COLOURS), key=lambda s: (-per_series[s], name_key(s)))
    kept = named if len(named) <= MAX_NAMED_SERIES else named[:MAX_NAMED_SERIES - 1]
    merged = sorted(set(named) - set(kept), key=name_key)
    counts: Counter[tuple[int, str]] = Counter()
    for (year, s), n in raw.items():
        counts[(year, "Autres pays" if s in merged else s)] += n
    present = {s for (_, s) in counts}
    series = kept + [s for s in OTHER_COLOURS if s in present]
    years = list(range(min(y for y, _ in counts), max(y for y, _ in counts) + 1)) if counts else []
    return Timeline(years, series, dict(counts), len(rows) - len(dated), merged)


def nice_step(top: int, ticks: int = 5) -> int:
    """A round tick step (1, 2, 5, 10, 20, 50…) giving at most about `ticks` gridlines."""
    step = 1
    while top / step > ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= ticks:
                break
    return step


def legend(series: list[str], colours: dict[str, str], y: float, width: float) -> tuple[list[str], float]:
    """Swatches with their labels, flowing onto as many lines as needed; returns the lines and the height."""
    out, x, line = [], 0.0, 0
    for s in series:
        w = 18 + text_width(s) + 16
        if x and x + w > width:
            x, line = 0.0, line + 1
        top = y + line * 20
        out.append(f'<rect x="{x:g}" y="{top:g}" width="12" height="12" fill="{colours[s]}"/>')
        out.append(text(x + 17, top + 10.5, s))
        x += w
    return out, (line + 1) * 20


def timeline_desc(t: Timeline) -> str:
    """The text alternative: totals per year (with the split by country), per country, and what is left out."""
    parts = [f"{count_phrase(sum(t.counts.values()))} datés, de {t.years[0]} à {t.years[-1]}. Par année :"]
    per_year = []
    for y in t.years:
        split = [f"{s} {number(t.counts[(y, s)])}" for s in t.series if t.counts.get((y, s))]
        n = sum(t.counts.get((y, s), 0) for s in t.series)
        per_year.append(f"{y} : {number(n)}" + (f" ({', '.join(split)})" if split else ""))
    parts.append(" ; ".join(per_year) + ".")
    totals = [f"{s} {number(sum(t.counts.get((y, s), 0) for y in t.years))}" for s in t.series]
    parts.append("Par pays : " + ", ".join(totals) + ".")
    if t.merged:
        parts.append(f"Autres pays : {', '.join(t.merged)}.")
    parts.append(undated_phrase(t.undated))
    return " ".join(parts)


def undated_phrase(undated: int) -> str:
    """The sentence that accounts for the reports left out of the timeline."""
    if not undated:
        return "Tous les rapports sont datés."
    verb, agreement = ("ne sont", "s") if undated > 1 else ("n’est", "")
    return f"{count_phrase(undated)} sans date {verb} pas représenté{agreement}."


def timeline_svg(rows: list[dict]) -> str:
    """Reports per year, stacked by country; undated reports are left out and counted in the text alternative."""
    title = "Rapports par année et par pays"
    t = timeline_counts(rows)
    if not t.years:
        return empty_chart("frise", title, "Aucun rapport daté. " + undated_phrase(t.undated))
    colours = {s: OTHER_COLOURS.get(s) or SERIES_COLOURS[i] for i, s in enumerate(t.series)}
    cid = chart_id("frise", [[y, s, n] for (y, s), n in sorted(t.counts.items())] + [t.undated])
    legend_lines, legend_h = legend(t.series, colours, 0, WIDTH)
    left, top, plot_h = 34.0, legend_h + 10, 220.0
    peak = max(sum(t.counts.get((y, s), 0) for s in t.series) for y in t.years)
    step = nice_step(peak)
    ymax = step * math.ceil(peak / step)
    scale, bottom = plot_h / ymax, top + plot_h
    out = svg_open(cid, "frise", WIDTH, bottom + 24, title, timeline_desc(t), "img") + legend_lines
    for tick in range(0, ymax + 1, step):
        y = bottom - tick * scale
        out.append(f'<line x1="{left:g}" y1="{y:g}" x2="{WIDTH:g}" y2="{y:g}" stroke="{GRID}"/>')
        out.append(text(left - 6, y + 4, number(tick), text_anchor="end", fill=MUTED))
    slot = (WIDTH - left) / len(t.years)
    label_every = max(1, math.ceil(34 / slot))
    for i, year in enumerate(t.years):
        out += year_stack(t, colours, year, left + i * slot, slot, bottom, scale)
        if i % label_every == 0:
            out.append(text(left + (i + 0.5) * slot, bottom + 16, str(year), text_anchor="middle"))
    out.append(f'<line x1="{left:g}" y1="{bottom:g}" x2="{WIDTH:g}" y2="{bottom:g}" stroke="{MUTED}"/>')
    out.append("</svg>")
    return join(out)


def year_stack(t: Timeline, colours: dict[str, str], year: int, x: float, slot: float, bottom: float,
               scale: float) -> list[str]:
    """One year's bar: a segment per country, bottom up, each with a tooltip naming it."""
    out, top = [], bottom
    for s in t.series:
        n = t.counts.get((year, s), 0)
        if n:
            top -= n * scale
            out.append(f'<rect x="{x + slot * 0.12:.1f}" y="{top:.1f}" width="{slot * 0.76:.1f}" '
                       f'height="{n * scale:.1f}" fill="{colours[s]}" stroke="#fff" stroke-width="0.5">'
                       f'<title>{esc_text(s)}, {year} : {count_phrase(n)}</title></rect>')
    return out


# ---------------------------------------------------------------- country grid

def country_counts(rows: list[dict]) -> Counter[str]:
    """Reports per country; a report about several countries counts for each (as on the country pages)."""
    return Counter(c for r in rows for c in dict.fromkeys(r.get("countries") or []))


def shade_classes(peak: int, k: int = len(SHADES)) -> list[tuple[int, int]]:
    """Count ranges for the shades: equal steps from 1 to the largest count, at most k of them."""
    peak = max(peak, 1)  # an empty corpus still gets a legend
    k = max(1, min(k, peak))
    uppers = [math.ceil(peak * i / k) for i in range(1, k + 1)]
    return [(lo + 1, hi) for lo, hi in zip([0] + uppers[:-1], uppers)]


def shade(n: int, classes: list[tuple[int, int]]) -> str:
    """The tile colour of a count: grey for none, darker teal for more."""
    if n <= 0:
        return EMPTY_TILE
    i = next(i for i, (lo, hi) in enumerate(classes) if n <= hi)
    return SHADES[round(i * (len(SHADES) - 1) / max(1, len(classes) - 1))]


def wrap(label: str, width: int = 13) -> list[str]:
    """A tile label on at most two lines, cut between words."""
    if len(label) <= width or " " not in label:
        return [label]
    words, first = label.split(), ""
    while words and len((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:
        first = words.pop(0)
    return [first, " ".join(words)] if words else [first]


def tile(name: str, n: int, x: float, y: float, fill: str, href: Callable[[str], str]) -> list[str]:
    """One country tile: its name and count, and a link to its page when it has reports."""
    ink = ink_on(fill)
    lines = wrap(SHORT_NAMES.get(name, name))
    label = f"{name} : {count_phrase(n)}"
    body = [f'<rect class="kb-cadre" x="{x:g}" y="{y:g}" width="{TILE_W}" height="{TILE_H}" rx="4" '
            f'fill="{fill}" stroke="{TILE_EDGE}"/>']
    first = y + (20 if len(lines) == 2 else 26)
    body += [text(x + TILE_W / 2, first + 13 * i, line, class_="kb-nom", text_anchor="middle", fill=ink,
                  font_size=11) for i, line in enumerate(lines)]
    body.append(text(x + TILE_W / 2, y + TILE_H - 9, number(n), class_="kb-n", text_anchor="middle", fill=ink,
                     font_weight="bold", font_size=13))
    if n:
        return [f'<a href="{esc(href(name))}" aria-label="{esc(label)}" data-pays="{esc(name)}">', *body, "</a>"]
    return [f'<g data-pays="{esc(name)}">', *body, "</g>"]


def grid_desc(counts: Counter[str], outside: list[str]) -> str:
    """The text alternative: every country with reports and its count, then how many have none."""
    listed = sorted(counts, key=lambda c: (-counts[c], name_key(c)))
    without = [c for c in GRID_PLACES if not counts.get(c)]
    parts = ["Rapports par pays : " + (", ".join(f"{c} {number(counts[c])}" for c in listed) or "aucun") + "."]
    if without:
        parts.append(f"{len(without)} pays de la grille sans rapport : {', '.join(sorted(without, key=name_key))}.")
    if outside:
        parts.append("Pays hors de l’Afrique de l’Ouest et du Centre, placés sous la grille : "
                     f"{', '.join(outside)}.")
    return " ".join(parts)


def country_grid_svg(rows: list[dict], href: Callable[[str], str]) -> str:
    """A tile grid of West and Central African countries, shaded by reports, each linking to its country page."""
    counts = country_counts(rows)
    outside = sorted((c for c in counts if c not in GRID_PLACES), key=name_key)
    places = dict(GRID_PLACES)
    grid_rows = max(r for _, r in GRID_PLACES.values()) + 1
    columns = max(c for c, _ in GRID_PLACES.values()) + 1
    for i, name in enumerate(outside):
        places[name] = (i % columns, grid_rows + i // columns)
    classes = shade_classes(max(counts.values(), default=0))
    cid = chart_id("pays", sorted(counts.items()))
    height = (max(r for _, r in places.values()) + 1) * (TILE_H + TILE_GAP) + 40
    width = columns * (TILE_W + TILE_GAP)
    out = svg_open(cid, "pays", width, height, "Rapports par pays d’Afrique de l’Ouest et du Centre",
                   grid_desc(counts, outside), "group" if counts else "img")
    for name, (col, row) in sorted(places.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        n = counts.get(name, 0)
        out += tile(name, n, col * (TILE_W + TILE_GAP), row * (TILE_H + TILE_GAP), shade(n, classes), href)
    out += grid_legend(classes, height - 28)
    out.append("</svg>")
    return join(out)


def grid_legend(classes: list[tuple[int, int]], y: float) -> list[str]:
    """The key to the shades: one swatch per count range, 'aucun' first."""
    items = [("aucun", EMPTY_TILE)]
    items += [(f"{lo}" if lo == hi else f"{lo} à {hi}", shade(lo, classes)) for lo, hi in classes]
    out, x = [text(0, y + 11, "Nombre de rapports :")], 130.0
    for label, fill in items:
        out.append(f'<rect x="{x:g}" y="{y:g}" width="14" height="14" fill="{fill}" stroke="{TILE_EDGE}"/>')
        out.append(text(x + 19, y + 11, label))
        x += 19 + text_width(label) + 16
    return out


# ---------------------------------------------------------------- horizontal bars

def bars_svg(counts: list[tuple[str, int]], title: str, href: Callable[[str], str] | None = None,
             units: tuple[str, str] = ("rapport", "rapports")) -> str:
    """Horizontal bars in the given order (e.g. reports per theme), each linking to its page when href is given."""
    if not counts:
        return empty_chart("barres", title, f"Aucun {units[0]}.")
    cid = chart_id("barres", [title, list(map(list, counts)), units])
    label_w = min(max(text_width(label) for label, _ in counts) + 12, WIDTH * 0.45)
    value_w = text_width(number(max(n for _, n in counts))) + 10
    bar_w, row_h = WIDTH - label_w - value_w, 26
    peak = max(max(n for _, n in counts), 1)
    desc = f"{title} : " + " ; ".join(f"{label} : {count_phrase(n, units)}" for label, n in counts) + "."
    linked = href is not None and any(n for _, n in counts)
    out = svg_open(cid, "barres", WIDTH, len(counts) * row_h, title, desc, "group" if linked else "img")
    for i, (label, n) in enumerate(counts):
        y, w = i * row_h, n / peak * bar_w
        body = [f'<rect class="kb-cadre" x="0" y="{y + 1:g}" width="{WIDTH}" height="{row_h - 2}" fill="#fff" '
                f'fill-opacity="0" stroke="none"/>',
                text(label_w - 8, y + 17, label, class_="kb-nom", text_anchor="end"),
                f'<rect x="{label_w:g}" y="{y + 5:g}" width="{w:.1f}" height="{row_h - 10}" fill="{BAR}"/>',
                text(label_w + w + 5, y + 17, number(n), class_="kb-n")]
        if linked and n:
            out += [f'<a href="{esc(href(label))}" aria-label="{esc(f"{label} : {count_phrase(n, units)}")}">',
                    *body, "</a>"]
        else:
            out += ["<g>", *body, "</g>"]
    out.append("</svg>")
    return join(out)
