"""An article's title as the page shows it: without markup, markup labels and the site's name.

Every source of a title carries something that is not the title. An ``ArticleTitle`` meta is often filled
from the list template, markup and all (``<font color=red>[要闻]</font>标题``, sometimes escaped once more as
``&lt;font…&gt;``); the ``<title>`` joins the title with the site's and the column's names
(``标题_栏目_某市公安局``, ``某市人民政府网——标题``, ``标题 - 某某网``, ``某某公安局 | 标题``); a heading can be
the site's logo text. :func:`clean_title` removes these whatever the source:

* **markup** is parsed away; a bracketed label (``[要闻]``, ``【置顶】``) that sat in an element of its own at
  the start is a list template's category tag, not part of the title, and goes with it. A bracketed series
  name in plain text (``【以案说法】男子…``) is part of the title as the page prints it, and stays, unless the
  page's own headline shows the title without it;
* **site names** at either end: a part joined by a template separator (``_``, ``|``, ``｜``, ``--``, a spaced
  hyphen or dash) or a typographic dash (``——``, ``—``) goes when it names the site: it matches the page's
  own evidence of its name (the ``SiteName`` meta, the footer's 版权所有/主办单位, passed in by the caller), or
  it has the shape of a site name (``…人民政府``, ``…公安局``, ``…政府网``, ``…门户网站``, a short ``…网``).
  A typographic dash also joins a title and its subtitle (``守护万家灯火——记…民警王某``): parts that name
  no site stay. A bare hyphen splits only next to such a name (``某某门户网站-栏目-标题``).

Of what remains between template separators (``标题_栏目``), the part the page shows as a heading wins,
else the longest: titles are longer than column names.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import HTML_PARSER, normalize_space

#: separators templates put between the title, the column and the site: ``_`` ``|`` ``｜`` ``--`` and a
#: hyphen or dash between spaces
TEMPLATE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|--)\s*|\s+[-–—]+\s+")
#: typographic dashes, which also join a title and its subtitle
_DASH = re.compile(r"\s*(?:——|—)\s*")
_HYPHEN = re.compile(r"-")
#: the endings of site names: governments, bureaus, portals
_STRONG_SUFFIX = re.compile(r"(?:网站|门户|政府网|人民政府|政府|公安局|公安厅|公安分局|分局|派出所|官网|信息网|政务网|警务网|之窗"
                            r"|政务服务网|发布)$")
#: endings that name a site only in a short part (``平安某某网``, ``某某警方在线``); ``…防护网`` may be a title
_WEAK_SUFFIX = re.compile(r"(?:网|在线)$")
_SENTENCE = re.compile(r"[，。！？：；,!?“”\"《》]")
#: a bracketed label: ``[要闻]``, ``【置顶】``, ``〔图〕``, ``(视频)``
_LABEL = re.compile(r"^\s*(?:\[[^\[\]]{1,10}\]|【[^【】]{1,10}】|〔[^〔〕]{1,10}〕|（[^（）]{1,6}）|\([^()]{1,6}\))\s*")
#: label words printed without brackets in a list template's own element (``<font color=red>置顶</font>``)
_BARE_LABEL = re.compile(r"^\s*(?:置顶|推荐|荐|头条|最新|新|热|图|图文|视频|new|hot|top)\s*$", re.I)


def _strip_markup(text: str) -> str:
    """The text of a title that holds markup, without a leading label element."""
    for _ in range(2):  # escaped once more by some templates: &lt;font…&gt; → <font…>
        if "&" in text:
            text = html.unescape(text)
    if "<" not in text:
        return text
    try:
        frag = lhtml.fragment_fromstring(text, create_parent="div", parser=HTML_PARSER)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", "", text)
    first = next((c for c in frag if isinstance(c.tag, str)), None)
    if first is not None and not (frag.text or "").strip():
        label = first.text_content()
        if (_LABEL.fullmatch(label) or _BARE_LABEL.match(label)) and (first.tail or "").strip():
            first.drop_tree()  # keeps the tail, the title itself
    return frag.text_content()


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def site_strength(part: str, site_names: Iterable[str] = ()) -> int:
    """2 when ``part`` is the site's name (the page's evidence) or has the shape of one, 1 when it may be
    one (a short ``…网``), 0 when it is text."""
    p = _bare(part)
    if not p or len(p) > 30 or _SENTENCE.search(p) or re.search(r"\d", p):
        return 0
    for name in site_names:
        n = _bare(name)
        if n and (p == n or (n in p and len(p) <= len(n) + 6) or (len(p) >= 4 and p in n)):
            return 2
    if len(p) >= 3 and _STRONG_SUFFIX.search(p):
        return 2
    if 3 <= len(p) <= 10 and _WEAK_SUFFIX.search(p):
        return 1
    return 0


def title_parts(title: str) -> list[str]:
    """The parts of a ``<title>`` between template separators (``标题_栏目_站点`` → three parts)."""
    return [p for p in (normalize_space(x) for x in TEMPLATE_SEPARATOR.split(title)) if p]


def site_name_in(title_tag: str) -> str | None:
    """The site's name in a ``<title>`` (``标题_某市公安局`` / ``某市人民政府网——标题``), for a page that states
    it nowhere else: an end part with the shape of a site name, the last one first."""
    parts = title_parts(title_tag)
    if len(parts) < 2:
        parts = [p.strip() for p in _DASH.split(title_tag) if p.strip()]
    if len(parts) < 2:
        return None
    return next((p for p in (parts[-1], parts[0]) if site_strength(p)), None)


def _drop_site_ends(parts: list[str], site_names: Sequence[str], *, weak_first: bool = True,
                    weak_last: bool = True) -> list[str]:
    """Drop site-name parts from both ends, the stronger end first, while more than one part is left;
    a weak name (a short ``…网``) only at the ends where ``weak_first`` / ``weak_last`` allow it."""
    while len(parts) > 1:
        first, last = site_strength(parts[0], site_names), site_strength(parts[-1], site_names)
        first = 0 if first == 1 and not weak_first else first
        last = 0 if last == 1 and not weak_last else last
        if not first and not last:
            break
        parts = parts[:-1] if last >= first else parts[1:]
    return parts


def clean_title(raw: str | None, *, site_names: Sequence[str] = (), column_names: Sequence[str] = (),
                headlines: Sequence[str] = ()) -> str | None:
    """The title in ``raw`` without markup, markup labels and site names (see the module docstring).

    ``site_names``: the site's names the page states (SiteName meta, footer owner); ``column_names``: its
    column's names (ColumnName meta, breadcrumb); ``headlines``: the texts of the page's headings, which
    decide between what is left and whether a plain bracketed label belongs to the title.
    """
    if not raw:
        return None
    text = normalize_space(_strip_markup(raw) if ("<" in raw or "&" in raw) else raw)
    bare_heads = {_bare(h) for h in headlines}
    label = _LABEL.match(text)
    if label and _bare(text[label.end():]) in bare_heads and _bare(text) not in bare_heads:
        text = text[label.end():]
    columns = {_bare(c) for c in column_names if c}
    parts = title_parts(text)
    if len(parts) > 1:
        parts = _drop_site_ends(parts, site_names)
        parts = [p for p in parts if _bare(p) not in columns] or parts
        shown = [p for p in parts if _bare(p) in bare_heads]
        text = (shown or sorted(parts, key=len, reverse=True))[0]
    for splitter in (_DASH, _HYPHEN):
        pieces = [p.strip() for p in splitter.split(text)]
        if len(pieces) < 2 or not all(pieces):
            continue
        # a dash also joins a title and its subtitle, which may end in 网 (…织密防护网): a weak name only
        # before a dash (某某网——标题), never after it, and never around a bare hyphen
        kept = _drop_site_ends(pieces, site_names, weak_first=splitter is _DASH, weak_last=False)
        if len(kept) < len(pieces):
            joiner = "——" if "——" in text else ("—" if splitter is _DASH else "-")
            shown = [p for p in kept if _bare(p) in bare_heads] if splitter is _HYPHEN else []
            text = shown[0] if shown else joiner.join(kept)
    return text or None
