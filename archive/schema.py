"""The archive schema: the public contract researchers and scripts query. Documented in the README.

Tables are created with ``CREATE TABLE IF NOT EXISTS`` and columns are only ever added, never renamed,
so an old archive opens with a new version of the tool.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

TABLES = """
CREATE TABLE IF NOT EXISTS sites (
    id INTEGER PRIMARY KEY,
    host TEXT NOT NULL UNIQUE,          -- host[:port], the crawl scope
    base_url TEXT NOT NULL,
    name TEXT,                          -- SiteName meta, else the footer's 版权所有/主办单位
    site_code TEXT,                     -- 网站标识码 (SiteIDCode or footer)
    icp TEXT,                           -- e.g. 晋ICP备05001036号
    beian TEXT,                         -- 公网安备 number with its province prefix
    cms TEXT,                           -- trs, hanweb, ucap, nfcms, epoint, unknown
    region_code TEXT,                   -- GB/T 2260 code of the sponsoring government (see extract/region.py)
    province TEXT,
    city TEXT,
    county TEXT,
    region_source TEXT,                 -- evidence that decided: footer_site_code, meta_site_code, beian, icp, site_name
    region_conflicts TEXT,              -- JSON list of disagreements between the evidence
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    start_urls TEXT NOT NULL,           -- JSON list
    settings TEXT,                      -- JSON: delay, max_pages, user agent
    status TEXT NOT NULL DEFAULT 'running',   -- running, finished, interrupted, failed
    requests INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    list_pages INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_changed INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    mode TEXT,                          -- incremental or full
    not_modified INTEGER NOT NULL DEFAULT 0,  -- 304 answers to conditional requests
    status_counts TEXT                  -- JSON {"200": n, "404": n, "error": n}
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT 'GET',
    request_body TEXT NOT NULL DEFAULT '',    -- form data of POST requests (Hanweb dataproxy)
    kind TEXT NOT NULL,                 -- list, article, other
    status INTEGER,                     -- HTTP status; NULL when no response (timeout, refused)
    error TEXT NOT NULL DEFAULT '',     -- one-line reason for a failed or rejected fetch
    content_type TEXT,
    headers TEXT,                       -- JSON object of response headers
    size INTEGER,                       -- raw body bytes
    body_sha256 TEXT NOT NULL DEFAULT '',
    body_gz BLOB,                       -- raw body, zlib-compressed, when no WARC record holds it
    warc_file TEXT,                     -- WARC file (in the archive's WARC directory) holding the response
    warc_offset INTEGER,                -- byte offset of the response (or revisit) record in warc_file
    warc_length INTEGER,                -- its length in bytes (compressed)
    etag TEXT,                          -- validators for conditional requests
    last_modified TEXT,
    fetched_at TEXT NOT NULL,           -- first fetch with this outcome
    last_fetched_at TEXT NOT NULL,
    fetch_count INTEGER NOT NULL DEFAULT 1,
    elapsed_ms INTEGER,
    crawl_run_id INTEGER REFERENCES crawl_runs(id),
    UNIQUE (url, method, request_body, status, error, body_sha256)
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    title TEXT,
    published_at TEXT,                  -- ISO 8601 at the page's precision, +08:00
    source TEXT,
    author TEXT,
    column_name TEXT,
    site_name TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,         -- SHA-256 of text
    cms TEXT,
    body_method TEXT,
    encoding TEXT,
    date_candidates TEXT,               -- JSON {visible, meta, url}
    date_conflict INTEGER NOT NULL DEFAULT 0,
    list_title TEXT,
    list_date TEXT,
    page_id INTEGER REFERENCES pages(id),
    first_fetched_at TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    crawl_run_id INTEGER REFERENCES crawl_runs(id),
    warc_file TEXT,
    warc_offset INTEGER,
    year TEXT,                          -- year of published_at, for facets
    province TEXT,                      -- the site's province (sites.province), for facets
    info_fields TEXT                    -- JSON of the 信息公开 table: 索引号, 发文机关, 文号, 成文日期 …
);
CREATE TABLE IF NOT EXISTS article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
    title TEXT,
    published_at TEXT,
    source TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    page_id INTEGER REFERENCES pages(id),
    first_fetched_at TEXT NOT NULL,     -- first fetch that returned this version
    last_fetched_at TEXT NOT NULL,      -- last fetch that still returned it
    replaced_at TEXT NOT NULL           -- fetch that returned the newer version
);
CREATE TABLE IF NOT EXISTS columns (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,           -- the column's first list page (a start URL)
    site_id INTEGER REFERENCES sites(id),
    name TEXT,                          -- column name (栏目), from its articles' ColumnName/breadcrumb
    family TEXT,                        -- pagination family: trs, hanweb, querystring
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    walked_complete_at TEXT             -- when a crawl last followed its pagination to the end; NULL while a
                                        -- walk is under way or was cut short (then the next crawl walks it all)
);
CREATE TABLE IF NOT EXISTS metrics (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    indicator TEXT NOT NULL,            -- what is counted: 破获电信网络诈骗案件, 抓获犯罪嫌疑人
    value REAL,                         -- normalised: 517.87 万元 → 5178700; NULL for a change stated alone
    unit TEXT,                          -- measure word, 元 for money, %, 个百分点; '' when none
    approximate INTEGER NOT NULL DEFAULT 0,   -- 1 for 约/近/余/多/超/逾/左右/以上
    change_basis TEXT,                  -- 同比, 环比, 较上月, 与5月相比 …
    change_direction TEXT,              -- up / down
    change_value REAL,
    change_unit TEXT,
    period_text TEXT,                   -- as written: 今年以来, 2021年1至6月, 攻坚月期间 …
    period_start TEXT,                  -- ISO date, resolved against the publish date
    period_end TEXT,
    place TEXT,                         -- part of the area (其中城区12起 → 城区)
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL,        -- character offsets of the figure in articles.text
    span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_metrics_article ON metrics(article_id);
CREATE INDEX IF NOT EXISTS idx_metrics_indicator ON metrics(indicator);
CREATE TABLE IF NOT EXISTS fetch_errors (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- list, article, other
    category TEXT NOT NULL,             -- blocked, http, network, rejected
    status INTEGER,                     -- last HTTP status, NULL when no response
    reason TEXT NOT NULL,               -- one line: "HTTP 404", "blocked: anti-bot challenge (瑞数, HTTP 412)" …
    count INTEGER NOT NULL DEFAULT 1,   -- failed fetches (after Scrapy's retries) with this reason
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    resolved_at TEXT,                   -- when a later fetch of the URL succeeded
    crawl_run_id INTEGER REFERENCES crawl_runs(id),
    UNIQUE (url, reason)
);
CREATE TABLE IF NOT EXISTS images (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
    caption TEXT,
    UNIQUE (article_id, url)
);
CREATE TABLE IF NOT EXISTS attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
    name TEXT,
    type TEXT,
    UNIQUE (article_id, url)
);
CREATE INDEX IF NOT EXISTS idx_articles_site ON articles(site_id);
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published_at);
CREATE INDEX IF NOT EXISTS idx_pages_url ON pages(url);
CREATE INDEX IF NOT EXISTS idx_versions_article ON article_versions(article_id);
"""

#: Indexes on columns that older archives gain by migration, so created after it. The facet columns are
#: indexed because a faceted search counts every match per value: with an index SQLite walks the narrow
#: (value, rowid) b-tree and probes the match list instead of reading each wide article row.
LATE_INDEXES = """
CREATE INDEX IF NOT EXISTS idx_articles_year ON articles(year);
CREATE INDEX IF NOT EXISTS idx_articles_province ON articles(province);
CREATE INDEX IF NOT EXISTS idx_articles_column ON articles(column_name);
CREATE INDEX IF NOT EXISTS idx_articles_cms ON articles(cms);
"""

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

#: Columns added after version 1, for archives created by an older version (table, column, type).
ADDED_COLUMNS: list[tuple[str, str, str]] = [
    ("crawl_runs", "mode", "TEXT"),
    ("crawl_runs", "not_modified", "INTEGER NOT NULL DEFAULT 0"),
    ("crawl_runs", "status_counts", "TEXT"),
    ("pages", "warc_file", "TEXT"),
    ("pages", "warc_offset", "INTEGER"),
    ("pages", "warc_length", "INTEGER"),
    ("pages", "etag", "TEXT"),
    ("pages", "last_modified", "TEXT"),
    ("articles", "warc_file", "TEXT"),
    ("articles", "warc_offset", "INTEGER"),
    ("articles", "year", "TEXT"),
    ("articles", "province", "TEXT"),
    ("articles", "info_fields", "TEXT"),
    ("sites", "region_code", "TEXT"),
    ("sites", "province", "TEXT"),
    ("sites", "city", "TEXT"),
    ("sites", "county", "TEXT"),
    ("sites", "region_source", "TEXT"),
    ("sites", "region_conflicts", "TEXT"),
]
