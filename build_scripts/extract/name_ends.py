"""Where a body's name ends in its sentence: the grammar of French names of bodies, not a list of known texts.

A name is a head ('Ministère', 'ONG', 'Comité') and its complements ('de la Santé publique', 'du Tchad', 'pour
l'enfance'); what follows it in the sentence is not part of it: a verb ('… de la santé lance'), a second party ('…
et l'UNICEF', ', des chefs de …'), a person ('… des affaires sociales Virginie …'), a date ('… les 25 et 26
juillet'), a purpose ('… pour la tenue de …'), a subject ('… sur la couverture maladie universelle'), a clause ('…
de la santé après avoir …'), a page's mark-up ('[/caption]'). `cut_run_on` cuts a candidate phrase there (`tidy`
the checks that need the name's words); `not_a_body` tells a phrase that names an activity or a number of bodies,
not one body.
"""

from __future__ import annotations

import re

from ..text import fold, french_spellings

# verbs of news reports, third person, and the participles that open a clause after a subject ('le ministère de la
# santé lance', 'l'ONG ADESCO œuvrent', 'le comité … tenu à'): in a name they never follow a noun directly
REPORTING_VERBS = (
    "lance lancent communique communiquent recommande recommandent initie initient œuvre œuvrent oeuvre oeuvrent "
    "vient viennent marque marquent forme forment signe signent réalise réalisent encourage encouragent multiplie "
    "multiplient organise organisent tient tiennent renforce renforcent outille outillent dote dotent appuie appuient "
    "soutient soutiennent accompagne accompagnent célèbre célèbrent valide valident ouvre ouvrent clôture clôturent "
    "sensibilise sensibilisent mobilise mobilisent poursuit poursuivent engage engagent réitère offre offrent octroie "
    "évalue évaluent examine examinent adopte adoptent présente présentent élabore élaborent installe installent "
    "inaugure inaugurent remet remettent réunit réunissent salue saluent félicite félicitent annonce annoncent invite "
    "invitent informe informent dévoile dévoilent plaide plaident prépare préparent procède procèdent reçoit reçoivent "
    "entend entendent finance financent participe participent prend prennent fait font met mettent veut veulent "
    "souhaite souhaitent demande demandent exhorte exhortent appelle appellent mène mènent conduit conduisent facilite "
    "facilitent abrite abritent accueille accueillent assure assurent sollicite sollicitent compte comptent dispose "
    "disposent entame entament démarre démarrent restitue restituent vulgarise vulgarisent regroupe regroupent "
    "rassemble rassemblent ambitionne ambitionnent "
    "tenu tenue tenus tenues soutenu soutenue soutenus soutenues organisé organisée organisés organisées financé "
    "financée financés financées mis mise appuyé appuyée appuyés appuyées accompagné accompagnée composé composée "
    "composés composées compose composes composee composees entouré entourée entourés entourées"
).split()
# adverbs and determiners that open a clause, never a name's complement ('… de la santé aujourd'hui', '… aucune')
CLAUSE_WORDS = "aujourd'hui aujourd’hui également egalement aussi tout toute aucun aucune désormais hier demain".split()
WORD = re.compile(r"[\wÀ-ÿ]+")
# a pair or a list a name holds, where 'et le …' is not a second party: 'convention entre SANOFI et le Ministère …',
# 'lutte contre le sida, la tuberculose et les IST'
PAIR_OR_LIST = re.compile(r"\b(?i:entre|contre)\s")
# the words after which a lower-case verb form is a noun of the name ('l'équipe', 'de forme'), not its verb
LINKS = {"de", "du", "des", "d", "la", "le", "les", "l", "en", "et", "ou", "pour", "à", "a", "au", "aux", "sur", "par",
         "avec", "contre", "dans", "sous", "chez", "entre", "vers", "un", "une"}
_VERB = re.compile(r"\s(?P<w>" + "|".join(sorted(map(re.escape, REPORTING_VERBS + CLAUSE_WORDS), key=len, reverse=True))
                   + r")(?=[\s,.;:!?)]|$)")

