"""Records of a list's data-endpoint answer, whatever the platform calls its fields.

Endpoints answer JSON (``{"data": {"list": [...], "total": 123}}``), JSONP (``cb({...})``), XML
(``<list><item><title>…``) or HTML fragments (``{"html": "<li><a …>"}``, ``$(…).load`` partials). We find
the records array by shape, not by name: the list of objects whose members carry a headline-like text
and a link or an id. Fields are recognised by the names platforms use (``title``/``docTitle``/
``DOCTITLE``/``newsTitle``…, ``url``/``docPubUrl``/``detailUrl``…, ``publishTime``/``DOCRELTIME``/
``first_publish_time``…) and by their values (a URL, a date in any common form, epoch seconds or
milliseconds). A record with an id but no URL is linked through the templates the page's script uses
(``/xw/{id}.html``). The total, page count or has-next fields say how many pages the list has.

XML is parsed with entities left unresolved and no network access.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from extract.body import ATTACHMENT_EXT
from extract.dates import DATE_RE, ascii_dates, iso_from_match
from extract.htmltext import normalize_space
from extract.listing.links import ArticleLink, fragment_links
from extract.urls import canonical_url, host_of

_JSONP = re.compile(r"^\s*(?:/\*\*/\s*)?(?:try\s*\{\s*)?[\w$.]+\s*\(\s*(?P<body>[\[{].*[\]}])\s*\)\s*;?\s*(?:\}\s*catch.*)?$", re.S)
_SKIP_LINK_KEY = re.compile(r"img|pic|image|thumb|cover|icon|logo|video|photo|avatar|banner|wap|mobile|h5|app|"
                            r"channel|column|chnl|site|parent|cate|file|attach|audio|media|qrcode|share", re.I)
_TITLE_KEYS = ("title", "doctitle", "newstitle", "articletitle", "infotitle", "contenttitle", "showtitle",
               "maintitle", "fulltitle", "linktitle", "subject", "headline", "name", "bt", "biaoti", "topic",
               "caption", "text", "label")
_NOT_TITLE = re.compile(r"site|web|channel|column|chnl|cate|parent|sub|short|author|dept|source|unit|org|file|type|"
                        r"user|editor|tag|keyword", re.I)
_URL_KEYS = ("url", "docpuburl", "puburl", "detailurl", "linkurl", "articleurl", "pageurl", "infourl", "contenturl",
             "weburl", "redirecturl", "jumpurl", "staticurl", "htmlurl", "pcurl", "fullurl", "docurl", "newsurl",
             "visiturl", "accessurl", "link", "href", "path", "src")
_ID_KEYS = ("id", "docid", "articleid", "newsid", "contentid", "infoid", "manuscriptid", "metadataid", "uuid", "guid",
            "recid", "aid", "nid", "did", "itemid", "xxid", "wzid", "code")
_DATE_KEYS = ("publishtime", "publishdate", "pubdate", "pubtime", "releasetime", "releasedate", "docreltime",
              "reltime", "firstpublishtime", "publishedtime", "publishedat", "publishat", "showtime", "displaydate",
              "docdate", "newsdate", "infodate", "writetime", "fbsj", "fbrq", "fwrq", "cwrq", "date", "time",
              "createtime", "createdate", "createdat", "crtime", "addtime", "inputtime", "updatetime", "modifytime",
              "lastmodified")
_PAGES_KEYS = ("totalpage", "totalpages", "pagecount", "pages", "pagetotal", "totalpagecount", "maxpage",
               "pagecnt", "totalpagenum", "countpage", "pagesum", "allpage", "allpages", "pagenums")
_TOTAL_KEYS = ("total", "totalcount", "totalrecord", "totalrecords", "count", "recordcount", "totalelements",
               "totalnum", "totalsize", "totalrow", "totalrows", "records", "rowcount", "allcount", "totalresult",
               "totalresults", "totalhits", "hits", "itemcount", "datacount", "totalitems", "sum", "recordtotal",
               "totalnumber", "countnum")
_SIZE_KEYS = ("pagesize", "size", "limit", "perpage", "rows", "pagerows", "numperpage")
_NEXT_KEYS = ("hasnext", "hasnextpage", "hasmore", "more", "nextpage")
_LAST_KEYS = ("islastpage", "lastpage", "last", "isend", "islast", "nomore", "finished")
#: the most JSON nodes visited when looking for the records
_MAX_NODES = 50_000


def _norm(key: str) -> str:
    return re.sub(r"[_\-\s]", "", key).lower()


@dataclass
class ApiAnswer:
    articles: list[ArticleLink] = field(default_factory=list)
    #: records seen (with or without a usable link)
    records: int = 0
    total_pages: int | None = None
    #: the record count the answer states, if any
    total: int | None = None
    has_next: bool | None = None


def decode(body: bytes, content_type: str | None) -> str:
    """Text of an endpoint answer: the declared charset, else UTF-8, else GB18030."""
    m = re.search(r"charset=[\"']?([\w-]+)", content_type or "", re.I)
    for enc in ([m.group(1)] if m else []) + ["utf-8", "gb18030"]:
        try:
            return body.decode(enc).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace").lstrip("\ufeff")


def load(text: str) -> Any:
    """JSON, JSONP or XML as Python values; an HTML fragment as a string; None when it is none of them."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0] in "[{":
        try:
            return json.loads(stripped)
        except ValueError:
            pass
    m = _JSONP.match(stripped[:5_000_000])
    if m:
        try:
            return json.loads(m.group("body"))
        except ValueError:
            pass
    if stripped.startswith("<?xml") or (stripped.startswith("<") and not re.match(r"<(?:!doctype|html|li|div|ul|a|tr|table|p|span|dl|dd)\b", stripped, re.I)):
        parsed = _xml(stripped)
        if parsed is not None:
            return parsed
    return stripped if "<a" in stripped.lower() else None


def _xml(text: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    return {_local(root.tag): _xml_value(root, 0)}


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml_value(el: Any, depth: int) -> Any:
    children = [c for c in el if isinstance(c.tag, str)]
    if not children or depth > 8:
        return (el.text or "").strip() or {k: v for k, v in el.attrib.items()} or ""
    tags = [_local(c.tag) for c in children]
    if len(children) > 1 and len(set(tags)) == 1:
        return [_xml_value(c, depth + 1) for c in children]
    out: dict[str, Any] = dict(el.attrib)
    for c, tag in zip(children, tags, strict=True):
        v = _xml_value(c, depth + 1)
        if tag in out:
            out[tag] = (out[tag] if isinstance(out[tag], list) else [out[tag]]) + [v]
        else:
            out[tag] = v
    return out


def _pick(rec: dict[str, Any], keys: tuple[str, ...], ok: Any) -> Any:
    by = {_norm(str(k)): v for k, v in rec.items()}
    for k in keys:
        if k in by and ok(k, by[k]):
            return by[k]
    return None


def _is_title(key: str, v: Any) -> bool:
    return isinstance(v, str) and len(normalize_space(re.sub(r"<[^>]+>", "", v))) >= 2


def _title(rec: dict[str, Any]) -> str | None:
    v = _pick(rec, _TITLE_KEYS, _is_title)
    if v is None:
        for k, val in rec.items():
            nk = _norm(str(k))
            if nk.endswith("title") and not _NOT_TITLE.search(nk.removesuffix("title")) and _is_title(nk, val):
                v = val
                break
    return normalize_space(re.sub(r"<[^>]+>", "", v)) if isinstance(v, str) else None


def _is_link(v: Any) -> bool:
    if not isinstance(v, str) or not v.strip() or len(v) > 1000 or v.strip().lower().startswith(("javascript:", "#", "mailto:")):
        return False
    v = v.strip()
    if ATTACHMENT_EXT.search(v) or re.search(r"\.(?:jpe?g|png|gif|bmp|webp|mp4|mp3|flv)(?:$|\?)", v, re.I):
        return False
    return bool(re.match(r"https?://|/|\./|\.\./", v) or re.search(r"\.(?:s?html?|jsp|aspx?|php|do)(?:$|[?#])", v))


def _link(rec: dict[str, Any]) -> str | None:
    for k in _URL_KEYS:
        for key, v in rec.items():
            nk = _norm(str(key))
            if nk == k and _is_link(v):
                return v.strip()
    for key, v in rec.items():
        nk = _norm(str(key))
        if nk.endswith(("url", "link", "href")) and not _SKIP_LINK_KEY.search(nk) and _is_link(v):
            return v.strip()
    return None


def _has_id(rec: dict[str, Any]) -> bool:
    return _pick(rec, _ID_KEYS, lambda k, v: isinstance(v, (str, int)) and not isinstance(v, bool) and str(v) != "") is not None


def date_of(v: Any) -> str | None:
    """ISO day of a date value: a date string in any common form, or epoch seconds/milliseconds."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, dict):  # {"time": 1625..} (Java Date serialised), {"$date": …}
        inner = _pick(v, ("time", "date", "$date", "value"), lambda k, x: True)
        return date_of(inner) if inner is not None and inner is not v else None
    text = str(v).strip()
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        n = float(text)
        seconds = n / 1000 if n > 1e11 else n
        try:
            day = datetime.fromtimestamp(seconds, timezone(timedelta(hours=8))).date()
        except (OverflowError, OSError, ValueError):
            return None
        return day.isoformat() if 1990 <= day.year <= 2100 else None
    m = DATE_RE.search(ascii_dates(text[:80]))
    if m:
        iso = iso_from_match(m)
        return iso[:10] if iso else None
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{4,6})?", text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def _date(rec: dict[str, Any]) -> str | None:
    by = {_norm(str(k)): v for k, v in rec.items()}
    for k in _DATE_KEYS:
        if k in by and (d := date_of(by[k])):
            return d
    for k, v in by.items():
        if re.search(r"date|time|rq$|sj$", k) and (d := date_of(v)):
            return d
    return None


def _score(items: list[Any]) -> int:
    dicts = [x for x in items[:200] if isinstance(x, dict)]
    return sum(1 for d in dicts if _title(d) and (_link(d) or _has_id(d)))


def find_records(data: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The records array (best-scoring list of objects) and the objects enclosing it, outermost first."""
    best: tuple[int, int, list[Any], list[dict[str, Any]]] = (0, 0, [], [])
    stack: list[tuple[Any, list[dict[str, Any]], int]] = [(data, [], 0)]
    seen = 0
    while stack and seen < _MAX_NODES:
        node, chain, depth = stack.pop()
        seen += 1
        if isinstance(node, list):
            sc = _score(node)
            if (sc, len(node)) > best[:2]:
                best = (sc, len(node), node, chain)
            if depth < 6:
                stack.extend((x, chain, depth + 1) for x in node[:200] if isinstance(x, (dict, list)))
        elif isinstance(node, dict) and depth < 6:
            if chain and best[0] == 0 and _title(node) and (_link(node) or _has_id(node)):
                best = (1, 1, [node], chain)  # a single record (an XML list of one)
            for v in node.values():
                if isinstance(v, (dict, list)):
                    stack.append((v, [*chain, node], depth + 1))
                elif isinstance(v, str) and len(v) > 2 and v.lstrip()[:1] in "[{":
                    try:  # a JSON document inside a string ("data": "[{…}]"), as some platforms answer
                        stack.append((json.loads(v), [*chain, node], depth + 1))
                    except ValueError:
                        pass
    if best[0] == 0 and isinstance(data, dict) and _title(data) and (_link(data) or _has_id(data)):
        return [data], []
    return [x for x in best[2] if isinstance(x, dict)] if best[0] else [], best[3]


def _html_strings(data: Any, out: list[str], depth: int = 0) -> None:
    """HTML fragments inside the answer: ``{"html": "<li><a …"}``, ``["<a …>", …]``."""
    if len(out) > 500 or depth > 6:
        return
    if isinstance(data, str):
        if "<a" in data.lower() and "href" in data.lower():
            out.append(data)
    elif isinstance(data, list):
        for x in data[:500]:
            _html_strings(x, out, depth + 1)
    elif isinstance(data, dict):
        for v in data.values():
            _html_strings(v, out, depth + 1)


def _int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and re.fullmatch(r"\d{1,9}", v.strip()):
        return int(v)
    return None


def _truth(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, str)) and str(v).strip().lower() in ("0", "1", "true", "false", "y", "n"):
        return str(v).strip().lower() in ("1", "true", "y")
    return None


def _paging(chain: list[dict[str, Any]], n_records: int, size: int | None,
            ordinal: int) -> tuple[int | None, int | None, bool | None]:
    """(page count, record count, has-next) from the fields around the records, innermost object first."""
    pages = total = None
    has_next: bool | None = None
    for obj in reversed(chain):
        flat = dict(obj)
        for v in obj.values():  # paging often sits in a sibling object: {"list": […], "page": {"total": 90}}
            if isinstance(v, dict) and len(v) <= 30:
                for k2, v2 in v.items():
                    flat.setdefault(k2, v2)
        by = {_norm(str(k)): v for k, v in flat.items()}
        if pages is None:
            pages = next((n for k in _PAGES_KEYS if k in by and (n := _int(by[k])) is not None), None)
        if total is None:
            total = next((n for k in _TOTAL_KEYS if k in by and (n := _int(by[k])) is not None), None)
        if size is None:
            size = next((n for k in _SIZE_KEYS if k in by and (n := _int(by[k])) and 0 < n <= 1000), None)
        if has_next is None:
            nxt = next((t for k in _NEXT_KEYS if k in by and (t := _truth(by[k])) is not None), None)
            last = next((t for k in _LAST_KEYS if k in by and (t := _truth(by[k])) is not None), None)
            has_next = nxt if nxt is not None else (None if last is None else not last)
    if pages is None and total is not None:
        per = size or (n_records if ordinal == 1 and n_records else None)
        if per:
            pages = -(-total // per)
    return pages, total, has_next


def read_answer(text: str, page_url: str, links: tuple[str, ...] = (), size: int | None = None,
                ordinal: int = 1) -> ApiAnswer:
    """Articles and paging of one endpoint answer; links resolved against the list page (``page_url``)."""
    out = ApiAnswer()
    data = load(text)
    if data is None:
        return out
    if isinstance(data, str):
        out.articles = fragment_links(data, page_url)
        out.records = len(out.articles)
        return out
    records, chain = find_records(data)
    host = host_of(page_url)
    arts: dict[str, ArticleLink] = {}
    for rec in records:
        title = _title(rec)
        href = _link(rec) or _templated(rec, links)
        if not title or not href:
            continue
        try:
            absu = canonical_url(href, page_url)
        except ValueError:
            continue
        if host_of(absu) != host or urlsplit(absu).scheme not in ("http", "https"):
            continue
        arts.setdefault(absu, ArticleLink(absu, title, _date(rec)))
    out.records = len(records)
    if not records:
        fragments: list[str] = []
        _html_strings(data, fragments)
        for frag in fragments:
            for link in fragment_links(frag, page_url):
                arts.setdefault(link.url, link)
        out.records = len(arts)
    out.articles = list(arts.values())
    out.total_pages, out.total, out.has_next = _paging(chain or ([data] if isinstance(data, dict) else []), out.records, size, ordinal)
    return out


def _templated(rec: dict[str, Any], links: tuple[str, ...]) -> str | None:
    """A record's link through the script's templates (``/xw/{id}.html``); the first whose fields it has."""
    by = {str(k): v for k, v in rec.items()}
    for tpl in links:
        fields = re.findall(r"\{(\w+)\}", tpl)
        if not fields or not all(f in by and isinstance(by[f], (str, int)) and not isinstance(by[f], bool) and str(by[f])
                                 for f in fields):
            continue
        built = re.sub(r"\{(\w+)\}", lambda m: str(by[m.group(1)]).strip(), tpl)
        if _is_link(built) or re.match(r"[\w./-]+(?:\?[^\s]*)?$", built):
            return built
    return None
