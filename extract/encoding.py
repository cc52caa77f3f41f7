"""Turn response bytes into text, whatever the headers claim.

Chinese government servers often send GBK bytes with a bare ``Content-Type: text/html``, or label GBK
bytes as UTF-8. We therefore try the declared encodings in order of trust (BOM, HTTP header, ``<meta>``)
but accept one only when the bytes decode *strictly* with it; otherwise we fall back to UTF-8, GB18030
(a superset of GB2312 and GBK) and finally charset-normalizer's guess. A page that no candidate decodes
cleanly raises :class:`DecodeError` with a one-line reason, so it is recorded, never stored as garbage.

Two kinds of declaration are checked against the bytes before they are believed, because a strict decode
cannot refute them:

* a UTF-16/UTF-32 label (``<meta charset=utf-16>``) on bytes without the NUL bytes every UTF-16 or UTF-32
  HTML page has (its ASCII markup), which would decode "strictly" to Hangul and CJK garbage; bytes that
  ARE UTF-16/32 are recognised by their BOM or their NUL pattern, before the binary-content check;
* a single-byte charset (koi8-r/u, windows-125x, ISO-8859-x, mac-roman, cp874 …: every byte is a character,
  so every byte string decodes) over bytes that decode strictly as UTF-8 or GB18030 to Chinese text: the
  Cyrillic, Greek, Thai or Latin mojibake it would give is refused, whatever the single-byte charset is.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

#: Encodings whose superset we decode with instead: GB2312/GBK pages routinely use GB18030-only characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "ascii": "utf-8", "us-ascii": "utf-8", "iso-8859-1": "cp1252", "latin-1": "cp1252"}

# Classic mojibake: UTF-8 bytes read as Latin-1/cp1252 ("æ–°é—»") or GBK read as Latin-1 ("ÐÂÎÅ").
_MOJIBAKE = re.compile(r"[ÃÂÅÆÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ][\x80-\xbf\u0152-\u2122]")


#: CJK ideographs (unified, extension A, compatibility): what Chinese text decodes to
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
#: high bytes, then 中文 in UTF-8, GB18030, Big5, Shift_JIS and EUC-KR: one character per byte only in a
#: single-byte charset
_SINGLE_BYTE_PROBE = (_HIGH_BYTES + "中文公安".encode() + "中文公安".encode("gb18030") + "中文".encode("big5")
                      + "中文".encode("shift_jis") + "한국".encode("euc-kr"))
#: fewest high bytes that let a strict GB18030 decode outvote a single-byte declaration (UTF-8 needs no such
#: margin: random single-byte text is almost never valid UTF-8 with ideographs in it)
_MIN_HIGH_FOR_GB = 16


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


def _codec_name(enc: str) -> str:
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return enc


def _is_wide(enc: str) -> bool:
    """UTF-16 or UTF-32 in any byte order."""
    return _codec_name(enc).startswith(("utf-16", "utf-32"))


@lru_cache(maxsize=64)
def _single_byte(enc: str) -> bool:
    """True for charsets that map every byte to one character (koi8-r, cp1251, iso-8859-x, mac-roman …)."""
    try:
        if not codecs.lookup(enc)._is_text_encoding or _codec_name(enc) in ("utf-7", "hz") \
                or _codec_name(enc).startswith("iso2022"):
            return False  # 7-bit stateful encodings refuse high bytes instead of mapping them
        return len(_SINGLE_BYTE_PROBE.decode(enc, "replace")) == len(_SINGLE_BYTE_PROBE)
    except (LookupError, TypeError, ValueError):
        return False


def misread_chinese(body: bytes, enc: str) -> bool:
    """True when ``enc`` is a single-byte charset and the bytes are really UTF-8 or GB18030 Chinese.

    A single-byte charset decodes anything, so a lying ``koi8-u`` or ``windows-1251`` label cannot be
    refuted by a strict decode. The bytes can: Chinese text in UTF-8 or GBK is a run of high bytes that
    decodes strictly with that encoding to ideographs, while text really written in a single-byte charset
    (Russian, Greek, French …) almost never is valid UTF-8 with ideographs in it, nor valid GB18030 (a word
    of odd length before a space or a full stop breaks the byte pairs).
    """
    if not _single_byte(enc):
        return False
    high = len(body) - len(body.translate(None, _HIGH_BYTES))
    if high < 6:
        return False
    for alt in ("utf-8", "gb18030"):
        if alt == "gb18030" and high < _MIN_HIGH_FOR_GB:
            continue
        text = _strict(body, alt)
        if text is None:
            continue
        cjk, non_ascii = len(_CJK.findall(text)), len(_NON_ASCII.findall(text))
        if cjk >= 2 and cjk >= (0.5 if alt == "utf-8" else 0.8) * non_ascii:
            return True
    return False


def _wide_by_nuls(head: bytes) -> str | None:
    """UTF-16/32 without a BOM, from where the NUL bytes of its ASCII markup fall (``<`` is ``3C 00``)."""
    n = len(head) - len(head) % 4
    if n < 16 or head.count(b"\x00") < n // 8:
        return None
    cols = [head[i:n:4].count(0) / (n // 4) for i in range(4)]
    if cols[2] > 0.9 and cols[3] > 0.9 and cols[1] > 0.5:
        return "utf-32-le"
    if cols[0] > 0.9 and cols[1] > 0.9 and cols[2] > 0.5:
        return "utf-32-be"
    odd, even = (cols[1] + cols[3]) / 2, (cols[0] + cols[2]) / 2
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
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
    bom_enc, bom = read_bom(body)
    if bom_enc:
        text = _strict(body[len(bom):], _norm(bom_enc) or "utf-8")
        if text is not None:
            return Decoded(text, _norm(bom_enc) or "utf-8", "bom")
    wide = _wide_by_nuls(body[:2048])
    if wide and (text := _strict(body[: len(body) - len(body) % (4 if "32" in wide else 2)], wide)) is not None:
        return Decoded(text, wide, "sniffed")
    if looks_binary(body):
        raise DecodeError("binary content, not an HTML page")
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
        if _is_wide(enc) or misread_chinese(body, enc):
            continue  # UTF-16/32 would have been found above by its BOM or NULs; see the module docstring
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
