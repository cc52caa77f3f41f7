"""Official public holidays of China as days off, per year: 国庆假期 2023 → 2023-09-29 .. 2023-10-06.

A holiday bulletin (国庆假期全市社会治安平稳) counts over the days off the State Council arranged that year,
which move with the lunar calendar (春节, 端午, 中秋), with the solar term 清明, and with the weekend swaps
(调休). ``chinese-calendar`` ships those arrangements as published; a holiday is the run of consecutive days off
around its official days (a one-day 端午 on a Monday is taken with the weekend before it, as the arrangement
says “6月8日至10日放假”; 中秋 and 国庆 joined in one run are both that run).

For years the package does not cover, the days are derived from the holidays' rules instead of typed in: the
legal days (元旦 Jan 1, 春节 除夕–初三, 清明 the solar term, 劳动节 May 1–2, 端午 lunar 5/5, 中秋 lunar 8/15,
国庆 Oct 1–3; the rules in force since 2025) from ``lunar-python`` (MIT; lunardate and zhdate are GPL-3.0,
which this Apache-2.0 project does not take in), joined with an adjacent weekend.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import chinese_calendar
from chinese_calendar.constants import Holiday

#: words bulletins use for each holiday
NAMES: dict[str, str] = {
    "元旦": "new_year", "春节": "spring", "过年": "spring", "新春": "spring", "清明": "qingming", "五一": "labour",
    "劳动节": "labour", "五一劳动节": "labour", "端午": "dragon_boat", "中秋": "mid_autumn", "国庆": "national",
}
#: the package's holiday names (its ``holidays`` table maps a date to ``Holiday.<name>.value``)
_PACKAGE = {
    Holiday.new_years_day.value: "new_year", Holiday.spring_festival.value: "spring",
    Holiday.tomb_sweeping_day.value: "qingming", Holiday.labour_day.value: "labour",
    Holiday.dragon_boat_festival.value: "dragon_boat", Holiday.mid_autumn_festival.value: "mid_autumn",
    Holiday.national_day.value: "national",
}
_DAY = timedelta(days=1)


@cache
def _years() -> tuple[int, int]:
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def _covered(d: date) -> bool:
    first, last = _years()
    return first <= d.year <= last


def _day_off(d: date) -> bool:
    """A holiday, or a weekend day not swapped into a workday (the package's own rule, read from its tables:
    its ``is_holiday`` validates the year on every call, 100 times slower)."""
    if not _covered(d):
        return False
    return d in chinese_calendar.holidays or (d.weekday() >= 5 and d not in chinese_calendar.workdays)


@cache
def _arranged() -> dict[str, list[tuple[date, date]]]:
    """Every holiday's runs of days off as the package records them, in date order (computed once)."""
    runs: dict[str, list[tuple[date, date]]] = {}
    for day in sorted(chinese_calendar.holidays):
        key = _PACKAGE.get(chinese_calendar.holidays[day])
        if key is None:
            continue
        start = end = day
        while _day_off(start - _DAY):
            start -= _DAY
        while _day_off(end + _DAY):
            end += _DAY
        spans = runs.setdefault(key, [])
        if not spans or spans[-1] != (start, end):
            spans.append((start, end))
    return runs


def _lunar(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar  # only for years chinese-calendar lacks: not loaded otherwise

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    from lunar_python import Solar

    term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


def _legal_days(key: str, year: int) -> tuple[date, date]:
    """The legal days of a holiday by its rule (those in force since 2025)."""
    if key == "spring":
        return _lunar(year, 1, 1) - _DAY, _lunar(year, 1, 3)
    if key == "dragon_boat":
        return _lunar(year, 5, 5), _lunar(year, 5, 5)
    if key == "mid_autumn":
        return _lunar(year, 8, 15), _lunar(year, 8, 15)
    if key == "qingming":
        return _qingming(year), _qingming(year)
    return {"new_year": (date(year, 1, 1), date(year, 1, 1)), "labour": (date(year, 5, 1), date(year, 5, 2)),
            "national": (date(year, 10, 1), date(year, 10, 3))}[key]


def _by_rule(key: str, year: int) -> tuple[date, date]:
    """A holiday the package does not label that year: its legal days joined with the days off around them
    (the package's where it covers the year, as for 中秋 2020 falling on 国庆; else the adjacent weekend)."""
    start, end = _legal_days(key, year)
    covered = _covered(start)
    while (_day_off(start - _DAY) if covered else (start - _DAY).weekday() >= 5):
        start -= _DAY
    while (_day_off(end + _DAY) if covered else (end + _DAY).weekday() >= 5):
        end += _DAY
    return start, end


def holiday_span(key: str, pub: date, year: int | None = None) -> tuple[date, date] | None:
    """The days off of holiday ``key``: of ``year`` when stated, else the latest that began by ``pub``."""
    if year is not None:
        return _of_year(key, year)
    for y in (pub.year, pub.year - 1):
        span = _of_year(key, y)
        if span and span[0] <= pub:
            return span
    return None


@cache
def _of_year(key: str, year: int) -> tuple[date, date] | None:
    span = next((run for run in _arranged().get(key, []) if _holiday_year(key, *run) == year), None)
    if span is None and year >= 1990:
        span = _by_rule(key, year)
    return span


def _holiday_year(key: str, start: date, end: date) -> int:
    """The year a run belongs to: 元旦 2023 may begin on 2022-12-31."""
    return end.year if key == "new_year" else start.year


#: the festival's own day (not its days off): 除夕当晚, 元旦当天, 中秋之夜 — lunar (month, day) or solar (month, day)
_FESTIVAL_DAY: dict[str, tuple[str, int, int]] = {
    "元旦": ("solar", 1, 1), "春节": ("lunar", 1, 1), "元宵": ("lunar", 1, 15), "端午": ("lunar", 5, 5),
    "中秋": ("lunar", 8, 15), "国庆": ("solar", 10, 1), "五一": ("solar", 5, 1), "劳动节": ("solar", 5, 1),
    "七夕": ("lunar", 7, 7), "重阳": ("lunar", 9, 9),
}


def festival_day(name: str, pub: date, year: int | None = None) -> date | None:
    """The day a festival falls on (除夕: the eve of 春节; 清明: the solar term): of ``year`` when stated, else the
    latest on or before ``pub`` (a bulletin reports a festival that has come)."""
    if year is not None:
        return _festival_of(name, year)
    for y in (pub.year + 1, pub.year, pub.year - 1):  # 除夕 of next year's 春节 may fall in this year
        d = _festival_of(name, y)
        if d is not None and d <= pub:
            return d
    return None


@cache
def _festival_of(name: str, year: int) -> date | None:
    """A festival's day in one year (the lunar conversion is slow: computed once per name and year)."""
    if name == "除夕":
        return _lunar(year, 1, 1) - _DAY
    if name == "清明":
        return _qingming(year)
    if name not in _FESTIVAL_DAY:
        return None
    kind, mm, dd = _FESTIVAL_DAY[name]
    return date(year, mm, dd) if kind == "solar" else _lunar(year, mm, dd)
