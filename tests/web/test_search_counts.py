"""A search page's count and facets come from cached match ids, not from SQLite each time: they must be exactly
what SQL counts — with other filters, on later pages, and after a crawl commits while the archive is browsed."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from archive import Archive
from archive.web.search_speed import parse_search_sql, unpin_search_clause
from tests.bench.bench_fts import build
from tests.helpers import article_record, rows
from tests.web.server import fetch, serving

FACETS = ("site_id", "province", "column_name", "year", "cms")
MATCHING = "(title like :w or text like :w)"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("counts") / "counts.db"
    build(db, 600)
    return db


def api(base: str, db, query: dict) -> dict:
    status, _, body = fetch(f"{base}/{db.stem}/articles.json?" + urllib.parse.urlencode(query))
    assert status == 200, body[:300]
    return json.loads(body)


def facet_counts(page: dict) -> dict[str, dict]:
    facets = page["facet_results"]
    facets = facets.get("results", facets)
    return {name: {r["value"]: r["count"] for r in f["results"]} for name, f in facets.items()}


def sql_facets(db, where: str, params: dict) -> dict[str, dict]:
    return {c: dict(rows(db, f"select {c}, count(*) from articles where {c} is not null and {where} group by 1",
                         params)) for c in FACETS}


def test_count_and_facets_equal_sql_with_and_without_filters_and_on_the_next_page(archive):
    with serving(archive) as base:
        # words in few articles first (their rows are looked up), then in many (whole columns are read)
        for word in ("网约车", "户口迁移", "冒充客服", "禁毒", "诈骗", "抓获犯罪嫌疑人"):
            w = {"w": f"%{word}%"}
            first = api(base, archive, {"_search": word, "_size": 10})
            assert first["filtered_table_rows_count"] == rows(archive, f"select count(*) from articles where {MATCHING}",
                                                              w)[0][0]
            assert facet_counts(first) == {c: v for c, v in sql_facets(archive, MATCHING, w).items()}, word
            province = rows(archive, "select province from articles order by id limit 1")[0][0]
            narrowed = api(base, archive, {"_search": word, "province": province, "_size": 10})
            where = f"{MATCHING} and province = :p"
            assert narrowed["filtered_table_rows_count"] == rows(
                archive, f"select count(*) from articles where {where}", {**w, "p": province})[0][0]
            assert facet_counts(narrowed) == sql_facets(archive, where, {**w, "p": province})
            if first["next"]:
                # Datasette counts a later page's facets over the rows after the cursor; so must we
                second = api(base, archive, {"_search": word, "_size": 10, "_next": first["next"]})
                date, last_id = first["next"].split(",")
                after = f"{MATCHING} and (published_at < :d or published_at is null or (published_at = :d and id > :i))"
                assert facet_counts(second) == sql_facets(archive, after, {**w, "d": date, "i": int(last_id)})
                assert second["filtered_table_rows_count"] == first["filtered_table_rows_count"]


def test_a_commit_while_browsing_is_counted_on_the_next_page(archive, tmp_path):
    db = tmp_path / "live.db"
    db.write_bytes(archive.read_bytes())
    with serving(db) as base:
        before = api(base, db, {"_search": "网约车", "_size": 5})
        assert before["filtered_table_rows_count"] == 0
        with Archive(db) as a:
            a.write_batch([article_record("http://s1.bench.invalid/new.html", "网约车司机拾金不昧，民警帮助失主找回钱包。",
                                          "网约车司机拾金不昧", published_at="2024-12-30", column_name="警务动态")])
        after = api(base, db, {"_search": "网约车", "_size": 5})
        assert after["filtered_table_rows_count"] == 1
        assert facet_counts(after)["column_name"] == {"警务动态": 1}


def test_only_statements_with_exactly_our_search_clause_are_answered():
    ours = unpin_search_clause("id in (select rowid from articles_fts where articles_fts match escape_fts(:search))",
                               cached=True)
    count = f"select count(*) from articles where [province] = :p0 and {ours} "
    s = parse_search_sql(count, {"search": "诈骗", "p0": "浙江省"})
    assert s is not None and (s.table, s.fts_table, s.query, s.rest) == ("articles", "articles_fts", '"诈骗"',
                                                                          "[province] = :p0")
    assert parse_search_sql(f"select id, title from articles where {ours} ", {"search": "诈骗"}).rest == ""
    for other in (f"select count(*) from articles where {ours} or 1 ", "select count(*) from articles where 1 ",
                  f"select count(*) from articles where {ours} and {ours} ", f"delete from articles where {ours} "):
        assert parse_search_sql(other, {"search": "诈骗"}) is None, other
    assert parse_search_sql(count, {"p0": "浙江省"}) is None  # no search text: left to SQLite
