"""What one crawl is asked to do: built once from the spider's arguments, read by every component.

The spider builds the :class:`CrawlPlan` from its arguments (``police-archive crawl`` passes them, and so does
``scrapy crawl column -a start_urls=…`` under Scrapyd) and publishes it as the ``CRAWL_PLAN`` setting before
Scrapy freezes the settings; middlewares and the archive pipeline read it in ``from_crawler``. It never changes
during the crawl, so no component writes state for another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extract.urls import canonical_url, host_of

SETTING = "CRAWL_PLAN"


def _urls(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value or ())
    return tuple(canonical_url(u.strip()) for u in items if u and u.strip())


def _flag(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class CrawlPlan:
    #: column (栏目) list pages to walk
    start_urls: tuple[str, ...] = ()
    #: site mode: homepages whose news columns are discovered, then walked like start URLs
    homepages: tuple[str, ...] = ()
    #: most list pages per column (0 = all)
    max_pages: int = 0
    #: walk every list page and re-fetch every article with conditional requests
    full: bool = False
    #: per start URL: max_pages, selectors, user agent, proxy from the sites file
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: site mode without crawling: report the columns found (``police-archive columns``)
    discover_only: bool = False
    since: str | None = None
    until: str | None = None
    user_agent: str | None = None
    #: one worker of a crawl shared through Redis (scrapy-redis)
    distributed: bool = False

    @classmethod
    def from_args(cls, start_urls: str | list[str] = "", max_pages: int | str = 0, full: bool | str = False,
                  overrides: Mapping[str, Mapping[str, Any]] | None = None, sites: str | list[str] = "",
                  discover_only: bool | str = False, since: str | None = None, until: str | None = None,
                  user_agent: str | None = None, distributed: bool | str = False) -> CrawlPlan:
        """From spider arguments, which arrive as strings from ``scrapy crawl -a`` and as values from the CLI."""
        return cls(start_urls=_urls(start_urls), homepages=_urls(sites), max_pages=int(max_pages or 0),
                   full=_flag(full), overrides={canonical_url(k): dict(v) for k, v in (overrides or {}).items()},
                   discover_only=_flag(discover_only), since=since or None, until=until or None,
                   user_agent=user_agent or None, distributed=_flag(distributed))

    @property
    def hosts(self) -> frozenset[str]:
        """The crawl's scope: no request ever goes to another host."""
        return frozenset(host_of(u) for u in self.start_urls + self.homepages)

    @property
    def mode(self) -> str:
        return "full" if self.full else "incremental"

    def option(self, root: str, key: str, default: Any = None) -> Any:
        """A sites-file option of one column (its start URL ``root``)."""
        return self.overrides.get(root, {}).get(key, default)

    def host_options(self, host: str) -> Mapping[str, Any]:
        """The sites-file options of the site a host belongs to (for pages outside any column, e.g. homepages)."""
        for root, opts in self.overrides.items():
            if host_of(root) == host:
                return opts
        return {}
