"""The pages `police-archive serve` adds, over HTTP on loopback, on an archive of invented bureaus whose figures
carry every label (:mod:`tests.web.labelled`): what each page says, its downloads, and the capture's safety."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
import zlib

from archive import Archive
from tests.helpers import article_record, rows
from tests.web.labelled import PRESS_FIGURES, PRESS_TITLE
from tests.web.server import fetch, serving


def page(base: str, path: str) -> str:
    status, _, body = fetch(base + path)
    assert status == 200, (path, body[:500])
    return body.decode("utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_says_what_the_archive_holds_and_links_the_pages(lab, labelled):
    html = page(lab, "/")
    articles, sites, statistics = rows(labelled.db, "select (select count(*) from articles), (select count(*) from "
                                                 "sites), (select count(*) from series)")[0]
    said = text_of(html)
    assert f"{sites} 个网站的 {articles} 篇文章" in said and f"{statistics} 项统计" in said
    assert "2023-07-08 至 2024-08-06" in said  # first and last publish dates
    for link in ("/lab/articles", "/lab/-/statistics", "/-/dashboards/police-statistics"):
        assert f'href="{link}"' in html


def test_search_results_are_snippets_with_marks_and_facets(lab, labelled):
    html = page(lab, "/lab/articles?_search=" + urllib.parse.quote("诈骗"))
    results = re.findall(r'<li class="pa-result">(.*?)</li>', html, re.S)
    assert len(results) == labelled.word_articles
    texts = [t for (t,) in rows(labelled.db, "select text from articles")]
    for r in results:
        snippet = re.search(r'<p class="pa-snippet">(.*?)</p>', r, re.S).group(1)
        assert "<mark>诈骗</mark>" in snippet or "诈骗" in re.search(r'class="pa-title">(.*?)</h3>', r, re.S).group(1)
        shown = text_of(snippet).strip()
        assert len(shown) <= 125
        assert not any(len(p) > 40 and p in shown for t in texts for p in t.split("\n"))
    facets = re.findall(r'<div class="pa-facet" id="facet-(\w+)"', html)
    assert {"site_id", "column_name", "year", "cms"} <= set(facets)
    assert "_col=" not in html.split("</head>", 1)[1]  # the columns the page chose are not in its links
    full = json.loads(page(lab, "/lab/articles.json?_search=" + urllib.parse.quote("诈骗") + "&_shape=array"))
    assert {"text", "url", "content_hash"} <= set(full[0])  # the JSON API still gives every column


def test_article_page_marks_every_figure_and_links_capture_series_and_explorer(lab, labelled):
    html = page(lab, f"/lab/articles/{labelled.press_id}")
    assert PRESS_TITLE in html
    marks = re.findall(r'<mark class="figure" id="fig-\d+"[^>]*title="([^"]*)"[^>]*>(.*?)</mark>', html)
    assert [m[1] for m in marks] == [f[0] for f in PRESS_FIGURES]
    tip = dict((m[1], m[0]) for m in marks)["386起"]
    for expected in ("破获电信网络诈骗案件", "386 起", "1至6月", "2024-01-01", "同比上升21.4%", "telecom_fraud", "solved"):
        assert expected in tip
    assert f'href="/lab/-/capture/{labelled.press_page_id}"' in html
    assert 'href="/lab/metrics?article_id=' in html
    assert "发布会现场" in html and "上半年反诈工作情况.pdf" in html
    series_links = re.findall(r'href="/lab/series/(\d+)"', html)
    assert len(series_links) == len(PRESS_FIGURES)
    assert "2 篇文章报道" in html  # the half-year bulletin reports the same 386 cases
    assert "/lab/-/statistics?category=telecom_fraud&amp;measure=solved&amp;period_kind=half" in html


def test_an_edited_article_links_its_earlier_version(lab, labelled):
    html = page(lab, f"/lab/articles/{labelled.changed_id}")
    (version_id,) = rows(labelled.db, "select id from article_versions where article_id = ?", (labelled.changed_id,))[0]
    assert f'href="/lab/article_versions/{version_id}"' in html and "关于人民路临时封闭施工的通告" in html


def test_capture_is_the_bytes_received_served_so_that_nothing_runs_or_loads(lab, labelled):
    status, headers, body = fetch(f"{lab}/lab/-/capture/{labelled.press_page_id}/raw")
    (gz,) = rows(labelled.db, "select body_gz from pages where id = ?", (labelled.press_page_id,))[0]
    assert status == 200 and body == zlib.decompress(gz)
    assert headers["content-type"] == "text/html; charset=gbk"
    csp = headers["content-security-policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    frame = page(lab, f"/lab/-/capture/{labelled.press_page_id}")
    assert re.search(rf'<iframe[^>]*src="/lab/-/capture/{labelled.press_page_id}/raw"[^>]*sandbox=""', frame)
    status, _, body = fetch(f"{lab}/lab/-/capture/99999/raw")
    assert status == 404 and body.decode().count("\n") <= 1 and "99999" in body.decode()


def test_explorer_draws_comparable_totals_one_line_per_bureau_and_downloads_them(lab):
    query = "category=telecom_fraud&measure=solved&period_kind=half&unit=" + urllib.parse.quote("起")
    data = json.loads(page(lab, "/lab/-/statistics.json?" + query))
    got = {(r["bureau"], r["period_start"], r["value"]) for r in data["rows"]}
    assert len(got) == 8 and {b for b, _, _ in got} == {"青川市公安局", "白鹭县公安局", "松原市公安局"}
    assert ("青川市公安局", "2024-01-01", 386) in got
    assert not any(v == 47 for _, _, v in got)  # 白鹭县's part of the city's figure is not a bureau total
    reported_twice = next(r for r in data["rows"] if r["value"] == 386)
    assert reported_twice["n_articles"] == 2 and "id__in=" in reported_twice["articles_url"]
    status, headers, body = fetch(lab + "/lab/-/statistics.csv?" + query)
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert status == 200 and "attachment" in headers["content-disposition"] and len(table) == 8
    html = page(lab, "/lab/-/statistics?" + query)
    assert html.count('class="pa-articles-link"') == 8 and 'id="pa-chart-spec"' in html
    spec = json.loads(re.search(r'id="pa-chart-spec">(.*?)</script>', html, re.S).group(1))
    assert spec["encoding"]["color"]["field"] == "bureau" and spec["encoding"]["href"]["field"] == "href"
    assert "/-/static-plugins/datasette_dashboards/vega.min.js" in html  # bundled: no CDN


def test_explorer_offers_what_the_archive_holds_when_asked_for_nothing(lab):
    html = page(lab, "/lab/-/statistics")
    assert "电信网络诈骗" in html and "破获" in html  # the commonest choice is drawn
    assert 'name="category"' in html and 'name="period_kind"' in html


def test_ranked_search_puts_title_matches_first_and_counts_facets(lab, labelled):
    html = page(lab, "/lab/-/search?q=" + urllib.parse.quote("诈骗") + "&sort=rank")
    titles = [text_of(t).strip() for t in re.findall(r'class="pa-title">(.*?)</h3>', html, re.S)]
    assert len(titles) == labelled.word_articles
    in_title = [("诈骗" in t) for t in titles]
    assert in_title == sorted(in_title, reverse=True)  # every title match before any text-only match
    site = re.search(r'<li><a href="([^"]*site_id=(\d+)[^"]*)">([^<]+)</a> <span class="pa-n">(\d+)</span>', html)
    narrowed = page(lab, site.group(1).replace("&amp;", "&"))
    assert len(re.findall(r'class="pa-title"', narrowed)) == int(site.group(4))


def test_every_table_page_collapses_its_column_descriptions(lab):
    for table in ("articles", "metrics", "series", "pages", "sites"):
        html = page(lab, f"/lab/{table}")
        details = re.search(r'<details class="pa-columns">(.*?)</details>', html, re.S)
        assert details and "<summary>" in details.group(1), table
        # every column is described inside the collapsed block
        (n,) = re.search(r"Column descriptions \((\d+)\)", details.group(1)).groups()
        assert details.group(1).count("<dt>") == int(n) > 3


def test_capture_reads_the_warc_where_serve_is_told_it_is(tmp_path):
    """A WARC directory moved away from the archive: the capture says where it looked; --warc-dir finds it."""
    db = tmp_path / "moved.db"
    body = "<html><head><meta charset='utf-8'><title>通告</title></head><body><p>因道路施工，临时交通管制。</p></body></html>"
    with Archive(db, warc_dir=tmp_path / "moved-warc") as a:
        a.write_batch([article_record("http://jj.qingchuan.example/tzgg/1.html", "因道路施工，临时交通管制。", "通告",
                                      body=body.encode("utf-8"))])
    (page_id, warc_file) = rows(db, "select id, warc_file from pages")[0]
    assert warc_file
    (tmp_path / "moved-warc").rename(tmp_path / "elsewhere")
    with serving(db) as base:
        status, _, said = fetch(f"{base}/moved/-/capture/{page_id}/raw")
        assert status == 404 and warc_file in said.decode() and "--warc-dir" in said.decode()
    with serving(db, "--warc-dir", str(tmp_path / "elsewhere")) as base:
        status, headers, got = fetch(f"{base}/moved/-/capture/{page_id}/raw")
        assert status == 200 and got == body.encode("utf-8")
        assert headers["content-type"].startswith("text/html")
