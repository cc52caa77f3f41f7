"""A real browser over the real archive: `police-archive serve` on loopback, driven by Debian's Chromium.

The demo web is crawled by the CLI into a fresh archive; Datasette serves it; Chromium (through Playwright,
with the system binary, no downloaded browser) searches 诈骗, opens the bulletin that restates the seed,
follows the link to its statistics and opens the dashboard. Screenshots of every step go to
``artifacts/browser/`` under the repository root. Skipped when no Chromium or no Playwright is installed
(``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from demoweb import DemoWeb
from demoweb.content import SEED_ARTICLE_TITLE
from tests.helpers import CLI, free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 30_000


def chromium_binary() -> str | None:
    """$CHROMIUM, else Debian's chromium (or another system Chromium/Chrome) on the PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if os.access(os.environ["CHROMIUM"], os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = chromium_binary()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def sync_playwright():
    mod = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    return mod.sync_playwright


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    with DemoWeb(port=0) as web:
        proc = subprocess.run([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q"],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def server(archive_db):
    """`police-archive serve` on a free loopback port; yields its base URL."""
    port = free_port()
    log = archive_db.with_name("serve.log")
    with log.open("wb") as fh:
        proc = subprocess.Popen([*CLI, "serve", "--db", str(archive_db), "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/{archive_db.stem}.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def browser(sync_playwright):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh page; uncaught JavaScript errors are collected in ``page.js_errors``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.js_errors = []
    pg.on("pageerror", lambda exc: pg.js_errors.append(str(exc)))
    yield pg
    context.close()


@contextmanager
def screenshot_on_failure(page, name: str):
    """Save ``<name>-failure.png`` when the block fails, so CI shows what the browser saw."""
    try:
        yield
    except BaseException:
        page.screenshot(path=str(ARTIFACTS / f"{name}-failure.png"), full_page=True)
        raise


def mark(locator) -> None:  # noqa: ANN001 - playwright Locator
    """Outline an element and scroll it to the top of the window, for the next screenshot."""
    locator.evaluate("el => { el.style.outline = '3px solid #d00'; el.scrollIntoView({block: 'start'}); "
                     "window.scrollBy(0, -40); }")


def shot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


def test_search_open_bulletin_and_its_statistics(page, server, archive_db):
    with screenshot_on_failure(page, "search"):
        db = archive_db.stem
        page.goto(f"{server}/{db}/articles")
        box = page.locator("input[name=_search]")
        box.wait_for()
        box.fill("诈骗")
        mark(box)
        shot(page, "01-articles-search-box")
        with page.expect_navigation():
            box.press("Enter")
        assert "_search=" in page.url
        assert "诈骗" in page.title()  # "… rows where search matches "诈骗" …"
        title = page.locator("td.col-title", has_text=SEED_ARTICLE_TITLE)
        row = page.locator("table.rows-and-columns tbody tr", has=title)
        assert row.count() == 1, "the seed bulletin is not among the search results"
        mark(row)
        shot(page, "02-search-results")

        # the row page: the primary-key link of that row
        with page.expect_navigation():
            row.locator("td.type-pk a").click()
        article_url = page.url
        assert f"/{db}/articles/" in article_url
        assert page.locator("td.col-title", has_text=SEED_ARTICLE_TITLE).count() == 1
        assert page.get_by_text("517.87万元").count() >= 1  # the body text holds the figure as written
        shot(page, "03-bulletin")

        # its statistics: the metrics rows linked to this article (Datasette's "Links from other tables")
        link = page.locator("a[href*='/metrics?article_id=']")
        assert link.count() == 1
        with page.expect_navigation():
            link.click()
        article_id = article_url.rstrip("/").rsplit("/", 1)[1]
        assert f"article_id={article_id}" in page.url
        rows = page.locator("table.rows-and-columns tbody tr")
        assert rows.count() >= 20
        money = rows.filter(has=page.locator("td.col-indicator", has_text="返还被骗资金"))
        assert money.count() >= 1
        assert float(money.first.locator("td.col-value").inner_text()) == 5178700
        assert "517.87万元" in money.first.locator("td.col-sentence").inner_text()
        cases = rows.filter(has=page.locator("td.col-indicator", has_text="侦破电信网络诈骗案件"))
        assert 75 in {float(v) for v in cases.locator("td.col-value").all_inner_texts()}
        assert money.first.locator("td.col-unit").inner_text().strip() == "元"
        mark(money.first)
        shot(page, "04-bulletin-statistics")
        assert page.js_errors == []


CHARTS = ("fraud-cases", "fraud-money", "articles-per-month")


@pytest.fixture
def dashboard(page, server):
    """The dashboard page once every chart is drawn, with the answers to the charts' data requests:
    ``page.chart_data`` maps each chart's SQL to (HTTP status, rows, error)."""
    page.chart_data = {}

    def on_response(resp) -> None:  # noqa: ANN001 - playwright Response
        # each chart fetches its rows from /<db>.json?sql=…&_shape=objects
        if ".json?sql=" in resp.url:
            body = resp.json()
            sql = urllib.parse.parse_qs(urllib.parse.urlsplit(resp.url).query)["sql"][0]
            page.chart_data[sql] = (resp.status, len(body.get("rows") or []), body.get("error"))

    page.on("response", on_response)
    with screenshot_on_failure(page, "dashboard"):
        page.goto(f"{server}/-/dashboards/police-statistics")
        for chart in CHARTS:
            # vega-embed draws into the chart's container: a canvas (its default renderer) or an svg
            page.locator(f"#chart-{chart} canvas, #chart-{chart} svg").first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # let vega finish drawing before the screenshot
        shot(page, "05-dashboard")
        page.screenshot(path=str(ARTIFACTS / "05-dashboard-full.png"), full_page=True)
    return page


def test_dashboard_renders_its_charts(dashboard):
    with screenshot_on_failure(dashboard, "dashboard-render"):
        for chart in CHARTS:
            drawn = dashboard.locator(f"#chart-{chart} canvas, #chart-{chart} svg").first
            box = drawn.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, chart
        assert dashboard.js_errors == []


def test_dashboard_charts_get_their_rows(dashboard):
    """Every chart's query runs and returns rows (an SQL error leaves an empty but rendered chart)."""
    answers = dashboard.chart_data
    assert len(answers) == len(CHARTS), answers
    bad = {sql: answer for sql, answer in answers.items() if answer[0] != 200 or answer[1] == 0}
    assert bad == {}
