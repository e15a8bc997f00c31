"""Text -> event dates: French date expressions found, scored by context, the event's start and end kept."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from ..models import Found
from ..text import fold, snippet
from .weigh import fitted, scaled

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
# a text whose encoding broke and dropped the accented letter ('dcembre'); one where U+FFFD stands for it
# ('d�cembre') has its accents back from the reader (readers.text.normalise_text)
MONTHS |= {"fvrier": 2, "dcembre": 12, "aot": 8}
# a French site whose publishing software dates its pages in English: 'Publié le 23 May 2015 - 17:53', '7 March, 2015'
# (read on a page's date lines only, lead.py: in a text, 'may' and 'march' are words of an English abstract)
ENGLISH_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
                  "september": 9, "october": 10, "november": 11, "december": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
M = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WD = r"(?:(?:" + "|".join(WEEKDAYS) + r")\s+)"
D = r"(?:1(?:er|re|e|ᵉʳ|ᵉ)\b|[0-3]?\d)"  # '1er', its slips '1re', '1e', and its superscript '1ᵉʳ'
Y = r"(?:19|20)\d\d"
MONTH_LEADS = ("en", "au mois de", "mois de", "courant")
YEAR_LEADS = ("au titre de l'(?:annee|exercice)", "pour l'annee", "exercice", "edition",
              "session(?: ordinaire| annuelle)?(?: de)?",
              # a meeting named with its year: 'la Conférence annuelle 2025 du MINAS', 'la première réunion
              # périodique de l'année 2026'
              "conference(?: annuelle| nationale)?", "assemblee generale(?: annuelle)?", "forum(?: annuel| national)?",
              "congres(?: annuel| national)?", "colloque(?: annuel| national)?", "journees? (?:scientifiques?|nationales?)",
              "reunion(?: \\w+){0,2} de l'annee", "rencontre(?: \\w+){0,2} de l'annee")
# A year after these names the period a review, balance or report covers ('la revue annuelle conjointe 2018' is
# held in 2019, 'le bilan au titre de l'année 2015' is drawn up after it): not the year of the meeting.
PERIOD_REVIEWED = re.compile(r"\b(?:bilan|revue|rapport|resultats|performances|activites|comptes|etats financiers)\b"
                             r"(?:\s+(?:annuel(?:le)?s?|conjointe?s?|financiere?s?|de mise en \w+|des activites))*\s*$")


def _initials(*words: str) -> str:
    return "".join(sorted({w[0] for w in words}))


def _starting_with(initials: str, pattern: str) -> re.Pattern[str]:
    """A pattern whose every match begins with one of ``initials`` (a character class): checking that one
    character first lets the regex engine pass over most positions of a text quickly; same matches."""
    return re.compile(f"(?=[{initials}])" + pattern)


DAY_START = r"\d" + _initials(*WEEKDAYS)  # a day number, or the weekday before it
# a comma before the year ('25–29 septembre, 2017'), not before a count ('le 15 juin, 2000 enfants ont été vaccinés')
COMMA_YEAR = rf"(?:\s+|,\s+(?={Y}\b(?!\s+[a-z]{{3,}})))"
RANGE = _starting_with(DAY_START + "d",
    rf"\b(?:du\s+)?(?P<wd1>{WD})?(?P<d1>{D})(?:\s+{M.format('m1')})?(?:\s+(?P<y1>{Y}))?"
    rf"(?:\s+(?:au|jusqu'au|a ce)\s+|\s*[-–]\s*|(?(m1)\s+|(?!)))(?P<wd2>{WD})?(?P<d2>{D}|[0-3]\d\d(?=\s))\s*{M.format('m2')}(?:{COMMA_YEAR}(?P<y2>{Y}))?\b")
LIST = _starting_with(DAY_START + "l",
    rf"\b(?:les?\s+)?(?P<wd1>{WD})?(?P<days>{D}(?:\s*,\s*(?:le\s+)?{WD}?{D})*\s*(?:,|\s(?:et|&))\s+(?:le\s+)?{WD}?{D})"
    rf"\s+{M.format('m2')}(?:{COMMA_YEAR}(?P<y2>{Y}))?\b")
YEAR = re.compile(rf"(?<![\d-])({Y})(?![\d-])")
# 'du au 9 juillet 2020': a range whose first day was lost; the month is known, the last day too
NO_FIRST_DAY = _starting_with("d", rf"\bdu\s+au\s+(?P<d2>{D})\s*{M.format('m2')}\s+(?P<y2>{Y})\b")
# 'allant du mois d'octobre 2019 jusqu'à septembre 2023': a month opening a period of months or years, not a meeting's
PERIOD_AFTER = re.compile(rf"\s*(?:jusqu'(?:a|au|en)|a|au)\s+(?:(?:la )?fin |(?:au )?mois d[e'] ?)?{M.format('m')}\s+{Y}")
SINGLE = _starting_with(DAY_START, rf"\b(?P<wd1>{WD})?(?P<d1>{D})\s*{M.format('m1')}(?:{COMMA_YEAR}(?P<y1>{Y}))?\b")
NUMERIC = _starting_with(r"\d", r"\b(?P<d1>[0-3]?\d)[/.-](?P<m1>[01]?\d)[/.-](?P<y1>(?:19|20)\d\d)\b"
                         r"(?:\s+(?:au|-)\s+(?P<d2>[0-3]?\d)[/.-](?P<m2>[01]?\d)[/.-](?P<y2>(?:19|20)\d\d)\b)?")
# a site's or a programme's English order in French words: 'Juin 13-17, 2022', 'septembre 15, 2025'
ENGLISH_ORDER = _starting_with(_initials(*MONTHS), rf"\b{M.format('m1')}\s+(?P<d1>[0-3]?\d)(?:\s*-\s*(?P<d2>[0-3]?\d))?,\s*"
                                                  rf"(?P<y1>{Y})\b")
MONTH_YEAR = _starting_with(_initials(*MONTH_LEADS, *MONTHS),
                            rf"\b(?:(?:{'|'.join(MONTH_LEADS)})\s+)?{M.format('m1')}\s+(?P<y1>{Y})\b")
YEAR_ONLY = _starting_with(_initials(*YEAR_LEADS), rf"\b(?:{'|'.join(YEAR_LEADS)})\s+(?P<y1>{Y})\b")
SPELLED = _starting_with("l",
    r"\bl'an\s+(?P<year>(?:deux|mil|mille|neuf|cent|[a-z-]+)(?:[\s-]+[a-z]+)*?)\s*,?\s+(?:et\s+)?"
    r"(?:le|les)[\s-]+(?P<days>[a-z0-9\s,-]+?)(?:\s+jours?)?\s+(?:du\s+mois\s+d[e']\s*)?" + M.format("m2") + r"\b")
# an abstract's or a report's title line ending with its year: '…, Ouargaye, Burkina Faso, 2024'
TITLE_YEAR = re.compile(rf"(?m),\s*(?P<y1>{Y})\s*$")

EVENT_WORDS = re.compile(
    r"s'est tenu|se sont tenu|\btenue?s?\b(?! a [a-z]+(?:er|ir|re)\b)|s'est deroule|se sont deroule|a eu lieu|ont eu lieu|c'etait|"
    r"se tient|se tiendra|a organise|ont organise|organise|a abrite|a reuni|ont reuni|s'est reuni|se sont reuni|"
    r"a accueilli|a ete lance|a preside|a lance|a ouvert|ont ouvert|a demarre|ont demarre|a debute|ont debute|"
    r"a commence|ont commence|s'est ouvert|se sont ouvert|ouverture|depuis ce matin|du\s+\d")
# the lead reports the event as done or under way ('s'est ouvert', 'a abrité les travaux'), not as to come
REPORTED = re.compile(r"s'est (?:tenu|deroule|ouvert|reuni|acheve|termine)|se sont (?:tenu|deroule|ouvert|reuni|acheve|termine|"
                      r"concerte)|\b(?:a|ont) (?:tenu|eu lieu|abrite|reuni|accueilli|preside|lance|ouvert|demarre|debute|"
                      r"organise|procede|valide|lance)\b|ont ete lances?|a ete lancee?|se tient|se poursui")
COMING = re.compile(r"se tiendra|aura lieu|s'ouvr(?:e|ent|ira|iront)\b|auront lieu|prevue?s? (?:le|du|pour)|ouvrira|organisera|debutera|demarrera")
SEVERAL_DAYS = re.compile(r"\b(?:[2-9]|1[0-4]|deux|trois|quatre|cinq|six|sept|huit|dix)\s+(?:\(\d+\)\s+)?jours\b")
OPENED = re.compile(r"\b(?:ouvert|ouverture|lance|demarre|debute)")
LEAD_CHARS = 600  # the lead: the first sentences, where a press item says what happened
EVENT_NOUNS = re.compile(r"atelier|session|reunion|seance|travaux|assises|rencontre|formation|campagne|revue|mission|"
                         r"conference|journee|comite|conseil|forum|seminaire|colloque|ceremonie|lancement|assemblee")
PUBLICATION = re.compile(r"publie|mis en ligne|mise a jour|mis a jour|derniere modification|\bviews\b|actualite|posted|\|\s*\w|redige le|source\s*:")
PAST = re.compile(r"(?:depuis|lors (?:du|de la|des)|decide|adopte|en date du|precede|derniere?|avai(?:t|ent)|"
                  r"dernier|passe|au cours de l'annee)[^.\n]{0,40}$|suite (?:a|au)[^.\n]{0,120}$")
DEADLINE = re.compile(r"(?:echeance|delai|d'ici|avant le|au plus tard|prevue?s?|programmee?s?|envisagee?s?|jusqu'au|jusqu'a|"
                      r"a partir du|des le|(?<!pris )fin|debut|horizon)\s*:?\s*(?:pour |le |du |au |en |pour le |l'horizon )?$")
# the last day: 'les travaux se sont achevés le 7 novembre', 'ont pris fin ce vendredi 03 mai', 'qui prendra fin ce
# vendredi 28 octobre', 'iront jusqu'à demain, 30 mars'
ENDED = re.compile(r"(?:acheve|cloture|pris fin|prend fin|prendr(?:a|ont) fin|se sont termine|s'est termine|"
                   rf"se termin(?:era|eront)|fin des travaux|jusqu'a demain,?)\w*\s+(?:le |ce )?{WD}?$")
# the same said after the day: 'du vendredi 24 novembre 2017 a pris fin la rencontre'
ENDED_AFTER = re.compile(r"\s*,?\s*(?:a|ont) pris fin|\s*,?\s*(?:s'est|se sont) (?:acheve|termine)|\s*,?\s*(?:a|ont) ete clotur")
# the dispatch's own line repeated in the text: 'BANGUI, le 25 janvier 2020 (RJDH) —'
DATELINE_AGAIN = re.compile(r"\s*\([^()\n]{2,20}\)\s*[-–—]")
# a date that dates another text: a decree's, an issue's, a minutes' the text refers to ('décret … du 18 février 2010',
# 'Le Sahel N° du 30/6/2017', '(voir compte rendu du 29 juin 2017)')
REFERENCE = re.compile(r"(?:\bdecret|\barrete|\bloi\b|\bordonnance|\bcirculaire|\bjo\b|journal officiel|\bn\s*[°º]|\bnumero|"
                       r"\(\s*voir|\(\s*cf\b)[^.\n()]{0,30}?\bdu\s*$|\bn\s*[°º]\s*\d+\s*[-–,]?\s*$")  # and a bulletin's 'N°04 - 02 août 2020'
STATUS = re.compile(r"(?:situation|point|bilan|donnees|chiffres)\s+(?:au|du|a la date du|arretee? au)\s*$|"
                    r"situation (?:epidemiologique|sanitaire)\s*(?:au\s*)?\(\s*$")  # 'Situation épidémiologique (02 août 2020)'
# 'les travaux qui ont débuté depuis le 4 mars', 'participent depuis mardi': the day the event began, not the past
STARTED_SINCE = re.compile(r"(?:debute|commence|demarre|ouverts?|en reunion|participent|prennent part|[a-z]{3,}(?<!av)ent|se tient|se poursuit)"
                           r"\s+depuis\s+(?:le\s+)?$|depuis\s+ce\s+matin\s*,?\s*(?:du\s+|de\s+ce\s+)?$")  # 'procèdent depuis le lundi 6 août': what is under way began then
SIGNATURE = re.compile(r"(?:fait a\s+[\w' -]+|^[\w' -]{2,30}),?\s+le\s*$")


@dataclass
class Candidate:
    start: str  # ISO date, 'YYYY-MM' or 'YYYY'
    end: str | None
    pos: int
    endpos: int
    score: float
    method: str


def _day(s: str) -> int:
    return 1 if s[:2] in ("1e", "1r", "1ᵉ") else int(s)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
        return f"{y:04d}"
    except ValueError:
        return None


UNITS = {"zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
         "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
         "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
         "soixante": 60}


def words_to_number(words: str) -> int | None:
    """French number words ('deux mil dix-sept', 'trente et un', 'quatre-vingt-dix'), or a day's figures -> int."""
    total, current, prev = 0, 0, ""
    tokens = [t for t in re.split(r"[\s-]+", words.strip()) if t and t != "et"]
    if not tokens:
        return None
    for tok in tokens:
        if tok in ("mil", "mille"):
            total += max(current, 1) * 1000
            current = 0
        elif tok in ("cent", "cents"):
            current = max(current, 1) * 100
        elif tok in ("vingt", "vingts") and prev == "quatre":
            current += 80 - 4
        elif tok in UNITS:
            current += UNITS[tok]
        elif tok.isdigit() and len(tok) <= 2:  # a day in figures in a spelled-out date: 'l'an deux mille vingt-cinq et le 27 mai'
            current += int(tok)
        else:
            return None
        prev = tok
    return total + current


