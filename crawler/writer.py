"""Archive writes in their own process, so the reactor thread only downloads, schedules and hands over.

Writing a batch (SQL inserts, the Chinese full-text index's tokenizer, WARC compression) took about a
quarter of the reactor thread's time, and the reactor thread is what caps a crawl's speed: every
download, middleware, callback and item passes through it. The pipeline now sends each batch to a
writer process and goes on; the writer applies batches in order, one transaction each, exactly as the
pipeline did before (``ARCHIVE_WRITER = 0`` still writes on the reactor thread).

Failure behaviour, which the crash tests rely on:

* A batch is written in one transaction, so a crash never leaves half a batch (as before).
* If the crawl process dies (SIGKILL), the writer sees its pipe close, writes what it already received,
  closes the WARC file (its CDXJ index too) and exits; a rerun fetches whatever never reached it.
* If the writer dies, the pipeline's next hand-over raises :class:`WriterDied` and the crawl stops with a
  one-line reason; the run is recorded as interrupted.
* Ctrl-C reaches the whole process group: the writer ignores SIGINT and finishes the batches the crawl
  still hands it while stopping gracefully.
"""

from __future__ import annotations

import importlib
import multiprocessing
import queue
import signal
import threading
from collections import Counter
from multiprocessing.connection import Connection
from typing import Any

#: batches waiting for the writer before a hand-over blocks the reactor (back-pressure, bounded memory)
MAX_PENDING = 4


class WriterDied(RuntimeError):
    """The archive writer process stopped while the crawl still had records for it."""


def default_enabled() -> bool:
    """A writer process pays off only with a second core to run on."""
    from crawler.pool import usable_cores

    return usable_cores() > 1


def load_class(path: str) -> type:
    """``"package.module.Name"`` → the class (the ``ARCHIVE_CLASS`` setting names the archive's class this way)."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _serve(requests: Connection, replies: Connection, path: str, archive_kwargs: dict[str, Any],
           archive_class: str) -> None:
    """The writer process: apply batches in order until told to close or the crawl's pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    archive = load_class(archive_class)(path, **archive_kwargs)
    try:
        while True:
            try:
                message = requests.recv()
            except EOFError:
                break  # the crawl is gone: keep what arrived, nothing more will
            if message[0] == "close":
                break
            _, records, run_id = message
            replies.send(("counts", dict(archive.write_batch(records, run_id))))
    except BaseException as exc:
        try:
            replies.send(("error", f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
        except OSError:
            pass
        raise
    finally:
        archive.close()
    try:
        replies.send(("closed", None))
    except OSError:
        pass


class ArchiveWriter:
    """Hands batches of records to a writer process; collects the per-batch counts it sends back."""

    def __init__(self, path: str, archive_kwargs: dict[str, Any] | None = None, max_pending: int = MAX_PENDING,
                 archive_class: str = "archive.Archive"):
        # spawn, like the extraction pool: the writer never inherits the reactor's sockets or threads
        ctx = multiprocessing.get_context("spawn")
        req_r, self._requests = ctx.Pipe(duplex=False)
        self._replies, rep_w = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_serve, args=(req_r, rep_w, path, archive_kwargs or {}, archive_class),
                                   name="police-archive-writer")
        self.process.start()
        # only the writer holds these ends now: its death is a broken pipe here, ours an EOF there
        req_r.close()
        rep_w.close()
        self.totals: Counter[str] = Counter()
        self.error: str | None = None
        self._pipe_broken = False
        self._queue: queue.Queue[tuple | None] = queue.Queue(maxsize=max_pending)
        # pickling and pipe writes happen on this thread: a full pipe must never block the reactor
        self._feeder = threading.Thread(target=self._feed, name="archive-writer-feed", daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self._requests.send(message)
            except OSError:
                self._pipe_broken = True  # the writer is gone; _check says how it ended
                return
        self._requests.close()

    def _check(self) -> None:
        self.poll()
        if self.error is None and (self._pipe_broken or not self.process.is_alive()):
            self.process.join(1.0)  # a broken pipe means the writer is exiting: wait for its exit code
            self.error = ("archive writer pipe broke" if self.process.exitcode is None
                          else f"archive writer process exited (exit code {self.process.exitcode})")
        if self.error is not None:
            raise WriterDied(self.error)

    def poll(self) -> None:
        """Collect the counts of batches written so far (never blocks)."""
        try:
            while self._replies.poll():
                kind, payload = self._replies.recv()
                if kind == "counts":
                    self.totals.update(payload)
                elif kind == "error":
                    self.error = f"archive writer failed: {payload}"
        except (EOFError, OSError):
            pass

    def write(self, records: list[dict[str, Any]], run_id: int | None) -> None:
        """Queue one batch; blocks only while ``max_pending`` batches already wait for the writer."""
        self._check()
        while True:
            try:
                self._queue.put(("batch", records, run_id), timeout=1.0)
                return
            except queue.Full:
                self._check()

    def close(self, timeout: float = 600.0) -> Counter[str]:
        """Let the writer finish every queued batch and close the archive; return the summed counts."""
        if self.process.is_alive() and self._feeder.is_alive():
            self._queue.put(("close",))
            self._queue.put(None)
            self._feeder.join(timeout)
        try:
            while self._replies.poll(timeout):
                kind, payload = self._replies.recv()
                if kind == "counts":
                    self.totals.update(payload)
                elif kind == "error":
                    self.error = f"archive writer failed: {payload}"
                elif kind == "closed":
                    break
        except (EOFError, OSError):
            pass
        self.process.join(timeout)
        self._replies.close()
        if self.error is None and self.process.exitcode not in (0, None):
            self.error = f"archive writer process exited (exit code {self.process.exitcode})"
        return self.totals
