"""Lists paged by anchors: 下一页 / 尾页 / page numbers, over query strings or numbered files.

We follow anchors whose text is a pager word or a page number and whose URL is the current list's URL
with another page number: a ``page``-like query parameter (``page``, ``pageNo``, ``pn``, ``curpage`` …), an
``index_N``/``list_N`` file name, or a bare ``N.html`` beside the list (Epoint's ``moreinfo.html``, ``2.html``
…). A column given as its folder (``/jwdt/``) is the same list as the files in that folder. Anchors that
call a script (``javascript:goPage(3)``) count when the script spells the page URL out
(:mod:`extract.listing.jspager`). So do pagers without an href: an element whose ``onclick`` navigates
(``location.href='index_7.jhtml'``, ``window.open(…)``) or calls a pager function, the options of a
``<select>`` jump menu (``onchange="location.href=this.value"`` or ``goPage(this.value)``), and a small GET
form with one page-number field (its URL for page 2, the page count from the pager's text). Targets on
another host are never followed.

When the last page is known we fill in the pages in between, so a pager that shows only
``1 2 3 … 下一页 尾页`` (or only 下一页 and a ``共12页`` / ``页次：1/12`` text) is still covered in full. The
last page is the highest page linked, or the page count the pager states, translated to the URL's own
numbering: the numbered anchors tell whether ``index_1`` is page 2 (TRS) or ``index_2`` is (NFCMS), or whether
a query parameter counts from 0. A file series is filled only when a pager word or a page count vouches for
it (a row of bare numbers could be year links), and never beyond :data:`MAX_PAGES`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.listing import jspager
from extract.listing.links import ARTICLE_URL
from extract.urls import host_of

_PAGER = re.compile(r"^(?:[\[【]?\s*(?:首页|上一页|下一页|尾页|末页|上页|下页|前一页|后一页|最后一页|第一页)\s*[\]】]?|\d{1,4}|>|>>|»|›)$")
_PAGE_PARAM = re.compile(r"^(?:page|pageno|page_no|pageindex|page_index|curpage|currpage|currentpage|nowpage|cpage|"
                         r"pagenumber|page_num|pagenum|paged|p|pn|pg)$", re.I)
_FILE_PAGE = re.compile(r"^(?P<stem>.*?[_-]|)(?P<n>[0-9]{1,4})(?P<ext>\.\w+)$")
#: words of the next-page anchor: on the unnumbered first page it tells how pages are numbered
_NEXT = re.compile(r"^[\[【]?\s*(?:下一页|下页|后一页)\s*[\]】]?$|^(?:>|>>|»|›)$")
#: the next-page word itself (arrows alone are too often "more" links to follow them off the list's path)
_NEXT_WORD = re.compile(r"^[\[【]?\s*(?:下一页|下页|后一页)\s*[\]】]?$")
#: other controls of a pager: an anchor among them is a pager's, not a stray link
_PAGER_MATE = re.compile(r"首页|上一页|上页|尾页|末页|共\s*[0-9]+\s*页|[0-9]+\s*/\s*[0-9]+|页次|第\s*[0-9]+\s*页")
#: the page count a pager states: 共12页, 页次：1/12, 第1/12页, 1/12页
_TOTAL = re.compile(r"共\s*([0-9]{1,9})\s*页|(?:页次|页码|当前页?|第)\s*[:：]?\s*[0-9]{1,9}\s*/\s*([0-9]{1,9})"
                    r"|[0-9]{1,9}\s*/\s*([0-9]{1,9})\s*页")
_BARE = re.compile(r"/\{n\}\.\w+$")
#: the most pages one list may have (a hostile count cannot flood the queue)
MAX_PAGES = 10_000
#: pager anchors whose containers are read for a page count (bounds the work on a hostile pager)
_TOTAL_ANCHORS = 40


def _page_key(url: str) -> tuple[str, str, tuple, str | None, int | None]:
    """(path without page number, …, query without page params, page param name, page number)."""
    parts = urlsplit(url)
    qs = parse_qsl(parts.query, keep_blank_values=True)
    other = tuple(sorted((k, v) for k, v in qs if not _PAGE_PARAM.match(k)))
    pp = [(k, v) for k, v in qs if _PAGE_PARAM.match(k) and re.fullmatch(r"[0-9]{1,9}", v)]
    path = parts.path
    n: int | None = int(pp[0][1]) if pp else None
    m = _FILE_PAGE.match(path.rsplit("/", 1)[-1])
    if m and not pp:
        path = path.rsplit("/", 1)[0] + "/" + m["stem"] + "{n}" + m["ext"]
        n = int(m["n"])
    return parts.netloc.lower(), path, other, pp[0][0] if pp else None, n


def _same_list(a: str, b: str) -> bool:
    ka, kb = _page_key(a), _page_key(b)
    if ka[0] != kb[0] or ka[2] != kb[2]:
        return False
    if ka[1] == kb[1]:
        return True
    da, fa = ka[1].rsplit("/", 1)
    db, fb = kb[1].rsplit("/", 1)
    if da != db:
        return False
    if da == "" and (not fa or not fb):
        return False  # the site root is the homepage (the nav's 首页), never a page of a list beside it
    # a column given as its folder (/jwdt/) is its index file; a bare N.html numbers the list beside it
    if not fa or not fb or re.fullmatch(r"\{n\}\.\w+", fa) or re.fullmatch(r"\{n\}\.\w+", fb):
        return True
    # index.html vs index_2.html: the first page has no number
    base = lambda p: re.sub(r"[_-]\{n\}", "", p)  # noqa: E731
    return base(fa) == base(fb)


def _next_of(link: str, here: str) -> bool:
    """A link to this list with its query carried over, only numbers changed and parameters added."""
    a, b = urlsplit(link), urlsplit(here)
    if a.netloc.lower() != b.netloc.lower() or a.path != b.path or a.query == b.query:
        return False
    qa = dict(parse_qsl(a.query, keep_blank_values=True))
    qb = dict(parse_qsl(b.query, keep_blank_values=True))
    return all(k in qa and (qa[k] == v or (qa[k].isdigit() and v.isdigit())) for k, v in qb.items())


def _in_pager(a: etree._Element) -> bool:
    """The anchor sits among other pager controls (首页/上一页/尾页 or a page count): in its own container, or in
    the container of the item that wraps it alone (``<li><a>下一页</a></li>`` inside the pager's list)."""
    node = a.getparent()
    for _ in range(2):
        if node is None:
            return False
        if _PAGER_MATE.search(_head_text(node, 600)):
            return True
        if node.tag not in _ITEM_WRAPPERS:
            return False
        node = node.getparent()
    return False


#: elements that wrap one pager control each
_ITEM_WRAPPERS = frozenset({"li", "span", "font", "b", "strong", "em", "i", "td", "dd", "label"})


def _elsewhere_next(a: etree._Element, text: str, link: str, here: str) -> bool:
    """A 下一页 anchor of this list's pager whose page lives at another path of the host. Several CMSes keep
    the first page at the column's address and the later pages in an archive folder (``/hot/index.shtml``
    then ``/system/count/0042/…/c0042_000118.shtml``); each such page leads to the next, so it is followed
    page by page. Article-shaped targets are never pages."""
    if not _NEXT_WORD.match(text) or ARTICLE_URL.search(link):
        return False
    a_parts, h_parts = urlsplit(link), urlsplit(here)
    if (a_parts.path, a_parts.query) == (h_parts.path, h_parts.query):
        return False
    return _in_pager(a)


def _head_text(node: etree._Element, budget: int = 2000) -> str:
    """The first ``budget`` characters of an element's text (a pager's container may be the whole body)."""
    parts: list[str] = []
    for chunk in node.itertext():
        parts.append(chunk[:budget])
        budget -= len(parts[-1])
        if budget <= 0:
            break
    return "".join(parts)


def _page_count(anchors: list[etree._Element]) -> int | None:
    """The page count stated in the pager around the first pager anchors (共12页, 页次：1/12)."""
    seen: set[int] = set()
    for a in anchors[:_TOTAL_ANCHORS]:
        node = a.getparent()
        for _ in range(2):
            if node is None or id(node) in seen:
                break
            seen.add(id(node))
            m = _TOTAL.search(normalize_space(_head_text(node)))
            if m:
                return int(next(g for g in m.groups() if g))
            node = node.getparent()
    return None


def _build(template_url: str, n: int) -> str:
    """``template_url`` (a URL of the series) with page number ``n``."""
    parts = urlsplit(template_url)
    key = _page_key(template_url)
    if key[3]:
        q = urlencode([(k, str(n) if k == key[3] else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)])
        return urlunsplit((parts.scheme, parts.netloc, parts.path, q, ""))
    return urlunsplit((parts.scheme, parts.netloc, key[1].replace("{n}", str(n)), parts.query, ""))


#: elements a pager is made of besides anchors: they page with an onclick handler
_CLICKABLE = ("a", "span", "li", "button", "input", "td", "div", "font", "em", "b", "i", "label", "strong", "p")
_VOID = re.compile(r"^javascript:\s*(?:void\s*\(\s*0?\s*\)|undefined|;)?\s*;?\s*$", re.I)
#: a jump menu whose choice is the URL: onchange="location.href=this.value" (or this.options[…].value)
_SELECT_URL = re.compile(r"location[\w.]*\s*=\s*this(?:\.options\[[^\]]*\])?\.value"
                         r"|location\s*\.\s*(?:replace|assign)\s*\(\s*this(?:\.options\[[^\]]*\])?\.value"
                         r"|window\s*\.\s*open\s*\(\s*this(?:\.options\[[^\]]*\])?\.value")
#: a jump menu whose choice is passed to a pager function: onchange="goPage(this.value)"
_SELECT_CALL = re.compile(r"^\s*(?:javascript:)?\s*([A-Za-z_$][\w$.]{0,60})\s*\(\s*this(?:\.options\[[^\]]*\])?\.value\s*\)")
#: inputs of a search form, not of a page-number form
_SEARCH_NAME = re.compile(r"^(?:q|wd|kw|key|keys|keyword|keywords|search\w*|title|query|word|content|s)$", re.I)
#: the most options of one jump menu read
_MAX_OPTIONS = 2_000


def _controls(doc: etree._Element, html: str, url: str) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, pager text, target URL) of each pager control: anchors with an href, elements whose
    onclick navigates or calls a pager function, jump-menu options, and a GET form's page-number field."""
    js: jspager.Resolver | None = None
    for el in doc.iter(*_CLICKABLE):
        onclick = (el.get("onclick") or "").strip()
        href = (el.get("href") or "").strip() if el.tag == "a" else ""
        if el.tag != "a" and not onclick:
            continue
        text = normalize_space(el.get("value") or "" if el.tag == "input" else el.text_content())
        if not _PAGER.match(text) or len(href) > 1000:
            continue
        if href and not href.startswith("#") and not href.lower().startswith("javascript:"):
            yield el, text, href
            continue
        js = js or jspager.Resolver(html, url)
        target = js.resolve(href) if href.lower().startswith("javascript:") and not _VOID.match(href) else None
        if target is None and onclick:
            target = js.handler(onclick)
        if target:
            yield el, text, target
    for sel in doc.iter("select"):
        onchange = (sel.get("onchange") or "").strip()
        direct, call = _SELECT_URL.search(onchange), _SELECT_CALL.match(onchange)
        if not (direct or call):
            continue
        js = js or jspager.Resolver(html, url)
        for k, opt in enumerate(sel.iter("option")):
            if k >= _MAX_OPTIONS:
                break
            label = re.search(r"[0-9]{1,4}", normalize_space(opt.text_content()))
            value = (opt.get("value") if opt.get("value") is not None else opt.text_content()).strip()
            if not label or not value:
                continue
            target = value if direct else (js.resolve(f"javascript:{call.group(1)}({value})")
                                           if call and value.isdigit() else None)
            if target:
                yield opt, label.group(0), target
    for form in doc.iter("form"):
        target = _form_page(form, url)
        if target:
            yield form, "下一页", target