def _cardinal(words: str) -> str:
    """'vingtième' -> 'vingt', 'vingt et unième' -> 'vingt et un', 'cinquième' -> 'cinq': an ordinal's last word made a
    cardinal ('le vingtième jour du mois de juillet')."""
    head, _, last = words.rpartition(" ")
    if not last.endswith("ieme"):
        return words
    stem = last[:-4]
    stem = {"cinqu": "cinq", "neuv": "neuf", "prem": "un"}.get(stem, stem if stem in UNITS else stem + "e")
    return f"{head} {stem}".strip()


def _spelled_days(words: str) -> list[int]:
    """'trente et trente-un' -> [30, 31]; 'trente et un' -> [31]; 'vingt-quatre, vingt-cinq' -> [24, 25]."""
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+et\s+", words) if p.strip()]
    merged: list[str] = []
    for p in parts:
        if p in ("un", "une") and merged and merged[-1] in ("vingt", "trente"):
            merged[-1] += " un"
        else:
            merged.append(p)
    days = [words_to_number(_cardinal(p)) for p in merged]
    return [d for d in days if d is not None and 1 <= d <= 31]


RELATIVE = _starting_with("chlmvsdja",
    r"\b(?:(?P<this>ce|cette)\s+)?(?:(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?P<last>\s+(?:dernier|passe))?|(?P<yesterday>hier|avant-hier)|(?P<today>aujourd'hui|ce matin|cet apres-midi))"
    r"\b(?!\s+(?:\d|1er))")


