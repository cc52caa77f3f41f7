"""Lists rendered by script: endpoints read from the page's scripts, answers read whatever their fields.

Each site of :mod:`tests.extract.listing.jssites` is checked twice: the page alone (its follow requests
exactly: kind, method, URL, form or body, the headers its script sets), and a walk over a real loopback
HTTP server that answers as the platform does and refuses a request a browser would not send, the walk
doing what the crawler does with the contract (send each follow request as described, pass the answer
back with its context). The walk must reach every article of the column and nothing else.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from extract import FollowRequest, parse_list_page
from extract.urls import canonical_url
from tests.extract.listing.jssites import JsSite, Req, all_sites, shell

SITES = all_sites()


class _Handler(BaseHTTPRequestHandler):
    sites: list[JsSite] = []
    log: list[tuple[str, str, int]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _answer(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Req(method, parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)), body, dict(self.headers.items()))
        status, ctype, data = 404, "text/plain", b"not found"
        for site in self.sites:
            if site.path.split("?")[0] == parts.path and method == "GET":
                status, ctype, data = 200, "text/html; charset=utf-8", site.html.encode("utf-8")
            elif parts.path in site.scripts:
                status, ctype, data = 200, "application/javascript", site.scripts[parts.path].encode("utf-8")
            else:
                for prefix, fn in site.endpoints.items():
                    if parts.path == prefix or (prefix.endswith("/") and parts.path.startswith(prefix)):
                        status, ctype, data = fn(req)
        self.log.append((method, self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._answer("POST")


@pytest.fixture(scope="module")
def server():
    _Handler.sites = SITES
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _fetch(fr: FollowRequest) -> tuple[int, str, bytes]:
    data = None
    headers = dict(fr.headers)
    if fr.formdata is not None:
        data = urlencode(fr.formdata).encode("utf-8")
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif fr.body is not None:
        data = fr.body.encode("utf-8")
    req = urllib.request.Request(fr.url, data=data, method=fr.method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def walk(start: str, limit: int = 60) -> tuple[dict[str, str | None], list[tuple[str, str, int]], list[FollowRequest]]:
    """What the crawler does with the contract: every follow request sent as described, answers parsed
    with their context; returns article URL → list date, (kind, URL, status) of each request, and all
    requests made."""
    queue = [FollowRequest(start)]
    seen: set[str] = set()
    articles: dict[str, str | None] = {}
    statuses: list[tuple[str, str, int]] = []
    made: list[FollowRequest] = []
    while queue and len(made) < limit:
        fr = queue.pop(0)
        key = fr.key or canonical_url(fr.url) + ("?" + urlencode(fr.formdata) if fr.formdata else "")
        if key in seen:
            continue
        seen.add(key)
        made.append(fr)
        status, ctype, body = _fetch(fr)
        statuses.append((fr.kind, fr.url, status))
        assert status == 200, f"{fr.kind} {fr.method} {fr.url} {fr.formdata or fr.body} → {status}"
        page = parse_list_page(body, fr.url, ctype, context=fr.context)
        assert not page.needs_browser, fr.url
        for a in page.articles:
            articles.setdefault(a.url, a.list_date)
        queue.extend(sorted(page.follow, key=lambda f: f.order))
    return articles, statuses, made


def _relative(url: str) -> str:
    p = urlsplit(url)
    return p.path + ("?" + p.query if p.query else "")


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_page_alone_yields_the_request_the_browser_sends(site: JsSite):
    host = "www.example-ga.test"
    page = parse_list_page(site.html.encode("utf-8"), f"http://{host}{site.path}", "text/html; charset=utf-8")
    got = [(f.kind, f.method, _relative(f.url), f.formdata if f.formdata is not None else f.body, dict(f.headers))
           for f in page.follow]
    assert [g[:4] for g in got] == [e[:4] for e in site.first]
    for (*_, headers), (*_, must) in zip(got, site.first, strict=True):
        assert {k: headers.get(k) for k in must} == must
    assert not page.needs_browser
    assert all(f.url.startswith(f"http://{host}/") for f in page.follow)


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_walk_reaches_every_article_and_nothing_else(site: JsSite, server: str):
    articles, statuses, made = walk(f"http://{server}{site.path}")
    expected = {canonical_url(f"http://{server}{p}") for p in site.articles}
    assert set(articles) == expected
    # every request was one a browser would send (the server refuses others), none twice, none off the host
    assert all(s == 200 for *_, s in statuses)
    assert all(urlsplit(f.url).netloc == server for f in made)
    # no endpoint page beyond the last is asked for more than once (one empty page ends a list without totals)
    api_pages = [f for f in made if f.kind == "api"]
    assert len(api_pages) <= len(site.articles) // 5 + 2


def test_list_dates_from_epoch_milliseconds_and_seconds(server: str):
    xhr = next(s for s in SITES if s.name == "xhr-hasnext")
    articles, _, _ = walk(f"http://{server}{xhr.path}")
    assert articles[canonical_url(f"http://{server}/art/3300.html")] == "2024-06-01"
    assert articles[canonical_url(f"http://{server}/art/3301.html")] == "2024-05-31"
    gk = next(s for s in SITES if s.name == "axios-get-vue")
    articles, _, _ = walk(f"http://{server}{gk.path}")
    assert articles[canonical_url(f"http://{server}/gkmlpt/content/1/990/post_990.html")] == "2023-11-15"


# -- answers read alone ----------------------------------------------------------------------------------------
def _api_context(page_url: str, **tpl: object) -> str:
    t = {"m": "GET", "u": [page_url.rsplit("/", 1)[0] + "/api/list?page=", [1, 0]], "b": None, "bk": "", "h": [], "l": [],
         "s": None}
    t.update(tpl)
    return json.dumps({"v": 1, "k": "api", "page": page_url, "t": t, "n": 1})


def test_answer_records_off_the_host_or_without_links_are_not_articles():
    page_url = "http://www.lc-ga.test/jwdt/list.html"
    answer = {"data": [
        {"title": "市局召开年度总结表彰大会", "url": "/jwdt/202401/t20240110_1.html", "date": "2024-01-10"},
        {"title": "省厅发布春运出行提示", "url": "http://www.other-gov.test/a/1.html", "date": "2024-01-09"},
        {"title": "无链接的一条记录", "date": "2024-01-08"},
        {"title": "", "url": "/jwdt/202401/t20240107_3.html"},
        {"title": "附件：统计表", "url": "/uploads/2024/tj.xlsx"},
    ], "totalPage": 1}
    page = parse_list_page(json.dumps(answer, ensure_ascii=False).encode(), "http://www.lc-ga.test/api/list?page=1",
                           "application/json", context=_api_context(page_url))
    assert [(a.url, a.title, a.list_date) for a in page.articles] == [
        ("http://www.lc-ga.test/jwdt/202401/t20240110_1.html", "市局召开年度总结表彰大会", "2024-01-10")]
    assert page.follow == []


def test_hostile_total_is_capped_and_pages_stay_on_the_host():
    page_url = "http://www.lc-ga.test/jwdt/list.html"
    answer = {"list": [{"title": f"第{i}条警情通报内容", "url": f"/jwdt/{i}.html"} for i in range(10)], "total": 10**9}
    page = parse_list_page(json.dumps(answer, ensure_ascii=False).encode(), "http://www.lc-ga.test/api/list?page=1",
                           "application/json", context=_api_context(page_url))
    assert 2 <= len(page.follow) <= 5_000
    assert {urlsplit(f.url).netloc for f in page.follow} == {"www.lc-ga.test"}


def test_pages_without_totals_stop_at_an_empty_or_repeated_page():
    page_url = "http://www.lc-ga.test/jwdt/list.html"
    rows = {"rows": [{"title": "社区民警走访独居老人", "url": "/jwdt/77.html"}]}
    p1 = parse_list_page(json.dumps(rows, ensure_ascii=False).encode(), "http://www.lc-ga.test/jwdt/api/list?page=1",
                         "application/json", context=_api_context(page_url))
    assert [f.url for f in p1.follow] == ["http://www.lc-ga.test/jwdt/api/list?page=2"]
    # page 2 answers the same records (the endpoint ignores the page number): the walk stops there
    p2 = parse_list_page(json.dumps(rows, ensure_ascii=False).encode(), p1.follow[0].url, "application/json",
                         context=p1.follow[0].context)
    assert p2.follow == []
    empty = parse_list_page(b'{"rows": []}', p1.follow[0].url, "application/json", context=p1.follow[0].context)
    assert empty.follow == [] and empty.articles == []


# -- when not to ask, and when to ask a browser ------------------------------------------------------------------
def test_server_rendered_list_with_unrelated_requests_asks_for_nothing():
    rows = "".join(f"<li><a href='/jwdt/2024/05{k + 10}/{900 + k}.html'>派出所开展第{k}次夜间巡逻</a><span>2024-05-{k + 10}</span></li>"
                   for k in range(5))
    html = shell(f"<ul class='list'>{rows}</ul>"
                 "<div class='hot'><ul id='hotList'></ul></div>"
                 "<script>$.get('/api/visit/count', {id: 5}); $.getJSON('/api/weather', function(d){});\n"
                 "$.ajax({url: '/api/hot/list', data: {size: 5}, success: function (d) { $('#hotList').html(d.html); }});</script>")
    page = parse_list_page(html.encode(), "http://www.jh-ga.test/jwdt/index.html", "text/html; charset=utf-8")
    assert page.follow == [] and not page.needs_browser
    assert len(page.articles) == 5


def test_script_rendered_list_without_a_readable_request_goes_to_the_browser():
    html = shell("<div class='news-list'><ul id='list'><li class='loading'>加载中…</li></ul></div>"
                 "<script>var _0x1a = ['\\x2f\\x61\\x70\\x69']; window[_0x1a[2]](decrypt(_0x1a[0]) + token())"
                 ".then(function(r){ document.getElementById('list').innerHTML = r; });</script>")
    page = parse_list_page(html.encode(), "http://www.sq-ga.test/xwzx/", "text/html; charset=utf-8")
    assert page.follow == [] and page.articles == []
    assert page.browser_url == "http://www.sq-ga.test/xwzx/"


def test_endpoint_on_another_host_is_never_requested():
    html = shell("<ul id='list' class='news'></ul><script>$.ajax({url: 'http://api.cloud-platform.test/list', "
                 "data: {siteId: 7, pageNo: 1}, success: function (d) { $('#list').html(d); }});</script>")
    page = parse_list_page(html.encode(), "http://www.yx-ga.test/jwdt/", "text/html; charset=utf-8")
    assert page.follow == []
    assert page.browser_url == "http://www.yx-ga.test/jwdt/"


def test_external_script_without_an_endpoint_hands_over_to_the_next_then_the_browser():
    site = next(s for s in SITES if s.name == "external-script")
    html = site.html.replace("</body>", "<script src='/r/cms/www/js/list-extra.js'></script></body>")
    page = parse_list_page(html.encode(), "http://www.example-ga.test/xtjzd/gzdt/index.jhtml", "text/html")
    first = page.follow[0]
    assert (first.kind, first.url) == ("script", "http://www.example-ga.test/r/cms/www/js/channel-list.js")
    nothing = parse_list_page(b"$(function(){ $('.nav li').hover(function(){}); });", first.url,
                              "application/javascript", context=first.context)
    assert [(f.kind, f.url) for f in nothing.follow] == [("script", "http://www.example-ga.test/r/cms/www/js/list-extra.js")]
    last = parse_list_page(b"var x = 1;", nothing.follow[0].url, "application/javascript", context=nothing.follow[0].context)
    assert last.follow == [] and last.browser_url == "http://www.example-ga.test/xtjzd/gzdt/index.jhtml"


def test_request_at_the_end_of_a_large_inline_script_is_found():
    helpers = "".join(f"function fmt{k}(d) {{ var s = d.getFullYear() + '-' + (d.getMonth() + 1); return s + '/{k}'; }}\n"
                      for k in range(4000))
    html = shell("<ul id='list' class='news'></ul>"
                 f"<script>{helpers}\nvar cid = '88';\nfunction getList(pageIndex) {{ $.ajax({{ url: '/api/articles', "
                 "data: { cid: cid, pageIndex: pageIndex, pageSize: 10 }, success: function (d) { $('#list').html(d.html); } }); }\n"
                 "getList(1);</script>")
    assert len(html) > 250_000
    page = parse_list_page(html.encode(), "http://www.dh-ga.test/jwdt/", "text/html; charset=utf-8")
    assert [(f.kind, f.method, f.url) for f in page.follow] == [
        ("api", "GET", "http://www.dh-ga.test/api/articles?cid=88&pageIndex=1&pageSize=10")]


def test_a_damaged_context_is_a_clear_error_or_a_plain_page():
    from extract import DecodeError

    bad_env = json.dumps({"v": 1, "k": "script", "page": "http://www.lc-ga.test/a/", "env": ["not", "a", "map"]})
    with pytest.raises(DecodeError, match="unparseable list page"):
        parse_list_page(b"var a = 1;", "http://www.lc-ga.test/js/a.js", "application/javascript", context=bad_env)
    # a context that is not ours is ignored: the body is read as the page it is
    page = parse_list_page(b"<ul><li><a href='/a/2024/0101/77.html'>\xe6\xa0\x87\xe9\xa2\x98\xe6\x96\x87\xe5\xad\x97\xe8\xb6\xb3\xe5\xa4\x9f\xe9\x95\xbf</a> 2024-01-01</li></ul>",
                           "http://www.lc-ga.test/a/", "text/html; charset=utf-8", context="{not json")
    assert [a.url for a in page.articles] == ["http://www.lc-ga.test/a/2024/0101/77.html"]
