"""Data endpoints of lists rendered by script, read from the page's own scripts (no browser).

A 集约化-platform list page often holds an empty ``<ul id="list">`` and a script that asks a data endpoint
for the records and writes them: ``$.ajax({url: "/api/list", data: {channelId: cid, pageNo: n}})``,
``$.getJSON``, ``fetch(url, {method: "POST", body: JSON.stringify(q)})``, ``axios.post``, or a bare
``XMLHttpRequest``. We find those calls, fold their arguments with :mod:`extract.listing.jsreader`
(variables, the page's query string, hidden inputs and data-* attributes, call sites of the function
that wraps the call), and describe the request as the browser sends it: method, URL, query or form or
JSON body, and the headers the library or the script sets (jQuery's ``X-Requested-With``, an explicit
``Content-Type``). The list's page number stays a slot (:class:`~extract.listing.jsreader.Slot`) in the
resulting :class:`ApiTemplate`, which is rendered once per page of the list.

The same scripts say how a record becomes a link (``'<a href="/xw/' + item.id + '.html">'``): those link
templates travel with the request so the answer's records can be turned into article URLs even when a
record has only an id.

Only requests that stay on the page's host are kept, and only list-like ones (a page slot, a page or
size parameter, or a list word in the URL); counters, login checks and header/footer includes are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from extract.listing.jsreader import (
    PAGE_NAME,
    Dom,
    Evaluator,
    Func,
    JsonOf,
    Script,
    Slot,
    Tmpl,
    Unknown,
    bind,
    form_template,
    json_template,
    unknown_parts,
)
from extract.urls import host_of

#: a cheap test of the raw page: does any script ask for data at all?
REQUEST_HINT = re.compile(r"\$\s*\.\s*(?:ajax|get|post|getJSON)\s*\(|jQuery\s*\.\s*(?:ajax|get|post|getJSON)\s*\(|"
                          r"\bfetch\s*\(|XMLHttpRequest|\baxios\b|\.load\s*\(|\$http\b|\brequest\s*\(\s*\{")
SIZE_NAME = re.compile(r"^(?:pagesize|page_size|size|rows|limit|perpage|per_page|pagecount|num|pagenum_size|ps|"
                       r"count|pagerows|rownum|pagelimit|length|len|showcount|shownum|perpagenum)$", re.I)
OFFSET_NAME = re.compile(r"^(?:start|offset|startindex|start_index|startrow|startnum|begin|from|skip|first|"
                         r"startrecord|firstresult)$", re.I)
#: URL words of a list endpoint
_LIST_WORDS = re.compile(r"list|page|news|article|art|column|col|channel|chnl|cate|catalog|info|content|doc|"
                         r"data|query|search|select|find|get|load|more|xxgk|gk|notice|tzgg|dynamic|dt|item|record|"
                         r"jpaas|interface|api|front|publish|ucap|gkml", re.I)
#: endpoints that never return a list of articles: counters, sessions, widgets, page includes
_NOT_A_LIST = re.compile(r"(?:count|visit|click|hits?|statis\w*|pv|uv|login|logout|captcha|verify\w*|weather|upload|"
                         r"vote|like|favou?rite|collect|userinfo|user|token|session|track\w*|log|header|footer|head|"
                         r"foot|nav|menu|top|bottom|banner|tianqi|online|sign|auth|checkcode|code|share|wx|jssdk|"
                         r"config|ip|time|date)(?:[._-]\w+)?(?:\.\w+)?$", re.I)
_STATIC = re.compile(r"\.(?:css|js|png|jpe?g|gif|svg|ico|woff2?|ttf|mp4|mp3|pdf|docx?|xlsx?|zip|rar)(?:$|\?)", re.I)
_AXIOS_RECEIVERS = {"axios", "$http", "$axios", "http", "request", "service", "instance", "ajax", "api", "fly",
                    "$request", "req", "Http", "Request"}
#: cache-busting parameters whose value changes on every call: left out of the request
_BUSTERS = re.compile(r"^(?:_|t|_t|ts|timestamp|time|r|rnd|rand|random|v|_v|nocache|tmp)$", re.I)
#: the most endpoints kept per page
MAX_ENDPOINTS = 6
#: scripts longer than this are read in windows around their data requests (plus their head, where
#: globals are set): a 300 KB bundle is not tokenized whole on the crawl's reactor thread
FOCUS_OVER = 30_000
_HEAD, _BEFORE, _AFTER, _WINDOWS = 8_000, 3_000, 3_000, 12


def focus(code: str) -> str:
    """``code`` itself when short; else its head and the text around each data request, in order."""
    if len(code) <= FOCUS_OVER:
        return code
    spans = [(0, _HEAD)]
    for k, m in enumerate(REQUEST_HINT.finditer(code)):
        if k >= _WINDOWS:
            break
        start = code.rfind("\n", 0, max(0, m.start() - _BEFORE)) + 1
        spans.append((start, min(len(code), m.end() + _AFTER)))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return "\n;\n".join(code[a:b] for a, b in merged)


@dataclass(frozen=True)
class ApiTemplate:
    """One data request of a list, with the page number as a slot; rendered per page by :meth:`render`."""

    method: str
    url: str | Tmpl
    body: str | Tmpl | None = None
    #: "form", "json" or "raw" when there is a body
    body_kind: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    #: how a record becomes a link: ``{field}`` templates read from the page's script
    links: tuple[str, ...] = ()
    #: records per page the request asks for, when the script says
    size: int | None = None
    #: selector of the box the script writes the answer into (``#newsList``), when it names one; not sent
    target: str | None = field(default=None, compare=False)

    @property
    def paged(self) -> bool:
        return any(isinstance(x, Tmpl) for x in (self.url, self.body))

    def render(self, ordinal: int) -> tuple[str, str | None]:
        url = self.url.at(ordinal) if isinstance(self.url, Tmpl) else self.url
        body = self.body.at(ordinal) if isinstance(self.body, Tmpl) else self.body
        return url, body

    def to_json(self) -> dict[str, Any]:
        return {"m": self.method, "u": _enc(self.url), "b": _enc(self.body), "bk": self.body_kind,
                "h": [list(h) for h in self.headers], "l": list(self.links), "s": self.size}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ApiTemplate:
        return cls(str(d["m"]), _dec(d["u"]), _dec(d.get("b")), str(d.get("bk") or ""),
                   tuple((str(k), str(v)) for k, v in d.get("h") or ()), tuple(str(x) for x in d.get("l") or ()),
                   int(d["s"]) if isinstance(d.get("s"), int) else None)


def _enc(v: str | Tmpl | None) -> Any:
    if isinstance(v, Tmpl):
        return [p if isinstance(p, str) else [p.mul, p.add] for p in v.parts]
    return v


def _dec(v: Any) -> str | Tmpl | None:
    if isinstance(v, list):
        return Tmpl(tuple(p if isinstance(p, str) else Slot(int(p[0]), int(p[1])) for p in v))
    return v if v is None else str(v)


# -- page facts ---------------------------------------------------------------------------------------------
def dom_facts(doc: Any, limit: int = 400) -> dict[str, str]:
    """Values a script may read from the page: inputs by id/name, data-* and other attributes by id."""
    out: dict[str, str] = {}
    for el in doc.iter():
        if len(out) >= limit:
            break
        if not isinstance(el.tag, str):
            continue
        el_id, name = el.get("id"), el.get("name")
        sels = ([f"#{el_id}"] if el_id else []) + ([f"[name={name}]", f"input[name={name}]", f"[name='{name}']",
                                                      f"input[name='{name}']"] if name else [])
        if not sels:
            continue
        if el.tag in ("input", "select", "textarea") and el.get("value") is not None:
            for sel in sels:
                out.setdefault(sel, el.get("value")[:300])
        if el.tag == "form":
            # $('#pageForm').serialize(): the form's fields as the browser encodes them
            fields = [(i.get("name"), i.get("value") or "") for i in el.iter("input", "select", "textarea")
                      if i.get("name") and (i.get("type") or "text").lower() not in ("submit", "button", "image", "reset",
                                                                                    "file", "checkbox", "radio")]
            out.setdefault(f"{sels[0]}@serialize", urlencode(fields)[:1000])
        for attr, value in el.attrib.items():
            if attr.startswith("data-") or attr in ("value", "title", "href", "src", "name"):
                for sel in sels[:1]:
                    out.setdefault(f"{sel}@{attr}", value[:300])
    return out


# -- request calls ------------------------------------------------------------------------------------------
def _receiver(s: Script, i: int) -> str | None:
    """``x`` of ``x.name(`` (the name before the dot), ``)`` for ``$(…).name(``, else None."""
    if not s.is_p(i - 1, "."):
        return None
    if s.is_p(i - 2, ")"):
        return ")"
    if s.is_name(i - 2):
        return s.toks[i - 2].value
    return None


def _call_kind(s: Script, i: int) -> str | None:
    t = s.toks[i]
    if t.kind != "name" or not s.is_p(i + 1, "("):
        return None
    recv = _receiver(s, i)
    name = t.value
    if recv in ("$", "jQuery"):
        if name == "ajax":
            return "jq-ajax"
        if name in ("get", "post", "getJSON"):
            return "jq-" + name.lower()
        return None
    if name == "load" and recv == ")":
        return "jq-load"
    if name == "fetch" and recv in (None, "window", "self"):
        return "fetch"
    if name == "axios" and recv is None:
        return "axios-config"
    if recv in _AXIOS_RECEIVERS and name in ("get", "post", "request"):
        return "axios-" + name
    if recv is None and name in ("request", "service", "http", "ajax") and s.is_p(i + 2, "{"):
        return "axios-config"
    if name == "open" and recv and recv not in ("window", "self", "top", "parent"):
        a = s.toks[i + 2] if i + 2 < len(s.toks) else None
        if a is not None and a.kind == "str" and a.value.upper() in ("GET", "POST"):
            return "xhr"
    return None


def _scopes(s: Script, i: int, depth: int = 0) -> list[dict[str, Any]]:
    """Bindings of the parameters of the functions around token ``i``: one per call site, then free ones."""
    fns = s.enclosing(i)
    if not fns:
        return [{}]
    base: dict[str, Any] = {}
    for f in reversed(fns[1:]):
        base.update(bind(f, []))
    inner = fns[0]
    out: list[dict[str, Any]] = []
    if inner.name and depth < 2:
        for cs in s.call_sites(inner.name)[:4]:
            for outer in _scopes(s, cs, depth + 1)[:2]:
                ev = Evaluator(s, outer)
                args, _, _ = ev._args(cs + 1)
                out.append({**base, **bind(inner, args)})
    out.append({**base, **bind(inner, [])})
    return out


def find_endpoints(s: Script, page_url: str, extra_links: tuple[str, ...] = ()) -> list[ApiTemplate]:
    """List-like data requests of the script, each as an :class:`ApiTemplate` (paged ones first).

    ``extra_links`` are link templates found outside the script (client-side HTML templates).
    """
    links = tuple(dict.fromkeys((*extra_links, *link_templates(s))))
    found: dict[tuple, ApiTemplate] = {}
    for i in range(len(s.toks)):
        kind = _call_kind(s, i)
        if kind is None:
            continue
        scopes = _scopes(s, i)
        # each call site of the wrapping function is a request of its own (one box per channel id); the
        # parameters left free only count when no call site says more
        made = [t for t in (_template(s, i, kind, sc, page_url, links) for sc in scopes[:-1]) if t is not None]
        if not made:
            made = [t for t in (_template(s, i, kind, scopes[-1], page_url, links),) if t is not None]
        for tpl in made:
            found.setdefault((tpl.method, *tpl.render(1)), tpl)
        if len(found) >= MAX_ENDPOINTS * 2:
            break
    ranked = sorted(found.values(), key=lambda t: not t.paged)
    return ranked[:MAX_ENDPOINTS]


def _opts(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _template(s: Script, i: int, kind: str, scope: dict[str, Any], page_url: str,
              links: tuple[str, ...]) -> ApiTemplate | None:
    ev = Evaluator(s, scope)
    args, _, after = ev._args(i + 1)
    a0 = args[0] if args else None
    a1 = args[1] if len(args) > 1 else None
    headers: dict[str, str] = {}
    method, url, data, body_kind = "GET", a0, None, ""
    jsonp: dict[str, str] | None = None
    if kind == "jq-ajax":
        o = _opts(a0) if isinstance(a0, dict) else {**_opts(a1), "url": a0}
        url = o.get("url")
        method = str(o.get("type") or o.get("method") or "GET").upper()
        data = o.get("data")
        headers["X-Requested-With"] = "XMLHttpRequest"
        ctype = o.get("contentType")
        if isinstance(o.get("headers"), dict):
            headers.update({str(k): str(v) for k, v in o["headers"].items() if isinstance(v, (str, int))})
        if str(o.get("dataType") or "").lower() == "jsonp" or o.get("jsonp") or o.get("jsonpCallback"):
            method = "GET"
            cb_name = o.get("jsonp") if isinstance(o.get("jsonp"), str) else "callback"
            cb = o.get("jsonpCallback") if isinstance(o.get("jsonpCallback"), str) else "jsonpCallback"
            jsonp = {cb_name: cb}  # appended after the data, as jQuery does
            headers.pop("X-Requested-With", None)  # a JSONP request is a script tag, not an XHR
        if method != "GET":
            if isinstance(ctype, str) and "json" in ctype.lower():
                body_kind = "json"
                headers["Content-Type"] = ctype
            elif ctype is not False:
                body_kind = "form"
                headers["Content-Type"] = ctype if isinstance(ctype, str) else "application/x-www-form-urlencoded; charset=UTF-8"
    elif kind.startswith("jq-"):
        method = "POST" if kind == "jq-post" else "GET"
        data = a1 if isinstance(a1, (dict, str, Tmpl)) else None
        if kind != "jq-load":
            headers["X-Requested-With"] = "XMLHttpRequest"
        else:
            if isinstance(url, str) and " " in url:
                url = url.split(" ", 1)[0]  # "$(…).load('/list.html #box')": the fragment selector is not sent
            if isinstance(a1, dict):
                method = "POST"  # jQuery's .load posts when given an object
        if kind == "jq-getjson" and isinstance(url, str) and "=?" in url:
            url = url.replace("=?", "=jsonpCallback", 1)
        if method == "POST":
            body_kind = "form"
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
    elif kind == "fetch":
        o = _opts(a1)
        method = str(o.get("method") or "GET").upper()
        if isinstance(o.get("headers"), dict):
            headers.update({str(k): str(v) for k, v in o["headers"].items() if isinstance(v, (str, int))})
        data = o.get("body")
        if method != "GET" and data is not None:
            ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
            body_kind = "json" if isinstance(data, JsonOf) or "json" in ctype else ("form" if isinstance(data, dict) or "urlencoded" in ctype else "raw")
            if body_kind == "form" and not ctype:
                headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8"
    elif kind.startswith("axios"):
        if kind == "axios-config" or kind == "axios-request":
            o = _opts(a0)
            url = o.get("url")
            method = str(o.get("method") or "GET").upper()
            params, data, cfg = o.get("params"), o.get("data"), o
        elif kind == "axios-get":
            cfg = _opts(a1)
            params, data = cfg.get("params"), None
        else:
            cfg = _opts(args[2] if len(args) > 2 else None)
            method, params, data = "POST", cfg.get("params"), a1
        if isinstance(cfg.get("headers"), dict):
            headers.update({str(k): str(v) for k, v in cfg["headers"].items() if isinstance(v, (str, int))})
        if isinstance(params, dict):
            url = _add_query(url, params)
        if method != "GET" and data is not None:
            ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
            if isinstance(data, dict) and "urlencoded" not in ctype:
                body_kind, data = "json", JsonOf(data)
                headers.setdefault("Content-Type", "application/json")
            elif isinstance(data, JsonOf):
                body_kind = "json"
                headers.setdefault("Content-Type", "application/json")
            else:
                body_kind = "form"
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif kind == "xhr":
        method = str(a0).upper()
        url = a1
        recv = _receiver(s, i)
        end = min(len(s.toks), after + 400)
        for j in range(after, end):
            if s.is_name(j, "open") and _receiver(s, j) == recv:
                break
            if s.is_name(j) and _receiver(s, j) == recv and s.is_p(j + 1, "("):
                vals, _, _ = ev._args(j + 1)
                if s.toks[j].value == "setRequestHeader" and len(vals) >= 2 and isinstance(vals[0], str) and isinstance(vals[1], str):
                    headers[vals[0]] = vals[1]
                elif s.toks[j].value == "send" and vals and vals[0] is not None:
                    data = vals[0]
        if method != "GET" and data is not None:
            ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
            body_kind = "json" if isinstance(data, JsonOf) or "json" in ctype else "form" if "urlencoded" in ctype or isinstance(data, dict) else "raw"
    if _clean_url(url) is None:
        return None
    url = _clean_url(url)
    if method == "GET" and data is not None:
        url = _add_query(url, data)
        data, body_kind = None, ""
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    if jsonp:
        url = _add_query(url, jsonp)
    body: Any = None
    size = _size_of(data) or _size_of_url(url)
    if data is not None and body_kind:
        body = _body(data, body_kind, size)
        if body is None:
            return None
    url = _slot_query(url, size)
    try:
        absu = _absolute(url, page_url)
    except ValueError:
        return None
    if absu is None:
        return None
    if not _list_like(absu, body, size):
        return None
    return ApiTemplate(method if method in ("GET", "POST") else "POST", absu, body, body_kind,
                       tuple(sorted(headers.items())), links, size, _target(ev, i, after))


_SELECTOR_CALLS = ("$", "jQuery", "getElementById", "querySelector", "querySelectorAll")


def _target(ev: Evaluator, start: int, end: int) -> str | None:
    """The first element the call's arguments (its success callback) select: where the answer is written."""
    s = ev.s
    for j in range(start, min(end, start + 3000)):
        if s.is_p(j, "(") and s.is_name(j - 1) and s.toks[j - 1].value in _SELECTOR_CALLS:
            value, _ = ev.expr_at(j + 1)
            if not isinstance(value, str) or not value.strip():
                continue
            sel = value.strip().split()[0]
            if s.toks[j - 1].value == "getElementById":
                sel = "#" + sel
            if re.fullmatch(r"[#.][\w-]+", sel):
                return sel
    return None


def _clean_url(url: Any) -> str | Tmpl | None:
    """The URL value with unknown parts handled: an unknown prefix before a path is the site root."""
    if isinstance(url, (int, float)) or url is None or isinstance(url, (Unknown, Func, Dom, dict, list, JsonOf)):
        return None
    if isinstance(url, str):
        if "\x00" in url:
            head, _, rest = url.rpartition("\x00")
            if head.count("\x00") == 1 and head.startswith("\x00") and rest.startswith("/"):
                return rest  # ctx + "/api/list": the context path is unknown, the site root stands for it
            return None
        return url if url.strip() else None
    if isinstance(url, Tmpl):
        parts = list(url.parts)
        if parts and isinstance(parts[0], str) and parts[0].startswith("\x00") and parts[0].count("\x00") == 2:
            rest = parts[0].split("\x00", 2)[2]
            if not rest.startswith("/"):
                return None
            parts[0] = rest
        if any(isinstance(p, str) and "\x00" in p for p in parts):
            return None
        return Tmpl(tuple(parts))
    return None


def _query_value(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return v


def _add_query(url: Any, data: Any) -> Any:
    """``url`` with ``data`` (an object or a query string) appended as jQuery/axios do for a GET."""
    if isinstance(data, dict):
        kept = {str(k): v for k, v in data.items() if not (_BUSTERS.match(str(k)) and isinstance(v, (Unknown, int, float)))}
        chosen = _page_param(list(kept.items()), None)
        data = form_template({k: _query_value(_slotted(k, v, None, chosen)) for k, v in kept.items()})
    if isinstance(data, (JsonOf, Unknown, Func, Dom)) or data is None or data == "":
        return url
    if isinstance(url, (str, Tmpl)) and isinstance(data, (str, Tmpl)):
        text = url if isinstance(url, str) else "".join(p for p in url.parts if isinstance(p, str))
        sep = "&" if "?" in text else "?"
        from extract.listing.jsreader import _concat
        return _concat(_concat(url, sep), data)
    return url


def _size_of(data: Any) -> int | None:
    if isinstance(data, JsonOf):
        data = data.value
    if isinstance(data, dict):
        for k, v in data.items():
            if SIZE_NAME.match(str(k)) and isinstance(v, (int, str)) and not isinstance(v, bool) and str(v).isdigit():
                return int(v) if 0 < int(v) <= 1000 else None
            if isinstance(v, (dict, JsonOf)):
                inner = _size_of(v)
                if inner:
                    return inner
    if isinstance(data, (str, Tmpl)):
        text = data if isinstance(data, str) else "".join(p for p in data.parts if isinstance(p, str))
        for m in re.finditer(r"(?:^|[&?{,])\s*\"?(\w+)\"?\s*[=:]\s*\"?(\d{1,4})\b", text):
            if SIZE_NAME.match(m.group(1)) and 0 < int(m.group(2)) <= 1000:
                return int(m.group(2))
    return None


def _size_of_url(url: Any) -> int | None:
    if isinstance(url, str) and "?" in url:
        return _size_of(url.split("?", 1)[1])
    if isinstance(url, Tmpl):
        return _size_of(Tmpl(url.parts))
    return None


def _number(v: Any) -> int | None:
    return int(v) if isinstance(v, (int, str)) and not isinstance(v, bool) and str(v).lstrip("-").isdigit() else None


def _page_param(pairs: list[tuple[str, Any]], size: int | None) -> str | None:
    """The one parameter that carries the page number, when the script passes it as a literal or an unknown.

    Several parameters may look like one (``p`` is the page and ``pg`` the page size on one platform): a 0 or
    1 wins over an unknown value, which wins over another number (a pager handler's ``goPage(3)``); longer
    names win ties. None when a parameter already holds the slot."""
    if any(isinstance(v, (Slot, Tmpl)) for _, v in pairs):
        return None
    ranked: list[tuple[int, int, str]] = []
    for k, v in pairs:
        n = _number(v)
        if PAGE_NAME.match(k) and not SIZE_NAME.match(k):
            unknown = isinstance(v, Unknown) or v == ""
            tier = 0 if n is not None and 0 <= n <= 1 else 1 if unknown else 2 if n is not None and n <= 1000 else 9
        elif OFFSET_NAME.match(k) and size and n is not None and 0 <= n <= 1:
            tier = 3
        else:
            continue
        if tier < 9:
            ranked.append((tier, len(k) < 3, k))
    return min(ranked)[2] if ranked else None


def _slotted(key: str, v: Any, size: int | None, chosen: str | None) -> Any:
    """The page slot for the chosen page/offset parameter (``pageNo: 1`` → the slot); other values as they are."""
    if key != chosen:
        return v
    n = _number(v)
    if OFFSET_NAME.match(key) and not PAGE_NAME.match(key):
        return Slot(size or 1, (n or 0) - (size or 1))
    # 0 at the first call means pages count from 0; any other number came from a pager handler (goPage(3))
    # or the first call, and pages count from 1
    return Slot(1, -1 if n == 0 else 0)


def _body(data: Any, kind: str, size: int | None) -> str | Tmpl | None:
    if kind == "json":
        value = data.value if isinstance(data, JsonOf) else data
        if isinstance(value, dict):
            value = _slot_tree(value, size)
        if isinstance(value, (str, Tmpl)):
            return value if not unknown_parts(value) else None
        return json_template(value)
    if kind == "form":
        if isinstance(data, dict):
            kept = {str(k): v for k, v in data.items() if not (_BUSTERS.match(str(k)) and isinstance(v, (Unknown, int, float)))}
            chosen = _page_param(list(kept.items()), size)
            data = form_template({k: _query_value(_slotted(k, v, size, chosen)) for k, v in kept.items()})
        if isinstance(data, JsonOf):
            data = json_template(data.value)
        if isinstance(data, (str, Tmpl)):
            text = data if isinstance(data, str) else "".join(p for p in data.parts if isinstance(p, str))
            if "\x00" in text:
                data = _drop_unknown_pairs(data)
            return _slot_query_string(data, size) if isinstance(data, (str, Tmpl)) else None
        return None
    if isinstance(data, JsonOf):
        return json_template(data.value)
    if isinstance(data, (str, Tmpl)) and not unknown_parts(data):
        return data
    return None


def _slot_tree(value: dict[str, Any], size: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    chosen = _page_param([(str(k), v) for k, v in value.items() if not isinstance(v, (dict, JsonOf))], size)
    for k, v in value.items():
        if isinstance(v, dict):
            out[k] = _slot_tree(v, size)
        elif isinstance(v, JsonOf) and isinstance(v.value, dict):
            out[k] = JsonOf(_slot_tree(v.value, size))
        else:
            out[k] = _slotted(str(k), v, size, chosen)
    return out


def _drop_unknown_pairs(data: str | Tmpl) -> str | Tmpl:
    """``a=1&b=<unknown>&page=N`` → ``a=1&b=&page=N``: an unknown value is sent empty."""
    parts = data.parts if isinstance(data, Tmpl) else (data,)
    cleaned = tuple(re.sub(r"\x00[^\x00]*\x00", "", p) if isinstance(p, str) else p for p in parts)
    return Tmpl(cleaned) if any(isinstance(p, Slot) for p in cleaned) else "".join(cleaned)  # type: ignore[arg-type]


def _slot_query_string(qs: str | Tmpl, size: int | None) -> str | Tmpl:
    """A literal page number in a query string becomes the page slot (``?cid=3&pageNo=1``)."""
    if isinstance(qs, Tmpl):
        return qs
    pairs = parse_qsl(qs, keep_blank_values=True)
    chosen = _page_param(pairs, size)
    if chosen is None:
        return qs
    parts: list[str | Slot] = []
    for n, (k, v) in enumerate(pairs):
        parts.append(("&" if n else "") + quote(k, safe="") + "=")
        sv = _slotted(k, v, size, chosen)
        parts.append(sv if isinstance(sv, Slot) else quote(v, safe=""))
    return Tmpl(tuple(_merge(parts)))


def _merge(parts: list[str | Slot]) -> list[str | Slot]:
    out: list[str | Slot] = []
    for p in parts:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] += p
        elif p != "":
            out.append(p)
    return out


def _slot_query(url: str | Tmpl, size: int | None) -> str | Tmpl:
    """Unknown query values dropped or emptied, a literal page number turned into the slot."""
    if isinstance(url, Tmpl):
        text = "".join(p if isinstance(p, str) else "\x01" for p in url.parts)
        if "\x00" not in text:
            return url
        return _drop_unknown_pairs(url)
    if "\x00" in url:
        url = re.sub(r"\x00[^\x00]*\x00", "", url)
    if "?" not in url:
        return url
    head, qs = url.split("?", 1)
    qs, _, frag = qs.partition("#")
    pairs = [(k, v) for k, v in parse_qsl(qs, keep_blank_values=True)]
    slotted = _slot_query_string(urlencode(pairs), size)
    if isinstance(slotted, str):
        return url
    return Tmpl(tuple(_merge([head + "?", *slotted.parts])))


def _absolute(url: str | Tmpl, page_url: str) -> str | Tmpl | None:
    probe = url if isinstance(url, str) else url.at(1)
    if probe.lower().startswith(("javascript:", "data:", "mailto:")):
        return None
    absu = urljoin(page_url, probe)
    if host_of(absu) != host_of(page_url) or urlsplit(absu).scheme not in ("http", "https"):
        return None
    if isinstance(url, str):
        return absu
    # the slot stays where it was: rebuild the absolute prefix from the first literal part
    parts = list(url.parts)
    if isinstance(parts[0], str):
        first = parts[0]
        if "?" in first or "#" in first:
            path, q = first.split("?", 1) if "?" in first else (first, None)
            base = urljoin(page_url, path or page_url)
            parts[0] = base + ("?" + q if q is not None else "")
        else:
            # the path may continue after the slot ("/list_" + n + ".json"): join the directory part only
            head, sep, tail = first.rpartition("/")
            parts[0] = urljoin(page_url, head + sep) + tail if sep else _join_dir(page_url) + first
    else:
        parts.insert(0, _join_dir(page_url))
    rebuilt = Tmpl(tuple(_merge(parts)))
    return rebuilt if host_of(rebuilt.at(1)) == host_of(page_url) else None


def _join_dir(page_url: str) -> str:
    p = urlsplit(page_url)
    return urlunsplit((p.scheme, p.netloc, p.path.rsplit("/", 1)[0] + "/", "", ""))


def _list_like(url: str | Tmpl, body: str | Tmpl | None, size: int | None) -> bool:
    text = url if isinstance(url, str) else url.at(1)
    if _STATIC.search(urlsplit(text).path) and not urlsplit(text).path.endswith((".json", ".xml")):
        return False
    last = urlsplit(text).path.rstrip("/").rsplit("/", 1)[-1]
    if _NOT_A_LIST.match(last):
        return False
    if isinstance(url, Tmpl) or isinstance(body, Tmpl) or size:
        return True
    return bool(_LIST_WORDS.search(urlsplit(text).path) or _LIST_WORDS.search(urlsplit(text).query))


# -- link templates -----------------------------------------------------------------------------------------
_HREF_IN = re.compile(r"""href\s*=\s*\\?["']?([^"'\s>]*)""", re.I)


def link_templates(s: Script) -> tuple[str, ...]:
    """How the script turns a record into a link: ``/xw/{id}.html``, ``{url}`` (field names in braces)."""
    out: dict[str, None] = {}
    toks = s.toks
    for i, t in enumerate(toks):
        if len(out) >= 8:
            break
        start = None
        if t.kind == "str" and re.search(r"href\s*=\s*\\?[\"']?[^\"'>]*$", t.value, re.I):
            start = i
        elif t.kind == "name" and t.value in ("href", "open", "assign", "replace") and s.is_p(i + 1, "=" if t.value == "href" else "("):
            start = i + 2
        elif t.kind == "str" and t.value == "href" and s.is_p(i + 1, ","):
            start = i + 2  # .attr('href', …)
        if start is None:
            continue
        value, _ = Evaluator(s).expr_at(start)
        text = value if isinstance(value, str) else "".join(p for p in value.parts if isinstance(p, str)) if isinstance(value, Tmpl) else ""
        if "\x00" not in text:
            continue
        candidates = [m.group(1) for m in _HREF_IN.finditer(text)] if start == i else [text]
        for cand in candidates:
            if "\x00" not in cand:
                continue
            tpl = re.sub(r"\x00([^\x00]*)\x00", lambda m: "{" + _field(m.group(1)) + "}", cand)
            if re.fullmatch(r"[^{}]*(?:\{\w+\}[^{}]*)+", tpl) and not tpl.lower().startswith("javascript"):
                out.setdefault(tpl, None)
    return tuple(out)


def _field(path: str) -> str:
    name = re.sub(r"\(\)|\[\]", "", path).rsplit(".", 1)[-1]
    return name if re.fullmatch(r"\w+", name) else "_"
