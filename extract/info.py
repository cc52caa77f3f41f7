"""Metadata a reader sees on the page: the info line, breadcrumbs, footer codes, the headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import html as lhtml

from extract.boilerplate import despace_labels
from extract.htmltext import normalize_space
from extract.title import clean_title, site_strength

#: what may follow a source value on the same line: the next label, a bracket, a separator
_SOURCE_END = (r"(?=\s|$|[|｜【】\[\]]|发布|浏览|作者|时间|日期|字号|点击|编辑|阅读|记者|通讯员|审核|责任|供稿|来源)")
#: 来源 and its synonyms (信息来源, 稿件来源 …) name the source; 供稿单位/发布单位 only when no 来源 line exists
_SOURCE = re.compile(r"(?:信息来源|稿件来源|文章来源|新闻来源|来\s?源)\s*[:：∶]\s*(?P<v>[^\s:：|｜【】\[\]]{2,40}?)"
                     + _SOURCE_END)
_SOURCE_FALLBACK = re.compile(r"(?:供稿单位|发布单位|发稿单位|发布机构)\s*[:：∶]\s*(?P<v>[^\s:：|｜【】\[\]]{2,40}?)"
                              + _SOURCE_END)
#: author labels, best first: the writer, then the reporter, the correspondent, and the editor last
_AUTHOR_RANKED = (
    re.compile(r"(?:作者|撰稿|撰文)\s*[:：∶]\s*(?P<v>[^\s:：|｜【】]{2,20})"),
    # reporters and correspondents are people: a name, never a sentence (记者：请问… is an interview)
    re.compile(r"记者\s*[:：∶]\s*(?P<v>[\u4e00-\u9fff·]{2,6})(?![\u4e00-\u9fff·])(?![？?。，,！!])"),
    re.compile(r"通讯员\s*[:：∶]\s*(?P<v>[\u4e00-\u9fff·]{2,6})(?![\u4e00-\u9fff·])(?![？?。，,！!])"),
    # the byline opening a report, without a colon: （记者 王明 通讯员 李华）… / 本报讯（记者王明）…
    re.compile(r"^(?:[\u4e00-\u9fff]{0,8}讯\s*)?[（(]\s*(?:本报|本台|本网)?记者\s*(?P<v>[\u4e00-\u9fff·]{2,4})"
               r"(?=\s|[、，,）)]|通讯员)"),
    re.compile(r"(?:责任编辑|编辑)\s*[:：∶]\s*(?P<v>[^\s:：|｜【】]{2,20})"),
)
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|当前的位置)\s*[:：]?\s*(?P<v>.+)")
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<v>bm\d{8}|\d{10})", re.I)
_ICP = re.compile(r"(?P<v>[\u4e00-\u9fff]ICP[备证]\s*\d+号(?:-\d+)?)")
_BEIAN = re.compile(r"(?P<p>[\u4e00-\u9fff])公网安备\s*(?P<v>\d{14})号?")
_OWNER = re.compile(r"(?:版权所有|主办单位|主办)\s*[:：]?\s*(?:©|\(c\))?\s*(?P<v>[\u4e00-\u9fff（）()]{3,40}?)(?=\s|$|[|｜,，;；]|地址|承办|主办|电话|邮编|技术|ICP|联系)")


def page_lines(doc: lhtml.HtmlElement) -> list[str]:
    from extract.htmltext import element_paragraphs

    body = doc.find("body")
    return [despace_labels(line) for line in element_paragraphs(body if body is not None else doc)]


def visible_source(lines: list[str]) -> str | None:
    """The 来源 a reader sees (来源/信息来源/稿件来源/文章来源, 来 源 spaced out), else the supplying or
    releasing unit (供稿单位/发布单位/发布机构), which templates without a 来源 field print in its place."""
    for pattern in (_SOURCE, _SOURCE_FALLBACK):
        for line in lines:
            if len(line) <= 200 and (m := pattern.search(line)):
                return m["v"]
    return None


def visible_author(lines: list[str]) -> str | None:
    """The writer a reader sees: 作者/撰稿 first, then 记者, then 通讯员, then the (责任)编辑 as a last resort;
    a page that credits a reporter and an editor was written by the reporter."""
    for pattern in _AUTHOR_RANKED:
        for line in lines:
            if len(line) <= 200 and (m := pattern.search(line)):
                return m["v"]
    return None


def breadcrumb_column(lines: list[str]) -> str | None:
    """Last meaningful breadcrumb item: 当前位置：首页 > 警务动态 > 正文 → 警务动态."""
    for line in lines:
        m = _BREADCRUMB.match(line)
        if not m:
            continue
        parts = [normalize_space(p) for p in re.split(r"[>»›＞/\\]|&gt;", m["v"]) if normalize_space(p)]
        parts = [p for p in parts if p not in ("首页", "网站首页", "主页", "正文", "详情", "内容", "文章", "阅读文章")]
        if parts:
            return parts[-1]
    return None


def footer_codes(lines: list[str]) -> dict[str, str]:
    """网站标识码, ICP number, 公网安备 number and the owner named in the footer, where present."""
    out: dict[str, str] = {}
    for line in reversed(lines[-60:]):
        if "site_code" not in out and (m := _SITE_CODE.search(line)):
            out["site_code"] = m["v"]
        if "icp" not in out and (m := _ICP.search(line)):
            out["icp"] = m["v"].replace(" ", "")
        if "beian" not in out and (m := _BEIAN.search(line)):
            out["beian"] = m["p"] + m["v"]
        if "owner" not in out and (m := _OWNER.search(line)):
            out["owner"] = m["v"]
    return out


def heading_elements(doc: lhtml.HtmlElement) -> list[tuple[str, lhtml.HtmlElement]]:
    """(text, element) of what may be the page's headline: its h1–h3 and the elements whose class or id
    says title, with 4 to 120 characters of text."""
    out: list[tuple[str, lhtml.HtmlElement]] = []
    for tag in ("h1", "h2", "h3"):
        for el in doc.iter(tag):
            text = normalize_space(el.text_content())
            if 4 <= len(text) <= 120:
                out.append((text, el))
    for el in doc.xpath("//*[contains(@class,'title') or contains(@id,'title')]"):
        if el.tag in ("title", "meta", "script", "style"):
            continue
        text = normalize_space(el.text_content())
        if 4 <= len(text) <= 120:
            out.append((text, el))
    return out


def heading_texts(doc: lhtml.HtmlElement) -> list[str]:
    """Texts that may be the page's headline (see :func:`heading_elements`)."""
    return [text for text, _ in heading_elements(doc)]


