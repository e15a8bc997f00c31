"""Text -> what kind of document it is (compte rendu, procès-verbal…) and the town where the meeting was held,
both for the citation ('Rapport d'atelier. Bamako, Mali : …')."""

from __future__ import annotations

import re

from ..config import Vocabulary
from ..models import Found
from ..text import fold

DOC_TYPES = ("Compte rendu", "Procès-verbal", "Rapport d'atelier", "Communication (résumé)", "Article de presse")
HEAD = 1500
ABSTRACT_LENGTH = 6000  # characters: an abstract is a page or two  # a document says what it is, and where the meeting was held, in its first lines
# Checked in this order on the folded head of the text (title first): the first that matches wins.
RULES = [
    ("Procès-verbal", re.compile(r"\bproces[- ]verba(?:l|ux)\b")),
    ("Rapport d'atelier", re.compile(r"\b(?:rapport|resume|synthese|compte rendu) (?:general |final |de synthese )?"
                                     r"(?:de l'|d'|des )(?:atelier|journees)|\A[^\n]*\batelier\b")),
    ("Communication (résumé)", re.compile(r"^\s*(?:resume|abstract|titre)\s*(?:$|:)|\bmots[- ]cles\s*:|\b(?:communication|"
                                          r"poster) (?:orale|affichee|presentee)|\bresume de (?:la )?communication\b", re.M)),
    ("Article de presse", re.compile(r"\((?:aip|abp|amap|aps|anp|acp|map|afp|ap|apa|atop|acap)\)|\bagence "
                                     r"(?:de presse|[a-z]+ de presse)\b|\bde notre correspondant\b|\bpar notre envoye\b")),
]
# An abstract is short and built of the sections of a scientific communication.
ABSTRACT_HEADINGS = re.compile(r"^\s*(?:introduction|contexte|justification|objectifs?|methodes?|methodologie|"
                               r"materiel et methodes?|resultats|discussion|conclusions?)\s*:?\s*$", re.M)
ABSTRACT_PARTS = ({"introduction", "contexte", "justification"}, {"methodes", "methode", "methodologie",
                  "materiel et methodes", "materiel et methode", "resultats"}, {"conclusion", "conclusions", "discussion"})
# A press article opens on 'Place : headline' and reports what others said.
PRESS_HEADLINE = re.compile(r"\A[^\n:]{2,40} : [^\n]{10,}\n")
PRESS_WORDS = re.compile(r"\b(?:selon (?:le|la|les)|y ont pris part|a-t-il (?:dit|declare|indique|souligne)|"
                         r"a-t-elle (?:dit|declare|indique|souligne)|a-t-il rappele|a-t-elle rappele)\b")


def document_type(title: str, text: str) -> Found:
    """One of DOC_TYPES, from the words that name the kind of document near the top; 'Compte rendu' otherwise."""
    head = fold(f"{title}\n{text[:HEAD]}")
    for label, pattern in RULES:
        m = pattern.search(head)
        if m:
            return Found(label, m.group(0).strip(), 0.8, "document kind named near the top")
    folded = fold(text[:ABSTRACT_LENGTH])
    sections = {m.group(0).strip(" :\n") for m in ABSTRACT_HEADINGS.finditer(folded)}
    if len(text) <= ABSTRACT_LENGTH and all(sections & group for group in ABSTRACT_PARTS):
        return Found("Communication (résumé)", ", ".join(sorted(sections)), 0.7, "sections of an abstract")
    if re.search(r"^\W*publie le \d", head, re.M) or (PRESS_HEADLINE.match(fold(text[:HEAD])) and PRESS_WORDS.search(head)
                                                    and not re.search(r"^\W*(?:lieu|dates?)\W*:", head, re.M)):
        return Found("Article de presse", head[:80].split("\n")[0], 0.6, "headline, date of publication, reported speech")
    return Found("Compte rendu", "", 0.3, "default: minutes of a meeting")


HELD = r"(?:tenue?s?|deroulee?s?|organisee?s?|reunie?s?|reuni|organise|abrite|accueilli|a eu lieu|ont eu lieu|se tient|s'est tenue?)"


def meeting_town(text: str, countries: list[str], vocab: Vocabulary) -> Found:
    """The town (a place of places.yml of the report's countries) where the text says the meeting was held:
    'tenue à Kandi', 'à Kandi, le 3 mars', or a dateline 'Kandi, le 3 mars'; None when it says none."""
    head = fold(text[:HEAD], lower=False)
    places = [p for c in vocab.countries if c.name in countries for p in c.places]
    if not places:
        return Found(None, "", 0.0, "no country, no town to look for")
    # compiled once per set of countries (re's own cache, 512 patterns, thrashed on a corpus of many countries)
    patterns = vocab.compiled("document.py:meeting_town:" + "|".join(sorted(countries)),
                              lambda _: [re.compile(p) for p in _town_patterns(places)])
    by_fold = {fold(p, lower=False): p for p in places}
    for pattern in patterns:
        m = pattern.search(head)
        if m:
            return Found(by_fold[m.group(1)], m.group(0).strip(), 0.7, "town named where the meeting was held")
    return Found(None, "", 0.0, "no town named as the meeting's place")


def _town_patterns(places: list[str]) -> list[str]:
    names = "|".join(re.escape(fold(p, lower=False)) for p in sorted(places, key=len, reverse=True))
    return [rf"(?i:{HELD})\b[^.\n]{{0,100}}?\b(?:a|au|dans la ville de) ({names})\b",
            rf"\b(?:a|A) ({names}),? (?:(?i:le|les|du)) \d",
            rf"(?m)^\s*({names}),? (?:(?i:le)) \d",
            rf"(?im)^\W*lieu\W*:\W*({names})\b",
            rf"\b({names}) (?:a abrite|a accueilli)\b",
            rf"\A\s*(?:[^\n:]{{0,30}} (?:a|de) )?({names}) : ",
            rf"(?i:ville|gouvernorat|prefecture|mairie|hotel de ville|hopital regional|region sanitaire) (?:de|d') ?({names})\b",
            rf"(?i:\b(?:a|dans) l'(?:hotel|amphitheatre)|\b(?:a|dans) la salle)\b[^.\n]{{0,60}}? (?:de|d'|a) ?({names})\b"]
