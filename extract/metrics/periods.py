"""Reporting periods (今年以来, 2021年1至6月, 国庆假期, 自3月以来, 行动开展以来 …) resolved to dates and a kind.

Every expression resolves against the publish date (year Y): a named part of a year without a year (上半年,
5月份, 10月下旬) is in Y when it has begun by the publish date, else in Y−1 (a January bulletin's 12月份 is
last December); a stated year wins; 去年 is Y−1. A period still running on the publish date ends on the
publish date (今年以来, 本周, 上半年 published on 28 June). The kind (year, half, quarter, month, week, day,
holiday, campaign, year_to_date, since, other) lets comparable periods be selected; the table of expressions
and kinds is in tests/eval/metrics/GUIDELINES.md.

Some expressions need the document: 本周/本月 in a periodic report mean the week or month its title names;
行动期间 starts where the text says the campaign began (5月1日起，全市开展…行动); 节日期间 is the holiday the
title or opening names; 当天 is the day named before it. :class:`DocContext` carries those.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from extract.metrics.holidays import NAMES as HOLIDAY_NAMES
from extract.metrics.holidays import festival_day, holiday_span
from extract.metrics.numbers import chinese_to_int

KINDS = ("year", "half", "quarter", "month", "week", "day", "holiday", "campaign", "year_to_date", "since", "other")


@dataclass(frozen=True)
class Period:
    text: str
    start: str | None
    end: str | None
    kind: str
    span: tuple[int, int]  # offsets in the sentence it was found in


@dataclass
class DocContext:
    """What resolving a period may need from outside its sentence."""

    pub: date | None
    titled: Period | None = None            # the title's period (本周/本月 of a periodic report)
    year: int | None = None                 # the year the title or opening states (全年 of a year review)
    holiday: Period | None = None           # the holiday the title or text names (节日期间)
    #: (offset, the words that say so, start, stated end) for each campaign whose start the text states
    campaigns: list[tuple[int, str, date | None, date | None]] = field(default_factory=list)
    offset: int = 0                         # where the sentence being read starts in the text
    last_day: date | None = None            # the day named most recently (当天, 当日)
    extra: dict = field(default_factory=dict)


_N = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_M = rf"(?:{_N})"
_Y = r"(?:(?P<y>(?:19|20)\d{2})年|(?P<this>今年|本年)|(?P<last>去年|上年|上一年)|(?P<prev2>前年))"
_DASH = r"(?:至|到|-|—|－|~|～|–)"
_DAY = timedelta(days=1)


def _num(tok: str | None) -> int | None:
    if not tok:
        return None
    return int(tok) if tok.isdigit() else chinese_to_int(tok)


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _stated_year(g: dict, pub: date, ctx: DocContext | None = None) -> int | None:
    """The year an expression states (2021年, 今年, 去年), else the whole year the document reviews."""
    if g.get("y"):
        return int(g["y"])
    if g.get("this"):
        return pub.year
    if g.get("last"):
        return pub.year - 1
    if g.get("prev2"):
        return pub.year - 2
    return ctx.year if ctx is not None else None


def _begun_year(month: int, day: int, pub: date, stated: int | None) -> int:
    """The year of a yearless month/day: this year when it has begun by the publish date, else last year."""
    if stated:
        return stated
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _running(start: date | None, end: date | None, pub: date) -> date | None:
    """A period still running on the publish date ends on it."""
    if start is not None and end is not None and start <= pub < end:
        return pub
    return end


def _month_kind(a: int, b: int) -> str:
    if (a, b) == (1, 12):
        return "year"
    if (a, b) in ((1, 6), (7, 12)):
        return "half"
    if b - a == 2 and a % 3 == 1:
        return "quarter"
    if a == b:
        return "month"
    return "year_to_date" if a == 1 else "other"


def _day_kind(s: date, e: date) -> str:
    if s == e:
        return "day"
    if (e - s).days == 6 and s.weekday() == 0:
        return "week"
    return "other"


Resolved = tuple[date | None, date | None, str]


def _range(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    pub, g = ctx.pub, m.groupdict()
    a, b = _num(g["a"]), _num(g["b"])
    if not a or not b or not (1 <= a <= b <= 12):
        return None
    y = _begun_year(a, 1, pub, _stated_year(g, pub, ctx))
    return date(y, a, 1), _last_day(y, b), _month_kind(a, b)


def _day_range(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    pub, g = ctx.pub, m.groupdict()
    m1, d1, d2 = _num(g["m1"]), _num(g["d1"]), _num(g["d2"])
    m2 = _num(g["m2"]) or m1
    if not (m1 and d1 and d2 and m2 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y = _begun_year(m1, d1, pub, _stated_year(g, pub, ctx))
    try:
        s = date(y, m1, d1)
        e = date(y if m2 >= m1 else y + 1, m2, d2)
    except ValueError:
        return None
    if e < s:
        return None
    return s, e, _day_kind(s, e)


def _quarter(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    q = _num(m["q"])
    if not q or not 1 <= q <= 4:
        return None
    y = _begun_year(3 * q - 2, 1, ctx.pub, _stated_year(m.groupdict(), ctx.pub, ctx))
    return date(y, 3 * q - 2, 1), _last_day(y, 3 * q), "quarter"


def _first_quarters(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    n = _num(m["n"])
    if not n or not 1 <= n <= 4:
        return None
    y = _stated_year(m.groupdict(), ctx.pub, ctx) or ctx.pub.year
    return date(y, 1, 1), _last_day(y, 3 * n), _month_kind(1, 3 * n)


def _first_months(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    n = _num(m["n"])
    if not n or not 1 <= n <= 12:
        return None
    y = _stated_year(m.groupdict(), ctx.pub, ctx) or ctx.pub.year
    return date(y, 1, 1), _last_day(y, n), _month_kind(1, n)


def _half(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    a = 1 if m["h"] == "上" else 7
    y = _begun_year(a, 1, ctx.pub, _stated_year(m.groupdict(), ctx.pub, ctx))
    return date(y, a, 1), _last_day(y, a + 5), "half"


def _ten_days(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    mm = _num(m["m"])
    if not mm or not 1 <= mm <= 12:
        return None
    first = {"上": 1, "中": 11, "下": 21}[m["x"]]
    y = _begun_year(mm, first, ctx.pub, _stated_year(m.groupdict(), ctx.pub, ctx))
    end = {"上": date(y, mm, 10), "中": date(y, mm, 20), "下": _last_day(y, mm)}[m["x"]]
    return date(y, mm, first), end, "other"


def _holiday_keys(name: str) -> list[str]:
    keys = []
    for word, key in HOLIDAY_NAMES.items():
        if word in name and key not in keys:
            keys.append(key)
    return keys


def _holiday(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    keys = _holiday_keys(m["h"])
    if not keys:
        return None
    y = _stated_year(m.groupdict(), ctx.pub, ctx)
    spans = [holiday_span(k, ctx.pub, y) for k in keys]
    spans = [s for s in spans if s]
    if not spans:
        return None
    if len(spans) > 1 and y is None:
        # 国庆中秋双节: both holidays of one autumn, taken as one span around the later one
        last = max(spans, key=lambda s: s[0])
        spans = [holiday_span(k, ctx.pub, last[0].year) or last for k in keys]
    return min(s for s, _ in spans), max(e for _, e in spans), "holiday"


def _festival(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    """除夕当晚, 元旦当天, 中秋之夜: the festival's own day, in the year of the holiday the document is about."""
    name = m["f"] or m["f2"]
    y = _stated_year(m.groupdict(), ctx.pub)
    if y is None and ctx.holiday is not None and ctx.holiday.end:
        y = int(ctx.holiday.end[:4])  # 春节假期 2024 → its 除夕, though it fell before the days off (元旦 2023 too)
    d = festival_day(name, ctx.pub, y)
    if d is None or d > ctx.pub:
        d = festival_day(name, ctx.pub)
    return (d, d, "day") if d else None


