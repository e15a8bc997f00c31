"""Where a body's name ends in its sentence (extract/name_ends.py): phrases written for these tests."""

import pytest

from build_scripts.extract.name_ends import cut_run_on, not_a_body, tidy
from build_scripts.text import french_spellings

CUT = [
    ("Ministère de la Santé et de l'Action sociale lance aujourd'hui", "Ministère de la Santé et de l'Action sociale"),
    ("ONG Lumière du Sahel œuvrent", "ONG Lumière du Sahel"),
    ("Ministère de la Santé publique et l'UNICEF", "Ministère de la Santé publique"),
    ("Direction régionale de la santé de Dosso, des chefs de district", "Direction régionale de la santé de Dosso"),
    ("Ministère de la Santé ainsi que quelques responsables des agences", "Ministère de la Santé"),
    ("Ministère de la Santé publique et président du comité", "Ministère de la Santé publique"),
    ("Comité de pilotage du programme les 25 et 26 juillet prochains", "Comité de pilotage du programme"),
    ("Direction de la nutrition pour la tenue de cet atelier", "Direction de la nutrition"),
    ("Ministère de la Santé publique via le centre des opérations d'urgence", "Ministère de la Santé publique"),
    ("Ministère de la Santé[/caption]", "Ministère de la Santé"),
    ("Réseau des journalistes en santé · 12", "Réseau des journalistes en santé"),
    ("Association AJVS et", "Association AJVS"),
    ("ASSOCIATION KANAGA du", "ASSOCIATION KANAGA"),
    ("Ministère de la Santé et de la lutte contre le sida a", "Ministère de la Santé et de la lutte contre le sida"),
    ("CLUSTER NUTRITION TCHAD Compte Rendu De Réunion", "CLUSTER NUTRITION TCHAD"),
    ("Institut de santé publique (Du 6 au 7 mars 2015)", "Institut de santé publique"),
    ("Ministère de la Santé publique et de la Solidarité Dr Kossi Amégan", "Ministère de la Santé publique et de la Solidarité"),
    ("Banque mondiale sur la couverture maladie universelle", "Banque mondiale"),
    ("Comité directeur du ministère de la santé sur la revue annuelle", "Comité directeur du ministère de la santé"),
    ("Ministère de la santé publique entouré de ses collaborateurs", "Ministère de la santé publique"),
    ("Présidence de la République et du Premier ministre", "Présidence de la République"),
    ("Présidence de la République regroupe", "Présidence de la République"),
    ("Ministère de la Santé et de l'Hygiène publique de ce lundi", "Ministère de la Santé et de l'Hygiène publique"),
    ("Cluster Santé-Tinza du mercredi 13 février 2013", "Cluster Santé-Tinza"),
    ("Ministère de la santé) le programme Lux-Tinza pour le Sahel (2013-2015", "Ministère de la santé"),
    ("Ministère des affaires sociales, de l'enfance et de la famille en Adrar",
     "Ministère des affaires sociales, de l'enfance et de la famille"),
    ("Gouvernorat de Dori M", "Gouvernorat de Dori"),
    ("Coordination de la lutte contre la rougeole et chef de mission", "Coordination de la lutte contre la rougeole"),
    ("Ministère de la santé et de la population et la représentation de l'OMS", "Ministère de la santé et de la population"),
    ("Réseau des élus de lutte contre le sida · 9", "Réseau des élus de lutte contre le sida"),
    ("Institut régional de santé publique INSTITUT RÉGIONAL DE SANTÉ PUBLIQUE DE DORI", "Institut régional de santé publique"),
]

KEPT = [
    "Ministère de la Santé et de l'Hygiène publique",
    "Fonds des Nations unies pour l'enfance",
    "Programme de supplémentation en vitamine A",
    "Fonds mondial de lutte contre le Sida, la Tuberculose et le Paludisme",
    "Conseil national de lutte contre le sida, la tuberculose et les IST (SP/CNLS)",
    "Unité de mise en œuvre du projet",
    "Comité de suivi du rapport",
    "Comité de pilotage de la convention entre SANOFI et le Ministère de la Santé",
    "Unité d'appui à la gestion et la Coordination des programmes",
    "Centre hospitalier universitaire Yalgado Ouédraogo",
    "Comité de pilotage du projet Santé Kayes",
    "Groupe de travail sur la prise en charge des cas de paludisme",
    "Comité de réflexion sur la santé des adolescents",
    "Centre de recherche sur les maladies tropicales",
    "Direction régionale de la santé (DRS)",
    "Association des femmes en Afrique",
    "Projet d'appui à la promotion des filières / projet d'appui aux filières",
    "Association de sensibilisation sur le VIH",
    "Bureau de liaison sur la santé",
]


