"""Web-archive records: every request and response, bytes exactly as received, in rotating WARC files.

Files are named ``<prefix>-<UTC time>-<host>-<pid>-<serial>.warc.gz`` (or ``.warc.zst``) and never reopened for
writing, so a resumed or repeated crawl appends new files and can never overwrite an old one. A response
whose payload equals the URL's earlier response is written as a ``revisit`` record
(identical-payload-digest profile). When a file is closed, a CDXJ index (``<file>.cdxj``) is written
beside it, from entries collected while writing (the file is never read back for it), line for line what
webrecorder's cdxj-indexer writes for a ``.warc.gz`` file (tested against it).

Two compressions, both with every record compressed on its own, so ``(file, offset)`` addresses a record:

* ``gzip`` (the default, ``.warc.gz``, WARC/1.1 annex D): each record is its own gzip member; the format
  every WARC tool reads.
* ``zstd`` (opt-in, ``.warc.zst``, the IIPC "WARC zstd" format): each record is one independent zstd frame.
  A file may start with a dictionary in a skippable frame (magic 0x184D2A5D, then the frame-content length,
  both little-endian u32, then the dictionary, here itself zstd-compressed); every frame of such a file is
  compressed with that dictionary and carries its dictionary ID. The dictionary is trained on the crawl's
  own records: a store that knows no dictionary yet writes plain frames and keeps its first records as
  samples, then trains one and starts a new file with it; each file closed at ``max_bytes`` retrains the
  dictionary from its first records; a new store starts with the dictionary of the directory's newest
  ``.warc.zst`` file (cdxj-indexer cannot read zstd; our index lines are the same for both kinds).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import io
import json
import os
import re
import socket
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import responses as REASONS
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_timestamp
from warcio.warcwriter import WARCWriter

from archive.records import FetchError, PageFetch

try:  # Python 3.14+: the standard library's zstd module (PEP 784)
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # Python < 3.14: its backport (dependency "backports.zstd")
    from backports import zstd  # type: ignore[no-redef]

#: hop-by-hop or decoding headers that no longer describe the stored bytes
_DROP = {"transfer-encoding", "content-encoding", "connection", "keep-alive"}

COMPRESSIONS = ("gzip", "zstd")
#: this machine's name, reduced to characters safe in a file name
_HOST = re.sub(r"[^A-Za-z0-9.-]+", "-", socket.gethostname()).strip("-.")[:40] or "host"
SUFFIX = {"gzip": ".warc.gz", "zstd": ".warc.zst"}

#: the IIPC WARC-zstd dictionary frame: a zstd skippable frame with this magic number
DICT_FRAME_MAGIC = 0x184D2A5D
#: the magic number of a zstd frame (little-endian on disk: 28 B5 2F FD)
ZSTD_FRAME_MAGIC = 0xFD2FB528
#: the magic number of a formatted (trained) zstd dictionary; other contents are raw-content dictionaries
_ZDICT_MAGIC = 0xEC30A437


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
    """Append-only writer of request/response pairs into rotating ``.warc.gz`` or ``.warc.zst`` files."""

    #: zstd: compression level of the record frames (3: a few µs per record with a dictionary)
    ZSTD_LEVEL = 3
    #: zstd: size of a trained dictionary, in bytes
    DICT_SIZE = 112 * 1024
    #: zstd: with no dictionary yet, train one after this many records (or SAMPLE_BYTES of samples)
    TRAIN_AFTER = 500
    #: zstd: training samples kept per file: the first SAMPLE_COUNT records, at most SAMPLE_BYTES in all,
    #: each cut to its first SAMPLE_CAP bytes
    SAMPLE_COUNT = 1000
    SAMPLE_BYTES = 16 * 1024 * 1024
    SAMPLE_CAP = 64 * 1024

    def __init__(self, directory: str | Path, prefix: str = "police-archive", max_bytes: int = 512 * 1024 * 1024,
                 compression: str = "gzip"):
        if compression not in COMPRESSIONS:
            raise ValueError(f"unknown WARC compression {compression!r}; use one of {', '.join(COMPRESSIONS)}")
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.compression = compression
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._name: str | None = None
        self.files_written: list[str] = []
        # zstd only
        #: the dictionary of the current file, and of the next one (None: plain frames)
        self.dictionary: Any = newest_dictionary(self.dir) if compression == "zstd" else None
        self._buf = io.BytesIO()
        self._compressor: Any = None
        self._samples: list[bytes] = []
        self._sample_bytes = 0
        self._tried_with = 0  # samples the last training attempt had (0: none yet in this file)
        self._cdx: _SortedLines | None = None

    # -- files ------------------------------------------------------------------------------------
    def _open(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        serial = 0
        while True:
            # the crawl host in the name (as the IIPC naming convention has it): shards written on different
            # machines never share a file name, so merge can copy them side by side
            name = f"{self.prefix}-{stamp}-{_HOST}-{os.getpid()}-{serial:05d}{SUFFIX[self.compression]}"
            try:
                fh = open(self.dir / name, "xb")  # noqa: SIM115 - kept open across writes
                break
            except FileExistsError:
                serial += 1
        self._fh, self._name = fh, name
        if self.compression == "gzip":
            self._writer = WARCWriter(fh, gzip=True)
        else:
            # records are written uncompressed into a buffer, then compressed as one frame each
            self._writer = WARCWriter(self._buf, gzip=False)
            options = {zstd.CompressionParameter.compression_level: self.ZSTD_LEVEL,
                       zstd.CompressionParameter.checksum_flag: 1}
            self._compressor = zstd.ZstdCompressor(options=options, zstd_dict=self.dictionary)
            if self.dictionary is not None:
                fh.write(dictionary_frame(self.dictionary))
                fh.flush()
            self._samples, self._sample_bytes, self._tried_with = [], 0, 0
        self._cdx = _SortedLines()
        self.files_written.append(name)

    def _current(self) -> tuple[WARCWriter, io.BufferedWriter]:
        if self._fh is not None:
            if self._fh.tell() >= self.max_bytes:
                self._close_file(retrain=True)
            elif self.compression == "zstd" and self.dictionary is None and self._samples_ready():
                # bootstrap: the first dictionary; the next file starts with it
                self.dictionary = self._train()
                if self.dictionary is not None:
                    self._close_file()
        if self._fh is None:
            self._open()
        assert self._writer is not None and self._fh is not None
        return self._writer, self._fh

    def _close_file(self, retrain: bool = False) -> None:
        if self._fh is None:
            return
        if retrain and self.compression == "zstd":
            # follow the templates of the sites crawled now; keep the old dictionary when training fails
            self.dictionary = self._train() or self.dictionary
        self._fh.close()
        name, cdx = self._name, self._cdx
        self._fh = self._writer = self._name = self._compressor = self._cdx = None
        self._samples, self._sample_bytes = [], 0
        if name and cdx is not None:
            with open(self.dir / (name + ".cdxj"), "w", encoding="utf-8") as out:
                cdx.write_to(out)

    def close(self) -> None:
        self._close_file()

    # -- zstd dictionary --------------------------------------------------------------------------
    def _samples_ready(self) -> bool:
        """Time to train: TRAIN_AFTER samples, or all the samples kept; once more when full after a failure."""
        n = len(self._samples)
        full = n >= self.SAMPLE_COUNT or self._sample_bytes >= self.SAMPLE_BYTES
        if not self._tried_with:
            return n >= self.TRAIN_AFTER or (full and n > 0)
        return full and n > self._tried_with

    def _train(self) -> Any:
        """A dictionary trained on this file's samples, or None (too few or too uniform samples)."""
        samples = self._samples
        self._tried_with = len(samples)
        if len(samples) < 8:
            return None
        try:
            return zstd.train_dict(samples, self.DICT_SIZE)
        except (zstd.ZstdError, ValueError):
            return None

    def _sample(self, data: bytes) -> None:
        if len(self._samples) < self.SAMPLE_COUNT and self._sample_bytes < self.SAMPLE_BYTES:
            sample = data[: self.SAMPLE_CAP]
            self._samples.append(sample)
            self._sample_bytes += len(sample)

    # -- records ----------------------------------------------------------------------------------
    def _write(self, writer: WARCWriter, fh: io.BufferedWriter, record: Any) -> tuple[int, int]:
        """Write one record; its (offset, length) in the file."""
        offset = fh.tell()
        if self.compression == "gzip":
            writer.write_record(record)
            length = fh.tell() - offset
        else:
            buf = self._buf
            buf.seek(0)
            buf.truncate()
            writer.write_record(record)
            data = buf.getvalue()
            frame = self._compressor.compress(data, zstd.ZstdCompressor.FLUSH_FRAME)
            fh.write(frame)
            self._sample(data)
            length = len(frame)
        if self._cdx is not None and record.rec_type in ("response", "revisit"):
            self._cdx.add(_cdxj_line(record, offset, length, self._name or ""))
        return offset, length

    def write_exchange(self, page: PageFetch | FetchError, revisit_of: tuple[str, str] | None = None) -> WarcPointer | None:
        """Write the request and (if any) the response of a fetch; return the response's pointer.

        ``revisit_of`` = (uri, WARC date) of an earlier response with the same payload: a revisit
        record is written instead of the full response.
        """
        writer, fh = self._current()
        url = page.url
        date = _warc_date(page.fetched_at)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_body = (page.request_body or "").encode("utf-8")
        req_headers = list((page.request_headers or {}).items())
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        req = writer.create_warc_record(
            url, "request", payload=io.BytesIO(req_body), length=len(req_body),
            http_headers=StatusAndHeaders(f"{page.method or 'GET'} {target} HTTP/1.1", req_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": date},
        )
        self._write(writer, fh, req)
        if isinstance(page, FetchError):
            fh.flush()
            return None
        status, body = page.status, page.body
        headers = [(k, v) for k, v in (page.headers or {}).items() if k.lower() not in _DROP]
        http = StatusAndHeaders(f"{status} {REASONS.get(status, 'Unknown')}", headers, protocol="HTTP/1.1")
        if revisit_of is not None:
            rec = writer.create_revisit_record(url, sha1_digest(body), revisit_of[0], revisit_of[1],
                                               http_headers=http)
            rec.rec_headers.replace_header("WARC-Date", date)
        else:
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict={"WARC-Date": date})
        offset, length = self._write(writer, fh, rec)
        fh.flush()
        return WarcPointer(self._name or "", offset, length)


