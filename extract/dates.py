"""Publish times as the page states them, in China Standard Time, at the precision given.

We parse the date shapes Chinese government pages use (``2021-07-12 09:53:24``, ``2021/7/12``,
``2021年7月12日 9:53``, the ``∶`` ratio sign used as a colon) with one regular expression instead of
htmldate/dateparser: they know no 年月日 pattern and fall back to slow generic parsing on every page.
"""

from __future__ import annotations

import re
from datetime import date

_SEP = r"[:：∶]"
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"(?:\s*(?P<H>\d{{1,2}})\s*(?:{_SEP}|时)\s*(?P<M>\d{{2}})分?(?:\s*(?:{_SEP}|分)\s*(?P<S>\d{{2}})秒?)?)?"
)

_URL_PATTERNS = (
    re.compile(r"/t(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})_\d+"),            # TRS t20210712_1520034.html
    re.compile(r"/art/(?P<y>20\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),        # Hanweb /art/2021/7/12/
    re.compile(r"/(?P<y>20\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})/"),              # /20210712/ or /2021-07-12/
    re.compile(r"/(?P<y>20\d{2})-(?P<m>\d{2})/(?P<d>\d{2})/"),                # /2023-12/01/ (xinhua-style)
)
_URL_MONTH = re.compile(r"/(?P<y>20\d{2})(?P<m>\d{2})/")                       # /202107/


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1990 <= y <= 2100


def iso_from_match(m: re.Match[str]) -> str | None:
    """ISO 8601 string at the match's precision (+08:00 when a time is given), or None if invalid."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    day = f"{y:04d}-{mo:02d}-{d:02d}"
    hour = m.groupdict().get("H")
    if hour is None:
        return day
    h, mi = int(hour), int(m["M"])
    if h > 23 or mi > 59:
        return day
    sec = m.groupdict().get("S")
    if sec is not None and int(sec) <= 59:
        return f"{day}T{h:02d}:{mi:02d}:{int(sec):02d}+08:00"
    return f"{day}T{h:02d}:{mi:02d}+08:00"


def parse_date(text: str | None) -> str | None:
    """The first valid date (with time if present) in ``text`` as ISO 8601, else None."""
    if not text:
        return None
    for m in DATE_RE.finditer(text):
        iso = iso_from_match(m)
        if iso:
            return iso
    return None


def date_from_url(url: str) -> str | None:
    """Day (or month, as ``YYYY-MM``) encoded in an article URL by TRS, Hanweb and dated folders."""
    for pat in _URL_PATTERNS:
        m = pat.search(url)
        if m and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    m = _URL_MONTH.search(url)
    if m and 1 <= int(m["m"]) <= 12:
        return f"{m['y']}-{m['m']}"
    return None


def day_of(iso: str | None) -> str | None:
    return iso[:10] if iso and len(iso) >= 10 else None
