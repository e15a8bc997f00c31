"""Reports -> themes, index buckets (theme, country, programme, organiser, year) and related reports."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from functools import lru_cache

from slugify import slugify as _slugify

from .config import Vocabulary
from .extract.textutil import PhraseSets, fold
from .models import Found, Report

@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Index page names: the same label always gives the same name (cached: labels repeat a lot)."""
    return _slugify(text)


@lru_cache(maxsize=65536)
def bucket_slug(label: str) -> str:
    """An index page name; 'index' and empty names are reserved, long ones keep a digest so none merge."""
    slug = slugify(label)
    if len(slug) > 80:
        slug = slug[:70].strip("-") + "-" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]
    if slug in ("", "index"):
        slug = f"{slug or 'sans-nom'}-{hashlib.sha1(label.encode('utf-8')).hexdigest()[:8]}"
    return slug


def theme_address(label: str) -> str:
    """A theme's page and feed name, from its French label ('Santé communautaire' -> 'sante-communautaire'):
    the one place that turns a theme into an address (the taxonomy's own slugs are identifiers, not addresses)."""
    return bucket_slug(label)


MAX_THEMES = 3
MIN_THEME_SCORE = 1.5
SHARE_OF_TOP = 0.25
TITLE_WEIGHT = 3.0
LEAD_CHARS = 800  # what the report is about is said first: the heading and its opening lines
LEAD_WEIGHT = 1.5
# A ministry's or directorate's name lists its portfolios: 'Ministère de la Santé et de l'Hygiène publique',
# 'ministre de la Santé, de l'Hygiène publique et de la Couverture maladie universelle'. Every report of that
# ministry names them, whatever it is about: the portfolios after the first are not read for themes.
PORTFOLIOS = re.compile(
    r"\b(?:ministeres?|ministres?|direction|directeur|directrice|inspection|delegation|departement|secretariat)"
    r"(?P<first>[^.;:\n()]{0,60}?\b(?:de la |du |des |de l'|de |d')\s*\w+"
    r"(?:\s+(?:publique|sociale|social|nationale|universelle|primaires?|humanitaire))?)"
    r"(?P<rest>(?:(?:\s*,\s*|\s+et\s+)(?:de la |du |des |de l'|d')[^.;:\n(),]{0,60}?)+)"
    r"(?=[.;:\n(]|\s(?:a|ont|qui|avec|pour|en|sur|dans|le|la|les|au|aux|par)\s|,\s(?!de |du |des |d')|$)",
    re.IGNORECASE)


def _without_portfolios(folded: str) -> str:
    """The portfolios after the first one in a body's name blanked out (same length: positions are kept)."""
    return PORTFOLIOS.sub(lambda m: m.group(0)[: m.start("rest") - m.start()] + " " * (m.end("rest") - m.start("rest")),
                          folded)



ThemeMatchers = tuple[PhraseSets, PhraseSets, list[tuple[str, bool, int]]]


def _theme_matchers(vocab: Vocabulary) -> ThemeMatchers:
    """Per theme, its words (any case) and its acronyms (exact case): two one-pass matchers, and the order
    in which each theme's word and acronym hits are scored."""
    return vocab.compiled("classify.py:_theme_matchers", _build_theme_matchers)


def _build_theme_matchers(vocab: Vocabulary) -> ThemeMatchers:
    words, acronyms = [], []
    for t in vocab.themes:
        upper = [k for k in t.keywords if sum(ch.isupper() for ch in k) >= 2]
        words.append([k for k in t.keywords if k not in upper])
        acronyms.append(upper)
    order = [(t.slug, case_sensitive, n) for n, t in enumerate(vocab.themes) for case_sensitive in (False, True)]
    return (PhraseSets(words, inflections=True), PhraseSets(acronyms, case_sensitive=True, inflections=True), order)


