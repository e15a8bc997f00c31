"""Text -> organiser and partners, normalised as 'Long form (ACRONYM)' using organisations.yml."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field

from ..config import Organisation, Vocabulary
from ..models import Found
from ..text import clean_spaces, fold, french_spellings, phrase_pattern, snippet
from .document import document_type
from .name_ends import ONE_IN_A_COUNTRY, RUN_ON, cut_run_on, not_a_body
from .weigh import Candidate, choose, confidence, weights

ART = r"(?:de la |du |de l'|des |de |d')?(?:la |le |l'|les )?"
STOP = re.compile(r"\s*(?:[,.;:!?\n«»]|\s(?:avec|a travers|en collaboration|en partenariat|et finance|grace|dans le cadre|"
                  r"au profit|a l'intention|en faveur|pour|sur le theme|portant|autour|afin|le \d|les \d|du \d|"
                  r"a (?:la salle|l'hotel|l'amphi|la prefecture)|dans la salle|qui s'est|qui se|a ete|a organise|"
                  r"ont organise|a tenu|s'est tenu|a reuni|se sont|a eu lieu|en date|ce \w+day|c'etait|car|mais|donc|"
                  r"lorsque|puisque|parce|s'est|se sont|(?:qui|se|s'|ont|sont|est|vise|visent|vient|viennent|va|vont|"
                  r"reprend|reprennent|par|prevoit|entend|compte|souhaite|annonce|invite|appelle|salue|deja|quant|envisage|veut|peut|"
                  r"doit|reste|demeure|beneficie|poursuit|continue|estime|note|indique|rappelle|souligne|entre|offerte?|soit|soient|"
                  r"sera|seront|serait|en presence|sur (?:financement|fonds)|"
                  r"jusqu|n'(?:a|ont|est|etait|etaient|avait|avaient|aura|auront|aurait|sera|seront|serait|y)|ne|"
                  # a date ends a name: 'Comité régional de l'OMS d'août 2005', '… à Abuja en octobre 2010'
                  r"(?:d'|de |en )(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
                  r"(?:19|20)\d\d)|"
                  # a second body or an infinitive after 'et': 'l'OMS et la RDC', 'du ministère et d'installer…'
                  r"et (?:(?:la|le|les)\s|l')|et (?:de |d')\w+(?:er|ir|re)\b|"
                  # a participle after 'et': 'le ministère de la santé et soutenu par …'
                  r"et (?:soutenue?s?|financee?s?|appuyee?s?|accompagnee?s?)\b)\b))")
# 'a' as a verb ('… de Conakry a organisé'): followed by a word in lower case (a place after 'à' has a capital)
# ('… à Garoua': a place after 'à' ends a body's name, the town where it acts, not its name)
AUX_STOP = re.compile(r"\s(?:a|ont)(?:\s+(?=[a-zéèêàâîôûç])|\s*(?=,))|\s(?:à|a)\s+(?=[A-ZÀ-Ý][a-zà-ÿ])|"
                      # a past participle that starts a clause: '… de la Santé vacciné contre la Covid-19'
                      # (not a noun in -té: '… de la santé en …', '… de la Société pour …')
                      r"\s(?!(?:sant|soci[ée]t|comit|communaut|universit|solidarit|s[ée]curit|qualit|unit|autorit|"
                      r"mutualit|humanit|municipalit|collectivit|cit|entit|facult|activit|capacit|priorit|"
                      r"[ée]quit|parit|gratuit|proximit|mobilit)[ée]s?\s)"
                      r"[a-zà-ÿ]+(?:é|ée|és|ées)\s+(?=(?:contre|par|pour|à|au|aux|en|dans|sur|le|la|les)\s)")
# a ministry's name goes on after a comma: 'Ministère de la Santé, de l'Hygiène publique et de la CMU'
NAME_GOES_ON = re.compile(r",\s*(?:de la |de l'|du |des |d')")
# … but a comma then another body ends it: 'Ministère de la Santé, de l'OMS, de l'Institut Pasteur, de l'UNICEF'
ANOTHER_BODY = re.compile(r"\s*(?:[A-Z]{2,}[\w-]*\b|(?i:institut|organisation|agence|fonds|programme|projet|banque|"
                          r"union|unicef|ong|association|fondation|centre|universit[ée]|h[ôo]pital)\b)")
# a council of the nation or a region goes on with its purpose: 'conseil national pour la nutrition' (not with an
# action: 'comité technique pour la validation du plan')
BARE_POUR = re.compile(r"\s+pour\s+(?:la |le |les |l')\s*(?!(?:validation|preparation|mise|elaboration|revue|tenue|"
                       r"organisation|realisation|redaction|finalisation|relecture|restitution|planification|evaluation|"
                       r"suivi|lancement|adoption|formation)\b)[a-z]")
# '… pour le Développement International', '… pour la Santé': a name goes on past 'pour' when capitals follow
NAME_GOES_ON_POUR = re.compile(r"\s+pour\s+(?:le |la |les |l['’])?(?=[A-ZÀ-Ý])")
ORGANISED_BY = re.compile(rf"(?:organise(?:e|s|es)?|initie(?:e|s|es)?|pilote(?:e|s|es)?|convoque(?:e|s|es)?|"
                          rf"menee?s?|conduite?s?|coordonnee?s?|portee?s?|mise?s? en (?:oe|œ)uvre|realisee?s?)\s+par\s+{ART}|"
                          # a date or a venue between: 'organisé le 12 décembre 2024 au CREC par le Chapitre …'
                          rf"organisee?s?\s+(?:le|les|du|au|aux|a la|a l'|en|dans|ce|cette)\s*[^.;:\n,]{{0,50}}?\s+par\s+{ART}")
# 'L'organisation de la présente conférence a été assurée par le ministère …': the same fact as 'organisé par'
ORGANISATION_BY = re.compile(rf"\borganisation (?:de|du|des) [^.;:\n]{{0,80}}?\s(?:a ete|est|etait|sera|fut) "
                             rf"(?:assuree|confiee a|faite) par\s+{ART}|\borganisation (?:de|du|des) [^.;:\n]{{0,80}}?\s"
                             rf"(?:a ete|est|etait|sera|fut) confiee (?:a la |au |a l'|aux )")
# 'La formation est assurée par Africa CDC', 'l'atelier, animé par le coordonnateur du projet': who ran the sessions
RUN_BY = re.compile(rf"(?:animee?s?|assuree?s?|dispensee?s?|facilitee?s?|moderee?s?)\s+par\s+{ART}")
# 'réunion de coordination des bureaux de l'OMS', 'rencontre annuelle des points focaux du PEV': its own staff meet
OWN_STAFF = re.compile(r"\b(?:reunion|rencontre|retraite|seminaire|atelier)s?\s+(?:annuelle\s+|de coordination\s+|"
                       r"de planification\s+|statutaire\s+|semestrielle\s+|trimestrielle\s+)?(?:des|de ses)\s+"
                       r"(?:bureaux|representants|responsables|directeurs|directrices|cadres|agents|equipes|"
                       r"points focaux|coordonnateurs|coordinateurs|delegues|chefs de bureau)\s+(?:pays\s+)?"
                       r"(?:du|de la|de l'|des)\s*")
# 'les pays membres de la CEEAC', 'États membres de l'OOAS': a community's member states meet
MEMBERS = re.compile(r"\b(?:pays|etats)\s+membres\s+(?:de la|du|de l')\s*")
# a credit line at the foot of a ministry's news item: 'Awa Koné/Celcom/Minsanté'
CREDIT = re.compile(r"(?m)^[A-ZÀ-Ý][^\n/]{2,40}(?:/\s*[^\n/]{2,25}\s*)?/\s*(?P<body>[A-Z][\w’'-]{2,25})\s*$")
PROGRAMME_SUBJECT = re.compile(r"\b(?:ce|le|la|cette|ledit|ladite|notre|son|sa)\s+(?:projet|programme|plan|strategie|"
                               r"politique|reforme|initiative)\b[^.;:,\n]{0,30}?\s(?:a ete|est|ont ete|sont|etait|avait ete)\s+$|"
                               # 'TRANSFORM, initiative panafricaine portée par l'Union africaine': who carries it
                               r"\b(?:projet|programme|initiative|strategie|politique|reforme)(?:\s+[a-z-]+){0,2}\s+$")
# 'les visites foraines organisées par…', 'des séances … menées par': activities in the plural, done as a habit
HABITUAL = re.compile(r"\b(?:les|des|ses|leurs)\s+(?!(?:travaux|assises|journees|rencontres|sessions|ateliers|reunions)\b)"
                      r"[^.;:,\n]{2,45}$")
# "présidé par le ministre de la Santé", "ouvert par le directeur régional…": the body the person speaks for
PRESIDED_BY = re.compile("|".join(rf"{stem}\w*(?:\s+de la presence\s+|[^.;:\n]{{0,70}}?\spar\s+){ART}"
                                  for stem in ("presid", "ouvert", "lance", "inaugur", "supervis", "rehauss", "organis")))
# 'le ministre de la Santé', ', ministre des Affaires sociales,', ', la directrice régionale de la Santé'
HEAD_NAMED = re.compile(r"(?=[ldao,])(?:\b(?:le|la|les|du|des|de la|au|aux|a la)|,)\s+(?=(?:(?:vice[- ])?ministres?|directeurs?|directrices?|"
                        r"secretaire generale?|coordonnateur|coordinatrice|coordinateur|medecin[- ]chef|president|presidente|"
                        r"delegue(?:e)? (?:provincial|regional|sanitaire|departemental)|gouverneur|"
                        r"conseiller technique|conseillere technique|representante? (?:regionale?|residente?|pays))\b)")
# Alternatives that each begin with a plain word: the regex engine looks for their first letters only (quick).
PERSON_SUBJECT = re.compile("|".join(
    [rf"{aux}\s+(?:preside|procede|lance|ouvert|conduit|initie|organise|valide|remis|fait|reuni|convoque|coordonne|supervise)\b" for aux in ("a", "ont")]
    + [rf"{verb}\s" for verb in ("preside", "lance", "ouvre", "organise")]
    + [r"qui\s+(?:a|ont)\s+(?:lance|organise|initie|preside|ouvert)\b", r"se sont\s+reuni", r"s'est\s+reuni",
       r"a\s+souhaite\s+la\s+bienvenue"]))
# A speaker quoted at the opening: '« … », a souligné Pr Traoré, chef du DERSP, lors de l'ouverture de la formation'
SPOKE = re.compile(r"\b(?:a|ont)\s+(?:souligne|declare|indique|rappele|rappelle|explique|affirme|precise|dit|note|"
                   r"insiste|estime|ajoute)\s+(?=(?:le|la|m\.|mme|dr|pr|professeur|docteur|monsieur|madame)\s)")
AT_OPENING = re.compile(r",\s*(?:lors|au cours|a l'occasion)\s+de\s+(?:la ceremonie\s+d')?(?:l')?ouverture\b|"
                        r",\s*(?:a|en)\s+(?:l')?ouv(?:erture|rant)\b")
# The host welcomes the participants: 'Souhaitant la bienvenue à ses hôtes, le secrétaire exécutif du CNLS…',
# 'le discours de bienvenue du directeur…', 'la cérémonie d'ouverture a été marquée par le discours du DPS de Fria'
WELCOMING = re.compile(r"(?:en\s+)?souhaitant (?:la )?bienvenue[^.;:\n]{0,60}?,\s*|"
                       r"dans (?:son|sa|leur) (?:mot|discours|allocution) (?:de bienvenue|d'ouverture),\s*|"
                       r"(?:discours|allocution|mot|message)\s+(?:d'ouverture\s+|de bienvenue\s+|liminaire\s+)?"
                       r"(?:du|de la|de l'|de m\.|de mme)\s*")
INITIATIVE = re.compile(rf"a l'initiative\s+{ART}|sur l'initiative\s+{ART}|sous l'initiative\s+{ART}|"
                        rf"est une initiative\s+{ART}|sous l'egide\s+{ART}|"
                        rf"sous la (?:houlette|coordination)\s+{ART}")
# 'Sur invitation de la CEDEAO, s'est tenue …', 'à l'invitation du ministre': the body that convened the meeting
# (a literal first: the words before it are checked after a match, the search stays quick)
INVITATION = re.compile(rf"invitation\s+{ART}")
# 'sous le leadership du CNLS': the body that leads (a project as often as the meeting)
LEADERSHIP = re.compile(rf"sous le leadership\s+{ART}")
FIELD_LINE = re.compile(r"(?m)^\W*(?:organisateur|organisation|structure organisatrice|organise par)\W*:\W*")
SUBJECT_VERB = re.compile(r"\s(?:a|ont|à)\s+(?:organise|co-?organise|propose d'organiser|tenu|initie|abrite|conduit|anime|lance|regroupe|reuni|"
                          r"convoque|mis en (?:oe|œ)uvre|procede|fait|remis|valide|forme|coordonne|presente|"
                          r"acheve|cloture|demarre|ouvert)\b|"
                          r"\s(?:organise|organisent|co-?organisent|tient|a tenu sa|a tenu son)\s")
# the title of a person, then the body: "ministre de la Santé", "SG du Minsanté", "médecin chef du district…"
PERSON_TITLE = re.compile(r"(?:ministres?(?:\s+(?:delegue|d'etat))?|secretaire (?:generale?|executif|executive|permanente?)|sg|directeur(?: general| regional| "
                          r"departemental| national| provincial| executif)?|directrice(?: generale| regionale| departementale| "
                          r"nationale| executive)?|directeurs|directrices(?: regionales)?|medecin[- ]chef|"
                          r"(?:coordonnateur|coordinateur)(?: national)?|coordinatrice(?: nationale)?|"
                          r"delegue(?:e)? (?:provincial|regional|sanitaire|departemental)e?|gouverneur|"
                          r"conseill(?:er|ere) technique|president|presidente|chef|sous-prefet|prefet|maire|"
                          # the representative of a body in the country heads its office there ('Représentant de l'OMS')
                          r"representante?(?: resident| residente| regional| regionale| pays| ad interim| par interim)?)\b(?:\s+(?:par interim|adjoint|adjointe))?")
OFFICE = {"directeur general": "Direction générale", "directrice generale": "Direction générale",
          "directeur regional": "Direction régionale", "directrice regionale": "Direction régionale",
          "directeur departemental": "Direction départementale", "directrice departementale": "Direction départementale",
          "directeur national": "Direction nationale", "directrice nationale": "Direction nationale",
          "directeur provincial": "Direction provinciale", "coordonnateur national": "Coordination nationale",
          "coordinatrice nationale": "Coordination nationale", "coordonnateur": "Coordination",
          "coordinateur": "Coordination", "coordinatrice": "Coordination",
          "delegue provincial": "Délégation provinciale", "deleguee provinciale": "Délégation provinciale",
          "delegue regional": "Délégation régionale", "deleguee regionale": "Délégation régionale",
          "delegue departemental": "Délégation départementale", "delegue sanitaire": "Délégation sanitaire",
          "gouverneur": "Gouvernorat", "prefet": "Préfecture", "sous-prefet": "Sous-préfecture", "maire": "Mairie"}
PERSON = re.compile(r"^(?:m|mme|mlle|dr|pr|monsieur|madame|docteur|professeur|le |la )?\.?\s*(?:prefet|gouverneur|"
                    r"secretaire generale?|sg|(?:premier )?ministres?|directeur|directrice|president|presidente|maire|chef|medecin|"
                    r"representant|representante|conseiller|coordonnateur|coordinatrice|delegue|deleguee|"
                    r"sous-prefet|haut-commissaire)\b")
LETTERHEAD = re.compile(r"^[^a-z]{8,140}$")
# a council named only by its kind and reach (see BARE_POUR)
NATIONAL_COMMITTEE = re.compile(r"^(?:comite|conseil|commission)s?\s+(?:national|nationale|regional|regionale)$")
# A committee named without its owner: 'Comité directeur', 'Comité de pilotage' (whose? the text says elsewhere)
BARE_COMMITTEE = re.compile(r"^(?:comite|conseil|commission|groupe|equipe|cadre)(?:\s+(?:de |d'|du )?\s*[a-z]+){0,2}$")
MOTTO = re.compile(r"^[A-ZÀ-Ý][\w'’]*(?:\s+[\w'’]+){0,2}(?:\s*[-–—•·]\s*[A-ZÀ-Ý][\w'’]*(?:\s+[\w'’]+){0,2}){2,3}$")
# 'les travaux du 6e congrès de la Société de …', 'l'assemblée générale de l'Association …': the body whose own
# congress it is
CONGRESS = re.compile(r"\b(?:congres|colloque|assemblee generale|journees scientifiques)(?:\s+(?:annuel|annuelle|"
                      r"ordinaire|extraordinaire|scientifique|national|nationale)){0,2}\s+(?:du|de la|de l')\s*"
                      r"(?=(?:societe|association|federation|ordre|union|reseau|college|amicale|syndicat|mutuelle)\b|"
                      r"\w{2,}\b)")
CONGRESS_OWNER = re.compile(r"(?:societe|association|federation|ordre|union|reseau|college|amicale|syndicat|mutuelle)\b")
# 'l'atelier du réseau de programmes nationaux …', 'la sixième réunion annuelle du partenariat de Ouagadougou': a
# meeting of a body of members (a network, an association, a partnership) is that body's own meeting
MEMBERS_MEETING = re.compile(r"\b(?:atelier|reunion|rencontre|session|seminaire|conference|forum|assemblee|assises)s?"
                             r"(?:\s+(?:annuelle?|ordinaire|extraordinaire|statutaire|generale|regionale?|"
                             r"sous-regionale?|pleniere|semestrielle|trimestrielle|technique|scientifique)){0,2}\s+"
                             r"(?:du|de la|de l')\s*(?=(?:reseau|partenariat|association|federation|alliance|coalition|"
                             r"plateforme|union|amicale|syndicat|consortium|ordre)\b)")
COMMITTEE = re.compile(r"(?:travaux|assises|session|reunion|seance|rencontre|assemblee generale)s?(?:\s+(?:ordinaire|"
                       r"extraordinaire|annuelle|semestrielle|trimestrielle|statutaire))?(?:\s+des\s+(?:travaux|assises))?"
                       r"\s+(?:du|de la|de l')\s*(?P<org>(?:comite|conseil|cadre|commission|cellule|groupe|assemblee|reseau|"
                       r"equipe)\b[^,.;:\n]*|(?-i:[A-Z]{3,}[A-Za-z]*)\b)")
# 'Atelier régional de l'African Population and Health Research Center', 'la conférence annuelle du REMED': a
# meeting named after a body with a proper name (its capitals, seen in the text) is that body's own event
OWN_EVENT = re.compile(r"\b(?:atelier|reunion|rencontre|seminaire|conference|forum|colloque|session|retraite)s?"
                       r"(?:\s+(?:annuelle?|regionale?|sous-regionale?|nationale?|internationale?|scientifique|"
                       r"technique|ordinaire|de formation|d'echanges?|de planification|de validation|de concertation)){0,2}"
                       r"\s+(?:du|de la|de l')\s*")  # (not 'des': 'atelier des Utilisateurs', the participants)
COMMITTEE_MET = re.compile(r"(?:^|[.\n]\s*)(?:le|la|l')\s*(?P<org>(?:comite|conseil|commission|cellule|assemblee|equipe)\b[^,.;:\n]{0,90}?)"
                           r"\s+(?:s'est reuni|a tenu|a siege|s'est tenu)")
# 'le Plan de travail annuel 2024 de la DDS', 'validation du Plan stratégique de l'Institut…': the body whose own plan
# the meeting prepares, validates or reviews
PTA_OWNER = re.compile(r"(?:plan de travail annuel|pta)(?:\s*\(pta\))?(?:\s+\d{4})?\s+(?:de la\s+|du\s+|de l'\s*|des\s+)|"
                       r"(?:plan strategique|plan d'action|plan operationnel)(?:\s+\d{4}(?:\s*-\s*\d{4})?)?"
                       r"\s+(?:de la\s+|du\s+|de l'\s*|des\s+)(?=(?:ministere|direction|institut|agence|district|centre|hopital|"
                       r"conseil|comite|secretariat|coordination|cellule|service|delegation|inspection|universite)\b)")
# a report's copyright line names its publisher: '© Organisation mondiale de la Santé 2017' (not a photo's credit,
# '© AFP par …', '© S. Muset 2020': a body's name, a year, nothing else on the line)
COPYRIGHT = re.compile(r"(?m)^[ \t]*(?:©|\(c\)|copyright)\s*(?P<body>[A-ZÀ-Ýa-z][^\n©,;:()]{3,90}?)\s*,?\s*(?:19|20)\d\d\s*\.?[ \t]*$",
                       re.IGNORECASE)
CITATION = re.compile(r"(?m)^\W*citation (?:recommandee|suggeree|proposee)\W*:?\s*$")
SUPPORT = (r"(?:l'appui|le soutien|l'accompagnement|le concours|la contribution|la collaboration|"
           r"le financement|l'assistance)(?:\s+(?:technique et financier|technique et financiere|financier et technique|"
           r"technique|financier|financiere|constant|precieux))?\s+" + ART)
PARTNER_LEAD = re.compile("|".join(
    [rf"{lead}\s+{SUPPORT}" for lead in ("avec", "grace a")]
    + [rf"{verb}s?\s+par\s+{ART}" for verb in ("finance", "financee", "appuye", "appuyee", "soutenu", "soutenue")]
    + [rf"en partenariat avec\s+{ART}", rf"sur (?:financement|fonds)\s+{ART}"]))
ORG_HEAD = re.compile(r"^(?:direction|inspection|delegation|centrale|ministere|comite|commissariat|haut[- ]commissariat|gouvernement|programme|projet|service|agence|institut|fondation|association|"
                      r"ong|organisation|conseil|cellule|unite|coordination|secretariat|federation|union|reseau|centre|"
                      r"hopital|district|zone|commission|equipe|mairie|prefecture|gouvernorat|gouvernance|presidence|province|region|croix|cooperation|"
                      r"alliance|partenariat|cluster|consortium|caisse|cabinet d'etudes|cabinet d'expertise|"
                      r"fonds|banque|office|societe|mutuelle|groupe|plateforme|universite|ecole|laboratoire|region medicale|division|"
                      r"dds|drs|primature|cabinet du premier ministre)\b")
ACRONYM_IN_PARENS = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9/&-]{1,20})\)")


@dataclass
class _Registry:
    acronyms: re.Pattern[str] | None
    names: re.Pattern[str] | None
    templates: re.Pattern[str] | None
    by_key: dict[str, Organisation]
    template_by_acr: dict[str, Organisation]
    place_by_fold: dict[str, str]  # folded place name -> its first spelling in places.yml
    place_country: dict[str, str] = field(default_factory=dict)  # folded place name -> its country (first listed)
    same_acronym: dict[str, list[Organisation]] = field(default_factory=dict)  # acronym -> its templates, by country




@lru_cache(maxsize=8192)
def _key(term: str) -> str:
    """The form a registry term and a text's hit compare by (cached: the same hits recur in every report)."""
    return re.sub(r"[- /]+", " ", fold(term)).strip()


