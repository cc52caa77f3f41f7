"""Scrapy settings for police-archive. The CLI overrides delay, limits and the archive path per run."""

from crawler import __version__

BOT_NAME = "police_archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = f"police-archive/{__version__} (+https://github.com/police-archive/police-archive; research archive crawler)"
ROBOTSTXT_OBEY = True

# Politeness: one request at a time per host, 1 s apart, slowed further by AutoThrottle when the server is slow.
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
# Government article pages are well under a megabyte; anything past the cap is dropped and recorded.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
RETRY_ENABLED = True
RETRY_TIMES = 3
# 412/521: anti-bot challenges (瑞数, 加速乐) often pass on a later try; they are never bypassed
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429, 412, 521]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
# Distributed mode (--redis): an idle worker waits this many seconds for new requests from the others.
REDIS_IDLE_WAIT = 10.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REDIRECT_MAX_TIMES = 5

# Every component in these chains runs for every request, response and item on the reactor's one thread.
# Ones with nothing to do here are switched off: HostScopeMiddleware enforces the crawl's host scope (the
# stock offsite filter reads allowed_domains, which this spider does not use), no site needs HTTP auth,
# and no depth limit or meta-copy diagnostics are used.
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "crawler.middlewares.RetryDelayMiddleware": 40,
    "crawler.middlewares.HostScopeMiddleware": 50,
    "crawler.middlewares.ConditionalRequestMiddleware": 60,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.CheapMetaRefreshMiddleware": 580,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
EXTENSIONS = {
    "crawler.extensions.RedisIdleWait": 500,
    "crawler.extensions.Progress": 510,
}
# Progress lines on stderr (crawler.extensions.Progress), at most one every PROGRESS_INTERVAL seconds.
PROGRESS = True
PROGRESS_INTERVAL = 2.0
# Scrapy runs each response's output (items and follow-up requests) through CONCURRENT_ITEMS asyncio tasks,
# created afresh for every response: the default 100 cost about a fifth of the reactor thread's time.
# Our pipeline never waits (it batches in memory), so outputs gain nothing from running concurrently.
CONCURRENT_ITEMS = 1
# Scrapy re-reads and parses a generator callback's source for every response (its cache is keyed by the
# bound method, a new object each time) only to warn about `return value` in generators.
WARN_ON_GENERATOR_RETURN_VALUE = False
ITEM_PIPELINES = {
    "crawler.pipelines.ArchivePipeline": 300,
}

# Path of the SQLite archive; set by the CLI (`--db`) or `scrapy crawl column -s ARCHIVE_DB=archive.db`.
ARCHIVE_DB = "archive.db"
ARCHIVE_BATCH_SIZE = 50
# The class that writes the archive (in the writer process or inline): archive.Archive, or a subclass of it, e.g.
# one that also mirrors writes elsewhere (the crash tests use subclasses that die inside a write).
ARCHIVE_CLASS = "archive.Archive"
# Batches are written by a separate process (crawler/writer.py) so SQL, full-text tokenizing and WARC
# compression stay off the reactor thread; None = when there is a second core, 0 = on the reactor thread.
ARCHIVE_WRITER = None
# Directory of the WARC files; empty = "<archive stem>-warc" beside the archive.
ARCHIVE_WARC_DIR = ""
# WARC compression: "gzip" (.warc.gz) or "zstd" (.warc.zst, IIPC WARC-zstd with a trained dictionary, about a
# third of gzip's bytes). gzip stays the default: .warc.gz files are the archive's public contract (issue #5)
# and the only kind warcio, pywb and other WARC tools read; zstd is opt-in (`--warc-compression zstd`).
ARCHIVE_WARC_COMPRESSION = "gzip"

# Processes that extract articles while the reactor keeps downloading and writing (crawler/pool.py);
# None = one per core (at most 4; none on a one-core machine), 0 = extract inline on the reactor thread.
EXTRACT_WORKERS = None

LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
