"""Every statistic of a bulletin as a row: indicator, normalised value, unit, comparison, period, place.

The reading follows how Chinese police bulletins are written (see tests/eval/metrics/GUIDELINES.md):

1. a *figure* is a number with a measure word (起, 名, 万元, %, 个百分点 …) or a 万/亿 magnitude, that is not
   an ordinal (第…), part of a code or phone number, a slogan (五个一), a rule (只保留1张), a threshold
   (3人以上的) or rhetoric (100%的防护效果);
2. a *comparison* (同比/环比/较上月/与5月相比 + 上升/下降 + value) belongs to the figure just before it; with
   分别, its values go to the preceding figures in order; with no figure before it, it is a change stated
   without a level (value NULL);
3. the *indicator* is the clause before the number stripped of subject, period, adverbs and links
   (全市共破获电信网络诈骗案件75起 → 破获电信网络诈骗案件), or verb + the noun after the measure word when the
   number comes first (设立了9.2万个街面宣传点位 → 设立街面宣传点位); chained clauses share the verb
   (查扣电脑主机5台，卡池7台 → 查扣卡池);
4. the *period* is the last period expression before the figure in its sentence, else the last one stated
   earlier in its paragraph, else its heading's or the title's, else the first of the opening paragraph
   (:mod:`extract.metrics.periods` resolves them to dates and a kind);
5. a *place* is the part of the area a 其中 breakdown names (其中城区12起 → 城区);
6. *labels* place the figure in a researcher's table (:mod:`extract.metrics.labels`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from extract.metrics import labels
from extract.metrics import lexicon as lx
from extract.metrics.numbers import NUMBER_RE, chinese_to_int, clean_value, number_value
from extract.metrics.periods import DocContext, Period, campaign_dates, find_periods, title_campaign


@dataclass
class Metric:
    indicator: str
    value: float | int | None
    unit: str | None
    approximate: bool
    change_basis: str | None
    change_direction: str | None
    change_value: float | int | None
    change_unit: str | None
    period_text: str | None
    period_start: str | None
    period_end: str | None
    place: str | None
    sentence: str
    span_start: int
    span_end: int
    period_kind: str | None = None
    category: str = "other"
    measure: str = "other"
    scope: str = "total"
    subgroup: str | None = None

    def to_dict(self) -> dict:
        # every field is a scalar: a shallow copy equals asdict(), which deep-copies field by field (slow)
        return dict(self.__dict__)


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_DELIMS = "，,；;：:！？!?。\n"
_UNIT_RE = re.compile("|".join(re.escape(u) for u in lx.UNITS))
#: direction words; 降幅/增幅 name the change itself (降幅达12.3%), arrows stand for them in weekly tables (环比↓3.1%)
_UP = ("上升", "增长", "增加", "提高", "提升", "上涨", "增多", "增幅", "涨幅", "拉升", "扩大", "翻了", "翻", "↑")
_DOWN = ("下降", "减少", "降低", "回落", "下滑", "减小", "降幅", "收窄", "缩小", "↓")
_UNITS_ALT = "|".join(re.escape(u) for u in lx.UNITS)
#: a change value: a number and its measure word, or a share in words (三成 = 30 %, 一半, 翻一番 = 100 %)
_WORD_SHARE = r"[一二两三四五六七八九]成|一半|半数|一番|两番|番|百分之[零〇一二两三四五六七八九十百点]+"
_VALUE = (r"(?:" + _WORD_SHARE + r"|(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s?(?:万|亿)?(?:余|多)?(?:"
          + _UNITS_ALT + r")?)")
#: after a comma a further value of the list needs its measure word: 同比下降9.8%，八类严重暴力… is not a list
_VALUE_U = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s?(?:万|亿)?(?:余|多)?(?:" + _UNITS_ALT + r")"
_MORE = r"(?:\s?(?:和|、|及|与)\s?" + _VALUE + r"|\s?[，,]\s?" + _VALUE_U + r")*"
#: 分别/均 may follow the direction word too: 增幅分别为12.6%和18.4%
_DIR = (r"(?P<dir>" + "|".join(_UP + _DOWN) + r")(?P<dist2>分别|均)?(?:了|达到|达|为)?\s?"
        r"(?P<approx>约|近|超过|超|逾|将近|接近)?")
_CHANGE = re.compile(
    # 同比/环比 may name what they compare with before the direction: 同比去年下降, 环比上周上升
    r"(?P<basis>(?:同比|环比)[^，。；、！？\d%↑↓（()）]{0,6}?|与[^，。；、！？]{1,12}?相比|较[^，。；、！？]{1,12}?|"
    r"(?<![占对])比[^，。；、！？]{1,8}?)(?P<dist>分别|均)?" + _DIR + r"(?P<vals>" + _VALUE + _MORE + r")"
)
_CHANGE_NOBASIS = re.compile(r"(?P<basis>)(?P<dist>分别|均)?" + _DIR + r"(?P<vals>" + _VALUE + _MORE + r")")
#: a comparison basis stated with a direction, with or without a value: 较去年春节期间均有所下降, 同比下降12%
_BASIS_MENTION = re.compile(r"(?P<b>同比|环比|与[^，。；、]{1,12}?相比|较[^，。；、\d]{1,12}?)(?:均|都|分别|亦|也)?(?:有所|大幅|明显)?"
                            r"(?:" + "|".join(d for d in _UP + _DOWN if len(d) > 1) + r")")
#: a change given in words and then exactly in brackets: 下降近一半（45.5%）
_EXACT_AFTER = re.compile(r"\s?[（(]\s?(?P<v>\d+(?:\.\d+)?\s?(?:%|个百分点))\s?[)）]")
#: a comparison stated once for the sentence: 与去年同期相比，涉旅治安案件下降27.8%，涉旅警情下降12.4%
_SENTENCE_BASIS = re.compile(r"\s*(?:(?:从|就)[^，。；]{1,12}?(?:看|来看|而言)[，,])?"  # 从事故特点看，与去年同期相比，…
                             r"(?P<b>与[^，。；]{1,12}?相比|较[^，。；]{1,10}?|同比|环比)[，,]")


class _Change:
    """A comparison found in a sentence (its basis possibly stated once at the start of the sentence), with its
    values as (position, text): several after 分别 (同比分别上升24.1%和37.6%)."""

    def __init__(self, m: re.Match[str], basis: str | None = None):
        self.m = m
        self.basis = basis or m["basis"] or None
        self.stop = m.end()
        self.vals = [(v.start() + m.start("vals"), v.group()) for v in re.finditer(_VALUE, m["vals"])
                     if v.group().strip() and re.match(r"\d|[零一二两三四五六七八九十百千半番]", v.group())]
        # a list of values shares one measure word: 下降16.9%、6.5%，2700余场大型活动… ends before 2700余场
        kept = self.vals[:1]
        for pos, tok in self.vals[1:]:
            after_comma = re.search(r"[，,]\s*$", m.string[kept[-1][0] + len(kept[-1][1]):pos])
            if after_comma and _value_unit(tok) != _value_unit(kept[0][1]):
                break  # (同比分别减少2起、3人 is one list of two measure words)
            kept.append((pos, tok))
        if len(kept) < len(self.vals):
            self.vals = kept
            self.stop = kept[-1][0] + len(kept[-1][1])
        exact = _EXACT_AFTER.match(m.string, m.end())
        if exact and len(self.vals) == 1:
            self.vals = [(exact.start("v"), exact["v"])]  # the bracketed exact value wins over 近一半
            self.stop = exact.end()

    def __getitem__(self, key: str) -> str:
        if key == "dist":
            return self.m["dist"] or self.m["dist2"]
        return self.basis if key == "basis" else self.m[key]

    def start(self, group: str | int = 0) -> int:
        return self.m.start(group)

    def end(self, group: str | int = 0) -> int:
        return self.stop if group == 0 else self.m.end(group)

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self.m.span(group)


def _value_unit(tok: str) -> str:
    return re.sub(r"^[\d.零一二两三四五六七八九十百千万亿余多\s]+", "", tok)


def _basis_heads(sentence: str) -> list[re.Match[str]]:
    """Comparison bases stated once for what follows, as a clause of their own: at the start of the sentence or after
    a ； or a ， (…；与7月相比，事故起数减少9起，死亡人数减少4人: changes, not levels)."""
    return [m for m in (_SENTENCE_BASIS.match(sentence, at) for at in
                        (0, *(i + 1 for i, ch in enumerate(sentence) if ch in "；，"))) if m]


def _find_changes(sentence: str) -> list[_Change]:
    found = [_Change(m) for m in _CHANGE.finditer(sentence)]
    found = [c for c in found if c.vals]
    heads = _basis_heads(sentence)
    taken = [(c.start(), c.end()) for c in found]
    for m in _CHANGE_NOBASIS.finditer(sentence, heads[0].end() if heads else 0):
        if any(m.start() < e and s < m.end() for s, e in taken) or not re.match(r"\d|[零一二两三四五六七八九十百半番]", m["vals"]):
            continue
        head = next((h for h in reversed(heads) if h.end() <= m.start()), None)
        # without a basis in the sentence, only a share (下降37.6%) or a 分别 list is a change: 增加8起 may be a level
        if head or m["dist"] or m["dist2"] or re.search(r"%|个百分点|成$|半|番|^百分之", m["vals"].strip()):
            c = _Change(m, head["b"] if head else None)
            if c.vals:
                found.append(c)
                taken.append((c.start(), c.end()))
    return sorted(found, key=lambda c: c.start())


_RULE_CONTEXT = re.compile(r"^请|请勿|凡是|请严格|限速|时速|只(?:保留|能|可|允许|准|需|要|限|办)|仅限|最多|最高|不超过|不得超过|不低于|不少于|每人|每户|每张|每名|须|需要|应当|限额|"
                           # 限 as a rule (限购2张, 限于), not inside a word (有限公司, 期限); 只 of 船只 is a noun
                           r"(?<![有期权无时年])限(?:购|办|量|于|定|制|$|[\d一二两三四五六七八九十])|以内|并处|处以|(?<!查)处$"
                           # plans and targets are not results: 将拿出100万元, 计划, 力争
                           r"|将(?=拿出|投入|建成|建设|新增|开展|组织|设立|安排|出动|部署|实现|达到)|计划|拟|预计|力争|争取|目标(?:是|为|任务)")
#: words that set a bound: 超过, 高于, 不足 …
_BEYOND = r"(?:超过|超出|高于|低于|不足|少于|多于|不少于|不超过|大于|小于|达到)"
_NAMES = re.compile(r"[\u4e00-\u9fff]某某?(?:[、，][\u4e00-\u9fff]某某?)*等?$")
_INSTRUMENT = re.compile(r"^(?:依托|通过|利用|借助|依靠|运用|结合|围绕|针对|按照|按|根据)[^，]{0,20}?"
                         r"(?:平台|系统|APP|机制|手段|渠道|热线|中心|行动|优势|工作|要求|部署|指引|指示|安排|公众号|微信群|微信|微博|抖音|"
                         r"网站|媒体|广播|电视|短信|直播)")
_LOCATIVE = re.compile(r"^(?:在|于|从|到|赴)[^，]{0,24}?(?:等地|等处|各地|地区|境内|辖区|一带|周边|附近|沿线|一线|范围内|全市|全县|全区|全省|景区|场所|路段|现场|街面|集市|校园|社区|区域|中|内|里|期间|上|处|地)")
#: a verb of going somewhere, then where, then what was done there: 深入社区、学校开展宣传 → 开展宣传; and partners
#: that act with the subject: 联合社区为群众安装… → 为群众安装…
_LEAD_MOTION = re.compile(r"^(?:深入到|深入|走进|走入|进入|前往|奔赴|来到|联合|会同|协同|携手|"
                          r"进(?=校园|社区|企业|农村|乡村|家庭|学校|市场|工地|景区|商场|医院|机关|网格|村))")
#: people who act as the subject, alone or listed: 民警、网格员上门劝阻… → 上门劝阻…
_PERSON = r"(?:民警|辅警|交警|特警|巡警|网格员|志愿者|村干部|社区干部|[\u4e00-\u9fff]{1,5}员|[\u4e00-\u9fff]{1,4}校长)"
#: people who act of their own accord: 群众主动上交枪支 → 主动上交枪支
_LEAD_WILLING = re.compile(r"^(?:群众|市民|村民|居民|人民群众)(?=主动|自愿|自发|积极)")
_LEAD_PERSONS = re.compile(r"^" + _PERSON + r"(?:[、和及与]" + _PERSON + r")*")
#: a hotline or its desk as the subject: 110接报有效警情, 12345热线转办…
_LEAD_HOTLINE = re.compile(r"^\d{3,6}(?:[\u4e00-\u9fff]{0,6}?(?:服务台|中心|平台|热线|专线))?")
#: the set a breakdown is taken from, opening its clause: 诈骗类警情中电信网络诈骗7起 → 电信网络诈骗
_LEAD_AMONG = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:警情|案件|人员|嫌疑人|事故)中(?![心队])(?=..)")
_ORG = re.compile(r"^[^，“”\"]{0,20}?(?:" + "|".join(lx.ORG_SUFFIX) + r")(?:APP|App|app|客户端)?(?=.)")
_PLACE = r"[\u4e00-\u9fff]{1,6}(?:" + "|".join(lx.PLACE_SUFFIX) + r")"
_PLACE_HEAD = re.compile(r"^(?P<place>" + _PLACE + r")(?P<rest>.*)$")
_PLACE_LIST = re.compile(r"(?:" + _PLACE + r"、)+(?:" + _PLACE + r"[和及与])?" + _PLACE
                         # names without their suffix, counted after the list: 太原、大同、长治三市
                         + r"|(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}(?=[两三四五六七八九十\d]+(?:个)?(?:市|县|区|地))"
                         # or sharing the last one's: 蜀山、包河、瑶海区公安分局 / 喀纳斯、禾木、可可托海景区
                         + r"|(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}(?:区|县|市|景区|镇|乡|街道)")
_BENEFICIARY = re.compile(r"^为(?:受骗|受害|广大|辖区|困难)?(?:群众|企业|市民|人民群众|当事人|受害人|老人|学生)"
                          r"(?:[和、及与](?:受骗|受害|广大|辖区|困难)?(?:群众|企业|市民|人民群众|当事人|受害人|老人|学生))*|^为[^，为]{1,8}?(?=提供|办理|挽回|返还|追回|追赃|解决|发放|送)")
_RATIO_TAIL = re.compile(r"(?:达到|达|占|为|约占|占到)[^，]{0,12}的$")


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _SENTENCE.finditer(text)]


def _direction(word: str) -> str:
    return "up" if word in _UP else "down"


#: shares in words: 三成 = 30 %, 一半 = 50 %, 翻一番 = up 100 %
_SHARES = {"一半": 50, "半数": 50, "一番": 100, "番": 100, "两番": 300}


def _chinese_decimal(text: str) -> float | int | None:
    """十一点四 → 11.4: a Chinese numeral with 点 and its decimal digits read one by one."""
    whole, _, frac = text.partition("点")
    value = chinese_to_int(whole) if len(whole) > 1 or whole not in "〇零" else 0
    if value is None:
        return None
    digits = [chinese_to_int(c) if c not in "〇零" else 0 for c in frac]
    if any(d is None for d in digits):
        return None
    return clean_value(round(value + float("0." + "".join(map(str, digits))), 6)) if digits else value


def _parse_value(tok: str) -> tuple[float | int | None, str | None]:
    tok = tok.strip()
    if tok in _SHARES:
        return _SHARES[tok], "%"
    if re.fullmatch(r"[一二两三四五六七八九]成", tok):
        return clean_value(10 * number_value(tok[0], None)), "%"
    if tok.startswith("百分之"):  # 百分之十一点四 = 11.4 %
        return _chinese_decimal(tok[3:]), "%"
    m = NUMBER_RE.match(tok)
    if not m:
        return None, None
    value = number_value(m["num"], (m["mag"] or "") + (m["mag2"] or ""))
    rest = tok[m.end():].strip()
    unit = rest or None
    if value is None:
        return None, unit
    if unit in lx.MONEY:
        value, unit = value * lx.MONEY[unit], "元"
    return clean_value(value), unit


#: the head noun a list shares: 刑事、治安案件 = 刑事案件 and 治安案件
_SHARED_HEAD = re.compile(r"(?:类警情|警情|类案件|案件|案件数|立案数|发案数|事故|人数|数)$")


#: subject words alone before a number (该省98场次…); 民警/辅警 before a number are what is counted
_SUBJECT_WORDS = frozenset(lx.SUBJECTS) - {"民警", "辅警"}


def _split_list(pre: str, n: int) -> list[str]:
    """n names for n values of one comparison: 刑事、治安警情 → 刑事警情, 治安警情; 交通事故起数、死亡人数."""
    if n == 1:
        return [pre]
    for sep in (r"、", r"[、和及与]"):
        parts = [p for p in re.split(sep, pre) if p]
        if len(parts) == n:
            head = _SHARED_HEAD.search(parts[-1])
            if head:
                # (a hotline before the first kind is not part of its name: 110刑事、治安警情)
                parts = [p if _SHARED_HEAD.search(p) or len(re.sub(r"^\d+", "", p)) > 4 else p + head.group()
                         for p in parts]
            return parts
    return [pre] * n


def _subject_before(sentence: str, cstart: int, periods: list[str]) -> str:
    """A comparison whose clause names nothing takes the subject of the clause before it:
    治安及群众求助类警情呈小幅上升趋势，分别环比上升1.48%、1.22% → 治安及群众求助类警情."""
    m = re.search(r"([^，,；;。：:]+)[，,]\s*$", sentence[:cstart])
    if not m:
        return ""
    clause = re.split(r"呈|有所|出现|主要集中|集中在|主要分布|分布在|保持|实现|总体|继续|持续|仍|位居|居|排名|名列|最高|最多|最大|最低|最少",
                      m.group(1))[0]
    clause = re.split(r"同比|环比|较上|与[^，]{1,10}相比", clause)[0]
    counted = list(re.finditer(r"\d+(?:" + _UNITS_ALT + r")", clause))
    if counted:
        clause = clause[counted[-1].end():]  # 全省15个市州中有13个电诈发案数同比下降 → 电诈发案数
    subject = _strip_suffixes(_strip_prefixes(clause, periods))
    places = _PLACE_LIST.match(subject)
    if places:
        subject = subject[places.end():]
    return _PLACE_PREFIX.sub("", subject)


#: a place opening a subject: 市城区治安警情 → 治安警情
_PLACE_PREFIX = re.compile(r"^(?:全市|全县|全区|全省|全国|市城区|城区|主城区|中心城区)")


_LEAD_PUNCT = re.compile(r"^(?:以及|、|，|,|；|\s|[（(][^（()）]*[)）]|[（(](?=[^)）]*$)|但|而)+(?=.)")
_LEAD_CAMPAIGN = re.compile(r"^“[^”]{1,16}”(?:专项)?(?:行动|活动)(?:中)?(?=..)")
_LEAD_APPROX = re.compile(r"^(?:左右|以上|上下)(?=.)")
_LEAD_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|首先|其次|再次|最后)")
_LEAD_SUBJECT = re.compile("|".join(re.escape(w) for w in lx.SUBJECTS))  # longest first, as sorted in lexicon
_LEAD_ADVERB = re.compile("|".join(re.escape(w) for w in lx.ADVERBS))
#: adverbs that may make up a whole clause before a number (共计903起)
_WHOLE_ADVERBS = frozenset(("共计", "累计", "合计", "总计", "共", "一共"))
#: the people a figure benefits, before its verb: 群众追回被骗资金86万元 → 追回被骗资金
#: the urban area as a subject (市城区110报警服务台共接…), not as a breakdown's place (其中城区12起)
_LEAD_URBAN = re.compile(r"^(?:市城区|主城区|中心城区)(?=..)")
_LEAD_BENEFITED = re.compile(r"^(?:受害群众|受骗群众|群众|市民|受害人|事主)(?=追回|挽回|返还|领回|找回)")
_LEAD_TIME = re.compile(r"^(?:今年|去年|全年|当天|当日|当晚|当夜|次日|同日|其间|同期|目前|期间|以来|(?:接警|接报|接到报警|案发|到案|随)后|"
                        r"有(?![效关序力偿])(?=[\u4e00-\u9fff]{2}))")
#: a verb of arranging before the work arranged: 组织开展反诈宣传活动 → 开展反诈宣传活动
_LEAD_ORGANISE = re.compile(r"^(?:组织|部署)(?=开展|举办|实施|召开|进行)")
#: a date between the subject and its verb: 并于5月20日抓获犯罪嫌疑人2名 → 抓获犯罪嫌疑人
_LEAD_DATE = re.compile(r"^(?:于|在)?(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上?|凌晨|中午|当天|当晚)?(?=..)")
#: a named person of a case story and a note on them, before what they did or suffered: 受害人王某（女，47岁）被骗…
_LEAD_NAMED = re.compile(r"^(?:受害人|被害人|犯罪嫌疑人|嫌疑人|男子|女子|事主)?(?![在于对向为从到给将把被某一每各该本])[\u4e00-\u9fff]某某?(?:[（(][^（()）]*[)）])?(?=..)")
_POLICE_OBJECT = re.compile(r"(?:投入|出动|派出|组织|抽调|调集|配备)(?:民警|辅警)$")
_SITUATION = re.compile(r"^[^，]{1,12}?(?:中|期间|时段|时|门口|周边|沿线|附近|一带|辖区|景区)")
_TAIL_DE = re.compile(r"的$")
_TAIL_WEI = re.compile(r"(?<=[率数量额比值重度])(?:仅|约|均|已|仍|分别)?为$")
_TAIL_KEEP = re.compile(r"(?:连续[^，]{1,4}年)?(?:保持|稳定|维持|提升|上升|下降|提高|降|升|(?<!新)增|减)(?:在|至|到)?$")
#: a share of a whole: 占全部电诈案件的71.3% → 占全部电诈案件 (注册覆盖率达到常住人口的22.14% keeps 注册覆盖率)
_SHARE_OF = re.compile(r"(?P<of>(?:约占|占到|占)[^，占的]{1,14})的$")
_RATE_NOUN = re.compile(r"(?:率|占比|比例|比重|指数|满意度)(?:达到|达|为|约为)?$")
#: a preposition after its subject or before a place word: 公安部分批次对…, 对辖区…, 向全市…
_PREP_SCOPE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[\u4e00-\u9fff]{2}(?<!针)(?<!面)(?<!相))(?P<p>对|向)(?:辖区|全市|全县|全区|全省|全国|本市|本县|本区|我市|我县|我区)?$")


def _strip_prefixes(s: str, periods: list[str]) -> str:
    """Remove subjects, periods, adverbs, instruments and locatives from the start of a clause."""
    prev = None
    while s and s != prev:
        prev = s
        s = _LEAD_PUNCT.sub("", s)
        s = _LEAD_CAMPAIGN.sub("", s)  # a campaign as the subject: “夏安”行动破毒品刑事案件82起
        s = _LEAD_APPROX.sub("", s)
        s = _LEAD_NUMBERING.sub("", s)
        for p in periods:
            i = s.find(p) if p else -1
            if i == 0 or (i > 0 and len(s) - i - len(p) >= 2):
                s = s[i + len(p):]  # a time between subject and predicate: 刘某交代了自今年4月以来在…盗窃11起
        for lead in (_LEAD_SUBJECT, _LEAD_ADVERB):
            m = lead.match(s)
            if m and (len(s) > m.end() or m.group() in _WHOLE_ADVERBS):
                s = s[m.end():]  # (共计903起: 共计 goes whole, not as 共 leaving 计)
                break
        s = _LEAD_BENEFITED.sub("", s)
        s = _LEAD_URBAN.sub("", s)
        if s == prev and _leading_verb(s) is None:
            org = _ORG.match(s)
            if org and not _POLICE_OBJECT.search(org.group()):
                s = s[org.end():]  # 车管所办理… → 办理…, but not 日均投入民警 (the police are what is counted)
        if s == prev:
            # a subject ended by an adverb before the verb: 96110专线共接听… → 接听…; a topic made of verbs ends there
            # too (巡逻防控累计出动警力 → 出动警力), when the adverb is one of totals
            for adv in lx.SUBJECT_END_ADVERBS if _leading_verb(s) is None else ("累计", "共计"):
                i = s.find(adv)
                if 0 < i and _leading_verb(s[i + len(adv):]) and (i <= 6 or _leading_verb(s) is None) \
                        and "、" not in s[:i]:
                    s = s[i + len(adv):]
                    break
        s = _LEAD_NAMED.sub("", s)
        if s == prev and _leading_verb(s) is None:
            # a situational or place phrase before the verb: 夜间巡逻中为…, 上下学高峰时段投入…, 中小学门口设置…
            m = _SITUATION.match(s)
            if m:
                rest = s[m.end():]
                if rest.startswith(lx.SUBJECT_END_ADVERBS + lx.PREPOSITIONS) or _leading_verb(rest):
                    s = rest
        if s == prev and s.startswith("在"):
            # 在大街小巷累计设立… : a place phrase ends where an adverb or a verb begins
            for k in range(2, min(len(s), 14)):
                rest = s[k:]
                if rest.startswith(lx.SUBJECT_END_ADVERBS) or _leading_verb(rest):
                    s = rest
                    break
        s = _cut_phrase(s, _INSTRUMENT, longest=True)
        s = _cut_phrase(s, _LOCATIVE)
        s = _BENEFICIARY.sub("", s, count=1)
        s = _LEAD_AMONG.sub("", s, count=1)
        if s == prev:
            s = _after_opener(s)
        # a subject phrase with 的 before the main verb: 该团伙收贩的银行卡涉及… → 涉及…
        if "的" in s and _leading_verb(s) is None:
            tail = s.rsplit("的", 1)[1]
            for k in range(1, len(tail)):
                if _leading_verb(tail[k:]) and len(tail[k:]) > 2:
                    s = tail[k:]
                    break
        s = _LEAD_TIME.sub("", s)
        s = _LEAD_DATE.sub("", s)
        s = _LEAD_ORGANISE.sub("", s)
    return s


def _starts_predicate(rest: str) -> bool:
    """A verb, an adverb that opens a predicate, or a preposition before one begins here."""
    return bool(_leading_verb(rest)) or rest.startswith(lx.SUBJECT_END_ADVERBS + lx.PREPOSITIONS + ("在", "主动"))


def _cut_phrase(s: str, phrase: re.Pattern[str], longest: bool = False) -> str:
    """Drop an instrument or place phrase (依托…平台, 在…景区周边) before the predicate: at the first of its possible
    ends where a predicate begins (在高速公路出入口、国省道和景区周边设置… ends after 周边, not 景区), else at its
    shortest (a place) or longest (an instrument: 依托劝阻工作平台) end."""
    m = phrase.match(s)
    if m is None:
        return s
    ends = [k for k in range(m.end(), min(len(s), 32) + 1) if phrase.fullmatch(s, 0, k)]
    k = next((k for k in ends if _starts_predicate(s[k:])), ends[-1] if longest else 0)
    return s[k:]


def _after_opener(s: str) -> str:
    """Drop what opens a clause before its predicate: a verb of going (深入社区、学校开展… → 开展…; 深入开展… keeps
    开展…), partners (联合社区为群众… → 为群众…), the people who act (民警、网格员上门劝阻… → 上门劝阻…), a hotline
    (110接报… → 接报…)."""
    m = _LEAD_MOTION.match(s)
    if m:
        rest = s[m.end():]
        if _leading_verb(rest):
            return rest  # 深入 as an adverb
        for k in range(2, min(len(rest), 20)):
            if rest[k - 1] not in "、和及与" and _starts_predicate(rest[k:]) and len(rest) - k >= 2:
                return rest[k:]
        return s
    m = _LEAD_WILLING.match(s)
    if m:
        return s[m.end():]
    for lead in (_LEAD_PERSONS, _LEAD_HOTLINE):
        m = lead.match(s)
        if m and len(s) - m.end() >= 2 and (_leading_verb(s[m.end():]) or _LEAD_MOTION.match(s[m.end():])):
            return s[m.end():]
    return s


def _strip_suffixes(s: str) -> str:
    prev = None
    while s and s != prev:
        prev = s
        stripped = _RATIO_TAIL.sub("", s)
        s = stripped if stripped else _TAIL_DE.sub("", s)
        s = _TAIL_WEI.sub("", s)
        s = _TAIL_KEEP.sub("", s) or s
        s = _NAMES.sub("", s)
        for word in (*lx.LINKS, *lx.APPROX_BEFORE, "包括", "其中"):
            if s.endswith(word) and (len(s) > len(word) or word in lx.APPROX_BEFORE or word in ("了", "共", "累计")):
                s = s[: -len(word)]
                break
        s = s.rstrip("、，, ")
    return s


def _leading_verb(s: str) -> str | None:
    if s.startswith(("派出所", "检查站", "处置室")):
        return None  # nouns that open with a verb's characters
    for n in (4, 3, 2, 1):
        head = s[:n]
        if len(head) == n and (head in lx.VERBS or (n == 4 and head[:2] in lx.VERBS and head[2:] in lx.VERBS)):
            return head
    return None


def _is_verb_phrase(s: str) -> bool:
    """预警劝阻, 接到, 入户宣传: made only of known verbs (and 入户/上门-style adverbial verbs)."""
    if not s:
        return False
    i = 0
    while i < len(s):
        for n in (4, 3, 2, 1):
            if s[i:i + n] in lx.VERBS:
                i += n
                break
        else:
            return False
    return True


def _noun_phrase(post: str) -> str:
    """The counted noun after a measure word: up to a delimiter or a following verb; head after 的."""
    m = re.match(r"[^" + re.escape(_DELIMS) + r"、\d（(]*", post)  # a number or a bracket starts something else
    np_ = m.group() if m else ""
    if np_.startswith(lx.APPROX_AFTER):
        return ""
    for stop in lx.NP_STOPS:
        i = np_.find(stop)
        if i > 0:
            np_ = np_[:i]
        elif i == 0:
            return ""
    if "的" in np_:
        np_ = np_.rsplit("的", 1)[1]
    return np_


_SEGMENT_SPLIT = re.compile("|".join(re.escape(a) for a in lx.ADVERBS if len(a) >= 2) + "|了|共|已")


def _last_verb(s: str) -> str:
    """实施清理 → 清理: the last verb of a phrase made of verbs."""
    for k in range(len(s) - 1):
        if _is_verb_phrase(s[k:]) and s[k:] in lx.VERBS:
            return s[k:]
    return s


def _last_verb_segment(s: str) -> str:
    """成功预警劝阻 → 预警劝阻; 提前辨别骗术成功劝阻 → 劝阻; 及沿线设立 → 设立: the verb phrase at the end."""
    parts = _SEGMENT_SPLIT.split(s)
    return parts[-1] if parts else s


def _trailing_verb(s: str) -> str | None:
    """及沿线设立 → 设立: the shortest-prefix-stripped tail of ``s`` that is a verb phrase."""
    for k in range(1, len(s) - 1):
        if _is_verb_phrase(s[k:]):
            return s[k:]
    return None


@dataclass
class _Fig:
    start: int  # offsets in the sentence
    end: int
    num_start: int
    value: float | int | None
    unit: str | None
    approx: bool
    metric: Metric | None = None


#: crowds and travellers on the move are the setting: 2460余万群众有序游览, 5.2万名游客出游
_CROWD = re.compile(r"(?:名|人次|人)?(?:群众|游客|旅客|市民|乘客)(?:有序|安全|平安)?(?:游览|出游|出行|观光|参观|返乡|返程|出境|入境)")
#: places that stayed in good order or received visitors: 全国3800余个4A级以上旅游景区秩序井然, 12个景区接待游客… (the
#: setting; events secured are police work)
_PLACES_IN_ORDER = re.compile(r"[^，。；]{0,12}?(?:景区|景点|旅游区|公园|商圈|场所|车站|码头)(?:均|总体|整体)?"
                              r"(?:秩序井然|秩序良好|秩序平稳|平稳有序|安全有序|运行平稳|秩序正常)"
                              r"|[^，。；]{0,12}?(?:景区|景点|旅游区|公园)[^，。；]{0,6}?(?:接待|迎来)(?:游客|旅客)")
#: an instrument phrase: what the work relies on (依托, 借助 …) is the means, and its numbers are the setting
_MEANS = re.compile(r"(?:依托|依靠|借助|利用|通过)")
#: nouns made of a verb's characters (派出所 holds 派出): they do not make a clause a verb phrase
_NOUNS_WITH_VERBS = re.compile(r"派出所|检查站|服务站|警务站|处置室|指挥中心|反诈中心")
#: the number of the area's places among which something holds: 15个市州中有13个…
_AMONG_PLACES = re.compile(r"(?:市州|县区|县市区|区县|市县|乡镇|街道|省份|省区市|地市|市|县|区)中(?:有|的)?$")


def _excluded(sentence: str, m: re.Match[str], unit_end: int, unit: str | None, clause_start: int) -> bool:
    s, num = m.start(), m["num"]
    before = sentence[max(0, s - 1):s]
    after = sentence[unit_end:unit_end + 3]
    if before in ("第", "每") or re.match(r"[0-9\-·.．/_#:：]", before or " "):
        return True  # ordinals, codes, and rate denominators (每十万人)
    if unit == "天" and (re.search(r"(?:为期|历时|用时|仅用|长达|不到|前后|近|假期|假日|长假|黄金周|节日|期间|连休)$",
                                  sentence[clause_start:s])
                        or re.match(r"(?:内|时间|以内|之内|后|前|来|以来|左右|里|的)", sentence[unit_end:unit_end + 2])):
        return True  # 天 counts days only as a result (连续100天无命案), not as a duration (为期三天, 5天内)
    if num[0].isdigit() and re.match(r"[A-Za-z]", before or " ") and len(re.search(r"[A-Za-z]+$", sentence[:s]).group()) < 3:
        return True  # G20, 5G-style codes (a word before a count is not one: 下载注册国家反诈中心APP21.4万人)
    if re.match(r"[零〇一二两三四五六七八九十]", after[:1] or " ") or after[:1] in ("号", "批", "届", "级", "类", "代", "轮"):
        return True
    if not num[0].isdigit() and re.match(r"[百千万亿]", after[:1] or " "):
        return True  # 千家万户, 千方百计: idioms of numerals, not counts
    if after.startswith(("工作日", "小时", "分钟", "个月", "月", "年", "日", "天", "周", "秒", "以上", "以下")) and \
            (after.startswith(("工作日", "小时", "分钟", "个月", "月", "年", "日", "天", "周", "秒")) or
             "以下" in sentence[unit_end:unit_end + 12]):
        return True  # durations (7个工作日), ranges of rules (二千元以上五千元以下)
    if not num[0].isdigit() and len(num) == 1 and num in "零〇一二两三四五六七八九" and not m["approx"]:
        # 一起/两卡/三不一咨询 are articles or slogans; 抓获三名 after a verb is a count (一 never is)
        after_verb = any(sentence[max(0, s - n):s] in lx.VERBS for n in (2, 3, 4))
        clause_end = re.match(r"[，。；、！？,;]|$", after)  # 抓获犯罪嫌疑人三名，
        if num in "零〇一" or not (after_verb or clause_end):
            return True
    opening = sentence[clause_start:s]
    means = _MEANS.match(opening)
    if means and not _has_verb(_NOUNS_WITH_VERBS.sub("", opening[means.end():])):
        return True  # the means, not a result: 依托全县12个乡镇派出所、186个村网格织密防范网络
    if _AMONG_PLACES.search(opening):
        return True  # how many of the area's places: 全省15个市州中有13个电诈发案数同比下降
    if re.search(r"流量(?:达到|达|为|约|超过)?$|景区[^，]{0,8}接待(?:游客|旅客)$", opening) or _CROWD.match(sentence, unit_end) \
            or _PLACES_IN_ORDER.match(sentence, unit_end):
        return True  # traffic and passenger flows, crowds visiting, describe the setting, not police work
    listed = re.search(r"(?:[^，、\d]{2,12}、)+[^，、\d]{2,12}$", opening)
    if listed and unit not in ("人", "名") and m["num"] and \
            number_value(m["num"], None) == listed.group().count("、") + 1:
        return True  # the count of the names listed before it: 苏通大桥、崇启大桥、沪苏通大桥3座跨江大桥
    if re.match(r"[\u4e00-\u9fff]{1,6}中[，,]?[^，,。]{0,20}?(?:有|的)", sentence[unit_end:unit_end + 30]) \
            and "其中" not in sentence[unit_end:unit_end + 8]:
        return True  # the set a share is taken from: 6起事故中涉及电动自行车的有4起
    if unit == "%" and after.startswith("的") and num == "100" and not re.search(r"率|占比|比例|指数", opening):
        return True  # 100%的防护效果 (a share before its noun, 62.5%的案件…, is a figure)
    if after.startswith(("以上", "以下")) and (
            re.match(r"[\u4e00-\u9fff）)、]", sentence[unit_end + 2:unit_end + 3] or " ")
            or re.match(r"[^。；;]*?的[，,]", sentence[unit_end:])):
        return True  # a threshold or condition: 3人以上的团伙, 一次死亡5人以上事故, 纠集3人以上、多次…的
    if _RULE_CONTEXT.search(opening):
        return True
    if sentence[unit_end:unit_end + 1] == "的" and re.search(r"[\u4e00-\u9fff]" + _BEYOND + "$", opening):
        return True  # a condition on something: 单日转账超过1000元的, 年化收益率超过6%的投资项目 (超过60%的案件… is a share)
    if re.search(r"(?:在|于|涉及|辐射|分布在|遍布|波及|横跨|(?:销往|售往|运往|流向|流入|发往)[^，]{0,4})$",
                 re.sub(r"(?:全国|全省|全市|全县|全区|我市|本市)$", "", _strip_prefixes(opening, []))):
        return True  # the setting: 在286所学校开展…, 涉及全国11个省份
    if unit in ("人", "名") and re.match(r"[^，,；;。]*?(?:会议|大会)(?:[，,；;。]|$)", sentence[unit_end:]):
        return True  # the size of a meeting: 召开全市8000人推进会议
    quoted = sentence[:s].count("“") > sentence[:s].count("”") or sentence[:s].count("《") > sentence[:s].count("》")
    return quoted


def extract_metrics(text: str, published_at: str | None = None, title: str | None = None) -> list[Metric]:
    """All statistics of an article body. ``published_at`` (ISO) resolves relative periods; ``title`` may name
    the period (国庆假期全市社会治安平稳, 2023年第23周警情通报) of figures whose text does not."""
    original = text
    text = _fullwidth(text)
    pub: date | None = None
    if published_at:
        try:
            pub = date.fromisoformat(published_at[:10])
        except ValueError:
            pub = None
    ctx = DocContext(pub, campaigns=campaign_dates(text, pub))
    titled = _first_period(title or "", replace(ctx, extra={"title": True})) or _title_year(title or "", ctx) or title_campaign(title or "", ctx)
    paragraphs = _paragraphs(text)
    opening = _opening_period(paragraphs, ctx)
    if titled is None and opening is not None and opening.kind in ("week", "month"):
        ctx.titled = opening  # 本周/本月 of a periodic report whose opening names its week or month
    if titled is not None:
        ctx.titled = titled
        if titled.kind == "year" and titled.start:
            ctx.year = int(titled.start[:4])
        if titled.kind == "holiday":
            ctx.holiday = titled
    out: list[Metric] = []
    state = _State(title_topic=labels.topic_of(title or ""))
    heading: Period | None = None
    previous: Period | None = None  # the last period of the paragraph before
    for para_start, para in paragraphs:
        # the last period stated so far in this paragraph; a breakdown paragraph (其中，…) continues the one before
        last: Period | None = previous if _BREAKDOWN_PARAGRAPH.match(para) else None
        story_topic = state.topic
        # what a paragraph is about is said outside its breakdowns: 全市共破获刑事案件1263起…；其中破获电信网络诈骗
        # 案件214起 is about crime in general, the 电诈 figures a part of it
        state.topic = labels.topic_of(para if _BREAKDOWN_PARAGRAPH.match(para) else _QIZHONG_TO_END.sub("", para))
        state.last_basis = None
        state.case = state.case and bool(_STORY_GOES_ON.match(para))
        if state.case and state.topic is None:
            state.topic = story_topic  # 经查，该团伙…: a case story told on keeps the kind of crime it is about
        for offset, sentence in _sentences(para):
            if sentence.lstrip().startswith("其中"):
                state.qizhong_carry = state.qizhong_carry_labels = True
            ctx.offset = para_start + offset
            metrics, periods = _sentence_metrics(sentence, para_start + offset, ctx, state)
            state.label = _label_sentence(sentence) if not metrics else None
            fallback = last or heading or titled or opening
            for pos, met in metrics:
                period = next((p for p in reversed(periods) if p.span[0] < pos), None) or fallback
                met.sentence = original[ctx.offset:ctx.offset + len(sentence)].strip()
                if period is not None:
                    met.period_text, met.period_start, met.period_end = period.text, period.start, period.end
                    met.period_kind = period.kind
                out.append(met)
            if periods:
                last = periods[-1]
                if ctx.holiday is None:
                    ctx.holiday = next((p for p in periods if p.kind == "holiday"), None)
        if _is_heading(para):
            heading, state.heading_topic = last, state.topic
        previous = last
    labels.separate_series(out)
    for share, of in state.shares:
        if share.scope in ("total", "subgroup") and of.scope == "subgroup":
            share.scope, share.subgroup = "subgroup", of.subgroup  # 碰撞事故21起，占事故总数的44.7%
    return out


#: a paragraph that only breaks down the figures of the one before: 其中，… / 分区县来看，… / 从警情构成看，…
_BREAKDOWN_PARAGRAPH = re.compile(r"\s*(?:其中|分[^，,。]{1,8}?(?:来看|看)|从[^，,。]{1,12}?(?:来看|看)[，,])")
#: a 其中 breakdown up to the end of its sentence
_QIZHONG_TO_END = re.compile(r"其中[^。！？!?]*")
#: a paragraph that goes on with the case story of the one before it
_STORY_GOES_ON = re.compile(r"\s*(?:接警后|接报后|随后|经过|经|目前|据|办案民警|专案民警|民警|警方|案发后|到案后)")


#: ASCII punctuation as the full-width punctuation of Chinese text (many sites and copies mix them); a comma
#: between digits (1,024) stays; one character for one, so offsets do not move
_ASCII_PUNCT = re.compile(r"(?<!\d),|,(?!\d{3})|[;!?]|(?<!\d):|:(?!\d)|\(|\)")
_FULL = {",": "，", ";": "；", "!": "！", "?": "？", ":": "：", "(": "（", ")": "）"}


def _fullwidth(text: str) -> str:
    return _ASCII_PUNCT.sub(lambda m: _FULL[m.group()], text)


def _label_sentence(sentence: str) -> str | None:
    """(一)盗窃类警情。 / 1.盗窃电瓶。: a short numbered sentence that names the subject of the next one."""
    body = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*", "", sentence)
    body = body.strip().rstrip("。：:")
    return body if 2 <= len(body) <= 14 and not re.search(r"[，,；;\d【】\[\]]|(?:概况|情况|分析|特点|综述)$", body) else None


def _opening_period(paragraphs: list[tuple[int, str]], ctx: DocContext) -> Period | None:
    """The first period of the opening: the first paragraph, or the first one after its headings (一、市城区警情)."""
    for _, para in paragraphs:
        found = _first_period(para, replace(ctx, extra={}))
        if found is not None or not _is_heading(para):
            return found
    return None


def _title_year(title: str, ctx: DocContext) -> Period | None:
    """A title opening with a year names the year it reviews: 2023年聊城开展…行动，找回159人."""
    m = re.match(r"\s*((?:19|20)\d{2})年(?!\d|[一二三四五六七八九十]+月|第)", title)
    if m is None:
        return None
    y = int(m.group(1))
    dates = (date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat()) if ctx.pub else (None, None)
    return Period(m.group().strip(), *dates, "year", m.span())


def _first_period(text: str, ctx: DocContext) -> Period | None:
    for _, sentence in _sentences(text):
        found = find_periods(sentence, ctx)
        if found:
            return found[0]
    return None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_heading(para: str) -> bool:
    """二、上半年主要工作成效: a short line without a full stop heads the paragraphs under it."""
    body = para.strip()
    return len(body) <= 30 and not re.search(r"[。！？!?；;]", body)


@dataclass
class _State:
    """What the figures of earlier sentences leave for later ones."""

    prev: str | None = None      # indicator of the previous figure
    last: Metric | None = None   # the previous figure (the parent of a "其中，" sentence's first figure)
    recent: list[Metric] = field(default_factory=list)  # the figures before (a 其中 breakdown's parent is among them)
    qizhong_carry_labels: bool = False
    topic: str | None = None          # the category the paragraph is about
    heading_topic: str | None = None  # … its heading
    title_topic: str | None = None    # … the title
    case: bool = False                # inside a case story (until the paragraph ends)
    #: (share or casualties, the figure they are of): they keep that figure's subgroup once figures are told apart
    shares: list[tuple[Metric, Metric]] = field(default_factory=list)
    section: str = ""                 # the field of work the sentence opens with: 在禁毒宣传方面，…
    label: str | None = None          # a short sentence naming what the next one counts: (一)盗窃类警情。
    last_basis: str | None = None     # the last comparison basis stated in the paragraph (同比, 较去年同期 …)
    named_part: str | None = None     # the named part a 其中 sentence breaks down (其中，“夏安”行动…)
    parent: str | None = None    # indicator of the last figure that is not a place breakdown
    qizhong_carry: bool = False
    #: (indicator, unit) of recent figures that head a breakdown, newest last
    heads: list[tuple[str, str | None]] = field(default_factory=list)

    def parent_for(self, unit: str | None) -> str | None:
        """The breakdown's parent: the latest head with the same unit (其中顺庆区7起 → the 起 figure)."""
        for indicator, u in reversed(self.heads[-6:]):
            if u == unit:
                return indicator
        return self.parent


