"""Small helpers the test modules share: the CLI command line, a read of the archive, a free loopback port."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import sys
from pathlib import Path

from archive.records import ArticleRecord, Extraction, Failure, FailureKind, FetchError, PageFetch
from archive.tables import ARTICLES

#: the installed CLI, run as a subprocess exactly as a user runs it
CLI = [sys.executable, "-m", "crawler.cli"]


def rows(db: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """All rows of one query on the archive file, through a connection of its own (closed again)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(page: dict) -> PageFetch | FetchError:
    """The archive record of a fetch described as a dict (url, kind, status, body, headers, error …)."""
    if page.get("status") is None:
        return FetchError(url=page["url"], kind=page.get("kind", "other"), method=page.get("method", "GET"),
                          request_body=page.get("request_body", ""),
                          request_headers=page.get("request_headers") or {}, fetched_at=page.get("fetched_at"),
                          failure=Failure(FailureKind.NETWORK, page.get("error") or "no response"))
    failure = None
    if page.get("error"):
        failure = Failure(FailureKind.HTTP if page["status"] >= 400 else FailureKind.REJECTED, page["error"])
    return PageFetch(url=page["url"], kind=page.get("kind", "other"), status=page["status"], body=page["body"],
                     headers=page.get("headers") or {}, content_type=page.get("content_type"),
                     method=page.get("method", "GET"), request_body=page.get("request_body", ""),
                     request_headers=page.get("request_headers") or {}, fetched_at=page.get("fetched_at"),
                     elapsed_ms=page.get("elapsed_ms"), failure=failure)


def article_record(url: str, text: str, title: str = "全市公安机关开展反诈宣传", body: bytes | None = None,
                   **fields: object) -> ArticleRecord:
    """An article record as the crawl hands it over: the extractor's fields (defaults, overridden by ``fields``)."""
    article = {"url": url, "title": title, "published_at": "2021-07-12", "source": None, "site_name": "某市公安局",
               "column_name": None, "text": text, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
               "cms": "unknown", "encoding": "utf-8", "body_method": "test", "author": None,
               "site_code": "1405000052", "icp": None, "beian": None, "date_candidates": {}, "date_conflict": False,
               "region_code": None, "province": None, "city": None, "county": None, "region_source": None,
               "region_conflicts": [], "info_fields": {}, "metrics": [], "attachments": [], "images": [], **fields}
    for column in ARTICLES.writable("extract"):  # columns added later default to empty
        article.setdefault(column, None)
    raw = body if body is not None else ("<p>" + text + "</p>").encode("gbk")
    page = PageFetch(url=url, kind="article", status=200, body=raw, headers={"Server": "x"},
                     content_type="text/html")
    return ArticleRecord(page=page, extraction=Extraction.from_article(article))
