"""Text -> the programme or project a report is about: curated registry first, then names the text defines."""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain
from functools import lru_cache
from dataclasses import dataclass, field

from ..config import Programme, Vocabulary
from ..models import Found
from .organisations import acronym_fits, defines
from ..text import fold, french_spellings, phrase_pattern, snippet, word_spans
from .weigh import Candidate, choose, confidence, weights

UPPER = "A-ZÀ-ÖØ-Þ"
# "le projet SECPro", "du programme PASS-SOUROU", "projet SANTÉ-ZINDER"
# Both patterns start with a lookahead on their first letter: a quick test before the whole pattern is tried.
NAMED = re.compile(rf"(?=[PpIiAa])\b(?:[Pp]rojet|[Pp]rogramme|PROJET|PROGRAMME|[Ii]nitiative|[Aa]pproche)\s+(?:dénommé\s+|intitulé\s+|«\s*)?"
                   rf"(?P<name>[{UPPER}][{UPPER}a-zà-ÿ0-9]*[{UPPER}0-9][\w]*(?:[-/][{UPPER}0-9][\w]*)*\+?"
                   rf"(?:\s[{UPPER}][{UPPER}0-9]{{2,}}(?![\w-]))?)")  # 'l'initiative AVoHC SURGE': a second acronym
# 'le projet Santé Nomade Transfrontalier', 'l'initiative Paix par la Santé': a name in capitalised words after the
# head noun (two at least; linking words between them), that does not go on in lower case as a long form does
TITLED = re.compile(rf"(?=[PpIi])\b(?:[Pp]rojets?|[Pp]rogrammes?|[Ii]nitiatives?)\s+(?:dénommé\s+|intitulé\s+|baptisé\s+)?"
                    rf"(?P<name>[{UPPER}][a-zà-ÿ]+(?:(?:\s+(?:par|pour|de|du|des|et|la|le|les|l['’]|d['’]|en|"
                    rf"of|and|the))*[\s'’-]+[{UPPER}][\w]*){{0,6}}\s+(?:to|for|in)\s+(?:19|20)\d\d|"
                    # (an English name may end on its year: 'programme Countdown to 2030'; a French one does not:
                    # 'projet Santé Nomade en 2023' is 'Santé Nomade')
                    rf"[{UPPER}][a-zà-ÿ]+(?:(?:\s+(?:par|pour|de|du|des|et|la|le|les|l['’]|d['’]|en|of|and|the))*"
                    rf"[\s'’-]+[{UPPER}][\w]*){{1,6}})(?![\w-])(?!\s+(?:de|d['’]|du|des|contre|pour|en|et)\s*[a-zà-ÿ])")
# adjectives that open a programme's long form ('Programme National de Lutte …'), not a proper name
LONG_FORM_START = re.compile(r"^(?:national|nationale|regional|regionale|elargi|integre|special|speciale|conjoint|"
                             r"sectoriel|multisectoriel|pilote|prioritaire|mondial|mondiale|africain|africaine|"
                             r"d'appui|d'urgence|de|du|des|d'|pays|communautaire|intersectoriel|sous-regional)\b")
# 'la mise en œuvre du PEN+', 'dans le cadre du PRSS': an acronym the registry does not know, in a context that says
# the meeting serves it
UNDER_ACRONYM = re.compile(rf"(?:dans le cadre|mise en (?:œ|oe)uvre|au titre)\s+(?:du|de la|de l['’])\s*"
                           rf"(?P<name>[{UPPER}][{UPPER}0-9]{{1,11}}\+?)(?![\w-])")
# "Programme d'appui à la santé maternelle (PASMA)", "projets d'appui … (Access)", "programme … (PEN+)"; also
# plans and strategies the text defines ("Plan d'action national pour la sécurité sanitaire (PANSS)"), weighed less
DEFINED = re.compile(rf"(?=[PpIiSsAaEe])\b(?P<long>(?P<head>[Pp]rogrammes?|[Pp]rojets?|[Ii]nitiatives?|[Pp]lans?|PROGRAMME|PROJET|"
                     rf"[Pp]rogram|[Pp]roject|[Pp]artenariat|[Pp]lateforme|[Aa]genda|[Ee]nqu[êe]te|"
                     rf"[Ss]trat[ée]gies?)\s[^()\n.;]{{4,120}}?)\s*"
                     rf"\(\s*(?P<name>[{UPPER}][{UPPER}a-zà-ÿ0-9+-]{{1,20}}(?:\s[{UPPER}][a-zà-ÿ]{{1,5}})?)\s*\)")
# 'dans le cadre du Global Grant Program (GGP)': an English name, its head noun last
DEFINED_EN = re.compile(rf"(?P<long>(?:[{UPPER}][\w-]+\s+){{1,6}}(?:Program|Programme|Project|Initiative))\s*"
                        rf"\(\s*(?P<name>[{UPPER}][{UPPER}a-z0-9+-]{{1,15}})\s*\)")
# heads that name a programme-like initiative only with the acronym that spells them: 'partenariat de Ouagadougou
# (PO)', 'Plateforme nationale d'information pour la nutrition (PNIN)', 'Agenda de sécurité sanitaire mondiale (GHSA)', 'Enquête démographique et de santé (EDS)'
INITIATIVE_HEAD = re.compile(r"partenariat|plateforme|agenda|enquete")
# 'Plateforme du secteur privé de la santé (PSPSCI)', 'plateforme des organisations de la société civile (POSC)': a
# platform of members is a body, not a programme
MEMBERS = re.compile(r"\b(?:secteur|acteurs|organisations|societe civile|ong|partenaires|associations|reseaux|membres|"
                     r"jeunes|femmes|entreprises|professionnels|syndicats)\b")
EN_HEAD = re.compile(r"(?:Program|Project|Initiative)m?e?\s*\(")  # a quick test before DEFINED_EN
# '(à l')initiative de l'ONG Association … (AIMES)': the brackets name the body whose initiative it is, not a programme
INITIATIVE_OF = re.compile(r"^initiatives?\s+(?:est\s+)?(?:de la|de l['’]|du|des|d['’])\s*(?:ong|organisation|association|"
                           r"federation|fondation|agence|bureau|ministere|union|reseau|institut|centre|direction|comite|"
                           r"communaute|cellule|conseil)\b")
