"""Text -> title and one-paragraph summary, taken from the report's own words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..models import Block, Found
from ..text import clean_spaces, fold, french_date, french_spellings

# Lines that are never a title: letterheads, mottos, a ministry or directorate alone, labels, site furniture.
NOT_A_TITLE = re.compile(
    r"^(?:republique|ministere|ministry|secretariat general|cabinet du|premier ministere|presidence|"
    r"direction(?:s)? (?:generale|regionale|departementale|nationale|provinciale|de la|des|du)|"
    r"(?:un )?peuple\W|unite\W|fraternite\W|travail\W|paix\W|honneur\W|"
    r"note de synthese$|compte[- ]rendu$|proces[- ]verbal$|rapport$|"
    # a document's label with a bare kind of event: 'RAPPORT DE FORMATION', 'Compte rendu de réunion'
    r"(?:rapport|compte[- ]rendu|proces[- ]verbal)\s+d(?:e |u |')(?:la |l')?(?:formation|mission|reunion|atelier|"
    r"activites?|supervision|seance)$|titre\s*:?$|objet\s*:?$|"
    r"communique(?: de presse)?$|dossier de presse$|ordre de mission$|termes de reference$|aide-memoire$|"
    r"(?:n\s*[°º]|no\s*[.:°]|no\s*\d|ref\s*[.:])|annee\s|region (?:de|du|des)\s|district sanitaire (?:de|du)\s[^,:]{0,30}$|"
    r"proverbe du jour|par\s+[\w .'-]{2,40}$|photo\b|credit|.*\.(?:jpe?g|png|gif|webp)$|"
    r"top of page|haut de (?:la )?page|a\+?\s*a\s*a-|vous etes (?:sur|ici)|page \d+\s*sur|(?:home|accueil)\s*[|>/]|"
    r".*\s\|\s.*\s\|\s|.*\b(?:publie|mis en ligne)\w*\s*(?:le|:)|table des matieres|sommaire$|"
    r".{0,40}\.(?:net|com|org|info)\b|.*\bsite d'information\b|.*\bl'actualite\b.{0,40}sur le net|"
    # a catalogue's field: 'Site de publication : …', 'Type de publication : Article', 'Organisation affiliée : …'
    r"(?:site|type|date|lieu|langue|auteurs?|editeur|source|categorie|pays|organisation affiliee|licence|doi|isbn|issn|"
    r"organisateurs?|participants|public cible)"
    r"(?: de (?:publication|parution|mise en ligne))?\s*:|.*\bde publication\s*:|"
    r".*\[(?:titre|sous-titre|date|tapez|nom)\b[^\]]*\]|"  # a template's placeholder: '[Titre du document]'
    r"[^\s]*_[^\s]*$|.*\.{4,}|"  # a file's name ('ECHOVI-19_n°04'), a line of dot leaders (a contents page)
    r"(?:bulletin|lettre|mensuel|hebdomadaire|trimestriel|journal)\b.{0,30}\bd'informations?\b)")
# Site furniture in French or English: skip links, download pages, comment forms, tickers, share bars.
FURNITURE = re.compile(
    r"^(?:skip to|aller au contenu|passer au contenu|toggle navigation|menu\b|search\b|rechercher\b|upload$|download$|"
    r"view$|embed\b|citation preview|telecharger\b|leave a comm|laisser un comm|commentaires?\b|please enter|"
    r"acces (?:aux|au) (?:sites?|pages?|espaces?)\b|connect with us|follow us|share (?:this|on)\b|related (?:posts|articles)|read more|leave a (?:reply|comment)|"
    r"sign (?:in|up)\b|log ?in\b|subscribe\b|"
    r"posted$|originally published|attachments?$|source\b|journal$|flash infos?|depeches?$|suivez-nous|lire aussi|"
    r"a lire aussi|articles? (?:similaires|lies)|related|abonnez-vous|newsletter|connexion|login|\d+ (?:vues|min de lecture)|"
    r"il y a \d+|(?:\d+\s*)?(?:min|minutes?) de lecture|voir (?:l')?article|aucun commentaire|enregistrer un comm|"
    r"ajouter une note|pas encore de note|derniere modification|a propos\b|citation recommandee|bottom of p|"
    r"\W*auteur correspondant|by\s|\(\w{2,6}\)$|[a-z]{1,4}(?:/[a-z]{1,4}){1,3}$|"
    r"heures? (?:de services?|d'ouverture)|salles?\b[^:]{0,25}:|horaires?\b|adresse\s*:|.{0,40}\bnewsletter\b|(?:\w+\s+){0,2}reseaux sociaux|"
    r"nous suivre|autres articles|sondages?$|vos outils|videos?$|dans le dossier|aucun resultat|go back\b|"
    r".*\b(?:cliquez|cliquer|ciquez|ciquer|clickez|clicker) ici\b|en savoir plus\W*$|"
    # an advert or a welcome of the site: 'PLACEZ VOS PRODUITS ICI', 'Bienvenue sur le site du village de …'
    r"[a-z]{3,}ez (?:vos|votre|nous|ici)\b|contactez\b|.*\[email[^\]]*protected\]|bienvenue (?:sur|dans) (?:le|la|notre|votre|mon) (?:site|blog|portail|page)\b|"
    # a document viewer's furniture: 'Upload: others', 'Post on 17-Jun-2022', '1 views', 'SHOW MORE', 'Page 1: …'
    r"upload\s*:|post(?:ed)? on\b|category\s*:|[\d.,\s]*\b(?:views?|downloads?|vues)$|transcript(?:$|\s+of\b)|read(?:ing)? time\b|temps de lecture\b|show (?:more|less)|"
    r"page \d+\s*:|liens? (?:vers|utiles)\b|la page (?:est|a ete) cree|continuer a lire|.*\bhttps?://|.*\bwww\.|.*\blogo\w*\b|"
    # a site's buttons and links, in the imperative or the infinitive: 'Voir la …', 'Éditer l'article', 'Suivre ce blog'
    r"voir (?:la|le|les|l'|plus|tou[st]|toutes|aussi|toute)\b|(?:editer|modifier|supprimer) (?:l'|le |la |cet?t?e? )|"
    r"suivre (?:ce|cette|notre|nos|la|le)\b|creer (?:mon|un|votre|son) (?:blog|site|compte)|partager\b|imprimer\b|"
    r"envoyer (?:a|par|l'|cet)|reagir\b|signaler (?:un|ce|l')|s'abonner|se connecter|s'inscrire|j'aime\b|tweeter|"
    # a contact line: 'Tél : 22 …', 'BP 267', 'Fax', an e-mail address
    r"(?:tel|tel\.|telephone|fax|bp|b\.p\.?|boite postale|e-?mail|courriel|site web|cel|cell?ulaire|mob)\s*[:.\d]|"
    r".*[\w.-]+@[\w-]+\.[a-z]{2,})")
# A photo's caption whose verb is a present participle: 'Le directeur régional de la santé présentant son exposé',
# 'Dr X remettant les attestations' (a person, then the participle with its object; no finite verb)
CAPTION_PARTICIPLE = re.compile(
    r"^(?:(?:le|la|les|l'|un|une|des)\s+(?:[a-z'-]+\s+){0,1}(?:directeur|directrice|ministre|gouverneur|president|"
    r"presidente|secretaire|representant|representante|participants?|medecin|coordonnat\w+|maire|prefet|chef|delegue|"
    r"deleguee|responsable|agents?|relais|femmes|autorites|membres|formateurs?|invites|officiels|beneficiaires)\b|"
    r"(?:dr|docteur|pr|professeur|m|mme|monsieur|madame)\.?\s)[^,;:.!?]{0,90}?\s"
    r"(?!(?:enfant|habitant|representant|participant|etudiant|dirigeant|soignant|intervenant)s?\s)[a-z]{3,}ant\s+"
    r"(?:son|sa|ses|leur|leurs|le|la|les|l'|un|une|des|du|aux?|a|ce|cette|ces)\b(?![^,;:]*\b(?:a|ont|est|sont)\s)")
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# A line that is only a date: 'samedi 25 janvier 2025', '2 et 3 OCTOBRE 2016', 'Mars 2013', '- 28 févr.'
# or in a site's English order, 'jeudi, mai 9, 2024'
DATE_ONLY = re.compile(r"^\W*(?:" + _WEEKDAYS + r",?\s+)?(?:\d{1,2}(?:er)?(?:\s*(?:et|au|-)\s*"
                       r"\d{1,2}(?:er)?)?\s+)?(?:janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*\.?"
                       r"(?:\s+\d{1,2},)?(?:\s+\d{4})?\W*$")
# A person presented, a correspondent's byline: 'Dr X, secrétaire générale du ministère', 'Y, Correspondant à Kolda'
PERSON_LINE = re.compile(r"^(?:(?:dr|pr|m|mme|mlle|monsieur|madame|professeur|docteur)\.?\s+[^,]{2,40},|[^,]{2,40},\s*"
                         r"(?:correspondant|envoye special|journaliste|redacteur)\b|.*\bpour\s+\S+\.(?:org|com|net|info)\W*$)")
# A person's name, then their role: a caption or a by-line, 'Florien Bisimwa, Gestionnaire des informations du …'
NAME_ROLE = re.compile(r"^(?!.*\s(?:a|ont|est|sont)\s)[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3},\s*(?i:(?:le |la |l')?(?:gestionnaire|directeur|directrice|"
                       r"coordonnat\w+|charge|chargee|chargé|chargée|responsable|chef|president|présidente?|ministre|"
                       r"secretaire|secrétaire|conseill\w+|medecin|médecin|point focal|representant|représentante?|expert|"
                       r"experte|consultante?|specialiste|spécialiste|administrat\w+|assistante?|officier|agent)\b)")
# A town and its country alone: 'OUAGADOUGOU (BURKINA FASO)'
PLACE_LINE = re.compile(r"^[A-ZÀ-Ý' -]{3,30}\s*\([A-ZÀ-Ý' -]{3,30}\)$")
# A ticker's label: the line under it is another article's headline.
TICKER = re.compile(r"^\W*(?:flash infos?|depeches?|a lire aussi|lire aussi|dernieres? (?:infos|nouvelles|actualites)|"
                    r"articles? (?:similaires|lies)|en continu|breaking news|les plus lus)\W*$")
# A photo's caption: 'Vue des participants.', 'Au cours de la présentation…', a credit '© UNICEF', '(@gouvbenin)'.
CAPTION = re.compile(r"^(?:(?:une )?vues? (?:de|des|d')|photos?\b|images?\b|de gauche a droite|au cours (?:de|du|des)|"
                     r"(?:la )?table de seance|le presidium|photo de famille|les participants (?:ont|se sont|sont)\s|"
                     r"lors (?:de|du|des)|pendant (?:la|le|les)|en marge (?:de|du|des))")
# A caption that says where its photo stands: 'À gauche : …', 'Ci-dessus : …'
CAPTION_SIDE = re.compile(r"^(?:(?:en haut |en bas )?a (?:gauche|droite)|ci-(?:dessus|contre|dessous))\s*:")
# a menu item in two languages, English first: 'Press releases / Communiqués', 'Real lives / Histoires vécues' (not
# a French title with its translation: 'Rapport annuel / Annual report')
BILINGUAL_MENU = re.compile(r"^(?P<en>[A-Z][a-z]+(?:\s[a-z]+){0,2})\s/\s[A-ZÀ-Ý][\w'’]+(?:\s[\w'’]+){0,3}$")
# A key figure over its label: '10 344 Cas confirmés', '63/79 Districts touchés'
KEY_FIGURE = re.compile(r"^[\d\s.,/%+]*\d\s*%?\s+[^\d\s]\S*(?:\s+\S+){0,2}$")
# A fragment cut in the middle of a phrase, as a document viewer names a page: 'Moyen-Chari oriental Evaluation par'
CUT_SHORT = re.compile(r"\s(?:de|du|des|par|pour|la|le|les|et|au|aux|avec|sur)$")
CREDIT = re.compile(r"©|\(@\w+\)|\bcredit\s*(?:photo)?\s*:")
# A section heading of the body, not the report's title: 'Contexte', 'I. Introduction', '1. Mot de bienvenue'.
SECTION = re.compile(r"^(?:[ivx]+|\d+)(?:\.(?:[ivx]+|\d+))*\s*[.)-]\s*(?=[^\W\d])|^[a-h]\s*[.)]\s+(?=[^\W\d])|"  # 'I. ', 'VI.1. ', '2.3) '
                     r"^(?:contexte|introduction|remerciements|conclusions?|objectifs?|"
                     r"resume|recommandations|justification|methodologie|resultats|annexes?|liste des participants)\s*:?$|"
                     r"^(?:contexte|introduction|justification|methodologie|remerciements)\b(?!.*\b(?:rapport|atelier|reunion)\b)"
                     r".{0,60}$")  # 'Contexte sanitaire post-pandémie': a subhead
# A kicker in brackets over the text, a slug of words joined by hyphens: '(Le ministère lance les travaux)',
# 'BURKINA-GOURMA-SANTE-FORMATION'.
KICKER = re.compile(r"^\(.*\)$|^[^\W_]+(?:-[^\W_]+){2,}$")
LABEL = re.compile(r"^(?:titre|objet|theme|intitule)\s*:\s*", re.IGNORECASE)
# a site's breadcrumb before the headline: 'Accueil » Gabon/Santé : Une délégation …', 'Accueil > Actualités > …'
BREADCRUMB = re.compile(r"^(?:accueil|home)\s*[»>›]\s*(?:[^»>›\n]{1,40}?\s*[»>›]\s*)*", re.IGNORECASE)
# a dispatch's dateline run into the headline above it: '… contre la sous-nutrition BANGUI, le 25 janvier 2020 (RJDH) —'
# (the dispatch's marks after the date, an agency's bracket or a dash, tell it from a headline that ends on its date:
# 'Revue annuelle conjointe du PNDS, 12 juin 2023')
GLUED_DATELINE = re.compile(r"\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}(?:[ -][A-ZÀ-Ý'’-]{2,}){0,2}\s*,\s*(?:le\s+)?\d{1,2}(?:er)?\s+"
                            r"[A-Za-zÀ-ÿ]+\.?\s+(?:19|20)\d\d\s*(?:\([^()]{2,20}\)|[-–—]).*$")

NAVIGATION = re.compile(r"^(?:retour|accueil|menu|imprimer|partager|lire la suite|actualites?|home|back)\b.{0,20}$")
DATELINE = re.compile(r"^(?:publie le |mis en ligne |le )?\d{1,2}(?:er)? \w+ \d{4}\s*(?:[|,-].*)?$|^\d{1,2}/\d{1,2}/\d{4}")
EVENT_NOUN = re.compile(
    r"\b(atelier|session|reunion|revue|assises|rencontre|formation|seminaire|conference|campagne|journee|mission|"
    r"assemblee generale|table ronde|forum|concertation|comite|conseil|sortie|supervision|evaluation|enquete|"
    r"audit|visite|lancement|ceremonie|remise|certification|validation)\b")
_MONTHS = r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
NOUN_STOP = re.compile(r"\s*(?:[,.;:!?\n(«)…]|\sou\s+(?:il|elle|ils|elles|on|se|s'|l'|le|la|les|nous|des)\s|"
                       r"\s(?:de|des|du|d')\s*(?:ces|cette|cet|ce)\s|"  # 'validation de ces deux plans': refers back
                       r"\s(?!(?:enfant|habitant|soignant|dirigeant|important|etudiant|representant|participant|volant|"
                       r"restant|descendant|ascendant|croissant|puissant|courant|suivant)s?\s)[a-z]{3,}ant\s|"  # 'comptant'
                       # 'à' ends the event's name, not after a participle that gives its subject ('Atelier consacré à …')
                       r"(?<!consacre)(?<!consacree)(?<!dedie)(?<!dediee)(?<!destine)(?<!destinee)(?<!destines)\sa\s|"
                       r"\s" + _WEEKDAYS + r"\b|\sen\s+" + _MONTHS + r"\b|"
                       r"\sde " + _WEEKDAYS + r"\b|\squ'|\sjusqu|\s(?:(?:ont|qui|que|s'est|se|au titre|a l'intention|au profit|"
                       r"en faveur|dans|a l'hotel|a la salle|tenu|tenue|organise|organisee|avec|pour|sur le theme|afin|ayant|"
                       r"en presence|sous(?! ?-?regional)|est|sont|etait|vise|visant|entreprise?|conduite?|realisee?|demarre|celebree?|"
                       r"en reponse|prevue?|initiee?|lancee?|ouverte?|finance|financee?|assuree?|offerte?|permet|permettra|constitue|"
                       r"marque|regroupe|reunit|rassemble|intervient|doit|va|vient|fait|porte|"
                       # a verb of another tense, a relative: 'Rencontre dont le but…', 'Campagne commencera…'
                       r"dont|sera|seront|aura|etaient|etait|commencera|debutera|s'inscrit|s'inscrivent|vaut|d'une duree)\s|"
                       r"(?:le|les|du|des|ce|cette)\s+(?:\d{1,2}(?:er)?\s+(?:au|et|" + _MONTHS + r")\b|\d{1,2}(?:er)?\s*$|"
                       + _WEEKDAYS + r")))")
VENUE_WORD = re.compile(r"(?:salles?|centres?|lieu|documents?|outils?|modules?|plans?) (?:de|des|d')\s*$")
KEYWORDS_LINE = re.compile(r"^(?:mots?[- ]cles|key ?words|resume|abstract|contexte)\s*:?", re.IGNORECASE)
MAX_SUMMARY = 320


STYLED = re.compile("[\U0001D400-\U0001D7FF]")  # bold, italic… letters of social-media posts ('𝗦𝗮𝗻𝘁𝗲́')


def plain(text: str) -> str:
    """Markdown emphasis markers removed, letters styled with Unicode's mathematical alphabets made plain: the
    words a reader sees."""
    if STYLED.search(text):
        text = unicodedata.normalize("NFC", STYLED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text))
    return clean_spaces(text.replace("*", ""))


BODY_NAME = re.compile(r"(?:ministere|direction|service|secretariat|delegation|prefecture|gouvernorat|agence|institut|"
                       r"district|region|hopital|centre|cellule|coordination|division|bureau|unite|programme|projet|"
                       r"association|federation|fondation|ordre|societe|union|reseau|alliance|observatoire|organisation|"
                       r"mutuelle|universite|ecole|faculte|caisse|fonds|academie|pole|laboratoire|consortium|groupement)\b")
# A news site's name on its own line: 'Togo media 24', 'Alwihda Info', 'Guinée News'
SITE_NAME = re.compile(r"^(?:\S+\s+){0,3}(?:medias?|infos?|news|tv|actu|actus|presse|hebdo|magazine|radio|journal|online|"
                       r"web|direct|net|quotidien|le mag)(?:\s+\S+)?$")
# A name set as a kicker before what it did: 'PROGRAMME X : le ministère évalue les projets' (a clause in lower case)
KICKER_CLAUSE = re.compile(r"\S\s?:\s+[a-zà-ÿ][\w'’]*(?:\s+\S+){2,}$")
MOTTO_PART = re.compile(r"^[^\W\d_][\w'’]*(?:\s+[\w'’]+){0,2}$")  # 'Union', 'Un Peuple', 'Une Foi'


def _motto(line: str) -> bool:
    """A national motto, whatever the country: three or four short parts between dashes or bullets."""
    parts = [p.strip() for p in re.split(r"\s+[-–—•·]\s+", line.strip())]
    return 3 <= len(parts) <= 4 and all(MOTTO_PART.match(p) and p[:1].isupper() for p in parts)


def _title_line(line: str, skip: set[str]) -> str:
    """A line as a title reads it: without its stamp or dateline stripped from its start, its label ('Titre :'), a
    site's breadcrumb, or a dateline run into its end."""
    line = BREADCRUMB.sub("", LABEL.sub("", _unlead(line, skip)))
    glued = GLUED_DATELINE.search(line)
    if glued and len(line[:glued.start()].split()) >= 4:
        line = line[:glued.start()].rstrip(" -–—,")
    return line


