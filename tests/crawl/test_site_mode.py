"""Whole-site crawls: column discovery from homepages, time windows, identity and proxies."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from demoweb import DemoWeb, ground_truth
from extract.urls import canonical_url
from tests.helpers import CLI


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def q(db, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def web():
    with DemoWeb(port=0) as w:
        yield w


def homepages(web) -> list[str]:
    return [s.base_url + "/" for s in web.sites]


def test_site_mode_archives_exactly_the_news_columns(web, tmp_path):
    db = tmp_path / "s.db"
    args = [x for h in homepages(web) for x in ("--site", h)]
    proc = cli("crawl", *args, "--db", str(db), "--delay", "0", "-q")
    assert proc.returncode == 0, proc.stderr[-2000:]
    want = {canonical_url(t.url) for t in ground_truth(web)}
    assert {r[0] for r in q(db, "select url from articles")} == want
    cols = q(db, "select c.name, c.family, s.host from columns c join sites s on s.id = c.site_id")
    assert sorted(n for n, _, _ in cols) == sorted(name for _, name in {(t.site_key, t.column_name)
                                                                      for t in ground_truth(web)})
    assert {f for _, f, _ in cols} == {"trs", "hanweb", "querystring"}
    # service, interaction and about pages, list-like or not, were never crawled as columns
    trs, aspx = web.site("trs"), web.site("aspx")
    assert not any(p.startswith("/hdjl/") for p in trs.hits)
    assert not any(p == "/service.aspx" for p in aspx.hits)


def test_columns_command_lists_without_crawling(web):
    before = {s.key: sum(n for p, n in s.hits.items() if "/t20" in p or "/art/" in p or "content.aspx" in p)
              for s in web.sites}
    proc = cli("columns", *homepages(web), "--delay", "0", "--json")
    assert proc.returncode == 0, proc.stderr
    found = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(found) == 6
    assert {c["name"] for c in found} == {t.column_name for t in ground_truth(web)}
    assert all(c["articles"] >= 3 and c["family"] in ("trs", "hanweb", "querystring") for c in found)
    after = {s.key: sum(n for p, n in s.hits.items() if "/t20" in p or "/art/" in p or "content.aspx" in p)
             for s in web.sites}
    assert after == before  # no article was fetched


def test_time_window_fetches_nothing_outside_it(tmp_path):
    since, until = "2022-03-01", "2022-08-31"
    with DemoWeb(port=0) as web:
        site = web.site("trs")
        col = site.impl.columns[0]
        db = tmp_path / "w.db"
        proc = cli("crawl", site.column_urls[0], "--db", str(db), "--delay", "0", "-q",
                   "--since", since, "--until", until)
        assert proc.returncode == 0, proc.stderr
        truth = [t for t in ground_truth(web) if t.site_key == "trs" and t.column_name == col.name]
        inside = {canonical_url(t.url) for t in truth if since <= t.published_at[:10] <= until}
        assert {r[0] for r in q(db, "select url from articles")} == inside
        # no article outside the window was requested
        fetched = {p for p, n in site.hits.items() if "/t20" in p}
        outside = {t.url[len(site.base_url):] for t in truth if not since <= t.published_at[:10] <= until}
        assert fetched.isdisjoint(outside)
        # list pages: up to the first one wholly older than --since, none after it
        first_old = next(i for i in range(col.page_count)
                         if all(a.published.strftime("%Y-%m-%d") < since for a in col.page(i + 1)))
        lists = {p for p in site.hits if p.startswith("/jwzx/jwdt/index")}
        want = {"/jwzx/jwdt/index.html"} | {f"/jwzx/jwdt/index_{i}.html" for i in range(1, first_old + 1)}
        assert lists == want


class _Recorder(BaseHTTPRequestHandler):
    """A forward HTTP proxy on loopback that records what passes through it."""

    seen: list[tuple[str, str]] = []

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def do_GET(self) -> None:  # noqa: N802
        _Recorder.seen.append((self.path, self.headers.get("User-Agent", "")))
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            resp = opener.open(urllib.request.Request(self.path, headers={"User-Agent": self.headers["User-Agent"]}))
            body, status, ctype = resp.read(), resp.status, resp.headers.get("Content-Type", "text/html")
        except urllib.error.HTTPError as exc:
            body, status, ctype = exc.read(), exc.code, "text/html"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_identity_and_proxies(web, proxy, tmp_path):
    url = web.site("aspx").column_urls[1]
    # HTTP_PROXY from the environment is honoured; the default User-Agent names the tool and a URL
    proc = cli("crawl", url, "--db", str(tmp_path / "a.db"), "--delay", "0", "-q",
               env={"HTTP_PROXY": proxy, "http_proxy": proxy, "NO_PROXY": "", "no_proxy": ""})
    assert proc.returncode == 0, proc.stderr
    assert any(u.startswith(web.site("aspx").base_url) for u, _ in _Recorder.seen)
    assert all("police-archive" in ua and "http" in ua for _, ua in _Recorder.seen)
    # per-site proxy and User-Agent from the sites file
    _Recorder.seen = []
    cfg = tmp_path / "sites.toml"
    cfg.write_text(f'[crawl]\ndelay = 0\n[[sites]]\nname = "x"\nstart_urls = ["{url}"]\nproxy = "{proxy}"\n'
                   f'user_agent = "ResearchBot/1.0 (+https://example.org/contact)"\n', encoding="utf-8")
    proc = cli("crawl", "--config", str(cfg), "--db", str(tmp_path / "b.db"), "-q",
               env={"HTTP_PROXY": "", "http_proxy": ""})
    assert proc.returncode == 0, proc.stderr
    pages = [(u, ua) for u, ua in _Recorder.seen if not u.endswith("robots.txt")]
    assert pages and all(ua == "ResearchBot/1.0 (+https://example.org/contact)" for _, ua in pages)
    # a per-run --user-agent
    proc = cli("crawl", url, "--db", str(tmp_path / "c.db"), "--delay", "0", "-q", "--user-agent", "Probe/2",
               env={"HTTP_PROXY": proxy, "http_proxy": proxy, "NO_PROXY": "", "no_proxy": ""})
    assert proc.returncode == 0
    assert _Recorder.seen[-1][1] == "Probe/2"
