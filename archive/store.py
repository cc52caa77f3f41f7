"""Writes to the archive: one transaction per batch, idempotent, parameterised SQL only."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from archive import fts
from archive.schema import FTS, SCHEMA_VERSION, TABLES


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _site_of(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit

    p = urlsplit(url)
    return p.netloc.lower(), f"{p.scheme}://{p.netloc.lower()}/"


class Archive:
    """An archive file. Open it, write batches of records, close it.

    Records are plain dicts with a ``type`` of ``page`` or ``article`` (see :meth:`write_batch`).
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        conn = sqlite3.connect(self.path, timeout=30)
        fts.register(conn)
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        # executescript runs the idempotent DDL as one script (trigger bodies contain semicolons)
        conn.executescript("BEGIN;\n" + TABLES + FTS + f"PRAGMA user_version={SCHEMA_VERSION};\nCOMMIT;")

    # -- crawl runs -------------------------------------------------------------------------------
    def start_run(self, start_urls: list[str], settings: dict[str, Any] | None = None) -> int:
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO crawl_runs (started_at, start_urls, settings) VALUES (?, ?, ?)",
                [now_iso(), json.dumps(start_urls, ensure_ascii=False), json.dumps(settings or {}, ensure_ascii=False)],
            )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        cols = ("requests", "bytes", "list_pages", "articles_new", "articles_changed", "articles_unchanged", "errors")
        with self.db.atomic():
            self.db.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, "
                + ", ".join(f"{c} = ?" for c in cols)
                + " WHERE id = ?",
                [now_iso(), status, *[int(counts.get(c, 0)) for c in cols], run_id],
            )

    # -- writes -----------------------------------------------------------------------------------
    def write_batch(self, records: Iterable[dict[str, Any]], run_id: int | None = None) -> dict[str, int]:
        """Write pages and articles in one transaction. Returns counts of new/changed/unchanged articles.

        A ``page`` record: url, method, request_body, kind, status, error, content_type, headers (dict),
        body (bytes), fetched_at, elapsed_ms. An ``article`` record: the fields of
        :class:`extract.article.Article` plus ``page`` (its page record), list_title, list_date.
        """
        counts = {"articles_new": 0, "articles_changed": 0, "articles_unchanged": 0}
        with self.db.atomic():
            for rec in records:
                if rec["type"] == "page":
                    self._write_page(rec, run_id)
                elif rec["type"] == "article":
                    page_id = self._write_page(rec["page"], run_id)
                    counts["articles_" + self._write_article(rec, page_id, run_id)] += 1
        return counts

    def _write_page(self, rec: dict[str, Any], run_id: int | None) -> int:
        body: bytes | None = rec.get("body")
        sha = hashlib.sha256(body).hexdigest() if body is not None else ""
        fetched = rec.get("fetched_at") or now_iso()
        key = [rec["url"], rec.get("method") or "GET", rec.get("request_body") or "", rec.get("status"),
               rec.get("error") or "", sha]
        row = self.db.execute(
            "SELECT id FROM pages WHERE url = ? AND method = ? AND request_body = ? AND status IS ? "
            "AND error = ? AND body_sha256 = ?", key).fetchone()
        if row:
            self.db.execute("UPDATE pages SET last_fetched_at = ?, fetch_count = fetch_count + 1 WHERE id = ?",
                            [fetched, row[0]])
            return int(row[0])
        cur = self.db.execute(
            "INSERT INTO pages (url, method, request_body, status, error, body_sha256, kind, content_type, headers, "
            "size, body_gz, fetched_at, last_fetched_at, elapsed_ms, crawl_run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*key, rec.get("kind", "other"), rec.get("content_type"),
             json.dumps(rec.get("headers") or {}, ensure_ascii=False),
             len(body) if body is not None else None,
             zlib.compress(body, 6) if body is not None else None,
             fetched, fetched, rec.get("elapsed_ms"), run_id],
        )
        return int(cur.lastrowid)

    def _site_id(self, rec: dict[str, Any]) -> int:
        host, base = _site_of(rec["url"])
        now = now_iso()
        self.db.execute(
            "INSERT INTO sites (host, base_url, name, site_code, icp, beian, cms, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(host) DO UPDATE SET "
            "name = COALESCE(sites.name, excluded.name), site_code = COALESCE(sites.site_code, excluded.site_code), "
            "icp = COALESCE(sites.icp, excluded.icp), beian = COALESCE(sites.beian, excluded.beian), "
            "cms = COALESCE(sites.cms, excluded.cms), last_seen = excluded.last_seen",
            [host, base, rec.get("site_name"), rec.get("site_code"), rec.get("icp"), rec.get("beian"),
             rec.get("cms"), now, now],
        )
        return int(self.db.execute("SELECT id FROM sites WHERE host = ?", [host]).fetchone()[0])

    def _write_article(self, rec: dict[str, Any], page_id: int, run_id: int | None) -> str:
        site_id = self._site_id(rec)
        fetched = rec.get("fetched_at") or now_iso()
        old = self.db.execute("SELECT id, content_hash FROM articles WHERE url = ?", [rec["url"]]).fetchone()
        fields = {
            "site_id": site_id, "title": rec.get("title"), "published_at": rec.get("published_at"),
            "source": rec.get("source"), "author": rec.get("author"), "column_name": rec.get("column_name"),
            "site_name": rec.get("site_name"), "text": rec["text"], "content_hash": rec["content_hash"],
            "cms": rec.get("cms"), "body_method": rec.get("body_method"), "encoding": rec.get("encoding"),
            "date_candidates": json.dumps(rec.get("date_candidates") or {}, ensure_ascii=False),
            "date_conflict": int(bool(rec.get("date_conflict"))), "list_title": rec.get("list_title"),
            "list_date": rec.get("list_date"), "page_id": page_id, "fetched_at": fetched, "crawl_run_id": run_id,
        }
        if old is None:
            cols = [*fields, "url", "first_fetched_at"]
            cur = self.db.execute(
                f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [*fields.values(), rec["url"], fetched],
            )
            article_id, outcome = int(cur.lastrowid), "new"
        else:
            article_id = int(old[0])
            outcome = "unchanged" if old[1] == rec["content_hash"] else "changed"
            if outcome == "unchanged":
                self.db.execute("UPDATE articles SET fetched_at = ?, page_id = ?, crawl_run_id = ? WHERE id = ?",
                                [fetched, page_id, run_id, article_id])
            else:
                self.db.execute(
                    f"UPDATE articles SET {', '.join(f'{c} = ?' for c in fields)} WHERE id = ?",
                    [*fields.values(), article_id],
                )
        for att in rec.get("attachments") or []:
            self.db.execute(
                "INSERT INTO attachments (article_id, url, name, type) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(article_id, url) DO UPDATE SET name = excluded.name, type = excluded.type",
                [article_id, att["url"], att.get("name"), att.get("type")],
            )
        return outcome

    # -- reads ------------------------------------------------------------------------------------
    def known_article_urls(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT url FROM articles")}

    def raw_body(self, page_id: int) -> bytes | None:
        row = self.db.execute("SELECT body_gz FROM pages WHERE id = ?", [page_id]).fetchone()
        return zlib.decompress(row[0]) if row and row[0] is not None else None

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching a query (any word of two or more characters), best first."""
        rows = self.db.execute(
            "SELECT a.id, a.title, a.url, a.published_at FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?",
            [fts.fts_query(query), limit],
        )
        return [dict(zip(("id", "title", "url", "published_at"), r, strict=True)) for r in rows]

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
