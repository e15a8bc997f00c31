"""The generator end to end: pages, indexes both ways, catalogue, determinism, hand-written pages, bad input."""

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import frontmatter
import pytest

from build_scripts import sources
from build_scripts.build import read_corpus

from .conftest import SEEDS, corpus_folder, make_project

REQUIRED = ("title", "country", "programme", "date", "date_end", "organiser", "partners", "themes", "tags",
            "summary", "source")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def seeds_built(tmp_path, cli):
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", SEEDS, "--docs", project / "docs")
    assert result.code == 0, result.err
    return project / "docs"


def test_one_page_per_report_with_front_matter(seeds_built):
    pages = sorted((seeds_built / "rapports").glob("*.md"))
    pages = [p for p in pages if p.name != "index.md"]
    assert len(pages) == len(list(SEEDS.glob("*.txt")))
    for page in pages:
        post = frontmatter.load(page)
        assert all(k in post.metadata for k in REQUIRED), page
        assert (SEEDS / post["source"]).exists()
        assert post["date"] is None or len(str(post["date"])) in (4, 7, 10)
        assert len(post["tags"]) == len(post["themes"]) >= 1


def test_indexes_link_to_reports_and_back(seeds_built):
    path = next(p for p in (seeds_built / "rapports").glob("*.md")
                if p.name != "index.md" and frontmatter.load(p).get("programme") == "PRODESS")
    post = frontmatter.load(path)
    page = post.content
    for link in ("../pays/mali.md", "../programmes/prodess.md", "../annees/2017.md", "../themes/"):
        assert link in page
    for index in ("pays/mali.md", "programmes/prodess.md", "annees/2017.md", "themes/index.md",
                  "organisateurs/index.md"):
        assert (seeds_built / index).exists(), index
    mali = (seeds_built / "pays/mali.md").read_text(encoding="utf-8")
    assert "<strong>2</strong> rapports" in mali and f"../rapports/{path.name}" in mali
    assert f"../rapports/{path.name}" in (seeds_built / "programmes/prodess.md").read_text(encoding="utf-8")


def test_index_lists_newest_first(seeds_built):
    benin = (seeds_built / "pays/benin.md").read_text(encoding="utf-8")
    assert benin.index("novembre 2024") < benin.index("date non précisée")


def excel_table(raw: bytes) -> list[list[str]]:
    """A CSV as French Excel reads it: UTF-8 with a byte-order mark (Excel then reads the accents right), ';'
    between columns (French Excel's list separator)."""
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_catalogue_csv_opens_in_french_excel_with_the_json_rows(seeds_built):
    """French headers; the same rows and values as the JSON, part by part."""
    index = json.loads((seeds_built / "catalogue" / "index.json").read_text(encoding="utf-8"))
    for part in index["parts"]:
        rows = json.loads((seeds_built / "catalogue" / part["json"]).read_text(encoding="utf-8"))
        table = excel_table((seeds_built / "catalogue" / part["csv"]).read_bytes())
        header, body = table[0], table[1:]
        assert len(body) == len(rows) == part["reports"] > 0
        assert header == [c["header"] for c in index["columns"]] and header[:2] == ["page", "titre"]
        assert not {"slug", "title", "country", "organiser", "summary"} & set(header)
        assert [dict(zip(header, row))["titre"] for row in body] == [row["title"] for row in rows]
        assert all(r["url"].startswith("rapports/") and r["source"] for r in rows)


