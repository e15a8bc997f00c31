"""Watch mode's figures (issue 19) on a project the benchmark built: what a curator waits for after an edit.

    .venv/bin/python -m tools.bench --sizes 10000 --runs 1 --skip warm incremental baseline probe --workdir W
    .venv/bin/python -m tools.bench_watch --workdir W --size 10000 [--runs 3]

The project ``W/n<size>/project`` (generated docs and a built site) and its sources ``W/n<size>/source`` are
reused: the search index is built in bundles when missing, then ``--runs`` times one report's text is edited
and, separately, one report's title is changed by a sidecar, each followed by one watch-mode cycle
(``build_scripts.site.watch.Watcher.cycle``: generator, MkDocs dirty, search bundles). Printed: the median
seconds until the page is on disk for the server (what a reload shows) and until the search index holds the
change, with the goals beside them, and the machine's load. Not part of the test suite; edits are appended
to the corpus files, so a workdir is for benchmarks only."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from build_scripts.site.engine import build_search_index, bundle_count
from build_scripts.site.watch import Watcher



def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench_watch", description=__doc__.split("\n\n")[0])
    p.add_argument("--workdir", type=Path, required=True, help="the benchmark's work folder (--workdir of tools.bench)")
    p.add_argument("--size", type=int, default=10000, help="corpus size whose project to use (default 10000)")
    p.add_argument("--runs", type=int, default=3, help="edits of each kind, median shown (default 3)")
    opt = p.parse_args(argv)
    base = opt.workdir / f"n{opt.size}"
    project, source = base / "project", base / "source"
    if not (project / "site").is_dir():
        print(f"error: {project / 'site'} is missing: run tools.bench with --workdir {opt.workdir} first", file=sys.stderr)
        return 2
    print(f"watch mode at N = {opt.size}: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if bundle_count(project / "site") == 0:
        t, c = time.perf_counter(), _cpu_children()
        build_search_index(project / "site")
        print(f"  search index in {bundle_count(project / 'site')} bundles: {time.perf_counter() - t:.1f} s, "
              f"CPU {_cpu_children() - c:.1f} s, largest process {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")
    watcher = Watcher(project, source, project / "docs", project / "site", say=lambda line: print("  " + line))
    reports = sorted(f for f in source.iterdir() if f.suffix in (".txt", ".md"))
    figures: dict[str, list[dict[str, float]]] = {"text": [], "title": []}
    for n in range(opt.runs):
        edited = reports[(n * 7919) % len(reports)]
        with edited.open("a", encoding="utf-8") as f:
            f.write(f"\n\nLes participants ont salué la mise à jour numéro {n} faite par le curateur.\n")
        figures["text"].append(watcher.cycle())
        renamed = reports[(n * 104729 + 13) % len(reports)]
        sidecar = renamed.with_name(renamed.stem + ".meta.yml")
        sidecar.write_text(f"title: Atelier renommé par le curateur, version {n}\n", encoding="utf-8")
        figures["title"].append(watcher.cycle())
        print(f"  run {n + 1}: text {figures['text'][-1]}, title {figures['title'][-1]}", flush=True)
    print(f"{'edit':<34}{'step':<12}{'median s':>10}{'goal s':>9}")
    for kind, label in (("text", "one report's text edited"), ("title", "one report's title (sidecar)")):
        for step in ("generator", "pages", "search"):
            values = [f[step] for f in figures[kind]]
            goal = {("text", "pages"): 5.0, ("text", "search"): 20.0, ("title", "generator"): 5.0}.get((kind, step))
            print(f"{label:<34}{step:<12}{statistics.median(values):>10.1f}{(f'{goal:.0f}' if goal else ''):>9}")
    print(f"end: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
