"""ASP.NET WebForms lists paged by __doPostBack: parsed into form posts, crawled end to end on a loopback
server that, like IIS, rejects a postback without the page state it issued."""

from __future__ import annotations

import base64
import subprocess
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from extract import parse_list_page
from tests.helpers import CLI, rows

PER_PAGE, PAGES = 8, 7


def _state(list_name: str, page: int) -> str:
    return base64.b64encode(f"{list_name}|page={page}|d5f1a0".encode()).decode()


def _numbered_pager(n: int) -> str:
    """AspNetPager style: a window of page numbers (the current one a span), 首页/上一页/下一页/尾页."""
    link = "<a href=\"javascript:__doPostBack('ctl00$main$AspNetPager1','{arg}')\">{text}</a>"
    parts = [link.format(arg=1, text="首页")]
    if n > 1:
        parts.append(link.format(arg=n - 1, text="上一页"))
    for k in range(max(1, n - 2), min(PAGES, n + 2) + 1):
        parts.append(f"<span class='cur'>{k}</span>" if k == n else link.format(arg=k, text=k))
    if n < PAGES:
        parts.append(link.format(arg=n + 1, text="下一页"))
    parts.append(link.format(arg=PAGES, text="尾页"))
    return f"<div class='pager'>共{PAGES}页 当前第{n}页 {' '.join(parts)}</div>"


def _linkbutton_pager(n: int) -> str:
    """LinkButton style: 下一页 posts the button's name with no argument; the page state says where it is."""
    nxt = ("<a id='main_lbtnNext' href=\"javascript:WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("
           "&quot;ctl00$main$lbtnNext&quot;, &quot;&quot;, true, &quot;&quot;, &quot;&quot;, false, true))\">下一页</a>")
    return f"<div class='pager'>第{n}页 {nxt if n < PAGES else ''}</div>"


def _list_page(list_name: str, n: int) -> str:
    first = (0 if list_name == "news" else 1000) + (n - 1) * PER_PAGE
    items = "".join(f"<tr><td><a href='show.aspx?id={first + i}' target='_blank'>{list_name}第{n}页第{i + 1}条：派出所开展"
                    f"反诈宣传活动纪实{first + i}</a></td><td>2024-05-{(first + i) % 28 + 1:02d}</td></tr>"
                    for i in range(PER_PAGE))
    pager = _numbered_pager(n) if list_name == "news" else _linkbutton_pager(n)
    return (f"<html><head><meta charset='utf-8'><title>警务动态_某县公安局</title></head><body>"
            f"<form method='post' action='./{list_name}.aspx' id='form1'>"
            f"<input type='hidden' name='__EVENTTARGET' id='__EVENTTARGET' value=''/>"
            f"<input type='hidden' name='__EVENTARGUMENT' id='__EVENTARGUMENT' value=''/>"
            f"<input type='hidden' name='__VIEWSTATE' value='{_state(list_name, n)}'/>"
            f"<input type='hidden' name='__EVENTVALIDATION' value='ev-{list_name}-{n}'/>"
            f"<input type='text' name='ctl00$top$txtKey' value=''/><input type='submit' name='ctl00$top$btnSearch' value='搜索'/>"
            f"<div class='nav'><a href='/'>首页</a> <a href='news.aspx'>警务动态</a></div>"
            f"<table class='list'>{items}</table>{pager}</form></body></html>")


def _article(aid: int) -> str:
    return (f"<html><head><meta charset='utf-8'><title>派出所开展反诈宣传活动纪实{aid}_某县公安局</title></head><body>"
            f"<h1>派出所开展反诈宣传活动纪实{aid}</h1><div class='info'>发布时间：2024-05-{aid % 28 + 1:02d} 来源：某县公安局</div>"
            f"<div id='zoom'><p>近日，某县公安局城关派出所民警走进辖区第{aid}个小区开展反诈宣传，发放宣传资料{100 + aid}份。</p>"
            f"<p>民警提醒广大群众，凡是要求转账到“安全账户”的都是诈骗，如有疑问请拨打96110咨询。</p></div>"
            f"</body></html>")