def _registry(vocab: Vocabulary) -> _Registry:
    return vocab.compiled("organisations.py:_registry", _build_registry)


def _build_registry(vocab: Vocabulary) -> _Registry:
    by_key: dict[str, Organisation] = {}
    acrs, names = [], []
    for o in vocab.organisations:
        for term in filter(None, (o.acronym, *o.aliases)):
            (acrs if sum(ch.isupper() for ch in term) >= 2 else names).append(term)
            by_key.setdefault(_key(term), o)
        names.append(o.name)
        by_key.setdefault(_key(o.name), o)
    template_by_acr = {t.acronym: t for t in vocab.templates}  # the set of acronyms; one meaning each below
    places = sorted({p for c in vocab.countries for p in c.places}, key=len, reverse=True)
    tpl = None
    if template_by_acr and places:
        acr_alt = "|".join(sorted(map(re.escape, template_by_acr), key=len, reverse=True))
        place_alt = "|".join(re.escape(fold(p, lower=False)) for p in places)
        tpl = re.compile(rf"(?<![\w-])(?P<acr>{acr_alt})(?:\s*[-/]\s*|\s+(?:de la |du |de l'|des |de |d')?)"
                         rf"(?P<place>{place_alt}|[A-Z]{{1,3}}\b)", re.IGNORECASE)
    place_by_fold: dict[str, str] = {}
    place_country: dict[str, str] = {}
    for c in vocab.countries:
        for p in c.places:
            place_by_fold.setdefault(fold(p), p)
            place_country.setdefault(fold(p), c.name)
    same_acronym: dict[str, list[Organisation]] = {}
    for t in vocab.templates:
        same_acronym.setdefault(t.acronym, []).append(t)
    template_by_acr = {acr: ts[0] for acr, ts in same_acronym.items()}
    return _Registry(phrase_pattern(acrs, case_sensitive=True), phrase_pattern(names), tpl,
                     by_key, template_by_acr, place_by_fold, place_country, same_acronym)


def display(org: Organisation) -> str:
    """'Long form (ACRONYM)', the one spelling every index uses."""
    return f"{org.name} ({org.acronym})" if org.acronym else org.name


def _template_display(text: str, tpl: Organisation, acr: str, place: str, vocab: Vocabulary) -> str:
    reg = _registry(vocab)
    canonical_place = reg.place_by_fold.get(fold(place), place)
    country = reg.place_country.get(fold(place))
    if country:  # 'DPS' is a division in Congo and a prefectoral directorate in Guinea: the place's country decides
        meanings = reg.same_acronym.get(tpl.acronym, [tpl])
        tpl = next((t for t in meanings if t.country == country), None) or next(
            (t for t in meanings if t.country is None), None) or tpl
        if tpl.country not in (None, country):
            return f"{tpl.acronym}-{canonical_place}"  # the registry knows this acronym elsewhere only
    if len(place) <= 3 and place.isupper():  # 'DDASM-M': a letter, not a place name
        return f"{tpl.name} ({tpl.acronym}-{place})"
    prep = Counter(m.group(1).lower() for m in re.finditer(
        rf"\b(du|de la|de l'|des|de)\s*{re.escape(canonical_place)}\b", text, re.IGNORECASE))
    joiner = prep.most_common(1)[0][0] if prep else "de"
    sep = "" if joiner.endswith("'") else " "
    return f"{tpl.name} {joiner}{sep}{canonical_place} ({tpl.acronym}-{canonical_place})"


