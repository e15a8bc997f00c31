"""Command line: the only place that prints progress or exits.

    python -m build_scripts build [--source DIR] [--docs DIR] [--strict]
    python -m build_scripts check [--source DIR]
    python -m build_scripts score [--devset DIR | --formats DIR] [--realtext [--missing | --store ID FILE | --train FIELD | --curve FIELD | --agreement]]
    python -m build_scripts site | bundle | serve [--port N]
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
import time
from pathlib import Path

from . import build
from .config import DATA_DIR, ConfigError, load_vocabulary
from .incremental import cache_folder
from .models import CONFIDENT
from .render import DEFAULT_BASE_URL
from .text import printable
from .write import BuildBusy, build_lock, finish_build, remove_stale_temporaries, start_build

ROOT = Path(__file__).resolve().parent.parent
_MACHINE_HINTS = {errno.ENOSPC: "the disk is full: free some space, then build again",
                  errno.EDQUOT: "the disk quota is used up: free some space, then build again",
                  errno.EROFS: "the folder is on a read-only disk: build into another folder (--docs DIR)",
                  errno.EACCES: "permission denied: make the folder writable for you, or build into another one",
                  errno.EPERM: "permission denied: make the folder writable for you, or build into another one",
                  errno.EISDIR: "a folder stands where a file goes: move it away, then build again",
                  errno.ENOTDIR: "a file stands where a folder goes: move it away, then build again",
                  errno.EEXIST: "a file stands where a folder goes: move it away, then build again"}


def machine_failure(exc: OSError) -> str:
    """One line for a failure of the machine (disk full, read-only folder, something in the way)."""
    where = exc.filename or "the build"
    hint = _MACHINE_HINTS.get(exc.errno or 0, "check the disk and the folder, then build again")
    return f"{where}: {exc.strerror or exc} — {hint}; the build stopped there"
EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG, EXIT_FAILED, EXIT_BUSY = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_scripts", description="Base de connaissances : génération du site.")
    p.add_argument("--data", type=Path, default=DATA_DIR, help="folder of vocabulary files (default: build_scripts/data)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate the pages under docs/ from the source reports")
    b.add_argument("--source", type=Path, default=ROOT / "source_reports", help="folder of source reports")
    b.add_argument("--docs", type=Path, default=ROOT / "docs", help="MkDocs docs folder to write into")
    b.add_argument("--strict", action="store_true", help="exit with status 1 if any report has a problem")
    b.add_argument("--site-url", default=None,
                   help="public address of the site, for permalinks in citations and feeds (default: $SITE_URL, "
                        "else http://127.0.0.1:8000/)")
    b.add_argument("--cache", type=Path, default=None,
                   help="folder of the extraction cache (default: .cache/kb in the project holding the docs folder, "
                        "else under $XDG_CACHE_HOME or this project's .cache)")
    b.add_argument("--no-cache", action="store_true", help="extract every report again")
    b.add_argument("--timings", action="store_true", help="print the time taken by each step")
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for extraction and report pages")
    c = sub.add_parser("check", help="list, per report, missing and low-confidence fields with their snippets")
    c.add_argument("--source", type=Path, default=ROOT / "source_reports")
    c.add_argument("--threshold", type=float, default=CONFIDENT,
                   help=f"confidence under which a field is listed (default {CONFIDENT}: values above it were right "
                        f"at least 95 %% of the time on the real-text set)")
    c.add_argument("--site", type=Path, default=None,
                   help="built site to check for completeness (default: site/ when it exists)")
    st = sub.add_parser("site", help="build the static site with MkDocs (strict) into site/")
    st.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml and docs/")
    st.add_argument("--site-dir", type=Path, default=None, help="output folder (default: <project>/site)")
    bd = sub.add_parser("bundle", help="zip an offline copy of the site that works from disk (file://)")
    bd.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml and docs/")
    bd.add_argument("--out", type=Path, default=ROOT / "site" / "telechargement" / "base-de-connaissances.zip")
    sv = sub.add_parser("serve", help="serve the built site on 127.0.0.1")
    sv.add_argument("--site-dir", type=Path, default=ROOT / "site")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--watch", action="store_true",
                    help="for curators: build, serve, and rebuild what each change of the source folder touches "
                         "(pages in seconds, then the search index), reloading the browser; never for publishing")
    sv.add_argument("--source", type=Path, default=ROOT / "source_reports", help="with --watch: folder to watch")
    sv.add_argument("--project", type=Path, default=ROOT, help="with --watch: folder holding mkdocs.yml and docs/")
    s = sub.add_parser("score", help="accuracy per field on the labelled development set")
    s.add_argument("--devset", type=Path, default=ROOT / "tests" / "devset")
    s.add_argument("--verbose", action="store_true", help="print every wrong value")
    s.add_argument("--formats", type=Path, help="score the readers per format on a document corpus (tests/formats)")
    s.add_argument("--realtext", action="store_true",
                   help="also score the real-text set (tests/realtext/cases.yml, excerpts in .cache/realtext/)")
    s.add_argument("--half", default=None, metavar="PART",
                   help="with --realtext: that part of the set alone (its letter, as in tests/realtext/cases.yml); "
                        "with --verbose, its wrong values, a blind part's too")
    s.add_argument("--missing", action="store_true",
                   help="with --realtext: list the cases whose excerpt is not cached, with the search that finds it")
    s.add_argument("--store", nargs=2, metavar=("ID", "FILE"), default=None,
                   help="with --realtext: save FILE ('-' for standard input) as the cached excerpt of case ID")
    s.add_argument("--train", choices=("organiser", "programme", "themes", "date"), default=None,
                   help="with --realtext: fit the weights of a field's candidate scorer on the labelled texts, print "
                        "the cross-validated figures and write both into build_scripts/data/weights.yml; 'themes' "
                        "fits the theme model (figures of each part held out, then build_scripts/data/"
                        "theme_model.yml) and prints the keyword rule's thresholds and suggested keywords")
    s.add_argument("--curve", choices=("organiser", "programme", "themes"), default=None,
                   help="with --realtext: the learning curve of a field's candidate scorer or of the theme model "
                        "(each part held out, fit on a quarter, a half, three quarters and all of the other parts): "
                        "whether labelling more texts would help")
    s.add_argument("--agreement", action="store_true",
                   help="with --realtext: score the second labeller (tests/realtext/second_labels.yml) against the "
                        "first, beside the extractor on the same texts (inter-annotator agreement)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "bundle":
        return _bundle(args)
    if args.command in ("site", "serve"):
        from . import site
        if args.command == "site":
            return _site(site, args)
        if args.watch:
            from .site.watch import watch
            return watch(args.project, args.source, args.project / "docs", args.site_dir, args.port, _say)
        site.serve(args.site_dir, args.port,
                   lambda url: print(f"Serving {args.site_dir} on {url} (Ctrl+C to stop)", flush=True))
        return EXIT_OK
    try:
        vocab = load_vocabulary(args.data)
    except ConfigError as exc:
        print(f"error: the vocabulary files in {args.data} are invalid (fix them, then rebuild):", file=sys.stderr)
        for msg in exc.messages:
            print(f"  {msg}", file=sys.stderr)
        return EXIT_CONFIG
    if args.command == "build":
        return _build(args, vocab)
    if args.command == "check":
        from .curator.check import run_check
        site = args.site or (ROOT / "site" if (ROOT / "site").is_dir() and args.source == ROOT / "source_reports" else None)
        return _lines(run_check(args.source, vocab, args.threshold, site))
    if args.formats:
        from .curator.format_score import run_format_score
        return _lines(run_format_score(args.formats, vocab, args.verbose))
    from .curator.score import run_score
    if args.realtext:
        return _realtext(args, vocab)
    return _lines(run_score(args.devset, vocab, args.verbose))


def _lines(result: tuple[int, list[str]]) -> int:
    """Print what a curator's tool returned; its status is the exit code."""
    code, lines = result
    for line in lines:
        print(line)
    return code


