"""Nothing lost, nothing half-written: completeness of the site, interrupted builds, legacy encodings."""

import frontmatter
import pytest

from build_scripts import write as writer
from build_scripts.cli import main
from build_scripts.curator.completeness import check_site
from build_scripts.build import read_corpus

from .conftest import SEEDS, make_project
from .test_build import tree


def test_every_report_and_sentence_is_on_the_site(served_site, vocab, cli):
    corpus = read_corpus(served_site.source, vocab)
    result = check_site(corpus.reports, served_site.site, served_site.source)
    assert result.ok, (result.missing_pages, result.missing_text)
    assert result.checked_sentences > 500 and result.from_files == len(corpus.reports)
    out = cli("check", "--source", served_site.source, "--site", served_site.site)
    assert out.code == 0 and "0 pages missing, 0 reports with lost text" in out.out


def test_check_notices_a_lost_sentence(served_site, vocab, tmp_path):
    corpus = read_corpus(served_site.source, vocab)
    report = next(r for r in corpus.reports if "logistique roulante" in r.doc.text)
    page = served_site.site / "rapports" / report.slug / "index.html"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("logistique roulante", "logistique"), encoding="utf-8")
        result = check_site(corpus.reports, served_site.site)
        assert any("logistique roulante" in s for s in result.missing_text[report.source])
    finally:
        page.write_text(original, encoding="utf-8")


def test_interrupted_build_leaves_whole_files_and_the_next_build_is_right(tmp_path, monkeypatch):
    clean = make_project(tmp_path / "clean")
    assert main(["build", "--source", str(SEEDS), "--docs", str(clean / "docs")]) == 0
    project = make_project(tmp_path / "p")
    source = tmp_path / "src"
    source.mkdir()
    for f in sorted(SEEDS.iterdir())[:3]:
        (source / f.name).write_bytes(f.read_bytes())
    main(["build", "--source", str(source), "--docs", str(project / "docs")])
    before = tree(project / "docs")
    for f in sorted(SEEDS.iterdir())[3:]:
        (source / f.name).write_bytes(f.read_bytes())
    real, calls = writer.atomic_write, {"n": 0}

    def dying(path, content):
        calls["n"] += 1
        if calls["n"] == 12:
            raise KeyboardInterrupt  # the machine stops in the middle of the build
        real(path, content)

    monkeypatch.setattr(writer, "atomic_write", dying)
    with pytest.raises(KeyboardInterrupt):
        main(["build", "--source", str(source), "--docs", str(project / "docs")])
    monkeypatch.setattr(writer, "atomic_write", real)
    half = tree(project / "docs")
    assert not [p for p in half if ".tmp-" in p], "no temporary file is left behind"
    for rel, content in half.items():
        if rel.endswith(".md") and rel.startswith("rapports/") and rel in before:
            assert content == before[rel] or content.startswith(b"---\n")
            frontmatter.loads(content.decode("utf-8"))  # every page is whole
    assert main(["build", "--source", str(source), "--docs", str(project / "docs")]) == 0
    assert tree(project / "docs") == tree(clean / "docs")


SAMPLE = ("Compte rendu de la réunion du 3 mars 2021 à Sokodé\r\n"
          "Les participants ont salué l’élan de la région Centrale ; la complétude atteint 92 %.\r\n"
          "Prochaine étape : former les relais de Tchamba.\n")


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (BOM)"), ("utf-16", "utf-16 (BOM)"), ("cp1252", "cp1252"),
])
def test_legacy_encodings_are_detected_and_recorded(tmp_path, cli, encoding, expected):
    source = tmp_path / "src"
    source.mkdir()
    (source / "sokode.txt").write_bytes(SAMPLE.encode(encoding))
    project = make_project(tmp_path / "p")
    assert cli("build", "--source", source, "--docs", project / "docs").code == 0
    page = next(p for p in sorted((project / "docs/rapports").glob("*.md")) if p.name != "index.md")
    post = frontmatter.load(page)
    assert post["encoding"] == expected
    assert "l’élan de la région Centrale ; la complétude atteint 92 %." in post.content
    assert "\r" not in page.read_text(encoding="utf-8")


def test_latin1_and_non_breaking_spaces(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    text = "Réunion à Kara\u00a0: la complétude est de 92\u00a0%.\nÉtape suivante.\n"
    (source / "kara.txt").write_bytes(text.encode("latin-1"))
    project = make_project(tmp_path / "p")
    cli("build", "--source", source, "--docs", project / "docs")
    post = frontmatter.load(next(p for p in sorted((project / "docs/rapports").glob("*.md")) if p.name != "index.md"))
    assert post["encoding"] == "cp1252"  # Latin-1 French text decodes the same way
    assert "Réunion à Kara : la complétude est de 92 %." in post.content
    body = post.content.split('id="texte-du-rapport"', 1)[1].split('id="kb-', 1)[0]  # the report's own text
    assert "Kara : la complétude" in body and "\u00a0" not in body
    # (citations add their own no-break spaces: French typography, see cite.french_typography)
