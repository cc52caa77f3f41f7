"""End to end: crawl the demo web with the real CLI into a real SQLite file, compare with ground truth."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from demoweb import DemoWeb, ground_truth
from extract.htmltext import normalize_space
from extract.urls import canonical_url
from tests.helpers import CLI, free_port, rows

BOILERPLATE = ("当前位置", "发布时间", "发布日期", "浏览次数", "字号", "分享到", "打印本页", "关闭窗口", "上一篇",
               "下一篇", "相关链接", "版权所有", "ICP备", "公网安备", "网站标识码", "主办单位")


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def web():
    with DemoWeb(port=0) as w:
        yield w


@pytest.fixture(scope="module")
def crawled(web, tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "archive.db"
    proc = run_cli("crawl", *web.start_urls(), "--db", str(db), "--delay", "0")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return db, proc


def norm_text(text: str) -> list[str]:
    return [normalize_space(p) for p in text.split("\n") if normalize_space(p)]


def test_every_article_once_with_exact_metadata_and_body(web, crawled):
    db, _ = crawled
    truth = {canonical_url(t.url): t for t in ground_truth(web)}
    got = rows(db, "select url, title, published_at, source, text from articles")
    urls = [r[0] for r in got]
    assert len(urls) == len(set(urls))
    assert set(urls) == set(truth), (set(truth) - set(urls), set(urls) - set(truth))
    problems = []
    for url, title, published_at, source, text in got:
        t = truth[url]
        for field, have, want in (("title", title, t.title), ("published_at", published_at, t.published_at),
                                  ("source", source, t.source)):
            if have != want:
                problems.append((url, field, have, want))
        if norm_text(text) != [normalize_space(p) for p in t.paragraphs]:
            problems.append((url, "text", text[:200], t.text[:200]))
    assert problems == []


def test_no_boilerplate_in_any_body(crawled):
    db, _ = crawled
    leaks = [(u, m) for u, text in rows(db, "select url, text from articles") for m in BOILERPLATE if m in text]
    assert leaks == []


def test_no_non_article_page_is_stored_as_article(web, crawled):
    db, _ = crawled
    stored = {r[0] for r in rows(db, "select url from articles")}
    assert stored.isdisjoint({canonical_url(u) for u in web.non_article_urls()})
    assert stored.isdisjoint({canonical_url(u) for u in web.dead_urls()})


def test_dead_links_are_recorded_not_fatal(web, crawled):
    db, _ = crawled
    recorded = {r[0]: r[1] for r in rows(db, "select url, status from pages where kind = 'article' and status >= 400")}
    for url in web.dead_urls():
        assert recorded.get(canonical_url(url)) == 404, url


def test_robots_txt_is_obeyed(web, crawled):
    assert sum(s.disallowed_hits for s in web.sites) == 0


def test_attachments_are_recorded_not_in_text(web, crawled):
    db, _ = crawled
    want = {(canonical_url(t.url), a_url) for t in ground_truth(web) for a_url, _ in t.attachments}
    have = set(rows(db, "select a.url, t.url from attachments t join articles a on a.id = t.article_id"))
    assert want and want <= have


def test_images_are_recorded_not_in_text(web, crawled):
    db, _ = crawled
    imgs = rows(db, "select a.url, i.url, i.caption, a.text from images i join articles a on a.id = i.article_id")
    assert imgs, "the TRS demo articles carry news photos"
    for _page, src, caption, text in imgs:
        assert src.endswith(".jpg") and caption.endswith("（现场图）") and caption not in text


def test_sites_and_run_are_recorded(web, crawled):
    db, proc = crawled
    names = {r[0] for r in rows(db, "select name from sites")}
    assert names == {s.name for s in web.sites}
    regions = {r[0]: r[1:] for r in rows(db, "select name, province, city, county, region_code from sites")}
    assert regions["晋城市公安局"] == ("山西省", "晋城市", None, "140500")
    assert regions["安吉县公安局"] == ("浙江省", "湖州市", "安吉县", "330523")
    assert all(r[0] for r in regions.values())
    run = rows(db, "select status, articles_new, errors, list_pages from crawl_runs")
    assert run[0][0] == "finished" and run[0][1] == len(ground_truth(web))
    assert "list pages" in proc.stderr and "articles new" in proc.stderr


def test_rerun_adds_no_rows(web, crawled, tmp_path):
    """Re-runs add no article, site or attachment; a fetch outcome seen before is counted, not re-added."""
    db, _ = crawled
    tables = ("articles", "pages", "sites", "attachments", "article_versions")
    before = {t: rows(db, f"select count(*) from {t}")[0][0] for t in tables}
    counts = []
    for _ in range(2):
        proc = run_cli("crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q")
        assert proc.returncode == 0, proc.stderr[-2000:]
        counts.append({t: rows(db, f"select count(*) from {t}")[0][0] for t in tables})
    for t in ("articles", "sites", "attachments", "article_versions"):
        assert counts[0][t] == counts[1][t] == before[t], t
    # the second run may record new outcomes (a 304 where the first got 200); the third adds none
    assert counts[1]["pages"] == counts[0]["pages"]
    assert rows(db, "select count(*) from (select url, method, request_body, status, error, body_sha256 "
                    "from pages group by 1, 2, 3, 4, 5, 6 having count(*) > 1)")[0][0] == 0
    last = rows(db, "select articles_new, articles_changed from crawl_runs order by id desc limit 1")[0]
    assert last == (0, 0)


def test_single_column_crawl_stays_in_its_column(web, tmp_path):
    site = web.site("aspx")
    db = tmp_path / "one.db"
    proc = run_cli("crawl", site.column_urls[0], "--db", str(db), "--delay", "0", "-q")
    assert proc.returncode == 0, proc.stderr[-2000:]
    want = {canonical_url(t.url) for t in ground_truth(web) if t.site_key == "aspx" and t.column_name == ground_truth_column(web, site)}
    assert {r[0] for r in rows(db, "select url from articles")} == want


def ground_truth_column(web, site) -> str:
    """Column name of the site's first column, as its truth articles give it."""
    from collections import Counter

    names = Counter(t.column_name for t in ground_truth(web) if t.site_key == site.key)
    return names.most_common(1)[0][0]


