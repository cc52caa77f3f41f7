"""Datasette metadata for an archive: title, descriptions of every table and column, search, sort, stored
queries and dashboards. The descriptions and table options come from :mod:`archive.tables`."""

from __future__ import annotations

import copy
from typing import Any

from archive import tables


def datasette_metadata(db_name: str, warc_dir: str | None = None) -> dict[str, Any]:
    """Datasette's metadata: every table and column described as :mod:`archive.tables` declares them, and where
    the archive's WARC files are (the archived capture pages read them; default: beside the archive)."""
    described: dict[str, Any] = {}
    for t in tables.TABLES:
        described[t.name] = {"description": t.description, "columns": {c.name: c.description for c in t.columns},
                             **copy.deepcopy(t.datasette)}
    for hidden in tables.FTS_TABLES:
        described[hidden] = {"hidden": True}
    return {
        "title": "police-archive",
        "description": "Archive of Chinese police bureau news pages: articles, their statistics, sites, raw fetches "
                       "and crawl runs.",
        "source": "police-archive crawl",
        "databases": {db_name: {"tables": described, "queries": canned_queries()}},
        "plugins": {"datasette-dashboards": dashboards(db_name),
                    **({"police-archive": {"warc_dir": warc_dir}} if warc_dir else {})},
    }


SERIES_SQL = """
select a.published_at, s.name as site, m.indicator, m.value, m.unit, m.period_text, m.period_start, m.period_end,
       m.period_kind, m.category, m.measure, m.scope,
       m.change_basis, m.change_direction, m.change_value, m.change_unit, a.title, a.url
from metrics m join articles a on a.id = m.article_id join sites s on s.id = a.site_id
where m.indicator like '%' || :indicator || '%' and (:site = '' or s.name like '%' || :site || '%')
  and m.value is not null and m.place is null
order by a.published_at
"""


def canned_queries() -> dict[str, Any]:
    """Stored queries with named parameters (Datasette shows a form for each)."""
    return {
        "search_articles": {
            "title": "Search articles",
            "description": "Articles containing a word (two or more characters), best match first.",
            "sql": "select a.published_at, s.name as site, a.column_name, a.title, a.url, "
                   "snippet(articles_fts, 1, '[', ']', '…', 16) as snippet from articles_fts "
                   "join articles a on a.id = articles_fts.rowid join sites s on s.id = a.site_id "
                   "where articles_fts match '\"' || replace(:q, '\"', '') || '\"' order by rank limit 200",
        },
        "metric_series": {
            "title": "A statistic over time",
            "description": "Every figure whose indicator contains a keyword (e.g. 诈骗案件), for one site or all "
                           "(leave site empty), in publish order.",
            "sql": SERIES_SQL.strip(),
        },
        "compare_bureaus": {
            "title": "Compare bureaus on a measure for a kind of period",
            "description": "Every bureau's total for one category (telecom_fraud, drugs, traffic …), measure (solved, "
                           "persons_caught, incidents …) and kind of period (year, half, quarter, month, week, "
                           "holiday, year_to_date …): one row per statistic, with the articles that report it.",
            "sql": COMPARE_SQL.strip(),
        },
        "statistics_of_a_bureau": {
            "title": "Every statistic of one bureau",
            "description": "The statistics a bureau (part of its name, e.g. 晋城) reports, newest period first.",
            "sql": "select s.org as bureau, s.category, s.measure, s.scope, s.place, s.subgroup, s.period_kind, "
                   "s.period_start, s.period_end, s.value, s.unit, s.change_basis, s.change_direction, s.change_value, "
                   "s.change_unit, s.indicator, s.n_articles, s.article_ids from series s "
                   "where s.org like '%' || :bureau || '%' order by s.period_end desc, s.category, s.measure",
        },
        "monthly_article_counts": {
            "title": "Articles per month and site",
            "sql": "select substr(a.published_at, 1, 7) as month, s.name as site, count(*) as articles "
                   "from articles a join sites s on s.id = a.site_id where a.published_at is not null "
                   "group by month, s.id order by month, site",
        },
        "largest_figures": {
            "title": "The largest figures of a period",
            "description": "Figures of articles published between two dates (YYYY-MM-DD), largest first, for one unit "
                           "(元, 起, 名 …; leave empty for all).",
            "sql": "select m.value, m.unit, m.indicator, m.period_text, s.name as site, a.published_at, a.title, a.url "
                   "from metrics m join articles a on a.id = m.article_id join sites s on s.id = a.site_id "
                   "where substr(a.published_at, 1, 10) between :start and :end "
                   "and (:unit = '' or m.unit = :unit) and m.value is not null "
                   "order by m.value desc limit 100",
        },
    }


