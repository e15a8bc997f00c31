"""A title is never a letterhead line, whatever its case or country: mottos, bodies' names, the state's name."""

import pytest

from build_scripts.extract.titles import headline, not_a_title
from build_scripts.models import Block


@pytest.mark.parametrize("line", [
    "Paix – Travail – Solidarité",            # a motto of three words between dashes
    "Un Pays – Un Avenir – Une Volonté",      # of three short parts
    "Agence régionale de santé publique",     # a body's name alone, not in capitals
    "Programme national de santé scolaire",
    "République du Tinza",                    # the state's name
    "Tinza FASO",
])
def test_letterhead_lines_are_not_titles(line):
    assert not_a_title(line)


@pytest.mark.parametrize("line", [
    "Revue annuelle du programme de santé scolaire",
    "Atelier de Dori",
    "Choléra à Garoua",
    "Programme de santé scolaire : atelier de validation du plan 2025",
])
def test_titles_stay_titles(line):
    assert not not_a_title(line)


def test_the_line_under_the_state_is_its_motto_not_the_title():
    blocks = [Block("heading", ["TINZA FASO"]), Block("paragraph", ["L'Unité dans le travail, toujours"]),
              Block("paragraph", ["-----------"]), Block("heading", ["MINISTÈRE DE LA SANTÉ"]),
              Block("heading", ["Compte rendu de la session du comité de gestion de Dori"])]
    assert headline(blocks) == ("Compte rendu de la session du comité de gestion de Dori", 4)


@pytest.mark.parametrize("line", [
    "Skip to main content",                                   # a web page's skip link
    "Vue des participants à la cérémonie",                    # a photo's caption
    "Au cours de la présentation des résultats de la revue",  # a caption opening on 'au cours de'
    "Le ministre lors de la visite (@ministere_tinza)",       # a caption with its credit
    "A. Kodjo © Agence tinzane",                              # a photo credit
    "I. Introduction",                                        # a section heading of the body
    "Remerciements",
    "mardi 14 septembre 2021",                                # a date alone
    "2 et 3 OCTOBRE 2016",
    "Dr Awa Kodjo, directrice régionale de la santé",         # a person presented under a photo
    "Koffi Mensah, correspondant à Dori",                     # a correspondent's byline
    "DORI (TINZA FASO)",                                      # a town and its country alone
    "Télécharger au format pdf",                              # download-page furniture
    "ab/cd/ef",                                               # an agency's sign-off initials
])
def test_furniture_captions_and_bylines_are_not_titles(line):
    assert not_a_title(line)


@pytest.mark.parametrize("line", [
    "Lors de la revue annuelle, le district de Dori fait le bilan",   # a headline may open on 'lors de'
    "Réforme du système de santé : les partenaires d'accord",         # 'Réf' is not a reference number
    "Atelier de validation du plan 2025 de la DRS de Dori",
    "E-santé : le district de Dori ouvre son dossier patient",        # not a lettered section 'E-'
    "10 agents formés à Dori",                                        # not a numbered section
])
def test_headlines_that_look_like_furniture_stay_titles(line):
    assert not not_a_title(line)


def test_the_headline_under_a_ticker_label_is_another_article():
    blocks = [Block("paragraph", ["Flash infos"]), Block("paragraph", ["Tinza : le recensement prorogé de quatre jours"]),
              Block("heading", ["Dori : la revue annuelle du district sanitaire s'est tenue"]),
              Block("paragraph", ["Le district sanitaire de Dori a tenu sa revue annuelle le 3 mars 2024 avec ses partenaires."])]
    assert headline(blocks)[0] == "Dori : la revue annuelle du district sanitaire s'est tenue"


