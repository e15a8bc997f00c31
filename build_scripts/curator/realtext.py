"""The real-text evaluation set: labelled public texts (labels committed, excerpts cached and never committed),
and the accuracy of extraction on them, field by field."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .. import readers
from ..build import extract_one as extract_report
from ..config import Vocabulary
from ..models import CONFIDENT
from ..text import fold
from .score import read_document, theme_f1

ROOT = Path(__file__).resolve().parent.parent.parent  # the project folder
CASES = ROOT / "tests" / "realtext" / "cases.yml"
CACHE = ROOT / ".cache" / "realtext"
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
FIELDS = ("country", "date", "programme", "organiser")
LETTERHEAD = re.compile(
    r"^(?:republique|ministere|direction|secretariat general|cabinet|premier ministere|presidence|"
    r"(?:un )?peuple|unite|fraternite|travail|note de synthese|titre\s*:|compte rendu\s*$|proces-verbal\s*$)", re.I)


@dataclass
class Tally:
    """Right / scored per field, confident right / confident, theme counts, title figures, missing cases."""

    ok: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    n: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    sure_ok: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    sure_n: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    tp: int = 0
    fp: int = 0
    fn: int = 0
    titles: int = 0
    letterheads: int = 0
    similarity: float = 0.0
    missing: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for counts in ("ok", "n", "sure_ok", "sure_n"):
            for f, v in getattr(other, counts).items():
                getattr(self, counts)[f] += v
        for total in ("tp", "fp", "fn", "titles", "letterheads", "similarity"):
            setattr(self, total, getattr(self, total) + getattr(other, total))
        self.missing += other.missing
        self.failures += other.failures


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """The labelled cases, in file order; an id that cannot name a file is an error naming the case."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for n, case in enumerate(data):
        if not isinstance(case, dict) or not ID.match(str(case.get("id", ""))):
            raise ValueError(f"{path}: case {n + 1} has no valid 'id' (lower-case letters, digits and '-')")
    return data


def excerpt_path(case_id: str, cache: Path = CACHE) -> Path:
    return cache / f"{case_id}.txt"


def missing_lines(cases: list[dict[str, Any]], cache: Path = CACHE) -> list[str]:
    """For each case without a cached excerpt: the search to run and the address whose excerpt to keep."""
    out = []
    for c in cases:
        if not excerpt_path(c["id"], cache).is_file():
            out.append(f"{c['id']}: search (corpus pages) « {c.get('query', '')} » and keep the excerpt of "
                       f"{c.get('url', '?')}\n    then: python -m build_scripts score --realtext --store {c['id']} FILE")
    return out


def store_excerpt(case_id: str, text: str, cases: list[dict[str, Any]], cache: Path = CACHE) -> Path:
    """Save one case's excerpt in the git-ignored cache (refused for an unknown id or an empty text)."""
    if case_id not in {c["id"] for c in cases}:
        raise ValueError(f"no case '{case_id}' in {CASES.name}: add its labels first")
    if not text.strip():
        raise ValueError(f"the excerpt for '{case_id}' is empty")
    cache.mkdir(parents=True, exist_ok=True)
    path = excerpt_path(case_id, cache)
    path.write_text(text, encoding="utf-8")  # as found: the labels were written on these very words
    return path


def _slug(value: Any) -> str:
    return slugify(str(value).replace("’", "'")) if value else ""


def _list(value: Any) -> list:
    if value in (None, "", []):
        return []
    return value if isinstance(value, list) else [value]


LINK_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d"}


def _bare(slug: str) -> str:
    """A name's slug without its linking words."""
    return "-".join(w for w in slug.split("-") if w not in LINK_WORDS)


# 'Projet CAPS': the kind and the acronym; 'CAPS' alone is the same name
HEAD_AND_ACRONYM = re.compile(r"(?i:projet|programme|initiative|plateforme)\s+([A-Z][A-Z0-9+/-]+[A-Z0-9+])")


def name_ok(expected: Any, got: str | None, got_long: str = "") -> bool:
    """A name matches one of the accepted aliases by slug: the whole name, its acronym, or its long form."""
    accepted = [_slug(a) for a in _list(expected) if _slug(a)]
    accepted += [_slug(m.group(1)) for a in _list(expected) if (m := HEAD_AND_ACRONYM.fullmatch(str(a)))]
    if not accepted:
        return not got
    if not got:
        return False
    forms = {_slug(got), _slug(got_long)}
    m = re.search(r"\(([^()]+)\)\s*$", got)
    if m:
        forms |= {_slug(m.group(1)), _slug(got[: m.start()])}
    forms.discard("")
    forms |= {_bare(f) for f in forms}  # 'DPS-Fria' and 'DPS de Fria' are one spelling
    accepted += [_bare(a) for a in accepted]
    return any(a == f or (len(a) > 3 and a in f and not _runs_on(f, a)) or (len(f) > 3 and f in a and len(f) >= 0.6 * len(a))
               for a in accepted for f in forms)


NAME_GOES_ON = ("de-", "du-", "des-", "d-", "et-de-", "et-du-", "et-des-", "et-d-", "en-charge-", "charge-", "pour-")


