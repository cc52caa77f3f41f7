"""Datasette's table page for a search, made fast at 100,000 articles; the rows, count and facets stay Datasette's.

A search page (``/archive/articles?_search=诈骗``) runs four kinds of query: the page of rows, ``count(*)``, one
``group by`` per facet, and the FTS5 match inside each. Stock Datasette lets the match drive every query (one
look-up in the wide ``articles`` table per match, then a sort of all matches by date) and evaluates the match again
in each. Measured in ``tests/bench/bench_fts.py``, what is done here instead:

* the search clause ``id in (select rowid from fts where fts match …)`` is written ``+id in (select value from
  json_each(police_archive_matches('fts', …)))``: the unary plus stops SQLite from driving the query from the
  match list, so the page of rows walks the ``published_at`` index newest-first and stops after 50 matches, and
  the match comes from :func:`archive.web.search_index.matches` (computed once per archive version);
* ``count(*)`` of a search is answered from the cached match ids (:func:`answer_search_counts`), and the
  configured facets on indexed columns from :class:`~archive.web.search_index.ColumnCodes`
  (:class:`SearchFacet`), instead of probing every match in a temporary b-tree once per query. Other filters of
  the page (``&province=浙江省``, the next-page cursor) are applied exactly: their own WHERE clause, as Datasette
  wrote it, selects the ids the counts are taken over;
* facets that cannot be answered that way (a column without index, a facet asked for in the URL) are Datasette's
  own queries, run concurrently instead of one after another.
"""

from __future__ import annotations

import asyncio
import copy
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasette.database import Results
from datasette.facets import ColumnFacet
from datasette.utils import escape_fts

from archive.web.search_index import (
    CACHE_KIB,
    MMAP_BYTES,
    ArchiveFile,
    archive_file,
    column_codes,
    few,
    filtered_ids,
    indexed_columns,
    intersect,
    looked_up,
    matches,
)

#: identifiers as Datasette writes them: bare when they need no quoting, else bracketed
_IDENT = r"(?:\w+|\[[^\]]+\])"
#: the clause Datasette's built-in ``_search`` filter writes (datasette/filters.py)
_SEARCH_CLAUSE = re.compile(rf"^({_IDENT}) in \(select rowid from ({_IDENT}) where \2 match (.+)\)$", re.S)
#: the clause :func:`unpin_search_clause` writes in its place
_CACHED_CLAUSE = re.compile(rf"\+({_IDENT}) in \(select value from json_each\(police_archive_matches\('(\w+)', "
                            r"(escape_fts\(:(\w+)\)|:(\w+))\)\)\)")
#: the statements Datasette's table view runs for the count and (as facets' inner query) for the rows
_TABLE_SQL = re.compile(rf"^select (count\(\*\)|(?:{_IDENT}, )*{_IDENT}|\*|rowid, \*) from ({_IDENT}) where (.*?) ?$", re.S)
_PLAIN_NAME = re.compile(r"^\w+$")


def unpin_search_clause(clause: str, cached: bool = False) -> str:
    """Rewrite Datasette's search clause; any other clause is returned as it is.

    ``[id] in (select rowid from [t_fts] where [t_fts] match …)`` becomes ``+[id] in (…)``: the same rows, but
    SQLite no longer drives the query from the match list. With ``cached`` the match list comes from
    :func:`archive.web.search_index.matches` (``json_each`` over the cached ids) instead of a new FTS5 query.
    """
    m = _SEARCH_CLAUSE.match(clause)
    if not m:
        return clause
    if not cached:
        return "+" + clause
    pk, table, match = m.groups()
    name = table[1:-1] if table.startswith("[") else table
    if not _PLAIN_NAME.match(name):
        return "+" + clause
    return f"+{pk} in (select value from json_each(police_archive_matches('{name}', {match})))"


def register_match_function(conn: sqlite3.Connection) -> None:
    """Tokenizer, memory map and ``police_archive_matches(fts_table, query)`` on one of Datasette's connections."""
    from archive import fts

    fts.register(conn)
    conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if path:
        file = archive_file(path)
        conn.create_function("police_archive_matches", 2, lambda table, query: matches(file, table, query).json)


@dataclass(frozen=True)
class SearchSql:
    """A table-view statement whose WHERE holds our cached search clause: the parts needed to answer it."""

    table: str
    fts_table: str
    query: str  # the FTS5 MATCH expression
    rest: str  # the other clauses of the WHERE, joined by " and " as Datasette joined them ("" when none)


