"""Merge archive shards (one per distributed worker) into one archive, without duplicates.

Rows are matched by their natural keys — sites by host, pages by (url, method, request body, status,
error, body hash), articles and columns by URL, crawl runs by (start, start URLs) — and ids are remapped.
When both sides hold an article, the later fetch wins and a differing older text is kept in
``article_versions``. WARC files (``.warc.gz`` or ``.warc.zst``) and their ``.cdxj`` indexes are copied
beside the output (names are unique, never overwritten).
Merging the same shard twice changes nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive import series, tables
from archive.store import Archive, warc_dir_for

_FILLED = tables.SITES.writable("extract")
_SITE_MERGE_COLUMNS = ("host", "base_url", *_FILLED, "first_seen", "last_seen")
#: a site both sides know keeps its first evidence and the widest first/last seen
_SITE_MERGE = tables.insert_sql(
    "sites", _SITE_MERGE_COLUMNS,
    "ON CONFLICT(host) DO UPDATE SET " + ", ".join(f"{c} = COALESCE(sites.{c}, excluded.{c})" for c in _FILLED)
    + ", first_seen = min(sites.first_seen, excluded.first_seen), last_seen = max(sites.last_seen, excluded.last_seen)")


@dataclass
class MergeReport:
    shards: int = 0
    pages_added: int = 0
    articles_added: int = 0
    articles_updated: int = 0
    warc_files_copied: int = 0
    per_shard: list[dict[str, Any]] = field(default_factory=list)


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple]]:
    cur = conn.execute(f"SELECT * FROM [{table}]")
    return [d[0] for d in cur.description], cur.fetchall()


def _insert(db: Any, table: str, rec: dict[str, Any]) -> int:
    cols = [c for c in rec if c != "id"]
    cur = db.execute(f"INSERT INTO [{table}] ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     [rec[c] for c in cols])
    return int(cur.lastrowid)


def merge(out: str | Path, shards: list[str | Path], warc_dir: str | Path | None = None) -> MergeReport:
    report = MergeReport()
    out_warc = Path(warc_dir) if warc_dir else warc_dir_for(out)
    with Archive(out) as archive:
        db = archive.db
        for shard in shards:
            if Path(shard).resolve() == Path(out).resolve():
                continue
            _check_warc_names(warc_dir_for(shard), out_warc)
            src = sqlite3.connect(f"file:{Path(shard).resolve()}?mode=ro", uri=True)
            added = {"pages": 0, "articles": 0, "updated": 0}
            with db.atomic():
                site_map: dict[int, int] = {}
                cols, rows = _rows(src, "sites")
                for row in rows:
                    r = dict(zip(cols, row, strict=True))
                    db.execute(_SITE_MERGE, [r.get(c) for c in _SITE_MERGE_COLUMNS])
                    site_map[r["id"]] = db.execute("SELECT id FROM sites WHERE host = ?", [r["host"]]).fetchone()[0]
                run_map: dict[int, int] = {}
                cols, rows = _rows(src, "crawl_runs")
                for row in rows:
                    r = dict(zip(cols, row, strict=True))
                    hit = db.execute("SELECT id FROM crawl_runs WHERE started_at = ? AND start_urls = ? AND settings IS ?",
                                     [r["started_at"], r["start_urls"], r["settings"]]).fetchone()
                    run_map[r["id"]] = hit[0] if hit else _insert(db, "crawl_runs", r)
                page_map: dict[int, int] = {}
                cols, rows = _rows(src, "pages")
                for row in rows:
                    r = dict(zip(cols, row, strict=True))
                    hit = db.execute(
                        "SELECT id FROM pages WHERE url = ? AND method = ? AND request_body = ? AND status IS ? "
                        "AND error = ? AND body_sha256 = ?",
                        [r["url"], r["method"], r["request_body"], r["status"], r["error"], r["body_sha256"]]).fetchone()
                    if hit:
                        db.execute("UPDATE pages SET last_fetched_at = max(last_fetched_at, ?), "
                                   "fetch_count = max(fetch_count, ?) WHERE id = ?",
                                   [r["last_fetched_at"], r["fetch_count"], hit[0]])
                        page_map[r["id"]] = hit[0]
                    else:
                        r["crawl_run_id"] = run_map.get(r["crawl_run_id"])
                        page_map[r["id"]] = _insert(db, "pages", r)
                        added["pages"] += 1
                cols, rows = _rows(src, "articles")
                for row in rows:
                    r = dict(zip(cols, row, strict=True))
                    old_id = r["id"]
                    r.update(site_id=site_map[r["site_id"]], page_id=page_map.get(r["page_id"]),
                             crawl_run_id=run_map.get(r["crawl_run_id"]))
                    hit = db.execute("SELECT id, fetched_at, content_hash, title, published_at, source, text, "
                                     "page_id, first_fetched_at FROM articles WHERE url = ?", [r["url"]]).fetchone()
                    if hit is None:
                        new_id = _insert(db, "articles", r)
                        added["articles"] += 1
                    elif r["fetched_at"] > hit[1] and r["content_hash"] != hit[2]:
                        new_id = hit[0]
                        exists = db.execute("SELECT 1 FROM article_versions WHERE article_id = ? AND content_hash = ?",
                                            [new_id, hit[2]]).fetchone()
                        if not exists:
                            db.execute(
                                "INSERT INTO article_versions (article_id, url, title, published_at, source, text, "
                                "content_hash, page_id, first_fetched_at, last_fetched_at, replaced_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [new_id, r["url"], hit[3], hit[4], hit[5], hit[6], hit[2], hit[7], hit[8], hit[1],
                                 r["fetched_at"]])
                        fields = [c for c in r if c not in ("id", "url", "first_fetched_at")]
                        db.execute(f"UPDATE articles SET {', '.join(f'{c} = ?' for c in fields)} WHERE id = ?",
                                   [*(r[c] for c in fields), new_id])
                        added["updated"] += 1
                    else:
                        continue  # ours is as new or newer: keep it, with its metrics and attachments
                    before = series.series_of(db, new_id)
                    db.execute("DELETE FROM metrics WHERE article_id = ?", [new_id])
                    mcols, mrows = _rows_where(src, "metrics", old_id)
                    for mrow in mrows:
                        m = dict(zip(mcols, mrow, strict=True))
                        m.update(article_id=new_id, series_id=None)  # the shard's series ids mean nothing here
                        _insert(db, "metrics", m)
                    series.attach_article(db, new_id, before)
                    acols, arows = _rows_where(src, "attachments", old_id)
                    for arow in arows:
                        a = dict(zip(acols, arow, strict=True))
                        db.execute("INSERT OR IGNORE INTO attachments (article_id, url, name, type) VALUES (?, ?, ?, ?)",
                                   [new_id, a["url"], a["name"], a["type"]])
                    icols, irows = _rows_where(src, "images", old_id)
                    for irow in irows:
                        im = dict(zip(icols, irow, strict=True))
                        db.execute("INSERT OR IGNORE INTO images (article_id, url, caption) VALUES (?, ?, ?)",
                                   [new_id, im["url"], im["caption"]])
                    vcols, vrows = _rows_where(src, "article_versions", old_id)
                    for vrow in vrows:
                        v = dict(zip(vcols, vrow, strict=True))
                        if not db.execute("SELECT 1 FROM article_versions WHERE article_id = ? AND content_hash = ? "
                                          "AND replaced_at = ?", [new_id, v["content_hash"], v["replaced_at"]]).fetchone():
                            v.update(article_id=new_id, page_id=page_map.get(v["page_id"]))
                            _insert(db, "article_versions", v)
                cols, rows = _rows(src, "columns")
                for row in rows:
                    r = dict(zip(cols, row, strict=True))
                    db.execute(
                        "INSERT INTO columns (url, site_id, name, family, first_seen, last_seen, walked_complete_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                        "name = COALESCE(columns.name, excluded.name), family = COALESCE(columns.family, excluded.family), "
                        "first_seen = min(columns.first_seen, excluded.first_seen), "
                        "last_seen = max(columns.last_seen, excluded.last_seen), "
                        "walked_complete_at = max(COALESCE(columns.walked_complete_at, ''), "
                        "COALESCE(excluded.walked_complete_at, ''))",
                        [r["url"], site_map.get(r["site_id"]), r["name"], r["family"], r["first_seen"], r["last_seen"],
                         r["walked_complete_at"]])
            src.close()
            shard_warc = warc_dir_for(shard)
            if shard_warc.is_dir():
                out_warc.mkdir(parents=True, exist_ok=True)
                for f in sorted(shard_warc.iterdir()):
                    if f.is_file() and not (out_warc / f.name).exists():
                        shutil.copy2(f, out_warc / f.name)
                        report.warc_files_copied += 1
            report.shards += 1
            report.pages_added += added["pages"]
            report.articles_added += added["articles"]
            report.articles_updated += added["updated"]
            report.per_shard.append({"shard": str(shard), **added})
    return report


class MergeConflict(ValueError):
    """Two different WARC files with one name: copying either would leave rows pointing into the wrong file."""


def _same_file(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            ca, cb = fa.read(1 << 20), fb.read(1 << 20)
            if ca != cb:
                return False
            if not ca:
                return True


def _check_warc_names(shard_warc: Path, out_warc: Path) -> None:
    """Refuse, before any row is merged, a shard WARC file whose name the output already uses for another file.

    Names carry the crawl host, the process id and the second the file was opened, so this takes two
    machines of the same name; the shard is left unmerged rather than merged with wrong pointers.
    """
    if not shard_warc.is_dir() or not out_warc.is_dir():
        return
    for f in shard_warc.iterdir():
        dest = out_warc / f.name
        if f.is_file() and dest.is_file() and not _same_file(f, dest):
            raise MergeConflict(f"WARC file {f.name} of shard {shard_warc} differs from the one already in "
                                f"{out_warc}; rename one of the files (and its rows' warc_file) before merging")


def _rows_where(conn: sqlite3.Connection, table: str, article_id: int) -> tuple[list[str], list[tuple]]:
    cur = conn.execute(f"SELECT * FROM [{table}] WHERE article_id = ?", [article_id])
    return [d[0] for d in cur.description], cur.fetchall()
