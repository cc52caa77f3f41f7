"""Turn response bytes into text, whatever the headers claim.

Chinese government servers often send GBK bytes with a bare ``Content-Type: text/html``, or label GBK
bytes as UTF-8. We therefore try the declared encodings in order of trust (BOM, HTTP header, ``<meta>``)
but accept one only when the bytes decode *strictly* with it; otherwise we fall back to UTF-8, GB18030
(a superset of GB2312 and GBK) and finally charset-normalizer's guess. A page that no candidate decodes
cleanly raises :class:`DecodeError` with a one-line reason, so it is recorded, never stored as garbage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

#: Encodings whose superset we decode with instead: GB2312/GBK pages routinely use GB18030-only characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "ascii": "utf-8", "us-ascii": "utf-8", "iso-8859-1": "cp1252", "latin-1": "cp1252"}

# Classic mojibake: UTF-8 bytes read as Latin-1/cp1252 ("æ–°é—»") or GBK read as Latin-1 ("ÐÂÎÅ").
_MOJIBAKE = re.compile(r"[ÃÂÅÆÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ][\x80-\xbf\u0152-\u2122]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we could find; the message says why in one line."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: where the encoding came from: bom, header, meta, sniffed
    method: str
    #: True when a declared encoding was wrong and we used another one
    declared_mismatch: bool = False


def _norm(enc: str | None) -> str | None:
    if not enc:
        return None
    name = resolve_encoding(enc) or enc.lower()
    return _SUPERSETS.get(name, name)


def _strict(body: bytes, enc: str) -> str | None:
    try:
        if not codecs.lookup(enc)._is_text_encoding:  # rot13, base64, "undefined" … are not charsets
            return None
        return body.decode(enc)
    except (UnicodeError, LookupError, TypeError, ValueError):
        return None


def looks_binary(body: bytes) -> bool:
    """True for bytes that are plainly not HTML text (NULs, known file signatures)."""
    head = body[:2048]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
                        b"Rar!", b"\x1f\x8b")):
        return True
    return head.count(b"\x00") > 4


def mojibake_ratio(text: str) -> float:
    """Share of characters that belong to typical mojibake pairs (0 for clean text)."""
    if not text:
        return 0.0
    return 2 * len(_MOJIBAKE.findall(text)) / len(text)


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML (or XML) response body.

    ``content_type`` is the raw ``Content-Type`` header value, if any.
    """
    if looks_binary(body):
        raise DecodeError("binary content, not an HTML page")
    bom_enc, bom = read_bom(body)
    if bom_enc:
        text = _strict(body[len(bom):], _norm(bom_enc) or "utf-8")
        if text is not None:
            return Decoded(text, _norm(bom_enc) or "utf-8", "bom")
    declared: list[tuple[str, str]] = []
    header_enc = _norm(http_content_type_encoding(content_type or ""))
    if header_enc:
        declared.append((header_enc, "header"))
    meta_enc = _norm(html_body_declared_encoding(body[:8192]))
    if meta_enc is None:
        m = re.search(rb"<\?xml[^>]+encoding=[\"']([\w.-]+)", body[:200])
        meta_enc = _norm(m.group(1).decode("ascii")) if m else None
    if meta_enc:
        declared.append((meta_enc, "meta"))
    for enc, method in declared:
        text = _strict(body, enc)
        if text is not None and mojibake_ratio(text) < 0.01:
            return Decoded(text, enc, method, declared_mismatch=method != "header" and header_enc is not None)
    for enc in ("utf-8", "gb18030"):
        text = _strict(body, enc)
        if text is not None and mojibake_ratio(text) < 0.01:
            return Decoded(text, enc, "sniffed", declared_mismatch=bool(declared))
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None and best.encoding:
        text = str(best)
        bad = text.count("\ufffd") / max(len(text), 1)
        if bad < 0.001 and mojibake_ratio(text) < 0.01:
            return Decoded(text, _norm(best.encoding) or best.encoding, "sniffed", declared_mismatch=bool(declared))
    said = ", ".join(f"{m} {e}" for e, m in declared) or "nothing declared"
    raise DecodeError(f"undecodable bytes ({said}; neither UTF-8 nor GB18030 nor a detected encoding fits)")
