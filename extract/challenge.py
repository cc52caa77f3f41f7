"""Anti-bot challenge pages (瑞数 412, 加速乐 521, 阿里云 acw_sc__v2 …): recognise them, never store them.

These WAFs answer a first visit with a small page whose script computes a cookie and reloads. We do not
run the script (no bypass): the page is reported as ``blocked`` and retried later like a transient error.
"""

from __future__ import annotations

import re

_MARKERS = re.compile(
    rb"\$_ts\s*=|\$_ts\.|__jsl_clearance|__jsluid|acw_sc__v2|_\$[a-zA-Z]{2}\s*=|"
    rb"document\.cookie\s*=|location\.reload\(|window\.location\.href\s*=|"
    rb"\xe8\xaf\xb7\xe5\xbc\x80\xe5\x90\xaf\s*JavaScript|enable\s+JavaScript|"   # 请开启 JavaScript
    rb"challenge-platform|cf-chl|waf_verify|yunsuo_session",
    re.I,
)


#: every marker above contains one of these (lower-case) literals; ``bytes.find`` is far cheaper than the
#: case-insensitive alternation, and nearly every real article page contains none of them
_LITERALS = (b"$_ts", b"__jsl", b"acw_sc__v2", b"_$", b"document.cookie", b"location.reload(",
             b"window.location.href", "请开启".encode(), b"enable", b"challenge-platform", b"cf-chl",
             b"waf_verify", b"yunsuo_session")


def _hits(head: bytes) -> int:
    low = head.lower()
    if not any(lit in low for lit in _LITERALS):
        return 0
    return len(set(m.group().lower()[:8] for m in _MARKERS.finditer(head)))


def challenge_reason(status: int, body: bytes) -> str | None:
    """A one-line reason when the response is a challenge page, else None."""
    head = body[:20_000]
    if status in (412, 521):
        if len(body) < 20_000 or _hits(head):
            vendor = "瑞数" if b"$_ts" in head else "加速乐" if b"__jsl" in head else "WAF"
            return f"blocked: anti-bot challenge ({vendor}, HTTP {status})"
        return None
    if status in (200, 202, 403) and len(body) < 20_000 and _hits(head) >= 2:
        return f"blocked: anti-bot challenge page (HTTP {status})"
    return None
