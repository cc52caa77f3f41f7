"""`police-archive check`: is this archive sound? Integrity, foreign keys, orphan rows, WARC pointers."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archive import fts
from archive.store import warc_dir_for

ORPHANS = {
    "articles without their site": "SELECT count(*) FROM articles a LEFT JOIN sites s ON s.id = a.site_id WHERE s.id IS NULL",
    "articles whose fetch is missing": "SELECT count(*) FROM articles a LEFT JOIN pages p ON p.id = a.page_id "
                                       "WHERE a.page_id IS NOT NULL AND p.id IS NULL",
    "metrics without their article": "SELECT count(*) FROM metrics m LEFT JOIN articles a ON a.id = m.article_id "
                                     "WHERE a.id IS NULL",
    "attachments without their article": "SELECT count(*) FROM attachments t LEFT JOIN articles a "
                                         "ON a.id = t.article_id WHERE a.id IS NULL",
    "images without their article": "SELECT count(*) FROM images i LEFT JOIN articles a ON a.id = i.article_id "
                                    "WHERE a.id IS NULL",
    "versions without their article": "SELECT count(*) FROM article_versions v LEFT JOIN articles a "
                                      "ON a.id = v.article_id WHERE a.id IS NULL",
    "duplicate article URLs": "SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)",
    "fetches with neither raw bytes nor a WARC record": "SELECT count(*) FROM pages WHERE body_sha256 != '' "
                                                        "AND body_gz IS NULL AND warc_file IS NULL",
    "full-text index out of step": "SELECT abs((SELECT count(*) FROM articles) - "
                                   "(SELECT count(*) FROM articles_fts_docsize))",
}


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _warc_tail_ok(path: Path) -> bool:
    """True when the gzip members or zstd frames of a WARC file end cleanly (a crawl killed mid-write
    leaves a torn tail)."""
    if path.name.endswith(".zst"):
        from archive.warc import iter_frames

        try:
            for _ in iter_frames(path):
                pass
            return True
        except (OSError, ValueError):
            return False
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
        return True
    except (EOFError, OSError, zlib.error):
        return False


def check_archive(db_path: str | Path, warc_dir: str | Path | None = None, verify_all: bool = True) -> CheckReport:
    report = CheckReport()
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    fts.register(conn)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            report.problems.append("integrity_check: " + "; ".join(r[0] for r in result[:5]))
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.problems.append(f"{len(fk)} rows break foreign keys (first: {fk[0]})")
        for label, sql in ORPHANS.items():
            n = conn.execute(sql).fetchone()[0]
            if n:
                report.problems.append(f"{n} {label}")
        wdir = Path(warc_dir) if warc_dir else warc_dir_for(db_path)
        from archive.warc import read_response

        rows = conn.execute("SELECT id, url, warc_file, warc_offset, body_sha256 FROM pages "
                            "WHERE warc_file IS NOT NULL").fetchall()
        bad = 0
        for page_id, url, file, offset, sha in rows if verify_all else rows[:200]:
            try:
                _, _, body = read_response(wdir / file, offset)
            except (OSError, ValueError) as exc:
                bad += 1
                if bad <= 3:
                    report.problems.append(f"page {page_id} ({url}): WARC record unreadable: {exc}")
                continue
            if hashlib.sha256(body).hexdigest() != sha:
                bad += 1
                if bad <= 3:
                    report.problems.append(f"page {page_id} ({url}): WARC payload differs from body_sha256")
        if bad > 3:
            report.problems.append(f"{bad} WARC pointers bad in all")
        report.checked["warc_pointers"] = len(rows)
        files = sorted([*wdir.glob("*.warc.gz"), *wdir.glob("*.warc.zst")]) if wdir.is_dir() else []
        for f in files:
            if not _warc_tail_ok(f):
                report.notes.append(f"{f.name}: last record torn (a crawl was killed while writing); earlier "
                                    "records are intact and no archive row points past the tear")
        report.checked["warc_files"] = len(files)
        for table in ("articles", "pages", "metrics", "sites"):
            report.checked[table] = conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        running = conn.execute("SELECT count(*) FROM crawl_runs WHERE status = 'running'").fetchone()[0]
        if running:
            report.notes.append(f"{running} crawl run(s) marked running: in progress now, or killed (the next "
                                "crawl marks them interrupted and resumes)")
    finally:
        conn.close()
    return report
