"""A report's themes weighed by a model fit on labelled texts (build_scripts/data/theme_model.yml).

Per theme, a logistic regression over two kinds of evidence: the keyword scores of every theme (themes.yml, as
``themes.theme_scores`` counts them), each as a share of the top theme's, and the content words of the report (single
words and pairs of words, accents removed, tf-idf weighted over the model's terms, the title counted TITLE_REPEAT
times). The top theme is always kept, the second and the third when their probability reaches the model's
thresholds and something in the report weighs for them (themes.select_themes).

The keywords stay the curator's lever: they are features the model weighs, and a theme the model does not know
(added to themes.yml after the fit) makes the build fall back on the keyword rule until the model is fit again. The
build only reads the file; ``score --realtext --train themes`` (curator/theme_fit.py) writes it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..text import fold

FILE_NAME = "theme_model.yml"  # beside themes.yml, in the vocabulary folder
TEXT_CHARS = 6000  # what a report is about is said in its first pages
TITLE_REPEAT = 3
MIN_LETTERS = 4
# small words that may join two words of a term ('chaîne du froid'), never start or end one
LINKS = frozenset("a au aux d de des du en l la le les".split())
# words that say nothing of a subject: meeting, document and reporting vocabulary, dates, French function words
STOP = frozenset("""
    alors apres aupres aussi autre autres avait avant avec avoir cadre ceci cela celle celles celui certains ces cette
    ceux chaque comme comment dans depuis deux doit donc dont elle elles encore entre etaient etait etant etre fait
    faire fois leur leurs lors mais meme memes ainsi notamment nous ont pour plus parmi partir peut plusieurs pourrait
    quelques quel quelle qui que sans selon sera seront ses son sont sous suite sur tant tous tout toute toutes tres
    trois vers voir votre vous afin ayant enfin egalement lequel laquelle lesquels lesquelles dont aux cours
    atelier ateliers reunion reunions rencontre rencontres session sessions seance participants participantes
    rapport rapports compte rendu document documents presentation presentations travaux jour jours journee journees
    date lieu salle heures matin soir ouverture cloture discours mot allocution remerciements objectif objectifs
    resultats attendus recommandations recommandation points point ordre annee annees mois semaine premier premiere
    deuxieme troisieme niveau niveaux ensemble mise place cas nombre total part parts effet suivant suivants suivante
    janvier fevrier mars avril juin juillet aout septembre octobre novembre decembre
    lundi mardi mercredi jeudi vendredi samedi dimanche
""".split())
WORD = re.compile(r"[a-zœæ]+(?:-[a-zœæ]+)*", re.IGNORECASE)  # ('œuvre' is one word: 'mise en œuvre')
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "OE", "Æ": "AE"})
JOINED = re.compile(r"[\s'’]*")  # what may stand between the words of a pair: no punctuation
# what stands before a sentence's first word (not the full stop of 'Dr.', 'Pr.', 'M.', 'Mme.': a name follows)
SENTENCE_START = re.compile(r"(?:^|(?<!\bDr)(?<!\bPr)(?<!\bMr)(?<!\bMme)(?<!\bM)[.!?:]\s+|\n)[\s«\"'“(-]*$")
LOOK_BACK = 40


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of a text, accents removed and ligatures spelled out, with their span; a word is read in lower case
    when its case says nothing: the first word of a sentence or line, and every word of a line written in capitals
    (a heading)."""
    folded = fold(text, lower=False)
    line_starts = [0] + [m.end() for m in re.finditer("\n", folded)]
    capitals: dict[int, bool] = {}  # line start -> the line is written in capitals
    out = []
    for m in WORD.finditer(folded):
        w = m.group(0).translate(LIGATURES)
        if not w.islower():
            start = line_starts[bisect.bisect_right(line_starts, m.start()) - 1]
            if start not in capitals:
                end = folded.find("\n", start)
                capitals[start] = folded[start:end if end >= 0 else len(folded)].isupper()
            if capitals[start] or (w[1:].islower() and
                                   SENTENCE_START.search(folded, max(0, m.start() - LOOK_BACK), m.start())):
                w = w.lower()
        out.append((w, m.start(), m.end()))
    return out