def test_letters_styled_in_bold_for_social_media_become_plain():
    blocks = [Block("heading", ["𝗦𝗮𝗻𝘁𝗲́ 𝗽𝘂𝗯𝗹𝗶𝗾𝘂𝗲 : 𝗹𝗮 𝗿𝗲𝘃𝘂𝗲 𝗮𝗻𝗻𝘂𝗲𝗹𝗹𝗲 𝗱𝗲 𝗗𝗼𝗿𝗶"]),
              Block("paragraph", ["Le district sanitaire de Dori a tenu sa revue annuelle le 3 mars 2024 avec ses partenaires."])]
    assert headline(blocks)[0] == "Santé publique : la revue annuelle de Dori"


def test_a_composed_title_names_the_event_not_the_verb_after_it():
    from build_scripts.extract.titles import event_phrase
    text = ("Photo de la mission\nLe gouverneur a conduit une mission conjointe de travail dans la région de Dori. "
            "Ce comité directeur est un cadre d'échange.")
    assert event_phrase(text) == "Mission conjointe de travail"
    assert event_phrase("La revue du 1er trimestre 2024 se tient du 3 au 5 mars.") == "Revue du 1er trimestre 2024"
    assert event_phrase("Le comité directeur est un cadre d'échange entre responsables.") == "Comité directeur"


@pytest.mark.parametrize("line", [
    "(Le ministère et ses partenaires lancent les travaux)",  # a kicker in brackets over the text
    "TINZA-DORI-SANTE-FORMATION",                            # an agency's slug of keywords
    "VI.1. Cible et contenu de la formation",                # a numbered subsection
    "2.3) Déroulement des travaux",
    "Contexte sanitaire tinzan après la pandémie",           # a subhead opening on 'Contexte'
])
def test_kickers_slugs_and_subsections_are_not_titles(line):
    assert not_a_title(line)


def test_a_hard_wrapped_line_of_the_first_paragraph_is_not_a_headline():
    blocks = [Block("paragraph", ["VI. Commentaires"]), Block("paragraph", ["Les infirmières du centre de santé de Dori"]),
              Block("paragraph", ["ont été la cible de l'atelier de formation réalisé le 15 avril 2011."]),
              Block("paragraph", ["La salle était bien aérée."])]
    assert headline(blocks) is None


def test_a_page_stamp_before_the_headline_is_not_part_of_it():
    blocks = [Block("paragraph", ["date 2025-01 TINZA-DORI-SANTE"]),
              Block("paragraph", ["Dori : le district forme ses agents de santé communautaire"]),
              Block("paragraph", ["Le district sanitaire de Dori a formé, le samedi 25 janvier 2025, quarante agents."])]
    assert headline(blocks, {"date 2025-01"})[0] == "Dori : le district forme ses agents de santé communautaire"


def test_a_composed_title_reads_as_a_librarian_would_write_it():
    from build_scripts.extract.titles import event_phrase, extract_title
    # a hard-wrapped sentence, the length of the workshop dropped, capitals in sentence case
    assert (event_phrase("La rencontre a eu lieu lors de la Journée d'information\net de sensibilisation sur la "
                         "mutuelle.") == "Journée d'information et de sensibilisation sur la mutuelle")
    assert event_phrase("tel est l'objectif d'un atelier de formation de cinq jours, organisé à Kiffa.") == "Atelier de formation"
    assert event_phrase("LE FORUM SOUS RÉGIONAL DE COLLABORATION S'EST OUVERT À DORI.") == "Forum sous régional de collaboration"
    # event, organiser, place and date; a common noun alone is no organiser
    blocks = [Block("paragraph", ["Un atelier de validation du plan régional s'est tenu à Dori le 3 mars 2024 avec les "
                                  "districts de la région."])]
    title = extract_title(blocks, blocks[0].lines[0], programme=None, organiser_short="Agence", date="2024-03-03",
                          place="Dori").value
    assert title == "Atelier de validation du plan régional, Dori, 3 mars 2024"


