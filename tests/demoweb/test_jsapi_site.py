"""The JS-rendered demo site ("jsapi", opt-in) as a client sees it over HTTP, urllib only.

Its list pages link no article: the articles come from data endpoints that the pages' scripts call. These tests
make the calls the scripts make (the variables read from the served page, as the script reads them), check the
records against the ground truth, and check that the endpoints refuse what the scripts would never send.
"""

from __future__ import annotations

import html
import json
import math
import re
import time
import urllib.parse
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from demoweb import DemoSite, DemoWeb, TruthArticle, ground_truth
from demoweb.sites.jsapi import GATEWAY_SECRET, SIGN_WINDOW_MS, gateway_query, gateway_sign
from tests.demoweb.test_demoweb import fetch, links, text_of

COLUMNS = ("警务动态", "警情通报", "基层动态")
ARTICLE_LIKE = re.compile(r"/t\d{8}_\d+\.html$")
XHR = {"X-Requested-With": "XMLHttpRequest"}


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb(port=0, js_site=True) as w:
        yield w


@pytest.fixture(scope="module")
def site(web: DemoWeb) -> DemoSite:
    return web.site("jsapi")


@pytest.fixture(scope="module")
def truth(web: DemoWeb) -> dict[str, list[TruthArticle]]:
    arts = [t for t in ground_truth(web) if t.site_key == "jsapi"]
    return {name: [t for t in arts if t.column_name == name] for name in COLUMNS}


def call(url: str, form: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], Any]:
    """One request; the body parsed as JSON when the answer says it is JSON."""
    import urllib.error
    import urllib.request

    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, hdrs, body = r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        status, hdrs, body = e.code, dict(e.headers.items()), e.read()
    if hdrs.get("Content-Type", "").startswith("application/json"):
        return status, hdrs, json.loads(body)
    return status, hdrs, body


def page_of(site: DemoSite, path: str) -> str:
    status, _, body = fetch(site.url(path))
    assert status == 200, path
    return body.decode("utf-8")