def normalise_org(phrase: str, text: str, vocab: Vocabulary) -> tuple[str, Organisation | None]:
    """A found phrase -> its display form and, when known, the registry entry."""
    reg = _registry(vocab)
    phrase = clean_spaces(phrase).strip(" ,;:-")
    folded_case = fold(phrase, lower=False)
    if reg.templates is not None:
        m = reg.templates.search(folded_case)
        if m and m.start() < 5:
            acr = next(a for a in reg.template_by_acr if a.lower() == m.group("acr").lower())
            place = phrase[m.start("place"): m.end("place")]
            return _template_display(text, reg.template_by_acr[acr], acr, place, vocab), None
    by_name = _template_by_long_name(phrase, text, vocab)
    if by_name:
        return by_name, None
    for m in ACRONYM_IN_PARENS.finditer(phrase):
        known = reg.by_key.get(_key(m.group("acr")))
        if known:
            return display(known), known
    if reg.acronyms is not None:
        m = reg.acronyms.search(folded_case)
        if m and (m.start() < 3 or len(phrase) < 25):
            known = reg.by_key[_key(m.group(0))]
            return display(known), known
    bare = re.sub(r"\s*\([^()]*\)\s*", " ", phrase).strip()
    known = reg.by_key.get(_key(bare)) if len(bare) <= 25 else None
    if known is not None:  # 'Minsanté' is MINSANTE (an acronym written as a word)
        return display(known), known
    if reg.names is not None:
        m = reg.names.search(fold(bare))
        if m and m.start() < 5 and m.end() - m.start() >= 0.8 * len(bare):
            known = reg.by_key[_key(m.group(0))]
            if known.country and known.acronym and not _of_its_country(known, text, vocab):
                return known.name, known  # 'Ministère de la Santé publique' in Niger is not Cameroon's MINSANTE
            return display(known), known
    m = ACRONYM_IN_PARENS.search(phrase)
    if m:
        long = (phrase[: m.start()].strip() + " " + phrase[m.end():].strip()).strip()
        return (_sentence_case(long) + f" ({m.group('acr')})") if long else m.group("acr"), None
    if re.fullmatch(r"[A-Z][A-Za-z0-9/&-]{1,20}", phrase):  # a bare acronym: look for its definition in the text
        d = re.search(rf"([A-ZÉ][^().;\n]{{8,140}}?)\s*\({re.escape(phrase)}\)", text)
        if d:
            fits = next((w.start() for w in re.finditer(r"(?<![\w'’-])\w+", d.group(1))
                         if fold(w.group(0)) not in SMALL_WORDS and acronym_fits(d.group(1)[w.start():], phrase)), None)
            if fits is not None:  # '… du 6e Congrès de la société de gynécologie et obstétrique du Niger (SGON)': the words it stands for
                return _sentence_case(d.group(1)[fits:].strip()) + f" ({phrase})", None
            long = re.sub(r"^.*?\b(?=(?:Direction|Ministère|Comité|Programme|Projet|Service|Agence|Institut|Fondation|Association|Organisation|Conseil|Cellule|Unité|Coordination|Secrétariat|Fédération|Union|Réseau|Centre)\b)", "", d.group(1))
            return _sentence_case(long.strip()) + f" ({phrase})", None
    return _sentence_case(phrase), None


def _country_patterns(vocab: Vocabulary) -> dict[str, "re.Pattern[str] | None"]:
    """Per country, its names and the places that are its alone ('région du Centre' is Burkina Faso's and Cameroon's:
    it says neither)."""
    owners: dict[str, set[str]] = {}
    for c in vocab.countries:
        for p in c.places:
            owners.setdefault(fold(p), set()).add(c.name)
    return {c.name: phrase_pattern([c.name, *c.aliases, *c.demonyms, *(p for p in c.places if len(owners[fold(p)]) == 1)])
            for c in vocab.countries}


def _of_its_country(org: Organisation, text: str, vocab: Vocabulary) -> bool:
    """The text names the body's acronym, or its country or one of its places: a name many countries' bodies share
    ('Ministère de la Santé publique') is that country's body, with its acronym, only then."""
    if org.acronym and org.acronym in text:
        return True
    pattern = vocab.compiled("organisations.py:_country_patterns", _country_patterns).get(org.country or "")
    return pattern is not None and pattern.search(fold(text)) is not None


PREP = r"(?:de la |du |des |de l['’]|d['’]|de |à l['’]|au |à la |a l['’]|a la )"


def _template_by_long_name(phrase: str, text: str, vocab: Vocabulary) -> str | None:
    """'Direction régionale de la santé de Kankan' or '… (DRS) de Kankan' -> '… de Kankan (DRS-Kankan)'."""
    folded = fold(phrase)
    for tpl in sorted(vocab.templates, key=lambda t: -len(t.name)):
        name = fold(tpl.name)
        if not folded.startswith(name):
            continue
        rest = phrase[len(name):]
        m = re.match(rf"\s*(?:\((?P<acr>[^()]+)\))?\s*(?P<prep>(?i:{PREP}))?\s*(?P<place>[A-ZÀ-Ý][\w'’ -]*?)\s*(?:\(.*)?$",
                     rest)
        if m and m.group("place") and fold(m.group("place"), lower=False)[:1].isupper():
            place = m.group("place").strip()
            return _template_display(text, tpl, tpl.acronym, place, vocab)
    return None


def _sentence_case(text: str) -> str:
    """'Direction Départementale des Affaires Sociales du Mono' -> 'Direction départementale des affaires sociales du Mono';
    a name in capitals keeps a capital on the place after its last 'de'/'du'."""
    if text.upper() == text and sum(ch.isalpha() for ch in text) > 6:
        words = text.lower().split(" ")
        last_prep = max((i for i, w in enumerate(words) if w in ("de", "du", "des", "d'")), default=-1)
        for i in range(last_prep + 1, len(words)):
            if last_prep > 0 and words[i] not in ("la", "l'", "le", "les"):
                words[i] = words[i][:1].upper() + words[i][1:]
        text = " ".join(words)
        return text[:1].upper() + text[1:]
    words = text.split(" ")
    out = []
    for n, w in enumerate(words):
        if n == 0 or not w[:1].isupper() or sum(ch.isupper() for ch in w) > 1 or n == len(words) - 1:
            out.append(w if n else w[:1].upper() + w[1:])
        else:
            out.append(w.lower() if w.lower() in _COMMON else w)
    return " ".join(out)


_COMMON = set("""direction départementale regionale régionale générale generale nationale national santé sante hygiène
hygiene publique affaires sociales sociale microfinance ministère ministere action humanitaire solidarité promotion
femme enfant famille comité comite technique pilotage suivi service services programme projet développement
developpement sanitaire population économie finances coordination cellule planification statistique ressources
humaines conseil communal communale protection centre hospitalier universitaire district zone laboratoire""".split())


# a hard line break inside a sentence ('l'Agence\nnationale d'assistance médicale'): the next line goes on in lower case
WRAPPED = re.compile(r"[ \t]*\n[ \t]*(?=[a-zà-ÿ])")


# a place after an acronym goes on with the name: '(DRS) de Kankan', '(DRS) de la région des Plateaux'
PLACE_AFTER = re.compile(r"\s*(?:de |du |des |d['’]|de l['’]|-)\s*(?:(?:la |le |l['’])?(?:r[ée]gion|province|"
                         r"pr[ée]fecture|commune|ville|district|d[ée]partement)\s+(?:de |du |des |d['’]|de l['’])\s*)?"
                         r"[A-ZÀ-Ý]")


def _phrase_at(text: str, folded: str, start: int, person: bool = False) -> str:
    """The name that starts at ``start``; a long form is kept whole up to the acronym that closes it
    ('Association des Jeunes pour l'Insertion Socio-économique (AJISE)')."""
    stop = (PERSON_STOP if person else STOP).search(folded, start)
    while stop and not person and PORTFOLIO_HEAD.match(folded, start) and _portfolio_comma(text, folded, stop.start()):
        stop = STOP.search(folded, stop.start() + 1)
    if stop and not person and folded.startswith(",", stop.start()) and "lutte contre" in folded[start: stop.start()]:
        stop = STOP.search(folded, _enumeration_end(text, folded, stop.start()))
    while stop and not person and (
            (NAME_GOES_ON_POUR.match(text, stop.start()) and ORG_HEAD.match(folded[start: start + 40]))
            or (BARE_POUR.match(folded, stop.start()) and NATIONAL_COMMITTEE.match(
                re.split(r"\b(?:du|de la|de l'|des)\s", folded[start: stop.start()])[-1].strip()))):
        # 'Agence des États-Unis pour le Développement International'; a council named only by its kind goes on
        # with its purpose: 'conseil national pour la nutrition'
        stop = STOP.search(folded, stop.end())
    while stop and WRAPPED.match(text, stop.start()) and stop.start() - start < 120:
        stop = (PERSON_STOP if person else STOP).search(folded, stop.end())  # a line cut in the middle of a name
    end = stop.start() if stop else min(len(text), start + 140)
    end = min(end, start + 200)
    aux = AUX_STOP.search(text, start, end)
    if aux and not person:
        end = aux.start()
    d = re.match(r"[^.;:\n()]{0,120}?\((?P<acr>[A-Z][A-Za-z0-9&/-]{1,15})\)", text[start: start + 180])
    if d and start + d.end() > end and defines(text[start: start + d.start("acr") - 1], d.group("acr")) \
            and not re.match(r"\s+(?:avec|grâce|gr[aâ]ce|par|sur financement|en partenariat|et avec)\b", text[end:], re.IGNORECASE):
        end = start + d.end()  # (not past 'avec l'appui de …': the acronym is then the next body's)
    elif d and start + d.end() < end and defines(text[start: start + d.start("acr") - 1], d.group("acr")):
        if not PLACE_AFTER.match(text[start + d.end(): end]):
            end = start + d.end()  # 'Cellule de lutte contre la malnutrition (CLM) encourage …': the acronym closes it
        elif (also := re.search(r"\s(?:et|ainsi que)\s", text[start + d.end(): end])):
            end = start + d.end() + also.start()  # '(PNLP) de la région des Savanes et de l'OMS': the place, not the OMS
    return text[start:end].strip()


def _stops(folded: str, start: int, end: int) -> bool:
    """A name ends between start and end (an item's own 'et les …' goes on the list, it does not end it)."""
    return any(not folded[m.start():].lstrip().startswith("et ") for m in STOP.finditer(folded, start, end))


ENUM_ITEM = re.compile(r",\s*(?:et\s+)?(?:la |le |les |l')\s*[^,.;:\n()«»]{2,60}")


def _enumeration_end(text: str, folded: str, comma: int) -> int:
    """'Conseil national de lutte contre le VIH/SIDA, la tuberculose, le paludisme … et les épidémies': the
    diseases listed after 'lutte contre' belong to the name; where the list ends (the comma when none follows)."""
    end = comma
    while (m := ENUM_ITEM.match(folded, end)) and not _stops(folded, end + 1, m.end()) \
            and not AUX_STOP.search(text, end, m.end()):
        end = m.end()
    return end


# (not the full stop of an abbreviation: 'présidée par le Dr. Awa Koné, coordinatrice du …')
PERSON_STOP = re.compile(r"\s*(?:(?<!\bdr)(?<!\bpr)(?<!\bm)(?<!\bmme)\.|[;:!?\n«»]|\s(?:a|ont|qui|en presence|avec|dans|pour|le \d|les \d|du \d|a (?:la|l')|au )\s)")
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur", "dans"}


def acronym_fits(long: str, acr: str) -> bool:
    """Do the acronym's letters follow the initials of the long form's main words, in order?"""
    words = [w for w in re.split(r"[\s'’-]+", fold(long)) if w and w not in SMALL_WORDS]
    letters = [ch for ch in fold(acr) if ch.isalpha()]
    if not words or not letters or words[0][0] != letters[0]:
        return False
    i = matched = 0
    for w in words:
        j = next((k for k in range(i, len(letters)) if letters[k] == w[0]), -1)
        if j >= 0:
            i, matched = j + 1, matched + 1
    if matched >= max(2, min(len(words), len(letters)) - 1):
        return True
    # every letter, in order, the initial of a word, a few words between them left out: 'Organisation de
    # Coordination pour la lutte contre les Endémies en Afrique Centrale (OCEAC)'
    k = skipped = 0
    for w in words:
        if k < len(letters) and w[0] == letters[k]:
            k += 1
        elif k < len(letters):
            skipped += 1
    return len(letters) >= 3 and k == len(letters) and skipped <= 3


def defines(long: str, acr: str) -> bool:
    """Is the acronym the long form's, or the one of its tail ('Comité de pilotage du Programme … (PASMA)')?"""
    if "/" in acr and defines(long, acr.split("/", 1)[1]):
        return True  # 'SE/CNLS-TP': the executive secretariat of the council the long form names
    return acronym_fits(long, acr) or any(acronym_fits(long[m.end():], acr)
                                          for m in re.finditer(r"\b(?:du|de la|de l['’]|des|de|d['’])\s*", long))


