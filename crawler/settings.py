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
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REDIRECT_MAX_TIMES = 5

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.HostScopeMiddleware": 50,
    "crawler.middlewares.ConditionalRequestMiddleware": 60,
}
EXTENSIONS = {
    "crawler.extensions.RedisIdleWait": 500,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ArchivePipeline": 300,
}

# Path of the SQLite archive; set by the CLI (`--db`) or `scrapy crawl column -s ARCHIVE_DB=archive.db`.
ARCHIVE_DB = "archive.db"
ARCHIVE_BATCH_SIZE = 50
# Directory of the WARC files; empty = "<archive stem>-warc" beside the archive.
ARCHIVE_WARC_DIR = ""

LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
