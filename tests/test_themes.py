"""Themes a documentalist would file a report under: its main subject, most often one more, a third only when it
weighs nearly as much; common words count half, phrases that only look like a keyword count for nothing."""

import shutil
from pathlib import Path

import pytest

from build_scripts.config import ConfigError, load_vocabulary
from build_scripts.extract.themes import classify_themes, theme_scores

DATA = Path(__file__).resolve().parent.parent / "build_scripts" / "data"

TRAINING = ("Le district sanitaire de Koundara a organisé du 3 au 5 mai une formation des agents de santé sur la prise "
            "en charge du paludisme grave. Les formateurs ont présenté les tests de diagnostic rapide (TDR), les CTA "
            "et le traitement pré-transfert. Chaque participant a reçu un module de formation et un guide de "
            "prise en charge.")


def test_a_training_on_malaria_is_filed_under_malaria_and_training(vocab):
    themes = classify_themes(TRAINING, "Formation des agents de santé sur la prise en charge du paludisme grave",
                             vocab).value
    assert set(themes) == {"infectious-diseases", "human-resources"}


def test_a_health_facility_and_a_chief_medical_officer_are_not_a_training_or_staffing_subject(vocab):
    text = ("La campagne de vaccination contre la rougeole s'est déroulée dans les 24 formations sanitaires du "
            "district, sous la conduite du médecin-chef de district. Les formations sanitaires ont reçu les vaccins "
            "et les vaccinateurs ont atteint une couverture vaccinale de 96 %. Le médecin chef a salué les équipes.")
    themes = classify_themes(text, "Campagne de vaccination contre la rougeole", vocab).value
    assert themes[0] == "vaccination" and "human-resources" not in themes
    assert theme_scores(text, "", vocab)["human-resources"] == 0


def test_a_funder_named_after_sur_financement_is_no_evidence_of_health_financing(vocab):
    text = ("La direction régionale de la santé a tenu sa réunion de coordination des activités de lutte contre la "
            "tuberculose, sur financement de la Banque mondiale. Le taux de dépistage de la tuberculose et le suivi "
            "des malades sous traitement ont été examinés.")
    assert theme_scores(text, "", vocab)["health-financing"] == 0


def test_a_theme_mentioned_once_in_passing_is_not_added_to_a_report_about_something_else(vocab):
    text = ("Le comité régional de lutte contre les épidémies s'est réuni pour faire le point de la riposte à "
            "l'épidémie de choléra: cas suspects, cas confirmés, investigation des foyers, équipes d'intervention "
            "rapide et surveillance épidémiologique aux points d'entrée. La flambée recule depuis deux semaines. "
            "Une séance de sensibilisation sur l'allaitement maternel exclusif est prévue le mois prochain.")
    themes = classify_themes(text, "Réunion du comité régional de lutte contre les épidémies", vocab).value
    assert themes[0] == "epidemic-response"
    assert "nutrition" not in themes


def test_three_themes_only_when_the_third_weighs_nearly_as_much_as_the_first(vocab):
    text = ("Le comité de pilotage du projet d'appui à la santé de la mère et de l'enfant a examiné les consultations "
            "prénatales, les accouchements assistés par une sage-femme et la planification familiale. Les membres "
            "du comité de pilotage ont validé le plan de travail et renforcé la coordination des partenaires. Les "
            "sages-femmes ont suivi une formation continue en soins obstétricaux et néonatals d'urgence (SONU); "
            "trente formateurs ont encadré leurs stages.")
    themes = classify_themes(text, "Comité de pilotage du projet d'appui à la santé de la mère et de l'enfant", vocab)
    assert themes.value[:2] == ["maternal-child-health", "governance-coordination"] and len(themes.value) <= 3


def _data_with_themes(tmp_path: Path, themes_yml: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "themes.yml").write_text(themes_yml, encoding="utf-8")
    return data


