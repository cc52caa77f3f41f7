"""Scrapy extensions of the police-archive project."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler import counts


class RedisIdleWait:
    """In distributed mode, keep an idle worker alive for a while: another worker may still be parsing a
    list page that will put new requests into the shared Redis queue. The worker closes once the shared
    queue has stayed empty for ``REDIS_IDLE_WAIT`` seconds."""

    def __init__(self, crawler: Crawler, wait: float):
        self.crawler = crawler
        self.wait = wait
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisIdleWait:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("REDIS_IDLE_WAIT", 10.0))
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        return ext

    def request_scheduled(self, request, spider) -> None:  # noqa: ANN001 - signal signature
        self.idle_since = None

    def spider_idle(self, spider) -> None:  # noqa: ANN001 - signal signature
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.wait:
            raise DontCloseSpider


class Progress:
    """A progress line on stderr every ``PROGRESS_INTERVAL`` seconds while records flow, read from the stats:
    ``list pages · articles (new) · errors``. Off with ``PROGRESS = False`` (``police-archive crawl -q``)."""

    def __init__(self, crawler: Crawler, interval: float):
        self.stats = crawler.stats
        self.interval = interval
        self.last = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("PROGRESS", True):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("PROGRESS_INTERVAL", 2.0))
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        return ext

    def item_scraped(self, item, spider) -> None:  # noqa: ANN001 - signal signature
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            print(self.line(), file=sys.stderr, flush=True)

    def line(self) -> str:
        get = self.stats.get_value
        return (f"list pages {get(counts.LIST_PAGES, 0):>5} · articles {get(counts.ARTICLES, 0):>6} "
                f"(new {get(counts.ARTICLES_NEW, 0)}) · errors {get(counts.ERRORS, 0)}")
