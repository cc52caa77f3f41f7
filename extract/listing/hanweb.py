"""Hanweb (大汉) JCMS columns: records embedded as a ``<datastore>``, the rest from ``dataproxy.jsp``.

A column page (``/col/col1229123/index.html``) embeds the first records inside
``<script type="text/xml"><datastore>…<record><![CDATA[<li><a href=…>]]></record>…``, with the total in
``<totalrecord>`` (or the jpage config's ``totalRecord``). Further records come from
``POST /module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15`` with form fields read from
the page (the ``<nextgroup>`` link's query and the jpage script); older sites page with a GET of the
``<nextgroup>`` link with ``page=N``. The XML is read with regular expressions over CDATA sections and
the record fragments with an HTML parser: no XML parser, so no entity is ever resolved.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from lxml import html as lhtml

from extract.htmltext import between
from extract.listing.links import ArticleLink, article_links_from_doc

#: the most records one column page may make us request (a column of 200,000 articles is already huge)
MAX_RECORDS = 200_000
#: and the most follow-up requests (each asks for more records when the total is large)
MAX_REQUESTS = 10_000
FORM_FIELDS = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype")
_DATASTORE_OPEN = re.compile(r"<datastore>", re.I)
_DATASTORE_CLOSE = re.compile(r"</datastore>", re.I)
_RECORD_OPEN = re.compile(r"<record>\s*<!\[CDATA\[", re.I)


def _datastore(text: str) -> str | None:
    """The inside of the first <datastore>…</datastore>."""
    return between(text, _DATASTORE_OPEN, _DATASTORE_CLOSE)


def _records(ds: str) -> list[str]:
    """CDATA payloads of <record> elements, found in one pass (unclosed ones are skipped)."""
    out = []
    for chunk in re.split(r"(?i)</?record>", ds):
        m = _RECORD_OPEN.match("<record>" + chunk.lstrip()) if chunk.lstrip().startswith("<![CDATA[") else None
        if m:
            body = chunk.lstrip()[len("<![CDATA["):]
            end = body.find("]]>")
            if end >= 0:
                out.append(body[:end])
    return out
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_TOTAL = re.compile(r"<totalrecord>\s*([0-9]{1,12})\s*</totalrecord>|totalRecord\s*[:=]\s*['\"]?([0-9]{1,12})", re.I)
_PERPAGE = re.compile(r"perPage\s*[:=]\s*['\"]?([0-9]{1,6})|<perpage>\s*([0-9]{1,6})", re.I)
_PROXY = re.compile(r"proxyUrl\s*[:=]\s*['\"]([^'\"]+)['\"]", re.I)


@dataclass
class HanwebPage:
    articles: list[ArticleLink] = field(default_factory=list)
    #: (url, method, formdata) of further pages
    requests: list[tuple[str, str, tuple[tuple[str, str], ...] | None]] = field(default_factory=list)
    #: True when the input is a bare dataproxy XML answer rather than a column page
    is_fragment: bool = False


def _first_int(pat: re.Pattern[str], text: str) -> int | None:
    m = pat.search(text)
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def _config_value(text: str, name: str) -> str | None:
    m = re.search(rf"\b{name}\s*[:=]\s*(?:'([^']*)'|\"([^\"]*)\"|([\w./-]+))", text)
    if not m:
        return None
    return next((g for g in m.groups() if g is not None), None)


def form_fields(page_text: str, nextgroup_href: str | None) -> dict[str, str]:
    """Values of the dataproxy form fields, from the nextgroup link first, then the jpage script."""
    fields: dict[str, str] = {}
    if nextgroup_href:
        for k, v in parse_qsl(urlsplit(nextgroup_href).query, keep_blank_values=True):
            if k in FORM_FIELDS:
                fields[k] = v
    for name in FORM_FIELDS:
        if name not in fields and (v := _config_value(page_text, name)) is not None:
            fields[name] = v
    fields.setdefault("col", "1")
    fields.setdefault("sourceContentType", "1")
    return fields


def parse(text: str, url: str, batch_groups: int = 3) -> HanwebPage | None:
    """Records and follow-up requests of a Hanweb column page or dataproxy answer; None if neither."""
    ds_text = _datastore(text)
    if ds_text is None:
        return None
    out = HanwebPage()
    stripped = text.lstrip()
    out.is_fragment = stripped.startswith(("<datastore", "<?xml")) or "dataproxy" in url
    records = _records(ds_text)
    if records:
        doc = lhtml.document_fromstring("<html><body><ul>" + "".join(records) + "</ul></body></html>")
        out.articles = article_links_from_doc(doc, url)
    if out.is_fragment:
        return out  # a dataproxy answer: the column page already scheduled every range
    total = _first_int(_TOTAL, text)
    perpage = _first_int(_PERPAGE, text) or 15
    ng = _NEXTGROUP.search(ds_text)
    ng_href = None
    if ng:
        m = re.search(r"href=['\"]([^'\"]+)['\"]", ng.group(1))
        ng_href = htmlmod.unescape(m.group(1)) if m else None
    embedded = len(records)
    if total is None or total <= embedded:
        return out
    # a hostile or broken page can announce any total: never plan more than MAX_RECORDS records
    total = min(total, MAX_RECORDS)
    perpage = max(1, min(perpage, 1000))
    proxy = _PROXY.search(text)
    try:
        proxy_url = urljoin(url, proxy.group(1) if proxy else (ng_href.split("?")[0] if ng_href
                                                               else "/module/web/jpage/dataproxy.jsp"))
    except ValueError:
        proxy_url = urljoin(url, "/module/web/jpage/dataproxy.jsp")
    fields = form_fields(text, ng_href)
    uses_post = bool(proxy) or "jpage" in text
    if uses_post and "columnid" in fields:
        step = max(perpage * batch_groups, -(-(total - embedded) // MAX_REQUESTS))
        start = embedded + 1
        while start <= total:
            end = min(start + step - 1, total)
            q = urlencode({"startrecord": start, "endrecord": end, "perpage": perpage})
            out.requests.append((f"{proxy_url}?{q}", "POST", tuple(fields.items())))
            start = end + 1
    elif ng_href:
        group = perpage * batch_groups
        pages = min(-(-total // group), MAX_REQUESTS)
        try:
            parts = urlsplit(urljoin(url, ng_href))
        except ValueError:
            return out
        qs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
        for n in range(2, pages + 1):
            out.requests.append((f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode([('page', n), *qs])}", "GET", None))
    return out
