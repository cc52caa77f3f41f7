"""The publish time a reader sees, read from the article's own info block and nowhere else.

A page prints many dates: today's date and the weather in the header, a clock, a message board's
留言时间 in a drop-down of the top menu, the dates of a 热点排行 list beside the article, an online interview's
访谈时间, a login box's last login. Only one of them is the article's: the one in its info block, the lines
between the headline and the body (发布时间：… / 2024-06-03 来源：…), or just above or below the body where a
template prints it there. The rule is structural, not a list of bad labels:

1. the **article element** is the smallest element that holds both the headline and the body (their lowest
   common ancestor), or the body's parent when no headline element is found. A date is read only from its
   lines, so a header, a menu, a side column or a footer (outside that element) can never give one;
2. inside it, the lines **between the headline and the body** are read first, then the lines **right below
   the body** (up to 上一篇 / 相关链接 / the footer), then the few lines **right above the headline** (there
   only a labelled date: a bare one is as likely a clock); body lines are never read (a notice's
   活动时间：… is not its publish time);
3. a page whose headline and body share no element below ``<body>`` (or whose body was found by trafilatura
   alone) is read the older way: the lines right under the headline;
4. nothing found means no visible date: the caller then takes the meta time (PubDate, FirstPublishedTime,
   article:published_time …), which beats any date seen only in furniture, and only then the URL's day.

A line gives a date when it carries a publish label (发布时间/发布日期/时间/日期/更新时间 …, spaced out or
not), is a date alone (``2024-06-03 09:30 星期一``), or opens with a date followed by info labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree
from lxml import html as lhtml

from extract.boilerplate import END_MARKER, despace_labels, is_info_line
from extract.dates import DATE_RE, ascii_dates, iso_from_match, parse_date

#: labels of the publish time; 成文日期/生成日期/印发日期 … are a document's own dates, not its publication
_LABELLED_DATE = re.compile(r"(?<![生成文印效施止废期报动试])(?:发布时间|发布日期|发表时间|发稿时间|时间发布|更新时间|时间|日期)"
                            r"\s*[:：∶]?\s*")
_BARE_DATE_LINE = re.compile(r"^\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s*\d{1,2}(?:[:：∶时]\d{2}分?)(?:[:：∶]\d{2})?)?"
                             r"(?:\s*[（(]?(?:星期|周)[一二三四五六日天][）)]?)?\s*$")
#: how far from the headline (no body found) and below the body an info line may sit
_UNDER_HEADLINE = 12
_BELOW_BODY = 8
_ABOVE_HEADLINE = 3
#: with no headline found, how far above the body (inside the article element) the info line may sit
_ABOVE_BODY = 10
#: without a headline element, how far the scope may widen around the body, and by how much text a step
_WIDEN_STEPS = 3
_INFO_BLOCK_CHARS = 300
#: characters of the title searched for in text nodes, and how far above such a node the headline may be
_PROBE_CHARS = 6
_HEADLINE_CLIMB = 4
_NOT_HEADLINE = frozenset(("a", "script", "style", "title", "option", "textarea", "select"))
_TEXT_WITH = etree.XPath(".//text()[contains(., $p)]")
#: a headline element's text may hold the title and a little more (a label, a subtitle, a date)
_HEADLINE_SLACK = 12


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _labelled(line: str) -> str | None:
    for lab in _LABELLED_DATE.finditer(line):
        m = DATE_RE.match(line, lab.end())
        if m:
            iso = iso_from_match(m)
            if iso:
                return iso
    return None


def _date_before_labels(line: str) -> str | None:
    """``2024-06-03 09:30:12　来源：某某公安局``: templates that print the time without a label, first on the
    info line. Only a line that starts with the date and is an info line as a whole counts."""
    m = DATE_RE.match(line)
    if m and m.end() < len(line) and is_info_line(line):
        return iso_from_match(m)
    return None


def line_date(line: str, *, bare: bool = True) -> str | None:
    """The publish time an info line states: labelled, alone on the line (if ``bare``), or opening an
    info line."""
    line = ascii_dates(despace_labels(line))
    if iso := _labelled(line):
        return iso
    if bare and len(line) <= 40 and _BARE_DATE_LINE.match(line) and (iso := parse_date(line)):
        return iso
    return _date_before_labels(line)


def _first_date(lines: Sequence[str], *, bare: bool = True) -> str | None:
    for line in lines:
        if iso := line_date(line, bare=bare):
            return iso
    return None


def _headline_lines(bare: Sequence[str], key: str) -> list[int]:
    """The lines (given whitespace-free) that may be the headline: the title itself, else the title with a
    little more around it. A side list linking to the article repeats it: the caller picks one."""
    exact = [i for i, b in enumerate(bare) if b == key]
    return exact or [i for i, b in enumerate(bare) if key in b and len(b) <= len(key) + _HEADLINE_SLACK]


def _body_span(bare: Sequence[str], body: Sequence[str], start: int) -> tuple[int, int] | None:
    """Indexes of the body's first and last paragraph among the (whitespace-free) lines, from ``start`` on."""
    # a date line the body kept (2024-05-20 13:09 under the headline) is the info block, not the body: the
    # body starts at its first other paragraph; it ends at its last one, whatever it is (a signature date)
    keys = [_bare(p) for p in body if p.strip()]
    if not keys:
        return None
    head = next((k for k, p in zip(keys, body, strict=False) if len(k) >= 6 and not _BARE_DATE_LINE.match(p)),
                keys[0])
    first = next((i for i in range(start, len(bare)) if bare[i] == head), None)
    if first is None:
        first = next((i for i in range(start, len(bare))
                      if head in bare[i] or (len(bare[i]) >= 6 and bare[i] in head)), None)
    if first is None:
        return None
    last = next((i for i in range(len(bare) - 1, first - 1, -1) if bare[i] == keys[-1] or keys[-1] in bare[i]),
                first)
    return first, last


