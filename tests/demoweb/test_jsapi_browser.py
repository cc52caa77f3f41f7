"""The JS-rendered demo site in real Chromium: its scripts draw exactly the truth, and its pagers work.

Debian's Chromium through Playwright (``executable_path``, no downloaded browser), as tests/e2e/test_browser.py
launches it (its ``browser`` and ``page`` fixtures, see conftest.py); skipped when either is missing. Each column's list page is opened, the items its script wrote are
compared with the ground truth's first page, the pager's 下一页 (a button with no URL) is clicked and the second
page compared in turn; the homepage boxes are compared with the newest items of their columns.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demoweb import DemoSite, DemoWeb, TruthArticle, ground_truth
from tests.e2e.test_browser import CHROMIUM

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run does)")

#: column → (list page, selector of the item links, selector of the 下一页 control, page size)
LISTS = {
    "警务动态": ("/jwdt/index.html", "#newsList li a", "#pager a:text-is('下一页')", 15),
    "警情通报": ("/jqtb/index.html", "#infoList td.title a", "#laypage a.layui-laypage-next", 10),
    "基层动态": ("/jcdt/index.html", "#jcdtList .card h4 a", "#jcdtPager button:text-is('下一页')", 10),
}


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[DemoSite, list[TruthArticle]]]:
    with DemoWeb(port=0, js_site=True) as web:
        yield web.site("jsapi"), [t for t in ground_truth(web) if t.site_key == "jsapi"]


def shown(page, selector: str) -> list[tuple[str, str]]:  # noqa: ANN001 - playwright Page
    """(absolute href, text) of every link the script wrote."""
    return page.eval_on_selector_all(selector, "els => els.map(a => [a.href, a.textContent])")


@pytest.mark.parametrize("column", list(LISTS))
def test_list_script_renders_the_truth_and_pages_on(site, page, column: str) -> None:
    s, truth = site
    path, items, next_button, size = LISTS[column]
    arts = [(t.url, t.title) for t in truth if t.column_name == column]
    page.goto(s.url(path))
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[items, size])
    assert [tuple(x) for x in shown(page, items)] == arts[:size]
    button = page.locator(next_button)
    assert button.get_attribute("href") in (None, "javascript:;", "javascript:void(0)")  # no URL to follow
    first = arts[0][1]
    button.click()
    page.wait_for_function("([sel, t]) => { const a = document.querySelector(sel); return a && a.textContent !== t; }",
                           arg=[items, first])
    assert [tuple(x) for x in shown(page, items)] == arts[size: 2 * size]
    assert page.url == s.url(path)  # the pager changed the list, not the page
    assert page.js_errors == []


def test_homepage_boxes_render_the_newest_items(site, page) -> None:
    s, truth = site
    page.goto(s.url("/"))
    page.wait_for_function("document.querySelectorAll('.box-list a').length === 14")
    for key, column in (("jwdt", "警务动态"), ("jqtb", "警情通报")):
        rows = page.eval_on_selector_all(f".box-list[data-box={key}] a", "els => els.map(a => [a.href, a.title])")
        assert [tuple(r) for r in rows] == [(t.url, t.title) for t in truth if t.column_name == column][:7]
    assert page.js_errors == []
