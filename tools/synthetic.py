"""Deterministic synthetic corpus: realistic French meeting reports for benchmarks and accuracy checks.

    python -m tools.synthetic N DEST [--seed S]

Countries, places, programmes and theme keywords come from build_scripts/data/*.yml, so the corpus follows
the curated vocabularies. Every report names one country only (its places, its name, its demonym), and
``_expected.json`` beside the reports records what was written: the leading '_' keeps it out of the
pipeline's reports (``discover`` skips such names).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "build_scripts" / "data"
EXPECTED = "_expected.json"
MD_SHARE = 0.2
YEARS = (2015, 2025)
WORDS = (300, 860)  # target before the last sentence; reports end up with 300-900 words

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NUMBER_WORDS = ("", "premier", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
                "vingt et un", "vingt-deux", "vingt-trois", "vingt-quatre", "vingt-cinq", "vingt-six", "vingt-sept",
                "vingt-huit", "vingt-neuf", "trente", "trente et un")
DATE_FORMS = (("range", 28), ("range-months", 6), ("weekday", 15), ("single", 14), ("list", 15), ("numeric", 15),
              ("spelled", 7))


@dataclass(frozen=True)
class Grammar:
    """How French text names one country and its local health authorities."""

    at: str  # 'au Bénin'
    of: str  # 'du Bénin'
    demonym: str  # masculine singular, for 'le système de santé béninois'
    local_orgs: tuple[tuple[str, str], ...]  # (name before the place, acronym)


DRS = ("Direction régionale de la santé", "DRS")
ECD = ("Équipe cadre du district sanitaire", "ECD")
GRAMMAR = {
    "Bénin": Grammar("au Bénin", "du Bénin", "béninois",
                     (("Direction départementale de la santé", "DDS"), ("Zone sanitaire", "ZS"))),
    "Burkina Faso": Grammar("au Burkina Faso", "du Burkina Faso", "burkinabè", (DRS, ECD)),
    "Cameroun": Grammar("au Cameroun", "du Cameroun", "camerounais",
                        (("Délégation régionale de la santé publique", "DRSP"), ECD)),
    "Côte d'Ivoire": Grammar("en Côte d'Ivoire", "de la Côte d'Ivoire", "ivoirien", (DRS, ECD)),
    "Guinée": Grammar("en Guinée", "de la Guinée", "guinéen", (DRS, ("Direction préfectorale de la santé", "DPS"))),
    "Mali": Grammar("au Mali", "du Mali", "malien", (DRS, ("Centre de santé de référence", "CSRéf"))),
    "Mauritanie": Grammar("en Mauritanie", "de la Mauritanie", "mauritanien",
                          (("Direction régionale à l'action sanitaire", "DRAS"), ECD)),
    "Niger": Grammar("au Niger", "du Niger", "nigérien", (("Direction régionale de la santé publique", "DRSP"), ECD)),
    "Sénégal": Grammar("au Sénégal", "du Sénégal", "sénégalais", (("Région médicale", "RM"), ECD)),
    "Tchad": Grammar("au Tchad", "du Tchad", "tchadien", (("Délégation provinciale de la santé publique", "DPSP"),
                                                          ECD)),
    "Togo": Grammar("au Togo", "du Togo", "togolais", (DRS, ECD)),
}
NATIONAL_ORGS = (
    ("le Programme national de lutte contre le paludisme (PNLP)", "PNLP"),
    ("le Programme élargi de vaccination (PEV)", "PEV"),
    ("la Direction de la santé de la mère et de l'enfant (DSME)", "DSME"),
    ("la Direction de la planification et des statistiques sanitaires (DPSS)", "DPSS"),
    ("le Programme national de lutte contre la tuberculose (PNLT)", "PNLT"),
    ("la Direction de la nutrition (DN)", "DN"),
    ("le Secrétariat général du ministère de la Santé", "SG/MS"),
    ("la Direction des ressources humaines (DRH) du ministère de la Santé", "DRH"),
)
PARTNERS = ("l'UNICEF", "l'Organisation mondiale de la santé (OMS)", "l'UNFPA", "l'USAID", "la Banque mondiale",
            "le Fonds mondial", "l'Alliance Gavi", "la GIZ", "la JICA", "Enabel", "l'Union européenne",
            "l'Agence française de développement (AFD)", "le Programme alimentaire mondial (PAM)", "le PNUD",
            "la Coopération suisse", "la Fondation Bill & Melinda Gates", "Médecins sans frontières",
            "la Croix-Rouge")
EVENTS = (  # (noun phrase without article, feminine?)
    ("atelier de partage d'expériences sur {topic}", False),
    ("atelier de formation sur {topic}", False),
    ("atelier de validation du plan d'action sur {topic}", False),
    ("réunion de coordination sur {topic}", True),
    ("revue semestrielle des activités portant sur {topic}", True),
    ("revue annuelle conjointe du secteur, centrée sur {topic}", True),
    ("session ordinaire du comité régional de pilotage consacrée {topic_a}", True),
    ("atelier de restitution des résultats de l'évaluation portant sur {topic}", False),
    ("mission de supervision formative sur {topic}", True),
    ("séance de travail sur {topic}", True),
    ("rencontre d'échanges sur {topic}", True),
    ("formation des prestataires sur {topic}", True),
)
TOPICS = {
    "community-health": ("la mise en œuvre de la santé communautaire", "la supervision des relais communautaires"),
    "epidemic-response": ("la préparation et la riposte aux épidémies", "la surveillance épidémiologique"),
    "governance-coordination": ("la coordination des interventions du secteur", "le suivi des recommandations"),
    "health-financing": ("le financement de la santé", "la couverture sanitaire universelle"),
    "human-resources": ("la gestion des ressources humaines en santé", "le renforcement des compétences"),
    "hygiene-sanitation": ("l'hygiène et l'assainissement en milieu de soins", "la gestion des déchets biomédicaux"),
    "infectious-diseases": ("la lutte contre le paludisme", "la prise en charge de la tuberculose et du VIH"),
    "institutional-support": ("l'appui institutionnel aux structures sanitaires", "la qualité des soins"),
    "maternal-child-health": ("la santé de la mère et de l'enfant", "la planification familiale"),
    "medicines-supply": ("l'approvisionnement en médicaments essentiels", "la gestion des stocks d'intrants"),
    "monitoring-evaluation": ("la qualité des données sanitaires", "le suivi et l'évaluation des plans d'action"),
    "nutrition": ("la prise en charge de la malnutrition aiguë", "la promotion de l'allaitement maternel exclusif"),
    "social-protection": ("la protection sociale des groupes vulnérables", "la prise en charge des indigents"),
    "vaccination": ("la vaccination de routine", "la récupération des enfants zéro dose"),
}
INDICATORS = (  # (label, feminine?, low, high)
    ("taux de couverture en Penta3", False, 70, 99), ("taux de couverture en VAR1", False, 65, 98),
    ("taux de complétude des rapports mensuels", False, 75, 100), ("taux de promptitude des rapports", False, 60, 98),
    ("taux d'utilisation des services curatifs", False, 25, 80), ("taux de couverture en CPN4", False, 30, 75),
    ("taux d'accouchements assistés par du personnel qualifié", False, 45, 95),
    ("taux d'exécution physique du plan de travail annuel", False, 55, 98),
    ("taux d'exécution financière", False, 40, 95), ("taux de succès thérapeutique de la tuberculose", False, 70, 95),
    ("proportion d'enfants dépistés pour la malnutrition aiguë", True, 40, 95),
    ("proportion de formations sanitaires sans rupture de stock de médicaments traceurs", True, 50, 95),
    ("couverture en supplémentation en vitamine A", True, 60, 99),
    ("proportion de cas suspects investigués dans les 48 heures", True, 55, 100),
)
INTRO_FORMS = ("organised", "passive", "initiative", "date-first")


def _fold(text: str) -> str:
    """Accents removed, apostrophes and dashes made plain: the form used to compare names."""
    text = text.replace("’", "'").replace("–", "-")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Vocab:
    """The parts of the curated vocabularies the generator writes from."""

    places: dict[str, tuple[str, ...]]
    programmes: dict[str, tuple[tuple[str, str, str], ...]]  # country -> (name, long, kind)
    themes: tuple[tuple[str, str, tuple[str, ...]], ...]  # (slug, label, keywords)
    countries: tuple[str, ...]


class _Mentions:
    """Finds which countries a piece of text names, the way places.yml defines them (names, places...)."""

    def __init__(self, countries: list[dict]) -> None:
        self.owner: dict[str, set[str]] = {}
        loose, strict = [], []
        for c in countries:
            for term in [c["name"], *(c.get("aliases") or []), *(c.get("demonyms") or [])]:
                loose.append(self._add(term.lower(), c["name"]))
            for term in [*(c.get("institutions") or []), *(c.get("places") or [])]:
                strict.append(self._add(term, c["name"]))
                strict.append(self._add(term.upper(), c["name"]))
        self.loose = self._pattern(loose)
        self.strict = self._pattern(strict)

    def _add(self, term: str, country: str) -> str:
        key = re.sub(r"[- ]+", " ", _fold(term)).strip()
        self.owner.setdefault(key, set()).add(country)
        return key

    @staticmethod
    def _pattern(keys: list[str]) -> re.Pattern[str]:
        alts = sorted({re.escape(k).replace(r"\ ", "[- ]+") for k in keys if k}, key=lambda a: (-len(a), a))
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")

    def countries(self, text: str) -> set[str]:
        """Every country a text names (a term shared by two countries names both)."""
        folded = re.sub(r"\{\w+\}", " ", _fold(text))
        found: set[str] = set()
        for pattern, subject in ((self.loose, folded.lower()), (self.strict, folded)):
            for m in pattern.finditer(subject):
                found |= self.owner.get(re.sub(r"[- ]+", " ", m.group(0)), set())
        return found


def _load_yaml(path: Path, key: str) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))[key]


@lru_cache(maxsize=4)
def load_vocab(data_dir: Path = DATA_DIR) -> tuple[Vocab, _Mentions]:
    """Read places, programmes and themes; keep only terms that name no country, or only their own."""
    countries = _load_yaml(data_dir / "places.yml", "countries")
    mentions = _Mentions(countries)
    names = [c["name"] for c in countries if c["name"] in GRAMMAR]
    places = {c["name"]: _usable_places(c, mentions) for c in countries if c["name"] in GRAMMAR}
    programmes = {name: _programmes_for(name, data_dir, mentions) for name in names}
    themes = tuple((t["slug"], t["label"], tuple(k for k in t["keywords"] if _good_keyword(k, mentions)))
                   for t in _load_yaml(data_dir / "themes.yml", "themes"))
    return Vocab(places, programmes, themes, tuple(n for n in names if places[n])), mentions


def _usable_places(country: dict, mentions: _Mentions) -> tuple[str, ...]:
    """Proper place names of one country that name no other country; one spelling per place (the accented)."""
    by_key: dict[str, str] = {}
    for p in country.get("places") or []:
        if not p[:1].isupper() or "/" in p or p.count("-") > 2 or mentions.countries(p) != {country["name"]}:
            continue
        key = _fold(p).lower()
        if key not in by_key or p != _fold(p):
            by_key[key] = p
    return tuple(sorted(by_key.values()))


def _programmes_for(country: str, data_dir: Path, mentions: _Mentions) -> tuple[tuple[str, str, str], ...]:
    out = []
    for p in _load_yaml(data_dir / "programmes.yml", "programmes"):
        text = " ".join([p["name"], p.get("long") or "", *(p.get("aliases") or [])])
        if p.get("country") in (None, country) and mentions.countries(text) <= {country} and p.get("long"):
            out.append((p["name"], p["long"], p.get("kind") or "programme"))
    return tuple(out)


def _good_keyword(keyword: str, mentions: _Mentions) -> bool:
    """A keyword that reads as a noun phrase in a list and names no country."""
    single_adjective = " " not in keyword and keyword.islower() and keyword.endswith(("el", "elle", "aire", "ive"))
    return not single_adjective and not mentions.countries(keyword)


# ---------------------------------------------------------------- French helpers


def _elides(word: str) -> bool:
    return _fold(word[:1]).lower() in "aeiou"


def _de(phrase: str) -> str:
    """'de' joined to a phrase: 'le Fonds' -> 'du Fonds', 'l'UNICEF' -> 'de l'UNICEF', 'Enabel' -> 'd'Enabel'."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase.startswith(("la ", "l'")):
        return "de " + phrase
    return ("d'" if _elides(phrase) else "de ") + phrase


