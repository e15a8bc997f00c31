"""Text -> the report without what is not the report: press datelines ("KPALIMÉ, 8 février 2024 –",
"BAMAKO (AMAP) -"), publication lines ("Publié le …", "- 25 janvier 2024"), bylines and site banners.
What they say is kept apart: the publication date (to resolve "lundi dernier") and the dateline's place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import islice

from .dates import ANY_MONTH, parse_date
from ..text import fold

_MONTH = "(?i:" + "|".join(sorted(ANY_MONTH, key=len, reverse=True)) + r")\.?"
_DATE = (rf"(?i:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?i:le\s+)?(?:1er|[0-3]?\d)\s+{_MONTH},?\s+"
         rf"(?:19|20)\d\d|[0-3]?\d[/.-][01]?\d[/.-](?:19|20)\d\d|[0-3]?\d\s+-\s+{_MONTH}\s+-\s+(?:19|20)\d\d")  # and '23 - Septembre - 2016'
_PLACE = r"[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý(][\w'’)-]*){0,3}"
_AGENCY = r"\(\s*[A-Za-zÀ-ÿ./ -]{2,20}\)"
_DASH = r"\s*(?:\.?\s*[-–—:]+|\.)\s*"
# "KPALIMÉ, 8 février 2024 –", "Nouakchott, Mauritanie - 18 mars 2022 :", "Matadi, 19 sept. 2017 (ACP).-", "Yaoundé, Cameroun, 17 juin 2014 -",
# "Nouakchott, 25/07/2018", "Libreville, le 10 Février 2016 -"
DATELINE = re.compile(rf"^\s*(?P<place>{_PLACE})(?:\s*,\s*{_PLACE})?(?:\s*,\s*|\s+(?=(?i:le)\s)|\s+[-–]\s+)(?P<date>{_DATE})\s*"
                      rf"(?:{_AGENCY}|/\s*[A-Z][^/\n]{{2,60}}/)?"  # a wire's credit between slashes: '… 2009/African Press Organization (APO)/'
                      rf"(?:{_DASH}|\s*$|\s*\n)")
# "© Agence (Lomé, le 30 août 2012) —": an agency's credit with the place and date in brackets
CREDIT_DATELINE = re.compile(rf"^\s*(?:©\s*)?[\w'’ .-]{{2,30}}\s*\(\s*(?P<place>{_PLACE})\s*,\s*(?P<date>(?i:le\s+)?{_DATE})\s*\)"
                             rf"(?:{_DASH}|\s*$|\s*\n)")
# "BAMAKO (AMAP) -", "Dakar (APS) –", and a wire's day without its year: "BRAZZAVILLE, 04 OCT (ACI) –" (its day is
# the dispatch's, never the event's; without a year it dates nothing)
AGENCY_LINE = re.compile(rf"^\s*(?P<place>{_PLACE})\s*(?:,\s*(?i:le\s+)?(?:1er|[0-3]?\d)\s+{_MONTH}\s*)?{_AGENCY}\s*[-–—:]+\s*")
PUBLICATION = re.compile(
    rf"^\W*(?:(?:publie|mis en ligne|mise a jour|date de publication|posted|cree)\w*\s*(?:le|:)?\s*)?"
    rf"(?P<date>{_DATE})(?:\s*(?:a|-)?\s*\d{{1,2}}\s*[h:]\s*\d*(?::\d\d)?\s*(?:min)?)?\s*(?:[|,-].{{0,60}})?$", re.IGNORECASE)
PUBLICATION_LEAD = re.compile(r"^\W*(?:publie|mis en ligne|mise a jour|date de publication|posted)", re.IGNORECASE)
# 'Cet article a été publié le: 17/04/21 12:11 GMT', 'mercredi 10 décembre 2014 par AIP Agboville'
PUBLISHED_ANYWHERE = re.compile(r"^.{0,40}\b(?:publie|mis en ligne|mise a jour)\w*\s*(?:le|:)\s*:?\s*(?P<date>[0-3]?\d[/.-][01]?\d[/.-]\d\d(?:\d\d)?|"
                                rf"{_DATE})\b.{{0,40}}$", re.IGNORECASE)
DATE_LINE = re.compile(rf"^\W*(?P<date>(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+{_DATE})"
                       rf"(?:\s+(?:par|by|-|–|\|)\s*.{{0,60}})?$", re.IGNORECASE)
META_DATE = re.compile(r"^\s*date\s*:?\s*(?P<date>(?:19|20)\d\d-\d\d(?:-\d\d)?)\b\s*(?:publicite\b)?", re.IGNORECASE)
# 'Alwihda Info | Par Achta Mahamat - 15 Septembre 2025', 'Par Ama Kodjo, le 9 février 2024': a byline with its date
# (its name may be empty: 'Alwihda Info | Par - 25 Septembre 2012')
DATED_BYLINE = re.compile(rf"^.{{0,60}}\b(?i:par|by)(?:\s+(?:[A-ZÀ-Ý][\w.'’-]*\s*){{1,4}}|\s*(?=[-–|]))"
                          rf"(?:[-–|,]\s*(?i:le\s+)?|\s+(?i:le)\s+)"
                          rf"(?P<date>{_DATE})\W*$")  # a person's name, not 'organisé par la DRS, le 12 mars 2024'
BYLINE = re.compile(r"^\W*(?:par|by|auteur|redige par|source|credit photo|photo)\s*:?\s+[\w .'’-]{2,60}$",
                    re.IGNORECASE)
# a site's section, bare or as a list item ('- Actualités'; the head's other list items may be the report's)
SECTION = r"(?:[-–•·*|]\s*)?(?:actualites?|accueil|une|a la une|sante|societe|politique)"
BANNER = re.compile(r"^(?:.{0,40}\.(?:net|com|org|info|ne|ml|bf|sn|ci|cm|td|tg|bj|gn|cd|ga|mr)\b.{0,80}|"
                    rf"proverbe du jour\s*:.*|{SECTION}|"
                    r"top of page|haut de (?:la )?page|retour en haut|a\+?\s*a\s*a-|imprimer|partager.{0,30}|"
                    r"vous etes (?:sur|ici).{0,60}|page \d+\s*sur\s*\d+|(?:home|accueil)\s*[|>/].*|.*(?:\s\|\s.*){2,}|"
                    r"[^\s]+\.(?:jpe?g|png|gif|webp))$", re.IGNORECASE)
HEAD_LINES = 8  # publication lines and banners are looked for among the first lines only
TAIL_LINES = 3  # and a publication date alone on a line among the last lines: 'Journal', '7 novembre 2022'
DATE_ALONE = re.compile(rf"^\W*(?P<date>{_DATE})\W*$", re.IGNORECASE)


@dataclass
class Lead:
    """The report's text once stripped, with what the stripped lines said."""

    text: str
    publication: str | None = None  # ISO date (or 'YYYY-MM') of publication, when the text gives it
    place: str | None = None  # the dateline's place
    dateline: str | None = None  # the dateline's day ('KPALIMÉ, 8 février 2024 –'): the day the dispatch was written
    removed: list[str] = field(default_factory=list)


