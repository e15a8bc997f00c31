"""Text -> title and one-paragraph summary, taken from the report's own words."""

from __future__ import annotations

import re

from ..models import Block, Found
from .textutil import clean_spaces, fold

NAVIGATION = re.compile(r"^(?:retour|accueil|menu|imprimer|partager|lire la suite|actualites?|home|back)\b.{0,20}$")
DATELINE = re.compile(r"^(?:publie le |mis en ligne |le )?\d{1,2}(?:er)? \w+ \d{4}\s*(?:[|,-].*)?$|^\d{1,2}/\d{1,2}/\d{4}")
EVENT_NOUN = re.compile(
    r"\b(atelier|session|reunion|revue|assises|rencontre|formation|seminaire|conference|campagne|journee|mission|"
    r"assemblee generale|table ronde|forum|concertation|comite|conseil|sortie|supervision|evaluation|enquete|"
    r"audit|visite)\b")
NOUN_STOP = re.compile(r"\s*(?:[,.;:!?\n(«]|\s(?:(?:a|ont|qui|que|s'est|se|au titre|a l'intention|au profit|"
                       r"en faveur|dans|a l'hotel|a la salle|tenu|organise|avec|pour|sur|afin|ayant|en presence|sous)\s|"
                       r"(?:le|les|du|des|ce|cette)\s+(?:\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)))")
KEYWORDS_LINE = re.compile(r"^(?:mots?[- ]cles|key ?words|resume|abstract|contexte)\s*:?", re.IGNORECASE)
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]
MAX_SUMMARY = 320


def plain(text: str) -> str:
    """Markdown emphasis markers removed: the words a reader sees."""
    return clean_spaces(text.replace("*", ""))


def french_date(iso: str | None) -> str:
    """'2019-11-14' -> '14 novembre 2019'; '2016-03' -> 'mars 2016'; '2015' -> '2015'."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{FRENCH_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def headline(blocks: list[Block]) -> tuple[str, int] | None:
    """The report's own title: its first heading, or a short first line that reads like a headline."""
    for n, b in enumerate(blocks[:4]):
        if b.kind == "heading":
            text = plain(b.lines[0])
            if len(text) >= 8 and not KEYWORDS_LINE.match(fold(text)):
                return text, n
        if b.kind != "paragraph" or len(b.lines) != 1:
            break
        line = plain(b.lines[0])
        f = fold(line)
        if NAVIGATION.match(f) or len(line) < 4:
            continue
        if DATELINE.match(f):
            continue
        words = line.split()
        has_date = re.search(r"\b(?:19|20)\d\d\b", line)
        if (3 <= len(words) <= 30 and not line.endswith((".", ":", ";")) and not (has_date and len(words) <= 12)
                and n + 1 < len(blocks)):
            return line, n
        break
    return None


def event_phrase(text: str) -> str:
    """'un atelier de partage d'expériences à l'intention…' -> "Atelier de partage d'expériences"."""
    folded = fold(text)
    m = EVENT_NOUN.search(folded)
    if not m:
        return ""
    stop = NOUN_STOP.search(folded, m.end())
    end = stop.start() if stop else m.end()
    words = text[m.start(): end].split()[:9]
    phrase = " ".join(words).rstrip(" ,;:-")
    return phrase[:1].upper() + phrase[1:]


def extract_title(blocks: list[Block], text: str, *, programme: str | None, organiser_short: str | None,
                  date: str | None, organiser_long: str | None = None) -> Found:
    """The headline when the report has one; else 'Event — programme or organiser, date' from its words."""
    head = headline(blocks)
    if head:
        return Found(head[0], head[0], 0.9, "headline of the report")
    phrase = event_phrase(text) or "Rapport"
    who = programme or organiser_short
    if len(phrase.split()) == 1 and organiser_long and not programme:
        who = re.sub(r"\s*\([^()]*\)$", "", organiser_long)  # 'Session — Direction départementale de la santé du Mono'

    title = phrase
    if who and fold(who) not in fold(phrase):
        title += f" — {who}"
    if date:
        title += f", {french_date(date)}"
    return Found(title, phrase, 0.5, "composed from the event named in the text")


def extract_summary(blocks: list[Block], title_block: int | None) -> Found:
    """The first sentences of the body (not the headline, navigation or keyword lines), about 300 characters."""
    parts: list[str] = []
    for n, b in enumerate(blocks):
        if n == title_block or b.kind not in ("paragraph", "list"):
            continue
        text = plain(" ".join(b.lines))
        f = fold(text)
        if NAVIGATION.match(f) or DATELINE.match(f) or KEYWORDS_LINE.match(f) or len(text.split()) < 6:
            continue
        if b.kind == "paragraph" and len(text.split()) <= 12 and not text.rstrip().endswith((".", "!", "?")):
            continue  # a venue/date line or a section title, not a sentence
        parts.append(text)
        if sum(map(len, parts)) >= 200:
            break
    body = " ".join(parts)
    if not body:
        return Found("", "", 0.0, "no paragraph to summarise")
    if len(body) <= MAX_SUMMARY:
        return Found(body, body[:80], 0.7, "first sentences")
    cut = body[:MAX_SUMMARY]
    sentence_end = max(cut.rfind(". "), cut.rfind(" ; "))
    if sentence_end >= 120:
        summary = cut[: sentence_end + 1].rstrip(" ;")
    else:
        summary = cut[: cut.rfind(" ")].rstrip(" ,;:") + " …"
    return Found(summary, summary[:80], 0.7, "first sentences")
