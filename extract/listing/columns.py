"""Site mode: which of a homepage's links are news columns (栏目).

Candidates are the homepage's menu links, column-box headers and 更多 links (named after their box's
heading). A candidate is kept when its name is news-like (新闻, 要闻, 动态, 警务, 警情, 通报, 公告, 通知, 反诈 …)
and is not a service, interaction, download or about page (办事服务, 互动交流, 留言, 信箱, 下载, 关于本站 …);
the crawler then fetches it and keeps it only if it is a list page (:func:`is_news_list`).

News boxes that a script fills from a data endpoint (an empty ``<ul id="tzggList">`` under a 通知公告
heading, and ``$.ajax({url: '/api/list', data: {channelId: 12, …}, success: … $('#tzggList').html(…)})``)
are columns too: :func:`script_columns`. Such a box's **column URL is its data request**: the endpoint
URL with its query (channel id, first page) for a GET, and for a POST, whose endpoint URL every box shares,
that URL followed by ``#`` and the request body, so that two boxes stay two columns. The candidate carries
the request itself (:attr:`ColumnLink.request`, a kind ``api`` :class:`~extract.listing.model.FollowRequest`):
the crawler fetches that, not the URL, and walks the column from the answers like any list. A box that
has a 更多 link is found through that link instead (its list page is the column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.listing import jsapi, jslist
from extract.listing.jsreader import PageFacts, Script
from extract.listing.links import ATTACHMENT_EXT
from extract.listing.model import FollowRequest
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
    #: where the link was found: menu, more (a box's 更多 link), header (a box title link) or script (a box
    #: filled from a data endpoint)
    via: str
    #: for a box filled by script: the data request to fetch instead of ``url`` (see the module docstring)
    request: FollowRequest | None = None


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
    for col in script_columns(doc, html, url):
        out.setdefault(col.url, col)
    return list(out.values())


def _has_more_link(box: etree._Element, host: str, url: str) -> bool:
    """Whether the box (or its frame, two levels up at most) has a same-host 更多 link."""
    node = box
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            return False
        for a in node.iter("a"):
            href = (a.get("href") or "").strip()
            if MORE.match(normalize_space(a.text_content())) and href and not href.startswith(("#", "javascript:")):
                try:
                    if host_of(canonical_url(href, url)) == host:
                        return True
                except ValueError:
                    continue
        node = node.getparent()
    return False


def script_columns(doc: etree._Element, html: str, url: str) -> list[ColumnLink]:
    """News boxes of a homepage that a script fills from a data endpoint, one per endpoint and box."""
    if not jsapi.REQUEST_HINT.search(html):
        return []
    inline, _, _ = jslist.page_scripts(doc)
    script = Script(inline, PageFacts(url, jsapi.dom_facts(doc)))
    host = host_of(url)
    out: list[ColumnLink] = []
    for tpl in jsapi.find_endpoints(script, url):
        if not tpl.target:
            continue
        attr, value = ("id", tpl.target[1:]) if tpl.target[0] == "#" else ("class", tpl.target[1:])
        box = next((el for el in doc.iter() if isinstance(el.tag, str) and el.get(attr)
                    and (el.get(attr) == value if attr == "id" else value in el.get(attr).split())), None)
        if box is None or _has_more_link(box, host, url):
            continue
        name = _box_title(box)
        if not name or not news_like(name):
            continue
        req = jslist.api_request(tpl, 1, url)
        column_url = canonical_url(req.url) + (f"#{req.body if req.body is not None else urlencode(req.formdata or ())}"
                                               if req.method != "GET" else "")
        out.append(ColumnLink(name, column_url, "script", req))
    return out


def is_news_list(article_count: int, dated_count: int, has_pagination: bool) -> bool:
    """A list page: several dated article links, or pagination of a known family with article links."""
    return dated_count >= 3 or (has_pagination and article_count >= 3)
