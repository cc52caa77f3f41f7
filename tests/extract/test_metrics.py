"""Statistics extraction: unit behaviour, and the evaluation goals on the gold set (an evaluation in CI)."""

from __future__ import annotations

import pytest

from extract.metrics import extract_metrics
from extract.metrics.numbers import chinese_to_int
from tests.eval import metrics_eval


def one(text: str, published: str = "2021-07-12") -> dict:
    found = extract_metrics(text, published)
    assert len(found) == 1, [m.to_dict() for m in found]
    return found[0].to_dict()


@pytest.mark.parametrize(("text", "value", "unit", "approx"), [
    ("返还经济损失517.87 万元。", 5178700, "元", False),
    ("挽回经济损失1.7亿元。", 170000000, "元", False),
    ("劝阻3.4万群众免于被骗。", 34000, "", False),
    ("破获案件十二起。", 12, "起", False),
    ("走访群众两千余户。", 2000, "户", True),
    ("抓获嫌疑人百余名。", 100, "名", True),
    ("新增用户47万余人。", 470000, "人", True),
    ("涉案金额300余万元。", 3000000, "元", True),
    ("防止约13337名群众被骗。", 13337, "名", True),
])
def test_values_are_normalised(text, value, unit, approx):
    m = one(text)
    assert (m["value"], m["unit"], m["approximate"]) == (value, unit, approx)


@pytest.mark.parametrize("text", [
    "遇到可疑情况请拨打96110或110咨询，热线电话0356-2030110。",
    "6月5日9时30分，35岁的王某报警。",
    "第一批“五个一”反诈措施要求做到“三不一咨询”。",
    "将实施5年内只保留1张电话卡的惩戒措施。",
    "技防措施不可能做到100%的防护效果。",
    "依据《治安管理处罚法》第二十条，可以并处500元罚款。",
])
def test_numbers_that_are_not_statistics(text):
    assert extract_metrics(text, "2021-07-12") == []


def test_comparisons_distribute_and_stand_alone():
    ms = extract_metrics("攻坚宣传月期间，全市共破获电信网络诈骗案件75起，抓获犯罪嫌疑人46名，环比分别上升31.37%和76%。"
                         "全市电诈发案同比下降18.7%。全市立案143起，较上月减少15起。", "2021-07-12")
    got = [(m.indicator, m.value, m.change_basis, m.change_direction, m.change_value, m.change_unit) for m in ms]
    assert got == [
        ("破获电信网络诈骗案件", 75, "环比", "up", 31.37, "%"),
        ("抓获犯罪嫌疑人", 46, "环比", "up", 76, "%"),
        ("电诈发案", None, "同比", "down", 18.7, "%"),
        ("立案", 143, "较上月", "down", 15, "起"),
    ]


@pytest.mark.parametrize(("text", "published", "period"), [
    ("今年以来，破获案件12起。", "2021-07-12", ("今年以来", "2021-01-01", "2021-07-12")),
    ("2021年1至6月，破获案件12起。", "2021-07-12", ("2021年1至6月", "2021-01-01", "2021-06-30")),
    ("1-10月，破获案件12起。", "2022-11-03", ("1-10月", "2022-01-01", "2022-10-31")),
    ("上半年，破获案件12起。", "2022-07-08", ("上半年", "2022-01-01", "2022-06-30")),
    ("第三季度，破获案件12起。", "2023-10-10", ("第三季度", "2023-07-01", "2023-09-30")),
    ("截至9月底，建成小区12个。", "2021-10-08", ("截至9月底", None, "2021-09-30")),
    ("12月份，破获案件12起。", "2022-01-05", ("12月份", "2021-12-01", "2021-12-31")),
    ("去年全年，办理业务12件。", "2024-01-20", ("去年全年", "2023-01-01", "2023-12-31")),
    ("本周，接报警情12起。", "2022-05-12", ("本周", "2022-05-09", "2022-05-12")),
    ("攻坚月期间，破获案件12起。", "2021-07-12", ("攻坚月期间", None, "2021-07-12")),
])
def test_periods_resolve_against_the_publish_date(text, published, period):
    m = one(text, published)
    assert (m["period_text"], m["period_start"], m["period_end"]) == period


def test_places_and_chains():
    ms = extract_metrics("全市立刑事案件63起，其中城区31起、泽州县9起。查扣电脑主机5台，卡池7台。", "2022-05-12")
    assert [(m.indicator, m.value, m.place) for m in ms] == [
        ("立刑事案件", 63, None), ("立刑事案件", 31, "城区"), ("立刑事案件", 9, "泽州县"),
        ("查扣电脑主机", 5, None), ("查扣卡池", 7, None)]


def test_chinese_numerals():
    assert [chinese_to_int(x) for x in ("十二", "两千", "一百二十", "三百四十", "百", "万")] == [12, 2000, 120, 340, 100, None]


def test_development_set_goals():
    """Issue 15's goals, kept on the development set (bulletins + seed) as an evaluation in CI."""
    _, scores = metrics_eval.run()
    ours, base = scores
    assert ours.precision >= 0.97 and ours.recall >= 0.95
    assert ours.change_ok / ours.change_total >= 0.95
    assert ours.periods >= 0.95
    assert ours.grouping[2] >= 0.85 and ours.scope_accuracy >= 0.90
    assert ours.f1 > base.f1


def _figs(text: str, pub: str = "2023-01-16T09:00+08:00") -> list[dict]:
    return [m.to_dict() for m in extract_metrics(text, pub)]


def test_a_bare_year_is_the_period_of_a_year_end_review_but_not_of_an_event_or_a_comparison():
    (f,) = _figs("2022年，全县共破获刑事案件2317起。")
    assert (f["period_text"], f["period_start"], f["period_end"]) == ("2022年", "2022-01-01", "2022-12-31")
    (f,) = _figs("2022年全县共查处治安案件4108起。")
    assert f["period_text"] == "2022年"
    (f,) = _figs("为护航2023年高考，邓州市公安局出动警力620多人次。", "2023-06-09T18:20+08:00")
    assert f["period_text"] is None
    (f,) = _figs("与2022年相比，全市盗窃案件减少412起。", "2024-01-25T10:00+08:00")
    assert f["period_text"] != "2022年"
    (f,) = _figs("截至2020年底，全市机动车保有量达到182.6万辆。", "2021-01-20T11:00+08:00")
    assert (f["period_start"], f["period_end"]) == (None, "2020-12-31")


def test_kilograms_after_an_approximate_number_are_one_figure():
    figs = _figs("查获非法渔获物1860余千克，收缴禁用渔具三百二十余套。")
    assert [(f["value"], f["unit"], f["approximate"]) for f in figs] == [(1860, "千克", True), (320, "套", True)]


def test_places_listed_before_a_split_list_are_not_part_of_the_indicator():
    figs = _figs("柳江区、柳城县、鹿寨县分别发生亡人事故38起、29起、26起。")
    assert [(f["indicator"], f["value"]) for f in figs] == [("发生亡人事故", 38), ("发生亡人事故", 29),
                                                            ("发生亡人事故", 26)]


