"""URL identity: one article, one URL, however the list pages link it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from w3lib.url import canonicalize_url, url_query_cleaner

#: Query parameters that only say where a click came from; dropping them never changes the page.
TRACKING_PARAMS = frozenset(
    "from source_from spm utm_source utm_medium utm_campaign utm_term utm_content tdsourcetag "
    "share_token scene isappinstalled wfr fr ref refer timestamp _t _ t".split()
)
_TRACKING_RE = re.compile(r"^(utm_\w+)$")
#: an absolute http(s) URL that w3lib's canonicalize_url returns unchanged: lower-case host, a path of
#: unreserved characters without dot segments, no query, fragment, percent-escape or user info. Most
#: article links look like this, and canonicalize_url is the list parser's largest single cost.
_ALREADY_CANONICAL = re.compile(r"https?://[a-z0-9.\-]+(?::[0-9]{1,5})?(?:/(?!\.\.?(?:/|$))[A-Za-z0-9._~\-]*)+")


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, canonical URL: fragment and tracking parameters removed, query sorted, host lower-cased."""
    absu = urljoin(base, url.strip()) if base else url.strip()
    if _ALREADY_CANONICAL.fullmatch(absu):
        return absu
    parts = urlsplit(absu)
    if parts.query:
        keys = {k.split("=", 1)[0] for k in parts.query.split("&") if k}
        drop = [k for k in keys if k.lower() in TRACKING_PARAMS or _TRACKING_RE.match(k.lower())]
        if drop:
            absu = url_query_cleaner(absu, drop, remove=True, keep_fragments=False)
    return canonicalize_url(absu, keep_fragments=False)


def host_of(url: str) -> str:
    """``host[:port]``, lower-cased: the crawl scope of a start URL."""
    return urlsplit(url).netloc.lower()


def same_host(url: str, host: str) -> bool:
    return host_of(url) == host
