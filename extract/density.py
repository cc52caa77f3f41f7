"""A generic body container for pages with no known CMS container: where the sentences are.

Text nodes of ten or more characters that are not link text and not page furniture (by the same line
rules as :mod:`extract.boilerplate`) count as body weight for their element and its ancestors. The body is
the deepest element holding at least 70% of the page's weight. This works on table layouts with ``<br>``
paragraphs, where trafilatura tends to return a breadcrumb row instead of the article.
"""

from __future__ import annotations

from lxml import etree

from extract.boilerplate import is_boilerplate
from extract.furniture import headline_path, is_furniture
from extract.htmltext import SKIP_TAGS, is_hidden, normalize_space

MIN_NODE = 10
SHARE = 0.7

#: HTML5 sectioning elements that are never the article body: their text weighs nothing (a masthead's
#: carousel of hot searches or a footer's link blurbs must not pull the block out of the article)
NOT_BODY_TAGS = frozenset(("nav", "aside", "footer", "header"))


def _own_weight(el: etree._Element, in_link: bool) -> int:
    total = 0
    texts = [el.text] + [c.tail for c in el if isinstance(c.tag, str) or c.tail]
    for t in texts:
        if not t or in_link:
            continue
        t = normalize_space(t)
        if len(t) >= MIN_NODE and not is_boilerplate(t):
            total += len(t)
    return total


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
    weight: dict[etree._Element, int] = {}
    own: dict[etree._Element, int] = {}
    depth: dict[etree._Element, int] = {}
    keep = headline_path(root)
    # iterative post-order walk: pages nest up to 2048 levels, deeper than Python's recursion limit
    stack: list[tuple[etree._Element, bool, int, bool]] = [(root, False, 0, False)]
    while stack:
        el, in_link, d, done = stack.pop()
        if done:
            weight[el] += sum(weight.get(child, 0) for child in el)
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS or tag in NOT_BODY_TAGS or is_hidden(el) \
                or (el not in keep and is_furniture(el)):
            continue
        link = in_link or tag == "a"
        weight[el] = own[el] = _own_weight(el, link)
        depth[el] = d
        stack.append((el, link, d, True))
        stack.extend((child, link, d + 1, False) for child in reversed(el))

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
        if w >= SHARE * total and depth[el] > best_depth:
            best, best_depth = el, depth[el]
    # a paragraph that never closes nests the rest of the article inside itself (text pasted from a word
    # processor: <div><font>1.…<div><font>2.…<div>…); the deepest element with 70% is then a paragraph
    # halfway down the chain: climb to the highest ancestor reached through elements that add nothing to
    # the block but text of their own, if one of them has such text
    cur = top = best
    while cur is not None and (parent := cur.getparent()) is not None and parent in weight \
            and weight[parent] == own[parent] + weight[cur]:
        cur = parent
        if own[parent] and parent.tag not in ("html", "body"):
            top = parent
    best = top
    if best is None or best.tag in ("html", "body"):
        return None
    return best