def _shows_title(el: etree._Element, key: str) -> tuple[bool, bool]:
    """(whether ``el`` shows the title, whether loosely: with a little more text, or the title then elements
    of the info block as in ``<h2>标题<small>2023-08-19 来源：…</small></h2>``)."""
    bare = _bare(el.text_content())
    if bare == key:
        return True, False
    if (key in bare and len(bare) <= len(key) + _HEADLINE_SLACK) or _bare(el.text or "") == key:
        return True, True
    return False, False


def headline_element(doc: lhtml.HtmlElement, title: str,
                     headings: Sequence[tuple[str, etree._Element]] = ()) -> etree._Element | None:
    """The element that shows the headline (:func:`_shows_title`), no link (a side list may link to the
    article itself). The page's headings (:func:`extract.info.heading_elements`) are tried first; else
    the elements around the text nodes that hold a piece of the title (one XPath over the text nodes:
    testing every element's text would cost a pass per nesting level)."""
    key = _bare(title)
    body = doc.find("body")
    if len(key) < 4 or body is None:
        return None
    found: list[tuple[bool, int, etree._Element]] = []
    for order, (_, el) in enumerate(headings):
        shows, loose = _shows_title(el, key)
        if shows:
            found.append((loose, order, el))
    if not any(not loose for loose, _, _ in found):
        runs = sorted(title.split(), key=len, reverse=True)
        seen: set[etree._Element] = set()
        for order, text in enumerate(_TEXT_WITH(body, p=runs[0][:_PROBE_CHARS]), start=len(headings)):
            owner = text.getparent()
            owner = owner.getparent() if owner is not None and text.is_tail else owner
            for depth, el in enumerate((owner, *owner.iterancestors()) if owner is not None else ()):
                if depth > _HEADLINE_CLIMB or el is body or el in seen:
                    break
                seen.add(el)
                if not isinstance(el.tag, str) or el.tag in _NOT_HEADLINE:
                    continue
                shows, loose = _shows_title(el, key)
                if shows:
                    found.append((loose, order, el))
                    break
                if len(_bare(el.text_content())) > len(key) + _HEADLINE_SLACK:
                    break
    # exact texts before looser ones, then headings before other elements; never inside a link
    for _, _, el in sorted(found, key=lambda t: (t[0], t[1])):
        if el.tag != "a" and not any(a.tag == "a" for a in el.iterancestors()):
            return el
    return None


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element | None:
    mine = {a, *a.iterancestors()}
    if b in mine:
        return b
    return next((x for x in b.iterancestors() if x in mine), None)


