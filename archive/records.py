"""What the crawler hands the archive: one typed record per kind, each built in one place, checked on arrival.

* :class:`PageFetch` — a request and the response it got (any status), with a :class:`Failure` when the page
  could not be archived as what it was fetched for;
* :class:`FetchError` — a request that got no response at all (network failure, redirect loop, size cap);
* :class:`ArticleRecord` — an article page: its :class:`PageFetch` and its :class:`Extraction`;
* :class:`NotModified` — a 304 answer to a conditional request for an archived article;
* :class:`ColumnRecord` — a news column found on a homepage (site mode);
* :class:`RunStart` / :class:`RunCounts` — a crawl run as it starts and as it ends.

Records are plain dataclasses (they cross into the archive writer process by pickling). Each checks itself in
``__post_init__`` and raises :class:`RecordError` with a one-line reason, so a malformed record fails where it is
built, never halfway through a write. The columns an :class:`Extraction` carries are not listed here: they are
the ``extract``-origin columns of :mod:`archive.tables`, so adding a column needs no change to this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from archive.tables import ARTICLES, ATTACHMENTS, IMAGES, METRICS, SITES


class RecordError(ValueError):
    """A record that does not have the shape the archive accepts; the message says how, in one line."""


class PageKind(StrEnum):
    LIST = "list"
    ARTICLE = "article"
    OTHER = "other"


class FailureKind(StrEnum):
    """Why a fetch did not yield what it was for; the first four are ``fetch_errors.category``."""

    BLOCKED = "blocked"  # an anti-bot challenge page (瑞数, 加速乐 …)
    HTTP = "http"  # a 4xx/5xx answer after retries
    NETWORK = "network"  # no answer: timeout, refused, DNS, broken connection, redirect loop
    REJECTED = "rejected"  # an answer not archivable as a page: undecodable, binary, too large, not HTML, no text
    OUT_OF_WINDOW = "out_of_window"  # published outside --since/--until: noted on the fetch, not a failure

    @property
    def is_error(self) -> bool:
        return self is not FailureKind.OUT_OF_WINDOW


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    #: one line, at most 300 characters: "HTTP 404", "blocked: anti-bot challenge (瑞数, HTTP 412)" …
    reason: str

    def __post_init__(self) -> None:
        if not isinstance(self.kind, FailureKind):
            object.__setattr__(self, "kind", FailureKind(self.kind))
        line = " ".join(str(self.reason).split())[:300]
        if not line:
            raise RecordError("a failure needs a reason")
        object.__setattr__(self, "reason", line)


def _check_url(url: str) -> None:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise RecordError(f"not an http(s) URL: {url!r}"[:300])


@dataclass
class PageFetch:
    """One request and its response, as the archive's ``pages`` row and WARC request/response records hold it."""

    url: str
    kind: PageKind
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    method: str = "GET"
    #: form data of a POST, as sent
    request_body: str = ""
    request_headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None
    elapsed_ms: int | None = None
    failure: Failure | None = None

    def __post_init__(self) -> None:
        _check_url(self.url)
        self.kind = PageKind(self.kind)
        if not isinstance(self.status, int) or not 100 <= self.status <= 999:
            raise RecordError(f"HTTP status {self.status!r} of {self.url} is not a status code")
        if not isinstance(self.body, bytes):
            raise RecordError(f"body of {self.url} is not bytes")

    @property
    def error(self) -> str:
        return self.failure.reason if self.failure else ""


@dataclass
class FetchError:
    """A request that got no response: stored as a ``pages`` row without status or body, and in ``fetch_errors``."""

    url: str
    kind: PageKind
    failure: Failure
    method: str = "GET"
    request_body: str = ""
    request_headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None

    def __post_init__(self) -> None:
        _check_url(self.url)
        self.kind = PageKind(self.kind)
        if not isinstance(self.failure, Failure):
            raise RecordError(f"fetch error of {self.url} without a Failure")

    @property
    def error(self) -> str:
        return self.failure.reason

    # no response: read like a PageFetch that got none
    status = property(lambda self: None)
    body = property(lambda self: None)
    headers = property(lambda self: {})
    content_type = property(lambda self: None)
    elapsed_ms = property(lambda self: None)


