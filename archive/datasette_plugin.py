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
_SEARCH_CLAUSE = re.compile(rf"^{_IDENT} in \(select rowid from ({_IDENT}) where \1 match ")


@hookimpl
def prepare_connection(conn):  # noqa: ANN001 - Datasette's hook signature
    fts.register(conn)
    conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")


def unpin_search_clause(clause: str) -> str:
    """``[id] in (select rowid from [t_fts] where [t_fts] match …)`` → ``+[id] in (…)``; other clauses as is."""
    return "+" + clause if _SEARCH_CLAUSE.match(clause) else clause


def _unpinned(result):  # noqa: ANN001, ANN202 - a FilterArguments, or an awaitable / callable giving one
    async def inner():  # noqa: ANN202
        args = await await_me_maybe(result)
        if args is not None:
            args.where_clauses = [unpin_search_clause(c) for c in args.where_clauses]
        return args
    return inner


@hookimpl(hookwrapper=True)
def filters_from_request(request, database, table, datasette):  # noqa: ANN001, ANN201, ARG001
    outcome = yield
    outcome.force_result([_unpinned(r) for r in outcome.get_result()])


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
