"""Datasette metadata for an archive: title, descriptions of every table and column, search, sort."""

from __future__ import annotations

from typing import Any

COLUMNS: dict[str, dict[str, str]] = {
    "sites": {
        "id": "Site id", "host": "Host (and port) the site was crawled on; the crawl never leaves it",
        "base_url": "Root URL of the site", "name": "Site name (SiteName meta tag, else the footer's 版权所有/主办单位)",
        "site_code": "网站标识码: the government website identification code (10 digits, or bm + 8 digits)",
        "icp": "ICP filing number from the footer (e.g. 晋ICP备05001036号)",
        "beian": "公网安备 public-security filing number, with its province prefix",
        "cms": "Content management system detected: trs, hanweb, ucap, nfcms, epoint or unknown",
        "region_code": "GB/T 2260 division code of the sponsoring government (from 网站标识码, 公网安备, ICP or name)",
        "province": "Province of the sponsoring government", "city": "Prefecture-level city", "county": "County / district",
        "region_source": "Evidence that decided the region: footer_site_code, meta_site_code, beian, icp or site_name",
        "region_conflicts": "JSON list of disagreements between the evidence (e.g. meta code vs footer code)",
        "first_seen": "UTC time the site was first archived", "last_seen": "UTC time of the latest article write",
    },
    "articles": {
        "id": "Article id", "url": "Canonical article URL (tracking parameters removed); unique",
        "site_id": "The site (sites.id)", "title": "Headline (ArticleTitle meta or the page heading, without site suffix)",
        "published_at": "Publish time as the page states it, ISO 8601 in China Standard Time (+08:00); date only when the page gives no time",
        "source": "信息来源 (ContentSource meta or the 来源 line)", "author": "作者/责任编辑, where given",
        "column_name": "Column (栏目): ColumnName meta or the last breadcrumb", "site_name": "Site name as the page gives it",
        "text": "Body text only, one paragraph per line: no title, info line, navigation, share bar or footer",
        "content_hash": "SHA-256 of text; equal hashes mean identical bodies",
        "cms": "CMS family detected on this page", "body_method": "How the body was found: CMS container or trafilatura fallback",
        "encoding": "Character encoding the page was decoded with",
        "date_candidates": "JSON of every date found: visible info line, meta tag, URL",
        "date_conflict": "1 when the visible date and the PubDate meta disagree on the day (the visible one is kept)",
        "list_title": "Title as shown on the list page", "list_date": "Date as shown on the list page",
        "page_id": "The raw fetch this row was extracted from (pages.id)",
        "first_fetched_at": "UTC time of the first fetch", "fetched_at": "UTC time of the latest fetch",
        "crawl_run_id": "Crawl run of the latest fetch (crawl_runs.id)",
        "warc_file": "WARC file holding the raw response this row was extracted from",
        "warc_offset": "Byte offset of that response record in warc_file",
        "year": "Year of published_at (for facets)",
        "province": "Province of the site's sponsoring government (sites.province; for facets)",
        "info_fields": "JSON of the page's 信息公开 table (索引号, 发文机关, 文号, 成文日期 …), kept out of text",
    },
    "images": {
        "id": "Image id", "article_id": "The article (articles.id)", "url": "Image URL",
        "caption": "Caption: alt/title, <figcaption>, or the short 图… line under the image",
    },
    "article_versions": {
        "id": "Version id", "article_id": "The article (articles.id)", "url": "Article URL",
        "title": "Title of this version", "published_at": "Publish time of this version", "source": "Source",
        "text": "Body text of this version", "content_hash": "SHA-256 of text",
        "page_id": "Fetch that returned this version (pages.id)",
        "first_fetched_at": "UTC time of the first fetch that returned this version",
        "last_fetched_at": "UTC time of the last fetch that still returned it",
        "replaced_at": "UTC time of the fetch that returned the newer version",
    },
    "columns": {
        "id": "Column id", "url": "First list page of the column (a start URL)", "site_id": "The site (sites.id)",
        "name": "Column name (栏目) as its articles give it", "family": "Pagination family: trs, hanweb, querystring",
        "first_seen": "UTC time first crawled", "last_seen": "UTC time last crawled",
        "walked_complete_at": "When a crawl last followed the column's pagination to its end (NULL: next crawl walks it all)",
    },
    "pages": {
        "id": "Fetch id", "url": "Requested URL", "method": "GET or POST", "request_body": "Form data of a POST",
        "kind": "list, article or other", "status": "HTTP status (empty when no response arrived)",
        "error": "Why the fetch failed or was rejected, in one line", "content_type": "Content-Type header",
        "headers": "Response headers (JSON)", "size": "Raw body size in bytes",
        "body_sha256": "SHA-256 of the raw body", "body_gz": "Raw body as received, zlib-compressed",
        "fetched_at": "UTC time of the first fetch with this outcome", "last_fetched_at": "UTC time of the latest",
        "fetch_count": "How many fetches had this exact outcome", "elapsed_ms": "Download time in milliseconds",
        "crawl_run_id": "Crawl run (crawl_runs.id)",
        "warc_file": "WARC file holding the response record", "warc_offset": "Byte offset of the record",
        "warc_length": "Compressed length of the record", "etag": "ETag header (for conditional requests)",
        "last_modified": "Last-Modified header (for conditional requests)",
    },
    "crawl_runs": {
        "id": "Run id", "started_at": "UTC start", "finished_at": "UTC end", "start_urls": "Start URLs (JSON)",
        "settings": "Run settings (JSON)", "status": "running, finished or interrupted",
        "requests": "HTTP requests made", "bytes": "Response bytes received", "list_pages": "List pages parsed",
        "articles_new": "Articles added", "articles_changed": "Articles whose text changed",
        "articles_unchanged": "Articles fetched again with the same text", "errors": "Failed or rejected fetches",
        "mode": "incremental or full", "not_modified": "304 answers to conditional requests",
        "status_counts": "JSON: HTTP status → number of fetches (error: no response)",
    },
    "metrics": {
        "id": "Figure id", "article_id": "The article (articles.id)",
        "indicator": "What is counted, verb + object (破获电信网络诈骗案件, 抓获犯罪嫌疑人)",
        "value": "Normalised value (517.87 万元 → 5178700; 3.4万 → 34000); empty for a change stated without a level",
        "unit": "Measure word (起, 名, 人次 …), 元 for money, % or 个百分点; empty when the number has none",
        "approximate": "1 when the bulletin says 约/近/余/多/超/逾/左右/以上",
        "change_basis": "Comparison basis as written: 同比, 环比, 较上月, 与5月相比 …",
        "change_direction": "up or down", "change_value": "Size of the change", "change_unit": "Unit of the change: %, 个百分点 or a measure word",
        "period_text": "Reporting period as written: 今年以来, 2021年1至6月, 攻坚月期间 …",
        "period_start": "First day of the period (ISO date), resolved against the publish date; empty for named campaigns",
        "period_end": "Last day of the period (ISO date)", "place": "Part of the area the figure is for (其中城区12起 → 城区)",
        "sentence": "The sentence holding the figure", "span_start": "Start offset of the figure in articles.text",
        "span_end": "End offset of the figure in articles.text",
    },
    "fetch_errors": {
        "id": "Error id", "url": "URL that failed", "kind": "list, article or other",
        "category": "blocked (anti-bot challenge), http (4xx/5xx after retries), network (no response), rejected "
                    "(undecodable, binary, too large, not HTML)",
        "status": "Last HTTP status (empty when no response)", "reason": "One-line reason",
        "count": "Failed fetches with this reason", "first_seen": "UTC time of the first failure",
        "last_seen": "UTC time of the latest failure", "resolved_at": "When a later fetch of the URL succeeded",
        "crawl_run_id": "Crawl run of the latest failure (crawl_runs.id)",
    },
    "attachments": {
        "id": "Attachment id", "article_id": "The article (articles.id)", "url": "File URL",
        "name": "Link text", "type": "File type (pdf, doc, xls …)",
    },
}