def _a(phrase: str) -> str:
    """'à' joined to a phrase: 'le suivi' -> 'au suivi', 'la santé' -> 'à la santé'."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def _the(noun: str, feminine: bool) -> str:
    return ("l'" if _elides(noun) else "la " if feminine else "le ") + noun


def _one(noun: str, feminine: bool) -> str:
    return ("une " if feminine else "un ") + noun


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class EventDate:
    """When the event took place, and how the report writes it."""

    start: dt.date
    end: dt.date | None
    form: str
    phrase: str  # as written after a verb: 'du 20 au 22 novembre 2024', 'le 25/07/2018'


def _day(d: int) -> str:
    return "1er" if d == 1 else str(d)


def _long(date: dt.date, weekday: bool = False) -> str:
    wd = WEEKDAYS[date.weekday()] + " " if weekday else ""
    return f"{wd}{_day(date.day)} {MONTHS[date.month - 1]} {date.year}"


def _spelled(start: dt.date, end: dt.date | None) -> str:
    """'L'an deux mille dix-neuf et le quatorze novembre', the form of minutes (procès-verbaux)."""
    year = ("deux mil " if start.year % 2 else "deux mille ") + NUMBER_WORDS[start.year - 2000]
    days = [NUMBER_WORDS[start.day]] + ([NUMBER_WORDS[end.day]] if end else [])
    article = "les" if end else "le"
    return f"L'an {year} et {article} {' et '.join(days)} {MONTHS[start.month - 1]}"


