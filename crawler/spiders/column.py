"""The column spider: from column (栏目) list URLs to every article of the column, once.

It only schedules: list pages go to :func:`extract.parse_list_page`, article pages to
:func:`extract.extract_article`, and every fetch (good or bad) becomes a record for the archive pipeline.

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
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from scrapy import Request, Spider
from scrapy.http import FormRequest, Response
from twisted.python.failure import Failure

from crawler.pool import ExtractionPool, WorkerCrashed, extract_record
from extract import DecodeError, FollowRequest, parse_list_page
from extract.challenge import challenge_reason
from extract.urls import canonical_url, host_of

HANDLED_STATUSES = [304, *range(400, 600)]
HTML_TYPES = ("text/html", "application/xhtml", "text/xml", "application/xml", "text/plain")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _headers(headers: Any) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in headers.items()}


class ColumnSpider(Spider):
    name = "column"

    def __init__(self, start_urls: str | list[str] = "", max_pages: int | str = 0, full: bool | str = False,
                 overrides: dict[str, dict[str, Any]] | None = None, sites: str | list[str] = "",
                 discover_only: bool = False, since: str | None = None, until: str | None = None,
                 user_agent: str | None = None, distributed: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        urls = start_urls.split(",") if isinstance(start_urls, str) else list(start_urls)
        self.start_urls = [canonical_url(u) for u in urls if u.strip()]
        homes = sites.split(",") if isinstance(sites, str) else list(sites)
        #: site mode: homepages whose news columns are discovered, then crawled like start URLs
        self.homepages = [canonical_url(u) for u in homes if u.strip()]
        self.discover_only = discover_only
        #: discovered columns: {"site", "name", "url", "family", "articles"}
        self.discovered: list[dict[str, Any]] = []
        self._column_signatures: set[frozenset[str]] = set()
        self.since, self.until = since, until
        #: distributed (Redis) mode: the shared duplicate filter dedupes start requests too, and list pages
        #: are walked in full, since the next list page may be parsed by another worker
        self.distributed = distributed
        self.user_agent_override = user_agent
        self.allowed_hosts = {host_of(u) for u in self.start_urls + self.homepages}
        self.max_pages = int(max_pages or 0)
        self.full = str(full).lower() in ("1", "true", "yes")
        #: per start URL: max_pages and selector overrides from the sites file
        self.overrides = {canonical_url(k): v for k, v in (overrides or {}).items()}
        self.list_pages: Counter[str] = Counter()
        #: start URL → one-line reason, for start URLs that could not be fetched
        self.start_failures: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self.status_counts: Counter[str] = Counter()
        self.known: set[str] = set()
        self.dead: set[str] = set()
        #: start URL → True when an earlier crawl followed its pagination to the end
        self.walked_before: dict[str, bool] = {}
        #: start URLs whose walk was cut short (max pages, list page errors)
        self.truncated: set[str] = set()
        self.families: dict[str, str] = {}
        self.column_names: dict[str, Counter[str]] = defaultdict(Counter)
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self._pending: dict[str, list[FollowRequest]] = defaultdict(list)
        self._list_links: dict[str, set[str]] = defaultdict(set)
        self._seen_lists: set[str] = set(self.start_urls)
        self._extraction: ExtractionPool | None = None

    def _load_archive_state(self) -> None:
        from archive import Archive

        path = self.settings.get("ARCHIVE_DB")
        if not path or self.discover_only:
            return
        with Archive(path) as archive:
            self.known = archive.known_article_urls()
            self.dead = archive.dead_article_urls()
            self.validators = archive.validators()
            self.walked_before = archive.column_states()
            self.walked_before.update(archive.begin_column_walks(self.start_urls))

    async def start(self) -> AsyncIterator[Request]:
        self._load_archive_state()
        for url in self.homepages:
            yield self._request(url, self.parse_home, self._meta("home", url, start=True),
                                dont_filter=not self.distributed)
        for url in self.start_urls:
            self.list_pages[url] += 1
            req = self._list_request(url, root=url, start=True)
            yield req.replace(dont_filter=False) if self.distributed else req

    def _request(self, url: str, callback: Any, meta: dict[str, Any], dont_filter: bool = False,
                 **kwargs: Any) -> Request:
        """A request with the site's identity and proxy (sites file, --user-agent)."""
        host = host_of(url)
        opts = self.overrides.get(meta.get("root", ""), {}) or self.host_options(host)
        if opts.get("proxy"):
            meta["proxy"] = opts["proxy"]
        headers = {}
        ua = opts.get("user_agent") or self.user_agent_override
        if ua:
            headers["User-Agent"] = ua
        cls = FormRequest if "formdata" in kwargs else Request
        return cls(url, callback=callback, errback=self.on_error, meta=meta, dont_filter=dont_filter,
                   headers=headers, **kwargs)

    def host_options(self, host: str) -> dict[str, Any]:
        for root, opts in self.overrides.items():
            if host_of(root) == host:
                return opts
        return {}

    @property
    def roots(self) -> list[str]:
        return self.start_urls + [c["url"] for c in self.discovered]

    # -- site mode --------------------------------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        from extract.encoding import decode_html
        from extract.listing.columns import discover_columns

        home = response.meta["root"]
        if response.status >= 400:
            self.start_failures[home] = f"HTTP {response.status}"
            self.counts["errors"] += 1
            yield self.page_record(response, "other", f"HTTP {response.status}")
            return
        yield self.page_record(response, "other")
        try:
            html = decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1")).text
        except DecodeError as exc:
            self.start_failures[home] = str(exc)
            return
        for cand in discover_columns(html, response.url):
            if cand.url in self._seen_lists:
                continue
            self._seen_lists.add(cand.url)
            meta = self._meta("list", cand.url, probe=True, site=home, column_name=cand.name)
            yield self._request(cand.url, self.parse_list, meta)

    def _register_column(self, response: Response, page: Any) -> bool:
        """Keep a probed candidate when it is a news list not seen under another URL."""
        from extract.listing.columns import is_news_list

        dated = sum(1 for a in page.articles if a.list_date)
        if not is_news_list(len(page.articles), dated, bool(page.follow)):
            self.counts["rejected_columns"] += 1
            return False
        signature = frozenset(a.url for a in page.articles)
        if signature in self._column_signatures:
            return False  # the same column under another URL (/jwzx/jwdt/ and /jwzx/jwdt/index.html)
        self._column_signatures.add(signature)
        root = response.meta["root"]
        self.discovered.append({"site": response.meta.get("site"), "name": response.meta.get("column_name"),
                                "url": root, "family": page.families[0] if page.families else "generic",
                                "articles": len(page.articles)})
        self.list_pages[root] += 1
        return True

    # -- helpers ----------------------------------------------------------------------------------
    def _opt(self, root: str, key: str, default: Any = None) -> Any:
        return self.overrides.get(root, {}).get(key, default)

    def _incremental(self, root: str) -> bool:
        return not self.full and not self.distributed and self.walked_before.get(root, False)

    def complete_walks(self) -> dict[str, dict[str, str | None]]:
        """Columns whose pagination this crawl followed to the end (or incrementally up to known articles)."""
        return {
            root: {"family": self.families.get(root),
                   "name": self.column_names[root].most_common(1)[0][0] if self.column_names[root] else None}
            for root in self.roots if root not in self.truncated and root not in self.start_failures
            and not (self.since or self.until)  # a windowed walk does not cover the whole column
        }

    def _meta(self, kind: str, root: str, **extra: Any) -> dict[str, Any]:
        # errors and 304 come to the callbacks to be recorded; 3xx stay with the redirect middleware
        return {"kind": kind, "root": root, "handle_httpstatus_list": HANDLED_STATUSES, "t0": time.monotonic(),
                **extra}

    def _list_request(self, url: str, root: str, start: bool = False, method: str = "GET",
                      formdata: tuple[tuple[str, str], ...] | None = None) -> Request:
        # a 304 for a list page only helps when an unchanged list means "nothing new" (incremental mode)
        meta = self._meta("list", root, start=start, conditional=self._incremental(root))
        if formdata:
            return self._request(url, self.parse_list, meta, dont_filter=start, formdata=dict(formdata))
        return self._request(url, self.parse_list, meta, dont_filter=start, method=method)

    def page_record(self, response: Response, kind: str, error: str = "") -> dict[str, Any]:
        req = response.request
        body = req.body.decode("utf-8", "replace") if req is not None and req.method == "POST" else ""
        t0 = response.meta.get("t0")
        self.status_counts[str(response.status)] += 1
        return {
            "type": "page", "url": response.url, "method": req.method if req is not None else "GET",
            "request_body": body, "request_headers": _headers(req.headers) if req is not None else {},
            "kind": kind, "status": response.status, "error": error,
            "content_type": response.headers.get("Content-Type", b"").decode("latin-1") or None,
            "headers": _headers(response.headers), "body": response.body, "fetched_at": _now(),
            "elapsed_ms": int((time.monotonic() - t0) * 1000) if t0 else None,
        }

    def _schedule_lists(self, root: str, follow: list[FollowRequest], had_new: bool) -> Iterator[Request]:
        pending = self._pending[root]
        for nxt in follow:
            if host_of(nxt.url) not in self.allowed_hosts:
                continue
            key = nxt.key or canonical_url(nxt.url) + ("?" + urlencode(nxt.formdata) if nxt.formdata else "")
            if key not in self._seen_lists:
                self._seen_lists.add(key)
                pending.append(nxt)
        pending.sort(key=lambda f: f.order)
        max_pages = int(self._opt(root, "max_pages", self.max_pages) or 0)
        if self._incremental(root) or (self.since and not self.distributed):
            # walk on only while pages still bring new articles (or, with --since, articles in the window)
            batch = pending[:1] if had_new else []
            if not had_new:
                pending.clear()
        else:
            batch = list(pending)
        for nxt in batch:
            pending.remove(nxt)
            if max_pages and self.list_pages[root] >= max_pages:
                pending.clear()
                self.truncated.add(root)
                return
            self.list_pages[root] += 1
            yield self._list_request(canonical_url(nxt.url), root, method=nxt.method, formdata=nxt.formdata)

    def _in_window(self, day: str | None) -> bool:
        """Unknown dates are in the window (the article is fetched and judged by its own date)."""
        if not day:
            return True
        day = day[:10]
        return not ((self.since and day < self.since) or (self.until and day > self.until))

    # -- callbacks --------------------------------------------------------------------------------
    def _blocked(self, response: Response, kind: str, reason: str | None = None) -> dict[str, Any] | None:
        """The page record of an anti-bot challenge page (``reason`` when already known), else None."""
        reason = reason or challenge_reason(response.status, response.body)
        if reason is None:
            return None
        self.counts["blocked"] += 1
        self.counts["errors"] += 1
        if response.meta.get("start"):
            self.start_failures[response.meta["root"]] = reason
        return self.page_record(response, kind, reason)

    def parse_list(self, response: Response) -> Iterator[Any]:
        root = response.meta["root"]
        blocked = self._blocked(response, "list")
        if blocked:
            self.truncated.add(root)
            yield blocked
            return
        if response.status == 304:
            self.counts["not_modified"] += 1
            yield self.page_record(response, "list")
            yield from self._schedule_lists(root, [], had_new=False)
            return
        if response.status >= 400:
            if response.meta.get("start"):
                self.start_failures[root] = f"HTTP {response.status}"
            self.counts["errors"] += 1
            self.truncated.add(root)
            yield self.page_record(response, "list", f"HTTP {response.status}")
            yield from self._schedule_lists(root, [], had_new=not self._incremental(root))
            return
        self.counts["list_pages"] += 1
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            # on the reactor, not in the pool: the next list page waits for this one, and a list page queued
            # behind dozens of articles in the pool starves the crawl of links
            page = parse_list_page(response.body, response.url, ctype, link_xpath=self._opt(root, "article_links"))
        except DecodeError as exc:
            self.counts["errors"] += 1
            yield self.page_record(response, "list", str(exc))
            return
        yield self.page_record(response, "list")
        if response.meta.get("probe"):
            if not self._register_column(response, page):
                return
            if self.discover_only:
                return
            col = self.discovered[-1]
            yield {"type": "column", "url": root, "site": col["site"], "name": col["name"], "family": col["family"]}
        if page.families:
            self.families.setdefault(root, page.families[0])
        new = 0
        in_window = 0
        seen_before = self._list_links[root]
        for link in page.articles:
            if host_of(link.url) not in self.allowed_hosts:
                continue
            repeated = link.url in seen_before  # a pinned (置顶) item repeated on every list page
            seen_before.add(link.url)
            if not self._in_window(link.list_date):
                self.counts["outside_window"] += 1
                continue
            if link.list_date and not repeated:
                in_window += 1
            if (link.url in self.known or link.url in self.dead) and not self.full:
                continue
            new += link.url not in self.known and not repeated
            yield self._request(link.url, self.parse_article,
                                self._meta("article", root, list_title=link.title, list_date=link.list_date,
                                           conditional=True))
        if self.since and not in_window and any(a.list_date for a in page.articles):
            # the whole page is older than --since: lists are newest first, stop this column here
            yield from self._schedule_lists(root, [], had_new=False)
            return
        had_new = new > 0 or (bool(self.since) and in_window > 0 and not self._incremental(root))
        yield from self._schedule_lists(root, page.follow, had_new=had_new)

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
        blocked = self._blocked(response, "article") if response.status != 200 else None
        if blocked:
            yield blocked
            return
        if response.status == 304:
            self.counts["not_modified"] += 1
            yield {"type": "not_modified", "url": response.url, "page": self.page_record(response, "article")}
            return
        if response.status >= 400:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", f"HTTP {response.status}")
            return
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if ctype and not ctype.startswith(HTML_TYPES):
            self.counts["errors"] += 1
            yield self.page_record(response, "other", f"rejected: not an HTML page ({ctype.split(';')[0]})")
            return
        root = response.meta["root"]
        try:
            rec = await self.extraction.run(extract_record, response.body, response.url, ctype or None,
                                            body_xpath=self._opt(root, "body"), title_xpath=self._opt(root, "title"))
        except (DecodeError, WorkerCrashed) as exc:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", f"rejected: {exc}")
            return
        if rec.get("blocked"):
            yield self._blocked(response, "article", rec["blocked"])
            return
        if not rec["text"]:
            self.counts["errors"] += 1
            yield self.page_record(response, "article", "rejected: no article text found")
            return
        if (self.since or self.until) and rec["published_at"] and not self._in_window(rec["published_at"]):
            self.counts["outside_window"] += 1
            yield self.page_record(response, "article", "outside the --since/--until window")
            return
        if rec["column_name"]:
            self.column_names[root][rec["column_name"]] += 1
        rec.update(type="article", page=self.page_record(response, "article"),
                   list_title=response.meta.get("list_title"), list_date=response.meta.get("list_date"),
                   fetched_at=_now())
        self.counts["articles"] += 1
        yield rec

    def on_error(self, failure: Failure) -> Iterator[dict[str, Any]]:
        request = failure.request
        reason = f"{failure.type.__name__}: {failure.getErrorMessage()}".splitlines()[0][:300]
        message = failure.getErrorMessage()
        if "IgnoreRequest" in reason and ("robots.txt" in message or "off-scope" in message):
            self.counts["skipped"] += 1  # by our own rules: robots.txt and host scope
            return
        if "max size" in message or "maxsize" in message:
            reason = f"rejected: response larger than the size cap ({message.splitlines()[0][:160]})"
        meta = request.meta
        if meta.get("start"):
            self.start_failures[meta["root"]] = reason
        if meta.get("kind") == "list":
            self.truncated.add(meta["root"])
        self.counts["errors"] += 1
        self.status_counts["error"] += 1
        yield {
            "type": "page", "url": request.url, "method": request.method,
            "request_body": request.body.decode("utf-8", "replace") if request.method == "POST" else "",
            "request_headers": _headers(request.headers),
            "kind": meta.get("kind", "other"), "status": None, "error": reason, "content_type": None,
            "headers": {}, "body": None, "fetched_at": _now(), "elapsed_ms": None,
        }
        if meta.get("kind") == "list":
            yield from self._schedule_lists(meta["root"], [], had_new=not self._incremental(meta["root"]))