def test_a_number_after_a_comma_is_not_a_further_change_value_without_its_measure_word():
    figs = _figs("2023年，全市刑事案件立案数同比下降9.8%，八类严重暴力犯罪案件发案数同比下降21.3%。",
                 "2024-01-25T10:00+08:00")
    assert [f["change_value"] for f in figs] == [9.8, 21.3]
    assert all(f["period_text"] == "2023年" for f in figs)


def test_a_comparison_basis_after_a_short_topic_clause_applies_to_the_whole_sentence():
    figs = _figs("从事故特点看，与去年同期相比，农村道路事故起数下降6.7%，涉及货车的事故上升8.9%。",
                 "2023-07-10T09:00+08:00")
    assert [(f["value"], f["change_basis"], f["change_direction"], f["change_value"]) for f in figs] == [
        (None, "与去年同期相比", "down", 6.7), (None, "与去年同期相比", "up", 8.9)]


def _period(text: str, pub: str, title: str | None = None, at: int = 0) -> tuple:
    f = [m.to_dict() for m in extract_metrics(text, pub, title)][at]
    return f["period_text"], f["period_start"], f["period_end"], f["period_kind"]


@pytest.mark.parametrize(("text", "pub", "want"), [
    # the State Council's days off, including weekend swaps and holidays joined in one run
    ("国庆假期期间，全市共接报警情1200起。", "2023-10-07", ("国庆假期期间", "2023-09-29", "2023-10-06", "holiday")),
    ("国庆期间，全市共接报警情1200起。", "2024-10-08", ("国庆期间", "2024-10-01", "2024-10-07", "holiday")),
    ("春节期间，全市共接报警情1200起。", "2024-02-18", ("春节期间", "2024-02-10", "2024-02-17", "holiday")),
    ("春节期间，全市共接报警情1200起。", "2024-01-20", ("春节期间", "2023-01-21", "2023-01-27", "holiday")),
    ("“五一”假期，全市共接报警情1200起。", "2023-05-04", ("“五一”假期", "2023-04-29", "2023-05-03", "holiday")),
    ("端午假期，全市共接报警情1200起。", "2024-06-11", ("端午假期", "2024-06-08", "2024-06-10", "holiday")),
    ("元旦假期，全市共接报警情1200起。", "2023-01-03", ("元旦假期", "2022-12-31", "2023-01-02", "holiday")),
    ("国庆中秋双节期间，全市共接报警情1200起。", "2024-10-08",
     ("国庆中秋双节期间", "2024-09-15", "2024-10-07", "holiday")),
    # a holiday report published before its holiday ends runs to the publish date
    ("国庆假期前三天，全市共接报警情1200起。", "2024-10-03", ("国庆假期", "2024-10-01", "2024-10-03", "holiday")),
    ("10月下旬，全市共破获案件12起。", "2024-11-06", ("10月下旬", "2024-10-21", "2024-10-31", "other")),
    ("近三年来，全市共破获案件12起。", "2024-11-06", ("近三年来", "2021-11-07", "2024-11-06", "since")),
    ("自2023年3月以来，全市共破获案件12起。", "2024-11-06", ("自2023年3月以来", "2023-03-01", "2024-11-06", "since")),
    ("从8月起至年底，全市共破获案件12起。", "2024-11-06", ("从8月起至年底", "2024-08-01", "2024-12-31", "since")),
    ("自5月18日以来，全市共破获案件12起。", "2024-11-06", ("自5月18日以来", "2024-05-18", "2024-11-06", "since")),
    ("自2010年以来，全市共破获案件12起。", "2024-11-06", ("自2010年以来", "2010-01-01", "2024-11-06", "since")),
    ("2024年以来，全市共破获案件12起。", "2024-11-06", ("2024年以来", "2024-01-01", "2024-11-06", "year_to_date")),
    ("今年截至9月底，全市共破获案件12起。", "2024-10-08", ("截至9月底", "2024-01-01", "2024-09-30", "year_to_date")),
    ("截至目前，全市共破获案件12起。", "2024-10-08", ("截至目前", None, "2024-10-08", "other")),
    ("1-10月，全市共破获案件12起。", "2022-11-03", ("1-10月", "2022-01-01", "2022-10-31", "year_to_date")),
    ("4至6月，全市共破获案件12起。", "2022-07-03", ("4至6月", "2022-04-01", "2022-06-30", "quarter")),
    ("上半年，全市共破获案件12起。", "2022-06-28", ("上半年", "2022-01-01", "2022-06-28", "half")),
    ("5月8日至14日，全市共接报警情120起。", "2023-05-16", ("5月8日至14日", "2023-05-08", "2023-05-14", "week")),
    ("6月26日，全市集中销毁毒品12千克。", "2024-07-06", ("6月26日", "2024-06-26", "2024-06-26", "day")),
    ("昨日，全市共查处酒驾12起。", "2024-07-06", ("昨日", "2024-07-05", "2024-07-05", "day")),
    ("12月份，全市共破获案件12起。", "2023-01-05", ("12月份", "2022-12-01", "2022-12-31", "month")),
    # a festival's own day (除夕 from the lunar calendar), a vague time, a year back, 截至 in this year, and an
    # explicit since-span whatever campaign the sentence goes on to name
    ("除夕当晚，全县共收缴烟花爆竹20箱。", "2025-02-05", ("除夕当晚", "2025-01-28", "2025-01-28", "day")),
    ("元旦当天，全市共接报警情320起。", "2025-01-03", ("元旦当天", "2025-01-01", "2025-01-01", "day")),
    ("近日，县公安局破获一起盗窃案，抓获犯罪嫌疑人2名。", "2024-05-10", ("近日", None, None, "other")),
    ("30天来，全县共破获案件12起。", "2024-06-30", ("30天来", "2024-06-01", "2024-06-30", "since")),
    ("20多天来，全县共破获案件12起。", "2024-06-30", ("20多天来", None, None, "other")),
    ("答：一年来，全省共破获案件12起。", "2025-01-09", ("一年来", "2024-01-10", "2025-01-09", "since")),
    ("截至10月底，全市今年共破获案件12起。", "2024-11-06", ("截至10月底", "2024-01-01", "2024-10-31", "year_to_date")),
    ("自今年3月以来，全县开展夏季治安整治行动，共破获案件45起。", "2024-06-20",
     ("自今年3月以来", "2024-03-01", "2024-06-20", "since")),
])
def test_periods_resolve_by_kind(text, pub, want):
    assert _period(text, pub) == want


def test_a_campaign_starts_where_the_text_says_it_began():
    text = ("5月1日起，全市公安机关开展为期百日的“雷霆”专项行动。\n行动开展以来，全市共破获刑事案件320起。\n"
            "活动期间，共发放宣传资料1.2万份。")
    assert _period(text, "2024-07-20") == ("行动开展以来", "2024-05-01", "2024-07-20", "campaign")
    assert _period(text, "2024-07-20", at=1) == ("活动期间", "2024-05-01", "2024-07-20", "campaign")
    stated = "“清源”行动自3月1日启动，至6月30日结束。行动期间，共破获案件45起。"
    assert _period(stated, "2024-07-20") == ("行动期间", "2024-03-01", "2024-06-30", "campaign")  # the end it states
    ranged = "3-5月，全县开展打击整治盗窃电动车专项行动。行动中，共破获案件45起。"
    assert _period(ranged, "2024-06-20", at=0) == ("行动中", "2024-03-01", "2024-05-31", "campaign")
    tenday = "10月下旬，全市开展为期一周的冬季清查行动。行动期间，共查处治安案件21起。"
    assert _period(tenday, "2024-11-06", at=0) == ("行动期间", "2024-10-21", "2024-10-31", "campaign")


