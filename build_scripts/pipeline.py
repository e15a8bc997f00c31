"""The one-way pipeline for the whole corpus: read -> extract -> classify (no printing; it writes only its
caches, never the site's files)."""

from __future__ import annotations

import copy
import dataclasses
import errno
import datetime as dt
import difflib
import hashlib
import heapq
import json
import os
import re
import stat
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from slugify import slugify

from . import originals, readers
from .cache import Cache, Store, document_key, load_state, save_state, view_digest
from . import classify
from .classify import classify_themes, follow_up_status, unit_themes
from .config import Vocabulary
from .extract.acronyms import acronyms_in_report
from .extract.dates import extract_dates
from .extract.document import DOC_TYPES, document_type, meeting_town
from .extract.lead import strip_lead
from .extract.organisations import extract_organiser, extract_partners
from .extract.places import extract_country
from .extract.programmes import extract_programme
from .extract.structure import parse_blocks
from .extract.textutil import fold
from .extract.titles import extract_summary, extract_title, headline, known_acronyms
from .extract.units import extract_units
from .models import Found, Problem, Report, SourceDocument, Unit

MAX_BYTES = 20 * 1024 * 1024
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EXTRACTED_FIELDS = ("title", "country", "programme", "date", "date_end", "organiser", "partners", "themes", "summary",
                    "doc_type", "city")
ADDRESS_FIELDS = ("slug", "aliases")  # the page's address and its old addresses (see _address)
CURATED_FIELDS = EXTRACTED_FIELDS + ADDRESS_FIELDS  # a curator can override every extracted field, and name the address
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Corpus:
    """Everything read and extracted, plus every problem met on the way."""

    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cache_hits: int = 0
    unread: int = 0  # reports taken from the cache without reading their file (its signature is unchanged)


def discover(source_dir: Path) -> list[Path]:
    """Report files under the source folder, sorted; sidecars, hidden files and READMEs are not reports."""
    return [path for path, _, _ in scan(source_dir)]


def scan(source_dir: Path, corpus: Corpus | None = None) -> list[tuple[Path, str, tuple]]:
    """Report files, sorted, each with its path relative to the source folder and its stat signature: size,
    times and inode of the file and of any sidecar, so that an unchanged signature means an unchanged report.
    The source folder is a boundary: links that leave it, loops, dangling links, pipes and devices are named
    in ``corpus`` (never opened), and so are sidecars without a report and reports whose sidecar is unusable."""
    corpus = corpus if corpus is not None else Corpus()
    root = os.path.realpath(source_dir)
    found: list[tuple[tuple[str, ...], str, str, os.stat_result, dict[str, Any]]] = []
    for folder, dirs, names in os.walk(str(source_dir)):
        rel = os.path.relpath(folder, str(source_dir))
        parts = () if rel == "." else tuple(rel.split(os.sep))
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and _walkable(folder, d, parts, corpus))
        sidecars: dict[str, Any] = {}  # name -> stat result, or the Problem that makes it unusable
        reports: list[tuple[str, os.stat_result]] = []
        for name in sorted(names):
            if name.startswith((".", "_")) or name in readers.IGNORED_NAMES:
                continue
            st_or_problem = _regular_file(os.path.join(folder, name), "/".join(parts + (name,)), root)
            if name.endswith(readers.SIDECAR_SUFFIXES):
                sidecars[name] = st_or_problem
            elif isinstance(st_or_problem, Problem):
                corpus.problems.append(st_or_problem)
                corpus.skipped.append(st_or_problem.source)
            else:
                reports.append((name, st_or_problem))
        stems = {_stem(name) for name in names if not name.endswith(readers.SIDECAR_SUFFIXES)}
        for name in sidecars:
            if name[:-len(next(s for s in readers.SIDECAR_SUFFIXES if name.endswith(s)))] not in stems:
                corpus.problems.append(Problem(
                    "/".join(parts + (name,)), "sidecar without a report: no report file of that name beside it, "
                    "so its curated values are used nowhere", "rename it after its report (report.txt -> "
                    "report.meta.yml), or delete it", fatal=False))
        found.extend((parts + (name,), folder, name, st, sidecars) for name, st in reports)
    found.sort(key=lambda item: item[0])
    out = []
    for parts, folder, name, st, sidecars in found:
        source = "/".join(parts)
        signature: list = [_stat_signature(st)]
        unusable = None
        for suffix in readers.SIDECAR_SUFFIXES:
            side = sidecars.get(_stem(name) + suffix)
            if isinstance(side, Problem):
                unusable = side
            signature.append(None if side is None or isinstance(side, Problem) else _stat_signature(side))
        if unusable is not None:
            side_name = unusable.source.rsplit("/", 1)[-1]
            corpus.problems.append(Problem(source, f"its sidecar {side_name} {unusable.message}; the report is not built "
                                           "without its curated values", unusable.hint))
            corpus.skipped.append(source)
            continue
        out.append((Path(os.path.join(folder, name)), source, tuple(signature)))
    return out


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name  # as Path.stem


