"""Citable units: lessons, recommendations (with structure and deadline), difficulties, figures, perspectives."""

from pathlib import Path

from build_scripts.extract.structure import parse_blocks
from build_scripts.extract.units import extract_units
from build_scripts.build import read_corpus

SEEDS = Path(__file__).parent.parent / "source_reports"


def units_of(text: str, fmt: str = "text"):
    return extract_units(parse_blocks(text, fmt))


def test_prodess_recommendation_table_gives_five_recommendations(vocab):
    corpus = read_corpus(SEEDS, vocab)
    prodess = next(r for r in corpus.reports if r.meta["programme"] == "PRODESS")
    recs = [u for u in prodess.units if u.kind == "recommendation"]
    assert len(recs) == 5
    assert all(u.structure and u.deadline for u in recs)
    gestion = next(u for u in recs if "commission de réflexion" in u.text)
    assert (gestion.structure, gestion.deadline) == ("DNS", "Avant CT 2018")
    assert gestion.topic.startswith("La gestion des ASC")


def test_pass_sourou_abstract_gives_lessons_and_difficulties(vocab):
    corpus = read_corpus(SEEDS, vocab)
    report = next(r for r in corpus.reports if r.meta["programme"] == "PASS-SOUROU")
    kinds = [u.kind for u in report.units]
    assert kinds.count("lesson") == 2 and "difficulty" in kinds and "perspective" in kinds
    lesson = next(u for u in report.units if u.kind == "lesson")
    assert lesson.text.startswith("la stratégie a permis de réduire le cloisonnement")


def test_bulleted_recommendations_with_responsible_and_deadline():
    text = ("RECOMMANDATIONS\n"
            "- Organiser une supervision formative des relais communautaires. Responsable : MCD de Tanout. "
            "Échéance : juin 2019.\n"
            "- Rendre disponibles les outils de gestion du PEV.\n"
            "  Responsable : DRSP / Logisticien régional. Échéance : 30 avril 2019.\n"
            "PERSPECTIVES\n"
            "- Étendre l'approche aux districts de Gouré et Mirriah.\n")
    units = units_of(text)
    recs = [u for u in units if u.kind == "recommendation"]
    assert [u.structure for u in recs] == ["MCD de Tanout", "DRSP / Logisticien régional"]
    assert [u.deadline for u in recs] == ["juin 2019", "30 avril 2019"]
    assert [u.kind for u in units if u.kind == "perspective"] == ["perspective"]


def test_recommendations_in_prose():
    text = ("La séance a été levée à 13 h. Les participants ont recommandé de renforcer la coordination "
            "entre les districts frontaliers. Il a été recommandé aux partenaires d'aligner leurs appuis sur le PTA.")
    recs = [u.text for u in units_of(text) if u.kind == "recommendation"]
    assert len(recs) == 2 and recs[0].startswith("Les participants ont recommandé")


def test_key_figure_with_target():
    units = units_of("Le taux de couverture en Penta3 est de 87,5 % pour un objectif de 90 %.")
    fig = next(u for u in units if u.kind == "figure")
    assert (fig.value, fig.target) == ("87,5 % ; 90 %", "90 %")


def test_lessons_under_a_heading_of_a_markdown_report():
    text = "# Atelier\n\n## Leçons apprises\n\n- L'implication des leaders religieux accroît l'adhésion.\n" \
           "- Les relais formés restent actifs quand ils sont supervisés.\n\n## Conclusion\n\nMerci à tous."
    lessons = [u for u in units_of(text, "markdown") if u.kind == "lesson"]
    assert len(lessons) == 2


def test_unit_ids_survive_an_unrelated_edit():
    before = ("Difficultés rencontrées : la rupture des intrants ; le retard des fonds.\n"
              "Les participants ont recommandé de mobiliser les fonds avant le 30 juin.")
    after = "Ajout d'un paragraphe d'introduction sur le contexte sanitaire.\n" + before.replace(
        "le retard des fonds", "le retard important des fonds")
    ids_before = {u.text: u.uid for u in units_of(before)}
    ids_after = {u.text: u.uid for u in units_of(after)}
    kept = "Les participants ont recommandé de mobiliser les fonds avant le 30 juin."
    assert ids_before[kept] == ids_after[kept]
    assert ids_before["la rupture des intrants"] == ids_after["la rupture des intrants"]
    assert len(set(ids_after.values())) == len(ids_after)


def test_a_later_report_gives_the_status_of_a_recommendation(vocab):
    from build_scripts.followup import follow_up_status

    corpus = read_corpus(Path(__file__).parent / "fixtures" / "suivi", vocab)
    follow_up_status(corpus.reports)
    first = next(r for r in corpus.reports if r.meta["date"] == "2019-03-14")
    later = next(r for r in corpus.reports if r.meta["date"] == "2020-02-10")
    status = {u.text.split(" ")[0]: (u.status, u.status_source) for u in first.units if u.kind == "recommendation"}
    assert status == {"Organiser": ("réalisée", later.slug), "Renforcer": ("en cours", later.slug)}
    assert all(not u.status for u in later.units)