def not_a_title(line: str) -> bool:
    """A letterhead, motto, ministry or directorate name alone (in capitals or not), a country's name alone,
    running header, label or site furniture."""
    f = fold(line).strip(" *#-–—•←→>|")
    words = line.split()
    return (not any(ch.isalpha() for ch in f) or bool(NOT_A_TITLE.match(f)) or _motto(line) or bool(NAVIGATION.match(f))
            or bool(FURNITURE.match(f)) or bool(CAPTION_PARTICIPLE.match(f)) or bool(SECTION.match(f)) or bool(CREDIT.search(line)) or bool(KICKER.match(f))
            or bool(DATE_ONLY.match(f)) or bool(PERSON_LINE.match(f)) or bool(NAME_ROLE.match(line.strip())) or bool(PLACE_LINE.match(line.strip()))
            or (bool(CAPTION.match(f)) and "," not in line and " : " not in line) or bool(CAPTION_SIDE.match(f))
            or bool(KEY_FIGURE.match(f))
            or _bilingual_menu(line.strip())
            or (len(words) <= 12 and bool(BODY_NAME.match(f)) and not EVENT_NOUN.search(f) and not KICKER_CLAUSE.search(line))
            or (len(words) <= 5 and bool(SITE_NAME.match(f)) and not EVENT_NOUN.search(f))
            or (len(words) <= 4 and "|" in line)  # a menu: 'Messagerie | Contact'
            or (len(words) <= 6 and bool(FULL_DATE.search(f)) and not EVENT_NOUN.search(f))  # 'MADAR/Nouakchott le 09-01-2026'
            or (len(words) <= 3 and all(w[:1].isupper() for w in words) and not EVENT_NOUN.search(f)
                and not re.search(r"\d", f)))