# 'le projet « filet socio productif »', 'ses projets “Lasso Santé” et “Lasso WASH”'
QUOTED = re.compile(r"(?=[PpIi])\b(?:[Pp]rojets?|[Pp]rogrammes?|[Ii]nitiatives?)\s+[«“\"]\s*(?P<name>[^»”\"\n]{3,100}?)\s*[»”\"]"
                    r"(?:\s+et\s+(?:le |la |l['’])?[«“\"]\s*(?P<second>[^»”\"\n]{3,60}?)\s*[»”\"])?")
# "le projet 'Ending AIDS in West Africa'", "du projet ‘’Santé pour tous’’": a name in single quotes (an opening quote
# after a space is no elision; the closing one is not followed by a letter)
QUOTED_SINGLE = re.compile(r"(?=[PpIi])\b(?:[Pp]rojet|[Pp]rogramme|[Ii]nitiative)\s+(?:‘’|''|‘|'(?=[A-ZÀ-Þ]))\s*"
                           r"(?P<name>[A-ZÀ-Þ][^’'\n]{2,100}?)\s*(?:’’|''|’|')(?![\w])")
# 'dans le cadre du projet d'appui à la santé des adolescents, …': a long name without acronym, in a context
# that says the meeting was held under it (the name starts with a capital or is the headline's)
UNDER_LONG = re.compile(r"(?:dans le cadre|au titre|sous l'egide|a l'initiative|mise en (?:oe|œ)uvre|lancement(?: officiel)?|"
                        r"comites?(?:\s+(?:regional|national|departemental|technique|de pilotage|de suivi|directeur)){0,2})"
                        r"\s+(?:de la mise en (?:oe|œ)uvre\s+|de l'execution\s+)?"
                        r"du\s+(?=projet\s|programme\s)|"
                        # 'entre dans le cadre d'un Programme régional de …' (not 'Lancement d'un programme de lutte …':
                        # a launch of one programme among others is no name)
                        r"(?:dans le cadre|au titre) d'une?\s+(?=projet\s|programme\s)|"
                        # 'a lancé le mercredi 29 juin, un projet de …', 'les enquêteurs impliqués dans le projet …'
                        r"\b(?:a|ont) lance(?:\s+[^.;:\n]{0,40}?,)?\s+(?:un|le)\s+(?=projet\s|programme\s)|"
                        r"\b(?:impliques?|impliquees?|engages?|engagees?|inscrits?|inscrites?)\s+dans le\s+(?=projet\s|programme\s)")
# 'le gouvernement a lancé le Programme national de protection sociale', 'dans le cadre de la Coopération entre le Niger
# et l'UNICEF': a head noun with a capital inside a sentence, then a long form in lower case, is a name without acronym
CAPITALISED = re.compile(r"\b(?:[Ll]e|[Ll]a|[Dd]u|[Aa]u|de la|[Ll]['’])\s*(?P<head>Programme|Projet|Initiative|Coopération)"
                         r"\s+(?=(?:d['’]|de |du |des |entre |(?i:national|régional)|pour |(?i:multisectoriel|conjoint|intégré|"
                         r"sectoriel|communautaire|spécial))\w*)")
# the heads of state and government a programme is said to be of ('le programme du Président de la République')
OWNERS = r"plus hautes? autorites|president de la republique|chef de l'etat|premier ministre"
# where such a long form ends ('pour' may go on inside it: 'Projet de recherche pour le développement')
CAPITALISED_STOP = re.compile(r"\s*(?:[,.;:!?\n(«»]|\s(?:dans la|dans les|dans le|a travers|qui|en collaboration|avec|afin|"
                              r"finance|le \d|les \d|du \d|(?:a|ont|est|sont|a ete|ont ete|se sont|s'est) (?=[a-zà-ÿ])|"
                              # 'Programme de Résilience … des Plus Hautes Autorités': whose programme it is, not its name
                              rf"(?:des|du|de la|de l') (?:{OWNERS})))")
SENTENCE_START = re.compile(r"\s(?:Le|La|Les|Un|Une|Dr|Pr|M\.|Mme|Monsieur|Madame)\s")
LONG_STOP = re.compile(r"\s*(?:[,.;:!?\n(«»]|\s(?:dans la|dans les|dans le|a travers|qui|que|dont|en collaboration|avec|"
                       r"pour(?!\s+[A-ZÀ-Þ])|afin|"
                       r"finance|le \d|les \d|du \d|a [A-Z]|(?:a|ont|est|sont|a ete|ont ete|se sont|s'est) (?=[a-zà-ÿ])|"
                       # '… de santé de base énoncé à l'alinéa 2', '… lancé en 2016': a participle opens what is said of it
                       r"(?:énoncé|prévu|défini|adopté|lancé|initié|exécuté|piloté|porté|soutenu|appuyé|financé)e?s?\b))")
# 'Dans la mise en œuvre de ce projet, un atelier …': the meeting is held under the programme the text named before
ANAPHOR = re.compile(r"(?:dans le cadre|mise en (?:oe|œ)uvre|au titre|a travers|financement|appui)\s+"
                     r"(?:de ce|de cet|de cette|dudit|du dit|de ladite)\s+(?:projet|programme|initiative)\b")
# 'en collaboration avec le PNLP', 'le programme RIPSEC a été invité à participer': a partner or a guest of the
# meeting, not what it was held under
PARTNER = re.compile(r"(?:en collaboration avec|en partenariat avec|avec la collaboration d[ue]s?|avec le concours d[ue]s?)"
                     r"\s*(?:le |la |l'|les )?(?:projet |programme |initiative )?$")
# 'avec l'appui technique et financier de la Banque mondiale, du Projet …': a programme after another funder, in the list of
# those who supported the meeting, is one of its partners
FUNDERS = re.compile(r"\b(?:appui|soutien|financement|concours|accompagnement)(?:\s+[a-z]+){0,3}\s+(?:de|du|des|de la|"
                     r"de l'|d')\s*[^.;:()]{2,80},\s*(?:et\s+)?(?:du|de la|de l'|des|d')\s*(?:projet\s+|programme\s+)?$")
