"""Golden test over the seed corpus: the front-matter and citable units of each seed, as reviewed by hand.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``, then review
the diff of tests/golden/ before committing it.
"""

import os
from pathlib import Path

import pytest
import yaml

from build_scripts.build import read_corpus

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).parent.parent / "source_reports"


def snapshot(report) -> dict:
    units = [{"id": u.uid, "kind": u.kind, "text": u.text, **({"structure": u.structure} if u.structure else {}),
              **({"deadline": u.deadline} if u.deadline else {})} for u in report.units]
    return {"page": f"rapports/{report.slug}.md", "front_matter": report.meta, "units": units}


@pytest.fixture(scope="module")
def corpus(vocab):
    return read_corpus(SEEDS, vocab)


def test_every_seed_has_a_golden_file(corpus):
    expected = {p.stem for p in GOLDEN.glob("*.yml")}
    assert {Path(r.source).stem for r in corpus.reports} == expected
    assert not corpus.problems


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.yml")))
def test_seed_matches_golden(corpus, name):
    report = next(r for r in corpus.reports if Path(r.source).stem == name)
    path = GOLDEN / f"{name}.yml"
    got = snapshot(report)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(yaml.safe_dump(got, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    assert got == yaml.safe_load(path.read_text(encoding="utf-8"))
