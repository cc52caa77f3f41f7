"""The sites file (``--config sites.toml``): many sites in one run, each with its own options.

```toml
[crawl]                      # defaults for every site and options of the run (all optional)
delay = 1.0
max_pages = 0
warc_compression = "gzip"    # or "zstd" (smaller .warc.zst files), as --warc-compression

[[sites]]
name = "晋城市公安局"
homepages = ["http://gaj.jcgov.gov.cn/"]   # site mode: discover its news columns (optional)
user_agent = "..."           # this site's User-Agent (optional)
proxy = "http://127.0.0.1:3128"   # this site's proxy (optional)
start_urls = ["http://gaj.jcgov.gov.cn/jwzx/jwdt/index.html"]
delay = 2.0                  # per-site delay in seconds (its own download slot)
concurrency = 1              # parallel requests to this host
max_pages = 20               # list pages per start URL
[sites.selectors]            # XPath overrides for when the generic rules fail
article_links = "//ul[@class='newslist']//a"
body = "//div[@class='article-text']"
title = "//div[@class='article-title']"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SELECTOR_KEYS = ("article_links", "body", "title")
WARC_COMPRESSIONS = ("gzip", "zstd")
SITE_KEYS = {"name", "start_urls", "homepages", "delay", "concurrency", "max_pages", "selectors", "user_agent",
             "proxy"}


class ConfigError(ValueError):
    """The sites file is unreadable or wrong; the message names the file and the problem."""


@dataclass
class SiteConfig:
    name: str
    start_urls: list[str]
    delay: float | None = None
    concurrency: int | None = None
    max_pages: int | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    #: site mode: homepages whose news columns are discovered
    homepages: list[str] = field(default_factory=list)
    user_agent: str | None = None
    proxy: str | None = None

    def urls(self) -> list[str]:
        return self.start_urls + self.homepages


@dataclass
class CrawlConfig:
    sites: list[SiteConfig]
    defaults: dict[str, Any] = field(default_factory=dict)

    def start_urls(self) -> list[str]:
        return [u for s in self.sites for u in s.start_urls]

    def homepages(self) -> list[str]:
        return [u for s in self.sites for u in s.homepages]

    def overrides(self) -> dict[str, dict[str, Any]]:
        """Start URL or homepage → spider options (max_pages, selectors, user_agent, proxy)."""
        out: dict[str, dict[str, Any]] = {}
        for s in self.sites:
            opts: dict[str, Any] = dict(s.selectors)
            for key in ("max_pages", "user_agent", "proxy"):
                if getattr(s, key) is not None:
                    opts[key] = getattr(s, key)
            for u in s.urls():
                out[u] = opts
        return out

    def host_slots(self) -> dict[str, dict[str, Any]]:
        """Host name → Scrapy download-slot settings for sites with their own delay or concurrency."""
        out: dict[str, dict[str, Any]] = {}
        for s in self.sites:
            slot: dict[str, Any] = {}
            if s.delay is not None:
                slot["delay"] = s.delay
            if s.concurrency is not None:
                slot["concurrency"] = s.concurrency
            if slot:
                for u in s.urls():
                    out[urlsplit(u).hostname or ""] = slot
        return out


def load_config(path: str | Path) -> CrawlConfig:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    sites = []
    for i, raw in enumerate(data.get("sites", []), 1):
        unknown = set(raw) - SITE_KEYS
        if unknown:
            raise ConfigError(f"{path}: site {i}: unknown keys {sorted(unknown)}")
        urls = raw.get("start_urls", [])
        homes = raw.get("homepages", [])
        if not (urls or homes) or not all(isinstance(u, str) for u in [*urls, *homes]):
            raise ConfigError(f"{path}: site {i}: start_urls or homepages must be a non-empty list of URLs")
        sel = raw.get("selectors", {})
        bad = set(sel) - set(SELECTOR_KEYS)
        if bad:
            raise ConfigError(f"{path}: site {i}: unknown selectors {sorted(bad)}; use {list(SELECTOR_KEYS)}")
        sites.append(SiteConfig(str(raw.get("name") or urlsplit([*urls, *homes][0]).netloc), list(urls),
                                raw.get("delay"), raw.get("concurrency"), raw.get("max_pages"), dict(sel),
                                list(homes), raw.get("user_agent"), raw.get("proxy")))
    if not sites:
        raise ConfigError(f"{path}: no [[sites]] tables")
    defaults = dict(data.get("crawl", {}))
    if defaults.get("warc_compression", "gzip") not in WARC_COMPRESSIONS:
        raise ConfigError(f"{path}: [crawl] warc_compression must be one of {list(WARC_COMPRESSIONS)}")
    return CrawlConfig(sites, defaults)