def _bilingual_menu(line: str) -> bool:
    """'Press releases / Communiqués': its English half is words the French word list does not know."""
    m = BILINGUAL_MENU.match(line)
    known = french_spellings()
    return bool(m and known and not EVENT_NOUN.search(fold(line))
                and not any(fold(w) in known for w in m.group("en").split()))


def _names_a_state(line: str) -> bool:
    """'RÉPUBLIQUE DU MALI', 'Burkina FASO': a state's name alone, the line a motto follows in a letterhead."""
    f = fold(line).strip()
    return bool(f) and (f.startswith("republique") or (len(line.split()) <= 3 and not_a_title(line)
                                                         and not BODY_NAME.match(f) and bool(STATE_WORDS.match(line.strip()))))


# A state's name is words with a capital: 'Burkina Faso', 'CÔTE D'IVOIRE'; not a file's name ('spot_img') or a link
STATE_WORDS = re.compile(r"^[A-ZÀ-Ý][^\W\d_]*(?:['’ -][A-Za-zÀ-ÿ][^\W\d_]*){0,3}$")


def headline(blocks: list[Block], skip: set[str] | None = None) -> tuple[str, int] | None:
    """The report's own title: its first heading, or a short first line that reads like a headline; letterheads,
    mottos, labels and the lines stripped as publication lines are passed over."""
    skip = skip or set()
    previous = ""
    country_line = False  # the line before named the state ('RÉPUBLIQUE DU NIGER', 'Burkina Faso')
    for n, b in enumerate(blocks[:12]):
        if TICKER.match(fold(previous)):
            previous = plain(b.lines[-1]) if b.lines else ""
            continue  # the headline of another article, under 'Flash infos', 'À lire aussi'
        runs_on, previous = _runs_on(previous), plain(b.lines[-1]) if b.lines else ""
        motto_slot, country_line = country_line, _names_a_state(previous)
        if b.kind == "heading":
            text = _title_line(plain(b.lines[0]), skip)
            if text in skip or not_a_title(text) or runs_on:
                continue
            if motto_slot and len(text.split()) <= 8 and not EVENT_NOUN.search(fold(text)):
                continue  # the motto under the state's name: 'La Patrie ou la Mort, nous Vaincrons'

            if len(text) >= 8 and not KEYWORDS_LINE.match(fold(text)):
                return _whole(text, n, blocks, skip)
        if b.kind == "paragraph" and len(b.lines) > 1 and all(
                plain(x) in skip or not_a_title(plain(x)) or len(plain(x)) < 4 for x in b.lines[:-1]):
            line = _title_line(plain(b.lines[-1]), skip)  # a letterhead block whose last line is the title
            if (len(line.split()) >= 3 and not not_a_title(line) and not line.endswith((".", ":", ";"))
                    and not _runs_on(plain(b.lines[-2]))):
                return line, n
            continue
        if b.kind == "list" and all(plain(x) in skip or not_a_title(plain(x)) or len(plain(x).split()) < 3
                                    for x in b.lines):
            continue  # a menu's items, a search form's 'Aucun résultat trouvé', a motto set as a list item
        if b.kind != "paragraph" or len(b.lines) != 1:
            break
        line = _title_line(plain(b.lines[0]), skip)
        f = fold(line)
        words = line.split()
        if len(words) > MAX_HEADLINE_WORDS or (len(words) > 30 and line.endswith(".")):
            break  # the body has begun ('Dr X, coordonnateur du …, a souhaité la bienvenue …'): no headline above it
        if (len(line) < 4 or line in skip or plain(b.lines[0]) in skip or not_a_title(line)
                or runs_on or (motto_slot and len(words) <= 8 and not EVENT_NOUN.search(f))):
            continue
        if DATELINE.match(f) or (len(words) < 3 and not line.endswith((".", ":", ";", ","))):
            continue  # a date, or a word or two over the headline: a rubric ('Santé'), a placeholder ('illustration')
        if (_pull_quote(line, n, blocks) or (_english(f) and _french(blocks)) or _cut_description(line, n, blocks)
                or (LEDE_VERB.search(f) and WEEKDAY_DATE.search(f))):
            continue  # a sentence the body says again, an advert in English over a French text, a cut description
        if line.endswith(":") and DOC_OPENING.match(f):
            line, f = line.rstrip(" :"), f.rstrip(" :")  # 'Compte rendu de la réunion du 24 mars 2019 à Dori :'
        has_date = FULL_DATE.search(f)  # 'Atelier de Kara, 12 mars 2024' is a date line; 'le plan 2023-2030' is not
        if has_date and len(words) <= 12 and not line.endswith((":", ";")) and EVENT_OPENING.match(f):
            return line, n  # the meeting it records and its date: 'Réunion du 2 mai 2014'
        if has_date and len(CONTENT_WORD.findall(FULL_DATE.sub(" ", f))) >= 4 and not _title_case(line):
            has_date = None  # a headline that gives its dates: 'Lomé capitale mondiale de la santé, du 22 au 26 août'
        cut = line.endswith(("...", "…")) and _body_follows(line, n, blocks)
        if cut and (teaser := re.search(r"[^.]{25,}\.\s+[A-ZÀ-Ý]", line)):
            line = line[:teaser.end() - 1].rstrip(" .")  # a teaser: headline. Lede…
            words = line.split()
        ends = (not line.endswith((".", ":", ";")) or (line.endswith(".") and COLON.search(line) and len(words) <= 20)
                or cut)  # a headline the page cut short over its text (a description it repeats is out above)
        if (3 <= len(words) <= (MAX_HEADLINE_WORDS if _repeated(line, blocks[:12]) else 30) and ends
                and not (has_date and len(words) <= 12)
                and n + 1 < len(blocks) and not _continued(blocks[n + 1])):
            whole = _whole(*_nearer_the_body(line, n, blocks, skip), blocks, skip)
            if CUT_SHORT.search(fold(whole[0])):
                continue  # a fragment cut in the middle of a phrase, as a document viewer names a page
            return whole  # a headline may end on a full stop when it reads 'Thiès : quand les grèves … objectifs.'
        break
    return None


