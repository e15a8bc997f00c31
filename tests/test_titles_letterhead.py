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