def _walkable(folder: str, name: str, parts: tuple[str, ...], corpus: Corpus) -> bool:
    """A sub-folder is read unless it is a link (never followed: it may leave the source folder or loop)."""
    if not os.path.islink(os.path.join(folder, name)):
        return True
    source = "/".join(parts + (name,))
    corpus.problems.append(Problem(source, "is a link to a folder, which is not followed (it may lead out of the "
                                   "source folder, or back into it)", "move or copy the folder itself into the "
                                   "source folder"))
    corpus.skipped.append(source)
    return False


FILE_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


def _regular_file(path: str, source: str, root: str) -> os.stat_result | Problem:
    """The stat of a regular file inside the source folder (through links that stay inside it), else why not."""
    hint = "copy the file itself into the source folder, or remove it"
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(path)
            try:
                st = os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return Problem(source, f"is a link that loops back on itself (-> {target})", hint)
                return Problem(source, f"is a link to {target}, which does not exist", hint)
            real = os.path.realpath(path)
            if os.path.commonpath([root, real]) != root:
                return Problem(source, f"is a link to {real}, outside the source folder: it is not read", hint)
    except OSError as exc:
        return Problem(source, f"cannot be examined ({exc.strerror})", hint)
    if not stat.S_ISREG(st.st_mode):
        kind = FILE_KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        return Problem(source, f"is {kind}, not a file: it is not read", "remove it from the source folder")
    return st


def _stat_signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def read_all(source_dir: Path, corpus: Corpus, max_bytes: int | None = None) -> list[SourceDocument]:
    """Read every report; an unreadable one becomes a Problem and the others carry on."""
    docs: list[SourceDocument] = []
    by_digest: dict[tuple[str, str], str] = {}
    for path, source, _ in scan(source_dir, corpus):
        doc = read_one(path, source, corpus, max_bytes)
        if doc is not None and not _duplicate(source, doc.sha256, by_digest, corpus):
            docs.append(doc)
    return docs


