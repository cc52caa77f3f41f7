"""The archived capture: the bytes a server sent for one fetch, served so that looking at them is safe.

The bytes come from the fetch's WARC record (``pages.warc_file`` at ``warc_offset``) or its inline copy
(``pages.body_gz``), exactly as received. They are served with:

* the Content-Type the server sent (its charset included); when it named no charset, the encoding the
  extractor decoded the page with (``articles.encoding``), so a GBK page is not read as UTF-8;
* a ``Content-Security-Policy`` that is a sandbox without scripts, forms, plugins or popups, and allows no
  network request at all (``default-src 'none'``; inline styles and ``data:`` images only): the page's own
  scripts do not run, and its images, style sheets and trackers are not fetched from the bureau's site (or from
  anywhere) when a researcher opens it;
* ``X-Content-Type-Options: nosniff`` and no referrer.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

#: no script, no request to any origin; the document is a unique origin (sandbox) without forms or popups
CAPTURE_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
               "media-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'")
CAPTURE_HEADERS = {"Content-Security-Policy": CAPTURE_CSP, "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "no-referrer", "Cache-Control": "private, max-age=3600"}
_CHARSET = re.compile(r"charset\s*=", re.I)


class CaptureMissing(Exception):
    """The fetch is unknown or its bytes cannot be read (one line, shown to the user)."""


@dataclass(frozen=True)
class Capture:
    page_id: int
    url: str
    status: int | None
    fetched_at: str
    content_type: str
    body: bytes


def content_type_of(header: str | None, encoding: str | None) -> str:
    """The Content-Type to serve: the server's, with the extractor's encoding added when it named no charset."""
    ctype = (header or "").strip() or "text/html"
    if not _CHARSET.search(ctype) and encoding and ctype.split(";")[0].strip().lower() in ("text/html", "text/plain"):
        ctype = f"{ctype.split(';')[0].strip()}; charset={encoding}"
    return ctype


def read_capture(conn: sqlite3.Connection, warc_dir: Path | None, page_id: int) -> Capture:
    """The raw bytes of fetch ``page_id`` with what is needed to serve them (raises :class:`CaptureMissing`)."""
    row = conn.execute(
        "SELECT p.url, p.status, p.last_fetched_at, p.content_type, p.body_gz, p.warc_file, p.warc_offset, "
        "(SELECT a.encoding FROM articles a WHERE a.page_id = p.id LIMIT 1) FROM pages p WHERE p.id = ?",
        [page_id]).fetchone()
    if row is None:
        raise CaptureMissing(f"no fetch {page_id} in this archive")
    url, status, fetched_at, ctype, body_gz, warc_file, warc_offset, encoding = row
    if body_gz is not None:
        body = zlib.decompress(body_gz)
    elif warc_file:
        if warc_dir is None or not (warc_dir / warc_file).exists():
            raise CaptureMissing(f"WARC file {warc_file} is not in {warc_dir} (serve --warc-dir DIR tells where it is)")
        from archive.warc import read_response

        try:
            body = read_response(warc_dir / warc_file, int(warc_offset))[2]
        except Exception as exc:  # noqa: BLE001 - warcio and zstd raise their own kinds; one line for the user
            raise CaptureMissing(f"record at {warc_offset} of {warc_file} cannot be read: {exc}") from exc
    else:
        raise CaptureMissing(f"fetch {page_id} kept no body (status {status})")
    return Capture(page_id, url, status, fetched_at, content_type_of(ctype, encoding), body)
