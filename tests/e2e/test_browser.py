"""A researcher's session in a real browser: `police-archive serve` on loopback, Debian's Chromium at 1280×800.

Two archives: the demo web crawled by the CLI (WARC files, the extractor's own figures), and an archive of invented
bureaus whose figures carry every label (:mod:`tests.web.labelled`), for the pages that need them (explorer,
dashboard, the press conference's marked figures). Each test asserts what a person sees — inside the window, not
merely in the HTML — and leaves a screenshot in ``artifacts/browser/`` (CI keeps them; ``*-failure.png`` when a
step fails). Skipped when no Chromium or no Playwright is installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.parse
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest

from demoweb import DemoWeb
from demoweb.content import SEED_ARTICLE_TITLE
from tests.helpers import CLI, rows
from tests.web.labelled import PRESS_FIGURES
from tests.web.server import fetch, serving

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 30_000
WIDTH, HEIGHT = 1280, 800


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
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    with DemoWeb(port=0) as web:
        proc = subprocess.run([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q"],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def demo(demo_db):
    with serving(demo_db) as base:
        yield base


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
    """A fresh 1280×800 page; uncaught JavaScript errors in ``page.js_errors``; requests for anything not on the
    loopback server in ``page.outside`` unless the page's Content-Security-Policy stopped them in the browser
    (``page.blocked``): the machine has no internet, so a request that got out would fail too, but later."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.js_errors, pg.outside, pg.blocked = [], [], []

    def outside(req) -> bool:  # noqa: ANN001 - playwright Request
        return urllib.parse.urlsplit(req.url).hostname not in ("127.0.0.1", None)

    pg.on("pageerror", lambda exc: pg.js_errors.append(str(exc)))
    pg.on("requestfinished", lambda req: pg.outside.append(req.url) if outside(req) else None)
    pg.on("requestfailed", lambda req: (pg.blocked if req.failure == "csp" else pg.outside).append(req.url)
          if outside(req) else None)
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


def shot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


def in_window(locator) -> bool:  # noqa: ANN001 - playwright Locator
    """Whether the element is wholly inside the 1280×800 window as the page is now scrolled."""
    box = locator.bounding_box()
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT and box["x"] + box["width"] <= WIDTH


def common_word(db: Path) -> str:
    """The pair of Chinese characters that the most articles contain: a word chosen by the archive, not by us."""
    counts: Counter[str] = Counter()
    for (text,) in rows(db, "select title || text from articles"):
        counts.update({text[i:i + 2] for i in range(len(text) - 1)
                       if all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + 2])})
    return counts.most_common(1)[0][0]


def paragraphs(db: Path) -> list[str]:
    return [p for (t,) in rows(db, "select text from articles") for p in t.split("\n") if len(p) >= 30]


def search(page, base: str, db: str, word: str) -> None:
    """Type ``word`` into the articles page's search box and press Enter, as a person does."""
    page.goto(f"{base}/{db}/articles")
    box = page.locator("input#_search")
    box.fill(word)
    with page.expect_navigation():
        box.press("Enter")
    assert "_search=" in page.url and word in page.title()


def assert_reads_like_a_search_engine(page, db: Path, word: str) -> None:
    results = page.locator("li.pa-result")
    marks = page.locator("li.pa-result mark")
    assert results.count() >= 5 and marks.count() >= 5, (word, results.count(), marks.count())
    first = marks.first
    assert first.is_visible() and in_window(first), "the first highlighted match is below the fold"
    assert first.inner_text() == word or word in results.first.locator(".pa-title").inner_text()
    assert in_window(results.first.locator(".pa-title")) and in_window(results.first.locator(".pa-meta"))
    assert page.locator("aside.pa-facets .pa-facet").first.is_visible()
    shown = page.locator("section.pa-results-column").inner_text()
    whole = [p for p in paragraphs(db) if p in shown]
    assert whole == [], f"whole paragraphs in the result list: {whole[:2]}"
    for snippet in page.locator("li.pa-result .pa-snippet").all_inner_texts():
        assert len(snippet) <= 125


def test_search_for_a_common_word_shows_highlighted_snippets_above_the_fold(page, demo, demo_db):
    with screenshot_on_failure(page, "search"):
        search(page, demo, demo_db.stem, "诈骗")
        assert_reads_like_a_search_engine(page, demo_db, "诈骗")
        shot(page, "01-search-results")
        assert page.js_errors == [] and page.outside == []