def read_one(path: Path, source: str, corpus: Corpus, max_bytes: int | None = None) -> SourceDocument | None:
    """Read one report with its sidecar; None (and a Problem) when it cannot be used."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > max_bytes:
        corpus.problems.append(Problem(source, f"file is {_human(size)}, over the {_human(max_bytes)} limit",
                                       "split the report or remove embedded images, then rebuild"))
        corpus.skipped.append(source)
        return None
    if size == 0:
        corpus.problems.append(Problem(source, "file is empty (0 bytes)",
                                       "add the report's text, or delete the file"))
        corpus.skipped.append(source)
        return None
    try:
        doc = readers.read(path, source)
        if source.lower().endswith(tuple(originals.ALWAYS)) and not path.is_symlink():  # published beside its page
            doc = dataclasses.replace(doc, original=originals.digest_of(path.read_bytes()))
        return _with_sidecar(path, doc)
    except readers.ReadError as exc:
        corpus.problems.append(Problem(source, exc.message, exc.hint))
    except Exception as exc:  # a reader bug or a library failure must not cost the other reports
        corpus.problems.append(Problem(source, f"could not be read ({type(exc).__name__}: {exc})",
                                       "check that the file opens in its usual program, then report it"))
    corpus.skipped.append(source)
    return None


FAMILIES = {".md": ".txt", ".markdown": ".txt", ".text": ".txt", ".htm": ".html"}


def _duplicate(source: str, sha256: str, by_digest: dict[tuple[str, str], str], corpus: Corpus) -> bool:
    """A second file of the same format with the same text is a copy: skipped (the first, in file order, is kept).
    The same text in another format (a .docx and its .pdf) is one report received twice: merge_same_reports
    makes one page of them, from the file that keeps the most structure."""
    suffix = os.path.splitext(source)[1].lower()
    key = (sha256, FAMILIES.get(suffix, suffix))
    if key in by_digest:
        corpus.problems.append(Problem(source, f"same text as {by_digest[key]}: kept once, under that name",
                                       "delete one of the two copies"))
        corpus.skipped.append(source)
        return True
    by_digest[key] = source
    return False


# ---------------------------------------------------------------- one report received as several files

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
    if report.__dict__.get("_sketch") is None:
        report.__dict__["_sketch"] = text_sketch(report.doc.text)
    n, mins = report.__dict__["_sketch"]
    return n, list(mins)


def merge_same_reports(corpus: Corpus, source_dir: Path, cache_dir: Path | None = None) -> None:
    """Files that hold the same report (nearly the same text, or the same title, date and organiser with much of
    the text in common) make one page, built from the file that keeps the most structure (Word, then PDF, then web
    page, then text); the others are offered for download on it, and a warning names them. The groups found are
    reused while no report changed."""
    reports = corpus.reports
    signature = hashlib.sha256("\n".join(f"{r.source}\t{r.key}" for r in reports).encode("utf-8")).hexdigest()
    state = load_state(cache_dir, "same-report")
    if state.get("signature") == signature:
        groups: list[list[str]] = state["groups"]
    else:
        groups = _same_report_groups(reports)
        if cache_dir:
            save_state(cache_dir, "same-report", {"signature": signature, "groups": groups})
    by_source = {r.source: r for r in reports}
    merged: set[str] = set()
    for sources in groups:
        merged |= _merge_group([by_source[s] for s in sources], corpus, source_dir)
    if merged:
        corpus.reports = [r for r in reports if r.source not in merged]


def _same_report_groups(reports: list[Report]) -> list[list[str]]:
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


def _human(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def _with_sidecar(path: Path, doc: SourceDocument) -> SourceDocument:
    for suffix in readers.SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.stem + suffix)
        if sidecar.exists():
            curated = {**doc.curated, **readers.text.load_sidecar(sidecar)}
            return dataclasses.replace(doc, curated=curated, curated_origin=sidecar.name)
    return doc


def extract_report(doc: SourceDocument, vocab: Vocabulary) -> tuple[Report, list[Problem]]:
    """Extract every field of one report, then let the curator's values win."""
    blocks = [copy.copy(b) for b in doc.blocks] if doc.blocks else parse_blocks(doc.text, doc.fmt)
    lead = strip_lead(doc.text)  # fields are read from the report without its dateline and publication lines
    text = lead.text
    head = headline(blocks, set(lead.removed))
    start, end = extract_dates(text, lead.publication)
    programme = extract_programme(text, vocab, head[0] if head else "")
    organiser = extract_organiser(text, vocab)
    prog = programme.value
    hints: dict[str, float] = {}
    if prog is not None and prog.country:
        hints[prog.country] = hints.get(prog.country, 0) + 1.5
    country = extract_country(text, vocab, hints)
    if country.value is None and lead.place:  # the dateline's place, when the text names no other
        country = extract_country(text + "\n" + lead.place, vocab, hints)
    short = _short_org(organiser.value)
    title = extract_title(blocks, text, programme=prog.name if prog else None, organiser_short=short, date=start.value,
                          organiser_long=organiser.value, skip=set(lead.removed), acronyms=known_acronyms(vocab))
    found: dict[str, Found] = {
        "title": title,
        "country": country,
        "programme": Found(prog.name if prog else None, programme.snippet, programme.confidence, programme.method,
                           programme.alternatives),
        "date": start,
        "date_end": end,
        "organiser": organiser,
        "partners": extract_partners(text, vocab, organiser.value),
        "themes": classify_themes(text, title.value, vocab),
        "summary": extract_summary(blocks, head[1] if head else None, set(lead.removed)),
        "doc_type": document_type(head[0] if head else "", text),
    }
    found["city"] = meeting_town(text, _countries(country.value), vocab)
    units = extract_units(blocks)
    for u in units:
        u.page = blocks[u.block].page if 0 <= u.block < len(blocks) else None
        u.themes = unit_themes(u.text, vocab)
    report = Report(doc=doc, found=found, blocks=blocks, units=units, acronyms=acronyms_in_report(text, vocab))
    problems = _apply(report, vocab, prog.long if prog else "")
    if doc.original:
        report.meta["originals"] = [originals.entry(doc.source, doc.original)]
    problems += [Problem(doc.source, note, fatal=False) for note in doc.notes]  # what the reader could not read
    return report, problems