GENERIC_HEADS = {"agence", "coordination", "delegation", "programme", "projet", "cellule", "unite", "institut",
                 "fondation", "association", "centre", "office", "commission", "secretariat", "direction"}
BARE_KINDS = GENERIC_HEADS | {"ministere", "province", "region", "conseil", "comite", "commission", "structure"}

# a press agency or a newspaper credited for the article reports the meeting, it does not organise it
MEDIA = re.compile(r"^(?:agence (?:[a-z-]+ )?(?:de presse|d'information|de l'information)|agence de presse|"
                   r"radio|television|journal|quotidien|hebdomadaire|magazine)\b")
# an authority whose head presides over the ceremonies of meetings other bodies organise (a prefect, a mayor, a
# governor, the government, the Prime Minister, the President, a university's president): its presiding weighs less
AUTHORITY = re.compile(r"(?:prefecture|sous-prefecture|mairie|gouvernorat|gouvernance|gouvernement|primature|presidence|"
                       r"universite|delegation speciale)\b")




# 'le ministère de tutelle', 'les ministères concernés': a ministry the text names in full elsewhere
TUTELLE = re.compile(r"ministeres? (?:de tutelle|concernee?s?|competente?s?)")


def _complete_cut(phrase: str, text: str, folded: str) -> str:
    """A name the excerpt cuts at its very end ('… présidée par le Président de l'Université Polytechnique de B') is
    the longer name it begins that the text gives before, when it gives one ('Université Polytechnique de
    Bobo-Dioulasso')."""
    tail = text.rstrip()
    if len(phrase) < 8 or not tail.endswith(phrase) or tail[-1:] in ".!?»)\"”":
        return phrase
    first = folded.find(fold(phrase))
    if 0 <= first < len(tail) - len(phrase):  # the same words, then the rest of the word the excerpt cut
        return text[first: first + len(phrase)] + re.match(r"[\w'’-]*", text[first + len(phrase):]).group(0)
    return phrase




# a venue hosts a meeting, it does not organise it: 'Centre international de conférences de …', 'Palais des congrès',
# 'hôtel …', 'salle de …' (the town hall, 'hôtel de ville', is a body)
VENUE = re.compile(r"^(?:(?:le |la |l')?(?:centre (?:international |national )?(?:de |des )conferences?|palais (?:des congres|"
                   r"de la culture|du peuple|des sports|des expositions)|hotel(?! de ville)|salle|auditorium|amphitheatre|"
                   r"amphi|stade|esplanade|chapiteau|grand hotel|complexe hotelier|residence hoteliere)\b)")
# a person named with a title of civility or rank: 'Docteur X Y', 'Mme …', 'le Colonel …'
CIVILITY = re.compile(r"^(?:dr|docteur|pr|professeur|prof|m|mm|mme|mmes|mlle|monsieur|madame|messieurs|maitre|me|"
                      r"colonel|commandant|capitaine|general|lieutenant|sem|s\.e|son excellence|honorable|"
                      r"el hadj|elhadj|hon)\b\.?\s+\S")
# never the start of a body's name: a possessive ('Son association'), a civility alone ('Mme'), a report's section
# heading ('INTRODUCTION Remerciement aux …')
NOT_A_NAME = re.compile(r"^(?:son|sa|ses|leur|leurs|notre|nos|votre|vos|mme|mmes|mlle|mr|m)\.?$|"
                        r"^(?:son|sa|ses|leur|leurs|notre|nos|votre|vos)\s|^(?:introduction|contexte|objectifs?|resume|"
                        r"conclusions?|sommaire)\b")
# what runs on after a name: an e-mail address and the page's furniture before it ('… Lubumbashi 2019 JS2019
# [email protected]')
NAME_TAIL = re.compile(r"(?:\s+\S*\d\S*)*\s+\S*(?:\[email|@).*$", re.IGNORECASE)
# 'le Conseil d'administration dudit Hôpital', '… de ladite structure': the body of that kind named just before
REFERS_BACK = re.compile(r"\b(?:dudit|de ladite|desdits|desdites|audit|a ladite)\s+([a-z][a-z-]{2,})")


def _refers_back(phrase: str, text: str, folded: str, pos: int) -> str:
    """'Conseil d'administration dudit Hôpital' -> '… de l'Hôpital X', the last body with that head named before
    (the phrase unchanged when the text names none)."""
    m = REFERS_BACK.search(fold(phrase))
    if not m:
        return phrase
    at = folded.find(m.group(0), max(0, pos - 10))
    at = at if at >= 0 else pos
    head = m.group(1)
    for named in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", folded[:at]))):
        if re.search(r"(?:dudit|ladite|desdits|desdites|audit)\s+$", folded[max(0, named.start() - 12): named.start()]):
            continue
        full = cut_run_on(_phrase_at(text, folded, named.start()))
        if len(full.split()) >= 2 and not REFERS_BACK.search(fold(full)):
            art = "de l'" if re.match(r"[aeiouyh]", fold(full)) else (
                "de la " if m.group(0).startswith(("de ladite", "a ladite")) else "du ")
            return phrase[: m.start()] + art + full
    return phrase


def _place_words(vocab: Vocabulary) -> frozenset[str]:
    """Every folded word of a country's or a place's name, alias or demonym ('niger', 'nigerien', 'dori')."""
    return vocab.compiled("organisations.place_words", _build_place_words)


def _build_place_words(vocab: Vocabulary) -> frozenset[str]:
    names = [n for c in vocab.countries for n in (c.name, *c.aliases, *c.demonyms, *c.places)]
    return frozenset(w for n in names for w in re.split(r"[\s'’-]+", fold(n)) if len(w) > 2)


def _with_its_place(phrase: str, text: str) -> str:
    """'la DPS' -> 'DPS du Haut-Lomami' when the text names the acronym with its place elsewhere: a local body's
    acronym alone is the kind of body, the place makes it one body."""
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", phrase):
        return phrase
    m = re.search(rf"(?<![\w-]){re.escape(phrase)}\s+(?:du|de la|de l['’]|des|de|d['’])\s*"
                  r"[A-ZÀ-Ý][\w’'-]+(?:[ -][A-ZÀ-Ý][\w-]+)?", text)
    return m.group(0) if m else phrase


def _person_name(name: str, places: frozenset[str]) -> bool:
    """Two to four capitalised words, none a French word, a place or a body's head: a first name and surname
    ('Awa Koné Traoré', 'Awa KONÉ'). Needs the French word list (without it, nothing is taken for a person)."""
    words = re.split(r"[\s-]+", name.strip())
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w[1:].islower() or w.isupper() and len(w) > 3
                                            for w in words) or ORG_HEAD.match(fold(name)):
        return False
    known = french_spellings()
    return bool(known) and not any(fold(w.lower()) in known or fold(w) in places for w in words)


def _common_word(name: str) -> bool:
    """A single word of the language ('Université', 'SANTE') or a kind of body with an adjective ('Agence
    américaine'): not one body (but the government, the Primature, the Presidency: one in each country)."""
    words = name.split()
    f = fold(name.lower())
    if len(words) == 1:  # (an acronym in capitals may spell a word: 'OIE')
        return f not in ONE_IN_A_COUNTRY and f in french_spellings() and not (name.isupper() and len(name) <= 4)
    return (len(words) == 2 and fold(words[0].lower()) in GENERIC_HEADS | {"organisation", "universite", "ministere"}
            and words[1].islower() and fold(words[1]) in french_spellings())


def _named_in_full(head: str, text: str, folded: str) -> str | None:
    """'Agence' -> 'Agence nationale d'assistance médicale (Anam)', the fullest name with that head in the text."""
    names = [_phrase_at(text, folded, m.start()) for m in re.finditer(rf"\b{re.escape(fold(head))}\s+(?:[a-z]+\s+)?"
                                                                       r"(?:de la |de l'|du |des |d'|[a-z]{4,})", folded)]
    names = [n for n in names if 2 <= len(n.split()) <= 14 and n[:1].isupper() and not RUN_ON.search(n)]
    return max(names, key=len) if names else None


def _resolve_bare(body: str, text: str, folded: str) -> str | None:
    """'du ministère' alone refers to the ministry the text names in full elsewhere; None when it names none."""
    head = fold(body).strip()
    if head not in ("ministere", "direction", "district", "departement", "secretariat", "agence", "institut", "comite"):
        return body
    m = re.search(rf"\b{re.escape(head)}\s+(?:de la |de l'|du |des |d'|en charge |charge )", folded)
    return _phrase_at(text, folded, m.start()) if m else None


def _persons_body(phrase: str, text: str, folded: str) -> str | None:
    """The body a person's title names ('le directeur régional de la santé de Dori'), a bare one ('du ministère')
    resolved to the name the text gives it elsewhere."""
    body = _person_org(phrase)
    return body and _resolve_bare(body, text, folded)


def _head_weight(body: str) -> float:
    """The weight of a body whose head presided or opened the meeting: half for an authority (a prefect, a mayor, the
    government), whose head presides over the meetings other bodies hold."""
    return 1.5 if AUTHORITY.match(fold(body)) else 3.0


# a person's name, then the title: 'Awa Koné, représentant du …', 'Awa Koné, le …'
APPOSITION = re.compile(r"[^,.;:\n]{3,50},\s*(?:(?:representante?|representant)\s+(?:du|de la|de l'|le|la|l')\s*|"
                        r"(?:le|la|l')\s*)?")
# a nationality between a title and its body: 'ministre ivoirien de …', 'Ministre camerounais de la Santé'
DEMONYM = re.compile(r"^\s+[a-zà-ÿ]+(?:ien|ienne|ais|aise|ois|oise|ain|aine|ite|ote|en|enne)(?=\s+(?:de|du|des|d['’])\b)")


