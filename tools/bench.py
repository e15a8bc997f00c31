"""Benchmark of the whole chain on synthetic corpora (not part of the test suite).

    python -m tools.bench [--sizes 1000 10000] [--runs 3] [--workdir DIR] [--json PATH]
                                  [--skip warm incremental pagefind baseline probe one-process]
                                  [--code SNAPSHOT]

The code is copied at the start, so edits made while it runs are not measured. For each size N, in a fresh
project folder (mkdocs.yml and the hand-written docs files, i.e. those the generator's manifest does not list):
the generator cold, warm and after one edited report; ``mkdocs build``; the Pagefind index; the site's size and
first-visit weight; and a bare Material site of the same N pages as the baseline. Each command runs as a child
process whose wall time, CPU time and peak memory (``os.wait4``) are recorded; the median of the runs is shown.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html.parser
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import synthetic
from build_scripts.site import copy_config, mkdocs_command
from build_scripts.write import MANIFEST, read_manifest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_ONE_RUN_FROM = 5000  # from this N, MkDocs steps run once unless --mkdocs-runs says otherwise
BASELINE_YML = """site_name: Référence Material nue
theme:
  name: material
  language: fr
plugins:
  - search
nav:
  - Accueil: index.md
not_in_nav: |
  /r/*
"""


@dataclass
class Run:
    """One child process: how long, how much CPU, how much memory, and how it ended."""

    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    exit_code: int
    log: str


@dataclass
class Step:
    """The runs of one measured command, with a note on how many runs and why."""

    name: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    messages: list[str] = field(default_factory=list)  # warnings and errors the command printed
    message_count: int = 0

    def median(self, attr: str = "wall_s") -> float:
        """Median over the runs that succeeded."""
        return statistics.median(getattr(r, attr) for r in self.runs if r.exit_code == 0)

    @property
    def failed(self) -> bool:
        return any(r.exit_code != 0 for r in self.runs)


# ---------------------------------------------------------------- running and measuring


@dataclass
class Options:
    """How many runs, the time budget for repeats, the corpus seed, and the frozen code to run."""

    runs: int
    mkdocs_runs: int | None
    budget: float
    seed: int
    code: Path = ROOT
    skip: tuple[str, ...] = ()


def _env(code: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}


def run_child(cmd: list[str], cwd: Path, log: Path, code: Path) -> Run:
    """Run a command with its output in ``log``; wall time, CPU time and peak RSS of that child (and the
    children it waited for) come from ``os.wait4``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(code), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait again
    return Run(round(wall, 3), round(usage.ru_utime + usage.ru_stime, 3), round(usage.ru_maxrss / 1024, 1),
               proc.returncode, str(log))


def measure(step: Step, cmd: list[str], cwd: Path, logs: Path, opt: Options, runs: int, before=None) -> Step:
    """Run ``cmd`` up to ``runs`` times (``before()`` first each time); stop repeating once a run exceeds
    ``opt.budget`` seconds, and say so in the step's note."""
    for k in range(runs):
        if before is not None:
            before(k)
        step.runs.append(run_child(cmd, cwd, logs / f"{_file_name(step.name)}-{k + 1}.log", opt.code))
        print(f"  [{time.strftime('%H:%M:%S')}] {step.name}, run {k + 1}: {step.runs[-1].wall_s:.1f}s",
              file=sys.stderr, flush=True)
        if step.runs[-1].exit_code != 0:
            step.note = f"exit code {step.runs[-1].exit_code}: see {step.runs[-1].log}"
            break
        if k + 1 < runs and step.runs[-1].wall_s > opt.budget:
            step.note = (f"{k + 1} of {runs} runs: run {k + 1} took {step.runs[-1].wall_s:.0f}s, "
                         f"over the {opt.budget:.0f}s budget")
            break
    if not step.note:
        step.note = f"median of {len(step.runs)}" if len(step.runs) > 1 else "1 run"
    return step


def collect_messages(step: Step, prefixes: tuple[str, ...], *, all_but: str | None = None) -> Step:
    """Count the warning and error lines in the last run's log (lines opening with one of ``prefixes``, or
    every non-blank line that does not open with ``all_but``); keep the first few, distinct."""
    if not step.runs:
        return step
    lines = [line.strip() for line in
             Path(step.runs[-1].log).read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    if all_but is not None:
        hits = [line for line in lines if not re.match(all_but, line)]
    else:
        hits = [line for line in lines if line.startswith(prefixes)]
    step.message_count = len(hits)
    step.messages = list(dict.fromkeys(hits))[:5]
    return step


# ---------------------------------------------------------------- project folders


def hand_written() -> list[str]:
    """The project's hand-written docs files: every file under docs/ that the generator's manifest does not
    list (so a new theme override or page is picked up without editing this list)."""
    docs = ROOT / "docs"
    # no manifest: nothing was generated here, so every file under docs/ was written by hand
    generated = set(read_manifest(docs)) | {MANIFEST} if (docs / MANIFEST).exists() else set()
    return sorted(rel for rel in (p.relative_to(docs).as_posix() for p in _files(docs)) if rel not in generated)


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []


def _file_name(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def snapshot(dest: Path) -> Path:
    """A frozen copy of build_scripts/, mkdocs.yml and the hand-written pages, taken once at the start: edits
    made to the working tree while the benchmark runs must not mix two versions of the code in one table."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "build_scripts", dest / "build_scripts",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for rel in hand_written():
        (dest / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / rel, dest / "docs" / rel)
    return dest


def reset_docs(project: Path, code: Path) -> None:
    """Back to the hand-written pages only (from the snapshot), and no extraction cache: a cold run."""
    for folder in (project / "docs", project / ".cache"):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(code / "docs", project / "docs")


def make_project(dest: Path, code: Path) -> Path:
    """A fresh project folder: mkdocs.yml and the hand-written pages, no generated page."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_config(code, dest)
    reset_docs(dest, code)
    return dest


def make_baseline(dest: Path, reports: list[Path]) -> Path:
    """A bare Material site: one plain page per report (its text only), default search, no index pages.
    The reports stay out of the navigation, as in the real site: an automatic navigation of N pages would put
    N links on every page."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs" / "r").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# Référence\n\nSite de comparaison.\n", encoding="utf-8")
    for path in reports:
        shutil.copy(path, dest / "docs" / "r" / (path.stem + ".md"))
    return dest


def retitle(report: Path, k: int) -> None:
    """Correct one report's title the way a curator would: a sidecar beside it (a new title each run)."""
    sidecar = report.with_name(report.stem + ".meta.yml")
    sidecar.write_text(f"title: Titre corrigé par la curatrice, version {k + 1}\n", encoding="utf-8")


def append_sentence(report: Path, k: int) -> None:
    """Edit one report the way a curator would: one more sentence at the end."""
    with open(report, "a", encoding="utf-8") as f:
        f.write(f"\nUne phrase ajoutée pour la mesure incrémentale numéro {k + 1}.\n")


# ---------------------------------------------------------------- site size and page weight


class _Assets(html.parser.HTMLParser):
    """Stylesheets and scripts a page loads on first visit."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> dict:
    """Gzip size of a page and of every stylesheet and script it loads (external ones are only listed)."""
    parser = _Assets()
    raw = page.read_bytes()
    parser.feed(raw.decode("utf-8", errors="replace"))
    folder = page.parent.relative_to(site).as_posix()
    base = "/" if folder == "." else f"/{folder}/"
    assets, external, missing = {}, [], []
    for url in parser.urls:
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
            external.append(url)
            continue
        rel = urlsplit(urljoin(base, url)).path.lstrip("/")
        target = site / rel
        if target.is_file():
            assets[rel] = _gz(target.read_bytes())
        else:
            missing.append(rel)
    return {"page": page.relative_to(site).as_posix(), "html_bytes": len(raw), "html_gz": _gz(raw),
            "assets_gz": sum(assets.values()), "assets": assets, "external": external, "missing": missing,
            "total_gz": _gz(raw) + sum(assets.values())}


def site_size(site: Path) -> dict:
    """Total bytes and files of the built site, and its HTML page count."""
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "pages": sum(1 for p in files if p.suffix == ".html"),
            "search_index_bytes": index.stat().st_size if index.exists() else None,
            "search_index_gz": _gz(index.read_bytes()) if index.exists() else None,
            "pagefind_bytes": sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
            if pagefind.exists() else None}


def report_page(site: Path) -> Path | None:
    """The first report page of the site (reports live under rapports/)."""
    pages = sorted(p for p in (site / "rapports").glob("*/index.html"))
    return pages[0] if pages else None


