"""Crashes lose nothing: SIGKILL at several points, SIGINT/SIGTERM, then a rerun equals an uninterrupted crawl."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from demoweb import DemoWeb
from tests.helpers import CLI, rows

Q = "select url, title, published_at, source, text, content_hash from articles order by url"


@pytest.fixture(scope="module")
def web():
    with DemoWeb(port=0, articles_per_column=60) as w:
        yield w


@pytest.fixture(scope="module")
def reference(web, tmp_path_factory):
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    subprocess.run([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q"], check=True,
                   capture_output=True, timeout=600)
    return rows(db, Q)


def hits(web, pred) -> int:
    return sum(n for s in web.sites for p, n in s.hits.items() if pred(p))


def is_list(p: str) -> bool:
    return "index" in p or "list.aspx" in p or "/col/" in p or "dataproxy" in p


def is_article(p: str) -> bool:
    return "/t20" in p or "/art/" in p or "content.aspx" in p


def run_until(web, args: list[str], stop_when, sig: int, group: bool = False) -> subprocess.Popen:
    """Run the CLI until ``stop_when()``, then signal it (``group``: its whole process group, like Ctrl-C)."""
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=group)

    def watch() -> None:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if stop_when():
                if group:
                    os.killpg(proc.pid, sig)
                else:
                    proc.send_signal(sig)
                return
            time.sleep(0.005)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    proc.wait(timeout=300)
    t.join()
    return proc


def assert_sound(db, reference) -> None:
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, Q) == reference
    assert rows(db, "select count(*) from (select url from articles group by url having count(*) > 1)") == [(0,)]
    proc = subprocess.run([*CLI, "check", "--db", str(db)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("point", ["list-pages", "articles", "db-write"])
def test_sigkill_then_rerun_equals_uninterrupted(web, reference, tmp_path, point):
    db = tmp_path / "k.db"
    args = ["crawl", *web.start_urls(), "--db", str(db), "--delay", "0.01", "-q"]
    base_lists, base_articles = hits(web, is_list), hits(web, is_article)
    if point == "list-pages":
        proc = run_until(web, args, lambda: hits(web, is_list) - base_lists >= 3, signal.SIGKILL)
    elif point == "articles":
        proc = run_until(web, args, lambda: hits(web, is_article) - base_articles >= 60, signal.SIGKILL)
    else:
        proc = run_until(web, [*args, "--set", "ARCHIVE_CLASS=tests.crawl.faults.KillInThirdWrite"], lambda: False,
                         signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    partial = rows(db, "select count(*) from articles")[0][0] if db.exists() else 0
    assert partial < len(reference)
    proc = subprocess.run([*CLI, *args[:-3], "--delay", "0", "-q"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert_sound(db, reference)
    statuses = [r[0] for r in rows(db, "select status from crawl_runs order by id")]
    assert statuses[-1] == "finished" and (len(statuses) == 1 or statuses[0] == "interrupted")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_graceful_stop_then_resume(web, reference, tmp_path, sig):
    db = tmp_path / "g.db"
    args = ["crawl", *web.start_urls(), "--db", str(db), "--delay", "0.01", "-q"]
    base = hits(web, is_article)
    proc = run_until(web, args, lambda: hits(web, is_article) - base >= 40, sig)
    assert proc.returncode in (0, 1), proc.stderr.read()[-2000:] if proc.stderr else ""
    assert rows(db, "select status from crawl_runs")[0][0] == "interrupted"
    assert 0 < rows(db, "select count(*) from articles")[0][0] < len(reference)
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert_sound(db, reference)


def test_reader_sees_consistent_data_while_crawl_writes(web, tmp_path):
    """Datasette-style reads during a crawl: every visible article has its site, its fetch and its metrics."""
    db = tmp_path / "r.db"
    proc = subprocess.Popen([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0.005", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    checks = 0
    while proc.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                bad = conn.execute(
                    "select count(*) from articles a left join sites s on s.id = a.site_id "
                    "left join pages p on p.id = a.page_id where s.id is null or p.id is null").fetchone()[0]
                orphans = conn.execute("select count(*) from metrics m left join articles a on a.id = m.article_id "
                                       "where a.id is null").fetchone()[0]
                conn.close()
                assert bad == 0 and orphans == 0
                checks += 1
            except sqlite3.OperationalError as exc:  # schema still being created
                assert "no such table" in str(exc)
        time.sleep(0.02)
    assert proc.returncode == 0 and checks > 5


def test_serve_is_read_only_and_local(web, reference, tmp_path):
    """Datasette serves on 127.0.0.1, answers no write request and leaves the archive file untouched."""
    import hashlib
    import socket
    import urllib.error
    import urllib.request

    db = tmp_path / "ro.db"
    subprocess.run([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q"], check=True,
                   capture_output=True, timeout=600)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/ro.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for path in ("/ro/articles?_search=%E8%AF%88%E9%AA%97", "/ro/metrics.json", "/ro.json?sql=select+1"):
            assert urllib.request.urlopen(base + path, timeout=10).status == 200
        # SQL that writes is refused, and no endpoint accepts a write
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "/ro.json?sql=delete+from+articles", timeout=10)
        for path in ("/ro/articles", "/ro/-/insert", "/ro/articles/-/insert", "/ro/articles/1/-/delete"):
            req = urllib.request.Request(base + path, data=b'{"rows": []}', method="POST",
                                         headers={"Content-Type": "application/json"})
            with pytest.raises(urllib.error.HTTPError) as exc:
                urllib.request.urlopen(req, timeout=10)
            assert exc.value.code >= 400  # Datasette 0.65 has no write API: every POST fails
        # bound to loopback only
        addrs = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None) if a[0] == socket.AF_INET}
        for addr in addrs - {"127.0.0.1"} - {a for a in addrs if a.startswith("127.")}:
            with pytest.raises(OSError), socket.create_connection((addr, port), timeout=1):
                pass
    finally:
        proc.terminate()
        proc.wait(10)
    assert rows(db, "select count(*) from articles")[0][0] == len(reference)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_ctrl_c_reaches_the_extraction_workers_too_and_costs_no_article(web, reference, tmp_path):
    """A terminal's Ctrl-C signals the crawl and its extraction workers; the workers finish their pages."""
    db = tmp_path / "c.db"
    args = ["crawl", *web.start_urls(), "--db", str(db), "--delay", "0.01", "-q", "--extract-workers", "1"]
    base = hits(web, is_article)
    proc = run_until(web, args, lambda: hits(web, is_article) - base >= 40, signal.SIGINT, group=True)
    assert proc.returncode in (0, 1), proc.stderr.read()[-2000:] if proc.stderr else ""
    assert rows(db, "select status from crawl_runs")[0][0] == "interrupted"
    assert rows(db, "select count(*) from pages where error like '%worker%'") == [(0,)]
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert_sound(db, reference)


def test_writer_process_dying_alone_stops_the_crawl_with_a_reason_and_a_rerun_completes(web, reference, tmp_path):
    """The archive writer process exits mid-crawl: the crawl stops (exit 1, one-line reason, run interrupted)
    instead of fetching pages nobody stores, and the next run fetches what never reached the archive."""
    db = tmp_path / "w.db"
    args = ["crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q"]
    proc = subprocess.run([*CLI, *args, "--set", "ARCHIVE_CLASS=tests.crawl.faults.WriterExitsAfterTwoBatches"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "archive writer process exited" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert rows(db, "select status from crawl_runs") == [("interrupted",)]
    assert 0 < rows(db, "select count(*) from articles")[0][0] < len(reference)
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert_sound(db, reference)