GUEST = re.compile(r"^\s*(?:[a-z]+\s+){0,2}(?:a ete invitee?|ont ete invites|a pris part|ont pris part|a participe|ont participe)\b")
OF_IT = re.compile(r"\b(?:du|des|de la|de l'|d')\s*(?:projet|programme|initiative)?\s*$")  # 'les membres du comité du projet'
IN_A_NAME = re.compile(r"minist[eè]re[^.;:()\n]{0,90}$", re.IGNORECASE)
CONTEXT = re.compile(r"(?:dans le cadre (?:d[ue]s?|de la|de l')|a travers (?:l[ea]s?|son|sa|ses)|du|au|le|mise en (?:oe|œ)uvre du|appui du|"
                     r"(?:met|mettent|mettra|mis) en (?:(?:oe|œ)uvre|execution) (?:un|une|le|la|l'|son|sa)|"
                     r"financement du|partenaires du|coordination du|equipe du|en charge du)\s*"
                     r"(?:projets?|programmes?|l'initiative)?\s*[«“\"]?\s*$")
DISTRACTOR = re.compile(r"(?:ancien|precedent|predecesseur|premiere phase|phase precedente|a succede|succede a|"
                        r"faisant suite|fait suite|qui a pris fin|acheve|cloture|ex-|remplace)[^.\n]{0,60}$")
NOT_A_PROGRAMME = re.compile(r"^(?:PTA|PITA|PAO|PDS|PND|PNDES|CSLP|CREDD|PTF|ONG|DDS|DRS|ASC|SEC)$")
MAX_MENTIONS = 4
# a quotation long enough to be someone's words (a name in quotes is shorter)
SPEECH = re.compile(r"«[^»]{80,1500}»")
# 'dans le cadre du …', 'à travers le …', 'la mise en œuvre du …', 'met en exécution un …': the meeting is held under it
# ('une approche qui cadre avec le Programme …' is a comparison, not a frame)
SUPPORT = re.compile(r"(?:appui|financement)")  # 'avec l'appui du programme …': the meeting is framed by it
UNDER_WORDS = re.compile(r"(?:(?:dans|au|sous) le cadre|a travers|mise en (?:oe|œ)uvre|(?:met|mettent|mettra|mis) en "
                         r"(?:oe|œ)uvre|(?:mise?|met|mettent) en execution)")
# 'dans les locaux du projet RePER', 'au siège du programme': the venue of the meeting, not its frame
VENUE = re.compile(r"(?:dans les locaux|au siege|dans la salle(?: de [a-z]+)?|a la salle(?: de [a-z]+)?|dans les bureaux|"
                   r"au bureau|a la base|au domicile)\s+(?:du|de la|de l'|des)\s*(?:projet|programme|initiative)?\s*$")
# 'Projets et programmes de développement (PPD)': a kind of programme, not one programme
GENERIC_LONG = re.compile(r"^(?:projets?|programmes?|initiatives?|plans?)\s+(?:et|ou)\s+(?:projets?|programmes?|initiatives?|plans?)\b")
# "… lancée en 2017 par la Global Task Force for Cholera Control (GTFCC)": the brackets name the last body named
BY_BODY = re.compile(r",[^,]*?\spar\s+(?:la |le |l['’]|les )?")
# 'TRANSFORM, initiative panafricaine portée par …', 'SPARK-SANTÉ, programme visant à …': a name the apposition says
# is a programme
APPOSED = re.compile(rf"(?P<name>[{UPPER}][{UPPER}0-9]{{2,}}(?:-[{UPPER}0-9]+)*)\s*,\s+(?:un |une |le |la |l['’])?"
                     rf"(?:initiative|programme|projet)s?\b")
# 'le projet Filets sociaux au Niger': a capitalised noun and its adjectives after the head noun (named twice at least)
NOUN_ADJ = re.compile(rf"\b(?:[Ll]e|[Dd]u|[Aa]u|[Ll]['’]|[Cc]e)\s*(?:projet|programme|initiative)\s+"
                      rf"(?P<name>[{UPPER}][a-zà-ÿ]{{3,}}(?:\s[a-zà-ÿ]+(?:aux|ale|ales|el|els|elle|elles|ique|iques|aire|aires|"
                      rf"if|ifs|ive|ives|ien|iens|ienne|iennes|eux|euse|euses)){{1,2}})(?=\s+(?:au|en|du|de|des|dans|pour|a|à|et)\b|"
                      rf"\s*[,.;:»)])")
ENUMERATED = re.compile(r"\b(?:programmes|projets|initiatives|plans)\b[^.;]{0,40}?(?:a savoir|notamment|tels? que|comme|dont|:)"
                        r"\s*(?:le |la |l'|les )?$")
LETTERHEAD_CHARS = 600
# 'le processus d'élaboration de son Plan d'action national … (PANSS)', 'atelier de validation du plan stratégique':
# the plan the meeting drafts, validates or reviews is its subject, not a frame mentioned in passing
WORKED_ON = re.compile(r"\b(?:elaboration|validation|revision|actualisation|finalisation|adoption|mise a jour|"
                       r"evaluation(?: conjointe)?(?: externe)?|restitution|vulgarisation|lancement|revue|bilan|"
                       r"(?:controle|suivi|evaluation|revue|bilan) de la mise en (?:oe|œ)uvre)\s+"
                       r"(?:du |de la |de l'|de son |de sa |de leur |de ce |de cette |des |d'un |d'une )\s*$")
# 'le gouvernement a lancé jeudi le Programme …', 'a validé le projet …': the meeting's own object
ACTED_ON = re.compile(r"\b(?:a|ont) (?:lance|valide|adopte|evalue|passe en revue)(?:\s+[a-z]+)?\s+(?:le |la |l')\s*$")
# a programme first named this far into the text, with nothing saying the meeting was held under it, is one
# named in passing (a stand at a fair, a speaker's aside), not the report's programme
LEAD_CHARS = 1000
# 'le point focal régional du Programme élargi de vaccination', 'les responsables du PEV': the programme's own
# team takes part in the meeting, which keeps a programme named late in the text
STAFF = re.compile(r"\b(?:responsables?|coordinat(?:eur|rice)s?|coordonnat(?:eur|rice)s?|points? focaux?|point focal|"
                   r"equipes?|gestionnaires?)(?:\s+[a-z]+){0,2}\s+d[ue]s?\s+(?:projet\s+|programme\s+)?$")

# 'les représentantes du PNLT', 'des membres venus notamment du programme …', 'un expert du projet …': a person sent by a
# unit, said to present who speaks or takes part; a programme the text names only so is the participants' employer,
# not what the meeting was held under (its own staff, STAFF, and a director, who may head the meeting, are not such)
ROLE = re.compile(r"\b(?:representant(?:e)?s?|chefs?|secretaires?|administrat(?:eur|rice)|charge(?:e)?s?|experts?|expertes?|"
                  r"agents?|membres?|medecins?|president(?:e)?|venu(?:e)?s?(?:\s+notamment)?)(?:\s+[a-z'-]+){0,2}\s+"
                  r"(?:du|de la|de l'|des|d')\s*(?:projet\s+|programme\s+)?$")


