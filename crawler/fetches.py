"""How Scrapy's requests and responses become the archive's fetch records: the one place they are built.

:func:`fetch_record` turns a response (any status) into a :class:`~archive.records.PageFetch`, :func:`fetch_error`
a request that got no response into a :class:`~archive.records.FetchError`, and
:func:`classify_download_failure` says, by exception type, what kind of failure a download raised.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure as TwistedFailure

from archive.records import Failure, FailureKind, FetchError, PageFetch, PageKind


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _headers(headers: Any) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in headers.items()}


def _request_body(request: Request | None) -> str:
    return request.body.decode("utf-8", "replace") if request is not None and request.method == "POST" else ""


def page_kind(meta: dict[str, Any]) -> PageKind:
    """The archive's kind of a request's page: list, article, or other (homepages, probes of other pages)."""
    kind = meta.get("kind")
    return PageKind(kind) if kind in ("list", "article") else PageKind.OTHER


def fetch_record(response: Response, kind: PageKind | str, failure: Failure | None = None) -> PageFetch:
    req = response.request
    t0 = response.meta.get("t0")
    return PageFetch(
        url=response.url, kind=PageKind(kind), status=response.status, body=response.body,
        headers=_headers(response.headers),
        content_type=response.headers.get("Content-Type", b"").decode("latin-1") or None,
        method=req.method if req is not None else "GET", request_body=_request_body(req),
        request_headers=_headers(req.headers) if req is not None else {}, fetched_at=now(),
        elapsed_ms=int((time.monotonic() - t0) * 1000) if t0 else None, failure=failure)


def fetch_error(request: Request, failure: Failure, url: str | None = None) -> FetchError:
    """A request that got no response (``url``: the URL to record it under, e.g. the start of a redirect loop)."""
    return FetchError(url=url or request.url, kind=page_kind(request.meta), failure=failure, method=request.method,
                      request_body=_request_body(request), request_headers=_headers(request.headers),
                      fetched_at=now())


def classify_download_failure(failure: TwistedFailure) -> Failure | None:
    """The archive's failure kind of a download that raised, by exception type; None = skipped by our own rules
    (robots.txt, host scope: IgnoreRequest), which is not a failure."""
    if failure.check(IgnoreRequest):
        return None
    message = failure.getErrorMessage().splitlines()[0] if failure.getErrorMessage() else ""
    if failure.check(DownloadCancelledError, CancelledError):
        # Scrapy cancels a download that passes DOWNLOAD_MAXSIZE (announced or while streaming)
        return Failure(FailureKind.REJECTED, f"rejected: response larger than the size cap ({message[:160]})")
    return Failure(FailureKind.NETWORK, f"{failure.type.__name__}: {message}")
