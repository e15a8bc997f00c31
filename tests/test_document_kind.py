"""The kind of document and the town of the meeting, from the words of the text (our own short French texts)."""

from __future__ import annotations

import pytest

from build_scripts.extract.document import document_type, meeting_town

ABSTRACT = """Introduction
Les relais communautaires de la zone de Tanguiéta manquaient de supports.

Méthodologie
Une enquête transversale a été menée auprès de 120 relais.

Résultats
Le taux de visites à domicile est passé de 40 % à 72 %.

Conclusion
Des supports simples améliorent le travail des relais.
"""


@pytest.mark.parametrize("title, text, expected", [
    ("", "PROCÈS-VERBAL DE LA RÉUNION DU COMITÉ DE GESTION\n\nL'an deux mille vingt…", "Procès-verbal"),
    ("", "Rapport de l'atelier de validation des outils de collecte\n\nDu 3 au 5 mai…", "Rapport d'atelier"),
    ("Atelier de planification des activités du district", "Les participants…", "Rapport d'atelier"),
    ("", "Résumé\n\nCette communication présente…\n\nMots-clés : relais, supervision", "Communication (résumé)"),
    ("", ABSTRACT, "Communication (résumé)"),
    ("", "Tanguiéta : les relais se forment aux visites à domicile\n\nPublié le 4 mars 2024\n\nLes relais…",
     "Article de presse"),
    ("", "Natitingou : la campagne démarre\n\nLa campagne a été lancée hier. Selon le médecin-chef, 30 000 enfants…",
     "Article de presse"),
    ("", "Compte rendu de la réunion mensuelle\n\nLa réunion s'est tenue le 3 mai…", "Compte rendu"),
    ("", "Résumé de l'atelier national sur la qualité des données\n\nUn atelier s'est tenu…", "Rapport d'atelier"),
])
def test_document_type(title, text, expected):
    assert document_type(title, text).value == expected


@pytest.mark.parametrize("text, countries, expected", [
    ("La réunion s'est tenue le 3 mai 2023 à Natitingou, sous la présidence du préfet.", ["Bénin"], "Natitingou"),
    ("Djougou, le 12 juin 2022\n\nCompte rendu de la session…", ["Bénin"], "Djougou"),
    ("Les travaux se sont déroulés dans la salle de réunion de la mairie de Parakou.", ["Bénin"], "Parakou"),
    ("La réunion s'est tenue le 3 mai 2023 à Natitingou.", ["Mali"], None),  # not a town of the report's country
    ("La réunion s'est tenue le 3 mai 2023 dans la salle du comité.", ["Bénin"], None),
])
def test_meeting_town(vocab, text, countries, expected):
    assert meeting_town(text, countries, vocab).value == expected
