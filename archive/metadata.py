"""Datasette metadata for an archive: title, descriptions of every table and column, search, sort, stored
queries and dashboards. The descriptions and table options come from :mod:`archive.tables`."""

from __future__ import annotations

import copy
from typing import Any

from archive import tables


def datasette_metadata(db_name: str) -> dict[str, Any]:
    """Datasette's metadata: every table and column described as :mod:`archive.tables` declares them."""
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
        "plugins": {"datasette-dashboards": dashboards(db_name)},
    }


SERIES_SQL = """
select a.published_at, s.name as site, m.indicator, m.value, m.unit, m.period_text, m.period_start, m.period_end,
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


def dashboards(db_name: str) -> dict[str, Any]:
    """datasette-dashboards configuration: 反诈 figures over time per site, and article counts per month."""
    return {
        "police-statistics": {
            "title": "Police statistics",
            "description": "反诈 figures over time per site, and how many articles each site published per month.",
            "layout": [["fraud-cases", "fraud-money"], ["articles-per-month", "articles-per-month"]],
            "filters": {
                "indicator": {"name": "Indicator keyword (fraud cases chart)", "type": "text", "default": "诈骗案件"},
            },
            "charts": {
                "fraud-cases": {
                    "title": "Telecom-fraud figures over time (indicator keyword, count units)",
                    "db": db_name,
                    "query": "select substr(a.published_at, 1, 10) as day, s.name as site, m.value "
                             "from metrics m join articles a on a.id = m.article_id join sites s on s.id = a.site_id "
                             "where m.indicator like '%' || :indicator || '%' and m.unit in ('起', '名', '人', '个') "
                             "and m.value is not null and m.place is null order by day",
                    "library": "vega-lite",
                    "display": {
                        "mark": {"type": "line", "point": True, "tooltip": True},
                        "encoding": {
                            "x": {"field": "day", "type": "temporal", "title": "published"},
                            "y": {"field": "value", "type": "quantitative", "title": "figure"},
                            "color": {"field": "site", "type": "nominal"},
                        },
                    },
                },
                "fraud-money": {
                    "title": "Money figures in 反诈 bulletins (元)",
                    "db": db_name,
                    "query": "select substr(a.published_at, 1, 10) as day, s.name as site, m.value, m.indicator "
                             "from metrics m join articles a on a.id = m.article_id join sites s on s.id = a.site_id "
                             "where m.unit = '元' and (a.title like '%诈%' or m.indicator like '%诈%' "
                             "or m.indicator like '%损失%' or m.indicator like '%资金%') and m.value is not null "
                             "order by day",
                    "library": "vega-lite",
                    "display": {
                        "mark": {"type": "point", "tooltip": True},
                        "encoding": {
                            "x": {"field": "day", "type": "temporal", "title": "published"},
                            "y": {"field": "value", "type": "quantitative", "title": "元", "scale": {"type": "log"}},
                            "color": {"field": "site", "type": "nominal"},
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