@pytest.mark.parametrize("which", ["demo", "labelled"])
def test_the_word_the_archive_uses_most_reads_the_same(page, which, request):
    """Whatever the archive, its commonest word: at least five highlighted matches, the first one on screen."""
    base = request.getfixturevalue("demo" if which == "demo" else "lab")
    db = request.getfixturevalue("demo_db") if which == "demo" else request.getfixturevalue("labelled").db
    word = common_word(db)
    with screenshot_on_failure(page, f"common-word-{which}"):
        search(page, base, db.stem, word)
        assert_reads_like_a_search_engine(page, db, word)
        shot(page, f"02-common-word-{which}")


def test_relevance_page_is_linked_from_the_results_and_puts_titles_first(page, lab, labelled):
    with screenshot_on_failure(page, "ranked"):
        search(page, lab, "lab", "诈骗")
        with page.expect_navigation():
            page.get_by_role("link", name="按相关度").click()
        assert "/lab/-/search?q=" in page.url
        titles = page.locator("li.pa-result .pa-title")
        assert titles.count() == labelled.word_articles
        assert titles.first.locator("mark").count() >= 1 and in_window(titles.first)
        assert page.locator("a.pa-on", has_text="相关度").is_visible()
        shot(page, "03-search-by-relevance")


def test_table_pages_show_their_rows_not_their_column_descriptions(page, demo, demo_db):
    with screenshot_on_failure(page, "tables"):
        for table in ("metrics", "series", "pages", "fetch_errors", "sites"):
            page.goto(f"{demo}/{demo_db.stem}/{table}")
            summary = page.locator("details.pa-columns summary")
            assert summary.is_visible() and "Column descriptions" in summary.inner_text(), table
            assert not page.locator("dl.pa-column-descriptions").is_visible()
            assert page.locator("input[name=_filter_value], .filters").first.is_visible()
            first_row = page.locator("table.rows-and-columns tbody tr").first
            if first_row.count():
                assert first_row.bounding_box()["y"] < HEIGHT, f"{table}: first row below the fold"
            if table == "metrics":
                shot(page, "04-metrics-table")
        summary = page.locator("details.pa-columns summary")
        summary.click()
        assert page.locator("dl.pa-column-descriptions").is_visible()


def test_the_seed_bulletin_opens_as_a_page_with_its_figures_marked(page, demo, demo_db):
    with screenshot_on_failure(page, "bulletin"):
        search(page, demo, demo_db.stem, "诈骗")
        title = page.locator("li.pa-result .pa-title a", has_text=SEED_ARTICLE_TITLE)
        assert title.count() == 1, "the seed bulletin is not among the search results"
        with page.expect_navigation():
            title.click()
        assert page.locator("h1.pa-article-title").inner_text() == SEED_ARTICLE_TITLE
        money = page.locator("mark.figure", has_text="517.87万元")
        assert money.count() == 1 and money.is_visible()
        assert "返还被骗资金" in money.get_attribute("title")
        money.scroll_into_view_if_needed()
        money.focus()
        shot(page, "05-bulletin")
        (n,) = rows(demo_db, "select count(*) from metrics m join articles a on a.id = m.article_id where a.title = ?",
                    (SEED_ARTICLE_TITLE,))[0]
        assert page.locator("table.pa-figure-table tbody tr").count() == n
        # every figure's statistics, as Datasette's table
        with page.expect_navigation():
            page.locator("a.pa-metrics-link").click()
        assert "article_id=" in page.url
        assert page.locator("table.rows-and-columns tbody tr").count() == n
        # the archived capture from the crawl's WARC file
        page.go_back()
        with page.expect_navigation():
            page.locator("a.pa-capture-link").click()
        frame = page.frame_locator("iframe.pa-capture-frame")
        assert SEED_ARTICLE_TITLE[:10] in frame.locator("body").inner_text()
        shot(page, "06-bulletin-capture")
        assert page.js_errors == []


def test_the_press_conference_marks_each_figure_with_what_was_understood(page, lab, labelled):
    with screenshot_on_failure(page, "press"):
        page.goto(f"{lab}/lab/articles/{labelled.press_id}")
        marks = page.locator(".pa-article-text mark.figure")
        assert marks.all_inner_texts() == [f[0] for f in PRESS_FIGURES]
        for m in marks.all():
            assert m.is_visible() and in_window(m)
        cases = page.locator("mark.figure", has_text="386起")
        tip = cases.get_attribute("title")
        assert "破获电信网络诈骗案件" in tip and "同比上升21.4%" in tip and "half" in tip
        row = page.locator("table.pa-figure-table tr", has=page.locator("a", has_text="386起"))
        assert row.is_visible() and "破获/侦破" in row.inner_text()
        row.locator("a").click()
        assert page.url.endswith(f"#fig-{cases.get_attribute('data-figure')}")
        cases.hover()
        shot(page, "07-press-conference")
        assert page.locator("a", has_text="对比各机关").first.is_visible()


