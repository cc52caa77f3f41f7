"""End to end on the demo web's 集约化-platform site, whose lists and homepage boxes a script fills from data
endpoints: crawled with the default settings (endpoints read from the scripts, Chromium for what they cannot
give), with the endpoint discovery alone (--no-browser) and with the browser alone (--set LIST_SCRIPTS=0).

Every article the site's truth says a mode can reach is archived exactly once, with its text; nothing else is
stored as an article (the notice ticker, the footer pages, the banner link); no article is fetched twice; what a
mode cannot reach is a one-line warning and a fetch_errors row, never a silently empty column. Skipped without
Chromium for the modes that need it (.ci/run installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest

from demoweb import DemoWeb, ground_truth
from extract.htmltext import normalize_space
from tests.helpers import CLI, rows

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")


@pytest.fixture(scope="module")
def web():
    with DemoWeb(port=0, js_site=True) as w:
        yield w


def crawl(web, db, *extra: str) -> subprocess.CompletedProcess:
    site = web.site("jsapi")
    proc = subprocess.run([*CLI, "crawl", *site.column_urls, "--db", str(db), "--delay", "0", "-q", *extra],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def truth(web) -> dict:
    return {t.url: t for t in ground_truth(web) if t.site_key == "jsapi"}


def article_hits(web) -> Counter:
    site = web.site("jsapi")
    wanted = {t.url[len(site.base_url):] for t in truth(web).values()}
    return Counter({p: n for p, n in site.hits.items() if p in wanted})


def assert_archived_exactly(web, db, reachable: set[str]) -> None:
    got = rows(db, "select url, title, text from articles")
    urls = [u for u, _, _ in got]
    assert len(urls) == len(set(urls))
    assert set(urls) == reachable, (sorted(reachable - set(urls))[:5], sorted(set(urls) - reachable)[:5])
    by_url = truth(web)
    for url, title, text in got:
        t = by_url[url]
        assert title == t.title
        assert [normalize_space(p) for p in text.split("\n") if normalize_space(p)] == \
            [normalize_space(p) for p in t.paragraphs], url


@needs_chromium
def test_default_settings_archive_every_article_once(web, tmp_path):
    before = article_hits(web)
    crawl(web, tmp_path / "a.db")
    assert_archived_exactly(web, tmp_path / "a.db", set(truth(web)))
    fetched = article_hits(web) - before
    assert set(fetched.values()) == {1}  # no article fetched twice
    assert rows(tmp_path / "a.db", "select count(*) from fetch_errors") == [(0,)]
    # only the column no request can be read for went to the browser
    rendered = rows(tmp_path / "a.db", "select url from pages where headers like '%X-Rendered-By%'")
    assert {u.rsplit("/", 2)[-2] for (u,) in rendered} == {"jcdt"}


def test_endpoint_discovery_alone_reads_the_lists_it_can_and_says_which_it_cannot(web, tmp_path):
    proc = crawl(web, tmp_path / "e.db", "--no-browser")
    reachable = {u for u, t in truth(web).items() if "endpoint" in t.read_by or "html" in t.read_by}
    assert reachable and len(reachable) < len(truth(web))
    assert_archived_exactly(web, tmp_path / "e.db", reachable)
    errors = rows(tmp_path / "e.db", "select url, category, reason from fetch_errors")
    assert [(u.rsplit("/", 2)[-2], c) for u, c, _ in errors] == [("jcdt", "rejected")]
    assert errors[0][2].startswith("needs a browser")
    warning = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "needed a browser" in warning[0]


@needs_chromium
def test_the_browser_alone_reads_every_list_by_clicking_through_its_pager(web, tmp_path):
    crawl(web, tmp_path / "b.db", "--set", "LIST_SCRIPTS=0")
    assert_archived_exactly(web, tmp_path / "b.db", set(truth(web)))
    # no data request was derived from a script: every list page was rendered, pages 2+ by clicking
    assert rows(tmp_path / "b.db", "select count(*) from pages where url like '%/cms-api/%'") == [(0,)]
    rendered = rows(tmp_path / "b.db", "select count(*) from pages where headers like '%X-Rendered-By%'")[0][0]
    assert rendered >= 3 + 3 + 2  # 警务动态 4 pages, 警情通报 3, 基层动态 3 (at least the pages past the first)


@needs_chromium
def test_site_mode_finds_the_columns_a_script_fills_on_the_homepage(web, tmp_path):
    site = web.site("jsapi")
    proc = subprocess.run([*CLI, "columns", site.base_url + "/", "--delay", "0", "--json"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(line.split('"name": "')[1].split('"')[0] for line in proc.stdout.splitlines())
    assert {"警务动态", "警情通报"} <= set(names)
