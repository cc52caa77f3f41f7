"""A crawl through the chaos-mode demo web archives exactly what a fault-free crawl archives."""

from __future__ import annotations

import subprocess

import pytest

from demoweb import DemoWeb, ground_truth
from demoweb.chaos import Chaos
from extract.urls import canonical_url
from tests.helpers import CLI, rows

Q = "select url, title, published_at, source, text, content_hash from articles order by url"


def crawl(web: DemoWeb, db) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q", "--timeout", "2",
                           "--set", "RETRY_BACKOFF_BASE=0.05"], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def fault_free(tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with DemoWeb(port=0) as web:
        assert crawl(web, db).returncode == 0
        return rows(db, Q), web.start_urls()


def test_chaos_crawl_equals_fault_free_crawl(fault_free, tmp_path):
    reference, _ = fault_free
    chaos = Chaos(seed=1, rate=0.3)
    db = tmp_path / "chaos.db"
    with DemoWeb(port=0, chaos=chaos) as web:
        proc = crawl(web, db)
        assert proc.returncode == 0, proc.stderr[-3000:]
        permanent = {canonical_url(u) for u in chaos.permanent_urls(web)}
        truth = {canonical_url(t.url) for t in ground_truth(web)}
    # faults really happened, of every transient kind
    for kind in ("http500", "http503", "reset", "timeout", "short_body", "waf_challenge"):
        assert chaos.injected[kind] > 0, kind
    # every article reachable after retries is archived, exactly as without faults (ports differ: compare paths)
    strip = lambda rs: [(u.split("/", 3)[3], *rest) for u, *rest in rs]  # noqa: E731
    assert strip(rows(db, Q)) == strip(reference)
    assert {r[0] for r in rows(db, "select url from articles")} == truth
    # permanent faults: recorded with a reason, never stored as articles
    errors = {r[0]: (r[1], r[2]) for r in rows(db, "select url, category, reason from fetch_errors "
                                                    "where resolved_at is null")}
    assert permanent <= set(errors)
    cats = {errors[u][0] for u in permanent}
    assert {"blocked", "rejected", "network"} <= cats
    assert any("challenge" in errors[u][1] for u in permanent)
    assert rows(db, "select count(*) from articles where url like '%/chaos/%'") == [(0,)]
    # transient faults left no open error behind
    assert not [u for u in errors if u in truth]
    check = subprocess.run([*CLI, "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
