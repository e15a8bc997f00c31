"""The date's confidence is calibrated per kind of answer: a day a sentence says the event took place is confident,
a year taken from elsewhere in the text or a month alone is not; the thresholds are chosen where answers held 96 %."""

from __future__ import annotations

from build_scripts.curator.date_confidence import MIN_ANSWERS, threshold, thresholds
from build_scripts.extract.dates import confidence, date_answer, extract_dates


def test_a_day_the_text_says_the_meeting_was_held_is_confident():
    text = ("L'atelier de validation du plan d'action s'est tenu le 14 mars 2023 à Ségou, dans la salle de "
            "conférence du gouvernorat. Les participants ont examiné le projet de plan.")
    answer = date_answer(text)
    assert answer.start.value == "2023-03-14" and answer.kind == "day, event sentence"
    assert answer.start.confidence >= 0.7


def test_a_year_taken_from_elsewhere_in_the_text_is_not_confident():
    text = ("Rapport annuel 2022 du district sanitaire de Bla.\n"
            "La réunion de coordination s'est tenue le 12 avril au siège du district.")
    answer = date_answer(text)
    assert answer.start.value == "2022-04-12" and answer.kind == "year from the text"
    assert answer.start.confidence < 0.7


def test_a_month_alone_is_not_confident():
    start, _ = extract_dates("La mission de supervision s'est déroulée en juin 2020 dans la région de Mopti.")
    assert start.value == "2020-06" and start.confidence < 0.7


def test_confidence_is_0_7_at_the_threshold_and_never_reached_without_one(tmp_path):
    path = tmp_path / "date_confidence.yml"
    path.write_text("confident_at:\n  day, event sentence: 0.5\n  month or year: null\n", encoding="utf-8")
    assert confidence("day, event sentence", 0.5, path) == 0.7
    assert confidence("day, event sentence", 0.4, path) < 0.7 < confidence("day, event sentence", 0.8, path) <= 1.0
    assert confidence("month or year", 1.0, path) < 0.7  # null: never confident
    assert confidence("inferred", 1.0, path) < 0.7  # a kind the file does not name: never confident


def test_the_threshold_is_the_lowest_strength_that_keeps_96_percent_right():
    answers = [(0.9, True)] * 30 + [(0.6, True)] * 10 + [(0.5, False)] * 3
    assert threshold(answers) == 0.6
    assert threshold([(1.0, False), (0.9, True)]) is None  # the best answer is wrong: no strength holds it


def test_a_kind_must_hold_on_every_group_and_be_seen_often_enough():
    dev = [("day, event sentence", 0.8, True)] * 20
    calibration = [("day, event sentence", 0.9, True)] * 10 + [("day, event sentence", 0.8, False)] * 2
    at = thresholds(dev, calibration)
    assert at["day, event sentence"] == 0.9  # the stricter of the two groups
    few = [("inside a range", 0.6, True)] * (MIN_ANSWERS - 1)
    assert thresholds(few)["inside a range"] is None