def content_terms(text: str) -> list[str]:
    """The terms of a text in order: its content words (in lower case: names of places, people and bodies are
    capitalised, acronyms are the keywords' business; MIN_LETTERS letters or more; not in STOP), and pairs of them
    next to each other or joined by one small word, never across punctuation, accents removed."""
    tokens = _tokens(text)
    out: list[str] = []

    def content(w: str) -> bool:
        return w.islower() and len(w) >= MIN_LETTERS and w not in STOP

    def joined(i: int) -> bool:  # token i + 1 follows token i with no punctuation between them
        return i + 1 < len(tokens) and JOINED.fullmatch(text, tokens[i][2], tokens[i + 1][1]) is not None

    for i, (w, _, _) in enumerate(tokens):
        if not content(w):
            continue
        out.append(w)
        if not joined(i):
            continue
        nxt = tokens[i + 1][0]
        if content(nxt):
            out.append(f"{w} {nxt}")
        elif nxt in LINKS and joined(i + 1) and content(tokens[i + 2][0]):
            out.append(f"{w} {nxt} {tokens[i + 2][0]}")
    return out


def terms(text: str, title: str) -> Counter[str]:
    """The terms of the title, counted TITLE_REPEAT times, and of the first TEXT_CHARS characters of the text."""
    return Counter(content_terms(title) * TITLE_REPEAT + content_terms(text[:TEXT_CHARS]))


def term_vector(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """(1 + log tf) x idf over the model's terms, scaled to unit length."""
    vec = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items() if t in idf}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def keyword_vector(scores: dict[str, float]) -> dict[str, float]:
    """The keyword score of each theme as a share of the top theme's: the same for a news item and for a hundred-page
    report that says the same, where raw scores grow with the length."""
    top = max(scores.values(), default=0.0)
    return {slug: v / top for slug, v in scores.items() if v > 0} if top > 0 else {}


def _sigmoid(z: float) -> float:
    """1 / (1 + e^-z), without overflow for a large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def probability_rule(second: float, third: float) -> tuple[float, float, float, float]:
    """Thresholds on probabilities as themes.select_themes reads them (a probability alone, no share of the top)."""
    return second, 0.0, third, 0.0


@dataclass(frozen=True)
class Weighing:
    """What the model makes of one report: each theme's probability, and what weighed for or against it."""

    probs: dict[str, float]
    contributions: dict[str, list[tuple[str, float]]]  # theme -> (feature, weight x value), in one order

    def reasons(self, slug: str, k: int = 3) -> list[str]:
        """The k features that weigh most for a theme in this report: what a curator reads to see why."""
        ranked = sorted(self.contributions[slug], key=lambda fc: (-fc[1], fc[0]))
        return [f for f, c in ranked[:k] if c > 0]

    def weighed(self) -> set[str]:
        """The themes something in the report weighs for (not their frequency alone)."""
        return {slug for slug, cs in self.contributions.items() if any(c > 0 for _, c in cs)}


@dataclass(frozen=True)
class ThemeModel:
    themes: tuple[str, ...]
    idf: dict[str, float]
    bias: dict[str, float]
    keyword_weights: dict[str, dict[str, float]]  # theme -> theme whose keyword score it weighs -> weight
    term_weights: dict[str, dict[str, float]]  # theme -> term -> weight
    second: float  # probability a second theme needs
    third: float  # … and a third

    @property
    def rule(self) -> tuple[float, float, float, float]:
        return probability_rule(self.second, self.third)

    def weigh(self, scores: dict[str, float], counts: Counter[str]) -> Weighing:
        """Each theme's probability from the keyword scores and the report's terms (``terms``); the features are
        read in one order, so the sums are the same on every machine."""
        kw = sorted(keyword_vector(scores).items())
        words = sorted(term_vector(counts, self.idf).items())
        contributions = {}
        for slug in self.themes:
            kw_w, term_w = self.keyword_weights[slug], self.term_weights[slug]
            contributions[slug] = ([(f"{k} keywords", kw_w.get(k, 0.0) * v) for k, v in kw]
                                   + [(t, term_w.get(t, 0.0) * v) for t, v in words])
        probs = {slug: _sigmoid(self.bias[slug] + sum(c for _, c in cs)) for slug, cs in contributions.items()}
        return Weighing(probs, contributions)

    def fits(self, slugs: list[str] | tuple[str, ...]) -> bool:
        """Whether the model was fit on these themes (a theme added to or renamed in themes.yml since: no)."""
        return sorted(self.themes) == sorted(slugs)


