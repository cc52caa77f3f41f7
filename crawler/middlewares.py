"""Downloader middlewares: the crawl never leaves the hosts of its start URLs."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawler import counts
from crawler.plan import SETTING
from extract.urls import host_of


class HostScopeMiddleware:
    """Drop any request (including redirect targets) whose host is not one of the crawl plan's hosts."""

    def __init__(self, crawler: Crawler, hosts: frozenset[str]):
        self.crawler = crawler
        self.hosts = hosts

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostScopeMiddleware:
        plan = crawler.settings.get(SETTING)
        return cls(crawler, plan.hosts if plan is not None else frozenset())

    def process_request(self, request: Request) -> None:
        if self.hosts and host_of(request.url) not in self.hosts:
            self.crawler.stats.inc_value(counts.OFFSITE)
            raise IgnoreRequest(f"off-scope host: {host_of(request.url)}")
        return None


class ConditionalRequestMiddleware:
    """Send If-None-Match / If-Modified-Since for URLs the archive holds validators for.

    Only for requests whose meta says ``conditional``: articles always, list pages in incremental mode
    (in a full crawl an unchanged list must still be parsed to find its pagination).
    """

    def __init__(self, validators: dict[str, tuple[str | None, str | None]]):
        #: URL → (ETag, Last-Modified) of its latest successful fetch
        self.validators = validators

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        from archive import Archive

        # read once, before the crawl writes: the archive as the previous runs left it
        path = crawler.settings.get("ARCHIVE_DB")
        plan = crawler.settings.get(SETTING)
        if not path or (plan is not None and plan.discover_only):
            return cls({})
        with Archive(path) as archive:
            return cls(archive.validators())

    def process_request(self, request: Request) -> None:
        if request.method != "GET" or not request.meta.get("conditional"):
            return None
        etag, last_modified = self.validators.get(request.url, (None, None))
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified.encode("latin-1"))
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, spaced out: the n-th retry of a request waits RETRY_BACKOFF_BASE · 2^(n-1) seconds
    (at most RETRY_BACKOFF_MAX) before it is downloaded again, so a struggling server gets air."""

    def _retry(self, request: Request, reason: Any) -> Request | None:
        new = super()._retry(request, reason)
        if new is not None:
            settings = self.crawler.settings
            n = new.meta.get("retry_times", 1)
            wait = min(settings.getfloat("RETRY_BACKOFF_BASE", 1.0) * 2 ** (n - 1),
                       settings.getfloat("RETRY_BACKOFF_MAX", 60.0))
            new.meta["retry_not_before"] = time.monotonic() + wait
        return new


class RetryDelayMiddleware:
    """Holds a retried request until its backoff has passed (see :class:`BackoffRetryMiddleware`)."""

    async def process_request(self, request: Request) -> None:
        wait = request.meta.get("retry_not_before", 0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        return None


_REFRESH = re.compile(rb"http-equiv\s*=\s*[\"']?\s*refresh", re.I)


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without decoding every page to look for one.

    The stock middleware decodes each HTML response to text first; for GBK pages without a declared
    charset that means running charset detection on every page (a tenth of a crawl's CPU in the scale
    profile). ``http-equiv="refresh"`` is ASCII in every charset a government site uses, so the raw bytes
    of the first 4 KB (where Scrapy looks) are searched first; only a page that has one is decoded.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if not _REFRESH.search(response.body[:4096]):
            return response
        return super().process_response(request, response)
