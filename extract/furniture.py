"""Page furniture recognised by its element's class or id: comments, recommendations, players, references.

Portals, news sites and wikis put blocks next to (or inside) the article element that are never article
text: reader comments (``comment-list``, ``blk-comment``), recommended or related stories (``recommend``,
``related-news``), the controls of an embedded video/audio player (``video-player``, ``playerControl``),
side bars (``sidebar``, ``side-bar``; a bare "side" also names the article's own "left-side" column),
and an encyclopedia's table of contents (``toc``, ``catalog``), reference list, infobox and navigation
boxes (MediaWiki's ``references``, ``infobox``, ``navbox``). Their class and id names are the vocabulary
of web templates at large, not of one site, so one regular expression over the attribute values finds
them. The line rules of :mod:`extract.boilerplate` cannot: a comment is an ordinary sentence.

Used on the generic paths only (the sentence-density block and the generic-id containers); the government
CMS containers hold the editor's output alone and are left as they are.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

#: class/id vocabulary of non-article blocks ("commentary" is an article genre, not a comment block)
FURNITURE_NAME = re.compile(
    r"comment(?!ary)|recommend|related|player|reference|infobox|navbox|side-?bar"
    r"|catalog|table-of-contents|(?<![a-z])toc(?![a-z])",
    re.I,
)

#: structural elements that wrap the whole page or the whole article: never furniture, whatever their name
_NEVER = frozenset(("html", "body", "main", "article"))


def is_furniture(el: etree._Element) -> bool:
    """True for an element whose class or id names a comment, recommendation, player or reference block."""
    tag = el.tag
    if not isinstance(tag, str) or tag in _NEVER:
        return False
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    return bool(FURNITURE_NAME.search(f"{cls or ''} {ident or ''}"))


def headline_path(root: etree._Element) -> frozenset[etree._Element]:
    """The first ``<h1>`` and its ancestors: a block holding the page's headline is the article, not furniture.

    (A recommendation block can hold another story's ``<h1>``, which is why only the first one counts.)
    """
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return frozenset()
    return frozenset((h1, *h1.iterancestors()))


def pruned_copy(el: etree._Element, keep: frozenset[etree._Element] = frozenset()) -> etree._Element:
    """A detached copy of ``el`` without its furniture blocks; the text after each block stays.

    ``keep`` is :func:`headline_path` of the whole document (elements of ``el`` itself, never touched).
    """
    cp = copy.deepcopy(el)
    cp.tail = None
    doomed = [c for o, c in zip(el.iter(), cp.iter(), strict=True) if o is not el and o not in keep and is_furniture(o)]
    for node in doomed:
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            prev = node.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    return cp
