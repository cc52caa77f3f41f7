"""Archive writes on a real SQLite file: idempotent, one row per article, raw bytes kept, Chinese search."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from archive import Archive
from archive.fts import bigram_tokens
from archive.records import PageFetch
from tests.helpers import article_record


def page(url: str, body: bytes, status: int = 200, kind: str = "article") -> PageFetch:
    return PageFetch(url=url, kind=kind, status=status, body=body, headers={"Server": "x"}, content_type="text/html")


def article(url: str, text: str, title: str = "全市公安机关开展反诈宣传"):
    return article_record(url, text, title, attachments=[{"url": url + ".pdf", "name": "统计表.pdf", "type": "pdf"}])


def test_rerun_adds_no_rows_and_keeps_raw_bytes(tmp_path):
    db = tmp_path / "a.db"
    recs = [article("http://h/a1.html", "全市共破获电信网络诈骗案件75起"), page("http://h/index.html", b"<ul></ul>", kind="list")]
    with Archive(db) as a:
        assert a.write_batch(recs)["articles_new"] == 1
    with Archive(db) as a:
        assert a.write_batch(recs) == {"articles_new": 0, "articles_changed": 0, "articles_unchanged": 1}
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 1
    assert conn.execute("select count(*) from pages").fetchone()[0] == 2
    assert conn.execute("select count(*) from attachments").fetchone()[0] == 1
    assert conn.execute("select fetch_count from pages where kind='article'").fetchone()[0] == 2
    raw = zlib.decompress(conn.execute("select body_gz from pages where kind='article'").fetchone()[0])
    assert raw.decode("gbk") == "<p>全市共破获电信网络诈骗案件75起</p>"  # GBK bytes intact
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_changed_text_updates_the_row(tmp_path):
    with Archive(tmp_path / "a.db") as a:
        a.write_batch([article("http://h/a1.html", "破获案件75起")])
        assert a.write_batch([article("http://h/a1.html", "破获案件76起")])["articles_changed"] == 1
        assert a.db.execute("select text from articles").fetchone()[0] == "破获案件76起"


def test_every_substring_of_two_or_more_characters_is_searchable(tmp_path):
    text = "全市共破获电信网络诈骗案件75起，抓获犯罪嫌疑人46名。"
    with Archive(tmp_path / "a.db") as a:
        a.write_batch([article("http://h/a1.html", text), article("http://h/a2.html", "交警部门整治酒驾醉驾", title="交警夏季行动")])
        cjk = "全市共破获电信网络诈骗案件"
        for i in range(len(cjk) - 1):
            for j in range(i + 2, len(cjk) + 1):
                hits = [r["url"] for r in a.search(cjk[i:j])]
                assert hits == ["http://h/a1.html"], cjk[i:j]
        assert a.search("酒驾")[0]["url"] == "http://h/a2.html"
        assert a.search("诈案") == []
        assert a.search("75")[0]["url"] == "http://h/a1.html"


def test_bigram_offsets_are_utf8_bytes():
    toks = list(bigram_tokens("反诈 APP96110"))
    assert toks == [("反诈", 0, 6), ("app96110", 7, 15)]


def test_a_process_that_never_closes_the_archive_exits_cleanly(tmp_path):
    """The tokenizer's cffi callbacks must not outlive the interpreter (that crashed processes at exit)."""
    import subprocess
    import sys

    code = ("from archive import Archive\nfrom tests.helpers import article_record\n"
            f"a = Archive({str(tmp_path / 'x.db')!r})\n"
            "a.write_batch([article_record('http://h/1.html', '诈骗案件', '通报')])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_search_clause_is_unpinned_only_for_datasette_fts_filters():
    from archive.datasette_plugin import unpin_search_clause

    # Datasette's own clause: the primary key must not drive the query (the result set is the same)
    clause = "id in (select rowid from articles_fts where articles_fts match escape_fts(:search))"
    assert unpin_search_clause(clause) == "+" + clause
    assert unpin_search_clause(clause, cached=True) == (
        "+id in (select value from json_each(police_archive_matches('articles_fts', escape_fts(:search))))")
    assert unpin_search_clause("[my id] in (select rowid from [my fts] where [my fts] match :search)").startswith("+[")
    # anything else is left exactly as written
    for clause in ("site_id = :p0", "id in (select rowid from other_fts where articles_fts match :search)",
                   "\"text\" like :p1"):
        assert unpin_search_clause(clause) == clause


def test_facet_columns_are_indexed_in_new_and_migrated_archives(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX idx_articles_year")  # as an archive made before the index existed
    conn.commit()
    conn.close()
    with Archive(db) as a:
        indexed = {r[0] for r in a.db.execute(
            "SELECT il.name FROM pragma_index_list('articles') AS l, pragma_index_info(l.name) AS il")}
    assert {"year", "province", "column_name", "cms", "site_id", "published_at"} <= indexed


def test_match_cache_answers_like_fts5_and_forgets_on_any_write(tmp_path):
    import json

    from archive.web.search_index import ArchiveFile, matches

    db = tmp_path / "a.db"
    with Archive(db) as a:
        a.db.execute("INSERT INTO sites (host, base_url, first_seen, last_seen) VALUES ('h', 'http://h/', 'x', 'x')")
        for i, text in enumerate(["全市破获电信网络诈骗案件12起", "开展禁毒宣传", "冒充客服诈骗提醒"]):
            a.db.execute("INSERT INTO articles (url, site_id, title, text, content_hash, first_fetched_at, fetched_at) "
                         "VALUES (?, 1, ?, ?, ?, 'x', 'x')", [f"http://h/{i}", f"标题{i}", text, str(i)])
        a.db.conn.commit()
        cache = ArchiveFile(str(db), size=2)
        assert json.loads(matches(cache, "articles_fts", '"诈骗"').json) == [1, 3]
        assert json.loads(matches(cache, "articles_fts", '"禁毒"').json) == [2]
        # a crawl commits a new article while the archive is browsed: the next search must see it
        a.db.execute("INSERT INTO articles (url, site_id, title, text, content_hash, first_fetched_at, fetched_at) "
                     "VALUES ('http://h/9', 1, '新', '破获诈骗案', '9', 'x', 'x')")
        a.db.conn.commit()
        assert json.loads(matches(cache, "articles_fts", '"诈骗"').json) == [1, 3, 4]
        assert matches(cache, "articles_fts", '"诈骗"').ids.tolist() == [1, 3, 4]
        for bad in ("articles", "sites_fts", "articles_fts] WHERE 1 --"):
            with pytest.raises(ValueError):
                matches(cache, bad, '"诈骗"')