def test_every_report_is_in_one_catalogue_part_and_one_references_part_per_format(seeds_built, vocab):
    """catalogue/index.json and references/index.json list one part per year of the meeting (undated reports
    apart); read together, the parts of the catalogue and of each reference format hold every report exactly
    once, in the part of its year, and the downloads page offers every file."""
    from pybtex.database import parse_string
    import rispy
    reports = {r.slug: r for r in read_corpus(SEEDS, vocab).reports}
    catalogue = json.loads((seeds_built / "catalogue" / "index.json").read_text(encoding="utf-8"))
    references = json.loads((seeds_built / "references" / "index.json").read_text(encoding="utf-8"))
    page = (seeds_built / "catalogue" / "index.md").read_text(encoding="utf-8")
    years = [part["year"] for part in catalogue["parts"]]
    assert years == [part["year"] for part in references["parts"]] and len(years) > 2 and years[-1] is None
    assert years[:-1] == sorted(years[:-1], reverse=True)
    seen: dict[str, Counter[str]] = {"catalogue": Counter(), "bib": Counter(), "ris": Counter(), "json": Counter()}
    for part, refs in zip(catalogue["parts"], references["parts"]):
        rows = json.loads((seeds_built / "catalogue" / part["json"]).read_text(encoding="utf-8"))
        slugs = [row["slug"] for row in rows]
        assert {reports[slug].meta.get("year") for slug in slugs} == {part["year"]} and len(slugs) == part["reports"]
        seen["catalogue"].update(slugs)
        folder = seeds_built / "references"
        by_format = {
            "bib": list(parse_string((folder / refs["files"]["bib"]).read_text(encoding="utf-8"), "bibtex").entries),
            "ris": [rec["id"] for rec in rispy.loads((folder / refs["files"]["ris"]).read_text(encoding="utf-8"))],
            "json": [item["id"] for item in json.loads((folder / refs["files"]["json"]).read_text(encoding="utf-8"))]}
        for fmt, ids in by_format.items():
            assert sorted(ids) == sorted(slugs), fmt
            seen[fmt].update(ids)
            assert f'href="../references/{refs["files"][fmt]}"' in page
        assert f'href="{part["csv"]}"' in page and f'href="{part["json"]}"' in page
    for name, counts in seen.items():
        assert counts == Counter(list(reports)), name
    assert not (seeds_built / "catalogue.json").exists() and not (seeds_built / "references.bib").exists()
    assert "](catalogue/index.md)" in (seeds_built / "_generes" / "accueil.md").read_text(encoding="utf-8")


def test_the_statements_export_holds_every_statement_once_in_one_csv_per_year(seeds_built, vocab):
    """lecons/index.json lists the parts (one per year of the reports, undated ones apart) and their columns; read
    together, the parts hold every statement of the corpus exactly once, each in the part of its report's year,
    and the statements page offers every part for download."""
    reports = {r.slug: r for r in read_corpus(SEEDS, vocab).reports}
    index = json.loads((seeds_built / "lecons" / "index.json").read_text(encoding="utf-8"))
    keys = [c["key"] for c in index["columns"]]
    page = (seeds_built / "lecons" / "index.md").read_text(encoding="utf-8")
    seen: Counter[str] = Counter()
    for part in index["parts"]:
        table = excel_table((seeds_built / "lecons" / part["file"]).read_bytes())
        assert table[0] == [c["header"] for c in index["columns"]] and table[0][:2] == ["identifiant", "nature (identifiant)"]
        rows = [dict(zip(keys, row)) for row in table[1:]]
        assert len(rows) == part["statements"] and len({row["report"] for row in rows}) == part["reports"]
        assert {reports[row["report"]].meta["year"] for row in rows} == {part["year"]}
        assert all(row["report_title"] == reports[row["report"]].meta["title"] for row in rows)
        assert f'href="{part["file"]}"' in page
        seen.update(row["id"] for row in rows)
    assert seen == Counter(f"{r.slug}#{u.uid}" for r in reports.values() for u in r.units)
    assert len(index["parts"]) == 2 and not (seeds_built / "lecons.json").exists()


def test_two_builds_give_identical_trees(tmp_path, cli):
    a, b = make_project(tmp_path / "a"), make_project(tmp_path / "b")
    assert cli("build", "--source", SEEDS, "--docs", a / "docs").code == 0
    assert cli("build", "--source", SEEDS, "--docs", b / "docs").code == 0
    assert tree(a / "docs") == tree(b / "docs")
    again = cli("build", "--source", SEEDS, "--docs", a / "docs")
    assert "0 files written" in again.out


def test_hand_written_page_is_never_overwritten(tmp_path, cli):
    project = make_project(tmp_path / "p")
    cli("build", "--source", SEEDS, "--docs", project / "docs")
    victim = next(p for p in sorted((project / "docs/rapports").glob("*.md")) if p.name != "index.md")
    shutil.rmtree(project / "docs/rapports")
    (project / "docs/.generes.json").unlink()
    victim.parent.mkdir()
    victim.write_text("# Ma page écrite à la main\n", encoding="utf-8")
    result = cli("build", "--strict", "--source", SEEDS, "--docs", project / "docs")
    assert result.code == 1
    assert f"docs/rapports/{victim.name}: a hand-written file is in the way" in result.err
    assert victim.read_text(encoding="utf-8") == "# Ma page écrite à la main\n"
    assert (project / "docs/index.md").read_text(encoding="utf-8").startswith("---")