def _form_page(form: etree._Element, url: str) -> str | None:
    """The URL a small GET page-jump form (one page-number field, hidden fields) sends for page 2."""
    if (form.get("method") or "get").strip().lower() != "get":
        return None
    inputs = [i for i in form.iter("input") if i.get("name")]
    fields = [i for i in inputs if (i.get("type") or "text").lower() in ("text", "number", "tel")]
    if len(fields) != 1 or len(inputs) > 12 or not _PAGE_PARAM.match(fields[0].get("name") or ""):
        return None
    if _SEARCH_NAME.match(fields[0].get("name") or ""):
        return None
    pairs = []
    for i in inputs:
        kind = (i.get("type") or "text").lower()
        if i is fields[0]:
            pairs.append((i.get("name"), "2"))
        elif kind == "hidden":
            pairs.append((i.get("name"), i.get("value") or ""))
    try:
        action = urljoin(url, (form.get("action") or "").strip() or url)
        parts = urlsplit(action)
    except ValueError:
        return None
    # a GET form replaces the action's query with its fields, as a browser does
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), ""))


def pagination(html: str, url: str) -> list[str]:
    """Absolute URLs of further pages of the same list linked from this page."""
    try:
        doc = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    host = host_of(url)
    here = _page_key(url)
    found: dict[str, int | None] = {}
    anchors: list[etree._Element] = []
    labels: list[int] = []       # URL number minus the page number a numbered anchor shows
    vouched: set[str] = set()    # series (path template + param) a pager word or a page count vouches for
    next_numbers: list[int] = []
    for a, text, href in _controls(doc, html, url):
        try:
            absu = urljoin(url, href)
            if host_of(absu) != host:
                continue
            if not _same_list(absu, url):
                if (_NEXT.match(text) and _next_of(absu, url)) or _elsewhere_next(a, text, absu, url):
                    # a next-page link whose page parameter we cannot name (a2p=2 beside a2t, a2c), or whose page
                    # is kept at another path: followed as is, each page leads to the next
                    found.setdefault(absu, None)
                    anchors.append(a)
                continue
            key = _page_key(absu)
        except ValueError:
            continue
        anchors.append(a)
        found[absu] = key[4]
        if key[4] is None:
            continue
        if text.isdigit():
            labels.append(key[4] - int(text))
        else:
            vouched.add(key[1] + "?" + (key[3] or ""))
            if _NEXT.match(text):
                next_numbers.append(key[4])
    if here[1].endswith("/"):
        # a column given as its folder is the series' unnumbered first file (首页 links index.htm)
        found = {u: n for u, n in found.items() if n is not None or _page_key(u)[1].rsplit("/", 1)[0] + "/" != here[1]}
    total = _page_count(anchors)
    if total is None:
        # bare 2019.html … beside the list are year archives unless a pager word links into the series
        found = {u: n for u, n in found.items()
                 if n is None or _page_key(u)[3] or not _BARE.search(_page_key(u)[1]) or _page_key(u)[1] + "?" in vouched}
    pages = list(found)
    numbered = [(u, n) for u, n in found.items() if n is not None]
    if not numbered:
        return pages
    top_url, top = max(numbered, key=lambda x: x[1])
    top_key = _page_key(top_url)
    is_query = bool(top_key[3])
    if not is_query and total is None and top_key[1] + "?" not in vouched:
        return pages  # bare numbers only: not proof of a page series
    # how the URL numbers pages: the numbered anchors say it; else the next-page link of the first page
    offset: int | None = Counter(labels).most_common(1)[0][0] if labels else None
    if offset is None and here[4] is None and next_numbers:
        offset = min(next_numbers) - 2
    if offset is None and is_query:
        offset = 0
    if total is not None and offset is not None:
        top = max(top, total + offset)
    top = min(top, MAX_PAGES + (offset or 0))
    if is_query:
        low = 1 + (offset or 0)
    else:
        low = 2 + offset if offset is not None else min(n for _, n in numbered)
    # the first page of a query series is this page when this URL carries no number
    skip = {here[4], 1 + (offset or 0) if is_query and here[4] is None else None} - {None}
    pages = [u for u in pages if not (is_query and _page_key(u)[4] in skip)]
    pages += [_build(top_url, n) for n in range(max(low, 0), top + 1) if n not in skip]
    return list(dict.fromkeys(pages))


def page_number(url: str) -> int | None:
    """The page number a paginated list URL carries, if any."""
    return _page_key(url)[4]
