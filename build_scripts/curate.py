"""Curated values over extracted ones: a curator's front-matter or sidecar wins, each value checked (with "did
you mean"); then the page names of the whole corpus, unique, with their old addresses."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from . import digest, originals
from .config import Vocabulary
from .extract.document import DOC_TYPES, meeting_town
from .extract.report import countries as _countries
from .models import CONFIDENT, Found, Problem, Report, SourceDocument
from .paths import SLUG_RE, file_slug, old_name, title_slug

ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EXTRACTED_FIELDS = ("title", "country", "programme", "date", "date_end", "organiser", "partners", "themes", "summary",
                    "doc_type", "city")
# the fields a reader cites and browses by: when the extractor is not confident of one and no curator set it, the
# report's page says it is to be checked (the same fields and threshold as 'check')
CHECKED_FIELDS = ("country", "programme", "date", "organiser")
ADDRESS_FIELDS = ("slug", "aliases")  # the page's address and its old addresses (see _address)
CURATED_FIELDS = EXTRACTED_FIELDS + ADDRESS_FIELDS  # a curator can override every extracted field, and name the address


def apply(report: Report, vocab: Vocabulary, programme_long: str) -> list[Problem]:
    """The report's front-matter (``meta``) and asked-for address: curated values (validated) over extracted
    ones; the original document offered for download; the reader's notes as warnings."""
    doc = report.doc
    assert doc is not None
    problems = _apply(report, vocab, programme_long)
    if doc.original:
        report.meta["originals"] = [originals.entry(doc.source, doc.original)]
    problems += [Problem(doc.source, note, fatal=False) for note in doc.notes]  # what the reader could not read
    return problems


def _apply(report: Report, vocab: Vocabulary, programme_long: str) -> list[Problem]:
    """Final front-matter values: curated ones (validated) over extracted ones."""
    doc, found = report.doc, report.found
    assert doc is not None and found is not None
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
    unverified = [f for f in CHECKED_FIELDS if values[f] and found[f].confidence < CONFIDENT]
    if unverified:
        meta["unverified"] = unverified  # the page marks them 'à vérifier' (a curated value is verified)
    if aliases:
        meta["aliases"] = aliases
    if doc.ocr:
        meta["ocr"] = True  # the page says its text comes from character recognition
    report.meta = meta
    report.address = slug
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
                                    f"joined by '-', e.g. 'slug: {title_slug(str(curated))}'", field="slug", fatal=False))
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
    base = {r.source: r.address or file_slug(r.source) for r in reports}
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s] = counts.get(s, 0) + 1
    final = {}
    for r in reports:
        s = base[r.source]
        if counts[s] > 1 or s == "index":  # 'index' is the list of all reports
            s = f"{s}-{digest.suffix(r.source, 6)}"
        final[r.source] = s
    for width in (12, 40):  # a name can read like another report's suffixed name: longer suffixes until unique
        seen: dict[str, int] = {}
        for s in final.values():
            seen[s] = seen.get(s, 0) + 1
        for r in reports:
            if seen[final[r.source]] > 1:
                final[r.source] = f"{base[r.source]}-{digest.suffix(r.source, width)}"
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


