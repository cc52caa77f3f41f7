"""Web-archive records: every request and response, bytes exactly as received, in rotating WARC files.

Files are named ``<prefix>-<UTC time>-<serial>.warc.gz`` and never reopened for writing, so a resumed or
repeated crawl appends new files and can never overwrite an old one. Each record is its own gzip member,
so ``(file, offset)`` addresses a record directly. A response whose payload equals the URL's earlier
response is written as a ``revisit`` record (identical-payload-digest profile). When a file is closed, a
CDXJ index (``<file>.cdxj``) is written beside it with webrecorder's cdxj-indexer.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import responses as REASONS
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: hop-by-hop or decoding headers that no longer describe the stored bytes
_DROP = {"transfer-encoding", "content-encoding", "connection", "keep-alive"}


@dataclass(frozen=True)
class WarcPointer:
    file: str
    offset: int
    length: int


def _warc_date(iso: str | None) -> str:
    if iso:
        try:
            dt = datetime.fromisoformat(iso)
            return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha1_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcStore:
    """Append-only writer of request/response pairs into rotating ``.warc.gz`` files."""

    def __init__(self, directory: str | Path, prefix: str = "police-archive", max_bytes: int = 512 * 1024 * 1024):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._name: str | None = None
        self.files_written: list[str] = []

    # -- files ------------------------------------------------------------------------------------
    def _open(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        serial = 0
        while True:
            name = f"{self.prefix}-{stamp}-{os.getpid()}-{serial:05d}.warc.gz"
            try:
                fh = open(self.dir / name, "xb")  # noqa: SIM115 - kept open across writes
                break
            except FileExistsError:
                serial += 1
        self._fh, self._name = fh, name
        self._writer = WARCWriter(fh, gzip=True)
        self.files_written.append(name)

    def _current(self) -> tuple[WARCWriter, io.BufferedWriter]:
        if self._fh is not None and self._fh.tell() >= self.max_bytes:
            self._close_file()
        if self._fh is None:
            self._open()
        assert self._writer is not None and self._fh is not None
        return self._writer, self._fh

    def _close_file(self) -> None:
        if self._fh is None:
            return
        self._fh.close()
        name = self._name
        self._fh = self._writer = self._name = None
        if name:
            write_cdxj(self.dir / name)

    def close(self) -> None:
        self._close_file()

    # -- records ----------------------------------------------------------------------------------
    def write_exchange(self, page: dict[str, Any], revisit_of: tuple[str, str] | None = None) -> WarcPointer | None:
        """Write the request and (if any) the response of a page record; return the response's pointer.

        ``revisit_of`` = (uri, WARC date) of an earlier response with the same payload: a revisit
        record is written instead of the full response.
        """
        writer, fh = self._current()
        url = page["url"]
        date = _warc_date(page.get("fetched_at"))
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_body = (page.get("request_body") or "").encode("utf-8")
        req_headers = list((page.get("request_headers") or {}).items())
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        req = writer.create_warc_record(
            url, "request", payload=io.BytesIO(req_body), length=len(req_body),
            http_headers=StatusAndHeaders(f"{page.get('method') or 'GET'} {target} HTTP/1.1", req_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(req)
        status = page.get("status")
        body: bytes | None = page.get("body")
        if status is None or body is None:
            return None
        headers = [(k, v) for k, v in (page.get("headers") or {}).items() if k.lower() not in _DROP]
        http = StatusAndHeaders(f"{status} {REASONS.get(status, 'Unknown')}", headers, protocol="HTTP/1.1")
        offset = fh.tell()
        if revisit_of is not None:
            rec = writer.create_revisit_record(url, sha1_digest(body), revisit_of[0], revisit_of[1],
                                               http_headers=http)
            rec.rec_headers.replace_header("WARC-Date", date)
        else:
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
        fh.flush()
        return WarcPointer(self._name or "", offset, fh.tell() - offset)


def read_response(path: str | Path, offset: int) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body bytes) of the response record at ``offset`` in a WARC file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type not in ("response", "revisit"):
                raise ValueError(f"record at {offset} of {path} is a {record.rec_type} record")
            status = int(record.http_headers.get_statuscode()) if record.http_headers else 0
            headers = dict(record.http_headers.headers) if record.http_headers else {}
            return status, headers, record.content_stream().read()
    raise ValueError(f"no record at offset {offset} of {path}")


def write_cdxj(warc: Path) -> Path:
    """Index one closed WARC file into ``<file>.cdxj`` (sorted, as pywb and other replay tools read it)."""
    from cdxj_indexer.main import CDXJIndexer

    out = warc.with_name(warc.name + ".cdxj")
    with open(out, "w", encoding="utf-8") as fh:
        CDXJIndexer(output=fh, inputs=[str(warc)], sort=True).process_all()
    return out
