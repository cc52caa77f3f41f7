"""Fault injection for the crash tests: archive classes that die at a chosen moment of a write.

A crawl uses them through the documented ``ARCHIVE_CLASS`` setting (``police-archive crawl … --set
ARCHIVE_CLASS=tests.crawl.faults.KillInThirdWrite``), so no production module carries a test hook. In the archive
writer process (the default on two cores) "the crawl" is the writer's parent, and a power cut takes both.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator

from archive import Archive


def _in_writer_process() -> bool:
    return multiprocessing.parent_process() is not None


class KillInThirdWrite(Archive):
    """SIGKILL (the crawl too, like a power cut) after the first record of the third write transaction."""

    KILL_AT = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._batches = 0

    def write_batch(self, records: Iterable, run_id: int | None = None) -> dict[str, int]:
        self._batches += 1
        if self._batches != self.KILL_AT:
            return super().write_batch(records, run_id)

        def first_then_die(items: list) -> Iterator:
            yield items[0]  # written inside the open transaction, never committed
            if _in_writer_process():
                os.kill(os.getppid(), signal.SIGKILL)
            os.kill(os.getpid(), signal.SIGKILL)

        return super().write_batch(first_then_die(list(records)), run_id)


class WriterExitsAfterTwoBatches(Archive):
    """The archive writer process exits on its own (exit code 3) after committing two batches."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._batches = 0

    def write_batch(self, records: Iterable, run_id: int | None = None) -> dict[str, int]:
        counts = super().write_batch(records, run_id)
        self._batches += 1
        if self._batches == 2 and _in_writer_process():
            os._exit(3)
        return counts