# -- reading --------------------------------------------------------------------------------------
def _response_of(records: Iterator[Any], path: str | Path, offset: int) -> tuple[int, dict[str, str], bytes]:
    for record in records:
        if record.rec_type not in ("response", "revisit"):
            raise ValueError(f"record at {offset} of {path} is a {record.rec_type} record")
        status = int(record.http_headers.get_statuscode()) if record.http_headers else 0
        headers = dict(record.http_headers.headers) if record.http_headers else {}
        return status, headers, record.content_stream().read()
    raise ValueError(f"no record at offset {offset} of {path}")


def read_response(path: str | Path, offset: int) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body bytes) of the response record at ``offset`` in a ``.warc.gz`` or ``.warc.zst``."""
    if str(path).endswith(".zst"):
        data = read_frame(path, offset)
        return _response_of(ArchiveIterator(io.BytesIO(data)), path, offset)
    with open(path, "rb") as fh:
        fh.seek(offset)
        return _response_of(ArchiveIterator(fh), path, offset)


def read_frame(path: str | Path, offset: int, chunk: int = 64 * 1024) -> bytes:
    """The uncompressed bytes of the zstd frame at ``offset`` of a ``.warc.zst`` file (one WARC record).

    The frame is decompressed with the file's dictionary, if it has one, and read until it ends.
    """
    zdict = file_dictionary(path)
    try:
        dec = zstd.ZstdDecompressor(zstd_dict=zdict)
        out = []
        with open(path, "rb") as fh:
            fh.seek(offset)
            while not dec.eof:
                data = fh.read(chunk)
                if not data:
                    raise ValueError(f"frame at {offset} of {path} is torn: the file ends inside it")
                out.append(dec.decompress(data))
    except zstd.ZstdError as exc:
        raise ValueError(f"no zstd frame readable at offset {offset} of {path}: {exc}") from exc
    return b"".join(out)


_DICT_CACHE: dict[tuple[str, int, int], tuple[Any, int]] = {}


def _dictionary_and_start(path: str | Path) -> tuple[Any, int]:
    """(dictionary or None, offset of the first record frame) of a ``.warc.zst`` file; cached per file."""
    st = os.stat(path)
    key = (str(path), st.st_dev, st.st_ino)
    hit = _DICT_CACHE.get(key)
    if hit is not None:
        return hit
    with open(path, "rb") as fh:
        head = fh.read(8)
        if len(head) < 8:
            return None, 0  # empty, or being written: not cached
        if struct.unpack("<I", head[:4])[0] != DICT_FRAME_MAGIC:
            result: tuple[Any, int] = (None, 0)
        else:
            size = struct.unpack("<I", head[4:])[0]
            content = fh.read(size)
            if len(content) < size:
                raise ValueError(f"{path}: the dictionary frame is torn")
            result = (_load_dictionary(content, path), 8 + size)
    if len(_DICT_CACHE) >= 64:
        _DICT_CACHE.pop(next(iter(_DICT_CACHE)))
    _DICT_CACHE[key] = result
    return result


def _load_dictionary(content: bytes, path: str | Path) -> Any:
    try:
        if content[:4] == struct.pack("<I", ZSTD_FRAME_MAGIC):
            content = zstd.decompress(content)
        if content[:4] == struct.pack("<I", _ZDICT_MAGIC):
            return zstd.ZstdDict(content)
        return zstd.ZstdDict(content, is_raw=True)
    except zstd.ZstdError as exc:
        raise ValueError(f"{path}: unreadable dictionary frame: {exc}") from exc


def file_dictionary(path: str | Path) -> Any:
    """The zstd dictionary stored at the start of a ``.warc.zst`` file (a ZstdDict), or None."""
    return _dictionary_and_start(path)[0]


def dictionary_frame(zdict: Any) -> bytes:
    """The skippable frame that stores ``zdict`` at the start of a ``.warc.zst`` file (zstd-compressed)."""
    payload = zstd.compress(zdict.dict_content, level=19)
    return struct.pack("<II", DICT_FRAME_MAGIC, len(payload)) + payload


def newest_dictionary(directory: str | Path) -> Any:
    """The dictionary of the newest ``.warc.zst`` file in ``directory`` that has one, or None."""
    files = []
    for f in Path(directory).glob("*.warc.zst"):
        try:
            files.append((f.stat().st_mtime_ns, f.name, f))
        except OSError:
            continue
    for _, _, f in sorted(files, reverse=True):
        try:
            zdict = file_dictionary(f)
        except (OSError, ValueError):
            continue
        if zdict is not None:
            return zdict
    return None


def iter_frames(path: str | Path, block: int = 4 * 1024 * 1024) -> Iterator[tuple[int, bytes]]:
    """(offset, uncompressed bytes) of every record frame of a ``.warc.zst`` file, in order.

    Skippable frames are passed over. Raises ValueError where the file stops making sense: a frame cut
    short by the end of the file (a crawl killed while writing), bytes that are no zstd frame, a frame
    that does not decompress or whose checksum fails.
    """
    zdict, start = _dictionary_and_start(path)
    zstd_magic = struct.pack("<I", ZSTD_FRAME_MAGIC)
    with open(path, "rb") as fh:
        fh.seek(start)
        pos, buf, at, eof = start, b"", 0, False
        while True:
            if len(buf) - at < 8 and not eof:  # keep at least a frame header in the buffer
                more = fh.read(block)
                eof = len(more) < block
                buf, at = buf[at:] + more, 0
            if at >= len(buf):
                return
            view = memoryview(buf)[at:]
            if len(view) < 8:  # shorter than any frame
                raise ValueError(f"{path}: the frame at offset {pos} is cut short (torn file)")
            magic = bytes(view[:4])
            skippable = struct.unpack("<I", magic)[0] & 0xFFFFFFF0 == 0x184D2A50
            if magic != zstd_magic and not skippable:
                raise ValueError(f"{path}: no zstd frame at offset {pos}")
            try:
                size = zstd.get_frame_size(view)
            except zstd.ZstdError as exc:
                if eof or len(view) > 64 * 1024 * 1024:
                    raise ValueError(f"{path}: the frame at offset {pos} is cut short (torn file)") from exc
                more = fh.read(block)
                eof = len(more) < block
                view.release()
                buf, at = buf[at:] + more, 0
                continue
            if not skippable:
                try:
                    data = zstd.decompress(view[:size], zstd_dict=zdict)
                except zstd.ZstdError as exc:
                    raise ValueError(f"{path}: the frame at offset {pos} does not decompress: {exc}") from exc
                yield pos, data
            view.release()
            pos += size
            at += size


# -- CDXJ -----------------------------------------------------------------------------------------
_RE_SPACE = re.compile(r"[;\s]")


def _url_key(url: str) -> str:
    import surt

    try:
        return surt.surt(url)
    except Exception:  # noqa: BLE001 - cdxj-indexer falls back to the URL on any error too
        return url


def _cdxj_line(record: Any, offset: int, length: int, filename: str) -> str:
    """The CDXJ line cdxj-indexer writes for a response or revisit record (same fields, same order)."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    index: dict[str, str] = {"url": url}
    if record.rec_type == "revisit":
        mime: str | None = "warc/revisit"
    else:
        mime = record.http_headers.get_header("content-type") if record.http_headers else None
        if mime is not None:
            mime = mime.strip()  # as the header reads back from the file
        if mime:
            mime = _RE_SPACE.split(mime, 1)[0].strip()
    if mime is not None:
        index["mime"] = mime
    if record.http_headers:
        index["status"] = record.http_headers.get_statuscode()
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    if digest is not None:
        index["digest"] = digest
    index.update(length=str(length), offset=str(offset), filename=filename)
    ts = iso_date_to_timestamp(record.rec_headers.get_header("WARC-Date"))
    return _url_key(url) + " " + ts + " " + json.dumps(index) + "\n"


class _SortedLines:
    """Lines kept for one sorted file, spilled to sorted temporary files past ``max_bytes`` (as cdxj-indexer)."""

    def __init__(self, max_bytes: int = 32 * 1024 * 1024):
        self.lines: list[str] = []
        self.size = 0
        self.max_bytes = max_bytes
        self.spilled: list[IO[str]] = []

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.size += len(line)
        if self.size > self.max_bytes:
            tmp = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - read back in write_to
            tmp.writelines(sorted(self.lines))
            tmp.seek(0)
            self.spilled.append(tmp)
            self.lines, self.size = [], 0

    def write_to(self, out: IO[str]) -> None:
        try:
            out.writelines(heapq.merge(sorted(self.lines), *self.spilled))
        finally:
            for tmp in self.spilled:
                tmp.close()
