"""The source folder: which files are reports (sidecars, links, pipes, hidden files set aside), their stat
signatures, and reading one (size and empty checks, its reader, its sidecar, the digest of an original to
publish); the same text twice in one format is kept once. Problems name the file; the others carry on."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path
from typing import Any

from . import originals, readers
from .models import Corpus, Problem, SourceDocument

MAX_BYTES = 20 * 1024 * 1024


def discover(source_dir: Path) -> list[Path]:
    """Report files under the source folder, sorted; sidecars, hidden files and READMEs are not reports."""
    return [path for path, _, _ in scan(source_dir)]


def scan(source_dir: Path, corpus: Corpus | None = None) -> list[tuple[Path, str, tuple]]:
    """Report files, sorted, each with its path relative to the source folder and its stat signature: size,
    times and inode of the file and of any sidecar, so that an unchanged signature means an unchanged report.
    The source folder is a boundary: links that leave it, loops, dangling links, pipes and devices are named
    in ``corpus`` (never opened), and so are sidecars without a report and reports whose sidecar is unusable."""
    corpus = corpus if corpus is not None else Corpus()
    root = os.path.realpath(source_dir)
    found: list[tuple[tuple[str, ...], str, str, os.stat_result, dict[str, Any]]] = []
    for folder, dirs, names in os.walk(str(source_dir)):
        rel = os.path.relpath(folder, str(source_dir))
        parts = () if rel == "." else tuple(rel.split(os.sep))
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and _walkable(folder, d, parts, corpus))
        sidecars: dict[str, Any] = {}  # name -> stat result, or the Problem that makes it unusable
        reports: list[tuple[str, os.stat_result]] = []
        for name in sorted(names):
            if name.startswith((".", "_")) or name in readers.IGNORED_NAMES:
                continue
            st_or_problem = _regular_file(os.path.join(folder, name), "/".join(parts + (name,)), root)
            if name.endswith(readers.SIDECAR_SUFFIXES):
                sidecars[name] = st_or_problem
            elif isinstance(st_or_problem, Problem):
                corpus.problems.append(st_or_problem)
                corpus.skipped.append(st_or_problem.source)
            else:
                reports.append((name, st_or_problem))
        stems = {_stem(name) for name in names if not name.endswith(readers.SIDECAR_SUFFIXES)}
        for name in sidecars:
            if name[:-len(next(s for s in readers.SIDECAR_SUFFIXES if name.endswith(s)))] not in stems:
                corpus.problems.append(Problem(
                    "/".join(parts + (name,)), "sidecar without a report: no report file of that name beside it, "
                    "so its curated values are used nowhere", "rename it after its report (report.txt -> "
                    "report.meta.yml), or delete it", fatal=False))
        found.extend((parts + (name,), folder, name, st, sidecars) for name, st in reports)
    found.sort(key=lambda item: item[0])
    out = []
    for parts, folder, name, st, sidecars in found:
        source = "/".join(parts)
        signature: list = [_stat_signature(st)]
        unusable = None
        for suffix in readers.SIDECAR_SUFFIXES:
            side = sidecars.get(_stem(name) + suffix)
            if isinstance(side, Problem):
                unusable = side
            signature.append(None if side is None or isinstance(side, Problem) else _stat_signature(side))
        if unusable is not None:
            side_name = unusable.source.rsplit("/", 1)[-1]
            corpus.problems.append(Problem(source, f"its sidecar {side_name} {unusable.message}; the report is not built "
                                           "without its curated values", unusable.hint))
            corpus.skipped.append(source)
            continue
        out.append((Path(os.path.join(folder, name)), source, tuple(signature)))
    return out


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name  # as Path.stem


def _walkable(folder: str, name: str, parts: tuple[str, ...], corpus: Corpus) -> bool:
    """A sub-folder is read unless it is a link (never followed: it may leave the source folder or loop)."""
    if not os.path.islink(os.path.join(folder, name)):
        return True
    source = "/".join(parts + (name,))
    corpus.problems.append(Problem(source, "is a link to a folder, which is not followed (it may lead out of the "
                                   "source folder, or back into it)", "move or copy the folder itself into the "
                                   "source folder"))
    corpus.skipped.append(source)
    return False


FILE_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


def _regular_file(path: str, source: str, root: str) -> os.stat_result | Problem:
    """The stat of a regular file inside the source folder (through links that stay inside it), else why not."""
    hint = "copy the file itself into the source folder, or remove it"
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(path)
            try:
                st = os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return Problem(source, f"is a link that loops back on itself (-> {target})", hint)
                return Problem(source, f"is a link to {target}, which does not exist", hint)
            real = os.path.realpath(path)
            if os.path.commonpath([root, real]) != root:
                return Problem(source, f"is a link to {real}, outside the source folder: it is not read", hint)
    except OSError as exc:
        return Problem(source, f"cannot be examined ({exc.strerror})", hint)
    if not stat.S_ISREG(st.st_mode):
        kind = FILE_KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        return Problem(source, f"is {kind}, not a file: it is not read", "remove it from the source folder")
    return st


def _stat_signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def read_all(source_dir: Path, corpus: Corpus, max_bytes: int | None = None) -> list[SourceDocument]:
    """Read every report; an unreadable one becomes a Problem and the others carry on."""
    docs: list[SourceDocument] = []
    by_digest: dict[tuple[str, str], str] = {}
    for path, source, _ in scan(source_dir, corpus):
        doc = read_one(path, source, corpus, max_bytes)
        if doc is not None and not duplicate(source, doc.sha256, by_digest, corpus):
            docs.append(doc)
    return docs


def read_one(path: Path, source: str, corpus: Corpus, max_bytes: int | None = None) -> SourceDocument | None:
    """Read one report with its sidecar; None (and a Problem) when it cannot be used. The one way into reading:
    the build, a body the cache lost, and the curator's tools all read through it."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > max_bytes:
        corpus.problems.append(Problem(source, f"file is {_human(size)}, over the {_human(max_bytes)} limit",
                                       "split the report or remove embedded images, then rebuild"))
        corpus.skipped.append(source)
        return None
    if size == 0:
        corpus.problems.append(Problem(source, "file is empty (0 bytes)",
                                       "add the report's text, or delete the file"))
        corpus.skipped.append(source)
        return None
    try:
        doc = readers.read(path, source)
        if source.lower().endswith(tuple(originals.ALWAYS)) and not path.is_symlink():  # published beside its page
            doc = dataclasses.replace(doc, original=originals.digest_of(path.read_bytes()))
        return _with_sidecar(path, doc)
    except readers.ReadError as exc:
        corpus.problems.append(Problem(source, exc.message, exc.hint))
    except Exception as exc:  # a reader bug or a library failure must not cost the other reports
        corpus.problems.append(Problem(source, f"could not be read ({type(exc).__name__}: {exc})",
                                       "check that the file opens in its usual program, then report it"))
    corpus.skipped.append(source)
    return None


FAMILIES = {".md": ".txt", ".markdown": ".txt", ".text": ".txt", ".htm": ".html"}


def duplicate(source: str, sha256: str, by_digest: dict[tuple[str, str], str], corpus: Corpus) -> bool:
    """A second file of the same format with the same text is a copy: skipped (the first, in file order, is kept).
    The same text in another format (a .docx and its .pdf) is one report received twice: merge_same_reports
    makes one page of them, from the file that keeps the most structure."""
    suffix = os.path.splitext(source)[1].lower()
    key = (sha256, FAMILIES.get(suffix, suffix))
    if key in by_digest:
        corpus.problems.append(Problem(source, f"same text as {by_digest[key]}: kept once, under that name",
                                       "delete one of the two copies"))
        corpus.skipped.append(source)
        return True
    by_digest[key] = source
    return False


def _human(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def _with_sidecar(path: Path, doc: SourceDocument) -> SourceDocument:
    for suffix in readers.SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.stem + suffix)
        if sidecar.exists():
            curated = {**doc.curated, **readers.text.load_sidecar(sidecar)}
            return dataclasses.replace(doc, curated=curated, curated_origin=sidecar.name)
    return doc

