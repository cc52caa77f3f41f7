"""Site mode: which of a homepage's links are news columns (栏目).

Candidates are the homepage's menu links, column-box headers and 更多 links (named after their box's
heading). A candidate is kept when its name is news-like (新闻, 要闻, 动态, 警务, 警情, 通报, 公告, 通知, 反诈 …)
and is not a service, interaction, download or about page (办事服务, 互动交流, 留言, 信箱, 下载, 关于本站 …);
the crawler then fetches it and keeps it only if it is a list page (:func:`is_news_list`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.listing.links import ATTACHMENT_EXT
from extract.urls import canonical_url, host_of

NEWS_WORDS = re.compile(r"新闻|要闻|动态|警务|警讯|警情|通报|公告|通知|反诈|宣传|工作|资讯|快讯|信息|播报|发布|头条|聚焦|"
                        r"图片|视频|专题|基层|媒体|时讯|简讯|公示|预警|提示|曝光|打击|禁毒|交管|交通|治安|刑侦|户政|出入境|网安")
EXCLUDED = re.compile(r"办事|服务|互动|交流|留言|信箱|下载|关于|友情|链接|声明|地图|联系|在线|投诉|咨询|指南|表格|"
                      r"登录|注册|搜索|无障碍|English|繁体|首页|主页|领导|机构|职能|概况|简介|招聘考试|问卷|调查")
MORE = re.compile(r"^(?:更多|更多>+|更多»|more|MORE|More|>>|»|更多\+|\+更多|查看更多)$")


@dataclass(frozen=True)
class ColumnLink:
    name: str
    url: str
    #: where the link was found: menu, more (a box's 更多 link) or header (a box title link)
    via: str


def news_like(name: str) -> bool:
    return bool(NEWS_WORDS.search(name)) and not EXCLUDED.search(name)


def _box_title(a: etree._Element) -> str | None:
    """The heading of the box a 更多 link belongs to."""
    node = a.getparent()
    for _ in range(4):
        if node is None:
            return None
        for el in node.iter():
            if el is a or not isinstance(el.tag, str) or el.tag in ("a", "ul", "li", "script", "style"):
                continue
            text = normalize_space(el.text or "")
            if 2 <= len(text) <= 12 and not MORE.match(text):
                return text
        node = node.getparent()
    return None


def discover_columns(html: str, url: str) -> list[ColumnLink]:
    """Candidate columns of a homepage, news-like names only, in page order, one per URL."""
    try:
        doc = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    host = host_of(url)
    home = canonical_url(url)
    out: dict[str, ColumnLink] = {}
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")) or ATTACHMENT_EXT.search(href):
            continue
        absu = canonical_url(href, url)
        if host_of(absu) != host or absu == home:
            continue
        text = normalize_space(a.text_content())
        if MORE.match(text):
            name, via = _box_title(a), "more"
        elif 2 <= len(text) <= 10:
            li = a.getparent()
            # an article title is long; a short link next to a date is an article too
            row_text = normalize_space(li.text_content()) if li is not None else text
            if re.search(r"\d{1,4}[-./年]\d{1,2}", row_text.replace(text, "")):
                continue
            name, via = text, "menu"
        else:
            continue
        if not name or not news_like(name):
            continue
        out.setdefault(absu, ColumnLink(name, absu, via))
    return list(out.values())


def is_news_list(article_count: int, dated_count: int, has_pagination: bool) -> bool:
    """A list page: several dated article links, or pagination of a known family with article links."""
    return dated_count >= 3 or (has_pagination and article_count >= 3)
