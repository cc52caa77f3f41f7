"""Datasette plugin (entry point ``police_archive``): Chinese search support and search speed.

Without the tokenizer Datasette could not query ``articles_fts`` ("no such tokenizer: cjk_bigram").

A search for a common word (诈骗 in over half of 100,000 articles) is slow in stock Datasette for two
reasons, both fixed here and measured in ``tests/bench/bench_fts.py``:

* Datasette filters with ``id IN (SELECT rowid FROM articles_fts WHERE … MATCH …)``. SQLite then drives the
  query from the match list: one look-up per match in the wide ``articles`` table, then a sort of every
  match by date just to show the newest 50, and the same look-ups again for the count and every facet.
  Writing the clause as ``+id IN (…)`` (the unary plus only stops SQLite from using the primary key as the
  driver; the result is identical) lets it walk the ``published_at`` index newest-first and stop after
  one page of matches, and count or facet from narrow indexes, probing the match list.
* The match itself (an FTS5 phrase query: up to 25 ms for a long word in 60,000 articles) would be
  evaluated again by every query of the page: the rows, the count and each facet. ``MatchCache`` keeps
  the last searches' matching ids (per database file, dropped as soon as anything writes to the file),
  and the clause reads them with ``json_each`` instead of asking FTS5 again.
* A table page computes its five facets (site, province, column, year, CMS) one after another, each over
  every match. They are independent queries, and SQLite releases the GIL while it works, so they run
  concurrently on Datasette's SQL threads (:class:`ConcurrentColumnFacet`).
* With SQLite's default 2 MB page cache each row look-up is a ``pread`` system call; the file is
  memory-mapped instead (virtual memory shared with the OS page cache, not resident memory per connection).
"""

from __future__ import annotations

import asyncio
import copy
import re
import sqlite3
import threading
from collections import OrderedDict

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils import await_me_maybe

from archive import fts

#: bytes of the database file to memory-map (SQLite caps it at its compile-time maximum, ~2 GB by default)
MMAP_BYTES = 1 << 31
#: per-connection page cache in KiB; Datasette opens a few connections
CACHE_KIB = 65536

#: the clause Datasette's built-in ``_search`` filter writes (datasette/filters.py)
#: (identifiers are bracketed only when they need it: ``id``, ``[my table]``)
_IDENT = r"(?:\w+|\[[^\]]+\])"
_SEARCH_CLAUSE = re.compile(rf"^({_IDENT}) in \(select rowid from ({_IDENT}) where \2 match (.+)\)$", re.S)
#: FTS tables the cache will query: plain names only (the name is spliced into SQL, after this check)
_PLAIN_NAME = re.compile(r"^\w+$")


class MatchCache:
    """Search → JSON array of the matching rowids, for the last ``size`` searches of each database file.

    Datasette runs a search page's queries on several threads at once; the first to ask computes the
    match (on a private read-only connection, under a lock) and the others read it. ``PRAGMA
    data_version`` changes whenever another connection commits, so a crawl writing to the archive while
    it is browsed never leaves a stale answer.
    """

    def __init__(self, size: int = 32):
        self.size = size
        self._lock = threading.Lock()
        self._conns: dict[str, sqlite3.Connection] = {}
        self._entries: OrderedDict[tuple[str, str, str], tuple[int, str]] = OrderedDict()

    def _conn(self, path: str) -> sqlite3.Connection:
        conn = self._conns.get(path)
        if conn is None:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            fts.register(conn)
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._conns[path] = conn
        return conn

    def ids(self, path: str, table: str, query: str) -> str:
        with self._lock:
            conn = self._conn(path)
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            key = (path, table, query)
            hit = self._entries.get(key)
            if hit is not None and hit[0] == version:
                self._entries.move_to_end(key)
                return hit[1]
            kind = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
            if not _PLAIN_NAME.match(table) or kind is None or "fts5" not in (kind[0] or "").lower():
                raise ValueError(f"not an FTS5 table: {table!r}")
            ids = conn.execute(f"SELECT json_group_array(rowid) FROM [{table}] WHERE [{table}] MATCH ?",
                               [query]).fetchone()[0]
            self._entries[key] = (version, ids)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return ids


MATCHES = MatchCache()


@hookimpl
def prepare_connection(conn):  # noqa: ANN001 - Datasette's hook signature
    fts.register(conn)
    conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if path:
        conn.create_function("police_archive_matches", 2, lambda table, query: MATCHES.ids(path, table, query))


def unpin_search_clause(clause: str, cached: bool = False) -> str:
    """Rewrite Datasette's search clause; any other clause is returned as it is.

    ``[id] in (select rowid from [t_fts] where [t_fts] match …)`` becomes ``+[id] in (…)``: the same rows,
    but SQLite no longer drives the query from the match list. With ``cached`` the match list comes from
    :class:`MatchCache` (``json_each`` over the cached ids) instead of a new FTS5 query.
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


def _unpinned(result, cached: bool):  # noqa: ANN001, ANN202 - a FilterArguments, or an awaitable / callable
    async def inner():  # noqa: ANN202
        args = await await_me_maybe(result)
        if args is not None:
            args.where_clauses = [unpin_search_clause(c, cached) for c in args.where_clauses]
        return args
    return inner


@hookimpl(hookwrapper=True)
def filters_from_request(request, database, table, datasette):  # noqa: ANN001, ANN201, ARG001
    outcome = yield
    db = datasette.databases.get(database)
    cached = bool(db is not None and getattr(db, "path", None) and not getattr(db, "is_memory", False))
    outcome.force_result([_unpinned(r, cached) for r in outcome.get_result()])


class ConcurrentColumnFacet(ColumnFacet):
    """Datasette's column facets, each configured column's query awaited concurrently instead of in turn."""

    async def facet_results(self):  # noqa: ANN201 - Datasette's (results, timed_out) pair
        configs = self.get_configs()
        if len(configs) < 2:
            return await super().facet_results()
        singles = []
        for config in configs:
            single = copy.copy(self)
            single.get_configs = lambda c=config: [c]  # the stock code, for one column
            singles.append(ColumnFacet.facet_results(single))
        results, timed_out = [], []
        for res, out in await asyncio.gather(*singles):
            results.extend(res)
            timed_out.extend(out)
        return results, timed_out


@hookimpl(hookwrapper=True)
def register_facet_classes():  # noqa: ANN201
    outcome = yield
    outcome.force_result([[ConcurrentColumnFacet if c is ColumnFacet else c for c in classes]
                          for classes in outcome.get_result()])
