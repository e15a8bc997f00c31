"""The synthetic corpus: deterministic, varied, and read back correctly by the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts.config import load_vocabulary
from build_scripts.build import read_corpus
from tools.synthetic import EXPECTED, generate

N = 50


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("synthetic")
    generate(N, dest, seed=7)
    return dest


def _expected(folder: Path) -> dict[str, dict]:
    return json.loads((folder / EXPECTED).read_text(encoding="utf-8"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_identical_bytes(corpus_dir, tmp_path):
    generate(N, tmp_path / "again", seed=7)
    assert _snapshot(tmp_path / "again") == _snapshot(corpus_dir)


def test_another_seed_gives_another_corpus(corpus_dir, tmp_path):
    generate(N, tmp_path / "other", seed=8)
    assert _snapshot(tmp_path / "other") != _snapshot(corpus_dir)


def test_reports_vary_in_country_date_form_and_format(corpus_dir):
    expected = _expected(corpus_dir)
    assert len(expected) == N
    assert len({e["country"] for e in expected.values()}) >= 6
    assert len({e["date_form"] for e in expected.values()}) >= 4
    assert {e["format"] for e in expected.values()} == {"txt", "md"}
    assert all(300 <= e["words"] <= 900 for e in expected.values())


def test_pipeline_reads_back_country_and_date(corpus_dir):
    expected = _expected(corpus_dir)
    corpus = read_corpus(corpus_dir, load_vocabulary())
    assert not corpus.skipped
    assert len(corpus.reports) == N
    wrong = {r.source: {f: (r.meta[f], expected[r.source][f]) for f in ("country", "date")
                        if r.meta[f] != expected[r.source][f]} for r in corpus.reports}
    wrong = {source: fields for source, fields in wrong.items() if fields}
    assert len(wrong) <= 0.1 * N, f"{len(wrong)} of {N} reports read back wrong (found, written): {wrong}"


def test_worker_processes_give_the_same_files_as_one_process(tmp_path, cli):
    """Extraction and report pages are spread over processes above a threshold: the output must not depend
    on it (250 reports: over both thresholds)."""
    source = tmp_path / "src"
    generate(250, source, seed=11)
    trees = []
    for jobs in (1, 2):
        docs = tmp_path / f"docs-{jobs}"
        assert cli("build", "--source", source, "--docs", docs, "--no-cache", "--jobs", jobs).code == 0
        trees.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert sum(path.startswith("rapports/") for path in trees[0]) > 250  # every report's page, and the index pages
    assert trees[0] == trees[1]
