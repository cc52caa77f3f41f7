"""Find the article body: the CMS's own container first, trafilatura on the whole page as fallback.

Government CMSes wrap the editor's output in a known container (TRS ``TRS_Editor``, Hanweb's
``ContentStart``/``ContentEnd`` markers and ``#zoom``, UCAP ``#UCAP-CONTENT`` …). When one is present its
text is exact; when none is, trafilatura's statistical extraction is the best general guess. Both paths are
followed by the same line-level furniture rules (:mod:`extract.boilerplate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lhtml

from extract.boilerplate import clean_paragraphs, is_menu_text
from extract.density import densest_block, headline_article
from extract.furniture import headline_path, pruned_copy
from extract.htmltext import HTML_PARSER, between, element_paragraphs, normalize_space, parse_fragment

ATTACHMENT_EXT = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|zip|rar|7z|pptx?|ofd|txt|csv)(?:$|[?#])", re.I)

#: XPath of body containers, most specific first. Class tests are token-exact.
_CONTAINERS: list[tuple[str, str]] = [
    ("trs", "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]"),
    ("trs", "//*[contains(concat(' ', normalize-space(@class), ' '), ' trs_editor_view ')]"),
    ("trs", "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]"),
    ("ucap", "//*[@id='UCAP-CONTENT']"),
    ("hanweb", "//*[@id='zoom']"),
    ("generic", "//*[@id='zoomcon' or @id='Zoom' or @id='ZoomContent' or @id='zoomContent']"),
    ("generic", "//*[@id='mainText' or @id='artibody' or @id='article_content' or @id='ArticleContent']"),
]


@dataclass
class Body:
    paragraphs: list[str]
    #: which path produced it: "container:<xpath family>", "hanweb-markers", or "trafilatura"
    method: str
    #: (src, caption) of the images in the body element (never part of the text)
    images: list[tuple[str, str]] = field(default_factory=list)
    #: a density block found inside the ``<article>`` that holds the headline (trusted even when short)
    anchored: bool = False
    #: the element of the page the paragraphs came from (None for trafilatura's): where the article sits,
    #: for the rules that read the lines around it (extract.pubdate)
    node: etree._Element | None = None


def body_images(el: etree._Element) -> list[tuple[str, str]]:
    """Images of a body element with their caption: alt/title, a <figcaption>, or a short 图-line after."""
    out = []
    for img in el.iter("img"):
        src = (img.get("src") or img.get("data-src") or img.get("oldsrc") or "").strip()
        if not src or src.startswith("data:") or re.search(r"(?:icon|logo|spacer|blank|share|qrcode)", src, re.I):
            continue
        caption = normalize_space(img.get("alt") or img.get("title") or "")
        fig = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        if fig is not None:
            cap = fig.find(".//figcaption")
            if cap is not None:
                caption = normalize_space(cap.text_content()) or caption
        if not caption:
            block = next((a for a in img.iterancestors() if a.tag in ("p", "div", "center")), None)
            nxt = block.getnext() if block is not None else None
            while nxt is not None and not isinstance(nxt.tag, str):  # skip comments and processing instructions
                nxt = nxt.getnext()
            text = normalize_space(etree.tostring(nxt, method="text", encoding="unicode", with_tail=False)) \
                if nxt is not None else ""
            if text and len(text) <= 60 and (text.startswith(("图", "▲", "△")) or "摄" in text[-8:]):
                caption = text
        out.append((src, caption))
    return out


def _strip_attachments(el: etree._Element) -> None:
    for a in list(el.iter("a")):
        if ATTACHMENT_EXT.search(a.get("href") or ""):
            a.drop_tree() if hasattr(a, "drop_tree") else a.getparent().remove(a)


_CONTENT_START = re.compile(r"<meta\s+name=[\"']?ContentStart[\"']?\s*/?>", re.I)
_CONTENT_END = re.compile(r"<meta\s+name=[\"']?ContentEnd[\"']?\s*/?>", re.I)


def _hanweb_markers(html: str) -> str | None:
    """The HTML between Hanweb's ContentStart and ContentEnd markers."""
    return between(html, _CONTENT_START, _CONTENT_END)


def _outermost(nodes: list[etree._Element]) -> etree._Element | None:
    for node in nodes:
        if not any(anc in nodes for anc in node.iterancestors()):
            return node
    return nodes[0] if nodes else None


