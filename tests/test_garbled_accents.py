"""A text whose accents a wrong decoding replaced by U+FFFD reads as French again."""

import pytest

from build_scripts.readers.text import normalise_text
from build_scripts.text import french_spellings


def test_replacement_characters_become_the_accents_of_the_word():
    text = normalise_text("La r\ufffdunion a \ufffdt\ufffd organis\ufffde en d\ufffdcembre.")
    assert text == "La réunion a été organisée en décembre."  # 'é', the most frequent accent, without a word list too


@pytest.mark.skipif(not french_spellings(), reason="Debian's French word list (wfrench) is not installed")
def test_a_lost_letter_other_than_e_comes_back_from_the_french_word_list():
    assert normalise_text("Le probl\ufffdme fran\ufffdais") == "Le problème français"


def test_an_acute_accent_typed_for_an_apostrophe_is_an_apostrophe():
    assert normalise_text("le ministère de l´Hygiène publique et d´une équipe") == \
        "le ministère de l’Hygiène publique et d’une équipe"
    assert normalise_text("l’accent ´ seul reste") == "l’accent ´ seul reste"
