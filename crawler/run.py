"""Run a crawl in this process: Scrapy settings from CLI options, the summary back to the caller."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import counts
from crawler import signals as our_signals


@dataclass
class CrawlResult:
    #: the measures of the summary table (requests, bytes, list_pages, articles_new …, status_counts; failed
    #: when the crawl stopped early), read from the crawl's stats
    summary: dict[str, Any] = field(default_factory=dict)
    start_failures: dict[str, str] = field(default_factory=dict)
    run_id: int | None = None
    #: site mode: the columns found, {"site", "name", "url", "family", "articles"}
    columns: list[dict[str, Any]] = field(default_factory=list)


def summary_of(stats: dict[str, Any]) -> dict[str, Any]:
    """The summary of a crawl, from its stats (the same numbers its crawl_runs row holds)."""
    out: dict[str, Any] = asdict(counts.run_counts(stats))
    if stats.get(counts.FAILED):
        out["failed"] = stats[counts.FAILED]
    return out


def crawl_settings(db: str, delay: float = 1.0, progress: bool = True, log_level: str = "WARNING",
                   extra: dict[str, Any] | None = None) -> Settings:
    """Project settings with the per-run overrides (``extra`` last: a ``--set NAME=VALUE`` wins over the options).
    ``delay`` 0 turns delays and AutoThrottle off."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("ARCHIVE_DB", db, priority="cmdline")
    settings.set("DOWNLOAD_DELAY", delay, priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", delay > 0, priority="cmdline")
    settings.set("AUTOTHROTTLE_START_DELAY", max(delay, 0.1), priority="cmdline")
    if delay <= 0:
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")
    settings.set("PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for k, v in (extra or {}).items():
        settings.set(k, v, priority="cmdline")
    return settings


def _set_default(settings: Settings, extra: dict[str, Any] | None, name: str, value: Any) -> None:
    """A setting this run derives from its options, unless the user set it himself (``--set``)."""
    if name not in (extra or {}):
        settings.set(name, value, priority="cmdline")


def redis_settings(redis_url: str, start_urls: list[str]) -> dict[str, Any]:
    """scrapy-redis: one shared request queue and duplicate filter for every worker with these start URLs.

    The Redis keys are derived from the sorted start URLs, so workers started with the same URLs (on any
    machine) join the same crawl, and different crawls on one Redis server stay apart. The queue and the
    filter persist when a worker stops, so a worker can join late or be restarted.
    """
    import hashlib

    key = hashlib.sha1("\n".join(sorted(start_urls)).encode()).hexdigest()[:12]
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
        "SCHEDULER_QUEUE_KEY": f"police-archive:{key}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"police-archive:{key}:dupefilter",
        "DUPEFILTER_KEY": f"police-archive:{key}:dupefilter",
        "REDIS_URL": redis_url,
    }


def run_crawl(start_urls: list[str], db: str, delay: float = 1.0, max_pages: int = 0, progress: bool = True,
              log_level: str = "WARNING", extra: dict[str, Any] | None = None, full: bool = False,
              overrides: dict[str, dict[str, Any]] | None = None,
              host_slots: dict[str, dict[str, Any]] | None = None, sites: list[str] | None = None,
              discover_only: bool = False, since: str | None = None, until: str | None = None,
              user_agent: str | None = None, redis_url: str | None = None) -> CrawlResult:
    """Crawl the columns into ``db`` and block until done. Twisted allows one call per process.

    ``overrides`` maps a start URL to its sites-file options (max_pages, selectors); ``host_slots`` maps
    a host name to Scrapy download-slot settings (per-site ``delay`` and ``concurrency``).
    """
    from crawler.spiders.column import ColumnSpider

    settings = crawl_settings(db, delay, progress, log_level, extra)
    if host_slots:
        _set_default(settings, extra, "DOWNLOAD_SLOTS", host_slots)
    if discover_only:
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    if user_agent:
        _set_default(settings, extra, "USER_AGENT", user_agent)
    if redis_url:
        for k, v in redis_settings(redis_url, start_urls + list(sites or [])).items():
            _set_default(settings, extra, k, v)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ColumnSpider)
    result = CrawlResult()
    crawler.signals.connect(lambda url, reason: result.start_failures.setdefault(url, reason),
                            signal=our_signals.start_failed, weak=False)
    crawler.signals.connect(lambda column: result.columns.append(column), signal=our_signals.column_found,
                            weak=False)
    process.crawl(crawler, start_urls=start_urls, max_pages=max_pages, full=full, overrides=overrides or {},
                  sites=sites or [], discover_only=discover_only, since=since, until=until,
                  distributed=bool(redis_url))
    process.start()
    stats = crawler.stats.get_stats()
    result.run_id = stats.get(counts.RUN_ID)
    if not discover_only:
        result.summary = summary_of(stats)
    return result