def test_a_figure_takes_the_period_of_its_paragraph_heading_title_or_opening():
    text = ("国庆假期期间，全市社会治安秩序良好。\n"
            "一、警情总体平稳\n"
            "全市共接报各类警情3260起，同比下降8.2%。其中，城区1200起，乡镇2060起。\n"
            "二、1至9月工作回顾\n"
            "全市共破获刑事案件1230起。\n"
            "6月5日，民警在某小区抓获犯罪嫌疑人王某等3人。经审讯，查明涉案金额20余万元。")
    figs = [m.to_dict() for m in extract_metrics(text, "2023-10-08", "城区警情通报")]
    got = [(f["indicator"], f["period_text"], f["period_kind"]) for f in figs]
    assert got[:3] == [("接报各类警情", "国庆假期期间", "holiday")] * 3  # heading without a period: the opening's
    assert got[3] == ("破获刑事案件", "1至9月", "year_to_date")
    assert [g[1] for g in got[4:]] == ["6月5日", "6月5日"]  # the story's date dates its later sentence too
    assert [f["scope"] for f in figs[4:]] == ["case", "case"]


def test_a_periodic_report_takes_its_week_or_month_from_the_title():
    text = "本周，全市共接报警情862起，环比下降4.1%。"
    f = [m.to_dict() for m in extract_metrics(text, "2023-06-13", "2023年第23周警情通报")][0]
    assert (f["period_start"], f["period_end"], f["period_kind"]) == ("2023-06-05", "2023-06-11", "week")
    f = [m.to_dict() for m in extract_metrics("本月，全市共发生道路交通事故35起。", "2023-06-03",
                                              "5月份全市道路交通事故情况")][0]
    assert (f["period_start"], f["period_end"], f["period_kind"]) == ("2023-05-01", "2023-05-31", "month")
    f = [m.to_dict() for m in extract_metrics("全市共接报警情862起。", "2023-10-06", "国庆假期全市社会治安平稳")][0]
    assert (f["period_start"], f["period_end"], f["period_kind"]) == ("2023-09-29", "2023-10-06", "holiday")


def test_labels_place_figures_in_a_researchers_columns():
    text = ("上半年，全市共破获电信网络诈骗案件386起，抓获犯罪嫌疑人512名，冻结涉案资金2160.5万元。"
            "全市电诈发案同比下降18.7%，其中刷单返利类案件同比下降26.3%。\n"
            "全市共接报警情12000起，其中刑事警情3000起。城区共查获吸毒人员45名。\n"
            "假期期间，全市共出动警力1.2万人次，设置执勤点位200个，群众满意率达98.6%。")
    figs = [m.to_dict() for m in extract_metrics(text, "2022-07-08", "上半年工作通报")]
    got = [(f["category"], f["measure"], f["scope"], f["subgroup"]) for f in figs]
    assert got == [
        ("telecom_fraud", "solved", "total", None), ("telecom_fraud", "persons_caught", "total", None),
        ("telecom_fraud", "money_blocked", "total", None), ("telecom_fraud", "incidents", "total", None),
        ("telecom_fraud", "incidents", "subgroup", "刷单返利类"),
        ("police_calls", "incidents", "total", None), ("crime_general", "incidents", "total", None),
        ("drugs", "persons_penalized", "total", None),
        ("policing", "deployment", "total", None), ("policing", "deployment", "total", None),
        ("services", "rate", "total", None),
    ]


def test_every_label_is_a_code_of_the_closed_vocabulary():
    from extract.metrics.labels import vocabulary

    codes = vocabulary().codes
    for doc in metrics_eval.load_docs("heldout.jsonl", with_seed=False):
        for m in extract_metrics(doc.text, doc.published_at, doc.title):
            assert m.category in codes["category"] and m.measure in codes["measure"] and m.scope in codes["scope"]
            assert (m.scope == "subgroup") == (m.subgroup is not None)
            assert (m.period_kind is None) == (m.period_text is None)
            assert all(v is None or isinstance(v, (str, int, float, bool)) for v in m.to_dict().values())


def _rows(text: str, pub: str = "2024-06-30", title: str | None = None) -> list[dict]:
    return [m.to_dict() for m in extract_metrics(text, pub, title)]


@pytest.mark.parametrize(("text", "want"), [
    # the forms a comparison takes (issue 15): bracketed, 同比去年, 三成, 降幅/增幅, arrows, 分别 after a comma
    ("全市接报警情1.2万起（同比下降3.1%）。", [(12000, "同比", "down", 3.1, "%")]),
    ("全市刑事案件立案数同比去年下降12.5%。", [(None, "同比去年", "down", 12.5, "%")]),
    ("全县发生交通事故23起，较上年下降超过三成。", [(23, "较上年", "down", 30, "%")]),
    ("全市电诈案件降幅达到12.3%，财产损失增幅为5.6%。", [(None, None, "down", 12.3, "%"), (None, None, "up", 5.6, "%")]),
    ("市城区共接刑事类警情报警7起（环比↓36.36%）。", [(7, "环比", "down", 36.36, "%")]),
    ("接报治安类警情较去年春节期间下降近一半（45.5%）。", [(None, "较去年春节期间", "down", 45.5, "%")]),
    ("两抢案件同比下降一半，入室盗窃案件翻了一番。", [(None, "同比", "down", 50, "%"), (None, "同比", "up", 100, "%")]),
    ("破获案件75起、抓获46人，同比分别增长31.4%和76%。", [(75, "同比", "up", 31.4, "%"), (46, "同比", "up", 76, "%")]),
    # after the noun a number counts, an alternative measure word, in Chinese numerals, 分别 after the direction
    ("上周全县发生交通事故致3人死亡，同比减少2人。", [(3, "同比", "down", 2, "人")]),
    ("共办理居住证2.4万张（本），同比增长18.2%。", [(24000, "同比", "up", 18.2, "%")]),
    ("全县接报警情四百二十起，同比上升百分之六点五。", [(420, "同比", "up", 6.5, "%")]),
    ("查处超速违法行为510起、闯红灯违法行为230起，环比降幅分别为8.1%和4.6%。",
     [(510, "环比", "down", 8.1, "%"), (230, "环比", "down", 4.6, "%")]),
])
def test_comparisons_in_every_form_attach_to_their_level(text, want):
    got = [(f["value"], f["change_basis"], f["change_direction"], f["change_value"], f["change_unit"]) for f in _rows(text)]
    assert got == want