def _has_verb(s: str) -> bool:
    return any(s[i:i + n] in lx.VERBS for n in (4, 3, 2) for i in range(len(s) - n + 1))


def _names_place(clause: str) -> bool:
    """城区派出所破获…, 青山区… open with a place of their own; 占全市的 (a share of the whole) does not."""
    pm = _PLACE_HEAD.match(clause)
    return bool(pm) and not re.search(r"了|的|全|我|本", pm["place"])


def _strip_places(indicator: str, places: list[str]) -> str:
    """章贡区、南康区、赣县区刑事案件破案率 → 刑事案件破案率."""
    m = _PLACE_LIST.match(indicator)
    if m:
        indicator = indicator[m.end():]
    for p in places:
        if indicator.startswith(p):
            indicator = indicator[len(p):]
    return indicator.lstrip("、，")


#: the people counted, then what was done to them: 4人已被依法刑事拘留
_PASSIVE = re.compile(r"(?:均|都|已|已经|先后|全部|依法)*被(?:依法)?(?P<verb>[^，。；！？、\d]{2,8})")
#: verbs that need an object to say what they count (破案, 立案 hold theirs)
_NEEDS_OBJECT = frozenset(("破获", "侦破", "侦办", "查处", "查获", "抓获", "接报", "受理", "办结", "处置"))
#: a police station or sub-bureau opening a breakdown's clause: the part of the area it covers
_STATION_PLACE = re.compile(r"[\s，,、；;]*(?:其中[，,]?)?(?P<place>[\u4e00-\u9fff]{2,8}?(?:派出所|公安分局|分局))(?P<rest>.*)$")
#: a clause that only says the figure after it is an average of the one before: ，日均2262起 / （日均8.1起）
_AVERAGE_ONLY = re.compile(r"[（(，,、；;\s]*(?P<avg>日均|月均|周均|平均每天|平均每日|平均|每日|每天)(?:约|达|为)?")


