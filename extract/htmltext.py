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


def _walk(el: etree._Element, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS or (tag and is_hidden(el)) or not tag:
        if el.tail:
            out.append(el.tail)
        return
    if tag == "br":
        out.append("\n")
    elif tag == "tr" and _simple_row(el):
        cells = [normalize_space(" ".join(_lines(c))) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
        out.append("\n" + " ".join(c for c in cells if c) + "\n")
        if el.tail:
            out.append(el.tail)
        return
    else:
        block = tag in BLOCK_TAGS or tag in ("td", "th")
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out)
        if block:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


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


def element_paragraphs(el: etree._Element) -> list[str]:
    """Non-empty, whitespace-normalised paragraphs of an element's visible text."""
    raw = "".join(_lines(el))
    return [p for p in (normalize_space(line) for line in raw.split("\n")) if p]


def fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of an HTML fragment (e.g. the part between Hanweb's ContentStart/ContentEnd)."""
    if not fragment.strip():
        return []
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    return element_paragraphs(root)
