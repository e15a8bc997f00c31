"""Inter-annotator agreement: a second labeller is scored against the first exactly as the extractor is, so that a
curator sees what accuracy two careful people reach on the same texts."""

import pytest
import yaml

from build_scripts.curator.agreement import run_agreement

TEXT = ("La Direction régionale de la santé des Savanes a organisé le 12 mars 2024 à Dapaong un atelier de "
        "validation du plan de supervision des agents de santé communautaire, avec l'appui de l'UNICEF.\n")
FIRST = {"half": "G", "url": "https://example.org/x", "query": "q", "title": "Atelier de validation",
         "country": ["Togo"], "date": "2024-03-12", "date_end": None, "programme": None,
         "organiser": ["DRS Savanes", "Direction régionale de la santé des Savanes"], "partners": ["UNICEF"],
         "themes": ["community-health", "human-resources"]}


def _files(tmp_path, second: list[dict]):
    cases = [dict(FIRST, id="x-tg-01"), dict(FIRST, id="x-tg-02")]
    (tmp_path / "cases.yml").write_text(yaml.safe_dump(cases, allow_unicode=True), encoding="utf-8")
    (tmp_path / "second.yml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    for c in cases:
        (cache / f"{c['id']}.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "cases.yml", tmp_path / "second.yml", cache


def _row(lines: list[str], field: str) -> list[str]:
    return next(line for line in lines if line.strip().startswith(field + " ")).split()[1:]


def test_second_labeller_is_scored_by_its_first_spelling_against_the_first_labels(tmp_path, vocab):
    same = dict(FIRST, id="x-tg-01", organiser=["Direction régionale de la santé des Savanes", "ministère"])
    other = dict(FIRST, id="x-tg-02", organiser=["ministère de la Santé", "DRS Savanes"], date="2024-03-13",
                 themes=["community-health"])
    code, lines = run_agreement(vocab, *_files(tmp_path, [same, other]))
    assert code == 0
    header = lines[1]
    assert "G: second labeller" in header and "G: extractor" in header
    human, extractor = _row(lines, "organiser")[:2], _row(lines, "organiser")[2:4]
    assert human == ["1/2", "0.50"]  # 'ministère de la Santé' first: a wrong answer, whatever its other spellings
    assert extractor == ["2/2", "1.00"]
    assert _row(lines, "date")[:2] == ["1/2", "0.50"]
    assert _row(lines, "country")[:2] == ["2/2", "1.00"]


def test_a_second_label_for_an_unknown_case_is_named(tmp_path, vocab):
    stray = dict(FIRST, id="x-tg-99")
    with pytest.raises(ValueError, match="second.yml.*x-tg-99"):
        run_agreement(vocab, *_files(tmp_path, [stray]))
