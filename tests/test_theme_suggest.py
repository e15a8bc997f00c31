"""The curator tool that suggests theme keywords from labelled texts (texts written for these tests)."""

from build_scripts.config import load_vocabulary
from build_scripts.curator.theme_suggest import leave_one_part_out, suggest_keywords, terms, with_keywords
from build_scripts.extract.themes import classify_themes

VOCAB = load_vocabulary()

# A word no keyword covers ('pulvérisations': checked below), used by texts of three
# parts filed under malaria, and once by a text about something else.
NETS = "Les équipes ont mené des pulvérisations dans les villages du district."
FOOD = "Les enfants malnutris ont été dépistés et pris en charge."
OTHER = "Le comité a examiné le budget de l'année et les dépenses engagées par les districts."


def _docs(word: str = "pulvérisations") -> list:
    net_text = NETS.replace("pulvérisations", word)
    docs = [(part, {"infectious-diseases"}, net_text, "Rapport de mission") for part in "ABCABCAB"]
    docs += [("C", {"health-financing"}, f"{OTHER} {net_text}", "Rapport de mission")]
    docs += [(part, {"health-financing"}, OTHER, "Rapport financier") for part in "ABCABC"]
    docs += [(part, {"nutrition"}, FOOD, "Rapport") for part in "ABCABCABCABC"]  # the theme is not most texts'
    return docs


def _suggested(docs, **limits) -> dict[str, str]:
    return {term: theme for theme, term, *_ in suggest_keywords(docs, VOCAB, **limits)}


def test_a_word_mostly_used_by_one_themes_texts_is_suggested_for_that_theme():
    suggested = _suggested(_docs("pulvérisations"), min_texts=6, min_parts=3)
    assert suggested.get("pulverisations") == "infectious-diseases"
    assert not classify_themes("Les pulvérisations ont eu lieu.", "", VOCAB).value  # a real gap in themes.yml


def test_a_word_used_by_one_part_only_is_not_suggested():
    docs = [d for d in _docs("pulvérisations") if d[0] != "C" or d[1] == {"health-financing"}]
    docs = [(("A" if d[1] == {"infectious-diseases"} else d[0]), *d[1:]) for d in docs]
    assert "pulverisations" not in _suggested(docs, min_texts=6, min_parts=3)


def test_existing_keywords_capitalised_names_and_meeting_words_are_not_suggested():
    found = terms("La réunion de Kindia a traité du paludisme et des pulvérisations intradomiciliaires.")
    assert "kindia" not in found and "Kindia" not in found  # a place name is capitalised
    assert "reunion" not in found  # meeting vocabulary
    assert "pulverisations intradomiciliaires" in found  # two content words side by side
    docs = [(d[0], d[1], d[2].replace("pulvérisations", "paludisme"), d[3]) for d in _docs()]
    assert "paludisme" not in _suggested(docs, min_texts=6, min_parts=3)  # already a keyword


def test_suggested_keywords_are_added_to_a_copy_of_the_vocabulary():
    text = "Les pulvérisations ont eu lieu dans trois districts ; les pulvérisations continueront."
    richer = with_keywords(VOCAB, [("infectious-diseases", "pulverisations", 9, 8, 0.89)])
    assert classify_themes(text, "", richer).value[:1] == ["infectious-diseases"]
    assert not classify_themes(text, "", VOCAB).value  # the curated vocabulary is left alone


def test_leave_one_part_out_scores_each_part_with_the_others_suggestions():
    docs = _docs("pulvérisations")
    held = leave_one_part_out(docs, VOCAB, min_texts=4, min_parts=2)
    assert sorted(held) == ["A", "B", "C"]
    for part, (before, after, n) in held.items():
        assert n >= 1  # the other two parts suggest the word
        assert after[0] >= before[0]  # the held-out malaria texts are found with it