def _indicator(raw_pre: str, post: str, periods: list[str], state: _State, in_breakdown: bool,
               chained: bool = False, unit: str | None = None) -> tuple[str, str | None]:
    """(indicator, place) of a figure from the clause text before it and the text after its unit."""
    average = _AVERAGE_ONLY.fullmatch(raw_pre)
    if average and state.prev:
        return average["avg"] + state.prev, None  # 接报各类警情15836起，日均2262起 / 57起（日均8.1起）: its average
    if unit == "%" and re.search(r"(?:分别|均|约)?占$", raw_pre):
        # 刷单返利类案件占发案总数的32.5%；虚假投资理财类、冒充客服类分别占21.4%、17.3%: the whole the shares before named
        return next((h for h, u in reversed(state.heads[-8:]) if h.startswith("占") and u == "%"), "占"), None
    share = _SHARE_OF.search(raw_pre)
    if share and unit == "%" and not _RATE_NOUN.search(raw_pre[:share.start()]) \
            and not re.search(r"[量数]$", raw_pre[:share.start()]):  # (注册量占全市常住人口的22.14% keeps 注册量)
        return share["of"], None  # 三类案件占全部电诈案件的71.3% → 占全部电诈案件 (a ratio noun keeps its name)
    station = _STATION_PLACE.match(raw_pre) if in_breakdown else None
    if station and (not station["rest"] or _starts_predicate(station["rest"])):
        # 其中，城关派出所破获38起: in a breakdown a station or sub-bureau is the part of the area, not the subject
        indicator, place = _indicator(station["rest"], post, periods, state, in_breakdown, chained, unit)
        if _is_verb_phrase(indicator):
            indicator = next((h for h, _ in reversed(state.heads) if h.startswith(indicator)), indicator)
        return indicator or state.parent_for(unit) or "", place or station["place"]
    pre = _strip_suffixes(_strip_prefixes(raw_pre, periods))
    if unit == "%" and "的" in pre and _RATE_NOUN.search(pre) and len(pre.rsplit("的", 1)[1]) >= 2:
        pre = pre.rsplit("的", 1)[1]  # 该时段发生的亡人事故占比达38.3% → 亡人事故占比
    place = None
    pm = _PLACE_HEAD.match(pre)
    if pm and re.search(r"了|的|全|我|本", pm["place"]):
        pm = None  # 确保了全县…: a clause, not a place
    if pm and not (in_breakdown or not pm["rest"]) and pm["place"].endswith(("市", "县", "区", "州", "旗")) \
            and not pm["place"].endswith(("社区", "小区", "辖区", "景区", "园区", "城区", "警务区", "街区")) \
            and _leading_verb(pm["place"]) is None and len(pm["rest"]) >= 2 and not pre.startswith(("全市", "全县", "全区", "全省", "我市", "我县")):
        # 绵阳市已建成…, 蚌埠市电信网络诈骗警情数: the city is the subject, not part of the indicator
        pre = _strip_suffixes(_strip_prefixes(pm["rest"], periods))
        pm = None
    if pm and (in_breakdown or not pm["rest"]) and _leading_verb(pm["place"]) is None \
            and not pm["place"].endswith(("社区", "小区", "辖区", "警务区")) \
            and not pre.startswith(("全市", "全县", "全区", "全省", "我市", "我县")):
        # 其中城区12起 / 古陶镇走访群众六百余户 / 青山区破获187起
        place, pre = re.sub(r"^(?:省会|首府|省城)(?=..)", "", pm["place"]), _strip_prefixes(pm["rest"], periods)  # (柳江区、柳城县分别发生… → 发生…)
        if not pre:
            return state.parent_for(unit) or "", place
        verb = _leading_verb(pre)
        if verb == pre and state.prev and state.prev.startswith(verb):
            return state.prev, place
    passive = _PASSIVE.match(post) if unit in ("人", "名") else None
    if passive and _leading_verb(passive["verb"]):
        return "被" + passive["verb"], place  # 犯罪嫌疑人王某等4人已被依法刑事拘留 → 被刑事拘留: what befell them
    noun = _noun_phrase(post)
    clause = re.sub(r"了", "", re.match(r"[^" + re.escape(_DELIMS) + r"]*", post).group())
    if unit == "%" and post.startswith("的") and not re.search(r"率|占比|比例|指数", pre):
        return post[1:len(clause)], place  # a share before its noun: 62.5%的案件发生在夜间 → 案件发生在夜间
    prep = _PREP_SCOPE.search(pre)
    if prep and clause:
        pre = prep["p"]  # 对辖区312家运输企业… / 公安部分批次对780起重大案件…: what precedes the preposition is its subject
        if pre == "对":
            # 对312家运输企业开展安全检查 → 开展安全检查: the verb phrase after the targets counted
            tail = clause.rsplit("的", 1)[-1]
            for k in range(2, len(tail) - 1):
                if _leading_verb(tail[k:]):
                    if _is_verb_phrase(tail[k:]):
                        # 对1.2万张涉诈银行卡、电话卡实施清理 → 清理涉诈银行卡、电话卡: a bare verb acts on the targets
                        return _last_verb(tail[k:]) + re.sub(r"(?:实施|进行|予以|给予|依法)+$", "", tail[:k]), place
                    return tail[k:], place
    if pre in lx.PREPOSITIONS and clause and _has_verb(clause):
        # 向1001名潜在受害群众发出预警 → 向潜在受害群众发出预警 (up to a next number: 为120余名群众追回被骗资金86万元)
        return pre + re.split(r"\d|[一二两三四五六七八九十百千]+(?:余|多)?(?:万|亿)?元", clause)[0], place
    if pre in ("", "有", "共有", "其中有", "连续") and clause and _has_verb(clause):
        head = clause.rsplit("的", 1)[1] if "的" in clause else clause
        return head, place  # 12.7万名志愿者参与入户宣传 → 志愿者参与入户宣传
    if pre in _SUBJECT_WORDS or pre == "的":
        pre = ""  # 该省98场次各类大型群众性活动…: a subject alone is not what is counted (nor 今年以来的8起命案's 的)
    if not pre and noun and re.search(r"[\u4e00-\u9fff]", raw_pre):
        return noun, place  # a clause of its own whose subject was dropped: 全市337场大型活动平安有序
    if pre.endswith("的") and noun and _is_verb_phrase(pre[:-1]):
        return pre[:-1] + noun, place  # 全省举办的312场大型活动安全有序 → 举办大型活动
    if not pre and noun and clause.startswith(noun + "、") and not re.search(r"\d", clause):
        return clause, place  # 23名民警、辅警因公负伤: the listed people and what befell them
    if not pre or pre.endswith("的"):
        verb = _leading_verb(state.prev or "") if pre.endswith("的") or not pre else None
        if verb and noun:
            return verb + noun, place
        return (pre.rstrip("的") + noun) if noun else pre.rstrip("的"), place
    examples = re.search(r"、[^，、]{1,10}等$", pre)
    if examples and noun:
        # examples of the noun counted after the number: 完成龙舟赛、美食节等11场大型活动安保任务 → 完成大型活动…
        head = pre[:examples.start()]
        verbs = [i + len(v) for i in range(len(head)) for v in (head[i:i + 2], head[i:i + 3]) if v in lx.VERBS]
        if verbs:
            pre = _strip_suffixes(head[:max(verbs)])
    cause = re.search(r"(?:造成|致使|导致|致)$", pre)
    if cause and noun:
        return cause.group() + noun, place  # 发生交通事故致3人死亡: the people the accident caused to die
    seg = _last_verb_segment(pre)
    if noun and not _is_verb_phrase(seg) and _trailing_verb(seg) and not _has_verb(seg[:len(seg) - len(_trailing_verb(seg))]):
        seg = _trailing_verb(seg)  # 景区及沿线设立了42个旅游警务服务站 → 设立旅游警务服务站
    if _is_verb_phrase(seg) and (noun or not re.match(r"[\u4e00-\u9fff]", post[:1] or " ")):
        if not noun and state.prev and state.prev.startswith(seg) and len(state.prev) > len(seg) and raw_pre[:1] in "、，,":
            return state.prev, place  # 青山区破获187起: the object is the previous figure's
        if not noun and seg == pre and seg in _NEEDS_OBJECT and chained and state.heads:
            # 共立经济犯罪案件186起，破获153起: a verb without its object counts what the figure before counted
            before, before_unit = state.heads[-1]
            verb = _leading_verb(before)
            if verb and len(before) > len(verb) + 1 and \
                    _COUNT_UNITS.get(before_unit, before_unit) == _COUNT_UNITS.get(unit, unit):
                return seg + before[len(verb):], place
        return seg + noun, place  # number before the object: 设立了9.2万个街面宣传点位
    prev_verb = _leading_verb(state.prev or "")
    # a 其中 breakdown names the kind as written (其中醉驾1026起 → 醉驾): its verb and column are its parent's, which
    # the labels carry (rule 6); only a chain outside a breakdown borrows the verb (查扣电脑主机5台，卡池7台 → 查扣卡池)
    if (prev_verb and not in_breakdown and _leading_verb(pre) is None and not _has_verb(pre) and len(pre) <= 8
            and not re.search(r"[率数量额比值度]$|指数$|安全感$|相比|同比|环比|^(?:死亡|受伤|伤亡|涉案|涉及|损失|被骗)|(?:金额|流水|价值|损失)$", pre)
            and (chained or raw_pre[:1] in ("、", "，", ","))
            # a clause of its own: a preposition or an adverb opens a new predicate (为群众办实事好事300余件,
            # 已判决…案件63件), 占 a share
            and not re.match(r"[、，,\s]*(?:为|向|对|给|已|又|还|另|占)", raw_pre)):
        return prev_verb + pre, place  # 查扣电脑主机5台，卡池7台
    return pre, place


