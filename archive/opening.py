"""Is this path an archive we may open? Answered before anything is created or changed.

Every command that opens an archive (crawl, stats, serve, check, export, merge, reextract) calls
:func:`check_openable` first, so a wrong path ends in one line and a non-zero exit, never in a traceback or in a
half-created file: a missing directory, a file that is not SQLite, an archive written by a newer version of the tool
(whose columns this version would not know), or a file or directory this process cannot write to.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


class ArchiveError(RuntimeError):
    """An archive path that cannot be opened as asked; the message says why in one line."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_openable(path: str | Path, write: bool = False, must_exist: bool = False) -> None:
    """Raise :class:`ArchiveError` unless ``path`` can be opened as an archive (``write``: and written to).

    A path that does not exist yet is fine for writing when its directory exists (a new archive is created).
    """
    from archive.tables import SCHEMA_VERSION

    p = Path(path)
    if p.is_dir():
        raise ArchiveError(f"{p} is a directory, not an archive file")
    if not p.exists():
        if must_exist or not write:
            raise ArchiveError(f"no archive at {p}")
        if not p.parent.is_dir():
            raise ArchiveError(f"cannot create {p}: directory {p.parent} does not exist")
        if not os.access(p.parent, os.W_OK | os.X_OK):
            raise ArchiveError(f"cannot create {p}: directory {p.parent} is not writable")
        return
    try:
        with p.open("rb") as fh:
            head = fh.read(100)  # the database header; read directly, so checking opens no connection
    except OSError as exc:
        raise ArchiveError(f"cannot read {p}: {exc.strerror}") from None
    if head and not head.startswith(SQLITE_MAGIC):
        raise ArchiveError(f"{p} is not an SQLite file (not an archive)")
    if write and not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK | os.X_OK)):
        raise ArchiveError(f"cannot write {p}: permission denied (the file or its directory is read-only)")
    if len(head) < 100:
        if head:
            raise ArchiveError(f"{p} is a truncated SQLite file (not an archive)")
        return  # an empty file: a new archive
    version = int.from_bytes(head[60:64], "big")  # PRAGMA user_version lives at offset 60 of the header
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"{p} was written by a newer police-archive (schema {version}; this version knows up to "
                           f"{SCHEMA_VERSION}): upgrade police-archive to use it")
