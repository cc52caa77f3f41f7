"""List pages (栏目页): which articles they link, and which further list pages to request.

Each CMS family announces pagination its own way, so each has a small module; :func:`parse_list_page`
runs all of them (a page may mix schemes, e.g. a TRS template with a 下一页 anchor) and merges their
answers, deduplicated. Article links come from the list content only: see :mod:`extract.listing.links`.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree

from extract.encoding import DecodeError, decode_html
from extract.listing import aspnet, hanweb, jslist, querystring, trs
from extract.listing.links import ArticleLink, article_links, links_by_xpath
from extract.listing.model import FollowRequest, ListPage
from extract.urls import canonical_url


def parse_list_page(body: bytes, url: str, content_type: str | None = None,
                    link_xpath: str | None = None, context: str | None = None, read_scripts: bool = True) -> ListPage:
    """Article links and pagination requests of one list page (HTML or Hanweb datastore XML).

    ``link_xpath`` overrides the generic article-link rules for a site where they fail (sites file).
    ``context`` is the :attr:`FollowRequest.context` of the request that fetched ``body``: an endpoint
    answer or an external script of a list rendered by script is read with it (:mod:`extract.listing.jslist`).
    ``read_scripts=False`` reads no data request out of the page's scripts: a list they render is flagged for the
    browser (``ListPage.browser_url``) instead.
    """
    try:
        if context:
            ctx = jslist.decode_context(context)
            if ctx is not None:
                return jslist.from_context(body, url, content_type, ctx)
        answer = jslist.json_answer(body, url, content_type)
        if answer is not None:
            return answer
        return _parse_list_page(decode_html(body, content_type).text, url, link_xpath, read_scripts)
    except DecodeError:
        raise
    except (ValueError, RecursionError, etree.LxmlError, UnicodeError, OverflowError, TypeError, KeyError,
            AttributeError) as exc:
        raise DecodeError(f"unparseable list page ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _parse_list_page(text: str, url: str, link_xpath: str | None, read_scripts: bool = True) -> ListPage:
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
    if not any(f.family == "hanweb" for f in page.follow):
        scripted = jslist.from_page(text, url, len(page.articles), read_scripts)
        page.families += scripted.families
        page.follow += scripted.follow
        page.browser_url = scripted.browser_url
    if page.articles and not page.follow and not page.browser_url:
        pager = jslist.pager_script(text, url)
        if pager is not None:
            page.families.append("pagerscript")
            page.follow = [pager]
    page.follow = page.follow[:MAX_FOLLOW]
    return page


#: the most further list pages one page may announce (a hostile pager cannot flood the queue)
MAX_FOLLOW = 10_000


__all__ = ["ArticleLink", "FollowRequest", "ListPage", "parse_list_page"]
