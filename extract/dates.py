"""Publish times as the page states them, in China Standard Time, at the precision given.

We parse the date shapes Chinese government pages use (``2021-07-12 09:53:24``, ``2021/7/12``,
``2021年7月12日 9:53``, the ``∶`` ratio sign used as a colon) with one regular expression instead of
htmldate/dateparser: they know no 年月日 pattern and fall back to slow generic parsing on every page.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

_SEP = r"[:：∶]"
#: ``T`` (ISO 8601, meta tags) or ``-`` (``2024-06-03-08:45:10``, some CMSes' FirstPublishedTime) may join the
#: day and the hour; a zone offset is read only after a ``T``, so a range like ``09:00-11:30`` is never a zone
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"(?:(?:(?P<T>[Tt])|-|\s*)(?P<H>\d{{1,2}})\s*(?:{_SEP}|时)\s*(?P<M>\d{{2}})分?"
    rf"(?:\s*(?:{_SEP}|分)\s*(?P<S>\d{{2}})秒?)?"
    r"(?(T)(?:\.\d{1,6})?(?P<tz>Z|[+-]\d{2}:?\d{2})?|))?"
)

#: full-width digits and date punctuation (２０２４－０６－０３, ０９：３０) as ASCII
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0}
_CN_NUM = "〇零○Ｏ一二三四五六七八九十"
#: 二〇二四年六月三日 / 二〇二四年十二月三十一日, as printed under notices and on some info lines
_CN_DATE = re.compile(r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
                      rf"\s*(?P<d>[{_CN_NUM}]{{1,3}})\s*[日号]")


def _cn_small(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31."""
    if "十" not in text:
        return _CN_DIGIT.get(text, -1) if len(text) == 1 else -1
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, -100) if tens else 1) * 10 + (_CN_DIGIT.get(ones, -100) if ones else 0)


def ascii_dates(text: str) -> str:
    """``text`` with full-width digits and Chinese-numeral dates written in ASCII digits.

    Pages print the same day as ``2024-06-03``, ``２０２４－０６－０３`` or ``二〇二四年六月三日`` (the last is the
    formal style of notices); every date rule runs on this normal form so that one pattern reads all three.
    """
    text = text.translate(_FULLWIDTH)
    if "年" not in text:
        return text

    def arabic(m: re.Match[str]) -> str:
        y = "".join(str(_CN_DIGIT[c]) for c in m["y"])
        mo, d = _cn_small(m["m"]), _cn_small(m["d"])
        return f"{y}年{mo}月{d}日" if 1 <= mo <= 12 and 1 <= d <= 31 else m[0]

    return _CN_DATE.sub(arabic, text)


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
    """ISO 8601 string at the match's precision (+08:00 when a time is given), or None if invalid.

    A time with another zone (``2024-06-04T23:30:00Z`` in an Open Graph tag) is converted to China Standard
    Time, which can move the day: the archive states every time in one zone.
    """
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
    s = int(sec) if sec is not None and int(sec) <= 59 else None
    tz = m.groupdict().get("tz")
    if tz and tz not in ("+08:00", "+0800"):
        offset = timedelta() if tz == "Z" else \
            (1 if tz[0] == "+" else -1) * timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:]))
        cst = (datetime(y, mo, d, h, mi, s or 0, tzinfo=timezone(offset))
               .astimezone(timezone(timedelta(hours=8))))
        day, h, mi = cst.strftime("%Y-%m-%d"), cst.hour, cst.minute
    if s is not None:
        return f"{day}T{h:02d}:{mi:02d}:{s:02d}+08:00"
    return f"{day}T{h:02d}:{mi:02d}+08:00"


def parse_date(text: str | None) -> str | None:
    """The first valid date (with time if present) in ``text`` as ISO 8601, else None."""
    if not text:
        return None
    for m in DATE_RE.finditer(ascii_dates(text)):
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
