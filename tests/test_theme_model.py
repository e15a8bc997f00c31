"""The theme model (extract/theme_model.py): fit by a curator's command on labelled texts, read by the build from
build_scripts/data/theme_model.yml; a report's themes do not depend on its length, and a theme the model does not
know sends the build back to the keyword rule."""

import shutil
from pathlib import Path

import pytest
import yaml

from build_scripts.config import ConfigError, load_vocabulary
from build_scripts.curator import theme_fit
from build_scripts.extract import theme_model
from build_scripts.extract.themes import classify_themes, select_themes, theme_scores

DATA = Path(__file__).resolve().parent.parent / "build_scripts" / "data"

# texts written for these tests: two subjects, each said with its own words
VACCINATION = ["La campagne de vaccination contre la rougeole a couvert {n} villages ; les vaccinateurs ont tenu la "
               "chaîne du froid et les équipes mobiles ont rattrapé les enfants non vaccinés.",
               "Les agents ont revu la couverture vaccinale du district et les ruptures de vaccins signalées dans "
               "{n} centres de santé, puis planifié les séances de vaccination en stratégie avancée."]
NUTRITION = ["Le dépistage de la malnutrition aiguë a porté sur {n} enfants ; les relais ont mesuré le périmètre "
             "brachial et orienté les cas vers les unités de récupération nutritionnelle.",
             "Les mères ont suivi des séances de démonstration culinaire sur l'alimentation du jeune enfant et "
             "l'allaitement exclusif dans {n} villages."]


def _training_set(vocab):
    docs, labels = [], []
    for n in range(12):
        for texts, theme in ((VACCINATION, "vaccination"), (NUTRITION, "nutrition")):
            text = texts[n % 2].format(n=n + 3) + " " + texts[(n + 1) % 2].format(n=2 * n + 5)
            docs.append((text, ""))
            labels.append({theme})
    rows = [(dict(theme_scores(text, title, vocab)), theme_model.terms(text, title)) for text, title in docs]
    return docs, rows, labels


def _fitted(vocab):
    _, rows, labels = _training_set(vocab)
    model = theme_fit._fit(rows, labels, sorted(t.slug for t in vocab.themes))
    return theme_model.ThemeModel(model.themes, model.idf, model.bias, model.keyword_weights, model.term_weights,
                                  0.4, 0.5)


def test_the_file_a_fit_writes_is_the_model_the_build_reads(vocab, tmp_path):
    model = _fitted(vocab)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    theme_fit.write_model(model, data / theme_model.FILE_NAME)
    read = load_vocabulary(data).theme_model
    text = VACCINATION[0].format(n=40)
    scores = dict(theme_scores(text, "", vocab))
    counts = theme_model.terms(text, "")
    assert read.weigh(scores, counts).probs == model.weigh(scores, counts).probs
    assert select_themes(read.weigh(scores, counts).probs, read.rule)[0] == "vaccination"
    # the words that weigh most for a theme come first: what a curator reads to see why
    written = yaml.safe_load((data / theme_model.FILE_NAME).read_text(encoding="utf-8"))
    words = list(written["themes"]["nutrition"]["words"].values())
    assert words == sorted(words, reverse=True)


def test_fitting_twice_on_the_same_texts_writes_the_same_file(vocab, tmp_path):
    for name in ("a.yml", "b.yml"):
        theme_fit.write_model(_fitted(vocab), tmp_path / name)
    assert (tmp_path / "a.yml").read_bytes() == (tmp_path / "b.yml").read_bytes()


@pytest.mark.parametrize("damage,field", [
    (lambda t: t.replace("second: ", "second: beaucoup #", 1), "'second'"),
    (lambda t: t.replace("second: ", "second: 5 #", 1), "'second' must be a number between 0 and 1"),
    (lambda t: t.replace("    bias: ", "    bias: x #", 1), "bias"),
    (lambda t: t.replace("    bias: ", "    bias: -100000 #", 1), "bias' must be a number between"),
    (lambda t: t.replace("    bias: ", "    bias: .nan #", 1), "bias' must be a number between"),
    (lambda t: t.replace("    bias: ", "    bais: ", 1), "unknown field 'themes."),
    (lambda t: t.replace("\nidf:", "\nidf_old:", 1), "field 'idf' is missing"),
    (lambda t: t + "\n  - une liste\n", "not readable YAML"),
    (lambda t: "themes: [vaccination, nutrition]\n", "themes"),
])
def test_a_damaged_model_file_is_named_with_its_field_and_how_to_fix_it(tmp_path, damage, field):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / theme_model.FILE_NAME
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_vocabulary(data)
    message = str(err.value)
    assert message.startswith("theme_model.yml: ") and field in message and "--train themes" in message