ANY_MONTH = {**MONTHS, **ENGLISH_MONTHS}
M_ANY = r"(?P<{}>" + "|".join(sorted(ANY_MONTH, key=len, reverse=True)) + r")\.?"


def parse_date(text: str) -> str | None:
    """'samedi 12 août 2023', '12/08/2023', a page's '7 March, 2015' -> ISO (None when it is not a date)."""
    f = fold(text).strip()
    m = re.search(rf"({D})\s+(?:-\s+)?{M_ANY.format('m')},?\s+(?:-\s+)?({Y})", f)
    if m:
        return _iso(int(m.group(3)), ANY_MONTH[m.group("m")], _day(m.group(1)))
    m = re.search(rf"([0-3]?\d)[/.-]([01]?\d)[/.-]({Y})", f)
    return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


AHEAD = re.compile(r"(?:a partir d[eu]|des)\s+$")  # 'à partir de lundi', 'dès mardi': the coming one
# 'se tiendra jeudi', 'aura lieu lundi': a day named in the future is the coming one (the day of publication itself
# when it is that day); in the present ('s'ouvre mardi', 'se tient mardi'), the nearer one, coming or past (a press
# item's present is as often the past days' as the coming ones')
UPCOMING = re.compile(r"(?:s'ouvr(?:ira|iront)|se tien(?:dra|dront)|aur(?:a|ont) lieu|debutera|demarrera|"
                      r"(?<!a )(?<!ont )prevue?s? (?:pour )?)\s*(?:ce |le )?$")
UNDER_WAY = re.compile(r"(?:s'ouvr(?:e|ent)|se tien(?:t|nent))\s*(?:ce |le )?$")