class _Site(BaseHTTPRequestHandler):
    posts: Counter = Counter()
    rejected: Counter = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path, _, query = self.path.partition("?")
        if path in ("/news.aspx", "/notice.aspx"):
            self._send(200, _list_page(path[1:-5], 1))
        elif path == "/show.aspx":
            self._send(200, _article(int(parse_qs(query)["id"][0])))
        else:
            self._send(404, "<html><body>404</body></html>")

    def do_POST(self) -> None:  # noqa: N802
        name = self.path.strip("/").removesuffix(".aspx")
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode(),
                                              keep_blank_values=True).items()}
        try:
            _, page, _ = base64.b64decode(form["__VIEWSTATE"]).decode().split("|")
            current = int(page.split("=")[1])
            assert form["__EVENTVALIDATION"] == f"ev-{name}-{current}" and "ctl00$top$txtKey" in form
            assert "ctl00$top$btnSearch" not in form  # a browser sends no button on a postback
            if form["__EVENTTARGET"] == "ctl00$main$AspNetPager1":
                n = int(form["__EVENTARGUMENT"])
            else:
                assert form["__EVENTTARGET"] == "ctl00$main$lbtnNext" and form["__EVENTARGUMENT"] == ""
                n = current + 1
            assert 1 <= n <= PAGES
        except (KeyError, ValueError, AssertionError):
            _Site.rejected[name] += 1
            self._send(500, "<html><body>Invalid postback or callback argument.</body></html>")
            return
        _Site.posts[(name, n)] += 1
        self._send(200, _list_page(name, n))


@pytest.fixture
def site():
    _Site.posts, _Site.rejected = Counter(), Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_postback_pager_becomes_form_posts_with_the_page_state():
    page = parse_list_page(_list_page("news", 3).encode(), "http://gaj.example.gov.cn/news.aspx", "text/html")
    assert "aspnet" in page.families and len(page.articles) == PER_PAGE
    posts = {dict(f.formdata)["__EVENTARGUMENT"]: f for f in page.follow if f.family == "aspnet"}
    assert set(posts) == {"2", "4", "5", "7"}  # every linked page but this one and page 1 (the list's GET), once
    form = dict(posts["4"].formdata)
    assert form["__VIEWSTATE"] == _state("news", 3) and form["__EVENTTARGET"] == "ctl00$main$AspNetPager1"
    assert "ctl00$top$txtKey" in form and "ctl00$top$btnSearch" not in form
    assert posts["4"].method == "POST" and posts["4"].url == "http://gaj.example.gov.cn/news.aspx"
    # the same page announced by another page (another __VIEWSTATE) is the same list page
    other = parse_list_page(_list_page("news", 2).encode(), "http://gaj.example.gov.cn/news.aspx", "text/html")
    assert [f.family for f in other.follow] == ["aspnet"] * 3  # not the nav's 首页 (the homepage)
    assert {f.key for f in other.follow if dict(f.formdata)["__EVENTARGUMENT"] == "4"} == {posts["4"].key}


def test_a_page_without_webforms_state_has_no_postbacks():
    html = "<html><body><a href=\"javascript:__doPostBack('pager','2')\">2</a><ul><li>x</li></ul></body></html>"
    assert parse_list_page(html.encode(), "http://a.example.gov.cn/list.aspx", "text/html").follow == []


def test_crawl_walks_both_postback_pagers_once_per_page(site, tmp_path):
    db = tmp_path / "p.db"
    proc = subprocess.run([*CLI, "crawl", f"{site}/news.aspx", f"{site}/notice.aspx", "--db", str(db), "--delay", "0",
                           "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _Site.rejected == Counter()
    for name in ("news", "notice"):
        assert {n: _Site.posts[(name, n)] for n in range(1, PAGES + 1)} == {1: 0, **dict.fromkeys(range(2, PAGES + 1), 1)}
    assert rows(db, "select count(*) from articles") == [(2 * PAGES * PER_PAGE,)]
    assert rows(db, "select count(*) from pages where method = 'POST' and kind = 'list' and status = 200") == \
        [(2 * (PAGES - 1),)]