def _realtext(args: argparse.Namespace, vocab) -> int:
    """score --realtext: list or store missing excerpts, or print both tables (dev set, then real texts)."""
    from .curator import realtext
    from .curator.score import run_score
    if args.half is not None and args.half not in realtext.HALVES:
        print(f"error: --half {args.half}: no such part of {realtext.CASES.name} (parts: {', '.join(realtext.HALVES)})",
              file=sys.stderr)
        return EXIT_CONFIG
    try:
        cases = realtext.load_cases()
        if args.missing:
            lines = realtext.missing_lines(cases)
            print("\n".join(lines) if lines else f"every case of {realtext.CASES.name} has its excerpt cached")
            return EXIT_OK
        if args.store:
            case_id, name = args.store
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            print(f"stored {realtext.store_excerpt(case_id, text, cases)}")
            return EXIT_OK
        if args.agreement:
            from .curator.agreement import run_agreement
            return _lines(run_agreement(vocab))
        if args.curve == "themes":
            from .curator.theme_fit import theme_curve
            return _lines((EXIT_OK, theme_curve(vocab)))
        if args.curve:
            from .curator.train import curve
            return _lines((EXIT_OK, curve(args.curve, vocab)))
        if args.train == "themes":
            from .curator.theme_cv import cross_validate
            from .curator.theme_fit import fit_themes
            return _lines((EXIT_OK, fit_themes(vocab) + cross_validate(vocab)))
        if args.train == "date":
            from .curator.date_confidence import train_date
            return _lines((EXIT_OK, train_date()))
        if args.train:
            from .curator.train import train
            return _lines((EXIT_OK, train(args.train, vocab)))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    code = _lines(run_score(args.devset, vocab, args.verbose and args.half is None))
    return code or _lines(realtext.run_realtext(vocab, verbose=args.verbose, half=args.half))