def _short_org(organiser: str | None) -> str | None:
    if not organiser:
        return None
    m = re.search(r"\(([^()]+)\)$", organiser)
    return m.group(1) if m else organiser


def _apply(report: Report, vocab: Vocabulary, programme_long: str) -> list[Problem]:
    """Final front-matter values: curated ones (validated) over extracted ones."""
    doc, found = report.doc, report.found
    values: dict[str, Any] = {k: found[k].value for k in EXTRACTED_FIELDS}
    origin = doc.curated_origin or "front-matter"
    slug, aliases, problems = _address(doc, origin)
    for key, value in doc.curated.items():
        if key in ADDRESS_FIELDS:
            continue
        if key not in CURATED_FIELDS:
            close = difflib.get_close_matches(str(key), CURATED_FIELDS, n=1)
            problems.append(Problem(doc.source, f"unknown curated field '{key}' in {origin}" +
                                    (f"; did you mean '{close[0]}'?" if close else ""),
                                    f"curated fields are: {', '.join(CURATED_FIELDS)}", field=str(key), fatal=False))
            continue
        error = _check(key, value, vocab)
        if error:
            problems.append(Problem(doc.source, f"curated {key} {error}; the extracted value is used instead",
                                    f"correct '{key}' in {origin}", field=key, fatal=False))
            continue
        value = _normalise_curated(key, value)
        values[key] = value
        found[key] = Found(value, f"curated in {origin}", 1.0, "curated")
        if key == "programme":
            programme_long = ""  # the long form is the curated programme's, not the extracted one's
    if values["date_end"] and values["date"] and _date_tuple(values["date_end"]) < _date_tuple(values["date"]):
        if found["date_end"].method == "curated" or found["date"].method == "curated":
            problems.append(Problem(doc.source, f"date_end {values['date_end']} is before date {values['date']}; "
                                    "date_end is left out", f"correct the dates in {origin}", field="date_end",
                                    fatal=False))
        values["date_end"] = None
    country = values["country"]
    countries = _countries(country)
    if found["city"].method != "curated" and found["country"].method == "curated":
        values["city"] = meeting_town(doc.text, countries, vocab).value  # the town must be in the curated country
    themes = list(dict.fromkeys(values["themes"] or []))
    theme_slugs = list(dict.fromkeys(_theme_slug(t, vocab) for t in themes))
    meta: dict[str, Any] = {
        "title": " ".join(str(values["title"]).split()),
        "country": country,
        "countries": countries,
        "programme": values["programme"],
        "programme_long": programme_long or _programme_long(values["programme"], vocab),
        "date": values["date"],
        "date_end": values["date_end"],
        "year": int(str(values["date"])[:4]) if values["date"] else None,
        "organiser": values["organiser"],
        "partners": list(values["partners"] or []),
        "themes": theme_slugs,
        "tags": [vocab.theme_label(s) for s in theme_slugs],
        "summary": values["summary"],
        "doc_type": values["doc_type"],
        "city": values["city"],
        "source": doc.source,
        "source_format": doc.fmt,
        "encoding": doc.encoding,
    }
    if aliases:
        meta["aliases"] = aliases
    if doc.ocr:
        meta["ocr"] = True  # the page says its text comes from character recognition
    report.meta = meta
    report.__dict__["_slug"] = slug
    return problems


