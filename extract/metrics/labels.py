"""Canonical labels of a figure: category, measure and scope, from the closed vocabulary in taxonomy.tsv.

Two figures share (category, measure) exactly when a researcher would put them in one column of a table
before splitting by subtype (tests/eval/metrics/GUIDELINES.md). The trigger words and how they are read
(strong and weak triggers, which one wins) are documented in taxonomy.tsv's header; the file is read once
per process into tries of plain dicts, so labelling a figure is a few dictionary look-ups per character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.metrics import lexicon

TAXONOMY = Path(__file__).with_name("taxonomy.tsv")


@dataclass(frozen=True)
class Trigger:
    word: str
    code: str
    rank: int    # the row's order: earlier rows win ties
    weak: bool
    override: bool = False  # a measure the object decides wherever it stands (发放临时身份证 is a service)


@dataclass(frozen=True)
class Vocabulary:
    category: dict[str, list[Trigger]]  # first character → triggers starting with it, longest first
    measure: dict[str, list[Trigger]]
    codes: dict[str, tuple[str, ...]]   # kind → codes in file order
    #: the strong category triggers as one alternation (longest first) and each word's trigger: a passage's topic
    #: is read in one regex pass
    topic_re: re.Pattern[str]
    topic_words: dict[str, Trigger]
    names: dict[str, str]  # category code → its 中文名


@cache
def vocabulary() -> Vocabulary:
    """The taxonomy file, parsed once."""
    index: dict[str, dict[str, list[Trigger]]] = {"category": {}, "measure": {}}
    codes: dict[str, list[str]] = {"category": [], "measure": [], "scope": []}
    names: dict[str, str] = {}
    for rank, line in enumerate(TAXONOMY.read_text(encoding="utf-8").splitlines()):
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 4 or cols[0] not in codes:
            continue
        kind, code = cols[0], cols[1]
        codes[kind].append(code)
        if kind == "category":
            names[code] = cols[2]
        for word in (cols[4].split() if len(cols) > 4 else []):
            weak, override = word.startswith("~"), word.startswith("!")
            word = word.lstrip("~!")
            if kind in index and word:
                index[kind].setdefault(word[0], []).append(Trigger(word, code, rank, weak, override))
    for table in index.values():
        for triggers in table.values():
            triggers.sort(key=lambda t: (-len(t.word), t.rank))
    words: dict[str, Trigger] = {}
    for triggers in index["category"].values():
        for t in triggers:
            if not t.weak and (t.word not in words or t.rank < words[t.word].rank):
                words[t.word] = t
    topic_re = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return Vocabulary(index["category"], index["measure"], {k: tuple(v) for k, v in codes.items()}, topic_re, words,
                      names)


def _matches(text: str, table: dict[str, list[Trigger]]):
    """Every (position, trigger) of ``text``, longest trigger first at each position; a one-character trigger
    (破, 抓, 亡) only where the text begins, since inside a word it is part of another (成立, 打破)."""
    for i, ch in enumerate(text):
        for t in table.get(ch, ()):
            if (len(t.word) > 1 or i == 0) and text.startswith(t.word, i):
                yield i, t


def topic_of(text: str) -> str | None:
    """The category a passage is about: the one whose strong triggers weigh most (each by its length, so 电话卡
    outweighs 诈骗), ties to the earliest; none when no category holds half the weight (a summary of many kinds
    has no topic, so its 抓获犯罪嫌疑人 stays crime_general)."""
    vocab = vocabulary()
    weights: dict[str, list[int]] = {}
    for m in vocab.topic_re.finditer(text):
        t = vocab.topic_words[m.group()]
        entry = weights.setdefault(t.code, [0, m.start()])
        entry[0] += len(t.word)
    if not weights:
        return None
    code, (weight, _) = max(weights.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    return code if 2 * weight >= sum(w for w, _ in weights.values()) else None


_RATE = re.compile(r"(?:率|占比|比例|比重|满意度|指数)$")
#: averages and per-capita figures are rates, never in a column of totals: 日均接警, 每万人发案, 单案平均损失
_AVERAGE = re.compile(r"日均|平均|人均|每日|每天|每晚|每万|每十万|每百|单案|场均|月均|周均")
#: categories that name a kind of crime: a paragraph about one of them gives it the generic 刑事案件 of its figures
CRIME_KINDS = frozenset("telecom_fraud fraud food_drug_env economic theft robbery violent gangs drugs vice cybercrime "
                        "firearms fugitives traffic".split())
_GENERAL = ("crime_general", "police_calls")


def _longest(hits: list[Trigger]) -> Trigger | None:
    return max(hits, key=lambda t: (len(t.word), -t.rank), default=None)


def category_for(indicator: str, parent: str | None, topics: list[str | None], measure: str,
                 breakdown: bool = False) -> str:
    """A figure's category, from the first that decides: a fugitive (抓获命案逃犯 is 追逃); a kind named in its
    own words (longest trigger); 刑事… in its own words (the paragraph's crime kind if it has one: 破获各类刑事
    案件 in a 扫黑 paragraph); 警情; its parent figure; the paragraph's, heading's or title's topic; a weak word
    of its own; other. Deploying forces and checkpoints is policing whatever the campaign."""
    found = list(_matches(indicator, vocabulary().category))
    hits = [t for _, t in found]
    # a kind word inside a longer general one does not count: 非警务类求助 is a call, not a service
    general_spans = [(i, i + len(t.word)) for i, t in found if not t.weak and t.code in _GENERAL]
    strong = [t for i, t in found if not t.weak and (t.code in _GENERAL or not any(
        s <= i and i + len(t.word) <= e and e - s > len(t.word) for s, e in general_spans))]
    code = None
    # a specific kind beats the generic public-order words around it: 查处涉黄涉赌治安案件 is vice
    kinds = [t for t in strong if t.code not in _GENERAL]
    specific = [t for t in kinds if t.code != "public_order" or t.word not in _GENERIC_ORDER]
    own_weak = [t for t in hits if t.weak]
    if _CALLS_RECEIVED.search(indicator) or _HELP_CALLS.search(indicator) or (breakdown and parent == "police_calls"
                                             and {t.code for t in kinds} == {"services"}):
        code = "police_calls"  # 接受游客求助, and 群众求助警情 under 接报警情: calls received, whatever they ask
    elif any(t.code == "fugitives" for t in strong):
        code = "fugitives"
    elif kinds:
        code = _longest(specific or kinds).code
    elif any(t.code == "crime_general" for t in strong):
        # 刑事案件 in a paragraph about one crime kind is of that kind; of the figure it breaks down first
        topic = parent if breakdown and parent in CRIME_KINDS else (topics[0] if topics else None)
        code = topic if topic in CRIME_KINDS and "警情" not in indicator else "crime_general"
    elif any(t.code == "police_calls" for t in strong):
        code = "police_calls"
    elif parent and parent != "other" and parent not in CRIME_KINDS and parent != "crime_general" \
            and any(t.code == "crime_general" and re.search(r"犯罪|案|团伙|窝点", t.word) for t in own_weak):
        code = "crime_general"  # 抓获违法犯罪嫌疑人 after 查处治安案件: criminal suspects, not public order
    elif parent and parent != "other" and (parent in CRIME_KINDS or parent == "crime_general"
                     or not any(t.weak and t.code not in _GENERAL for t in hits)):
        code = parent
    else:
        code = next((t for t in topics if t), None)
        if code is None:
            weak = _longest(own_weak)
            code = weak.code if weak else "other"
        elif code not in CRIME_KINDS and any(t.code == "crime_general" for t in own_weak):
            code = "crime_general"  # 抓获违法犯罪嫌疑人 in a paragraph about policing: criminal suspects
        elif code not in CRIME_KINDS and own_weak:
            code = _longest(own_weak).code  # 走访学生家庭 in a paragraph about policing
    if measure == "deployment" and not any(t.code == "services" for t in strong):
        code = "policing"
    elif code == "services" and measure in ("persons_penalized", "violations") and _LICENCE.search(indicator):
        code = "traffic"  # 暂扣机动车驾驶证: a licence taken away is a traffic penalty, not a service
    elif code == "fraud" and topics and topics[0] == "telecom_fraud" and {t.word for t in strong if t.code == "fraud"} \
            and all(t.word in _GENERIC_FRAUD for t in strong if t.code == "fraud"):
        code = "telecom_fraud"  # 打掉诈骗团伙 in a story of a telecom fraud: generic fraud words take the topic's kind
    elif measure == "outreach" and len({t.code for t in specific if t.code in CRIME_KINDS}) >= 2:
        code = "prevention"  # 防盗防骗宣传: outreach not tied to one crime
    return code


def kind_named(text: str) -> str | None:
    """The kind of crime or work a phrase names by a strong word of its own (the longest), if any."""
    hits = [t for _, t in _matches(text, vocabulary().category) if not t.weak and t.code not in _GENERAL]
    best = _longest(hits)
    return best.code if best else None


#: the papers of drivers and vehicles
_LICENCE = re.compile(r"驾驶证|驾照|行驶证|号牌")
#: public-order words that name no kind of their own beside a crime kind (涉黄涉赌治安案件)
_GENERIC_ORDER = frozenset(("治安", "治安案件", "治安警情"))
#: fraud words that say nothing about the means (a telecom fraud story calls its gang 诈骗团伙)
_GENERIC_FRAUD = frozenset(("诈骗", "诈骗案", "骗取", "骗局"))


#: calls for help are calls: 群众求助警情, 求助类报警
_HELP_CALLS = re.compile(r"求助类?(?:警情|报警)")
#: calls received, whatever they ask for: 接受游客求助, 处置非警务类求助
_CALLS_RECEIVED = re.compile(r"^(?:接受|接报|接到|接处|处置|受理)[^，,]*求助")
#: setting up points and posts is deployment whatever they serve: 设立出入境业务流动服务点, 设立爱心服务站
_POSTS_SET_UP = re.compile(r"^(?:设立|设置|增设|建立|开设|开通|新增)[^，,]*(?:点|站|点位|窗口|岗|亭|终端|终端设备)$")


def measure_for(indicator: str, unit: str | None, is_level: bool, clause: str, parent: str | None,
                breakdown: bool, section: str = "") -> str:
    """A figure's measure: a rate, a share or an average first; then the object where it decides (证件 →
    services_done, 预警 → warnings, 宣传 → outreach); then the earliest verb; a noun only when no verb decides and
    the figure is not a breakdown of a parent (which lends its measure)."""
    if (is_level and unit == "%") or _RATE.search(indicator) or _AVERAGE.search(clause) or _AVERAGE.search(indicator):
        return "rate"
    if _POSTS_SET_UP.search(indicator) and "宣传" not in indicator:
        return "deployment"
    if _CALLS_RECEIVED.search(indicator):
        return "incidents"
    # goods are recovered (追回被盗电瓶23个) and accounts blocked, but only money is "involved" (a change of
    # 被骗损失 is about money too; 涉及货车的事故 is not)
    money = unit == "元" or (not is_level and re.search(r"损失|金额|资金|价值", indicator) is not None)
    # 入户/入室 before a crime say how it was done (入户盗窃), not a visit
    hits = [(i, t) for i, t in _matches(indicator, vocabulary().measure) if (money or t.code != "money_involved")
            and not (t.word in ("入户", "入室") and re.match(r"盗窃|抢劫|抢夺", indicator[i + 2:]))]
    head = indicator.rsplit("的", 1)[1] if "的" in indicator else ""
    if head and hits and hits[0][0] > 0 and any(i >= len(indicator) - len(head) for i, _ in hits):
        # what a relative clause says (涉及人员受伤的交通事故警情) does not measure the noun it qualifies
        hits = [(i, t) for i, t in hits if i >= len(indicator) - len(head)]
    override = next((t for _, t in hits if t.override), None)
    strong = next((t for _, t in hits if not t.weak and not t.override), None)
    weak = next((t for _, t in hits if t.weak), None)
    if override is not None and not (strong is not None and (
            strong.code in ("solved", "persons_caught", "seized")
            or (strong.code == "deployment" and override.code != "outreach"))):  # 聘请劝导员 is deployment
        code = override.code
    elif strong is not None:
        code = strong.code
    elif breakdown and parent and parent != "rate":
        code = parent
    elif weak is not None:
        code = weak.code
    else:
        code = "other"
    if code == "seized" and re.search(r"(?:逃犯|嫌疑人|在逃人员)$", indicator):
        code = "persons_caught"  # 查获违法犯罪嫌疑人: suspects found are caught
    elif code in ("violations", "seized") and re.search(r"(?:人员|外国人|人)$", indicator):
        code = "persons_penalized"  # 查处违法人员, 查获偷越国（边）境人员 count people
    elif code == "persons_penalized" and _HANDLED_EVENTS.match(indicator):
        code = "incidents"  # 处理道路交通事故: accidents dealt with are accidents that happened
    elif not hits and code == "other" and (unit in ("起", "宗") or (not is_level and not money)) \
            and not _VERB_LEAD.search(indicator) and not _QUANTITY.search(indicator):
        # a kind counted in cases with no verb (诈骗类9起, 入室盗窃11起), or a change of one (盗窃电瓶环比上升94.74%):
        # cases that happened
        code = "incidents"
    elif code == "seized" and re.search(r"驾|违法|违章|超速|超载|超员|案件$", indicator):
        code = "violations"  # 查获酒后驾车, 查获非法捕捞案件: an offence caught, not goods
    elif _PATROL_OPERATION.search(indicator):
        code = "deployment"  # 开展夏夜治安巡查宣防集中统一行动6轮次: rounds of a patrol are deployment
    if code in ("incidents", "seized") and indicator.endswith("线索"):
        code = "other"  # 受理群众举报线索: tips received are neither cases that happened nor goods
    if re.match(r"未(?:发生|发|出现)", indicator):
        code = "other"  # 连续1236天未发生命案: a streak counts days, not cases
    elif code == "other" and unit != "元" and re.search(r"宣传|宣防", section):
        code = "outreach"  # 在禁毒宣传方面，…开展“禁毒六进”活动1860余场: the work of a publicity section
    if unit == "元" and code not in ("money_recovered", "money_blocked", "money_involved", "seized"):
        code = "money_involved" if re.search(r"涉案|金额|损失|被骗|价值|资金|赃款|转账|汇款|充值", indicator) and \
            not re.search(r"避免|防止|挽回", indicator) else "other"
    return code


#: an operation of patrols or road checks: 夏夜治安巡查宣防集中统一行动, 全省统一夜查行动 (清查 of premises is not one)
_PATROL_OPERATION = re.compile(r"(?:巡查|巡逻|巡防|夜查|路查)[^，、]{0,12}行动$")
#: nouns of a quantity that is not a count of cases: 人数, 量, 率 …
_QUANTITY = re.compile(r"人数|人次|量|率|比|指数|度|面积|重量|数量")
#: events a verb of dealing with counts as they happened: 处理一般道路交通事故, 处置警情
_HANDLED_EVENTS = re.compile(r"^(?:处理|处置)[^，]{0,8}(?:事故|警情)$")
#: a verb of police work (the lexicon's) in an indicator, so not a bare kind
_VERB_LEAD = re.compile("|".join(sorted((re.escape(v) for v in lexicon.VERBS if len(v) > 1), key=len, reverse=True)))

#: words after which what follows in a 其中 breakdown is the subtype's name: 刷单返利类案件 → 刷单返利类
_SUBTYPE_HEAD = re.compile(r"^(?:其中)?(?P<name>.+?(?:类|型|性))(?:案件|警情|案|犯罪|人员|嫌疑人|犯罪嫌疑人)?")
_GENERIC_TAIL = re.compile(r"(?:案件|警情|犯罪嫌疑人|嫌疑人|违法犯罪人员|人员|案)$")


def subgroup_name(indicator: str, parent: str | None) -> str | None:
    """The kind a breakdown names, as written: 刷单返利类案件 → 刷单返利类, 未成年人 → 未成年人."""
    text = indicator
    if parent and text.startswith(parent):
        text = text[len(parent):]
    text = _LEADING_VERB.sub("", text) or text  # 查处酒驾 under 查处交通违法行为 → 酒驾
    m = _SUBTYPE_HEAD.match(text)
    if m:
        return m["name"]
    name = _GENERIC_TAIL.sub("", text)
    return name or text or None


#: measure words of one quantity that convert into each other (a column holds one unit after conversion)
_UNIT_FAMILY = {"千克": "kg", "公斤": "kg", "克": "kg", "吨": "kg", "斤": "kg"}
#: verbs of successive processing stages: 抓获 then 刑拘 are different quantities, not kinds of one
_STAGES = re.compile(r"^(?:抓获|抓捕|刑拘|刑事拘留|逮捕|批捕|起诉|移送起诉|受理|立案|破获|侦破|查处|处罚|行政拘留|收戒|"
                     r"强制隔离戒毒|打击处理|惩戒|遣送|遣返)")
#: the stages a criminal case goes through, in order: a breakdown at a later stage (抓获…，其中刑事拘留…) counts the
#: same people further on, not a kind of them
_CASE_STAGES = (("受理",), ("立案",), ("抓获", "抓捕"), ("刑拘", "刑事拘留"), ("逮捕", "批捕", "提请逮捕"),
                ("起诉", "移送起诉", "移送审查起诉"))


def later_stage(indicator: str, parent: str) -> bool:
    """刑事拘留 under 抓获犯罪嫌疑人: the breakdown is a later stage of its parent's process (a total there)."""
    def stage(text: str) -> int | None:
        return next((i for i, verbs in enumerate(_CASE_STAGES) if text.startswith(verbs)), None)
    a, b = stage(indicator), stage(parent)
    return a is not None and b is not None and a > b