#: one line per bureau: the totals of one category and measure over one kind of period (the explorer's query)
COMPARE_SQL = """
select s.period_start, s.period_end, s.org as bureau, s.org_region_code, s.value, s.unit, s.period_text,
       s.change_basis, s.change_direction, s.change_value, s.change_unit, s.n_articles, s.article_ids, s.indicator
from series s
where s.category = :category and s.measure = :measure and s.period_kind = :period_kind and s.scope = 'total'
  and s.value is not null
order by s.period_end, s.org
"""


def dashboards(db_name: str) -> dict[str, Any]:
    """datasette-dashboards configuration: comparable statistics per bureau (from ``series``), articles per month."""
    def labels(column: str) -> dict[str, Any]:
        return {"name": column.replace("_", " ").capitalize(), "type": "select", "db": db_name,
                "query": f"select distinct {column} from series where {column} is not null order by {column}"}

    where = ("s.scope = 'total' and s.value is not null [[and s.category = :category]] [[and s.measure = :measure]] "
             "[[and s.period_kind = :period_kind]]")
    return {
        "police-statistics": {
            "title": "Police statistics",
            "description": "Comparable figures: one line per bureau for a category, a measure and a kind of period "
                           "(totals only, each statistic once however many articles report it), and how many "
                           "articles each site published per month.",
            # chart ids are kept from earlier versions: links to /-/dashboards/police-statistics/fraud-cases still work
            "layout": [["fraud-cases", "fraud-cases"], ["fraud-money", "articles-per-month"]],
            "filters": {
                "category": {**labels("category"), "default": "telecom_fraud"},
                "measure": {**labels("measure"), "default": "solved"},
                "period_kind": {**labels("period_kind"), "default": "month"},
            },
            "charts": {
                "fraud-cases": {
                    "title": "One line per bureau (choose category, measure and kind of period above)",
                    "db": db_name,
                    "query": "select s.period_end as period_end, s.org as bureau, s.value, s.unit, s.period_text, "
                             f"s.indicator from series s where {where} order by s.period_end",
                    "library": "vega-lite",
                    "display": {
                        "mark": {"type": "line", "point": True, "tooltip": True},
                        "encoding": {
                            "x": {"field": "period_end", "type": "temporal", "title": "end of period"},
                            "y": {"field": "value", "type": "quantitative", "title": "figure"},
                            "color": {"field": "bureau", "type": "nominal"},
                        },
                    },
                },
                "fraud-money": {
                    "title": "Money recovered and blocked in 反诈 work (元, totals)",
                    "db": db_name,
                    "query": "select s.period_end, s.org as bureau, s.measure, s.value from series s "
                             "where s.category = 'telecom_fraud' and s.measure in ('money_recovered', 'money_blocked') "
                             "and s.scope = 'total' and s.unit = '元' and s.value is not null order by s.period_end",
                    "library": "vega-lite",
                    "display": {
                        "mark": {"type": "point", "tooltip": True},
                        "encoding": {
                            "x": {"field": "period_end", "type": "temporal", "title": "end of period"},
                            "y": {"field": "value", "type": "quantitative", "title": "元", "scale": {"type": "log"}},
                            "color": {"field": "bureau", "type": "nominal"},
                            "shape": {"field": "measure", "type": "nominal"},
                        },
                    },
                },
                "articles-per-month": {
                    "title": "Articles per month",
                    "db": db_name,
                    "query": "select substr(a.published_at, 1, 7) || '-01' as month, s.name as site, count(*) as articles "
                             "from articles a join sites s on s.id = a.site_id where a.published_at is not null "
                             "group by month, s.id order by month",
                    "library": "vega-lite",
                    "display": {
                        "mark": {"type": "bar", "tooltip": True},
                        "encoding": {
                            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month"},
                            "y": {"field": "articles", "type": "quantitative", "stack": True},
                            "color": {"field": "site", "type": "nominal"},
                        },
                    },
                },
            },
        }
    }