def _site(site, args: argparse.Namespace) -> int:
    """Strict site build: every engine warning is printed as an ``error:`` line and fails the command."""
    try:
        run = site.build_site(args.project, args.site_dir or args.project / "site")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    for problem in run.problems:
        print(f"error: {problem}", file=sys.stderr)
    if run.failed:
        print(f"error: the site was not built: {len(run.problems)} problem(s) above — fix them, then run "
              f"'python -m build_scripts site' again", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _bundle(args: argparse.Namespace) -> int:
    from .site.bundle import BundleError, build_bundle
    args.out.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = build_bundle(args.project, args.out)
    except BundleError as exc:
        print(f"error: the offline bundle could not be built: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"offline bundle: {result.path} — {result.size / 1e6:.1f} MB, {result.files} files "
          f"(search index {result.index_size / 1e3:.0f} kB, texts for excerpts {result.texts_size / 1e3:.0f} kB)")
    return EXIT_OK


def _build(args: argparse.Namespace, vocab) -> int:
    if not args.source.is_dir():
        print(f"error: source folder {printable(str(args.source))} does not exist — create it, or pass --source DIR",
              file=sys.stderr)
        return EXIT_CONFIG
    found: list = []  # the problems met so far, printed before a failure of the machine
    try:
        with build_lock(args.docs):
            return _build_locked(args, vocab, found)
    except BuildBusy as exc:
        print(f"error: another build is running in {printable(str(exc))} — wait for it to end, then build again",
              file=sys.stderr)
        return EXIT_BUSY
    except OSError as exc:
        _print_problems(found)
        print(f"error: {printable(machine_failure(exc))}", file=sys.stderr)
        return EXIT_FAILED


def _build_locked(args: argparse.Namespace, vocab, found: list) -> int:
    t0 = time.perf_counter()
    interrupted = start_build(args.docs)
    cache_dir, why_not = (None, "") if args.no_cache else cache_folder(args.docs, args.cache, ROOT)
    if why_not:
        print(f"warning: {printable(why_not)}", file=sys.stderr)
    if interrupted:  # the temporary files it left are removed (walking the folders only then keeps builds fast)
        remove_stale_temporaries(args.docs)
        if cache_dir and cache_dir.is_dir():
            remove_stale_temporaries(cache_dir)
    gc.disable()  # a build makes many objects that live to its end and few cycles: collections would walk them in vain
    try:
        done = build.build(args.source, args.docs, vocab, args.site_url or os.environ.get("SITE_URL") or DEFAULT_BASE_URL,
                           cache_dir=cache_dir, jobs=args.jobs, problems=found)
        finish_build(args.docs)
    finally:
        gc.enable()
    corpus, result = done.corpus, done.written
    steps = [("start", 0.0)] + done.steps
    elapsed = time.perf_counter() - t0
    if args.timings:
        print("timings: " + ", ".join(f"{name} {end - start:.2f}s"
                                      for (_, start), (name, end) in zip(steps, steps[1:])))
    _print_problems(corpus.problems)
    for rel in result.refused:
        what = "folder" if (args.docs / rel).is_dir() else "file"
        print(f"error: {printable(str(args.docs / rel))}: a hand-written {what} is in the way of a generated page; "
              f"it was left untouched — rename or move it, then rebuild", file=sys.stderr)
    print(f"{len(corpus.reports)} reports built ({corpus.cache_hits} from cache), {len(corpus.skipped)} skipped; "
          f"{len(result.written)} files written, {len(result.unchanged)} unchanged, {len(result.removed)} removed "
          f"in {elapsed:.2f}s")
    if corpus.skipped:
        print("skipped: " + ", ".join(printable(source) for source in corpus.skipped))
    if args.strict and (corpus.problems or result.refused):
        return EXIT_PROBLEMS
    return EXIT_OK


def _say(line: str) -> None:
    """A line of a long-running command: errors and warnings to standard error, the rest to standard output."""
    print(printable(line) if line.startswith(("error:", "warning:")) else line,
          file=sys.stderr if line.startswith(("error:", "warning:")) else sys.stdout, flush=True)


def _print_problems(problems: list) -> None:
    for problem in problems:
        level = "error" if problem.fatal else "warning"
        print(f"{level}: {printable(str(problem))}", file=sys.stderr)