def test_a_change_clause_with_its_own_subject_is_not_given_to_the_levels_before_it():
    rows = _rows("全市共接报有效警情11452起，其中刑事警情78起，治安警情420起，刑事警情和治安警情同比分别下降21.7%和10.26%。")
    assert [(f["indicator"], f["value"], f["change_value"]) for f in rows] == [
        ("接报有效警情", 11452, None), ("刑事警情", 78, None), ("治安警情", 420, None),
        ("刑事警情", None, 21.7), ("治安警情", None, 10.26)]


def test_a_comparison_without_a_subject_takes_the_clause_before_it_or_the_label_sentence():
    rows = _rows("本周，市城区治安及群众求助类警情呈小幅上升趋势，分别环比上升1.48%、1.22%。")
    assert [f["indicator"] for f in rows] == ["治安类警情", "群众求助类警情"]
    rows = _rows("（一）盗窃类警情。本月环比上升2.81%，同比下降7.03%。")
    assert [(f["indicator"], f["change_basis"]) for f in rows] == [("盗窃类警情", "环比"), ("盗窃类警情", "同比")]
    rows = _rows("全市刑事、治安案件同比分别下降8.37%、28.30%。")
    assert [f["indicator"] for f in rows] == ["刑事案件", "治安案件"]


@pytest.mark.parametrize(("text", "want"), [
    ("海警部门共查扣涉渔“三无”船舶12艘，开展联合巡航执法8轮次，举办反诈培训班6期。",
     [(12, "艘"), (8, "轮次"), (6, "期")]),
    ("全市已连续100天无命案发生。", [(100, "天")]),
    ("全年共挽回经济损失2.6百万元，涉案流水超过1.2千万元。", [(2600000, "元"), (12000000, "元")]),
    ("全市共破获案件十二起，缴获毒品一百二十克。", [(12, "起"), (120, "克")]),
    ("今年以来，62.5%的案件发生在夜间。", [(62.5, "%")]),
])
def test_units_magnitudes_and_numerals_outside_the_common_list_are_figures(text, want):
    assert [(f["value"], f["unit"]) for f in _rows(text)] == want


def test_a_share_before_its_noun_is_counted_by_that_noun():
    (f,) = _rows("今年以来，62.5%的案件发生在夜间。")
    assert f["indicator"] == "案件发生在夜间"


@pytest.mark.parametrize("text", [
    "对纠集3人以上、多次（2次以上）实施盗窃的，依法从严惩处。",
    "该团伙作案范围涉及全国11个省份，辐射全市18个乡镇。",
    "我局创新推行“5+3”工作模式，建立“1+N”机制。",
    "公安机关将拿出100万元奖金，奖励群众提供案件线索。",
    "活动为期三天，5天内完成整改。",
    "假期三天，全县社会治安平稳。",
    "假期期间，全省120余个A级旅游景区秩序井然。",
    "先后三次召开全市8000人反诈攻坚推进会议。",
    "依托全县9个派出所、120个村级网格开展排查。",
    "全省13个市州中有11个发案数下降。",
    "让防骗知识进入千家万户。",
    "东湖、西湖、南湖3个景区秩序良好，5.6万名游客有序游览。",
    "全市4A级以上景区接待游客58.6万人次。",
])
def test_conditions_settings_names_plans_and_durations_are_not_figures(text):
    assert [f for f in _rows(text) if f["unit"] != "次"] == []


def test_an_indicator_is_never_a_lone_function_word():
    rows = _rows("全市刑事案件立案1200起，其中盗窃案件有480起。全市共有社区民警560名、辅警1200名。")
    assert [f["indicator"] for f in rows] == ["刑事案件立案", "盗窃案件", "社区民警", "辅警"]
    assert [f["value"] for f in _rows("全市每十万人刑事案件发案数为312起。")] == [312]


def test_siblings_that_would_share_a_series_are_subgroups_and_a_general_figure_stays_the_total():
    rows = _rows("节日期间，全省共发生交通事故2起，死亡4人、受伤6人；查处超员250起、酒驾55起、醉驾22起。", "2019-02-11")
    assert [(f["indicator"], f["scope"], f["subgroup"]) for f in rows] == [
        ("发生交通事故", "total", None), ("死亡", "subgroup", "死亡"), ("受伤", "subgroup", "受伤"),
        ("查处超员", "subgroup", "超员"), ("查处酒驾", "subgroup", "酒驾"), ("查处醉驾", "subgroup", "醉驾")]
    rows = _rows("上半年，全市破获电信网络诈骗案件386起，抓获犯罪嫌疑人512名。\n"
                 "全市深化“断卡”行动，抓获涉“两卡”犯罪嫌疑人317名。", "2022-07-08")
    assert [(f["scope"], f["subgroup"]) for f in rows] == [("total", None), ("total", None),
                                                           ("subgroup", "涉“两卡”犯罪嫌疑人")]
    rows = _rows("今年以来，全市抓获犯罪嫌疑人231人，刑事拘留19人。")
    assert [f["scope"] for f in rows] == ["total", "total"]  # processing stages are not kinds of one thing


def test_averages_are_rates_and_deployment_is_policing():
    rows = _rows("假期期间，全市日均接报警情1200起，每天投入近3000名警力，设立交通管制点位36个。")
    assert [(f["category"], f["measure"]) for f in rows] == [
        ("police_calls", "rate"), ("policing", "rate"), ("policing", "deployment")]


def test_holidays_beyond_the_packages_years_follow_the_holidays_rules():
    """Years chinese-calendar does not cover: the legal days (lunar ones from lunar-python) with an adjacent
    weekend, so a 2030 bulletin still dates its 春节 and 国庆."""
    from datetime import date

    from extract.metrics.holidays import holiday_span

    assert holiday_span("spring", date(2030, 2, 20)) == (date(2030, 2, 2), date(2030, 2, 5))  # 除夕 (Sat) – 初三
    assert holiday_span("national", date(2030, 10, 9)) == (date(2030, 10, 1), date(2030, 10, 3))
    assert holiday_span("mid_autumn", date(2020, 10, 9)) == (date(2020, 10, 1), date(2020, 10, 8))  # with 国庆


def test_a_breakdown_names_its_kind_and_takes_its_parents_column():
    rows = _rows("上半年，全县交警共查处各类交通违法行为5120起，其中无证驾驶212起、超载驾驶96起。"
                 "全县共接报警情2310起，其中刑事警情160起。", "2024-07-05")
    assert [(f["indicator"], f["category"], f["measure"], f["scope"], f["subgroup"]) for f in rows] == [
        ("查处各类交通违法行为", "traffic", "violations", "total", None),
        ("无证驾驶", "traffic", "violations", "subgroup", "无证驾驶"),
        ("超载驾驶", "traffic", "violations", "subgroup", "超载驾驶"),
        ("接报警情", "police_calls", "incidents", "total", None),
        ("刑事警情", "crime_general", "incidents", "total", None)]  # a kind with its own category is a total there


