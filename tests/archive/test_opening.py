"""Opening an archive: an archive of the previous version upgrades and stays sound; every bad path ends in one
line and a non-zero exit, and changes nothing."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from archive import tables
from tests.helpers import CLI, rows

DATA = Path(__file__).resolve().parent / "data"
#: an archive written by police-archive 0.1 (commit 7c33b0b, schema 2): the demo web, four articles a column,
#: one list page each; its WARC file beside it
OLD_DB, OLD_WARC = DATA / "v0.1-archive.db.gz", DATA / "v0.1-archive-warc"

#: every command that opens an archive, as (name, arguments with {db} for the archive path, writes?)
COMMANDS = [
    ("crawl", ["crawl", "http://127.0.0.1:9/jwdt/index.html", "--db", "{db}", "-q"], True),
    ("stats", ["stats", "--db", "{db}"], False),
    ("serve", ["serve", "--db", "{db}", "--port", "0"], False),
    ("check", ["check", "--db", "{db}"], False),
    ("export", ["export", "--db", "{db}", "--format", "csv", "--out", "{out}"], False),
    ("merge into", ["merge", "--db", "{db}", "{shard}"], True),
    ("merge from", ["merge", "--db", "{out}/m.db", "{db}"], False),
    ("reextract", ["reextract", "--db", "{db}"], True),
]


def old_archive(directory: Path) -> Path:
    db = directory / "archive.db"
    db.write_bytes(gzip.decompress(OLD_DB.read_bytes()))
    shutil.copytree(OLD_WARC, directory / "archive-warc")
    return db


def cli(*args: str, user: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(user or []), *CLI, *args], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])


def test_an_archive_of_the_previous_version_opens_upgrades_and_passes_check(tmp_path):
    db = old_archive(tmp_path)
    before = {t: rows(db, f"select count(*) from [{t}]")[0][0] for t in ("articles", "pages", "metrics", "sites")}
    texts = rows(db, "select url, title, published_at, text from articles order by url")
    assert rows(db, "pragma user_version") == [(2,)]
    proc = cli("check", "--db", str(db))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = cli("reextract", "--db", str(db), "--json")  # opens it for writing: the upgrade happens here
    assert proc.returncode == 0, proc.stderr
    assert rows(db, "pragma user_version") == [(tables.SCHEMA_VERSION,)]
    conn = sqlite3.connect(db)
    for table in tables.TABLES:
        assert [r[1] for r in conn.execute(f"pragma table_info([{table.name}])")] == list(table.names), table.name
    conn.close()
    assert {t: rows(db, f"select count(*) from [{t}]")[0][0] for t in before} == before
    assert rows(db, "select url, title, published_at, text from articles order by url") == texts
    proc = cli("check", "--db", str(db))
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stdout
    proc = cli("stats", "--db", str(db), "--json")
    assert proc.returncode == 0 and '"articles": 27' in proc.stdout


def _snapshot(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


def _prepare(work: Path) -> None:
    """The other files a command line may name: a shard to merge and an output directory."""
    if not (work / "shard.db").exists():
        (work / "shard.db").write_bytes(gzip.decompress(OLD_DB.read_bytes()))
    (work / "out").mkdir(exist_ok=True)


def _run(case: str, args: list[str], db: Path, work: Path, user: list[str] | None = None):
    _prepare(work)
    return cli(*[a.format(db=db, out=work / "out", shard=work / "shard.db") for a in args], user=user)


def _assert_one_line(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert all(w in lines[0] for w in words), lines[0]


@pytest.mark.parametrize(("case", "args", "writes"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_missing_directory_is_one_line(tmp_path, case, args, writes):
    db = tmp_path / "no" / "such" / "dir" / "a.db"
    proc = _run(case, args, db, tmp_path)
    if args[0] in ("stats", "serve", "check", "export", "reextract") or case == "merge from":
        # click checks that an existing archive is named: one usage line, exit status 2
        assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
    else:
        _assert_one_line(proc, "directory", "does not exist")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(("case", "args", "writes"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_file_that_is_not_sqlite_is_one_line_and_untouched(tmp_path, case, args, writes):
    db = tmp_path / "notes.db"
    db.write_text("这不是数据库，是一份会议记录。\n" * 50, encoding="utf-8")
    before = _snapshot(tmp_path)
    proc = _run(case, args, db, tmp_path)
    _assert_one_line(proc, "not an SQLite file")
    after = _snapshot(tmp_path)
    assert after["notes.db"] == before["notes.db"]
    assert not any(name.startswith("notes.db-") or name == "notes.db.lock" for name in after)


@pytest.mark.parametrize(("case", "args", "writes"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_an_archive_of_a_newer_version_is_one_line_and_untouched(tmp_path, case, args, writes):
    db = old_archive(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(f"pragma user_version = {tables.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    proc = _run(case, args, db, tmp_path)
    _assert_one_line(proc, "newer police-archive")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert not (tmp_path / "archive.db.lock").exists() and not (tmp_path / "archive.db-wal").exists()


def _unprivileged() -> list[str] | None:
    """A command prefix that runs as a user who cannot write root's files, or None when impossible here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


WRITING = [c for c in COMMANDS if c[2]]


@pytest.mark.parametrize(("case", "args", "writes"), WRITING, ids=[c[0] for c in WRITING])
def test_an_archive_that_cannot_be_written_is_one_line_and_untouched(case, args, writes):
    user = _unprivileged()
    if user is None:
        pytest.skip("running as root without setpriv: no way to be a user who cannot write")
    work = Path(tempfile.mkdtemp(prefix="ro-archive-"))
    try:
        work.chmod(0o755)  # readable by everyone, writable by its owner only
        db = old_archive(work)
        _prepare(work)
        for p in work.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        if user == []:
            db.chmod(0o444)
            work.chmod(0o555)
        digest = hashlib.sha256(db.read_bytes()).hexdigest()
        proc = _run(case, args, db, work, user=user)
        _assert_one_line(proc, "cannot write")
        assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    finally:
        work.chmod(0o755)
        shutil.rmtree(work, ignore_errors=True)
