"""The one-way pipeline for the whole corpus: read -> extract -> classify (no printing, no writing)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from . import readers
from .cache import Cache, document_key
from .classify import classify_themes, unit_themes
from .config import Vocabulary
from .extract.acronyms import acronyms_in_report
from .extract.dates import extract_dates
from .extract.organisations import extract_organiser, extract_partners
from .extract.places import extract_country
from .extract.programmes import extract_programme
from .extract.structure import parse_blocks
from .extract.titles import extract_summary, extract_title, headline
from .extract.units import extract_units
from .models import Found, Problem, Report, SourceDocument

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


def discover(source_dir: Path) -> list[Path]:
    """Report files under the source folder, sorted; sidecars, hidden files and READMEs are not reports."""
    files = []
    for path in sorted(source_dir.rglob("*")):
        rel = path.relative_to(source_dir)
        if not path.is_file() or any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if readers.is_sidecar(path) or path.name in readers.IGNORED_NAMES:
            continue
        files.append(path)
    return files


def read_all(source_dir: Path, corpus: Corpus, max_bytes: int | None = None) -> list[SourceDocument]:
    """Read every report; an unreadable one becomes a Problem and the others carry on."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    docs: list[SourceDocument] = []
    by_digest: dict[str, str] = {}
    for path in discover(source_dir):
        source = path.relative_to(source_dir).as_posix()
        size = path.stat().st_size
        if size > max_bytes:
            corpus.problems.append(Problem(source, f"file is {_human(size)}, over the {_human(max_bytes)} limit",
                                           "split the report or remove embedded images, then rebuild"))
            corpus.skipped.append(source)
            continue
        if size == 0:
            corpus.problems.append(Problem(source, "file is empty (0 bytes)",
                                           "add the report's text, or delete the file"))
            corpus.skipped.append(source)
            continue
        try:
            doc = readers.read(path, source)
            doc = _with_sidecar(path, doc)
        except readers.ReadError as exc:
            corpus.problems.append(Problem(source, exc.message, exc.hint))
            corpus.skipped.append(source)
            continue
        except Exception as exc:  # a reader bug or a library failure must not cost the other reports
            corpus.problems.append(Problem(source, f"could not be read ({type(exc).__name__}: {exc})",
                                           "check that the file opens in its usual program, then report it"))
            corpus.skipped.append(source)
            continue
        if doc.sha256 in by_digest:
            corpus.problems.append(Problem(source, f"same text as {by_digest[doc.sha256]}: kept once, under that name",
                                           "delete one of the two copies"))
            corpus.skipped.append(source)
            continue
        by_digest[doc.sha256] = source
        docs.append(doc)
    return docs


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
    text = doc.text
    blocks = [copy.copy(b) for b in doc.blocks] if doc.blocks else parse_blocks(text, doc.fmt)
    head = headline(blocks)
    start, end = extract_dates(text)
    programme = extract_programme(text, vocab, head[0] if head else "")
    organiser = extract_organiser(text, vocab)
    prog = programme.value
    hints: dict[str, float] = {}
    if prog is not None and prog.country:
        hints[prog.country] = hints.get(prog.country, 0) + 1.5
    country = extract_country(text, vocab, hints)
    short = _short_org(organiser.value)
    title = extract_title(blocks, text, programme=prog.name if prog else None, organiser_short=short, date=start.value,
                          organiser_long=organiser.value)
    found: dict[str, Found] = {
        "title": title,
        "country": country,
        "programme": Found(prog.name if prog else None, programme.snippet, programme.confidence, programme.method),
        "date": start,
        "date_end": end,
        "organiser": organiser,
        "partners": extract_partners(text, vocab, organiser.value),
        "themes": classify_themes(text, title.value, vocab),
        "summary": extract_summary(blocks, head[1] if head else None),
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
    base = {r.source: slugify(r.meta["title"], max_length=70, word_boundary=True, save_order=True) or "rapport"
            for r in reports}
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s] = counts.get(s, 0) + 1
    for r in reports:
        s = base[r.source]
        if counts[s] > 1 or s == "index":  # 'index' is the list of all reports
            s = f"{s}-{hashlib.sha1(r.source.encode('utf-8')).hexdigest()[:6]}"
        r.slug = s


_WORKER_VOCAB: Vocabulary | None = None
PARALLEL_THRESHOLD = 64  # fewer reports than this are not worth starting worker processes


def _init_worker(vocab: Vocabulary) -> None:
    global _WORKER_VOCAB
    _WORKER_VOCAB = vocab


def _extract_safely(doc: SourceDocument, vocab: Vocabulary | None = None) -> tuple[Report | None, list[Problem]]:
    """Extract one report; a bug must not cost the other reports: the message says which file triggered it."""
    try:
        return extract_report(doc, vocab or _WORKER_VOCAB)  # type: ignore[arg-type]
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


def build_corpus(source_dir: Path, vocab: Vocabulary, *, cache_dir: Path | None = None,
                 workers: int = 1) -> Corpus:
    """Read every report, extract what the cache does not already hold (in parallel), assign page names."""
    corpus = Corpus()
    docs = read_all(source_dir, corpus)
    cache = Cache(cache_dir, "extraction")
    keys = [document_key(d.source, content_digest(d), d.fmt, d.curated, d.curated_origin + vocab.digest)
            for d in docs]
    results: dict[str, tuple[Report | None, list[Problem]]] = {}
    missing = []
    for doc, key in zip(docs, keys):
        hit = cache.get(key)
        if hit is not None:
            results[key] = (dataclasses.replace(hit[0], doc=doc, key=key), hit[1])
        else:
            missing.append((doc, key))
    for (doc, key), result in zip(missing, _extract_all([d for d, _ in missing], vocab, workers)):
        results[key] = result
        if result[0] is not None:
            result[0].key = key
            cache.put(key, (dataclasses.replace(result[0], doc=_WITHOUT_TEXT), result[1]))
    corpus.cache_hits = cache.hits
    for doc, key in zip(docs, keys):
        report, problems = results[key]
        corpus.problems.extend(problems)
        if report is None:
            corpus.skipped.append(doc.source)
        else:
            corpus.reports.append(report)
    cache.save()
    assign_slugs(corpus.reports)
    corpus.reports.sort(key=lambda r: r.slug)
    return corpus


# Cached reports do not carry their text: it is read again (and verified by its digest) on every build.
_WITHOUT_TEXT = SourceDocument(source="", text="", fmt="", encoding="", sha256="")
