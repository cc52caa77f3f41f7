"""Item pipeline: batches the spider's records into the archive, one transaction per batch.

The batches are written by a separate process (:mod:`crawler.writer`) unless ``ARCHIVE_WRITER`` is 0.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from archive import Archive
from archive.store import warc_dir_for
from crawler.writer import ArchiveWriter, WriterDied, default_enabled


class ArchivePipeline:
    """Writes page and article records to the SQLite archive named by the ``ARCHIVE_DB`` setting.

    Records are buffered and written every ``ARCHIVE_BATCH_SIZE`` records or two seconds, whichever
    comes first, so a killed crawl loses at most one open batch, never a half-written one.
    Progress goes to stderr after each batch.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE", 50)
        self.progress = crawler.settings.getbool("PROGRESS", True)
        self.buffer: list[dict[str, Any]] = []
        self.totals = {"articles_new": 0, "articles_changed": 0, "articles_unchanged": 0}
        self.last_flush = time.monotonic()
        self.archive: Archive | None = None  # writes on the reactor thread (ARCHIVE_WRITER = 0)
        self.writer: ArchiveWriter | None = None  # writes in a writer process
        self.run_id: int | None = None
        self.failed: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipe = cls(crawler)
        # the finish reason (finished / shutdown on SIGINT, SIGTERM …) is only known after pipelines close
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipe.request_dropped, signal=signals.request_dropped)
        return pipe

    def request_dropped(self, request: Any, spider: Any) -> None:
        """A redirect that leads back to a URL already requested is a loop: record it as a failed fetch."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        spider.counts["errors"] += 1
        self.buffer.append({
            "type": "page", "url": chain[0], "method": request.method, "request_body": "",
            "kind": request.meta.get("kind", "other"), "status": None,
            "error": f"redirect loop: {' -> '.join(chain[:4])} -> {request.url}"[:300],
            "content_type": None, "headers": {}, "body": None, "fetched_at": None, "elapsed_ms": None,
        })

    def _archive_kwargs(self) -> dict[str, Any]:
        settings = self.crawler.settings
        return {"warc_dir": str(warc_dir_for(self.path, settings.get("ARCHIVE_WARC_DIR"))),
                "warc_compression": settings.get("ARCHIVE_WARC_COMPRESSION") or "gzip"}

    def open_spider(self) -> None:
        spider = self.crawler.spider
        setting = self.crawler.settings.get("ARCHIVE_WRITER")
        in_process = default_enabled() if setting in (None, "") else bool(int(setting))
        with Archive(self.path) as archive:
            self.run_id = archive.start_run(
                list(spider.start_urls),
                {"delay": self.crawler.settings.getfloat("DOWNLOAD_DELAY"), "max_pages": spider.max_pages,
                 "user_agent": self.crawler.settings.get("USER_AGENT")},
                mode="full" if spider.full else "incremental",
            )
        spider.run_id = self.run_id
        if in_process:
            self.writer = ArchiveWriter(self.path, self._archive_kwargs())
        else:
            self.archive = Archive(self.path, **self._archive_kwargs())

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 2.0:
            self.flush()
        return item

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
            self.totals.update(self.writer.totals)
        elif self.buffer and self.archive is not None:
            counts = self.archive.write_batch(self.buffer, self.run_id)
            for k, v in counts.items():
                self.totals[k] += v
            self.buffer = []
        self.last_flush = time.monotonic()
        if self.progress:
            c = self.crawler.spider.counts
            print(f"list pages {c['list_pages']:>5} · articles {c['articles']:>6} "
                  f"(new {self.totals['articles_new']}) · errors {c['errors']}", file=sys.stderr, flush=True)

    def _fail(self, reason: str) -> None:
        """The writer is gone: stop the crawl (what it never received is fetched again by the next run)."""
        self.failed = reason
        print(f"error: {reason}; stopping the crawl", file=sys.stderr, flush=True)
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_writer_failed"))

    def close_spider(self) -> None:
        if self.archive is not None or self.writer is not None:
            self.flush()

    def spider_closed(self, spider: object, reason: str) -> None:
        if self.archive is None and self.writer is None:
            return
        self.flush()
        if self.writer is not None:
            self.totals.update(self.writer.close())
            if self.writer.error and not self.failed:
                self.failed = self.writer.error
                print(f"error: {self.writer.error}", file=sys.stderr, flush=True)
            self.writer = None
            self.archive = Archive(self.path)
        spider = self.crawler.spider
        stats = self.crawler.stats
        counts = dict(self.totals)
        counts.update(
            requests=stats.get_value("downloader/request_count", 0),
            bytes=stats.get_value("downloader/response_bytes", 0),
            list_pages=spider.counts["list_pages"],
            errors=spider.counts["errors"],
            not_modified=spider.counts["not_modified"],
            status_counts=dict(spider.status_counts),
        )
        if self.failed:
            counts["failed"] = self.failed
        status = "finished" if reason == "finished" and not self.failed else "interrupted"
        self.archive.finish_run(self.run_id, counts, status)
        if status == "finished":
            self.archive.end_column_walks(spider.complete_walks())
        spider.summary = counts
        self.archive.close()
        self.archive = None
