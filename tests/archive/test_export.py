"""Exports: a real archive (the demo web crawled by the CLI, one article edited and crawled again) written
as CSV, JSON Lines and Parquet, read back and compared with the tables, and its data dictionary."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import archive.export as export_mod
from archive import fts
from archive.export import EXPORTABLE_TABLES, RESEARCH_TABLES, ExportError, export
from archive.tables import BY_NAME
from demoweb import DemoWeb, ground_truth
from demoweb.content import SEED_ARTICLE_TITLE
from extract.urls import canonical_url
from tests.helpers import CLI

EDIT = "更正：文中涉案金额以警方最终通报为准。"


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The demo web crawled, one GBK (Hanweb) article edited, then a --full crawl: every table has rows."""
    path = tmp_path_factory.mktemp("export") / "archive.db"
    with DemoWeb(port=0) as web:
        proc = run_cli("crawl", *web.start_urls(), "--db", str(path), "--delay", "0", "-q")
        assert proc.returncode == 0, proc.stderr[-3000:]
        edited = next(t for t in ground_truth(web) if t.site_key == "hanweb")
        web.site("hanweb").edit_article(edited.url, EDIT)
        proc = run_cli("crawl", *web.start_urls(), "--db", str(path), "--delay", "0", "--full", "-q")
        assert proc.returncode == 0, proc.stderr[-3000:]
    return path


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    fts.register(conn)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def table_columns(db: Path, table: str) -> list[str]:
    return [r[1] for r in query(db, f"pragma table_info([{table}])") if r[1] != "body_gz"]


def table_rows(db: Path, table: str, where: str = "", params: tuple = ()) -> list[tuple]:
    cols = ", ".join(f"[{c}]" for c in table_columns(db, table))
    return query(db, f"select {cols} from [{table}] {where} order by id", params)


def test_the_archive_has_rows_in_every_table(db):
    for table in RESEARCH_TABLES:
        assert query(db, f"select count(*) from [{table}]")[0][0] > 0, table


@pytest.fixture(params=[None, 7], ids=["batch-default", "batch-7"])
def batch(request, monkeypatch):
    """Also export in batches of 7 rows (Parquet row groups of 20), so every table is streamed in many chunks."""
    if request.param:
        monkeypatch.setattr(export_mod, "BATCH", request.param)
        monkeypatch.setattr(export_mod, "PARQUET_ROW_GROUP", 20)


def test_csv_round_trips_every_table(db, tmp_path, batch):
    files = export(db, "csv", tmp_path / "csv")
    assert [f.name for f in files] == [f"{t}.csv" for t in RESEARCH_TABLES] + ["DATA_DICTIONARY.md"]
    for table in RESEARCH_TABLES:
        path = tmp_path / "csv" / f"{table}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header, *got = list(csv.reader(fh))
        assert header == table_columns(db, table)
        want = [["" if v is None else str(v) for v in row] for row in table_rows(db, table)]
        assert got == want, table
    seed = query(db, "select title, text from articles where title = ?", (SEED_ARTICLE_TITLE,))[0]
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["title"]: r for r in csv.DictReader(fh)}
    assert rows[SEED_ARTICLE_TITLE]["text"] == seed[1] and "\n" in seed[1]  # multi-line bodies intact


def test_jsonl_round_trips_every_table(db, tmp_path, batch):
    export(db, "jsonl", tmp_path / "jsonl")
    for table in RESEARCH_TABLES:
        raw = (tmp_path / "jsonl" / f"{table}.jsonl").read_text(encoding="utf-8")
        got = [json.loads(line) for line in raw.splitlines()]
        cols = table_columns(db, table)
        assert got == [dict(zip(cols, row, strict=True)) for row in table_rows(db, table)], table
        assert "\\u" not in raw  # Chinese written as is
    text = (tmp_path / "jsonl" / "articles.jsonl").read_text(encoding="utf-8")
    assert SEED_ARTICLE_TITLE in text and "517.87万元" in text
    versions = [json.loads(line) for line in (tmp_path / "jsonl" / "article_versions.jsonl").open(encoding="utf-8")]
    edited = query(db, "select text from articles where id = ?", (versions[0]["article_id"],))[0][0]
    assert EDIT in edited and EDIT not in versions[0]["text"]  # the GBK page's old and new text both exported