_LEADING_VERB = re.compile(r"^(?:查处|查获|缴获|收缴|打掉|捣毁|摧毁|破获|侦破|抓获|设立|设置|开展|组织|发放|办理|签发|接处|接报|"
                           r"造成|发生|采集|劝阻|举办|出动|投入|提供|侦办|查扣|扣押|铲除|受理|立)")
_KIND_TAIL = re.compile(r"(?:违法行为|案件|违法)$")


def kind_of(indicator: str) -> str:
    """What a figure counts, without the verb that counts it: 查处酒后驾驶违法行为 → 酒后驾驶, 造成死亡 → 死亡."""
    kind = _LEADING_VERB.sub("", indicator) or indicator
    return _KIND_TAIL.sub("", kind) or kind


#: words of "all kinds of" before a category's name: 各类刑事案件, 八类严重暴力犯罪
_LEADING_ALL = re.compile(r"^(?:各类|全部|所有|[一二三四五六七八九十两]+类)")


@cache
def general_names(category: str) -> tuple[str, ...]:
    """The words that name a category itself (its 中文名 in taxonomy.tsv: 食药环, 经济犯罪, 道路交通, 盗窃 and 侵财 of
    盗窃与侵财, 刑事案件 of 刑事案件（总）): a figure so named is the column's general figure, not one of its kinds."""
    zh = vocabulary().names.get(category, "")
    return tuple(w for w in re.split(r"与|和|、", re.sub(r"（[^）]*）", "", zh)) if len(w) >= 2 and category != "other")