# ---------------------------------------------------------------- one size


def _generator_cmd(source: Path, docs: Path) -> list[str]:
    # --timings: each log holds the time of every step (read + extract, follow-up, render, write)
    return [sys.executable, "-m", "build_scripts", "build", "--source", str(source), "--docs", str(docs), "--timings"]


def _mkdocs_cmd(site: str = "site") -> list[str]:
    # strict, as the published build: a warning fails the step, and collect_messages lists it
    return mkdocs_command("mkdocs.yml", site)


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from pathlib import Path; " + code]


# MkDocs as `site` runs it: split over processes when the site is large and there are CPUs for it (the problems
# are printed, so that collect_messages sees them); CPU time and peak memory cover every process (os.wait4: the
# peak is the largest one process, two run at once).
SPLIT_MKDOCS = _python("from build_scripts.site.engine import run_mkdocs, site_processes; "
                       "r = run_mkdocs(Path('mkdocs.yml'), Path('.'), Path('site'), "
                       "processes=site_processes(Path('docs'))); "
                       "print(f'processes: {site_processes(Path(\"docs\"))}'); "
                       "[print('WARNING -', p) for p in r.problems]; sys.exit(1 if r.failed else 0)")
# The whole `site` command (MkDocs, then the search bundles, those whose pages did not change kept)
SITE_COMMAND = _python("from build_scripts.site.engine import build_site; r = build_site(Path('.'), Path('site')); "
                       "[print('WARNING -', p) for p in r.problems]; sys.exit(1 if r.failed else 0)")


