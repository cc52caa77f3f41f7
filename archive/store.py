"""Writes to the archive: one transaction per batch of records, idempotent, parameterised SQL only.

The records are those of :mod:`archive.records`; the tables and columns those of :mod:`archive.tables`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from archive import fts, series, tables
from archive.opening import ArchiveError, check_openable, schema_version
from archive.records import (
    ArticleRecord,
    ColumnRecord,
    Extraction,
    FetchError,
    NotModified,
    PageFetch,
    Record,
    RecordError,
    RunCounts,
    RunStart,
    stored,
)
from archive.tables import ARTICLES, METRICS, SCHEMA_VERSION, SITES

__all__ = ["Archive", "ArchiveError", "now_iso", "warc_dir_for"]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def warc_dir_for(db_path: str | Path, configured: str | Path | None = None) -> Path:
    """The WARC directory of an archive: ``configured``, else ``<archive stem>-warc`` beside the file."""
    if configured:
        return Path(configured)
    p = Path(db_path)
    return p.with_name(p.stem + "-warc")


def _site_of(url: str) -> tuple[str, str]:
    p = urlsplit(url)
    return p.netloc.lower(), f"{p.scheme}://{p.netloc.lower()}/"


#: columns of a site a later write may fill in but never overwrites (the first evidence stays)
_SITE_FILLED = [c for c in SITES.writable("extract")]
_SITE_UPSERT = tables.insert_sql(
    "sites", ("host", "base_url", *_SITE_FILLED, "first_seen", "last_seen"),
    "ON CONFLICT(host) DO UPDATE SET " + ", ".join(f"{c} = COALESCE(sites.{c}, excluded.{c})" for c in _SITE_FILLED)
    + ", last_seen = excluded.last_seen")
_PAGE_INSERT = tables.insert_sql(
    "pages", ("url", "method", "request_body", "status", "error", "body_sha256", "kind", "content_type", "headers",
              "size", "body_gz", "fetched_at", "last_fetched_at", "elapsed_ms", "crawl_run_id", "warc_file",
              "warc_offset", "warc_length", "etag", "last_modified"))
_FETCH_ERROR_UPSERT = tables.insert_sql(
    "fetch_errors", ("url", "kind", "category", "status", "reason", "first_seen", "last_seen", "crawl_run_id"),
    "ON CONFLICT(url, reason) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen, "
    "status = excluded.status, resolved_at = NULL, crawl_run_id = excluded.crawl_run_id")
_VERSION_COLUMNS = ("article_id", "url", "title", "published_at", "source", "text", "content_hash", "page_id",
                    "first_fetched_at", "last_fetched_at", "replaced_at")
#: the extracted columns of a metric row, in their table's order
METRIC_COLUMNS = METRICS.writable("extract")


class Archive:
    """An archive file. Open it, write batches of records, close it.

    Opening checks the file first (:func:`archive.opening.check_openable`): a missing directory, a file that is
    not SQLite, an archive written by a newer version or one that cannot be written raise :class:`ArchiveError`
    with a one-line reason before anything is changed. An archive of an older version is upgraded in place.
    """

    #: the articles columns that extraction fills (and re-extraction may rewrite)
    EXTRACTED = ARTICLES.writable("extract")
    METRIC_COLUMNS = METRIC_COLUMNS

    def __init__(self, path: str | Path, warc_dir: str | Path | None = None, warc_compression: str | None = "gzip"):
        self.path = str(path)
        check_openable(self.path, write=True)
        self.warc_dir = Path(warc_dir) if warc_dir else None
        #: "gzip" (.warc.gz, what every WARC tool reads) or "zstd" (.warc.zst with a dictionary, smaller)
        self.warc_compression = warc_compression or "gzip"
        if self.warc_compression not in ("gzip", "zstd"):
            raise ValueError(f"unknown WARC compression {warc_compression!r}; use gzip or zstd")
        self._warc = None
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            fts.register(conn)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._create_or_upgrade()
        except sqlite3.Error as exc:
            conn.close()
            raise ArchiveError(f"cannot open {self.path}: {exc}") from None

    def _create_or_upgrade(self) -> None:
        """Create what a new archive lacks and add the columns introduced since an older one was written."""
        conn = self.db.conn
        version = schema_version(conn)
        if version > SCHEMA_VERSION:  # checked before opening too; a race with a newer writer ends here
            raise ArchiveError(f"{self.path} was written by a newer police-archive (schema {version}; this version "
                               f"knows up to {SCHEMA_VERSION}): upgrade police-archive")
        # executescript runs the idempotent DDL as one script (trigger bodies contain semicolons)
        conn.executescript("BEGIN;\n" + tables.schema_sql() + tables.FTS + "COMMIT;")
        with self.db.atomic():
            have = {t.name: {r[1] for r in self.db.execute(f"PRAGMA table_info([{t.name}])")} for t in tables.TABLES}
            for statement in tables.upgrade_statements(have):
                self.db.execute(statement)
            for statement in tables.index_statements():
                self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @property
    def warc(self):  # noqa: ANN201 - WarcStore, imported lazily
        if self._warc is None and self.warc_dir is not None:
            from archive.warc import WarcStore

            self._warc = WarcStore(self.warc_dir, compression=self.warc_compression)
        return self._warc

    def transaction(self) -> AbstractContextManager[Any]:
        """One transaction (``with archive.transaction(): …``)."""
        return self.db.atomic()

    def count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM [{tables.BY_NAME[table].name}]").fetchone()[0])

    # -- crawl runs -------------------------------------------------------------------------------
    def start_run(self, run: RunStart) -> int:
        with self.db.atomic():
            # the caller holds the archive lock: a run still marked running was killed
            self.db.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.db.execute(
                "INSERT INTO crawl_runs (started_at, start_urls, settings, mode) VALUES (?, ?, ?, ?)",
                [now_iso(), json.dumps(list(run.start_urls), ensure_ascii=False),
                 json.dumps(run.settings, ensure_ascii=False), run.mode])
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        cols = ("requests", "bytes", "list_pages", "articles_new", "articles_changed", "articles_unchanged", "errors",
                "not_modified")
        with self.db.atomic():
            self.db.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, status_counts = ?, "
                + ", ".join(f"{c} = ?" for c in cols) + " WHERE id = ?",
                [now_iso(), status, json.dumps(counts.status_counts), *[int(getattr(counts, c)) for c in cols],
                 run_id])
        if self._warc is not None:
            self._warc.close()

    # -- writes -----------------------------------------------------------------------------------
    def write_batch(self, records: Iterable[Record], run_id: int | None = None) -> dict[str, int]:
        """Write records (:mod:`archive.records`) in one transaction; return counts of new/changed/unchanged articles."""
        counts = {"articles_new": 0, "articles_changed": 0, "articles_unchanged": 0}
        with self.db.atomic():
            for rec in records:
                match rec:
                    case PageFetch() | FetchError():
                        self._write_page(rec, run_id)
                    case ArticleRecord():
                        page_id = self._write_page(rec.page, run_id)
                        counts["articles_" + self._write_article(rec, page_id, run_id)] += 1
                    case ColumnRecord():
                        self.register_column(rec)
                    case NotModified():
                        # a 304 to a conditional request: the archived article is still current
                        self._write_page(rec.page, run_id)
                        self.db.execute("UPDATE articles SET fetched_at = ?, crawl_run_id = ? WHERE url = ?",
                                        [rec.page.fetched_at or now_iso(), run_id, rec.url])
                        counts["articles_unchanged"] += 1
                    case _:
                        raise RecordError(f"not an archive record: {type(rec).__name__}")
        return counts

    def _write_page(self, rec: PageFetch | FetchError, run_id: int | None) -> int:
        body = rec.body
        sha = hashlib.sha256(body).hexdigest() if body is not None else ""
        fetched = rec.fetched_at or now_iso()
        key = [rec.url, rec.method or "GET", rec.request_body or "", rec.status, rec.error, sha]
        row = self.db.execute(
            "SELECT id, fetched_at, warc_file FROM pages WHERE url = ? AND method = ? AND request_body = ? "
            "AND status IS ? AND error = ? AND body_sha256 = ?", key).fetchone()
        if self.warc is not None:
            revisit = (rec.url, row[1]) if row and row[2] and body else None
            pointer = self.warc.write_exchange(rec, revisit_of=revisit)
        else:
            pointer = None
        self._note_fetch_outcome(rec, fetched, run_id)
        if row:
            self.db.execute("UPDATE pages SET last_fetched_at = ?, fetch_count = fetch_count + 1 WHERE id = ?",
                            [fetched, row[0]])
            return int(row[0])
        headers = {k.lower(): v for k, v in (rec.headers or {}).items()}
        keep_blob = body is not None and pointer is None
        cur = self.db.execute(_PAGE_INSERT, [
            *key, rec.kind.value, rec.content_type, json.dumps(rec.headers or {}, ensure_ascii=False),
            len(body) if body is not None else None, zlib.compress(body, 6) if keep_blob else None,
            fetched, fetched, rec.elapsed_ms, run_id,
            pointer.file if pointer else None, pointer.offset if pointer else None,
            pointer.length if pointer else None, headers.get("etag"), headers.get("last-modified")])
        return int(cur.lastrowid)

    def _note_fetch_outcome(self, rec: PageFetch | FetchError, fetched: str, run_id: int | None) -> None:
        """Failed fetches go to fetch_errors (one row per URL and reason); a success resolves them."""
        failure = rec.failure
        if failure is None:
            if rec.status is not None and rec.status < 400:
                self.db.execute("UPDATE fetch_errors SET resolved_at = ? WHERE url = ? AND resolved_at IS NULL",
                                [fetched, rec.url])
            return
        if not failure.kind.is_error:
            return  # a --since/--until decision, not a failure
        self.db.execute(_FETCH_ERROR_UPSERT, [rec.url, rec.kind.value, failure.kind.value, rec.status,
                                              failure.reason, fetched, fetched, run_id])

    def _site_id(self, url: str, site: dict[str, Any] | None = None) -> int:
        host, base = _site_of(url)
        now = now_iso()
        values = [stored(SITES.column(c), (site or {}).get(c)) for c in _SITE_FILLED]
        self.db.execute(_SITE_UPSERT, [host, base, *values, now, now])
        return int(self.db.execute("SELECT id FROM sites WHERE host = ?", [host]).fetchone()[0])

    def _article_row(self, url: str, extraction: Extraction, site_id: int) -> dict[str, Any]:
        """The extracted columns of an article row and those derived from them."""
        row = extraction.column_values()
        row["year"] = (row.get("published_at") or "")[:4] or None
        row["province"] = self.db.execute("SELECT province FROM sites WHERE id = ?", [site_id]).fetchone()[0]
        return row

    def _write_article(self, rec: ArticleRecord, page_id: int, run_id: int | None) -> str:
        url = rec.url
        site_id = self._site_id(url, rec.extraction.site)
        fetched = rec.fetched_at or now_iso()
        old = self.db.execute(
            "SELECT id, content_hash, title, published_at, source, text, page_id, first_fetched_at, fetched_at "
            "FROM articles WHERE url = ?", [url]).fetchone()
        ptr = self.db.execute("SELECT warc_file, warc_offset FROM pages WHERE id = ?", [page_id]).fetchone()
        fields = {
            "site_id": site_id, **self._article_row(url, rec.extraction, site_id),
            "list_title": rec.list_title, "list_date": rec.list_date, "page_id": page_id, "fetched_at": fetched,
            "crawl_run_id": run_id, "warc_file": ptr[0] if ptr else None, "warc_offset": ptr[1] if ptr else None,
        }
        content_hash = fields["content_hash"]
        if old is None:
            cols = [*fields, "url", "first_fetched_at"]
            cur = self.db.execute(tables.insert_sql("articles", cols), [*fields.values(), url, fetched])
            article_id, outcome = int(cur.lastrowid), "new"
        else:
            article_id = int(old[0])
            outcome = "unchanged" if old[1] == content_hash else "changed"
            if outcome == "unchanged":
                self.db.execute("UPDATE articles SET fetched_at = ?, crawl_run_id = ? WHERE id = ?",
                                [fetched, run_id, article_id])
            else:
                # keep the superseded version, then overwrite the row with the newest
                self.db.execute(tables.insert_sql("article_versions", _VERSION_COLUMNS),
                                [article_id, url, old[2], old[3], old[4], old[5], old[1], old[6], old[7], old[8],
                                 fetched])
                self._update("articles", article_id, fields)
        self._write_files(article_id, rec.extraction)
        if outcome != "unchanged":
            self.replace_metrics(article_id, rec.extraction.metrics)
        return outcome

    def _update(self, table: str, row_id: int, fields: dict[str, Any]) -> None:
        t = tables.BY_NAME[table]
        for name in fields:
            t.column(name)
        self.db.execute(f"UPDATE {t.name} SET {', '.join(f'{c} = ?' for c in fields)} WHERE id = ?",
                        [*fields.values(), row_id])

    def _write_files(self, article_id: int, extraction: Extraction) -> None:
        """The article's attachments and images (kept across versions, names and captions refreshed)."""
        for att in extraction.attachments:
            self.db.execute(tables.insert_sql("attachments", ("article_id", "url", "name", "type"),
                                              "ON CONFLICT(article_id, url) DO UPDATE SET name = excluded.name, "
                                              "type = excluded.type"),
                            [article_id, att["url"], att["name"], att["type"]])
        for img in extraction.images:
            self.db.execute(tables.insert_sql("images", ("article_id", "url", "caption"),
                                              "ON CONFLICT(article_id, url) DO UPDATE SET caption = excluded.caption"),
                            [article_id, img["url"], img["caption"]])

    def replace_metrics(self, article_id: int, metrics: list[dict[str, Any]]) -> None:
        """The article's statistics, replacing any earlier extraction of them, and the series they report."""
        before = series.series_of(self.db, article_id)
        self.db.execute("DELETE FROM metrics WHERE article_id = ?", [article_id])
        sql = tables.insert_sql("metrics", ("article_id", *METRIC_COLUMNS))
        cols = [METRICS.column(c) for c in METRIC_COLUMNS]
        for m in metrics:
            self.db.execute(sql, [article_id, *(stored(c, m.get(c.name)) for c in cols)])
        series.attach_article(self.db, article_id, before)

    def metric_rows(self, article_id: int) -> list[tuple]:
        return [tuple(r) for r in self.db.execute(
            f"SELECT {', '.join(METRIC_COLUMNS)} FROM metrics WHERE article_id = ? ORDER BY span_start, id",
            [article_id])]

    # -- columns (栏目) -----------------------------------------------------------------------------
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
                site_id = self._site_id(url)
                self.db.execute(
                    "INSERT INTO columns (url, site_id, first_seen, last_seen) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, walked_complete_at = NULL",
                    [url, site_id, now, now])
        return before

    def column_states(self) -> dict[str, bool]:
        """Column URL → True when its last walk reached the end."""
        return {r[0]: bool(r[1]) for r in self.db.execute("SELECT url, walked_complete_at FROM columns")}

    def register_column(self, rec: ColumnRecord) -> None:
        """A column found in site mode: recorded, and marked as being walked."""
        now = now_iso()
        site_id = self._site_id(rec.url)
        self.db.execute(
            "INSERT INTO columns (url, site_id, name, family, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, name = COALESCE(excluded.name, name), "
            "family = COALESCE(excluded.family, family), walked_complete_at = NULL",
            [rec.url, site_id, rec.name, rec.family, now, now])

    def end_column_walks(self, complete: dict[str, dict[str, str | None]]) -> None:
        """Mark columns whose pagination was followed to the end: url → {"family", "name"}."""
        now = now_iso()
        with self.db.atomic():
            for url, info in complete.items():
                self.db.execute(
                    "UPDATE columns SET walked_complete_at = ?, family = COALESCE(?, family), "
                    "name = COALESCE(name, ?) WHERE url = ?", [now, info.get("family"), info.get("name"), url])

    # -- reads ------------------------------------------------------------------------------------
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

    def update_extraction(self, article_id: int, extraction: Extraction) -> None:
        """Rewrite an article's extracted fields in place (a re-extraction is not a new fetch)."""
        site_id = int(self.db.execute("SELECT site_id FROM articles WHERE id = ?", [article_id]).fetchone()[0])
        self._update("articles", article_id, self._article_row("", extraction, site_id))
        self._write_files(article_id, extraction)
        self.replace_metrics(article_id, extraction.metrics)

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
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError:
                pass  # a statement left open by a failed write: the WAL is checkpointed by the next opener
        finally:
            self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