def parse_search_sql(sql: str, params: dict[str, Any] | None) -> SearchSql | None:
    """The parts of ``select count(*)|columns from T where … `` with exactly one cached search clause."""
    m = _TABLE_SQL.match(sql)
    if not m or not isinstance(params, dict):
        return None
    table, where = m.group(2), m.group(3)
    found = list(_CACHED_CLAUSE.finditer(where))
    if len(found) != 1 or not _PLAIN_NAME.match(table):
        return None
    c = found[0]
    ours, name = c.group(0), c.group(4) or c.group(5)
    if not isinstance(params.get(name), str):
        return None
    query = escape_fts(params[name]) if c.group(4) else params[name]
    if where == ours:
        rest = ""
    elif where.startswith(ours + " and "):
        rest = where[len(ours) + 5:]
    elif where.endswith(" and " + ours):
        rest = where[:-len(ours) - 5]
    elif f" and {ours} and " in where:
        rest = where.replace(f" and {ours} and ", " and ", 1)
    else:
        return None
    return SearchSql(table, c.group(2), query, rest)


def _rowid_pk(file: ArchiveFile, table: str) -> bool:
    """Whether the table's primary key is its rowid (so FTS rowids are its ids)."""
    def compute(conn: sqlite3.Connection) -> bool:
        pks = [(r[2] or "").upper() for r in conn.execute(f"PRAGMA table_info([{table}])") if r[5]]
        return pks == ["INTEGER"]

    return file.cached(("rowid_pk", table), compute)


def search_ids(file: ArchiveFile, s: SearchSql, params: dict[str, Any]) -> np.ndarray | None:
    """Ids of the rows the statement selects (None when they cannot be told apart from the FTS rowids)."""
    if not _rowid_pk(file, s.table):
        return None
    ids = matches(file, s.fts_table, s.query).ids
    if s.rest:
        ids = intersect(ids, [filtered_ids(file, s.table, s.rest, params)])
    return ids


def count_of(file: ArchiveFile, s: SearchSql, params: dict[str, Any]) -> int | None:
    """``count(*)`` of the statement, or None when it must be left to SQLite (no NOT NULL indexed column).

    The matches that are rows of the table: read off a NOT NULL column's codes when they are at hand or the
    search matches many rows (the facets will need them), else by looking the few rows up."""
    ids = search_ids(file, s, params)
    notnull = sorted(c for c, required in indexed_columns(file, s.table).items() if required)
    if ids is None or not notnull:
        return None
    if not len(ids):
        return 0
    codes = file.peek(("codes", s.table, notnull[0]))
    if codes is None and few(file, s.table, ids):
        return looked_up(file, s.table, ids)[0]
    return (codes or column_codes(file, s.table, notnull[0])).present(ids)


def _file_of(db: Any) -> ArchiveFile | None:
    """The archive file behind a Datasette database (None for in-memory ones)."""
    path = getattr(db, "path", None)
    if not path or getattr(db, "is_memory", False):
        return None
    return archive_file(str(path))


def answer_search_counts(db: Any) -> None:
    """Answer this Datasette database's ``select count(*)`` of a search from the cached match ids.

    Datasette's table view has no hook for its count query, so the database object's ``execute`` is wrapped:
    a statement that :func:`parse_search_sql` does not recognise, or that cannot be answered exactly, runs as
    before.
    """
    file = _file_of(db)
    if file is None or getattr(db, "_police_archive_counts", False):
        return
    original = db.execute

    async def execute(sql, params=None, *args, **kwargs):  # noqa: ANN001, ANN202 - Database.execute's signature
        if isinstance(sql, str) and sql.startswith("select count(*) from ") and "police_archive_matches(" in sql:
            s = parse_search_sql(sql, params)
            if s is not None:
                n = await db.execute_fn(lambda conn: count_of(file, s, params))
                if n is not None:
                    return Results([(n,)], False, [("count(*)", None, None, None, None, None, None)])
        return await original(sql, params, *args, **kwargs)

    db.execute = execute
    db._police_archive_counts = True


_READERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="police-archive-columns")


def read_ahead(datasette: Any, database: str, table: str, request: Any) -> None:
    """After a write, start finding a search's matches and reading the facet columns it will count on threads of
    our own, while Datasette prepares and runs the page's query; the page's own queries then wait for them (or find
    them done) instead of starting them one after another. Nothing is read ahead for a search that matches few rows
    (its rows are looked up) or when the columns of this version are already read."""
    db = datasette.databases.get(database)
    file = _file_of(db) if db is not None else None
    search = request.args.get("_search")
    if file is None or not search or not _PLAIN_NAME.match(table) or request.args.get("_nofacet"):
        return
    metadata = datasette.table_metadata(database, table) or {}
    fts_table = metadata.get("fts_table")
    columns = [f for f in metadata.get("facets") or [] if isinstance(f, str)]
    if not fts_table or not columns or all(file.peek(("codes", table, c)) is not None for c in columns):
        return
    query = search if request.args.get("_searchmode") == "raw" or metadata.get("searchmode") == "raw" \
        else escape_fts(search)

    def read(column: str | None) -> None:
        try:
            ids = matches(file, fts_table, query).ids
            if column is not None and len(ids) and not few(file, table, ids) and column in indexed_columns(file,
                                                                                                       table):
                column_codes(file, table, column)
        except (ValueError, sqlite3.Error):
            pass  # the page's own queries say what is wrong

    for column in columns:
        _READERS.submit(read, column)