def _clause_start(sentence: str, pos: int, floor: int) -> int:
    """Where the clause of ``pos`` begins; a comma inside brackets (王某（女，47岁）被骗63万元) ends none."""
    i, depth = pos, 0
    while i > floor:
        ch = sentence[i - 1]
        if ch in "）)":
            depth += 1
        elif ch in "（(" and depth:
            depth -= 1
        elif ch in _DELIMS and not depth:
            break
        i -= 1
    return i


def _sentence_metrics(sentence: str, offset: int, ctx: DocContext, state: _State
                      ) -> tuple[list[tuple[int, Metric]], list[Period]]:
    changes = _find_changes(sentence)
    change_spans = [(c.start(), c.end()) for c in changes]
    basis_spans = [c.span("basis") for c in changes if c.m["basis"]]
    heads = _basis_heads(sentence)
    basis_spans += [h.span("b") for h in heads]
    periods = find_periods(sentence, ctx, basis_spans)
    period_texts = [p.text for p in periods]

    figs: list[_Fig] = []
    for m in NUMBER_RE.finditer(sentence):
        s = m.start()
        if any(cs <= s < ce for cs, ce in change_spans) or any(p.span[0] <= s < p.span[1] for p in periods):
            continue
        rest = sentence[m.end():]
        um = _UNIT_RE.match(rest)
        unit = um.group() if um else None
        if unit is None and not (m["mag"] or m["mag2"]):
            continue
        if unit is None and not re.match(r"[\u4e00-\u9fff]", rest[:1] or " "):
            continue
        value = number_value(m["num"], (m["mag"] or "") + (m["mag2"] or ""))
        if value is None:
            continue
        unit_end = m.end() + (len(unit) if unit else 0)
        if _excluded(sentence, m, unit_end, unit, _clause_start(sentence, s, 0)):
            continue
        if unit in lx.MONEY:
            value, unit = value * lx.MONEY[unit], "元"
        approx = bool(m["approx"]) or sentence[max(0, s - 2):s].endswith(lx.APPROX_BEFORE) \
            or sentence[unit_end:].startswith(lx.APPROX_AFTER)
        figs.append(_Fig(s, unit_end, s, clean_value(value), unit if unit is not None else "", approx))

    # comparisons: attach to the figures before them, or stand alone
    attach: dict[int, tuple[str, str, float | int | None, str | None]] = {}
    alone: list[tuple[_Change, int, int, float | int | None, str | None]] = []
    # a change stated without its basis takes the last one stated before it in its paragraph: 与去年同期相比，…；
    # …较去年春节期间均有所下降。除…外，刑事类警情…分别下降37.6%、29.1%
    stated = [(m.start(), m.group("b")) for m in _BASIS_MENTION.finditer(sentence)]
    for c in changes:
        basis = c["basis"] or next((b for pos, b in reversed(stated) if pos < c.start()), None) or state.last_basis
        vals = c.vals
        before = [i for i, f in enumerate(figs) if f.end <= c.start() and i not in attach]
        direction = _direction(c["dir"])
        # the change names its own subject (…5455起，刑事警情和治安警情同比分别下降…): change rows, not the levels'
        # (only the last clause counts: 造成3人死亡，同比分别下降… has none of its own)
        own_subject = bool(before) and bool(re.search(r"[\u4e00-\u9fff]{2}", re.sub(
            r"分别|均|其中|同时|以上|左右", "", re.split(r"[，,；;]", sentence[figs[before[-1]].end:c.start()])[-1])))
        if (len(vals) > 1 or c["dist"]) and not own_subject:
            targets = before[-len(vals):] if len(before) >= len(vals) else []
            if targets:
                for i, (_, tok) in zip(targets, vals, strict=True):
                    v, u = _parse_value(tok)
                    attach[i] = (basis, direction, v, u)
                continue
        if before:
            last = before[-1]
            between = sentence[figs[last].end:c.start()]
            close = re.match(r"\s*[）)]", between)
            if close and len(before) > 1 and re.search(r"[（(][^（()）]*$", sentence[figs[before[-2]].end:figs[last].start]):
                # 57起（日均8.1起），环比下降12.3%: a figure in brackets explains its level; the change is the level's
                last, between = before[-2], between[close.end():]
            elif len(before) > 1 and _AVERAGE_ONLY.fullmatch(sentence[figs[before[-2]].end:figs[last].start]) \
                    and re.fullmatch(r"[，,\s]*", between):
                last = before[-2]  # 接报警情6120起，日均874起，环比下降2.3%: so is an average said in passing
            counted = _noun_phrase(between)  # the noun a number before it counts: 造成2人死亡，同比减少1人
            if counted and between.startswith(counted):
                between = between[len(counted):]
            # an alternative measure word in brackets: 签发出入境证件9.8万本（张），同比增长143.6%
            between = re.sub(r"^[（(][^\d（()）]{1,4}[)）]", "", between)
            if re.fullmatch(r"[，,、\s（(]*(?:左右|以上)?[，,、\s]*", between):
                v, u = _parse_value(vals[0][1]) if vals else (None, None)
                attach[last] = (basis, direction, v, u)
                continue
        for pos, tok in vals:
            v, u = _parse_value(tok)
            alone.append((c, pos, pos + len(tok.rstrip()), v, u))

    # indicators, in order, so chained clauses can borrow the previous verb
    metrics: list[tuple[int, Metric]] = []
    breakdown: set[int] = set()  # index of the figures inside a 其中 breakdown
    labelled: set[int] = set()  # … of those whose subject is the section label before (1.盗窃电瓶。本月环比上升…)
    bracketed_at: set[int] = set()  # … of the kinds counted in brackets
    last_place: tuple[str, int] | None = None  # the place a breakdown named last, and where
    clauses: dict[int, str] = {}  # index → the clause before the figure (日均, 每天 … are not in the indicator)
    floor = 0
    group: dict | None = None  # an open 分别 list: {"indicator", "places", "n"}
    qizhong = sentence.find("其中")
    if state.qizhong_carry and qizhong < 0:
        qizhong = 0
    # each 其中 opens a breakdown up to a ；-clause with a verb of its own
    spans = [(q, _breakdown_end(sentence, q)) for q in
             sorted({*(m.start() for m in re.finditer("其中", sentence)), *([qizhong] if qizhong >= 0 else [])})]

    speaker = _SPEAKER.match(sentence)  # 周建平：从今年以来的发案类型看，… (an answer in an interview)
    by_place = bool(_BY_PLACE.match(sentence, speaker.end() if speaker else 0))  # 分地区看，…: places broken down
    section = _SECTION.match(sentence)
    state.section = section["field"] if section else ""
    by_kind = not by_place and bool(_BY_KIND.match(sentence, speaker.end() if speaker else 0))  # 从诈骗类型看，…: each figure is of one kind

    def broken_down(pos: int) -> bool:
        return any(q < pos < e for q, e in spans)

    def opener(pos: int) -> int:
        """Where the (innermost) 其中 that breaks ``pos`` down stands (a bracketed kind: where it stands)."""
        return max((q for q, e in spans if q < pos < e), default=pos)
    for i, f in enumerate(figs):
        cstart = _clause_start(sentence, f.start, floor)
        raw_pre = sentence[cstart:f.start]
        post = sentence[f.end:]
        place = None
        bracketed = _bracketed_kind(raw_pre) if post.startswith(("）", ")")) else None
        if bracketed:
            # a kind and its count in brackets: 主要类型为刷单返利类（15起）、虚假投资理财类（9起） — a breakdown
            group = None
            indicator = bracketed
            breakdown.add(len(metrics))
            bracketed_at.add(len(metrics))
        elif group is not None and re.fullmatch(r"[、和及与，,\s]*", raw_pre):
            indicator = group["indicator"]
            places = group["places"]
            place = places[group["n"]] if places and group["n"] < len(places) else None
            group["n"] += 1
        else:
            group = None
            indicator, place = _indicator(raw_pre, post, period_texts, state,
                                          in_breakdown=broken_down(f.start) or by_place,
                                          chained=i > 0 and (sentence[cstart - 1:cstart] in ("，", "、", ",") or raw_pre[:1] in ("（", "(")),
                                          unit=f.unit)
            if re.fullmatch(r"(?:分别|均)?(?:为|是|达|达到)?", indicator):
                # the subject is in the clause before: A市、B市破案数居前两位，分别为236起、198起 / 虚假投资理财类
                # 诈骗损失金额最高，达986万元
                indicator = _subject_before(sentence, cstart, period_texts) or indicator
                if f.unit != "%":
                    indicator = re.sub(r"(?<=..)(?:占比|比重|比例)$", "", indicator)  # 侵财类警情占比最高，共1108起
            if "分别" in raw_pre:
                lists = [m for m in _PLACE_LIST.finditer(sentence[:f.start])]
                places = lists[-1].group().split("、") if lists else []
                indicator = _strip_places(indicator, places)
                if not places:
                    # 东平区…318起、西岭区276起、青山县203起，分别占全市的25.2%、21.9%和16.1%: each value of the list
                    # is about the place of the figure before it in the same order
                    n = 1 + next((k for k, g in enumerate(figs[i + 1:]) if not re.fullmatch(
                        r"[、和及与，,\s]*", sentence[figs[i + k].end:g.start])), len(figs) - i - 1)
                    named = [m.place for _, m in metrics if m.place]
                    places = named[-n:] if len(named) >= n > 1 else []
                # the places were the subject: what is left may open with the list's adverb (分别发生亡人事故)
                indicator = re.sub(r"^(?:分别|均|各)(?=..)", "", indicator)
                if places and _is_verb_phrase(indicator):
                    # 三市…分别破获2316起: what they solved is what the figure before counted (破获电信网络诈骗案件)
                    indicator = next((h for h, _ in reversed(state.heads) if h.startswith(indicator)
                                      and len(h) > len(indicator)), indicator)
                group = {"indicator": indicator, "places": places, "n": 1}
                place = places[0] if places else None
        if place is None and last_place and broken_down(f.start) and "；" not in sentence[last_place[1]:f.start] \
                and not _names_place(_strip_prefixes(raw_pre, period_texts)):
            place = last_place[0]  # 其中，青阳市破获电诈案件4120起，抓获犯罪嫌疑人5630名: the same place's figures
        if place is not None:
            last_place = (place, f.end)
        if state.label and _is_verb_phrase(indicator):
            indicator += state.label  # （一）盗窃类警情。本周接报13起 → 接报盗窃类警情
            labelled.add(len(metrics))
        inherited = place is not None and indicator == state.parent_for(f.unit)
        if not inherited:
            state.parent = indicator  # a breakdown item with its own indicator heads the items after it
            state.heads.append((indicator, f.unit))
        state.prev = indicator
        floor = f.end
        counted = _noun_phrase(post)
        if counted and post.startswith(counted) and indicator.endswith(counted):
            floor += len(counted)  # the noun counted after the number (造成214人死亡、1397人受伤) opens no next clause
        if broken_down(f.start):
            breakdown.add(len(metrics))
        clauses[len(metrics)] = raw_pre
        metrics.append((f.start, Metric(
            indicator=indicator, value=f.value, unit=f.unit, approximate=f.approx,
            change_basis=None, change_direction=None, change_value=None, change_unit=None,
            period_text=None, period_start=None, period_end=None, place=place,
            sentence=sentence.strip(), span_start=offset + f.start, span_end=offset + f.end)))
        if i in attach:
            b, d, v, u = attach[i]
            metrics[-1][1].change_basis, metrics[-1][1].change_direction = b, d
            metrics[-1][1].change_value, metrics[-1][1].change_unit = v, u
    if stated:
        state.last_basis = stated[-1][1]
    # a sentence that is only "其中，" + breakdown continues the previous sentence's figure
    state.qizhong_carry = False

    last_alone: str | None = None
    by_change: dict[int, list] = {}
    for item in alone:
        by_change.setdefault(item[0].start(), []).append(item)
    for items in by_change.values():
        c = items[0][0]
        cstart = _clause_start(sentence, c.start(), 0)
        if _RULE_CONTEXT.search(sentence[cstart:c.start()]):
            continue  # a target (力争…同比下降10%以上) is not a result
        pre = _strip_suffixes(_strip_prefixes(sentence[cstart:c.start()], period_texts))
        head = next((h for h in heads if pre.startswith(h["b"])), None)
        if head:
            pre = pre[len(head["b"]):].lstrip("，,")
            pre = _strip_suffixes(_strip_prefixes(pre, period_texts))
        pre = re.sub(r"^(?:分别|均|各|都)$", "", pre)
        change_place = None
        pm = _PLACE_HEAD.match(pre)
        if pm and pm["place"].endswith(("市", "县", "区", "州", "旗")) and not re.search(r"了|的|全|我|本", pm["place"]) \
                and not pm["place"].endswith(("社区", "小区", "辖区", "景区", "园区", "城区", "街区")) \
                and (0 <= qizhong < c.start() or by_place or _WHOLE_AREA.search(sentence[:cstart])):
            # a part of the area after the whole (全省…；北山市盗窃案件发案数同比下降26.8%, 其中南坪市降幅达34.7%)
            change_place, pre = pm["place"], pm["rest"]
        if not pre and last_alone:
            pre = last_alone  # 侵财类警情同比下降17.6%，环比下降8.9%
        if not pre:
            pre = _subject_before(sentence, cstart, period_texts) or state.label or ""
        by_label = bool(state.label) and pre == state.label
        last_alone = pre
        parts = _split_list(pre, len(items))
        if "流量" in pre:
            continue  # changes of traffic flows describe the setting, as their levels do
        for k, (_, pos, end_, v, u) in enumerate(items):
            name = parts[k]
            approx = sentence[end_:].startswith(lx.APPROX_AFTER)
            if broken_down(pos):
                breakdown.add(len(metrics))
            if by_label:
                labelled.add(len(metrics))
            clauses[len(metrics)] = sentence[cstart:c.start()]
            metrics.append((pos, Metric(
                indicator=name, value=None, unit=None, approximate=approx,
                change_basis=c["basis"] or next((b for p, b in reversed(stated) if p < c.start()), None)
                or state.last_basis,
                change_direction=_direction(c["dir"]), change_value=v, change_unit=u,
                period_text=None, period_start=None, period_end=None, place=change_place,
                sentence=sentence.strip(), span_start=offset + pos, span_end=offset + end_)))

    in_breakdown = {id(metrics[i][1]) for i in breakdown}
    by_label = {id(metrics[i][1]) for i in labelled}
    bracketed_ids = {id(metrics[i][1]) for i in bracketed_at}
    named = _NAMED_PART.match(sentence)
    state.named_part = named.group(1) if named else None
    clause_of = {id(metrics[i][1]): text for i, text in clauses.items()}
    metrics.sort(key=lambda x: x[0])
    # a story told after a ； does not make the figures of the clauses before it case details (…共发案271起，占发案
    # 总数的64.1%；单笔损失最高的一起为…，受害人王某被骗63万元)
    story = _CASE.search(sentence)
    in_story = state.case
    story_from = 0 if in_story or story is None else sentence.rfind("；", 0, story.start()) + 1
    parent = state.last if state.qizhong_carry_labels else None
    earlier: list[Metric] = list(state.recent) if parent else []
    before = len(earlier)  # the figures of earlier sentences (only for a 其中 sentence's parent)
    first_parent: Metric | None = None  # what a 其中 sentence's first item breaks down
    main: Metric | None = None  # the last figure of the sentence outside a breakdown
    for _, met in metrics:
        if id(met) not in in_breakdown and main is not None and earlier and id(earlier[-1]) in in_breakdown:
            # after a breakdown the chain goes on from the figure broken down, not from its last item (…其中电信网络
            # 诈骗犯罪嫌疑人211名；打掉犯罪团伙17个 is no count of telecom-fraud gangs)
            parent = main
        # a breakdown's parent has its unit (其中刷单返利类诈骗132起 breaks down 接报…386起, not 损失2140万元)
        if id(met) in in_breakdown and met.value is not None:
            # within its sentence first; before it only for the sentence's first figure (…173起，查处违法人员628人
            # continues 173起, not a 名 figure of the paragraph before)
            family = _COUNT_UNITS.get(met.unit, met.unit)
            # (an average is never what a breakdown breaks down: 57起（日均8.1起）。其中盗窃类警情41起… is of the 57)
            same_unit = [p for p in earlier if p.value is not None and _COUNT_UNITS.get(p.unit, p.unit) == family
                         and not (p.measure == "rate" and p.unit != "%")]
            # the figure broken down, not an earlier item of the same breakdown (其中，侦办…9起；侦破洗钱案件11起
            # breaks down 立经济犯罪案件142起)
            at = opener(met.span_start - offset)
            in_sentence = [p for p in same_unit if p in earlier[before:] and p.span_start - offset < at
                           and id(p) not in bracketed_ids]  # (刷单返利类（21起）、冒充客服类（12起）: siblings)
            if in_sentence:
                parent = in_sentence[-1]
            elif len(earlier) == before:
                parent = first_parent = (same_unit or [parent])[-1]
            elif state.named_part:
                # a later item of a named part (其中，“夏安”行动…，抓获…105人) breaks down the same count
                items = [p for p in same_unit if p in earlier[before:]]
                parent = next((p for p in reversed(same_unit) if p.indicator == met.indicator), None) \
                    or (items or [parent])[-1]
            elif (first_parent is not None and first_parent in same_unit) or id(met) in bracketed_ids:
                parent = first_parent
        previous = earlier[-1] if len(earlier) > before else None
        state.case = in_story or (story is not None and met.span_start - offset >= story_from)
        _label(met, parent, id(met) in in_breakdown, state, clause_of.get(id(met), ""), previous=previous,
               sentence_so_far=tuple(earlier[before:]))
        if (by_kind or id(met) in by_label) and met.scope == "total":
            # (a numbered section naming a kind, （一）盗窃类警情。…, goes through kinds as 从…类型看 does)
            _kind_item(met, previous, state.recent)
        earlier.append(met)
        parent = met
        if id(met) not in in_breakdown:
            main = met
    state.case = in_story or story is not None
    if metrics:
        state.last = metrics[-1][1]
        state.recent = (state.recent + [m for _, m in metrics])[-12:]
    state.qizhong_carry_labels = False
    return metrics, periods