@pytest.mark.parametrize(("text", "indicator"), [
    # what opens a clause before its predicate is not counted: the whole bureau, a hotline, the people who act,
    # a verb of going and where, partners, beneficiaries, a place phrase, a time clause, an immediate adverb
    ("国庆期间，全局投入警力320人次。", "投入警力"),
    ("全市110共接报有效警情860起。", "接报有效警情"),
    ("民警、网格员上门走访群众1200户。", "上门走访群众"),
    ("各地公安机关深入村居、市场开展防诈宣传活动1.2万场次。", "开展防诈宣传活动"),
    ("市公安局联合教育部门为学生发放安全手册3000册。", "发放安全手册"),
    ("为企业和群众挽回经济损失860万元。", "挽回经济损失"),
    ("在车站、码头和商圈周边设置临时警务点16个。", "设置临时警务点"),
    ("接警后，反诈中心立即冻结涉案资金8.6万元。", "冻结涉案资金"),
    ("王某交代了自去年10月以来在多个小区盗窃电动车9起的犯罪事实。", "在多个小区盗窃电动车"),
    # the targets of 对 are counted by the verb phrase after them; a share names what it is a share of
    ("网安大队对全县86家寄递企业开展安全检查。", "开展安全检查"),
    ("刷单返利类案件占全部电诈案件的41.2%。", "占全部电诈案件"),
    ("活动期间注册量占全市常住人口的22.14%。", "注册量"),  # a named quantity keeps its name
    # a relative clause's own verb, a streak, listed people and what befell them
    ("全县举办的46场大型活动安全有序。", "举办大型活动"),
    ("全县已连续300天未发生命案。", "未发生命案"),
    ("5名民警、辅警因公负伤。", "民警、辅警因公负伤"),
    ("群众主动上交管制刀具37把。", "主动上交管制刀具"),
    ("受害人李某（男，52岁）被骗18万元。", "被骗"),
    ("巡逻防控累计出动警力4200人次。", "出动警力"),
    ("法治副校长进校园开展法治讲座120场。", "开展法治讲座"),
    ("全年盗窃案件破案率仅为41.5%。", "盗窃案件破案率"),
    ("夜间发生的盗窃案件占比达62.3%。", "盗窃案件占比"),
    ("圆满完成马拉松、音乐节等8场大型活动安保任务。", "完成大型活动安保任务"),
    ("今年以来的6起命案全部破获。", "命案全部破获"),
    ("在打击电诈方面，民警、社区网格员上门劝阻群众2800余人次。", "上门劝阻群众"),
    ("通过“平安东川”公众号推送防范提示240余条。", "推送防范提示"),
    ("5月2日晚，交警在城区开展整治，当晚查处酒后驾驶12起。", "查处酒后驾驶"),
])
def test_an_indicator_is_the_predicate_without_what_opens_its_clause(text, indicator):
    assert [f["indicator"] for f in _rows(text, "2023-10-09")] == [indicator]


def test_a_clause_with_its_own_preposition_or_adverb_does_not_borrow_the_verb_before_it():
    rows = _rows("全市查处治安案件310起，已判决涉恶案件12件，为群众办好事实事56件。")
    assert [f["indicator"] for f in rows] == ["查处治安案件", "判决涉恶案件", "办好事实事"]


def test_kinds_counted_in_brackets_break_down_the_figure_before_them():
    rows = _rows("从案件类型看，刷单返利类（21起）、冒充电商客服类（12起）仍是主要类型。")
    assert [f["scope"] for f in rows] == ["subgroup", "subgroup"]  # kinds side by side with no total: siblings
    rows = _rows("本月接报电信网络诈骗警情52起，主要类型为冒充客服类（20起）、网络贷款类（12起）。")
    assert [(f["indicator"], f["scope"], f["subgroup"]) for f in rows] == [
        ("接报电信网络诈骗警情", "total", None), ("冒充客服类", "subgroup", "冒充客服类"), ("网络贷款类", "subgroup", "网络贷款类")]


def test_a_change_about_a_named_part_of_the_whole_area_gives_its_place():
    rows = _rows("全省抢劫案件发案数同比下降21.5%，东岭市抢劫案件发案数同比下降33.1%。"
                 "全省11个市州中有9个盗窃发案数同比下降，其中西川市降幅达28.4%。")
    assert [(f["indicator"], f["place"], f["scope"]) for f in rows] == [
        ("抢劫案件发案数", None, "total"), ("抢劫案件发案数", "东岭市", "place"), ("盗窃发案数", "西川市", "place")]


def test_a_results_title_names_its_campaign_and_the_text_bounds_it():
    text = "12月3日，市公安局召开新闻发布会。\n全市共受理群众举报线索960余条。"
    assert _period(text, "2020-12-05", "永安市通报扫黑除恶专项斗争开展情况") == (
        "扫黑除恶专项斗争", None, "2020-12-05", "campaign")
    text = "为护航开学，县公安局在9月份组织开展校园周边安全整治行动。\n各派出所累计出动警力3100余人次。"
    assert _period(text, "2020-10-09", "县公安局护航开学 校园周边安全整治成效明显") == (
        "校园周边安全整治", "2020-09-01", "2020-09-30", "campaign")


def test_a_breakdown_ends_where_a_clause_with_another_verb_begins():
    rows = _rows("全市抓获违法犯罪嫌疑人520名，其中刑事拘留86人；查处治安案件310起，行政拘留97人。"
                 "全市侦破食药环刑事案件90起。其中，侦破食品犯罪案件41起；侦破药品犯罪案件22起。")
    got = [(f["indicator"], f["category"], f["scope"]) for f in rows]
    assert got[:4] == [("抓获违法犯罪嫌疑人", "crime_general", "total"),
                       ("刑事拘留", "crime_general", "total"),  # a later stage of the same people, not a kind
                       ("查处治安案件", "public_order", "total"),
                       ("行政拘留", "public_order", "total")]  # continues 查处治安案件, not the 其中 before the ；
    assert [f["scope"] for f in rows[5:]] == ["subgroup", "subgroup"]  # parallel items with the same verb


@pytest.mark.parametrize(("text", "labels"), [
    ("全县交警处理道路交通事故86起。", [("traffic", "incidents")]),  # accidents dealt with happened
    ("刑事警情中，诈骗类12起，盗窃类9起。", [("fraud", "incidents"), ("theft", "incidents")]),  # kinds counted in 起
    ("民警共查获违法犯罪嫌疑人31名。", [("crime_general", "persons_caught")]),
    ("1名民警因公牺牲，5名辅警因公负伤。", [("policing", "casualties")] * 2),
    ("全年民警出警1.2万次。", [("policing", "deployment")]),
])
def test_measures_of_events_kinds_suspects_and_police_work(text, labels):
    assert [(f["category"], f["measure"]) for f in _rows(text, "2024-01-10")] == labels