def container_paragraphs(doc: lhtml.HtmlElement, html: str) -> Body | None:
    """Paragraphs from a known CMS container, or None when the page has none with text."""
    fragment = _hanweb_markers(html)
    if fragment is not None:
        frag = lhtml.fragment_fromstring(fragment, create_parent="div", parser=HTML_PARSER)
        _strip_attachments(frag)
        paras = element_paragraphs(frag)
        if sum(len(p) for p in paras) >= 10:
            start = doc.xpath("//meta[translate(@name, 'CONTENTSAR', 'contentsar')='contentstart']")
            return Body(paras, "hanweb-markers", body_images(frag),
                        node=start[0].getparent() if start else None)
    for family, xpath in _CONTAINERS:
        node = found = _outermost(doc.xpath(xpath))
        if node is None:
            continue
        if family == "generic":
            # a portal's generic article id can name a wrapper of the whole middle of the page (the article,
            # its comments, a side column of picture links): the sentence block inside it is the body
            inner = densest_block(node)
            found = node if inner is None else inner
            node = pruned_copy(found, headline_path(doc))
        else:
            node = parse_fragment(lhtml.tostring(node, encoding="unicode"))
        _strip_attachments(node)
        paras = element_paragraphs(node)
        if sum(len(p) for p in paras) >= 10:
            return Body(paras, f"container:{family}", body_images(node), node=found)
    return None


def trafilatura_paragraphs(html: str, url: str | None = None) -> list[str]:
    """Whole-page extraction with trafilatura, in precision mode, as paragraphs."""
    import trafilatura

    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, include_images=False,
        include_links=False, favor_precision=True, deduplicate=False, with_metadata=False,
    )
    if not text:
        return []
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            # trafilatura renders table rows as "| a | b |": keep the cells, like our own row text
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r"[-:\s]*", c) for c in cells):
                continue  # the "|---|---|" separator
            line = " ".join(c for c in cells if c)
        line = normalize_space(line)
        if line:
            out.append(line)
    return out


def density_paragraphs(doc: lhtml.HtmlElement) -> Body | None:
    """Paragraphs of the element where the page's sentences are (see :mod:`extract.density`)."""
    node = densest_block(doc)
    if node is None:
        return None
    article = headline_article(doc)
    anchored = article is not None and (node is article or any(a is article for a in node.iterancestors()))
    copy_ = pruned_copy(node, headline_path(doc))
    _strip_attachments(copy_)
    paras = element_paragraphs(copy_)
    return Body(paras, "density", body_images(copy_), anchored, node) if paras else None


def xpath_paragraphs(doc: lhtml.HtmlElement, xpath: str) -> Body | None:
    nodes = [n for n in doc.xpath(xpath) if isinstance(n, etree._Element)]
    if not nodes:
        return None
    paras: list[str] = []
    for node in nodes:
        copy_ = parse_fragment(lhtml.tostring(node, encoding="unicode"))
        _strip_attachments(copy_)
        paras.extend(element_paragraphs(copy_))
    return Body(paras, "xpath-override", node=nodes[0])


def extract_body(doc: lhtml.HtmlElement, html: str, url: str | None, title: str | None,
                 body_xpath: str | None = None) -> Body:
    body = xpath_paragraphs(doc, body_xpath) if body_xpath else None
    body = body or container_paragraphs(doc, html)
    if body is not None:
        body.paragraphs = clean_paragraphs(body.paragraphs, title)
        return body
    if sum(1 for _ in doc.iter()) > MAX_ELEMENTS_FOR_TRAFILATURA or _DEEPER_THAN_LXML_DEFAULT(doc):
        # thousands of tiny blocks make trafilatura's justext fallback quadratic, and so does a deep nest of
        # tables its table handling; a page nested deeper than 255 levels would also be cut there by its own
        # parser (see extract.htmltext.HTML_PARSER) and the truncated text win: density is linear and sees all
        return choose_generic(density_paragraphs(doc), Body([], "trafilatura"), title)
    return choose_generic(density_paragraphs(doc), Body(trafilatura_paragraphs(html, url), "trafilatura"), title)


#: above this many elements a page is not an article page a human wrote; trafilatura is skipped
MAX_ELEMENTS_FOR_TRAFILATURA = 8000
#: true for a tree with elements deeper than 255 levels (lxml's default limit); trafilatura is skipped
_DEEPER_THAN_LXML_DEFAULT = etree.XPath("boolean(" + "/*" * 256 + ")")


#: the more precise (shorter) generic candidate wins unless it holds under this share of the other's text,
#: which means it missed the body (trafilatura returning only a breadcrumb row of a table layout)
TRUNCATED_SHARE = 0.12


def choose_generic(density: Body | None, traf: Body, title: str | None) -> Body:
    """Pick between the sentence-density block and trafilatura for pages with no CMS container.

    Both are cleaned by the same line rules first, and a candidate that is a navigation menu (a page saved
    from a single-page app writes its whole menu tree as text) is dropped. The shorter text is usually the
    more precise one (the density block can take in comments or recommendations; trafilatura can keep a
    sidebar), so it wins unless it is so much shorter that it must have missed the article.
    """
    cands = []
    for b in (density, traf):
        if b is not None:
            b.paragraphs = clean_paragraphs(b.paragraphs, title)
            size = sum(len(p) for p in b.paragraphs)
            if size and not is_menu_text(b.paragraphs):
                cands.append((size, b))
    if not cands:
        return traf
    cands.sort(key=lambda x: x[0])
    short, long_ = cands[0], cands[-1]
    return short[1] if short[1].anchored or short[0] >= TRUNCATED_SHARE * long_[0] else long_[1]