def _person_org(phrase: str) -> str | None:
    """'le Ministre de la Santé, Dr X' -> 'Ministère de la Santé'; 'SG du Minsanté' -> 'Minsanté';
    'directeur régional de la santé de Kankan' -> 'Direction régionale de la santé de Kankan'."""
    phrase = phrase.strip()
    f = fold(phrase)
    t = PERSON_TITLE.search(f)
    if t and t.start() > 40:  # 'Awa Koné Traoré, représentant du délégué provincial de …': the title after the name
        t = (apposition := APPOSITION.match(f)) and PERSON_TITLE.match(f, apposition.end())
    if not t or t.start() > 90:
        return None
    title = f[t.start(): t.end()]
    if title == "ministre" and f[max(0, t.start() - 8): t.start()].endswith("premier "):
        return "Primature"  # the Prime Minister heads the government from his office, not a ministry
    rest_at = t.end()
    if title.startswith("representant"):  # 'représentant du ministre de la Santé': the body of the one represented
        of = re.match(r"\s*(?:du|de la|de l['’]|des)\s*", phrase[rest_at:])
        if of and PERSON_TITLE.match(fold(phrase[rest_at + of.end():])):
            return _person_org(phrase[rest_at + of.end():])
    rest = DEMONYM.sub("", phrase[rest_at:], count=1)  # 'ministre béninois de la Santé' -> 'de la Santé'
    m = re.match(r"\s*(?:de la |du |des |de l['’]|de |d['’]|en charge de la |en charge du |chargée? de la |chargée? du |"
                 r"à la |au |aux |à l['’])", rest, re.IGNORECASE)
    if not m:
        return None
    if re.match(r"\s*(?:à la|au|aux|à l['’])", rest, re.IGNORECASE):  # 'ministre délégué à la Santé'
        to = {"à la": "de la ", "au": "du ", "aux": "des ", "à l'": "de l'", "à l’": "de l’"}
        rest = " " + to[re.match(r"\s*(à la|au|aux|à l['’])", rest, re.IGNORECASE).group(1).lower()] + rest[m.end():]
        m = re.match(r"\s*(?:de la |du |des |de l['’])", rest)
    rest_body = rest[m.end():]
    # 'de l'organisation humanitaire Action contre la Faim': what kind of body it is, then its name
    described = re.match(r"(?i:organisation|ong|agence|association)\s+(?i:humanitaire|non[- ]gouvernementale|"
                         r"internationale|caritative|onusienne|confessionnelle)s?\s+(?=[A-ZÀ-Ý])", rest_body)
    rest_body = rest_body[described.end():] if described else rest_body
    comma = rest_body.find(",")
    if comma > 0 and "lutte contre" in fold(rest_body[:comma]):  # the diseases listed belong to the name
        upto = _enumeration_end(rest_body, fold(rest_body), comma)
        rest_body = rest_body[:upto].replace(",", "\x00") + rest_body[upto:]
    if title.startswith("ministre"):  # 'Ministre de la Santé publique, de la Population et des Affaires sociales, Dr X'
        rest_body = _ministry_name_goes_on(rest_body)
    body = re.split(r",|«|\s+\((?![A-Z])|\s+(?:Dr|Pr|Prof|M\.|Mme|Monsieur|Madame|SEM|S\.E\.|Son Excellence)\b|"
                    r"\s+(?:a|ont|qui|et le|et la|lors|est|sont|était|étaient|se|s['’]est)\s|[.;:\n]",
                    rest_body)[0].replace("\x00", ",").strip()
    listed = ("et ",) if "lutte contre" in fold(body) else ()  # 'lutte contre le sida, la tuberculose et les IST'
    stop = next((m for m in STOP.finditer(fold(body))
                 if not fold(body)[m.start():].lstrip().startswith((",", "pour") + listed)), None)
    if stop:  # 'directeur général de l'OMS déjà en terre camerounaise': the name ends where the sentence goes on
        body = body[: stop.start()].strip()
    aux = AUX_STOP.search(body)
    if aux:  # 'ministre de la Santé vacciné contre la Covid-19'
        body = body[: aux.start()].strip()
    if not body:
        return None
    if title.startswith("medecin") and re.match(r"(?:la )?(?:region|district) (?:de|du|d')", fold(body)):
        # the chief medical officer of a region or district heads its health region or health district
        kind = "Région médicale" if "region" in fold(body)[:10] else "District sanitaire"
        return kind + " " + re.sub(r"^(?:la\s+)?\w+\s+", "", body, flags=re.IGNORECASE)
    group = re.search(r"\b(?:de la|du|de l['’])\s+([A-Z][A-Za-z]*[A-Z]{2,})$", body)
    if group:  # 'ministres de la Santé des pays membres de la CEDEAO': the assembly of the community
        return group.group(1)
    community = re.match(r"([A-Z][A-Za-z]*[A-Z]{2,})\b", body)
    if title == "ministres" and community:  # 'les ministres de la SADC chargés de la lutte contre le VIH'
        return community.group(1)
    acr = re.search(r"\(([A-ZÉ][\w-]+)\)$", body)
    if acr:  # '… de la Communauté économique des États de l'Afrique de l'Ouest (CEDEAO)'
        for m2 in re.finditer(r"\b(?:de la\s+|du\s+|de l['’]\s*|des\s+)", body):
            long = body[m2.end(): acr.start()].strip()
            if long[:1].isupper() and acronym_fits(long, acr.group(1)):
                return body[m2.end():]
    if title == "ministres" and re.search(r"\bdes (?:pays|etats)\b|\bmembres\b", fold(body)):
        return None  # 'les ministres de la Santé des pays du bassin': several ministries, no one body
    prep = rest[: m.end()].strip()
    of_body = prep + ("" if prep.endswith(("'", "’")) else " ") + body  # 'de l'Action sociale', not 'de l' Action'
    second = re.match(r"r[ée]publique\b[^,]*?\s+et\s+(?=(?:pr[ée]sidente?|ministre|directeur|directrice)\b)", body,
                      re.IGNORECASE)
    if second:  # 'le Président de la République et Président du Conseil national de lutte contre le sida': the body
        return _person_org(body[second.end():])  # of the second title (the Republic is the state, not a body)
    if title.startswith("ministre"):
        return "Ministère " + of_body
    if title.startswith("president") and fold(body).startswith("republique"):
        return "Présidence " + of_body  # 'le Président de la République gabonaise' speaks for the Presidency
    if title == "chef" and re.match(r"etat\b", fold(body)):
        return "Présidence de la République"  # 'le Chef de l'État'
    office = OFFICE.get(re.sub(r"\s+(?:par interim|adjointe?)$", "", title))
    if office == "Gouvernorat":  # 'gouverneur de la région de Zinder' heads the governorate of Zinder
        return office + " " + re.sub(r"^(?i:(?:de la |du |de l['’])\s*r[ée]gion\s+)", "", of_body)
    if office:
        return office + " " + of_body
    head = fold(body)
    if ORG_HEAD.match(head) or re.match(r"[A-Z][A-Za-z]*[A-Z]", body) or head.startswith(("minsante", "minist")) or \
            described and body[:1].isupper():
        return body
    if head.startswith("departement de"):  # 'secrétaire général du département de la Santé'
        return "Ministère" + body[len("departement"):]
    return None


def _ministry_name_goes_on(rest: str) -> str:
    """The commas of a ministry's name that lists its sectors (', de la Population et des Affaires sociales') hidden
    as NUL, so that the name is not cut there (see _portfolio_comma)."""
    folded = fold(rest)
    at = 0
    while (comma := folded.find(",", at)) > 0 and _portfolio_comma(rest, folded, comma):
        rest = rest[:comma] + "\x00" + rest[comma + 1:]
        at = comma + 1
    return rest


def _portfolio_comma(text: str, folded: str, comma: int) -> bool:
    """The comma at ``comma`` goes on with a ministry's portfolios (', de la Population …'), not with another body
    (', de l'OMS, de l'Institut Pasteur') nor a person (', du Gouverneur de la région et du Maire')."""
    goes_on = NAME_GOES_ON.match(folded, comma)
    return bool(goes_on) and not ANOTHER_BODY.match(text, goes_on.end()) and not A_PERSON.match(folded, goes_on.end())


# the bodies whose name lists portfolios after commas (folded text)
PORTFOLIO_HEAD = re.compile(r"minist|direction|secretariat|commissariat")
# a person after a comma and 'du', 'de la': '… de l'Hygiène publique, du Gouverneur de la région et du Maire'
A_PERSON = re.compile(r"(?:gouverneur|maire|prefet|sous-prefet|directeur|directrice|representant|ministre|president|"
                      r"chef|secretaire|coordonnat|coordinat|delegue|conseiller|medecin|commissaire|haut-commissaire)")


# the second of two bodies a plural verb has for subject: '… de la Santé et le ministère de …'
CO_SUBJECT = re.compile(r"\s+et\s+(?:l['’]\s*|le\s+|la\s+)(?=(?i:minist[èe]re|direction|organisation|agence|programme|"
                        r"projet|institut|fonds|association|ong|comit[ée]|conseil)\b|[A-Z]{2,}\b)")


def _inside_a_title_cased_name(text: str, at: int) -> bool:
    """A role verb capitalised inside a sentence ('… Total Piloté par les Communautés (ATPC)') belongs to a name in
    title case: running French prose writes 'piloté par' in lower case."""
    return text[at:at + 1].isupper() and not re.search(r"(?:^|[.!?:;»\n])\W*$", text[max(0, at - 4):at])


def _candidates(text: str, vocab: Vocabulary) -> list[tuple[float, str, int, str]]:
    folded = fold(text)
    out: list[tuple[float, str, int, str]] = []
    for m in FIELD_LINE.finditer(folded):
        out.append((6.0, _phrase_at(text, folded, m.end()), m.start(), "'Organisateur :' field"))
    for m in ORGANISED_BY.finditer(folded):
        if _inside_a_title_cased_name(text, m.start()):
            continue  # 'Assainissement Total Piloté par les Communautés (ATPC)': a name's words, not who organised
        if PROGRAMME_SUBJECT.search(folded, max(0, m.start() - 60), m.start()) or re.match(r"mise?s? en", folded[m.start():]):
            out.append((2.0, _phrase_at(text, folded, m.end()), m.start(), "initiated or runs the programme"))
            continue  # 'ce projet a été initié par le gouvernement': who started the programme, not this meeting
        if re.match(r"\w+e?s\s", folded[m.start():]) and HABITUAL.search(folded, max(0, m.start() - 50), m.start()):
            out.append((2.5, _phrase_at(text, folded, m.end()), m.start(), "runs activities the text describes"))
            continue  # 'les visites foraines organisées par le centre de santé': what it does, not this meeting
        out.append((5.0, _phrase_at(text, folded, m.end()), m.start(), "'organisé par'"))
    for m in ORGANISATION_BY.finditer(folded):
        out.append((5.0, _phrase_at(text, folded, m.end()), m.start(), "'organisé par' (its organisation was done by)"))
    for m in INITIATIVE.finditer(folded):
        out.append((4.0, _phrase_at(text, folded, m.end()), m.start(), "'à l'initiative de' / 'sous l'égide de'"))
    for m in INVITATION.finditer(folded):
        if re.search(r"(?:^|\W)(?:sur|a)\s+(?:l')?$", folded[max(0, m.start() - 8): m.start()]):
            out.append((4.0, _phrase_at(text, folded, m.end()), m.start(), "'à l'initiative de' / 'sous l'égide de'"))
    for m in LEADERSHIP.finditer(folded):
        out.append((2.0, _phrase_at(text, folded, m.end()), m.start(), "under its leadership"))
    for m in SUBJECT_VERB.finditer(folded):
        subject = _subject(text, folded, m.start())
        if subject and (ORG_HEAD.match(fold(subject)) or re.match(r"[A-Z]{2,}", subject)):
            verb = folded[m.start(): m.end()].strip()
            strong = re.search(r"organis|tenu|tient|initie|convoque|reuni|regroupe", verb)
            out.append((4.5 if strong else 3.0, subject, m.start() - len(subject), f"subject of '{verb}'"))
            second = CO_SUBJECT.search(subject) if verb.startswith("ont") else None
            if second:  # 'L'OMS et le ministère de la Santé ont tenu …': both bodies held it
                other = subject[second.end():]
                out.append((4.5 if strong else 3.0, other, m.start() - len(other), f"subject of '{verb}'"))
    organised_at = {m.start() for m in ORGANISED_BY.finditer(folded)}
    for m in PRESIDED_BY.finditer(folded):
        if m.start() in organised_at and folded.startswith("organis", m.start()):
            continue  # 'organisées par le centre': read above as 'organisé par' (one fact, counted once)
        phrase = _phrase_at(text, folded, m.end(), person=True)
        body = _persons_body(phrase, text, folded)
        if body:
            out.append((_head_weight(body), body, m.start(),
                        "its head presided or opened the meeting"))
        elif ORG_HEAD.match(fold(phrase)) or fold(phrase).startswith("minist"):
            out.append((3.5, _phrase_at(text, folded, m.end()), m.start(), "opened, launched or presided by"))
    for m in RUN_BY.finditer(folded):  # 'animé par le coordonnateur du projet', 'assurée par Africa CDC'
        phrase = _phrase_at(text, folded, m.end(), person=True).strip(' "“”')
        body = _persons_body(phrase, text, folded)
        if not body and (ORG_HEAD.match(fold(phrase)) or re.match(r"[A-Z][A-Za-z]*[A-Z]", phrase)):
            body = _phrase_at(text, folded, m.end() + (len(phrase) - len(phrase.lstrip(' "“”')))).strip(' "“”')
        if body:
            out.append((3.0, body, m.start(), "ran the sessions ('animé par', 'assuré par')"))
    for m in OWN_STAFF.finditer(folded):
        out.append((3.5, _phrase_at(text, folded, m.end()), m.start(), "a meeting of its own offices or staff"))
    if m := MEMBERS.search(folded):  # the first community whose member states are named
        phrase = _phrase_at(text, folded, m.end())
        if _org_like(phrase, None) >= 1.0 or ACRONYM_IN_PARENS.search(phrase):
            out.append((1.5, phrase, m.start(), "its member states take part"))
    heads = 0
    for m in HEAD_NAMED.finditer(folded):
        body = _persons_body(text[m.end(): m.end() + 140], text, folded)
        if body and heads < 3:
            heads += 1
            out.append((1.0, body, m.start(), "its minister or head is named"))
    for m in PERSON_SUBJECT.finditer(folded):
        subject = _subject(text, folded, m.start(), person=True)
        body = _persons_body(subject, text, folded) if subject and PERSON.match(fold(subject)) else None
        if body:
            how = "welcomed the participants (the host)" if "bienvenue" in folded[m.start(): m.end()] else \
                "its head presided, opened or led the meeting"
            out.append((_head_weight(body), body,
                        m.start() - len(subject), how))
    for m in SPOKE.finditer(folded):  # the speaker who opened the meeting speaks for the body that holds it
        dot = folded.find(".", m.end() + 8)
        end = min(len(folded), m.end() + 200, dot if dot > 0 else len(folded))
        if AT_OPENING.search(folded, m.end(), end):
            body = _persons_body(_phrase_at(text, folded, m.end(), person=True), text, folded)
            if body:
                out.append((_head_weight(body), body, m.start(),
                            "its head presided or opened the meeting"))
    for m in COMMITTEE.finditer(folded):
        org = text[m.start("org"): m.end("org")]
        whole = fold(org)
        org = re.split(r"(?i)\s+(?:au titre|pour l'(?:annee|exercice)|de l'annee|tenu|qui|s'est|se sont|se tien|a |le \d|du \d|en \d|sous la|"
                       r"(?:d'|de |en )(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|(?:19|20)\d\d))",
                       whole)[0]
        past = len(org) < len(whole) and re.match(r"\s+(?:d'|de |en )\D", whole[len(org):])
        out.append((1.0 if past else 3.0, text[m.start("org"): m.start("org") + len(org)], m.start(),
                    "a committee that met" if not past else "a dated session of a committee (another meeting)"))
    for m in CONGRESS.finditer(folded):
        if not CONGRESS_OWNER.match(folded, m.end()) and not re.match(r"[A-Z]{2,}[A-Za-z]*\b", text[m.end():]):
            continue  # 'congrès de la ville', not 'congrès de la SGON' or 'assemblée générale de la MSAE'
        out.append((3.0, _phrase_at(text, folded, m.end()), m.start(), "its congress or general assembly"))
    for m in MEMBERS_MEETING.finditer(folded):
        if COMMITTEE.match(folded, m.start()):
            continue  # 'réunion du réseau …': read above as a committee that met (one fact, counted once)
        out.append((3.0, _phrase_at(text, folded, m.end()), m.start(), "its congress or general assembly"))
    for m in OWN_EVENT.finditer(folded):
        if COMMITTEE.match(folded, m.start()) or CONGRESS.match(folded, m.start()) or MEMBERS_MEETING.match(folded, m.start()):
            continue  # read above (one fact, counted once)
        if re.search(r"\b(?:salles?|sieges?)\s+(?:de|des)\s+$", folded[max(0, m.start() - 12): m.start()]):
            continue  # 'la salle de réunion de la Direction …': the place, not the body's event
        if re.match(r"[A-ZÀ-Ý][\w’'-]*[ -](?:[a-zà-ÿ]+ ){0,3}[A-ZÀ-Ý]|[A-Z]{2,}[A-Za-z]*\b", text[m.end():]):
            out.append((2.0, _phrase_at(text, folded, m.end()), m.start(), "its own event ('atelier régional de …')"))
    for m in COMMITTEE_MET.finditer(folded):
        out.append((3.5, text[m.start("org"): m.end("org")], m.start(), "a committee that met"))
    for m in WELCOMING.finditer(folded):
        sentence = folded[max(folded.rfind(".", 0, m.start()), folded.rfind("\n", 0, m.start())) + 1: m.end() + 60]
        if "bienvenue" not in sentence and "ouverture" not in sentence:
            continue  # a speech, not the host's
        phrase = _phrase_at(text, folded, m.end(), person=True)
        body = _persons_body(phrase, text, folded)
        if not body and (ORG_HEAD.match(fold(phrase)) or re.match(r"[A-Z]{2,}", phrase)):
            body = _phrase_at(text, folded, m.end())
        if body:
            out.append((4.5, body, m.start(), "welcomed the participants (the host)"))
    cite = CITATION.search(folded)
    if cite:  # a project's report says how to cite it: its author ran the workshops it reports
        author = re.search(r"(?m)^\s*([A-Z][^.\n]{1,80}?)\.\s*(?:19|20)\d\d\b", text[cite.end(): cite.end() + 600])
        if author and (ORG_HEAD.match(fold(author.group(1))) or re.match(r"[A-Z]{2,}", author.group(1))):
            out.append((3.0, author.group(1), cite.end() + author.start(1), "author of the report (its citation)"))
    credit = _credit(text, vocab)
    if credit:
        out.append((1.0, credit[0], credit[1], "publisher of the text (its credit line)"))
    for m in COPYRIGHT.finditer(text):  # '© Organisation mondiale de la Santé 2017': the body that published the report
        name = m.group("body").strip()
        if ORG_HEAD.match(fold(name)) or _registry(vocab).by_key.get(_key(name)):
            out.append((1.0, name, m.start("body"), "publisher of the text (its copyright line)"))
            break
    for m in PTA_OWNER.finditer(folded):
        out.append((2.5, _phrase_at(text, folded, m.end()), m.start(), "owner of the annual work plan"))
    named = [(fold(p)[:12], pos) for _, p, pos, _ in out]
    for phrase, pos in _bodies_in_lead(text, folded, vocab):
        if not any(key == fold(phrase)[:12] and abs(pos - at) < 80 for key, at in named):  # not the same words again
            out.append((1.0, phrase, pos, "a body named in the first lines"))
    for phrase, pos in _bodies_further(text, folded):
        out.append((0.5, phrase, pos, "a body named in the text"))
    for phrase, pos in _known_bodies(text, vocab):
        out.append((0.3, phrase, pos, "a known body named in the text"))
    for phrase, pos, method in _title_bodies(text, vocab):
        out.append((2.0, phrase, pos, method))
    head = _headline_org(text, vocab)
    if head:
        out.append((2.0, head[0], head[1], "organisation named in the headline"))
    letter = _letterhead(text) or _acronym_letterhead(text) or _named_letterhead(text)
    if letter:
        out.append((2.5, letter[0], letter[1], "letterhead at the top of the minutes"))
    cleaned = []
    for weight, phrase, pos, method in out:
        phrase = cut_run_on(phrase.replace("*", "").replace("_", " ").strip())
        phrase = _refers_back(phrase, text, folded, pos)
        phrase = _with_its_place(phrase, text)
        phrase = _complete_cut(phrase, text, folded)
        phrase = re.sub(r"^(Minist[èe]re)\s+(?:en\s+charge|charg[ée]e?s?)\s+(?=de |du |des |d['’])", r"\1 ", phrase,
                        flags=re.IGNORECASE)  # 'Ministère chargé de la Santé' is the 'Ministère de la Santé'
        if phrase.endswith(")") and phrase.count(")") > phrase.count("("):  # 'Gouvernement)': a bracket it closes
            phrase = phrase[:-1].rstrip()
        phrase = NAME_TAIL.sub("", phrase)
        if VENUE.match(fold(phrase)) or CIVILITY.match(fold(phrase)) or MEDIA.match(fold(phrase)) or NOT_A_NAME.match(
                fold(phrase)):
            continue  # where the meeting was held, a person, a section heading: never the body that organised it
        if TUTELLE.fullmatch(fold(phrase)):
            # 'le ministère de tutelle': the ministry the text names in full elsewhere, when it names one
            full = [cut_run_on(_phrase_at(text, folded, m.start())) for m in re.finditer(
                r"\bministere\s+(?:[a-z]+\s+)?(?:de la |de l'|du |des |d')", folded)]
            full = [n for n in full if 3 <= len(n.split()) <= 14 and not _vague(n) and not TUTELLE.fullmatch(fold(n))]
            if full:
                phrase = max(full, key=len)
                phrase = phrase[:1].upper() + phrase[1:]
        if fold(phrase) in GENERIC_HEADS:  # 'l'Agence' alone: the agency the text names in full elsewhere
            phrase = _named_in_full(phrase, text, folded) or ""
        if fold(phrase) in BARE_KINDS:
            continue  # 'un reporter de l'agence', 'le ministère': a kind of body, no one body the text names in full
        if len(phrase) >= 2 and not PERSON.match(fold(phrase)) and not not_a_body(phrase):
            cleaned.append((weight, phrase, pos, method))
    # 'le secrétaire général du ministère … a procédé à l'ouverture': one fact, not a head named and a head who opened
    return [c for c in cleaned if c[3] != "its minister or head is named" or not any(
        o[3] != c[3] and fold(o[1]) == fold(c[1]) and abs(o[2] - c[2]) < 40 for o in cleaned)]