@pytest.mark.parametrize(("text", "categories"), [
    ("全市查处涉赌治安案件23起，行政拘留31人。", ["vice", "vice"]),  # a kind beats the generic 治安案件
    ("本月接报盗窃警情120起，占刑事警情的38.5%。", ["theft", "theft"]),  # a share is of what the figure before counts
    ("近日，县公安局侦破一起电信网络诈骗案，打掉诈骗团伙1个，抓获犯罪嫌疑人6名。", ["telecom_fraud"] * 2),
    ("全市查处治安案件310起，抓获违法犯罪嫌疑人52名。", ["public_order", "crime_general"]),
    ("派出所开展防盗防骗宣传40场次。", ["prevention"]),  # outreach not tied to one crime
    ("清明期间，民警在林区劝阻违规用火群众12起，查处违规用火案件2起。", ["public_order", "public_order"]),
    ("全县反诈中心开展预警劝阻工作，成功劝阻群众1200人次。", ["telecom_fraud"]),  # 劝阻 takes its passage's kind
    ("本周共接群众报警电话2100起，其中群众求助类报警166起。", ["police_calls", "police_calls"]),  # help calls are calls
    ("全市查处治安案件120起，查处违法嫌疑人86人。", ["public_order", "public_order"]),  # offenders, not criminals
    ("全年破获命案积案5起，其中20年以上积案2起。深入推进扫黑除恶斗争，打掉涉黑组织2个、恶势力犯罪集团9个，扫黑除恶成效明显。",
     ["violent", "violent", "gangs", "gangs"]),  # a breakdown is of its parent's kind, not the paragraph's
])
def test_categories_from_own_words_the_parent_and_the_topic(text, categories):
    assert [f["category"] for f in _rows(text, "2024-01-10")] == categories


def test_a_breakdown_breaks_down_the_figure_before_its_own_qizhong():
    rows = _rows("全市破获刑事案件1365起。\n其中，破获电信网络诈骗案件217起；破获盗窃案件531起，其中入室盗窃案件64起。\n"
                 "全县接报警情347起，其中刑事警情9起、治安警情41起，现场调解各类纠纷63起。\n"
                 "本周接报电信网络诈骗警情41起，主要类型为刷单返利类（15起）。", "2024-07-10")
    got = {f["indicator"]: (f["category"], f["measure"], f["scope"]) for f in rows}
    assert got["入室盗窃案件"] == ("theft", "solved", "subgroup")  # the nested 其中 breaks down 破获盗窃案件
    assert got["调解各类纠纷"] == ("public_order", "other", "total")  # a clause with a verb after bare kinds
    assert got["接报电信网络诈骗警情"][2] == "total" and got["刷单返利类"][2] == "subgroup"


def test_events_held_relative_clauses_and_listed_kinds_after_a_hotline():
    rows = _rows("全省举办大型活动86场。全市交通类警情3200起，其中涉及人员受伤的交通事故警情210起。"
                 "全国110刑事、治安警情同比分别下降12.1%、8.4%。", "2024-07-10")
    assert [(f["indicator"], f["measure"]) for f in rows] == [
        ("举办大型活动", "other"),  # the events police secured, not outreach
        ("交通类警情", "incidents"), ("涉及人员受伤的交通事故警情", "incidents"),  # 受伤 qualifies the calls counted
        ("110刑事警情", "incidents"), ("治安警情", "incidents")]


def test_a_by_place_sentence_gives_places_and_an_interviewee_opens_no_case():
    rows = _rows("全省共破获电信网络诈骗案件6814起。分地区看，江城市破获电诈案件1472起，居全省首位；临港市、云岭市分别破获"
                 "1138起、906起。\n记者：目前全市吸毒人员情况如何？\n王某：截至5月底，全市现有吸毒人员1873名。\n"
                 "全县受理群众有效报警和求助6482起。", "2024-10-08")
    assert [(f["place"], f["scope"]) for f in rows[:4]] == [
        (None, "total"), ("江城市", "place"), ("临港市", "place"), ("云岭市", "place")]
    assert rows[4]["scope"] == "total"  # 王某： speaks; no case story
    assert rows[5]["category"] == "police_calls"  # calls for help received are calls


def test_a_weekly_analysis_names_its_sections_and_keeps_calls_apart_from_accidents():
    rows = _rows("本周全县共接报警情412起。其中，刑事类警情23起；交通类警情137起。\n"
                 "（一）盗窃类警情。本周接报13起，主要为盗窃电动车（6起）和入户盗窃（4起）。\n"
                 "一、【警情概况】\n本周全县处理交通事故131起，群众满意度达98.9%。", "2024-05-07")
    got = [(f["indicator"], f["measure"], f["scope"]) for f in rows]
    assert got[2] == ("交通类警情", "incidents", "total")  # calls, not in one series with accidents dealt with
    assert got[3] == ("接报盗窃类警情", "incidents", "total")  # the section's label names what 接报 counts
    assert got[5] == ("入户盗窃", "incidents", "subgroup")  # 入户 says how the theft was done
    assert got[6:] == [("处理交通事故", "incidents", "total"), ("群众满意度", "rate", "total")]


def test_a_place_in_a_breakdown_covers_its_clauses_and_a_target_is_not_a_change():
    rows = _rows("其中，省会青阳市破获电诈案件4120起，抓获犯罪嫌疑人5630名；临江、沧浪两市分别破获2316起、1987起。"
                 "下一步，全省将持续深化“断卡”行动，力争全年电诈发案数同比下降10%以上。", "2024-10-12")
    assert [(f["value"], f["place"]) for f in rows] == [
        (4120, "青阳市"), (5630, "青阳市"), (2316, "临江"), (1987, "沧浪")]


def test_a_month_named_by_a_report_title_is_its_period_though_the_title_says_it_reports():
    f = _rows("本月，全县共发生道路交通事故18起，同比减少4起。", "2023-05-06", "4月份全县道路交通安全情况通报")[0]
    assert (f["period_start"], f["period_end"], f["period_kind"]) == ("2023-04-01", "2023-04-30", "month")


def test_sentences_that_go_through_the_areas_give_each_figure_its_place():
    rows = _rows("全市共查处酒驾醉驾5120起。各县区中，东湖区查处酒驾醉驾862起，居全市首位；西山县、南塘县分别查处"
                 "611起、540起。\n从各区情况看，北岸区接报警情1930起；南岸区接报警情环比下降6.2%。\n"
                 "各地中，东湖区破获刑事案件210起、西山县168起，分别占全市的22.4%、17.9%。", "2024-10-08")
    assert [(f["value"], f["change_value"], f["place"], f["scope"]) for f in rows] == [
        (5120, None, None, "total"), (862, None, "东湖区", "place"), (611, None, "西山县", "place"),
        (540, None, "南塘县", "place"), (1930, None, "北岸区", "place"), (None, 6.2, "南岸区", "place"),
        (210, None, "东湖区", "place"), (168, None, "西山县", "place"),
        (22.4, None, "东湖区", "place"), (17.9, None, "西山县", "place")]


def test_an_average_clause_names_the_average_of_the_figure_before_it_and_leaves_it_the_comparison():
    rows = _rows("本周共接报治安类警情140起（日均20起），环比下降8.5%。假期全县共接报各类警情3120起，日均446起。",
                 "2024-05-07")
    assert [(f["indicator"], f["value"], f["measure"], f["change_value"]) for f in rows] == [
        ("接报治安类警情", 140, "incidents", 8.5), ("日均接报治安类警情", 20, "rate", None),
        ("接报各类警情", 3120, "incidents", None), ("日均接报各类警情", 446, "rate", None)]