def test_removed_report_disappears_and_hand_written_pages_stay(tmp_path, cli):
    source = corpus_folder(tmp_path / "src", SEEDS)
    project = make_project(tmp_path / "p")
    cli("build", "--source", source, "--docs", project / "docs")
    before = {p.name for p in (project / "docs/rapports").glob("*.md")}
    (source / "mali-prodess-comite-technique-2017.txt").unlink()
    result = cli("build", "--source", source, "--docs", project / "docs")
    after = {p.name for p in (project / "docs/rapports").glob("*.md")}
    assert len(before - after) == 1
    assert "removed" in result.out
    assert not (project / "docs/programmes/prodess.md").exists()
    assert (project / "docs/index.md").exists() and (project / "docs/a-propos.md").exists()


GOOD = ("Le 3 mars 2022, la Direction régionale de la santé de Kara a tenu à Kara sa revue annuelle "
        "des activités de vaccination avec l'appui de l'UNICEF.\n")


def write(folder: Path, name: str, content, binary: bool = False) -> Path:
    path = folder / name
    if binary:
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,content,binary,message", [
    ("vide.txt", "", False, "vide.txt: file is empty (0 bytes) — add the report's text"),
    ("blancs.txt", "  \n\n  ", False, "blancs.txt: is empty (no report text)"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", True, "image.png: unsupported file type '.png'"),
    ("binaire.txt", b"\x00\x01\x02\x03binaire", True, "binaire.txt: looks like a binary file"),
    ("yaml-casse.md", "---\ntitle: [non fermé\n---\nTexte du rapport.\n", False,
     "yaml-casse.md: curated front-matter is not valid YAML at line"),
    ("alias.md", "---\nlol: &x [lol, lol]\ntitle: *x\n---\n" + GOOD, False,
     "alias.md: curated front-matter is not valid YAML at line 3: aliases (*name) are not allowed"),
])
def test_bad_input_is_named_and_the_rest_still_builds(tmp_path, cli, name, content, binary, message):
    source = tmp_path / "src"
    source.mkdir()
    write(source, "kara-revue.txt", GOOD)
    write(source, name, content, binary)
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", source, "--docs", project / "docs")
    assert result.code == 0
    assert message in result.err
    assert re.search(r"1 reports built \(\d+ from cache\), 1 skipped", result.out)
    strict = cli("build", "--strict", "--source", source, "--docs", project / "docs")
    assert strict.code == 1