def _runs_on(got: str, accepted: str) -> bool:
    """The name found holds the accepted one and then runs on into the sentence ('District sanitaire de Ouargaye a
    défi sécuritaire'): more than two words after it that do not continue a name ('… et de l'Action sociale')."""
    tail = got[got.index(accepted) + len(accepted):].strip("-")
    return len(tail.split("-")) > 2 and not tail.startswith(NAME_GOES_ON)


def _country_names(vocab: Vocabulary) -> dict[str, str]:
    """A country's every spelling in places.yml (by slug) -> its name's slug: 'Centrafrique' is the République
    centrafricaine."""
    return vocab.compiled("realtext.py:_country_names", lambda v: {
        _slug(spelling): _slug(c.name) for c in v.countries for spelling in (c.name, *c.aliases)})


def field_right(name: str, expected: Any, meta: dict[str, Any], vocab: Vocabulary | None = None) -> bool:
    """Whether a field's value matches its label (``vocab``: the vocabulary countries are named by; needed for them)."""
    if name == "country":
        if vocab is None:
            raise ValueError("comparing countries needs the vocabulary their names come from")
        names = _country_names(vocab)
        return ({names.get(_slug(c), _slug(c)) for c in _list(expected)}
                == {names.get(_slug(c), _slug(c)) for c in _list(meta.get("country"))})
    if name == "date":
        return (str(expected) if expected else None) == meta.get("date")
    if name == "programme":
        return name_ok(expected, meta.get("programme"), meta.get("programme_long") or "")
    return name_ok(expected, meta.get("organiser"))


def title_similarity(expected: str, got: str) -> float:
    a, b = fold(expected or "").strip(), fold(got or "").strip()
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def is_letterhead(title: str, not_titles: list[str]) -> bool:
    """The title is one of the lines labelled as not a title, or reads like a letterhead, motto or label."""
    t = re.sub(r"\W+", " ", fold(title)).strip()
    if any(t == re.sub(r"\W+", " ", fold(str(n))).strip() for n in not_titles if n):
        return True
    return bool(LETTERHEAD.match(fold(title).strip()))


def score_case(case: dict[str, Any], meta: dict[str, Any], conf: dict[str, float], tally: Tally,
               vocab: Vocabulary) -> None:
    for f in FIELDS:
        if f not in case:
            continue
        ok = field_right(f, case[f], meta, vocab)
        tally.ok[f] += ok
        tally.n[f] += 1
        if conf.get(f, 0.0) >= CONFIDENT and meta.get(f):
            tally.sure_n[f] += 1
            tally.sure_ok[f] += ok
        if not ok:
            tally.failures.append(f"{case['id']} [{f}]: expected {case[f]!r}, got {meta.get(f)!r} "
                                  f"(confidence {conf.get(f, 0.0):.2f})")
    if "themes" in case:
        want, got = set(_list(case["themes"])), set(meta.get("themes") or [])
        tally.tp += len(want & got)
        tally.fp += len(got - want)
        tally.fn += len(want - got)
        if want != got:
            tally.failures.append(f"{case['id']} [themes]: expected {sorted(want)}, got {sorted(got)}")
    if case.get("title"):
        tally.titles += 1
        tally.similarity += title_similarity(case["title"], meta.get("title", ""))
    if is_letterhead(meta.get("title", ""), _list(case.get("not_titles"))):
        tally.letterheads += 1
        tally.failures.append(f"{case['id']} [title]: letterhead {meta.get('title')!r}")


def score_cases(cases: list[dict[str, Any]], vocab: Vocabulary, cache: Path = CACHE) -> Tally:
    tally = Tally()
    for case in cases:
        path = excerpt_path(case["id"], cache)
        if not path.is_file():
            tally.missing.append(case["id"])
            continue
        report, _ = extract_report(read_document(path, path.name), vocab)
        conf = {f: report.found[f].confidence for f in FIELDS}
        score_case(case, report.meta, conf, tally, vocab)
    return tally


def table(tallies: dict[str, Tally]) -> list[str]:
    """One row per field, one column per half of the set."""
    cols = list(tallies)
    lines = ["  " + f"{'field':<22}" + "".join(f"{c:>22}" for c in cols)]
    for f in FIELDS:
        cells = [f"{t.ok[f]}/{t.n[f]} {t.ok[f] / t.n[f]:.2f}" if t.n[f] else "-" for t in tallies.values()]
        lines.append("  " + f"{f:<22}" + "".join(f"{c:>22}" for c in cells))
    cells = []
    for t in tallies.values():
        p, r, f = theme_f1(t.tp, t.fp, t.fn)
        cells.append(f"{f:.2f} (P {p:.2f} R {r:.2f})")
    lines.append("  " + f"{'themes F1':<22}" + "".join(f"{c:>22}" for c in cells))
    lines.append("  " + f"{'letterhead titles':<22}" + "".join(f"{t.letterheads:>22}" for t in tallies.values()))
    lines.append("  " + f"{'title similarity':<22}" + "".join(
        f"{(t.similarity / t.titles if t.titles else 0):>22.2f}" for t in tallies.values()))
    for f in FIELDS:
        cells = [f"{t.sure_ok[f]}/{t.sure_n[f]}" + (f" {t.sure_ok[f] / t.sure_n[f]:.2f}" if t.sure_n[f] else "")
                 for t in tallies.values()]
        lines.append("  " + f"{'confident ' + f:<22}" + "".join(f"{c:>22}" for c in cells))
    lines.append("  " + f"{'excerpt missing':<22}" + "".join(f"{len(t.missing):>22}" for t in tallies.values()))
    return lines


