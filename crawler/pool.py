"""Extraction off the Twisted reactor: a small process pool for the CPU-bound :mod:`extract` calls.

Scrapy runs everything (downloads, middlewares, callbacks, the archive pipeline) on one thread. Article
extraction is most of a crawl's CPU (lxml parsing, the body rules, statistics), so while the reactor
waited on it the second core stayed idle and the crawl ran at a third of the speed of extraction
alone. The spider now awaits extraction in worker processes: the reactor keeps downloading and writing
while the workers extract (``tests/bench/bench_scale.py`` measures the effect).

``workers=0`` runs the function inline, exactly as before (one-core machines, debugging).
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from archive.records import Extraction, Failure, FailureKind

T = TypeVar("T")


def default_workers() -> int:
    """One worker per core, at most 4 (one reactor feeds about that many); none on a one-core machine.

    Not one per core beyond the reactor's: with archive writes in their own process the reactor thread
    needs well under a core, and on two cores two workers crawl full-weight pages 12–20% faster than one
    (the scheduler fills the reactor's idle time with extraction).
    """
    cores = usable_cores()
    return 0 if cores < 2 else min(cores, 4)


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, e.g. under taskset or a container's cpuset)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_record(body: bytes, url: str, content_type: str | None, **options: Any) -> Extraction | Failure | None:
    """:func:`extract.extract_article` as the archive's :class:`~archive.records.Extraction`, built in the worker
    (it is not free): a :class:`~archive.records.Failure` for an anti-bot challenge page (recognised by scanning the
    page's bytes, so done here too), None for a page without body text."""
    from extract import extract_article
    from extract.challenge import challenge_reason

    reason = challenge_reason(200, body)
    if reason:
        return Failure(FailureKind.BLOCKED, reason)
    article = extract_article(body, url, content_type, **options)
    if not article.text:
        return None
    return Extraction.from_article(article.to_dict())


def _worker_init() -> None:
    """Ctrl-C reaches the whole process group: the crawl stops gracefully and still needs its workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class WorkerCrashed(RuntimeError):
    """A worker process died (killed, out of memory) while extracting one page."""


class ExtractionPool:
    """Runs pure functions in worker processes and awaits them on the running asyncio loop."""

    def __init__(self, workers: int | None = None):
        self.workers = default_workers() if workers is None else max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: workers never inherit the reactor's sockets, threads or open archive, and they are the
            # crawl's own children (joined at the end, their CPU counted in the crawl's resource usage)
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_init)
        return self._pool

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a worker (or inline with no workers); its exceptions propagate."""
        if self.workers == 0:
            return fn(*args, **kwargs)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor(), functools.partial(fn, *args, **kwargs))
        except BrokenProcessPool as exc:
            # the pool is unusable after a worker died: the next page gets a fresh one
            self.close(wait=False)
            raise WorkerCrashed("extraction worker died") from exc

    def close(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None