def test_one_gang_or_victim_makes_a_case_story_and_its_later_paragraph_keeps_the_crime():
    text = ("9月2日，南岭县公安局在邻市成功打掉冒充“网贷客服”实施诈骗的犯罪团伙，抓获犯罪嫌疑人5名，冻结涉案资金42万元。\n"
            "经查，该团伙诱骗受害人缴纳“解冻费”，涉案金额200余万元。\n"
            "案例：8月3日，市民李女士接到陌生电话后，先后转账共计9.6万元。")
    rows = _rows(text, "2024-09-20")
    assert [f["scope"] for f in rows] == ["case"] * 4
    assert {f["category"] for f in rows[:3]} == {"telecom_fraud"}
    assert [f["scope"] for f in _rows("全市共打掉犯罪团伙26个，捣毁窝点13个。", "2024-09-20")] == ["subgroup", "subgroup"]


def test_a_police_station_in_a_breakdown_is_a_place_and_its_share_of_the_whole_is_its_own():
    rows = _rows("全县共破获盗窃电动车案件96起。其中，城南派出所破获31起，占全县的32.3%；新桥派出所开展防盗宣传活动18场。",
                 "2023-11-20")
    assert [(f["indicator"], f["place"], f["scope"]) for f in rows] == [
        ("破获盗窃电动车案件", None, "total"), ("破获盗窃电动车案件", "城南派出所", "place"),
        ("占全县", "城南派出所", "place"), ("开展防盗宣传活动", "新桥派出所", "place")]


def test_a_sentence_that_goes_through_kinds_gives_subgroups_and_a_share_follows_its_figure():
    rows = _rows("本月全市共接报电信网络诈骗案件240起，群众损失金额380万元。\n"
                 "从诈骗类型看，虚假投资理财类诈骗发案最多，共72起，占发案总数的30%；冒充客服类51起，但造成损失最大，达"
                 "126万元。从受害群体看，女性受害人占比56.2%。\n"
                 "从案件类别看，盗窃案件28起，诈骗案件17起。", "2024-06-05")
    assert [(f["value"], f["scope"]) for f in rows] == [
        (240, "total"), (3800000, "total"), (72, "subgroup"), (30, "subgroup"), (51, "subgroup"),
        (1260000, "subgroup"), (56.2, "subgroup"),
        (28, "total"), (17, "total")]  # kinds with their own category are totals there
    assert rows[3]["subgroup"] == rows[2]["subgroup"]


def test_a_figure_that_names_its_columns_category_is_the_total_beside_its_kinds():
    rows = _rows("行动开展以来，全市共破获食药环领域刑事案件86起。在食品安全领域，破获生产销售有毒有害食品案件21起；"
                 "破获制售假药案件9起。", "2022-11-22")
    assert [f["scope"] for f in rows] == ["total", "subgroup", "subgroup"]


def test_a_paragraph_is_about_what_it_says_outside_its_breakdowns():
    rows = _rows("打击犯罪方面，全县共破获刑事案件420起，抓获犯罪嫌疑人318名；其中破获电信网络诈骗案件66起，"
                 "抓获电诈犯罪嫌疑人54名。", "2025-04-15")
    assert [(f["category"], f["scope"]) for f in rows] == [
        ("crime_general", "total"), ("crime_general", "total"), ("telecom_fraud", "total"), ("telecom_fraud", "total")]


def test_a_case_told_after_a_semicolon_leaves_the_statistics_before_it():
    rows = _rows("今年以来全县共接报电信网络诈骗案件420起。从案件类型看，刷单返利类案件共发案131起，占发案总数的31.2%；"
                 "损失最大的一起中，受害人赵某被骗52万元。", "2024-06-05")
    assert [f["scope"] for f in rows] == ["total", "subgroup", "subgroup", "case"]


@pytest.mark.parametrize("text", [
    "二、单笔向陌生账户汇款超过5000元的，银行将电话核实。",
    "凡是承诺“稳赚不赔”、月收益率高于3%的理财项目，都要提高警惕。",
])
def test_a_bound_set_on_something_is_a_condition_not_a_figure(text):
    assert _rows(text) == []


def test_a_share_that_opens_its_clause_with_a_bound_is_still_a_figure():
    assert [f["value"] for f in _rows("今年以来，超过60%的案件发生在夜间。")] == [60]


@pytest.mark.parametrize(("text", "labels"), [
    ("交警大队通过微博发布路况信息和出行提示120余条。", [("traffic", "outreach")]),
    ("反诈中心制作反诈短视频86条，在电视台栏目累计播出12期。", [("telecom_fraud", "outreach")] * 2),
    ("户政窗口为群众开具各类证明3200份。", [("services", "services_done")]),
    ("禁渔期内，水上派出所查获非法捕捞案件23起。", [("food_drug_env", "violations")]),
    ("全县已连续860天未发生命案。", [("violent", "other")]),
    ("交警支队组织全市统一夜查行动12次。", [("policing", "deployment")]),
    ("全县民警劝阻携带火种进山人员210人次。", [("public_order", "warnings")]),
    ("依法暂扣机动车驾驶证320本。", [("traffic", "persons_penalized")]),
    ("全市查处“三非”外国人26名，遣送出境9名。", [("other", "persons_penalized")] * 2),
    ("在禁毒宣传方面，全县开展“禁毒进万家”活动320场，创建无毒村居18个。", [("drugs", "outreach")] * 2),
    ("各派出所开展治安防范宣传活动96场。", [("prevention", "outreach")]),
    ("案例：市民刘某向对方账户转账8.8万元。", [("other", "money_involved")]),
    ("反诈中心成功劝阻群众1200人，避免损失约500万元。", [("telecom_fraud", "warnings"), ("telecom_fraud", "other")]),
    ("扫黑办共受理群众举报涉黑涉恶线索212条。", [("gangs", "other")]),  # tips are not cases
    ("交警部门查处违法停车3400起。", [("traffic", "violations")]),
])
def test_measures_and_categories_of_outreach_checks_streaks_licences_and_losses(text, labels):
    assert [(f["category"], f["measure"]) for f in _rows(text, "2024-01-10")] == labels


def test_a_breakdown_counted_in_people_does_not_take_the_measure_of_money():
    rows = _rows("经查，该团伙涉案金额达260余万元，其中本省受害人23名、被骗金额58万元。", "2024-01-10")
    assert [f["measure"] for f in rows] == ["money_involved", "other", "money_involved"]


@pytest.mark.parametrize(("text", "indicators"), [
    ("接警后，民警迅速开展侦查，并于6月12日抓获犯罪嫌疑人3名。", ["抓获犯罪嫌疑人"]),
    ("全市公安窗口办理各类业务9.6万件，出入境服务大厅日均接待群众380人次。", ["办理各类业务", "日均接待群众"]),
    ("全县组织开展禁毒宣传活动260场。", ["开展禁毒宣传活动"]),
    ("目前，犯罪嫌疑人张某等3人已被依法刑事拘留。", ["被刑事拘留"]),
    ("社区民警指导下载注册国家反诈中心APP3.2万人。", ["指导下载注册国家反诈中心APP"]),
    ("刑事类警情中，盗窃类警情占比最高，共612起。", ["盗窃类警情"]),
    ("刷单返利类案件占发案总数的31.5%；虚假投资理财类、冒充客服类分别占20.4%、16.3%。",
     ["占发案总数", "占发案总数", "占发案总数"]),
])
def test_indicators_without_dates_organisers_desks_or_rankings(text, indicators):
    assert [f["indicator"] for f in _rows(text, "2024-07-10")] == indicators


