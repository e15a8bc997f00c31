"""Citations: the French citation of a report or a unit, and BibTeX, RIS and CSL-JSON exports (strings only)."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import rispy

from ..models import UNIT_KINDS, Report, Unit
from ..paths import REPORTS_DIR

SITE_NAME = "Base de connaissances santé et action sociale"
CONSULTED = "{consulte}"  # replaced in the browser by the day the reader copies the citation
UNIT_NAMES = {kind: k.singular for kind, k in UNIT_KINDS.items()}  # French name of one statement


def json_lines(items: list[Any]) -> str:
    """A JSON list with one item per line: readable, diff-friendly, and written by the fast C encoder
    (``indent=`` would switch to the pure-Python one, ten times slower on 200,000 statements)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=False) for item in items) + "\n]\n"


CSV_HEADERS = {  # French column names (the JSON keeps the English keys programs use)
    "slug": "page", "title": "titre", "country": "pays", "countries": "pays (liste)", "programme": "programme",
    "programme_long": "programme (nom complet)", "date": "date", "date_end": "date de fin", "year": "année",
    "organiser": "organisateur", "partners": "partenaires", "themes": "thèmes (identifiants)", "tags": "thèmes",
    "summary": "résumé", "source": "fichier source", "url": "adresse", "doc_type": "type de document",
    "city": "ville", "id": "identifiant", "kind": "nature (identifiant)", "kind_label": "nature", "text": "énoncé",
    "report": "rapport", "report_title": "titre du rapport", "structure": "responsable", "deadline": "échéance",
    "topic": "point discuté", "value": "valeur", "target": "cible", "page": "page du document source",
    "status": "statut", "status_report": "rapport de suivi", "unverified": "à vérifier"}
CSV_SEPARATOR = ";"  # French Excel splits a double-clicked CSV on ';' (its list separator where ',' is the decimal mark)


