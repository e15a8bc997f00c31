"""Atom feed of the newest reports (a string, no file I/O), byte-identical from one build to the next.

Built with feedgen (lxml underneath: escaping and well-formed XML for free). It is deterministic
once every date is given: entry and feed <updated> are event dates, never the build time, and the
generator element is left out (it would carry the library's version). Reports without a date are left
out of the feed: an Atom entry needs a date, and the only other one, the build time, changes every build.
A partial date stands for its first day ('2017' → 2017-01-01, '2017-05' → 2017-05-01, at 00:00 UTC).
feedgen 1.0.0 drops the rel attribute of entry links; Atom then reads them as rel="alternate", as meant.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from .cite import SITE_NAME

MAX_ENTRIES = 50
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the feed's date when no report is dated (deterministic)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def event_datetime(date: str | None) -> datetime | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as midnight UTC of its first day; None when absent or malformed."""
    if not date:
        return None
    parts = str(date).split("-")
    try:
        year, month, day = (int(p) for p in (parts + ["1", "1"])[:3])
        return datetime(year, month, day, tzinfo=timezone.utc)
    except ValueError:
        return None


def xml_text(value: object) -> str:
    """Report text on one line, without the control characters XML 1.0 forbids (lxml would refuse them)."""
    return " ".join(_NOT_XML.sub("", str(value)).split())


def absolute(site_url: str, path: str) -> str:
    """site_url and a site-relative path joined by exactly one slash."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def newest(rows: list[dict], limit: int = MAX_ENTRIES) -> list[tuple[datetime, dict]]:
    """The dated reports, newest first (ties by slug, for a stable order), at most `limit` of them."""
    dated = [(when, row) for row in rows if (when := event_datetime(row.get("date"))) is not None]
    dated.sort(key=lambda pair: pair[1]["slug"])
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return dated[:limit]


def add_entry(feed: FeedGenerator, when: datetime, row: dict, site_url: str) -> None:
    """One report as an Atom entry: title, link, id (its URL), event date, summary, themes, organiser."""
    url = absolute(site_url, row["url"])
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.title(xml_text(row["title"]))
    entry.link(href=url, rel="alternate", type="text/html")
    entry.updated(when)
    if row.get("summary"):
        entry.summary(xml_text(row["summary"]))
    if row.get("organiser"):
        entry.author(name=xml_text(row["organiser"]))
    for label in row.get("tags") or []:
        entry.category(term=xml_text(label))


def atom_feed(rows: list[dict], *, site_url: str, feed_path: str, title: str, subtitle: str) -> str:
    """The feed of the newest dated reports (at most 50), newest first; its date is the newest report's."""
    entries = newest(rows)
    feed = FeedGenerator()
    feed.id(absolute(site_url, ""))
    feed.title(xml_text(title))
    feed.subtitle(xml_text(subtitle))
    feed.language("fr")
    feed.author(name=SITE_NAME)
    feed.link(href=absolute(site_url, ""), rel="alternate", type="text/html")
    feed.link(href=absolute(site_url, feed_path), rel="self", type="application/atom+xml")
    feed.generator("")  # no generator element: it would name the library's version
    feed.updated(entries[0][0] if entries else EPOCH)
    for when, row in entries:
        add_entry(feed, when, row, site_url)
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")