# A report's sentence, not a headline: it says when and where the meeting was held, to the weekday ('La rencontre a
# eu lieu lundi 12 septembre 2016 à la salle de conférence …'), as a caption or the lead's first sentence does.
LEDE_VERB = re.compile(r"\b(?:a eu lieu|s'est (?:tenue?|deroulee?)|se sont (?:tenue?s|deroulee?s)|a abrite|a accueilli)\b")
WEEKDAY_DATE = re.compile(r"\b" + _WEEKDAYS + r"\s+\d{1,2}(?:er)?\s+" + _MONTHS)
DOC_KIND = r"(?:proces[- ]verbal|compte[- ]rendu|rapport|resume|synthese)"
DOC_OPENING = re.compile(r"^" + DOC_KIND + r"\b")
COLON = re.compile(r"\w\s?:\s")
EVENT_OPENING = re.compile(r"^(?:" + DOC_KIND + r"\s+(?:de la|de l'|du|des|d')\s*)?"
                           + EVENT_NOUN.pattern.replace(r"\b(", r"(?:", 1))
ENGLISH = re.compile(r"\b(?:and|the|of|for|your|with|our|to|is|are|how|what)\b")
FRENCH = re.compile(r"\b(?:de|la|le|les|des|du|et|en|un|une|pour|sur|au|aux|dans|avec|est|sont)\b")


