"""Query results as plain dicts, whatever ``row_factory`` the connection has (Datasette's is ``sqlite3.Row``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def dicts(conn: sqlite3.Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, tuple(row), strict=True)) for row in cur.fetchall()]


def one(conn: sqlite3.Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
    """The first column of the first row, or None."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return one(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) is not None


def columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", [table])}
