"""Incremental builds: after any change to the sources, the vocabulary or the options, the docs folder is exactly
what a cold build (no cache, empty docs) gives; files that did not change keep their mtime; unchanged reports
are not read again."""

import os
import shutil
from pathlib import Path

import frontmatter
import pytest

from build_scripts import build as build_module
from build_scripts import incremental, readers
from build_scripts.cli import main
from build_scripts.config import DATA_DIR

from .conftest import SEEDS, catalogue_text, corpus_folder, make_project

EDITED = "benin-ddasm-mono-atelier-mobilisation-sociale.txt"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def setup(tmp_path, cli, monkeypatch):
    """A source folder built once (cache and docs); files count as settled at once, so that the next build
    trusts their stat signature as a real one would a minute later."""
    monkeypatch.setattr(incremental, "SETTLE_NS", 0)
    source = corpus_folder(tmp_path / "src", SEEDS)
    project = make_project(tmp_path / "p")
    reads: list[str] = []
    real = readers.read

    def counting(path, source_name):
        reads.append(source_name)
        return real(path, source_name)

    monkeypatch.setattr(readers, "read", counting)

    def build(*extra):
        reads.clear()
        result = cli("build", "--source", source, "--docs", project / "docs", *extra)
        assert result.code == 0, result.err
        return result

    def cold(*extra):
        """The same build from nothing: fresh project, no cache."""
        fresh = make_project(tmp_path / f"cold{len(list(tmp_path.glob('cold*')))}")
        assert cli("build", "--no-cache", "--source", source, "--docs", fresh / "docs", *extra).code == 0
        return tree(fresh / "docs")

    build()
    return source, project / "docs", build, cold, reads


def test_a_build_with_nothing_changed_reads_no_report_and_touches_no_file(setup):
    source, docs, build, cold, reads = setup
    before = mtimes(docs)
    result = build()
    assert reads == []
    assert "0 files written" in result.out
    assert mtimes(docs) == before
    assert tree(docs) == cold()


def test_an_edited_report_rewrites_its_page_and_the_listings_only(setup):
    source, docs, build, cold, reads = setup
    before = mtimes(docs)
    report = source / EDITED
    report.write_text(report.read_text(encoding="utf-8").replace(
        "DDASM MONO : Renforcement des capacités", "DDASM MONO : Formation"), encoding="utf-8")
    build()
    assert reads == [EDITED]
    assert tree(docs) == cold()
    after = mtimes(docs)
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    assert f"rapports/{Path(EDITED).stem}.md" in changed  # a new title, the same address
    # files that never show the report keep their time: test_a_new_title_rewrites_only_the_files_that_show_the_report


def test_text_appended_to_a_report_reaches_its_page(setup):
    source, docs, build, cold, reads = setup
    with open(source / EDITED, "a", encoding="utf-8") as f:
        f.write("\nUne phrase ajoutée par la curatrice pour vérifier la reconstruction.\n")
    build()
    assert tree(docs) == cold()
    page = next(p for p in sorted((docs / "rapports").glob("*.md")) if "ajoutée par la curatrice" in p.read_text("utf-8"))
    assert page.name != "index.md"


def test_a_sidecar_is_picked_up_when_the_report_file_is_unchanged(setup):
    source, docs, build, cold, reads = setup
    sidecar = source / EDITED.replace(".txt", ".meta.yml")
    sidecar.write_text("title: Atelier relu par la curatrice\n", encoding="utf-8")
    build()
    assert tree(docs) == cold()
    assert "Atelier relu par la curatrice" in catalogue_text(docs)
    sidecar.write_text("title: Atelier relu deux fois\n", encoding="utf-8")
    build()
    assert tree(docs) == cold()
    assert "Atelier relu deux fois" in catalogue_text(docs)
    sidecar.unlink()
    build()
    assert tree(docs) == cold()
    assert "Atelier relu" not in catalogue_text(docs)


def test_a_changed_sidecar_is_applied_to_the_last_extraction_without_extracting_again(setup, monkeypatch):
    """Curated values are applied after extraction: a new, changed or removed sidecar curates the report's cached
    extraction again (the extracted values it overrode come back when it goes) and gives the cold output."""
    source, docs, build, cold, reads = setup
    extracted: list[str] = []
    real = build_module.extract_report
    monkeypatch.setattr(build_module, "extract_report", lambda doc, vocab: extracted.append(doc.source) or real(doc, vocab))
    sidecar = source / EDITED.replace(".txt", ".meta.yml")
    for curated in ("title: Atelier relu par la curatrice\nprogramme: PRODESS\n",
                    "themes: [health-financing]\ncountry: Mali\n", None):
        if curated is None:
            sidecar.unlink()
        else:
            sidecar.write_text(curated, encoding="utf-8")
        build()
        assert reads == [EDITED] and extracted == []
        assert tree(docs) == cold()
        extracted.clear()
    assert "Atelier relu" not in catalogue_text(docs)


