"""Numbers as Chinese bulletins write them: 75, 1,024, 517.87 万, 1.7亿, 十二, 两千余, 百余, 47万余.

We parse them ourselves rather than with a library, deliberately:

* cn2an converts pure Chinese numerals but not mixed forms such as ``517.87 万``, and its ``transform``
  rewrites ordinary words (得到了一定遏制 → 得到了1定遏制), so it cannot run over whole sentences;
* jionlp reads 47万余 as a range, pulls in jiojio (GPL-3.0, about 150 MB) and writes dictionaries into
  its install folder on first import;
* the grammar needed here is small: digits or Chinese numerals, an optional 万/亿 magnitude, and the
  approximation markers 余/多 inside the number.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}

CN_NUM = "零〇一二两三四五六七八九十百千万亿"
#: a number: Arabic (with thousands commas and decimals) or Chinese numerals, then magnitude and 余/多
NUMBER_RE = re.compile(
    r"(?P<num>(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?|(?<![\d.余多])[" + CN_NUM + r"]{1,12}(?!(?<=千)[克米瓦]))"
    r"(?P<space>[ \u2002\u2003\u00a0\u3000]?)"
    r"(?P<mag>千万|百万|万亿|万|亿)?(?P<approx>余|多)?(?P<mag2>(?<=[余多])(?:万|亿)(?!元))?"
)


def chinese_to_int(text: str) -> int | None:
    """十二 → 12, 两千 → 2000, 一百二十 → 120, 三百四十 → 340, 百 → 100; None if not a numeral."""
    if not text or any(c not in _DIGITS and c not in _SMALL and c not in _BIG for c in text):
        return None
    if not any(c in _DIGITS or c in _SMALL for c in text):
        return None  # 万 or 亿 alone is a magnitude, not a number
    if all(c in _DIGITS for c in text) and len(text) > 1:
        # digit-by-digit (二〇二一) is a year or code, not a quantity
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 三五 is a range/approximation, not one number
            digit = _DIGITS[c]
        elif c in _SMALL:
            section += (digit if digit is not None else 1) * _SMALL[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def number_value(num: str, magnitude: str | None) -> float | None:
    """The numeric value of a matched number and its magnitude word."""
    if num[0].isdigit():
        value = float(num.replace(",", ""))
    else:
        parsed = chinese_to_int(num)
        if parsed is None:
            return None
        value = float(parsed)
    for ch in magnitude or "":
        value *= {"千": 1000, "百": 100, "万": 10_000, "亿": 100_000_000}[ch]
    return round(value, 6)


def clean_value(value: float) -> float | int:
    """Integers as int (12 rather than 12.0), others as float."""
    return int(value) if float(value).is_integer() else value