def _weekday(m: re.Match[str], folded: str, pub: dt.date) -> dt.date:
    """The day a weekday of RELATIVE names, read against the publication date: the coming one after 'à partir de',
    'dès' or before 'prochain' (never the day itself), or in the future tense ('se tiendra mardi'); the nearer one in
    the present ('s'ouvre mardi'); else the latest on or before it ('mardi dernier': before it)."""
    ahead = (WEEKDAYS[m.group("wd")] - pub.weekday()) % 7  # days to the coming one, 0 for the publication's own day
    if AHEAD.search(folded, max(0, m.start() - 15), m.start()) or folded.startswith(" prochain", m.end()):
        return pub + dt.timedelta(days=ahead or 7)
    if not m.group("last") and UPCOMING.search(folded, max(0, m.start() - 30), m.start()):
        return pub + dt.timedelta(days=ahead)
    if not m.group("last") and UNDER_WAY.search(folded, max(0, m.start() - 30), m.start()):
        return pub + dt.timedelta(days=ahead if ahead < 7 - ahead else ahead - 7)
    back = (7 - ahead) % 7 or (7 if m.group("last") else 0)
    return pub - dt.timedelta(days=back)


def _relative(folded: str, publication: str, found: list[Candidate], taken: list[tuple[int, int]]) -> None:
    """'lundi', 'mardi dernier', 'hier' resolved against the publication date: the latest such day on or
    before it. Marked as inferred."""
    pub = dt.date.fromisoformat(publication)
    for m in RELATIVE.finditer(folded):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group("wd"):
            day = _weekday(m, folded, pub)
        elif m.group("yesterday"):
            day = pub - dt.timedelta(days=1 if m.group("yesterday") == "hier" else 2)
        else:
            day = pub
        taken.append((m.start(), m.end()))
        # 'aujourd'hui' is as often a quote's as the event's; 'ce matin' is the day the item was written, which a
        # page may date a day later: a weekday the text names says more, even in a sentence with less of the event
        # ('a présidé ce matin la réunion …' on a page of the 25th; 'La réunion de ce lundi' is the 24th's)
        base = 0.3 if m.group("today") else 1.5
        found.append(Candidate(day.isoformat(), None, m.start(), m.end(), base,
                               "weekday resolved against the publication date (inferred)"))


# 'Du 22 au 24 novembre, Mopti a accueilli un atelier' and no year anywhere near: the lead dates the event, the
# date stays unknown; a date of another story further down is not the event's. Such a candidate's start is
# '--MM-DD' (ISO 8601's form of a day without a year)
YEARLESS = "day without a year"