def event_date(rng: random.Random) -> EventDate:
    """A random event date in one of the French forms reports use."""
    form = rng.choices([f for f, _ in DATE_FORMS], [w for _, w in DATE_FORMS])[0]
    year, month = rng.randint(*YEARS), rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    if form == "range-months" and month < 12:
        start = dt.date(year, month, last - rng.randint(0, 2))
        end = dt.date(year, month + 1, rng.randint(1, 3))
        return EventDate(start, end, form, f"du {start.day} {MONTHS[month - 1]} au {_long(end)}")
    form = "range" if form == "range-months" else form
    start = dt.date(year, month, rng.randint(1, last - 4))
    if form == "range":
        end = start + dt.timedelta(days=rng.randint(1, 4))
        return EventDate(start, end, form, f"du {_day(start.day)} au {_long(end)}")
    if form == "list":
        days = [start + dt.timedelta(days=k) for k in range(rng.randint(2, 3))]
        listed = _join([_day(d.day) for d in days])
        return EventDate(start, days[-1], form, f"les {listed} {MONTHS[month - 1]} {year}")
    if form == "numeric":
        return EventDate(start, None, form, f"le {start.day:02d}/{start.month:02d}/{start.year}")
    if form == "spelled":
        end = start + dt.timedelta(days=1) if rng.random() < 0.4 else None
        return EventDate(start, end, form, _spelled(start, end))
    return EventDate(start, None, form, "le " + _long(start, weekday=form == "weekday"))


