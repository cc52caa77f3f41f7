"""ASP.NET WebForms lists, paged by postbacks: ``javascript:__doPostBack('…$AspNetPager1','3')``.

Older .NET portals (many county bureaus among them) page a list by posting the page's own form back to
the server: the pager anchors call ``__doPostBack(target, argument)``, which fills the form's
``__EVENTTARGET`` / ``__EVENTARGUMENT`` fields and submits it with the page state (``__VIEWSTATE``,
``__EVENTVALIDATION`` …). There is no URL per page, so a crawler must replay the form: every field the
browser would send (hidden and text inputs, selected options), with the two event fields set.

Followed: anchors whose text is a page number or a next/last word (the pager), with an argument that
names a page (``3``, ``Page$3``, ``Page$Next``, ``Page$Last``). Each follow request carries a key made of
the form's action, the control and the argument, not of the page state: page 3 announced by page 1 and
by page 2 (each with its own ``__VIEWSTATE``) is one list page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.urls import host_of

_POSTBACK = re.compile(r"__doPostBack\(\s*['\"](?P<target>[^'\"]{1,200})['\"]\s*,\s*['\"](?P<arg>[^'\"]{0,100})['\"]\s*\)")
_OPTIONS = re.compile(r"WebForm_PostBackOptions\(\s*['\"](?P<target>[^'\"]{1,200})['\"]\s*,\s*['\"](?P<arg>[^'\"]{0,100})['\"]")
_NUMBER = re.compile(r"^\s*\d{1,5}\s*$")
_NEXT_WORDS = re.compile(r"^[\[【]?\s*(?:下一页|下页|后一页|尾页|末页|最后一页|后页)\s*[\]】]?$|^(?:>|>>|»|›|Next|Last)$", re.I)
_ARG_PAGE = re.compile(r"^(?:Page\$)?(?P<n>\d{1,5})$", re.I)
_ARG_WORD = re.compile(r"^(?:Page\$)?(?:Next|Last)$", re.I)
#: sort position of a relative "next page" postback (its page number is not known)
MAX_ORDER = 1_000_000
#: fields a postback never sends as typed: the browser sets these two from the call
_EVENT_FIELDS = ("__EVENTTARGET", "__EVENTARGUMENT")


@dataclass(frozen=True)
class Postback:
    url: str
    formdata: tuple[tuple[str, str], ...]
    key: str
    order: int


def _form_fields(form: etree._Element) -> list[tuple[str, str]]:
    """What a browser submits for ``form`` without a button: hidden/text inputs, checked boxes, selections."""
    fields: list[tuple[str, str]] = []
    for el in form.iter("input", "select", "textarea"):
        name = el.get("name")
        if not name or name in _EVENT_FIELDS or el.get("disabled") is not None:
            continue
        if el.tag == "input":
            kind = (el.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and el.get("checked") is None:
                continue
            fields.append((name, el.get("value") or ""))
        elif el.tag == "select":
            options = el.findall(".//option")
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            for o in chosen:
                fields.append((name, o.get("value") if o.get("value") is not None else normalize_space(o.text_content())))
        else:
            fields.append((name, el.text or ""))
    return fields


def pagination(html: str, url: str) -> list[Postback]:
    """Postback requests for the other pages a WebForms pager links (empty for any other page)."""
    if "__doPostBack" not in html and "WebForm_PostBackOptions" not in html:
        return []
    if "__VIEWSTATE" not in html and "__EVENTVALIDATION" not in html:
        return []
    try:
        doc = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    forms = [f for f in doc.iter("form") if f.xpath(".//input[@name='__VIEWSTATE' or @name='__EVENTVALIDATION']")]
    if not forms:
        return []
    form = forms[0]
    action = urljoin(url, (form.get("action") or "").strip() or url)
    if host_of(action) != host_of(url):
        return []
    fields = _form_fields(form)
    state = hashlib.sha1(dict(fields).get("__VIEWSTATE", "").encode("utf-8", "replace")).hexdigest()[:12]
    numbered: dict[tuple[str, str], Postback] = {}
    words: dict[tuple[str, str], Postback] = {}
    for a in doc.iter("a"):
        m = _POSTBACK.search(a.get("href") or "") or _OPTIONS.search(a.get("href") or "") \
            or _POSTBACK.search(a.get("onclick") or "")
        if not m:
            continue
        text = normalize_space(a.text_content())
        target, arg = m["target"], m["arg"]
        data = (*fields, ("__EVENTTARGET", target), ("__EVENTARGUMENT", arg))
        page = _ARG_PAGE.match(arg)
        if _NUMBER.match(text) and (page or arg == ""):
            n = int(page["n"]) if page else int(text)
            if n == 1:
                continue  # page 1 is what a GET of the list returns: the crawl's way in, already fetched
            numbered.setdefault((target, arg), Postback(action, data, f"{action}#postback:{target}:{n}", n))
        elif _NEXT_WORDS.match(text) and (page or _ARG_WORD.match(arg) or arg == ""):
            if page:
                n = int(page["n"])
                if n == 1:
                    continue
                words.setdefault((target, arg), Postback(action, data, f"{action}#postback:{target}:{n}", n))
            else:
                # "next" relative to this page: its state names the page it leads from
                words.setdefault((target, arg), Postback(action, data, f"{action}#postback:{target}:{arg}@{state}",
                                                         MAX_ORDER))
    # numbered anchors cover the list (the pager moves along with the page); relative words only without them
    chosen = {**numbered, **{k: v for k, v in words.items() if v.order < MAX_ORDER}} or words
    return sorted(chosen.values(), key=lambda p: p.order)

