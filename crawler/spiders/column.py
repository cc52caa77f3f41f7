"""The column spider: from column (栏目) list URLs to every article of the column, once.

It only schedules: list pages go to :func:`extract.parse_list_page`, article pages to
:func:`extract.extract_article` (in the extraction pool), and every fetch, good or bad, becomes a record of
:mod:`archive.records` for the archive pipeline. What the crawl is asked to do is its :class:`~crawler.plan.CrawlPlan`;
what it counts goes to Scrapy's stats (:mod:`crawler.counts`); what others must hear goes out as signals
(:mod:`crawler.signals`). Everything else here is the spider's own state.

Incremental mode (the default): articles already in the archive are not fetched again, and list pages are
requested one after another, newest first, only while the previous page still linked at least one new
article; a site's lists are walked in full the first time the archive sees that host. ``full=True`` walks
every list page and re-fetches every article with conditional requests (ETag / Last-Modified), so
unchanged articles cost a 304 and edited ones are stored as new versions.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import FormRequest, Response
from twisted.python.failure import Failure as TwistedFailure

from archive.records import (
    ArticleRecord,
    ColumnRecord,
    Extraction,
    Failure,
    FailureKind,
    NotModified,
    PageFetch,
    PageKind,
)
from crawler import counts
from crawler import signals as our_signals
from crawler.fetches import classify_download_failure, fetch_error, now
from crawler.fetches import fetch_record as _fetch_record
from crawler.plan import SETTING, CrawlPlan
from crawler.pool import ExtractionPool, WorkerCrashed, extract_record
from extract import DecodeError, FollowRequest, parse_list_page
from extract.challenge import challenge_reason
from extract.urls import canonical_url, host_of

HANDLED_STATUSES = [304, *range(400, 600)]
HTML_TYPES = ("text/html", "application/xhtml", "text/xml", "application/xml", "text/plain")


class ColumnSpider(Spider):
    name = "column"

    def __init__(self, *args: Any, **kwargs: Any):
        plan_args = {k: kwargs.pop(k) for k in ("start_urls", "max_pages", "full", "overrides", "sites",
                                                  "discover_only", "since", "until", "user_agent", "distributed")
                     if k in kwargs}
        super().__init__(*args, **kwargs)
        self.plan = CrawlPlan.from_args(**plan_args)
        self.start_urls = list(self.plan.start_urls)
        #: columns kept in site mode (their first list page is the column's root), in the order found
        self._discovered: list[str] = []
        self._column_signatures: set[frozenset[str]] = set()
        self._list_pages: Counter[str] = Counter()
        self._failed_roots: set[str] = set()
        self._known: set[str] = set()
        self._dead: set[str] = set()
        #: column root → True when an earlier crawl followed its pagination to the end
        self._walked_before: dict[str, bool] = {}
        #: roots whose walk was cut short (max pages, list page errors)
        self._truncated: set[str] = set()
        self._families: dict[str, str] = {}
        self._column_names: dict[str, Counter[str]] = defaultdict(Counter)
        self._pending: dict[str, list[FollowRequest]] = defaultdict(list)
        self._list_links: dict[str, set[str]] = defaultdict(set)
        self._seen_lists: set[str] = set(self.start_urls)
        self._extraction: ExtractionPool | None = None
        #: pages asked for in the browser (each once)
        self._rendered: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ColumnSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # before Scrapy freezes the settings: components read the plan in their own from_crawler
        crawler.settings.set(SETTING, spider.plan, priority="spider")
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    # -- helpers ----------------------------------------------------------------------------------
    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(key, n)

    def _start_failed(self, root: str, reason: str) -> None:
        self._failed_roots.add(root)
        self.crawler.signals.send_catch_log(our_signals.start_failed, url=root, reason=reason)

    def _load_archive_state(self) -> None:
        from archive import Archive

        path = self.settings.get("ARCHIVE_DB")
        if not path or self.plan.discover_only:
            return
        with Archive(path) as archive:
            self._known = archive.known_article_urls()
            self._dead = archive.dead_article_urls()
            self._walked_before = archive.column_states()
            self._walked_before.update(archive.begin_column_walks(self.start_urls))

    async def start(self) -> AsyncIterator[Request]:
        self._load_archive_state()
        for url in self.plan.homepages:
            yield self._request(url, self.parse_home, self._meta("home", url, start=True),
                                dont_filter=not self.plan.distributed)
        for url in self.start_urls:
            self._list_pages[url] += 1
            req = self._list_request(url, root=url, start=True)
            yield req.replace(dont_filter=False) if self.plan.distributed else req

    def _request(self, url: str, callback: Any, meta: dict[str, Any], dont_filter: bool = False,
                 **kwargs: Any) -> Request:
        """A request with the site's identity and proxy (sites file, --user-agent)."""
        opts = self.plan.overrides.get(meta.get("root", ""), {}) or self.plan.host_options(host_of(url))
        if opts.get("proxy"):
            meta["proxy"] = opts["proxy"]
        headers = {}
        ua = opts.get("user_agent") or self.plan.user_agent
        if ua:
            headers["User-Agent"] = ua
        cls = FormRequest if "formdata" in kwargs else Request
        return cls(url, callback=callback, errback=self.on_error, meta=meta, dont_filter=dont_filter,
                   headers=headers, **kwargs)

    @property
    def roots(self) -> list[str]:
        return self.start_urls + self._discovered

    def _incremental(self, root: str) -> bool:
        return not self.plan.full and not self.plan.distributed and self._walked_before.get(root, False)

    def complete_walks(self) -> dict[str, dict[str, str | None]]:
        """Columns whose pagination this crawl followed to the end (or incrementally up to known articles)."""
        if self.plan.since or self.plan.until:
            return {}  # a windowed walk does not cover the whole column
        return {
            root: {"family": self._families.get(root),
                   "name": self._column_names[root].most_common(1)[0][0] if self._column_names[root] else None}
            for root in self.roots if root not in self._truncated and root not in self._failed_roots
        }

    def _on_idle(self) -> None:
        self.crawler.signals.send_catch_log(our_signals.columns_walked, walks=self.complete_walks())

    def _meta(self, kind: str, root: str, **extra: Any) -> dict[str, Any]:
        # errors and 304 come to the callbacks to be recorded; 3xx stay with the redirect middleware
        return {"kind": kind, "root": root, "handle_httpstatus_list": HANDLED_STATUSES, "t0": time.monotonic(),
                **extra}

    def _list_request(self, url: str, root: str, start: bool = False, follow: FollowRequest | None = None,
                      **meta: Any) -> Request:
        """A request for a page of the column ``root``: its first list page, or a follow request of a list page
        (an HTML list page, a data-endpoint page of a list rendered by script, or a script that may name it)."""
        # a 304 for a list page only helps when an unchanged list means "nothing new" (incremental mode)
        meta = self._meta("list", root, start=start, conditional=self._incremental(root), **meta)
        if follow is None:
            return self._request(url, self.parse_list, meta, dont_filter=start)
        meta.update(list_kind=follow.kind, context=follow.context)
        if follow.kind != "list":
            meta["conditional"] = False  # an endpoint answers the same URL with other pages' records over time
        if follow.formdata:
            req = self._request(url, self.parse_list, meta, formdata=dict(follow.formdata))
        else:
            body = follow.body.encode("utf-8") if follow.body is not None else None
            req = self._request(url, self.parse_list, meta, method=follow.method, body=body)
        for name, value in follow.headers:
            req.headers[name] = value
        return req  # Scrapy's fingerprint covers the method and body: one URL with other bodies is other requests

    def _browser_request(self, url: str, root: str, callback: Any = None, kind: str = "list", **meta: Any) -> Request:
        """The page again, rendered in the headless browser (crawler/browser.py): only list pages and homepages."""
        meta = self._meta(kind, root, browser=True, conditional=False, **meta)
        max_pages = int(self.plan.option(root, "max_pages", self.plan.max_pages) or 0)
        if max_pages:
            meta["browser_pages"] = max_pages
        return self._request(url, callback or self.parse_rendered, meta, dont_filter=True)

    def fetch_record(self, response: Response, kind: PageKind | str, failure: Failure | None = None) -> PageFetch:
        """A response as the archive's :class:`PageFetch` record (:mod:`crawler.fetches`), counted by status."""
        self._count(counts.STATUS + str(response.status))
        return _fetch_record(response, kind, failure)

    def _failed(self, response: Response, kind: PageKind | str, failure: Failure, announce: bool = True) -> PageFetch:
        """A fetch that failed (HTTP error, rejection): counted, and (``announce``) a start URL's failure signalled."""
        self._count(counts.ERRORS)
        if announce and response.meta.get("start"):
            self._start_failed(response.meta["root"], failure.reason)
        return self.fetch_record(response, kind, failure)

    # -- site mode --------------------------------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        from extract.encoding import decode_html
        from extract.listing.columns import discover_columns

        if response.status >= 400:
            yield self._failed(response, PageKind.OTHER, Failure(FailureKind.HTTP, f"HTTP {response.status}"))
            return
        yield self.fetch_record(response, PageKind.OTHER)
        try:
            html = decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1")).text
        except DecodeError as exc:
            self._start_failed(response.meta["root"], str(exc))
            return
        home = response.meta["root"]
        candidates = discover_columns(html, response.url)
        if not candidates and not response.meta.get("browser"):
            # a homepage whose news boxes a script writes and whose data requests could not be read: render it
            if response.url not in self._rendered:
                self._rendered.add(response.url)
                self._count(counts.NEEDS_BROWSER)
                yield self._browser_request(response.url, home, callback=self.parse_home, kind="home", start=True)
            return
        for cand in candidates:
            if cand.url in self._seen_lists:
                continue
            self._seen_lists.add(cand.url)
            meta = {"probe": True, "site": home, "column_name": cand.name}
            if cand.request is not None:  # a box filled from a data endpoint: the column is its data request
                yield self._list_request(cand.request.url, cand.url, follow=cand.request, **meta)
            else:
                yield self._request(cand.url, self.parse_list, self._meta("list", cand.url, **meta))

    def _register_column(self, response: Response, page: Any) -> dict[str, Any] | None:
        """Keep a probed candidate when it is a news list not seen under another URL."""
        from extract.listing.columns import is_news_list

        dated = sum(1 for a in page.articles if a.list_date)
        if not is_news_list(len(page.articles), dated, bool(page.follow)):
            self._count(counts.REJECTED_COLUMNS)
            return None
        signature = frozenset(a.url for a in page.articles)
        if signature in self._column_signatures:
            return None  # the same column under another URL (/jwzx/jwdt/ and /jwzx/jwdt/index.html)
        self._column_signatures.add(signature)
        root = response.meta["root"]
        column = {"site": response.meta.get("site"), "name": response.meta.get("column_name"), "url": root,
                  "family": page.families[0] if page.families else "generic", "articles": len(page.articles)}
        self._discovered.append(root)
        self._list_pages[root] += 1
        self.crawler.signals.send_catch_log(our_signals.column_found, column=column)
        return column

    def _schedule_lists(self, root: str, follow: list[FollowRequest], had_new: bool, probe: bool = False,
                        site: str | None = None, column_name: str | None = None) -> Iterator[Request]:
        pending = self._pending[root]
        for nxt in follow:
            if host_of(nxt.url) not in self.plan.hosts:
                continue
            key = nxt.key or canonical_url(nxt.url) + ("?" + urlencode(nxt.formdata) if nxt.formdata else "") \
                + (f"#{nxt.kind}" if nxt.kind != "list" else "")
            if key not in self._seen_lists:
                self._seen_lists.add(key)
                pending.append(nxt)
        pending.sort(key=lambda f: f.order)
        max_pages = int(self.plan.option(root, "max_pages", self.plan.max_pages) or 0)
        if self._incremental(root) or (self.plan.since and not self.plan.distributed):
            # walk on only while pages still bring new articles (or, with --since, articles in the window)
            batch = pending[:1] if had_new else []
            if not had_new:
                pending.clear()
        else:
            batch = list(pending)
        for nxt in batch:
            pending.remove(nxt)
            if max_pages and self._list_pages[root] >= max_pages:
                pending.clear()
                self._truncated.add(root)
                return
            self._list_pages[root] += 1
            yield self._list_request(canonical_url(nxt.url), root, follow=nxt, probe=probe,
                                     site=site, column_name=column_name)

    def _in_window(self, day: str | None) -> bool:
        """Unknown dates are in the window (the article is fetched and judged by its own date)."""
        if not day:
            return True
        day = day[:10]
        return not ((self.plan.since and day < self.plan.since) or (self.plan.until and day > self.plan.until))

    # -- callbacks --------------------------------------------------------------------------------
    def _blocked(self, response: Response, kind: PageKind, reason: str | None = None) -> PageFetch | None:
        """The record of an anti-bot challenge page (``reason`` when already known), else None."""
        reason = reason or challenge_reason(response.status, response.body)
        if reason is None:
            return None
        self._count(counts.BLOCKED)
        return self._failed(response, kind, Failure(FailureKind.BLOCKED, reason))

    def parse_list(self, response: Response) -> Iterator[Any]:
        root = response.meta["root"]
        blocked = self._blocked(response, PageKind.LIST)
        if blocked:
            self._truncated.add(root)
            yield blocked
            return
        if response.status == 304:
            self._count(counts.NOT_MODIFIED)
            yield self.fetch_record(response, PageKind.LIST)
            yield from self._schedule_lists(root, [], had_new=False)
            return
        if response.status >= 400:
            self._truncated.add(root)
            yield self._failed(response, PageKind.LIST, Failure(FailureKind.HTTP, f"HTTP {response.status}"))
            yield from self._schedule_lists(root, [], had_new=not self._incremental(root))
            return
        if response.meta.get("list_kind", "list") != "script":  # a script that names the data is no list page
            self._count(counts.LIST_PAGES)
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            # on the reactor, not in the pool: the next list page waits for this one, and a list page queued
            # behind dozens of articles in the pool starves the crawl of links
            page = parse_list_page(response.body, response.url, ctype, link_xpath=self.plan.option(root, "article_links"),
                                   context=response.meta.get("context"),
                                   read_scripts=self.settings.getbool("LIST_SCRIPTS", True))
        except DecodeError as exc:
            yield self._failed(response, PageKind.LIST, Failure(FailureKind.REJECTED, str(exc)), announce=False)
            return
        yield self.fetch_record(response, PageKind.LIST)
        yield from self._list_page(response, page, root)

    def parse_rendered(self, response: Response) -> Iterator[Any]:
        """A list page rendered in the browser: its DOM, and each page its script-only pager led to."""
        root = response.meta["root"]
        for body in [response.body, *response.meta.get("rendered_pages", [])]:
            snapshot = response.replace(body=body)
            self._count(counts.LIST_PAGES)
            try:
                # the DOM its scripts wrote: no data request is read out of those scripts again
                page = parse_list_page(body, response.url, "text/html; charset=utf-8",
                                       link_xpath=self.plan.option(root, "article_links"), read_scripts=False)
            except DecodeError as exc:
                yield self._failed(snapshot, PageKind.LIST, Failure(FailureKind.REJECTED, str(exc)), announce=False)
                continue
            yield self.fetch_record(snapshot, PageKind.LIST)
            yield from self._list_page(snapshot, page, root, rendered=True)

    def _list_page(self, response: Response, page: Any, root: str, rendered: bool = False) -> Iterator[Any]:
        """The article requests and further list requests of one parsed list page of the column ``root``."""
        meta = response.meta
        if meta.get("probe"):
            shell = not page.articles and (any(f.kind != "list" for f in page.follow) or page.needs_browser)
            if shell and not rendered:
                # a list its scripts write: judge the candidate on the first page of its data, or its rendering
                yield from self._schedule_lists(root, page.follow, had_new=True, probe=True, site=meta.get("site"),
                                                column_name=meta.get("column_name"))
                if page.needs_browser:
                    yield from self._render(page.browser_url, root, probe=True, site=meta.get("site"),
                                            column_name=meta.get("column_name"))
                return
            column = self._register_column(response, page)
            if column is None or self.plan.discover_only:
                return
            yield ColumnRecord(url=root, name=column["name"], family=column["family"], site=column["site"])
        if page.families:
            self._families.setdefault(root, page.families[0])
        new = 0
        in_window = 0
        seen_before = self._list_links[root]
        for link in page.articles:
            if host_of(link.url) not in self.plan.hosts:
                continue
            repeated = link.url in seen_before  # a pinned (置顶) item repeated on every list page
            seen_before.add(link.url)
            if not self._in_window(link.list_date):
                self._count(counts.OUTSIDE_WINDOW)
                continue
            if link.list_date and not repeated:
                in_window += 1
            if (link.url in self._known or link.url in self._dead) and not self.plan.full:
                continue
            new += link.url not in self._known and not repeated
            yield self._request(link.url, self.parse_article,
                                self._meta("article", root, list_title=link.title, list_date=link.list_date,
                                           conditional=True))
        if page.needs_browser and not rendered:
            yield from self._render(page.browser_url, root)
        elif not page.articles and not page.follow and (meta.get("start") or meta.get("first")):
            yield from self._empty_column(response, root, rendered)
        if self.plan.since and not in_window and any(a.list_date for a in page.articles):
            # the whole page is older than --since: lists are newest first, stop this column here
            yield from self._schedule_lists(root, [], had_new=False)
            return
        # a page that links no article of its own (a shell a script fills, a script naming the data) passes on
        shell = not page.articles and bool(page.follow)
        had_new = new > 0 or shell or (bool(self.plan.since) and in_window > 0 and not self._incremental(root))
        yield from self._schedule_lists(root, page.follow, had_new=had_new)

    def _empty_column(self, response: Response, root: str, rendered: bool) -> Iterator[Any]:
        """A column's first list page that links nothing: rendered once in the browser when it has scripts (its
        script may write a list we could not read), else recorded: an empty column is never silent."""
        if not rendered and b"<script" in response.body[:500_000].lower() and response.url not in self._rendered:
            yield from self._render(response.url, root, first=True)
            return
        self._count(counts.EMPTY_COLUMNS)
        reason = "no article links found on the column's list page" + (" (rendered in the browser)" if rendered else "")
        yield fetch_error(response.request, Failure(FailureKind.REJECTED, reason), url=response.url)

    def _render(self, url: str | None, root: str, **meta: Any) -> Iterator[Request]:
        """Ask for a page again, rendered in the browser: once per URL, on the crawl's hosts only."""
        if not url or url in self._rendered or host_of(url) not in self.plan.hosts:
            return
        self._rendered.add(url)
        self._count(counts.NEEDS_BROWSER)
        yield self._browser_request(url, root, **meta)

    @property
    def extraction(self) -> ExtractionPool:
        """The pool extraction runs in (``EXTRACT_WORKERS`` processes; 0 = inline), created on first use."""
        if self._extraction is None:
            workers = self.settings.get("EXTRACT_WORKERS")
            self._extraction = ExtractionPool(None if workers in (None, "") else int(workers))
        return self._extraction

    def closed(self, reason: str) -> None:
        if self._extraction is not None:
            self._extraction.close()

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        # a 200 challenge page is recognised in the worker, with the extraction (it scans the page's bytes)
        blocked = self._blocked(response, PageKind.ARTICLE) if response.status != 200 else None
        if blocked:
            yield blocked
            return
        if response.status == 304:
            self._count(counts.NOT_MODIFIED)
            yield NotModified(url=response.url, page=self.fetch_record(response, PageKind.ARTICLE))
            return
        if response.status >= 400:
            yield self._failed(response, PageKind.ARTICLE, Failure(FailureKind.HTTP, f"HTTP {response.status}"))
            return
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if ctype and not ctype.startswith(HTML_TYPES):
            yield self._failed(response, PageKind.OTHER,
                               Failure(FailureKind.REJECTED, f"rejected: not an HTML page ({ctype.split(';')[0]})"))
            return
        root = response.meta["root"]
        try:
            result = await self.extraction.run(extract_record, response.body, response.url, ctype or None,
                                               body_xpath=self.plan.option(root, "body"),
                                               title_xpath=self.plan.option(root, "title"))
        except (DecodeError, WorkerCrashed) as exc:
            yield self._failed(response, PageKind.ARTICLE, Failure(FailureKind.REJECTED, f"rejected: {exc}"))
            return
        if isinstance(result, Failure):
            yield self._blocked(response, PageKind.ARTICLE, result.reason)
            return
        if not isinstance(result, Extraction):  # the page has no body text
            yield self._failed(response, PageKind.ARTICLE,
                               Failure(FailureKind.REJECTED, "rejected: no article text found"))
            return
        published = result.values.get("published_at")
        if (self.plan.since or self.plan.until) and published and not self._in_window(published):
            self._count(counts.OUTSIDE_WINDOW)
            yield self.fetch_record(response, PageKind.ARTICLE,
                                    Failure(FailureKind.OUT_OF_WINDOW, "outside the --since/--until window"))
            return
        if result.values.get("column_name"):
            self._column_names[root][result.values["column_name"]] += 1
        self._count(counts.ARTICLES)
        yield ArticleRecord(page=self.fetch_record(response, PageKind.ARTICLE), extraction=result,
                            list_title=response.meta.get("list_title"), list_date=response.meta.get("list_date"),
                            fetched_at=now())

    def on_error(self, failure: TwistedFailure) -> Iterator[Any]:
        request = failure.request
        meta = request.meta
        outcome = classify_download_failure(failure)
        if outcome is None:
            self._count(counts.SKIPPED)  # by our own rules: robots.txt and host scope
            return
        if meta.get("start"):
            self._start_failed(meta["root"], outcome.reason)
        if meta.get("kind") == "list":
            self._truncated.add(meta["root"])
        if meta.get("browser") and outcome.reason.startswith("needs a browser"):
            self._count(counts.NO_BROWSER)
        self._count(counts.ERRORS)
        self._count(counts.STATUS + "error")
        yield fetch_error(request, outcome)
        if meta.get("kind") == "list":
            yield from self._schedule_lists(meta["root"], [], had_new=not self._incremental(meta["root"]))