# ---------------------------------------------------------------- content pools (report text, in French)

BODY = (
    "La cérémonie d'ouverture a été présidée par le secrétaire général de la préfecture {de_P}, qui a rappelé "
    "l'importance {de_topic} pour l'atteinte des objectifs sanitaires.",
    "Dans son mot de bienvenue, le directeur a remercié les participants pour leur mobilisation et les partenaires "
    "pour leur accompagnement constant.",
    "Les travaux se sont déroulés en plénière, puis en groupes, suivis de restitutions et de débats.",
    "Les discussions ont porté notamment sur les points suivants : {kws}.",
    "Les présentations ont mis en évidence des avancées sur le volet « {kw2} », mais aussi des insuffisances "
    "persistantes.",
    "Un accent particulier a été mis sur le volet « {kw} », jugé prioritaire par l'ensemble des acteurs.",
    "Les participants ont relevé des difficultés persistantes sur le volet « {kw} » dans plusieurs districts, "
    "notamment à {P2}.",
    "Le point de mise en œuvre des recommandations antérieures a été présenté : la majorité d'entre elles ont été "
    "réalisées ou sont en cours de réalisation.",
    "Les échanges ont permis de clarifier les rôles et responsabilités de chaque acteur.",
    "Les responsables des districts ont présenté l'état d'avancement de leurs plans d'action opérationnels.",
    "Des témoignages d'agents de terrain {de_P2} ont illustré les difficultés rencontrées au quotidien.",
    "Les travaux de groupes ont porté sur l'analyse des goulots d'étranglement et la définition d'actions "
    "correctrices réalistes.",
    "Il ressort des échanges que les volets « {kw} » et « {kw2} » constituent des leviers essentiels pour "
    "améliorer les performances.",
    "La méthodologie adoptée a combiné des exposés, des études de cas et une visite de terrain à {P2}.",
    "Les données présentées sont issues du DHIS2 et des rapports d'activités des formations sanitaires.",
    "Les participants ont salué la qualité des présentations et la pertinence des thèmes abordés.",
    "Le modérateur a invité chaque district à partager ses bonnes pratiques sur le volet « {kw} ».",
    "Une synthèse des contributions a été faite à la fin de chaque journée par le comité de rédaction.",
    "Les communes de la zone ont été encouragées à inscrire des lignes budgétaires pour les activités de santé.",
    "Les leaders religieux et coutumiers présents ont promis de s'impliquer davantage dans la sensibilisation "
    "des populations.",
    "Il a été rappelé que le volet « {kw2} » fait partie des priorités du plan national de développement sanitaire.",
    "Les échanges ont également porté sur la disponibilité des intrants et la motivation du personnel.",
    "Une visite du centre de santé {de_P2} a permis d'observer l'organisation des services et la tenue des "
    "outils de gestion.",
    "Les résultats obtenus restent en deçà des attentes dans les zones d'accès difficile.",
    "Les participants ont unanimement reconnu la nécessité de renforcer la collaboration intersectorielle.",
    "Le président de séance a souligné le besoin d'une meilleure coordination entre les niveaux central, "
    "intermédiaire et périphérique.",
    "Les débats ont été francs et constructifs, chaque structure ayant pu exprimer ses attentes.",
    "La présentation consacrée au volet « {kw} » a suscité de nombreuses questions, en particulier sur le "
    "financement des activités.",
    "Les équipes {de_P2} ont présenté une expérience réussie de supervision intégrée qui pourrait être étendue.",
    "Le représentant {de_partner} a réaffirmé l'engagement de son institution aux côtés du système de santé "
    "{demonym}.",
)
LESSONS = (
    "L'implication des leaders communautaires dès la planification facilite l'adhésion des populations.",
    "La supervision formative régulière améliore la qualité des données et la motivation des agents.",
    "La tenue de revues trimestrielles permet de corriger rapidement les écarts de performance.",
    "Le partage des données entre districts favorise l'émulation et l'apprentissage mutuel.",
    "La disponibilité des intrants conditionne directement l'utilisation des services par les populations.",
    "Un plan de communication adapté aux langues locales renforce l'efficacité de la sensibilisation.",
    "La mutualisation des ressources des partenaires évite les doublons et réduit les coûts.",
    "L'appropriation des outils par les équipes cadres de district est la clé de la pérennité.",
    "La motivation des relais communautaires doit être prévue dès la conception des interventions.",
    "L'utilisation du DHIS2 pour le suivi hebdomadaire permet de détecter tôt les ruptures et les baisses.",
    "Les cadres de concertation régionaux renforcent la redevabilité de tous les acteurs.",
    "La formation en cascade n'est efficace que si elle est suivie d'un accompagnement sur le terrain.",
    "Le paiement à temps des primes des agents améliore la complétude des rapports.",
    "L'intégration des activités du volet « {kw} » dans les plans des communes facilite leur financement.",
    "Les visites à domicile restent le moyen le plus sûr d'atteindre les ménages éloignés.",
    "La documentation systématique des bonnes pratiques facilite leur passage à l'échelle.",
    "Le leadership du médecin-chef de district est déterminant pour la réussite des activités.",
    "La collaboration avec les radios communautaires élargit la portée des messages de santé.",
)
DIFFICULTIES = (
    "Retard dans la mise à disposition des fonds, qui a décalé le calendrier des activités.",
    "Insuffisance de personnel qualifié dans les formations sanitaires périphériques.",
    "Ruptures fréquentes de certains intrants, notamment pour le volet « {kw} ».",
    "Faible complétude et promptitude des rapports mensuels de certains districts.",
    "Accès difficile à certaines localités pendant la saison des pluies.",
    "Insécurité dans une partie de la zone d'intervention, limitant les sorties de supervision.",
    "Insuffisance de moyens logistiques (motos, carburant) pour les stratégies avancées.",
    "Faible implication des collectivités locales dans le financement des activités.",
    "Mobilité du personnel formé, qui oblige à reprendre régulièrement les formations.",
    "Pannes récurrentes de la chaîne du froid dans plusieurs centres de santé.",
    "Réticences de certaines communautés liées à des rumeurs et à des croyances.",
    "Connexion Internet instable, qui retarde la saisie des données dans le DHIS2.",
    "Multiplicité des outils de collecte, source de surcharge pour les prestataires.",
    "Insuffisance de la coordination entre les partenaires intervenant dans la même zone.",
    "Non-respect des délais de transmission des rapports par certains points focaux.",
    "Faible niveau de mobilisation des ressources internes pour le volet « {kw2} ».",
)
RECOMMENDATIONS = (
    "Renforcer la supervision formative des agents de santé dans les districts à faible performance",
    "Mettre à disposition les fonds à temps pour respecter le calendrier des activités",
    "Organiser des revues trimestrielles des données au niveau de chaque district",
    "Doter les formations sanitaires périphériques en moyens logistiques adaptés",
    "Assurer la disponibilité permanente des intrants, en particulier pour le volet « {kw} »",
    "Former les nouveaux agents affectés aux outils de gestion et au DHIS2",
    "Impliquer davantage les collectivités locales dans le financement {de_topic}",
    "Mettre en place un mécanisme de suivi de la mise en œuvre des recommandations",
    "Élaborer un plan de communication ciblant les communautés réticentes",
    "Réparer ou remplacer les équipements de la chaîne du froid défectueux",
    "Harmoniser les outils de collecte des données entre les partenaires",
    "Documenter et partager les bonnes pratiques observées à {P2}",
    "Motiver les relais communautaires par un mécanisme de prime harmonisé",
    "Intégrer les activités du volet « {kw2} » dans les plans de développement communaux",
    "Renforcer la coordination des interventions des partenaires techniques et financiers",
    "Améliorer la complétude et la promptitude des rapports mensuels d'activités",
    "Organiser une mission conjointe de suivi dans les zones d'accès difficile",
    "Plaider auprès du ministère pour le recrutement de personnel qualifié",
)
RESPONSIBLES = ("{acr}", "{acr}", "Équipes cadres de district", "Ministère de la Santé", "PTF", "Médecins chefs de "
                "district", "Chefs de centres de santé", "Points focaux", "Comité de pilotage", "Direction de la "
                "planification", "Mairies", "Organisateurs", "Tous les acteurs", "Service de l'information sanitaire")
