"""Small helpers the test modules share: the CLI command line, a read of the archive, a free loopback port."""

from __future__ import annotations

import socket
import sqlite3
import sys
from pathlib import Path

#: the installed CLI, run as a subprocess exactly as a user runs it
CLI = [sys.executable, "-m", "crawler.cli"]


def rows(db: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """All rows of one query on the archive file, through a connection of its own (closed again)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