def test_the_capture_runs_no_script_and_loads_nothing_from_outside(page, lab, labelled):
    with screenshot_on_failure(page, "capture"):
        page.goto(f"{lab}/lab/articles/{labelled.press_id}")
        with page.expect_navigation():
            page.locator("a.pa-capture-link").click()
        page.wait_for_load_state("networkidle")
        frame = page.frame_locator("iframe.pa-capture-frame")
        assert frame.locator("h1").inner_text().startswith("青川市公安局召开")
        assert frame.locator("#notice").inner_text() == "本页由青川市公安局发布"  # the page's script would rewrite it
        assert frame.locator("body[data-script-ran]").count() == 0
        # the bureau's style sheet and logo were asked for and stopped by the browser; its scripts and frame not
        # even asked for (a sandbox without scripts)
        assert page.outside == [], page.outside
        assert sorted(page.blocked) == ["http://static.qingchuan.example/css/site.css",
                                        "http://static.qingchuan.example/img/logo.png"]
        shot(page, "08-capture")
        # opened on its own, the raw capture is still a sandbox
        page.goto(f"{lab}/lab/-/capture/{labelled.press_page_id}/raw")
        page.wait_for_load_state("load")
        assert page.title() != "SCRIPT RAN" and page.locator("body[data-script-ran]").count() == 0
        assert page.outside == []


def test_the_explorer_draws_one_line_per_bureau_and_each_point_opens_its_articles(page, lab):
    with screenshot_on_failure(page, "explorer"):
        page.goto(f"{lab}/")
        with page.expect_navigation():
            page.locator(".pa-home-links a", has_text="统计浏览").click()
        page.locator("#pa-chart[data-drawn='1']").wait_for()
        for name, value in (("category", "telecom_fraud"), ("measure", "solved"), ("period_kind", "half")):
            page.select_option(f"select[name={name}]", value)
        with page.expect_navigation():
            page.get_by_role("button", name="显示").click()
        page.locator("#pa-chart[data-drawn='1']").wait_for()
        chart = page.locator("#pa-chart svg")
        assert chart.is_visible() and chart.bounding_box()["width"] > 600
        assert page.locator("#pa-chart g.mark-line path").count() == 3  # three bureaus
        legend = page.locator("#pa-chart g.role-legend").text_content()
        assert all(b in legend for b in ("青川市公安局", "白鹭县公安局", "松原市公安局"))
        assert page.locator("table.pa-stat-table tbody tr").count() == 8
        shot(page, "09-explorer")
        point = page.locator("#pa-chart g.role-mark path[aria-label*='386']")
        assert point.count() == 1
        box = point.bounding_box()
        with page.expect_navigation():
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert "id__in=" in page.url
        assert page.locator("li.pa-result").count() == 2  # the press conference and the half-year bulletin
        page.go_back()
        csv_link = page.locator("a.pa-csv").get_attribute("href")
        status, headers, body = fetch(lab + csv_link)
        assert status == 200 and len(body.decode("utf-8").strip().splitlines()) == 9
        assert page.js_errors == [] and page.outside == []


def test_the_home_page_says_what_the_archive_holds(page, demo, demo_db):
    with screenshot_on_failure(page, "home"):
        page.goto(f"{demo}/")
        (articles,) = rows(demo_db, "select count(*) from articles")[0]
        lead = page.locator(".pa-home-lead")
        assert lead.is_visible() and f"{articles} 篇文章" in lead.inner_text()
        for name in ("全部文章", "统计浏览", "仪表盘"):
            assert page.locator(".pa-home-links a", has_text=name).is_visible()
        box = page.locator(".pa-home input[type=search]")
        assert in_window(box)
        shot(page, "00-home")
        box.fill("反诈")
        with page.expect_navigation():
            box.press("Enter")
        assert page.locator("li.pa-result mark").first.is_visible()


CHARTS = ("fraud-cases", "fraud-money", "articles-per-month")


@pytest.fixture
def dashboard(page, lab):
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
        page.goto(f"{lab}/-/dashboards/police-statistics?category=telecom_fraud&measure=solved&period_kind=half")
        for chart in CHARTS:
            # vega-embed draws into the chart's container: a canvas (its default renderer) or an svg
            page.locator(f"#chart-{chart} canvas, #chart-{chart} svg").first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # let vega finish drawing before the screenshot
        shot(page, "10-dashboard")
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