def generator_steps(n: int, source: Path, project: Path, logs: Path, opt: Options) -> list[Step]:
    """Cold (empty docs), warm (nothing changed), incremental (one report's text edited) and title changed (one
    report's title corrected by a sidecar) generator runs."""
    cmd = _generator_cmd(source, project / "docs")
    cold = measure(Step("generator cold"), cmd, opt.code, logs, opt, opt.runs,
                   lambda k: reset_docs(project, opt.code))
    warm, incr = Step("generator warm"), Step("incremental (1 report edited)")
    titled = Step("title changed (1 sidecar)")
    if "warm" in opt.skip or cold.failed:
        warm.note = "skipped"
    else:
        measure(warm, cmd, opt.code, logs, opt, opt.runs)
    edited = sorted(source.glob("*.txt"))[0]
    if "incremental" in opt.skip or cold.failed:
        incr.note = "skipped"
    else:
        measure(incr, cmd, opt.code, logs, opt, opt.runs, lambda k: append_sentence(edited, k))
        measure(titled, cmd, opt.code, logs, opt, opt.runs, lambda k: retitle(sorted(source.glob("*.txt"))[1], k))
    if not titled.runs:
        titled.note = "skipped"
    return [collect_messages(s, (), all_but=r"\d+ reports built|timings: ") for s in (cold, warm, incr, titled)]


# The index as `site` builds it: Pagefind bundles of PAGES_PER_PART pages, two at a time (peak MiB is the
# largest one process; two run at once).
INDEX_COMMAND = [sys.executable, "-c", "import sys; from pathlib import Path; "
                 "from build_scripts.site.engine import build_search_index; sys.exit(build_search_index(Path('site')))"]