DESCRIPTIONS = {
    "sites": "One row per crawled police website.",
    "articles": "One row per article: clean body text and metadata. Search box: any word of two or more Chinese characters.",
    "pages": "Every fetch: URL, status, headers and the raw body, kept for re-extraction and provenance.",
    "crawl_runs": "One row per crawl run, with its counts.",
    "attachments": "附件 files linked from articles.",
    "images": "Images in article bodies with their captions (never part of the text).",
    "fetch_errors": "Fetches that failed after retries, were blocked by an anti-bot challenge or were rejected.",
    "metrics": "Every statistic in every article: indicator, normalised value and unit, comparison, period, place.",
    "article_versions": "Earlier versions of articles whose text changed on a later fetch.",
    "columns": "Columns (栏目) crawled, with the state of their last walk.",
}


def datasette_metadata(db_name: str) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table, cols in COLUMNS.items():
        tables[table] = {"description": DESCRIPTIONS[table], "columns": cols}
    tables["articles"].update(
        fts_table="articles_fts", fts_pk="id", sort_desc="published_at",
        label_column="title", facets=["site_id", "province", "column_name", "year", "cms"],
    )
    tables["sites"]["label_column"] = "name"
    tables["sites"]["facets"] = ["province", "cms"]
    tables["metrics"].update(facets=["unit", "change_basis", "period_text"], sort_desc="value")
    tables["pages"]["sort_desc"] = "id"
    for hidden in ("articles_fts", "articles_fts_data", "articles_fts_idx", "articles_fts_docsize",
                   "articles_fts_config"):
        tables[hidden] = {"hidden": True}
    return {
        "title": "police-archive",
        "description": "Archive of Chinese police bureau news pages: articles, their statistics, sites, raw fetches "
                       "and crawl runs.",
        "source": "police-archive crawl",
        "databases": {db_name: {"tables": tables, "queries": canned_queries()}},
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