THEMES = """\
not_keywords:
  - formation sanitaire
themes:
  - slug: human-resources
    label: Ressources humaines et formation
    keywords:
      - formation
    weak_keywords:
      - médecin
  - slug: vaccination
    label: Vaccination
    keywords:
      - vaccination
"""


def test_a_committees_session_is_also_filed_under_governance_but_an_organising_committee_is_not(vocab):
    session = ("Le comité provincial de nutrition de Tinza a tenu sa session trimestrielle à Dori. Les membres du comité "
               "ont examiné le dépistage de la malnutrition aiguë chez les enfants de moins de cinq ans, la prise en "
               "charge dans les centres de récupération nutritionnelle et l'approvisionnement en aliments "
               "thérapeutiques. Le comité a arrêté son calendrier pour le prochain trimestre.")
    themes = classify_themes(session, "Session du comité provincial de nutrition de Tinza", vocab).value
    assert themes[0] == "nutrition" and "governance-coordination" in themes
    # the committee that organises an event is no governing body: the same report of a vaccination day names only it
    event = ("Le comité d'organisation de la journée de vaccination de Tinza a remercié les équipes. La journée a permis "
             "de vacciner 1 200 enfants contre la rougeole; la couverture vaccinale atteint 94 %. Le comité "
             "d'organisation a salué les vaccinateurs et les relais.")
    assert theme_scores(event, "Journée de vaccination à Tinza", vocab)["governance-coordination"] == 0


def test_a_weak_keyword_counts_half_and_a_not_keyword_nothing(tmp_path):
    vocab = load_vocabulary(_data_with_themes(tmp_path, THEMES))
    assert theme_scores("Une formation pour les médecins.", "", vocab)["human-resources"] == 1.5 * 1.5  # lead
    assert theme_scores("Les médecins de la formation sanitaire.", "", vocab)["human-resources"] == 1.5 * 0.5
    assert classify_themes("La formation sanitaire a organisé la vaccination.", "", vocab).value == ["vaccination"]


def test_an_unknown_top_level_field_in_themes_yml_is_named(tmp_path):
    with pytest.raises(ConfigError, match="unknown top-level field 'not_keyword'"):
        load_vocabulary(_data_with_themes(tmp_path, THEMES.replace("not_keywords:", "not_keyword:")))


# measured: development set 0.83 with the keyword rule, 0.81 with the theme model (ninth session of 2026-12-06); the
# real-text floor is read on the calibration parts G-J, which no fit ever learns from (the theme model is fit on the
# development parts and files them nearly perfectly: no measure there): 0.773 with the keyword rule, 0.798 with the
# theme model
REALTEXT_F1_FLOOR, DEVSET_F1_FLOOR = 0.78, 0.79


def test_themes_f1_on_the_development_set_stays_where_it_was_measured(vocab):
    import yaml
    from build_scripts.curator.score import score_set, theme_f1
    devset = Path(__file__).resolve().parent / "devset"
    counts = [0, 0, 0]
    expected = yaml.safe_load((devset / "expected.yml").read_text(encoding="utf-8"))
    expected.pop("_reports_folder", None)
    score_set(devset / "reports", expected, vocab, False, counts)
    assert theme_f1(*counts)[2] >= DEVSET_F1_FLOOR


def test_themes_f1_on_real_texts_stays_where_it_was_measured(vocab):
    from build_scripts.curator import realtext
    from build_scripts.curator.score import theme_f1
    cases = realtext.load_cases()
    if any(not realtext.excerpt_path(c["id"]).is_file() for c in cases):
        pytest.skip("the real-text excerpts are third-party text kept out of git (.cache/realtext/); refill them "
                    "with 'python -m build_scripts score --realtext --missing', then --store ID FILE")
    tally = realtext.score_cases([c for c in cases if c.get("half") in realtext.CALIBRATION], vocab)
    assert theme_f1(tally.tp, tally.fp, tally.fn)[2] >= REALTEXT_F1_FLOOR