# The parts of the set, in the order they were labelled, and what each has been used for.
HALVES = {"A": "dev", "B": "dev since pass 3", "C": "dev since 12-06", "D": "dev since pass D", "E": "dev, was blind",
          "F": "dev, was blind", "G": "calibration", "H": "calibration", "I": "calibration", "J": "calibration",
          "K": "dev, was blind", "L": "dev, was blind", "M": "dev, was blind", "N": "dev, was blind",
          "O": "dev, was blind", "P": "dev, was blind", "Q": "dev, was blind", "R": "dev, was blind", "S": "dev, was blind", "T": "dev, was blind",
          "U": "blind", "V": "blind", "W": "blind", "X": "blind"}
# Parts never fit on and never read case by case. The calibration parts are texts from sources the rules were never
# written from: the confidence thresholds must hold on them too (train.confident_at). The blind parts are only scored:
# the honest measure of texts not seen.
CALIBRATION = frozenset({"G", "H", "I", "J"})
BLIND = frozenset({"U", "V", "W", "X"})
UNSEEN = CALIBRATION | BLIND

CURVE = (0.25, 0.5, 0.75, 1.0)  # learning curves: shares of the other parts a part held out is fit on


def some_parts(parts: "list[str] | set[str]", held_out: str, share: float) -> set[str]:
    """A fixed share of the parts other than ``held_out`` (at least one), chosen by a hash of their names: the same
    parts every run, and a larger share holds a smaller one's."""
    others = sorted(p for p in parts if p != held_out)
    ranked = sorted(others, key=lambda p: hashlib.sha256(f"{held_out}:{p}".encode()).hexdigest())
    return set(ranked[:max(1, round(share * len(others)))])


def training_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """The cases a fit may learn from: every part but the unseen ones (calibration and blind)."""
    return [c for c in load_cases(path) if c.get("half") not in UNSEEN]


def _documents(cases: list[dict[str, Any]], field_name: str, cache: Path):
    for case in cases:
        excerpt = excerpt_path(case["id"], cache)
        if field_name in case and excerpt.is_file():
            yield case, read_document(excerpt, excerpt.name)


def training_documents(field_name: str, path: Path = CASES, cache: Path = CACHE):
    """(case, document) for each case a fit may learn from that labels ``field_name`` and has its excerpt cached."""
    yield from _documents(training_cases(path), field_name, cache)


def calibration_documents(field_name: str, path: Path = CASES, cache: Path = CACHE):
    """(case, document) for each case of the calibration parts that labels ``field_name`` and has its excerpt."""
    yield from _documents([c for c in load_cases(path) if c.get("half") in CALIBRATION], field_name, cache)


def run_realtext(vocab: Vocabulary, *, verbose: bool, half: str | None = None, cases_path: Path = CASES,
                 cache: Path = CACHE) -> tuple[int, list[str]]:
    """The real-text table (one column per part of the set, and all; with ``half``, that part alone) as lines; with
    --verbose, the failures of that part, or of every part but the blind ones."""
    out: list[str] = []
    cases = load_cases(cases_path)
    halves = {f"{key} ({label})": [c for c in cases if c.get("half") == key] for key, label in HALVES.items()}
    rest = [c for c in cases if c.get("half") not in HALVES]  # counted in 'all' only
    shown = {name for name in halves if half is None or name.startswith(f"{half} (")}  # --half: that part alone
    tallies = {name: score_cases(group, vocab, cache) for name, group in halves.items() if group and name in shown}
    if half is None and cases:  # 'all' adds up the parts: each case is extracted once
        total = Tally()
        for part in [*tallies.values(), *([score_cases(rest, vocab, cache)] if rest else [])]:
            total.add(part)
        tallies["all"] = total
    missing = [c["id"] for c in cases if not excerpt_path(c["id"], cache).is_file()]
    have = len(cases) - len(missing)
    out.append(f"real-text set ({cases_path.name}): {len(cases)} cases, {have} with a cached excerpt"
          + (f", {len(cases) - have} missing: {', '.join(missing)} "
             f"(list them with 'score --realtext --missing')" if have < len(cases) else ""))
    out.append("\n".join(table(tallies)))
    out.append("  (themes F1 of a development part is read on texts the theme model was fit on: 'score --realtext "
               "--train themes' prints each part's figure when held out)")
    if verbose:
        for name, t in tallies.items():
            if name == "all" or (half is None and name[:1] in UNSEEN):
                continue  # an unseen part's failures are read only when asked for by name (--half J)
            for line in t.failures:
                out.append(f"  {line}")
    return 0, out
