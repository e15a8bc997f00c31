"""The one-way pipeline for the whole corpus: read -> extract -> classify (no printing; it writes only its
caches, never the site's files)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import difflib
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from slugify import slugify

from . import readers
from .cache import Cache, Store, document_key, load_state, save_state, view_digest
from . import classify
from .classify import classify_themes, follow_up_status, unit_themes
from .config import Vocabulary
from .extract.acronyms import acronyms_in_report
from .extract.dates import extract_dates
from .extract.lead import strip_lead
from .extract.organisations import extract_organiser, extract_partners
from .extract.places import extract_country
from .extract.programmes import extract_programme
from .extract.structure import parse_blocks
from .extract.titles import extract_summary, extract_title, headline, known_acronyms
from .extract.units import extract_units
from .models import Found, Problem, Report, SourceDocument, Unit

MAX_BYTES = 20 * 1024 * 1024
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EXTRACTED_FIELDS = ("title", "country", "programme", "date", "date_end", "organiser", "partners", "themes", "summary")
CURATED_FIELDS = EXTRACTED_FIELDS  # a curator can override every extracted field, and only those


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


def scan(source_dir: Path) -> list[tuple[Path, str, tuple]]:
    """Report files, sorted, each with its path relative to the source folder and its stat signature: size,
    times and inode of the file and of any sidecar, so that an unchanged signature means an unchanged report."""
    found: list[tuple[tuple[str, ...], str, str, set[str]]] = []
    root = str(source_dir)
    for folder, dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        present = set(names)
        for name in names:
            if name.startswith((".", "_")) or name.endswith(readers.SIDECAR_SUFFIXES) or name in readers.IGNORED_NAMES:
                continue
            found.append((parts + (name,), folder, name, present))
    found.sort(key=lambda item: item[0])
    out = []
    for parts, folder, name, present in found:
        path = os.path.join(folder, name)
        try:
            st = os.stat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        signature: list = [_stat_signature(st)]
        dot = name.rfind(".")
        stem = name[:dot] if 0 < dot < len(name) - 1 else name  # as Path.stem
        for suffix in readers.SIDECAR_SUFFIXES:
            sidecar = stem + suffix
            signature.append(_stat_signature(os.stat(os.path.join(folder, sidecar))) if sidecar in present else None)
        out.append((Path(path), "/".join(parts), tuple(signature)))
    return out


def _stat_signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def read_all(source_dir: Path, corpus: Corpus, max_bytes: int | None = None) -> list[SourceDocument]:
    """Read every report; an unreadable one becomes a Problem and the others carry on."""
    docs: list[SourceDocument] = []
    by_digest: dict[str, str] = {}
    for path, source, _ in scan(source_dir):
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
        return _with_sidecar(path, doc)
    except readers.ReadError as exc:
        corpus.problems.append(Problem(source, exc.message, exc.hint))
    except Exception as exc:  # a reader bug or a library failure must not cost the other reports
        corpus.problems.append(Problem(source, f"could not be read ({type(exc).__name__}: {exc})",
                                       "check that the file opens in its usual program, then report it"))
    corpus.skipped.append(source)
    return None


def _duplicate(source: str, sha256: str, by_digest: dict[str, str], corpus: Corpus) -> bool:
    """A second file with the same text is skipped (the first one, in file order, is kept)."""
    if sha256 in by_digest:
        corpus.problems.append(Problem(source, f"same text as {by_digest[sha256]}: kept once, under that name",
                                       "delete one of the two copies"))
        corpus.skipped.append(source)
        return True
    by_digest[sha256] = source
    return False


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
    }
    units = extract_units(blocks)
    for u in units:
        u.page = blocks[u.block].page if 0 <= u.block < len(blocks) else None
        u.themes = unit_themes(u.text, vocab)
    report = Report(doc=doc, found=found, blocks=blocks, units=units, acronyms=acronyms_in_report(text, vocab))
    problems = _apply(report, vocab, prog.long if prog else "")
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
    problems = []
    origin = doc.curated_origin or "front-matter"
    for key, value in doc.curated.items():
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
    countries = [] if country is None else [country] if isinstance(country, str) else list(country)
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
        "source": doc.source,
        "source_format": doc.fmt,
        "encoding": doc.encoding,
    }
    report.meta = meta
    return problems


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
    if key == "partners":
        ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        return "" if ok else "must be a list of names"
    if key == "title" and (not isinstance(value, str) or not value.strip()):
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
        return f"must be text, found {value!r}"
    return ""


def assign_slugs(reports: list[Report]) -> None:
    """Page names from titles; names that collide all get a suffix from their source path (stable)."""
    base = {r.source: r.__dict__.get("_slug") or _title_slug(r.meta["title"]) for r in reports}
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s] = counts.get(s, 0) + 1
    for r in reports:
        s = base[r.source]
        if counts[s] > 1 or s == "index":  # 'index' is the list of all reports
            s = f"{s}-{hashlib.sha1(r.source.encode('utf-8')).hexdigest()[:6]}"
        r.slug = s


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
    payload = "\x00".join([doc.text, doc.encoding, doc.fmt, repr(doc.blocks)])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


DROP_ONE_BY_ONE = 100  # fewer stale bodies than this are removed by name, more by listing the whole store
SETTLE_NS = 2_000_000_000  # a file changed this close to a build may change again within the same time stamp


def build_corpus(source_dir: Path, vocab: Vocabulary, *, cache_dir: Path | None = None,
                 workers: int = 1) -> Corpus:
    """Read the reports whose file changed since the last build, extract what the cache does not already hold
    (in parallel), take the others from the cache (their body loads only if a page needs it), name the pages."""
    corpus = Corpus()
    started = time.time_ns()
    state = load_state(cache_dir, "sources")
    known = state.get("sources", {}) if state.get("vocabulary") == vocab.digest else {}
    cache = Cache(cache_dir, "extraction")
    bodies = Store(cache_dir, "bodies")
    by_digest: dict[str, str] = {}
    signatures: dict[str, tuple] = {}
    wanted: list[tuple[str, str, SourceDocument | None]] = []  # (source, key, document when read)
    for path, source, signature in scan(source_dir):
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
    assign_slugs(corpus.reports)
    corpus.reports.sort(key=lambda r: r.slug)
    return corpus


class CachedReport(Report):
    """A report from the extraction cache: what listings need is here at once; its text, body blocks and
    provenance are loaded on first use (from the cache, else by reading and extracting its file again)."""

    def __init__(self, key: str, record: dict[str, Any], load: Any) -> None:  # the dataclass __init__ is bypassed
        units = [Unit(*values) for values in record["units"]]
        self.__dict__.update(slug="", meta=record["meta"], units=units, acronyms=record["acronyms"],
                             key=key, view=record["view"], _source=record["source"], _follow_up=record["follow_up"],
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
            "slug": report.__dict__["_slug"], "keys": classify.report_keys(report)}


def _summarise(report: Report) -> None:
    """Digests of what listings show (view) and of what the follow-up of recommendations reads (with the only
    sentences of the text it reads, checked to give the same result as the whole text)."""
    report.view = view_digest(report.meta, report.units, report.acronyms)
    report.__dict__["_slug"] = _title_slug(report.meta["title"])  # slugify is slow: done once, with extraction
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