def iso(ms: int) -> str:
    """An epoch-millisecond date as the truth writes it (Beijing time, seconds)."""
    return datetime.fromtimestamp(ms / 1000, timezone(timedelta(hours=8))).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def test_opt_in_hosts_and_columns(web: DemoWeb, site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    assert [s.key for s in DemoWeb(port=0).sites] == ["trs", "hanweb", "aspx"]
    assert [s.key for s in web.sites] == ["trs", "hanweb", "aspx", "jsapi"]
    assert site.host in ("127.0.0.14", "127.0.0.1") and site.name == "青岚市公安局"
    assert [u[len(site.base_url):] for u in site.column_urls] == ["/jwdt/index.html", "/jqtb/index.html",
                                                                  "/jcdt/index.html"]
    assert set(site.column_urls) <= set(web.start_urls())
    assert {k: len(v) for k, v in truth.items()} == {"警务动态": 46, "警情通报": 23, "基层动态": 22}
    assert {k: v[0].read_by for k, v in truth.items()} == {
        "警务动态": ("endpoint", "browser"), "警情通报": ("endpoint", "browser"), "基层动态": ("browser",)}
    assert all(t.read_by == ("html",) for t in ground_truth(web) if t.site_key != "jsapi")
    for arts in truth.values():
        dates = [t.published_at for t in arts]
        assert dates == sorted(dates, reverse=True) and len({t.url for t in arts}) == len(arts)
    big = DemoWeb(port=0, articles_per_column=120, js_site=True)
    counts: dict[str, int] = {}
    for t in ground_truth(big):
        if t.site_key == "jsapi":
            counts[t.column_name] = counts.get(t.column_name, 0) + 1
    assert counts == {"警务动态": 120, "警情通报": 23, "基层动态": 22}


def test_list_pages_and_homepage_link_no_article(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    urls = {t.url for arts in truth.values() for t in arts}
    containers = {"/jwdt/index.html": r'<ul class="news-list" id="newsList"[^>]*>(.*?)</ul>',
                  "/jqtb/index.html": r'<div class="info-list" id="infoList"[^>]*>(.*?)</div>',
                  "/jcdt/index.html": r'<div class="jcdt-list" id="jcdtList"[^>]*>(.*?)</div>'}
    for path, container in containers.items():
        page = page_of(site, path)
        assert not set(links(page, site.url(path))) & urls, path
        inner = re.search(container, page, re.S)
        assert inner and "<a" not in inner.group(1), path
        assert "/cms-api/" in page  # the endpoint is named by the page's script
    home = page_of(site, "/")
    assert not set(links(home, site.url("/"))) & urls
    assert re.findall(r'<ul class="box-list" data-box="(\w+)"></ul>', home) == ["jwdt", "jqtb"]
    for key in ("jwdt", "jqtb"):
        assert f'<a class="more" href="/{key}/index.html"' in home


def test_post_endpoint_answers_the_scripts_request(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    page = page_of(site, "/jwdt/index.html")
    api = re.search(r'var listApi = ctx \+ "([^"]+)"', page).group(1)
    site_id = re.search(r'var SITE_ID = "(\d+)"', page).group(1)
    channel = re.search(r'id="channelId" name="channelId" value="(\d+)"', page).group(1)
    size = int(re.search(r'id="newsList" data-page-size="(\d+)"', page).group(1))
    assert 'type: "POST"' in page
    news = truth["警务动态"]
    got: list[tuple[str, str, str]] = []
    pages = None
    for n in range(1, 20):
        status, headers, body = call(site.url(api), {"siteId": site_id, "channelId": channel, "pageNo": n,
                                                     "pageSize": size}, XHR)
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        data = body["data"]
        assert body["code"] == 200 and data["total"] == len(news) and data["pageNo"] == n
        pages = data["pages"]
        if not data["list"]:
            break
        got += [(site.url(r["docPubUrl"]), r["docTitle"], iso(r["pubDate"])) for r in data["list"]]
    assert pages == math.ceil(len(news) / size) and n == pages + 1  # one page past the last: empty list
    assert got == [(t.url, t.title, t.published_at) for t in news]


def test_post_endpoint_refuses_what_the_script_never_sends(site: DemoSite) -> None:
    api = site.url("/cms-api/front/article/pageList")
    form = {"siteId": "36", "channelId": "1021", "pageNo": "1", "pageSize": "15"}
    status, headers, body = call(api + "?" + urllib.parse.urlencode(form), headers=XHR)
    assert status == 405 and headers["Allow"] == "POST" and body["code"] == 405
    status, _, body = call(api, form)  # no X-Requested-With: not the page's jQuery
    assert status == 403 and body["code"] == 403
    for bad in ({"pageNo": None}, {"pageNo": "x"}, {"pageNo": "0"}, {"pageSize": "500"}, {"channelId": "1041"},
                {"siteId": "1"}):
        sent = {k: v for k, v in {**form, **bad}.items() if v is not None}
        status, headers, body = call(api, sent, XHR)
        assert status == 400 and body["code"] == 400 and body["data"] is None, bad
        assert headers["Content-Type"].startswith("application/json")


def test_get_endpoint_records_without_urls(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    page = page_of(site, "/jqtb/index.html")
    api = re.search(r'var api = "([^"]+)"', page).group(1)
    template = re.search(r'var detailTpl = "([^"]+)"', page).group(1)
    code = re.search(r'id="infoList" data-column="(\w+)"', page).group(1)
    rows = int(re.search(r'data-rows="(\d+)"', page).group(1))
    assert "fetch(url" in page and 'href="javascript:;"' in page
    notices = truth["警情通报"]
    got: list[tuple[str, str]] = []
    for n in range(1, 20):
        status, _, body = call(site.url(f"{api}?columnCode={code}&page={n}&rows={rows}"))
        assert status == 200 and body["success"] is True and body["totalCount"] == len(notices)
        assert body["totalPage"] == math.ceil(len(notices) / rows) and body["currentPage"] == n
        if not body["rows"]:
            break
        for r in body["rows"]:
            assert set(r) >= {"id", "infoTitle", "publishTime"} and not any("url" in k.lower() for k in r)
            got.append((site.url(template.replace("{code}", code).replace("{id}", r["id"])), r["infoTitle"]))
    assert n == body["totalPage"] + 1
    assert got == [(t.url, t.title) for t in notices]
    status, headers, body = call(site.url(api), {"columnCode": code, "page": 1, "rows": rows})
    assert status == 405 and body["success"] is False and headers["Allow"] == "GET"
    for query in (f"columnCode={code}&page=1", f"columnCode={code}&rows=10", "page=1&rows=10",
                  "columnCode=jwdt&page=1&rows=10", f"columnCode={code}&page=-1&rows=10"):
        status, _, body = call(site.url(f"{api}?{query}"))
        assert status == 400 and body["success"] is False and body["message"], query


def test_signed_gateway_only_answers_signed_requests(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    page = page_of(site, "/jcdt/index.html")
    assert 'src="/static/js/gw-sign.min.js"' in page and "GW.get(" in page
    signer = fetch(site.url("/static/js/gw-sign.min.js"))[2].decode()
    assert GATEWAY_SECRET not in page + signer and "md5" in signer  # the key exists only as scrambled codes
    api = site.url("/cms-api/open/v2/list")
    local = truth["基层动态"]
    got: list[tuple[str, str]] = []
    for n in range(1, 10):
        status, _, body = call(f"{api}?{gateway_query({'cid': '1041', 'pageNo': n, 'pageSize': 10})}")
        assert status == 200 and body["status"] == 0 and body["result"]["count"] == len(local)
        if not body["result"]["items"]:
            break
        got += [(r["url"], r["title"]) for r in body["result"]["items"]]
    assert n == math.ceil(len(local) / 10) + 1
    assert got == [(t.url, t.title) for t in local]

    params = {"cid": "1041", "pageNo": 1, "pageSize": 10}
    fresh = urllib.parse.parse_qs(gateway_query(params))
    data, t = fresh["data"][0], fresh["t"][0]
    stale = str(int(time.time() * 1000) - SIGN_WINDOW_MS - 60_000)
    other = gateway_query({"cid": "1041", "pageNo": 2, "pageSize": 10})
    cases = {
        "unsigned": (f"data={urllib.parse.quote(data)}&t={t}", 400),
        "bad signature": (f"data={urllib.parse.quote(data)}&t={t}&sign={'0' * 32}", 403),
        "replayed too late": (f"data={urllib.parse.quote(data)}&t={stale}&sign={gateway_sign(data, stale)}", 403),
        "parameters changed": (other.split("&sign=")[0] + f"&sign={gateway_sign(data, t)}", 403),
        "plain parameters": ("cid=1041&pageNo=1&pageSize=10", 400),
    }
    for name, (query, code) in cases.items():
        status, _, body = call(f"{api}?{query}")
        assert status == code and body["status"] == code and body["result"] is None, name
    status, _, body = call(f"{api}?{gateway_query({'cid': '1021', 'pageNo': 1, 'pageSize': 10})}")
    assert status == 400  # signed, but not a column the gateway publishes


def test_homepage_boxes_jsonp(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    home = page_of(site, "/")
    assert 'dataType: "jsonp"' in home
    api = site.url("/cms-api/front/portal/boxes")
    status, headers, body = call(f"{api}?callback=jQuery371008_1700000000000&boxIds=jwdt%2Cjqtb&num=7&_=1700000000001")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    m = re.fullmatch(rb"/\*\*/jQuery371008_1700000000000\((.*)\);", body, re.S)
    assert m
    boxes = {b["boxId"]: b for b in json.loads(m.group(1))["data"]}
    for key, name in (("jwdt", "警务动态"), ("jqtb", "警情通报")):
        assert boxes[key]["boxName"] == name
        assert [(site.url(i["linkUrl"]), i["title"]) for i in boxes[key]["items"]] == [
            (t.url, t.title) for t in truth[name][:7]]
    status, _, body = call(f"{api}?boxIds=jwdt&num=3")  # no callback: plain JSON
    assert status == 200 and len(body["data"][0]["items"]) == 3
    for query in ("num=7", "boxIds=jcdt&num=7", "boxIds=jwdt&num=99", "boxIds=jwdt&num=7&callback=alert(1)"):
        status, _, body = call(f"{api}?{query}")
        assert status == 400 and body["code"] == 400, query


def _furniture_links(page: str, base: str) -> tuple[list[str], list[str]]:
    """(ticker links, links of the top bar and of the footer's link row) of a page."""
    ticker = re.search(r'<div class="notice-bar">(.*?)</div></div>', page, re.S).group(1)
    bars = (re.search(r'<div class="top-bar">(.*?)</div></div>', page, re.S).group(1)
            + re.search(r'<p class="footer-links">(.*?)</p>', page, re.S).group(1))
    return links(ticker, base), links(bars, base)


def test_ticker_footer_and_banner_links_are_article_like_but_not_articles(
        web: DemoWeb, site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    urls = {t.url for arts in truth.values() for t in arts}
    non_articles = set(web.non_article_urls())
    article = truth["警务动态"][0].url
    seen: set[str] = set()
    for path in ("/", "/jwdt/index.html", "/jqtb/index.html", "/jcdt/index.html", article[len(site.base_url):]):
        page = page_of(site, path)
        ticker, bars = _furniture_links(page, site.url(path))
        assert len(ticker) == 6 and {"联系我们", "网站地图"} <= set(re.findall(r">(联系我们|网站地图)<", page))
        for url in ticker + bars:
            assert ARTICLE_LIKE.search(url) and url not in urls and url in non_articles, url
        seen |= set(ticker) | set(bars)
    assert "<marquee" in page_of(site, "/") and 'id="noticeScroll"' in page_of(site, "/jwdt/index.html")
    for path in ("/jwdt/index.html", "/jqtb/index.html", "/jcdt/index.html"):
        page = page_of(site, path)
        assert page.count("<!DOCTYPE html>") == 2 and page.count("</html>") == 2  # the header page nested whole
        banner = re.findall(r'<a class="side-banner" href="([^"]+)" target="_blank"></a>', page)  # no text
        assert len(banner) == 1 and ARTICLE_LIKE.search(banner[0])
        seen.add(site.url(banner[0]))
        assert site.url(banner[0]) not in urls and site.url(banner[0]) in non_articles
    for url in seen:
        status, _, body = fetch(url)
        assert status == 200 and "<h1" in body.decode()


def test_every_truth_article_is_served(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    for t in (a for arts in truth.values() for a in arts):
        status, headers, body = fetch(t.url)
        assert status == 200 and headers["Content-Type"] == "text/html;charset=UTF-8", t.url
        page = body.decode("utf-8")
        assert html.unescape(re.search(r"<title>(.*?)</title>", page).group(1)) == f"{t.title}_青岚市公安局"
        assert f'<meta name="ArticleTitle" content="{html.escape(t.title)}">' in page
        shown = t.published_at[:19].replace("T", " ")
        assert f"发布时间：{shown}" in page and f"来源：{html.escape(t.source)}" in page
        text = text_of(page)
        assert all(p in text for p in t.paragraphs) and 3 <= len(t.paragraphs) <= 14
        for att_url, name in t.attachments:
            assert name in text
            st, hd, data = fetch(att_url)
            assert st == 200 and data.startswith(b"%PDF")
    table = [t for t in truth["警务动态"] if "合计" in t.text]
    assert len(table) == 1 and "<table" in page_of(site, table[0].url[len(site.base_url):])


def test_furniture_requests_and_scripts(site: DemoSite, truth: dict[str, list[TruthArticle]]) -> None:
    status, headers, body = fetch(site.url("/static/js/jquery.min.js"))
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert b"jQuery v3" in body[:200] and len(body) > 50_000
    status, _, body = call(site.url("/cms-api/front/visit/count?siteId=36"))
    assert status == 200 and body["data"]["total"] > 0
    art = truth["警情通报"][0]
    uid = re.search(r"post_(\d+)\.html$", art.url).group(1)
    assert f'docId: "{uid}"' in page_of(site, art.url[len(site.base_url):])
    status, _, body = call(site.url(f"/cms-api/front/article/hits?docId={uid}"))
    assert status == 200 and isinstance(body["data"], int)