def _credit(text: str, vocab: Vocabulary) -> tuple[str, int] | None:
    """'Awa Koné/Celcom/Minsanté' at the foot of a news item: the known body that published it (the last one)."""
    reg = _registry(vocab)
    found = None
    for m in CREDIT.finditer(text):
        org = reg.by_key.get(_key(m.group("body")))
        if org is not None and org.kind not in ("partner", "regional"):
            found = (m.group("body"), m.start("body"))
    return found


SENTENCE_END = re.compile(r"(?<!\bs\.e)(?<!\bs\.e\.m)(?<!\bm)(?<!\bdr)(?<!\bpr)(?<!\bmme)(?<!\bst)\. ")


@lru_cache(maxsize=2)
def _sentence_ends(folded: str) -> list[int]:
    """Where each sentence of the text ends, found once per text (every 'a organisé' looks back to the last one)."""
    return [m.end() for m in SENTENCE_END.finditer(folded)]


def _subject(text: str, folded: str, verb: int, person: bool = False) -> str:
    """The organisation (or person) before 'a organisé': the first chunk of the clause that names one, before
    'avec l'appui…', 'à travers…'."""
    # (not the full stop of an abbreviation: 'Le Premier ministre, S.E. Brigi Rafini, a présidé')
    ends = _sentence_ends(folded)
    before = bisect_right(ends, verb)  # the sentence ends at or before the verb
    start = max(ends[before - 1] if before else 0, folded.rfind("\n", 0, verb) + 1)
    subject = text[start:verb]
    cut = re.search(r"\s(?:avec l['’]appui|avec le soutien|en collaboration|en partenariat|à travers|a travers|grâce)",
                    subject)
    if cut:
        subject = subject[: cut.start()]
    # (an agency's dateline before it: '(AIB)-Le Cabinet …')
    # ('C'est l'Organisation ouest-africaine de la santé (OOAS) qui a initié …': the body the cleft puts first)
    head = re.search(r"(?i)\b(?:minist[èe]re|direction|secr[ée]tariat|commissariat)\b", subject)
    if head:  # 'le ministère des Affaires sociales, de l'Enfance et de la Famille a organisé': its portfolios stay
        subject = subject[:head.start()] + _ministry_name_goes_on(subject[head.start():])
    chunks = [re.sub(r"\s+qui$", "", re.sub(
                  r"^\s*(?:\([A-Z]{2,8}\)\s*[-–—]\s*)?(?:c['’]est\s+)?(?:(?:la|le|les)\s+|l['’]\s*)?", "",
                  c.replace("*", "").strip().rstrip(","), flags=re.IGNORECASE))
              for c in re.split(r",\s+|\bque\s+|\bqu['’]", subject)]
    chunks = [c.replace("\x00", ",") for c in chunks if c]
    for c in chunks:
        fc = fold(c)
        if (PERSON.match(fc) if person else (ORG_HEAD.match(fc) or re.match(r"[A-Z]{2,}", c))):
            aux = None if person else AUX_STOP.search(c)
            return c[: aux.start()] if aux else c  # 'le district de Ouargaye a, face au défi, formé…' 
        inner = None if person else re.search(r"\b(?:le|la|l')\s*(?=(?:ministere|direction|programme|projet|"
                                                 r"comite|agence|institut|association|ong|district)\b)", fc)
        if inner:  # 'Grand-Bassam (AIP)- Le ministère de la Santé'
            aux = AUX_STOP.search(c, inner.end())
            return c[inner.end(): aux.start() if aux else None]
    return chunks[-1] if chunks else ""


def _letterhead(text: str) -> tuple[str, int] | None:
    """Minutes often open with the organisation's name in capitals, from the ministry down to the unit: the most
    specific body of that block (its last line that names one, with the line it runs on to)."""
    found = None
    lines = list(re.finditer(r"(?m)^[ \t]*(\S[^\n]*)$", text[:600]))
    seen = False
    for n, m in enumerate(lines):
        line = m.group(1).replace("*", "").replace("#", "").strip()
        if not line or MOTTO.match(line):
            continue  # 'Travail-Justice-Solidarité' under the state's name, rules of stars
        if not LETTERHEAD.match(line):
            if seen or n >= 4:
                break
            continue  # a web page's or a transcript's label above the letterhead ('Transcription')
        seen = True
        if ORG_HEAD.match(fold(line)) and not fold(line).startswith(("republique", "ministere")) or found is None and \
                ORG_HEAD.match(fold(line)):
            if re.search(r"\b(?:DE|DU|DES|ET|DE LA|D['’])$", line) and n + 1 < len(lines):
                line += " " + lines[n + 1].group(1).strip()
            found = (line, m.start(1))
    return found


