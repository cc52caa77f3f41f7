"""Exports for researchers: the archive's tables as CSV, JSON Lines or Parquet, with a data dictionary.

``export(db, "csv", "out/")`` writes one file per table (``articles.csv``, ``metrics.csv`` …) and
``DATA_DICTIONARY.md``, whose table and column descriptions come from :mod:`archive.tables` (the same
text Datasette shows), so the documentation and the schema cannot drift apart.

* Rows are streamed in batches, ordered by ``id``; the whole export reads one snapshot of the archive
  (a single read transaction), so a crawl writing meanwhile cannot make the tables disagree.
* CSV: UTF-8 with a byte-order mark (Excel then reads Chinese correctly), a header row, RFC 4180 quoting
  (body texts keep their line breaks inside quotes); NULL is an empty field.
* JSON Lines: one object per row, Chinese as is (not ``\\uXXXX``); NULL is ``null``.
* Parquet (needs ``pyarrow``): column types from the schema (INTEGER → int64, REAL → double, TEXT → string);
  table and column descriptions are stored in the file's schema metadata too.
* ``since`` (``YYYY-MM-DD``) keeps articles published on or after that day, the metrics, attachments and
  earlier versions of those articles, and the sites, columns, runs and fetches seen on or after it.
* ``pages`` is exported only when asked for, and never with ``body_gz`` (the raw bodies).

Files are written beside their final name and renamed when complete, so a failed export leaves no
truncated file behind.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from archive import fts
from archive.tables import BY_NAME, EXPORT_ORDER, TABLES

FORMATS = ("csv", "jsonl", "parquet")

#: Exported when no table is named, in this order.
RESEARCH_TABLES = tuple(t for t in EXPORT_ORDER if BY_NAME[t].export == "default")
#: Every table that can be exported (``pages`` only on request).
EXPORTABLE_TABLES = tuple(t for t in EXPORT_ORDER if BY_NAME[t].export != "never")
#: Columns never exported (the raw bodies).
OMITTED_COLUMNS = {t.name: tuple(c.name for c in t.columns if not c.exported) for t in TABLES
                   if any(not c.exported for c in t.columns)}

DICTIONARY_NAME = "DATA_DICTIONARY.md"
BATCH = 1000  # rows fetched from SQLite at a time
PARQUET_ROW_GROUP = 10_000  # rows per Parquet row group (held in memory until written)

#: How ``since`` selects each table's rows; ``?`` is the day (YYYY-MM-DD). Times are compared by their first ten
#: characters, the day in the time zone they are written in (published_at: China Standard Time, the others: UTC).
SINCE_FILTERS: dict[str, tuple[str, str]] = {t.name: t.since for t in TABLES if t.since}


class ExportError(Exception):
    """A one-line reason the export cannot run; ``param`` names the offending option, if any."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


def default_out_dir(db_path: str | Path) -> Path:
    """Where an export goes when no directory is given: ``<archive stem>-export`` beside the archive."""
    p = Path(db_path)
    return p.with_name(p.stem + "-export")


def check_since(since: str | date | None) -> str | None:
    """``since`` as ``YYYY-MM-DD``, or an :class:`ExportError` naming ``--since``."""
    if since is None or since == "":
        return None
    if isinstance(since, datetime):
        return since.date().isoformat()
    if isinstance(since, date):
        return since.isoformat()
    try:
        return date.fromisoformat(str(since).strip()).isoformat()
    except ValueError:
        raise ExportError(f"not a date (YYYY-MM-DD): {since!r}", param="--since") from None


def check_tables(table: str | Sequence[str] | None) -> list[str]:
    """The tables to export: all research tables for ``None``, else the named ones (validated)."""
    if table is None or table == "" or (not isinstance(table, str) and not table):
        return list(RESEARCH_TABLES)
    names = [table] if isinstance(table, str) else list(table)
    for name in names:
        if name not in EXPORTABLE_TABLES:
            raise ExportError(f"no exportable table {name!r} (choose from {', '.join(EXPORTABLE_TABLES)})",
                              param="--table")
    return list(dict.fromkeys(names))


def connect(db_path: str | Path) -> sqlite3.Connection:
    """A query-only connection to an existing archive, with the Chinese FTS tokenizer registered.

    Not ``mode=ro``: a read-only connection to a WAL archive leaves its ``-wal``/``-shm`` files behind.
    """
    p = Path(db_path)
    if not p.is_file():
        raise ExportError(f"no archive at {p}", param="--db")
    conn = sqlite3.connect(p, timeout=30)
    fts.register(conn)
    conn.execute("PRAGMA query_only = ON")
    return conn