# a person in charge: '… et chef de mission', '… et président du CCM'
HEAD_WORDS = (r"(?:chefs?|cheffes?|pr[ée]sidente?s?|directeurs?|directrices?|coordonnat(?:eur|rice)s?|"
              r"coordinat(?:eur|rice)s?|repr[ée]sentante?s?|secr[ée]taires?|ministres?)")
PERSON_WORDS = (r"(?i:chefs?|cheffes?|responsables?|repr[ée]sentants?|repr[ée]sentantes?|directeurs?|directrices?|"
                r"coordonnat(?:eur|rice)s?|coordinat(?:eur|rice)s?|partenaires|membres|agents|acteurs|cadres|"
                r"d[ée]l[ée]gu[ée]s?|participants|autorit[ée]s|experts|m[ée]decins|pr[ée]sidente?s?|"
                r"secr[ée]taires?|ministres?|conseillers?|points? focaux|point focal)")
# the head of a second body after 'et le', 'et l'' ('… de la santé et l'Organisation mondiale …'); not a second
# field of the same body ('… et la Coordination des Programmes', '… contre le Sida, la Tuberculose et le Paludisme')
SECOND_HEAD = (r"(?i:Organisation|Fonds|Agence|Association|ONG|Institut|Bureau|Banque|Union|Minist[èe]re|Direction|"
               r"Croix-Rouge|Programme|Projet|Centre|Fondation|Syst[èe]me des Nations|Repr[ée]sentation)\b")
SECOND_PARTY = re.compile(
    # another body after 'et': '… de la santé et l'UNICEF', '… et le projet Access', '… et de l'OMS'
    r"\s+et\s+(?:l['’]\s*|le\s+|la\s+|les\s+)(?=[A-Z]{2,}\b|" + SECOND_HEAD + r")|\s+et\s+de\s+l['’]\s*(?=[A-Z]{2,}\b)|"
    # after an acronym the name is whole: 'l'association AJVS et les infirmiers …'
    r"(?<=[A-Z][A-Z])\s+et\s+(?:l['’]|le|la|les|un|une)\s|"
    # a link to what comes next: '… ainsi que …', '… via le centre …', ', par l'entremise de …'
    r",?\s+ainsi\s+qu(?:e\b|['’])|,?\s+(?:via|par\s+l['’]entremise|par\s+le\s+biais|[àa]\s+travers)\b|"
    # a purpose or a visit: '… pour la tenue de …', '… pour le compte', '… en visite de travail'
    r"\s+pour\s+(?:la\s+tenue|l['’]organisation|le\s+compte|sa|son|ses|leurs?|cette|ce|ces)\b|\s+en\s+visite\b|"
    # a date: '… les 25 et 26 juillet', '(Du 6 au 7 mars 2015)'
    r"\s+\(?(?:les?|du)\s+\d{1,2}(?:er)?\s+(?:au|et|-)\s|\s+\((?i:du|le|les)\s+\d")
# people or others after a body's name: '… et de ses partenaires', '… et chef de mission', '… et autres acteurs',
# ', des chefs de …' (whatever the name holds, 'lutte contre …' included; but a body of people is named after them:
# 'Union des maires et des présidents de communes', 'Comité des ministres et des directeurs')
PEOPLE_AFTER = re.compile(
    r"\s+et\s+(?:de\s+)?(?:ses|leurs?|son|sa|la|le|les)\s+(?=" + PERSON_WORDS + r"\b)|"
    r"\s+et\s+(?:autres|d['’]autres|plusieurs|quelques|" + HEAD_WORDS + r")\b|"
    r"\s+et\s+(?:du|de la|de l['’]|des)\s*(?i:(?:premiers?\s+)?" + HEAD_WORDS + r")\b|"
    r",\s*(?:des|de la|du|de l['’]|les|la|le)\s*(?:" + PERSON_WORDS + r")\b")
MEMBERSHIP_HEAD = re.compile(r"^(?:association|union|reseau|conference|forum|comite|conseil|syndicat|ordre|federation|"
                             r"college|amicale|assemblee|collectif|coalition|club|groupe|mutuelle|plateforme)s?\b")
