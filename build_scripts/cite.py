"""Citations: the French citation of a report or a unit, and BibTeX, RIS and CSL-JSON exports (strings only)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import bibtexparser
import rispy
from bibtexparser import model
from bibtexparser.middlewares import default_unparse_stack

from .models import Report, Unit

SITE_NAME = "Base de connaissances santé et action sociale"
CONSULTED = "{consulte}"  # replaced in the browser by the day the reader copies the citation
UNIT_NAMES = {"lesson": "Leçon apprise", "recommendation": "Recommandation", "difficulty": "Difficulté",
              "figure": "Chiffre clé", "perspective": "Perspective"}


def json_lines(items: list[Any]) -> str:
    """A JSON list with one item per line: readable, diff-friendly, and written by the fast C encoder
    (``indent=`` would switch to the pure-Python one, ten times slower on 200,000 statements)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=False) for item in items) + "\n]\n"


def csv_text(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """A CSV with the JSON's columns: lists joined with '; ', missing values empty."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell("; ".join(v) if isinstance(v, list) else ("" if v is None else v))
                         for k, v in row.items()})
    return buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one that would start a formula ('=', '+', '-', '@', tab, line break,
    or their full-width forms) gets a leading apostrophe, as OWASP recommends against CSV injection."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def report_url(base_url: str, report: Report) -> str:
    return f"{base_url.rstrip('/')}/rapports/{report.slug}/"


def _author(meta: dict[str, Any]) -> str:
    """The organiser, else the programme; '' when the report names neither."""
    return meta.get("organiser") or meta.get("programme") or ""


def _reference(meta: dict[str, Any], url: str) -> str:
    """The reference as the standard CSL style 'Harvard Cite Them Right' renders it with the fr-FR locale
    (tests/test_cite.py checks it against citeproc-py), formatted here because citeproc is too slow for
    thousands of pages: 'Auteur (année) Titre. Compte rendu. Pays: Éditeur. Disponible sur: URL (Consulté le: …).'"""
    author = _author(meta)
    year = str(meta.get("date") or "")[:4] or "sans date"
    title = meta["title"].rstrip(". ")
    head = f"{author} ({year}) {title}." if author else f"{title} ({year})."
    place = ", ".join(meta.get("countries") or [])
    publisher = f"{place}: {SITE_NAME}" if place else SITE_NAME
    return f"{head} Compte rendu. {publisher}. Disponible sur: {url} (Consulté le: {CONSULTED})."


def report_citation(report: Report, base_url: str) -> str:
    """The report's reference, its permalink included."""
    return _reference(report.meta, report_url(base_url, report))


def unit_citation(unit: Unit, report: Report, base_url: str) -> str:
    """The unit's words in quotes, then its report's reference with the permalink to the unit's anchor."""
    extra = "".join([f" Responsable : {unit.structure}." if unit.structure else "",
                     f" Échéance : {unit.deadline}." if unit.deadline else "",
                     f" Page {unit.page} du document source." if unit.page else ""])
    return (f"{UNIT_NAMES[unit.kind]} : « {unit.text.rstrip()} ».{extra} Dans : "
            f"{_reference(report.meta, report_url(base_url, report) + '#' + unit.uid)}")


def _date_parts(date: str | None) -> list[int]:
    return [int(p) for p in date.split("-")] if date else []


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's '1.' numbering line before each record."""

    def set_header(self, count: int) -> str:
        return ""


def bibtex(reports: list[Report], base_url: str) -> str:
    """@techreport entries, keyed by page name; braces keep the organiser a corporate author."""
    library = bibtexparser.Library()
    for r in reports:
        m = r.meta
        fields = [("title", "{" + _bib(m["title"]) + "}")]
        if _author(m):
            fields += [("author", "{" + _bib(_author(m)) + "}"), ("institution", "{" + _bib(_author(m)) + "}")]
        fields += [("type", "Compte rendu"), ("url", report_url(base_url, r)), ("language", "french")]
        parts = _date_parts(m.get("date"))
        if parts:
            fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        if m.get("countries"):
            fields.append(("address", _bib(", ".join(m["countries"]))))
        if m.get("programme"):
            fields.append(("note", _bib(f"Programme : {m['programme']}")))
        if m.get("tags"):
            fields.append(("keywords", _bib(", ".join(m["tags"]))))
        library.add(model.Entry("techreport", r.slug, [model.Field(k, v) for k, v in fields]))
    # The library is built here and thrown away: the writer may modify it in place (no deep copy per entry).
    return bibtexparser.write_string(library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


def _bib(text: str) -> str:
    """BibTeX-safe text: braces balanced by escaping, special characters escaped."""
    out = []
    for ch in str(text):  # BibTeX counts every brace, '\{' too: braces are written as commands
        out.append({"{": r"\textbraceleft{}", "}": r"\textbraceright{}", "\\": r"\textbackslash{}", "%": r"\%",
                    "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"}.get(ch, ch))
    return "".join(out)


def ris(reports: list[Report], base_url: str) -> str:
    """RIS records of type RPRT (report)."""
    records = []
    for r in reports:
        m = r.meta
        rec: dict[str, Any] = {"type_of_reference": "RPRT", "title": m["title"],
                               "urls": [report_url(base_url, r)], "publisher": SITE_NAME, "language": "fr",
                               "id": r.slug}
        if _author(m):
            rec["authors"] = [_author(m)]
        parts = _date_parts(m.get("date"))
        if parts:
            rec["year"] = str(parts[0])
            rec["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
        if m.get("countries"):
            rec["place_published"] = ", ".join(m["countries"])
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
                                "URL": report_url(base_url, r), "language": "fr", "genre": "Compte rendu"}
        if _author(m):
            item["author"] = [{"literal": _author(m)}]
        parts = _date_parts(m.get("date"))
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if m.get("countries"):
            item["publisher-place"] = ", ".join(m["countries"])
        if m.get("summary"):
            item["abstract"] = m["summary"]
        if m.get("tags"):
            item["keyword"] = ", ".join(m["tags"])
        items.append(item)
    return items


def csl_json(reports: list[Report], base_url: str) -> str:
    return json_lines(csl_items(reports, base_url))


UNIT_FIELDS = ("id", "kind", "kind_label", "text", "report", "report_title", "url", "structure", "deadline", "topic",
               "value", "target", "page", "status", "status_report", "themes", "countries", "programme", "organiser", "date")


def unit_rows(reports: list[Report], base_url: str) -> list[dict[str, Any]]:
    """One row per citable unit, in report then reading order."""
    rows = []
    for r in sorted(reports, key=lambda r: r.slug):
        m = r.meta
        for u in r.units:
            rows.append({"id": f"{r.slug}#{u.uid}", "kind": u.kind, "kind_label": UNIT_NAMES[u.kind], "text": u.text,
                         "report": r.slug, "report_title": m["title"], "url": f"{report_url(base_url, r)}#{u.uid}",
                         "structure": u.structure, "deadline": u.deadline, "topic": u.topic, "value": u.value,
                         "target": u.target, "page": u.page, "status": u.status,
                         "status_report": u.status_source, "themes": u.themes or m["themes"],
                         "countries": m["countries"],
                         "programme": m.get("programme"), "organiser": m.get("organiser"), "date": m.get("date")})
    return rows


def units_catalogue(reports: list[Report], base_url: str) -> tuple[str, str]:
    """lecons.json and lecons.csv."""
    rows = unit_rows(reports, base_url)
    return json_lines(rows), csv_text(rows, UNIT_FIELDS)
