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


def test_gold_set_goals():
    """Issue goals: precision ≥ 0.97, recall ≥ 0.93, comparison and period accuracy ≥ 0.95."""
    _, scores = metrics_eval.run()
    ours, base = scores
    assert ours.precision >= 0.97 and ours.recall >= 0.93
    assert ours.change_ok / ours.change_total >= 0.95
    assert ours.period_ok / ours.right >= 0.95
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
