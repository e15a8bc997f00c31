"""Related reports made again only where a change can reach: after any edit of titles, dates, themes, programmes or
organisers, or reports added and removed, the related reports of every page are those a full computation gives."""

import random

import pytest

from build_scripts import classify
from build_scripts.build import classify_again
from build_scripts.incremental import Pages
from build_scripts.models import Report

THEMES = ["vaccination", "nutrition", "paludisme", "financement", "protection-sociale"]
PROGRAMMES = ["PRODESS", "PASS", "SECPRO", None]
ORGANISERS = ["DDS Mono", "Ministère de la Santé", "DDASM", None]
TITLES = ["Atelier", "Réunion", "Comité technique"]  # few titles: ties in the order are common


def report(rng: random.Random, slug: str) -> Report:
    meta = {"title": rng.choice(TITLES), "date": rng.choice([None, "2019-03-01", "2020-11-02", "2020-11-02"]),
            "themes": rng.sample(THEMES, rng.randint(0, 3)), "programme": rng.choice(PROGRAMMES),
            "organiser": rng.choice(ORGANISERS), "tags": [], "countries": [], "year": None}
    return Report(source=f"{slug}.txt", slug=slug, key=f"k-{slug}", meta=meta)


def edit(rng: random.Random, reports: list[Report]) -> list[Report]:
    """A new corpus: a few reports with another title, date, themes, programme or organiser; one removed, one
    added."""
    out = []
    for r in reports:
        r = Report(source=r.source, slug=r.slug, key=r.key + "'", meta=dict(r.meta))
        if rng.random() < 0.1:
            field = rng.choice(["title", "date", "themes", "programme", "organiser"])
            r.meta[field] = report(rng, r.slug).meta[field]
        out.append(r)
    out.pop(rng.randrange(len(out)))
    return out + [report(rng, f"nouveau-{rng.randrange(1000)}")]


def slugs(related):
    return {slug: [(o.slug, why) for o, why in pairs] for slug, pairs in related.items()}


@pytest.mark.parametrize("seed", range(25))
def test_related_reports_after_edits_are_those_of_a_full_computation(seed, vocab, tmp_path, monkeypatch):
    monkeypatch.setattr(classify, "SHARED_BY_ALL", 8)  # features of many reports are left out: crossing that line
    rng = random.Random(seed)
    reports = [report(rng, f"r{i:02d}") for i in range(40)]
    classify_again(reports, vocab, Pages(tmp_path, "v", ""))
    for _ in range(3):
        reports = edit(rng, reports)
        kept = classify_again(reports, vocab, Pages(tmp_path, "v", "")).related
        assert slugs(kept) == slugs(classify.related(reports))