def theme_scores(text: str, title: str, vocab: Vocabulary) -> Counter[str]:
    """Keyword hits per theme; a hit in the title, then in the lead, counts more; repeated keywords count less."""
    words, acronyms, order = _theme_matchers(vocab)
    scores: Counter[str] = Counter()
    cut = text.rfind(" ", 0, LEAD_CHARS) if len(text) > LEAD_CHARS else len(text)
    for where, weight in ((text[:cut], LEAD_WEIGHT), (text[cut:], 1.0), (title, TITLE_WEIGHT)):
        if not where:
            continue
        found = (words.findall(_without_portfolios(fold(where))),
                 acronyms.findall(_without_portfolios(fold(where, lower=False))))
        for slug, case_sensitive, n in order:
            hits = found[case_sensitive][n]
            for hit in dict.fromkeys(hits):  # each keyword once, in the order of its first hit
                scores[slug] += weight * (1.0 + 0.5 * min(hits.count(hit) - 1, 4))
    return scores


def classify_themes(text: str, title: str, vocab: Vocabulary) -> Found:
    """1 to 3 theme slugs: the top theme and those scoring at least a quarter of it."""
    scores = theme_scores(text, title, vocab)
    if not scores:
        return Found([], "", 0.0, "no theme keyword found")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    chosen = [s for s, v in ranked if v >= max(MIN_THEME_SCORE, SHARE_OF_TOP * top)][:MAX_THEMES] or [ranked[0][0]]
    detail = ", ".join(f"{s}={v:g}" for s, v in ranked[:6])
    return Found(chosen, detail, round(min(1.0, top / 10.0), 2), "theme keywords (themes.yml)")


UNIT_THEME_SCORE = 1.5  # two keyword hits, or one repeated: one sentence rarely says more


def unit_themes(text: str, vocab: Vocabulary) -> list[str]:
    """A statement's own theme when its words clearly name one (else it takes its report's themes)."""
    scores = theme_scores(text, "", vocab)
    if not scores:
        return []
    slug, top = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    tied = [s for s, v in scores.items() if v == top]
    return [slug] if top >= UNIT_THEME_SCORE and len(tied) == 1 else []


@dataclass
class Bucket:
    """One index page: a theme, a country, a programme, an organiser or a year, and its reports."""

    kind: str  # 'themes' | 'pays' | 'programmes' | 'organisateurs' | 'annees'
    slug: str
    label: str
    reports: list[Report] = field(default_factory=list)
    description: str = ""


INDEX_KINDS = ("themes", "pays", "programmes", "organisateurs", "annees")


def sort_key(report: Report) -> tuple:
    """Newest first; undated reports last; then by title (computed once per report)."""
    cached = report.__dict__.get("_sort")
    if cached is None:
        date = report.meta.get("date") or ""
        cached = report.__dict__["_sort"] = (0 if date else 1, _neg(date), report.meta["title"].casefold(), report.slug)
    return cached