# 'la revue du programme de coopération RCA/Unicef', 'du 7ème programme de coopération entre …', 'du programme de
# coopération 2022-2026': a country programme of cooperation with an agency, named by its partners, its years or its rank
# (the bare 'programme de coopération' of a sentence is no name)
COOPERATION = re.compile(rf"(?=[Pp\d])\b(?P<name>(?P<rank>\d+\s*(?:e|è|ème|eme|er)\s+)?[Pp]rogramme\s+"
                         rf"(?:(?:quinquennal|pays|conjoint|triennal)\s+)?(?P<years>\(\s*\d{{4}}\s*[-–]\s*\d{{4}}\s*\)\s+)?"
                         rf"de\s+(?:la\s+)?coop[ée]ration"
                         rf"(?P<tail>(?:\s+[{UPPER}][\w]*(?:\s*[/-]\s*[{UPPER}][\w]*)+)?(?:\s+\d{{4}}\s*[-–]\s*\d{{4}})?))"
                         rf"(?P<between>\s+entre\b)?")
# 'la Coordination nationale des projets financés par le Fonds mondial (CCM-Togo)': the head noun belongs to a body's
# name, whose acronym the brackets give
BODY_OF = re.compile(r"\b(?:coordination|unite|cellule|comite|direction|instance|secretariat|bureau|agence|"
                     r"coordonnat(?:eur|rice)|coordinat(?:eur|rice))(?:\s+[a-z]+){0,2}\s+(?:des|du|de la|de l'|d')\s*$")
# 'le programme (politique) du Président de la République', 'le Programme national contre cette maladie': whose programme it
# is, or a description pointing back, not a name
WHOSE = re.compile(rf"^(?:programme|projet|initiative)\s+(?:[a-z]+\s+)?(?:des|du|de la|de l')\s*(?:{OWNERS}|gouvernement)\b")
POINTING_BACK = re.compile(r"\b(?:cette|ce|cet|ces)\s")


def _not_a_name(long: str) -> bool:
    """Whose programme it is ('le programme politique du Président') or a description pointing back ('Programme
    national contre cette maladie'), not a name."""
    f = fold(long)
    return bool(WHOSE.match(f) or POINTING_BACK.search(f + " "))
# the first word of a long form: a programme, project, initiative or approach names an undertaking; a plan, strategy or
# policy frames the work; a regulation, a coverage, a code names neither ('Règlement sanitaire international')
UNDERTAKING = re.compile(r"^(?:\d+\S*\s+)?(?:programmes?|projets?|initiatives?|approches?|program|project|programa|"
                         r"projeto|mouvement)\b")
FRAME_HEAD = re.compile(r"^(?:plans?|strategies?|politiques?|cadre)\b")
# a regulation, a law, a code, a decree: a rule the meeting applies or reviews, never the programme it is held under
# (the labelling convention: 'évaluation externe du RSI' has no programme)
NORM_HEAD = re.compile(r"^(?:reglements?|lois?|codes?|decrets?|arretes?|ordonnances?|directives?)\b")


@dataclass
class _Evidence:
    programme: Programme
    score: float = 0.0
    first: tuple[int, int] = (10**9, 0)
    mentions: int = 0
    hits: list[tuple[int, int]] = field(default_factory=list)
    weights: dict[tuple[int, int], float] = field(default_factory=dict)  # what each mention added
    framed: bool = False  # the text says the meeting was held under it ('dans le cadre du …', in the title)
    staffed: bool = False  # the programme's own team takes part ('le coordinateur du PNACC')
    source: str = "registry"  # how it was found: registry, defined, under_long, quoted, named
    flags: Counter = field(default_factory=Counter)  # the contexts of its mentions
    letterhead: bool = False
    in_title: bool = False




def _registry(vocab: Vocabulary) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, Programme]]:
    return vocab.compiled("programmes.py:_registry", _build_registry)


def _build_registry(vocab: Vocabulary) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, Programme]]:
    by_key: dict[str, Programme] = {}
    acronyms, names = [], []
    for p in vocab.programmes:
        for term in (p.name, *p.aliases):
            (acronyms if _is_acronym(term) else names).append(term)
            by_key[_key(term)] = p
            if re.fullmatch(rf"[{UPPER}]{{4,}}", term) and fold(term) not in french_spellings():
                acronyms.append(term.capitalize())  # 'le Ramed', 'du Prodess': the press writes a word-like acronym so
        if p.long:
            names.append(p.long)
            by_key[_key(p.long)] = p
    return (phrase_pattern(acronyms, case_sensitive=True), phrase_pattern(names), by_key)


def _place_keys(vocab: Vocabulary) -> frozenset[str]:
    return vocab.compiled("programmes.py:_place_keys", lambda v: frozenset(
        _key(n) for c in v.countries for n in (c.name, *c.aliases, *c.places)))


def _is_acronym(term: str) -> bool:
    return sum(ch.isupper() for ch in term) >= 2 and " " not in term.strip()


@lru_cache(maxsize=8192)
def _key(term: str) -> str:
    """The form a registry term and a text's hit compare by (cached: the same hits recur in every report)."""
    return re.sub(r"[- ]+", " ", fold(term)).strip()


