"""A value the extractor was not confident of is marked 'à vérifier' on the report's page, so that a reader does not
cite a guessed organiser or date as a fact; a value the text states plainly, or a curator set, is not."""

from pathlib import Path

import frontmatter

from .conftest import catalogue_rows, make_project

PLAIN = ("Le 3 mars 2022, la Direction régionale de la santé de Kara a tenu à Kara sa revue annuelle des activités "
         "de vaccination avec l'appui de l'UNICEF.\n")
# the meeting's month only, and a body merely present: the organiser and the date are guesses
VAGUE = ("Revue des activités de vaccination à Kara\n\nLes acteurs de la vaccination de la région de la Kara se sont "
         "retrouvés à Kara en mars 2022 pour la revue annuelle, en présence de représentants de l'UNICEF et de la "
         "Direction régionale de la santé.\n")


def fact_rows(page: str) -> dict[str, str]:
    """The report's fact sheet: field label -> the cell's HTML."""
    rows = {}
    for line in page.splitlines():
        if line.startswith("<tr><td><strong>"):
            label, _, cell = line.removeprefix("<tr><td><strong>").partition("</strong></td><td>")
            rows[label] = cell
    return rows


def test_guessed_values_are_marked_to_check_and_stated_or_curated_ones_are_not(tmp_path, cli):
    src = tmp_path / "src"
    src.mkdir()
    (src / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (src / "vague.txt").write_text(VAGUE, encoding="utf-8")
    (src / "vague-curated.txt").write_text(VAGUE.replace("Revue", "Revue régionale"), encoding="utf-8")
    (src / "vague-curated.meta.yml").write_text("organiser: Direction régionale de la santé de Kara\n",
                                                 encoding="utf-8")
    project = make_project(tmp_path / "p")
    cli("build", "--source", src, "--docs", project / "docs")
    pages = {name: frontmatter.load(project / "docs" / "rapports" / f"{name}.md")
             for name in ("plain", "vague", "vague-curated")}

    vague = fact_rows(pages["vague"].content)
    assert "à vérifier" in vague["Organisateur"] and "à vérifier" in vague["Date"]
    assert "à vérifier" not in vague["Pays"]
    assert "« À vérifier »" in pages["vague"].content  # the page says what the mark means
    assert pages["vague"]["unverified"] == ["date", "organiser"]

    plain = fact_rows(pages["plain"].content)
    assert not any("à vérifier" in cell for cell in plain.values())
    assert "unverified" not in pages["plain"].metadata and "« À vérifier »" not in pages["plain"].content

    curated = fact_rows(pages["vague-curated"].content)
    assert "à vérifier" not in curated["Organisateur"] and "à vérifier" in curated["Date"]

    # the catalogue a documentalist downloads says the same, one list per report
    rows = {row["slug"]: row["unverified"] for row in catalogue_rows(project / "docs")}
    assert rows == {"plain": [], "vague": ["date", "organisateur"], "vague-curated": ["date"]}