def _kind_item(met: Metric, previous: Metric | None, earlier: list[Metric]) -> None:
    """A figure of a sentence that goes through kinds (从诈骗类型看，刷单返利类发案97起，占比33.9%): a share follows the
    figure it is a share of (told apart later if that one is); another rate is a kind's rate; a level is a kind of
    an earlier figure of its column, unless its own category makes it a total there (从案件类别看，盗窃案件28起)."""
    share = met.measure == "rate" and re.match(r"占", met.indicator) and previous is not None \
        and previous.value is not None and previous.unit != "%"
    if share:
        return
    family = _COUNT_UNITS.get(met.unit, met.unit) if met.value is not None else "Δ"
    column = [p for p in earlier if (p.category, p.measure) == (met.category, met.measure) and p.scope == "total"
              and (_COUNT_UNITS.get(p.unit, p.unit) if p.value is not None else "Δ") in (family, "Δ")]
    if met.measure == "rate" or (column and met.indicator != column[-1].indicator):
        met.scope, met.subgroup = "subgroup", labels.kind_of(met.indicator)


def _breakdown_end(sentence: str, qizhong: int) -> int:
    """Where a 其中 breakdown ends: at a ；-clause that opens with a verb of its own (…其中刑事拘留874人；查处治安
    案件2918起，行政拘留1147人), or a ，-clause with a verb after items that have none (其中刑事警情9起、治安警情41起，
    现场调解各类纠纷63起); not at one that names a further kind (其中，刑事警情18起…；治安警情57起) or goes
    on with the first item's verb (其中，侦破食品安全犯罪案件34起…；侦破药品犯罪案件19起)."""
    if qizhong < 0:
        return -1
    opening = re.match(r"[^，。；！？]*", sentence[qizhong + 2:].lstrip("，, ")).group()
    first = _strip_prefixes(opening, [])
    pm = _PLACE_HEAD.match(first)
    if pm and _leading_verb(pm["rest"]):
        first = pm["rest"]  # 其中，青阳市破获…: the items' verb comes after their place
    items_verb, items_unit = _leading_verb(first), _count_family(sentence[qizhong:])
    for m in re.finditer(r"[；，]", sentence[qizhong:]):
        at = qizhong + m.end()
        verb = _leading_verb(_strip_prefixes(re.match(r"[^，。；！？]*", sentence[at:]).group(), []))
        if m.group() == "，" and items_verb is not None:
            continue  # items with verbs go on past commas (其中，侦破…41起，捣毁…17处，查扣…3.8吨)
        if _STATION_PLACE.match(sentence, at) and _STATION_PLACE.match(opening):
            continue  # 其中，城南派出所破获…；新桥派出所开展…: station after station, each its part of the area
        if verb and verb != items_verb and (items_verb is None or _count_family(sentence[at:]) != items_unit):
            return at  # (其中，侦办非法集资案件9起…；侦破洗钱案件11起 goes on: items with verbs, the same kind of count)
    return len(sentence)


