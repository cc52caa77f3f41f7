"""The column spider: from column (栏目) list URLs to every article of the column, once.

It only schedules: list pages go to :func:`extract.parse_list_page`, article pages to
:func:`extract.extract_article`, and every fetch (good or bad) becomes a record for the archive pipeline.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from scrapy import Request, Spider
from scrapy.http import FormRequest, Response
from twisted.python.failure import Failure

from extract import DecodeError, extract_article, parse_list_page
from extract.urls import canonical_url, host_of

HTML_TYPES = ("text/html", "application/xhtml", "text/xml", "application/xml", "text/plain")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


class ColumnSpider(Spider):
    name = "column"

    def __init__(self, start_urls: str | list[str] = "", max_pages: int | str = 0, **kwargs: Any):
        super().__init__(**kwargs)
        urls = start_urls.split(",") if isinstance(start_urls, str) else list(start_urls)
        self.start_urls = [canonical_url(u) for u in urls if u.strip()]
        self.allowed_hosts = {host_of(u) for u in self.start_urls}
        self.max_pages = int(max_pages or 0)
        self.list_pages: Counter[str] = Counter()
        #: start URL → one-line reason, for start URLs that could not be fetched
        self.start_failures: dict[str, str] = {}
        self.counts: Counter[str] = Counter()

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            self.list_pages[url] += 1
            yield self._list_request(url, root=url, start=True)

    # -- request builders -------------------------------------------------------------------------
    def _meta(self, kind: str, root: str, **extra: Any) -> dict[str, Any]:
        return {"kind": kind, "root": root, "handle_httpstatus_all": True, "t0": time.monotonic(), **extra}

    def _list_request(self, url: str, root: str, start: bool = False, method: str = "GET",
                      formdata: tuple[tuple[str, str], ...] | None = None) -> Request:
        meta = self._meta("list", root, start=start)
        if formdata:
            return FormRequest(url, formdata=dict(formdata), callback=self.parse_list, errback=self.on_error,
                               meta=meta, dont_filter=start)
        return Request(url, method=method, callback=self.parse_list, errback=self.on_error, meta=meta,
                       dont_filter=start)

    # -- records ----------------------------------------------------------------------------------
    def page_record(self, response: Response, kind: str, error: str = "") -> dict[str, Any]:
        req = response.request
        body = req.body.decode("utf-8", "replace") if req is not None and req.method == "POST" else ""
        t0 = response.meta.get("t0")
        return {
            "type": "page", "url": response.url, "method": req.method if req is not None else "GET",
            "request_body": body, "kind": kind, "status": response.status, "error": error,
            "content_type": response.headers.get("Content-Type", b"").decode("latin-1") or None,
            "headers": _headers(response), "body": response.body, "fetched_at": _now(),
            "elapsed_ms": int((time.monotonic() - t0) * 1000) if t0 else None,
        }

    # -- callbacks --------------------------------------------------------------------------------
    def parse_list(self, response: Response) -> Iterator[Any]:
        root = response.meta["root"]
        if response.status >= 400:
            if response.meta.get("start"):
                self.start_failures[root] = f"HTTP {response.status}"
            self.counts["errors"] += 1
            yield self.page_record(response, "list", f"HTTP {response.status}")
            return
        self.counts["list_pages"] += 1
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            page = parse_list_page(response.body, response.url, ctype)
        except DecodeError as exc:
            self.counts["errors"] += 1
            yield self.page_record(response, "list", str(exc))
            return
        yield self.page_record(response, "list")
        for link in page.articles:
            if host_of(link.url) not in self.allowed_hosts:
                continue
            yield Request(link.url, callback=self.parse_article, errback=self.on_error,
                          meta=self._meta("article", root, list_title=link.title, list_date=link.list_date))
        for nxt in page.follow:
            if host_of(nxt.url) not in self.allowed_hosts:
                continue
            if self.max_pages and self.list_pages[root] >= self.max_pages:
                break
            key = canonical_url(nxt.url) + ("?" + urlencode(nxt.formdata) if nxt.formdata else "")
            if key in self._seen_lists:
                continue
            self._seen_lists.add(key)
            self.list_pages[root] += 1
            yield self._list_request(canonical_url(nxt.url), root, method=nxt.method, formdata=nxt.formdata)

    @property
    def _seen_lists(self) -> set[str]:
        if not hasattr(self, "_seen_lists_set"):
            self._seen_lists_set = {u for u in self.start_urls}
        return self._seen_lists_set

    def parse_article(self, response: Response) -> Iterator[Any]:
        if response.status >= 400:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", f"HTTP {response.status}")
            return
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if ctype and not ctype.startswith(HTML_TYPES):
            self.counts["errors"] += 1
            yield self.page_record(response, "other", f"not an HTML page ({ctype.split(';')[0]})")
            return
        try:
            art = extract_article(response.body, response.url, ctype or None)
        except DecodeError as exc:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", str(exc))
            return
        if not art.text:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", "no article text found")
            return
        rec = art.to_dict()
        rec.update(type="article", page=self.page_record(response, "article"),
                   list_title=response.meta.get("list_title"), list_date=response.meta.get("list_date"),
                   fetched_at=_now())
        self.counts["articles"] += 1
        yield rec

    def on_error(self, failure: Failure) -> Iterator[dict[str, Any]]:
        request = failure.request
        reason = f"{failure.type.__name__}: {failure.getErrorMessage()}".splitlines()[0][:300]
        if "IgnoreRequest" in reason or "Forbidden by robots.txt" in failure.getErrorMessage():
            self.counts["skipped"] += 1
            return
        meta = request.meta
        if meta.get("start"):
            self.start_failures[meta["root"]] = reason
        self.counts["errors"] += 1
        yield {
            "type": "page", "url": request.url, "method": request.method,
            "request_body": request.body.decode("utf-8", "replace") if request.method == "POST" else "",
            "kind": meta.get("kind", "other"), "status": None, "error": reason, "content_type": None,
            "headers": {}, "body": None, "fetched_at": _now(), "elapsed_ms": None,
        }