def _vague(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    """近日, 近期 opening a sentence: a period nothing dates (a case story's time)."""
    return None, None, "other"


def _doc_holiday(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    """节日期间, 假期期间, 双节期间: the holiday the document is about; 双节 alone is the autumn pair (国庆、中秋)
    in an autumn bulletin and 元旦、春节 in a winter one."""
    if ctx.holiday is not None and ctx.holiday.start is not None:
        return date.fromisoformat(ctx.holiday.start), date.fromisoformat(ctx.holiday.end), "holiday"
    if "双节" not in m.group():
        return None
    keys = ["national", "mid_autumn"] if 8 <= ctx.pub.month <= 11 else ["new_year", "spring"]
    spans = [holiday_span(k, ctx.pub) for k in keys]
    if not all(spans):
        return None
    return min(s for s, _ in spans), max(e for _, e in spans), "holiday"


def _start_date(g: dict, pub: date, ctx: DocContext | None = None) -> date | None:
    """The start of a since-span: a year (Jan 1), a month (its 1st) or a day; yearless ones have begun."""
    y, mm, dd = _stated_year(g, pub, ctx), _num(g.get("m")), _num(g.get("d"))
    if g.get("yearstart"):
        return date(y or pub.year, 1, 1)
    if mm is None:
        return date(y, 1, 1) if y and (g.get("y") or g.get("this") or g.get("last") or g.get("prev2")) else None
    if not 1 <= mm <= 12:
        return None
    dd = dd or {"上": 1, "中": 11, "下": 21}.get(g.get("x") or "", 1)
    y = _begun_year(mm, dd, pub, y)
    try:
        return date(y, mm, dd)
    except ValueError:
        return None


def _end_date(m: re.Match[str], pub: date, start: date) -> date | None:
    if m["now"] or not m["end"]:
        return pub
    if m["yend"]:
        return date(start.year, 12, 31)
    mm, dd = _num(m["m2"]), _num(m["d2"])
    if not mm or not 1 <= mm <= 12:
        return None
    y = int(m["y2"]) if m["y2"] else (start.year if mm >= start.month else start.year + 1)
    try:
        return date(y, mm, dd) if dd else _last_day(y, mm)
    except ValueError:
        return None


def _since(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    g = m.groupdict()
    start = _start_date(g, ctx.pub, ctx)
    if start is None:
        return None
    end = _end_date(m, ctx.pub, start)
    if end is None or end < start:
        return None
    ytd = start.month == 1 and start.day == 1 and start.year == ctx.pub.year and not m["end"]
    return start, end, "year_to_date" if ytd else "since"


def _recent_years(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    n = _num(m["n"] or m["n2"])
    if not n:
        return None
    pub = ctx.pub
    if (m["unit"] or m["unit2"]) == "年":
        try:
            back = pub.replace(year=pub.year - n)
        except ValueError:  # 29 February
            back = pub.replace(year=pub.year - n, day=28)
    else:
        months = pub.year * 12 + pub.month - 1 - n
        y, mm = divmod(months, 12)
        back = date(y, mm + 1, min(pub.day, calendar.monthrange(y, mm + 1)[1]))
    return back + _DAY, pub, "since"


def _recent_days(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    n = _num(m["n"])
    return (ctx.pub - timedelta(days=n - 1), ctx.pub, "since") if n else None


def _until(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    pub, g = ctx.pub, m.groupdict()
    y = _stated_year(g, pub)
    if g["now"]:
        end = pub
    elif g["yend"]:
        end = date(y or pub.year, 12, 31)
    else:
        mm, dd = _num(g["m"]), _num(g["d"])
        if not mm or not 1 <= mm <= 12:
            return None
        y = _begun_year(mm, 1, pub, y)
        try:
            end = date(y, mm, dd) if dd else _last_day(y, mm)
        except ValueError:
            return None
    if ctx.extra.get("this_year") and end.year == pub.year:
        return date(end.year, 1, 1), end, "year_to_date"
    return None, end, "other"


def _ytd(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    return date(ctx.pub.year, 1, 1), ctx.pub, "year_to_date"


def _year(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    g = dict(m.groupdict())
    g["last"] = g.get("last") or g.get("last1")
    y = _stated_year(g, ctx.pub)
    if y is None:  # 全年 of a year review: the year the document names, else this year (running)
        y = ctx.year or (ctx.pub.year - 1 if ctx.pub.month <= 2 else ctx.pub.year)
    return date(y, 1, 1), date(y, 12, 31), "year"


def _week(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    word, pub = m.group(), ctx.pub
    if m["w"]:
        w = _num(m["w"])
        y = _stated_year(m.groupdict(), pub) or pub.year
        try:
            s = date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        return s, s + timedelta(days=6), "week"
    if word.startswith(("本周", "当周")) and ctx.titled and ctx.titled.kind == "week" and ctx.titled.start:
        return date.fromisoformat(ctx.titled.start), date.fromisoformat(ctx.titled.end), "week"
    monday = pub - timedelta(days=pub.weekday())
    if word.startswith("上周"):
        monday -= timedelta(days=7)
    return monday, monday + timedelta(days=6), "week"


def _rel_month(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    word, pub = m.group(), ctx.pub
    if word in ("本月", "当月") and ctx.titled and ctx.titled.kind == "month" and ctx.titled.start:
        return date.fromisoformat(ctx.titled.start), date.fromisoformat(ctx.titled.end), "month"
    y, mm = pub.year, pub.month
    if word.startswith("上"):
        y, mm = (y, mm - 1) if mm > 1 else (y - 1, 12)
    return date(y, mm, 1), _last_day(y, mm), "month"


def _month(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    mm = _num(m["m"])
    if not mm or not 1 <= mm <= 12:
        return None
    y = _begun_year(mm, 1, ctx.pub, _stated_year(m.groupdict(), ctx.pub, ctx))
    return date(y, mm, 1), _last_day(y, mm), "month"


def _day(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    g = m.groupdict()
    mm, dd = _num(g["m"]), _num(g["d"])
    if not mm or not dd or not 1 <= mm <= 12:
        return None
    try:
        d = date(_begun_year(mm, dd, ctx.pub, _stated_year(g, ctx.pub, ctx)), mm, dd)
    except ValueError:
        return None
    return d, d, "day"


def _rel_day(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    word = m.group()
    if word.startswith("昨"):
        d = ctx.pub - _DAY
    elif word.startswith(("今日", "今天")):
        d = ctx.pub
    elif ctx.last_day is not None:
        d = ctx.last_day
    else:
        return None
    return d, d, "day"


_GENERIC_CAMPAIGN = re.compile(r"专项行动|专项|行动|活动|集中|开展|期间|以来|启动|部署|[“”\"‘’《》]")


def _campaign(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    """A campaign runs from where the text says it began (the one it names, or the only one) to the publish date."""
    if m.groupdict().get("m") or m.groupdict().get("y"):
        return _start_date(m.groupdict(), ctx.pub), ctx.pub, "campaign"
    name = _GENERIC_CAMPAIGN.sub("", m["name"] if "name" in m.groupdict() else m.group())
    named = [c for c in ctx.campaigns if not name or any(name[i:i + 2] in c[1] for i in range(len(name) - 1))]
    # the campaign stated last before this sentence (行动以来 after 7月7日起，部署开展…行动), else the first after it
    before = [c for c in named if c[0] <= ctx.offset]
    if "以来" in m.group():
        # 行动启动以来 runs to now: not a campaign the text says ended before it was published (从去年8月起至年底…)
        before = [c for c in before if c[3] is None or c[3] >= ctx.pub] or before
    chosen = before[-1] if before else (named[0] if named else None)
    if chosen is None:
        return None, ctx.pub, "campaign"
    return chosen[2], chosen[3] or ctx.pub, "campaign"


def _season(m: re.Match[str], ctx: DocContext) -> Resolved | None:
    return None, None, "other"


#: a clock time inside a span of days: 10月1日0时至10月7日12时
_CLOCK = r"(?:\d{1,2}(?::\d{2}|时(?:\d{1,2}分)?许?))?"
#: the start of a since-span: a year, a month, a ten-day part of it (6月中旬), or a day
_SINCE_START = (rf"(?:(?P<yearstart>(?:今年|本年)?年初)|{_Y}?(?:(?P<m>{_M})月份?(?:(?P<d>{_N})日|(?P<x>上|中|下)旬)?)?)")
_END = (rf"(?P<end>(?P<now>至今)|{_DASH}(?:(?P<yend>年底|年末|年终)|(?:(?P<y2>(?:19|20)\d{{2}})年)?"
        rf"(?P<m2>{_M})月(?:份)?(?:(?P<d2>{_N})日|底|末)?))")
_CAMPAIGN_NAME = r"行动|活动|会战|战役|攻坚|专项|整治|百日|风暴|竞赛|专项工作|集中|清查|严打|巡逻|护航|安保|宣传月|防控"
#: names of operations (行动中 is a campaign's time; 宣传活动中 is not)
_OPERATION = r"行动|会战|战役|攻坚|专项|百日|风暴|严打"
_SEASONS = r"春运|暑期|暑假|寒假|汛期|两会|疫情|防汛|旅游旺季|开学季|毕业季|高考|中考|冬奥会|亚运会|进博会|秋冬季"
_HOLIDAY = (r"(?P<h>(?:国庆|中秋|春节|元旦|清明|端午|五一|劳动节|五一劳动节)(?:节)?(?:[”\"’]?[、和与及]?[“\"‘]?"
            r"(?:国庆|中秋|春节|元旦|清明|端午|五一|劳动节)(?:节)?)?)")

#: (pattern, resolver, words one of which the sentence must hold for the pattern to be tried): earlier
#: patterns win where two overlap
PATTERNS: list[tuple[re.Pattern[str], object, tuple[str, ...]]] = [
    # campaigns dated in their own words: 自4月开展“夏季行动”以来, 从5月18日启动…行动以来
    (re.compile(rf"(?:自|从){_SINCE_START}(?:开展|启动|部署|开始|组织开展)[^，。；]{{0,30}}?(?:{_CAMPAIGN_NAME})[^，。；]{{0,8}}?(?:以来|期间|中)"), _campaign, ("开展", "启动", "部署", "开始")),
    # a campaign dated after its name: 夏季治安打击整治行动6月开展以来
    (re.compile(rf"(?P<name>[^，。；：！？、\n]{{2,24}}?(?:{_CAMPAIGN_NAME}))”?{_Y}?(?P<m>{_M})月份?(?:(?P<d>{_N})日)?"
                rf"(?:开展|启动|部署)以来"), _campaign, ("以来",)),
    # since: 自2023年3月以来, 3月以来, 从8月起至年底, 自5月18日以来, 2021年以来, 年初以来, 2018年至今
    (re.compile(rf"(?:自从|自|从)?{_SINCE_START}(?:以来|起|开始|来)(?:{_END})?"), _since, ("以来", "起", "开始", "来")),
    (re.compile(rf"(?:自从|自|从)?{_SINCE_START}(?P<end>(?P<now>至今))(?P<yend>)(?P<y2>)(?P<m2>)(?P<d2>)"), _since, ("至今",)),
    (re.compile(rf"(?:自从|自|从){_SINCE_START}(?:{_END})"), _since, ("至", "到", "-", "—", "－", "~", "～", "–")),
    # 近三年来, 近一年; 一年来, 三个月来 opening a clause (通报一年来…工作情况 names no period)
    (re.compile(r"近(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:个)?(?P<unit>年|月)(?:来|以来)?|"
                r"(?:(?<=^)|(?<=[，,；;：:]))\s*(?P<n2>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:个)?(?P<unit2>年|月)(?:来|以来)(?=[，,])"),
     _recent_years, ("近", "来")),
    (re.compile(rf"(?:截至|截止到|截止至|截止){_Y}?(?:(?P<now>目前|当前|今日|今天|发稿时|现在)|(?P<yend>年底|年末|底|末)|"
                rf"(?P<m>{_M})月(?:份)?(?:(?P<d>{_N})日|底|末)?)"), _until, ("截",)),
    (re.compile(rf"{_Y}?(?P<m1>{_M})月(?P<d1>{_N})日?{_CLOCK}{_DASH}(?:(?P<m2>{_M})月)?(?P<d2>{_N})日{_CLOCK}(?:期间)?"),
     _day_range, ("日",)),
    (re.compile(rf"{_Y}?(?:全年|年度)?(?P<a>{_M})(?:月份?)?{_DASH}(?P<b>{_M})月(?:份)?(?![\d一二三四五六七八九十]*日|\d)"), _range, ("月",)),
    (re.compile(rf"{_Y}?前(?P<n>[一二三四两1-4])(?:个)?季度"), _first_quarters, ("季度",)),
    (re.compile(rf"{_Y}?(?:前|头)(?P<n>\d{{1,2}}|[一二三四五六七八九十两]{{1,3}})个月"), _first_months, ("个月",)),
    (re.compile(rf"{_Y}?第?(?P<q>[一二三四1-4])季度"), _quarter, ("季度",)),
    (re.compile(rf"{_Y}?(?P<h>上|下)半年"), _half, ("半年",)),
    (re.compile(rf"{_Y}?(?P<m>{_M})月(?P<x>上|中|下)旬"), _ten_days, ("旬",)),
    # a festival's own day: 除夕当晚, 元旦当天, 中秋之夜 (除夕 and 元宵 are one day whatever follows)
    (re.compile(rf"{_Y}?(?:(?P<f>除夕|元宵)(?:节)?(?:当天|当日|当晚|之夜|夜间?|晚上?)?|"
                rf"(?P<f2>元旦|春节|国庆|中秋|端午|清明|五一|劳动节|七夕|重阳)(?:节)?(?:当天|当日|当晚|之夜|夜间?))"),
     _festival, ("除夕", "元宵", "当天", "当日", "当晚", "夜")),
    (re.compile(rf"{_Y}?[“\"‘]?{_HOLIDAY}[”\"’]?(?:双节|节|小长假|长假|黄金周|假日|假期|期间|节日)+"), _holiday, ("国庆", "中秋", "春节", "元旦", "清明", "端午", "五一", "劳动节")),
    (re.compile(r"[“\"]?(?:节日|节假日|假期|长假|小长假|双节|黄金周)[”\"]?(?:期间|内|中)?(?=[，,]|期间|全|我|各)"), _doc_holiday, ("节", "假", "黄金周")),
    (re.compile(rf"(?:{_Y})?第(?P<w>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})周|本周|上周|当周"), _week, ("周",)),
    (re.compile(r"本月|当月|上月|上个月"), _rel_month, ("月",)),
    (re.compile(r"今年以来|年初以来|今年年初以来|开年以来|年初至今|今年(?=[，,]|全|我|共|以来|各)|年内(?=[，,]|全|我|共)"), _ytd, ("年",)),
    (re.compile(r"(?:(?P<last1>去年|上年)(?:全年|一年)|(?P<y>(?:19|20)\d{2})年(?:全年|度)|(?P<last>去年|上年)(?!同期|底|年底|初|年初|以来|末|同比|相比)|(?<![^，,；;。])全年(?=[\u4e00-\u9fff，,]))"), _year, ("年",)),
    (re.compile(rf"{_Y}?(?<![\d一二三四五六七八九十])(?P<m>{_M})月份?(?![\d一二三四五六七八九十]*日|\d|底|末|至|到|-|以来|起|上旬|中旬|下旬)"), _month, ("月",)),
    # a bare year as the period of a year-end review (2022年，全市…; 2022年全县共查处…): only before a comma or
    # a scope (全市, 我县, 各地, 共 …), so neither a comparison basis (与2022年相比), a start (自2022年起), a date
    # (2022年3月: taken above) nor a year naming an event (护航2023年高考) is read as one
    (re.compile(r"(?<![与较比同自从至到\d])(?P<y>(?:19|20)\d{2})年度?(?=[，,、]|全|我|各|共|累计|市|县|区)"), _year, ("年",)),
    (re.compile(r"(?:(?<=^)|(?<=[，,；;]))\s*(?:昨日|昨天|当日|当天|今日|今天)"), _rel_day, ("日", "天")),
    (re.compile(r"(?:(?<=^)|(?<=[，,；;]))\s*(?:近日|近期|(?:\d+|[一二三四五六七八九十]+)多(?:天|日)来)(?=[，,])"), _vague,
     ("近日", "近期", "来")),
    # 30天来 opening a clause: the days back to the publish date
    (re.compile(r"(?:(?<=^)|(?<=[，,；;：:]))\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:天|日)(?:来|以来)(?=[，,])"), _recent_days,
     ("来",)),
    (re.compile(r"(?:在|自|从|于)?(?P<name>[^，。；：！？、\n]{1,24}?)(?P<suffix>期间|开展以来|启动以来|部署以来|以来|开展中|中)(?=[，,（(]|全|我|共|各|累计|市|县|区|公安|警方)"), None, ("期间", "以来", "中")),
]
#: a date opening its sentence or clause as a time: 6月26日，全市… / 6月5日上午，民警…
DAY_AT_START = re.compile(rf"\s*{_Y}?(?P<m>{_M})月(?P<d>{_N})日(?:上午|下午|晚上?|凌晨|中午|早上|夜间|当天|当晚|晚间|零时|"
                          r"\d{1,2}时(?:\d{1,2}分)?许?)*(?=[，,]|全|我|市|县|区)")
#: a sentence about the report itself (7月7日，市公安局召开新闻发布会): its date is not the figures' period
#: what a report says about itself after a date (7月19日，市公安局召开新闻发布会；今年4月，…专项行动启动): that date
#: is the report's own event or its campaign's start, not the period of its figures
_EVENT = re.compile(r"召开|举行[^，,。；]{0,12}(?:会|仪式)|发布会|通气会|新闻|获悉|记者|通报|介绍|发布"
                    r"|(?:启动|部署)[^，,。；]{0,24}(?:行动|活动|工作)|(?:行动|活动)[^，,。；]{0,6}(?:启动|部署)")
_NOT_CAMPAIGN = re.compile(r"^(?:今年|去年|年初|近年|近期|近日|日前|成立|建成|运行|上线|实施|开通|启用|发布|其|此|这|工作|执勤|值班|办案|审讯|调查|侦查|处置)|\d+日|[，。]")


def _named_period(m: re.Match[str], ctx: DocContext) -> tuple[str, int, Resolved] | None:
    """A period named by its words: a campaign (攻坚月期间) or a season without dates (春运期间)."""
    name = m["name"]
    cut = max((name.rfind(w) for w in ("在", "自", "从", "于")), default=-1)
    if 0 <= cut < len(name) - 1:
        name = name[cut + 1:]
    if _NOT_CAMPAIGN.search(name) or re.search(r"\d{4}年|\d+月", name):
        return None
    text = name + m["suffix"]
    if re.search(_CAMPAIGN_NAME, name) and (m["suffix"] != "中" and m["suffix"] != "开展中" or re.search(_OPERATION, name)):
        return text, m.end("suffix") - len(text), _campaign(m, ctx)
    if re.search(_SEASONS, name) and m["suffix"] != "以来":
        return text, m.end("suffix") - len(text), _season(m, ctx)
    return None


def find_periods(sentence: str, ctx: DocContext, excluded: list[tuple[int, int]] = ()) -> list[Period]:
    """Every period expression of a sentence, non-overlapping and outside ``excluded`` spans, in order."""
    if ctx.pub is None:
        # without a publish date nothing can be dated, but the kind is still known: resolve against any date
        shadow = replace(ctx, pub=date(2020, 12, 31), extra={})
        return [replace(p, start=None, end=None) for p in find_periods(sentence, shadow, excluded)]
    found: list[Period] = []
    taken: list[tuple[int, int]] = list(excluded)
    ctx.extra["this_year"] = "今年" in sentence or "本年" in sentence
    for at in (0, *(c.end() for c in re.finditer(r"[，,；;：:）)]", sentence))):
        dm = DAY_AT_START.match(sentence, at)
        if dm:
            _add(found, taken, sentence, dm.start() + len(dm.group()) - len(dm.group().lstrip()), dm.end(), dm, _day, ctx)
    for pat, resolver, needs in PATTERNS:
        if not any(w in sentence for w in needs):
            continue
        for m in pat.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if resolver is None:
                named = _named_period(m, ctx)
                if named is None:
                    continue
                text, s, res = named
                found.append(Period(text, *_iso(res, ctx.pub), (s, e)))
                taken.append((s, e))
                continue
            _add(found, taken, sentence, s, e, m, resolver, ctx)
    if any(p.kind == "year_to_date" and p.text.startswith("截") for p in found):
        # 截至11月底，全市…今年共侦办…: 今年 is the year the 截至 span runs in, not a period of its own
        found = [p for p in found if p.text not in ("今年", "本年")]
    return _merge_brackets(sorted(found, key=lambda p: p.span[0]), sentence)


def _merge_brackets(found: list[Period], sentence: str) -> list[Period]:
    """清明假期（4月4日至6日）, 本周（8月28日至9月3日）: the bracket dates the period before it, which keeps its
    words and kind."""
    out: list[Period] = []
    for p in found:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"\s*[（(]\s*", sentence[prev.span[1]:p.span[0]]) and p.start and p.end:
            out[-1] = replace(prev, start=p.start, end=p.end, span=(prev.span[0], p.span[1]))
            continue
        out.append(p)
    return out


def _iso(res: Resolved, pub: date) -> tuple[str | None, str | None, str]:
    start, end, kind = res
    if kind not in ("other", "day", "since", "campaign"):
        end = _running(start, end, pub)
    return (start.isoformat() if start else None), (end.isoformat() if end else None), kind


def _add(found: list[Period], taken: list[tuple[int, int]], sentence: str, s: int, e: int, m: re.Match[str],
         resolver, ctx: DocContext) -> None:
    if any(s < te and ts < e for ts, te in taken):
        return
    text = sentence[s:e].strip()
    if sentence[max(0, s - 1):s] in ("较", "比", "与") or sentence[e:e + 2] == "相比":
        return  # a comparison basis (较去年春节期间均有所下降) is not a period
    res = resolver(m, ctx)
    if res is None or (res[2] in ("day", "month") and _EVENT.search(sentence, e)
                       and not (res[2] == "month" and ctx.extra.get("title"))):
        return  # (a title's month is the month it reports on: 3月份全市110警情分析通报)
    found.append(Period(text, *_iso(res, ctx.pub), (s, e)))
    taken.append((s, e))
    if res[2] == "day" and res[0] is not None:
        ctx.last_day = res[0]


#: where a text says when its campaign ran: 5月1日起，全市开展…行动 / 行动自5月1日开始 / 于4月15日启动…
_CAMPAIGN_START = re.compile(
    rf"(?:(?P<pre>自|从|于|在)?(?P<when>{_Y}?(?:(?P<ra>{_M})(?:月份?)?{_DASH})?(?P<m>{_M})月(?:份)?(?:(?P<d>{_N})日|(?P<x>上|中|下)旬)?)"
    rf"{_CLOCK}(?P<suf>起|以来|开始)?(?:{_END})?[，,]?"
    rf"[^。；！？\n]{{0,40}}?(?:开展|启动|部署|组织|打响|开启)[^。；！？\n]{{0,30}}?(?:{_CAMPAIGN_NAME}))"
    rf"|(?:(?:{_CAMPAIGN_NAME})[^。；！？\n，,]{{0,12}}?(?:自|从|于)(?P<when2>(?:(?P<y_2>(?:19|20)\d{{2}})年)?(?P<m_2>{_M})月(?:份)?(?:(?P<d_2>{_N})日)?)"
    rf"(?:起|开始|启动|正式启动|开展))"
    # 今年4月，全国打击整治养老诈骗专项行动启动
    rf"|(?:(?P<when3>(?:(?P<y_3>(?:19|20)\d{{2}})年|今年)?(?P<m_3>{_M})月(?:份)?(?:(?P<d_3>{_N})日)?)[，,]"
    rf"[^。；！？\n]{{0,40}}?(?:{_CAMPAIGN_NAME})[^。；！？\n，,]{{0,6}}?(?:正式)?(?:启动|开始|展开|打响))"
)


#: a campaign that starts on the day the sentence names: 自即日起, 即日起, 当日起
_FROM_TODAY = re.compile(r"(?:自|从)?(?:即日|当日|当天)(?:起|开始)")
#: the end a campaign's start statement goes on to give: …启动，至6月30日结束
_CAMPAIGN_STOP = re.compile(rf"[，,]?\s*(?P<end>(?:至|到)(?P<now>)(?P<yend>)(?:(?P<y2>(?:19|20)\d{{2}})年)?(?P<m2>{_M})月"
                            rf"(?:份)?(?:(?P<d2>{_N})日|底|末)?)(?:结束|止)")


def _bounded_span(g: dict, pub: date) -> tuple[date, date] | None:
    """The span a campaign ran in when the text gives it as a month, a ten-day part or a month range."""
    mm, first = _num(g["m"]), _num(g.get("ra"))
    if not mm or not 1 <= mm <= 12 or (first and not 1 <= first <= mm):
        return None
    a = first or mm
    y = _begun_year(a, 1, pub, _stated_year(g, pub))
    if g.get("x"):
        lo = {"上": 1, "中": 11, "下": 21}[g["x"]]
        return date(y, mm, lo), {"上": date(y, mm, 10), "中": date(y, mm, 20), "下": _last_day(y, mm)}[g["x"]]
    return date(y, a, 1), _last_day(y, mm)


def campaign_dates(text: str, pub: date | None) -> list[tuple[int, str, date | None, date | None]]:
    """(offset, the words, start, stated end) of every campaign whose start the text states, in text order."""
    if pub is None:
        return []
    found = []
    for m in _CAMPAIGN_START.finditer(text):
        g = m.groupdict()
        if g["when"] and not (g["suf"] or g["end"]) and not g["d"]:
            bounded = _bounded_span(g, pub)  # 3-5月，…开展…专项行动 / 10月下旬，…开展为期一周的…行动 / 在9月份…
            if bounded:
                found.append((m.start(), m.group(), *bounded))
                continue
        if g["when"] and not (g["pre"] or g["suf"] or g["end"]) and not _FROM_TODAY.search(m.group()):
            continue  # a date that only dates the report (公安部9月1日消息，…行动开展以来) starts nothing
            # (unless the campaign starts that day: 9月10日，…召开动员部署会，决定自即日起在全市开展…专项行动)
        if g["when2"]:
            g = {**g, "y": g["y_2"], "m": g["m_2"], "d": g["d_2"]}
        elif g["when3"]:
            g = {**g, "y": g["y_3"], "m": g["m_3"], "d": g["d_3"]}
        start = _start_date(g, pub)
        end = _end_date(m, pub, start) if start and g.get("end") else None
        stop = _CAMPAIGN_STOP.match(text, m.end())
        if start and end is None and stop:
            end = _end_date(stop, pub, start)  # “清源”行动自3月1日启动，至6月30日结束
        clause_end = re.search(r"[，,。；;！？\n]", text[m.end():])  # the campaign's name may run past the match
        found.append((m.start(), text[m.start():m.end() + (clause_end.start() if clause_end else 0)], start, end))
    return found


#: a report of a campaign's results names it in its title: 宝鸡警方通报打击整治枪爆违法犯罪专项行动成果
_TITLE_CAMPAIGN = re.compile(r"(?P<name>[^，,。：:\s]{2,40}?(?:专项行动|专项整治|专项工作|专项斗争|行动|会战|战役|攻坚战)”?)"
                             r"|(?P<activity>[^，,。：:\s]{2,40}?(?:活动|整治)”?)(?=[^，,。]{0,6}?(?:成效|成果|战果|情况|成绩|实效|显著|丰硕|阶段性|总结|综述|收官))")
_TITLE_SUBJECT = re.compile(r"^.*?(?:通报|公布|发布|开展|深化|推进|公安局|公安分局|分局|警方|公安机关|公安|交警支队|交警大队|支队|大队|派出所)"
                            r"(?=.{2,})")


def title_campaign(title: str, ctx: DocContext) -> Period | None:
    """The campaign a results report names in its title, as its period (start where the text says it began)."""
    m = _TITLE_CAMPAIGN.search(title)
    if not m:
        return None
    name = m["name"] or m["activity"]
    cut = _TITLE_SUBJECT.match(name)
    while cut and cut.end() < len(name):
        name = name[cut.end():]
        cut = _TITLE_SUBJECT.match(name)
    if re.search(_SEASONS, name) and not re.search(_OPERATION, name):
        return None
    if ctx.pub is None:
        return Period(name, None, None, "campaign", (0, 0))
    start, end, _ = _campaign(re.match(r"(?P<name>.*)", name), replace(ctx, offset=-1))
    return Period(name, start.isoformat() if start else None, end.isoformat() if end else None, "campaign", (0, 0))
