"""Deterministic generation of Chinese police-news texts from templates and fact tables.

Every article is derived from a string seed: :class:`Vars` draws the facts
(places, numbers, percentages, names, dates) lazily, each from its own
:class:`demoweb.rng.Rng` stream derived from the seed and the fact name; the
story, title and paragraph choice use further seed-derived streams.  Re-running
with the same seed always yields the same text, so pages are rendered lazily on
request and the ground truth is computed from the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from demoweb.facts import Locale
from demoweb.rng import Rng, seed_int

Table = tuple[tuple[str, ...], ...]
Block = str | Table

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙段雷钱汤尹黎易常武乔贺"
GIVEN = ("建军", "志强", "晓东", "海涛", "丽娟", "国庆", "卫东", "俊峰", "红梅", "文斌", "永刚", "晓燕", "立新", "振华", "雪梅", "宏伟")
HOMETOWNS = ("本地人", "河南籍", "四川籍", "湖北籍", "安徽籍", "广西籍", "福建籍", "河北籍", "贵州籍")
FRAUDS = ("刷单返利", "虚假投资理财", "冒充电商客服退款", "冒充公检法", "虚假网络贷款", "网络游戏装备交易", "冒充熟人借钱", "网络交友诱导投资")
VENUES = ("社区", "校园", "企业", "乡村", "集贸市场", "银行网点", "快递驿站")
DRUGS = ("甲基苯丙胺", "海洛因", "氯胺酮", "大麻")
CAMP_FZ = ("“断卡”行动", "“全民反诈”宣传月", "“反诈进万家”活动", "“守护钱袋子”专项行动")
CAMP_JT = ("“一盔一带”安全守护行动", "道路交通安全集中整治", "酒驾醉驾百日攻坚", "农村道路交通安全专项整治", "“守护平安路”专项行动")
CAMP_ZH = ("“百日行动”", "“昆仑{y}”专项行动", "“净网{y}”专项行动", "“云剑-{y}”行动", "“雷霆{y}”专项打击行动")
CAMP_JD = ("“6·26”国际禁毒日集中宣传", "“无毒校园”创建活动", "“禁毒宣传进万家”活动", "“清源断流”专项行动")


@dataclass(frozen=True)
class Story:
    """Title templates, the lead paragraph and story-specific paragraphs."""

    titles: tuple[str, ...]
    lead: str
    bodies: tuple[str, ...] = ()
    closings: tuple[str, ...] = ()  # override the topic closings
    months: tuple[int, ...] = ()  # only for articles published in these months
    full: bool = False  # numbered notice: all bodies, in order, no shared paragraphs


@dataclass(frozen=True)
class Topic:
    """One kind of article: stories plus shared paragraphs and closings."""

    key: str
    stories: tuple[Story, ...]
    bodies: tuple[str, ...]
    closings: tuple[str, ...]
    attachments: tuple[str, ...] = ()

    def story(self, seed: str, month: int) -> Story:
        """The story an article of this topic tells (depends on seed and month)."""
        fits = [s for s in self.stories if not s.months or month in s.months]
        return Rng(seed + ":story").choice(fits)


def _pct(rng: Rng) -> str:
    if rng.random() < 0.35:
        return f"{rng.randint(5, 90)}%"
    return f"{rng.uniform(2, 80):.2f}%"


def _person(rng: Rng) -> tuple[str, str]:
    surname = rng.choice(SURNAMES)
    short = surname + "某" * rng.choice((1, 2))
    sex = rng.choice(("男", "男", "女"))
    return short, f"{short}（{sex}，{rng.randint(19, 58)}岁，{rng.choice(HOMETOWNS)}）"


def _g_places(rng: Rng, loc: Locale, pub: datetime) -> dict[str, str]:
    p = rng.sample(loc.places, 3)
    n = [rng.randint(2, 40) for _ in range(3)]
    return {"place": p[0], "place2": p[1], "place3": p[2],
            "split": f"其中{p[0]}{n[0] + 5}起、{p[1]}{n[1]}起、{p[2]}{n[2] // 2 + 1}起"}


def _g_dates(rng: Rng, loc: Locale, pub: datetime) -> dict[str, str]:
    prev = pub.replace(day=1) - timedelta(days=1)
    ev = pub - timedelta(days=rng.randint(1, 6))
    ev2 = ev - timedelta(days=rng.randint(2, 20))
    fut = pub + timedelta(days=rng.randint(7, 25))
    return {"py": str(prev.year), "pm": str(prev.month), "em": str(ev.month), "ed": str(ev.day),
            "em2": str(ev2.month), "ed2": str(ev2.day), "fy": str(fut.year), "fm": str(fut.month),
            "fd": str(fut.day)}


def _g_people(rng: Rng, loc: Locale, pub: datetime) -> dict[str, str]:
    sname, suspect = _person(rng)
    return {"sname": sname, "suspect": suspect, "suspect2": _person(rng)[1]}


def _g_pairs(rng: Rng, loc: Locale, pub: datetime) -> dict[str, str]:
    s = rng.sample(loc.stations, 2)
    u = rng.sample(loc.units, 2)
    up = rng.choice(("上升", "上升", "下降"))
    return {"station": s[0], "station2": s[1], "unit": u[0], "unit2": u[1],
            "up": up, "down": "下降" if up == "上升" else "上升"}


def _phone(rng: Rng, loc: Locale, pub: datetime) -> str:
    return f"{loc.area_code}-{rng.randint(2, 8)}{rng.randint(100000, 999999)}"


def _int(lo: int, hi: int) -> Callable[[Rng, Locale, datetime], str]:
    return lambda rng, loc, pub: str(rng.randint(lo, hi))


def _pick(seq: tuple[str, ...]) -> Callable[[Rng, Locale, datetime], str]:
    return lambda rng, loc, pub: rng.choice(seq)


Gen = Callable[[Rng, Locale, datetime], str]
GROUPS: tuple[tuple[tuple[str, ...], Callable[[Rng, Locale, datetime], dict[str, str]]], ...] = (
    (("place", "place2", "place3", "split"), _g_places),
    (("py", "pm", "em", "ed", "em2", "ed2", "fy", "fm", "fd"), _g_dates),
    (("sname", "suspect", "suspect2"), _g_people),
    (("station", "station2", "unit", "unit2", "up", "down"), _g_pairs),
)
SCALARS: dict[str, Gen] = {
    "road": lambda rng, loc, pub: rng.choice(loc.roads),
    "road2": lambda rng, loc, pub: rng.choice(loc.roads),
    "community": lambda rng, loc, pub: rng.choice(loc.communities),
    "school": lambda rng, loc, pub: rng.choice(loc.schools),
    "eh": _int(7, 22),
    **{f"b{i}": _int(40, 400) for i in range(1, 6)},
    **{f"k{i}": _int(1000, 30000) for i in range(1, 5)},
    **{f"n{i}": _int(2, 40) for i in range(1, 8)},
    **{f"pct{i}": (lambda rng, loc, pub: _pct(rng)) for i in range(1, 9)},
    "wan3": lambda rng, loc, pub: f"{rng.uniform(5, 300):.2f}万元",
    "cards2": _int(20, 600),
    "num2": _int(2, 9),
    "wan": lambda rng, loc, pub: f"{rng.uniform(20, 900):.2f}万元",
    "wan2": lambda rng, loc, pub: f"{rng.uniform(5, 300):.2f}万元",
    "wan_small": lambda rng, loc, pub: rng.choice((f"{rng.randint(2, 49)}.{rng.randint(1, 9)}万元",
                                                   f"{rng.randint(12, 98)}00元")),
    "yi": lambda rng, loc, pub: f"{rng.uniform(0.3, 3.5):.1f}亿元",
    "diff": lambda rng, loc, pub: f"较上月{rng.choice(('减少', '增加', '减少'))}{rng.randint(3, 30)}起",
    "victim": lambda rng, loc, pub: rng.choice(SURNAMES) + rng.choice(("女士", "先生", "大爷", "阿姨")),
    "vage": _int(22, 78),
    "age": _int(16, 70),
    "hotline": _phone,
    "hotline2": _phone,
    "officer": lambda rng, loc, pub: rng.choice(SURNAMES) + rng.choice(GIVEN),
    "officer_title": _pick(("党委副书记、副局长", "副局长", "党委委员、副局长", "政治部主任")),
    "fraud": _pick(FRAUDS),
    "venue": _pick(VENUES),
    "drug": _pick(DRUGS),
    "camp_fz": _pick(CAMP_FZ),
    "camp_jt": _pick(CAMP_JT),
    "camp_zh": lambda rng, loc, pub: rng.choice(CAMP_ZH).format(y=pub.year),
    "camp_jd": _pick(CAMP_JD),
    "hours": lambda rng, loc, pub: str(rng.choice((12, 24, 36, 48, 72))),
    "days": _int(10, 100),
    "phones": _int(3, 12),
    "cards": _int(20, 600),
    "grams": lambda rng, loc, pub: f"{rng.randint(3, 900)}.{rng.randint(1, 9)}克",
    "quarter": _pick(("一", "二", "三", "四")),
    "num": _int(2, 9),
}
_GROUP_OF = {k: i for i, (keys, _) in enumerate(GROUPS) for k in keys}
_SCALAR_INDEX = {k: i + 100 for i, k in enumerate(SCALARS)}


class Vars(dict[str, str]):
    """Template facts of one article, drawn lazily and deterministically.

    Each fact (or group of related facts) has its own random stream derived from
    the article seed and the fact name, so the value does not depend on which
    templates were formatted before.  Use with ``str.format_map``.
    """

    def __init__(self, seed: str, loc: Locale, published: datetime) -> None:
        super().__init__(bureau=loc.bureau, city=loc.city, scope=loc.scope, we=loc.we,
                         y=str(published.year), m=str(published.month), d=str(published.day),
                         jj=loc.units[0], jd=loc.units[3])
        self._base = seed_int(seed)
        self._loc = loc
        self._pub = published

    def __missing__(self, key: str) -> str:
        if key in _GROUP_OF:
            i = _GROUP_OF[key]
            self.update(GROUPS[i][1](Rng(self._base + 7919 * i), self._loc, self._pub))
            return self[key]
        gen = SCALARS[key]  # KeyError for unknown template keys
        value = gen(Rng(self._base + 7919 * _SCALAR_INDEX[key]), self._loc, self._pub)
        self[key] = value
        return value


def make_vars(seed: str, loc: Locale, published: datetime) -> Vars:
    """Facts a template may reference, deterministically from ``seed`` (lazy)."""
    return Vars(seed, loc, published)


FANZHA = Topic(
    key="fanzha",
    stories=(
        Story(("{place}公安开展“全民反诈”进{venue}宣传活动", "反诈宣传进{venue} {place}警方筑牢防骗“防火墙”"),
              "{em}月{ed}日，{bureau}反诈中心联合{place}{community}开展“全民反诈”主题宣传活动，民警通过发放宣传资料、讲解身边案例、现场指导下载国家反诈中心APP等方式，向群众普及防范电信网络诈骗知识。",
              ("活动现场，民警结合近期发生在身边的真实案例，重点揭露了“{fraud}”“冒充客服退款”等高发诈骗手法，提醒群众对陌生来电、短信和链接保持警惕，做到“不轻信、不透露、不转账”。",
               "此次活动共发放宣传资料{k4}余份，现场指导{b4}名群众下载注册国家反诈中心APP，解答群众咨询{b5}人次。",
               "截至目前，{scope}国家反诈中心APP注册用户已达{k1}人，{n2}家重点行业单位落实了反诈宣传“五个一”措施，{n3}支反诈志愿者队伍常态化走进小区开展入户宣传。")),
        Story(("{station}民警成功劝阻一起“{fraud}”诈骗 为群众保住{wan_small}", "民警及时上门 {vage}岁{victim}避免被骗{wan_small}"),
              "{em}月{ed}日{eh}时许，{station}接到反诈中心推送的预警指令：辖区{vage}岁的{victim}疑似正在遭遇“{fraud}”类诈骗。民警立即赶到其住处，经过近一个小时的耐心劝说，{victim}终于醒悟，停止了转账，保住资金{wan_small}。",
              ("民警了解到，{victim}此前在网上结识了一名自称“投资导师”的网友，对方以“内部渠道、稳赚不赔”为诱饵，诱导其下载了一款所谓的理财软件。民警当场帮助其卸载了可疑软件，并对其银行账户进行了风险提示。",
               "“要不是民警及时赶到，我这些年攒下的钱就全没了。”事后，{victim}连连向民警道谢。")),
        Story(("{we}{pm}月份电信网络诈骗案件破案数环比{up}{pct1}", "{py}年{pm}月{scope}电信网络诈骗警情分析通报"),
              "记者从{bureau}获悉，{pm}月份{scope}公安机关共破获电信网络诈骗案件{b1}起，抓获犯罪嫌疑人{n5}名，环比分别{up}{pct1}和{pct2}，为群众挽回经济损失{wan}。",
              ("{pm}月份，{scope}共发生电信网络诈骗案件{b2}起，{diff}，{split}。从案件类型看，“{fraud}”类诈骗占比最高，达{pct3}。",
               "与去年同期相比，{scope}电信网络诈骗发案数下降{pct4}，破案数上升{pct5}，群众被骗损失下降{pct6}，反诈工作取得阶段性成效。")),
        Story(("{camp_fz}：{scope}警方{days}天预警劝阻{k1}人次", "深化{camp_fz} {place}警方打掉涉诈团伙{n1}个"),
              "自{camp_fz}开展以来，{bureau}坚持打防管控一体推进，{days}天内共向{k1}人次发出预警提示，打掉涉诈团伙{n1}个，抓获犯罪嫌疑人{b1}名，查获涉案银行卡、电话卡{cards}张。",
              ("{em2}月{ed2}日，{unit}根据线索在{place2}一出租屋内抓获为诈骗团伙提供银行卡的犯罪嫌疑人{suspect}，当场查获手机{phones}部、银行卡{cards2}张，涉案流水达{wan2}。",
               "行动期间，{scope}共冻结涉诈资金{wan}，为群众返还被骗资金{wan3}。")),
    ),
    bodies=(
        "警方通过96110预警劝阻专线累计拨打预警电话{k2}个，发送预警短信{k3}条，上门见面劝阻{b3}人次，成功避免{n4}00余名群众上当受骗。",
        "下一步，{bureau}将继续保持对电信网络诈骗犯罪的高压严打态势，对涉“两卡”违法犯罪“零容忍”，全力守护群众的“钱袋子”。",
    ),
    closings=(
        "警方提醒：公检法机关不会通过电话办案，更不存在所谓的“安全账户”。如接到96110来电，请务必及时接听；如发现被骗，请第一时间拨打110报警。",
        "在此提醒广大群众：凡是网上刷单都是诈骗，凡是要求先交钱的“贷款”都是诈骗。遇到可疑情况，请拨打反诈咨询电话{hotline}或96110咨询。",
        "{bureau}提醒：请广大群众下载安装国家反诈中心APP并开启来电预警功能，守护好自己和家人的财产安全。",
    ),
    attachments=("{py}年{pm}月{scope}电信网络诈骗案件统计表", "防范电信网络诈骗宣传手册", "{scope}反诈宣讲团工作安排表"),
)

JIAOTONG = Topic(
    key="jiaotong",
    stories=(
        Story(("{camp_jt}：{jj}查处各类交通违法行为{k1}起", "{place}交警持续开展{camp_jt}"),
              "{camp_jt}开展以来，{bureau}{jj}科学调配警力，在{road}、{road2}等重点路段设置检查点，共查处各类交通违法行为{k1}起，其中酒后驾驶{b1}起、醉酒驾驶{n2}起。",
              ("在夜间查处行动中，民警采取“定点+流动”相结合的方式，对过往车辆逐一检查，共查获饮酒后驾驶机动车{b2}起、醉酒驾驶{n3}起，暂扣机动车{n4}辆。",
               "针对电动自行车驾乘人员不戴安全头盔的问题，民警在{n5}个重点路口开展劝导，累计劝导纠正不戴头盔行为{k2}人次，发放宣传资料{k3}份。",
               "与此同时，{jj}联合交通运输部门对{b3}家运输企业开展安全检查，督促企业落实主体责任，排查消除安全隐患{n6}处。")),
        Story(("{we}{pm}月份道路交通事故起数同比{down}{pct1}", "{scope}道路交通安全形势保持平稳 {pm}月份事故起数{down}{pct1}"),
              "{pm}月份，{scope}共发生一般程序道路交通事故{b1}起，同比{down}{pct1}，{diff}，{split}。",
              ("从事故成因看，未按规定让行、超速行驶和酒后驾驶是引发事故的主要原因，分别占事故总数的{pct4}、{pct5}和{pct6}。从发生时段看，{n1}时至{n2}时为事故高发时段。",
               "从事故车型看，涉及电动自行车的事故{n3}起，涉及货车的事故{n4}起，涉及摩托车的事故{n5}起。")),
        Story(("{jj}民警走进{school}开展交通安全教育", "交通安全课进校园 {place}交警为{school}师生送上“安全大礼包”"),
              "{em}月{ed}日，{jj}宣传民警走进{school}，为{b1}余名师生上了一堂生动的交通安全教育课。",
              ("民警通过播放事故警示视频、讲解交通信号灯和交通标志含义等方式，引导学生自觉遵守交通规则，做到不在马路上追逐打闹、不乘坐无牌无证车辆。",
               "活动最后，民警向学生们发放了交通安全宣传册和反光贴，并叮嘱他们回家后当好“小交警”，提醒家人文明出行。")),
        Story(("驾车途中突发急症 {place}交警{n3}分钟开辟“生命通道”", "{jj}铁骑护送 {vage}岁患者及时送医"),
              "{em}月{ed}日{eh}时许，{jj}执勤民警在{road}巡逻时，一辆私家车突然停靠路边，驾驶人焦急求助称车上{vage}岁的家人突发急症。民警立即驾驶警用摩托在前开道，仅用{n3}分钟便将患者护送至医院。",
              ("经医院检查，患者因送医及时已脱离危险。其家属事后专门来到大队，为执勤民警送上了写有“危难之时显身手 为民解忧暖人心”的锦旗。",)),
    ),
    bodies=(
        "今年以来，{scope}道路交通事故起数、死亡人数同比分别下降{pct7}和{pct8}，道路交通安全形势总体平稳。",
        "下一步，交警部门将持续保持对酒驾醉驾、超员超载、无证驾驶等严重交通违法行为的严查严管态势，全力维护道路交通安全畅通。",
    ),
    closings=(
        "交警提醒：饮酒不开车，开车不饮酒。驾乘电动自行车请佩戴安全头盔，驾乘汽车请系好安全带。如遇交通事故请拨打122报警。",
        "交警部门提醒广大交通参与者自觉遵守交通法规，文明出行，平安出行。群众如发现交通违法行为，可拨打举报电话{hotline}。",
    ),
    attachments=("{py}年{pm}月交通违法查处情况统计表", "{scope}交通事故多发路段名单"),
)

HUZHENG = Topic(
    key="huzheng",
    stories=(
        Story(("{place}户籍窗口推出“延时服务” 群众办事不再“赶时间”", "{station}推出户政业务“周末不打烊”服务"),
              "为进一步方便群众办事，{station}户籍窗口自{em}月{ed}日起推出午间和周末延时服务，群众在工作日中午及周六上午均可办理身份证申领、户口迁移等业务。",
              ("为减少群众跑腿次数，户籍窗口全面推行“一窗通办”“容缺受理”，对资料不全但主要材料齐备的业务先行受理、后续补齐，累计为群众节约办事时间{n4}00余小时。",
               "“以前办个户口要跑好几趟，现在一次就办好了。”前来办理业务的{victim}说。")),
        Story(("身份证“跨省通办”上线 {scope}已受理异地业务{b1}件", "{we}户政业务“跨省通办”成效明显 累计受理{k1}件"),
              "记者从{bureau}获悉，自居民身份证“跨省通办”业务开通以来，{scope}户政窗口已累计受理异地申领身份证业务{k1}件，其中{pm}月份受理{b1}件。",
              ("目前，{scope}已有{n2}个派出所开通了户政业务自助终端，群众可自助办理身份证照片采集、户籍证明打印等{n5}项业务，最快{n1}分钟即可办结。",
               "在{scope}务工的外省籍群众{victim}说：“以前换身份证要请假回老家，现在在家门口就能办，太方便了。”")),
        Story(("民警上门服务 为{vage}岁卧床老人办理身份证", "户政民警走进{community} 为行动不便群众上门采集信息"),
              "{em}月{ed}日，{station}户籍民警带着采集设备来到{community}，为{vage}岁的卧床老人{victim}上门办理居民身份证。",
              ("由于老人常年卧病在床，无法前往户籍窗口，家属通过“警民联系卡”向派出所求助。民警了解情况后当即预约上门，现场完成人像采集和指纹登记，并承诺证件办好后免费邮寄到家。",
               "今年以来，{station}已累计为{n3}名老、弱、病、残群众提供上门办证服务。")),
    ),
    bodies=(
        "据了解，今年以来{scope}户政窗口共办理各类户政业务{k2}件，其中办理居民身份证{k3}张、户口迁移{b2}件、出生登记{b3}件，群众满意率达{pct3}。",
        "下一步，{bureau}将持续深化公安“放管服”改革，推出更多便民利民举措，让“数据多跑路、群众少跑腿”。",
    ),
    closings=(
        "如需咨询户政业务，请拨打户政服务热线{hotline}（工作日8:30至17:30）。",
        "温馨提示：群众办理户政业务前，可通过“{city}公安”微信公众号查询所需材料并在线预约，避免排队等候。",
    ),
    attachments=("户政业务办理材料清单", "居民身份证异地受理点一览表"),
)

ZHIAN = Topic(
    key="zhian",
    stories=(
        Story(("{camp_zh}：{place}警方破获刑事案件{n3}起", "{scope}公安机关深入推进{camp_zh}"),
              "{camp_zh}开展以来，{scope}公安机关共破获刑事案件{b1}起，抓获犯罪嫌疑人{b2}名，查处治安案件{b3}起，{scope}刑事警情同比{down}{pct1}。",
              ("行动中，{scope}累计出动警力{k1}人次、警车{b4}台次，清查出租房屋、旅馆、网吧等场所{k2}处，排查整改治安隐患{b5}处。",
               "{scope}公安机关坚持“什么犯罪突出就重点打击什么犯罪”，对盗窃、抢夺、电信网络诈骗等多发性侵财犯罪开展集中打击，{scope}侵财类案件破案率提升{pct2}。",
               "与此同时，各派出所组织社区民警深入{community}等重点区域开展夜间巡查，增加见警率，进一步提升群众安全感。")),
        Story(("常态化扫黑除恶：{bureau}打掉一恶势力犯罪集团", "{place}警方依法打掉一个以{sname}为首的恶势力犯罪团伙"),
              "近日，{bureau}扫黑办通报，经过{days}天缜密侦查，专案组成功打掉一个以{suspect}为首的恶势力犯罪集团，抓获犯罪嫌疑人{n2}名，破获寻衅滋事、非法拘禁等案件{n4}起。",
              ("经查，该团伙长期盘踞在{place2}一带，采取暴力、威胁等手段插手民间纠纷、强揽工程，严重扰乱当地经济社会秩序。目前，案件正在进一步侦办中。",
               "据统计，今年以来{scope}共接到群众涉黑涉恶线索举报{n5}条，已全部核查办结，办结率100%。"),
              ("公安机关欢迎广大群众积极举报涉黑涉恶违法犯罪线索，举报电话：{hotline}。对举报人信息严格保密，查证属实的将给予奖励。",)),
        Story(("连续作案{n3}起 流窜盗窃嫌疑人落网", "{station}{hours}小时破获系列盗窃案"),
              "{em2}月以来，{place}辖区接连发生多起夜间入室盗窃案件。{station}成立专案组开展攻坚，{hours}小时内锁定并抓获犯罪嫌疑人{suspect}。",
              ("经审讯，犯罪嫌疑人对其自{em2}月{ed2}日以来在{place}、{place2}等地连续作案{n3}起、盗得现金及财物价值{wan_small}的犯罪事实供认不讳。",
               "目前，犯罪嫌疑人{sname}已被依法刑事拘留，部分被盗财物已发还失主。"),
              ("警方提醒：外出时请锁好门窗，贵重物品不要放在车内显眼位置。发现可疑情况请立即拨打110报警。",)),
    ),
    bodies=(
        "今年以来，{scope}刑事案件立案数同比{down}{pct3}，八类严重暴力犯罪案件实现现案全破。",
    ),
    closings=(
        "{bureau}将始终保持对各类违法犯罪的高压严打态势，全力维护{scope}社会治安大局稳定。群众如发现违法犯罪线索，请拨打110报警。",
    ),
    attachments=("涉黑涉恶线索举报奖励办法",),
)

JINDU = Topic(
    key="jindu",
    stories=(
        Story(("{place}开展{camp_jd}", "{camp_jd}走进{school}"),
              "{em}月{ed}日，{bureau}禁毒部门联合{place}有关单位，在{road}广场开展{camp_jd}，吸引了{b1}余名群众驻足参与。",
              ("活动现场设置了仿真毒品展示台和禁毒知识问答区，民警详细讲解了新型毒品的伪装形态和危害，提醒群众特别是青少年远离毒品、珍爱生命。",
               "此次活动共发放禁毒宣传资料{k1}份，展出宣传展板{n6}块，接受群众咨询{b3}人次，进一步提高了群众识毒、防毒、拒毒的意识。")),
        Story(("{jd}破获一起贩卖毒品案 缴获毒品{grams}", "{we}警方打掉一贩毒网络 抓获嫌疑人{n2}名"),
              "{em}月{ed}日，{bureau}{jd}根据前期掌握的线索，在{place}一小区内将贩毒嫌疑人{suspect}抓获，当场缴获疑似{drug}{grams}。",
              ("经进一步深挖，民警顺线追踪，又先后抓获下线吸贩毒人员{n3}名。目前，{sname}已被依法刑事拘留，案件正在进一步侦办中。",)),
    ),
    bodies=(
        "今年以来，{scope}共破获毒品刑事案件{n4}起，抓获毒品犯罪嫌疑人{n5}名，查处吸毒人员{b2}人次，同比分别{up}{pct1}、{pct2}。",
        "下一步，{bureau}将持续深化禁毒人民战争，以“清源断流”为抓手，严厉打击各类毒品违法犯罪活动。",
    ),
    closings=(
        "禁毒举报电话：{hotline}。公安机关对举报人身份严格保密，经查证属实的将按规定给予奖励。",
        "珍爱生命，远离毒品。发现涉毒违法犯罪线索，请及时拨打110报警。",
    ),
)

ANBAO = Topic(
    key="anbao",
    stories=(
        Story(("{y}年高考首日 {scope}公安全力护航", "护航高考 {place}警方为{k1}名考生保驾护航"),
              "{y}年高考期间，{scope}公安机关共出动警力{b1}人次，在{n4}个考点周边开展安保工作，为{k1}名考生营造安全、有序、畅通的考试环境。",
              ("在各考点周边，交警部门设置了临时停车区和禁鸣标志，巡特警在考点外围开展武装巡逻，派出所民警全程驻点执勤，及时处置突发情况。",
               "期间，民警共帮助忘带准考证、走错考点的考生{n2}人，用警车护送迟到考生{n1}人，收到群众点赞。"),
              months=(6, 7)),
        Story(("夜间治安巡查：{place}民警守护群众“夜生活”", "{station}开展夜间治安巡查集中行动"),
              "为进一步提升群众安全感，{station}围绕夜市、烧烤摊点、广场等重点部位，组织警力开展夜间治安巡查，{em}月以来已连续开展集中行动{n3}次。",
              ("巡查中，民警共检查娱乐场所、夜市摊点{b2}家，调解各类纠纷{n5}起，查处醉酒滋事人员{n7}名，现场抓获违法犯罪嫌疑人{n2}名。",
               "民警还在巡查中向群众发放防诈骗、防盗窃宣传资料{k1}份，提醒大家保管好随身财物。")),
        Story(("{bureau}圆满完成{y}年春节期间安保维稳工作",),
              "春节假期，{scope}公安机关共投入警力{k1}人次，接处警{k2}起，{scope}社会治安大局持续平稳，未发生有影响的刑事、治安案件和重大交通事故。",
              ("各级公安机关严格落实领导带班和24小时值班备勤制度，在商圈、景区、车站等人员密集场所实行“屯警街面、动中备勤”，最大限度提高见警率和管事率。",
               "假期期间，{scope}共接报警情{k3}起，其中刑事警情同比{down}{pct1}，治安警情同比{down}{pct2}。"),
              months=(2, 3)),
        Story(("{scope}公安机关圆满完成{y}年国庆假期安保任务",),
              "国庆假期，{scope}公安机关共投入警力{k1}人次，接处警{k2}起，{scope}社会治安大局持续平稳，未发生有影响的刑事、治安案件和重大交通事故。",
              ("各级公安机关严格落实领导带班和24小时值班备勤制度，在商圈、景区、车站等人员密集场所实行“屯警街面、动中备勤”，最大限度提高见警率和管事率。",
               "假期期间，{scope}共接报警情{k3}起，其中刑事警情同比{down}{pct1}，治安警情同比{down}{pct2}。"),
              months=(10,)),
    ),
    bodies=(
        "{bureau}有关负责人表示，将以此为契机，持续巩固提升社会治安防控水平，不断增强人民群众的获得感、幸福感、安全感。",
    ),
    closings=(
        "{bureau}提醒广大群众：遇到紧急情况请拨打110报警，公安机关将第一时间出警处置。",
        "公安机关将继续保持高度警惕，全力做好各项安保工作，确保{scope}社会治安持续稳定。",
    ),
)

DUIWU = Topic(
    key="duiwu",
    stories=(
        Story(("{bureau}召开{y}年第{quarter}季度全警大会", "{bureau}召开第{quarter}季度公安工作推进会"),
              "{em}月{ed}日，{bureau}召开{y}年第{quarter}季度全警大会，总结前一阶段工作，部署下一阶段重点任务。{bureau}{officer_title}{officer}出席会议并讲话。",
              ("会议指出，今年以来{scope}公安机关刑事警情同比{down}{pct1}，电信网络诈骗案件发案数同比{down}{pct2}，群众安全感满意度保持在{n6}.{n1}%以上。",
               "会议要求，全警要坚持以人民为中心的发展思想，紧盯重点领域和突出问题，持续深化打击整治，确保{scope}社会大局持续安全稳定。")),
        Story(("“我为群众办实事”：{station}为辖区群众办好{n4}件实事", "{place}公安扎实开展“我为群众办实事”实践活动"),
              "“我为群众办实事”实践活动开展以来，{station}坚持问需于民、问计于民，梳理出群众反映集中的难点问题{n5}项，逐项制定整改措施。",
              ("活动中，民警累计走访群众{k1}户，收集意见建议{b2}条，帮助群众解决急难愁盼问题{b3}个，群众满意率达{pct3}。",
               "“以前晚上路灯不亮，走路心里发慌，现在派出所协调装上了新路灯，心里踏实多了。”{community}居民{victim}说。")),
        Story(("{bureau}开展实战大练兵 {b1}名民警参训", "大练兵大比武 {unit}开展实战技能考核"),
              "{em}月{ed}日起，{bureau}组织开展为期{n1}天的全警实战大练兵集中轮训，{b1}名一线民警参加了警务技能、法律知识和体能等科目的培训考核。",
              ("培训采取“理论授课+情景模拟+实战演练”相结合的方式，重点围绕盘查处置、警械使用、现场急救等内容进行训练，考核合格率达{pct3}。",
               "下一步，{bureau}将把练兵成果转化为履职能力，持续锻造一支对党忠诚、服务人民、执法公正、纪律严明的公安铁军。")),
    ),
    bodies=(),
    closings=(
        "（{bureau}政治部）",
        "（{bureau}宣传科）",
    ),
)

# --- notice-type topics (通知公告 / 警情通报) ---

TONGBAO = Topic(
    key="tongbao",
    stories=(
        Story(("警情通报（{y}年第{b1}期）", "关于{place}一起{fraud}诈骗案件的警情通报"),
              "{em}月{ed}日{eh}时许，{bureau}{station}接群众报警称，其在{place}遭遇“{fraud}”类诈骗，被骗{wan_small}。接警后，民警迅速开展调查。",
              ("经查，报警人在网上结识一名陌生网友，在对方诱导下先后{n1}次向指定账户转账。目前，案件正在进一步侦办中。",)),
        Story(("关于{place}“{em}·{ed}”盗窃案件的警情通报", "{station}关于一起入室盗窃案件的通报"),
              "{em}月{ed}日，{place}一居民报警称家中被盗。接警后，{station}立即组织警力开展侦查，随后在{place2}将犯罪嫌疑人{suspect}抓获。",
              ("经查，{sname}自{em2}月以来多次在{place}、{place2}等地作案，涉案价值{wan_small}。目前，部分涉案财物已追回发还失主。",
               "目前，犯罪嫌疑人{sname}已被依法刑事拘留，案件正在进一步侦办中。")),
        Story(("关于{place}一起交通事故的警情通报", "{bureau}{jj}关于{road}一起交通事故的情况通报"),
              "{em}月{ed}日{eh}时许，{place}{road}路段发生一起两车相撞的交通事故，造成{n1}人受伤。事故发生后，公安、医疗等部门迅速赶到现场开展救援。",
              ("经初步调查，肇事驾驶人{suspect2}存在超速行驶的违法行为，已被公安机关依法控制，伤者已送医救治，无生命危险。事故具体原因正在进一步调查中。",)),
    ),
    bodies=(
        "公安机关将依法严厉打击各类违法犯罪活动，切实维护人民群众生命财产安全。",
    ),
    closings=(
        "{bureau}\n{y}年{m}月{d}日",
        "特此通报。",
    ),
)

TONGGAO = Topic(
    key="tonggao",
    stories=(
        Story(("关于{y}年{m}月{road}部分路段实施临时交通管制的通告", "{bureau}{jj}关于{road}施工期间交通管制的通告"),
              "因{road}道路改造施工需要，根据《中华人民共和国道路交通安全法》有关规定，决定自{y}年{m}月{d}日起对{road}（{road2}至{place}段）实施临时交通管制。现将有关事项通告如下：",
              ("一、管制期间，除执行任务的警车、消防车、救护车、工程抢险车外，禁止其他机动车通行，过往车辆请提前绕行{road2}。",
               "二、管制期间，行人和非机动车须在施工区域外侧临时通道内通行，并服从现场交通警察和工作人员指挥。",
               "三、凡违反本通告规定的，由公安机关交通管理部门依法予以处罚。"), full=True),
        Story(("关于开展{camp_zh}的通告", "关于敦促违法犯罪人员投案自首的通告"),
              "为依法严厉打击违法犯罪活动，维护{scope}社会治安稳定，根据有关法律规定，{bureau}决定在{scope}范围内开展{camp_zh}。现将有关事项通告如下：",
              ("一、犯罪嫌疑人自本通告发布之日起至{fy}年{fm}月{fd}日前主动投案自首的，可以依法从轻或者减轻处罚。",
               "二、鼓励广大群众积极检举揭发违法犯罪线索，举报电话：{hotline}，对举报有功人员给予{n1}000元至{n2}000元奖励。",
               "三、本通告自发布之日起施行。"), full=True),
    ),
    bodies=(),
    closings=(
        "特此通告。",
        "{bureau}\n{y}年{m}月{d}日",
    ),
    attachments=("交通管制路段示意图", "绕行线路图"),
)

ZHAOPIN = Topic(
    key="zhaopin",
    stories=(
        Story(("{bureau}{y}年公开招聘警务辅助人员公告", "{bureau}{y}年第{quarter}批辅警招聘公告"),
              "根据工作需要，经研究决定，{bureau}面向社会公开招聘警务辅助人员{b1}名。现将有关事项公告如下：",
              ("一、招聘条件：具有中华人民共和国国籍，拥护中国共产党的领导；年龄18周岁以上、30周岁以下；具有高中及以上学历；身体健康，品行端正。",
               "二、报名时间：{y}年{m}月{d}日至{fm}月{fd}日（工作日8:30至17:30），逾期不予受理。",
               "三、报名方式：报名人员须携带本人身份证、学历证书原件及复印件、近期一寸免冠照片{num}张到{bureau}政治部现场报名。",
               "四、招聘程序：按照报名、资格审查、笔试、体能测试、面试、体检、政审、公示的程序进行。",
               "五、薪酬待遇：试用期{num2}个月，聘用后按规定缴纳五险一金，月工资不低于{n3}00元。"), full=True),
    ),
    bodies=(),
    closings=(
        "咨询电话：{hotline}、{hotline2}。",
    ),
    attachments=("{y}年警务辅助人员招聘报名登记表", "招聘岗位计划表"),
)

TONGZHI = Topic(
    key="tongzhi",
    stories=(
        Story(("关于{y}年{m}月户政窗口办公时间临时调整的通知", "关于{station}户籍窗口临时调整办公时间的通知"),
              "为做好户政服务工作，方便群众办理业务，现将户政窗口办公时间调整事项通知如下：",
              ("一、{m}月{d}日至{fm}月{fd}日期间，户籍窗口实行轮班办公，每日上午9:00至12:00正常受理业务。",
               "二、急需办理身份证的群众，可持相关证明到{station}户籍窗口申请办理临时身份证明。",
               "三、群众可通过“{city}公安”微信公众号在线预约，预约后到窗口即到即办。"), full=True),
        Story(("关于开展{y}年度户口整顿工作的通知", "关于集中清理{place}重复户口的通知"),
              "为进一步提高户籍管理质量，{bureau}决定自{y}年{m}月起开展户口整顿工作。现将有关事项通知如下：",
              ("一、请户口信息有误、存在重复户口的群众主动到户籍所在地派出所申请更正或注销。",
               "二、对主动申报的重复户口，公安机关按规定予以注销，不追究当事人责任。"), full=True),
    ),
    bodies=(),
    closings=(
        "咨询电话：{hotline}。",
        "特此通知。",
    ),
)

NEWS_TOPICS: tuple[Topic, ...] = (FANZHA, FANZHA, JIAOTONG, HUZHENG, ZHIAN, JINDU, ANBAO, DUIWU)
NOTICE_TOPICS: tuple[Topic, ...] = (TONGBAO, TONGBAO, TONGGAO, ZHAOPIN, TONGZHI)
TOPICS: dict[str, Topic] = {t.key: t for t in NEWS_TOPICS + NOTICE_TOPICS}
TOPICS["table"] = JIAOTONG  # the hanweb table article reuses the traffic texts


def choose_topic(seed: str, kind: str) -> Topic:
    """Pick the topic of a column article (``kind`` is "news" or "notice")."""
    pool = NEWS_TOPICS if kind == "news" else NOTICE_TOPICS
    return Rng(seed + ":topic").choice(pool)


def make_title(seed: str, topic: Topic, loc: Locale, published: datetime) -> str:
    """Format one of the story's title templates."""
    story = topic.story(seed, published.month)
    return Rng(seed + ":title").choice(story.titles).format_map(make_vars(seed, loc, published))


