"""What a search page needs besides its 50 rows — the matching ids, their count and facet counts — computed once
per version of the archive file and shared by every request and thread.

Measured at 100,000 articles (``tests/bench/bench_fts.py``), a search for a word in half of them spends its time
not on the match (FTS5: 3–25 ms) but on counting: Datasette's ``count(*)`` and each facet's ``group by`` walk an
index of every article and probe the 58,000 matches in a temporary b-tree (20–60 ms each, five facets).
Here instead:

* the matching ids come from FTS5 once (:func:`matches`), as JSON for SQL (``json_each``) and as a sorted numpy
  array;
* a facet column is read once per version of the file into an array ``rowid → value code`` (one ``group by`` over
  its index, :func:`column_codes`), after which counting a search's values is one ``bincount`` over the match
  ids: under a millisecond for 58,000 matches;
* a search that matches few rows (an eighth of the table or less) after a write counts them by looking those rows
  up (:func:`looked_up`) instead of reading whole columns again;
* ``PRAGMA data_version`` tells when any other connection (a crawl) committed: everything cached for the file is
  then recomputed on its next use, so a page never shows counts of an older archive than its rows.

Nothing here imports Datasette; :mod:`archive.web.search_speed` connects it to Datasette's table pages.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from archive import fts

#: bytes of the database file to memory-map (SQLite caps it at its compile-time maximum, ~2 GB by default): with
#: SQLite's default 2 MB page cache each row look-up would be a ``pread`` system call
MMAP_BYTES = 1 << 31
#: per-connection page cache in KiB
CACHE_KIB = 65536
#: table and column names we splice into SQL: plain identifiers only, and only after checking they exist
_PLAIN_NAME = re.compile(r"^\w+$")

T = TypeVar("T")


def open_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection to an archive with the Chinese tokenizer and the file memory-mapped."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    fts.register(conn)
    conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    return conn


class ArchiveFile:
    """One archive file as the web pages read it: a private read-only connection per thread, the file's version
    and a small cache of values computed for that version.

    ``PRAGMA data_version`` is read on one connection kept for that purpose: its value changes whenever another
    connection has committed since the previous read, which is exactly when cached values become stale.
    """

    def __init__(self, path: str, size: int = 64):
        self.path = path
        self.size = size
        self._local = threading.local()
        self._lock = threading.Lock()  # guards the watch connection, the cache and the gates
        self._watch: sqlite3.Connection | None = None
        self._entries: OrderedDict[tuple, tuple[int, Any]] = OrderedDict()
        self._gates: dict[tuple, threading.Lock] = {}

    def connection(self) -> sqlite3.Connection:
        """This thread's private connection (SQLite connections are not shared between threads here)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = open_read_only(self.path)
        return conn

    def version(self) -> int:
        with self._lock:
            if self._watch is None:
                self._watch = open_read_only(self.path)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def peek(self, key: tuple) -> Any:
        """The value cached for ``key`` if it is of the file's current version, else None (nothing computed)."""
        version = self.version()
        with self._lock:
            hit = self._entries.get(key)
            return hit[1] if hit is not None and hit[0] == version else None

    def cached(self, key: tuple, compute: Callable[[sqlite3.Connection], T]) -> T:
        """``compute(connection)`` once per version of the file; concurrent callers of one key wait for the first
        instead of computing it again (eight clients searching after a crawl's commit cost one computation)."""
        version = self.version()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] == version:
                self._entries.move_to_end(key)
                return hit[1]
            gate = self._gates.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                hit = self._entries.get(key)
                if hit is not None and hit[0] == version:
                    return hit[1]
            value = compute(self.connection())
            with self._lock:
                self._entries[key] = (version, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
                self._gates.pop(key, None)
        return value


_FILES: dict[str, ArchiveFile] = {}
_FILES_LOCK = threading.Lock()


def archive_file(path: str) -> ArchiveFile:
    """The shared :class:`ArchiveFile` of a path (one per process)."""
    with _FILES_LOCK:
        f = _FILES.get(path)
        if f is None:
            f = _FILES[path] = ArchiveFile(path)
        return f


def _ids(json_array: str, ordered: bool = True) -> np.ndarray:
    """A JSON array of integers (``json_group_array(rowid)``) as an int64 array, sorted when ``ordered``."""
    body = json_array.strip()[1:-1]
    ids = np.fromstring(body, dtype=np.int64, sep=",") if body else np.zeros(0, dtype=np.int64)
    if ordered:
        ids.sort()
    return ids


def _table_kind(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
    return None if row is None else (row[0] or "")


@dataclass(frozen=True)
class Matches:
    """The rows of an FTS5 table matching a query: as JSON text (for ``json_each`` in SQL) and as sorted ids."""

    json: str
    ids: np.ndarray


def matches(file: ArchiveFile, fts_table: str, query: str) -> Matches:
    """Rows of ``fts_table`` matching the FTS5 ``query`` (raises ValueError for a table that is not FTS5)."""
    def compute(conn: sqlite3.Connection) -> Matches:
        kind = _table_kind(conn, fts_table)
        if not _PLAIN_NAME.match(fts_table) or kind is None or "fts5" not in kind.lower():
            raise ValueError(f"not an FTS5 table: {fts_table!r}")
        text = conn.execute(f"SELECT json_group_array(rowid) FROM [{fts_table}] WHERE [{fts_table}] MATCH ?",
                            [query]).fetchone()[0]
        return Matches(text, _ids(text))

    return file.cached(("match", fts_table, query), compute)


@dataclass(frozen=True)
class ColumnCodes:
    """One column of a table as an array: ``codes[rowid]`` is 0 for no row or NULL, else 1 + the index of the
    row's value in ``values``."""

    values: list
    codes: np.ndarray

    def counts(self, ids: np.ndarray) -> list[tuple[Any, int]]:
        """(value, rows) among ``ids``, most rows first, then by value as SQLite orders it; NULL left out."""
        inside = ids[ids < len(self.codes)]
        per_code = np.bincount(self.codes[inside], minlength=len(self.values) + 1)
        pairs = [(self.values[i - 1], int(per_code[i])) for i in np.flatnonzero(per_code) if i > 0]
        pairs.sort(key=lambda p: (-p[1], *sqlite_order(p[0])))
        return pairs

    def present(self, ids: np.ndarray) -> int:
        """How many of ``ids`` are rows with a value here (all rows, for a NOT NULL column)."""
        inside = ids[ids < len(self.codes)]
        return int(np.count_nonzero(self.codes[inside]))


def sqlite_order(value: Any) -> tuple[int, Any]:
    """A sort key that orders values as SQLite does: numbers, then text (by code point = UTF-8 bytes), then blobs."""
    if isinstance(value, int | float):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, bytes(value))


def indexed_columns(file: ArchiveFile, table: str) -> dict[str, bool]:
    """Columns of ``table`` that lead an index (reading one reads a narrow b-tree), each with whether it is NOT
    NULL; unique ones (``url``) are left out: counting their values would count each row once."""
    def compute(conn: sqlite3.Connection) -> dict[str, bool]:
        if not _PLAIN_NAME.match(table) or _table_kind(conn, table) is None:
            return {}
        info = {r[1]: bool(r[3]) for r in conn.execute(f"PRAGMA table_info([{table}])")}
        leading = {r[0] for r in conn.execute(
            "SELECT ii.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii "
            "WHERE ii.seqno = 0 AND NOT il.[unique]", [table]) if r[0] is not None}
        return {c: info[c] for c in leading if c in info}

    return file.cached(("indexed", table), compute)


def column_codes(file: ArchiveFile, table: str, column: str) -> ColumnCodes:
    """The column as :class:`ColumnCodes` (an indexed column of a plain table; see :func:`indexed_columns`)."""
    if column not in indexed_columns(file, table) or not _PLAIN_NAME.match(column):
        raise ValueError(f"{table}.{column} is not an indexed column")

    def compute(conn: sqlite3.Connection) -> ColumnCodes:
        top = conn.execute(f"SELECT max(rowid) FROM [{table}]").fetchone()[0] or 0
        codes = np.zeros(top + 1, dtype=np.int32)
        values = []
        for value, rowids in conn.execute(f"SELECT [{column}], json_group_array(rowid) FROM [{table}] "
                                          f"WHERE [{column}] IS NOT NULL GROUP BY [{column}]"):
            values.append(value)
            codes[_ids(rowids, ordered=False)] = len(values)
        return ColumnCodes(values, codes)

    return file.cached(("codes", table, column), compute)


#: a search matching at most this share of a table's rows counts its facets by looking its rows up
FEW = 1 / 8


def few(file: ArchiveFile, table: str, ids: np.ndarray) -> bool:
    """Whether looking up each of ``ids`` (about 3 µs a row) is cheaper than reading whole facet columns (about
    0.15 µs a row of the table, per column) — true for searches matching up to an eighth of the table."""
    def compute(conn: sqlite3.Connection) -> int:
        return conn.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0]

    if not _PLAIN_NAME.match(table):
        raise ValueError(f"not a plain table name: {table!r}")
    return len(ids) <= FEW * file.cached(("rows", table), compute)