def _candidates(folded: str, publication: str | None = None) -> list[Candidate]:
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []  # sorted, never overlapping: a new span is checked against its neighbours

    def add(m: re.Match[str], start: str | None, end: str | None, base: float, method: str) -> None:
        at = bisect_left(taken, (m.start(), m.end()))
        if start is None or any(a < m.end() and m.start() < b for a, b in taken[max(at - 1, 0):at + 1]):
            return
        if end == start:
            end = None
        taken.insert(at, (m.start(), m.end()))
        found.append(Candidate(start, end, m.start(), m.end(), base, method))

    for m in SPELLED.finditer(folded):
        year = words_to_number(m.group("year"))
        days = _spelled_days(m.group("days"))
        if year and 1900 < year < 2100 and days:
            mo = MONTHS[m.group("m2")]
            add(m, _iso(year, mo, days[0]), _iso(year, mo, days[-1]), 3.5, "spelled-out date")
    for m in NUMERIC.finditer(folded):
        start = _iso(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        end = _iso(int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))) if m.group("y2") else None
        add(m, start, end, 2.5, "numeric date")
    for m in NO_FIRST_DAY.finditer(folded):
        y, mo = int(m.group("y2")), MONTHS[m.group("m2")]
        add(m, _iso(y, mo), _iso(y, mo, _day(m.group("d2"))), 3.5, "date range, first day missing")
    ranges, singles, lists = (list(RANGE.finditer(folded)), list(SINGLE.finditer(folded)),
                              list(LIST.finditer(folded)))  # each read twice below
    for m in ranges:
        y2 = m.group("y2")
        m2 = MONTHS[m.group("m2")]
        m1 = MONTHS[m.group("m1")] if m.group("m1") else m2
        if not y2:
            found_year = None
        else:
            found_year = int(y2)
        if found_year is None:
            continue  # no year: handled by the weekday/no-year pass below
        y1 = int(m.group("y1")) if m.group("y1") else (found_year - 1 if m1 > m2 else found_year)
        last = _iso(found_year, m2, _day(m.group("d2"))) if not re.fullmatch(r"\d{3}", m.group("d2")) else None
        first = _iso(y1, m1, _day(m.group("d1")))
        if first and last and last < first:
            continue  # 'n°04 - 02 août 2020': a number before a date, not a range ending before it starts
        add(m, first, last, 3.5 if last else 3.0,
            "date range" if last else "date range, last day unreadable ('du 20 au 256 novembre')")
    for m in lists:
        if not m.group("y2"):
            continue  # no year: handled by the no-year pass below
        days = [_day(d) for d in re.findall(D, m.group("days"))]
        y, mo = int(m.group("y2")), MONTHS[m.group("m2")]
        add(m, _iso(y, mo, days[0]), _iso(y, mo, days[-1]), 3.5, "list of days")
    for m in ENGLISH_ORDER.finditer(folded):
        y, mo = int(m.group("y1")), MONTHS[m.group("m1")]
        add(m, _iso(y, mo, int(m.group("d1"))), _iso(y, mo, int(m.group("d2"))) if m.group("d2") else None, 3.0,
            "month day, year")
    for m in singles:
        if m.group("y1"):
            add(m, _iso(int(m.group("y1")), MONTHS[m.group("m1")], _day(m.group("d1"))), None, 3.0, "day month year")
    for m in MONTH_YEAR.finditer(folded):
        add(m, _iso(int(m.group("y1")), MONTHS[m.group("m1")]), None, 1.5, "month and year")
    for m in YEAR_ONLY.finditer(folded):
        if not m.group(0).startswith(("session", "edition")) and PERIOD_REVIEWED.search(
                folded, max(0, m.start() - 40), m.start()):
            continue  # 'le bilan au titre de l'année 2015': the period reviewed
        add(m, _iso(int(m.group("y1"))), None, 1.0, "year of the session")
    for m in TITLE_YEAR.finditer(folded, 0, 400):
        add(m, _iso(int(m.group("y1"))), None, 1.0, "year closing the title line")
    dated_at = [(c.pos, int(c.start[:4])) for c in found]
    bare = [] if dated_at else [
        (m.start(), int(m.group(0))) for m in YEAR.finditer(folded)  # a target ('d'ici 2030') is not the year of the event
        if not re.search(r"(?:d'ici|horizon|a l'horizon|vision|agenda|objectifs?)\s*(?:de |d')?(?:l'an\s*)?$",
                         folded[max(0, m.start() - 25): m.start()])]
    published = [int(publication[:4])] * 3 if publication else []  # a date without a year is most likely in the year of publication

    def years_near(pos: int) -> list[int]:
        """The years a day given without one may take: those of the dates of the text, else the bare years written
        near it ('revue annuelle 2017, ce jeudi 22 février'), not a statistic's paragraphs away; and the year of
        publication."""
        if dated_at:  # a date of the text pages away (a teaser of another story below the article) does not date this day
            return [y for at, y in dated_at if abs(at - pos) <= NEAR_DATED] + published
        return [y for at, y in bare if abs(at - pos) <= NEAR_YEAR] + published
    for m in ranges:
        if m.group("y2") or any(a <= m.start() < b for a, b in taken):
            continue
        m2 = MONTHS[m.group("m2")]
        m1 = MONTHS[m.group("m1")] if m.group("m1") else m2
        wd = m.group("wd1")
        year = _year_for(years_near(m.start()), m1, _day(m.group("d1")), wd.strip() if wd else None)
        if year is not None:
            add(m, _iso(year, m1, _day(m.group("d1"))), _iso(year + (m1 > m2), m2, _day(m.group("d2"))), 2.6,
                "date range, year from the text")
        elif m.start() < LEAD_CHARS:
            add(m, f"--{m1:02d}-{_day(m.group('d1')):02d}", None, 2.6, YEARLESS)
    for m in lists:
        if m.group("y2") or any(a <= m.start() < b for a, b in taken):
            continue
        days = [_day(d) for d in re.findall(D, m.group("days"))]
        mo = MONTHS[m.group("m2")]
        year = _year_for(years_near(m.start()), mo, days[0], None)
        if year is not None:
            add(m, _iso(year, mo, days[0]), _iso(year, mo, days[-1]), 2.6, "list of days, year from the text")
    bare_years = sorted({y for _, y in bare})
    for m in singles:  # day and month with no year: the year comes from the text
        if m.group("y1") or any(a <= m.start() < b for a, b in taken):
            continue
        if re.match(r"\s*(?:de )?(?:chaque|toute?s? les?) (?:annee|an)s?\b", folded[m.end(): m.end() + 30]):
            continue  # 'célébrée le 1er décembre de chaque année': a recurring day, not this event's
        wd = m.group("wd1")
        cand = _year_for(years_near(m.start()), MONTHS[m.group("m1")], _day(m.group("d1")), wd.strip() if wd else None)
        if cand is None and wd:  # 'vendredi 22 mars' … 'la journée mondiale 2019': a year further off, if the weekday fits
            cand = next((y for y in bare_years if _weekday_fits(y, MONTHS[m.group("m1")], _day(m.group("d1")),
                                                                 wd.strip())), None)
        if cand is not None:
            base = 2.8 if wd else 2.0
            add(m, _iso(cand, MONTHS[m.group("m1")], _day(m.group("d1"))), None, base,
                "day and month, year from the text" + (" (weekday checked)" if wd else ""))
        elif m.start() < LEAD_CHARS:
            add(m, f"--{MONTHS[m.group('m1')]:02d}-{_day(m.group('d1')):02d}", None, 2.0, YEARLESS)
    if publication and len(publication) == 10:
        _relative(folded, publication, found, taken)
    known = {c.start[4:] for c in found if len(c.start) == 10}  # 'vendredi le 22 mars' … 'vendredi 22 mars' (2019)
    return [c for c in found if c.method != YEARLESS or c.start[1:] not in known]


def _year_for(years: list[int], month: int, day: int, weekday: str | None) -> int | None:
    """The year that fits a day and month given without one: the one whose weekday matches, else the
    most frequent year of the text."""
    if not years:
        return None
    ranked = sorted(set(years), key=lambda y: (-years.count(y), -y))
    if weekday:
        return next((y for y in ranked + [y + d for y in ranked for d in (1, -1)]
                     if _weekday_fits(y, month, day, weekday)), None)
    return ranked[0]


def _weekday_fits(year: int, month: int, day: int, weekday: str) -> bool:
    try:
        return dt.date(year, month, day).weekday() == WEEKDAYS[weekday]
    except ValueError:
        return False


NEAR_DATED = 1500  # characters: a dated day this close to a day without a year gives it its year
NEAR_YEAR = 300  # characters: a bare year this close to a day without one gives it its year
RECENT_DAYS = 30  # a press item reports what happened in the weeks before it was published
PERIOD_DAYS = 45  # a range longer than this is a period (a year's activities, a plan), not a meeting's days
AHEAD_DAYS = 90  # an item announces a meeting a few weeks ahead at most; later dates are another event's


def _last_day(date: str) -> dt.date:
    """The last day a date at any precision ('2024', '2024-03', '2024-03-05') can stand for."""
    if len(date) == 4:
        return dt.date(int(date), 12, 31)
    if len(date) == 7:
        y, m = int(date[:4]), int(date[5:])
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(date)


