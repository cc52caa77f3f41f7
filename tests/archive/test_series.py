"""`series`: one row per distinct statistic, naming every article that reports it, kept current by writes."""

from __future__ import annotations

import json

from archive import Archive
from tests.helpers import article_record, rows

FRAUD = {"category": "telecom_fraud", "measure": "solved", "scope": "total", "place": None, "subgroup": None,
         "period_text": "1至6月", "period_start": "2024-01-01", "period_end": "2024-06-30", "period_kind": "half"}


def figure(value: float, unit: str = "起", indicator: str = "破获电信网络诈骗案件", **labels) -> dict:
    return {"indicator": indicator, "value": value, "unit": unit, "approximate": False, "change_basis": None,
            "change_direction": None, "change_value": None, "change_unit": None, "sentence": "…", "span_start": 0,
            "span_end": 4, **{**FRAUD, **labels}}


def bulletin(url: str, org: str, metrics: list[dict], text: str = "1至6月，全市共破获电信网络诈骗案件386起。",
             published: str = "2024-07-08"):
    return article_record(url, text, org=org, org_region_code="140500", metrics=metrics, published_at=published)


def series(db) -> list[tuple]:
    return rows(db, "select org, category, measure, scope, place, subgroup, period_start, period_end, value, unit, "
                    "n_articles, article_ids from series order by value")


def test_a_reposted_figure_is_one_statistic_reported_by_two_articles(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db) as a:
        a.write_batch([bulletin("http://city.example/a/1.html", "晋城市公安局", [figure(386), figure(512, "名",
                                "抓获犯罪嫌疑人", measure="persons_caught")])])
        # the provincial site's repost: its 来源 names the city bureau, so the figures are the city's
        a.write_batch([bulletin("http://prov.example/b/9.html", "晋城市公安局", [figure(386)],
                                text="据晋城市公安局消息，1至6月，全市共破获电信网络诈骗案件386起。", published="2024-07-09")])
    got = series(db)
    assert [(r[0], r[2], r[8], r[10]) for r in got] == [("晋城市公安局", "solved", 386, 2),
                                                        ("晋城市公安局", "persons_caught", 512, 1)]
    assert json.loads(got[0][11]) == [1, 2]
    assert rows(db, "select first_published, last_published from series where value = 386") == [
        ("2024-07-08", "2024-07-09")]
    assert rows(db, "select count(*) from metrics where series_id is null") == [(0,)]


def test_different_periods_places_subgroups_and_organisations_never_merge(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db) as a:
        a.write_batch([bulletin("http://c.example/1.html", "晋城市公安局", [
            figure(12), figure(12, period_start="2024-04-01", period_end="2024-06-30", period_kind="quarter"),
            figure(12, scope="place", place="城区"), figure(12, scope="subgroup", subgroup="刷单返利类"),
            figure(12, scope="case")]),
            bulletin("http://c.example/2.html", "长治市公安局", [figure(12)])])
    got = series(db)
    assert len(got) == 5  # the case figure is not a statistic
    assert rows(db, "select count(*) from metrics where scope = 'case' and series_id is null") == [(1,)]


def test_a_changed_figure_leaves_its_old_statistic_and_an_orphan_statistic_is_removed(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db) as a:
        a.write_batch([bulletin("http://c.example/1.html", "晋城市公安局", [figure(386)])])
        a.write_batch([bulletin("http://c.example/2.html", "晋城市公安局", [figure(386)])])
        # the first article is edited: its figure is corrected to 388
        a.write_batch([bulletin("http://c.example/1.html", "晋城市公安局", [figure(388)],
                                text="1至6月，全市共破获电信网络诈骗案件388起。")])
        assert [(r[8], r[10]) for r in series(db)] == [(386, 1), (388, 1)]
        # and the second is edited too: nothing reports 386 any more
        a.write_batch([bulletin("http://c.example/2.html", "晋城市公安局", [figure(388)],
                                text="1至6月，全市共破获电信网络诈骗案件388起。")])
    assert [(r[8], r[10]) for r in series(db)] == [(388, 2)]


def test_merged_shards_rebuild_the_statistics_of_their_articles(tmp_path):
    import subprocess

    from tests.helpers import CLI

    shards = []
    for i, url in enumerate(("http://city.example/a/1.html", "http://prov.example/b/9.html")):
        shard = tmp_path / f"s{i}.db"
        with Archive(shard) as a:
            a.write_batch([bulletin(url, "晋城市公安局", [figure(386)])])
        shards.append(str(shard))
    out = tmp_path / "out.db"
    assert subprocess.run([*CLI, "merge", "--db", str(out), *shards], capture_output=True).returncode == 0
    assert [(r[8], r[10]) for r in series(out)] == [(386, 2)]