def _title_case(line: str) -> bool:
    """Every word of four letters or more opens on a capital: a document's name ('Rapport Atelier de Formation Niamey
    Octobre 2014'), not a headline's sentence."""
    long = re.findall(r"[^\W\d_]{4,}", line)
    return bool(long) and all(w[:1].isupper() for w in long)


def _body_follows(line: str, n: int, blocks: list[Block]) -> bool:
    """The first paragraph of the body below speaks of what the line says: a line cut short over it is the article's
    headline, not a site's slogan ('X, la recherche et la formation au profit de toute la communauté...')."""
    for b in blocks[n + 1:n + 7]:
        text = " ".join(b.lines)
        if b.kind == "paragraph" and len(text.split()) >= 20:
            return len(_words(line) & _words(text)) >= 2
    return False


def _english(folded: str) -> bool:
    """A line in English: English function words, no French one."""
    return bool(ENGLISH.search(folded)) and not FRENCH.search(folded)


def _french(blocks: list[Block]) -> bool:
    """The report's first paragraphs are in French."""
    sample = fold(" ".join(x for b in blocks[:30] for x in b.lines)[:4000])
    return len(FRENCH.findall(sample)) > 3 * len(ENGLISH.findall(sample))


def _cut_description(line: str, n: int, blocks: list[Block]) -> bool:
    """A document viewer's description cut short with an ellipsis, that its transcript repeats in full below."""
    if not line.endswith(("...", "…")):
        return False
    key = fold(line).rstrip(" .…")
    return len(key.split()) >= 5 and any(key in fold(x) for b in blocks[n + 1:n + 8] for x in b.lines)