def _article_scope(headline: etree._Element | None, body: etree._Element | None) -> etree._Element | None:
    """The smallest element holding the headline and more than the body (else the body's parent, widened
    by an info block at most), never html/body."""
    if body is None:
        return None
    scope = _common_ancestor(headline, body) if headline is not None else None
    if scope is None or scope is body:
        # no headline element, or one inside the body's element: the body's parent, widened while each
        # step adds no more than an info block's worth of text (a page column or the whole page adds more)
        scope = body.getparent()
        for _ in range(_WIDEN_STEPS):
            up = scope.getparent() if scope is not None else None
            if up is None or up.tag in ("html", "body") \
                    or len(up.text_content()) - len(scope.text_content()) > _INFO_BLOCK_CHARS:
                break
            scope = up
    if scope is None or scope.tag in ("html", "body"):
        return None
    return scope


def _until_end(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        if END_MARKER.search(line):
            break
        out.append(line)
    return out


def visible_date(doc: lhtml.HtmlElement, page_lines: Sequence[str], title: str | None, body: Sequence[str],
                 body_node: etree._Element | None, headings: Sequence[tuple[str, etree._Element]] = ()) -> str | None:
    """The publish time printed in the article's info block, or None (see the module docstring).

    ``page_lines`` are the page's lines (:func:`extract.info.page_lines`), ``body`` the body's paragraphs
    and ``body_node`` the element of ``doc`` they came from (None when trafilatura found them); ``headings``
    the page's heading elements (:func:`extract.info.heading_elements`), where the headline usually is.
    """
    head_el = headline_element(doc, title, headings) if title else None
    key = _bare(title or "")
    bare = [_bare(line) for line in page_lines]
    heads = _headline_lines(bare, key) if key else []
    span = _body_span(bare, body, 0)
    # copies of the title before the body, nearest first: a template may print it twice (the headline, then
    # again atop the body), a side list may repeat it
    before = [i for i in heads if span is None or i < span[0]][::-1] or heads[:1]
    h = before[0] if before else None
    scope = _article_scope(head_el, body_node)
    if scope is None:
        return _first_date(page_lines[h:h + _UNDER_HEADLINE]) if h is not None else None
    # the scope's lines are a run of the page's lines: a line counts when its text is the scope's (a test of
    # the few lines near the headline and the body, cheaper than walking the scope's text once more)
    inside = _bare(scope.text_content())

    def within(lines: Sequence[str]) -> list[str]:
        return [line for line in lines if _bare(line) in inside]  # a few lines: no need for ``bare``

    if h is not None and (head_el is None or bare[h] not in inside):
        h = None
    for copy in before if h is not None else ():
        end = min(span[0], copy + 1 + _UNDER_HEADLINE) if span and span[0] > copy else copy + 1 + _UNDER_HEADLINE
        if iso := _first_date(within(page_lines[copy + 1:end])):
            return iso
    if span:
        b0, b1 = span
        if h is None and (iso := _first_date(within(page_lines[max(0, b0 - _ABOVE_BODY):b0])[::-1])):
            return iso
        if iso := _first_date(within(_until_end(page_lines[b1 + 1:b1 + 1 + _BELOW_BODY]))):
            return iso
    if h is not None:
        # above the headline a date alone on its line is as likely a clock (2024年06月20日 星期四) as the
        # article's: only a labelled one, or one opening an info line, counts there
        return _first_date(within(page_lines[max(0, h - _ABOVE_HEADLINE):h])[::-1], bare=False)
    return None