def site_steps(n: int, project: Path, logs: Path, opt: Options, generator=None) -> list[Step]:
    """MkDocs build of the generated docs (in one process, then as `site` splits it), the Pagefind index of the
    built site (when installed), then `site` again with nothing changed (warm), each run after a warm generator
    run (not measured here: "generator warm" is), so that what the generator touches counts."""
    runs = opt.mkdocs_runs or (opt.runs if n < MKDOCS_ONE_RUN_FROM else 1)
    one = Step("mkdocs build, 1 process", note="skipped")
    if "one-process" not in opt.skip:
        one = collect_messages(measure(Step("mkdocs build, 1 process"), _mkdocs_cmd(), project, logs, opt, runs),
                               ("WARNING", "ERROR", "Aborted", "Traceback"))
    build = measure(Step("mkdocs build"), SPLIT_MKDOCS, project, logs, opt, runs)
    if runs == 1 and n >= MKDOCS_ONE_RUN_FROM and not opt.mkdocs_runs and not build.failed:
        build.note = f"1 run (N >= {MKDOCS_ONE_RUN_FROM}: MkDocs steps run once; --mkdocs-runs to change)"
    if not build.failed and build.runs:
        used = re.search(r"processes: (\d+)", Path(build.runs[-1].log).read_text(encoding="utf-8"))
        build.note += f"; {used.group(1) if used else '?'} process(es), as `site` runs it"
    steps = [one, collect_messages(build, ("WARNING", "ERROR", "Aborted", "Traceback"))]
    if "pagefind" in opt.skip:
        steps.append(Step("search index (pagefind)", note="skipped"))
    elif importlib.util.find_spec("pagefind") is not None and not build.failed:
        index = measure(Step("search index (pagefind)"), INDEX_COMMAND, project, logs, opt, runs)
        steps.append(collect_messages(index, ("Error", "error", "WARN")))
    else:
        steps.append(Step("search index (pagefind)", note="n/a (pagefind not importable, or MkDocs failed)"))
    warm = Step("site warm (nothing changed)", note="skipped")
    if "warm" not in opt.skip and not build.failed and "pagefind" not in opt.skip:
        # the first `site` after the steps above: MkDocs again (no stamp of a `site` build yet), every bundle kept
        first = collect_messages(measure(Step("site, MkDocs again, bundles kept"), SITE_COMMAND, project, logs,
                                         opt, 1), ("WARNING", "ERROR", "Aborted", "Traceback"))
        steps.append(first)
        if first.failed:
            return steps
        warm = collect_messages(measure(Step(warm.name), SITE_COMMAND, project, logs, opt, runs,
                                        None if generator is None else lambda k: generator()),
                                ("WARNING", "ERROR", "Aborted", "Traceback"))
    return steps + [warm]


def baseline_step(n: int, reports: list[Path], work: Path, logs: Path, opt: Options) -> Step:
    """The same N pages, plain, through a bare Material site."""
    base = make_baseline(work / "baseline", reports)
    runs = opt.mkdocs_runs or (opt.runs if n < MKDOCS_ONE_RUN_FROM else 1)
    step = measure(Step("baseline: bare Material"), _mkdocs_cmd(), base, logs, opt, runs)
    return collect_messages(step, ("WARNING", "ERROR", "Aborted", "Traceback"))


def bench_size(n: int, work: Path, opt: Options) -> dict:
    """Every measure for one corpus size, as plain data."""
    work.mkdir(parents=True, exist_ok=True)
    source, logs = work / "source", work / "logs"
    if source.exists():
        shutil.rmtree(source)
    t0 = time.perf_counter()
    reports = synthetic.generate(n, source, seed=opt.seed)
    corpus_s = time.perf_counter() - t0
    project = make_project(work / "project", opt.code)
    warm_generator = functools.partial(subprocess.run, _generator_cmd(source, project / "docs"), cwd=opt.code,
                                       env=_env(opt.code), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    steps = generator_steps(n, source, project, logs, opt) + site_steps(n, project, logs, opt, warm_generator)
    steps.append(Step("baseline: bare Material", note="skipped") if "baseline" in opt.skip
                 else baseline_step(n, reports, work, logs, opt))
    site = project / "site"
    result = {"n": n, "corpus_seconds": round(corpus_s, 2),
              "corpus_bytes": sum(p.stat().st_size for p in reports), "steps": [asdict(s) for s in steps]}
    if (site / "index.html").exists():
        result["site"] = site_size(site)
        result["home"] = page_weight(site, site / "index.html")
        page = report_page(site)
        result["report_page"] = page_weight(site, page) if page else None
    if (site / "pagefind").exists() and "probe" not in opt.skip:
        try:
            result["search"] = search_probe(site)
        except Exception as exc:  # the benchmark reports what it could not measure
            result["search"] = [{"error": f"{type(exc).__name__}: {exc}"}]
    base_site = work / "baseline" / "site"
    result["baseline_site"] = site_size(base_site) if base_site.exists() else None
    result["ratio"] = _ratio(steps)
    return result


SEARCH_QUERIES = ("vaccination", "santé communautaire", "CPN")
# Chrome DevTools' "Slow 3G" preset as Lighthouse and Playwright's docs define it: 400 kbit/s, 2 s round trip.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 500 * 1000 / 8 * 0.8,
           "uploadThroughput": 500 * 1000 / 8 * 0.8}