def test_curated_values_win_and_bad_ones_are_explained(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    write(source, "kara-revue.txt", GOOD)
    write(source, "kara-revue.meta.yml", "programme: PEV\ndate: '2022-03-04'\nthemes: [vaccinaton]\npays: Togo\n")
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", source, "--docs", project / "docs")
    post = frontmatter.load(next(p for p in sorted((project / "docs/rapports").glob("*.md")) if p.name != "index.md"))
    assert post["programme"] == "PEV" and post["date"] == "2022-03-04"
    assert "kara-revue.txt [themes]: curated themes has unknown theme 'vaccinaton'; did you mean 'vaccination'?" in result.err
    assert "unknown curated field 'pays'" in result.err


def test_duplicate_report_is_kept_once(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    write(source, "a-kara.txt", GOOD)
    write(source, "b-copie.txt", GOOD.replace("\n", "\r\n"))
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", source, "--docs", project / "docs")
    assert "b-copie.txt: same text as a-kara.txt: kept once, under that name — delete one of the two copies" in result.err
    assert len([p for p in (project / "docs/rapports").glob("*.md") if p.name != "index.md"]) == 1


def test_same_title_gives_two_stable_page_names_from_the_file_names(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    title = "REVUE ANNUELLE DU DISTRICT SANITAIRE\n"
    write(source, "bassar.txt", title + GOOD.replace("Kara", "Bassar"))
    write(source, "sotouboua.txt", title + GOOD.replace("Kara", "Sotouboua"))
    project = make_project(tmp_path / "p")
    cli("build", "--source", source, "--docs", project / "docs")
    first = sorted(p.name for p in (project / "docs/rapports").glob("*.md") if p.name != "index.md")
    write(source, "zz-autre.txt", GOOD.replace("Kara", "Dapaong"))
    cli("build", "--source", source, "--docs", project / "docs")
    second = sorted(p.name for p in (project / "docs/rapports").glob("*.md") if p.name not in ("index.md", "zz-autre.md"))
    assert first == second == ["bassar.md", "sotouboua.md"]


def test_size_limit(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    source = tmp_path / "src"
    source.mkdir()
    write(source, "gros.txt", GOOD * 20)
    result = cli("build", "--source", source, "--docs", make_project(tmp_path / "p") / "docs")
    assert "gros.txt: file is 3.0 kB, over the 1.0 kB limit — split the report" in result.err


def test_missing_source_folder_exit_code(tmp_path, cli):
    result = cli("build", "--source", tmp_path / "nulle-part", "--docs", tmp_path / "docs")
    assert result.code == 2 and "does not exist" in result.err


def test_invalid_vocabulary_is_refused_with_file_and_line(tmp_path, cli):
    data = tmp_path / "data"
    shutil.copytree(Path(sources.__file__).parent / "data", data)
    themes = data / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("slug: nutrition", "slug: Nutrition Infantile", 1)
                      .replace("\n    keywords:", "\n    keywordz:", 1), encoding="utf-8")
    result = cli("--data", data, "build", "--source", SEEDS, "--docs", tmp_path / "docs")
    assert result.code == 2
    assert "themes.yml, line" in result.err and "unknown field 'keywordz'; did you mean 'keywords'?" in result.err
    assert "slug 'Nutrition Infantile' must be lower-case words" in result.err


@pytest.mark.parametrize("sidecar,field,expected,message", [
    ("date: 2022\n", "date", "2022", None),
    ("themes: vaccination\n", "themes", ["vaccination"], None),
    ("themes: [Vaccination, Santé communautaire]\n", "themes", ["vaccination", "community-health"], None),
    ("title: ''\n", "title", None, "curated title is empty: a report needs a title"),
    ("date: '2022-03-05'\ndate_end: '2022-03-01'\n", "date_end", None, "date_end 2022-03-01 is before date 2022-03-05"),
])
def test_curated_values_of_any_shape_build(tmp_path, cli, sidecar, field, expected, message):
    source = tmp_path / "src"
    source.mkdir()
    write(source, "kara-revue.txt", GOOD)
    write(source, "kara-revue.meta.yml", sidecar)
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", source, "--docs", project / "docs")
    assert result.code == 0 and "1 reports built" in result.out
    post = frontmatter.load(next(p for p in sorted((project / "docs/rapports").glob("*.md")) if p.name != "index.md"))
    if expected is not None:
        assert post[field] == expected
    if message:
        assert message in result.err
    else:
        assert "kara-revue" not in result.err


def test_an_edited_report_updates_every_page_that_shows_it(tmp_path, cli):
    source = corpus_folder(tmp_path / "src", SEEDS)
    project = make_project(tmp_path / "p")
    cli("build", "--source", source, "--docs", project / "docs")
    report = source / "benin-ddasm-mono-atelier-mobilisation-sociale.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "DDASM MONO : Renforcement des capacités", "DDASM MONO : Formation"), encoding="utf-8")
    again = cli("build", "--source", source, "--docs", project / "docs")
    assert "(4 from cache)" in again.out
    for page in ("pays/benin.md", "annees/2024.md", "themes/protection-sociale.md", "rapports/index.md"):
        text = (project / "docs" / page).read_text(encoding="utf-8")
        assert "DDASM MONO : Formation" in text and "Renforcement des capacités de 25" not in text, page


def test_timings_name_each_step_and_add_up_to_the_total(tmp_path, cli):
    project = make_project(tmp_path / "p")
    result = cli("build", "--source", SEEDS, "--docs", project / "docs", "--timings")
    assert result.code == 0
    steps = dict(re.findall(r"([a-z][a-z +-]*) (\d+\.\d+)s", result.out.split("timings: ", 1)[1].split("\n", 1)[0]))
    assert list(steps) == ["read + extract", "follow-up", "classify + render", "write"]
    total = float(re.search(r"in (\d+\.\d+)s", result.out).group(1))
    assert abs(sum(map(float, steps.values())) - total) < 0.05