def test_a_new_title_rewrites_only_the_files_that_show_the_report(setup):
    """Listings are keyed by what each page shows: a file that named the report neither before nor after its
    title changed keeps its bytes and its modification time; the whole tree is what a cold build gives."""
    source, docs, build, cold, reads = setup
    old = tree(docs)
    before = mtimes(docs)
    old_title = next(line.split(":", 1)[1].strip().strip("'\"") for line in
                     (docs / f"rapports/{Path(EDITED).stem}.md").read_text(encoding="utf-8").splitlines()
                     if line.startswith("title:"))
    (source / EDITED.replace(".txt", ".meta.yml")).write_text("title: Atelier relu par la curatrice\n", encoding="utf-8")
    build()
    assert tree(docs) == cold()
    after = mtimes(docs)
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    year = frontmatter.loads((docs / f"rapports/{Path(EDITED).stem}.md").read_text(encoding="utf-8")).get("year")
    part = year or "sans-date"
    assert {f"rapports/{Path(EDITED).stem}.md", f"references/references-{part}.bib", f"references/references-{part}.ris",
            f"references/references-{part}.json", f"catalogue/catalogue-{part}.json"} <= changed
    # the other years' parts are left as they were
    assert not {rel for rel in changed if rel.startswith(("catalogue/catalogue-", "references/references-"))
                and f"-{part}." not in rel}
    shown = {rel for rel, data in old.items() if old_title.encode() in data}
    # the manifest lists every file's digest, and the search vocabulary holds the words of every title
    unrelated = {rel for rel in before if rel not in shown} - {rel for rel in after if b"Atelier relu par la curatrice"
                                                              in (docs / rel).read_bytes()} - {".generes.json",
                                                                                               "recherche-mots.json"}
    assert len(unrelated) > 10 and not unrelated & changed, sorted(unrelated & changed)


def test_new_themes_from_a_sidecar_give_the_cold_output(setup):
    source, docs, build, cold, reads = setup
    sidecar = source / EDITED.replace(".txt", ".meta.yml")
    sidecar.write_text("themes: [health-financing]\n", encoding="utf-8")
    build()
    assert tree(docs) == cold()
    sidecar.write_text("themes: [epidemic-response, community-health]\n", encoding="utf-8")
    build()
    assert tree(docs) == cold()


def test_removed_and_renamed_reports(setup):
    source, docs, build, cold, reads = setup
    (source / "mali-prodess-comite-technique-2017.txt").unlink()
    build()
    assert tree(docs) == cold()
    assert "prodess" not in catalogue_text(docs).casefold()
    (source / EDITED).rename(source / "sous-dossier-renomme.txt")
    build()
    assert tree(docs) == cold()
    assert "sous-dossier-renomme.txt" in catalogue_text(docs)


def test_changed_vocabulary_or_site_address_gives_the_cold_output(setup, tmp_path):
    source, docs, build, cold, reads = setup
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    themes = data / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("label: Santé communautaire",
                                                                 "label: Santé dans la communauté"), encoding="utf-8")
    build("--site-url", "https://exemple.org/base/")
    assert tree(docs) == cold("--site-url", "https://exemple.org/base/")
    assert main(["--data", str(data), "build", "--source", str(source), "--docs", str(docs)]) == 0
    fresh = make_project(tmp_path / "cold-data")
    assert main(["--data", str(data), "build", "--no-cache", "--source", str(source),
                 "--docs", str(fresh / "docs")]) == 0
    assert tree(docs) == tree(fresh / "docs")
    assert "Santé dans la communauté" in (docs / "themes" / "index.md").read_text(encoding="utf-8")


def test_a_deleted_or_altered_page_is_made_again_even_when_the_cache_lost_its_body(setup):
    source, docs, build, cold, reads = setup
    page = next(p for p in sorted((docs / "rapports").glob("*.md")) if p.name != "index.md")
    page.unlink()
    (docs / "catalogue" / "index.json").write_text("changé à la main\n", encoding="utf-8")
    next((docs / "references").glob("references-*.ris")).write_text("changé à la main\n", encoding="utf-8")
    for body in (docs.parent / ".cache" / "kb").glob("bodies-*/*/*"):
        body.unlink()
    build()
    assert tree(docs) == cold()


def test_a_touched_but_identical_report_is_read_and_nothing_is_written(setup):
    source, docs, build, cold, reads = setup
    before = mtimes(docs)
    report = source / EDITED
    stat = report.stat()
    os.utime(report, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    result = build()
    assert reads == [EDITED] and "(5 from cache)" in result.out
    assert mtimes(docs) == before


def test_manifest_is_written_as_json_with_one_entry_per_line():
    import json

    from build_scripts.write import manifest_text

    entries = {"rapports/b.md": "0123456789abcdef:12", "rapports/é \"cité\".md": "", "a\\b": "x:1"}
    assert manifest_text(entries) == json.dumps(dict(sorted(entries.items())), indent=0) + "\n"
    assert manifest_text({}) == json.dumps({}, indent=0) + "\n"


def test_only_the_cache_shards_that_changed_are_rewritten(setup):
    source, docs, build, cold, reads = setup
    folder = next((docs.parent / ".cache" / "kb").glob("extraction-*"))
    before = mtimes(folder)
    build()
    assert mtimes(folder) == before
    with open(source / EDITED, "a", encoding="utf-8") as f:
        f.write("\nUne phrase de plus.\n")
    build()
    after = mtimes(folder)
    assert 1 <= sum(after[s] != before.get(s) for s in after) <= 2  # the new entry's shard, the old one's


def test_the_body_store_keeps_one_entry_per_report_after_edits_and_removals(setup):
    source, docs, build, cold, reads = setup
    store = lambda: sorted(p.name for p in (docs.parent / ".cache" / "kb").glob("bodies-*/*/*"))  # noqa: E731
    assert len(store()) == len(list(source.glob("*.txt")))
    with open(source / EDITED, "a", encoding="utf-8") as f:
        f.write("\nUne phrase de plus.\n")
    build()
    (sorted(source.glob("*.txt"))[-1]).unlink()
    build()
    assert len(store()) == len(list(source.glob("*.txt")))
    assert tree(docs) == cold()
