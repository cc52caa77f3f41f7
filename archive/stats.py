"""Summary figures of an archive, for ``police-archive stats`` and the end of a crawl."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def archive_stats(db: sqlite_utils.Database) -> dict[str, Any]:
    q = db.execute
    return {
        "articles": q("SELECT count(*) FROM articles").fetchone()[0],
        "sites": q("SELECT count(*) FROM sites").fetchone()[0],
        "pages": q("SELECT count(*) FROM pages").fetchone()[0],
        "failed_pages": q("SELECT count(*) FROM pages WHERE error != '' OR status >= 400").fetchone()[0],
        "raw_bytes": q("SELECT coalesce(sum(size), 0) FROM pages").fetchone()[0],
        "stored_bytes": q("SELECT coalesce(sum(length(body_gz)), 0) FROM pages").fetchone()[0],
        "runs": q("SELECT count(*) FROM crawl_runs").fetchone()[0],
        "per_site": [
            dict(zip(("site", "host", "articles", "first", "last"), r, strict=True))
            for r in q(
                "SELECT s.name, s.host, count(a.id), min(a.published_at), max(a.published_at) FROM sites s "
                "LEFT JOIN articles a ON a.site_id = s.id GROUP BY s.id ORDER BY s.host"
            )
        ],
        "per_column": [
            dict(zip(("site", "column", "articles"), r, strict=True))
            for r in q(
                "SELECT s.name, a.column_name, count(*) FROM articles a JOIN sites s ON s.id = a.site_id "
                "GROUP BY s.id, a.column_name ORDER BY s.host, a.column_name"
            )
        ],
    }
