"""A column's first list page that links nothing is never a silently empty column: a page with scripts is rendered
in the browser once (its script may write a list no rule could read), and a column still empty is a fetch_errors
row and a warning line."""

from __future__ import annotations

import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.helpers import CLI, rows

ARTICLE = ("<html><head><meta charset='utf-8'><title>{t}_南屏县公安局</title></head><body><h1>{t}</h1>"
           "<div class='info'>发布时间：2024-03-0{n} 09:00 来源：南屏县公安局</div><div id='zoom'><p>{t}。近日，南屏县公安局"
           "组织民警深入辖区开展走访，共走访群众{n}0户，发放宣传资料{n}00份。</p></div></body></html>")
#: the list is an array in a script run through a decoder function: no rule reads it, a browser does
WRITTEN = ("<html><head><meta charset='utf-8'><title>工作动态_南屏县公安局</title></head><body>"
           "<div class='nav'><a href='/'>首页</a></div><div class='main'><h2>工作动态</h2><div id='box'></div></div>"
           "<script>var d=['bnB4cy9hMS5odG1s','bnB4cy9hMi5odG1s','bnB4cy9hMy5odG1s'];var t=['开展冬季防火宣传',"
           "'走访辖区重点企业','组织开展应急演练'];var h='';for(var i=0;i<d.length;i++){h+='<li><a href=\"/'+atob(d[i])+"
           "'\">'+t[i]+'</a><span>2024-03-0'+(i+1)+'</span></li>';}document.getElementById('box').innerHTML='<ul>'+h+'</ul>';"
           "</script></body></html>")
EMPTY = ("<html><head><meta charset='utf-8'><title>通知公告_南屏县公安局</title></head><body><div class='nav'>"
         "<a href='/'>首页</a></div><div class='main'><h2>通知公告</h2><p>暂无信息</p></div></body></html>")
TITLES = ["开展冬季防火宣传", "走访辖区重点企业", "组织开展应急演练"]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        pages = {"/gzdt/index.html": WRITTEN, "/tzgg/index.html": EMPTY, "/robots.txt": ""}
        pages.update({f"/npxs/a{n}.html": ARTICLE.format(t=TITLES[n - 1], n=n) for n in (1, 2, 3)})
        body = pages.get(self.path)
        data = (body if body is not None else "not found").encode("utf-8")
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium binary (apt-get install chromium)")
def test_a_list_only_a_browser_sees_is_read_and_an_empty_column_is_said(site, tmp_path):
    db = tmp_path / "a.db"
    proc = subprocess.run([*CLI, "crawl", f"{site}/gzdt/index.html", f"{site}/tzgg/index.html", "--db", str(db),
                           "--delay", "0", "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert sorted(t for (t,) in rows(db, "select title from articles")) == sorted(TITLES)
    errors = rows(db, "select url, reason from fetch_errors")
    assert [(u.rsplit("/", 2)[-2], r) for u, r in errors] == [
        ("tzgg", "no article links found on the column's list page")]
    assert [line for line in proc.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: 1 column(s) link no article on their first list page, even rendered; they are in fetch_errors "
        "(a sites-file article_links selector may help)"]