def _short_year(date: str) -> str:
    """'17/04/21' -> '17/04/2021' (a two-digit year on a publication line is this century's)."""
    return re.sub(r"([/.-])(\d\d)$", r"\g<1>20\2", date.strip())


STYLED = re.compile("[\U0001D400-\U0001D7FF]+")  # bold, italic… letters and digits of social-media posts


def unstyle(text: str) -> str:
    """'𝗕𝗮𝗻𝗴𝘂𝗶, 𝟭𝟳 𝗷𝘂𝗶𝗹𝗹𝗲𝘁 𝟮𝟬𝟮𝟱' -> 'Bangui, 17 juillet 2025': Unicode's mathematical letters read as plain ones."""
    if not STYLED.search(text):
        return text
    return unicodedata.normalize("NFC", STYLED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text))


def _published(lead: Lead, date: str | None) -> None:
    """Keep the publication date: the first one found, unless a later one says the same more precisely (a page's
    'date 2018-03' and its dateline 'KINSHASA, 12 MARS 2018')."""
    if not date:
        return
    if lead.publication is None or (len(date) > len(lead.publication) and date.startswith(lead.publication)):
        lead.publication = date


def _strip_tail(lines: list[str], lead: Lead) -> list[str]:
    """A date alone on one of the last lines, after the body: the page's publication date, not the event's."""
    seen = 0
    for n in range(len(lines) - 1, -1, -1):
        if not lines[n].strip():
            continue
        seen += 1
        if seen > TAIL_LINES:
            break
        m = DATE_ALONE.match(fold(lines[n]))
        if m and n > 0:
            _published(lead, parse_date(_short_year(m.group("date"))))
            lead.removed.append(lines[n].strip())
            return lines[:n] + lines[n + 1:]
    return lines