@pytest.mark.parametrize("phrase, name", CUT)
def test_what_the_sentence_goes_on_with_is_cut(phrase, name):
    assert tidy(phrase) == name


@pytest.mark.parametrize("name", KEPT)
def test_a_whole_name_is_kept(name):
    assert tidy(name) == name


@pytest.mark.skipif(not french_spellings(), reason="needs Debian's French word list (apt-get install wfrench)")
def test_a_second_body_in_title_case_is_cut_a_second_portfolio_or_a_place_is_not():
    assert tidy("Ministère de la santé et l'Unitinza") == "Ministère de la santé"
    assert tidy("Ministère de la Santé et l'Hygiène publique") == "Ministère de la Santé et l'Hygiène publique"
    assert tidy("Ministère de la Jeunesse et l'Entrepreneuriat") == "Ministère de la Jeunesse et l'Entrepreneuriat"
    assert tidy("Direction régionale de la santé du Nord et l'Extrême-Nord") == \
        "Direction régionale de la santé du Nord et l'Extrême-Nord"


@pytest.mark.skipif(not french_spellings(), reason="needs Debian's French word list (apt-get install wfrench)")
def test_a_place_where_a_public_body_acts_is_cut_a_sector_or_a_delegations_country_is_not():
    assert tidy("Ministère des affaires sociales et de la famille en Adrar") == \
        "Ministère des affaires sociales et de la famille"
    assert tidy("Direction de la Recherche en Santé") == "Direction de la Recherche en Santé"
    assert tidy("Délégation de l'Union européenne en Guinée") == "Délégation de l'Union européenne en Guinée"


def test_a_body_of_people_keeps_the_people_it_is_named_after():
    assert tidy("Union des maires et des présidents de communes") == "Union des maires et des présidents de communes"
    assert tidy("Comité des ministres de la santé et des directeurs généraux") == \
        "Comité des ministres de la santé et des directeurs généraux"
    assert tidy("Direction de la santé et du directeur régional") == "Direction de la santé"


@pytest.mark.skipif(not french_spellings(), reason="needs Debian's French word list (apt-get install wfrench)")
def test_a_person_after_a_ministry_is_cut_with_the_word_list():
    assert tidy("Ministère des Affaires sociales Awa Mbaïkoua") == "Ministère des Affaires sociales"


def test_an_activity_or_several_bodies_is_not_a_body():
    assert not_a_body("Organisation de la rencontre")
    assert not_a_body("Plusieurs structures")
    assert not not_a_body("Organisation mondiale de la santé")
    assert not not_a_body("Organisation des femmes de Dapaong")
    assert not_a_body("Organisation de consultations gratuites")
    assert not not_a_body("Organisation de coordination pour la lutte contre les endémies en Afrique centrale")
    assert not not_a_body("Organisation pour la mise en valeur du fleuve Sénégal")
    assert not not_a_body("Organisation des Nations Unies pour l'alimentation et l'agriculture")


# names a review found cut by an earlier version of these rules (written for this test)
@pytest.mark.parametrize("name", [
    "Programme National de Lutte Contre le Sida et les IST",
    "Programme national de prise en charge du VIH et des IST",
    "Fédération des ONG et des associations féminines",
    "Direction de l'hôpital Gabriel Touré",
    "Direction régionale de la santé Haut Sassandra",
    "Réseau des femmes élues locales d'Afrique",
    "Syndicat des travailleurs et agents de la santé",
    "Association des parents et amis de malades mentaux et de leurs familles",
    "Association des victimes du 28 septembre",
])
def test_names_that_hold_a_pair_a_date_or_a_person_are_kept(name):
    assert tidy(name) == name


def test_mark_up_ends_a_name_and_a_lone_link_word_is_no_name():
    assert tidy("Ministère de la Santé[/caption] Photo de famille des participants") == "Ministère de la Santé"
    assert tidy('Ministère de la Santé [caption id="attachment_5012" align="aligncenter" width="640"] Photo') == \
        "Ministère de la Santé"
    assert tidy("ASSOCIATION KANAGA DU") == "ASSOCIATION KANAGA"
    assert tidy("de la") == ""
    assert not not_a_body("Organisation de la Conférence islamique")


def test_an_adjective_in_ent_stays_in_a_name_a_verb_in_ent_ends_it():
    assert cut_run_on("Secrétariat technique permanent du conseil de la nutrition") == \
        "Secrétariat technique permanent du conseil de la nutrition"
    assert cut_run_on("Gouvernement tinzan ambitionne de garantir la couverture") == "Gouvernement tinzan"
    assert cut_run_on("District sanitaire de Dori outillent les agents") == "District sanitaire de Dori"