def _count_family(text: str) -> str | None:
    """The kind of count (起/件/宗 → 起, 人/名 → 名 …) of the first figure in ``text``."""
    for m in NUMBER_RE.finditer(text):
        um = _UNIT_RE.match(text, m.end())
        if um:
            return _COUNT_UNITS.get(um.group(), um.group())
    return None


#: a sentence that breaks the figures down by place: 分地区看，… / 从区域分布看，…
_BY_PLACE = re.compile(r"\s*(?:(?:分|从)[^，,。]{0,4}?(?:地区|区域|地域|县区|区县|市州|县市区|各地|辖区|各县区|各区|各县|各市|"
                       r"各分局|各派出所)(?:[（(][^）)]{1,8}[）)])?(?:分布|情况)?(?:来)?看|各(?:地|区|县|市|县区|县市区|区县|市州|分局|派出所)中)[，,]")
#: who speaks, opening an answer: 周建平：…
_SPEAKER = re.compile(r"\s*[^，,。；：:]{2,8}[：:]")
#: a sentence that opens with its field of work: 在禁毒宣传方面，… / 交通管理方面，…
_SECTION = re.compile(r"\s*在?(?P<field>[^，,。；]{1,12}?)方面[，,]")
#: a sentence that goes through the kinds of what was counted: 从诈骗类型看，… / 从受害群体看，… / 从时段分布看，…
_BY_KIND = re.compile(r"\s*(?:从|分)[^，,。]{0,10}?(?:类型|类别|种类|构成|形态|特点|特征|群体|人群|对象|时段|年龄|性别|"
                      r"手段|方式|领域|行业|渠道|部位)(?:分布|情况)?(?:来)?看[，,]")