def separate_series(metrics: list) -> None:
    """Figures that would share one series (same category, measure, period, unit; not places, not case details)
    are told apart: a general figure beside them stays the total and the others become subgroups named by their
    kind (抓获犯罪嫌疑人512名 … 抓获涉“两卡”犯罪嫌疑人317名); with no general figure, each is a subgroup
    (死亡37人、受伤256人; 打掉涉黑组织2个、恶势力犯罪集团12个). Processing stages (抓获 → 刑拘) stay totals."""
    columns: dict[tuple, list] = {}
    for m in metrics:
        if m.scope not in ("total", "subgroup"):
            continue
        unit = m.unit if m.value is not None else ("Δ" + (m.change_unit or ""))
        # calls (警情) and cases or accidents are different things even in one column (交通类警情, 处理交通事故)
        calls = bool(re.search(r"警情|(?<!一键)报警|求助|接警", m.indicator))
        key = (m.category, m.measure, m.period_start, m.period_end, m.period_kind, _UNIT_FAMILY.get(unit, unit), calls)
        columns.setdefault(key, []).append(m)
    for (_, measure, *_rest), figures in columns.items():
        if measure in ("other", "rate"):
            continue  # quantities nothing names, and ratios of different things, are not kinds of one thing
        totals = [m for m in figures if m.scope == "total"]
        # one indicator at several values is a list over places or kinds named elsewhere (晋江、石狮、南安三地…
        # 分别侦破案件58起、41起、36起): not siblings; one figure repeated (a headline line, then the text) counts once
        values: dict[str, set] = {}
        for m in totals:
            values.setdefault(m.indicator, set()).add((m.value, m.change_value))
        seen: set[str] = set()
        totals = [m for m in totals if len(values[m.indicator]) == 1 and not (m.indicator in seen or seen.add(m.indicator))]
        # one value said twice in other words (a headline's 缴毒16.5吨, the text's 缴获各类毒品16.5吨) is one figure:
        # its fuller wording stands for it
        said: dict[tuple, object] = {}
        for m in totals:
            if m.value is not None:
                key = (m.value, m.unit)
                if key not in said or len(m.indicator) > len(said[key].indicator):
                    said[key] = m
        totals = [m for m in totals if m.value is None or said[(m.value, m.unit)] is m]
        distinct = {(m.indicator, m.value, m.change_value) for m in totals}
        if len(distinct) < 2 or len({m.indicator for m in totals}) < 2:
            continue  # one figure (perhaps repeated), or one quantity at several values
        kinds = {id(m): kind_of(m.indicator) for m in totals}
        # general: its kind is within another's and holds none of theirs (接报警情 beside 有效警情, 非警务类求助), or it
        # alone names the column's category (破获食药环领域刑事案件 beside 破获生产销售有毒有害食品案件)
        names = general_names(figures[0].category)
        naming = [m for m in totals if _LEADING_ALL.sub("", kinds[id(m)]).startswith(names or ("\0",))]
        general = [m for m in totals if all(kinds[id(m)] in kinds[id(o)] for o in totals)
                   or (len(naming) == 1 and m is naming[0])
                   or re.match(r"(?:[^，]{0,4})?(?:各类|全部)", kinds[id(m)])
                   or (any(o is not m and kinds[id(m)] in kinds[id(o)] for o in totals)
                       and not any(o is not m and kinds[id(o)] in kinds[id(m)] for o in totals))]
        if not general and sum(bool(_STAGES.match(m.indicator)) for m in totals) >= 2 and \
                len({_STAGES.match(m.indicator).group() for m in totals if _STAGES.match(m.indicator)}) > 1:
            continue  # 抓获…、刑拘…: stages of one process
        for m in totals:
            if m in general:
                continue
            m.scope, m.subgroup = "subgroup", kinds[id(m)]