def looked_up(file: ArchiveFile, table: str, ids: np.ndarray) -> tuple[int, dict[str, list]]:
    """(rows of ``table`` among ``ids``, (value, rows) of each indexed column as :meth:`ColumnCodes.counts` gives
    them), reading those rows: for a search that matches few rows, after a write, instead of reading whole
    columns. Cached for the version: the page's count and its facets read the rows once."""
    columns = sorted(indexed_columns(file, table))
    key = ("looked_up", table, hashlib.sha1(ids.tobytes()).hexdigest())

    def compute(conn: sqlite3.Connection) -> tuple[int, dict[str, list]]:
        select = ", ".join(f"t.[{c}]" for c in columns) or "1"
        found = conn.execute(f"SELECT {select} FROM json_each(?) AS j JOIN [{table}] AS t ON t.rowid = j.value",
                             [json.dumps(ids.tolist())]).fetchall()
        out = {}
        for i, column in enumerate(columns):
            per_value: dict[Any, int] = {}
            for row in found:
                if row[i] is not None:
                    per_value[row[i]] = per_value.get(row[i], 0) + 1
            out[column] = sorted(per_value.items(), key=lambda p: (-p[1], *sqlite_order(p[0])))
        return len(found), out

    return file.cached(key, compute)


def filtered_ids(file: ArchiveFile, table: str, where: str, params: dict[str, Any]) -> np.ndarray:
    """Rowids of ``table`` satisfying ``where`` (a WHERE clause Datasette built, with its named parameters)."""
    if not _PLAIN_NAME.match(table):
        raise ValueError(f"not a plain table name: {table!r}")
    key = ("where", table, where, json.dumps(sorted(params.items()), ensure_ascii=False, default=str))

    def compute(conn: sqlite3.Connection) -> np.ndarray:
        return _ids(conn.execute(f"SELECT json_group_array(rowid) FROM [{table}] WHERE {where}", params).fetchone()[0])

    return file.cached(key, compute)


def intersect(ids: np.ndarray, others: Iterable[np.ndarray]) -> np.ndarray:
    for other in others:
        ids = np.intersect1d(ids, other, assume_unique=True)
    return ids