def _long_before(c: Candidate, publication: str | None) -> bool:
    """The date lies more than a few weeks before the day the text was published: an earlier event recalled
    ('la 78e Assemblée mondiale tenue à Genève du 19 au 27 mai', 'l'auto-évaluation réalisée en décembre 2017')."""
    if not publication or len(publication) < 7:
        return False
    first = publication if len(publication) == 10 else publication + "-01"  # 'date 2023-03': from the month's first day
    return (dt.date.fromisoformat(first) - _last_day(c.start)).days > RECENT_DAYS


def _long_after(c: Candidate, publication: str | None) -> bool:
    """The date lies months after the text was published: a page's agenda of other events ('Du samedi 20 décembre
    2025 au …' beside an article of January 2020), a target, a next session."""
    if not publication or len(publication) < 7:
        return False
    start = c.start if len(c.start) == 10 else c.start[:7] + "-01" if len(c.start) == 7 else c.start + "-01-01"
    return (dt.date.fromisoformat(start) - _last_day(publication)).days > AHEAD_DAYS


def _after(c: Candidate, publication: str | None) -> bool:
    """The day lies after the day the text was published (a day, not a month: 'date 2023-03' says too little)."""
    return bool(publication) and len(publication) == 10 and len(c.start) == 10 and c.start > publication


def _calendar_period(c: Candidate) -> bool:
    """'du 1er janvier au 31 décembre 2018', 'du 1er juillet 2019 au 30 juin 2020': whole months, more than a few weeks
    of them (a year's activities, a plan's term), not a meeting's days ('du 7 novembre 2022 au 2 mars 2023' may be a
    course's)."""
    if not c.end or len(c.start) != 10 or len(c.end) != 10 or not c.start.endswith("-01"):
        return False
    end = dt.date.fromisoformat(c.end)
    return (end + dt.timedelta(days=1)).day == 1 and (end - dt.date.fromisoformat(c.start)).days > PERIOD_DAYS


def _score(c: Candidate, folded: str, lines: dict[int, bool] | None = None, publication: str | None = None) -> float:
    line_start = folded.rfind("\n", 0, c.pos) + 1
    line_end = folded.find("\n", c.endpos)
    before = folded[max(line_start, c.pos - 160): c.pos]
    after = folded[c.endpos: c.endpos + 80]
    score = c.score
    sentence_start = max(before.rfind(". "), before.rfind("\n"))
    # a date alone on its line ('3 Mars 2004' above 'Le siège de l'UEMOA abrite du 2 au 4 mars 2004', a programme's
    # 'Mardi 06 mai 2014' above 'Cérémonie d'ouverture'), or after its place only ('Niamey le 11 novembre 2013'), is a
    # heading: the lines below are not its sentence
    alone_after = not folded[c.endpos: line_end if line_end >= 0 else len(folded)].strip(" -–:,.")
    signature = SIGNATURE.search(before)
    signed = alone_after and bool(signature)
    alone = signed or alone_after and not folded[line_start: c.pos].strip(" -–:,")
    context = before[sentence_start + 1:] + " " + ("" if alone else after.split(". ")[0])
    if EVENT_WORDS.search(context):
        score += 2.5
    elif EVENT_NOUNS.search(context):
        score += 1.5
    if re.search(r"publie|mis en ligne", before[-40:]) or (
            _publication_line(folded, line_start, line_end, {} if lines is None else lines) and not c.end):
        score -= 5.0  # (a range of days is not a page's publication, whatever its line: 'Nairobi | Juin 13-17, 2022')
    if PAST.search(before) and not STARTED_SINCE.search(before):
        score -= 1.5
    if DEADLINE.search(before[-40:]):
        score -= 3.0
    if _is_last_day(c, folded):
        score -= 1.5  # 'les travaux se sont achevés le 7 novembre': the last day, not the first
    if c.start == publication and DATELINE_AGAIN.match(folded, c.endpos) and re.search(r"[a-z]{3,},\s*(?:le\s+)?$", before):
        score -= 5.0  # the dateline again, further down (a page that repeats its headline and lede)
    if REFERENCE.search(before[-60:]):
        score -= 3.0
    if STATUS.search(before[-30:]):
        score -= 2.5  # 'situation au 11 septembre': the date of a count
    if signed:
        score -= 3.0  # 'Niamey le 11 novembre 2013' alone on its line: the day the document was written
    elif signature and c.pos > 0.7 * len(folded):
        score -= 1.5  # 'Fait à Niamey, le …' closing the text
    if c.method != YEARLESS:  # a day without a year is not before nor after anything
        if _long_before(c, publication):
            score -= 2.0
        elif _long_after(c, publication):
            score -= 4.0
        elif _after(c, publication) and not COMING.search(context):
            score -= 2.0  # a day after the dispatch that reports the meeting as past: a page's own date, not the event's
    if c.pos < 0.15 * len(folded) or c.pos < 300:
        score += 1.0
    if _calendar_period(c):
        score -= 5.0  # 'du 1er janvier au 31 décembre 2018': the period a report covers, not a meeting's days
    if c.method == "month and year" and PERIOD_AFTER.match(folded, c.endpos):
        score -= 3.0  # the start of a period ('d'octobre 2019 jusqu'à septembre 2023'), not a meeting's month
    if c.method == "month and year" and re.search(r"(?:\bd'|\bde )$", before) and not re.search(
            r"(?:mois|courant|fin|debut) d(?:e |')$", before):
        score -= 2.0  # 'la Déclaration d'Astana d'octobre 2018': a date in passing
    return score


def _publication_line(folded: str, line_start: int, line_end: int, seen: dict[int, bool]) -> bool:
    """Whether a line speaks of publication; searched once per line, however many dates it holds."""
    if line_start not in seen:
        seen[line_start] = bool(PUBLICATION.search(folded[line_start: line_end if line_end >= 0 else len(folded)]))
    return seen[line_start]


