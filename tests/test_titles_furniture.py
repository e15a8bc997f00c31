"""A title is never a web page's or a document viewer's furniture: opening hours, an address, a catalogue's field,
a template's placeholder, a file's name, a key figure, a caption, a pull quote, an advert in English; a dated line
that opens on the meeting is the title."""

import pytest

from build_scripts.extract.titles import headline, not_a_title
from build_scripts.models import Block
from build_scripts.text import french_spellings

BODY = ("Le district sanitaire de Dori a tenu, le 12 mars 2024, la revue trimestrielle de ses activités avec les "
        "infirmiers chefs de poste, les relais communautaires et les partenaires techniques du district.")


def _blocks(*lines: str, body: str = BODY) -> list[Block]:
    return [Block("paragraph", [x]) for x in lines] + [Block("paragraph", [body])]


@pytest.mark.parametrize("line", [
    "Heures d'ouverture : du lundi au jeudi de 8 h à 17 h",
    "Adresse : 14 avenue des Cocotiers, Dori",
    "Site de publication : Ministère de la Santé de Tinza",
    "Type de publication : Article",
    "Word [Titre du document] [Sous-titre du document]",
    "BULLETIN_TINZA_n°07",
    "2 418 Cas notifiés",
    "À gauche : les relais communautaires de Dori, avec leurs registres",
    "Inscrivez-vous à notre newsletter",
    "Suivez nos réseaux sociaux",
    "Upload: someone",
    "Post on 03-Feb-2023",
    "12 views",
    "Plus d'informations : https://exemple.invalid/page",
    "Bulletin mensuel d'information du district de Dori - mars 2024",
    "Sommaire ........................................ 3",
    "mardi, avril 16, 2024",
    "ANNONCEZ VOS ÉVÉNEMENTS ICI",
    "Contactez [email\u00a0protected]",
    "Bienvenue sur le site de la commune de Dori",
    "ORDRE DE MISSION",
    "Awa Sanou, Coordonnatrice des relais du district de Dori, Tinza",
    "La table de séance à l'ouverture de la revue",
    "Les participants ont adopté le plan d'action du district",
])
def test_furniture_lines_are_not_titles(line):
    assert not_a_title(line)


@pytest.mark.parametrize("line", [
    "Revue trimestrielle des activités du district sanitaire de Dori",
    "Dori : 2 418 cas de paludisme notifiés au premier trimestre, le district renforce la prévention",
    "Atelier de validation du plan d'action 2024 du district de Dori",
    "Chez les relais communautaires de Dori, la revue trimestrielle commence",
    "Awa Sanou, coordonnatrice des relais, a présenté le bilan du trimestre",
    "PEV au Tinza",
    "Rapport annuel / Annual report",
    "Malaria / Paludisme",
])
def test_titles_stay_titles(line):
    assert not not_a_title(line)


def test_opening_hours_and_an_address_over_the_headline_are_passed_over():
    blocks = _blocks("Heures de service : lundi - jeudi 8 h - 17 h", "Adresse : 14 avenue des Cocotiers, Dori",
                     "Dori : les infirmiers du district font le bilan du premier trimestre")
    assert headline(blocks) == ("Dori : les infirmiers du district font le bilan du premier trimestre", 2)


def test_a_menu_set_as_a_list_is_passed_over():
    blocks = [Block("paragraph", ["Aller au contenu"]), Block("list", ["Aucun résultat trouvé"]),
              *_blocks("Revue trimestrielle des activités du district sanitaire de Dori")]
    assert headline(blocks) == ("Revue trimestrielle des activités du district sanitaire de Dori", 2)


def test_a_pull_quote_the_body_says_again_is_not_the_headline():
    quote = "Ces rencontres visaient à mieux suivre les relais communautaires"
    body = "Les infirmiers ont fait le point sur les visites à domicile. " + quote + " du district et leurs registres."
    assert headline(_blocks(quote, body=body)) is None


def test_an_advert_in_english_over_a_french_text_is_not_the_headline():
    assert headline(_blocks("Cheap hosting and fast links for your website")) is None


def test_a_viewer_page_name_cut_in_the_middle_is_not_the_title():
    assert headline(_blocks("Plan opérationnel du district de Dori Evaluation par")) is None


def test_a_viewer_description_cut_short_gives_way_to_the_title_under_it():
    description = "Le district sanitaire de Dori, dans ce rapport de revue, présente ses résultats..."
    blocks = [Block("paragraph", [description]),
              Block("paragraph", ["Rapport de la revue trimestrielle du district sanitaire de Dori"]),
              Block("paragraph", ["Transcript : " + description.rstrip(".") + " du premier trimestre 2024"]),
              Block("paragraph", [BODY])]
    assert headline(blocks) == ("Rapport de la revue trimestrielle du district sanitaire de Dori", 1)


def test_a_dated_line_that_opens_on_the_meeting_is_the_title():
    blocks = _blocks("ASSOCIATION TINZA-DORI ........ SANTÉ / ÉCOLE / FEMMES", "Réunion du 2 mai 2024")
    assert headline(blocks) == ("Réunion du 2 mai 2024", 1)


def test_a_dated_issue_line_is_passed_over_for_the_headline():
    blocks = _blocks("Lettre d'information du district de Dori - mars 2024", "Attachments",
                     "Le district de Dori fait le bilan de son premier trimestre")
    assert headline(blocks) == ("Le district de Dori fait le bilan de son premier trimestre", 2)


def test_a_sentence_saying_when_and_where_the_meeting_was_held_is_not_the_headline():
    caption = "La revue a eu lieu mardi 12 mars 2024 à la salle de réunion du district sanitaire de Dori"
    assert headline(_blocks(caption, "Dori : le district fait le bilan de son premier trimestre")) == (
        "Dori : le district fait le bilan de son premier trimestre", 1)


@pytest.mark.parametrize("line", [
    "Organisateur : District sanitaire de Dori, Association des relais",
    "Participants : infirmiers chefs de poste et relais communautaires",
    "Cliquez ici pour en savoir plus sur la journée de Dori",
    "Go Back Go Back",
])
def test_a_programmes_fields_a_link_to_more_and_a_back_button_are_never_the_title(line):
    assert not_a_title(line)


def test_a_breadcrumb_before_the_headline_and_a_dateline_run_into_it_are_not_part_of_the_title():
    crumbs = _blocks("Accueil » Actualités » Dori : les relais communautaires formés à la surveillance")
    assert headline(crumbs)[0] == "Dori : les relais communautaires formés à la surveillance"
    glued = _blocks("Dori : vers un réseau de relais pour la nutrition DORI, le 25 janvier 2024 (ADI) — Contr")
    assert headline(glued)[0] == "Dori : vers un réseau de relais pour la nutrition"


@pytest.mark.parametrize("line", [
    "Revue annuelle conjointe du PNDS, 12 juin 2023",
    "Assemblée générale annuelle de l'ONG ALIMA, 14 juillet 2019",
])
def test_a_headline_that_ends_on_its_date_is_kept_whole(line):
    assert headline(_blocks(line))[0] == line


def test_a_headline_that_begins_with_en_savoir_plus_is_still_a_title():
    assert not not_a_title("En savoir plus sur le paludisme : atelier régional à Dori")


@pytest.mark.skipif(not french_spellings(), reason="needs Debian's French word list (apt-get install wfrench)")
def test_a_menu_item_in_english_and_french_is_not_a_title():
    assert not_a_title("News releases / Actualités")
    assert not not_a_title("Rapport annuel / Annual report")