def test_an_office_named_by_an_acronym_or_an_idiom_is_not_a_disease(vocab):
    text = ("La Cellule de planification et de statistique (CPS) a tenu la revue des indicateurs du système "
            "d'information sanitaire. La CPS a présenté la complétude et la promptitude des rapports mensuels. "
            "Le débat a fait rage sur la qualité des données.")
    themes = classify_themes(text, "Revue des indicateurs de la CPS", vocab).value
    assert themes[0] == "monitoring-evaluation" and "infectious-diseases" not in themes


def test_a_list_of_diseases_in_a_bodys_name_weighs_less_than_as_many_mentions(vocab):
    listed = ("Le Conseil national de lutte contre le VIH/sida, la tuberculose, le paludisme et les hépatites a lancé "
              "la campagne de vaccination contre la rougeole dans la commune.")
    apart = ("Le VIH/sida recule dans la commune. La tuberculose aussi. Le paludisme reste la première cause de "
             "consultation, et les hépatites sont rarement dépistées.")
    assert theme_scores(listed, "", vocab)["infectious-diseases"] < theme_scores(apart, "", vocab)["infectious-diseases"]
    assert classify_themes(listed, "Lancement de la campagne de vaccination contre la rougeole", vocab).value[0] == \
        "vaccination"


def test_a_third_theme_needs_both_its_own_score_and_a_share_of_the_first():
    from build_scripts.extract.themes import select_themes
    scores = {"nutrition": 10.0, "governance-coordination": 6.0, "monitoring-evaluation": 4.0}
    assert select_themes(scores) == ["nutrition", "governance-coordination"]  # 4 < half of 10
    assert select_themes(scores, (1.5, 0.1, 3.0, 0.4)) == list(scores)
    assert select_themes({"vaccination": 9.0, "nutrition": 0.5}) == ["vaccination"]


def test_thresholds_are_chosen_on_the_parts_they_are_not_scored_on():
    from build_scripts.curator.theme_cv import best_rule, counts
    from build_scripts.extract.themes import RULE
    # second themes that score a third of the first are labelled in these texts: a lower share is chosen
    exs = [("A", {"nutrition", "vaccination"}, {"nutrition": 9.0, "vaccination": 3.0, "hygiene-sanitation": 0.5})] * 3
    rule = best_rule(exs)
    assert counts(exs, rule) == (6, 0, 0) and rule[1] * 9.0 <= 3.0
    # third themes at well under half the first are labelled: the hand-set rule misses them, a lower share is chosen
    exs = [("A", {"nutrition", "vaccination", "governance-coordination"},
            {"nutrition": 9.0, "vaccination": 4.0, "governance-coordination": 3.5, "hygiene-sanitation": 0.5})] * 3
    rule = best_rule(exs)
    assert counts(exs, RULE) == (6, 0, 3) and counts(exs, rule) == (9, 0, 0) and rule[3] * 9.0 <= 3.5
    assert best_rule([("A", {"nutrition"}, {"nutrition": 9.0})]) == RULE  # a tie keeps the hand-set thresholds


def test_the_organiser_in_a_composed_title_is_no_evidence_of_a_theme(vocab):
    """A report without a heading gets a title made from its event and organiser; the organiser's name ('Ministère
    de la Solidarité …') is no heading of the report: a campaign of vaccination is filed under vaccination first, and
    the ministry's portfolios (solidarity, humanitarian action) are no theme of it."""
    from build_scripts.extract.report import extract_report
    from build_scripts.models import SourceDocument
    text = ("Tinza, 3 mars 2024. Le ministère de la Solidarité et de l'Action humanitaire a lancé la campagne de "
            "vaccination contre la rougeole dans trois districts ; les équipes de vaccination ont atteint 12 000 "
            "enfants et la couverture vaccinale dépasse 94 %.")
    report, _ = extract_report(SourceDocument(source="t.txt", text=text, fmt="text", encoding="utf-8", sha256="0"),
                               vocab)
    assert "Ministère de la solidarité" in report.found["title"].value
    themes = report.found["themes"].value
    assert themes[0] == "vaccination" and "social-protection" not in themes, report.found["themes"]