@pytest.mark.parametrize("first,expected", [
    # a plan's years in the headline do not make it a date line
    (["Tinza : la région de Dori valide son plan de développement sanitaire 2023–2030"],
     "Tinza : la région de Dori valide son plan de développement sanitaire 2023–2030"),
    # a headline 'Place : statement.' ending on a full stop
    (["Dori : quand les grèves freinent la vaccination."], "Dori : quand les grèves freinent la vaccination."),
    # a long research title, repeated by the page
    (["Mobilisation des relais communautaires pour la vaccination de routine dans les districts sanitaires à fort "
      "défi sécuritaire de la région du Sahel : une approche de proximité évaluée sur deux ans, Dori, Tinza, 2024"] * 2,
     "Mobilisation des relais communautaires pour la vaccination de routine dans les districts sanitaires à fort "
     "défi sécuritaire de la région du Sahel : une approche de proximité évaluée sur deux ans, Dori, Tinza, 2024"),
])
def test_headlines_with_years_full_stops_or_many_words(first, expected):
    blocks = [Block("paragraph", [line]) for line in first] + [
        Block("paragraph", ["Le district sanitaire de Dori a tenu sa revue annuelle le 3 mars 2024 avec ses partenaires."])]
    assert headline(blocks)[0] == expected


def test_a_long_first_sentence_is_not_a_headline():
    blocks = [Block("paragraph", ["Ce jour 23 avril 2018 s'est tenue dans la salle de conférence de la fédération une séance "
                                  "de travail entre l'équipe du projet et le personnel de la plateforme autour de l'extension "
                                  "du projet aux districts de la région"]),
              Block("paragraph", ["La séance a été ouverte par le président de la fédération."])]
    assert headline(blocks) is None


def test_sentence_case_writes_places_as_the_gazetteer_does_and_keeps_french_words_it_lacks(vocab):
    from build_scripts.extract.titles import known_names, sentence_case
    assert (sentence_case("RÉUNION TRANSFRONTALIÈRE NIGER-NIGERIA SUR LA POLIOMYÉLITE À SÉGOU", frozenset(),
                          known_names(vocab)) == "Réunion transfrontalière Niger-Nigeria sur la poliomyélite à Ségou")


@pytest.mark.parametrize("line", [
    "Voir la Revue de presse",  # a site's link
    "Modifier l'article Suivre ce blog Administration + Créer mon blog",  # a blog platform's bar
    "Partager sur les réseaux",
    "Imprimer cette page",
    "Tél : 20 33 44 55 / 20 33 44 56",  # a contact line of a letterhead
    "BP 1234 Dori",
    "Courriel : secretariat@exemple.org",
    "Le Médecin-chef du district présentant les résultats",  # a photo's caption: a participle, no finite verb
    "Dr Awa Kodjo remettant les attestations aux relais",
    "Les participants suivant la présentation du bilan",
])
def test_buttons_contact_lines_and_participle_captions_are_not_titles(line):
    assert not_a_title(line)


@pytest.mark.parametrize("line", [
    "Atelier portant sur la vaccination de routine à Dori",
    "Le ministre de la Santé lance la campagne de vaccination à Dori",
    "Le directeur régional présentant le bilan a salué les agents de Dori",  # a finite verb: a sentence, a headline
    "Voyage au cœur de la santé communautaire à Dori",
    "Tel est le défi de la santé communautaire à Dori",
])
def test_headlines_with_a_participle_or_a_button_word_stay_titles(line):
    assert not not_a_title(line)


def test_a_title_set_over_several_lines_in_capitals_is_read_whole():
    blocks = [Block("heading", ["MINISTÈRE DE LA SANTÉ"]), Block("paragraph", ["BP : 104 Dori"]),
              Block("heading", ["PROCÈS-VERBAL"]), Block("heading", ["DE LA 12ÈME SESSION ORDINAIRE"]),
              Block("heading", ["DU CONSEIL DE GESTION"]), Block("heading", ["DU CENTRE DE SANTÉ DE DORI"]),
              Block("heading", ["TENUE LE 4 AVRIL 2019"]), Block("heading", ["4 AVRIL 2019"]),
              Block("paragraph", ["L'an deux mil dix-neuf et le quatre avril s'est tenue la session du conseil."])]
    title, last = headline(blocks)
    assert title == ("PROCÈS-VERBAL DE LA 12ÈME SESSION ORDINAIRE DU CONSEIL DE GESTION DU CENTRE DE SANTÉ DE DORI "
                     "TENUE LE 4 AVRIL 2019")
    assert last == 6  # the date line under it is not part of the title


