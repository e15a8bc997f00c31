"""Body blocks -> citable units: lessons, recommendations, difficulties, key figures, perspectives."""

from __future__ import annotations

import hashlib
import re

from ..models import Block, Unit
from ..text import clean_spaces, fold, sentences
from .titles import plain

KINDS = ("lesson", "recommendation", "difficulty", "figure", "perspective")
PREFIX = {"lesson": "lecon", "recommendation": "rec", "difficulty": "diff", "figure": "chiffre", "perspective": "persp"}
SECTION_WORDS = [
    ("lesson", r"lecons? (?:apprises?|tirees?)|enseignements?(?: tires)?|bonnes pratiques"),
    ("recommendation", r"recommandations?|resolutions?"),
    ("difficulty", r"difficultes?(?: rencontrees)?|defis|contraintes|insuffisances|problemes rencontres|goulots? d'etranglement|faiblesses"),
    ("perspective", r"perspectives?|prochaines etapes|suite a donner"),
]
HEADING_KIND = [(k, re.compile(rf"^\W*(?:\d+[.)]?\s*|[ivx]+[.)]\s*)?(?:les |principales? |quelques )*(?:{w})\b")) for k, w in SECTION_WORDS]
# 'Les principales leçons apprises sont : …', 'Comme perspectives, nous…', '… les recommandations suivantes ont été formulées :'
TRIGGER = [(k, re.compile(rf"^(?:(?:comme|en termes de|au titre des|s'agissant des|en matiere de|pour ce qui est des)\s+)?"
                          rf"(?:les |des |nos |quelques )?(?:principa(?:les?|ux) |grand(?:e?s) |autres )?(?:{w})\b[^.:]{{0,90}}?(?P<sep>:|,)\s*"))
           for k, w in SECTION_WORDS]
INTRO = [(k, re.compile(rf"(?:{w})[^.]{{0,80}}(?:suivant(?:e?s)?|ci-apres|sont les suivant\w*|parmi lesquel\w*|"
                        rf"a savoir|ont ete (?:formule|identifie|releve|retenu|note)\w*|se presentent\w*)[^.]{{0,40}}:\s*$"))
         for k, w in SECTION_WORDS]
PROSE_RECOMMENDATION = re.compile(r"\b(?:recommande(?:nt|ons)?|a recommande|ont recommande|est recommande|"
                                  r"ont ete recommande(?:e?s)?|il a ete recommande)\s+(?:de |d'|que |qu'|a |aux |au |la |le |l')")
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
TARGET = re.compile(r"(?:objectif|cible|norme|seuil|attendu)[^%]{0,60}?(\d+(?:[.,]\d+)?)\s*%")
MEASURE = re.compile(r"\b(?:taux|couverture|proportion|pourcentage|completude|promptitude|utilisation|execution|"
                     r"objectif|cible|prevalence|incidence|letalite|disponibilite)")
COLUMNS = {
    "text": re.compile(r"recommandation|lecon|difficulte|mesure|action"),
    "structure": re.compile(r"structure|responsable|acteur|execution|qui\b|charge"),
    "deadline": re.compile(r"delai|echeance|periode|date|quand|calendrier|chronogramme"),
    "topic": re.compile(r"point|constat|probleme|discussion|difficulte|insuffisance"),
}
# A column saying what became of each row ('Statut', 'Niveau de mise en œuvre'): the table follows up earlier
# recommendations (classify.follow_up_status reads it), it does not make new ones.
STATUS_COLUMN = re.compile(r"^statut\b|^(?:etat|niveau|situation|point|taux)\b.{0,30}(?:mise en (?:oe|œ)uvre|realisation|"
                           r"execution|avancement)")
LABELLED = {
    "structure": re.compile(r"(?:responsables?|structures? (?:d'execution|responsables?)|acteurs?)\s*:\s*(?P<v>[^;.\n]+)", re.I),
    "deadline": re.compile(r"(?:echeances?|delais?(?: de mise en (?:oe|œ)uvre)?|periode)\s*:\s*(?P<v>[^;\n]+?)\s*(?:[;.]|$)", re.I),
}


def unit_id(kind: str, text: str) -> str:
    """Stable id from the unit's own words: unchanged when the rest of the report is edited."""
    digest = hashlib.sha1(clean_spaces(fold(plain(text))).encode("utf-8")).hexdigest()[:8]
    return f"{PREFIX[kind]}-{digest}"


def _kind_of_heading(text: str) -> str | None:
    f = fold(plain(text))
    return next((k for k, pat in HEADING_KIND if pat.match(f)), None)


def _trigger(text: str) -> tuple[str, str] | None:
    """A paragraph that opens a section: (kind, what follows the trigger)."""
    f = fold(plain(text))
    if f.rstrip().endswith(":"):  # an introduction ends with a colon (every INTRO pattern ends with ':\s*$')
        for kind, pat in INTRO:
            if pat.search(f):
                return kind, ""
    for kind, pat in TRIGGER:
        m = pat.match(f)
        if m:
            rest = plain(text)[m.end():].strip()
            return kind, rest
    return None


