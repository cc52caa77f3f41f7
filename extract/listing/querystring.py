"""Lists paged by anchors: 下一页 / 尾页 / page numbers, over query strings or numbered files.

We follow anchors whose text is a pager word or a page number and whose URL is the current list's URL
with another page number (a ``page``-like query parameter or an ``index_N``/``list_N`` file name). When the
last page is known (尾页 / the highest number) and the page number is a query parameter, we fill in the
pages in between, so a pager that shows only ``1 2 3 … 下一页 尾页`` is still covered in full.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.urls import host_of

_PAGER = re.compile(r"^(?:[\[【]?\s*(?:首页|上一页|下一页|尾页|末页|上页|下页|前一页|后一页|最后一页|第一页)\s*[\]】]?|\d{1,4}|>|>>|»|›)$")
_PAGE_PARAM = re.compile(r"^(?:page|pageno|page_no|pageindex|page_index|curpage|currentpage|p|pn|pg|pagenum)$", re.I)
_FILE_PAGE = re.compile(r"^(?P<stem>.*?[_-])(?P<n>[0-9]{1,4})(?P<ext>\.\w+)$")


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
    # index.html vs index_2.html: the first page has no number
    base = lambda p: re.sub(r"[_-]\{n\}", "", p)  # noqa: E731
    return base(ka[1]) == base(kb[1])


def pagination(html: str, url: str) -> list[str]:
    """Absolute URLs of further pages of the same list linked from this page."""
    try:
        doc = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    host = host_of(url)
    found: dict[str, int | None] = {}
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        text = normalize_space(a.text_content())
        if not _PAGER.match(text):
            continue
        if len(href) > 1000:
            continue
        try:
            absu = urljoin(url, href)
            if host_of(absu) != host or not _same_list(absu, url):
                continue
        except ValueError:
            continue
        found[absu] = _page_key(absu)[4]
    pages = list(found)
    # fill gaps in query-parameter pagination up to the highest page linked
    key = _page_key(url)
    numbered = [(u, n) for u, n in found.items() if n is not None and _page_key(u)[3]]
    if numbered:
        top_url, top = max(numbered, key=lambda x: x[1])
        parts = urlsplit(top_url)
        param = _page_key(top_url)[3]
        qs = parse_qsl(parts.query, keep_blank_values=True)
        for n in range(1, min(top, 10_000) + 1):
            if n == key[4]:
                continue
            q = urlencode([(k, str(n) if k == param else v) for k, v in qs])
            pages.append(urlunsplit((parts.scheme, parts.netloc, parts.path, q, "")))
    return list(dict.fromkeys(pages))


def page_number(url: str) -> int | None:
    """The page number a paginated list URL carries, if any."""
    return _page_key(url)[4]
