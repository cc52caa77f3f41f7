"""Rendering the few pages that need a browser: list pages and homepages whose content a script writes.

Most script-rendered lists are read without a browser (``extract.listing.jslist`` finds the data request in the
page's scripts). A page whose request cannot be derived (signed or encrypted parameters, a bundled app) is
flagged by ``parse_list_page`` (``ListPage.browser_url``); the spider then asks for it again with
``meta["browser"] = True`` and :class:`BrowserRenderMiddleware` renders it in headless Chromium (Debian's
``chromium``, driven by Playwright; nothing is downloaded) instead of fetching it:

* the page is opened, its scripts run, and the rendered DOM is the response's body (``X-Rendered-By:
  chromium``); when the list's pager has no URLs, its next-page control is clicked and each further rendered
  page comes back in ``response.meta["rendered_pages"]``, up to ``BROWSER_MAX_PAGES``;
* the browser never leaves the crawl's hosts: every request to another host is aborted, and so are images,
  media and fonts (``BROWSER_BLOCK``); each page gets ``BROWSER_TIMEOUT`` seconds in all, a fresh context
  (no cookies or storage carried over) and at most ``BROWSER_CONCURRENCY`` pages render at once;
* article pages never go to the browser: only requests the spider marks.

``BROWSER_ENABLED`` (default on; ``police-archive crawl --no-browser`` turns it off) and a Chromium binary
(``BROWSER_EXECUTABLE``, else ``chromium`` / ``chromium-browser`` / ``google-chrome`` on the PATH) are needed;
without either, the request fails with a one-line reason (:class:`BrowserUnavailable`), which the spider
records in ``fetch_errors`` and the summary counts — never a silently empty column.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request

from crawler import counts
from crawler.plan import SETTING

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
                 "--renderer-process-limit=2", "--js-flags=--max-old-space-size=256"]
#: texts of next-page controls (buttons, links with javascript: hrefs, elements with click handlers)
NEXT_TEXTS = ("下一页", "下页", "后一页", "下一頁", "next", "Next", ">", "›", "»", ">>")
_CLICK_NEXT = """(texts) => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const cands = Array.from(document.querySelectorAll('a, button, span, li, input[type=button]'))
    .filter(el => visible(el) && !el.closest('[disabled]') && !/disabled/.test(el.className || ''));
  const text = (el) => (el.innerText || el.value || '').trim();
  let el = cands.find(c => texts.includes(text(c)));
  if (!el) {
    const cur = cands.find(c => /(^|\\s)(active|current|cur|on|layui-laypage-curr|selected)(\\s|$)/.test(c.className)
                                 && /^\\d+$/.test(text(c)));
    if (cur) el = cands.find(c => text(c) === String(Number(text(cur)) + 1));
  }
  if (!el || el.getAttribute('aria-disabled') === 'true') return false;
  el.click();
  return true;
}"""


#: what "the page changed" is measured on: the set of its links (a ticker that rotates its items, a clock or a
#: visitor counter change the text, never the set of links; the next page of a list always does)
_TEXT = "() => [...new Set(Array.from(document.links, a => a.href))].sort().join('\\n')"


class BrowserUnavailable(RuntimeError):
    """The page needs a browser and none can be used here; the message says why in one line."""


def chromium_executable(configured: str | None = None) -> str | None:
    if configured:
        return configured if shutil.which(configured) or _is_file(configured) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _is_file(path: str) -> bool:
    import os

    return os.path.isfile(path) and os.access(path, os.X_OK)


class BrowserRenderMiddleware:
    """Renders requests marked ``meta["browser"]`` in headless Chromium (see the module docstring)."""

    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("BROWSER_ENABLED", True)
        self.executable = chromium_executable(settings.get("BROWSER_EXECUTABLE") or None)
        self.timeout = settings.getfloat("BROWSER_TIMEOUT", 30.0)
        self.max_pages = settings.getint("BROWSER_MAX_PAGES", 50)
        self.block = set(settings.getlist("BROWSER_BLOCK", ["image", "media", "font"]))
        plan = settings.get(SETTING)
        self.hosts = plan.hosts if plan is not None else frozenset()
        self._limit = asyncio.Semaphore(max(1, settings.getint("BROWSER_CONCURRENCY", 1)))
        self._playwright: Any = None
        self._browser: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserRenderMiddleware:
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def unavailable_reason(self) -> str | None:
        if not self.enabled:
            return "needs a browser: the list is rendered by script and the browser is off (--no-browser)"
        if self.executable is None:
            return ("needs a browser: the list is rendered by script and no Chromium was found (install Debian's "
                    "chromium, or set BROWSER_EXECUTABLE)")
        return None

    async def process_request(self, request: Request) -> HtmlResponse | None:
        if not request.meta.get("browser"):
            return None
        reason = self.unavailable_reason()
        if reason:
            raise BrowserUnavailable(reason)
        async with self._limit:
            return await self._render(request)

    async def _start(self) -> Any:
        if self._browser is None:
            try:
                from playwright.async_api import async_playwright
            except ImportError as exc:
                raise BrowserUnavailable("needs a browser: the playwright package is not installed") from exc
            self._playwright = await async_playwright().start()
            try:
                self._browser = await self._playwright.chromium.launch(executable_path=self.executable,
                                                                       args=CHROMIUM_ARGS, headless=True)
            except Exception as exc:  # noqa: BLE001 - any launch failure is one line for the record
                await self._playwright.stop()
                self._playwright = None
                raise BrowserUnavailable(f"needs a browser: Chromium did not start ({str(exc).splitlines()[0]})") \
                    from exc
        return self._browser

    async def _route(self, route: Any) -> None:
        req = route.request
        host = urlsplit(req.url).netloc.lower()
        if req.resource_type in self.block or (self.hosts and host not in self.hosts) \
                or not req.url.startswith(("http://", "https://")):
            await route.abort()
        else:
            await route.continue_()

    async def _render(self, request: Request) -> HtmlResponse:
        browser = await self._start()
        started = time.monotonic()
        deadline = started + self.timeout
        ua = request.headers.get("User-Agent")
        context = await browser.new_context(user_agent=ua.decode("latin-1") if ua else None,
                                            java_script_enabled=True, service_workers="block")
        try:
            page = await context.new_page()
            page.set_default_timeout(self.timeout * 1000)
            await page.route("**/*", self._route)
            response = await page.goto(request.url, wait_until="domcontentloaded")
            await self._settle(page, deadline)
            pages = [await page.content()]
            for _ in range(max(0, min(self.max_pages, int(request.meta.get("browser_pages", self.max_pages))) - 1)):
                before = await page.evaluate(_TEXT)
                if time.monotonic() > deadline or not await page.evaluate(_CLICK_NEXT, list(NEXT_TEXTS)):
                    break
                if not await self._changed(page, before, deadline):
                    break  # the control did nothing: the last page
                pages.append(await page.content())
            self.crawler.stats.inc_value(counts.PREFIX + "browser_pages", len(pages))
            status = response.status if response is not None else 200
            meta_pages = [p.encode("utf-8") for p in pages[1:]]
            request.meta["rendered_pages"] = meta_pages
            return HtmlResponse(url=page.url, status=status, body=pages[0].encode("utf-8"), encoding="utf-8",
                                headers={"Content-Type": "text/html; charset=utf-8", "X-Rendered-By": "chromium"},
                                request=request)
        except BrowserUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - a page that will not render is a failed fetch, in one line
            raise BrowserUnavailable(f"browser rendering failed: {type(exc).__name__}: "
                                     f"{str(exc).splitlines()[0][:200] if str(exc) else ''}") from exc
        finally:
            await context.close()

    async def _changed(self, page: Any, before: str, deadline: float) -> bool:
        """After a click: wait until the page's links change (the script fetched and wrote the next page), then
        until they have stopped changing; False when nothing changed in time."""
        try:
            await page.wait_for_function(f"() => ({_TEXT})() !== {json.dumps(before)}",
                                         timeout=max(0.5, min(10.0, deadline - time.monotonic())) * 1000)
        except Exception:  # noqa: BLE001 - a timeout: the click changed nothing
            return False
        last = None
        while time.monotonic() < deadline:
            text = await page.evaluate(_TEXT)
            if text == last:
                return True
            last = text
            await asyncio.sleep(0.25)
        return True

    async def _settle(self, page: Any, deadline: float) -> None:
        """Wait until the page's requests are done (or the time is up): its script has written the list."""
        remaining = max(0.5, deadline - time.monotonic())
        try:
            await page.wait_for_load_state("networkidle", timeout=min(remaining, 10.0) * 1000)
        except Exception:  # noqa: BLE001 - a page that keeps polling never goes idle: read what is there
            pass

    async def spider_closed(self, spider: Any) -> None:
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None
