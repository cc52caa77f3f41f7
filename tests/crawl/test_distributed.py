"""Distributed mode: three workers on one real redis-server share a frontier; their merged shards equal a
single-worker crawl."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter

import pytest

from demoweb import DemoWeb, ground_truth
from extract.urls import canonical_url
from tests.helpers import CLI, free_port, rows


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    exe = shutil.which("redis-server")
    if not exe:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def test_three_workers_share_one_frontier(redis_url, tmp_path):
    with DemoWeb(port=0, articles_per_column=100) as web:
        urls = web.start_urls()
        shards = [tmp_path / f"w{i}.db" for i in range(3)]
        procs = [subprocess.Popen([*CLI, "crawl", *urls, "--db", str(db), "--delay", "0.2", "-q", "--redis", redis_url,
                                   "--set", "REDIS_IDLE_WAIT=8"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for db in shards]
        for p in procs:
            _, err = p.communicate(timeout=600)
            assert p.returncode == 0, err[-2000:]
        hits = Counter()
        for s in web.sites:
            for path, n in s.hits.items():
                hits[(s.key, path)] += n
        # each worker did work
        for db in shards:
            assert rows(db, "select count(*) from pages where kind in ('list', 'article')")[0][0] > 0, db
        # no page fetched twice (robots.txt is fetched once per worker by Scrapy's robots middleware)
        fetched = Counter()
        for db in shards:
            for url, method, body, n in rows(db, "select url, method, request_body, fetch_count from pages"):
                fetched[(url, method, body)] += n
        assert [k for k, n in fetched.items() if n > 1] == []
        # and every request a worker made is one of those pages, or its own robots.txt for each host
        # (a worker fetches a host's robots.txt only if it requests a page there)
        requests = sum(rows(db, "select requests from crawl_runs")[0][0] for db in shards)
        robots = sum(n for (key, path), n in hits.items() if path == "/robots.txt")
        assert len(web.sites) <= robots <= len(shards) * len(web.sites)
        assert requests == len(fetched) + robots
        merged = tmp_path / "merged.db"
        proc = subprocess.run([*CLI, "merge", "--db", str(merged), *map(str, shards)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        # merging again is idempotent
        before = rows(merged, "select count(*) from articles")[0][0], rows(merged, "select count(*) from pages")[0][0]
        subprocess.run([*CLI, "merge", "--db", str(merged), *map(str, shards)], check=True, capture_output=True)
        assert (rows(merged, "select count(*) from articles")[0][0], rows(merged, "select count(*) from pages")[0][0]) == before

        single = tmp_path / "single.db"
        proc = subprocess.run([*CLI, "crawl", *urls, "--db", str(single), "--delay", "0", "-q"],
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        q = "select url, title, published_at, source, text, content_hash from articles order by url"
        assert rows(merged, q) == rows(single, q)
        assert {r[0] for r in rows(merged, "select url from articles")} == {canonical_url(t.url) for t in ground_truth(web)}
        qm = ("select a.url, m.indicator, m.value, m.unit from metrics m join articles a on a.id = m.article_id "
              "order by a.url, m.span_start")
        assert rows(merged, qm) == rows(single, qm)