CLOSINGS = (
    "La cérémonie de clôture a été marquée par l'allocution {de_org}, qui a exhorté les participants à mettre "
    "en œuvre les recommandations formulées.",
    "Les travaux ont pris fin sur une note de satisfaction générale et sur l'engagement de chaque structure à "
    "restituer les résultats à ses équipes.",
    "Au terme des travaux, les participants ont adopté le présent rapport et remercié les organisateurs pour la "
    "qualité de l'accueil.",
)
COUNTS = (
    "{n} agents de santé communautaire ont été formés", "{n} ménages ont été visités",
    "{n} enfants de moins de cinq ans ont été dépistés", "{n} femmes enceintes ont bénéficié de la CPN",
    "{n} séances de sensibilisation ont été organisées", "{n} supervisions ont été réalisées",
    "{n} cas suspects ont été notifiés et investigués", "{n} enfants ont été vaccinés en stratégie avancée",
)
VENUES = ("dans la salle de conférence de la préfecture {de_P}", "dans la salle de réunion de la direction "
          "régionale à {P}", "au centre de formation {de_P}", "à l'hôtel de ville {de_P}", "à {P}", "à {P}")
STATIC_POOLS = (BODY, LESSONS, DIFFICULTIES, RECOMMENDATIONS, RESPONSIBLES, CLOSINGS, COUNTS, VENUES, PARTNERS,
                tuple(n for n, _ in NATIONAL_ORGS), tuple(e for e, _ in EVENTS),
                tuple(t for pair in TOPICS.values() for t in pair), tuple(i[0] for i in INDICATORS))


def check_pools(mentions: _Mentions) -> list[str]:
    """Every fixed phrase of the generator that names a country (it would blur the expected country)."""
    return [p for pool in STATIC_POOLS for p in pool if mentions.countries(p)]


# ---------------------------------------------------------------- one report