ANAPHORA = re.compile(r"^(?:ces|cette|cet|ce|il|elle|ils|elles|nous|je|on)\s")


def _pull_quote(line: str, n: int, blocks: list[Block]) -> bool:
    """A sentence set over the text that a later paragraph says again within a longer sentence: a pull quote
    ('Ces journées visaient à valoriser la recherche africaine'), not the headline."""
    if len(line.split()) < 5 or not ANAPHORA.match(fold(line)):
        return False  # a headline may be said again in the body; a sentence that refers back never heads it
    key = fold(line).rstrip(" .")
    return any(key in fold(x) and len(x) > len(line) + 20 for b in blocks[n + 1:n + 8] for x in b.lines)


CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
LOOKAHEAD = 3  # lines between a first candidate and the body: an advert, a rubric, the real headline


def _words(text: str) -> set[str]:
    return {w.strip("'-") for w in CONTENT_WORD.findall(fold(text))}


def _nearer_the_body(line: str, n: int, blocks: list[Block], skip: set[str]) -> tuple[str, int]:
    """Of the short lines above the body, the one that speaks of what the body says: an advert or a site's slogan
    ('Corner TV – Orange Mali, contenus exclusifs') shares no words with the first paragraph, the headline does."""
    later: list[tuple[str, int]] = []
    body = ""
    for k in range(n + 1, min(len(blocks), n + 1 + LOOKAHEAD + 1)):
        b = blocks[k]
        text = plain(" ".join(b.lines))
        if b.kind == "paragraph" and (len(text.split()) >= 40 or len(text.split()) >= 20 and text.endswith(
                (".", "!", "?", "…", ":"))):
            body = text  # a sentence; a long headline ('Congrès … « Nous nous réunissons pour … »') is no body
            break
        if (b.kind == "paragraph" and len(b.lines) == 1 and 3 <= len(text.split()) <= 30 and text not in skip
                and not text.endswith((".", ":", ";")) and not not_a_title(text) and not DATELINE.match(fold(text))
                and not FULL_DATE.search(fold(text))):
            later.append((text, k))
    if not body or not later:
        return line, n
    ours = _words(body)
    best, best_n, best_overlap = line, n, len(_words(line) & ours)
    for text, k in later:
        overlap = len(_words(text) & ours)
        if overlap >= best_overlap + 2:
            best, best_n, best_overlap = text, k, overlap
    return best, best_n


# A title set over several lines in capitals ('PROCÈS-VERBAL' / 'DE LA 26E SESSION ORDINAIRE' / 'DU CONSEIL
# D'ADMINISTRATION' / 'TENUE LE 18 MARS 2008'): a line goes on from the one before when it opens on one of these
# words, or when the one before ends on one.
GOES_ON = re.compile(r"^(?:de|du|des|d'|et|a|au|aux|sur|pour|en|dans|contre|tenue?s?|organisee?s?|portant|relati(?:f|ve)s?|"
                     r"consacree?s?|avec)\b")
DOC_LABEL = re.compile(r"^(?:proces[- ]verbal|compte[- ]rendu|rapport|note de synthese|communique final|"
                       r"releve de conclusions|aide[- ]memoire)$")