def exported_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared SQLite type) of the columns exported from ``table``, in schema order."""
    omitted = OMITTED_COLUMNS.get(table, ())
    cols = [(r[1], (r[2] or "").upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]
    if not cols:
        raise ExportError(f"the archive has no table {table!r} (created by an older version?)", param="--table")
    return [(name, decl) for name, decl in cols if name not in omitted]


def _select(conn: sqlite3.Connection, table: str, columns: list[str], since: str | None) -> sqlite3.Cursor:
    # identifiers come from the whitelist and the schema, values are bound parameters
    sql = f'SELECT {", ".join(_q(c) for c in columns)} FROM "{table}"'
    params: list[Any] = []
    if since is not None:
        where, _ = SINCE_FILTERS[table]
        sql += f" WHERE {where}"
        params.append(since)
    return conn.execute(sql + " ORDER BY id", params)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _batches(cur: sqlite3.Cursor) -> Iterator[list[tuple]]:
    while True:
        rows = cur.fetchmany(BATCH)
        if not rows:
            return
        yield rows


def _write_csv(cur: sqlite3.Cursor, columns: list[str], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for rows in _batches(cur):
            w.writerows(rows)
            n += len(rows)
    return n


def _write_jsonl(cur: sqlite3.Cursor, columns: list[str], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rows in _batches(cur):
            fh.writelines(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n"
                          for row in rows)
            n += len(rows)
    return n


def _pyarrow():  # noqa: ANN202 - the pyarrow modules, imported lazily
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("parquet export needs pyarrow: pip install pyarrow", param="--format") from None
    return pa, pq


def _arrow_type(pa, decl: str):  # noqa: ANN001, ANN202
    # SQLite's type affinity rules, in their order
    if "INT" in decl:
        return pa.int64()
    if any(t in decl for t in ("CHAR", "CLOB", "TEXT")):
        return pa.string()
    if "BLOB" in decl or not decl:
        return pa.binary()
    return pa.float64()  # REAL, FLOAT, DOUBLE, NUMERIC


def _write_parquet(cur: sqlite3.Cursor, table: str, cols: list[tuple[str, str]], path: Path) -> int:
    pa, pq = _pyarrow()
    fields = [pa.field(name, _arrow_type(pa, decl), metadata={"description": _description(table, name)})
              for name, decl in cols]
    schema = pa.schema(fields, metadata={"table": table, "description": BY_NAME[table].description})
    n = 0
    pending: list[tuple] = []

    def flush() -> None:
        arrays = []
        for i, f in enumerate(fields):
            try:
                arrays.append(pa.array([r[i] for r in pending], type=f.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
                raise ExportError(f"{table}.{f.name}: a value does not fit {f.type}: {exc}") from None
        writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        pending.clear()

    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for rows in _batches(cur):
            pending.extend(rows)
            n += len(rows)
            if len(pending) >= PARQUET_ROW_GROUP:
                flush()
        if pending:
            flush()
    return n


def export(db_path: str | Path, fmt: str, out: str | Path | None = None, table: str | Sequence[str] | None = None,
           since: str | date | None = None) -> list[Path]:
    """Export tables of the archive ``db_path`` as ``fmt`` (csv, jsonl, parquet) into the directory ``out``.

    ``table``: one table name or several (default: the research tables, :data:`RESEARCH_TABLES`; ``pages``
    only when named, without its raw bodies). ``since``: a day (``YYYY-MM-DD``); keeps the rows dated on or
    after it (:data:`SINCE_FILTERS`). ``out`` defaults to ``<archive stem>-export`` beside the archive.
    Returns the files written: one ``<table>.<fmt>`` per table, then ``DATA_DICTIONARY.md``. Raises
    :class:`ExportError` with a one-line reason for bad arguments, a missing archive or missing pyarrow.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})", param="--format")
    tables = check_tables(table)
    day = check_since(since)
    if fmt == "parquet":
        _pyarrow()  # fail before writing anything
    out_dir = Path(out) if out is not None else default_out_dir(db_path)
    conn = connect(db_path)
    written: list[Path] = []
    counts: dict[str, int] = {}
    columns: dict[str, list[tuple[str, str]]] = {}
    try:
        conn.execute("BEGIN")  # one snapshot for every table
        for t in tables:
            columns[t] = exported_columns(conn, t)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot write to {out_dir}: {exc.strerror}", param="--out") from None
        for t in tables:
            names = [c for c, _ in columns[t]]
            final = out_dir / f"{t}.{fmt}"
            part = final.with_name(final.name + ".part")
            cur = _select(conn, t, names, day)
            try:
                if fmt == "csv":
                    counts[t] = _write_csv(cur, names, part)
                elif fmt == "jsonl":
                    counts[t] = _write_jsonl(cur, names, part)
                else:
                    counts[t] = _write_parquet(cur, t, columns[t], part)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            os.replace(part, final)
            written.append(final)
        conn.rollback()
    finally:
        conn.close()
    written.append(data_dictionary(db_path, out_dir, tables, fmt=fmt, since=day, counts=counts,
                                   columns=columns))
    return written


