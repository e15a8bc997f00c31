"""The one orchestrator, a straight line: sources -> read -> extract -> curate -> merge -> page names ->
classify -> follow-up -> render -> write. Caching is a layer beside the steps (incremental.py, at two seams:
before reading and before rendering); pools are in workers.py. No step here prints: cli.py does."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import classify, curate, followup, incremental, merge, originals, readers, sources, workers, write
from .config import Vocabulary
from .extract.report import extract_report
from .models import Corpus, Problem, Report, SourceDocument
from .render import Renderer, search_words


@dataclass
class BuildResult:
    corpus: Corpus
    written: write.WriteResult
    steps: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds since the start) for --timings


def extract_one(doc: SourceDocument, vocab: Vocabulary) -> tuple[Report, list[Problem]]:
    """Extract one read report and apply its curated values; with the digests later steps key on (what listings
    show, the text sketch, the follow-up's input)."""
    report, programme_long = extract_report(doc, vocab)
    return _curated(report, vocab, programme_long)


def curate_again(doc: SourceDocument, earlier: Report, vocab: Vocabulary) -> tuple[Report, list[Problem]]:
    """What extract_one gives, from an earlier extraction of the same text (``earlier``: its body, statements,
    acronyms and ``extracted``) when only the curated values changed: they are applied again, nothing is
    extracted again."""
    assert earlier.found is not None and earlier.extracted is not None
    report = Report(source=doc.source, doc=doc, found={**earlier.found, **earlier.extracted["found"]},
                    blocks=earlier.blocks, units=earlier.units, acronyms=earlier.acronyms)
    return _curated(report, vocab, earlier.extracted["programme_long"])


def _curated(report: Report, vocab: Vocabulary, programme_long: str) -> tuple[Report, list[Problem]]:
    """Curated values over the extracted ones (what they replace kept in ``extracted``), then the digests."""
    extracted = dict(report.found or {})
    problems = curate.apply(report, vocab, programme_long)
    report.extracted = {"found": {k: v for k, v in extracted.items() if (report.found or {}).get(k) is not v},
                        "programme_long": programme_long}
    report.view = incremental.view_digest(report.meta, report.units, report.acronyms)
    report.sketch = merge.text_sketch(report.doc.text)  # type: ignore[union-attr]
    report.index_keys = classify.report_keys(report, vocab)
    report.follow_up = followup.summary(report)  # reads the index keys
    report.words = search_words.body_words(report.blocks or [])
    return report, problems


def extract_safely(doc: SourceDocument, vocab: Vocabulary, earlier: Report | None = None
                   ) -> tuple[Report | None, list[Problem]]:
    """extract_one (curate_again with an ``earlier`` extraction of the same text); a bug must not cost the other
    reports: the message says which file triggered it."""
    try:
        return curate_again(doc, earlier, vocab) if earlier is not None else extract_one(doc, vocab)
    except Exception as exc:
        return None, [Problem(doc.source, f"extraction failed ({type(exc).__name__}: {exc})",
                              "report this file to the maintainers")]


def read_corpus(source_dir: Path, vocab: Vocabulary, *, cache_dir: Path | None = None, jobs: int = 1) -> Corpus:
    """Every report of the source folder read, extracted, curated, merged and named (the curator's tools and the
    tests read through this, as the build does)."""
    return _read_corpus(source_dir, vocab, cache_dir=cache_dir, jobs=jobs)[0]


def _read_corpus(source_dir: Path, vocab: Vocabulary, *, cache_dir: Path | None = None, jobs: int = 1,
                 problems: list[Problem] | None = None) -> tuple[Corpus, incremental.Extractions]:
    """Sources -> read -> extract -> curate -> merge -> page names. Files unchanged since the last build are
    neither read nor extracted (stage 1 of incremental.py); the others are extracted in parallel."""
    corpus = Corpus(problems=problems if problems is not None else [])  # shared, for a failure midway
    readers.ocr.use_cache(cache_dir)  # recognised copies of scans are kept beside the other caches
    stage1 = incremental.Extractions(cache_dir, vocab.digest)
    by_digest: dict[tuple[str, str], str] = {}
    wanted: list[tuple[str, str, SourceDocument | None]] = []  # (source, key, document when read)
    for path, source, signature in sources.scan(source_dir, corpus):
        known = stage1.unchanged(source, signature)
        if known:
            (key, sha256), doc = known, None
            corpus.unread += 1
        else:
            doc = sources.read_one(path, source, corpus)
            if doc is None:
                continue
            key, sha256 = stage1.key(doc), doc.sha256
        if sources.duplicate(source, sha256, by_digest, corpus):
            continue
        stage1.seen(source, signature, key, sha256)
        wanted.append((source, key, doc))
    done: dict[str, tuple[Report | None, list[Problem]]] = {}
    made: dict[str, tuple[Report | None, list[Problem]]] = {}
    missing: list[tuple[SourceDocument, str]] = []
    for source, key, doc in wanted:
        cached = stage1.get(key)
        if cached is not None:
            done[key] = cached
            continue
        earlier = stage1.earlier(key)
        if earlier is not None:  # the same text with other curated values: curated again, not extracted
            made[key] = extract_safely(doc, vocab, earlier)  # type: ignore[arg-type]
        else:
            missing.append((doc, key))  # type: ignore[arg-type]  (never None: an unread report is in the cache)
    made.update(zip([key for _, key in missing], workers.map_with(extract_safely, [d for d, _ in missing],
                                                                  vocab, max(1, jobs))))
    for key in [key for _, key, _ in wanted if key in made]:
        done[key] = report, found = made[key]
        if report is not None:
            report.key = key
            stage1.put(report, found)
    corpus.cache_hits = stage1.hits
    for source, key, _ in wanted:
        report, found = done[key]
        corpus.problems.extend(found)
        if report is None:
            corpus.skipped.append(source)
            stage1.forget(source)
        else:
            corpus.reports.append(report)
    stage1.save()
    memo = incremental.Memo(cache_dir)
    signature = incremental.same_report_signature(corpus.reports)
    groups = memo.get("same-report", signature, "groups")
    if groups is None:
        groups = merge.same_report_groups(corpus.reports)
        memo.put("same-report", signature, "groups", groups)
    merge.apply_groups(corpus, groups, source_dir)
    corpus.problems.extend(curate.assign_slugs(corpus.reports))
    corpus.reports.sort(key=lambda r: r.slug)
    return corpus, stage1


def follow_up(reports: list[Report], cache_dir: Path | None) -> None:
    """followup.follow_up_status on the sentences it reads, reused from the last build when none of its inputs
    changed (page names, dates, programmes, organisers, statements and follow-up sentences)."""
    memo = incremental.Memo(cache_dir)
    signature = incremental.follow_up_signature(reports)
    statuses = memo.get("follow-up", signature, "statuses")
    if statuses is not None:
        for r in reports:
            for u, (status, source) in zip(r.units, statuses[r.slug]):
                u.status, u.status_source = status, source
        return
    followup.follow_up_status(reports, text_of=lambda r: r.follow_up[0])
    memo.put("follow-up", signature, "statuses",
             {r.slug: [(u.status, u.status_source) for u in r.units] for r in reports})


def load_bodies(reports: list[Report], stage1: incremental.Extractions, source_dir: Path, vocab: Vocabulary,
                corpus: Corpus) -> list[Report]:
    """Give the reports whose pages are made again their text, blocks and provenance: from the cache, else by
    reading and extracting the file again (the same path as a first build, its problems reported). Returns the
    reports that could not have theirs."""
    lost = []
    for r in reports:
        if r.has_body or stage1.load_body(r):
            continue
        doc = sources.read_one(source_dir / r.source, r.source, corpus)
        if doc is None:
            lost.append(r)
            continue
        full, _ = extract_one(doc, vocab)
        r.doc, r.blocks, r.found, r.extracted = full.doc, full.blocks, full.found, full.extracted
    return lost


def classify_again(reports: list[Report], vocab: Vocabulary, stage2: incremental.Pages) -> classify.Classification:
    """classify.classify, the related reports of the last build kept but for those a change can affect."""
    classify.keyed(reports, vocab)
    inputs = classify.related_inputs(reports)
    known, only, stored = None, None, stage2.related(reports)
    if stored is not None:
        only = classify.affected(stored[0], inputs)
        by_slug = {r.slug: r for r in reports}
        try:
            known = {slug: [(by_slug[o], why) for o, why in pairs] for slug, pairs in stored[1].items()
                     if slug in inputs and slug not in only}
        except (KeyError, TypeError, ValueError):
            known, only = None, None  # a damaged state is only a slower build
    classes = classify.classify(reports, vocab, known, only)
    if stored is None or known is None or stored[0] != inputs:
        stage2.keep_related(inputs, classes.related)
    return classes


def build(source_dir: Path, docs: Path, vocab: Vocabulary, base_url: str, *, cache_dir: Path | None = None,
          jobs: int = 1, problems: list[Problem] | None = None) -> BuildResult:
    """Generate every file under ``docs`` from the reports in ``source_dir``."""
    t0 = time.perf_counter()
    steps = []
    corpus, stage1 = _read_corpus(source_dir, vocab, cache_dir=cache_dir, jobs=jobs, problems=problems)
    steps.append(("read + extract", time.perf_counter() - t0))
    follow_up(corpus.reports, cache_dir)
    steps.append(("follow-up", time.perf_counter() - t0))
    stage2 = incremental.Pages(cache_dir, vocab.digest, base_url)
    stage2.start(corpus.reports)
    classes = classify_again(corpus.reports, vocab, stage2)
    on_disk = write.on_disk(docs)
    kept: list[dict[str, write.Content]] = []
    todo = []
    for job in Renderer(vocab, base_url).jobs(corpus.reports, classes):
        key = stage2.job_key(job.what, job.reports, job.related, job.text_of_all)
        digests = stage2.reusable(key, on_disk)
        if digests is None:
            todo.append((key, job))
        else:
            kept.append({path: write.Kept(d) for path, d in digests.items()})
    need = list({id(r): r for _, job in todo for r in job.bodies or []}.values())
    lost = {id(r) for r in load_bodies(need, stage1, source_dir, vocab, corpus)}
    if lost:
        todo = [(key, job) for key, job in todo if not any(id(r) in lost for r in job.bodies or [])]
    made = workers.run_jobs([job.make for _, job in todo], max(1, jobs))
    for (key, _), files in zip(todo, made):
        stage2.made(key, files)
    stage2.save()
    steps.append(("classify + render", time.perf_counter() - t0))
    files = write.collect([*kept, *made, originals.copies(corpus.reports, source_dir)])
    result = write.write_tree(docs, files)
    steps.append(("write", time.perf_counter() - t0))
    return BuildResult(corpus, result, steps)