def _split_items(rest: str) -> list[str]:
    parts = [p.strip(" ;,") for p in re.split(r"\s*;\s*|\s+\d\)\s+|\s+[ivx]+\)\s+", rest) if p.strip(" ;,.")]
    return [p for p in parts if len(p.split()) >= 3] or ([rest] if rest else [])


def _labelled(unit: Unit, text: str) -> None:
    f = fold(text)
    for name, pat in LABELLED.items():
        m = pat.search(f)
        if m and not getattr(unit, name):
            setattr(unit, name, clean_spaces(text[m.start("v"): m.end("v")]).rstrip(" .;"))


def _table_units(block: Block, n: int) -> list[Unit]:
    header = [fold(c) for c in block.rows[0]]
    cols: dict[str, int] = {}
    for name, pat in COLUMNS.items():
        for i, h in enumerate(header):
            if pat.search(h) and i not in cols.values():
                cols[name] = i
                break
    if "text" not in cols or any(STATUS_COLUMN.search(h.strip()) for h in header):
        return []
    kind = next((k for k, pat in HEADING_KIND if pat.match(header[cols["text"]])), "recommendation")
    units = []
    for r, row in enumerate(block.rows[1:], 1):
        cell = lambda name: row[cols[name]].strip() if name in cols and cols[name] < len(row) else ""  # noqa: E731
        if not cell("text"):
            continue
        units.append(Unit(kind, cell("text"), block=n, item=r, structure=cell("structure"),
                          deadline=cell("deadline"), topic=cell("topic")))
    return units


def _figures(block: Block, n: int) -> list[Unit]:
    units = []
    items = block.lines if block.kind == "list" else [" ".join(block.lines)]
    for i, item in enumerate(items):
        text = plain(item)
        if "%" not in text:
            continue  # no sentence of it can hold a percentage
        for _, _, sent in sentences(text):
            values = PERCENT.findall(sent)
            if not values or not MEASURE.search(fold(sent)):
                continue
            target = TARGET.search(fold(sent))
            units.append(Unit("figure", sent, block=n, item=i if block.kind == "list" else -1,
                              value=" ; ".join(f"{v} %" for v in values),
                              target=f"{target.group(1)} %" if target else ""))
    return units


def _prose_recommendations(text: str, folded: str, n: int) -> list[Unit]:
    """Sentences that recommend ('il a été recommandé de…'); only a paragraph that does holds one."""
    if "recommande" not in folded or not PROSE_RECOMMENDATION.search(folded):  # each form says 'recommande'
        return []
    return [Unit("recommendation", sent, block=n) for _, _, sent in sentences(text)
            if PROSE_RECOMMENDATION.search(fold(sent))]


def extract_units(blocks: list[Block]) -> list[Unit]:
    """Every citable statement, in reading order, each pointing at the block (and item) that holds it."""
    units: list[Unit] = []
    section: str | None = None
    section_from_heading = False
    open_paragraphs = 0
    for n, b in enumerate(blocks):
        if b.kind == "heading":
            section = _kind_of_heading(b.lines[0])
            section_from_heading = section is not None
            continue
        if b.kind == "table":
            units.extend(_table_units(b, n))
            section = None if not section_from_heading else section
            continue
        if b.kind == "list":
            if section:
                for i, item in enumerate(b.lines):
                    if LABELLED["structure"].match(fold(item)) or LABELLED["deadline"].match(fold(item)):
                        if units:
                            _labelled(units[-1], item)
                        continue
                    u = Unit(section, plain(item), block=n, item=i)
                    _labelled(u, item)
                    units.append(u)
                if not section_from_heading:
                    section, open_paragraphs = None, 0
            units.extend(_figures(b, n))
            continue
        text = plain(" ".join(b.lines))
        f = fold(text)
        trig = _trigger(text)
        if trig:
            section, rest = trig
            section_from_heading = False
            for item in _split_items(rest):
                u = Unit(section, item, block=n)
                _labelled(u, item)
                units.append(u)
            open_paragraphs = 2 if rest and b.markdown else 0
            if rest and not b.markdown:
                section = None
        elif section and (LABELLED["structure"].match(f) or LABELLED["deadline"].match(f)) and units:
            _labelled(units[-1], text)
        elif section and (section_from_heading or open_paragraphs > 0) and len(text.split()) >= 4:
            u = Unit(section, text, block=n)
            _labelled(u, text)
            units.append(u)
            open_paragraphs -= 1
        else:
            if section and not section_from_heading:
                section = None
            units.extend(_prose_recommendations(text, f, n))
        units.extend(_figures(b, n))
    _assign_ids(units)
    return units


def _assign_ids(units: list[Unit]) -> None:
    seen: dict[str, int] = {}
    for u in units:
        uid = unit_id(u.kind, u.text)
        seen[uid] = seen.get(uid, 0) + 1
        u.uid = uid if seen[uid] == 1 else f"{uid}-{seen[uid]}"
