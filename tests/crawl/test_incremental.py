"""Nightly crawls: incremental, conditional, versioned, WARC-backed, re-extractable, configurable, locked."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive import fts
from archive.lock import ArchiveLock
from archive.warc import read_response
from demoweb import DemoWeb, ground_truth
from extract.urls import canonical_url
from tests.helpers import CLI
from tests.helpers import rows as q


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def site_requests(web: DemoWeb) -> int:
    return sum(s.requests for s in web.sites)


@pytest.fixture
def web():
    with DemoWeb(port=0, articles_per_column=120) as w:
        yield w


def crawl(web: DemoWeb, db: Path, *extra: str, urls: list[str] | None = None) -> tuple[int, subprocess.CompletedProcess]:
    before = site_requests(web)
    proc = cli("crawl", *(urls or web.start_urls()), "--db", str(db), "--delay", "0", "-q", *extra)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return site_requests(web) - before, proc


def test_second_crawl_of_unchanged_columns_costs_almost_nothing(web, tmp_path):
    db = tmp_path / "a.db"
    first, _ = crawl(web, db)
    n_articles = q(db, "select count(*) from articles")[0][0]
    assert n_articles == len(ground_truth(web))
    second, _ = crawl(web, db)
    # per column: its first list page (a 304 where the server sends validators), plus robots.txt per host
    assert second <= len(web.start_urls()) + len(web.sites)
    assert q(db, "select count(*) from articles")[0][0] == n_articles
    run = q(db, "select mode, articles_new, requests, not_modified from crawl_runs order by id desc limit 1")[0]
    assert run[0] == "incremental" and run[1] == 0 and run[2] == second
    assert run[3] >= 1  # the TRS server answered the conditional list request with 304


def test_interrupted_walk_is_completed_by_the_next_run(web, tmp_path):
    db = tmp_path / "a.db"
    crawl(web, db, "--max-pages", "1")
    partial = q(db, "select count(*) from articles")[0][0]
    assert 0 < partial < len(ground_truth(web))
    crawl(web, db)
    assert q(db, "select count(*) from articles")[0][0] == len(ground_truth(web))


def test_full_recrawl_uses_304s_and_versions_edited_articles(web, tmp_path):
    db = tmp_path / "a.db"
    crawl(web, db)
    trs = web.site("trs")
    edited = next(t for t in ground_truth(web) if t.site_key == "trs")
    hanweb_edit = next(t for t in ground_truth(web) if t.site_key == "hanweb")
    old_text = q(db, "select text from articles where url = ?", (canonical_url(edited.url),))[0][0]
    trs.edit_article(edited.url, "（补充说明：本文数据已于次日更正。）")
    web.site("hanweb").edit_article(hanweb_edit.url, "更正：文中涉案金额以警方最终通报为准。")
    _, proc = crawl(web, db, "--full")
    assert trs.impl.not_modified >= 100  # unchanged TRS pages cost a 304
    run = q(db, "select mode, articles_changed, articles_new from crawl_runs order by id desc limit 1")[0]
    assert run == ("full", 2, 0)
    versions = q(db, "select v.url, v.text, v.first_fetched_at, v.replaced_at, a.text, a.fetched_at from "
                     "article_versions v join articles a on a.id = v.article_id order by v.url")
    assert {v[0] for v in versions} == {canonical_url(edited.url), canonical_url(hanweb_edit.url)}
    trs_version = next(v for v in versions if v[0] == canonical_url(edited.url))
    assert trs_version[1] == old_text and trs_version[4].endswith("（补充说明：本文数据已于次日更正。）")
    assert trs_version[2] <= trs_version[3] == trs_version[5]
    assert "articles changed" in proc.stderr


def test_warc_holds_every_exchange_byte_exact_with_revisits_and_index(web, tmp_path):
    db = tmp_path / "a.db"
    crawl(web, db)
    crawl(web, db, "--full")
    warc_dir = tmp_path / "a-warc"
    files = sorted(warc_dir.glob("*.warc.gz"))
    assert len(files) == 2  # one per run: a second run appends a new file, never rewrites one
    kinds: dict[str, int] = {}
    for f in files:
        with open(f, "rb") as fh:
            for rec in ArchiveIterator(fh):
                kinds[rec.rec_type] = kinds.get(rec.rec_type, 0) + 1
        assert (f.parent / (f.name + ".cdxj")).exists()
    fetches, answered = q(db, "select sum(fetch_count), sum(case when status is not null then fetch_count end) "
                              "from pages")[0]
    assert kinds["request"] == fetches  # every request, including those that got no answer
    assert kinds["response"] + kinds["revisit"] == answered
    assert kinds.get("revisit", 0) > 0  # unchanged hanweb/aspx pages re-fetched by --full
    # every stored page points to a record whose payload is exactly the bytes the server sent
    hanweb = web.site("hanweb")
    for url, file, offset, sha in q(db, "select url, warc_file, warc_offset, body_sha256 from pages "
                                        "where warc_file is not null"):
        status, headers, body = read_response(warc_dir / file, offset)
        assert hashlib.sha256(body).hexdigest() == sha, url
        if url.startswith(hanweb.base_url) and "/art/" in url:
            assert body.decode("gbk")  # GBK intact
            assert "charset" not in headers.get("Content-Type", "")
    cdx = (files[0].parent / (files[0].name + ".cdxj")).read_text().splitlines()
    assert any('"status": "200"' in line for line in cdx)


def test_reextract_rebuilds_rows_offline_and_is_idempotent(web, tmp_path):
    db = tmp_path / "a.db"
    crawl(web, db)
    web.stop()  # no network from here on
    conn = sqlite3.connect(db)
    fts.register(conn)  # the FTS triggers need the archive's tokenizer
    conn.execute("update articles set title = 'x', source = null where id in (1, 2)")
    conn.commit()
    conn.close()
    first = cli("reextract", "--db", str(db), "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["changed"] == 2 and report["failed"] == 0 and report["fields"]["title"] == 2
    assert report["examples"][0]["changes"]["title"][0] == "x"
    truth = {canonical_url(t.url): t for t in ground_truth(web)}
    for url, title in q(db, "select url, title from articles where id in (1, 2)"):
        assert title == truth[url].title
    second = json.loads(cli("reextract", "--db", str(db), "--json").stdout)
    assert second["changed"] == 0 and second["unchanged"] == report["articles"]


def test_sites_file_sets_per_site_options(web, tmp_path):
    trs, aspx = web.site("trs"), web.site("aspx")
    cfg = tmp_path / "sites.toml"
    cfg.write_text(f"""