# what never belongs to a name, whatever it holds ('lutte contre …' included): a page's counter ('… VIH/SIDA · 9'), a
# day of the week ('… de l'Hygiène publique de ce lundi', 'Cluster Santé du mercredi 13 février')
NEVER_IN_A_NAME = re.compile(r"\s+[·•|](?:\s|$)|"
                             r"\s+(?:(?:de\s+)?ce|du|le)\s+(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")
# a document after the name: '… NIGER Compte Rendu De Réunion', '… Livret d'abstracts' (not '… du rapport')
DOCUMENT = re.compile(r"\s+(?i:compte[- ]rendu|proc[èe]s[- ]verbal|livret|rapport)\b")
# what a page's mark-up leaves in a name: '[/caption]', '[embed]'
MARKUP = re.compile(r"\s*\[/?(?:caption|embed|gallery|video|audio|img)\b[^\]\n]{0,300}\]")
# a subject after a body's name: 'Banque mondiale sur la Couverture maladie universelle', '… du ministère de la santé
# sur la revue annuelle'; not after a group's or a plan's noun, whose subject is its name ('Groupe de travail sur la
# prise en charge', 'Comité de réflexion sur la santé')
TOPIC = re.compile(r"\s+sur\s+(?:la|le|les|l['’]|un|une|ses|son|sa)(?=[\s'’])")
INSTITUTION = {"ministere", "banque", "direction", "organisation", "fonds", "agence", "union", "gouvernement",
               "delegation", "district", "hopital", "bureau", "ambassade", "mairie", "prefecture", "gouvernorat",
               "primature", "presidence", "institut", "universite", "ong", "fondation", "association"}
SUBJECT_HEAD = {"comite", "groupe", "commission", "conference", "forum", "atelier", "observatoire", "initiative",
                "reseau", "plateforme", "cellule", "programme", "projet", "strategie", "plan", "conseil", "travail",
                "reflexion", "dialogue", "cadre", "table", "sommet", "consultation", "enquete", "etude", "centre",
                "campagne", "coalition", "alliance", "partenariat", "mecanisme", "instance", "recherche", "recherches",
                "etudes", "formation", "veille", "surveillance", "information", "documentation", "sensibilisation",
                "education", "liaison", "vigilance", "plaidoyer", "communication", "concertation"}
ABOUT = re.compile(r"(.*\b[A-ZÀ-Ý][\w'’-]+)\s+sur\s+(?:la |le |les |l['’])\s*[a-zà-ÿ]")
# a name cannot end on a linking word: 'ITPC et', 'ASSOCIATION ASCOVIME du', '… contre le sida a'
DANGLING = re.compile(r"(?:(?:^|\s+)(?i:et|ou|de|du|des|la|le|les|au|aux|en|sur|pour|par|avec)|(?:^|\s+)(?:à|a)|"
                      r"(?:^|\s+)(?i:d|l)['’]|\s+M\.?)+\s*$")  # (and the 'M.' of a person the excerpt cut off)
# a civility before a person's name: '… de la solidarité nationale Dr Ismael …'
CIVILITY = re.compile(r"\s+(?:Dr\.?|Pr\.?|Mme|Mlle|M\.|Me|Madame|Monsieur)\s+[A-ZÀ-Ý]")
# the heads of bodies that are not named after a person (a hospital or a school may be: 'CHU Yalgado Ouédraogo')
PUBLIC_HEAD = re.compile(r"^(?:ministere|direction|secretariat|cabinet|delegation|gouvernement|gouvernorat|prefecture|"
                         r"mairie|inspection)\b")
# nouns a name of its own follows ('… du projet Santé Kayes', '… de la région Hauts Bassins'): not a person
NAMED_AFTER = {"projet", "programme", "initiative", "operation", "campagne", "reseau", "plateforme", "cluster", "plan",
               "region", "province", "district", "commune", "ville", "village", "departement", "prefecture", "zone",
               "hopital", "centre", "clinique", "ecole", "universite", "lycee", "college", "maternite", "dispensaire",
               "hospitalier", "universitaire", "chu", "institut", "fondation"}