def test_parquet_round_trips_every_table(db, tmp_path, batch):
    pa = pytest.importorskip("pyarrow", reason="parquet export needs pyarrow")
    import pyarrow.parquet as pq

    export(db, "parquet", tmp_path / "pq")
    for table in RESEARCH_TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        cols = table_columns(db, table)
        assert t.column_names == cols
        assert t.num_rows == query(db, f"select count(*) from [{table}]")[0][0]
        assert [tuple(r.values()) for r in t.to_pylist()] == table_rows(db, table), table
        assert t.schema.field("id").type == pa.int64()
        assert t.schema.field(cols[1]).metadata[b"description"].decode() == BY_NAME[table].column(cols[1]).description
    groups = pq.ParquetFile(tmp_path / "pq" / "metrics.parquet").num_row_groups
    assert groups == 1 if export_mod.PARQUET_ROW_GROUP > 1000 else groups > 1
    metrics = pq.read_table(tmp_path / "pq" / "metrics.parquet")
    assert metrics.schema.field("value").type == pa.float64()
    money = [r for r in metrics.to_pylist() if r["indicator"] == "返还被骗资金" and "517.87万元" in r["sentence"]]
    assert money and money[0]["value"] == 5178700
    titles = pq.read_table(tmp_path / "pq" / "articles.parquet", columns=["title"]).column("title").to_pylist()
    assert SEED_ARTICLE_TITLE in titles