PROFILES = (("normal", None), ("Slow 3G", SLOW_3G))


def search_probe(site: Path) -> list[dict]:
    """Cold queries in headless Chromium against the built site served compressed on 127.0.0.1, on a normal
    and a throttled ("Slow 3G") network: bytes transferred (compressed: all, and the search code and index
    alone), milliseconds from navigation to the first result on screen, and from the page's load event to it.
    Measured in the page (Pagefind runs there, not in a worker): the load event waits for the files the search
    page preloads, so "after load" is the smaller part of the wait."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from build_scripts.site import GzipHandler

    class Quiet(GzipHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for profile, conditions in PROFILES:
                for query in SEARCH_QUERIES:
                    out.append({"profile": profile, **_one_search(browser, f"{base}/recherche/?q={query}",
                                                                  conditions), "query": query})
            browser.close()
    finally:
        httpd.shutdown()
    return out


def _one_search(browser, url: str, conditions: dict | None) -> dict:
    context = browser.new_context()  # a cold cache for every query
    page = context.new_page()
    if conditions:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", conditions)
    page.add_init_script(_FIRST_RESULT)
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_function("window.__kbFirst", timeout=180_000, polling=50)
    # Times and sizes as the page saw them (navigation start = 0; compressed body sizes): what had arrived when
    # the first result was drawn, and everything fetched within 3 s after (facets' data and the like).
    first, loaded, before, _ = page.evaluate(_TIMINGS)
    page.wait_for_timeout(3000)
    *_, later = page.evaluate(_TIMINGS)
    count = page.locator(".kb-resultat").count()
    context.close()
    search = sum(size for name, size in before if "/pagefind/" in name or "recherche" in name)
    return {"ms_to_first_results": round(first), "ms_after_load": round(max(0.0, first - loaded)),
            "bytes_all": sum(size for _, size in before), "bytes_search": search, "requests": len(before),
            "bytes_within_3s": sum(size for _, size in later), "results_shown": count}


_FIRST_RESULT = """window.__kbFirst = 0;
new MutationObserver(() => { if (!window.__kbFirst && document.querySelector('.kb-resultat'))
  window.__kbFirst = performance.now(); }).observe(document, { subtree: true, childList: true });"""
_TIMINGS = """() => { const nav = performance.getEntriesByType('navigation')[0];
  const all = [nav, ...performance.getEntriesByType('resource')];
  return [window.__kbFirst, nav.loadEventStart, all.filter((e) => e.responseEnd <= window.__kbFirst)
    .map((e) => [e.name, e.encodedBodySize]), all.map((e) => [e.name, e.encodedBodySize])]; }"""


def _ratio(steps: list[Step]) -> dict | None:
    """(generator cold + MkDocs + search index) / bare Material baseline, on medians; and the warm full build
    with nothing changed (generator warm + `site`) / the same baseline."""
    by = {s.name: s for s in steps}
    parts = [by["generator cold"], by["mkdocs build"], by["search index (pagefind)"]]
    base = by["baseline: bare Material"]
    if any(s.failed or not s.runs for s in (base, *parts[:2])) or parts[2].failed:
        return None
    total = sum(p.median() for p in parts if p.runs)
    cpu = sum(p.median("cpu_s") for p in parts if p.runs)
    out = {"chain_s": round(total, 2), "baseline_s": round(base.median(), 2),
           "ratio": round(total / base.median(), 2), "chain_cpu_s": round(cpu, 2),
           "baseline_cpu_s": round(base.median("cpu_s"), 2), "cpu_ratio": round(cpu / base.median("cpu_s"), 2),
           "with_search_index": bool(parts[2].runs)}
    warm = [by["generator warm"], by["site warm (nothing changed)"]]
    if all(s.runs and not s.failed for s in warm):
        out["warm_s"] = round(sum(s.median() for s in warm), 2)
        out["warm_cpu_s"] = round(sum(s.median("cpu_s") for s in warm), 2)
        out["warm_cpu_ratio"] = round(out["warm_cpu_s"] / base.median("cpu_s"), 2)
    return out


# ---------------------------------------------------------------- printing


def _machine(label: str) -> dict:
    load = os.getloadavg()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{label}: {os.cpu_count()} CPUs ({usable} usable), load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} (1, 5, 15 min)", flush=True)
    return {"cpus": os.cpu_count(), "usable_cpus": usable, "loadavg": [round(x, 2) for x in load]}


def _kb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 1024:,.1f} KiB".replace(",", " ")


def _mb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 1024 ** 2:,.1f} MiB".replace(",", " ")


def _step_row(n: int, s: dict) -> str:
    runs = [r for r in s["runs"] if r["exit_code"] == 0]
    if not runs:
        shown = "failed" if s["runs"] else "n/a"
        return f"  {s['name']:<31}{len(s['runs']):>5}{shown:>10}{'':>49}  {s['note']}"
    walls = sorted(r["wall_s"] for r in runs)
    med = statistics.median(walls)
    rss = statistics.median(r["peak_rss_mib"] for r in runs)
    cpu = statistics.median(r["cpu_s"] for r in runs)
    return (f"  {s['name']:<31}{len(runs):>5}{med:>10.2f}{walls[0]:>9.2f}{walls[-1]:>9.2f}"
            f"{n / med:>11.0f}{rss:>11.0f}{cpu:>9.1f}  {s['note']}")


def _weight_line(label: str, w: dict | None) -> str:
    if not w:
        return f"  {label}: n/a"
    extra = f"; external: {', '.join(w['external'])}" if w["external"] else ""
    extra += f"; missing: {', '.join(w['missing'])}" if w["missing"] else ""
    return (f"  {label} ({w['page']}): {_kb(w['total_gz'])} = HTML {_kb(w['html_gz'])} "
            f"(raw {_kb(w['html_bytes'])}) + {len(w['assets'])} CSS/JS files {_kb(w['assets_gz'])}{extra}")


def _site_line(label: str, site: dict | None) -> str:
    if not site:
        return f"  {label}: n/a"
    line = f"  {label}: {_mb(site['bytes'])} in {site['files']:,} files ({site['pages']:,} HTML pages)"
    if site["search_index_bytes"] is not None:
        line += f"; Material search index {_mb(site['search_index_bytes'])} (gzip {_mb(site['search_index_gz'])})"
    if site["pagefind_bytes"] is not None:
        line += f"; Pagefind bundle {_mb(site['pagefind_bytes'])}"
    return line.replace(",", " ")


def print_size(r: dict) -> None:
    """The table of one size, then sizes, weights, the ratio and what the commands printed."""
    n = r["n"]
    print(f"\nN = {n:,} reports (corpus {_mb(r['corpus_bytes'])}, generated in {r['corpus_seconds']:.1f}s)"
          .replace(",", " "))
    print(f"  {'step':<31}{'runs':>5}{'median s':>10}{'min s':>9}{'max s':>9}{'reports/s':>11}"
          f"{'peak MiB':>11}{'CPU s':>9}  note")
    for s in r["steps"]:
        print(_step_row(n, s))
    print(_site_line("site", r.get("site")))
    print("  first visit, gzip -6 of the page and the stylesheets and scripts it links:")
    print(_weight_line("  home page", r.get("home")))
    print(_weight_line("  report page", r.get("report_page")))
    print(_site_line("baseline site", r.get("baseline_site")))
    for q in r.get("search") or []:
        if "error" in q:
            print(f"  search probe failed: {q['error']}")
        else:
            print(f"  cold search « {q['query']} », {q['profile']} network, gzip host: first results after "
                  f"{q['ms_to_first_results']} ms from navigation ({q['ms_after_load']} ms after the page's load "
                  f"event); fetched {_kb(q['bytes_all'])} in {q['requests']} requests, of which search code and "
                  f"index {_kb(q['bytes_search'])}; {_kb(q.get('bytes_within_3s'))} within 3 s")
    ratio = r.get("ratio")
    if ratio:
        what = "generator cold + mkdocs build" + (" + pagefind" if ratio["with_search_index"] else "")
        print(f"  ratio ({what}) / bare Material baseline = {ratio['chain_s']:.1f}s / {ratio['baseline_s']:.1f}s "
              f"= {ratio['ratio']:.1f}x wall time; {ratio['chain_cpu_s']:.1f}s / {ratio['baseline_cpu_s']:.1f}s "
              f"= {ratio['cpu_ratio']:.1f}x CPU time (steadier when the machine is busy)")
        if "warm_cpu_s" in ratio:
            print(f"  warm full build, nothing changed (generator warm + site) / baseline = {ratio['warm_s']:.1f}s / "
                  f"{ratio['baseline_s']:.1f}s wall; {ratio['warm_cpu_s']:.1f}s / {ratio['baseline_cpu_s']:.1f}s "
                  f"= {ratio['warm_cpu_ratio']:.1f}x CPU time")
    for s in r["steps"]:
        if s["message_count"]:
            print(f"  {s['name']} printed {s['message_count']} warning/error/notice lines; first ones:")
            for m in s["messages"]:
                print(f"      {m[:200]}")
    sys.stdout.flush()


# ---------------------------------------------------------------- command line


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    p.add_argument("--runs", type=int, default=3, help="runs per step, median shown (default 3)")
    p.add_argument("--mkdocs-runs", type=int, default=None,
                   help=f"runs of the MkDocs and Pagefind steps (default: --runs below N={MKDOCS_ONE_RUN_FROM}, "
                        f"else 1)")
    p.add_argument("--budget", type=float, default=120.0,
                   help="a step whose first run takes longer than this many seconds is not repeated (default 120)")
    p.add_argument("--workdir", type=Path, default=None, help="keep the corpora, projects and logs here")
    p.add_argument("--json", type=Path, default=None, help="also write the raw figures to this JSON file")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus (default 0)")
    p.add_argument("--code", type=Path, default=None,
                   help="run this earlier snapshot (a work folder's code/) instead of copying the working tree")
    p.add_argument("--skip", nargs="+", default=[], choices=["warm", "incremental", "pagefind", "baseline", "probe", "one-process"],
                   help="steps to leave out (to keep large sizes short)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    work = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="kb-bench-"))
    code = args.code.resolve() if args.code else snapshot(work / "code")
    opt = Options(max(1, args.runs), args.mkdocs_runs, args.budget, args.seed, code, tuple(args.skip))
    print(f"Benchmark of the knowledge-base chain: Python {platform.python_version()}, {platform.platform()}")
    print(f"work folder: {work}" + ("" if args.workdir else " (temporary, removed at the end)"))
    print(f"code: {code}" + ("" if args.code else " (a copy of build_scripts/, mkdocs.yml and the hand-written "
                                                  "docs files taken at the start: later edits are not measured)"))
    report = {"machine_start": _machine("start"), "sizes": [], "options": {**asdict(opt), "code": str(opt.code)}}
    try:
        for n in args.sizes:
            result = bench_size(n, work / f"n{n}", opt)
            report["sizes"].append(result)
            print_size(result)
    finally:
        report["machine_end"] = _machine("\nend")
        if args.json:
            args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"raw figures written to {args.json}")
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    failed = [s["name"] for r in report["sizes"] for s in r["steps"] if any(x["exit_code"] for x in s["runs"])]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
