"""Rebuild article rows from the archived raw bytes (WARC or inline), without network.

Run after improving the extractor: every article is extracted again from the exact bytes the server
sent, rows whose extracted fields differ are rewritten, and a report says what changed. Running it twice
changes nothing the second time.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from archive import Archive
from archive.records import Extraction, RecordError
from archive.tables import ARTICLES
from extract import DecodeError, extract_article


@dataclass
class ReextractReport:
    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    fields: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _norm(field_name: str, value: Any) -> Any:
    """A stored value in a form where an empty JSON object and NULL compare equal."""
    if not ARTICLES.column(field_name).json:
        return value
    return (json.loads(value) if isinstance(value, str) else value) or None


def _metric_key(row: tuple) -> tuple:
    return tuple(float(x) if isinstance(x, int | float) and not isinstance(x, bool) else x for x in row)


def _raw(job: dict[str, Any]) -> bytes | None:
    if job["body_gz"] is not None:
        return zlib.decompress(job["body_gz"])
    if job["warc_path"]:
        from archive.warc import read_response

        return read_response(job["warc_path"], job["warc_offset"])[2]
    return None


def _extract_one(job: dict[str, Any]) -> Extraction | str:
    """Worker: read one page's raw bytes and extract it; a string is the one-line reason it could not be."""
    try:
        raw = _raw(job)
    except (OSError, ValueError) as exc:
        return f"raw bytes unreadable: {exc}"
    if raw is None:
        return "raw bytes not in the archive"
    try:
        return Extraction.from_article(extract_article(raw, job["url"], job["content_type"]).to_dict())
    except (DecodeError, RecordError) as exc:
        return str(exc)


def _job(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("url", "content_type", "warc_path", "warc_offset", "body_gz")
    return {k: row[k] for k in keys}


def _compare(archive: Archive, report: ReextractReport, row: dict[str, Any], art: Extraction | str,
             pending: list[tuple[int, Extraction]], max_examples: int) -> None:
    """Count one re-extracted article and queue its row for rewriting when any extracted field changed."""
    if isinstance(art, str):
        report.failed += 1
        report.failures.append(f"{row['url']}: {art}")
        return
    values = art.column_values()
    diff = [f for f in Archive.EXTRACTED if _norm(f, row[f]) != _norm(f, values.get(f))]
    new_metrics = [tuple(int(bool(m.get(c))) if c == "approximate" else m.get(c) for c in Archive.METRIC_COLUMNS)
                   for m in art.metrics]
    if [_metric_key(r) for r in archive.metric_rows(row["id"])] != [_metric_key(r) for r in new_metrics]:
        diff.append("metrics")
    if not diff:
        report.unchanged += 1
        return
    report.changed += 1
    report.fields.update(diff)
    if len(report.examples) < max_examples:
        report.examples.append({"url": row["url"], "changes": {
            f: [str(row[f])[:80], str(values.get(f))[:80]] for f in diff if f != "metrics"}})
    pending.append((row["id"], art))


def reextract(archive: Archive, batch: int = 200, max_examples: int = 5, workers: int = 1) -> ReextractReport:
    """Re-extract every article; ``workers`` > 1 read and extract in a process pool, rows are written here."""
    report = ReextractReport()
    pending: list[tuple[int, Extraction]] = []

    def flush() -> None:
        with archive.transaction():
            for article_id, extraction in pending:
                archive.update_extraction(article_id, extraction)
        pending.clear()

    # one chunk of rows (with their extracted text, for the comparison) in memory at a time
    report.articles = archive.count("articles")
    if workers > 1:
        import multiprocessing as mp

        # spawn, like the crawl's pools: workers never inherit the open archive's connection
        pool = mp.get_context("spawn").Pool(workers)
    else:
        pool = None

    def started(rows: list[dict[str, Any]] | None) -> tuple[list[dict[str, Any]], Iterable[dict[str, Any] | str]] | None:
        if rows is None:
            return None
        jobs = [_job(r) for r in rows]
        return rows, (pool.imap(_extract_one, jobs, chunksize=16) if pool is not None else map(_extract_one, jobs))

    chunks = archive.iter_extraction_sources(chunk=max(batch, 64 * workers))
    current = started(next(chunks, None))
    while current is not None:
        rows, results = current
        current = started(next(chunks, None))  # the workers start on the next chunk while this one is compared
        for row, art in zip(rows, results, strict=True):
            _compare(archive, report, row, art, pending, max_examples)
            if len(pending) >= batch:
                flush()
    flush()
    if pool is not None:
        pool.close()
        pool.join()
    return report