def test_max_pages_limits_list_pages(web, tmp_path):
    db = tmp_path / "max.db"
    proc = run_cli("crawl", web.site("trs").column_urls[0], "--db", str(db), "--delay", "0", "--max-pages", "1", "-q")
    assert proc.returncode == 0
    assert rows(db, "select count(*) from pages where kind = 'list'")[0][0] == 1


def test_bad_arguments_and_unreachable_start_url(tmp_path):
    bad = run_cli("crawl", "not-a-url", "--db", str(tmp_path / "x.db"))
    assert bad.returncode == 2 and "not an http(s) URL" in bad.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = run_cli("crawl", f"http://127.0.0.1:{port}/list.html", "--db", str(tmp_path / "y.db"), "--delay", "0", "-q")
    assert down.returncode == 1
    errors = [line for line in down.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot fetch start URL" in errors[0]


def test_extract_command_prints_one_json_line_per_file(web, tmp_path):
    t = next(t for t in ground_truth(web) if t.site_key == "hanweb")
    raw = urllib.request.urlopen(t.url).read()
    f = tmp_path / "page.html"
    f.write_bytes(raw)
    proc = run_cli("extract", str(f), str(f), "--url", t.url)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and len(lines) == 2
    rec = json.loads(lines[0])
    for key in ("title", "published_at", "source", "site_name", "column_name", "text"):
        assert key in rec
    assert rec["title"] == t.title and rec["published_at"] == t.published_at
    assert norm_text(rec["text"]) == list(t.paragraphs)


def test_datasette_search_finds_chinese_words(web, crawled):
    db, _ = crawled
    port = free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/{db.stem}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + ".json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        seed = next(t for t in ground_truth(web) if "517.87" in t.text)

        def search(q: str, extra: str = "") -> set[str]:
            url = f"{base}/articles.json?_search={urllib.parse.quote(q)}&_shape=array&_size=max&_col=url{extra}"
            return {r["url"] for r in json.load(urllib.request.urlopen(url, timeout=10))}

        assert seed.url in search("诈骗")
        # recall equals a substring scan for words of two and more characters
        for word in ("诈骗", "反诈", "电信网络诈骗", "公安机关", "酒驾"):
            like = {r[0] for r in rows(db, "select url from articles where title like ? or text like ?",
                                        (f"%{word}%", f"%{word}%"))}
            assert search(word) == like, word
        # the page a researcher sees: the right count, newest first, and filters still combine with the search
        like = {r[0]: r[1] for r in rows(db, "select url, published_at from articles where title like ? or text like ?",
                                          ("%诈骗%", "%诈骗%"))}
        first = json.load(urllib.request.urlopen(f"{base}/articles.json?_search={urllib.parse.quote('诈骗')}&_size=5",
                                                 timeout=10))
        assert first["filtered_table_rows_count"] == len(like)
        dates = [r[first["columns"].index("published_at")] for r in first["rows"]]
        assert dates == sorted(like.values(), reverse=True)[:5]
        # the configured facets (computed concurrently by our plugin) count exactly the matches per value
        facets = first["facet_results"]
        facets = facets.get("results", facets)  # Datasette 1.x nests them
        assert {"site_id", "province", "column_name", "year", "cms"} <= set(facets)
        for col in ("site_id", "year", "cms"):
            want = dict(rows(db, f"select {col}, count(*) from articles where ({col}) is not null and "
                                 "(title like ? or text like ?) group by 1", ("%诈骗%", "%诈骗%")))
            assert {r["value"]: r["count"] for r in facets[col]["results"]} == want, col
        site1 = {r[0] for r in rows(db, "select url from articles where site_id = 1 and (title like ? or text like ?)",
                                    ("%诈骗%", "%诈骗%"))}
        assert search("诈骗", "&site_id=1") == site1 and 0 < len(site1) < len(like)
        page = urllib.request.urlopen(f"{base}/articles", timeout=10).read().decode()
        assert 'name="_search"' in page
        # stored query: a statistic's series by indicator keyword and site
        series = json.load(urllib.request.urlopen(
            f"{base}/metric_series.json?indicator={urllib.parse.quote('电信网络诈骗案件')}&site=&_shape=array", timeout=10))
        assert {r["url"] for r in series} >= {canonical_url(seed.url)}
        assert any(r["value"] == 75 for r in series)
        largest = json.load(urllib.request.urlopen(
            f"{base}/largest_figures.json?start=2021-07-01&end=2021-07-31&unit={urllib.parse.quote('元')}&_shape=array",
            timeout=10))
        assert largest[0]["value"] >= 170000000
        dash = urllib.request.urlopen(f"http://127.0.0.1:{port}/-/dashboards/police-statistics?indicator=x",
                                      timeout=10).read().decode()
        assert "fraud-cases" in dash and "vega" in dash
    finally:
        proc.terminate()
        proc.wait(10)


def test_bulletin_statistics_match_their_annotation(web, crawled):
    db, _ = crawled
    annotated = [t for t in ground_truth(web) if t.figures]
    assert annotated
    for t in annotated:
        got = rows(db, "select m.indicator, m.value, m.unit, m.approximate, m.change_basis, m.change_direction, "
                       "m.change_value, m.change_unit, m.period_text, substr(a.text, m.span_start + 1, "
                       "m.span_end - m.span_start) from metrics m join articles a on a.id = m.article_id "
                       "where a.url = ? order by m.span_start", (canonical_url(t.url),))
        have = [(span, ind, float(v) if v is not None else None, u, bool(ap), cb, cd,
                 float(cv) if cv is not None else None, cu, pt) for ind, v, u, ap, cb, cd, cv, cu, pt, span in got]
        want = [(span, ind, float(v) if v is not None else None, u, ap, cb, cd, float(cv) if cv is not None else None,
                 cu, pt) for span, ind, v, u, ap, cb, cd, cv, cu, pt in t.figures]
        assert have == want


def test_no_hotline_or_date_becomes_a_statistic(crawled):
    db, _ = crawled
    bad = rows(db, "select m.value, m.unit, m.sentence from metrics m where m.value in (96110, 110, 12345, 2021, 2022) "
                   "and m.unit in ('', '个', '次')")
    assert bad == []
    # every figure's span really is in the article text and holds its number
    for span, sentence in rows(db, "select substr(a.text, m.span_start + 1, m.span_end - m.span_start), m.sentence "
                                   "from metrics m join articles a on a.id = m.article_id"):
        assert span and span in sentence


def test_full_weight_portal_pages_give_the_same_articles(tmp_path):
    """Wrapped in the furniture real portals send (menus, scripts, styles, link blocks; 3-4× the bytes), every
    article still comes out exactly: the benchmark's full-weight pages measure a crawl that is correct."""
    db = tmp_path / "full.db"
    with DemoWeb(port=0, articles_per_column=40, full_pages=True) as web:
        proc = run_cli("crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q")
        assert proc.returncode == 0, proc.stderr[-3000:]
        truth = {canonical_url(t.url): t for t in ground_truth(web)}
    assert rows(db, "select avg(size) > 15000 from pages where kind = 'article' and status = 200") == [(1,)]
    got = {url: (title, published_at, source, norm_text(text))
           for url, title, published_at, source, text in rows(db, "select url, title, published_at, source, text "
                                                                   "from articles")}
    want = {u: (t.title, t.published_at, t.source, [normalize_space(p) for p in t.paragraphs])
            for u, t in truth.items()}
    assert got == want
    markers = (*BOILERPLATE, "友情链接", "设为首页", "加入收藏", "网站地图", "paSearch", "trackPageView", "请输入关键词")
    assert [(u, m) for u, text in rows(db, "select url, text from articles") for m in markers if m in text] == []
