"""One report received as several files (a .docx and its .pdf, the same text as .txt and .docx): found by a
sketch of the text, or by the same title, date and organiser with much of the text in common; one page is made
from the file that keeps the most structure, and the others are offered for download on it."""

from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from . import originals
from .incremental import view_digest
from .models import Corpus, Problem, Report
from .text import fold

SOURCE_RANK = {"docx": 0, "pdf": 1, "html": 2, "markdown": 3, "text": 4}  # structure kept: Word, PDF, web, text
SHINGLE = 3  # words per shingle of the text sketch (text_sketch hashes three at a time)
SKETCH = 64  # smallest shingle hashes kept per report
PROBE = 8  # of which the smallest few find the candidates
PROBE_MATCHES = 2  # a candidate shares that many of them (one may be a common phrase)
NEAR = 0.8  # share of the shorter text's shingles found in the longer one: the same text
SAME_EVENT = 0.5  # the same share when title, date and organiser are the same
MIN_SHINGLES = 12  # shorter texts are the same report only when their sketches are equal
BUCKET_CAP = 24  # a shingle hash that many reports share is a common phrase: it finds no candidate
WORD = re.compile(r"\w+")


def text_sketch(text: str) -> tuple[int, list[int]]:
    """The number of distinct 3-word shingles of a text (accents and case folded) and the smallest hashes."""
    words = [word.encode("utf-8") for word in WORD.findall(fold(text))]
    if len(words) < SHINGLE:
        words += [b""] * (SHINGLE - len(words))
    grams = {zlib.crc32(c, zlib.crc32(b, zlib.crc32(a))) for a, b, c in zip(words, words[1:], words[2:])}
    return len(grams), heapq.nsmallest(SKETCH, grams)


def shared_share(a: tuple[int, list[int]], b: tuple[int, list[int]]) -> float:
    """Estimated share of the shorter text's shingles that the longer one holds (bottom-k sketches)."""
    (na, sa), (nb, sb) = a, b
    union = heapq.nsmallest(SKETCH, set(sa) | set(sb))
    if not union or not na or not nb:
        return 0.0
    both = set(sa) & set(sb)
    jaccard = sum(x in both for x in union) / len(union)
    return min(1.0, jaccard * (na + nb) / (1 + jaccard) / min(na, nb))


def _same_report(a: Report, b: Report) -> bool:
    sa, sb = _sketch(a), _sketch(b)
    ma, mb = a.meta, b.meta
    if min(sa[0], sb[0]) < MIN_SHINGLES:  # too short for a share: the same sample of the text, and the same title
        return sa == sb and ma["title"].casefold() == mb["title"].casefold()
    if Path(a.source).suffix.lower() == Path(b.source).suffix.lower() and \
            ma["title"].casefold() != mb["title"].casefold():
        return False  # two files of one format read alike: their titles differ only if the meetings do
    share = shared_share(sa, sb)
    if share >= NEAR and not any(ma.get(k) and mb.get(k) and ma[k] != mb[k]
                                 for k in ("date", "organiser", "country", "city")):
        return True  # nearly the same text, not two meetings written from one template (dates or places differ)
    same_event = (ma["title"].casefold() == mb["title"].casefold() and ma["date"] and ma["date"] == mb["date"]
                  and ma["organiser"] == mb["organiser"])
    return bool(same_event) and share >= SAME_EVENT


def _sketch(report: Report) -> tuple[int, list[int]]:
    n, mins = report.sketch if report.sketch is not None else text_sketch(report.doc.text)  # type: ignore[union-attr]
    return n, list(mins)


def apply_groups(corpus: Corpus, groups: list[list[str]], source_dir: Path) -> None:
    """Files that hold the same report (``groups`` of sources, from same_report_groups) make one page, built
    from the file that keeps the most structure (Word, then PDF, then web page, then text); the others are
    offered for download on it, and a warning names them."""
    by_source = {r.source: r for r in corpus.reports}
    merged: set[str] = set()
    for sources in groups:
        merged |= _merge_group([by_source[s] for s in sources], corpus, source_dir)
    if merged:
        corpus.reports = [r for r in corpus.reports if r.source not in merged]


def same_report_groups(reports: list[Report]) -> list[list[str]]:
    """Sources of the reports that are one report, group by group (groups of two or more only). Candidates share
    several of their smallest shingle hashes (a hash shared by many reports is a common phrase), or their title
    and full date."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[Any, list[int]] = {}
    for i, r in enumerate(reports):
        n, mins = _sketch(r)
        keys: list[Any] = [("text", h) for h in mins[:PROBE]] if n >= MIN_SHINGLES else [("short", tuple(mins))]
        if r.meta["date"] and len(str(r.meta["date"])) == 10:
            keys.append(("event", r.meta["title"].casefold(), r.meta["date"]))
        for key in keys:
            buckets.setdefault(key, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for key, members in buckets.items():
        if 1 < len(members) <= BUCKET_CAP:
            weight = 1 if key[0] == "text" else PROBE_MATCHES  # a whole-text or same-event key is enough alone
            shared.update({(i, j): weight for a, i in enumerate(members) for j in members[:a]})
    for i, j in sorted(pair for pair, count in shared.items() if count >= PROBE_MATCHES):
        if root(i) != root(j) and _same_report(reports[i], reports[j]):
            parent[root(i)] = root(j)
    groups: dict[int, list[str]] = {}
    for i, r in enumerate(reports):
        groups.setdefault(root(i), []).append(r.source)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def _merge_group(members: list[Report], corpus: Corpus, source_dir: Path) -> set[str]:
    """Keep the best source of one group, offer the others on its page; the sources merged away."""
    members.sort(key=lambda r: (SOURCE_RANK.get(r.meta.get("source_format", ""), 9), -_sketch(r)[0], r.source))
    best, others = members[0], members[1:]
    offered = list(best.meta.get("originals") or [])
    for other in others:
        if other.meta.get("originals"):
            offered.extend(other.meta["originals"])
        elif originals.label(other.source) and not (source_dir / other.source).is_symlink():
            offered.append(originals.entry(other.source, originals.digest_of((source_dir / other.source).read_bytes())))
    best.meta = {**best.meta, "originals": offered}
    best.view = view_digest(best.meta, best.units, best.acronyms)
    for other in others:
        what = "offered for download on that page" if any(o["file"] == other.source for o in offered) else \
            "not published again (a saved web page is not served from the site)"
        corpus.problems.append(Problem(
            other.source, f"same report as {best.source}: one page is made, from {best.source} (its format keeps "
            f"the most structure); this file is {what}",
            "nothing to do if they are the same report; if they are not, give one of them its own title or date "
            "in a sidecar .meta.yml", fatal=False))
    return {o.source for o in others}