CAPITALISED = re.compile(r"\s+(?P<run>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+)+)")
# an activity or a number of bodies: 'Organisation de la rencontre', 'Plusieurs structures'
NOT_A_BODY = re.compile(r"^(?:(?:organisation|preparation|tenue)\s+(?:de la|du|de l'|des|d')\s*(?:rencontre|formation|"
                        r"reunion|atelier|session|ceremonie|journee|campagne|semaine|visite|revue|mission|"
                        r"activite|seance|table ronde)s?\b|(?:plusieurs|quelques|certains|certaines|divers|diverses|"
                        r"deux|trois|nombreux|nombreuses)\s)")


# one word for a body that is one in each country: the government, the Prime Minister's or the President's office
ONE_IN_A_COUNTRY = {"gouvernement", "primature", "presidence"}

# a name runs on into its sentence at a verb: 'District sanitaire outillent 50 agents', '… Gates en vue de partager'
RUN_ON = re.compile(r"\s(?:en vue d|afin d|dira\b|a dit\b|qui\b|dont\b|(?![a-zà-ÿ]*(?:ment|ident|gent|rent)\b)"
                    # adjectives in -ent are a name's words: 'Secrétariat technique permanent', 'Comité compétent'
                    r"(?!(?:permanent|comp[ée]tent|excellent|pertinent|[ée]minent|[ée]quivalent|adolescent|patient|"
                    r"client|content|continent|r[ée]silient)\b)[a-zà-ÿ]{3,}ent\b|"
                    # a verb in the future, an auxiliary, a time or amount: '… de pilotage aura lieu ce jeudi',
                    # '… de la santé passera à …', '… ont été organisées', '… de la santé depuis 2018', '… de plus de'
                    r"(?:aura|auront|avait|avaient|fera|feront|pourra|pourront|devra|devront|ont|sont|est|était|"
                    r"étaient|depuis|de plus de|car)\b|"
                    # 'et' then a preposition or an auxiliary: '… général et a …', '… de Brazzaville et sur le système …'
                    r"et\s+(?:a|sur|par|pour|avec|dans|en)(?=\s|$)|"
                    # a verb, then an adverb and its object: '… de la Santé comprend aussi l'UNICEF', '… accueille
                    # également les …' (no name has an adverb before an article)
                    r"[a-zà-ÿ]{3,}\s+(?:aussi|également|egalement|déjà|deja|encore|toujours|désormais|desormais|enfin)\s+"
                    r"(?:l['’]|(?:le|la|les|un|une|des|du|à|au|aux)(?=\s|$))|(?!(?:portr|extr|souh|attr)ait)[a-zà-ÿ]{3,}(?:ait|aient)\b|(?!chol[ée]ra\b|rivi[èe]ra\b)[a-zà-ÿ]{3,}(?:era|eront)\b|"
                    # a participle and its agent: '… de la Santé Publique appuyé par l'OMS'
                    r"(?!(?:sant|soci[ée]t|comit|communaut|universit|solidarit|s[ée]curit|qualit|unit|autorit)[ée]s?\s)"
                    r"[a-zà-ÿ]+(?:é|ée|és|ées|u|ue|us|ues)\s+par\b)")


