"""Follow-up of recommendations: a later report of the same programme or organiser that says what became of
an earlier recommendation gives it its status (réalisée, en cours, non réalisée). Pure functions of the reports."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from . import digest
from .models import Report
from .text import fold, sentences


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


def follow_up_status(reports: list[Report], text_of: Callable[[Report], str] | None = None) -> None:
    """Set the status of a recommendation when a later report of the same programme or organiser says
    what became of it ('la recommandation … a été réalisée / est en cours / n'a pas été réalisée').
    ``text_of`` gives the text read of each report (default: its whole text; see summary)."""
    text_of = text_of or (lambda r: r.doc.text)  # type: ignore[union-attr]
    for r in reports:
        for u in r.units:
            u.status, u.status_source = "", ""
    said = {r.slug: [(_content_words(s), label) for s, label in status_sentences(text_of(r))] for r in reports}
    recs = {r.slug: [(u, words) for u in r.units if u.kind == "recommendation"
                     and len(words := _content_words(LABELS.split(u.text)[0])) >= 3] for r in reports}
    by_group: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        for key in _groups(r):
            if r.meta.get("date"):
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


def _groups(r: Report) -> list[tuple[str, str]]:
    """The programme and organiser a report shares with the reports that may follow it up: their index pages (two
    countries' 'Ministère de la Santé publique' are not one organiser; see jurisdiction)."""
    return [(kind, slug) for kind in ("programmes", "organisateurs") for slug, _ in r.index_keys.get(kind, [])]


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


def status_sentences(raw: str) -> list[tuple[str, str]]:
    """Sentences of a report's text that speak of a recommendation's execution, with the status they give."""
    out: list[tuple[str, str]] = []
    text = fold(raw)
    if not FOLLOW_UP.search(text):
        return out
    out.extend(_status_rows(raw))
    for start, _, sentence in sentences(raw):
        folded = text[start:start + len(sentence)]  # folding keeps offsets: the sentence's folded form
        if not FOLLOW_UP.search(folded):
            continue
        label = next((name for name, pattern in STATUS_WORDS if pattern.search(folded)), None)
        if label:
            out.append((sentence, label))
    return out


def summary(report: Report) -> tuple[str, str]:
    """What the follow-up reads of a report, kept with its extraction so that a build never needs its whole
    text for it: the only sentences it reads (checked to give the same result as the whole text, else the whole
    text), and a digest of every input of the follow-up (date, the programme's and organiser's index pages, that
    text, statements): set after the index keys (classify.report_keys)."""
    text_all = report.doc.text  # type: ignore[union-attr]
    said = status_sentences(text_all)
    excerpt = "\n".join(sentence for sentence, _ in said)
    text = excerpt if status_sentences(excerpt) == said else text_all
    m = report.meta
    inputs = [str(m.get("date")), _groups(report), text,
              [(u.kind, u.text) for u in report.units]]
    return text, digest.of_data(inputs)[:32]
