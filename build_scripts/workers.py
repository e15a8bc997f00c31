"""Process pools that give the same output, in the same order, as one process."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence

PARALLEL_THRESHOLD = 64  # fewer items than this are not worth starting worker processes
PARALLEL_JOBS = 200  # fewer render jobs than this are made by this process
_SHARED: Any = None  # what a worker process was started with (the vocabulary), or the forked jobs


def _init(shared: Any) -> None:
    global _SHARED
    _SHARED = shared


def _call(item: Any) -> Any:
    fn, value = _SHARED[0], item
    return fn(value, _SHARED[1])


def map_with(fn: Callable[[Any, Any], Any], items: Sequence[Any], shared: Any, workers: int) -> list[Any]:
    """``[fn(item, shared) for item in items]``, spread over worker processes when there is enough work;
    ``shared`` (the vocabulary) is sent once to each worker, not with every item."""
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        return [fn(item, shared) for item in items]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=((fn, shared),)) as pool:
        return list(pool.map(_call, items, chunksize=max(8, len(items) // (workers * 8))))


def run_jobs(jobs: Sequence[Callable[[], Any]], workers: int) -> list[Any]:
    """Every job's result, in order. Many jobs run in forked worker processes, which inherit the jobs (and the
    reports they read, bodies loaded beforehand) instead of receiving them pickled; only the results come back.
    The first job (the longest: the statements export) goes alone, the others in slices."""
    global _SHARED
    if workers <= 1 or len(jobs) < PARALLEL_JOBS or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    size = max(16, len(jobs) // (workers * 8))
    slices = [(0, 1)] + [(i, min(i + size, len(jobs))) for i in range(1, len(jobs), size)]
    _SHARED = jobs
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [out for chunk in pool.map(_run_slice, slices) for out in chunk]
    finally:
        _SHARED = None


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    return [job() for job in _SHARED[bounds[0]:bounds[1]]]