def _address(doc: SourceDocument, origin: str) -> tuple[str, list[str], list[Problem]]:
    """The page name: the curated 'slug', else the source file's name (never the title, which extraction and
    curation improve: a better title must not move the page); and the old names that redirect to it."""
    problems = []
    slug = file_slug(doc.source)
    curated = doc.curated.get("slug")
    if curated is not None:
        if isinstance(curated, str) and SLUG_RE.match(curated) and curated != "index":
            slug = curated
        else:
            problems.append(Problem(doc.source, f"curated slug {curated!r} in {origin} is not a page name; the file "
                                    f"name gives the address instead ({slug})", "write lower-case letters and digits "
                                    f"joined by '-', e.g. 'slug: {_title_slug(str(curated))}'", field="slug", fatal=False))
    raw = doc.curated.get("aliases") or []
    aliases = []
    for alias in raw if isinstance(raw, list) else [raw]:
        name = old_name(alias)
        if name:
            aliases.append(name)
        else:
            problems.append(Problem(doc.source, f"alias {alias!r} in {origin} is not an old report address; it is left "
                                    "out", "write the old page name, e.g. 'aliases: [ancien-nom]' or "
                                    "'aliases: [/rapports/ancien-nom/]'", field="aliases", fatal=False))
    return slug, sorted(set(aliases) - {slug}), problems


def file_slug(source: str) -> str:
    """A report's address from its source file's name, without folder or extension."""
    name = source.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return _title_slug(name[:dot] if dot > 0 else name)


def old_name(alias: Any) -> str:
    """'ancien-nom', '/rapports/ancien-nom/' or a full URL to it -> 'ancien-nom'; '' if it is no report address."""
    if not isinstance(alias, str):
        return ""
    path = re.sub(r"^[a-z]+://[^/]*", "", alias.strip()).strip("/")
    path = re.sub(r"^(?:.*/)?rapports/", "", path)
    path = re.sub(r"(?:/index)?\.(?:html|md)$", "", path).strip("/")
    return path if SLUG_RE.match(path) and path != "index" else ""


def _countries(country: Any) -> list[str]:
    return [] if country is None else [country] if isinstance(country, str) else list(country)


def _normalise_curated(key: str, value: Any) -> Any:
    """Curated values in the shape extracted ones have: dates as text, themes and partners as lists."""
    if key in ("date", "date_end") and value is not None:
        return str(value)
    if key in ("themes", "partners") and isinstance(value, str):
        return [value]
    if key in ("title", "summary", "organiser", "programme") and isinstance(value, str):
        return " ".join(value.split())
    return value


def _date_tuple(iso: Any) -> tuple[int, ...]:
    return tuple(int(p) for p in str(iso).split("-"))


def _programme_long(name: str | None, vocab: Vocabulary) -> str:
    return next((p.long for p in vocab.programmes if p.name == name), "") if name else ""


def _theme_slug(value: str, vocab: Vocabulary) -> str:
    """A theme given by slug or French label, in any case (validated by _check beforehand)."""
    wanted = str(value).casefold()
    return next(t.slug for t in vocab.themes if wanted in (t.slug.casefold(), t.label.casefold()))