def make_attachment_name(seed: str, topic: Topic, loc: Locale, published: datetime) -> str:
    """File name shown as the attachment link text (always ends with .pdf)."""
    rng = Rng(seed + ":att")
    names = topic.attachments or ("相关材料",)
    return rng.choice(names).format_map(make_vars(seed, loc, published)) + ".pdf"


def make_body(seed: str, topic: Topic, loc: Locale, published: datetime) -> tuple[str, ...]:
    """3–8 paragraphs: the story lead, 1–6 story/shared paragraphs, a closing."""
    v = make_vars(seed, loc, published)
    story = topic.story(seed, published.month)
    brng = Rng(seed + ":body")
    if story.full:
        middle = list(story.bodies)
    else:
        pool = story.bodies + topic.bodies
        k = brng.randint(1, min(6, len(pool)))
        middle = [pool[i] for i in sorted(brng.sample(range(len(pool)), k))]
    closing = brng.choice(story.closings or topic.closings)
    out: list[str] = []
    for p in [story.lead, *middle, closing]:
        # closings like "{bureau}\n{date}" are signature lines: one paragraph each
        out.extend(line for line in p.format_map(v).split("\n") if line)
    return tuple(out)


def make_table(seed: str, loc: Locale, published: datetime) -> Table:
    """A small statistics table (header + one row per place + total)."""
    rng = Rng(seed + ":table")
    header = ("乡镇（街道）", "查处酒后驾驶", "查处醉酒驾驶", "劝导未戴头盔")
    rows: list[tuple[str, ...]] = [header]
    totals = [0, 0, 0]
    for place in loc.places[:6]:
        vals = [rng.randint(5, 60), rng.randint(0, 9), rng.randint(100, 900)]
        totals = [a + b for a, b in zip(totals, vals, strict=True)]
        rows.append((place, *(str(x) for x in vals)))
    rows.append(("合计", *(str(x) for x in totals)))
    return tuple(rows)


