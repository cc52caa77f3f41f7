"""Article links of a list page, taken from the list content, not from menus, sidebars or footers.

A link is an article link when it stays on the page's host, sits outside navigation/footer/sidebar
containers, is not a file, a pagination or a column link, and either its URL has an article shape
(TRS ``t20210712_1520034.html``, Hanweb ``art_1229123_5890.html``, a dated folder, ``content.aspx?id=``…)
or its list row carries a date and a headline-length text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lhtml

from extract.body import ATTACHMENT_EXT
from extract.dates import DATE_RE, iso_from_match
from extract.htmltext import normalize_space
from extract.listing import scope
from extract.urls import canonical_url, host_of

ARTICLE_URL = re.compile(
    r"/t\d{8}_\d+\.s?html?$"                                 # TRS
    r"|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$"      # Hanweb
    r"|/content_\d+\.s?html?$|/content/post_\d+\.html$"       # gov.cn, NFCMS
    r"|/(?:19|20)\d{2}-?\d{2}(?:-?\d{2})?/[^/]*\d{3,}[^/]*\.s?html?$"   # dated folder + numeric file
    r"|/(?:19|20)\d{2}/\d{1,2}(?:/\d{1,2})?/[^/]*\d{2,}[^/]*\.s?html?$"
    r"|(?:content|detail|details|show|view|article|info|news|read|display)\w*\.(?:aspx?|jsp|php|do|html?)\?.*\b(?:id|aid|newsid|articleid|infoid|contentid|docid)=\d+"
    r"|/(?:content|detail|details|show|view|article|info|news)/\d+(?:\.s?html?)?$"
    r"|/(?:detail|content|show|art|article|view|info)[_-]\d+\.s?html?$"
    # a dated folder + a generated name: hex hash (UCAP/开普云) or UUID (Epoint/新点); no list is named so
    r"|/(?:19|20)\d{2}-?\d{2}(?:-?\d{2})?/(?:[0-9a-f]{16,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})\.s?html?$",
    re.I,
)
LIST_URL = re.compile(
    r"/index(?:_\d+)?\.s?html?$|/list(?:_\d+)?\.\w+|/col/col\d+/|[?&](?:page|pageno|pageindex|curpage|p|pn)=\d+"
    r"|/(?:index|list|more)\.(?:aspx?|jsp|php|do)",
    re.I,
)
PAGER_TEXT = re.compile(r"^(?:首页|上一页|下一页|尾页|末页|上页|下页|前一页|后一页|更多|more|\d{1,4}|[<>«»‹›]+|\.\.\.)$", re.I)
#: site-service links (often in footers, sometimes with article-shaped URLs): never an article of a list
SERVICE_TEXT = re.compile(r"^(?:联系我们|联系方式|网站地图|站点地图|网站导航|关于我们|关于本站|网站声明|免责声明|版权声明|隐私(?:政策|声明|保护)|"
                          r"安全声明|使用帮助|网站帮助|帮助中心|意见反馈|建议意见|我要纠错|网站纠错|纠错|无障碍(?:浏览|阅读)?|长者模式|"
                          r"设为首页|加入收藏|收藏本站|返回顶部|手机版|移动版|English|繁體|繁体|简体|RSS订阅|网站管理|"
                          r"常见问题|用户登录|登录|注册)$", re.I)
#: class/id tokens of containers whose links are never list content (whole tokens, lower-cased)
_FURNITURE_WORDS = frozenset(
    "nav navbar menu header head top topbar footer foot bottom copyright breadcrumb breadcrumbs crumb crumbs "
    "position location weizhi dqwz sidebar aside friend links yqlj hot rank tuijian recommend related xgxw "
    "share pager page pages pagination fenye".split()
)
#: prefixes/suffixes that mark furniture inside compound tokens (topnav, main-nav, footer_links, sidenav)
_FURNITURE_PART = re.compile(r"^(?:nav|menu|footer|breadcrumb|crumb|copyright|sidebar|pagination|pager|friendlink)|(?:nav|menu|footer|crumbs?|sidebar)$")


#: words that, on a row element (li/tr/dd/dt), mark the item's status (pinned, hot), not a page region:
#: ``<li class="top">`` is a 置顶 article of the list, while ``<div class="top">`` is the page head
_ROW_STATUS_WORDS = frozenset("top head hot rank tuijian recommend".split())
_ROW_TAGS = frozenset({"li", "tr", "dd", "dt"})


def _is_furniture_token(token: str, row: bool = False) -> bool:
    token = token.lower()
    if row and token in _ROW_STATUS_WORDS:
        return False
    if token in _FURNITURE_WORDS or _FURNITURE_PART.search(token) or _TICKER_PART.search(token):
        return True
    # side_bar, side-bar, foot_er… are spellings of the same names
    joined = re.sub(r"[_-]", "", token)
    if joined != token and (joined in _FURNITURE_WORDS or _FURNITURE_PART.search(joined)):
        return True
    parts = [p for p in re.split(r"[_-]", token) if p]
    return len(parts) > 1 and any(p in _FURNITURE_WORDS and p not in ("page", "pages", "top", "head") for p in parts)


_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "marquee"})
#: scrolling notice boxes (滚动公告, tickers): their links are announcements of the whole site, not the list
_TICKER_PART = re.compile(r"marquee|scroll|ticker|gundong|rolling|roll(?:news|text|notice|box)|^gd(?:gg|tz|xx|xw)$|"
                          r"^(?:txt|text|word|notice|news|gg)roll$", re.I)


@dataclass(frozen=True)
class ArticleLink:
    url: str
    title: str
    #: date shown next to the link in the list, ISO day, if any
    list_date: str | None = None


def in_furniture(el: etree._Element) -> bool:
    """True when the element sits inside navigation, header, footer, sidebar or pager containers."""
    for anc in el.iterancestors():
        if not isinstance(anc.tag, str):
            continue
        if anc.tag in _FURNITURE_TAGS:
            return True
        if anc.tag in ("body", "html"):
            return False
        tokens = " ".join(filter(None, (anc.get("class"), anc.get("id")))).split()
        row = anc.tag in _ROW_TAGS
        if any(_is_furniture_token(t, row) for t in tokens):
            return True
    return False


def _row(a: etree._Element) -> etree._Element:
    for anc in a.iterancestors():
        if anc.tag in ("li", "tr", "dd", "dt", "p") or (anc.tag == "div" and len(anc) <= 4):
            return anc
        if anc.tag in ("ul", "ol", "table", "tbody", "body"):
            break
    return a.getparent() if a.getparent() is not None else a


#: a date written in digits at the start or end of a link's own text (``[2024-05-01] 标题``, Hanweb's
#: ``<a><div>标题</div><div>2024-05-01</div></a>``): the row's date even though the anchor holds it
_EDGE_DATE = re.compile(r"^\W{0,2}(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
                        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\W{0,2}$")


def _date_in(text: str) -> str | None:
    m = DATE_RE.search(text)
    if not m:
        m = re.search(r"(?<!\d)(?P<y>20\d{2})?[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)", text)
        if not m or not m["y"]:
            return None
    iso = iso_from_match(m)
    return iso[:10] if iso else None


def _row_date(row: etree._Element, a: etree._Element | None = None) -> str | None:
    """The date a list row shows beside its link. A date inside the link's own text is the headline's
    (``2024年5月14日警情通报``, a programme named by its day) unless written in digits at its very start
    or end."""
    if a is None:
        return _date_in(normalize_space(row.text_content()))
    own = normalize_space(a.text_content())
    text = normalize_space(row.text_content())
    outside = text.replace(own, " ", 1) if own else text
    date = _date_in(outside)
    if date is None and own:
        edge = _EDGE_DATE.search(own)
        date = _date_in(edge.group(0)) if edge else None
    return date


#: a pinned (置顶) or new-item marker a CMS writes into the link text; it is not part of the headline
_MARKER = re.compile(r"^(?:[\[【(（]\s*(?:置顶|顶|推荐|热|新|new|top)\s*[\]】)）]|置顶)\s*"
                     r"|\s*(?:[\[【(（]\s*(?:new|新)\s*[\]】)）]|(?<![A-Za-z])new)$", re.I)


def link_title(a: etree._Element) -> str:
    text = normalize_space(a.text_content())
    title = normalize_space(a.get("title") or "")
    # the title attribute is the whole headline when the text is cut short, and the bare headline when the
    # anchor also wraps the row's date or summary (Hanweb: <a title=…><div>headline</div><div>date</div></a>)
    best = title if len(title) > len(text) or (len(title) >= 4 and title in text) else text
    stripped = _MARKER.sub("", best).strip()
    return stripped if len(stripped) >= 2 else best


#: longer URLs are not article links (and would make the URL patterns slow)
MAX_URL = 1000


def is_article_link(a: etree._Element, absu: str, page_host: str) -> tuple[bool, str | None]:
    if len(absu) > MAX_URL or host_of(absu) != page_host or urlsplit(absu).scheme not in ("http", "https"):
        return False, None
    if ATTACHMENT_EXT.search(absu) or re.search(r"\.(?:jpe?g|png|gif|bmp|mp4|mp3|flv)(?:$|\?)", absu, re.I):
        return False, None
    if not normalize_space(a.text_content()):
        return False, None  # an anchor with no text (an image, an icon, an empty hotspot) is not a list row
    text = link_title(a)
    if PAGER_TEXT.match(text) or SERVICE_TEXT.match(text) or in_furniture(a):
        return False, None
    row = _row(a)
    date = _row_date(row, a)
    if ARTICLE_URL.search(absu):
        return True, date
    if LIST_URL.search(absu):
        return False, None
    return (date is not None and len(text) >= 6), date


def linked(doc: lhtml.HtmlElement, url: str) -> Iterator[tuple[etree._Element, str]]:
    """Anchors of ``doc`` with their canonical absolute URL; fragment, script, mail and phone links skipped."""
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        try:
            yield a, canonical_url(href, url)
        except ValueError:
            continue


def article_links_from_doc(doc: lhtml.HtmlElement, url: str, scoped: bool = False) -> list[ArticleLink]:
    """Article links of a parsed page; ``scoped`` also applies the page-level scope rules of
    :mod:`extract.listing.scope` (a whole list page, not a fragment of records)."""
    host = host_of(url)
    here = canonical_url(url)
    cands: list[tuple[etree._Element, str, str | None, etree._Element]] = []
    for a, absu in linked(doc, url):
        ok, date = is_article_link(a, absu, host)
        if ok and absu != here:
            cands.append((a, absu, date, _row(a)))
    if cands:
        # each item's own box (its dl, table or div): where the date of a row split over elements is
        under = scope.urls_under(cands)
        boxed = []
        for a, absu, date, row in cands:
            box = scope.item_box(row, absu, under)
            boxed.append((a, absu, date if date or box is row else _row_date(box, a), box))
        cands = boxed
    if scoped and cands:
        cands = _in_scope(doc, cands)
    out: dict[str, ArticleLink] = {}
    for a, absu, date, _ in cands:
        out.setdefault(absu, ArticleLink(absu, link_title(a), date))
    return list(out.values())


def _in_scope(doc: lhtml.HtmlElement, cands: list[tuple[etree._Element, str, str | None, etree._Element]]
              ) -> list[tuple[etree._Element, str, str | None, etree._Element]]:
    """Candidates outside scrolled boxes, copyright blocks, nested documents and undated side groups."""
    scripts = "\n".join(el.text or "" for el in doc.iter("script") if not el.get("src"))
    regions = scope.excluded_regions(doc, scripts)
    if regions:
        cands = [c for c in cands if not any(anc in regions for anc in c[0].iterancestors())]
    nested = [scope.nested_root(c[0]) is not None for c in cands]
    if any(nested) and not all(nested):
        cands = [c for c, n in zip(cands, nested, strict=True) if not n]
    minor = scope.minor_groups(cands)
    return [c for i, c in enumerate(cands) if i not in minor]


def fragment_links(html: str, url: str) -> list[ArticleLink]:
    """Article links of an HTML fragment a list's data endpoint answered (records written as ``<li><a …>``).

    The fragment is the list itself, so a headline-length link counts even without an article-shaped URL
    or a date; pager, file, off-host and list links still do not.
    """
    try:
        doc = lhtml.document_fromstring(f"<html><body>{html}</body></html>")
    except (etree.ParserError, ValueError):
        return []
    host = host_of(url)
    out: dict[str, ArticleLink] = {}
    for a, absu in linked(doc, url):
        ok, date = is_article_link(a, absu, host)
        if not ok and host_of(absu) == host and len(absu) <= MAX_URL and not ATTACHMENT_EXT.search(absu):
            text = link_title(a)
            ok = len(text) >= 6 and not PAGER_TEXT.match(text) and not LIST_URL.search(absu)
            date = _row_date(_row(a), a)
        if ok:
            out.setdefault(absu, ArticleLink(absu, link_title(a), date))
    return list(out.values())


def article_links(html: str, url: str) -> list[ArticleLink]:
    """Article links of a list page's HTML, deduplicated by canonical URL, in page order."""
    if not html.strip():
        return []
    try:
        doc = lhtml.document_fromstring(scope.mark_nested(html))
    except (etree.ParserError, ValueError):
        return []
    return article_links_from_doc(doc, url, scoped=True)


def links_by_xpath(html: str, url: str, xpath: str) -> list[ArticleLink]:
    """Article links chosen by a site-specific XPath (selector override); same-host links only."""
    try:
        doc = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    host = host_of(url)
    out: dict[str, ArticleLink] = {}
    for a in doc.xpath(xpath):
        if not isinstance(a, etree._Element):
            continue
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        absu = canonical_url(href, url)
        if host_of(absu) == host:
            out.setdefault(absu, ArticleLink(absu, link_title(a), _row_date(_row(a), a)))
    return list(out.values())
