"""Scrapy extensions of the police-archive project."""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured


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
