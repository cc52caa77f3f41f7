"""Whose figures an article reports: its 来源 or its own attribution when they name a bureau, else the site's."""

from __future__ import annotations

import pytest

from extract.org import reporting_org

TEXT = "1至6月，全市共破获电信网络诈骗案件386起。"


@pytest.mark.parametrize(("source", "site", "text", "org", "region"), [
    # a provincial site reposting a city bulletin: the city's figures, the city's code
    ("晋城市公安局", "山西省公安厅", TEXT, "晋城市公安局", "140500"),
    ("晋城市公安局宣传处", "山西省公安厅", TEXT, "晋城市公安局", "140500"),
    # a newspaper wrote the story: the figures are the site's bureau's
    ("晋城日报", "晋城市公安局", TEXT, "晋城市公安局", "140500-site"),
    ("本站", "晋城市公安局", TEXT, "晋城市公安局", "140500-site"),
    ("市公安局", "晋城市公安局", TEXT, "晋城市公安局", "140500-site"),
    (None, "晋城市公安局", TEXT, "晋城市公安局", "140500-site"),
    # the text's own attribution, at the start or at the end
    (None, "山西省公安厅", "据长治市公安局消息，" + TEXT, "长治市公安局", "140400"),
    ("山西日报", "山西省公安厅", TEXT + "\n（来源：阳泉市公安局）", "阳泉市公安局", "140300"),
    ("公安部", "山西省公安厅", TEXT, "公安部", None),
])
def test_reporting_organisation(source, site, text, org, region):
    got = reporting_org(source, site, text, "140500-site" if site == "晋城市公安局" else "140000")
    assert (got.org, got.region_code) == (org, region)