MAX_TITLE_WORDS = 40


def _whole(line: str, n: int, blocks: list[Block], skip: set[str]) -> tuple[str, int]:
    """The headline with the lines of the same title around it: a label it completes ('PROCÈS-VERBAL' before 'DE LA
    26E SESSION…'), and the lines after it that go on with it, of the same kind and case (a title in capitals set
    over several lines, a Word title over two headings). Returns the title and the index of its last block."""
    def single(k: int) -> str:
        b = blocks[k]
        return plain(b.lines[0]) if b.kind in ("heading", "paragraph") and len(b.lines) == 1 else ""

    kind, shouting = blocks[n].kind, _shouting(line)
    parts, last = [line], n
    if n > 0 and GOES_ON.match(fold(line)) and DOC_LABEL.match(fold(single(n - 1)).strip(" :.-")):
        parts.insert(0, single(n - 1))
    for k in range(n + 1, min(len(blocks), n + 6)):
        nxt = single(k)
        if (not nxt or blocks[k].kind != kind or nxt in skip or _shouting(nxt) != shouting or DATE_ONLY.match(fold(nxt))
                or not (GOES_ON.match(fold(nxt)) and (shouting or kind == "heading") or _runs_on(parts[-1]))
                or len(" ".join(parts + [nxt]).split()) > MAX_TITLE_WORDS):
            break
        parts.append(nxt)
        last = k
    return " ".join(p.strip() for p in parts), last


FULL_DATE = re.compile(r"\b(?:\d{1,2}(?:er)?\s+)?(?:janv|fevr?|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b|"
                       r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:(?:19|20)\d\d|\d\d)\b")  # '09-01-2026', '30/06/16'
MAX_HEADLINE_WORDS = 45  # a long title (a research article's) is taken when the page repeats it


def _repeated(line: str, blocks: list[Block]) -> bool:
    """The line comes twice among the first blocks: a page's title and its heading."""
    key = fold(line)
    return sum(1 for b in blocks for x in b.lines if fold(plain(x)) == key) >= 2


DETERMINER = re.compile(r"(?:^|\n|\b(?:un|une|la|le|l'|cette|ce|cet|sa|son|leur|a la|au))\s*$")


WRAPPED = re.compile(r"(?<=[^\W\d])\n(?=[a-zà-ÿ])")
DURATION = re.compile(r"\s+d[e']\s*(?:\d+|\(\d+\)|une?|deux|trois|quatre|cinq|six|sept|huit|dix|quinze)\s+(?:\(\d+\)\s+)?"
                      r"(?:jours?|semaines?|mois|heures)$", re.IGNORECASE)


def event_phrase(text: str, acronyms: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()) -> str:
    """'un atelier de partage d'expériences à l'intention…' -> "Atelier de partage d'expériences": the first event
    named with what it is about (a bare 'Mission' in a caption gives way to 'mission conjointe de travail')."""
    text = WRAPPED.sub(" ", text)  # a hard-wrapped line goes on: 'Journée d'information\ninstitutionnelle sur …'
    folded = fold(text)
    first = ""
    for n, m in enumerate(m for m in EVENT_NOUN.finditer(folded, 0, 3000)
                          if not VENUE_WORD.search(folded, max(0, m.start() - 12), m.start())):
        if n >= 6:
            break
        stop = NOUN_STOP.search(folded, m.end())
        end = stop.start() if stop else m.end()
        words = text[m.start(): end].split()[:14]
        while len(words) > 1 and fold(words[-1]).strip(",;:") in ("de", "du", "des", "la", "le", "les", "l'", "d'", "et",
                                                                  "a", "au", "aux", "en", "sur", "pour"):
            words.pop()  # never end on a preposition: 'Session du conseil de santé du district de'
        phrase = DURATION.sub("", " ".join(words)).rstrip(" ,;:-")  # 'Atelier de formation de cinq jours'
        if _shouting(phrase):
            phrase = sentence_case(phrase, acronyms, names)
        phrase = phrase[:1].upper() + phrase[1:]
        if len(words) >= 2 and (n == 0 or DETERMINER.search(folded, max(0, m.start() - 8), m.start())):
            return phrase  # a later event counts when it is one ('une mission…'), not a word in a name ('… de formation')
        first = first or phrase
    return first


COMPOSED = "composed from the event named in the text"  # the method of a title made from the fields (its snippet: the event)


def extract_title(blocks: list[Block], text: str, *, programme: str | None, organiser_short: str | None,
                  date: str | None, organiser_long: str | None = None, skip: set[str] | None = None,
                  place: str | None = None, acronyms: frozenset[str] = frozenset(),
                  names: frozenset[str] = frozenset()) -> Found:
    """The headline when the report has one; else 'Event — programme or organiser, date' from its words."""
    head = headline(blocks, skip)
    if head:
        shown = sentence_case(head[0], acronyms, names) if _shouting(head[0]) else head[0]
        return Found(shown, head[0], 0.9, "headline of the report")
    phrase = event_phrase(text, acronyms, names) or "Rapport"
    who = programme or organiser_short
    if len(phrase.split()) == 1 and organiser_long and not programme:
        who = re.sub(r"\s*\([^()]*\)$", "", organiser_long)  # 'Session — Direction départementale de la santé du Mono'

    title = phrase
    if who and len(who) > 70:
        who = None  # a long name would bury the event: it stays in the page's organiser field
    if who and " " not in who and who[1:].islower() and fold(who.lower()) in french_spellings():
        who = None  # a common noun alone ('Agence', 'Gouvernement') names no one
    if who and fold(who) not in fold(phrase):
        title += f" — {who}"
    if place and fold(place) not in fold(title):
        title += f", {place}"
    if date:
        title += f", {french_date(date)}"
    return Found(title, phrase, 0.5, COMPOSED)