def _neg(date: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def report_keys(report: Report) -> dict[str, list[tuple[str, str]]]:
    """The (slug, label) of each index page a report belongs to (computed once per report)."""
    cached = report.__dict__.get("_keys")
    if cached is not None:
        return cached
    report.__dict__["_keys"] = _report_keys(report)
    return report.__dict__["_keys"]


def _report_keys(report: Report) -> dict[str, list[tuple[str, str]]]:
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
        for kind, keys in report_keys(r).items():
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


def related(reports: list[Report], limit: int = 5) -> dict[str, list[tuple[Report, list[str]]]]:
    """For each report, the reports sharing its programme, organiser or themes, with the reasons why."""
    by_feature: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        for f in _features(r):
            by_feature[f].append(r)
    out: dict[str, list[tuple[Report, list[str]]]] = {}
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


# ---------------------------------------------------------------- follow-up of recommendations

STATUS_WORDS = [  # checked in this order: the negative forms contain the positive words
    ("non réalisée", re.compile(r"\b(?:non (?:realise|execute|mis en (?:oe|œ)uvre)|n'(?:a|ont) pas (?:ete|encore ete) "
                                r"(?:realise|execute|mis)|pas encore (?:realise|execute)|reste(?:nt)? a (?:realiser|executer)|"
                                r"en souffrance|non encore)")),
    ("en cours", re.compile(r"\ben cours (?:de realisation|d'execution|de mise en (?:oe|œ)uvre)?\b|\bpartiellement\b")),
    ("réalisée", re.compile(r"\b(?:a|ont) ete (?:realise|execute|mis en (?:oe|œ)uvre|effectivement)|\b(?:realisee?s?|executee?s?)\b|"
                            r"\bentierement\b|\bmise? en (?:oe|œ)uvre effective")),
]
FOLLOW_UP = re.compile(r"recommandation")
CONTENT_WORD = re.compile(r"[a-z]{5,}")
STOP_WORDS = set("""dans comme entre leurs avant apres selon cette celle ceux aussi ainsi notamment organiser mettre
place faire mieux toutes tous autres niveau niveaux""".split())
LABELS = re.compile(r"(?i)\b(?:responsables?|[ée]ch[ée]ances?|d[ée]lais?)\s*:")
MATCH_SHARE = 0.6
STATUS_CELLS = [(name, re.compile(pattern)) for name, pattern in (  # a cell of a follow-up table's status column
    ("non réalisée", r"(?:non|pas)\b"),
    ("en cours", r"(?:en cours|partiel|entame|demarre)"),
    ("réalisée", r"(?:realise|execute|acheve|fait|mise? en (?:oe|œ)uvre|termine)"))]
STATUS_CELL_WORDS = 5  # a status cell says 'Réalisée' or 'Partiellement réalisée', not a sentence
FOLLOW_UP_WINDOW = 12  # a follow-up speaks of the last sessions of its programme, not of every past one  # share of a recommendation's content words a later sentence must repeat


def _content_words(text: str) -> set[str]:
    return {w for w in CONTENT_WORD.findall(fold(text)) if w not in STOP_WORDS}


def follow_up_status(reports: list[Report]) -> None:
    """Set the status of a recommendation when a later report of the same programme or organiser says
    what became of it ('la recommandation … a été réalisée / est en cours / n'a pas été réalisée')."""
    for r in reports:
        for u in r.units:
            u.status, u.status_source = "", ""
    said = {r.slug: [(_content_words(s), label) for s, label in _status_sentences(r)] for r in reports}
    recs = {r.slug: [(u, words) for u in r.units if u.kind == "recommendation"
                     and len(words := _content_words(LABELS.split(u.text)[0])) >= 3] for r in reports}
    by_group: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        for key in (("programme", r.meta.get("programme")), ("organiser", r.meta.get("organiser"))):
            if key[1] and r.meta.get("date"):
                by_group[key].append(r)
    for group in by_group.values():
        group.sort(key=lambda r: (str(r.meta["date"]), r.slug))
        for i, later in enumerate(group):
            if not said[later.slug]:
                continue
            everything = set().union(*(words for words, _ in said[later.slug]))
            for earlier in group[max(0, i - FOLLOW_UP_WINDOW):i]:
                if str(earlier.meta["date"]) >= str(later.meta["date"]):
                    continue
                for u, words in recs[earlier.slug]:
                    if len(words & everything) < MATCH_SHARE * len(words):
                        continue  # no statement of the later report can match: skip the detailed check
                    for statement, label in said[later.slug]:
                        if len(words & statement) >= MATCH_SHARE * len(words):
                            u.status, u.status_source = label, later.slug  # the latest report has the last word


def _status_rows(text: str) -> list[tuple[str, str]]:
    """Rows of a follow-up table (cells separated by tabs) whose status cell says 'Réalisée', 'En cours'…"""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 2:
            continue
        for cell in cells[1:]:
            folded = fold(cell.strip())
            if 0 < len(folded.split()) <= STATUS_CELL_WORDS:
                label = next((name for name, pattern in STATUS_CELLS if pattern.match(folded)), None)
                if label:
                    out.append((line, label))
                    break
    return out


def _status_sentences(report: Report) -> list[tuple[str, str]]:
    """Sentences of a report that speak of a recommendation's execution, with the status they give."""
    from .extract.textutil import sentences

    out: list[tuple[str, str]] = []
    text = fold(report.doc.text)
    if not FOLLOW_UP.search(text):
        return out
    out.extend(_status_rows(report.doc.text))
    for start, _, sentence in sentences(report.doc.text):
        folded = text[start:start + len(sentence)]  # folding keeps offsets: the sentence's folded form
        if not FOLLOW_UP.search(folded):
            continue
        label = next((name for name, pattern in STATUS_WORDS if pattern.search(folded)), None)
        if label:
            out.append((sentence, label))
    return out