def _gather(text: str, vocab: Vocabulary, title: str = "") -> list[_Evidence]:
    """Every programme the text names, with the evidence for it (contexts of its mentions, where, how)."""
    folded, folded_case = fold(text), fold(text, lower=False)
    acr_pat, name_pat, registry = _registry(vocab)
    by_key = dict(registry)  # names this report defines stay with this report
    evidence: dict[str, _Evidence] = {}
    speech = [(q.start(), q.end()) for q in SPEECH.finditer(text)]

    def credit(p: Programme, start: int, end: int) -> None:
        ev = evidence.setdefault(p.name, _Evidence(p))
        if any(a <= start < b for a, b in ev.hits):
            return
        weight = 1.0 if ev.mentions < MAX_MENTIONS else 0.0
        before = folded[max(0, start - 80): start]
        if IN_A_NAME.search(text[max(0, start - 100): start]) and not CONTEXT.search(before):
            ev.flags["in_a_name"] += 1
            weight -= 1.5  # 'ministère de la Santé … et de la Couverture maladie universelle': part of a name
        if PARTNER.search(before[-60:]) or (GUEST.search(folded[end: end + 60]) and not OF_IT.search(before[-30:])):
            ev.flags["partner"] += 1
            weight -= 1.0
        elif FUNDERS.search(before[-120:]):
            ev.flags["partner"] += 1
            weight -= 1.0
        elif VENUE.search(before[-60:]):
            ev.flags["venue"] += 1
            weight -= 1.0  # 'dans les locaux du projet RePER': where the meeting sat
        elif DISTRACTOR.search(before):
            ev.flags["distractor"] += 1
            weight -= 2.0
        elif ENUMERATED.search(before):
            ev.flags["enumerated"] += 1
            weight -= 1.0  # 'trois programmes, à savoir le PEV …': one of several the text lists
        elif WORKED_ON.search(before[-60:]) or ACTED_ON.search(before[-60:]):
            ev.flags["worked_on"] += 1
            weight += 1.0  # 'évaluation externe du RSI', 'a lancé le Programme …': what the meeting worked on
            ev.framed = ev.framed or start < LEAD_CHARS
        elif CONTEXT.search(before):
            under = bool(UNDER_WORDS.search(before[-40:]))
            ev.flags["under" if under else "context"] += 1
            weight += 0.75
            ev.staffed = ev.staffed or bool(STAFF.search(before[-60:]))
            ev.framed = ev.framed or under or bool(SUPPORT.search(before[-40:]))
        if ROLE.search(before[-70:]):
            ev.flags["unit"] += 1  # counted once the mentions are known (_gather's end)
        if any(a < start < b for a, b in speech):
            ev.flags["in_speech"] += 1
            weight -= 0.75  # '« Cette approche cadre avec le Programme … », a-t-il dit': a speaker's words
        if start < 250:
            ev.flags["early"] += 1
            weight += 1.0
        ev.first = min(ev.first, (start, end))
        pair = next((span for span in ev.hits if re.fullmatch(
            r"\s*\(\s*", text[span[1]:start] if span[1] <= start else text[end:span[0]])), None)
        ev.hits.append((start, end))
        if pair is not None:  # 'Couverture maladie universelle (CMU)': one mention, weighed by the words before it
            if start < pair[0]:
                ev.score += weight - ev.weights[pair]
                ev.weights[pair] = weight
            ev.weights[(start, end)] = ev.weights[pair]
            return
        ev.mentions += 1
        ev.weights[(start, end)] = weight
        ev.score += weight

    def named(name: str, source: str) -> None:
        """A name the text itself gives (not in the registry): every mention of it is credited."""
        p = Programme(name)
        by_key[_key(name)] = p
        for start, end in word_spans(text, name):
            credit(p, start, end)
        if p.name in evidence:
            evidence[p.name].source = source

    def long_form(long: str, source: str, spans: list[tuple[int, int]] | None = None, written: str = "") -> Programme:
        """A name the text gives by its long form: registered by its key as ``written`` in the text (else ``long``),
        and the mentions in ``spans`` (else every mention of it) credited; found by ``source`` when credited."""
        p = Programme(long, long=long)
        by_key[_key(written or long)] = p
        for start, end in word_spans(folded, fold(written or long)) if spans is None else spans:
            credit(p, start, end)
        if p.name in evidence:
            evidence[p.name].source = source
        return p

    for pattern, hay in ((acr_pat, folded_case), (name_pat, folded)):
        if pattern is not None:
            for hit in pattern.finditer(hay):
                credit(by_key[_key(hit.group(0))], hit.start(), hit.end())
    for m in DEFINED.finditer(text):
        name, name_key = m.group("name"), _key(m.group("name"))
        long_folded, head_folded = folded[m.start("long"): m.end("long")], folded[m.start("head"): m.end("head")]
        if name_key in by_key and by_key[name_key].name in evidence:
            # 'dans le cadre du projet régional … (REDISSE)': a registry name's definition is one mention with it,
            # weighed by the words before the long form
            credit(by_key[name_key], m.start(), m.end("long"))
            continue
        if NOT_A_PROGRAMME.match(name) or name_key in by_key or INITIATIVE_OF.match(long_folded) or \
                GENERIC_LONG.match(long_folded) or name_key in _place_keys(vocab):
            continue  # '… entre la République Centrafricaine (RCA) et …': the brackets name a country
        fits = acronym_fits(m.group("long"), name)
        if BODY_OF.search(folded[max(0, m.start() - 60): m.start()]) and not fits:
            continue
        if not fits and INITIATIVE_HEAD.match(head_folded) or \
                head_folded == "plateforme" and MEMBERS.search(long_folded):
            continue  # a partnership, a platform, an agenda or a survey is a programme when its acronym spells it
        tail = None if fits else next(
            (b for b in BY_BODY.finditer(m.group("long")) if acronym_fits(m.group("long")[b.end():], name)), None)
        if tail is not None:
            # 'L'initiative de l'Élimination du choléra d'ici 2030, lancée par la Global Task Force … (GTFCC)': the
            # acronym is the body's; the programme is the long form before the comma
            head = _clean_long(m.group("long").split(",")[0])
            if "," in m.group("long") and 3 <= len(head.split()) <= 16 and _key(head) not in by_key:
                long_form(head, "defined", [(m.start(), m.start() + len(head))])
            continue
        if name_key in _body_keys(vocab):
            # 'Programme des Nations unies pour le développement (Pnud)' defines a body; 'Programme de coopération
            # entre le Niger et le Fonds des Nations Unies pour l'Enfance (Unicef)' a programme named by its long form
            if " entre " in m.group("long"):
                long_form(_clean_long(m.group("long")), "defined", [(m.start(), m.end("long"))])
            continue
        if not fits and (name_key in _glossary_terms(vocab) or _defined_elsewhere(
                text, name, m.start("name")) or (_ends_on_place(m.group("long"), vocab) and not _syllabic(m.group("long"), name))):
            # 'plan … de lutte contre le VIH en Afrique centrale (CEMAC)', 'riposte face à l'épidémie de coronavirus
            # (Covid-19)': brackets that do not spell the long form name a thing the glossary knows (a disease, a
            # term) or a body the text defines by another long form ('communauté … d'Afrique centrale (CEMAC)'); after
            # a place, they name the region's community ('… du paludisme en Afrique centrale (CEEAC)')
            continue
        caps = sum(ch.isupper() or ch.isdigit() or ch == "+" for ch in name)
        if caps < 2 and not fits and (
                len(word_spans(text, name)) < 2 or name_key in _place_keys(vocab)):
            continue  # '(Santé)', '… la commune de Yoff (Dakar)': a word or a place in brackets, not a name
        frame = head_folded.startswith(("plan", "strat")) and not WORKED_ON.search(folded[max(0, m.start() - 60): m.start()])
        p = Programme(name, long=_clean_long(m.group("long")), kind="plan" if frame else "programme")
        by_key[name_key] = p
        credit(p, m.start(), m.end())
        evidence[p.name].source = "defined"
        for start, end in word_spans(text, name):
            credit(p, start, end)
        if len(p.long.split()) >= 4:  # 'Projet de renforcement de la surveillance …' again, in the headline
            for start, end in word_spans(folded, fold(p.long)):
                credit(p, start, end)
    for m in (DEFINED_EN.finditer(text) if EN_HEAD.search(text) else ()):
        name, long = m.group("name"), m.group("long")
        if _key(name) in by_key or _key(long) in by_key or not acronym_fits(long, name) or _a_body(long, vocab):
            continue
        p = Programme(name, long=long)
        by_key[_key(name)] = p
        credit(p, m.start(), m.end())
        evidence[p.name].source = "defined"
        for start, end in word_spans(text, name):
            credit(p, start, end)
    for m in UNDER_LONG.finditer(folded):
        if A_DRAFT.match(folded, m.end()):
            continue  # 'a lancé le projet de loi …': a draft of a text, not a project
        stop = LONG_STOP.search(text, m.end())
        if stop and text[stop.start():].lstrip().startswith("("):
            continue  # 'du projet … (PROMUN-Poro)': the definition names it
        long = _clean_long(text[m.end(): stop.start() if stop else m.end() + 120])
        words = long.split()
        if _not_a_name(long):
            continue
        if not 3 <= len(words) <= 20 or _piece_of_known(_key(long), by_key, evidence):
            continue  # a known name, or a piece of one ('Projet de Recherche' of the 'Projet de Recherche pour le …')
        head = fold(title).strip()
        if len(head) > len(long) and folded.startswith(head, m.end()):
            long = _clean_long(text[m.end(): m.end() + len(head)])  # the headline is the name, commas and all
        p = long_form(long, "under_long", [(m.end(), m.end() + len(long))])
        evidence[p.name].score += 0.5  # the context itself says the meeting was held under it
    for long in _repeated_long_forms(text):
        if _key(long) in by_key or any(len(t) > 3 and t in _key(long) for t in by_key):
            continue
        long_form(long, "repeated")
    for m in CAPITALISED.finditer(text):
        if (long := _capitalised(m, text, folded, by_key, evidence, _body_keys(vocab))) is not None:
            long_form(long, "capitalised")
    for m in (COOPERATION.finditer(text) if "cooperation" in folded else ()):
        if not (m.group("rank") or m.group("years") or m.group("tail") or m.group("between")):
            continue
        raw = m.group("name").strip()
        key = _key(raw)
        if key in by_key or any(len(t) > 3 and key in t for t in by_key):
            continue  # named already (its definition, a long form)
        long_form(_clean_long(raw), "cooperation", written=raw)
    for m in (*QUOTED.finditer(text), *QUOTED_SINGLE.finditer(text)):
        for name in (m.group("name"), m.groupdict().get("second")):
            name = " ".join((name or "").split())
            if name and _key(name) not in by_key:
                named(name, "quoted")
    for m in NAMED.finditer(text):
        name = m.group("name")
        if NOT_A_PROGRAMME.match(name) or _key(name) in by_key or len(name) < 3 or _capitals_line(text, m.start()) \
                or _a_body(m.group(0), vocab) or _key(name) in _body_keys(vocab):
            continue  # 'PROGRAMME ELARGI DE VACCINATION': in a line of capitals, the next word is not a name; 'le projet
            # JHPIEGO': a body's project, named by the body
        named(name, "named")
    for m in TITLED.finditer(text):
        name = " ".join(m.group("name").split())
        if _key(name) in by_key or LONG_FORM_START.match(fold(name)) or _capitals_line(text, m.start()) or _a_body(
                m.group(0), vocab) or any(
                _key(name) in _key(p.name) or _key(p.name) in _key(name) for p in by_key.values() if len(_key(p.name)) > 3):
            continue  # a registry or defined name already, a long form's opening words, a line of capitals
        named(name, "named")
    for m in APPOSED.finditer(text):
        name = m.group("name")
        if NOT_A_PROGRAMME.match(name) or _key(name) in _body_keys(vocab) or _capitals_line(text, m.start()):
            continue
        if _key(name) not in by_key:
            named(name, "apposed")
        ev = evidence.get(by_key[_key(name)].name)
        if ev is not None:
            ev.flags["apposed"] += 1
            ev.score += 0.5
    for m in NOUN_ADJ.finditer(text):
        name = m.group("name")
        if _key(name) not in by_key and not _a_body(name, vocab) and len(word_spans(text, name)) >= 2:
            named(name, "named")
    for m in UNDER_ACRONYM.finditer(text):
        name = m.group("name")
        if NOT_A_PROGRAMME.match(name) or _key(name) in by_key or _key(name) in _body_keys(vocab):
            continue
        named(name, "under_acronym")
    for m in ANAPHOR.finditer(folded):
        # the programme named last before it (one pass over each one's mentions; the first of a tie)
        last = [(max((a for a, _ in ev.hits if a < m.start()), default=-1), ev) for ev in evidence.values()
                if ev.programme.kind != "plan"]
        at, ev = max(last, key=lambda pe: pe[0], default=(-1, None))
        if ev is not None and at >= 0:
            ev.flags["under"] += 1
            ev.score += 0.75
            ev.framed = True
    for ev in evidence.values():
        if any(start < LETTERHEAD_CHARS and _whole_line(text, start, end) for start, end in ev.hits):
            ev.score += 1.0  # a line of the letterhead: the report comes from the programme's own team
            ev.framed = ev.letterhead = True
    if title:
        for ev in evidence.values():
            if any(word_spans(title, t) for t in (ev.programme.name, *ev.programme.aliases)):
                ev.score += 1.5
                ev.framed = ev.in_title = True
    for ev in evidence.values():
        if ev.flags["unit"] >= ev.mentions and not (ev.framed or ev.in_title or ev.letterhead):
            # named only as someone's unit ('le coordonnateur du Programme …'), never as the meeting's frame: the
            # participants' employer
            ev.score = min(ev.score, 0.0)
            ev.staffed = False
        if ev.programme.kind == "plan":
            ev.score *= 0.4  # a national plan is the frame, rarely the subject
    return sorted(evidence.values(), key=lambda e: (e.first[0], e.programme.name))