# a name ends where a clause begins: a present participle with its object ('… de la santé présentant son exposé'),
# 'après/avant' + infinitive ('… de la santé après avoir…'), a linking adverb or a circumstance ('notamment',
# 'en prélude à', 'lors de', 'à l'occasion de', 'en marge de'); nouns in -ant ('enfant', 'représentant') are names
CLAUSE = re.compile(r"\s(?:(?:en\s+)?(?!(?:enfants?|habitants?|dirigeants?|[ée]tudiants?|commandants?|combattants?|"
                    r"intervenants?|soignants?|repr[ée]sentants?|g[ée]rants?|fabricants?|assistants?|consultants?|"
                    r"participants?|commer[çc]ants?|migrants?|militants?|aidants?|r[ée]sistants?)\s)"
                    r"[a-zà-ÿ]{3,}ant\s+(?:son|sa|ses|leur|leurs|le|la|les|l['’]|un|une|ce|cette|ces|à|au|aux|sur|"
                    r"d[ée]j[àa])\b|(?:apr[èe]s|avant)\s+(?:d['’]\s*|de\s+)?(?:avoir|[êe]tre|[a-zà-ÿ]+(?:er|ir|re))\b|"
                    r"notamment\b|en\s+pr[ée]lude\b|lors\s+d|[àa]\s+l['’]occasion\b|en\s+marge\b|y\s+compris\b|"
                    r"tout\s+en\b|en\s+tant\s+qu|"
                    # someone stands in or stands by: '… de la santé en lieu et place de Madame la Ministre',
                    # '… et des partenaires aux côtés du Dr …'; a person after a preposition: '… de Madame la Ministre'
                    r"en\s+lieu\s+et\s+place\b|aux\s+c[ôo]t[ée]s\b|(?:de|du|par|à)\s+(?:madame|monsieur|mme|mlle|dr|pr)\b|"
                    # a pronoun for other bodies, a place in a sentence: '… de la santé et ceux de l'Intérieur',
                    # 'Gouvernement dans la mise en œuvre de …'
                    r"et\s+(?:ceux|celles|celui|celle)\b|"
                    # another party after 'et' ('AFRICSanté et un représentant de …', 'Gouvernement et leurs porte-
                    # paroles'), a verb's infinitive with its object ('Conseil d'administration de jeter un regard …')
                    r"et\s+(?:un|une|leurs?|ses|son|sa|nos|notre|plusieurs|divers|diverses|certains|certaines)\s|"
                    r"d(?:e\s+|['’]\s*)(?!(?:premier|dossier|cancer|conseiller|quartier|foyer|chantier|atelier|fer|mer|hiver|"
                    r"avenir|plaisir|loisir|desir|elixir)\s)[a-zà-ÿ]{2,}(?:er|ir)\s+(?:un|une|le|la|les|des|l['’]|leurs?|son|sa|ses)\s|"
                    r"dans\s+(?:la|le|les|l['’]|un|une|ce|cette|ces|son|sa|ses|leur|leurs|"
                    r"notre|nos)\b)", re.IGNORECASE)

# a name runs on into its sentence at a word in lower case followed by an article, which in a body's name only a
# preposition is ('… de la santé préside la réunion', '… procède au lancement', '… sous la supervision du …', '… en
# ces termes'); at a reflexive or negated verb ('… de la CEEAC s'ouvre'), 'à' + an infinitive ('… de crise sanitaire
# à tenir ses réunions'), a partnership ('… en partenariat avec l'OMS')
VERB_RUN = re.compile(r"\s(?:(?!(?:de|du|des|pour|contre|sur|et|ou|charg[ée]e?s?|charge|entre|dans|par|avec|sans|vers|"
                      r"chez|aupr[èe]s|outre|selon|envers|hors|via|face|quant)\s)[a-zà-ÿ]{2,}\s+(?:la\s|le\s|les\s|l['’]|au\s|"
                      r"aux\s|un\s|une\s|ses\s|son\s|sa\s|ces\s|ce\s|cette\s|leurs?\s)\s*(?=[a-zà-ÿ])|"
                      r"(?:s['’]|se\s+|ne\s+|n['’])[a-zà-ÿ]{3,}|"
                      r"[àa]\s+[a-zà-ÿ]{2,}(?:er|ir|re)\b|en\s+(?i:partenariat|collaboration)\b)")

# 'Organisation de consultations gratuites', 'l'organisation de ce forum': the act of organising, not a body (one of
# people is: 'Organisation des femmes de Dapaong')
MEMBERS = (r"(?:femmes|jeunes|enfants|travailleu(?:rs|ses)|producteu(?:rs|rices)|professionnels|personnes|parents|"
           r"[ée]leveurs|agriculteurs|paysans|p[êe]cheurs|volontaires|[ée]tudiants|[ée]l[èe]ves|m[ée]decins|"
           r"sages-femmes|infirmi(?:ers|[èe]res)|pharmaciens|patients|malades|veuves|victimes|communaut[ée]s|"
           r"populations|consommateurs|usagers|handicap[ée]s|personnels|agents|relais|tradipraticiens|"
           # what a body of coordination or cooperation is named after: 'Organisation de coordination pour …'
           r"coordination|coop[ée]ration|lutte|d[ée]veloppement)\b")