def strip_lead(text: str) -> Lead:
    """Publication lines, banners and bylines among the first lines, and the dateline opening the first
    paragraph, removed; the rest of the text is unchanged. Lines are counted without the blank ones."""
    lead = Lead(text)
    lines = text.split("\n")
    head = list(islice((fold(x.strip()) for x in lines if x.strip()), HEAD_LINES + 6))
    # two lines or more of a weekday and a date ('Lundi 05 mai 2014', 'Mardi 06 mai 2014'): a programme's days,
    # not a page's publication line
    grid = sum(bool(DATE_LINE.match(f)) for f in head) >= 2
    if not grid:
        lines = _strip_tail(lines, lead)
    body_seen = 0
    out: list[str] = []
    dateline_done = False
    n = -1
    for i, line in enumerate(lines):
        if body_seen >= 2:  # the body has begun: every later line is kept as it is
            out.extend(lines[i:])
            break
        if not line.strip():
            out.append(line)
            continue
        n += 1
        f = fold(line.strip())
        # past the head, only a 'Publié le …' line below a portal's furniture is still read
        if n >= HEAD_LINES + 6 and (body_seen or not (PUBLICATION_LEAD.match(f) and PUBLICATION.match(f))):
            out.append(line)
            continue
        line = line.strip()
        m = META_DATE.match(f)
        if m:
            _published(lead, m.group("date"))
            rest = line[m.end():].strip()
            lead.removed.append(line[: m.end()].strip())
            if not rest:
                continue
            line, f = rest, fold(rest)
        pub = PUBLICATION.match(f)
        if not (pub and (PUBLICATION_LEAD.match(f) or re.match(r"\s*[-•|*]|.*\d\s*[h:]\s*\d", f))):
            pub = PUBLISHED_ANYWHERE.match(f) or (None if grid else DATE_LINE.match(f)) or (
                DATED_BYLINE.match(fold(line, lower=False)) if len(f) < 140 else None)
        if not pub and n <= 2 and not grid:
            # a date alone above everything else, or under the headline: the page's date ('14 Septembre 2017')
            pub = DATE_ALONE.match(f)
        if pub:
            _published(lead, parse_date(_short_year(pub.group("date"))))
            lead.removed.append(line.strip())
            continue
        if n < HEAD_LINES and (BANNER.match(f) or BYLINE.match(f)) and len(f) < 140:
            lead.removed.append(line.strip())
            continue
        if not dateline_done and n < HEAD_LINES + 6:  # (a dateline under a blog's furniture too)
            d = DATELINE.match(fold(line, lower=False)) or CREDIT_DATELINE.match(fold(line, lower=False))
            a = None if d else AGENCY_LINE.match(line)
            hit = d or a
            # (alone on its line only among the first lines: further down, a place and a date alone are a cover
            # page's 'Conakry, Guinée, 5 décembre 2019', the meeting's own)
            if hit and len(line) > hit.end() + 20 or (d and not line[d.end():].strip() and n < HEAD_LINES):
                lead.place = line[hit.start("place"): hit.end("place")]
                if d:
                    lead.dateline = parse_date(d.group("date"))
                    _published(lead, lead.dateline)
                lead.removed.append(line[: hit.end()].strip())
                line = line[hit.end():]
                line = line[:1].upper() + line[1:]
                dateline_done = True
                if not line.strip():
                    continue
        if len(line.split()) > 30:
            body_seen += 1
            dateline_done = True
        out.append(line)
    if lead.removed:
        lead.text = "\n".join(out)
    return lead