def extract_summary(blocks: list[Block], title_block: int | None, skip: set[str] | None = None) -> Found:
    """The first sentences of the body (not the headline, navigation or keyword lines), about 300 characters."""
    parts: list[str] = []
    skip = skip or set()
    for n, b in enumerate(blocks):
        if n == title_block or b.kind not in ("paragraph", "list"):
            continue
        text = plain(" ".join(x for x in b.lines if plain(x) not in skip))
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


def _unlead(line: str, skip: set[str]) -> str:
    """A line without the publication stamp or dateline stripped from its start ('date 2025-01 …')."""
    for removed in skip:
        if removed and line.startswith(removed) and len(line) > len(removed):
            return line[len(removed):].strip()
    return line


def _continued(block: Block) -> bool:
    """The next block goes on with the same sentence ('… du centre de santé' / 'de Dakar, ont été la cible'): the
    line before is a hard-wrapped line of a paragraph, not a headline."""
    first = plain(block.lines[0]) if block.lines else ""
    return (block.kind == "paragraph" and first[:1].islower() and len(first.split()) >= 4
            and not DATE_ONLY.match(fold(first)))  # 'mercredi 08 janvier 2020' under a headline is its date


def _runs_on(line: str) -> bool:
    """A letterhead line cut in the middle of a name: 'DIRECTION NATIONALE DE L'ÉPIDÉMIOLOGIE ET DE LA LUTTE'."""
    return _shouting(line) and (fold(line).split() or [""])[-1] in ("de", "du", "des", "et", "la", "le", "l'", "d'", "au",
                                                                    "aux", "lutte", "pour", "en")


def _shouting(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


ORDINAL = re.compile(r"(\d+)(e|eme|ème|ieme|ième|er|re|ere|ère)", re.IGNORECASE)
SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur", "dans", "par",
         "un", "une", "avec"}


def sentence_case(line: str, acronyms: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()) -> str:
    """'ATELIER DE VALIDATION DU PLAN DE LA DRS DE KANKAN' -> 'Atelier de validation du plan de la DRS de Kankan':
    a word of the French word list is lower-cased (its accents restored when only one spelling fits), a place or
    country of places.yml (``names``) is written as there, a short word that is neither is an acronym and stays in
    capitals, a word with a French accent is French ('TRANSFRONTALIÈRE'), a longer one is a name and keeps a capital."""
    words = french_spellings()
    spelled = _spellings(names)
    out = []
    tokens = re.split(r"([^\w-]+|(?<=\w)-(?=\w))", line)
    joined = re.split(r"([^\w-]+)", line)
    compounds = {w for w in joined if "-" in w and w.strip("-") in acronyms}
    for n, token in enumerate(tokens):
        ordinal = ORDINAL.fullmatch(token)
        if ordinal:
            suffix = fold(ordinal.group(2)).lower()
            out.append(ordinal.group(1) + ("er" if suffix == "er" else "re" if suffix in ("re", "ere") else "e"))
            continue  # '26ÈME' -> '26e', '1ER' -> '1er'
        if not token or not token[0].isalpha():
            out.append(token)
            continue
        if any(token in c.split("-") for c in compounds):
            out.append(token)  # part of a known name written with a hyphen: 'PASS-SOUROU'
            continue
        low = token.lower()
        key = fold(low)
        spellings = words.get(key, ())
        if key in spelled and token not in acronyms:
            out.append(spelled[key])  # 'NIGER' -> 'Niger', 'SÉGOU' -> 'Ségou'
        elif not spellings and key not in SMALL and fold(token) != token.lower() and len(token) > 3:
            out.append(low)  # a French word the list lacks: 'TRANSFRONTALIÈRE'
        elif token in acronyms or (not spellings and key not in SMALL and (len(token) <= 5 or not re.search(r"[AEIOUY]", token))):
            out.append(token)  # an acronym
        elif spellings or key in SMALL:
            accented = spellings[0] if len(spellings) == 1 else (low if low in spellings else low)
            out.append(accented)
        else:
            out.append(low[:1].upper() + low[1:])  # a name: 'Kankan'
    text = re.sub(r"\ba (?=(?:la|l'|l’|ce|cette|ces)\b)", "à ", "".join(out))  # 'A LA DDS' -> 'à la DDS'
    return text[:1].upper() + text[1:]


def known_names(vocab) -> frozenset[str]:
    """Countries and places as places.yml spells them: 'NIGER' in a title in capitals is 'Niger'."""
    return vocab.compiled("titles.py:known_names", lambda v: frozenset(
        n for c in v.countries for n in (c.name, *c.places) if n[:1].isupper()))


@lru_cache(maxsize=4)
def _spellings(names: frozenset[str]) -> dict[str, str]:
    """Folded one-word name -> its spelling, the accented one when places.yml also lists it without accents."""
    out: dict[str, str] = {}
    for n in sorted(names):
        if " " not in n and "-" not in n:
            key = fold(n)
            if key not in out or sum(ch != f for ch, f in zip(n, fold(n, lower=False))) > sum(
                    ch != f for ch, f in zip(out[key], fold(out[key], lower=False))):
                out[key] = n
    return out


def known_acronyms(vocab) -> frozenset[str]:
    """Names written in capitals that must stay so: programmes, organisations, glossary acronyms."""
    return vocab.compiled("titles.py:known_acronyms", lambda v: frozenset(
        [p.name for p in v.programmes] + [a for p in v.programmes for a in p.aliases]
        + [o.acronym for o in v.organisations if o.acronym] + [t.acronym for t in v.templates]
        + [a.acronym for a in v.acronyms]))
