"""The crawl's extraction pool and the byte-level meta-refresh check, against a real loopback server."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.pool import ExtractionPool, WorkerCrashed
from tests.helpers import CLI

ARTICLE = (
    "<html><head><title>全市公安机关开展夏季治安打击整治行动</title></head><body>"
    "<div class='nav'>首页 &gt; 警务动态</div><h1>全市公安机关开展夏季治安打击整治行动</h1>"
    "<div>发布时间：2024-06-03 09:30 来源：市公安局</div>"
    "<div class='TRS_Editor'><p>6月以来，市公安局组织全市公安机关开展夏季治安打击整治行动。</p>"
    "<p>行动中共破获刑事案件38起，抓获犯罪嫌疑人41名，同比分别上升12%和15%。</p></div>"
    "<div>版权所有：某市公安局</div></body></html>"
)
PAGES = {
    "/news/index.html": "<html><body><ul class='list'>"
                        "<li><a href='/news/202406/t20240603_1.html'>全市公安机关开展夏季治安打击整治行动</a>"
                        "<span>2024-06-03</span></li></ul></body></html>",
    # the article link is an old address that forwards with a meta refresh (GBK bytes, no charset anywhere)
    "/news/202406/t20240603_1.html": "<html><head><meta http-equiv=\"Refresh\" content=\"0; url=/news/202406/"
                                     "t20240603_2.html\"></head><body>页面已迁移</body></html>",
    "/news/202406/t20240603_2.html": ARTICLE,
}


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        page = PAGES.get(self.path)
        if page is None:
            self.send_response(404)
            self.end_headers()
            return
        body = page.encode("gbk")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("workers", ["0", "1"])
def test_meta_refresh_is_followed_and_the_article_extracted_in_or_out_of_process(site, tmp_path, workers):
    db = tmp_path / "a.db"
    r = subprocess.run([*CLI, "crawl", f"{site}/news/index.html", "--db", str(db), "--delay", "0", "-q",
                        "--extract-workers", workers], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, title, published_at, text FROM articles").fetchall()
    assert len(rows) == 1
    url, title, published, text = rows[0]
    assert url.endswith("t20240603_2.html") and title == "全市公安机关开展夏季治安打击整治行动"
    assert published.startswith("2024-06-03T09:30") and "抓获犯罪嫌疑人41名" in text and "版权所有" not in text
    assert conn.execute("SELECT count(*) FROM metrics WHERE value = 41").fetchone()[0] == 1


def _die(_: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def test_a_worker_that_dies_costs_one_page_and_the_pool_recovers():
    pool = ExtractionPool(1)

    async def go() -> tuple[object, int]:
        try:
            await pool.run(_die, 1)
        except WorkerCrashed as exc:
            first: object = exc
        else:
            first = None
        return first, await pool.run(abs, -7)

    try:
        crashed, after = asyncio.run(go())
    finally:
        pool.close()
    assert isinstance(crashed, WorkerCrashed) and "died" in str(crashed)
    assert after == 7


def test_one_core_configuration_writes_on_the_reactor_thread_through_scrapy_itself(site, tmp_path):
    """ARCHIVE_WRITER=0 and EXTRACT_WORKERS=0 (the one-core defaults): no helper process, same archive;
    run as a plain `scrapy crawl`, the way Scrapyd runs the spider."""
    import sys
    from pathlib import Path

    db = tmp_path / "one.db"
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "column", "-a", f"start_urls={site}/news/index.html",
                        "-s", f"ARCHIVE_DB={db}", "-s", "ARCHIVE_WRITER=0", "-s", "EXTRACT_WORKERS=0",
                        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0"],
                       capture_output=True, text=True, timeout=300, cwd=root)
    assert r.returncode == 0, r.stderr[-2000:]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT title FROM articles").fetchall() == [("全市公安机关开展夏季治安打击整治行动",)]
    assert conn.execute("SELECT count(*) FROM metrics WHERE value = 41").fetchone()[0] == 1
    assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("finished",)]
    assert any((tmp_path / "one-warc").glob("*.warc.gz"))