def test_a_long_report_is_filed_like_the_short_item_that_says_the_same(vocab):
    """Keyword scores grow with a text's length; the model reads them as shares of the top theme's, and the words of
    the first pages: a hundred-page report is filed as the news item that says the same."""
    short = " ".join(VACCINATION).format(n=12) + " " + NUTRITION[0].format(n=300)
    long = short + " " + " ".join([" ".join(VACCINATION).format(n=k) for k in range(60)])
    title = "Revue de la campagne de vaccination"
    assert classify_themes(long, title, vocab).value == classify_themes(short, title, vocab).value


def test_a_theme_the_model_does_not_know_sends_the_build_back_to_the_keyword_rule(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    themes = (data / "themes.yml").read_text(encoding="utf-8")
    (data / "themes.yml").write_text(themes.replace("slug: nutrition", "slug: nutrition-alimentation"),
                                     encoding="utf-8")
    vocab = load_vocabulary(data)
    found = classify_themes(" ".join(NUTRITION).format(n=8), "Journée de dépistage de la malnutrition", vocab)
    assert found.method.startswith("theme keywords (themes.yml") and "fit it again" in found.method
    assert found.value[0] == "nutrition-alimentation"
    assert load_vocabulary().theme_model.fits([t.slug for t in load_vocabulary().themes])  # the shipped model fits


def test_the_curator_sees_what_weighed_most_for_each_theme(vocab):
    """`check` shows a field's evidence: for themes, each chosen theme's probability and the keywords or words of the
    report that weighed most for it."""
    from build_scripts.text import fold
    title = "Journée de dépistage de la malnutrition"
    text = " ".join(NUTRITION).format(n=8)
    found = classify_themes(text, title, vocab)
    first = found.snippet.split("; ")[0]
    assert first.startswith(f"{found.value[0]}=") and found.value[0] == "nutrition"
    reasons = first[first.index("(") + 1:first.rindex(")")].split(", ")
    assert reasons and all(r == f"{slug} keywords" or r in fold(f"{title} {text}")
                           for r in reasons for slug in [r.removesuffix(" keywords")])


def test_words_are_read_whole_and_in_lower_case_only_where_case_says_nothing():
    terms = theme_model.content_terms("MISE EN ŒUVRE DU PLAN\nLe Dr. Traoré a présenté la mise en œuvre. "
                                      "Fin.          Paludisme et vaccination ; équipes mobiles.")
    assert "oeuvre" in terms and "uvre" not in terms  # a ligature is spelled out, not a word boundary
    assert "traore" not in terms  # a name after 'Dr.' keeps its capital: not a content word
    assert "paludisme" in terms  # a sentence's first word, however many spaces after the full stop
    assert "vaccination equipes" not in terms  # no pair across punctuation


def test_a_second_theme_needs_something_in_the_report_not_its_frequency_alone(vocab):
    model = vocab.theme_model
    text, title = "Le budget a été discuté.", ""
    scores = dict(theme_scores(text, title, vocab))
    weighing = model.weigh(scores, theme_model.terms(text, title))
    chosen = select_themes(weighing.probs, model.rule, weighing.weighed())
    assert all(weighing.reasons(slug) for slug in chosen[1:])
    assert all(slug in weighing.weighed() for slug in chosen[1:])


def test_an_extreme_weight_gives_a_probability_not_a_crash(vocab):
    model = vocab.theme_model
    extreme = theme_model.ThemeModel(model.themes, model.idf, {s: -1000.0 for s in model.themes},
                                     model.keyword_weights, model.term_weights, model.second, model.third)
    probs = extreme.weigh({"nutrition": 2.0}, theme_model.terms("La malnutrition aiguë.", "")).probs
    assert all(0.0 <= p < 1e-100 for p in probs.values())