def headline(doc: lhtml.HtmlElement, title_tag: str | None, site_names: Sequence[str] = (),
             candidates: list[str] | None = None, lines: Sequence[str] | None = None) -> str | None:
    """The article's headline: a heading whose text the ``<title>`` starts with, else the ``<title>``
    without its site and column names (:func:`extract.title.clean_title`).

    A heading that is the site's name (the logo's text in an element of class ``title``) is no headline.
    A ``<title>`` that names only the site, or a page type (详情, 正文), or text the page does not show
    anywhere (``lines``: a template's fixed ``<title>``, such as 某某网-辟谣文章) gives way to the page's
    ``<h1>``.
    """
    heads = heading_texts(doc) if candidates is None else candidates
    heads = [c for c in heads if site_strength(c, site_names) < 2]
    tt = normalize_space(title_tag or "")
    if tt:
        for c in heads:
            if tt.startswith(c) or c.startswith(tt):
                return c
        core = clean_title(tt, site_names=site_names, headlines=heads)
        h1 = next((t for el in doc.iter("h1") if 4 <= len(t := normalize_space(el.text_content())) <= 120
                   and site_strength(t, site_names) < 2), None)
        if h1 and (not core or _PAGE_TYPE.fullmatch(core) or site_strength(core, site_names) == 2
                   or (lines is not None and not _shown(core, lines))):
            return h1
        if core and len(core) >= 4:
            return core
    return heads[0] if heads else (tt or None)


#: what a template's fixed ``<title>`` may say instead of the article's title
_PAGE_TYPE = re.compile(r"(?:新闻|文章|信息|内容|政务|公开)?(?:详情|正文|详细信息|内容页|详情页|文章页|阅读)(?:页)?")


def _shown(text: str, lines: Sequence[str]) -> bool:
    """Whether the page shows ``text`` (whitespace aside) in one of its lines."""
    key = re.sub(r"\s+", "", text)
    return any(key in re.sub(r"\s+", "", line) for line in lines)