def _check(key: str, value: Any, vocab: Vocabulary) -> str:
    """Why a curated value is unusable, or '' when it is fine."""
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return "must be text or a flat list of texts, found lines nested under it"
    if key in ("date", "date_end"):
        if value is None:
            return ""
        if not isinstance(value, (str, int)) or not ISO_DATE.match(str(value)):
            return f"'{value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"
        parts = [int(p) for p in str(value).split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            return f"'{value}' is not a real date ({exc})"
        return ""
    if key == "themes":
        items = value if isinstance(value, list) else [value]
        known = list(vocab.theme_by_slug) + [t.label for t in vocab.themes]
        for item in items:
            if str(item) not in known and str(item).casefold() not in {k.casefold() for k in known}:
                close = difflib.get_close_matches(str(item), known, n=1, cutoff=0.5)
                return f"has unknown theme '{item}'" + (f"; did you mean '{close[0]}'?" if close else
                                                        f"; known themes: {', '.join(vocab.theme_by_slug)}")
        return ""
    if key == "doc_type":
        if value in DOC_TYPES:
            return ""
        close = difflib.get_close_matches(str(value), DOC_TYPES, n=1, cutoff=0.4)
        return f"'{value}' is not a known kind of document" + (f"; did you mean '{close[0]}'?" if close else
                                                               f"; known kinds: {', '.join(DOC_TYPES)}")
    if key == "partners":
        ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        return "" if ok else "must be a list of names"
    if key == "title" and (value is None or (isinstance(value, str) and not value.strip())):
        return "is empty: a report needs a title"
    if key == "country":
        if value is None:
            return ""
        items = value if isinstance(value, list) else [value]
        names = [c.name for c in vocab.countries]
        for item in items:
            if item not in names:
                close = difflib.get_close_matches(str(item), names, n=1)
                return f"has unknown country '{item}'" + (f"; did you mean '{close[0]}'?" if close else "")
        return ""
    if value is not None and not isinstance(value, str):
        return f"must be text, found {value!r}: put it between quotes"
    return ""


def assign_slugs(reports: list[Report]) -> list[Problem]:
    """Page names from file names or curated slugs; names that collide all get a suffix from their source path
    (stable). Old names (aliases) that are taken by a page or claimed by two reports are left out, with a problem."""
    base = {r.source: r.__dict__.get("_slug") or file_slug(r.source) for r in reports}
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s] = counts.get(s, 0) + 1
    final = {}
    for r in reports:
        s = base[r.source]
        if counts[s] > 1 or s == "index":  # 'index' is the list of all reports
            s = f"{s}-{hashlib.sha1(r.source.encode('utf-8')).hexdigest()[:6]}"
        final[r.source] = s
    for width in (12, 40):  # a name can read like another report's suffixed name: longer suffixes until unique
        seen: dict[str, int] = {}
        for s in final.values():
            seen[s] = seen.get(s, 0) + 1
        for r in reports:
            if seen[final[r.source]] > 1:
                final[r.source] = f"{base[r.source]}-{hashlib.sha1(r.source.encode('utf-8')).hexdigest()[:width]}"
    for r in reports:
        r.slug = final[r.source]
    return _check_aliases(reports)


def _check_aliases(reports: list[Report]) -> list[Problem]:
    """An old address must stay free: not a page of the site, not claimed by two reports."""
    live = {r.slug: r.source for r in reports}
    claims: dict[str, list[str]] = {}
    for r in sorted(reports, key=lambda r: r.source):
        for alias in r.meta.get("aliases") or []:
            claims.setdefault(alias, []).append(r.source)
    problems = []
    for alias, sources in sorted(claims.items()):
        if alias in live or len(sources) > 1:
            why = (f"is the address of {live[alias]}" if alias in live else f"is also claimed by {', '.join(sources[1:])}")
            problems.append(Problem(sources[0], f"old address '{alias}' {why}; no redirect is made for it",
                                    "remove it from 'aliases', or give one of the reports another 'slug'",
                                    field="aliases", fatal=False))
            for r in reports:
                if alias in (r.meta.get("aliases") or []):
                    r.meta["aliases"] = [a for a in r.meta["aliases"] if a != alias]
    return problems


def _title_slug(title: str) -> str:
    return slugify(title, max_length=70, word_boundary=True, save_order=True) or "rapport"


_WORKER_VOCAB: Vocabulary | None = None
PARALLEL_THRESHOLD = 64  # fewer reports than this are not worth starting worker processes


def _init_worker(vocab: Vocabulary) -> None:
    global _WORKER_VOCAB
    _WORKER_VOCAB = vocab


def _extract_safely(doc: SourceDocument, vocab: Vocabulary | None = None) -> tuple[Report | None, list[Problem]]:
    """Extract one report; a bug must not cost the other reports: the message says which file triggered it."""
    try:
        report, problems = extract_report(doc, vocab or _WORKER_VOCAB)  # type: ignore[arg-type]
        _summarise(report)
        return report, problems
    except Exception as exc:
        return None, [Problem(doc.source, f"extraction failed ({type(exc).__name__}: {exc})",
                              "report this file to the maintainers")]