DRAFT = (r"(?:loi|plan|d[ée]cret|arr[êe]t[ée]|document|texte|r[èe]glement|strat[ée]gie|politique|budget|rapport|statut|code|"
         r"feuille|communiqu[ée]|protocole|convention|accord|ordonnance|charte|manuel|guide|directive|termes|r[ée]solution|"
         r"d[ée]claration|programme|cadre|agenda|note|lettre|m[ée]morandum|contrat|r[ée]f[ée]rentiel|proc[èe]s|compte)")
# 'Le projet d'amélioration de la qualité des services de santé ambitionne …': a lower-case long form after the head
# noun, which the text repeats word for word (a name), unlike a description said once
# ('le projet de plan …', 'du projet de loi …': a draft of a text, not a project)
LOWER_LONG = re.compile(r"\b(?:[Ll]e|[Dd]u|[Aa]u|[Cc]e)\s+(?=(?P<long>(?:projet|programme)\s+(?:d['’]|de |du |des )(?!" + DRAFT +
                        r")[^\n]{10,200}))", re.IGNORECASE)
A_DRAFT = re.compile(r"(?:projet|programme)\s+(?:d['’]|de |du |des )" + DRAFT + r"\b", re.IGNORECASE)
LINK_END = re.compile(r"(?:\s+(?:de|du|des|d['’]|la|le|les|l['’]|et|en|a|à|au|aux|pour))+$")


