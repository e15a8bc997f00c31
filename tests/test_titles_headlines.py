"""The report's own headline is found where a page sets it: cut short by the page, with its dates, after a name set
as a kicker; and a title composed from the event reads as a librarian would write it."""

from build_scripts.extract.titles import event_phrase, headline, not_a_title
from build_scripts.models import Block

BODY = ("Le district sanitaire de Dori a réuni du 3 au 5 mars les agents de santé communautaire des aires de Tinza et "
        "de Gorom pour renforcer leurs capacités sur la prise en charge de la malnutrition aiguë des enfants.")


def test_a_headline_the_page_cut_short_is_still_the_headline():
    blocks = [Block("paragraph", ["Les agents de santé communautaire de Dori renforcent leurs capacités sur la prise e..."]),
              Block("paragraph", [BODY])]
    assert headline(blocks)[0].startswith("Les agents de santé communautaire de Dori renforcent")


def test_a_slogan_cut_short_that_the_body_does_not_speak_of_is_not_the_headline():
    blocks = [Block("paragraph", ["Tinza Conseil, l'Expertise et l'Accompagnement au service de toute la clientèle..."]),
              Block("paragraph", [BODY])]
    assert headline(blocks) is None


def test_a_teaser_gives_its_headline_not_its_lede():
    blocks = [Block("paragraph", ["Les agents de santé de Dori formés à la prise en charge de la malnutrition. Une "
                                  "trentaine d'agents participent depuis lundi à une session..."]),
              Block("paragraph", [BODY])]
    assert headline(blocks)[0] == "Les agents de santé de Dori formés à la prise en charge de la malnutrition"


def test_a_headline_may_give_the_event_s_dates():
    blocks = [Block("paragraph", ["Dori capitale régionale de la nutrition, du 3 au 5 mars 2025"]),
              Block("paragraph", [BODY])]
    assert headline(blocks)[0] == "Dori capitale régionale de la nutrition, du 3 au 5 mars 2025"


def test_a_place_and_date_line_is_still_no_headline():
    blocks = [Block("paragraph", ["Tinza, Dori et Gorom, 3 mars 2025"]), Block("paragraph", [BODY])]
    assert headline(blocks) is None


def test_minutes_named_with_a_colon_are_the_title():
    blocks = [Block("paragraph", ["Compte rendu de la réunion du 12 mars 2025 à la mairie de Tinza :"]),
              Block("paragraph", [BODY])]
    assert headline(blocks)[0] == "Compte rendu de la réunion du 12 mars 2025 à la mairie de Tinza"


def test_a_body_s_name_as_a_kicker_before_what_it_did_is_a_headline():
    assert not not_a_title("PROGRAMME SANTÉ-TINZA : le ministère évalue les projets")
    assert not_a_title("Programme national de santé scolaire")


def test_a_document_label_with_a_bare_kind_of_event_is_not_a_title():
    assert not_a_title("RAPPORT DE FORMATION")
    assert not_a_title("Compte rendu de réunion")
    assert not not_a_title("Rapport de la formation des relais de Dori")


def test_a_reading_time_is_furniture():
    assert not_a_title("Read Time:3 Minute, 12 Second")


def test_a_file_s_name_over_the_headline_does_not_make_it_a_motto():
    blocks = [Block("paragraph", ["spot_imgspot_img"]), Block("paragraph", ["Tinza : la mutuelle ouvre ses portes"]),
              Block("paragraph", [BODY])]
    assert headline(blocks)[0] == "Tinza : la mutuelle ouvre ses portes"


def test_a_composed_event_stops_before_a_verb_or_a_relative():
    assert event_phrase("La campagne commencera le lundi dans les aires de Dori.") == "Campagne"
    assert event_phrase("Une rencontre dont le but était d'échanger s'est tenue à Tinza.") == "Rencontre"
    assert event_phrase("La revue annuelle vendredi 11 juillet 2025 par le comité de Tinza.") == "Revue annuelle"


def test_a_composed_event_keeps_the_subject_a_participle_gives_it():
    assert event_phrase("Un atelier consacré à la surveillance des maladies s'est tenu à Dori.") == (
        "Atelier consacré à la surveillance des maladies")
    assert event_phrase("L'atelier a recommandé une meilleure collaboration.") == "Atelier"
