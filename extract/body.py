"""Find the article body: the CMS's own container first, trafilatura on the whole page as fallback.

Government CMSes wrap the editor's output in a known container (TRS ``TRS_Editor``, Hanweb's
``ContentStart``/``ContentEnd`` markers and ``#zoom``, UCAP ``#UCAP-CONTENT`` …). When one is present its
text is exact; when none is, trafilatura's statistical extraction is the best general guess. Both paths are
followed by the same line-level furniture rules (:mod:`extract.boilerplate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lhtml

from extract.boilerplate import clean_paragraphs
from extract.htmltext import element_paragraphs, fragment_paragraphs, normalize_space

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


def _strip_attachments(el: etree._Element) -> None:
    for a in list(el.iter("a")):
        if ATTACHMENT_EXT.search(a.get("href") or ""):
            a.drop_tree() if hasattr(a, "drop_tree") else a.getparent().remove(a)


def _hanweb_markers(html: str) -> str | None:
    m = re.search(r"<meta\s+name=[\"']?ContentStart[\"']?\s*/?>(.*?)<meta\s+name=[\"']?ContentEnd[\"']?\s*/?>",
                  html, re.S | re.I)
    return m.group(1) if m else None


def _outermost(nodes: list[etree._Element]) -> etree._Element | None:
    for node in nodes:
        if not any(anc in nodes for anc in node.iterancestors()):
            return node
    return nodes[0] if nodes else None


def container_paragraphs(doc: lhtml.HtmlElement, html: str) -> Body | None:
    """Paragraphs from a known CMS container, or None when the page has none with text."""
    fragment = _hanweb_markers(html)
    if fragment is not None:
        frag = lhtml.fragment_fromstring(fragment, create_parent="div")
        _strip_attachments(frag)
        paras = element_paragraphs(frag)
        if sum(len(p) for p in paras) >= 10:
            return Body(paras, "hanweb-markers")
    for family, xpath in _CONTAINERS:
        node = _outermost(doc.xpath(xpath))
        if node is None:
            continue
        node = lhtml.fromstring(lhtml.tostring(node, encoding="unicode"))
        _strip_attachments(node)
        paras = element_paragraphs(node)
        if sum(len(p) for p in paras) >= 10:
            return Body(paras, f"container:{family}")
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
    return [p for p in (normalize_space(line) for line in text.split("\n")) if p]


def density_paragraphs(doc: lhtml.HtmlElement) -> Body | None:
    """Paragraphs of the element where the page's sentences are (see :mod:`extract.density`)."""
    from extract.density import densest_block

    node = densest_block(doc)
    if node is None:
        return None
    node = lhtml.fromstring(lhtml.tostring(node, encoding="unicode"))
    _strip_attachments(node)
    paras = element_paragraphs(node)
    return Body(paras, "density") if paras else None


def xpath_paragraphs(doc: lhtml.HtmlElement, xpath: str) -> Body | None:
    nodes = [n for n in doc.xpath(xpath) if isinstance(n, etree._Element)]
    if not nodes:
        return None
    paras: list[str] = []
    for node in nodes:
        node = lhtml.fromstring(lhtml.tostring(node, encoding="unicode"))
        _strip_attachments(node)
        paras.extend(element_paragraphs(node))
    return Body(paras, "xpath-override")


def extract_body(doc: lhtml.HtmlElement, html: str, url: str | None, title: str | None,
                 body_xpath: str | None = None) -> Body:
    body = xpath_paragraphs(doc, body_xpath) if body_xpath else None
    body = body or container_paragraphs(doc, html) or density_paragraphs(doc)
    if body is None:
        body = Body(trafilatura_paragraphs(html, url), "trafilatura")
    body.paragraphs = clean_paragraphs(body.paragraphs, title)
    return body


__all__ = ["ATTACHMENT_EXT", "Body", "extract_body", "fragment_paragraphs"]
