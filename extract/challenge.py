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


def challenge_reason(status: int, body: bytes) -> str | None:
    """A one-line reason when the response is a challenge page, else None."""
    head = body[:20_000]
    hits = len(set(m.group().lower()[:8] for m in _MARKERS.finditer(head)))
    if status in (412, 521) and (hits or len(body) < 20_000):
        vendor = "瑞数" if b"$_ts" in head else "加速乐" if b"__jsl" in head else "WAF"
        return f"blocked: anti-bot challenge ({vendor}, HTTP {status})"
    if status in (200, 202, 403) and hits >= 2 and len(body) < 20_000:
        return f"blocked: anti-bot challenge page (HTTP {status})"
    return None