def csv_text(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """A CSV with the JSON's columns under French headers, for French Excel: UTF-8 with a byte-order mark (else
    Excel reads it as Windows-1252: 'ComitÃ©'), ';' between columns; lists joined with '; ', missing values empty."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n", delimiter=CSV_SEPARATOR)
    writer.writerow([CSV_HEADERS.get(k, k) for k in fields])
    writer.writerows([_cell(row.get(k)) for k in fields] for row in rows)
    return buf.getvalue()


def _cell(value: Any) -> Any:
    kind = type(value)
    if kind is str:  # most cells: tested inline (csv_cell's rule), a function call less per cell
        return "'" + value if value[:1] in _FORMULA_CHARS else value
    if value is None:
        return ""
    if kind is list:
        return csv_cell("; ".join(value))
    return csv_cell(value)


LOCAL_HOSTS = re.compile(r"^(?:localhost|127(?:\.\d+){3}|\[?::1\]?|0\.0\.0\.0)$")
NBSP = "\u00a0"
DEFAULT_TYPE = "Compte rendu"


@lru_cache(maxsize=8)
def public(base_url: str) -> str:
    """The site's public address, or '' when it has none (a local preview): nothing a reader copies or downloads
    may point at 127.0.0.1 or localhost, so citations then name the knowledge base and give no URL."""
    host = urlsplit(base_url or "").hostname or ""
    return "" if not host or LOCAL_HOSTS.match(host) else base_url.rstrip("/") + "/"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_FORMULA_CHARS = frozenset(FORMULA_START)  # each one character


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one that would start a formula ('=', '+', '-', '@', tab, line break,
    or their full-width forms) gets a leading apostrophe, as OWASP recommends against CSV injection."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def report_url(base_url: str, report: Report) -> str:
    """The report's permalink, or '' without a public address."""
    root = public(base_url)
    return f"{root}{REPORTS_DIR}/{report.slug}/" if root else ""


def _author(meta: dict[str, Any]) -> str:
    """The organiser, else the programme; '' when the report names neither."""
    return meta.get("organiser") or meta.get("programme") or ""


def doc_type(meta: dict[str, Any]) -> str:
    return meta.get("doc_type") or DEFAULT_TYPE


def place(meta: dict[str, Any]) -> str:
    """'Bamako, Mali' when the text names the town, else the countries."""
    countries = ", ".join(meta.get("countries") or [])
    town = meta.get("city") or ""
    return f"{town}, {countries}" if town and countries else town or countries


def french_typography(text: str) -> str:
    """Non-breaking spaces where French typography wants them: before ':', ';', '?', '!' and inside « »
    (never inside a URL: a colon or a question mark followed by a letter is left alone)."""
    text = re.sub(r"(?<=\S) ?([:;?!])(?=\s|$|\))", lambda m: NBSP + m.group(1), text)
    text = re.sub(r"«\s*", "«" + NBSP, text)
    return re.sub(r"\s*»", NBSP + "»", text)


def reference_parts(meta: dict[str, Any], url: str) -> tuple[str, str, str]:
    """The reference in three parts, the title in the middle (set in italics where the format allows), as the
    standard CSL style 'Harvard Cite Them Right' renders it with the fr-FR locale (tests/test_cite.py checks it
    against citeproc-py), formatted here because citeproc is too slow for thousands of pages, then given French
    typography: 'Auteur (année) *Titre*. Type. Ville, Pays : Éditeur. Disponible sur : URL (Consulté le : …).'
    Without a public address, no URL and no consultation date."""
    author = _author(meta)
    year = str(meta.get("date") or "")[:4] or "sans date"
    title = meta["title"].rstrip(". ")
    before, after = (f"{author} ({year}) ", ".") if author else ("", f" ({year}).")
    where = place(meta)
    publisher = f"{where}: {SITE_NAME}" if where else SITE_NAME
    after += f" {doc_type(meta)}. {publisher}."
    if url:
        after += f" Disponible sur: {url} (Consulté le: {CONSULTED})."
    return french_typography(before), french_typography(title), french_typography(after)


def reference_record(meta: dict[str, Any]) -> dict[str, str]:
    """What the browser (panier.js) composes reference_parts and short_reference from, written once per report on
    a page: a: author (organiser, else programme), y: year (the date's first four characters), t: title,
    d: document type, p: place; a key without a value is left out."""
    record = {"a": _author(meta), "y": str(meta.get("date") or "")[:4], "t": meta["title"], "d": doc_type(meta),
              "p": place(meta)}
    return {k: v for k, v in record.items() if v}


def _reference(meta: dict[str, Any], url: str) -> str:
    return "".join(reference_parts(meta, url))


def report_citation(report: Report, base_url: str) -> str:
    """The report's reference, its permalink included when the site has a public address."""
    return _reference(report.meta, report_url(base_url, report))


def short_reference(meta: dict[str, Any]) -> str:
    """'(Comité technique du PRODESS, 2017)': what follows a quotation in the text of a proposal."""
    year = str(meta.get("date") or "")[:4] or "s.\u00a0d."
    return f"({_author(meta) or meta['title']}, {year})"


def unit_citation(unit: Unit, report: Report, base_url: str) -> str:
    """The unit's words in quotes, then its report's reference with the permalink to the unit's anchor."""
    extra = "".join([f" Responsable : {unit.structure}." if unit.structure else "",
                     f" Échéance : {unit.deadline}." if unit.deadline else "",
                     f" Page {unit.page} du document source." if unit.page else ""])
    url = report_url(base_url, report)
    return french_typography(f"{UNIT_NAMES[unit.kind]} : « {quoted(unit.text)} »{extra} Dans : ") + _reference(
        report.meta, url + "#" + unit.uid if url else "")


def quoted(text: str) -> str:
    """A statement as it stands inside « »: its final full stop dropped (the sentence goes on after the quote)."""
    text = " ".join(text.split())
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _date_parts(date: str | None) -> list[int]:
    return [int(p) for p in date.split("-")] if date else []


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's '1.' numbering line before each record."""

    def set_header(self, count: int) -> str:
        return ""


def bibtex(reports: list[Report], base_url: str) -> str:
    """@techreport entries, keyed by page name; braces keep the organiser a corporate author. Written here in
    the layout of bibtexparser's writer (one tab-indented field a line, entries two blank lines apart), which
    took a second per 10,000 reports; tests/test_cite.py parses the result with bibtexparser."""
    entries = []
    for r in reports:
        m = r.meta
        fields = [("title", "{" + _bib(m["title"]) + "}")]
        if _author(m):
            fields += [("author", "{" + _bib(_author(m)) + "}"), ("institution", "{" + _bib(_author(m)) + "}")]
        fields.append(("type", _bib(doc_type(m))))
        if report_url(base_url, r):
            fields.append(("url", report_url(base_url, r)))
        fields.append(("language", "french"))
        parts = _date_parts(m.get("date"))
        if parts:
            fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        if place(m):
            fields.append(("address", _bib(place(m))))
        if m.get("programme"):
            fields.append(("note", _bib(f"Programme : {m['programme']}")))
        if m.get("tags"):
            fields.append(("keywords", _bib(", ".join(m["tags"]))))
        entries.append(f"@techreport{{{r.slug},\n" + ",\n".join(f"\t{k} = {{{v}}}" for k, v in fields) + "\n}\n")
    return "\n\n".join(entries)


_BIB_ESCAPES = str.maketrans({"{": r"\textbraceleft{}", "}": r"\textbraceright{}", "\\": r"\textbackslash{}", "%": r"\%",
                              "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"})


def _bib(text: str) -> str:
    """BibTeX-safe text: braces balanced by escaping (BibTeX counts every brace, '\\{' too: braces are written as
    commands), special characters escaped."""
    return str(text).translate(_BIB_ESCAPES)


def ris(reports: list[Report], base_url: str) -> str:
    """RIS records of type RPRT (report)."""
    records = []
    for r in reports:
        m = r.meta
        rec: dict[str, Any] = {"type_of_reference": "RPRT", "title": m["title"], "publisher": SITE_NAME,
                               "language": "fr", "id": r.slug, "type_of_work": doc_type(m)}
        if report_url(base_url, r):
            rec["urls"] = [report_url(base_url, r)]
        if _author(m):
            rec["authors"] = [_author(m)]
        parts = _date_parts(m.get("date"))
        if parts:
            rec["year"] = str(parts[0])
            rec["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
        if place(m):
            rec["place_published"] = place(m)
        if m.get("summary"):
            rec["abstract"] = " ".join(m["summary"].split())
        if m.get("tags"):
            rec["keywords"] = list(m["tags"])
        records.append(rec)
    return rispy.dumps(records, implementation=_RisWriter)


def csl_items(reports: list[Report], base_url: str) -> list[dict[str, Any]]:
    """CSL-JSON items (type 'report'), the input of Zotero, Pandoc and citeproc processors."""
    items = []
    for r in reports:
        m = r.meta
        item: dict[str, Any] = {"id": r.slug, "type": "report", "title": m["title"], "publisher": SITE_NAME,
                                "language": "fr", "genre": doc_type(m)}
        if report_url(base_url, r):
            item["URL"] = report_url(base_url, r)
        if _author(m):
            item["author"] = [{"literal": _author(m)}]
        parts = _date_parts(m.get("date"))
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if place(m):
            item["publisher-place"] = place(m)
        if m.get("summary"):
            item["abstract"] = m["summary"]
        if m.get("tags"):
            item["keyword"] = ", ".join(m["tags"])
        items.append(item)
    return items


def csl_json(reports: list[Report], base_url: str) -> str:
    return json_lines(csl_items(reports, base_url))


UNIT_FIELDS = ("id", "kind", "kind_label", "text", "report", "report_title", "structure", "deadline", "topic", "value",
               "target", "page", "status", "status_report", "themes")


def unit_rows(reports: list[Report]) -> list[dict[str, Any]]:
    """One row per citable unit, in report then reading order. Its report is named by page name and title only:
    the report's date, places, organiser and address are in the catalogue (one row per report), not repeated on
    each of its statements."""
    rows = []
    for r in sorted(reports, key=lambda r: r.slug):
        m = r.meta
        for u in r.units:
            rows.append({"id": f"{r.slug}#{u.uid}", "kind": u.kind, "kind_label": UNIT_NAMES[u.kind], "text": u.text,
                         "report": r.slug, "report_title": m["title"], "structure": u.structure,
                         "deadline": u.deadline, "topic": u.topic, "value": u.value, "target": u.target, "page": u.page,
                         "status": u.status, "status_report": u.status_source, "themes": u.themes or m["themes"]})
    return rows


def units_csv(reports: list[Report]) -> str:
    """One part of the statements export: the statements of these reports, as CSV for French Excel."""
    return csv_text(unit_rows(reports), UNIT_FIELDS)


def units_index(parts: list[tuple[str, int | None, int, int]]) -> str:
    """The statements export's list of parts, for programs: each file (beside this list) with its year (null for
    undated reports) and its numbers of reports and statements; and how to read them (separator, encoding, the
    English key of each French column header)."""
    data = {"format": "csv", "separator": CSV_SEPARATOR, "encoding": "utf-8-sig",
            "columns": [{"key": k, "header": CSV_HEADERS.get(k, k)} for k in UNIT_FIELDS],
            "parts": [{"file": name, "year": year, "reports": n_reports, "statements": n_units}
                      for name, year, n_reports, n_units in parts]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


DESCRIPTION_LENGTH = 300  # characters: what search engines and link previews show


def description(meta: dict[str, Any]) -> str:
    """One line about the report for search engines and shared links: its summary (cut at a word), else what it is."""
    summary = " ".join(str(meta.get("summary") or "").split())
    if summary:
        if len(summary) <= DESCRIPTION_LENGTH:
            return summary
        return summary[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    parts = [p for p in (_author(meta), place(meta), str(meta.get("date") or "")[:4]) if p]
    return f"{doc_type(meta)} : {meta['title']}" + (f" ({', '.join(parts)})" if parts else "") + "."


def meta_tags(report: Report, base_url: str, original_url: str = "") -> list[list[str]]:
    """The report's machine-readable citation for the page head, as [attribute, name, content] triples: Highwire
    Press tags (Google Scholar, Zotero's Embedded Metadata translator), Dublin Core, OpenGraph (link previews).
    A missing value gives no tag. ``original_url``: the published original document (its PDF for citation_pdf_url)."""
    m = report.meta
    url = report_url(base_url, report)
    author, date = _author(m), str(m.get("date") or "")
    tags: list[list[str]] = [["name", "citation_title", m["title"]]]
    if author:
        tags += [["name", "citation_author", author], ["name", "citation_technical_report_institution", author]]
    if date:
        tags.append(["name", "citation_publication_date", date.replace("-", "/")])
    tags += [["name", "citation_publisher", SITE_NAME], ["name", "citation_language", "fr"]]
    if url:
        tags.append(["name", "citation_public_url", url])
    if original_url and original_url.lower().endswith(".pdf"):
        tags.append(["name", "citation_pdf_url", original_url])
    tags.append(["name", "DC.title", m["title"]])
    if author:
        tags.append(["name", "DC.creator", author])
    if date:
        tags.append(["name", "DC.date", date])
    tags += [["name", "DC.type", doc_type(m)], ["name", "DC.language", "fr"], ["name", "DC.publisher", SITE_NAME]]
    tags += [["name", "DC.coverage", c] for c in m.get("countries") or []]
    tags += [["name", "DC.subject", t] for t in m.get("tags") or []]
    if url:
        tags.append(["name", "DC.identifier", url])
    tags += [["property", "og:title", m["title"]], ["property", "og:description", description(m)],
             ["property", "og:type", "article"], ["property", "og:site_name", SITE_NAME],
             ["property", "og:locale", "fr_FR"]]
    if url:
        tags.append(["property", "og:url", url])
    return tags