FIX = ("fit the model again (python -m build_scripts score --realtext --train themes) or restore the file "
       "(git checkout build_scripts/data/theme_model.yml)")


MAX_WEIGHT = 1000.0  # a fitted weight is a few units; larger is a damaged file


def _number(name: str, value: object, problems: list[str], low: float = -MAX_WEIGHT, high: float = MAX_WEIGHT) -> float:
    """A finite number between low and high, or 0.0 and a problem naming the field."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= float(value) <= high:
        problems.append(f"field '{name}' must be a number between {low:g} and {high:g}, not {value!r}")
        return 0.0
    return float(value)


def _numbers(name: str, value: object, problems: list[str], required: bool = False) -> dict[str, float]:
    """A mapping of names to finite numbers, or {} and a problem naming the field."""
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or (required and not value):
        problems.append(f"field '{name}' must be a mapping of names to numbers")
        return {}
    return {str(k): _number(f"{name}.{k}", v, problems) for k, v in value.items()}


def _keys(name: str, mapping: dict, allowed: set[str], required: set[str], problems: list[str]) -> None:
    for key in sorted(set(map(str, mapping)) - allowed):
        problems.append(f"unknown field '{name}{key}'; expected {', '.join(sorted(allowed))}")
    for key in sorted(required - set(map(str, mapping))):
        problems.append(f"field '{name}{key}' is missing")


def from_data(data: object) -> tuple[ThemeModel | None, list[str]]:
    """The model a file's data holds, or None and what is wrong with it (each problem naming its field)."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict) or not data["themes"]:
        return None, ["field 'themes' must map each theme's slug to its weights"]
    _keys("", data, {"second", "third", "themes", "idf"}, {"second", "third", "themes", "idf"}, problems)
    themes: dict[str, dict] = {}
    for slug, m in data["themes"].items():
        if not isinstance(m, dict):
            problems.append(f"field 'themes.{slug}' must hold bias, keywords and words")
            continue
        _keys(f"themes.{slug}.", m, {"bias", "keywords", "words"}, {"bias"}, problems)
        themes[str(slug)] = m
    for slug, m in themes.items():
        for k in sorted(set(map(str, m.get("keywords") or {})) - set(themes)):
            problems.append(f"field 'themes.{slug}.keywords.{k}' weighs a theme the model does not have")
    model = ThemeModel(
        themes=tuple(themes),
        idf=_numbers("idf", data.get("idf"), problems, required=True),
        bias={slug: _number(f"themes.{slug}.bias", m.get("bias"), problems) for slug, m in themes.items()},
        keyword_weights={slug: _numbers(f"themes.{slug}.keywords", m.get("keywords"), problems)
                         for slug, m in themes.items()},
        term_weights={slug: _numbers(f"themes.{slug}.words", m.get("words"), problems) for slug, m in themes.items()},
        second=_number("second", data.get("second"), problems, 0.0, 1.0),
        third=_number("third", data.get("third"), problems, 0.0, 1.0))
    return (None, problems) if problems else (model, [])


def read(path: Path) -> tuple[ThemeModel | None, list[str]]:
    """The model a file holds (None when there is no file), and its problems, each naming the file and the field."""
    if not path.is_file():
        return None, []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [f"{path.name}: not readable YAML ({str(exc).splitlines()[0]}); {FIX}"]
    model, problems = from_data(data)
    return model, [f"{path.name}: {p}; {FIX}" for p in problems]