#: plugins that ask for their configuration once per table cell, and only read it
_CELL_CONFIG_READERS = {"datasette-render-markdown"}


def memoize_cell_plugin_config(datasette: Any) -> None:
    """Answer ``plugin_config`` for plugins that ask per table cell from a cache.

    datasette-render-markdown (installed with datasette-dashboards) asks for its configuration for every cell it
    might render: 1,400 times for a page of 50 articles, each answer merging a fresh copy of the whole metadata
    (about 10 ms a page). The metadata of ``serve`` does not change while it runs, and that plugin only reads
    the answer; every other plugin is answered as before (datasette-dashboards, for one, edits what it gets).
    """
    if getattr(datasette, "_police_archive_config_cache", None) is not None:
        return
    original = datasette.plugin_config
    cache: dict[tuple, Any] = {}
    datasette._police_archive_config_cache = cache

    def plugin_config(plugin_name: str, database: str | None = None, table: str | None = None,
                      fallback: bool = True) -> Any:
        if plugin_name not in _CELL_CONFIG_READERS:
            return original(plugin_name, database=database, table=table, fallback=fallback)
        key = (plugin_name, database, table, fallback)
        if key not in cache:
            cache[key] = original(plugin_name, database=database, table=table, fallback=fallback)
        return cache[key]

    datasette.plugin_config = plugin_config


class _AnsweringDatasette:
    """Datasette, except that the one facet query it is asked is answered with counts computed beforehand, so the
    stock facet code (links, labels of foreign keys, selection) builds the facet around them."""

    _LIMIT = re.compile(r"limit (\d+)\s*$")

    def __init__(self, ds: Any, pairs: list[tuple[Any, int]]):
        self._ds = ds
        self._pairs = pairs

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ds, name)

    async def execute(self, database: str, sql: str, *args: Any, **kwargs: Any) -> Results:
        m = self._LIMIT.search(sql)
        pairs = self._pairs[:int(m.group(1))] if m else self._pairs
        return Results([{"value": v, "count": n} for v, n in pairs], False, [("value",), ("count",)])


class SearchFacet(ColumnFacet):
    """Datasette's column facets; on a search page those configured on indexed columns are counted from the
    cached match ids (:mod:`archive.web.search_index`), the others run as Datasette's queries, concurrently."""

    async def _fast_counts(self, columns: list[str]) -> dict[str, list[tuple[Any, int]]]:
        db = self.ds.databases.get(self.database)
        file = _file_of(db) if db is not None else None
        s = parse_search_sql(self.sql, self.params) if file is not None else None
        if s is None or not self.table or s.table != self.table.strip("[]"):
            return {}

        ids = await db.execute_fn(lambda conn: search_ids(file, s, self.params))
        indexed = await db.execute_fn(lambda conn: indexed_columns(file, s.table))
        if ids is None:
            return {}
        wanted = [c for c in columns if c in indexed]
        if not len(ids):
            return {c: [] for c in wanted}
        at_hand = {c: file.peek(("codes", s.table, c)) for c in wanted}
        out = {c: codes.counts(ids) for c, codes in at_hand.items() if codes is not None}
        missing = [c for c in wanted if c not in out]
        if missing and await db.execute_fn(lambda conn: few(file, s.table, ids)):
            counted = (await db.execute_fn(lambda conn: looked_up(file, s.table, ids)))[1]
            out.update((c, counted[c]) for c in missing)
        elif missing:
            # one column per task: after a write the columns are read on Datasette's SQL threads side by side
            counted = await asyncio.gather(*(db.execute_fn(lambda conn, c=c: column_codes(file, s.table, c).counts(ids))
                                             for c in missing))
            out.update(zip(missing, counted, strict=True))
        return out

    async def facet_results(self):  # noqa: ANN201 - Datasette's (results, timed_out) pair
        configs = self.get_configs()
        if not configs:
            return [], []
        configured = [c["config"].get("column") or c["config"].get("simple") for c in configs
                      if c["source"] == "metadata"]
        fast = await self._fast_counts([c for c in configured if c])
        singles = []
        for config in configs:
            single = copy.copy(self)
            single.get_configs = lambda c=config: [c]  # the stock code, for one column
            column = config["config"].get("column") or config["config"].get("simple")
            if config["source"] == "metadata" and column in fast:
                single.ds = _AnsweringDatasette(self.ds, fast[column])
            singles.append(ColumnFacet.facet_results(single))
        results, timed_out = [], []
        for res, out in await asyncio.gather(*singles):
            results.extend(res)
            timed_out.extend(out)
        return results, timed_out