#: what introduces the kinds of a breakdown: 主要类型为, 主要为, 多为, 包括
_KINDS_OPENING = re.compile(r"^(?:其中|主要|多为|以)[^，]{0,4}?(?:为|是|有|包括)|^包括")


def _bracketed_kind(raw_pre: str) -> str | None:
    """刷单返利类 of 主要类型为刷单返利类（ / ）、虚假投资理财类（: the kind named before a count in brackets."""
    if not raw_pre.endswith(("（", "(")):
        return None
    kind = re.split(r"[）)、和及与]", raw_pre[:-1])[-1].strip()
    kind = _KINDS_OPENING.sub("", kind)
    return kind if 2 <= len(kind) <= 14 and not re.search(r"\d", kind) else None

#: the whole reporting area as a subject: what follows in the sentence about a named place is a part of it
_WHOLE_AREA = re.compile(r"全(?:省|市|县|区|州|国)")
#: a 其中 sentence about a named part of the total: 其中，“夏安”行动破毒品刑事案件82起
_NAMED_PART = re.compile(r"\s*其中[，,]?\s*(“[^”]{1,12}”(?:专项)?(?:行动|活动)?)")
#: measure words that count the same things (cases: 起, 件, 宗; people: 名, 人)
_COUNT_UNITS = {"件": "起", "宗": "起", "人": "名"}
#: a case story: a named person (王某), the case itself (该案, 一起…案), its victim or its investigation
_CASE = re.compile(r"(?<!长)(?<!负责人)(?<!发言人)(?<!主任)(?<!政委)(?<!书记)[\u4e00-\u9fff]某某?"
                   r"(?![^，。]{0,8}等[^，。]{0,6}案)(?!介绍|表示|指出|说|称|强调|透露|[：:])|该案|此案|本案|该团伙|该犯罪团伙|专案组|"
                   # 一起/一名 as numbers of one (not 十一名): 破获一起…案, 一名男子
                   r"(?:破获|侦破|打掉|捣毁)一[起个]|(?<![\d一二三四五六七八九十百千])(?<!发生)(?<!未有)(?<!无)一(?:起[^，。]{0,12}?案|名)|"
                   r"男子|女子|报警称|事主|被害人|案例[一二三四五六七八九十\d]{0,2}[：:，,、]|经审讯|到案后|犯罪事实|"
                   # a person named by surname and title (市民王女士), and one gang or den busted, not counted
                   # (成功捣毁制售假冒白酒的窝点，抓获…: one case)
                   r"[\u4e00-\u9fff](?:女士|先生)|(?:打掉|捣毁|摧毁|端掉)了?(?!一批|多个|数个|若干|各类)"
                   r"[^，。；\d]{2,30}?(?:团伙|窝点|作坊|工厂)(?=[，。；])|"
                   # a named case told as a story: 侦破的“11·08”生产销售伪劣白酒案中 (not a mention: “6·10”唐山打人案件)
                   r"(?:侦破|破获|侦办)的?“\d{1,2}[·.•]\d{1,2}”[^，。]{0,20}?案|“\d{1,2}[·.•]\d{1,2}”[^，。]{0,20}?案中")


