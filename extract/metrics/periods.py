"""Reporting periods (今年以来, 2021年1至6月, 上半年, 第三季度, 截至9月底 …) resolved to dates.

Dates are resolved against the article's publish date: a month or range without a year is in the publish
year unless it has not started/ended yet, then in the year before (a January bulletin's 12月份 is last
December). Named campaigns (攻坚月期间, “百日行动”期间, 专项行动开展以来) keep their text with no dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from extract.metrics.numbers import chinese_to_int

_M = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_SEASONS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Period:
    text: str
    start: str | None
    end: str | None
    span: tuple[int, int]


def _month(tok: str) -> int | None:
    v = int(tok) if tok.isdigit() else chinese_to_int(tok)
    return v if v and 1 <= v <= 12 else None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_for(end_month: int, pub: date, explicit: int | None) -> int:
    if explicit:
        return explicit
    return pub.year if end_month <= pub.month else pub.year - 1


PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?P<y>\d{4})年(?:全年|度)?(?P<a>" + _M[1:-1] + r")(?:月份?)?(?:至|到|-|—|－|~|～)(?P<b>" + _M[1:-1] + r")月(?:份)?"), "range"),
    (re.compile(r"(?:今年)?(?P<a>" + _M[1:-1] + r")(?:月份?)?(?:至|到|-|—|－|~|～)(?P<b>" + _M[1:-1] + r")月(?:份)?(?!\d|[一二三四五六七八九十]*日)"), "range"),
    (re.compile(r"(?:(?P<y>\d{4})年|今年|去年)?(?:前三季度)"), "q1_3"),
    (re.compile(r"(?:(?P<y>\d{4})年|今年|(?P<last>去年))?第?(?P<q>[一二三四1-4])季度"), "quarter"),
    (re.compile(r"(?:(?P<y>\d{4})年|今年|(?P<last>去年))?(?P<h>上|下)半年"), "half"),
    (re.compile(r"截至(?:(?P<y>\d{4})年)?(?P<m>" + _M[1:-1] + r")月(?:底|末)"), "until"),
    (re.compile(r"(?:今年以来|年初以来|今年年初以来|自年初以来|今年1月以来|年内)"), "ytd"),
    (re.compile(r"(?:去年全年|上年全年|去年一年|(?P<y>\d{4})年全年|去年(?!同期|底|年底|初))"), "last_year"),
    (re.compile(r"截至(?P<y>\d{4})年(?:底|末)"), "until_year"),
    (re.compile(r"本周|上周|本月|上月|当月"), "relative"),
    (re.compile(r"(?:(?P<y>\d{4})年)?(?<![\d一二三四五六七八九十])(?P<m>" + _M[1:-1] + r")月份?(?![\d一二三四五六七八九十]*日|\d|底|末|至|到|-|以来)"), "month"),
    # a bare year as the period of a year-end review (2022年，全市…; 2022年全县共查处…): only before a comma or
    # a scope (全市, 我县, 各地, 共 …), so neither a comparison basis (与2022年相比), a start (自2022年起), a date
    # (2022年3月: taken above) nor a year naming an event (护航2023年高考) is read as one
    (re.compile(r"(?<![与较比同自从至到\d])(?P<y>(?:19|20)\d{2})年度?(?=[，,、]|全|我|各|共|累计|市|县|区)"), "year"),
    (re.compile(r"(?:在|自|从|于)?(?P<name>[^，。；：！？、\n]{2,24}?)(?P<suffix>期间|开展以来|以来|行动中|活动中|专项行动中)"), "campaign"),
]


def _resolve(kind: str, m: re.Match[str], pub: date) -> tuple[str | None, str | None] | None:
    g = m.groupdict()
    y_exp = int(g["y"]) if g.get("y") else None
    if kind == "range":
        a, b = _month(g["a"]), _month(g["b"])
        if not a or not b or a > b:
            return None
        y = _year_for(b, pub, y_exp)
        return date(y, a, 1).isoformat(), _last_day(y, b).isoformat()
    if kind == "q1_3":
        y = y_exp or (pub.year if pub.month > 9 else pub.year - 1)
        return date(y, 1, 1).isoformat(), date(y, 9, 30).isoformat()
    if kind == "quarter":
        q = _SEASONS[g["q"]]
        end_m = 3 * q
        y = y_exp or (pub.year - 1 if g.get("last") else _year_for(end_m, pub, None))
        return date(y, end_m - 2, 1).isoformat(), _last_day(y, end_m).isoformat()
    if kind == "half":
        first = g["h"] == "上"
        end_m = 6 if first else 12
        if y_exp:
            y = y_exp
        elif g.get("last"):
            y = pub.year - 1
        else:  # a half-year that has not ended yet is last year's
            y = pub.year if pub.month > end_m or (not first and pub.month == 12) else pub.year - 1
        return date(y, end_m - 5, 1).isoformat(), _last_day(y, end_m).isoformat()
    if kind == "until":
        mm = _month(g["m"])
        if not mm:
            return None
        y = _year_for(mm, pub, y_exp)
        return None, _last_day(y, mm).isoformat()
    if kind == "until_year":
        return None, date(int(g["y"]), 12, 31).isoformat()
    if kind == "year":
        y = int(g["y"])
        return date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat()
    if kind == "ytd":
        return date(pub.year, 1, 1).isoformat(), pub.isoformat()
    if kind == "last_year":
        y = y_exp or pub.year - 1
        return date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat()
    if kind == "relative":
        word = m.group()
        if word == "本周":
            monday = pub - timedelta(days=pub.weekday())
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if word == "上周":
            monday = pub - timedelta(days=pub.weekday() + 7)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if word in ("本月", "当月"):
            return date(pub.year, pub.month, 1).isoformat(), _last_day(pub.year, pub.month).isoformat()
        y, mm = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        return date(y, mm, 1).isoformat(), _last_day(y, mm).isoformat()
    if kind == "month":
        mm = _month(g["m"])
        if not mm:
            return None
        y = _year_for(mm, pub, y_exp)
        return date(y, mm, 1).isoformat(), _last_day(y, mm).isoformat()
    return None, None


_NOT_CAMPAIGN = re.compile(r"^(?:今年|去年|年初|近年|近期|近日|日前|成立|建成|运行|上线|实施|开通|启用|发布)|[0-9]{1,2}月|\d+日|[，。]")


def find_periods(sentence: str, pub: date | None) -> list[Period]:
    """Every period expression in a sentence, non-overlapping, in order."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pat, kind in PATTERNS:
        for m in pat.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            text = m.group()
            if kind == "campaign":
                name = m.group("name")
                # trim a leading subject or preposition: 全市在“断卡”行动中 → “断卡”行动中
                name = re.sub(r"^.*?(?:在|自|从|于)(?=.)", "", name) if re.search(r"(?:在|自|从|于)", name[:-1]) else name
                if _NOT_CAMPAIGN.search(name) or re.search(r"\d{4}年|\d+月", name):
                    continue
                text = name + m.group("suffix")
                s = m.end() - len(text)
                found.append(Period(text, None, None, (s, m.end())))
                taken.append((s, m.end()))
                continue
            if pub is None:
                found.append(Period(text, None, None, (s, e)))
            else:
                res = _resolve(kind, m, pub)
                if res is None:
                    continue
                found.append(Period(text, res[0], res[1], (s, e)))
            taken.append((s, e))
    return sorted(found, key=lambda p: p.span[0])