ACTIVITY = re.compile(r"(?i:organisation)\s+(?:(?:(?:de|du|des)\s+|d['’]\s*)(?!(?:la|le|les|l['’])\s)(?!" + MEMBERS + r")"
                      r"[a-zàâéèêîôûç]|"
                      r"(?:de|du|des)\s+(?:ce|cette|ces)\s|(?!(?:de|du|des|d|pour|mondiale|internationale|ouest|non|r[ée]gionale|"
                      r"sous|nationale|panafricaine|africaine|islamique|arabe)\b)[a-zàâéèêîôûç]+\b)")


def _lower_word_before(phrase: str, at: int) -> str:
    words = WORD.findall(phrase, 0, at)  # 'l'hôpital' -> 'hôpital'
    return words[-1] if words else ""


def _person_after(phrase: str) -> int | None:
    """Where a person's name follows a public body's name: '… des affaires sociales Virginie Mbaïkoua' (two
    capitalised words, the first one the French word list does not know, right after a word in lower case that is not
    a link)."""
    known = french_spellings()
    if not known or not PUBLIC_HEAD.match(fold(phrase)):
        return None
    for m in CAPITALISED.finditer(phrase):
        before = _lower_word_before(phrase, m.start())
        if not before or not before.islower() or before in LINKS or fold(before) in NAMED_AFTER:
            continue
        words = m.group("run").split()
        if fold(words[0].strip("'’-")) not in known:  # a first name ('Awa'), not a place word ('Haut Sassandra')
            return m.start()
    return None


def _topic_after(phrase: str) -> int | None:
    """Where 'sur la …' gives the subject of what a body did, not a part of its name: the last head noun before it
    is an institution's ('Banque', 'ministère'), not a group's or a plan's; or it follows a proper name and a subject
    in lower case follows it ('Partenariat de Ouagadougou sur la planification familiale')."""
    for m in TOPIC.finditer(phrase):
        heads = [w for w in map(fold, WORD.findall(phrase, 0, m.start())) if w in INSTITUTION or w in SUBJECT_HEAD]
        if heads and heads[-1] in INSTITUTION:
            return m.start()
    about = ABOUT.match(phrase)
    return about.end(1) if about and len(about.group(1).split()) >= 2 else None


# a second body in title case after 'et l'', 'et le': '… de la santé et l'Unicef' (a word the French word list does not
# know: not '… et l'Hygiène publique')
AND_THE = re.compile(r"\s+et\s+(?:l['’]\s*|le\s+|la\s+)(?P<w>[A-ZÀ-Ý][\w-]{2,})")
COMMON_ENDING = re.compile(r"(?:iat|ats?|ations?|isme|ite|ence|ance|ment|ure|age|ie|ique|eurs?|ions?|ites?)$")


def _another_named_body(phrase: str) -> int | None:
    known = french_spellings()
    m = AND_THE.search(phrase)
    if not m or not known or "-" in m.group("w") or COMMON_ENDING.search(fold(m.group("w"))):
        return None  # 'et l'Extrême-Nord' (a place), 'et l'Entrepreneuriat' (a portfolio the list does not know)
    return m.start() if fold(m.group("w")) not in known else None


def _unopened_bracket(phrase: str) -> int | None:
    """Where a bracket the name never opened closes: '… de la santé) le programme …'."""
    depth = 0
    for i, ch in enumerate(phrase):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return i
    return None


def _said_again(phrase: str) -> int | None:
    """Where a name starts over, as a page repeats its heading in capitals: 'Institut régional de santé publique
    INSTITUT RÉGIONAL DE SANTÉ PUBLIQUE …' (its first four words again; 'Projet d'appui à … / projet d'appui aux …' is
    a second form of the name, not the same)."""
    words = [(m.start(), fold(m.group(0))) for m in WORD.finditer(phrase)]
    first = [w for _, w in words[:4]]
    if len(words) < 8:
        return None
    return next((at for i, (at, _) in enumerate(words[4:], 4) if [w for _, w in words[i:i + 4]] == first), None)


# a place where a public body acts, after its name: '… de la famille en Adrar' (not 'en charge de', 'en santé')
IN_A_PLACE = re.compile(r"\s+en\s+[A-ZÀ-Ý][\w'’-]+$")