def _label(met: Metric, parent: Metric | None, breakdown: bool, state: _State, clause: str = "",
           previous: Metric | None = None, sentence_so_far: tuple[Metric, ...] = ()) -> None:
    """category, measure, scope and subgroup of a figure (the order of evidence is in taxonomy.tsv)."""
    is_level = met.value is not None
    unit = met.unit if is_level else met.change_unit
    # a parent lends its measure to a figure counted the same way, not money to people (涉案金额300余万元，其中本市
    # 受害人14名)
    lends = parent is not None and (parent.unit == "元") == (unit == "元")
    met.measure = labels.measure_for(met.indicator, unit, is_level, clause, parent.measure if lends else None,
                                     breakdown, state.section)
    met.category = labels.category_for(met.indicator, parent.category if parent else None,
                                       [state.topic, state.heading_topic, state.title_topic], met.measure, breakdown)
    share = met.measure == "rate" and bool(re.match(r"占比$|比例$|比重$|占", met.indicator))
    if share and previous is not None and previous.value is not None and previous.unit != "%":
        # 接报电诈警情41起，占刑事警情的42.7%: a share of what the figure before counts, unless it names its own kind
        # (诈骗警情387起，电信网络诈骗警情占诈骗警情的72.4%)
        met.category = labels.kind_named(re.split(r"约占|占到|占", clause)[0]) or previous.category
        state.shares.append((met, previous))
    elif met.measure == "casualties" and previous is not None:
        # 发生电动自行车责任交通事故18起，造成3人死亡，受伤14人，死亡人数同比上升50%: the dead and injured of those
        # accidents, a kind if they are one
        accident = next((p for p in reversed(sentence_so_far) if p.measure == "incidents" and p.value is not None), None)
        if accident is not None:
            state.shares.append((met, accident))
    if share and parent is not None and parent.scope == "subgroup":
        met.scope, met.subgroup = "subgroup", parent.subgroup  # 其中电动自行车事故警情312起，占比26.4%
        return
    if state.case:
        met.scope = "case"
    elif met.place:
        met.scope = "place"
    elif (breakdown and parent is not None and (parent.category, parent.measure) == (met.category, met.measure)
          and met.indicator != parent.indicator and not labels.later_stage(met.indicator, parent.indicator)):
        met.scope, met.subgroup = "subgroup", labels.subgroup_name(met.indicator, parent.indicator)
    elif breakdown and parent is not None and met.indicator == parent.indicator and met.value is not None \
            and state.named_part:
        met.scope, met.subgroup = "subgroup", state.named_part  # 其中，“夏安”行动破毒品刑事案件82起，抓获…105人
