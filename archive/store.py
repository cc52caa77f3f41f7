"""Writes to the archive: one transaction per batch, idempotent, parameterised SQL only."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from archive import fts
from archive.schema import ADDED_COLUMNS, FTS, LATE_INDEXES, SCHEMA_VERSION, TABLES

#: test hook (tests/test_crash.py): SIGKILL this process inside the N-th write transaction
_KILL_IN_WRITE = int(os.environ.get("POLICE_ARCHIVE_KILL_IN_WRITE", "0") or 0)
#: processes that hook kills first (a writer process adds the crawl: both die at once, like a power cut)
KILL_ALSO: list[int] = []


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def warc_dir_for(db_path: str | Path, configured: str | Path | None = None) -> Path:
    """The WARC directory of an archive: ``configured``, else ``<archive stem>-warc`` beside the file."""
    if configured:
        return Path(configured)
    p = Path(db_path)
    return p.with_name(p.stem + "-warc")


def _site_of(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit

    p = urlsplit(url)
    return p.netloc.lower(), f"{p.scheme}://{p.netloc.lower()}/"


class Archive:
    """An archive file. Open it, write batches of records, close it.

    Records are plain dicts with a ``type`` of ``page`` or ``article`` (see :meth:`write_batch`).
    """

    def __init__(self, path: str | Path, warc_dir: str | Path | None = None, warc_compression: str | None = "gzip"):
        self.path = str(path)
        self._batches = 0
        self.warc_dir = Path(warc_dir) if warc_dir else None
        #: "gzip" (.warc.gz, what every WARC tool reads) or "zstd" (.warc.zst with a dictionary, smaller)
        self.warc_compression = warc_compression or "gzip"
        if self.warc_compression not in ("gzip", "zstd"):
            raise ValueError(f"unknown WARC compression {warc_compression!r}; use gzip or zstd")
        self._warc = None
        conn = sqlite3.connect(self.path, timeout=30)
        fts.register(conn)
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        # executescript runs the idempotent DDL as one script (trigger bodies contain semicolons)
        conn.executescript("BEGIN;\n" + TABLES + FTS + "COMMIT;")
        self._migrate()

    def _migrate(self) -> None:
        """Add the columns introduced after an archive was created; never drop or rename."""
        with self.db.atomic():
            for table, column, decl in ADDED_COLUMNS:
                have = {r[1] for r in self.db.execute(f"PRAGMA table_info([{table}])")}
                if column not in have:
                    self.db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{column}] {decl}")
            for statement in filter(None, (s.strip() for s in LATE_INDEXES.split(";"))):
                self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @property
    def warc(self):  # noqa: ANN201 - WarcStore, imported lazily
        if self._warc is None and self.warc_dir is not None:
            from archive.warc import WarcStore

            self._warc = WarcStore(self.warc_dir, compression=self.warc_compression)
        return self._warc

    # -- crawl runs -------------------------------------------------------------------------------
    def start_run(self, start_urls: list[str], settings: dict[str, Any] | None = None, mode: str = "incremental") -> int:
        with self.db.atomic():
            # the caller holds the archive lock: a run still marked running was killed
            self.db.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.db.execute(
                "INSERT INTO crawl_runs (started_at, start_urls, settings, mode) VALUES (?, ?, ?, ?)",
                [now_iso(), json.dumps(start_urls, ensure_ascii=False), json.dumps(settings or {}, ensure_ascii=False),
                 mode],
            )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        cols = ("requests", "bytes", "list_pages", "articles_new", "articles_changed", "articles_unchanged", "errors",
                "not_modified")
        with self.db.atomic():
            self.db.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, status_counts = ?, "
                + ", ".join(f"{c} = ?" for c in cols)
                + " WHERE id = ?",
                [now_iso(), status, json.dumps(counts.get("status_counts") or {}),
                 *[int(counts.get(c, 0)) for c in cols], run_id],
            )
        if self._warc is not None:
            self._warc.close()

    # -- writes -----------------------------------------------------------------------------------
    def write_batch(self, records: Iterable[dict[str, Any]], run_id: int | None = None) -> dict[str, int]:
        """Write pages and articles in one transaction. Returns counts of new/changed/unchanged articles.

        A ``page`` record: url, method, request_body, kind, status, error, content_type, headers (dict),
        body (bytes), fetched_at, elapsed_ms. An ``article`` record: the fields of
        :class:`extract.article.Article` plus ``page`` (its page record), list_title, list_date.
        """
        counts = {"articles_new": 0, "articles_changed": 0, "articles_unchanged": 0}
        self._batches += 1
        kill_at = _KILL_IN_WRITE and self._batches == _KILL_IN_WRITE
        with self.db.atomic():
            for i, rec in enumerate(records):
                if kill_at and i == 1:
                    # fault injection for the crash tests: die inside an open write transaction
                    for pid in KILL_ALSO:
                        os.kill(pid, signal.SIGKILL)
                    os.kill(os.getpid(), signal.SIGKILL)
                if rec["type"] == "page":
                    self._write_page(rec, run_id)
                elif rec["type"] == "article":
                    page_id = self._write_page(rec["page"], run_id)
                    counts["articles_" + self._write_article(rec, page_id, run_id)] += 1
                elif rec["type"] == "column":
                    self.register_column(rec)
                elif rec["type"] == "not_modified":
                    # a 304 to a conditional request: the archived article is still current
                    self._write_page(rec["page"], run_id)
                    self.db.execute("UPDATE articles SET fetched_at = ?, crawl_run_id = ? WHERE url = ?",
                                    [rec["page"].get("fetched_at") or now_iso(), run_id, rec["url"]])
                    counts["articles_unchanged"] += 1
        return counts

    def _write_page(self, rec: dict[str, Any], run_id: int | None) -> int:
        body: bytes | None = rec.get("body")
        sha = hashlib.sha256(body).hexdigest() if body is not None else ""
        fetched = rec.get("fetched_at") or now_iso()
        key = [rec["url"], rec.get("method") or "GET", rec.get("request_body") or "", rec.get("status"),
               rec.get("error") or "", sha]
        row = self.db.execute(
            "SELECT id, fetched_at, warc_file FROM pages WHERE url = ? AND method = ? AND request_body = ? "
            "AND status IS ? AND error = ? AND body_sha256 = ?", key).fetchone()
        if self.warc is not None and not rec.get("_warc_written"):
            revisit = (rec["url"], row[1]) if row and row[2] and body else None
            pointer = self.warc.write_exchange(rec, revisit_of=revisit)
        else:
            pointer = None
        if row:
            self._note_fetch_outcome(rec, fetched, run_id)
            self.db.execute("UPDATE pages SET last_fetched_at = ?, fetch_count = fetch_count + 1 WHERE id = ?",
                            [fetched, row[0]])
            return int(row[0])
        self._note_fetch_outcome(rec, fetched, run_id)
        headers = {k.lower(): v for k, v in (rec.get("headers") or {}).items()}
        keep_blob = body is not None and pointer is None
        cur = self.db.execute(
            "INSERT INTO pages (url, method, request_body, status, error, body_sha256, kind, content_type, headers, "
            "size, body_gz, fetched_at, last_fetched_at, elapsed_ms, crawl_run_id, warc_file, warc_offset, "
            "warc_length, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*key, rec.get("kind", "other"), rec.get("content_type"),
             json.dumps(rec.get("headers") or {}, ensure_ascii=False),
             len(body) if body is not None else None,
             zlib.compress(body, 6) if keep_blob else None,
             fetched, fetched, rec.get("elapsed_ms"), run_id,
             pointer.file if pointer else None, pointer.offset if pointer else None,
             pointer.length if pointer else None, headers.get("etag"), headers.get("last-modified")],
        )
        return int(cur.lastrowid)

    def _note_fetch_outcome(self, rec: dict[str, Any], fetched: str, run_id: int | None) -> None:
        """Failed fetches go to fetch_errors (one row per URL and reason); a success resolves them."""
        error = rec.get("error") or ""
        status = rec.get("status")
        if not error:
            if status is not None and status < 400:
                self.db.execute("UPDATE fetch_errors SET resolved_at = ? WHERE url = ? AND resolved_at IS NULL",
                                [fetched, rec["url"]])
            return
        if error.startswith("outside the"):
            return  # a --since/--until decision, not a failure
        category = ("blocked" if error.startswith("blocked") else "rejected" if error.startswith("rejected")
                    else "http" if status is not None and status >= 400 else "network" if status is None
                    else "rejected")
        self.db.execute(
            "INSERT INTO fetch_errors (url, kind, category, status, reason, first_seen, last_seen, crawl_run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url, reason) DO UPDATE SET count = count + 1, "
            "last_seen = excluded.last_seen, status = excluded.status, resolved_at = NULL, "
            "crawl_run_id = excluded.crawl_run_id",
            [rec["url"], rec.get("kind", "other"), category, status, error, fetched, fetched, run_id])

    def _site_id(self, rec: dict[str, Any]) -> int:
        host, base = _site_of(rec["url"])
        now = now_iso()
        conflicts = rec.get("region_conflicts")
        self.db.execute(
            "INSERT INTO sites (host, base_url, name, site_code, icp, beian, cms, region_code, province, city, county, "
            "region_source, region_conflicts, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(host) DO UPDATE SET "
            "name = COALESCE(sites.name, excluded.name), site_code = COALESCE(sites.site_code, excluded.site_code), "
            "icp = COALESCE(sites.icp, excluded.icp), beian = COALESCE(sites.beian, excluded.beian), "
            "cms = COALESCE(sites.cms, excluded.cms), region_code = COALESCE(sites.region_code, excluded.region_code), "
            "province = COALESCE(sites.province, excluded.province), city = COALESCE(sites.city, excluded.city), "
            "county = COALESCE(sites.county, excluded.county), "
            "region_source = COALESCE(sites.region_source, excluded.region_source), "
            "region_conflicts = COALESCE(sites.region_conflicts, excluded.region_conflicts), "
            "last_seen = excluded.last_seen",
            [host, base, rec.get("site_name"), rec.get("site_code"), rec.get("icp"), rec.get("beian"),
             rec.get("cms"), rec.get("region_code"), rec.get("province"), rec.get("city"), rec.get("county"),
             rec.get("region_source"), json.dumps(conflicts, ensure_ascii=False) if conflicts else None, now, now],
        )
        return int(self.db.execute("SELECT id FROM sites WHERE host = ?", [host]).fetchone()[0])

    def _write_article(self, rec: dict[str, Any], page_id: int, run_id: int | None) -> str:
        site_id = self._site_id(rec)
        fetched = rec.get("fetched_at") or now_iso()
        old = self.db.execute(
            "SELECT id, content_hash, title, published_at, source, text, page_id, first_fetched_at, fetched_at "
            "FROM articles WHERE url = ?", [rec["url"]]).fetchone()
        ptr = self.db.execute("SELECT warc_file, warc_offset FROM pages WHERE id = ?", [page_id]).fetchone()
        fields = {
            "site_id": site_id, "title": rec.get("title"), "published_at": rec.get("published_at"),
            "source": rec.get("source"), "author": rec.get("author"), "column_name": rec.get("column_name"),
            "site_name": rec.get("site_name"), "text": rec["text"], "content_hash": rec["content_hash"],
            "cms": rec.get("cms"), "body_method": rec.get("body_method"), "encoding": rec.get("encoding"),
            "date_candidates": json.dumps(rec.get("date_candidates") or {}, ensure_ascii=False),
            "date_conflict": int(bool(rec.get("date_conflict"))), "list_title": rec.get("list_title"),
            "list_date": rec.get("list_date"), "page_id": page_id, "fetched_at": fetched, "crawl_run_id": run_id,
            "warc_file": ptr[0] if ptr else None, "warc_offset": ptr[1] if ptr else None,
            "year": (rec.get("published_at") or "")[:4] or None,
            "province": self.db.execute("SELECT province FROM sites WHERE id = ?", [site_id]).fetchone()[0],
            "info_fields": json.dumps(rec["info_fields"], ensure_ascii=False) if rec.get("info_fields") else None,
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
                self.db.execute("UPDATE articles SET fetched_at = ?, crawl_run_id = ? WHERE id = ?",
                                [fetched, run_id, article_id])
            else:
                # keep the superseded version, then overwrite the row with the newest
                self.db.execute(
                    "INSERT INTO article_versions (article_id, url, title, published_at, source, text, content_hash, "
                    "page_id, first_fetched_at, last_fetched_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [article_id, rec["url"], old[2], old[3], old[4], old[5], old[1], old[6], old[7], old[8], fetched],
                )
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
        for img in rec.get("images") or []:
            self.db.execute("INSERT INTO images (article_id, url, caption) VALUES (?, ?, ?) "
                            "ON CONFLICT(article_id, url) DO UPDATE SET caption = excluded.caption",
                            [article_id, img["url"], img.get("caption")])
        if outcome != "unchanged":
            self.replace_metrics(article_id, rec.get("metrics") or [])
        return outcome

    METRIC_COLUMNS = ("indicator", "value", "unit", "approximate", "change_basis", "change_direction", "change_value",
                      "change_unit", "period_text", "period_start", "period_end", "place", "sentence", "span_start",
                      "span_end")

    def replace_metrics(self, article_id: int, metrics: list[dict[str, Any]]) -> None:
        """The article's statistics, replacing any earlier extraction of them."""
        self.db.execute("DELETE FROM metrics WHERE article_id = ?", [article_id])
        cols = self.METRIC_COLUMNS
        for m in metrics:
            self.db.execute(
                f"INSERT INTO metrics (article_id, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
                [article_id, *(int(bool(m.get(c))) if c == "approximate" else m.get(c) for c in cols)],
            )

    def metric_rows(self, article_id: int) -> list[tuple]:
        cols = ", ".join(self.METRIC_COLUMNS)
        return [tuple(r) for r in self.db.execute(
            f"SELECT {cols} FROM metrics WHERE article_id = ? ORDER BY span_start, id", [article_id])]

    # -- reads ------------------------------------------------------------------------------------
    def begin_column_walks(self, urls: list[str]) -> dict[str, bool]:
        """Register columns and mark their walk as under way; return which had a complete walk before.

        A column counts as complete only once a crawl has followed its pagination to the end; if this
        crawl dies halfway, the mark stays cleared and the next crawl walks every list page again.
        """
        before: dict[str, bool] = {}
        now = now_iso()
        with self.db.atomic():
            for url in urls:
                row = self.db.execute("SELECT walked_complete_at FROM columns WHERE url = ?", [url]).fetchone()
                before[url] = bool(row and row[0])
                site_id = self._site_id({"url": url})
                self.db.execute(
                    "INSERT INTO columns (url, site_id, first_seen, last_seen) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, walked_complete_at = NULL",
                    [url, site_id, now, now])
        return before

    def column_states(self) -> dict[str, bool]:
        """Column URL → True when its last walk reached the end."""
        return {r[0]: bool(r[1]) for r in self.db.execute("SELECT url, walked_complete_at FROM columns")}

    def register_column(self, rec: dict[str, Any]) -> None:
        """A column found in site mode: recorded, and marked as being walked."""
        now = now_iso()
        site_id = self._site_id({"url": rec["url"]})
        self.db.execute(
            "INSERT INTO columns (url, site_id, name, family, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, name = COALESCE(excluded.name, name), "
            "family = COALESCE(excluded.family, family), walked_complete_at = NULL",
            [rec["url"], site_id, rec.get("name"), rec.get("family"), now, now])

    def end_column_walks(self, complete: dict[str, dict[str, str | None]]) -> None:
        """Mark columns whose pagination was followed to the end: url → {"family", "name"}."""
        now = now_iso()
        with self.db.atomic():
            for url, info in complete.items():
                self.db.execute(
                    "UPDATE columns SET walked_complete_at = ?, family = COALESCE(?, family), "
                    "name = COALESCE(name, ?) WHERE url = ?", [now, info.get("family"), info.get("name"), url])

    def dead_article_urls(self) -> set[str]:
        """Article links that answered 404/410 and never succeeded: not worth a request every night."""
        return {r[0] for r in self.db.execute(
            "SELECT url FROM pages WHERE kind = 'article' AND status IN (404, 410) "
            "AND url NOT IN (SELECT url FROM articles)")}

    def known_article_urls(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT url FROM articles")}

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        """URL → (ETag, Last-Modified) of its latest successful GET, for conditional requests."""
        out: dict[str, tuple[str | None, str | None]] = {}
        for url, etag, lm in self.db.execute(
            "SELECT url, etag, last_modified FROM pages WHERE method = 'GET' AND status = 200 "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL) ORDER BY last_fetched_at"
        ):
            out[url] = (etag, lm)
        return out

    def raw_body(self, page_id: int) -> bytes | None:
        """The raw response bytes of a fetch, from its WARC record or the inline copy."""
        row = self.db.execute("SELECT body_gz, warc_file, warc_offset FROM pages WHERE id = ?", [page_id]).fetchone()
        if not row:
            return None
        if row[0] is not None:
            return zlib.decompress(row[0])
        if row[1] and self.warc_dir is not None:
            from archive.warc import read_response

            return read_response(self.warc_dir / row[1], int(row[2]))[2]
        return None

    #: article fields that re-extraction may rewrite
    EXTRACTED = ("title", "published_at", "source", "author", "column_name", "site_name", "text", "content_hash",
                 "cms", "body_method", "encoding", "date_candidates", "date_conflict")

    def iter_extraction_sources(self, chunk: int = 500) -> Iterator[list[dict[str, Any]]]:
        """Every article with the fetch it came from, for re-extraction without network, ``chunk`` rows at a time.

        Each row carries where the raw bytes are (``warc_path`` + ``warc_offset``, or ``body_gz``), so that
        worker processes can read them themselves. Chunks are read by id (keyset pagination), so the caller
        may rewrite rows between chunks and memory stays at one chunk however large the archive.
        """
        cols = ", ".join(f"a.{c}" for c in self.EXTRACTED)
        names = ["id", "url", "page_id", "content_type", "warc_file", "warc_offset", "body_gz", *self.EXTRACTED]
        last = -1
        while True:
            rows = self.db.execute(
                f"SELECT a.id, a.url, a.page_id, p.content_type, p.warc_file, p.warc_offset, p.body_gz, {cols} "
                "FROM articles a LEFT JOIN pages p ON p.id = a.page_id WHERE a.id > ? ORDER BY a.id LIMIT ?",
                [last, chunk]).fetchall()
            if not rows:
                return
            out = []
            for row in rows:
                rec = dict(zip(names, row, strict=True))
                rec["warc_path"] = str(self.warc_dir / rec["warc_file"]) if rec["warc_file"] and self.warc_dir else None
                out.append(rec)
            last = out[-1]["id"]
            yield out

    def update_extraction(self, article_id: int, rec: dict[str, Any]) -> None:
        """Rewrite an article's extracted fields in place (a re-extraction is not a new fetch)."""
        values = dict(rec)
        values["date_candidates"] = json.dumps(rec.get("date_candidates") or {}, ensure_ascii=False)
        values["date_conflict"] = int(bool(rec.get("date_conflict")))
        self.db.execute(
            f"UPDATE articles SET {', '.join(f'{c} = ?' for c in self.EXTRACTED)} WHERE id = ?",
            [*(values.get(c) for c in self.EXTRACTED), article_id],
        )
        for att in rec.get("attachments") or []:
            self.db.execute(
                "INSERT INTO attachments (article_id, url, name, type) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(article_id, url) DO UPDATE SET name = excluded.name, type = excluded.type",
                [article_id, att["url"], att.get("name"), att.get("type")],
            )
        self.replace_metrics(article_id, rec.get("metrics") or [])

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching a query (any word of two or more characters), best first."""
        rows = self.db.execute(
            "SELECT a.id, a.title, a.url, a.published_at FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?",
            [fts.fts_query(query), limit],
        )
        return [dict(zip(("id", "title", "url", "published_at"), r, strict=True)) for r in rows]

    def close(self) -> None:
        """Close the WARC file being written (its CDXJ index is written then) and the database."""
        try:
            if self._warc is not None:
                self._warc.close()
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
