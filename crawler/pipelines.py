"""Item pipeline: batches the spider's records into the archive, one transaction per batch.

The batches are written by a separate process (:mod:`crawler.writer`) unless ``ARCHIVE_WRITER`` is 0. The
class that writes them is ``ARCHIVE_CLASS`` (default :class:`archive.Archive`).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from archive.records import Failure, FailureKind, Record, RunStart
from archive.store import warc_dir_for
from crawler import counts
from crawler import signals as our_signals
from crawler.fetches import fetch_error
from crawler.plan import SETTING, CrawlPlan
from crawler.writer import ArchiveWriter, WriterDied, default_enabled, load_class

#: counts of written articles, as the archive reports them, and the stats they go to
_WRITTEN = {"articles_new": counts.ARTICLES_NEW, "articles_changed": counts.ARTICLES_CHANGED,
            "articles_unchanged": counts.ARTICLES_UNCHANGED}


class ArchivePipeline:
    """Writes the spider's records (:mod:`archive.records`) to the SQLite archive named by ``ARCHIVE_DB``.

    Records are buffered and written every ``ARCHIVE_BATCH_SIZE`` records or two seconds, whichever
    comes first, so a killed crawl loses at most one open batch, never a half-written one. It opens the
    crawl's ``crawl_runs`` row when the spider opens and closes it with the crawl's stats when it ends.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.plan: CrawlPlan = crawler.settings.get(SETTING) or CrawlPlan()
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE", 50)
        self.archive_class = crawler.settings.get("ARCHIVE_CLASS") or "archive.Archive"
        self.buffer: list[Record] = []
        self.last_flush = time.monotonic()
        self.archive: Any = None  # writes on the reactor thread (ARCHIVE_WRITER = 0)
        self.writer: ArchiveWriter | None = None  # writes in a writer process
        self.run_id: int | None = None
        self.failed: str | None = None
        #: columns the spider walked to the end (its columns_walked signal)
        self.walks: dict[str, dict[str, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipe = cls(crawler)
        # the finish reason (finished / shutdown on SIGINT, SIGTERM …) is only known after pipelines close
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipe.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(pipe.columns_walked, signal=our_signals.columns_walked)
        return pipe

    def columns_walked(self, walks: dict[str, dict[str, str | None]]) -> None:
        self.walks = dict(walks)

    def request_dropped(self, request: Any, spider: Any) -> None:
        """A redirect that leads back to a URL already requested is a loop: record it as a failed fetch."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        self.stats.inc_value(counts.ERRORS)
        self.buffer.append(fetch_error(
            request, Failure(FailureKind.NETWORK, f"redirect loop: {' -> '.join(chain[:4])} -> {request.url}"),
            url=chain[0]))

    def _archive_kwargs(self) -> dict[str, Any]:
        settings = self.crawler.settings
        return {"warc_dir": str(warc_dir_for(self.path, settings.get("ARCHIVE_WARC_DIR"))),
                "warc_compression": settings.get("ARCHIVE_WARC_COMPRESSION") or "gzip"}

    def open_spider(self) -> None:
        from archive import Archive

        setting = self.crawler.settings.get("ARCHIVE_WRITER")
        in_process = default_enabled() if setting in (None, "") else bool(int(setting))
        with Archive(self.path) as archive:
            self.run_id = archive.start_run(RunStart(
                self.plan.start_urls,
                {"delay": self.crawler.settings.getfloat("DOWNLOAD_DELAY"), "max_pages": self.plan.max_pages,
                 "user_agent": self.crawler.settings.get("USER_AGENT")},
                mode=self.plan.mode))
        self.stats.set_value(counts.RUN_ID, self.run_id)
        if in_process:
            self.writer = ArchiveWriter(self.path, self._archive_kwargs(), archive_class=self.archive_class)
        else:
            self.archive = load_class(self.archive_class)(self.path, **self._archive_kwargs())

    def process_item(self, item: Record) -> Record:
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 2.0:
            self.flush()
        return item

    def _written(self, totals: dict[str, int]) -> None:
        for key, stat in _WRITTEN.items():
            self.stats.set_value(stat, int(totals.get(key, 0)))

    def flush(self) -> None:
        if self.failed is not None:
            self.buffer = []  # nowhere to write them; the next run fetches these pages again
        elif self.buffer and self.writer is not None:
            try:
                self.writer.write(self.buffer, self.run_id)
            except WriterDied as exc:
                self._fail(str(exc))
            self.buffer = []
            self.writer.poll()
            self._written(self.writer.totals)
        elif self.buffer and self.archive is not None:
            written = self.archive.write_batch(self.buffer, self.run_id)
            self._written({k: self.stats.get_value(stat, 0) + written.get(k, 0) for k, stat in _WRITTEN.items()})
            self.buffer = []
        self.last_flush = time.monotonic()

    def _fail(self, reason: str) -> None:
        """The writer is gone: stop the crawl (what it never received is fetched again by the next run)."""
        self.failed = reason
        self.stats.set_value(counts.FAILED, reason)
        print(f"error: {reason}; stopping the crawl", file=sys.stderr, flush=True)
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_writer_failed"))

    def close_spider(self) -> None:
        if self.archive is not None or self.writer is not None:
            self.flush()

    def spider_closed(self, spider: object, reason: str) -> None:
        from archive import Archive

        if self.archive is None and self.writer is None:
            return
        self.flush()
        if self.writer is not None:
            self._written(self.writer.close())
            if self.writer.error and not self.failed:
                self.failed = self.writer.error
                self.stats.set_value(counts.FAILED, self.failed)
                print(f"error: {self.writer.error}", file=sys.stderr, flush=True)
            self.writer = None
            self.archive = Archive(self.path)
        status = "finished" if reason == "finished" and not self.failed else "interrupted"
        self.archive.finish_run(self.run_id, counts.run_counts(self.stats.get_stats()), status)
        if status == "finished":
            self.archive.end_column_walks(self.walks)
        self.archive.close()
        self.archive = None
