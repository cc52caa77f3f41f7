"""Where a list page's list is not: nested documents, scrolled notice boxes, copyright footers, minor groups.

Class names catch most furniture (:func:`extract.listing.links.in_furniture`); these rules catch what
class names do not say:

- **Nested documents.** Templates that include a header page paste a second complete document
  (``<!DOCTYPE html><html><head>…<body>…</body></html>``) into the middle of the page; lxml flattens it,
  so its links would sit beside the list's. We mark its extent before parsing (:func:`mark_nested`) and
  its links are not the list's as long as the rest of the page has article links of its own.
- **Boxes scrolled by script.** A notice ticker is often a plain ``<div id="demo">`` that a script scrolls
  (``setInterval`` changing ``scrollTop``, ``$('#x').marquee()``, SuperSlide's ``topLoop``, a ``Marquee``
  object): :func:`scrolled_boxes` finds the ids and classes the page's scripts scroll.
- **Copyright blocks.** The block around ``版权所有``/``ICP备``/``主办单位`` text, however it is named.
- **Minor groups** (:func:`minor_groups`): when the page has a dominant group of dated article rows, an
  undated group of links elsewhere in the page, in another kind of container and another folder, is a
  side box (热点, 推荐, 专题), not the list.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from lxml import etree

NESTED_CLASS = "pa-nested-doc"
_DOC_START = re.compile(r"<!doctype[^>]*>\s*(?:<!--.*?-->\s*)*<html\b|<html\b", re.I | re.S)
_DOC_END = re.compile(r"</html\s*>", re.I)
_SHELL_TAG = re.compile(r"<!doctype[^>]*>|</?(?:html|head|body)\b[^>]*>", re.I)


def mark_nested(html: str) -> str:
    """``html`` with every document nested in it (or pasted before or after it) wrapped in
    ``<div class="pa-nested-doc">`` with its html/head/body tags dropped, so that the parsed tree still
    tells its links apart. The page's own document is the largest top-level one. Unchanged when there is
    a single document."""
    marks = sorted([(m.start(), m.end(), 1) for m in _DOC_START.finditer(html[:2_000_000])][:20]
                   + [(m.start(), m.end(), -1) for m in _DOC_END.finditer(html[:2_000_000])][:20])
    if sum(1 for m in marks if m[2] == 1) < 2:
        return html
    spans: list[tuple[int, int, int, int]] = []  # start, content start, end, depth
    stack: list[tuple[int, int]] = []
    for start, end, kind in marks:
        if kind == 1:
            stack.append((start, end))
        elif stack:
            s0, c0 = stack.pop()
            spans.append((s0, c0, end, len(stack)))
    while stack:
        s0, c0 = stack.pop()
        spans.append((s0, c0, len(html), len(stack)))
    top = [sp for sp in spans if sp[3] == 0]
    if not top:
        return html
    main = max(top, key=lambda sp: sp[2] - sp[0])
    nested = sorted(sp for sp in spans if sp is not main and (sp[3] == 0 or (sp[3] == 1 and main[0] < sp[0] < main[2])))
    if not nested:
        return html
    out: list[str] = []
    pos = 0
    for s0, c0, end, _ in nested:
        if s0 < pos:
            continue
        close = html.rfind("</", c0, end) if end < len(html) else end
        inner = _SHELL_TAG.sub("", html[c0:close].split(">", 1)[-1])
        out += [html[pos:s0], f'<div class="{NESTED_CLASS}">{inner}</div>']
        pos = end
    out.append(html[pos:])
    return "".join(out)


_SCROLL_CALL = re.compile(
    r"(?:\$|jQuery)\(\s*['\"]([#.][\w-]+)[^'\"]*['\"]\s*\)\s*\.\s*(?:marquee|liMarquee|kxbdMarquee|kxbdSuperMarquee|"
    r"scrollText|textScroll|scrollNews|Scroll|roll\w*|myScroll|scrollable|vTicker|newsTicker|bootstrapNews|"
    r"slide\s*\(\s*\{[^}]{0,300}?effect\s*:\s*['\"](?:top|left)(?:Loop|Marquee)|slide\s*\(\s*\{[^}]{0,300}?marquee)",
    re.I)
_SCROLL_NAMED = re.compile(r"(?:MSClassID|MSClass|scrollId|boxId)\s*[:=]\s*\[?\s*['\"]([\w-]+)['\"]|"
                           r"new\s+(?:Marquee|ScrollPic|ScrollText|Scroll\w*)\s*\(\s*\[?\s*['\"]([\w-]+)['\"]", re.I)
_BY_ID = re.compile(r"\b(?:var|let|const)?\s*([A-Za-z_$][\w$]*)\s*=\s*document\.getElementById\(\s*['\"]([\w-]+)['\"]\s*\)")


def scrolled_boxes(scripts: str) -> set[str]:
    """``#id`` / ``.class`` selectors of the boxes the page's scripts scroll (tickers made by script)."""
    if not scripts or not re.search(r"scroll|marquee|slide|roll|ticker", scripts, re.I):
        return set()
    out: set[str] = set()
    for m in _SCROLL_CALL.finditer(scripts):
        out.add(m.group(1))
    for m in _SCROLL_NAMED.finditer(scripts):
        out.add("#" + (m.group(1) or m.group(2)))
    for m in _BY_ID.finditer(scripts):
        var, el_id = m.group(1), m.group(2)
        if re.search(rf"\b{re.escape(var)}\s*\.\s*scroll(?:Top|Left)\s*(?:\+\+|--|[-+]?=)", scripts):
            out.add("#" + el_id)
    for m in re.finditer(r"document\.getElementById\(\s*['\"]([\w-]+)['\"]\s*\)\s*\.\s*scroll(?:Top|Left)\s*(?:\+\+|--|[-+]?=)",
                         scripts):
        out.add("#" + m.group(1))
    return out


