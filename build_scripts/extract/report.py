"""One report's fields, extracted: title, country, programme, dates, organiser, partners, themes, summary,
kind of document, town, body blocks, statements and acronyms, each value with the snippet it came from.
Curated values are applied afterwards (curate.py)."""

from __future__ import annotations

import copy
import re
from typing import Any

from ..config import Vocabulary
from ..models import Found, Report, SourceDocument
from .acronyms import acronyms_in_report
from .dates import extract_dates
from .document import document_type, meeting_town
from .lead import strip_lead, unstyle
from .organisations import extract_organiser, extract_partners
from .places import extract_country
from .programmes import extract_programme
from .structure import parse_blocks
from .themes import classify_themes, unit_themes
from .titles import COMPOSED, extract_summary, extract_title, headline, known_acronyms, known_names
from .units import extract_units


def title_for_themes(title: Found) -> str:
    """The title as theme evidence: a title composed from the fields is read for its event only (its organiser's
    name is no heading of the report)."""
    return title.value if title.method != COMPOSED else title.snippet


def extract_report(doc: SourceDocument, vocab: Vocabulary) -> tuple[Report, str]:
    """Every field of one report as found in its text (``meta`` is left to curate.apply), and the long name of
    the programme found."""
    blocks, lead, head = prepare(doc)
    text = lead.text
    start, end = extract_dates(text, lead.publication, lead.dateline)
    programme = extract_programme(text, vocab, head[0] if head else "")
    prog = programme.value
    organiser = extract_organiser(text, vocab, head[0] if head else "", prog.name if prog else None)
    hints: dict[str, float] = {}
    if prog is not None and prog.country:
        hints[prog.country] = hints.get(prog.country, 0) + 1.5
    country = extract_country(text, vocab, hints)
    if lead.place and (country.value is None or country.method.startswith("country of the programme")):
        # the dateline's place, when the text names no other
        country = extract_country(text + "\n" + lead.place, vocab, hints)
    short = _short_org(organiser.value)
    city = meeting_town(text, countries(country.value), vocab)
    title = extract_title(blocks, text, programme=prog.name if prog else None, organiser_short=short, date=start.value,
                          organiser_long=organiser.value, skip=set(lead.removed), acronyms=known_acronyms(vocab),
                          names=known_names(vocab), place=city.value)
    found: dict[str, Found] = {
        "title": title,
        "country": country,
        "programme": Found(prog.name if prog else None, programme.snippet, programme.confidence, programme.method,
                           programme.alternatives),
        "date": start,
        "date_end": end,
        "organiser": organiser,
        "partners": extract_partners(text, vocab, organiser.value),
        "themes": classify_themes(text, title_for_themes(title), vocab),
        "summary": extract_summary(blocks, head[1] if head else None, set(lead.removed)),
        "doc_type": document_type(head[0] if head else "", text),
    }
    found["city"] = city
    units = extract_units(blocks)
    for u in units:
        u.page = blocks[u.block].page if 0 <= u.block < len(blocks) else None
        u.themes = unit_themes(u.text, vocab)
    report = Report(source=doc.source, doc=doc, found=found, blocks=blocks, units=units,
                    acronyms=acronyms_in_report(text, vocab))
    return report, prog.long if prog else ""


def prepare(doc: SourceDocument) -> tuple[list, Any, tuple[str, int] | None]:
    """The report's blocks, its text without dateline and publication lines (``lead.text``), and its headline."""
    blocks = [copy.copy(b) for b in doc.blocks] if doc.blocks else parse_blocks(doc.text, doc.fmt)
    lead = strip_lead(unstyle(doc.text))  # fields are read from the report without its dateline and publication lines
    return blocks, lead, headline(blocks, set(lead.removed))


def _short_org(organiser: str | None) -> str | None:
    if not organiser:
        return None
    m = re.search(r"\(([^()]+)\)$", organiser)
    return m.group(1) if m else organiser


def countries(country: Any) -> list[str]:
    """A country value (one name, a list, or None) as a list."""
    return [] if country is None else [country] if isinstance(country, str) else list(country)