@dataclass
class Facts:
    """What one report is about: chosen first, then written out in French."""

    country: str
    place: str
    place2: str
    org: str  # with its article: 'la Direction régionale de la santé de Kankan'
    acronym: str
    local: bool
    partners: list[str]
    event: str
    feminine: bool
    topic: str
    themes: list[str]
    keywords: list[str]
    programme: tuple[str, str, str] | None
    date: EventDate
    fmt: str
    participants: int


def _de_place(place: str) -> str:
    for article, joined in (("Le ", "du "), ("Les ", "des "), ("La ", "de la "), ("L'", "de l'")):
        if place.startswith(article):
            return joined + place[len(article):]
    return _de(place)


def _organiser(rng: random.Random, country: str, place: str) -> tuple[str, str, bool]:
    """(name with its article, short name, local authority?)."""
    if rng.random() < 0.35:
        name, acronym = rng.choice(NATIONAL_ORGS)
        return name, acronym, False
    name, acronym = rng.choice(GRAMMAR[country].local_orgs)
    feminine = not name.startswith("Centre")
    return _the(f"{name} {_de_place(place)}", feminine), f"{acronym}-{place}", True


def _themes(rng: random.Random, vocab: Vocab) -> tuple[list[str], list[str], str]:
    """(theme slugs, keywords to use in the text, topic phrase)."""
    chosen = rng.sample(vocab.themes, rng.choice((1, 1, 2, 2, 3)))
    keywords = [k for _, _, kws in chosen for k in rng.sample(kws, min(4, len(kws)))]
    slug, label, _ = chosen[0]
    topic = rng.choice(TOPICS.get(slug, (f"la thématique « {label} »",)))
    return [s for s, _, _ in chosen], keywords, topic


def _programme(rng: random.Random, vocab: Vocab, country: str) -> tuple[str, str, str] | None:
    options = vocab.programmes.get(country, ())
    if not options or rng.random() < 0.3:
        return None
    not_plans = [p for p in options if p[2] != "plan"] or list(options)
    return rng.choice(not_plans if rng.random() < 0.85 else options)


def choose_facts(rng: random.Random, vocab: Vocab) -> Facts:
    """Draw everything one report states."""
    country = rng.choice(vocab.countries)
    place, place2 = rng.sample(vocab.places[country], 2)
    org, acronym, local = _organiser(rng, country, place)
    slugs, keywords, topic = _themes(rng, vocab)
    noun, feminine = rng.choice(EVENTS)
    event = noun.format(topic=topic, topic_a=_a(topic))
    partners = rng.sample(PARTNERS, rng.choice((0, 1, 1, 1, 2, 2, 3)))
    return Facts(country, place, place2, org, acronym, local, partners, event, feminine, topic, slugs, keywords,
                 _programme(rng, vocab, country), event_date(rng), "md" if rng.random() < MD_SHARE else "txt",
                 rng.randint(15, 180))


def _fields(f: Facts, rng: random.Random) -> dict[str, str]:
    kws = rng.sample(f.keywords, min(3, len(f.keywords)))
    return {"P": f.place, "P2": f.place2, "de_P": _de_place(f.place), "de_P2": _de_place(f.place2),
            "topic": f.topic, "de_topic": _de(f.topic), "kw": kws[0], "kw2": kws[-1], "kws": _join(kws),
            "de_partner": _de(f.partners[0]) if f.partners else "", "demonym": GRAMMAR[f.country].demonym,
            "de_org": _de(f.org), "acr": f.acronym}


def _say(template: str, f: Facts, rng: random.Random) -> str:
    return template.format(**_fields(f, rng))


def _partner_clause(f: Facts, rng: random.Random) -> str:
    if not f.partners:
        return ""
    lead = rng.choice(("avec l'appui technique et financier", "avec le soutien financier", "grâce à l'appui",
                       "en partenariat avec"))
    names = [p if lead.startswith("en partenariat") else _de(p) for p in f.partners]
    if lead.startswith("grâce"):
        lead, names = "grâce au financement", [_de(p) for p in f.partners]
    return f", {lead} {_join(names)}"


def _intro(f: Facts, rng: random.Random) -> str:
    """The opening sentence: who organised what, when and where (the facts extraction must find)."""
    e = "e" if f.feminine else ""
    venue = rng.choice(VENUES).format(P=f.place, de_P=_de_place(f.place))
    pc, d = _partner_clause(f, rng), f.date.phrase
    form = "date-first" if f.date.form == "spelled" else rng.choice(INTRO_FORMS)
    if form == "organised":
        return f"{_cap(f.org)} a organisé, {d}, {venue}, {_one(f.event, f.feminine)}{pc}."
    if form == "passive":
        return f"Organisé{e} par {f.org}{pc}, {_the(f.event, f.feminine)} s'est tenu{e} {d} {venue}."
    if form == "initiative":
        return f"À l'initiative {_de(f.org)}, {_the(f.event, f.feminine)} s'est déroulé{e} {d} {venue}{pc}."
    return f"{_cap(d)}, s'est tenu{e} {venue} {_one(f.event, f.feminine)}, organisé{e} par {f.org}{pc}."


