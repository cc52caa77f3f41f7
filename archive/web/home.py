"""What an archive holds, for its home page: sites, date range, articles, statistics, the last crawl.

Every figure is one indexed query (a count reads the narrowest index, the date range two ends of the
``published_at`` index), so the summary costs a few milliseconds at 100,000 articles; it is computed once per
version of the file (:class:`archive.web.search_index.ArchiveFile`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from archive.web.rows import columns_of, dicts, has_table, one
from archive.web.search_index import ArchiveFile

#: the tables that make a SQLite file one of our archives
ARCHIVE_TABLES = {"articles", "sites", "metrics"}


@dataclass
class Summary:
    articles: int = 0
    sites: int = 0
    first_published: str | None = None
    last_published: str | None = None
    figures: int = 0
    statistics: int = 0
    versions: int = 0
    fetches: int = 0
    last_crawl: dict[str, Any] | None = None
    site_rows: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)


def is_archive(conn: sqlite3.Connection) -> bool:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return ARCHIVE_TABLES <= names


def summary(conn: sqlite3.Connection) -> Summary:
    s = Summary()
    s.articles = one(conn, "SELECT count(*) FROM articles")
    s.sites = one(conn, "SELECT count(*) FROM sites")
    s.first_published, s.last_published = conn.execute(
        "SELECT (SELECT published_at FROM articles WHERE published_at IS NOT NULL ORDER BY published_at LIMIT 1), "
        "(SELECT published_at FROM articles WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT 1)"
    ).fetchone()
    s.figures = one(conn, "SELECT count(*) FROM metrics")
    s.statistics = one(conn, "SELECT count(*) FROM series") if has_table(conn, "series") else 0
    s.versions = one(conn, "SELECT count(*) FROM article_versions") if has_table(conn, "article_versions") else 0
    s.fetches = one(conn, "SELECT count(*) FROM pages") if has_table(conn, "pages") else 0
    if has_table(conn, "crawl_runs"):
        s.last_crawl = next(iter(dicts(conn, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")), None)
    counts = dict(conn.execute("SELECT site_id, count(*) FROM articles GROUP BY site_id").fetchall())
    cols = columns_of(conn, "sites")
    region = [c for c in ("province", "city", "county") if c in cols]
    for row in conn.execute(f"SELECT id, name, host, {', '.join(region) or 'NULL'} FROM sites ORDER BY id"):
        s.site_rows.append({"id": row[0], "name": row[1] or row[2], "host": row[2], "articles": counts.get(row[0], 0),
                            "region": "".join(x for x in row[3:] if x)})
    s.site_rows.sort(key=lambda r: -r["articles"])
    if s.statistics:
        s.categories = [{"category": c, "measure": m, "period_kind": k, "n": n} for c, m, k, n in conn.execute(
            "SELECT category, measure, period_kind, count(*) AS n FROM series WHERE scope = 'total' "
            "AND value IS NOT NULL AND category IS NOT NULL AND measure IS NOT NULL AND period_kind IS NOT NULL "
            "GROUP BY 1, 2, 3 ORDER BY n DESC LIMIT 8")]
    return s


def cached_summary(file: ArchiveFile) -> Summary | None:
    """The file's summary, or None when it is not one of our archives."""
    return file.cached(("summary",), lambda conn: summary(conn) if is_archive(conn) else None)