_N = r"(?:(?P<n{0}>\d\d?)|(?P<w{0}>deux|trois|quatre|cinq|six|sept))\s+(?:\(\d\)\s+)?(?P<unit{0}>jours|heures)"
# 'au terme de trois jours', 'au cours des trois jours qu'a duré le forum', 'trois jours durant'
DURATION = re.compile(r"(?:au terme de|a l'issue de|apres|durant|pendant|au cours des)\s+(?:(?:les|ces|ses)\s+)?"
                      + _N.format(1) + "|" + _N.format(2) + r"\s+durant")
# and, near the words of a closing, 'ont ponctué les quatre jours de rencontre' ('préparer les cinq jours de
# campagne' in a meeting's own sentence is another event's)
DURATION_CLOSED = re.compile(DURATION.pattern + r"|\b(?:les|ces|ses)\s+" + _N.format(3) + r"\s+(?:de|d'|du|des)\b")
SENTENCE_END = re.compile(r"[.!?]\s")
OPENING = re.compile(r"\b(?:ouvert|ouverte|ouverture|lancee?s?|lancement|debut|demarrage|demarre)\w*\b[^.;]{0,25}$")
CLOSING = re.compile(r"cloture|fin des travaux|s'est acheve|se sont acheve|ont pris fin|a pris fin|(?:a|ont) referme")


def _closing_day(c: Candidate, folded: str) -> Candidate:
    """'le vendredi 24 janvier, au terme de trois jours d'atelier', or the closing ceremony's day and 'durant
    48 heures' further on: the event began that many days earlier."""
    if c.end or len(c.start) != 10 or OPENING.search(folded, max(0, c.pos - 40), c.pos):
        return c  # 'Ouvert le lundi 11 février …, l'atelier s'est achevé vendredi': the first day already
    stop = SENTENCE_END.search(folded, c.endpos)
    end = stop.start() if stop else len(folded)
    m = DURATION.search(folded, c.endpos, min(end, c.endpos + 150))
    before = max(0, c.pos - 300)  # this sentence and the one before: 'la cérémonie de clôture … C'était le 11 août'
    if not m and CLOSING.search(folded, before, end):
        m = DURATION_CLOSED.search(folded, before, min(len(folded), end + 600))
    if not m:
        return c
    k = next(i for i in "123" if m.group("unit" + i))
    n = int(m.group("n" + k)) if m.group("n" + k) else UNITS[m.group("w" + k)]
    days = n // 24 if m.group("unit" + k) == "heures" else n
    if not 2 <= days <= 10:
        return c
    last = dt.date.fromisoformat(c.start)
    first = last - dt.timedelta(days=days - 1)
    return Candidate(first.isoformat(), last.isoformat(), c.pos, c.endpos, c.score,
                     c.method + ", first day from the duration (inferred)")


def _refined(best: Candidate, scored: list[tuple[float, Candidate]], publication: str | None) -> Candidate:
    """A month or a year alone ('Rapport … Octobre 2014') gives way to a day the text gives within it ('du 28 au
    30 octobre 2014'): the same event, said more precisely."""
    if len(best.start) == 10:
        return best
    inside = [c for s, c in scored if len(c.start) > len(best.start) and c.start.startswith(best.start)
              and s >= 1.5 and not _long_before(c, publication)]
    if not inside:
        return best
    c = inside[0]
    return Candidate(c.start, c.end, c.pos, c.endpos, c.score, c.method + f", within '{best.start}'")


def _is_last_day(c: Candidate, folded: str) -> bool:
    """A single day the text gives as the one the event ends (ENDED before it, ENDED_AFTER after it)."""
    if c.end or OPENING.search(folded, max(0, c.pos - 40), c.pos):
        return False  # 'L'atelier ouvert le 10 mai 2021 s'est achevé avec …': the day it opened
    return bool(ENDED.search(folded, max(0, c.pos - 40), c.pos) or ENDED_AFTER.match(folded, c.endpos))


def _ended(best: Candidate, scored: list[tuple[float, Candidate]], folded: str) -> Candidate:
    """'Ouvert le lundi 11 février 2019 …, l'atelier s'est achevé vendredi 15 février': the day it ended, a few
    days after the first, is the last day."""
    if best.end or len(best.start) != 10:
        return best
    first = dt.date.fromisoformat(best.start)
    for _, c in scored:
        if len(c.start) == 10 and 1 <= (dt.date.fromisoformat(c.start) - first).days <= 14 and ENDED.search(
                folded[max(0, c.pos - 40): c.pos]):
            return Candidate(best.start, c.start, best.pos, best.endpos, best.score, best.method + ", last day where it ended")
    return best


def _said_to_happen(c: Candidate, folded: str) -> bool:
    """A verb of the event ('s'est tenu', 'a organisé', 'a eu lieu'…) in the sentence around the date."""
    start = max(folded.rfind(". ", 0, c.pos), folded.rfind("\n", 0, c.pos)) + 1
    end = folded.find(". ", c.endpos)
    return bool(EVENT_WORDS.search(folded[start: end if end >= 0 else len(folded)][:400]))


DATELINE_BEATEN = 3.0  # a date of the text scoring this much says more than the dateline's day