[crawl]
delay = 0

[[sites]]
name = "{trs.name}"
start_urls = ["{trs.column_urls[0]}"]
max_pages = 1
concurrency = 2

[[sites]]
name = "{aspx.name}"
start_urls = ["{aspx.column_urls[1]}"]
[sites.selectors]
body = "//td[@class='content']"
""", encoding="utf-8")
    db = tmp_path / "c.db"
    proc = cli("crawl", "--config", str(cfg), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    trs_lists = q(db, "select count(*) from pages where kind = 'list' and url like ?", (trs.base_url + "%",))[0][0]
    assert trs_lists == 1
    methods = {r[0] for r in q(db, "select body_method from articles where url like ?", (aspx.base_url + "%",))}
    assert methods == {"xpath-override"}
    bad = tmp_path / "bad.toml"
    bad.write_text("[[sites]]\nname = 'x'\n", encoding="utf-8")
    proc = cli("crawl", "--config", str(bad), "--db", str(db))
    assert proc.returncode == 2 and "start_urls" in proc.stderr


def test_lock_prevents_overlapping_runs(web, tmp_path):
    db = tmp_path / "l.db"
    with ArchiveLock(db):
        proc = cli("crawl", web.site("trs").column_urls[0], "--db", str(db), "--delay", "0", "-q")
    assert proc.returncode == 1
    assert [line for line in proc.stderr.splitlines() if line.startswith("error:")] == [
        next(line for line in proc.stderr.splitlines() if "another crawl" in line)]
    proc = cli("crawl", web.site("trs").column_urls[0], "--db", str(db), "--delay", "0", "-q")
    assert proc.returncode == 0


def test_crawl_runs_record_status_counts(web, tmp_path):
    db = tmp_path / "r.db"
    crawl(web, db)
    started, finished, statuses, bytes_ = q(db, "select started_at, finished_at, status_counts, bytes from crawl_runs")[0]
    counts = json.loads(statuses)
    assert counts["200"] > 300 and counts["404"] == len(web.dead_urls())
    assert started <= finished and bytes_ > 0