def test_where_goods_were_sold_to_is_the_setting():
    assert [f["value"] for f in _rows("经查，该团伙将假冒白酒销往周边4个县区，涉案金额60余万元。")] == [600000]


def test_a_remainder_of_county_bureaus_is_a_place_in_a_breakdown_by_area():
    rows = _rows("本周共接报治安类警情180起。从区域分布看，城东分局52起，其余各县局合计41起。", "2025-04-08")
    assert [(f["indicator"], f["place"]) for f in rows[1:]] == [("接报治安类警情", "城东分局"), ("接报治安类警情", "其余各县局")]


def test_a_campaign_started_on_the_day_a_meeting_decided_it_and_not_an_earlier_one_that_ended():
    text = ("3月18日，县公安局召开部署会，决定自即日起在全县开展为期三个月的打击整治养老诈骗专项行动。\n"
            "据介绍，从去年6月起至年底，县公安局曾开展养老诈骗专项整治，共破获案件21起。\n"
            "行动启动以来，全县已排查风险线索96条。")
    assert _period(text, "2025-03-25", at=1) == ("行动启动以来", "2025-03-18", "2025-03-25", "campaign")


def test_a_basis_stated_after_a_semicolon_makes_the_changes_after_it_change_rows():
    rows = _rows("本月全县共发生道路交通事故36起，造成9人死亡；与上月相比，事故起数减少5起，死亡人数减少2人。", "2023-09-08")
    assert [(f["indicator"], f["value"], f["change_basis"], f["change_value"], f["change_unit"]) for f in rows] == [
        ("发生道路交通事故", 36, None, None, None), ("造成死亡", 9, None, None, None),
        ("事故起数", None, "与上月相比", 5, "起"), ("死亡人数", None, "与上月相比", 2, "人")]


def test_a_share_whose_subject_names_a_kind_takes_that_kind():
    rows = _rows("本月接报诈骗警情214起，其中电信网络诈骗警情占诈骗警情的68.2%。本月接报盗窃警情96起，占刑事警情的31.5%。")
    assert [f["category"] for f in rows] == ["fraud", "telecom_fraud", "theft", "theft"]


def test_a_headline_figure_said_again_in_the_text_is_not_a_sibling_of_it():
    rows = _rows("今年以来缴毒3.2吨\n今年以来，全省共缴获各类毒品3.2吨，缴获冰毒1.1吨。", "2023-09-28")
    assert [f["scope"] for f in rows] == ["total", "total", "subgroup"]


def test_the_dead_and_injured_of_one_kind_of_accident_are_of_that_kind():
    rows = _rows("上月全市共发生道路交通事故210起，死亡31人。其中发生货车责任事故24起，造成6人死亡，受伤9人；"
                 "发生电动自行车事故57起，死亡8人。", "2023-09-05")
    got = [(f["indicator"], f["scope"], f["subgroup"]) for f in rows]
    assert got[0][1] == got[1][1] == "total"
    assert [g[2] for g in got[2:5]] == [got[2][2]] * 3 and got[2][1] == "subgroup"  # the lorry accidents' dead, injured
    assert [g[2] for g in got[5:]] == [got[5][2]] * 2 and got[5][2] != got[2][2]


def test_numbered_sections_under_a_figure_go_through_its_kinds():
    rows = _rows("本月接报侵财类警情环比下降4.2%。\n（一）盗窃类警情。本月环比上升3.1%。\n1.盗窃电动车。本月环比上升12.5%。\n"
                 "（二）诈骗类警情。本月接报诈骗类警情环比下降6.3%。", "2025-09-16")
    assert [(f["category"], f["measure"], f["scope"]) for f in rows] == [
        ("theft", "incidents", "total"), ("theft", "incidents", "subgroup"), ("theft", "incidents", "subgroup"),
        ("fraud", "incidents", "total")]


def test_a_breakdown_after_an_average_breaks_down_the_level_not_the_average():
    rows = _rows("本周共接报刑事类警情63起（日均9起），环比下降5.1%。其中盗窃类警情40起，诈骗类警情15起，其他类8起。",
                 "2025-04-08")
    assert [(f["value"], f["category"], f["scope"]) for f in rows] == [
        (63, "crime_general", "total"), (9, "crime_general", "total"), (40, "theft", "total"), (15, "fraud", "total"),
        (8, "crime_general", "subgroup")]


def test_a_verb_without_its_object_counts_what_the_figure_before_counted():
    rows = _rows("去年以来，全县共立经济犯罪案件64起，破获51起，抓获犯罪嫌疑人73名；共立养老诈骗案件12起，破案10起。")
    assert [f["indicator"] for f in rows] == ["立经济犯罪案件", "破获经济犯罪案件", "抓获犯罪嫌疑人", "立养老诈骗案件", "破案"]


def test_an_average_said_in_passing_leaves_the_comparison_to_its_level_and_areas_may_be_bracketed():
    rows = _rows("本周全市共接报警情6120起，日均874起，环比下降2.3%。\n从各县（市、区）看，东城区接报警情1320起，西城区980起。",
                 "2024-03-26")
    assert [(f["value"], f["change_value"], f["place"]) for f in rows] == [
        (6120, 2.3, None), (874, None, None), (1320, None, "东城区"), (980, None, "西城区")]


def test_after_a_breakdown_the_chain_goes_on_from_the_figure_broken_down():
    rows = _rows("全县共破获刑事案件1105起，抓获犯罪嫌疑人986名，其中电信网络诈骗犯罪嫌疑人211名；打掉犯罪团伙17个。"
                 "道路交通事故死亡人数较上年下降两成。", "2024-01-12")
    assert [(f["category"], f["value"], f["change_value"]) for f in rows] == [
        ("crime_general", 1105, None), ("crime_general", 986, None), ("telecom_fraud", 211, None),
        ("crime_general", 17, None), ("traffic", None, 20)]


def test_scenic_areas_that_received_visitors_are_the_setting():
    assert _rows("假期期间，全市12个重点景区累计接待游客312万人次，未发生安全事故。") == []


def test_a_results_title_names_its_campaign_without_the_bureau_before_it():
    text = "7月1日起，全市开展夏季治安打击整治行动。\n全市共破获刑事案件620起。"
    assert _period(text, "2024-08-20", "全市公安机关夏季治安打击整治行动取得阶段性成效")[0] == "夏季治安打击整治行动"


def test_a_basis_in_a_clause_of_its_own_mid_sentence_and_targets_acted_on_by_a_bare_verb():
    rows = _rows("全市共发生道路交通事故7起，造成2人死亡，与去年同期相比，事故起数下降36.4%。"
                 "全市对1.2万张涉诈银行卡、电话卡实施清理。", "2024-06-11")
    assert [(f["indicator"], f["change_basis"]) for f in rows] == [
        ("发生道路交通事故", None), ("造成死亡", None), ("事故起数", "与去年同期相比"), ("清理涉诈银行卡、电话卡", None)]