def _place_in_passing(phrase: str) -> int | None:
    """(a place name, that the French word list does not know: not '… Recherche en Santé'; not after a delegation or
    an embassy, whose country is its name: 'Délégation de l'Union européenne en Guinée')"""
    m = IN_A_PLACE.search(phrase)
    known = french_spellings()
    if not m or not known or not PUBLIC_HEAD.match(fold(phrase)) or re.match(r"(?:delegation|ambassade)", fold(phrase)):
        return None
    return m.start() if fold(m.group(0).split()[-1].strip("'’-")) not in known else None


def _start(m: re.Match[str] | None) -> int | None:
    return m.start() if m else None


def tidy(phrase: str) -> str:
    """The name a candidate phrase begins with, without what its sentence goes on with."""
    markup = MARKUP.search(phrase)
    if markup and phrase[: markup.start()].strip():
        phrase = phrase[: markup.start()]
    phrase = MARKUP.sub(" ", phrase).strip()
    second = [_start(SECOND_PARTY.search(phrase)), _start(CIVILITY.search(phrase)), _another_named_body(phrase)]
    # (a second party, not inside a pair or a list the name holds: 'entre SANOFI et le Ministère', 'contre le sida …')
    cuts = [at for at in second if at is not None and not PAIR_OR_LIST.search(phrase, 0, at)]
    for pattern in (_VERB, DOCUMENT):
        cuts.append(next((m.start() for m in pattern.finditer(phrase)
                          if _lower_word_before(phrase, m.start()).lower() not in LINKS), None))
    people = None if MEMBERSHIP_HEAD.match(fold(phrase)) else _start(PEOPLE_AFTER.search(phrase))
    cuts += [_topic_after(phrase), _person_after(phrase), people, _unopened_bracket(phrase), _said_again(phrase),
             _place_in_passing(phrase), _start(NEVER_IN_A_NAME.search(phrase))]
    cuts = [c for c in cuts if c is not None and phrase[:c].strip()]
    if cuts:
        phrase = phrase[: min(cuts)]
    before = None
    while before != phrase:
        before, phrase = phrase, DANGLING.sub("", phrase).rstrip(" ,;:-–")
    return phrase


# a name glossed in brackets by another name, its translation: 'African Population and Health Research Center (Centre
# Africain de Recherche sur la Population et la Santé)' is the name before the brackets (an acronym in them stays)
GLOSS = re.compile(r"(?P<name>.{6,}?)\s*\([A-ZÀ-Ý][a-zà-ÿ'’-]{3,}(?:\s+[^()\s]+)+\)?\W*$")


def cut_run_on(phrase: str) -> str:
    """A candidate phrase without what its sentence goes on with: a gloss in brackets, a clause, a verb, then what
    `tidy` cuts."""
    if (gloss := GLOSS.match(phrase)) and len(gloss.group("name").split()) >= 2:
        phrase = gloss.group("name")
    # (not inside a name in quotes: 'Projet « Renforcement de la résilience … dans les zones frontalières »')
    clause = next((c for c in CLAUSE.finditer(phrase)
                   if phrase.count("«", 0, c.start()) <= phrase.count("»", 0, c.start())), None)
    if clause and phrase[: clause.start()].strip():
        phrase = phrase[: clause.start()].rstrip(" ,")
    listed = fold(phrase).find("lutte contre")  # 'lutte contre le sida, la tuberculose le paludisme': a list
    verb = VERB_RUN.search(phrase, 0, listed if listed >= 0 else len(phrase))
    if verb and len(phrase[: verb.start()].split()) >= 2:
        phrase = phrase[: verb.start()]
    m = RUN_ON.search(phrase)
    if m and (len(phrase[: m.start()].split()) >= 2 or fold(phrase[: m.start()]).strip() in ONE_IN_A_COUNTRY):
        phrase = phrase[: m.start()]
    one = re.match(r"(?i)(gouvernement|primature|pr[ée]sidence)\s+et\s", phrase)
    # 'Gouvernement et des parties prenantes …': the one body of its kind, then others ('Gouvernement' is the name)
    return one.group(1) if one else tidy(phrase)


def not_a_body(phrase: str) -> bool:
    """An activity ('Organisation de la rencontre') or several bodies ('Plusieurs structures'), not one body."""
    return bool(NOT_A_BODY.match(fold(phrase))) or bool(ACTIVITY.match(phrase))