def _country_sentence(f: Facts, rng: random.Random) -> str:
    g = GRAMMAR[f.country]
    pron = "Elle" if f.feminine else "Il"
    return rng.choice((
        f"{pron} a réuni {f.participants} participants venus des districts sanitaires de la zone, {g.at}.",
        f"Ont pris part aux travaux {f.participants} participants, dont des représentants du ministère de la Santé "
        f"{g.of}, des partenaires techniques et financiers et de la société civile.",
        f"{pron} a mobilisé {f.participants} acteurs du système de santé {g.demonym} : responsables de districts, "
        f"chefs de centres de santé, points focaux et représentants des communautés.",
    ))


def _programme_sentence(f: Facts) -> str:
    if f.programme is None:
        return ""
    name, long, kind = f.programme
    long = re.sub(r"\s*\([^()]*\)$", "", long)
    words = {"programme": "programme", "project": "projet", "plan": "plan"}
    if long.split()[0].lower() in words.values():
        named = long[0].lower() + long[1:]
    else:
        named = f"{words.get(kind, 'programme')} « {long} »"
    short = "" if name == long else f" ({name})"
    return f" Cette activité s'inscrit dans le cadre de la mise en œuvre du {named}{short}."


def _context(f: Facts, rng: random.Random) -> str:
    return (f"{_intro(f, rng)} {_country_sentence(f, rng)}{_programme_sentence(f)} "
            f"L'objectif général était de contribuer à l'amélioration {_de(f.topic)}.")


def _figures(f: Facts, rng: random.Random) -> list[str]:
    """Key figures: indicators against their objective, and counts of what was done."""
    out = []
    for label, feminine, low, high in rng.sample(INDICATORS, rng.randint(2, 4)):
        value = round(rng.uniform(low, high), 1)
        goal = min(100, 5 * round((value + rng.uniform(-6, 12)) / 5))
        v, g = _pct(value), _pct(goal)
        out.append(rng.choice((
            f"{_cap(_the(label, feminine))} est de {v} % pour un objectif de {g} %.",
            f"{_cap(label)} : {v} % (objectif : {g} %).",
            f"Les résultats montrent {_one(label, feminine)} de {v} % pour un objectif de {g} %.",
            f"Dans le district {_de_place(f.place2)}, {_the(label, feminine)} atteint {v} % contre {g} % attendus.",
        )))
    for count in rng.sample(COUNTS, rng.randint(0, 2)):
        out.append(_cap(count.format(n=f"{rng.randint(20, 9000):,}".replace(",", " "))) + ".")
    return out


def _deadline(f: Facts, rng: random.Random, cell: bool) -> str:
    """A deadline after the event, in the loose forms recommendation tables use."""
    later = f.date.start + dt.timedelta(days=rng.randint(30, 300))
    month = MONTHS[later.month - 1]
    forms = (f"fin {month} {later.year}", f"avant le {_long(later)}", "permanent", "immédiat") if cell else (
        f"{month} {later.year}", f"fin {month} {later.year}", _long(later), "immédiat", "continu",
        "avant la prochaine revue")
    return rng.choice(forms)


def _recommendations(f: Facts, rng: random.Random) -> list[tuple[str, str]]:
    """(recommendation, responsible) rows; deadlines are drawn as each layout writes them."""
    return [(_say(rec, f, rng), _say(rng.choice(RESPONSIBLES), f, rng))
            for rec in rng.sample(RECOMMENDATIONS, rng.randint(3, 6))]


@dataclass
class Layout:
    """How one report is typeset: the habits of its author."""

    md: bool
    heading: str  # plain | upper | numbered | colon
    bullet: str  # '- ', '• ', '* ', '– ' or '1. ' (numbered)
    recs: str  # bullets | inline | lines | table
    title: str  # upper | plain
    count: int = 0

    def head(self, text: str) -> str:
        self.count += 1
        if self.md:
            return f"## {text}"
        return {"plain": text, "upper": text.upper(), "numbered": f"{self.count}. {text}",
                "colon": f"{text} :"}[self.heading]

    def items(self, lines: list[str]) -> str:
        if self.bullet == "1. ":
            return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))
        return "\n".join(self.bullet + line for line in lines)


def choose_layout(rng: random.Random, fmt: str) -> Layout:
    md = fmt == "md"
    return Layout(md, rng.choice(("plain", "upper", "numbered", "colon")),
                  "- " if md else rng.choice(("- ", "• ", "* ", "– ", "1. ")),
                  rng.choice(("bullets", "inline", "lines", "table")), rng.choice(("upper", "plain", "plain")))


def _recs_block(f: Facts, lay: Layout, rng: random.Random) -> str:
    rows = _recommendations(f, rng)
    if lay.recs == "bullets":
        return lay.items([rec + "." for rec, _ in rows])
    if lay.recs == "table":
        if lay.md:
            body = [f"| {r} | {who} | {_cap(_deadline(f, rng, True))} |" for r, who in rows]
            return "\n".join(["| Recommandations | Responsables | Échéances |", "|---|---|---|", *body])
        body = [f"{r}\t{who}\t{_cap(_deadline(f, rng, True))}" for r, who in rows]
        return "\n".join(["Recommandations\tResponsables\tÉchéances", *body])
    if lay.recs == "inline":
        return lay.items([f"{r}. Responsable : {who}. Échéance : {_deadline(f, rng, False)}." for r, who in rows])
    pad = "   " if lay.bullet == "1. " else "  "
    return lay.items([f"{r}.\n{pad}Responsable : {who}\n{pad}Échéance : {_deadline(f, rng, False)}"
                      for r, who in rows])