def data_dictionary(db_path: str | Path, out: str | Path, tables: Sequence[str] | None = None, *,
                    fmt: str = "csv", since: str | None = None, counts: dict[str, int] | None = None,
                    columns: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """Write ``DATA_DICTIONARY.md`` (into the directory ``out``, or to ``out`` if it ends in ``.md``).

    It describes every exported table and column: type, unit or format, and the description from
    :mod:`archive.tables`. ``counts`` (rows per table) and ``columns`` come from the export;
    without them the archive is read for its columns and the counts are left out.
    """
    tables = check_tables(tables)
    out = Path(out)
    path = out if out.suffix.lower() == ".md" else out / DICTIONARY_NAME
    if columns is None or any(t not in columns for t in tables):
        conn = connect(db_path)
        try:
            columns = {t: exported_columns(conn, t) for t in tables}
        finally:
            conn.close()
    text = render_data_dictionary(Path(db_path).name, tables, columns, fmt=fmt, since=since, counts=counts)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
    return path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _description(table: str, column: str) -> str:
    try:
        return BY_NAME[table].column(column).description
    except KeyError:
        return ""


def column_unit(table: str, column: str, decl: str) -> str:
    """The unit or format of a column's values, as the data dictionary states it (see :mod:`archive.tables`)."""
    try:
        return BY_NAME[table].column(column).unit
    except KeyError:
        return ""  # a column this version does not declare (an archive from a newer version)


_FORMAT_NOTES = {
    "csv": "UTF-8 with a byte-order mark (Excel opens Chinese text correctly), comma-separated, a header row, "
           "fields quoted where needed (body texts keep their line breaks inside quotes). An empty field is NULL.",
    "jsonl": "JSON Lines: one UTF-8 JSON object per row, keys are the column names, Chinese written as is. "
             "NULL is `null`; JSON columns are strings holding JSON text.",
    "parquet": "Apache Parquet (zstd-compressed); INTEGER → int64, REAL → double, TEXT → string. The table and "
               "column descriptions below are also in each file's schema metadata (`description`).",
}


def render_data_dictionary(db_name: str, tables: Sequence[str], columns: dict[str, list[tuple[str, str]]], *,
                           fmt: str, since: str | None, counts: dict[str, int] | None) -> str:
    """The data dictionary's Markdown text."""
    lines = [
        "# Data dictionary",
        "",
        f"Export of the police-archive archive `{db_name}`, written "
        f"{datetime.now(UTC).isoformat(timespec='seconds')} by `police-archive export --format {fmt}`"
        + (f" `--since {since}`" if since else "") + ".",
        "",
        f"Files: one per table, `<table>.{fmt}`, rows ordered by `id`. {_FORMAT_NOTES.get(fmt, '')}",
        "",
        "Conventions: times are ISO 8601; `published_at` is China Standard Time (+08:00) at the precision the "
        "page gives (a date alone when it states no time), every other time is UTC. Money is in 元. Columns "
        "ending in `_id` refer to the `id` of another table (`article_id` → articles, `site_id` → sites, "
        "`page_id` → pages, `crawl_run_id` → crawl_runs).",
        "",
    ]
    if since:
        lines += [f"Rows selected with `--since {since}` (DATE = {since}; times compared by their day):", ""]
        lines += [f"* `{t}`: {SINCE_FILTERS[t][1]}" for t in tables]
        lines.append("")
    if counts is not None:
        lines += ["| table | file | rows |", "|---|---|---:|"]
        lines += [f"| `{t}` | `{t}.{fmt}` | {counts.get(t, 0)} |" for t in tables]
        lines.append("")
    for t in tables:
        lines += [f"## `{t}`", "", BY_NAME[t].description, ""]
        omitted = OMITTED_COLUMNS.get(t)
        if omitted:
            lines += [f"Not exported: {', '.join(f'`{c}`' for c in omitted)} (raw response bodies; read them "
                      "from the archive or its WARC files).", ""]
        lines += ["| column | type | unit / format | description |", "|---|---|---|---|"]
        for name, decl in columns[t]:
            desc = _description(t, name)
            lines.append(f"| `{name}` | {decl or 'ANY'} | {_cell(column_unit(t, name, decl))} | {_cell(desc)} |")
        lines.append("")
    return "\n".join(lines)