_COPYRIGHT = re.compile(r"版权所有|Copyright|©|ICP备|ICP证|网站标识码|主办单位|承办单位|技术支持[:：]|公网安备|主办[:：]|承办[:：]")
_DATES = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
#: a copyright block holds at most this many links (above that it is a page-wide wrapper)
_FOOTER_LINKS = 25


def excluded_regions(doc: etree._Element, scripts: str) -> set[etree._Element]:
    """Elements whose links are not the list's: scrolled boxes and copyright blocks (nested documents are
    decided by the caller, who knows whether the rest of the page has articles)."""
    out: set[etree._Element] = set()
    for sel in scrolled_boxes(scripts):
        if len(out) > 50:
            break
        attr, name = ("id", sel[1:]) if sel.startswith("#") else ("class", sel[1:])
        for el in doc.iter():
            if isinstance(el.tag, str) and el.get(attr) and (el.get(attr) == name if attr == "id" else name in el.get(attr).split()):
                out.add(el)
    for text in doc.xpath("//text()[contains(., '版权所有') or contains(., 'Copyright') or contains(., 'ICP') "
                          "or contains(., '网站标识码') or contains(., '主办') or contains(., '公网安备') or contains(., '©')]")[:10]:
        if not _COPYRIGHT.search(str(text)):
            continue
        node = text.getparent()
        if node is None or node.tag == "a" or any(anc.tag == "a" for anc in node.iterancestors()):
            continue  # a headline that mentions a sponsor is a row of the list, not its footer
        best = None
        while node is not None and node.tag not in ("body", "html") and isinstance(node.tag, str):
            # the block stops short of the list: more links than a footer has, or several dated rows
            if len(node.xpath(".//a")) > _FOOTER_LINKS or len(_DATES.findall(node.text_content()[:5000])) >= 3:
                break
            best = node
            node = node.getparent()
        if best is not None:
            out.add(best)
    return out


def nested_root(el: etree._Element) -> etree._Element | None:
    for anc in el.iterancestors():
        if anc.tag == "div" and anc.get("class") == NESTED_CLASS:
            return anc
    return None


def _signature(el: etree._Element) -> tuple[str, str]:
    return el.tag if isinstance(el.tag, str) else "", " ".join(sorted((el.get("class") or "").split()))


def _folder(url: str) -> str:
    """The column folder of an article URL: its directory less trailing date folders (/jwdt/202406 → /jwdt)."""
    parts = urlsplit(url).path.split("/")[:-1]
    while parts and re.fullmatch(r"\d[\d_-]*", parts[-1]):
        parts.pop()
    return "/".join(parts)