def _title(f: Facts, lay: Layout, rng: random.Random) -> str:
    event = _the(f.event, f.feminine)
    title = rng.choice((f"Compte rendu {_de(event)}", f"Rapport {_de(event)} – {f.place}",
                        f"{_cap(f.event)} ({f.place}, {f.date.start.year})"))
    return f"# {title}" if lay.md else title.upper() if lay.title == "upper" else title


def _signature(f: Facts, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return ""
    day = (f.date.end or f.date.start) + dt.timedelta(days=rng.randint(1, 12))
    return f"Fait à {f.place}, le {_long(day)}\nLe rapporteur"


# ---------------------------------------------------------------- assembling and writing


@dataclass(frozen=True)
class GeneratedReport:
    """One generated report: its file name, its text and what it states."""

    name: str
    text: str
    expected: dict


def _body(f: Facts, rng: random.Random, words: int) -> list[str]:
    """Paragraphs of meeting narrative, at least two sentences, until about ``words`` words."""
    pool = [t for t in BODY if f.partners or "{de_partner}" not in t]
    order = rng.sample(pool, len(pool))
    sentences: list[str] = []
    total = 0
    while total < words or len(sentences) < 2:
        sentence = _say(order[len(sentences) % len(order)], f, rng)
        sentences.append(sentence)
        total += len(sentence.split())
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[start:start + size]))
        start += size
    return paragraphs


def _sections(f: Facts, lay: Layout, rng: random.Random) -> tuple[list[str], list[str]]:
    """(blocks before the narrative, blocks after it): everything but the narrative, whose length varies."""
    before = [_title(f, lay, rng)]
    if lay.md or rng.random() < 0.6:
        before.append(lay.head("Contexte"))
    before += [_context(f, rng), lay.head("Déroulement des travaux")]
    figures = _figures(f, rng)
    after = [lay.head(rng.choice(("Principaux résultats", "Chiffres clés"))),
             lay.items(figures) if rng.random() < 0.5 else " ".join(figures),
             lay.head("Leçons apprises"),
             lay.items([_say(t, f, rng) for t in rng.sample(LESSONS, rng.randint(3, 5))]),
             lay.head("Difficultés rencontrées"),
             lay.items([_say(t, f, rng) for t in rng.sample(DIFFICULTIES, rng.randint(3, 5))]),
             lay.head("Recommandations"), _recs_block(f, lay, rng),
             lay.head("Conclusion"), _say(rng.choice(CLOSINGS), f, rng)]
    signature = _signature(f, rng)
    return before, after + ([signature] if signature else [])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")


def make_report(rng: random.Random, vocab: Vocab, index: int, width: int = 5) -> GeneratedReport:
    """Draw the facts of one report, then write it out as plain text or Markdown."""
    f = choose_facts(rng, vocab)
    lay = choose_layout(rng, f.fmt)
    before, after = _sections(f, lay, rng)
    fixed = sum(len(b.split()) for b in before + after)
    body = _body(f, rng, rng.randint(*WORDS) - fixed)
    sep = "\n\n" if lay.md or rng.random() < 0.75 else "\n"
    text = sep.join(before + body + after) + "\n"
    kind = _slug(f.event.split()[0])
    name = f"{index + 1:0{width}d}-{_slug(f.country)}-{_slug(f.place)}-{kind}-{f.date.start.year}.{f.fmt}"
    expected = {"country": f.country, "date": f.date.start.isoformat(),
                "date_end": f.date.end.isoformat() if f.date.end else None, "date_form": f.date.form,
                "format": f.fmt, "place": f.place, "organiser": f.org, "partners": f.partners,
                "programme": f.programme[0] if f.programme else None, "themes": f.themes, "words": len(text.split())}
    return GeneratedReport(name, text, expected)


def generate(n: int, dest: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` reports into ``dest`` (and ``_expected.json``); the same n and seed give the same bytes."""
    vocab, _ = load_vocab()
    dest.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    width = max(5, len(str(n)))
    paths, expected = [], {}
    for index in range(n):
        report = make_report(random.Random(master.getrandbits(64)), vocab, index, width)
        path = dest / report.name
        path.write_bytes(report.text.encode("utf-8"))
        paths.append(path)
        expected[report.name] = report.expected
    record = json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (dest / EXPECTED).write_bytes(record.encode("utf-8"))
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.synthetic N DEST [--seed S]``."""
    p = argparse.ArgumentParser(prog="python -m tools.synthetic",
                                description="Write N synthetic French reports into DEST (deterministic).")
    p.add_argument("n", type=int, help="number of reports")
    p.add_argument("dest", type=Path, help="folder to write into (created if missing)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = p.parse_args(argv)
    if args.n < 0:
        p.error("N must be 0 or more")
    t0 = time.perf_counter()
    paths = generate(args.n, args.dest, args.seed)
    print(f"{len(paths)} reports written to {args.dest} in {time.perf_counter() - t0:.2f}s "
          f"(expected values in {args.dest / EXPECTED})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