def stored(column: Any, value: Any) -> Any:
    """A value as its column stores it: JSON columns as JSON text (NULL when empty), 0/1 flags as 0 or 1."""
    if column.json:
        return json.dumps(value, ensure_ascii=False) if value else None
    if column.unit == "0/1":
        return int(bool(value))
    return value


def _pick(table_columns: tuple[str, ...], values: dict[str, Any], what: str) -> dict[str, Any]:
    missing = [c for c in table_columns if c not in values]
    if missing:
        raise RecordError(f"{what} lacks {', '.join(missing)}")
    return {c: values[c] for c in table_columns}


def _rows(items: Any, table: Any, what: str) -> list[dict[str, Any]]:
    cols = table.writable("extract")
    rows = []
    for item in items or ():
        if not isinstance(item, dict):
            raise RecordError(f"{what} row is not a mapping")
        unknown = set(item) - set(cols)
        if unknown:
            raise RecordError(f"{what} row has columns the archive does not declare: {', '.join(sorted(unknown))}")
        rows.append({c: item.get(c) for c in cols})
    return rows


#: site columns an extraction fills, and the extraction field each comes from (sites.name ← site_name)
SITE_FIELDS = {c: ("site_name" if c == "name" else c) for c in SITES.writable("extract")}


@dataclass
class Extraction:
    """What the extractor found on an article page, split by the table it goes to.

    ``values`` holds the ``extract``-origin columns of ``articles``, ``site`` those of ``sites``; ``metrics``,
    ``attachments`` and ``images`` one dict per row of their table. Built by :meth:`from_article`.
    """

    values: dict[str, Any]
    site: dict[str, Any]
    metrics: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: dict[str, Any]) -> Extraction:
        """From :meth:`extract.Article.to_dict`: every declared column must be there; other fields are not archived."""
        values = _pick(ARTICLES.writable("extract"), article, "the extraction")
        if not isinstance(values["text"], str) or not values["text"].strip():
            raise RecordError("an article needs body text")
        site = {col: article.get(src) for col, src in SITE_FIELDS.items()}
        return cls(values, site, _rows(article.get("metrics"), METRICS, "metrics"),
                   _rows(article.get("attachments"), ATTACHMENTS, "attachments"),
                   _rows(article.get("images"), IMAGES, "images"))

    def column_values(self) -> dict[str, Any]:
        """``values`` as stored (see :func:`stored`)."""
        return {name: stored(ARTICLES.column(name), value) for name, value in self.values.items()}


@dataclass
class ArticleRecord:
    """An article page: its fetch, what was extracted from it, and what its list page said about it."""

    page: PageFetch
    extraction: Extraction
    list_title: str | None = None
    list_date: str | None = None
    fetched_at: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.page, PageFetch) or not isinstance(self.extraction, Extraction):
            raise RecordError("an article record needs its PageFetch and its Extraction")

    @property
    def url(self) -> str:
        return self.page.url


@dataclass
class NotModified:
    """A 304 to a conditional request: the archived article ``url`` is still current."""

    url: str
    page: PageFetch

    def __post_init__(self) -> None:
        _check_url(self.url)


@dataclass
class ColumnRecord:
    """A news column found on a homepage (site mode)."""

    url: str
    name: str | None = None
    family: str | None = None
    #: the homepage it was found on
    site: str | None = None

    def __post_init__(self) -> None:
        _check_url(self.url)


@dataclass(frozen=True)
class RunStart:
    start_urls: tuple[str, ...]
    #: delay, max_pages, user agent … as JSON-able values
    settings: dict[str, Any]
    mode: str = "incremental"

    def __post_init__(self) -> None:
        if self.mode not in ("incremental", "full"):
            raise RecordError(f"unknown crawl mode {self.mode!r}")


@dataclass
class RunCounts:
    """The counts ``crawl_runs`` keeps of a run (read from the crawl's stats when it ends)."""

    requests: int = 0
    bytes: int = 0
    list_pages: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    errors: int = 0
    not_modified: int = 0
    #: HTTP status → number of fetches ("error": no response)
    status_counts: dict[str, int] = field(default_factory=dict)


Record = PageFetch | FetchError | ArticleRecord | NotModified | ColumnRecord
