"""Reports -> their order, index pages (theme, country, programme, organiser, year) and related reports: run once
per build, after page names are known, returning one value (Classification)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .config import Vocabulary
from .models import INDEX_KINDS, Report
from .paths import bucket_slug, theme_address
from .text import fold

Related = dict[str, list[tuple[Report, list[str]]]]  # page name -> (related report, why) best first


@dataclass
class Bucket:
    """One index page: a theme, a country, a programme, an organiser or a year, and its reports."""

    kind: str  # a key of models.INDEX_KINDS: 'themes' | 'pays' | 'programmes' | 'organisateurs' | 'annees'
    slug: str
    label: str
    reports: list[Report] = field(default_factory=list)
    description: str = ""


@dataclass
class Classification:
    """What the listings and pages show of the corpus as a whole."""

    buckets: dict[str, list[Bucket]]
    related: Related


def classify(reports: list[Report], vocab: Vocabulary, related_known: Related | None = None) -> Classification:
    """Each report's order and index keys, every index page, and the related reports of each (``related_known``
    when the caller already has them: see incremental.Related)."""
    for r in reports:
        r.sort_key = date_order(r)
        if not r.index_keys:
            r.index_keys = report_keys(r)
    return Classification(build_buckets(reports, vocab),
                          related_known if related_known is not None else related(reports))


def sort_key(report: Report) -> tuple:
    """Newest first; undated reports last; then by title, then page name (set by classify)."""
    return report.sort_key


def date_order(report: Report) -> tuple:
    date = report.meta.get("date") or ""
    return (0 if date else 1, _neg(date), report.meta["title"].casefold(), report.slug)


def _neg(date: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def report_keys(report: Report) -> dict[str, list[tuple[str, str]]]:
    """The (slug, label) of each index page a report belongs to (from its front-matter only)."""
    m = report.meta
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in INDEX_KINDS}
    out["themes"] = [(theme_address(lbl), lbl) for lbl in m["tags"]]
    out["pays"] = [(bucket_slug(c), c) for c in m["countries"]]
    if m.get("programme"):
        out["programmes"] = [(bucket_slug(m["programme"]), m["programme"])]
    if m.get("organiser"):
        out["organisateurs"] = [(bucket_slug(m["organiser"]), m["organiser"])]
    if m.get("year"):
        out["annees"] = [(str(m["year"]), str(m["year"]))]
    return out


def build_buckets(reports: list[Report], vocab: Vocabulary) -> dict[str, list[Bucket]]:
    """Every index page with its reports, newest first; themes listed in taxonomy order, others by label."""
    buckets: dict[str, dict[str, Bucket]] = {k: {} for k in INDEX_KINDS}
    for t in vocab.themes:
        buckets["themes"][theme_address(t.label)] = Bucket("themes", theme_address(t.label), t.label,
                                                           description=t.description)
    for r in reports:
        for kind, keys in r.index_keys.items():
            for slug, label in keys:
                b = buckets[kind].setdefault(slug, Bucket(kind, slug, label))
                b.reports.append(r)
    out: dict[str, list[Bucket]] = {}
    for kind, by_slug in buckets.items():
        for b in by_slug.values():
            b.reports.sort(key=sort_key)
        items = list(by_slug.values())
        if kind == "annees":
            items.sort(key=lambda b: b.slug, reverse=True)
        elif kind != "themes":
            items.sort(key=lambda b: (fold(b.label), b.slug))
        out[kind] = items
    return out


def related(reports: list[Report], limit: int = 5) -> Related:
    """For each report, the reports sharing its programme, organiser or themes, with the reasons why."""
    by_feature: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        for f in _features(r):
            by_feature[f].append(r)
    out: Related = {}
    for r in reports:
        score: Counter[str] = Counter()
        why: dict[str, list[str]] = defaultdict(list)
        others: dict[str, Report] = {}
        for f in _features(r):
            peers = by_feature[f]
            if len(peers) > 200:  # a feature shared by everything says nothing
                continue
            for o in peers:
                if o.slug != r.slug:
                    score[o.slug] += {"programme": 3, "organiser": 2, "theme": 1}[f[0]]
                    why[o.slug].append(f[0])
                    others[o.slug] = o
        ranked = sorted(score, key=lambda s: (-score[s], sort_key(others[s])))[:limit]
        out[r.slug] = [(others[s], sorted(set(why[s]))) for s in ranked]
    return out


def _features(r: Report) -> list[tuple[str, str]]:
    feats = [("theme", t) for t in r.meta["themes"]]
    if r.meta.get("programme"):
        feats.append(("programme", r.meta["programme"]))
    if r.meta.get("organiser"):
        feats.append(("organiser", r.meta["organiser"]))
    return feats