def _repeated_long_forms(text: str) -> list[str]:
    """Long forms in lower case after 'le projet', 'du programme' that the text names twice or more: a mention that
    ends where a clause starts, which another repeats word for word (four words at least), is the name."""
    runs = []
    for m in LOWER_LONG.finditer(text):
        run = m.group("long")
        stop = LONG_STOP.search(run, 8)
        runs.append((run[: stop.start()] if stop else run).split()[:16])
    out: list[str] = []
    for i, a in enumerate(runs):
        for b in runs[i + 1:]:
            n = 0
            while n < min(len(a), len(b)) and fold(a[n]) == fold(b[n]):
                n += 1
            if n < min(len(a), len(b)):
                continue  # 'programme de lutte contre le paludisme … la tuberculose': two names, not one
            long = LINK_END.sub("", " ".join(a[:n]))
            if len(long.split()) >= 4 and _clean_long(long) not in out:
                long = _clean_long(long)
                out.append(long)
    return out


def _capitalised(m: re.Match[str], text: str, folded: str, by_key: dict[str, Programme],
                 evidence: dict[str, _Evidence], bodies: frozenset[str]) -> str | None:
    """A capitalised head noun's long form ('la Stratégie de coopération entre l'OMS et la RDC'), when the text
    does not define it with an acronym and it is no registry or defined name already."""
    stop = CAPITALISED_STOP.search(folded, m.start("head"))
    end = stop.start() if stop else min(len(text), m.start("head") + 120)
    if text[end:].lstrip().startswith("("):
        return None  # the definition names it ('Projet … (SURVAC)')
    long = _clean_long(text[m.start("head"): end])
    new_sentence = SENTENCE_START.search(long)
    if new_sentence:
        long = long[: new_sentence.start()]  # 'Programme National Tuberculose Le Dr …': a full stop the text lost
    if _not_a_name(long):
        return None  # 'Programme national contre cette maladie': a description pointing back, not a name
    key = _key(long)
    if not 3 <= len(long.split()) <= 16 or _piece_of_known(key, by_key, evidence) or any(
            t.startswith(key) for t in bodies):
        return None  # a registry, defined or body name, or a piece of one ('Programme des Nations unies' …)
    return long


def _piece_of_known(key: str, by_key: dict[str, Programme], evidence: dict[str, _Evidence]) -> bool:
    """The key is a known name's or long form's, a piece of one, or holds one ('Projet de Recherche' of the 'Projet
    de Recherche pour le …'): one pass over the names, that stops at the first that fits."""
    longs = (_key(ev.programme.long) for ev in evidence.values() if ev.programme.long)
    return any(len(t) > 3 and (t in key or key in t) for t in chain(by_key, longs))


TOPIC_SKIP = {"programme", "programmes", "projet", "projets", "national", "nationale", "nationaux", "contre", "appui",
              "renforcement", "initiative", "developpement", "strategie", "publique", "plan", "lutte", "sante"}


def _topic(ev: _Evidence, folded: str) -> float:
    """How much the text is about what the programme's name says ('vaccination' five times for the Programme élargi
    de vaccination): mentions of its long form's main words, by their first letters, outside its own mentions."""
    words = {w[:6] for w in re.findall(r"[a-z]{5,}", fold(ev.programme.long or "")) if w not in TOPIC_SKIP}
    if not words:
        return 0.0
    hits = sum(len(re.findall(rf"\b{re.escape(w)}", folded)) for w in words) - len(ev.hits) * len(words)
    return math.log1p(max(hits, 0) / len(words))


def _features(ev: _Evidence, most: int, bodies: frozenset[str], folded: str) -> dict[str, float]:
    """What weighs a candidate programme: how often and where it is named, in which contexts, how it was found."""
    feats: dict[str, float] = {f"ctx_{k}": 1.0 + (0.5 if n > 1 else 0.0) for k, n in ev.flags.items()}
    feats["topic"] = _topic(ev, folded)
    feats["mentions"] = math.log1p(ev.mentions)
    feats["most_mentioned"] = 1.0 if ev.mentions == most else 0.0
    feats[f"source_{ev.source}"] = 1.0
    feats["pos_first_250"] = 1.0 if ev.first[0] < 250 else 0.0
    feats["pos_lead"] = 1.0 if ev.first[0] < LEAD_CHARS else 0.0
    feats["framed"] = 1.0 if ev.framed else 0.0
    feats["staffed"] = 1.0 if ev.staffed else 0.0
    feats["letterhead"] = 1.0 if ev.letterhead else 0.0
    feats["in_title"] = 1.0 if ev.in_title else 0.0
    feats["plan"] = 1.0 if ev.programme.kind == "plan" else 0.0
    feats["long_name_only"] = 1.0 if ev.programme.name == ev.programme.long else 0.0
    feats["single_mention"] = 1.0 if ev.mentions <= 1 else 0.0
    # named once, after the lead, with nothing that ties the meeting to it (no frame, no staff, not in the title):
    # an aside ('une infirmière a rappelé que le programme PTME…'), whatever else scores it
    feats["aside"] = 1.0 if (ev.mentions <= 1 and ev.first[0] >= LEAD_CHARS and not ev.framed and not ev.staffed
                             and not ev.in_title and not ev.letterhead) else 0.0
    head = fold(ev.programme.long or "").strip()
    if head:
        feats["head_frame"] = 1.0 if FRAME_HEAD.match(head) else 0.0
        feats["head_other"] = 1.0 if not (FRAME_HEAD.match(head) or UNDERTAKING.match(head)) else 0.0
    feats["known_organisation"] = 1.0 if _key(ev.programme.name) in bodies else 0.0
    feats["hand_score"] = math.log1p(max(ev.score, 0.0))
    return {k: v for k, v in feats.items() if v}


