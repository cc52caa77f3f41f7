"""Who reports an article's statistics: the reporting organisation and its region code.

A figure is a statistic *of someone*: "全市共破获电信网络诈骗案件75起" on a provincial site that reposts a city
bulletin is the city bureau's figure, not the province's. So the organisation is read, best first, from:

1. the article's 来源 (source line or ContentSource) when it names an organisation: a police body (…公安局,
   …公安厅, 公安部, …分局, …派出所, …交警支队 …) or a government office (…人民政府, …新闻办); a unit inside it
   (宣传处, 政治部, 新闻中心) is cut off (``晋城市公安局宣传处`` → ``晋城市公安局``); a bare ``市公安局`` /
   ``本局`` is the site's own bureau;
2. the text's own attribution: ``据某市公安局消息，`` at the start, ``（来源：某市公安局）`` at the end;
3. the site's name (the bureau that runs the site).

A source that is a newspaper or a news site (日报, 晚报, 新闻网, 电视台 …) names who wrote the story, not whose
figures they are, and is passed over. The region code is that of the place the organisation's name names
(:func:`extract.region.place_in_name`), else the site's own (when the organisation is the site's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.region import place_in_name

#: organisations whose figures a bulletin reports (the name must end with one of these, after cutting a unit)
_ORG_END = re.compile(
    r"(?:公安部|公安厅|公安局|公安分局|分局|派出所|交警支队|交警大队|交通警察支队|交通警察大队|交巡警支队|刑警支队|"
    r"刑侦支队|治安支队|网安支队|禁毒支队|经侦支队|反诈中心|反诈骗中心|禁毒委员会办公室|禁毒办|人民政府|政府新闻办公室|"
    r"新闻办公室|新闻办|检察院|法院|管理局|公安处|公安局局机关)$")
#: units inside an organisation, cut off its name
_UNIT = re.compile(r"(?:宣传处|宣传科|宣传中心|政治部|政治处|新闻中心|新闻宣传中心|警务公开办|办公室|指挥中心|"
                   r"宣传大队|网宣大队|融媒体中心)$")
#: news media: they wrote the story, the figures are someone else's
_MEDIA = re.compile(r"(?:日报|晚报|早报|都市报|法治报|商报|时报|新闻网|电视台|广播电视台|融媒|客户端|新华社|新华网|"
                    r"人民网|央视|中新网|澎湃|头条|微信公众号|公众号|网$)")
_OWN = {"市公安局", "县公安局", "区公安局", "本局", "我局", "本站", "本网", "市局", "县局", "分局"}
_ATTRIBUTION_HEAD = re.compile(r"^\s*据\s*(?P<org>[\u4e00-\u9fff]{3,24}?)(?:官方)?(?:消息|通报|发布|微信公众号消息)[，,：:]")
_ATTRIBUTION_TAIL = re.compile(r"[（(]\s*(?:来源|信息来源|稿件来源)\s*[：:]\s*(?P<org>[\u4e00-\u9fff]{3,24})\s*[)）]\s*$")


@dataclass(frozen=True)
class Reporter:
    org: str | None
    region_code: str | None


def _as_org(name: str | None) -> str | None:
    """The organisation a source names, or None when it names none (a newspaper, a person, empty)."""
    if not name:
        return None
    name = re.sub(r"\s+", "", name)
    if _MEDIA.search(name):
        return None
    for _ in range(2):
        name = _UNIT.sub("", name)
    if name in _OWN:
        return ""  # the site's own bureau
    return name if _ORG_END.search(name) and len(name) >= 3 else None


def reporting_org(source: str | None, site_name: str | None, text: str, site_region_code: str | None) -> Reporter:
    """The reporting organisation of an article's figures and its GB/T 2260 region code."""
    candidates = [_as_org(source)]
    lines = [line for line in text.splitlines() if line.strip()]
    if lines:
        for pattern, line in ((_ATTRIBUTION_HEAD, lines[0]), (_ATTRIBUTION_TAIL, lines[-1])):
            m = pattern.search(line)
            if m:
                candidates.append(_as_org(m["org"]))
    own = _as_org(site_name)
    org = next((c for c in candidates if c), None)
    if org is None or (own and org == own):
        return Reporter(own or (site_name or None), site_region_code)
    return Reporter(org, _region_of(org))


@lru_cache(maxsize=4096)  # a site's articles name the same few bureaus again and again
def _region_of(org: str) -> str | None:
    place = place_in_name(org)
    return place.code if place is not None else None
