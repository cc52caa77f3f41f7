"""Every table and column of the archive, declared once: the archive's public contract.

From this registry come the DDL (:func:`create_sql`), the upgrade of archives written by older versions
(:func:`upgrade_statements`), the insert column lists of :mod:`archive.store`, the Datasette table and
column descriptions (:mod:`archive.metadata`), the export table list and data dictionary (:mod:`archive.export`)
and the schema page of the documentation (``docs/schema.md``, written by ``python -m archive schema``).

Adding a column: one :class:`Column` line here (with the version that adds it: :data:`SCHEMA_VERSION`, raised
by one per release that changes the schema), the code that fills it, a test. Columns are only ever added,
never renamed or dropped, so an old archive opens with a new version of the tool and is upgraded in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

#: the schema version this code writes; archives record theirs in ``PRAGMA user_version``
SCHEMA_VERSION = 3

#: where a column's values come from: the page's extraction, the crawl, or the archive's own bookkeeping
Origin = Literal["extract", "crawl", "archive"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # SQLite type: INTEGER, REAL, TEXT, BLOB
    description: str
    #: constraints as written after the type: "NOT NULL DEFAULT 0", "PRIMARY KEY", "REFERENCES sites(id)" …
    constraints: str = ""
    #: the schema version that added the column (1 = in the first archive format)
    added: int = 1
    #: unit or format of the values, as the data dictionary states it ("" = see the description)
    unit: str = ""
    #: stored as JSON text (dicts and lists are serialised on write)
    json: bool = False
    origin: Origin = "archive"
    #: written to exports (raw bodies are not)
    exported: bool = True

    @property
    def decl(self) -> str:
        return f"{self.type} {self.constraints}".strip()


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    #: why it exists (shown in the schema page)
    why: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    #: table constraints, e.g. ("UNIQUE (url, reason)",)
    constraints: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()
    #: "default": in every export; "on request": only when named (--table pages); "never"
    export: Literal["default", "on request", "never"] = "default"
    #: Datasette table options (facets, sort_desc, label_column, fts_table …)
    datasette: dict = field(default_factory=dict)
    #: how ``export --since DAY`` selects rows: (SQL condition with one ``?``, what it keeps)
    since: tuple[str, str] | None = None
    added: int = 1

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def writable(self, origin: Origin | None = None) -> tuple[str, ...]:
        """Columns a writer supplies (all but the key), optionally only those of one origin."""
        return tuple(c.name for c in self.columns if c.name != "id" and (origin is None or c.origin == origin))


def _id(what: str) -> Column:
    return Column("id", "INTEGER", what, "PRIMARY KEY", unit="integer key")


def _article_id() -> Column:
    return Column("article_id", "INTEGER", "The article (articles.id)", "NOT NULL REFERENCES articles(id)",
                  unit="integer key")


_UTC = "ISO 8601, UTC"
_CST = "ISO 8601, +08:00 (China Standard Time), at the page's precision"
_ARTICLE_SINCE = "SELECT id FROM articles WHERE substr(published_at, 1, 10) >= ?"

SITES = Table("sites", "One row per crawled police website.", (
    _id("Site id"),
    Column("host", "TEXT", "Host (and port) the site was crawled on; the crawl never leaves it", "NOT NULL UNIQUE"),
    Column("base_url", "TEXT", "Root URL of the site", "NOT NULL"),
    Column("name", "TEXT", "Site name (SiteName meta tag, else the footer's 版权所有/主办单位)", origin="extract"),
    Column("site_code", "TEXT", "网站标识码: the government website identification code (10 digits, or bm + 8 digits)",
           origin="extract"),
    Column("icp", "TEXT", "ICP filing number from the footer (e.g. 晋ICP备05001036号)", origin="extract"),
    Column("beian", "TEXT", "公网安备 public-security filing number, with its province prefix", origin="extract"),
    Column("cms", "TEXT", "Content management system detected: trs, hanweb, ucap, nfcms, epoint or unknown",
           origin="extract"),
    Column("region_code", "TEXT", "GB/T 2260 division code of the sponsoring government (from 网站标识码, 公网安备, "
           "ICP or name)", added=2, origin="extract"),
    Column("province", "TEXT", "Province of the sponsoring government", added=2, origin="extract"),
    Column("city", "TEXT", "Prefecture-level city", added=2, origin="extract"),
    Column("county", "TEXT", "County / district", added=2, origin="extract"),
    Column("region_source", "TEXT", "Evidence that decided the region: footer_site_code, meta_site_code, beian, icp "
           "or site_name", added=2, origin="extract"),
    Column("region_conflicts", "TEXT", "JSON list of disagreements between the evidence (e.g. meta code vs footer "
           "code)", added=2, json=True, origin="extract", unit="JSON text"),
    Column("first_seen", "TEXT", "UTC time the site was first archived", "NOT NULL", unit=_UTC),
    Column("last_seen", "TEXT", "UTC time of the latest article write", "NOT NULL", unit=_UTC),
), datasette={"label_column": "name", "facets": ["province", "cms"]},
    since=("substr(last_seen, 1, 10) >= ?", "sites crawled on or after DATE (`last_seen`)"))

CRAWL_RUNS = Table("crawl_runs", "One row per crawl run, with its counts.", (
    _id("Run id"),
    Column("started_at", "TEXT", "UTC start", "NOT NULL", unit=_UTC),
    Column("finished_at", "TEXT", "UTC end", unit=_UTC),
    Column("start_urls", "TEXT", "Start URLs (JSON)", "NOT NULL", json=True, unit="JSON text"),
    Column("settings", "TEXT", "Run settings (JSON): delay, max_pages, user agent", json=True, unit="JSON text"),
    Column("status", "TEXT", "running, finished or interrupted", "NOT NULL DEFAULT 'running'"),
    Column("requests", "INTEGER", "HTTP requests made", "NOT NULL DEFAULT 0", unit="requests"),
    Column("bytes", "INTEGER", "Response bytes received", "NOT NULL DEFAULT 0", unit="bytes"),
    Column("list_pages", "INTEGER", "List pages parsed", "NOT NULL DEFAULT 0"),
    Column("articles_new", "INTEGER", "Articles added", "NOT NULL DEFAULT 0"),
    Column("articles_changed", "INTEGER", "Articles whose text changed", "NOT NULL DEFAULT 0"),
    Column("articles_unchanged", "INTEGER", "Articles fetched again with the same text", "NOT NULL DEFAULT 0"),
    Column("errors", "INTEGER", "Failed or rejected fetches", "NOT NULL DEFAULT 0"),
    Column("mode", "TEXT", "incremental or full", added=2),
    Column("not_modified", "INTEGER", "304 answers to conditional requests", "NOT NULL DEFAULT 0", added=2),
    Column("status_counts", "TEXT", "JSON: HTTP status → number of fetches (error: no response)", added=2, json=True,
           unit="JSON text"),
), since=("substr(started_at, 1, 10) >= ?", "crawl runs started on or after DATE (`started_at`)"))

PAGES = Table("pages", "Every fetch: URL, status, headers and the raw body, kept for re-extraction and provenance.", (
    _id("Fetch id"),
    Column("url", "TEXT", "Requested URL", "NOT NULL", origin="crawl"),
    Column("method", "TEXT", "GET or POST", "NOT NULL DEFAULT 'GET'", origin="crawl"),
    Column("request_body", "TEXT", "Form data of a POST (Hanweb dataproxy, ASP.NET postbacks)", "NOT NULL DEFAULT ''",
           origin="crawl"),
    Column("kind", "TEXT", "list, article or other", "NOT NULL", origin="crawl"),
    Column("status", "INTEGER", "HTTP status (empty when no response arrived)", origin="crawl"),
    Column("error", "TEXT", "Why the fetch failed or was rejected, in one line", "NOT NULL DEFAULT ''",
           origin="crawl"),
    Column("content_type", "TEXT", "Content-Type header", origin="crawl"),
    Column("headers", "TEXT", "Response headers (JSON)", json=True, origin="crawl", unit="JSON text"),
    Column("size", "INTEGER", "Raw body size in bytes", unit="bytes"),
    Column("body_sha256", "TEXT", "SHA-256 of the raw body", "NOT NULL DEFAULT ''"),
    Column("body_gz", "BLOB", "Raw body as received, zlib-compressed (only when no WARC record holds it)",
           exported=False),
    Column("warc_file", "TEXT", "WARC file holding the response record", added=2),
    Column("warc_offset", "INTEGER", "Byte offset of the record", added=2, unit="bytes"),
    Column("warc_length", "INTEGER", "Compressed length of the record", added=2, unit="bytes"),
    Column("etag", "TEXT", "ETag header (for conditional requests)", added=2),
    Column("last_modified", "TEXT", "Last-Modified header (for conditional requests)", added=2),
    Column("fetched_at", "TEXT", "UTC time of the first fetch with this outcome", "NOT NULL", unit=_UTC,
           origin="crawl"),
    Column("last_fetched_at", "TEXT", "UTC time of the latest", "NOT NULL", unit=_UTC),
    Column("fetch_count", "INTEGER", "How many fetches had this exact outcome", "NOT NULL DEFAULT 1",
           unit="fetches"),
    Column("elapsed_ms", "INTEGER", "Download time in milliseconds", unit="milliseconds", origin="crawl"),
    Column("crawl_run_id", "INTEGER", "Crawl run (crawl_runs.id)", "REFERENCES crawl_runs(id)", unit="integer key"),
), constraints=("UNIQUE (url, method, request_body, status, error, body_sha256)",),
    indexes=(Index("idx_pages_url", ("url",)),), export="on request", datasette={"sort_desc": "id"},
    since=("substr(last_fetched_at, 1, 10) >= ?", "fetches made on or after DATE (`last_fetched_at`)"))

ARTICLES = Table("articles", "One row per article: clean body text and metadata. Search box: any word of two or "
                 "more Chinese characters.", (
    _id("Article id"),
    Column("url", "TEXT", "Canonical article URL (tracking parameters removed); unique", "NOT NULL UNIQUE",
           origin="crawl"),
    Column("site_id", "INTEGER", "The site (sites.id)", "NOT NULL REFERENCES sites(id)", unit="integer key"),
    Column("title", "TEXT", "Headline (ArticleTitle meta or the page heading, without site suffix)",
           origin="extract"),
    Column("published_at", "TEXT", "Publish time as the page states it, ISO 8601 in China Standard Time (+08:00); "
           "date only when the page gives no time", unit=_CST, origin="extract"),
    Column("source", "TEXT", "信息来源 (ContentSource meta or the 来源 line)", origin="extract"),
    Column("author", "TEXT", "作者/责任编辑, where given", origin="extract"),
    Column("column_name", "TEXT", "Column (栏目): ColumnName meta or the last breadcrumb", origin="extract"),
    Column("site_name", "TEXT", "Site name as the page gives it", origin="extract"),
    Column("text", "TEXT", "Body text only, one paragraph per line: no title, info line, navigation, share bar or "
           "footer", "NOT NULL", origin="extract"),
    Column("content_hash", "TEXT", "SHA-256 of text; equal hashes mean identical bodies", "NOT NULL",
           origin="extract"),
    Column("cms", "TEXT", "CMS family detected on this page", origin="extract"),
    Column("body_method", "TEXT", "How the body was found: CMS container or trafilatura fallback", origin="extract"),
    Column("encoding", "TEXT", "Character encoding the page was decoded with", origin="extract"),
    Column("date_candidates", "TEXT", "JSON of every date found: visible info line, meta tag, URL", json=True,
           origin="extract", unit="JSON text"),
    Column("date_conflict", "INTEGER", "1 when the visible date and the PubDate meta disagree on the day (the "
           "visible one is kept)", "NOT NULL DEFAULT 0", unit="0/1", origin="extract"),
    Column("list_title", "TEXT", "Title as shown on the list page", origin="crawl"),
    Column("list_date", "TEXT", "Date as shown on the list page", unit="as written on the list page",
           origin="crawl"),
    Column("page_id", "INTEGER", "The raw fetch this row was extracted from (pages.id)", "REFERENCES pages(id)",
           unit="integer key"),
    Column("first_fetched_at", "TEXT", "UTC time of the first fetch", "NOT NULL", unit=_UTC),
    Column("fetched_at", "TEXT", "UTC time of the latest fetch", "NOT NULL", unit=_UTC, origin="crawl"),
    Column("crawl_run_id", "INTEGER", "Crawl run of the latest fetch (crawl_runs.id)", "REFERENCES crawl_runs(id)",
           unit="integer key"),
    Column("warc_file", "TEXT", "WARC file holding the raw response this row was extracted from", added=2),
    Column("warc_offset", "INTEGER", "Byte offset of that response record in warc_file", added=2, unit="bytes"),
    Column("year", "TEXT", "Year of published_at (for facets)", added=2),
    Column("province", "TEXT", "Province of the site's sponsoring government (sites.province; for facets)", added=2),
    Column("info_fields", "TEXT", "JSON of the page's 信息公开 table (索引号, 发文机关, 文号, 成文日期 …), kept out of "
           "text", added=2, json=True, origin="extract", unit="JSON text"),
    Column("org", "TEXT", "The organisation whose figures the article reports: an organisation its 来源 or its own "
           "attribution names (据…消息, （来源：…）), else the site's", added=3, origin="extract"),
    Column("org_region_code", "TEXT", "GB/T 2260 code of the place that organisation's name names, else the site's",
           added=3, origin="extract"),
), indexes=(
    Index("idx_articles_site", ("site_id",)),
    Index("idx_articles_published", ("published_at",), "newest-first pages and date ranges"),
    Index("idx_articles_year", ("year",), "facet counts over a search's matches read a narrow index"),
    Index("idx_articles_province", ("province",), "facet counts"),
    Index("idx_articles_column", ("column_name",), "facet counts"),
    Index("idx_articles_cms", ("cms",), "facet counts"),
), datasette={"fts_table": "articles_fts", "fts_pk": "id", "sort_desc": "published_at", "label_column": "title",
              "facets": ["site_id", "province", "column_name", "year", "cms"]},
    since=("substr(published_at, 1, 10) >= ?",
           "articles published on or after DATE (`published_at`; articles without a date are left out)"))

ARTICLE_VERSIONS = Table("article_versions", "Earlier versions of articles whose text changed on a later fetch.", (
    _id("Version id"),
    _article_id(),
    Column("url", "TEXT", "Article URL", "NOT NULL"),
    Column("title", "TEXT", "Title of this version"),
    Column("published_at", "TEXT", "Publish time of this version", unit=_CST),
    Column("source", "TEXT", "Source"),
    Column("text", "TEXT", "Body text of this version", "NOT NULL"),
    Column("content_hash", "TEXT", "SHA-256 of text", "NOT NULL"),
    Column("page_id", "INTEGER", "Fetch that returned this version (pages.id)", "REFERENCES pages(id)",
           unit="integer key"),
    Column("first_fetched_at", "TEXT", "UTC time of the first fetch that returned this version", "NOT NULL",
           unit=_UTC),
    Column("last_fetched_at", "TEXT", "UTC time of the last fetch that still returned it", "NOT NULL", unit=_UTC),
    Column("replaced_at", "TEXT", "UTC time of the fetch that returned the newer version", "NOT NULL", unit=_UTC),
), indexes=(Index("idx_versions_article", ("article_id",)),),
    since=(f"article_id IN ({_ARTICLE_SINCE})", "the earlier versions of those articles"))

COLUMNS = Table("columns", "Columns (栏目) crawled, with the state of their last walk.", (
    _id("Column id"),
    Column("url", "TEXT", "First list page of the column (a start URL)", "NOT NULL UNIQUE", origin="crawl"),
    Column("site_id", "INTEGER", "The site (sites.id)", "REFERENCES sites(id)", unit="integer key"),
    Column("name", "TEXT", "Column name (栏目) as its articles give it", origin="crawl"),
    Column("family", "TEXT", "Pagination family: trs, hanweb, querystring, jspager, aspnet or generic",
           origin="crawl"),
    Column("first_seen", "TEXT", "UTC time first crawled", "NOT NULL", unit=_UTC),
    Column("last_seen", "TEXT", "UTC time last crawled", "NOT NULL", unit=_UTC),
    Column("walked_complete_at", "TEXT", "When a crawl last followed the column's pagination to its end (NULL: the "
           "next crawl walks it all)", unit=_UTC),
), since=("substr(last_seen, 1, 10) >= ?", "columns crawled on or after DATE (`last_seen`)"))

METRICS = Table("metrics", "Every statistic in every article: indicator, normalised value and unit, comparison, "
                "period, place.", (
    _id("Figure id"),
    _article_id(),
    Column("indicator", "TEXT", "What is counted, verb + object (破获电信网络诈骗案件, 抓获犯罪嫌疑人)", "NOT NULL",
           origin="extract"),
    Column("value", "REAL", "Normalised value (517.87 万元 → 5178700; 3.4万 → 34000); empty for a change stated "
           "without a level", unit="the row's `unit` (元 for money)", origin="extract"),
    Column("unit", "TEXT", "Measure word (起, 名, 人次 …), 元 for money, % or 个百分点; empty when the number has none",
           origin="extract"),
    Column("approximate", "INTEGER", "1 when the bulletin says 约/近/余/多/超/逾/左右/以上", "NOT NULL DEFAULT 0",
           unit="0/1", origin="extract"),
    Column("change_basis", "TEXT", "Comparison basis as written: 同比, 环比, 较上月, 与5月相比 …", origin="extract"),
    Column("change_direction", "TEXT", "up or down", origin="extract"),
    Column("change_value", "REAL", "Size of the change", unit="the row's `change_unit`", origin="extract"),
    Column("change_unit", "TEXT", "Unit of the change: %, 个百分点 or a measure word", origin="extract"),
    Column("period_text", "TEXT", "Reporting period as written: 今年以来, 2021年1至6月, 攻坚月期间 …", origin="extract"),
    Column("period_start", "TEXT", "First day of the period (ISO date), resolved against the publish date; empty for "
           "named campaigns", unit="ISO date (YYYY-MM-DD)", origin="extract"),
    Column("period_end", "TEXT", "Last day of the period (ISO date)", unit="ISO date (YYYY-MM-DD)", origin="extract"),
    Column("place", "TEXT", "Part of the area the figure is for (其中城区12起 → 城区)", origin="extract"),
    Column("sentence", "TEXT", "The sentence holding the figure", "NOT NULL", origin="extract"),
    Column("span_start", "INTEGER", "Start offset of the figure in articles.text", "NOT NULL",
           unit="characters (0-based offset in articles.text)", origin="extract"),
    Column("span_end", "INTEGER", "End offset of the figure in articles.text", "NOT NULL",
           unit="characters (0-based, exclusive)", origin="extract"),
    Column("period_kind", "TEXT", "year, half, quarter, month, week, day, holiday, campaign, year_to_date, since or "
           "other: figures of one kind of period are comparable", added=3, origin="extract"),
    Column("category", "TEXT", "What the figure is about, a code of the closed vocabulary (telecom_fraud, drugs, "
           "traffic …; see docs/extraction.md)", added=3, origin="extract"),
    Column("measure", "TEXT", "What kind of quantity it is (incidents, solved, persons_caught, money_recovered, "
           "rate …)", added=3, origin="extract"),
    Column("scope", "TEXT", "total (the reporting organisation's whole figure), place (part of its area), subgroup "
           "(a kind within the total) or case (one case: not a statistic)", added=3, origin="extract"),
    Column("subgroup", "TEXT", "For scope subgroup: the kind as written (刷单返利类, 女性, 未成年人)", added=3,
           origin="extract"),
    Column("series_id", "INTEGER", "The statistic this figure reports (series.id); empty for case figures",
           "REFERENCES series(id)", added=3, unit="integer key"),
), indexes=(Index("idx_metrics_article", ("article_id",)), Index("idx_metrics_indicator", ("indicator",)),
            Index("idx_metrics_series", ("series_id",), "a series' articles")),
    datasette={"facets": ["category", "measure", "scope", "period_kind", "unit"], "sort_desc": "value"},
    since=(f"article_id IN ({_ARTICLE_SINCE})", "the figures of those articles"))

FETCH_ERRORS = Table("fetch_errors", "Fetches that failed after retries, were blocked by an anti-bot challenge or "
                     "were rejected.", (
    _id("Error id"),
    Column("url", "TEXT", "URL that failed", "NOT NULL"),
    Column("kind", "TEXT", "list, article or other", "NOT NULL"),
    Column("category", "TEXT", "blocked (anti-bot challenge), http (4xx/5xx after retries), network (no response), "
           "rejected (undecodable, binary, too large, not HTML)", "NOT NULL"),
    Column("status", "INTEGER", "Last HTTP status (empty when no response)"),
    Column("reason", "TEXT", "One-line reason", "NOT NULL"),
    Column("count", "INTEGER", "Failed fetches with this reason", "NOT NULL DEFAULT 1"),
    Column("first_seen", "TEXT", "UTC time of the first failure", "NOT NULL", unit=_UTC),
    Column("last_seen", "TEXT", "UTC time of the latest failure", "NOT NULL", unit=_UTC),
    Column("resolved_at", "TEXT", "When a later fetch of the URL succeeded", unit=_UTC),
    Column("crawl_run_id", "INTEGER", "Crawl run of the latest failure (crawl_runs.id)", "REFERENCES crawl_runs(id)",
           unit="integer key"),
), constraints=("UNIQUE (url, reason)",),
    since=("substr(last_seen, 1, 10) >= ?", "failures seen on or after DATE (`last_seen`)"))

IMAGES = Table("images", "Images in article bodies with their captions (never part of the text).", (
    _id("Image id"),
    _article_id(),
    Column("url", "TEXT", "Image URL", "NOT NULL", origin="extract"),
    Column("caption", "TEXT", "Caption: alt/title, <figcaption>, or the short 图… line under the image",
           origin="extract"),
), constraints=("UNIQUE (article_id, url)",),
    since=(f"article_id IN ({_ARTICLE_SINCE})", "the images of those articles"))

ATTACHMENTS = Table("attachments", "附件 files linked from articles.", (
    _id("Attachment id"),
    _article_id(),
    Column("url", "TEXT", "File URL", "NOT NULL", origin="extract"),
    Column("name", "TEXT", "Link text", origin="extract"),
    Column("type", "TEXT", "File type (pdf, doc, xls …)", origin="extract"),
), constraints=("UNIQUE (article_id, url)",),
    since=(f"article_id IN ({_ARTICLE_SINCE})", "the attachments of those articles"))

SERIES = Table("series", "One row per distinct statistic: a reporting organisation's figure for one category, "
               "measure, scope, place or subgroup, period and unit, with every article that reports it.", (
    _id("Statistic id"),
    Column("key", "TEXT", "What makes the statistic distinct (a hash of the columns below up to unit, and the value)",
           "NOT NULL UNIQUE"),
    Column("org", "TEXT", "Reporting organisation (articles.org)"),
    Column("org_region_code", "TEXT", "GB/T 2260 code of the reporting organisation"),
    Column("category", "TEXT", "Category code (see metrics.category)"),
    Column("measure", "TEXT", "Measure code (see metrics.measure)"),
    Column("scope", "TEXT", "total, place or subgroup"),
    Column("place", "TEXT", "For scope place: the part of the area"),
    Column("subgroup", "TEXT", "For scope subgroup: the kind within the total"),
    Column("period_start", "TEXT", "First day of the period", unit="ISO date (YYYY-MM-DD)"),
    Column("period_end", "TEXT", "Last day of the period", unit="ISO date (YYYY-MM-DD)"),
    Column("period_kind", "TEXT", "Kind of period (see metrics.period_kind)"),
    Column("unit", "TEXT", "Unit of value"),
    Column("value", "REAL", "The figure; empty for a change stated without a level", unit="the row's `unit`"),
    Column("approximate", "INTEGER", "1 when every report of it says 约/余/多 …", "NOT NULL DEFAULT 0", unit="0/1"),
    Column("change_basis", "TEXT", "Comparison basis as first reported (同比, 环比 …)"),
    Column("change_direction", "TEXT", "up or down"),
    Column("change_value", "REAL", "Size of the change", unit="the row's `change_unit`"),
    Column("change_unit", "TEXT", "Unit of the change"),
    Column("indicator", "TEXT", "What is counted, as the earliest report words it"),
    Column("period_text", "TEXT", "The period as the earliest report words it"),
    Column("n_articles", "INTEGER", "How many articles report it", "NOT NULL DEFAULT 0"),
    Column("article_ids", "TEXT", "JSON list of the ids of every article that reports it (articles.id)",
           json=True, unit="JSON text"),
    Column("first_published", "TEXT", "Publish time of the earliest report", unit=_CST),
    Column("last_published", "TEXT", "Publish time of the latest report", unit=_CST),
), indexes=(
    Index("idx_series_compare", ("category", "measure", "period_kind", "scope", "period_end"),
          "compare bureaus on a measure for a kind of period, in period order"),
    Index("idx_series_org", ("org", "category", "measure", "period_kind", "scope", "period_end"),
          "one bureau's statistic over time"),
    Index("idx_series_end", ("period_end",), "newest periods first, e.g. one bureau's statistics"),
    Index("idx_series_category_end", ("category", "period_end"), "one category, newest periods first"),
), datasette={"facets": ["category", "measure", "scope", "period_kind", "unit"], "sort": "period_start",
              "label_column": "indicator"},
    since=("substr(last_published, 1, 10) >= ?", "statistics reported on or after DATE (`last_published`)"), added=3)

#: every table, in creation order (a table is created after those it refers to)
TABLES: tuple[Table, ...] = (SITES, CRAWL_RUNS, PAGES, ARTICLES, ARTICLE_VERSIONS, COLUMNS, SERIES, METRICS,
                             FETCH_ERRORS, IMAGES, ATTACHMENTS)
BY_NAME = {t.name: t for t in TABLES}

#: the order exports list the default tables in
EXPORT_ORDER = ("articles", "metrics", "series", "sites", "attachments", "images", "article_versions", "columns",
                "crawl_runs", "fetch_errors", "pages")

#: Chinese full-text search over title and text (FTS5 with the cjk_bigram tokenizer of archive.fts), kept in
#: step with ``articles`` by triggers
FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='cjk_bigram'
);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""
#: tables of the full-text index (not part of the documented schema; hidden in Datasette)
FTS_TABLES = ("articles_fts", "articles_fts_data", "articles_fts_idx", "articles_fts_docsize", "articles_fts_config")


def create_sql(table: Table) -> str:
    parts = [f"    {c.name} {c.decl}" for c in table.columns] + [f"    {c}" for c in table.constraints]
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n" + ",\n".join(parts) + "\n);"


def schema_sql() -> str:
    """The DDL of a new archive: every table (indexes come after upgrades, see :func:`index_statements`)."""
    return "\n".join(create_sql(t) for t in TABLES) + "\n"


def index_statements() -> Iterator[str]:
    for t in TABLES:
        for ix in t.indexes:
            yield f"CREATE INDEX IF NOT EXISTS {ix.name} ON {t.name}({', '.join(ix.columns)})"


def upgrade_statements(have: dict[str, set[str]]) -> Iterator[str]:
    """``ALTER TABLE … ADD COLUMN`` for every declared column an older archive lacks (``have``: table → columns)."""
    for t in TABLES:
        for c in t.columns:
            if t.name in have and c.name not in have[t.name]:
                yield f"ALTER TABLE [{t.name}] ADD COLUMN [{c.name}] {c.decl}"


def insert_sql(table: str, columns: tuple[str, ...] | list[str], on_conflict: str = "") -> str:
    """A parameterised INSERT of ``columns`` (each checked against the registry) into ``table``."""
    t = BY_NAME[table]
    for name in columns:
        t.column(name)  # KeyError for a column the registry does not declare
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            + (f" {on_conflict}" if on_conflict else ""))


def schema_markdown() -> str:
    """The schema page of the documentation (``docs/schema.md``), generated from this registry."""
    lines = [
        "# Archive schema",
        "",
        "<!-- Generated by `python -m archive schema > docs/schema.md` from archive/tables.py; do not edit. -->",
        "",
        f"The archive is one SQLite file (schema version {SCHEMA_VERSION}, in `PRAGMA user_version`). Tables and "
        "columns are only ever added, never renamed or dropped: an archive written by an older version opens and is "
        "upgraded in place; one written by a newer version is refused with a one-line error. Times are ISO 8601: "
        "`published_at` in China Standard Time (+08:00) at the page's precision, every other time in UTC. Money is "
        "in 元. Columns ending in `_id` refer to the `id` of another table.",
        "",
        "Full-text search: `articles_fts` (FTS5, the `cjk_bigram` tokenizer: every run of two or more Chinese "
        "characters is searchable), kept in step with `articles` by triggers.",
        "",
    ]
    for t in TABLES:
        lines += [f"### `{t.name}`", "", t.description, ""]
        lines += ["| column | type | since | unit / format | description |", "|---|---|---:|---|---|"]
        for c in t.columns:
            decl = c.decl.replace("|", "\\|")
            lines.append(f"| `{c.name}` | {decl} | {c.added} | {c.unit} | {c.description} |")
        if t.constraints or t.indexes:
            lines.append("")
            lines += [f"* {c}" for c in t.constraints]
            lines += [f"* index `{ix.name}` on ({', '.join(ix.columns)})" + (f": {ix.why}" if ix.why else "")
                      for ix in t.indexes]
        lines.append("")
    return "\n".join(lines)