def test_parquet_without_pyarrow_is_a_one_line_error(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` raise ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExportError) as exc:
        export(db, "parquet", tmp_path / "pq")
    assert "pyarrow" in str(exc.value) and "\n" not in str(exc.value)
    assert not (tmp_path / "pq").exists()  # nothing half-written


def test_pages_export_has_every_column_but_the_raw_bodies(db, tmp_path):
    files = export(db, "csv", tmp_path, table="pages")
    assert [f.name for f in files] == ["pages.csv", "DATA_DICTIONARY.md"]
    with (tmp_path / "pages.csv").open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    all_cols = [r[1] for r in query(db, "pragma table_info(pages)")]
    assert header == [c for c in all_cols if c != "body_gz"] and "body_gz" in all_cols
    assert len(rows) == query(db, "select count(*) from pages")[0][0]


def test_since_keeps_rows_on_or_after_the_day(db, tmp_path):
    # a day on which a date-only article was published: the boundary day itself is kept
    day = query(db, "select published_at from articles where length(published_at) = 10 "
                    "and published_at > '2021-09-01' order by published_at limit 1")[0][0]
    export(db, "jsonl", tmp_path, since=day)

    def read(table: str) -> list[dict]:
        return [json.loads(line) for line in (tmp_path / f"{table}.jsonl").open(encoding="utf-8")]

    articles = read("articles")
    want = query(db, "select id from articles where substr(published_at, 1, 10) >= ? order by id", (day,))
    assert [a["id"] for a in articles] == [r[0] for r in want]
    assert 0 < len(articles) < query(db, "select count(*) from articles")[0][0]
    assert all(a["published_at"][:10] >= day for a in articles)
    assert day in {a["published_at"] for a in articles}
    assert SEED_ARTICLE_TITLE not in {a["title"] for a in articles}  # published 2021-07-12
    ids = {a["id"] for a in articles}
    for table in ("metrics", "attachments", "article_versions"):
        got = read(table)
        assert {r["article_id"] for r in got} <= ids, table
        want = query(db, f"select count(*) from [{table}] where article_id in "
                         "(select id from articles where substr(published_at, 1, 10) >= ?)", (day,))[0][0]
        assert len(got) == want, table
    assert 0 < len(read("metrics")) < query(db, "select count(*) from metrics")[0][0]
    # sites, columns and runs are dated by the crawl (today), so all are kept
    for table in ("sites", "columns", "crawl_runs"):
        assert len(read(table)) == query(db, f"select count(*) from [{table}]")[0][0], table
    dictionary = (tmp_path / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert f"--since {day}" in dictionary


def test_since_in_the_future_writes_empty_files_with_headers(db, tmp_path):
    export(db, "csv", tmp_path, since="2999-01-01")
    for table in RESEARCH_TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            assert list(csv.reader(fh)) == [table_columns(db, table)], table


def dictionary_sections(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^## `(\w+)`\n(.*?)(?=^## |\Z)", text, re.S | re.M)}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_data_dictionary_describes_every_exported_table_and_column(db, tmp_path, fmt):
    export(db, fmt, tmp_path)
    export(db, fmt, tmp_path / "pages", table="pages")
    for directory, tables in ((tmp_path, RESEARCH_TABLES), (tmp_path / "pages", ("pages",))):
        text = (directory / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
        sections = dictionary_sections(text)
        assert list(sections) == list(tables)
        for table in tables:
            section = sections[table]
            assert BY_NAME[table].description in section
            listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
            assert listed == table_columns(db, table), table
            for col in listed:
                desc = BY_NAME[table].column(col).description  # every exported column is described
                assert desc and desc.replace("|", "\\|") in section, (table, col)
            rows = query(db, f"select count(*) from [{table}]")[0][0]
            assert f"| `{table}` | `{table}.{fmt}` | {rows} |" in text
    pages = (tmp_path / "pages" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "`body_gz`" in pages.split("| column |")[0]  # said to be left out, not listed as a column
    assert "| `size` | INTEGER | bytes |" in pages and "| `elapsed_ms` | INTEGER | milliseconds |" in pages
    research = (tmp_path / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "| `value` | REAL | the row's `unit` (元 for money) |" in research


def test_data_dictionary_alone(db, tmp_path):
    path = export_mod.data_dictionary(db, tmp_path / "docs" / "dict.md", ["metrics", "sites"])
    sections = dictionary_sections(path.read_text(encoding="utf-8"))
    assert list(sections) == ["metrics", "sites"]


def test_bad_arguments_are_one_line_errors_naming_the_option(db, tmp_path):
    for kwargs, param in (({"fmt": "xlsx"}, "--format"), ({"table": "articles_fts"}, "--table"),
                          ({"table": ["articles", "nope"]}, "--table"), ({"since": "12/07/2021"}, "--since"),
                          ({"since": "2021-13-01"}, "--since")):
        args = {"fmt": "csv", **kwargs}
        with pytest.raises(ExportError) as exc:
            export(db, args.pop("fmt"), tmp_path / "bad", **args)
        assert exc.value.param == param and "\n" not in str(exc.value)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError) as exc:
        export(db, "csv", tmp_path / "file")
    assert exc.value.param == "--out"
    with pytest.raises(ExportError) as exc:
        export(tmp_path / "missing.db", "csv", tmp_path / "bad")
    assert exc.value.param == "--db"
    assert not (tmp_path / "missing.db").exists() and not (tmp_path / "bad").exists()


def test_export_reads_without_writing(db, tmp_path):
    before = query(db, "select count(*), max(fetched_at) from pages")
    mtime = db.stat().st_mtime_ns
    export(db, "csv", tmp_path, table=list(EXPORTABLE_TABLES))
    assert query(db, "select count(*), max(fetched_at) from pages") == before
    assert db.stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob("*.part"))


def test_cli_export_command(db, tmp_path):
    from crawler.cli import cli

    if "export" not in cli.commands:
        pytest.skip("the export command is not wired into crawler/cli.py yet")
    seed_url = query(db, "select url from articles where title = ?", (SEED_ARTICLE_TITLE,))[0][0]
    out = tmp_path / "out"
    proc = run_cli("export", "--db", str(db), "--format", "jsonl", "--table", "articles", "--since", "2021-07-12",
                   "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    urls = {json.loads(line)["url"] for line in (out / "articles.jsonl").open(encoding="utf-8")}
    assert canonical_url(seed_url) in urls
    assert (out / "DATA_DICTIONARY.md").exists()
    bad = run_cli("export", "--db", str(db), "--format", "csv", "--since", "yesterday", "--out", str(out))
    assert bad.returncode == 2 and "--since" in bad.stderr
