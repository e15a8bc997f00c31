"""Reports -> their order, index pages (theme, country, programme, organiser, year) and related reports: run once
per build, after page names are known, returning one value (Classification)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import jurisdiction
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


def classify(reports: list[Report], vocab: Vocabulary, related_known: Related | None = None,
             only: set[str] | None = None) -> Classification:
    """Each report's order and index keys, every index page, and the related reports of each: ``related_known``
    when the caller already has them, with those of the reports named in ``only`` made again (see
    related_inputs and affected)."""
    keyed(reports, vocab)
    if related_known is None:
        rel = related(reports)
    else:
        rel = {**related_known, **related(reports, only=only)} if only else related_known
        rel = {r.slug: rel[r.slug] for r in reports}
    return Classification(build_buckets(reports, vocab), rel)


def keyed(reports: list[Report], vocab: Vocabulary) -> None:
    """Each report's order and index keys (those it has are kept: the build sets them once, with its extraction)."""
    for r in reports:
        r.sort_key = date_order(r)
        if not r.index_keys:
            r.index_keys = report_keys(r, vocab)


def sort_key(report: Report) -> tuple:
    """Newest first; undated reports last; then by title, then page name (set by classify)."""
    return report.sort_key


def date_order(report: Report) -> tuple:
    date = report.meta.get("date") or ""
    return (0 if date else 1, _neg(date), report.meta["title"].casefold(), report.slug)


def _neg(date: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def report_keys(report: Report, vocab: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """The (slug, label) of each index page a report belongs to (from its front-matter only). A national body or
    programme has a page per country ('Ministère de la Santé publique — Niger'): see jurisdiction."""
    m = report.meta
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in INDEX_KINDS}
    out["themes"] = [(theme_address(lbl), lbl) for lbl in m["tags"]]
    out["pays"] = [(bucket_slug(c), c) for c in m["countries"]]
    if m.get("programme"):
        out["programmes"] = [_key(jurisdiction.programme_label(m["programme"], m.get("programme_long") or "",
                                                               m["countries"], vocab))]
    if m.get("organiser"):
        out["organisateurs"] = [_key(jurisdiction.organiser_label(m["organiser"], m["countries"], vocab))]
    if m.get("year"):
        out["annees"] = [(str(m["year"]), str(m["year"]))]
    return out


def _key(label: str) -> tuple[str, str]:
    return bucket_slug(label), label


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


SHARED_BY_ALL = 200  # a feature of more reports than this says nothing: it makes no report related


def related(reports: list[Report], limit: int = 5, only: set[str] | None = None) -> Related:
    """For each report (of ``only`` when given), the reports sharing its programme, organiser or themes, with the
    reasons why."""
    by_feature: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        for f in _features(r):
            by_feature[f].append(r)
    out: Related = {}
    for r in reports:
        if only is not None and r.slug not in only:
            continue
        score: Counter[str] = Counter()
        why: dict[str, list[str]] = defaultdict(list)
        others: dict[str, Report] = {}
        for f in _features(r):
            peers = by_feature[f]
            if len(peers) > SHARED_BY_ALL:
                continue
            for o in peers:
                if o.slug != r.slug:
                    score[o.slug] += {"programme": 3, "organiser": 2, "theme": 1}[f[0]]
                    why[o.slug].append(f[0])
                    others[o.slug] = o
        ranked = sorted(score, key=lambda s: (-score[s], sort_key(others[s])))[:limit]
        out[r.slug] = [(others[s], sorted(set(why[s]))) for s in ranked]
    return out


def related_inputs(reports: list[Report]) -> dict[str, list]:
    """Everything ``related`` reads of each report: its features and what orders it (date, title)."""
    return {r.slug: [[list(f) for f in _features(r)], r.meta.get("date") or "", r.meta["title"]] for r in reports}


def affected(before: dict[str, list], now: dict[str, list]) -> set[str]:
    """The reports whose related reports may differ from those computed on ``before`` (related_inputs of an
    earlier corpus): those whose inputs changed (added and removed ones included), and every report sharing
    with one of them a feature that made reports related before or does now."""
    changed = {slug for slug in before.keys() | now.keys() if before.get(slug) != now.get(slug)}
    if not changed:
        return set()
    def sharing(inputs: dict[str, list]) -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for slug, (features, _, _) in inputs.items():
            for f in features:
                out[tuple(f)].append(slug)  # type: ignore[index]
        return out
    old, new = sharing(before), sharing(now)
    touched = {tuple(f) for slug in changed for inputs in (before, now) if slug in inputs for f in inputs[slug][0]}
    out = set(changed)
    for f in touched:
        if 0 < len(old.get(f, [])) <= SHARED_BY_ALL or 0 < len(new.get(f, [])) <= SHARED_BY_ALL:
            out.update(old.get(f, []), new.get(f, []))
    return out & now.keys()


def _features(r: Report) -> list[tuple[str, str]]:
    """What makes two reports related: a theme, or the same programme or organiser index page (two countries'
    'Ministère de la Santé publique' are not the same organiser)."""
    feats = [("theme", t) for t in r.meta["themes"]]
    feats += [("programme", slug) for slug, _ in r.index_keys.get("programmes", [])]
    feats += [("organiser", slug) for slug, _ in r.index_keys.get("organisateurs", [])]
    return feats
