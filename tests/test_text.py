"""Shared text helpers: the one-pass phrase matcher finds exactly what one regex per phrase list finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.text import PhraseSets, fold, phrase_pattern, word_spans

# Overlapping lists on purpose: shared prefixes, a phrase inside another, one list without any phrase.
LISTS = [["santé communautaire", "santé", "agents de santé"], ["communautaire", "relais communautaires"],
         [], ["agent", "santé de proximité", "ASC"], ["vaccin", "vaccination", "PEV"]]
PIECES = ["santé", "communautaire", "communautaires", "relais", "agent", "agents", "de", "proximité", "vaccins",
          "vaccinations", "ASC", "asc", "PEV", "PEV4", "-", " ", "  ", ",", "x", "santés", "l'"]


def _one_regex_per_list(lists, text, case_sensitive):
    out = []
    for phrases in lists:
        p = phrase_pattern(phrases, case_sensitive=case_sensitive, inflections=True)
        out.append([m.group(0) for m in p.finditer(text)] if p else [])
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.booleans())
def test_phrase_sets_match_one_regex_per_list(pieces, case_sensitive):
    text = fold(" ".join(pieces), lower=not case_sensitive)
    sets = PhraseSets(LISTS, case_sensitive=case_sensitive, inflections=True)
    assert sets.findall(text) == _one_regex_per_list(LISTS, text, case_sensitive)


def test_phrase_sets_on_a_sentence():
    text = fold("Les agents de santé communautaire et les relais communautaires (ASC) : santé de proximité.")
    found = PhraseSets(LISTS, inflections=True).findall(text)
    assert found == _one_regex_per_list(LISTS, text, False)
    assert found[0] == ["agents de sante", "sante"]  # a match hides the phrases inside it and found[2] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["PASS", "PASS-SOUROU", "xPASS", "PASS_2", "PASSé", " ", "-", "\n", "(", "é", "2"]),
                max_size=12), st.sampled_from(["PASS", "PASS-SOUROU", "SS"]))
def test_word_spans_are_the_regex_matches(pieces, word):
    import re

    text = "".join(pieces)
    expected = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    assert word_spans(text, word) == expected