#: how far above a row its item box (the element holding only this item) and its list box are looked for
_ITEM_LEVELS, _LIST_LEVELS = 3, 8
Cand = tuple[etree._Element, str, "str | None", etree._Element]


def urls_under(cands: list[Cand]) -> dict[etree._Element, set[str]]:
    """For each element above a candidate's row (a few levels), the candidate URLs it holds. Keyed by the
    element itself: that keeps lxml's proxy alive, so the same node is the same key (an ``id()`` of a proxy
    may be reused once it is dropped)."""
    under: dict[etree._Element, set[str]] = {}
    for _, url, _, row in cands:
        el, k = row, 0
        while el is not None and k < _LIST_LEVELS + _ITEM_LEVELS and isinstance(el.tag, str) and el.tag not in ("body", "html"):
            under.setdefault(el, set()).add(url)
            el, k = el.getparent(), k + 1
    return under


def item_box(row: etree._Element, url: str, under: dict[etree._Element, set[str]]) -> etree._Element:
    """The largest element above ``row`` (a few levels) that holds this item's URL and no other: the item's
    own box, where templates that give each item its own ``<dl>``, ``<table>`` or ``<div>`` put its date
    (``<dl><dt><a>…</a></dt><dd>发表于：2017/10/19</dd></dl>``)."""
    box = row
    for _ in range(_ITEM_LEVELS):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html") or under.get(parent, {url}) != {url}:
            break
        box = parent
    return box


def list_box(item: etree._Element, under: dict[etree._Element, set[str]]) -> etree._Element:
    """The nearest element above an item box that holds other items too: the list (or box) it belongs to."""
    el = item.getparent()
    for _ in range(_LIST_LEVELS):
        if el is None or el.tag in ("body", "html"):
            break
        if len(under.get(el, ())) >= 2:
            return el
        el = el.getparent()
    return item.getparent() if item.getparent() is not None else item


def _near(a: etree._Element, b: etree._Element, levels: int = 2) -> bool:
    """Two boxes within ``levels`` of a common ancestor: parts of one list box, not two columns of a layout."""
    def up(el: etree._Element) -> set[etree._Element]:
        out = {el}
        for anc in el.iterancestors():
            if len(out) > levels:
                break
            out.add(anc)
        return out
    return bool(up(a) & up(b))


def minor_groups(cands: list[Cand]) -> set[int]:
    """Indices of candidates (anchor, URL, date, item box) that belong to an undated side group beside a
    dominant group of dated rows.

    Candidates are grouped by their list box, so a list whose every item has its own container is one group.
    An undated group in another folder than the list's is a side box; so is one in the list's own folder
    (a 本栏目热点 box, a CMS that files every article under one ``/system/`` tree) when every row of the list is
    dated and the group sits in another column of the layout, not right beside the list (a pinned 置顶 box)."""
    under = urls_under(cands)
    groups: dict[int, list[int]] = {}
    parents: dict[int, etree._Element] = {}
    for i, (_, _, _, item) in enumerate(cands):
        box = list_box(item, under)
        groups.setdefault(id(box), []).append(i)
        parents[id(box)] = box
    if len(groups) < 2:
        return set()
    scored = sorted(groups.items(), key=lambda g: (sum(1 for i in g[1] if cands[i][2]), len(g[1])), reverse=True)
    main_key, main = scored[0]
    if len(main) < 4 or sum(1 for i in main if cands[i][2]) < 3:
        return set()
    main_sig = _signature(parents[main_key])
    folders = Counter(_folder(cands[i][1]) for i in main)
    main_folders = {f for f, _ in folders.most_common(3)}
    main_el = parents[main_key]
    # a list split into several blocks repeats its container; when every row of the main block is dated,
    # an undated block is no part of it even in the same kind of container
    fully_dated = all(cands[i][2] for i in main)
    out: set[int] = set()
    for key, idx in scored[1:]:
        if any(cands[i][2] for i in idx) or (_signature(parents[key]) == main_sig and not fully_dated):
            continue
        el = parents[key]
        if main_el in el.iterancestors() or el in main_el.iterancestors():
            continue
        if any(_folder(cands[i][1]) in main_folders for i in idx) and (not fully_dated or _near(main_el, el)):
            continue
        out.update(idx)
    return out
