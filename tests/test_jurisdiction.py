"""Two countries' bodies or programmes of the same name are two index pages: a reader browsing 'Ministère de la Santé
publique' or 'PNLP' finds one country's meetings, and no report is followed up or related through another country's
namesake; an international body or a regional programme keeps one page for every country."""

import shutil
from pathlib import Path

import frontmatter
import pytest

from build_scripts.build import read_corpus
from build_scripts.config import DATA_DIR, ConfigError, load_vocabulary
from build_scripts.followup import follow_up_status
from build_scripts.jurisdiction import organiser_label

from .conftest import make_project

MEETING = ("Le {day} mai 2023, le ministère de la Santé publique a organisé à {town} un atelier de revue des "
           "activités de lutte contre le paludisme, avec l'appui de l'OMS.\n")


def source(tmp_path: Path, reports: dict[str, tuple[str, str, str, str]]) -> Path:
    """Text reports with their curated organiser, country and programme (the fields under test)."""
    folder = tmp_path / "src"
    folder.mkdir()
    for i, (name, (town, country, organiser, programme)) in enumerate(sorted(reports.items())):
        (folder / f"{name}.txt").write_text(MEETING.format(day=i + 2, town=town), encoding="utf-8")
        (folder / f"{name}.meta.yml").write_text(
            f"country: {country}\norganiser: {organiser}\nprogramme: {programme}\n", encoding="utf-8")
    return folder


def listed(page: Path) -> set[str]:
    """The report pages an index page links to."""
    text = page.read_text(encoding="utf-8")
    return {name for name in ("niamey-a", "niamey-b", "ndjamena", "dosso") if f"rapports/{name}.md" in text}


def test_same_named_bodies_of_two_countries_have_a_page_each(tmp_path, cli):
    src = source(tmp_path, {
        "niamey-a": ("Niamey", "Niger", "Ministère de la Santé publique", "PNLP"),
        "niamey-b": ("Niamey", "Niger", "Ministère de la Santé publique", "SWEDD"),
        "ndjamena": ("N'Djamena", "Tchad", "Ministère de la Santé publique", "PNLP"),
        "dosso": ("Dosso", "Niger", "Organisation mondiale de la santé (OMS)", "SWEDD"),
    })
    project = make_project(tmp_path / "p")
    cli("build", "--source", src, "--docs", project / "docs")
    docs = project / "docs"
    orgs, progs = docs / "organisateurs", docs / "programmes"
    assert listed(orgs / "ministere-de-la-sante-publique-niger.md") == {"niamey-a", "niamey-b"}
    assert listed(orgs / "ministere-de-la-sante-publique-tchad.md") == {"ndjamena"}
    # the name alone is no mixed list: it leads to each country's page (an address made from the name still works)
    bare = (orgs / "ministere-de-la-sante-publique.md").read_text(encoding="utf-8")
    assert listed(orgs / "ministere-de-la-sante-publique.md") == set()
    assert "ministere-de-la-sante-publique-niger.md" in bare and "ministere-de-la-sante-publique-tchad.md" in bare
    assert "pnlp-niger.md" in (progs / "pnlp.md").read_text(encoding="utf-8")
    assert not (orgs / "organisation-mondiale-de-la-sante-oms-niger.md").exists()
    assert "Ministère de la Santé publique — Niger" in (orgs / "ministere-de-la-sante-publique-niger.md").read_text(
        encoding="utf-8")
    assert listed(progs / "pnlp-niger.md") == {"niamey-a"} and listed(progs / "pnlp-tchad.md") == {"ndjamena"}
    # a regional programme and an international body: one page whatever the country
    assert listed(progs / "swedd.md") == {"niamey-b", "dosso"}
    assert listed(orgs / "organisation-mondiale-de-la-sante-oms.md") == {"dosso"}
    # the report's own page links to its country's page, and keeps the body's name as the text says it
    post = frontmatter.load(docs / "rapports" / "ndjamena.md")
    assert post["organiser"] == "Ministère de la Santé publique"
    assert "organisateurs/ministere-de-la-sante-publique-tchad.md" in post.content
    # N'Djamena's meeting is not related to Niamey's through a namesake ministry or programme
    assert {why_related(post.content, "niamey-a"), why_related(post.content, "niamey-b")} <= {"", "thème commun"}
    niamey = frontmatter.load(docs / "rapports" / "niamey-a.md").content
    assert "même organisateur" in why_related(niamey, "niamey-b")


def why_related(page: str, other: str) -> str:
    """Why a report page lists another as related ('même organisateur, thème commun'), '' when it does not."""
    line = next((ln for ln in page.splitlines() if f'href="{other}.md"' in ln and "<li>" in ln), "")
    return line.rsplit("(", 1)[-1].rstrip(")</li>") if line else ""


def test_a_programme_of_every_country_that_names_a_country_is_refused_with_its_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "programmes.yml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  - name: PRODESS")
    path.write_text(text[:at] + "  - name: PRODESS\n    each_country: true\n" + text[at + len("  - name: PRODESS\n"):],
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"programmes.yml.*'each_country' of 'PRODESS' must be true or false, "
                                          r"and true only when 'country' is null"):
        load_vocabulary(data)


def test_another_countrys_namesake_programme_does_not_follow_up_a_recommendation(tmp_path, vocab):
    """Bénin's PNLP recommended a bed-net campaign; a later PNLP session saying 'the recommendation … was carried out'
    follows it up only when it is Bénin's PNLP too, not Togo's."""
    suivi = Path(__file__).parent / "fixtures" / "suivi"
    statuses = {}
    for later_country in ("Bénin", "Togo"):
        src = tmp_path / later_country
        src.mkdir()
        for f in suivi.glob("*.txt"):
            shutil.copy(f, src / f.name)
        (src / "benin-pnlp-comite-suivi-2020.meta.yml").write_text(f"country: {later_country}\n", encoding="utf-8")
        corpus = read_corpus(src, vocab)
        follow_up_status(corpus.reports)
        first = next(r for r in corpus.reports if r.meta["date"] == "2019-03-14")
        statuses[later_country] = sorted(u.status for u in first.units if u.kind == "recommendation")
    assert statuses == {"Bénin": ["en cours", "réalisée"], "Togo": ["", ""]}


def test_a_ministry_of_the_same_name_is_kept_apart_and_an_organ_of_a_regional_community_is_one(vocab):
    def label(name, country):
        return organiser_label(name, [country], vocab)

    assert label("Direction de la coopération internationale", "Niger") != label(
        "Direction de la coopération internationale", "Mali")
    assert label("Ministère congolais de la Santé", "Congo") != label(
        "Ministère congolais de la Santé", "République démocratique du Congo")
    assert label("PNLT", "Togo") == "PNLT — Togo"  # a national programme named as the organiser, by its acronym
    assert label("Conseil des ministres de la santé de la CEDEAO", "Niger") == label(
        "Conseil des ministres de la santé de la CEDEAO", "Mali")
    assert label("Comité panafricain de médecine militaire", "Cameroun") == "Comité panafricain de médecine militaire"
    # a name that says its country, even another than the report's, needs no other
    assert label("Ministère de la Santé et de l'Action sociale du Sénégal", "Mali") == (
        "Ministère de la Santé et de l'Action sociale du Sénégal")
