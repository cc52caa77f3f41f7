"""The crawl's counts, kept in Scrapy's stats collector under ``police_archive/…``.

Components count with ``crawler.stats.inc_value(counts.ERRORS)``; the progress lines, the summary table at the end
of a run and the ``crawl_runs`` row all read the same stats (:func:`run_counts`), so no count is kept twice.
Scrapy's own ``downloader/request_count`` and ``downloader/response_bytes`` give requests and bytes.
"""

from __future__ import annotations

from typing import Any

from archive.records import RunCounts

PREFIX = "police_archive/"
LIST_PAGES = PREFIX + "list_pages"  # list pages parsed
ARTICLES = PREFIX + "articles"  # article pages extracted
ERRORS = PREFIX + "errors"  # failed or rejected fetches
BLOCKED = PREFIX + "blocked"  # anti-bot challenges (also counted in errors)
NOT_MODIFIED = PREFIX + "not_modified"  # 304 answers to conditional requests
SKIPPED = PREFIX + "skipped"  # requests our own rules dropped: robots.txt, host scope
OUTSIDE_WINDOW = PREFIX + "outside_window"  # articles outside --since/--until
REJECTED_COLUMNS = PREFIX + "rejected_columns"  # site-mode candidates that were not news lists
OFFSITE = PREFIX + "offsite_dropped"  # requests (redirects included) to another host, dropped
STATUS = PREFIX + "status/"  # + HTTP status or "error": fetches by outcome
ARTICLES_NEW = PREFIX + "articles_new"  # set by the archive pipeline from what the archive wrote
ARTICLES_CHANGED = PREFIX + "articles_changed"
ARTICLES_UNCHANGED = PREFIX + "articles_unchanged"
RUN_ID = PREFIX + "run_id"  # the crawl_runs row of this crawl
FAILED = PREFIX + "failed"  # one-line reason the crawl stopped early (the archive writer died)


def status_counts(stats: dict[str, Any]) -> dict[str, int]:
    return {k[len(STATUS):]: int(v) for k, v in stats.items() if k.startswith(STATUS)}


def run_counts(stats: dict[str, Any]) -> RunCounts:
    """The counts a ``crawl_runs`` row keeps, from the stats of a crawl."""
    return RunCounts(
        requests=int(stats.get("downloader/request_count", 0)), bytes=int(stats.get("downloader/response_bytes", 0)),
        list_pages=int(stats.get(LIST_PAGES, 0)), articles_new=int(stats.get(ARTICLES_NEW, 0)),
        articles_changed=int(stats.get(ARTICLES_CHANGED, 0)), articles_unchanged=int(stats.get(ARTICLES_UNCHANGED, 0)),
        errors=int(stats.get(ERRORS, 0)), not_modified=int(stats.get(NOT_MODIFIED, 0)),
        status_counts=status_counts(stats))