SEED_ARTICLE_TITLE = "警方通报：我市电信网络诈骗高发势头得到有效遏制"
SEED_ARTICLE_BODY: tuple[str, ...] = (
    "7月12日，记者从晋城市公安局获悉，为期一个月的防范电信网络诈骗集中攻坚宣传月活动已于近日收官。市公安局副局长张宁在通报中介绍，活动期间全市公安机关坚持打防并举、宣防同步，电信网络诈骗案件高发多发的势头得到有效遏制。",
    "打击战果方面，宣传月期间全市共侦破电信网络诈骗案件75起，抓获犯罪嫌疑人46名，与上月相比分别增长31.37%和76%，其中告破目标案件12起。同期全市电信网络诈骗立案143起，比5月份下降7.14%。",
    "预警劝阻方面，全市公安机关依托国家反诈中心APP、“金钟罩”预警系统和96110预警劝阻专线，及时向1001名潜在受害群众发出预警。96110专线共接听群众来电962个，成功劝阻900名群众停止转账。民警累计拨打预警电话16206个、发送预警短信3544条、当面劝阻663人次，约13337名群众免于被骗，并为受害群众返还被骗资金517.87万元。",
    "宣传覆盖方面，活动期间全市新增国家反诈中心APP注册用户47万余人，注册量占全市常住人口的22.14%；2194家法人单位落实了反诈“五个一”措施；各地在大街小巷累计设立宣传点位9.2万个。全市组建反诈宣讲团8个，吸纳宣讲员256名，其中有98名曾经受骗的群众现身说法，累计开展宣讲1221场；12.7万名志愿者参与入户宣传，共走访群众43万户。",
    "从上半年整体情况看，2021年1至6月，全市共破获电信网络诈骗案件207起，抓获犯罪嫌疑人262名，同比分别上升208.96%和303.08%；累计劝阻群众3.4万人，为群众挽回经济损失1.7亿元。在“断卡”行动中，全市打掉涉“两卡”违法犯罪团伙12个，抓获犯罪嫌疑人83名，惩戒183人，收缴电话卡、银行卡1.02万张，查扣作案设备48台。",
    "典型案例一：6月5日，陵川县公安局成功摧毁一个电信网络诈骗团伙，先后抓获犯罪嫌疑人王某某、刘某某等7人，该团伙涉及诈骗案件21起，涉案金额超过300万元。",
    "典型案例二：6月10日，高平市公安局民警远赴福建泉州开展抓捕行动，抓获犯罪嫌疑人4名，现场查获电脑5台、“猫池”设备7台、手机6部。",
    "警方提醒：凡是要求把钱转入“安全账户”的都是诈骗。广大群众如接到96110来电请及时接听；一旦发现被骗，请第一时间拨打110报警。",
)


