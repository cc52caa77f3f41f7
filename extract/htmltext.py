"""HTML element → paragraphs, the way a reader sees them.

Block elements and ``<br>`` end a paragraph; table rows become one line with cells joined by a space;
scripts, styles, forms and hidden elements vanish. Used on CMS body containers, where we trust the
structure and want exact text rather than a statistical guess.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lhtml

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul "
    "caption".split()
)
SKIP_TAGS = frozenset("script style noscript select option button iframe object embed template head "
                      "input textarea svg canvas map".split())
#: lxml's HTML parser with libxml2's "huge" option. The default parser drops everything nested deeper than
#: 255 levels, and templates that never close a ``<div>`` or ``<font>`` (text pasted from a word processor,
#: one unclosed wrapper per paragraph) reach that: their article would be lost. The option raises the
#: depth limit to 2048 and lifts the size limits of single text nodes; it does not make the HTML parser
#: resolve entities (it never does). lxml serialises the use of a parser shared between threads.
HTML_PARSER = lhtml.HTMLParser(huge_tree=True)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[\s\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


def between(text: str, start: re.Pattern[str], end: re.Pattern[str]) -> str | None:
    """The text between the first ``start`` match and the next ``end`` match, or None (two linear scans:
    a regex spanning both markers backtracks quadratically on a page with many starts and no end)."""
    m = start.search(text)
    if not m:
        return None
    e = end.search(text, m.end())
    return text[m.end():e.start()] if e else None


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (incl. full-width and no-break spaces) to one space."""
    return _WS.sub(" ", text).strip()


def is_hidden(el: etree._Element) -> bool:
    return bool(_HIDDEN.search(el.get("style") or "")) or el.get("hidden") is not None


#: nesting below which :func:`_walk` recurses (fast); a deeper subtree is walked with an explicit stack
_RECURSION_DEPTH = 200


def _walk(el: etree._Element, out: list[str], depth: int = 0) -> None:
    """Append the visible text of ``el`` and its tail to ``out``, ``\n`` marking paragraph breaks."""
    if depth > _RECURSION_DEPTH:
        _walk_deep(el, out)
        return
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in SKIP_TAGS or is_hidden(el):
        if el.tail:
            out.append(el.tail)
        return
    if tag == "br":
        out.append("\n")
    elif tag == "tr" and _simple_row(el):
        out.append(_row_line(el))
    else:
        block = tag in BLOCK_TAGS or tag in ("td", "th")
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out, depth + 1)
        if block:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def _walk_deep(el: etree._Element, out: list[str]) -> None:
    """:func:`_walk` with an explicit stack instead of recursion, for subtrees nested up to libxml2's
    2048-level limit (see :data:`HTML_PARSER`), beyond Python's recursion limit. The stack holds the
    elements still to visit and, below their children, the text to write when an element ends (its
    paragraph break and tail)."""
    stack: list[etree._Element | str] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in SKIP_TAGS or is_hidden(node) or tag == "br" or (tag == "tr" and _simple_row(node)):
            if tag == "br":
                out.append("\n")
            elif tag == "tr":
                out.append(_row_line(node))
            if node.tail:
                out.append(node.tail)
            continue
        if tag in BLOCK_TAGS or tag in ("td", "th"):
            out.append("\n")
            stack.append("\n" + (node.tail or ""))
        elif node.tail:
            stack.append(node.tail)
        if node.text:
            out.append(node.text)
        stack.extend(reversed(node))


def _row_line(tr: etree._Element) -> str:
    """A data-table row as one line: its cells joined by a space."""
    cells = [normalize_space(" ".join(_lines(c))) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    return "\n" + " ".join(c for c in cells if c) + "\n"


_LAYOUT = ("table", "div", "p", "ul", "ol", "br", "h1", "h2", "h3", "h4", "section", "article", "form")


def _simple_row(tr: etree._Element) -> bool:
    """A data-table row (cells joined on one line), not a layout row holding blocks."""
    return not any(isinstance(d.tag, str) and d.tag in _LAYOUT for d in tr.iterdescendants())


def _lines(el: etree._Element) -> list[str]:
    out: list[str] = []
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    return out


def parse_document(html: str) -> lhtml.HtmlElement:
    """The page as an lxml tree, nesting kept to libxml2's 2048 levels (:data:`HTML_PARSER`)."""
    return lhtml.document_fromstring(html, parser=HTML_PARSER)


def parse_fragment(html: str) -> lhtml.HtmlElement:
    """An HTML fragment (or a serialised element) as one element, with :data:`HTML_PARSER`."""
    return lhtml.fromstring(html, parser=HTML_PARSER)


def element_paragraphs(el: etree._Element) -> list[str]:
    """Non-empty, whitespace-normalised paragraphs of an element's visible text."""
    raw = "".join(_lines(el))
    return [p for p in (normalize_space(line) for line in raw.split("\n")) if p]
