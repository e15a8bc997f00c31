"""A text whose accents a wrong decoding replaced by U+FFFD reads as French again."""

from build_scripts.readers.text import normalise_text
from build_scripts.text import french_spellings


def test_replacement_characters_become_the_accents_of_the_word():
    text = normalise_text("La r\ufffdunion a \ufffdt\ufffd organis\ufffde en d\ufffdcembre.")
    if french_spellings():
        assert text == "La réunion a été organisée en décembre."
    assert "\ufffd" not in text and len(text) == len("La réunion a été organisée en décembre.")