#: The statistics of the seed-restating article, annotated by hand per tests/eval/metrics/GUIDELINES.md (a figure
#: whose sentence names no period takes its paragraph's, else the opening's 活动期间; a case story its opening date):
#: (span, indicator, value, unit, approximate, change_basis, change_direction, change_value, change_unit, period_text)
SEED_ARTICLE_FIGURES: tuple[tuple, ...] = (
    ("75起", "侦破电信网络诈骗案件", 75, "起", False, "与上月相比", "up", 31.37, "%", "宣传月期间"),
    ("46名", "抓获犯罪嫌疑人", 46, "名", False, "与上月相比", "up", 76, "%", "宣传月期间"),
    ("12起", "告破目标案件", 12, "起", False, None, None, None, None, "宣传月期间"),
    ("143起", "电信网络诈骗立案", 143, "起", False, "比5月份", "down", 7.14, "%", "宣传月期间"),
    ("1001名", "向潜在受害群众发出预警", 1001, "名", False, None, None, None, None, "活动期间"),
    ("962个", "接听群众来电", 962, "个", False, None, None, None, None, "活动期间"),
    ("900名", "劝阻群众", 900, "名", False, None, None, None, None, "活动期间"),
    ("16206个", "拨打预警电话", 16206, "个", False, None, None, None, None, "活动期间"),
    ("3544条", "发送预警短信", 3544, "条", False, None, None, None, None, "活动期间"),
    ("663人次", "当面劝阻", 663, "人次", False, None, None, None, None, "活动期间"),
    ("13337名", "群众免于被骗", 13337, "名", True, None, None, None, None, "活动期间"),
    ("517.87万元", "返还被骗资金", 5178700, "元", False, None, None, None, None, "活动期间"),
    ("47万余人", "新增国家反诈中心APP注册用户", 470000, "人", True, None, None, None, None, "活动期间"),
    ("22.14%", "注册量", 22.14, "%", False, None, None, None, None, "活动期间"),
    ("2194家", "法人单位落实反诈“五个一”措施", 2194, "家", False, None, None, None, None, "活动期间"),
    ("9.2万个", "设立宣传点位", 92000, "个", False, None, None, None, None, "活动期间"),
    ("8个", "组建反诈宣讲团", 8, "个", False, None, None, None, None, "活动期间"),
    ("256名", "吸纳宣讲员", 256, "名", False, None, None, None, None, "活动期间"),
    ("98名", "群众现身说法", 98, "名", False, None, None, None, None, "活动期间"),
    ("1221场", "开展宣讲", 1221, "场", False, None, None, None, None, "活动期间"),
    ("12.7万名", "志愿者参与入户宣传", 127000, "名", False, None, None, None, None, "活动期间"),
    ("43万户", "走访群众", 430000, "户", False, None, None, None, None, "活动期间"),
    ("207起", "破获电信网络诈骗案件", 207, "起", False, "同比", "up", 208.96, "%", "2021年1至6月"),
    ("262名", "抓获犯罪嫌疑人", 262, "名", False, "同比", "up", 303.08, "%", "2021年1至6月"),
    ("3.4万人", "劝阻群众", 34000, "人", False, None, None, None, None, "2021年1至6月"),
    ("1.7亿元", "挽回经济损失", 170000000, "元", False, None, None, None, None, "2021年1至6月"),
    ("12个", "打掉涉“两卡”违法犯罪团伙", 12, "个", False, None, None, None, None, "“断卡”行动中"),
    ("83名", "抓获犯罪嫌疑人", 83, "名", False, None, None, None, None, "“断卡”行动中"),
    ("183人", "惩戒", 183, "人", False, None, None, None, None, "“断卡”行动中"),
    ("1.02万张", "收缴电话卡、银行卡", 10200, "张", False, None, None, None, None, "“断卡”行动中"),
    ("48台", "查扣作案设备", 48, "台", False, None, None, None, None, "“断卡”行动中"),
    ("7人", "抓获犯罪嫌疑人", 7, "人", False, None, None, None, None, "6月5日"),
    ("21起", "涉及诈骗案件", 21, "起", False, None, None, None, None, "6月5日"),
    ("300万元", "涉案金额", 3000000, "元", True, None, None, None, None, "6月5日"),
    ("4名", "抓获犯罪嫌疑人", 4, "名", False, None, None, None, None, "6月10日"),
    ("5台", "查获电脑", 5, "台", False, None, None, None, None, "6月10日"),
    ("7台", "查获“猫池”设备", 7, "台", False, None, None, None, None, "6月10日"),
    ("6部", "查获手机", 6, "部", False, None, None, None, None, "6月10日"),
)


def make_table_title(seed: str, loc: Locale, published: datetime) -> str:
    """Title of the article that carries a statistics table."""
    v = make_vars(seed, loc, published)
    v["unit0"] = loc.units[0]
    return "{bureau}{unit0}公布{py}年{pm}月各乡镇（街道）交通违法查处情况".format_map(v)


def make_table_body(seed: str, loc: Locale, published: datetime) -> tuple[Block, ...]:
    """Lead paragraph, the statistics table, two closing paragraphs."""
    v = make_vars(seed, loc, published)
    lead = ("为进一步压降道路交通事故，{py}年{pm}月，{bureau}交警部门在{scope}范围内持续开展酒驾醉驾和"
            "电动自行车不戴头盔专项整治，现将各乡镇（街道）查处情况公布如下：").format_map(v)
    table = make_table(seed, loc, published)
    top = sorted(table[1:-1], key=lambda row: -int(row[1]))
    after = (f"从查处情况看，{top[0][0]}、{top[1][0]}酒驾违法行为相对集中，"
             "交警部门将在上述区域增加夜间查处频次。")
    closing = JIAOTONG.closings[0].format_map(v)
    return (lead, table, after, closing)
