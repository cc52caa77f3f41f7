"""A generic body container for pages with no known CMS container: where the sentences are.

Text nodes of ten or more characters that are not link text and not page furniture (by the same line
rules as :mod:`extract.boilerplate`) count as body weight for their element and its ancestors. The body is
the deepest element holding at least 70% of the page's weight. This works on table layouts with ``<br>``
paragraphs, where trafilatura tends to return a breadcrumb row instead of the article.

Two kinds of text are judged by their structure rather than their length:

* a **menu** is a block of many short labels (under twenty characters, no punctuation: 机构概况,
  政府信息公开年度报告 …) with next to no running text, links or not, whatever its markup (``<li>``, plain
  ``<div>``s, table cells): a page saved from a single-page app writes its whole navigation tree into the
  page, and its longer labels must not outweigh the article. A menu's labels weigh nothing;
* a **data table** (rows of two or more cells, no layout blocks inside, merged cells or not) is body
  content whose cells are short: every cell's text weighs, so an article that is mostly a table (a 公示
  list, a statistics report) is found.

A block that is more than half link text is a list of links, never the body.
"""

from __future__ import annotations

from lxml import etree

from extract.boilerplate import SENTENCE_PUNCT, is_boilerplate
from extract.furniture import headline_path, is_furniture
from extract.htmltext import SKIP_TAGS, is_hidden, normalize_space

MIN_NODE = 10
#: a text node this long is running text even without punctuation; a shorter one without is a label
SENTENCE_LEN = 20
SHARE = 0.7
#: a block with this many labels whose running text is at most this share of its weight is a menu
MENU_MIN_LABELS = 12
MENU_TEXT_SHARE = 0.1
#: elements a data table does not contain (a table holding them is a layout table)
_LAYOUT_IN_TABLE = frozenset(("table", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "form",
                              "section", "article", "nav", "header", "footer", "aside", "iframe"))

#: HTML5 sectioning elements that are never the article body: their text weighs nothing (a masthead's
#: carousel of hot searches or a footer's link blurbs must not pull the block out of the article)
NOT_BODY_TAGS = frozenset(("nav", "aside", "footer", "header"))


def _own_weight(el: etree._Element, in_link: bool, in_table: bool = False) -> tuple[int, int, int]:
    """(body weight, of which label weight, number of labels) of the text directly in ``el``.

    Body weight: characters of text nodes of ten or more characters, in a data table of every cell. Labels
    are text nodes under twenty characters without punctuation; those of ten or more weigh (a heading, a
    caption) unless they turn out to belong to a menu (see :func:`densest_block`).
    """
    total = label_weight = labels = 0
    texts = [el.text] + [c.tail for c in el if isinstance(c.tag, str) or c.tail]
    for t in texts:
        if not t or in_link:
            continue
        t = normalize_space(t)
        n = len(t)
        if not n:
            continue
        if in_table:
            total += n if not is_boilerplate(t) else 0
            continue
        label = n < SENTENCE_LEN and not SENTENCE_PUNCT.search(t)
        labels += int(label and n >= 2)
        if n >= MIN_NODE and not is_boilerplate(t):
            total += n
            label_weight += n if label else 0
    return total, label_weight, labels


def is_data_table(table: etree._Element) -> bool:
    """A table of data: two or more rows, one with two or more cells, and no layout block inside."""
    rows, wide = 0, False
    for d in table.iterdescendants():
        tag = d.tag
        if not isinstance(tag, str):
            continue
        if tag in _LAYOUT_IN_TABLE:
            return False
        if tag == "tr":
            rows += 1
            wide = wide or sum(1 for c in d if c.tag in ("td", "th")) >= 2
    return rows >= 2 and wide


def headline_article(root: etree._Element) -> etree._Element | None:
    """The ``<article>`` element around the page's first ``<h1>``, if there is one."""
    h1 = next(root.iter("h1"), None)
    return next(h1.iterancestors("article"), None) if h1 is not None else None


def densest_block(root: etree._Element, min_weight: int = 40) -> etree._Element | None:
    """The deepest element with ≥70% of the page's body weight, or None for pages with little text.

    Furniture blocks (comments, recommendations, players: :mod:`extract.furniture`) weigh nothing. When an
    ``<article>`` element holds the page's headline and enough text, the search stays inside it: a stream of
    further stories or teasers below the article cannot outweigh it.
    """
    keep = headline_path(root)
    # [weight, label weight, labels, own weight, depth] per element, filled in pre-order with an explicit
    # stack (pages nest up to 2048 levels, deeper than Python's recursion limit), then summed bottom-up
    stats: dict[etree._Element, list[int]] = {}
    order: list[tuple[list[int], list[int] | None]] = []
    stack: list[tuple[etree._Element, bool, bool, int, list[int] | None]] = [(root, False, False, 0, None)]
    while stack:
        el, in_link, in_table, d, parent_st = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS or tag in NOT_BODY_TAGS or is_hidden(el) \
                or (el not in keep and is_furniture(el)):
            continue
        link = in_link or tag == "a"
        table = in_table or (tag == "table" and is_data_table(el))
        w, lw, n = _own_weight(el, link, table)
        st = stats[el] = [w, lw, n, w, d]
        order.append((st, parent_st))
        stack.extend((child, link, table, d + 1, st) for child in el)
    for st, parent_st in reversed(order):  # every element after all its descendants
        if st[2] >= MENU_MIN_LABELS and st[0] - st[1] <= MENU_TEXT_SHARE * st[0]:
            # a run of labels with next to no running text: a menu, whatever its markup
            st[0] -= st[1]
            st[1] = 0
        if parent_st is not None:
            parent_st[0] += st[0]
            parent_st[1] += st[1]
            parent_st[2] += st[2]
    weight = {el: st[0] for el, st in stats.items()}

    total = weight.get(root, 0)
    if total < min_weight:
        return None
    scope: dict[etree._Element, int] | None = None
    article = headline_article(root)
    if article is not None and weight.get(article, 0) >= min_weight:
        total = weight[article]
        scope = {el: weight[el] for el in article.iter() if el in weight}
    best, best_depth = None, -1
    for el, w in (scope or weight).items():
        if w >= SHARE * total and stats[el][4] > best_depth:
            best, best_depth = el, stats[el][4]
    # a paragraph that never closes nests the rest of the article inside itself (text pasted from a word
    # processor: <div><font>1.…<div><font>2.…<div>…); the deepest element with 70% is then a paragraph
    # halfway down the chain: climb to the highest ancestor reached through elements that add nothing to
    # the block but text of their own, if one of them has such text
    cur = top = best
    while cur is not None and (parent := cur.getparent()) is not None and parent in weight \
            and weight[parent] == stats[parent][3] + weight[cur]:
        cur = parent
        if stats[parent][3] and parent.tag not in ("html", "body"):
            top = parent
    best = top
    if best is None or best.tag in ("html", "body") or _link_share(best) > MAX_LINK_SHARE:
        return None
    return best


#: a block whose text is more than this share link text is a list of links, never an article
MAX_LINK_SHARE = 0.5


def _link_share(el: etree._Element) -> float:
    total = len(normalize_space(el.text_content()))
    links = sum(len(normalize_space(a.text_content())) for a in el.iter("a"))
    return links / total if total else 0.0
