"""The search page sorted by relevance (``/<db>/-/search?q=…``), which Datasette's table page cannot do.

Datasette sorts a table page by its columns only; relevance is FTS5's ``bm25()``, here with a title match weighing
five times a match in the text. Scoring every match is the costly part (about 70 ms for a word in half of 100,000
articles), so the ranked order of a search is computed once per archive version and the pages of results are
slices of it. Facets (site, province, column, year) and their filters are counted from the cached match ids
(:mod:`archive.web.search_index`), as on the table page; sorting by date reads the ``published_at`` index.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from archive.web.rows import dicts
from archive.web.search_index import ArchiveFile, column_codes, indexed_columns, matches
from archive.web.snippets import search_words, snippet

PER_PAGE = 20
FACETS = ("site_id", "province", "column_name", "year")
SORTS = {"rank": "相关度", "newest": "最新在前", "oldest": "最早在前"}
#: how much a match in a column named ``title`` counts against one in the text
TITLE_WEIGHT = 5.0


@dataclass
class Ranked:
    total: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    facets: dict[str, list[tuple[Any, str, int]]] = field(default_factory=dict)  # column → (value, label, count)
    pages: int = 0


def ranked_ids(file: ArchiveFile, fts_table: str, query: str) -> np.ndarray:
    """Every match of ``query``, most relevant first (cached per archive version)."""
    def compute(conn: sqlite3.Connection) -> np.ndarray:
        matches(file, fts_table, query)  # checks the table is FTS5 before its name is spliced into SQL
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{fts_table}])")]
        weights = ", ".join(str(TITLE_WEIGHT if c == "title" else 1.0) for c in cols)
        ids = [r[0] for r in conn.execute(f"SELECT rowid FROM [{fts_table}] WHERE [{fts_table}] MATCH ? "
                                          f"ORDER BY bm25([{fts_table}], {weights}), rowid DESC", [query])]
        return np.array(ids, dtype=np.int64)

    return file.cached(("rank", fts_table, query), compute)


def _only(ids: np.ndarray, codes: np.ndarray, wanted: list[int]) -> np.ndarray:
    inside = ids[ids < len(codes)]
    return inside[np.isin(codes[inside], wanted)]


def search(file: ArchiveFile, conn: sqlite3.Connection, fts_table: str, q: str, query: str, sort: str,
           filters: dict[str, str], page: int) -> Ranked:
    """One page of the results of ``query`` (the FTS5 form of the words ``q``) in ``articles``."""
    out = Ranked()
    ids = matches(file, fts_table, query).ids
    indexed = indexed_columns(file, "articles")
    for column, value in filters.items():
        if column in indexed:
            codes = column_codes(file, "articles", column)
            ids = _only(ids, codes.codes, [i + 1 for i, v in enumerate(codes.values) if str(v) == value])
    out.total = len(ids)
    out.pages = max(1, -(-out.total // PER_PAGE))
    sites = dict(conn.execute("SELECT id, coalesce(name, host) FROM sites").fetchall())
    for column in FACETS:
        if column in indexed:
            out.facets[column] = [(v, sites.get(v, str(v)) if column == "site_id" else str(v), n)
                                  for v, n in column_codes(file, "articles", column).counts(ids)[:12]]
    start = (page - 1) * PER_PAGE
    if sort == "rank":
        order = ranked_ids(file, fts_table, query)
        chosen = order[np.isin(order, ids)][start:start + PER_PAGE].tolist() if filters else \
            order[start:start + PER_PAGE].tolist()
    else:
        direction = "ASC" if sort == "oldest" else "DESC"
        chosen = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE +id IN (SELECT value FROM json_each(?)) "
            f"ORDER BY published_at {direction}, id {direction} LIMIT ? OFFSET ?",
            [json.dumps(ids.tolist()), PER_PAGE, start])]
    if chosen:
        marks = ", ".join("?" * len(chosen))
        found = {r["id"]: r for r in dicts(
            conn, "SELECT a.id, a.title, a.published_at, a.column_name, a.source, a.url, a.text, "
                  f"coalesce(s.name, a.site_name) AS site FROM articles a LEFT JOIN sites s ON s.id = a.site_id "
                  f"WHERE a.id IN ({marks})", chosen)}
        words = search_words(q)
        for i in chosen:
            if i in found:
                row = found.pop(i)
                row["snippet"] = snippet(row.pop("text"), words)
                out.rows.append(row)
    return out