def test_a_word_title_over_two_headings_is_read_whole_and_a_next_heading_is_not():
    blocks = [Block("heading", ["Rapport de l'atelier de validation"]), Block("heading", ["du plan régional de Dori"]),
              Block("heading", ["Introduction"]), Block("paragraph", ["L'atelier s'est tenu à Dori du 3 au 5 mars 2024."])]
    assert headline(blocks)[0] == "Rapport de l'atelier de validation du plan régional de Dori"


def test_a_rubric_over_the_headline_and_a_date_under_it_do_not_hide_it():
    blocks = [Block("paragraph", ["illustration"]),
              Block("paragraph", ["VACCINATION : LA RÉGION DE DORI MOBILISE SES RELAIS POUR LA CAMPAGNE"]),
              Block("paragraph", ["mercredi 08 janvier 2020"]),
              Block("paragraph", ["Dori, le 8 janvier 2020 - Le directeur régional de la santé a réuni les relais."])]
    assert headline(blocks)[0] == "VACCINATION : LA RÉGION DE DORI MOBILISE SES RELAIS POUR LA CAMPAGNE"


def test_ordinals_in_capitals_are_written_the_french_way():
    from build_scripts.extract.titles import sentence_case
    assert sentence_case("12ÈME SESSION DU 1ER COMITÉ ET 2E REVUE") == "12e session du 1er comité et 2e revue"


def test_a_composed_title_stops_before_a_clause_or_a_word_that_points_back():
    from build_scripts.extract.titles import event_phrase
    assert event_phrase("Il a participé à la réunion où il a représenté le gouvernement.") == "Réunion"
    assert event_phrase("La cérémonie de lancement de ces centres a eu lieu hier.") == "Cérémonie de lancement"
    assert event_phrase("une campagne électorale comptant pour rien.") == "Campagne électorale"


@pytest.mark.parametrize("line", [
    "Connect with us",                                       # a social bar in English
    "Communiqué de presse",                                  # a label
    "Dori media 24",                                         # a news site's name
    "Association des sages-femmes de Dori",                  # a body's name alone
    "← retour Santé publique",                               # a back link with its arrow
    "Messagerie | Contact",                                  # a menu
    "DORINFO/Dori le 09-01-2026",                            # an agency's stamp with its date
    "Dori Hebdo (Dori 30/06/16)",                            # a site's name and a date in brackets
    "Accès aux sites pays",                                  # a site's navigation
])
def test_site_names_labels_and_bodies_alone_are_not_titles(line):
    assert not_a_title(line)


def test_an_advert_above_the_headline_gives_way_to_the_line_the_body_speaks_of():
    blocks = [Block("paragraph", ["Dori TV, contenus exclusifs et divertissement sur votre mobile"]),
              Block("paragraph", ["Santé maternelle : le gouverneur lance le déploiement de 40 sages-femmes à Dori"]),
              Block("paragraph", ["Le gouverneur de la région a présidé le lundi 8 novembre 2021 à Dori la cérémonie de "
                                  "lancement du déploiement de 40 sages-femmes dans les centres de santé de la région."])]
    assert headline(blocks)[0].startswith("Santé maternelle : le gouverneur lance")


def test_a_body_paragraph_opening_on_a_person_ends_the_search_for_a_headline():
    blocks = [Block("paragraph", ["Dr Issa Kaboré, coordonnateur du programme d'appui aux districts, a souhaité la bienvenue "
                                  "aux participants venus des provinces et les a encouragés à profiter de cet atelier pour "
                                  "échanger sur les difficultés rencontrées et donner un nouvel élan au programme."]),
              Block("paragraph", ["Importance de l'atelier"]),
              Block("paragraph", ["Le représentant des partenaires a souligné l'importance de cette rencontre pour la suite."])]
    assert headline(blocks) is None