def _acronym_letterhead(text: str) -> tuple[str, int] | None:
    """A letterhead that gives the body's acronym on one line and its name on the next ('ASSB' over 'Association pour
    les Sciences de la Santé du Burkina'): that body, as 'Name (ACRONYM)'."""
    lines = [m for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", text[:400])][:6]
    for m, nxt in zip(lines, lines[1:]):
        acr, long = m.group(1), nxt.group(1)
        if re.fullmatch(r"[A-Z][A-Z0-9&-]{1,11}", acr) and long[:1].isupper() and len(long) <= 140 \
                and ORG_HEAD.match(fold(long)) and acronym_fits(long, acr):
            return f"{long} ({acr})", m.start(1)
    return None


# a letterhead line in mixed case: 'Université Joseph KI-ZERBO', 'Direction Régionale de la Santé du Centre': a
# body's head, then words that each begin with a capital (its proper name), the line alone
NAMED_LINE = re.compile(r"(?:[A-ZÀ-Ý][\w’'-]+|de|du|des|de la|d['’]|l['’]|la|le|et|pour|en)"
                        r"(?:[ \t]+(?:[A-ZÀ-Ý][\w’'.-]*|de|du|des|la|le|d['’][A-ZÀ-Ý][\w’'-]*|l['’][A-ZÀ-Ý][\w’'-]*|et|pour|en|"
                        r"\([A-Z][\w/-]+\)))+")


def _named_letterhead(text: str) -> tuple[str, int] | None:
    """A body's name alone on one of the first lines, in mixed case ('Université Joseph KI-ZERBO' above a colloquium's
    title): the letterhead of a document typed without capitals."""
    lines = [m for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", text[:500])][:8]
    for m in lines:
        line = m.group(1).replace("*", "").replace("#", "").strip()
        f = fold(line)
        if not 8 <= len(line) <= 90 or not ORG_HEAD.match(f) or f.startswith(("republique", "programme", "projet")):
            continue
        if NAMED_LINE.fullmatch(line) and sum(w[:1].isupper() for w in line.split()[1:]) >= 1:
            return line, m.start(1)
    return None


BODY_MENTION = re.compile(r"\b(?:le|la|l'|du|de la|de l'|au|a la|les|des)\s*(?=(?:ministere|direction|division|district sanitaire|"
                          r"region medicale|comite|agence|institut|association|ong|conseil|commissariat|federation|"
                          r"delegation|coordination|secretariat|cellule|unite|hopital|centre hospitalier|mairie|"
                          r"gouvernement|organisation|reseau|alliance|groupe|plateforme|fondation|ecole)\b)")
LEAD_CHARS = 600


def _keyword_line(folded: str, pos: int) -> bool:
    """'Mots clés : … coordination renforcée …': a list of subjects, not a sentence that names a body."""
    return bool(re.match(r"\W*(?:mots[- ]cles|keywords)\b", folded[folded.rfind("\n", 0, pos) + 1:]))


def _bodies_in_lead(text: str, folded: str, vocab: Vocabulary) -> list[tuple[str, int]]:
    """Bodies named in the first lines, and known acronyms there that are not funders: what the text points to
    when no sentence says who organised the meeting."""
    out = [(_phrase_at(text, folded, m.end()), m.end()) for m in BODY_MENTION.finditer(folded, 0, LEAD_CHARS)
           if not _keyword_line(folded, m.end()) and not LETTERHEAD.match(text[text.rfind("\n", 0, m.end()) + 1: (text.find("\n", m.end()) + 1 or len(text)) - 1])]
    reg = _registry(vocab)
    if reg.acronyms is not None:
        for hit in reg.acronyms.finditer(fold(text[:LEAD_CHARS], lower=False)):
            org = reg.by_key[_key(hit.group(0))]
            inside = text[hit.start() - 1: hit.start()] == "(" and text[hit.end(): hit.end() + 1] == ")"
            if org.kind not in ("partner", "regional") and not inside:  # '(CRS)' defines the words before it
                out.append((hit.group(0), hit.start()))
    return [(p, pos) for p, pos in out[:6] if 2 <= len(p) <= 140]


def _bodies_further(text: str, folded: str) -> list[tuple[str, int]]:
    """Bodies named after the first lines: the last resort when nothing else points to an organiser."""
    out = [(_phrase_at(text, folded, m.end()), m.end())
           for m in BODY_MENTION.finditer(folded, LEAD_CHARS, LEAD_CHARS + 4000) if not _keyword_line(folded, m.end())]
    return [(p, pos) for p, pos in out[:6] if 2 <= len(p) <= 140]


KNOWN_CHARS = 4000  # how far known bodies are looked for: a report's first pages


def _known_bodies(text: str, vocab: Vocabulary) -> list[tuple[str, int]]:
    """Every body of the registry the text names by its acronym or its name (funders and regional bodies too), once
    each, where first named: a candidate whatever words surround it, weighed by the fit like any other (UNICEF's zone
    office that 'organised on its funding', the WHO office whose head opened the meeting)."""
    reg = _registry(vocab)
    head = text[:KNOWN_CHARS]
    seen: dict[str, tuple[str, int]] = {}
    for pattern, subject in ((reg.acronyms, fold(head, lower=False)), (reg.names, fold(head))):
        if pattern is None:
            continue
        for hit in pattern.finditer(subject):
            org = reg.by_key.get(_key(hit.group(0)))
            if org is not None and org.name not in seen:
                seen[org.name] = (head[hit.start(): hit.end()], hit.start())
    return sorted(seen.values(), key=lambda pp: pp[1])


# 'Mission conjointe CORUS/OMS', 'mission conjointe de l'OMS et de l'UNICEF': the bodies whose joint mission it was
JOINT = re.compile(r"\b(?i:(?:mission|visite|supervision|evaluation|revue)s?\s+conjointes?\s+(?:de la |du |des |de l'|d')?)"
                   r"(?P<first>[A-Z][A-Za-z0-9&-]*[A-Z][A-Za-z0-9&-]*)(?=\s*/\s*|\s*-\s*[A-Z]|\s+et\s+)")
# 'Rapport de l'atelier … - FAO Ectad': a page's title line that ends with the body it comes from
TITLE_SUFFIX = re.compile(r"\S.{9,}?\s[-–—|]\s+(?P<body>[^\n–—|]{2,40}?)\s*$")


def _title_bodies(text: str, vocab: Vocabulary) -> list[tuple[str, int, str]]:
    """Bodies the title line names after its headline: the joint mission's (the first named), or the known body a
    page's title ends with after a dash (its first word: 'fao ectad bamako' -> FAO), never a news site."""
    # the title line: the first one with words ('12.07.2015 Views', a page's date and counter, is not)
    line = next((m for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*)$", text[:400])
                 if len(re.findall(r"[A-Za-zÀ-ÿ]{3,}", m.group(1))) >= 3), None)
    if line is None:
        return []
    out = []
    joint = JOINT.search(fold(line.group(1), lower=False))
    if joint:
        out.append((line.group(1)[joint.start("first"): joint.end("first")], line.start(1) + joint.start("first"),
                    "organisation named in the headline (its joint mission)"))
    suffix = TITLE_SUFFIX.match(line.group(1))
    if suffix:
        first = re.split(r"[\s/-]+", suffix.group("body").strip())[0]
        org = _registry(vocab).by_key.get(_key(first.upper())) if 2 <= len(first) <= 12 else None
        if org is not None and not MEDIA.match(fold(org.name)):
            out.append((first.upper() if first.islower() else first, line.start(1) + suffix.start("body"),
                        "organisation named in the headline (the title line ends with it)"))
    return out


def _headline_org(text: str, vocab: Vocabulary) -> tuple[str, int] | None:
    """'DDASM MONO : Renforcement des capacités…' -> the organisation before the colon."""
    reg = _registry(vocab)
    for m in re.finditer(r"(?m)^\s*([A-Z][A-Z0-9/ &'-]{1,40}?)\s*:\s+\S", text[:600]):
        name = m.group(1).strip()
        acr = name.split(" ")[0].split("-")[0].split("/")[0]
        if acr in reg.template_by_acr or reg.by_key.get(_key(acr)):
            return name, m.start(1)
    return None


def _org_like(phrase: str, org: Organisation | None) -> float:
    """How much a phrase looks like the name of a body: known, a head noun ('Direction…'), or an acronym."""
    if org is not None:
        return 1.0
    f = fold(phrase)
    d = ACRONYM_IN_PARENS.search(phrase)
    if d and d.start() > 0 and not defines(phrase[: d.start()], d.group("acr")):
        return 0.2  # 'la communauté (ATPC)': the acronym is not this phrase's
    if ORG_HEAD.match(f) or f.startswith(("minist", "ong ")) or re.match(r"[A-Z][A-Za-z0-9]*[A-Z]", phrase):
        return 1.0
    return 0.35


MIN_SCORE = 1.2  # the hand score the rules needed to name an organiser ("no answer" starts there in the fit)
BARE_EVIDENCE = "a committee named without the body it belongs to"
EXPLICIT = ("'Organisateur :'", "'organisé par'", "'à l'initiative", "subject of", "a committee that met",
            "a meeting of its own offices")


@dataclass
class _Body:
    """One candidate organiser: its summed hand score, where it is first named, and the evidence for it."""

    score: float
    pos: int
    phrase: str
    evidence: list[str] = field(default_factory=list)
    funder: bool = False  # also named as a funder or partner
    org_like: float = 0.0  # how much its best phrase looks like a body's name
    kind: str = ""  # its kind in organisations.yml, when known
    role: bool = False  # some evidence says what it did (not only that it is named)
    acronym: bool = False  # its registry entry has an acronym (shown only in the entry's country: normalise_org)

    def described(self) -> str:
        return "; ".join(dict.fromkeys(self.evidence))


def _explicit(body: "_Body") -> bool:
    """A sentence says this body organised or held the meeting (and names it with its owner)."""
    return any(m.startswith(EXPLICIT) for m in body.evidence) and BARE_EVIDENCE not in body.evidence


def _absorb(target: "_Body", other: "_Body") -> None:
    target.score += other.score
    target.evidence.extend(other.evidence)
    target.funder = target.funder or other.funder
    target.org_like = max(target.org_like, other.org_like)
    target.kind = target.kind or other.kind
    target.role = target.role or other.role
    target.acronym = target.acronym or other.acronym


def _merge_short_forms(bodies: dict[str, _Body]) -> None:
    """'Comité de pilotage' and 'Comité de pilotage du PASMA' are one body: the short form's evidence goes to the
    longest name it begins."""
    # (by words only: 'Ministère de l’Action Sociale' begins 'Ministère de l’Action Sociale, de l’Enfance et …')
    keys = {name: " ".join(re.findall(r"\w+", _key(re.sub(r"\s*\([^()]*\)", "", name)))) for name in bodies}
    for short in sorted(bodies, key=lambda n: len(keys[n])):
        if len(keys[short].split()) < 2:
            continue
        longer = [n for n in bodies if n != short and keys[n].startswith(keys[short] + " ")]
        if longer:
            target = bodies[max(longer, key=lambda n: bodies[n].score)]
            _absorb(target, bodies[short])
            del bodies[short]


def _merge_acronyms(bodies: dict[str, _Body]) -> None:
    """'DSVCO' and 'Direction de la santé de la ville de Conakry' are one body when the acronym follows the long
    form's initials: the acronym's evidence goes to the long form, shown as 'Long form (ACRONYM)'."""
    for acr in [n for n in bodies if re.fullmatch(r"[A-Z][A-Za-z0-9&-]{1,15}", n) and sum(ch.isupper() for ch in n) >= 3]:
        longs = [n for n in bodies if n != acr and "(" not in n and len(n) > len(acr) + 8 and acronym_fits(n, acr)]
        if len(longs) != 1:
            continue  # none, or several the letters could stand for: left apart
        long = longs[0]
        merged = bodies.pop(long)
        short = bodies.pop(acr)
        _absorb(merged, short)
        if short.pos < merged.pos:
            merged.pos, merged.phrase = short.pos, short.phrase
        bodies[f"{long} ({acr})"] = merged


# evidence (the method named in _candidates) -> the feature it feeds; weights fit on labelled texts
EVIDENCE_FEATURES = (
    ("'Organisateur :' field", "ev_field_line"), ("'organisé par'", "ev_organised_by"),
    ("'à l'initiative", "ev_initiative"), ("subject of 'a organise'", "ev_subject_organise"),
    ("subject of 'organise", "ev_subject_organise"), ("subject of 'a tenu", "ev_subject_held"),
    ("subject of 'ont organise", "ev_subject_organise"), ("subject of 'a co", "ev_subject_organise"),
    ("subject of 'ont co", "ev_subject_organise"), ("subject of 'co", "ev_subject_organise"),
    ("subject of 'a propose d'organiser", "ev_subject_organise"), ("subject of 'ont propose d'organiser", "ev_subject_organise"),
    ("subject of 'tient", "ev_subject_held"), ("subject of", "ev_subject_other"),
    ("a committee that met", "ev_committee_met"), ("a dated session", "ev_committee_other_session"),
    ("initiated or runs the programme", "ev_runs_programme"), ("runs activities", "ev_runs_activities"),
    ("its head presided or opened", "ev_head_presided"), ("opened, launched or presided by", "ev_presided_by_body"),
    ("its minister or head is named", "ev_head_named"), ("its head presided, opened or led", "ev_head_subject"),
    ("welcomed the participants", "ev_welcomed"), ("author of the report", "ev_citation_author"),
    ("ran the sessions", "ev_run_by"), ("a meeting of its own offices", "ev_own_staff"),
    ("its member states", "ev_members"), ("publisher of the text", "ev_credit"),
    ("owner of the annual work plan", "ev_plan_owner"), ("a body named in the first lines", "ev_named_in_lead"),
    ("a body named in the text", "ev_named_further"), ("a known body named in the text", "ev_named_known"), ("organisation named in the headline", "ev_headline"),
    ("letterhead at the top", "ev_letterhead"),
    ("under its leadership", "ev_leadership"), ("its congress or general assembly", "ev_congress"),
    ("its own event", "ev_own_event"))


# the sectors of the reports this site gathers: a ministry named for one of them
SECTOR = re.compile(r"\b(?:sante|social|sociale|sociales|population|famille|femme|enfan|solidarit|humanitaire|protection|"
                    r"hygiene|genre|handicap|nutrition|eau|assainissement|sida|emploi|travail|education|promotion)")


# evidence that a body is named, not that it did anything
WEAK_EVIDENCE = {"ev_named_in_lead", "ev_named_further", "ev_named_known", "ev_head_named", "ev_other"}


def _evidence_feature(method: str) -> str:
    return next((feat for prefix, feat in EVIDENCE_FEATURES if method.startswith(prefix)), "ev_other")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _count_word(key: str, folded: str) -> int:
    """How often ``key`` stands as whole words in the text (what a whole-word search finds, without compiling a pattern
    for every name: a report's candidates are new names, and compiling them cost more than the search)."""
    count, at = 0, folded.find(key)
    while at >= 0:
        end = at + len(key)
        if not (at and _word_char(folded[at - 1])) and not (end < len(folded) and _word_char(folded[end])):
            count += 1
            at = folded.find(key, end)
        else:
            at = folded.find(key, at + 1)
    return count


def _mentions(name: str, folded: str) -> int:
    """How often the text names the body: its acronym, or its name without its articles."""
    m = re.search(r"\(([^()]+)\)\s*$", name)
    forms = [m.group(1), name[: m.start()]] if m else [name]
    count = 0
    for form in forms:
        key = fold(form).strip()
        if len(key) >= 2:
            count = max(count, _count_word(key, folded))
    return count


def _features(name: str, body: _Body, folded: str, title: str, programme: str | None, first_pos: int,
              bodies: dict[str, _Body]) -> dict[str, float]:
    """What weighs a candidate organiser: its evidence, where it is named, how it is named, what else the text says."""
    feats: dict[str, float] = {}
    counts = Counter(_evidence_feature(m) for m in body.evidence)
    for feat, n in counts.items():
        feats[feat] = 1.0 + (0.5 if n > 1 else 0.0)
    explicit = _explicit(body)
    feats["explicit"] = 1.0 if explicit else 0.0
    feats["named_only"] = 1.0 if not body.role else 0.0
    feats["explicit_others"] = 1.0 if not explicit and any(_explicit(b) for b in bodies.values()) else 0.0
    feats["evidence_kinds"] = math.log1p(len(counts))
    feats["pos_first_150"] = 1.0 if body.pos < 150 else 0.0
    feats["pos_lead_400"] = 1.0 if body.pos < 400 else 0.0
    feats["pos_after_1500"] = 1.0 if body.pos >= 1500 else 0.0
    feats["named_first"] = 1.0 if body.pos == first_pos else 0.0
    feats["known_body"] = 1.0 if body.kind else 0.0
    feats["known_partner"] = 1.0 if body.kind in ("partner", "regional") else 0.0
    feats["org_head_name"] = 1.0 if body.org_like >= 1.0 and not body.kind else 0.0
    feats["weak_name"] = 1.0 if body.org_like < 0.5 else 0.0
    feats["funder"] = 1.0 if body.funder else 0.0
    feats["funder_not_explicit"] = 1.0 if body.funder and not explicit else 0.0
    f = fold(name)
    feats["bare_committee"] = 1.0 if BARE_EVIDENCE in body.evidence else 0.0
    feats["ministry"] = 1.0 if f.startswith("ministere") else 0.0
    # a minister of another sector who stands in ('le ministre du Contrôle d'État … a lancé la campagne de vaccination')
    feats["ministry_other_sector"] = 1.0 if f.startswith("ministere") and not SECTOR.search(f) else 0.0
    feats["committee"] = 1.0 if re.match(r"(?:comite|conseil|commission|cellule|groupe|equipe|reseau)\b", f) else 0.0
    feats["local_body"] = 1.0 if re.match(r"(?:direction (?:regionale|departementale|provinciale)|district|"
                                          r"region medicale|zone|dds|drs|dps|delegation)", f) else 0.0
    feats["has_acronym"] = 1.0 if body.acronym or re.search(r"\([^()]+\)\s*$", name) or (
        re.fullmatch(r"[A-Z][A-Za-z0-9&/-]+", name) and sum(ch.isupper() for ch in name) >= 2) else 0.0
    feats["long_name"] = 1.0 if len(name.split()) > 12 else 0.0
    # 'Agence', 'District sanitaire', 'Gouvernement': a kind of body, not one body (no proper name, no acronym)
    # (the Primature is one body in each country: the Prime Minister's office)
    feats["generic_name"] = 1.0 if (len(name.split()) <= 2 and not re.search(r"[A-Z]{2,}|\s[A-ZÀ-Ý]", name)
                                    and f != "primature") else 0.0
    feats["government"] = 1.0 if f.startswith("gouvernement") else 0.0
    # 'Gouvernement', 'Ministère de tutelle' while the text names the ministry itself: the named body is the answer
    feats["vague_named_peer"] = 1.0 if _vague(name) and any(
        other != name and not _vague(other) and _peer(fold(name), fold(other)) for other in bodies) else 0.0
    # the state's local authority (prefect, mayor, governor): presides over many meetings it did not organise
    feats["administration"] = 1.0 if f.startswith(("prefecture", "sous-prefecture", "mairie", "gouvernorat",
                                                    "gouvernance")) else 0.0
    # the Prime Minister's office: the organiser of a government seminar, a guest of honour at a congress
    feats["primature"] = 1.0 if f.startswith(("primature", "cabinet du premier ministre")) else 0.0
    # 'District sanitaire outillent 50 agents', '… en vue de partager': the name runs on into the sentence
    feats["runs_on"] = 1.0 if re.search(r"\s(?:[a-z]+ent|[a-z]+(?:era|ira|ait)|en vue|dira|afin|qui|que)\s", f) else 0.0
    mentions = _mentions(name, folded)
    feats["mentions"] = math.log1p(mentions)
    # named once, late, with nothing said of what it did: a body named in passing
    feats["named_once_late"] = 1.0 if not body.role and mentions <= 1 and body.pos >= 1500 else 0.0
    t = fold(title)
    short = re.search(r"\(([^()]+)\)\s*$", name)
    feats["in_title"] = 1.0 if t and (fold(short.group(1)) in t.split() if short else f[:30] in t) else 0.0
    if programme:
        p = fold(programme)
        feats["names_programme"] = 1.0 if _count_word(p, f) else 0.0
    feats["hand_score"] = math.log1p(body.score)  # the evidence summed with the weights of the rules before the fit
    return {k: v for k, v in feats.items() if v}


# a body named by its kind or its relation, not its name: 'Gouvernement', 'Ministère de tutelle', 'ministère concerné'
VAGUE = re.compile(r"(?:gouvernement|ministere|direction|agence|autorites?|structure)s?(?:\s+(?:de tutelle|concernee?s?|"
                   r"competente?s?|techniques?|sanitaires?|locale?s?|administratives?))?$")


def _vague(name: str) -> bool:
    return bool(VAGUE.fullmatch(fold(name).strip()))


def _peer(vague: str, other: str) -> bool:
    """Is ``other`` a named body of the kind ``vague`` names (the government's: a ministry)?"""
    head = vague.split()[0].rstrip("s")
    if head == "gouvernement":
        return other.startswith(("ministere", "gouvernement", "primature"))
    return other.startswith(head)


def organiser_candidates(text: str, vocab: Vocabulary, title: str = "",
                         programme: str | None = None) -> list[Candidate]:
    """Every body the text points to as organiser, with the features that weigh it and the evidence for it."""
    cands = _candidates(text, vocab)
    if not cands:
        return []
    funded = {_key(n) for _, n in _partner_names_once(text, vocab)}
    bodies: dict[str, _Body] = {}
    for weight, phrase, pos, method in cands:
        name, org = normalise_org(phrase, text, vocab)
        if org is None and _person_name(name, _place_words(vocab)):
            continue  # 'Awa Koné Traoré': a person, who speaks for a body but is not one
        if org is None and _common_word(name):
            continue  # 'Organisation', 'Université', 'SANTE': a word, not a body the text names
        if pos < 400:
            weight += 0.5
        body = bodies.setdefault(name, _Body(0.0, pos, phrase))
        like = _org_like(phrase, org)
        body.score += weight * like
        body.org_like = max(body.org_like, like)
        body.kind = body.kind or (org.kind if org is not None else "")
        body.acronym = body.acronym or bool(org is not None and org.acronym)
        body.evidence.append(method)
        body.role = body.role or _evidence_feature(method) not in WEAK_EVIDENCE
        body.funder = body.funder or ((org is not None and org.kind == "partner" or _key(name) in funded)
                                      and weight < 5.0)
        if pos < body.pos:
            body.pos, body.phrase = pos, phrase
    _merge_short_forms(bodies)
    _merge_acronyms(bodies)
    for name, b in bodies.items():
        if BARE_COMMITTEE.match(fold(name)) and name[:1].isupper() and not re.search(r"[A-Z]{2,}|\s[A-Z]", name):
            b.score *= 0.3  # its owner, named elsewhere in the text, is the better answer
            b.evidence.append(BARE_EVIDENCE)
    if any(not b.funder and b.score >= 3.0 for b in bodies.values()):
        for b in bodies.values():
            if b.funder and not _explicit(b):  # a funder named as subject is more often the partner than the organiser
                b.score *= 0.3
    for b in bodies.values():
        if _explicit(b) and b.score >= MIN_SCORE:
            b.score *= 2  # a sentence saying who organised outweighs the sum of hints
    if not bodies:
        return []
    folded = fold(text)
    first_pos = min(b.pos for b in bodies.values())
    # an abstract is a communication about a programme or a study, often with no meeting and no organiser
    abstract = {"in_an_abstract": 1.0} if document_type(title, text).value == "Communication (résumé)" else {}
    return [Candidate(name, name, b.pos, {**_features(name, b, folded, title, programme, first_pos, bodies), **abstract},
                      b.described(), (b.pos, b.pos + len(b.phrase)))
            for name, b in sorted(bodies.items(), key=lambda kv: (kv[1].pos, kv[0]))]


def extract_organiser(text: str, vocab: Vocabulary, title: str = "", programme: str | None = None) -> Found:
    """The body that organised the event, as 'Long form (ACRONYM)': every candidate is weighed by the evidence
    for it (role words, position, being a known or well-formed name, being named as a funder), with weights fit on
    labelled texts (data/weights.yml); its probability is the confidence."""
    cands = organiser_candidates(text, vocab, title, programme)
    if not cands:
        return Found(None, "", 0.0, "no 'organisé par', 'à l'initiative de', subject of 'a organisé' or committee")
    best, prob, ranked = choose(weights("organiser"), cands)
    if best is None:
        alternatives = tuple((c.name, round(p, 2), c.evidence) for c, p in ranked[:5])
        return Found(None, "", 0.0, f"no candidate probable enough (best: {ranked[0][0].name}, "
                                    f"{ranked[0][1]:.2f} against {prob:.2f} for none)", alternatives)
    alternatives = tuple((c.name, round(p, 2), c.evidence) for c, p in ranked[1:6])
    return Found(best.name, snippet(text, *best.snippet_span, width=40), confidence("organiser", prob, best),
                 best.evidence, alternatives)


def _partner_names(text: str, vocab: Vocabulary, snips: list[str] | None = None) -> list[tuple[int, str]]:
    """Names that follow 'avec l'appui de', 'financé par'…, with their position."""
    folded = fold(text)
    names: list[tuple[int, str]] = []
    for m in PARTNER_LEAD.finditer(folded):
        span = _partner_span(text, folded, m.end())
        for part in re.split(r",\s*|\s+et\s+(?:de\s+la\s+|du\s+|de\s+l['’]|des\s+|de\s+)?|\s+ainsi que\s+", span):
            part = re.sub(r"^(?:la|le|l['’]|les)\s+", "", part.strip(), flags=re.IGNORECASE)
            if len(part) >= 2 and not re.match(r"(?i)(?:ses|leurs|nos|divers|différents|partenaires?\b)", part):
                names.append((m.start(), normalise_org(part, text, vocab)[0]))
        if snips is not None:
            snips.append(snippet(text, m.start(), m.end() + len(span), width=10))
    return names


_LAST_PARTNERS: list = [None, None, None]  # (text, vocab, (names, snippets)) of the last report: read once, used twice


def _partner_names_once(text: str, vocab: Vocabulary, snips: list[str] | None = None) -> list[tuple[int, str]]:
    if _LAST_PARTNERS[0] is not text or _LAST_PARTNERS[1] is not vocab:
        found: list[str] = []
        _LAST_PARTNERS[:] = [text, vocab, (_partner_names(text, vocab, found), found)]
    names, found = _LAST_PARTNERS[2]
    if snips is not None:
        snips.extend(found)
    return list(names)


def extract_partners(text: str, vocab: Vocabulary, organiser: str | None) -> Found:
    """Funders and technical partners: named after 'avec l'appui de', 'financé par'…, or known partners."""
    folded = fold(text)
    reg = _registry(vocab)
    snips: list[str] = []
    names = _partner_names_once(text, vocab, snips)
    if reg.acronyms is not None:
        for hit in reg.acronyms.finditer(fold(text, lower=False)):
            org = reg.by_key[_key(hit.group(0))]
            if org.kind in ("partner", "regional"):
                names.append((hit.start(), display(org)))
    if reg.names is not None:
        for hit in reg.names.finditer(folded):
            org = reg.by_key[_key(hit.group(0))]
            if org.kind in ("partner", "regional"):
                names.append((hit.start(), display(org)))
    seen, out = set(), []
    for _, name in sorted(names):
        key = _key(name)
        if key not in seen and name != organiser:
            seen.add(key)
            out.append(name)
    return Found(out, " / ".join(snips[:3]), 0.8 if snips else (0.6 if out else 0.0), "support phrases and partner registry")


def _partner_span(text: str, folded: str, start: int) -> str:
    stop = re.compile(r"\s*(?:[.;:!?\n]|\s(?:a travers|a organise|ont organise|a tenu|a eu lieu|dans le cadre|pour|afin|"
                      r"au profit|a l'intention|sur le theme|s'est|se sont|qui|le \d|les \d|du \d|a la|a l'|au )|,\s(?:la|le|les|cette|ce)\s)")
    m = stop.search(folded, start)
    end = m.start() if m else min(len(text), start + 120)
    return text[start: min(end, start + 160)]