def _a_body(words: str, vocab: Vocabulary) -> bool:
    """'Programme Alimentaire Mondial', 'Programme des Nations unies': the head noun and the name after it are a body of
    organisations.yml (or the start of one's name), not a programme called 'Alimentaire Mondial'."""
    key = _key(words)
    return any(t == key or t.startswith(key + " ") or key.startswith(t + " ") for t in _body_keys(vocab))


def _glossary_terms(vocab: Vocabulary) -> frozenset[str]:
    """The glossary's acronyms (acronyms.yml) whose expansion is no programme, project, plan or initiative: 'COVID-19'
    is a disease, 'AGR' an activity."""
    return vocab.compiled("programmes.py:_glossary_terms", lambda v: frozenset(
        _key(t) for a in v.acronyms if not re.match(r"(?:programme|projet|plan|initiative|strat)", fold(a.expansion))
        for t in (a.acronym, *a.aliases)))


REGION_END = re.compile(r"\b(?:en|de l'|d'|dans l')\s*afrique(?:\s+(?:centrale|de l'ouest|de l'est|du nord|australe|"
                        r"subsaharienne|sub-saharienne|francophone|de l'ouest et du centre))?\s*$")


def _ends_on_place(long: str, vocab: Vocabulary) -> bool:
    """The long form ends on a region or a place ('… en Afrique centrale', '… au Sénégal')."""
    folded = fold(long).strip(" ,")
    if REGION_END.search(folded):
        return True
    words = re.split(r"[\s'’]+", folded)
    places = _place_keys(vocab)
    return any(_key(" ".join(words[-k:])) in places for k in (1, 2, 3)) and bool(
        re.search(r"\b(?:en|au|aux|a|de|du|d'|dans)\s*\S+(?:\s+\S+){0,2}$", folded))


def _syllabic(long: str, name: str) -> bool:
    """An acronym made of a word's first syllable ('SURVAC': 'Surveillance en Afrique centrale')."""
    head = fold(re.sub(r"[^A-Za-zÀ-ÿ]", "", name))[:3]
    return len(head) == 3 and bool(re.search(rf"\b{head}", fold(long)))


DEFINITION_BEFORE = re.compile(r"[^.;:()\n]{4,160}$")


def _defined_elsewhere(text: str, name: str, here: int) -> bool:
    """Another '(NAME)' in the text follows a long form the acronym spells ('la Communauté économique et monétaire de
    l'Afrique centrale (CEMAC)'): the acronym is that long form's."""
    for m in re.finditer(rf"\(\s*{re.escape(name)}\s*\)", text):
        if m.start() <= here <= m.end():
            continue
        before = DEFINITION_BEFORE.search(text[max(0, m.start() - 160): m.start()].rstrip())
        if before and defines(before.group(0), name):
            return True
    return False


def _body_keys(vocab: Vocabulary) -> frozenset[str]:
    """The names and acronyms of organisations.yml: 'WAHO' is a body, not a programme."""
    return vocab.compiled("programmes.py:_body_keys", lambda v: frozenset(
        _key(t) for o in (*v.organisations, *v.templates) for t in (o.acronym, o.name, *o.aliases) if t))


def programme_candidates(text: str, vocab: Vocabulary, title: str = "") -> list[Candidate]:
    """Every programme the text names, with the features that weigh it and the evidence for it."""
    gathered = _gather(text, vocab, title)
    most = max((ev.mentions for ev in gathered), default=0)
    bodies, folded = _body_keys(vocab), fold(text)
    gathered = [ev for ev in gathered if not NORM_HEAD.match(fold(ev.programme.long or "").strip())]
    return [Candidate(ev.programme, ev.programme.name, ev.first[0], _features(ev, most, bodies, folded),
                      f"{ev.mentions} mention(s); " + ("registry (programmes.yml)" if ev.source == "registry"
                                                       else f"found in the text ({ev.source})"),
                      ev.first, {"long": ev.programme.long or ""}) for ev in gathered]


def extract_programme(text: str, vocab: Vocabulary, title: str = "") -> Found:
    """The programme (registry name, or the name the text defines) with the snippet that shows it: every candidate
    weighed with weights fit on labelled texts (data/weights.yml); its probability is the confidence."""
    cands = programme_candidates(text, vocab, title)
    best, prob, ranked = choose(weights("programme"), cands)
    if best is None:
        return Found(None, "", 0.0, "no programme mentioned often or prominently enough" if not cands else
                     f"no programme probable enough ({prob:.2f} for none)",
                     tuple((c.name, round(p, 2), c.evidence) for c, p in ranked[:3]))
    return Found(best.value, snippet(text, *best.snippet_span, width=50), confidence("programme", prob, best), best.evidence,
                 tuple((c.name, round(p, 2), c.evidence) for c, p in ranked[1:4]))


def _line(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1: (text.find("\n", pos) + 1 or len(text) + 1) - 1]


def _capitals_line(text: str, pos: int) -> bool:
    line = _line(text, pos)
    return sum(ch.isalpha() for ch in line) > 8 and line.upper() == line


def _whole_line(text: str, start: int, end: int) -> bool:
    """The hit is a line of its own ('PROGRAMME ELARGI DE VACCINATION' between rules of stars)."""
    return _line(text, start).strip(" *-_#\t") == text[start:end].strip()


def _clean_long(long: str) -> str:
    long = re.sub(r"\s+", " ", long).strip()
    return long[0].upper() + long[1:]
