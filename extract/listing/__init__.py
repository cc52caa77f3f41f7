"""List pages (栏目页): which articles they link, and which further list pages to request.

Each CMS family announces pagination its own way, so each has a small module; :func:`parse_list_page`
runs all of them (a page may mix schemes, e.g. a TRS template with a 下一页 anchor) and merges their
answers, deduplicated. Article links come from the list content only: see :mod:`extract.listing.links`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from extract.encoding import DecodeError, decode_html
from extract.listing import aspnet, hanweb, querystring, trs
from extract.listing.links import ArticleLink, article_links, links_by_xpath
from extract.urls import canonical_url


@dataclass(frozen=True)
class FollowRequest:
    """A further list page to fetch. ``formdata`` set means POST (Hanweb dataproxy)."""

    url: str
    method: str = "GET"
    formdata: tuple[tuple[str, str], ...] | None = None
    family: str = "generic"
    #: position of the page in its list (page number or first record); newest content comes first
    order: int = 0
    #: what makes two requests the same list page when their URL and form do not (ASP.NET postbacks carry
    #: each page's own __VIEWSTATE); None = the URL and form data
    key: str | None = None


@dataclass
class ListPage:
    families: list[str] = field(default_factory=list)
    articles: list[ArticleLink] = field(default_factory=list)
    follow: list[FollowRequest] = field(default_factory=list)


def parse_list_page(body: bytes, url: str, content_type: str | None = None,
                    link_xpath: str | None = None) -> ListPage:
    """Article links and pagination requests of one list page (HTML or Hanweb datastore XML).

    ``link_xpath`` overrides the generic article-link rules for a site where they fail (sites file).
    """
    try:
        return _parse_list_page(decode_html(body, content_type).text, url, link_xpath)
    except DecodeError:
        raise
    except (ValueError, RecursionError, etree.LxmlError, UnicodeError, OverflowError) as exc:
        raise DecodeError(f"unparseable list page ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _parse_list_page(text: str, url: str, link_xpath: str | None) -> ListPage:
    page = ListPage()
    arts: dict[str, ArticleLink] = {}
    follows: dict[tuple, FollowRequest] = {}

    def add_articles(links: list[ArticleLink]) -> None:
        for link in links:
            arts.setdefault(link.url, link)

    def add_follow(reqs: list[FollowRequest]) -> None:
        for r in reqs:
            follows.setdefault((canonical_url(r.url), r.method, r.key or r.formdata), r)

    hw = hanweb.parse(text, url)
    if hw is not None:
        page.families.append("hanweb")
        add_articles(hw.articles)
        add_follow([FollowRequest(u, m, f, "hanweb", i + 1) for i, (u, m, f) in enumerate(hw.requests)])
        if hw.is_fragment:
            page.articles, page.follow = list(arts.values()), list(follows.values())
            return page
    add_articles(links_by_xpath(text, url, link_xpath) if link_xpath else article_links(text, url))
    trs_pages = trs.pagination(text, url)
    if trs_pages:
        page.families.append("trs")
        add_follow([FollowRequest(u, family="trs", order=i) for i, u in enumerate(trs_pages)])
    qs_pages = querystring.pagination(text, url)
    if qs_pages:
        page.families.append("querystring")
        add_follow([FollowRequest(u, family="querystring", order=querystring.page_number(u) or i)
                    for i, u in enumerate(qs_pages)])
    postbacks = aspnet.pagination(text, url)
    if postbacks:
        page.families.append("aspnet")
        add_follow([FollowRequest(p.url, "POST", p.formdata, "aspnet", p.order, p.key) for p in postbacks])
    page.articles = list(arts.values())
    here = {canonical_url(url)}
    if urlsplit(url).path.endswith("/"):
        # a column given as its folder is its index file: TRS's 首页 (index.html) is this very page
        here |= {canonical_url(urljoin(url, f"index.{ext}")) for ext in ("html", "htm", "shtml")}
    page.follow = [f for (key, _, _), f in follows.items() if key not in here or f.formdata]
    page.follow = page.follow[:MAX_FOLLOW]
    return page


#: the most further list pages one page may announce (a hostile pager cannot flood the queue)
MAX_FOLLOW = 10_000


__all__ = ["ArticleLink", "FollowRequest", "ListPage", "parse_list_page"]