def _extract_all(docs: list[SourceDocument], vocab: Vocabulary, workers: int) -> list[tuple[Report | None, list[Problem]]]:
    """Extraction spread over worker processes when there is enough work; same results as one process."""
    if workers <= 1 or len(docs) < PARALLEL_THRESHOLD:
        return [_extract_safely(doc, vocab) for doc in docs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(vocab,)) as pool:
        return list(pool.map(_extract_safely, docs, chunksize=max(8, len(docs) // (workers * 8))))


def content_digest(doc: SourceDocument) -> str:
    """Everything the reader produced, layout included (the duplicate check ignores layout, the cache must not)."""
    payload = "\x00".join([doc.text, doc.encoding, doc.fmt, repr(doc.blocks), doc.original])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


DROP_ONE_BY_ONE = 100  # fewer stale bodies than this are removed by name, more by listing the whole store
SETTLE_NS = 2_000_000_000  # a file changed this close to a build may change again within the same time stamp


def build_corpus(source_dir: Path, vocab: Vocabulary, *, cache_dir: Path | None = None,
                 workers: int = 1, problems: list[Problem] | None = None) -> Corpus:
    """Read the reports whose file changed since the last build, extract what the cache does not already hold
    (in parallel), take the others from the cache (their body loads only if a page needs it), name the pages."""
    corpus = Corpus(problems=problems if problems is not None else [])  # shared, for a failure midway
    readers.ocr.use_cache(cache_dir)  # recognised copies of scans are kept beside the other caches
    started = time.time_ns()
    state = load_state(cache_dir, "sources")
    known = state.get("sources", {}) if state.get("vocabulary") == vocab.digest else {}
    cache = Cache(cache_dir, "extraction")
    bodies = Store(cache_dir, "bodies")
    by_digest: dict[tuple[str, str], str] = {}
    signatures: dict[str, tuple] = {}
    wanted: list[tuple[str, str, SourceDocument | None]] = []  # (source, key, document when read)
    for path, source, signature in scan(source_dir, corpus):
        old = known.get(source)
        if old and old[0] == signature and old[1] in cache.old:
            key, sha256, doc = old[1], old[2], None
            corpus.unread += 1
        else:
            doc = read_one(path, source, corpus)
            if doc is None:
                continue
            key = document_key(doc.source, content_digest(doc), doc.fmt, doc.curated, doc.curated_origin + vocab.digest)
            sha256 = doc.sha256
        if _duplicate(source, sha256, by_digest, corpus):
            continue
        if max(signature[0][1], signature[0][2]) < started - SETTLE_NS:
            signatures[source] = (signature, key, sha256)
        wanted.append((source, key, doc))
    load = _body_loader(bodies, source_dir, vocab)
    reports: dict[str, Report | None] = {}
    found_problems: dict[str, list[Problem]] = {}
    missing: list[tuple[SourceDocument, str]] = []
    for source, key, doc in wanted:
        record = cache.get(key)
        if record is not None:
            reports[key], found_problems[key] = CachedReport(key, record, load), record["problems"]
        else:
            missing.append((doc, key))  # type: ignore[arg-type]  (never None: an unread report is in the cache)
    for (doc, key), (report, problems) in zip(missing, _extract_all([d for d, _ in missing], vocab, workers)):
        reports[key], found_problems[key] = report, problems
        if report is not None:
            report.key = key
            cache.put(key, _record(report, problems))
            bodies.put(key, (report.doc, report.blocks, report.found))
    corpus.cache_hits = cache.hits
    for source, key, _ in wanted:
        corpus.problems.extend(found_problems[key])
        if reports[key] is None:
            corpus.skipped.append(source)
            signatures.pop(source, None)
        else:
            corpus.reports.append(reports[key])  # type: ignore[arg-type]
    dropped = set(cache.old) - set(cache.new)
    if len(dropped) > DROP_ONE_BY_ONE or (cache.added and not cache.old):
        bodies.keep_only(set(cache.new))  # also clears entries an interrupted build may have left
    else:
        bodies.drop(dropped)
    cache.save()
    if cache_dir and (signatures != known or state.get("vocabulary") != vocab.digest):
        save_state(cache_dir, "sources", {"vocabulary": vocab.digest, "sources": signatures})
    merge_same_reports(corpus, source_dir, cache_dir)
    corpus.problems.extend(assign_slugs(corpus.reports))
    corpus.reports.sort(key=lambda r: r.slug)
    return corpus


class CachedReport(Report):
    """A report from the extraction cache: what listings need is here at once; its text, body blocks and
    provenance are loaded on first use (from the cache, else by reading and extracting its file again)."""

    def __init__(self, key: str, record: dict[str, Any], load: Any) -> None:  # the dataclass __init__ is bypassed
        units = [Unit(*values) for values in record["units"]]
        self.__dict__.update(slug="", meta=record["meta"], units=units, acronyms=record["acronyms"],
                             key=key, view=record["view"], _source=record["source"], _follow_up=record["follow_up"],
                             _sketch=record.get("sketch"),
                             _slug=record["slug"], _keys=record["keys"], _load=load)

    @property
    def source(self) -> str:
        return self.__dict__["_source"]

    def __getattr__(self, name: str) -> Any:  # called only for what is not loaded yet
        if name in ("doc", "blocks", "found"):
            doc, blocks, found = self.__dict__["_load"](self)
            self.__dict__.update(doc=doc, blocks=blocks, found=found)
            return self.__dict__[name]
        raise AttributeError(name)


def _body_loader(bodies: Store, source_dir: Path, vocab: Vocabulary) -> Any:
    def load(report: CachedReport) -> tuple[SourceDocument, list, dict]:
        body = bodies.get(report.key)
        if body is None:  # the cache lost it: read and extract the report again
            doc = readers.read(source_dir / report.source, report.source)
            full, _ = extract_report(_with_sidecar(source_dir / report.source, doc), vocab)
            body = (full.doc, full.blocks, full.found)
        return body
    return load


UNIT_FIELDS = [f.name for f in dataclasses.fields(Unit)]


def _record(report: Report, problems: list[Problem]) -> dict[str, Any]:
    """What a build needs of a cached report when its page is not rendered again."""
    units = [tuple(getattr(u, name) for name in UNIT_FIELDS) for u in report.units]  # plain data loads faster
    return {"source": report.source, "meta": report.meta, "units": units, "acronyms": report.acronyms,
            "problems": problems, "view": report.view, "follow_up": report.__dict__["_follow_up"],
            "sketch": report.__dict__["_sketch"],
            "slug": report.__dict__["_slug"], "keys": classify.report_keys(report)}


def _summarise(report: Report) -> None:
    """Digests of what listings show (view) and of what the follow-up of recommendations reads (with the only
    sentences of the text it reads, checked to give the same result as the whole text)."""
    report.view = view_digest(report.meta, report.units, report.acronyms)
    report.__dict__["_sketch"] = text_sketch(report.doc.text)  # for merge_same_reports
    said = classify._status_sentences(report)
    excerpt = "\n".join(sentence for sentence, _ in said)
    try:
        same = classify._status_sentences(SimpleNamespace(doc=SimpleNamespace(text=excerpt))) == said  # type: ignore[arg-type]
    except AttributeError:
        same = False
    text = excerpt if same else report.doc.text
    m = report.meta
    inputs = [str(m.get("date")), m.get("programme"), m.get("organiser"), text,
              [(u.kind, u.text) for u in report.units]]
    digest = hashlib.sha256(json.dumps(inputs, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:32]
    report.__dict__["_follow_up"] = (text, digest)


def follow_up(reports: list[Report], cache_dir: Path | None) -> None:
    """classify.follow_up_status, reused from the last build when none of its inputs changed (page names, dates,
    programmes, organisers, statements and follow-up sentences), else run on the sentences it reads."""
    signature = hashlib.sha256("\n".join(f"{r.slug}\t{_follow_up_input(r)[1]}" for r in reports)
                               .encode("utf-8")).hexdigest()
    state = load_state(cache_dir, "follow-up")
    statuses = state.get("statuses") if state.get("signature") == signature else None
    if statuses is not None:
        for r in reports:
            for u, (status, source) in zip(r.units, statuses[r.slug]):
                u.status, u.status_source = status, source
        return
    follow_up_status([SimpleNamespace(slug=r.slug, meta=r.meta, units=r.units,  # type: ignore[misc]
                                      doc=SimpleNamespace(text=_follow_up_input(r)[0])) for r in reports])
    if cache_dir:
        save_state(cache_dir, "follow-up", {"signature": signature, "statuses": {
            r.slug: [(u.status, u.status_source) for u in r.units] for r in reports}})


def _follow_up_input(report: Report) -> tuple[str, str]:
    if "_follow_up" not in report.__dict__:
        _summarise(report)
    return report.__dict__["_follow_up"]