def _dateline_day(text: str, folded: str, dateline: str | None, scored: list[tuple[float, Candidate]]) -> Found | None:
    """'N'Djaména, 03 octobre 2012 -- Une réunion … a ouvert ses travaux à l'hôtel …': a dispatch that reports the
    event as done or under way and names no day of it (no date of the text scores as an event's) was written
    the day it happened."""
    scored = [(s, c) for s, c in scored if not _is_last_day(c, folded)]  # 'qui prendra fin ce vendredi': not its first day
    if not dateline or len(dateline) != 10 or (scored and scored[0][0] >= DATELINE_BEATEN) or any(
            c.method.startswith("weekday resolved") or c.pos < LEAD_CHARS and c.method != YEARLESS and s > 0
            and _said_to_happen(c, folded) for s, c in scored):
        return None  # a day the text names ('lundi', read against the dateline; 'a débuté le 2 février') says more
    head = folded[:LEAD_CHARS]
    m = REPORTED.search(head)
    if not m or COMING.search(head):
        return None
    if SEVERAL_DAYS.search(head) and not OPENED.search(head):
        return None  # 'a bénéficié de trois jours de formation': written once it was over, not on its first day
    return Found(dateline, snippet(text, m.start(), m.end()), confidence("dateline", DATELINE_STRENGTH),
                 "the dateline's day: the text reports the event and gives no day of it (inferred)")


CONFIDENCE_FILE = Path(__file__).resolve().parent.parent / "data" / "date_confidence.yml"
# The kinds of date answer, each with its own threshold (CONFIDENCE_FILE): how the date was read says how often it is
# right, more than its score does ('day month year' in a sentence saying the event took place is right far more often
# than a month alone or a year taken from elsewhere in the text, whatever their scores).
KINDS = ("dateline", "inferred", "year from the text", "month or year", "inside a range", "no event verb",
         "range, event sentence", "day, event sentence")


DATELINE_STRENGTH = 0.4  # the dateline's day taken for the event's: a guess the text supports, never more
SCALE = 9.0  # a score this high is strength 1: the best scores (a range in an event sentence of the lead, 7-9) stay apart


def confidence(kind: str, strength: float, path: Path = CONFIDENCE_FILE) -> float:
    """A date answer's strength (its score, lowered when a rival is close) as a confidence: the strength above which
    answers of its kind were right at least 96 % of the time, on the development parts and on the calibration parts
    (``score --realtext --train date``), becomes CONFIDENT (0.7), linear on each side; a kind that never reached it
    (threshold null, or a kind the file lacks) stays under 0.7."""
    at = (fitted(path).get("confident_at") or {}).get(kind)
    if at is None or at > 1.0:
        return round(min(0.69, 0.7 * strength), 2)
    return round(scaled(strength, at), 2)


@dataclass
class DateAnswer:
    """The event's start and end as found, how they were read (``kind``, one of KINDS) and how strongly
    (``strength`` at most 1, before calibration; 0 with no answer)."""

    start: Found
    end: Found
    kind: str = ""
    strength: float = 0.0


def _kind(best: Candidate, scored: list[tuple[float, Candidate]], folded: str) -> str:
    if "inferred" in best.method:
        return "inferred"  # a weekday read against the publication date, a first day from the duration
    if "year from the text" in best.method:
        return "year from the text"
    if len(best.start) < 10 and not best.end:
        return "month or year"  # dates a report as often as the event
    if not best.end and any(c.end and len(c.start) == 10 and c.start < best.start <= c.end for _, c in scored):
        return "inside a range"  # the text gives days around it ('les 27, 28, 29 novembre' … 'le 29'): maybe its last
    if not _said_to_happen(best, folded):
        return "no event verb"  # no sentence says the event took place that day
    return "range, event sentence" if best.end else "day, event sentence"


def date_answer(text: str, publication: str | None = None, dateline: str | None = None) -> DateAnswer:
    """``extract_dates`` with the kind and strength of the answer (what its confidence is calibrated from)."""
    folded = fold(text)
    if dateline and len(dateline) == 10 and (not publication or len(publication) < 10):
        publication = dateline  # 'Idiofa, le 24 septembre 2020' under a page's 'date 2020-10': 'ce jeudi' is read against the day
    lines: dict[int, bool] = {}  # publication lines, searched once each
    scored = sorted(((_score(c, folded, lines, publication), c) for c in _candidates(folded, publication)),
                    key=lambda sc: (-sc[0], sc[1].pos))
    by_dateline = _dateline_day(text, folded, dateline, scored)
    if by_dateline:
        return DateAnswer(by_dateline, Found(None), "dateline", DATELINE_STRENGTH)
    if not scored or scored[0][0] < 1.5:
        return DateAnswer(Found(None, "", 0.0, "no event date in the text"), Found(None))
    if scored[0][1].method == YEARLESS:
        return DateAnswer(Found(None, "", 0.0, "the event's day is given without its year"), Found(None))
    scored = [sc for sc in scored if sc[1].method != YEARLESS]
    best_score, best = scored[0]
    best = _refined(best, scored, publication)
    best = _closing_day(best, folded)
    best = _ended(best, scored, folded)
    strength = round(max(0.1, min(1.0, best_score / SCALE)), 2)
    rival = next((s for s, c in scored[1:] if c.start != best.start), None)
    if rival is not None and rival >= best_score - 1.5:
        strength = round(strength * 0.65, 2)  # another date is almost as likely: the curator should see both
    kind = _kind(best, scored, folded)
    conf = confidence(kind, strength)
    alternatives = tuple((c.start, round(s, 2), c.method) for s, c in scored[1:4] if c.start != best.start)
    snip = snippet(text, best.pos, best.endpos)
    return DateAnswer(Found(best.start, snip, conf, best.method, alternatives),
                      Found(best.end, snip if best.end else "", conf if best.end else 0.0, best.method), kind, strength)


def extract_dates(text: str, publication: str | None = None, dateline: str | None = None) -> tuple[Found, Found]:
    """The event's start and end date as ISO strings (or None), with the snippet they came from; a date given
    without a year, or as a weekday, is read against the publication date when there is one; the dateline's day
    (``dateline``, stripped from the text) is the event's when the text reports it and gives no other. The
    confidence is calibrated per kind of answer (``confidence``)."""
    answer = date_answer(text, publication, dateline)
    return answer.start, answer.end
