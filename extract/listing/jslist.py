"""Lists rendered by script, found without a browser: the page, its external scripts, the endpoint's answers.

A list page goes through three steps, each a pure function of (bytes, URL, context):

1. **The page.** When its scripts ask for data (a cheap byte test first, :data:`jsapi.REQUEST_HINT`), the
   inline scripts and the pager's handlers are read for data requests (:mod:`extract.listing.jsapi`).
   They are followed when the page's own HTML carries no real list (fewer than three article links), or
   when its pager is driven by script (pager anchors calling functions, a laypage/pagination plugin):
   page 1 is then server-rendered and the next pages come from the endpoint. Each becomes a
   :class:`FollowRequest` of kind ``api`` for the list's first page, its template in the context.
2. **External scripts.** A page that evidently renders its list by script (an empty list container and
   scripts that write HTML, no article link) but whose inline scripts hold no endpoint names its own
   same-host scripts (libraries left out): the first is requested as kind ``script`` with the page's
   facts (URL, literal variables, input values and data-* attributes, handler calls) in the context, the
   others queued in the context; the first script that yields an endpoint ends the chain. When none does,
   the page's URL is handed to the browser (``browser_url``).
3. **The answers.** Each ``api`` answer yields its articles and the further pages: every page up to the
   count its total/pages fields give, or, without them, the next page while pages come back non-empty
   (and not the same as the previous one) and no has-next/last field says stop.

The context is JSON text, small (the template, a page ordinal, the page URL), and opaque to the crawler.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urljoin

from lxml import etree
from lxml import html as lhtml

from extract.htmltext import normalize_space
from extract.listing import apidata, jsapi, querystring, trs
from extract.listing.jsreader import PageFacts, Script, Tmpl, Unknown, tokenize
from extract.listing.model import API, LIST, SCRIPT, FollowRequest, ListPage
from extract.urls import canonical_url, host_of

#: the most pages of one endpoint followed (a hostile total cannot flood the queue)
MAX_API_PAGES = 5_000
#: the most external scripts tried for one page
MAX_SCRIPTS = 4
#: inline scripts longer than this are read only when they ask for data themselves
MAX_QUIET_SCRIPT = 30_000
_RENDER_HINT = re.compile(r"innerHTML|\.html\s*\(|\.append\s*\(|document\.write|v-for|new\s+Vue|createApp|laytpl|"
                          r"template\s*\(|\{\{|\.render\s*\(|insertAdjacentHTML", re.I)
_PLUGIN_PAGER = re.compile(r"laypage|\.pagination\s*\(|jqPaginator|twbsPagination|Pagination\s*\(|\bpager\s*\(|"
                           r"kkpager|myPagination|createPage\w*\s*\(|pageinit|initPage", re.I)
_PAGER_TEXT = re.compile(r"^(?:首页|上一页|下一页|尾页|末页|上页|下页|前一页|后一页|\d{1,4}|>|>>|»|›|<|<<|«|‹)$")
_LIST_BOX = re.compile(r"list|news|article|content|data|item|info|con|lb|xw|box|main|result|wz", re.I)
_LIBRARY = re.compile(r"jquery|layui|vue|axios|bootstrap|swiper|echarts|require|sea\b|polyfill|html5shiv|respond|"
                      r"modernizr|lodash|moment|zepto|angular|react|element|iview|vant|layer|laydate|jsencrypt|md5|"
                      r"base64|crypto|analytics|\bhm\.js|baidu|cnzz|\bga\.js|wza|aria|barrier|share|qrcode|fontsize|"
                      r"slide|scroll|marquee|superslide|flexslider|kindeditor|ueditor|pdf|video|player|map|calendar|"
                      r"clock|weather|gb2big|big5|jianfan|traditional|select2|datepicker|artdialog|fancybox|lazyload|"
                      r"\.min\.js", re.I)
_HANDLER_ATTRS = ("onclick", "onchange", "href", "data-href")


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def api_request(tpl: jsapi.ApiTemplate, ordinal: int, page_url: str, prev_first: str | None = None) -> FollowRequest:
    """The request for page ``ordinal`` of an endpoint, with the context its answer is read with."""
    url, body = tpl.render(ordinal)
    ctx = {"v": 1, "k": API, "page": page_url, "t": tpl.to_json(), "n": ordinal}
    if prev_first:
        ctx["f"] = prev_first
    formdata = None
    if body is not None and tpl.body_kind == "form":
        formdata, body = tuple(parse_qsl(body, keep_blank_values=True)), None
    key = None
    if tpl.method != "GET":
        key = f"{canonical_url(url)}#{tpl.method}:{body if body is not None else json.dumps(formdata, ensure_ascii=False)}"
    return FollowRequest(url, tpl.method, formdata, "jsapi", ordinal, key, API, tpl.headers, body, _dumps(ctx))


# -- step 1: the page ---------------------------------------------------------------------------------------
def page_scripts(doc: Any) -> tuple[str, list[str], list[str]]:
    """(inline script text, external same-document script URLs, client-side template texts)."""
    inline, external, templates = [], [], []
    for el in doc.iter("script"):
        kind = (el.get("type") or "text/javascript").lower()
        if el.get("src"):
            external.append(el.get("src").strip())
        elif "javascript" in kind or kind in ("module", "text/babel"):
            code = el.text or ""
            # a large inline blob that asks for nothing (an inlined library, a data table) is not read
            if len(code) <= MAX_QUIET_SCRIPT or jsapi.REQUEST_HINT.search(code):
                inline.append(jsapi.focus(code))
        elif kind.startswith("text/") and ("html" in kind or "template" in kind):
            templates.append(el.text or "")
    for el in doc.iter("template"):
        templates.append(lhtml.tostring(el, encoding="unicode"))
    return "\n;\n".join(inline), external, templates


def _handlers(doc: Any) -> tuple[str, bool]:
    """Calls the page's markup makes (``onclick="getList(2)"``, ``href="javascript:…"``), and whether a
    pager is among them."""
    calls: list[str] = []
    pager = False
    for el in doc.iter("a", "span", "li", "button", "input", "select", "div", "em", "i", "font", "td"):
        for attr in _HANDLER_ATTRS:
            v = (el.get(attr) or "").strip()
            if attr in ("href", "data-href"):
                if not v.lower().startswith("javascript:"):
                    continue
                v = v[11:]
            if not v or "(" not in v or len(v) > 300:
                continue
            calls.append(v.rstrip(";") + ";")
            text = normalize_space(el.text_content() if el.tag != "input" else el.get("value") or "")
            if _PAGER_TEXT.match(text) or el.tag == "select":
                pager = True
        if len(calls) >= 60:
            break
    return "\n".join(dict.fromkeys(calls)), pager


def template_links(templates: list[str], doc: Any, script: Script | None) -> tuple[str, ...]:
    """Link templates of client-side templates (art-template, laytpl, Vue): ``href="/xw/{{item.id}}.html"``."""
    out: dict[str, None] = {}
    for text in templates:
        for m in re.finditer(r"""href\s*=\s*["']([^"']*\{\{[^"']*)["']""", text, re.I):
            tpl = re.sub(r"\{\{\s*=?\s*[\w$]*(?:\.|\[['\"])?([\w]+)['\"\]]?\s*\}\}", r"{\1}", m.group(1))
            tpl = re.sub(r"\{\{[^}]*\}\}", "", tpl)
            if re.search(r"\{\w+\}", tpl):
                out.setdefault(tpl, None)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in (":href", "v-bind:href"):
            expr = el.get(attr)
            if expr and script is not None:
                sub = Script(expr, script.facts)
                from extract.listing.jsreader import Evaluator

                v, _ = Evaluator(sub).expr_at(0) if sub.toks else (None, 0)
                text = v if isinstance(v, str) else ("\x00" + v.path + "\x00" if isinstance(v, Unknown) and v.path else "")
                if "\x00" in text:
                    out.setdefault(re.sub(r"\x00([^\x00]*)\x00", lambda m: "{" + jsapi._field(m.group(1)) + "}", text), None)
    return tuple(out)


def _empty_list_box(doc: Any) -> bool:
    """An element named like a list container that has no link and (almost) no text: script fills it."""
    for el in doc.iter("ul", "ol", "tbody", "div", "table", "dl", "section"):
        name = " ".join(filter(None, (el.get("id"), el.get("class"))))
        if not name or not _LIST_BOX.search(name):
            continue
        if el.find(".//a") is None and len(normalize_space(el.text_content())) <= 20:
            return True
    return any(el.get("v-for") is not None for el in doc.iter() if isinstance(el.tag, str))


def _literal_env(script: Script) -> dict[str, Any]:
    """Literal global variables (strings, numbers) of the page's scripts, for reading an external script."""
    env: dict[str, Any] = {}
    for name in list(script.assigns)[:400]:
        if len(env) >= 80:
            break
        v = script.value_of(name, {}, 0)
        if isinstance(v, (str, int)) and not isinstance(v, bool) and len(str(v)) <= 300 and "\x00" not in str(v):
            env[name] = v
    return env


def _external_candidates(srcs: list[str], url: str) -> list[str]:
    host = host_of(url)
    out: list[str] = []
    for src in srcs:
        try:
            absu = urljoin(url, src)
        except ValueError:
            continue
        if host_of(absu) != host or _LIBRARY.search(absu.rsplit("/", 1)[-1]):
            continue
        out.append(absu)
    # scripts named after lists come first
    out.sort(key=lambda u: not re.search(r"list|page|news|column|channel|info|data|article|main|index|app", u.rsplit("/", 1)[-1], re.I))
    return list(dict.fromkeys(out))[:MAX_SCRIPTS]


def _script_request(urls: list[str], page_url: str, facts: PageFacts, calls: str, links: tuple[str, ...]) -> FollowRequest:
    ctx = {"v": 1, "k": SCRIPT, "page": page_url, "env": facts.env, "dom": facts.dom, "calls": calls[:4000],
           "links": list(links), "rest": urls[1:]}
    return FollowRequest(urls[0], "GET", None, "jsapi", 0, None, SCRIPT, (), None, _dumps(ctx))


def from_page(text: str, url: str, article_count: int, read_scripts: bool = True) -> ListPage:
    """Endpoint requests, script requests or a browser request for one HTML list page (often nothing).

    ``read_scripts=False`` derives no request from the scripts: a list they render goes to the browser.
    """
    out = ListPage()
    hint = jsapi.REQUEST_HINT.search(text)
    if not hint and (article_count > 0 or not (_RENDER_HINT.search(text) or re.search(r"<script[^>]+src", text, re.I))):
        return out
    try:
        doc = lhtml.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return out
    inline, external, templates = page_scripts(doc)
    if not read_scripts:
        if article_count == 0 and _empty_list_box(doc) and (_RENDER_HINT.search(text) or external):
            out.browser_url = url
        return out
    calls, script_pager = _handlers(doc)
    facts = PageFacts(url, jsapi.dom_facts(doc))
    script = Script(inline + "\n;\n" + calls, facts) if hint or external else None
    links = template_links(templates, doc, script)
    weak = article_count < 3
    if hint and script is not None:
        endpoints = jsapi.find_endpoints(script, url, links)
        if not weak:
            # a server-rendered page 1: only an endpoint the pager drives gives the further pages
            script_pager = script_pager or bool(_PLUGIN_PAGER.search(inline))
            endpoints = [e for e in endpoints if e.paged] if script_pager else []
        if endpoints:
            out.families.append("jsapi")
            out.follow = [api_request(e, 1, url) for e in endpoints]
            return out
    if article_count == 0 and _empty_list_box(doc):
        candidates = _external_candidates(external, url)
        if candidates:
            facts.env = _literal_env(script) if script is not None else {}
            out.families.append("jsapi")
            out.follow = [_script_request(candidates, url, facts, calls, links)]
        elif _RENDER_HINT.search(text):
            out.browser_url = url
    return out


# -- a pager written by an external script -------------------------------------------------------------------
#: a page count the pager script states (``var maxpage = 118;``)
_SCRIPT_COUNT = re.compile(r"\b(?:max_?page|count_?page|page_?count|total_?pages?|page_?total|pagenum|maxpages?)\s*=\s*"
                           r"['\"]?([0-9]{1,6})\b", re.I)
_WRITES = re.compile(r"document\.write|innerHTML|\.html\s*\(|\.append\s*\(|insertAdjacentHTML", re.I)
#: names of the element a script fills with the list's pager (a placeholder) or of a pager script itself
_PAGER_NAME = re.compile(r"pag(?:e|er|es|ing|ination|enav|elist|ebar|ebox|etemple)|fenye|fanye", re.I)


def _pager_slot(el: Any) -> bool:
    """An element named like a pager that links nothing and says (almost) nothing: a script writes it."""
    if not isinstance(el.tag, str) or el.tag in ("script", "style", "body", "html"):
        return False
    name = " ".join(filter(None, (el.get("id"), el.get("class"))))
    return bool(name and _PAGER_NAME.search(name) and el.find(".//a") is None
                and len(normalize_space(el.text_content())) <= 20)


def pager_script(text: str, url: str) -> FollowRequest | None:
    """The request for the external same-host script that writes this list's pager, or None.

    Some CMSes (enorth webpublisher among them) leave the pager out of the list page: a ``<script src>`` set
    in an empty pager slot (``<script src=…/count_page_list_….js></script><div id="pagetemple"></div>``)
    writes it, and the page count and page addresses live only in that script. The script is asked for as
    kind ``script`` and its answer is read for the pager (:func:`_from_pager_script`). Only called for a page
    that lists articles and announced no further page itself."""
    if not re.search(r"<script[^>]+src", text, re.I):
        return None
    try:
        doc = lhtml.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    host = host_of(url)
    for el in doc.iter("script"):
        src = (el.get("src") or "").strip()
        if not src:
            continue
        try:
            absu = urljoin(url, src)
        except ValueError:
            continue
        if host_of(absu) != host or _LIBRARY.search(absu.rsplit("/", 1)[-1].split("?")[0].replace(".min.js", "")):
            continue
        parent = el.getparent()
        mates = [x for x in (el.getprevious(), el.getnext()) if x is not None]
        if any(_pager_slot(x) for x in mates) or (parent is not None and _pager_slot(parent)):
            ctx = {"v": 1, "k": SCRIPT, "page": url, "pg": 1}
            return FollowRequest(absu, "GET", None, "pagerscript", 0, None, SCRIPT, (), None, _dumps(ctx))
    return None


def _from_pager_script(text: str, page_url: str) -> ListPage:
    """The further pages a pager script names: a TRS pager call or count variable, else the anchors its
    string literals write (``document.write("<a href='…'>下一页</a>")``); when the script writes a pager it
    does not spell out, the page goes to the browser, whose rendered pager is read like any other. A script
    that states a single page, or writes nothing, asks for nothing."""
    out = ListPage(families=["pagerscript"])
    pages = trs.pagination(text, page_url)
    family = "trs"
    if not pages:
        written = "".join(t.value for t in tokenize(text) if t.kind == "str" and isinstance(t.value, str))
        pages = querystring.pagination(f"<html><body>{written}</body></html>", page_url) if "<a" in written else []
        family = "querystring"
    if not pages:
        count = _SCRIPT_COUNT.search(text)
        if (count is None or int(count.group(1)) > 1) and (_WRITES.search(text) or "下一页" in text):
            out.browser_url = page_url  # a pager it writes by means we cannot read: the rendered page shows it
        return out
    here = canonical_url(page_url)
    out.follow = [FollowRequest(u, family=family, order=i, kind=LIST) for i, u in enumerate(pages)
                  if canonical_url(u) != here and host_of(u) == host_of(page_url)]
    return out


# -- steps 2 and 3: answers read with their context ---------------------------------------------------------
def decode_context(context: str) -> dict[str, Any] | None:
    try:
        ctx = json.loads(context)
    except ValueError:
        return None
    return ctx if isinstance(ctx, dict) and ctx.get("v") == 1 and ctx.get("k") in (API, SCRIPT) else None


def from_context(body: bytes, url: str, content_type: str | None, ctx: dict[str, Any]) -> ListPage:
    page_url = str(ctx.get("page") or url)
    text = apidata.decode(body, content_type)
    if ctx["k"] == SCRIPT:
        return _from_pager_script(text, page_url) if ctx.get("pg") else _from_script(text, page_url, ctx)
    return _from_api(text, page_url, ctx)


def _from_script(text: str, page_url: str, ctx: dict[str, Any]) -> ListPage:
    out = ListPage(families=["jsapi"])
    env = {str(k): v for k, v in (ctx.get("env") or {}).items() if isinstance(v, (str, int))}
    dom = {str(k): str(v) for k, v in (ctx.get("dom") or {}).items()}
    facts = PageFacts(page_url, dom, env)
    links = tuple(str(x) for x in ctx.get("links") or ())
    script = Script(jsapi.focus(text) + "\n;\n" + str(ctx.get("calls") or ""), facts)
    endpoints = jsapi.find_endpoints(script, page_url, links)
    if endpoints:
        out.follow = [api_request(e, 1, page_url) for e in endpoints]
        return out
    rest = [str(u) for u in ctx.get("rest") or () if host_of(str(u)) == host_of(page_url)]
    if rest:
        out.follow = [_script_request(rest, page_url, facts, str(ctx.get("calls") or ""), links)]
    else:
        out.browser_url = page_url
    return out


def _from_api(text: str, page_url: str, ctx: dict[str, Any]) -> ListPage:
    out = ListPage(families=["jsapi"])
    try:
        tpl = jsapi.ApiTemplate.from_json(ctx["t"])
        n = int(ctx.get("n") or 1)
    except (KeyError, TypeError, ValueError, IndexError):
        return out
    ans = apidata.read_answer(text, page_url, tpl.links, tpl.size, n)
    out.articles = ans.articles
    if ans.records and not ans.articles:
        out.browser_url = page_url  # records the page links by means we cannot read
    if not tpl.paged:
        return out
    first = ans.articles[0].url if ans.articles else None
    if ans.total_pages is not None or ans.total is not None:
        # the first page announces them all (its record count is the page size); later pages add nothing
        if n == 1 and ans.total_pages is not None:
            out.follow = [api_request(tpl, k, page_url) for k in range(2, min(ans.total_pages, MAX_API_PAGES) + 1)]
    elif ans.has_next is not False and ans.records and first != ctx.get("f") and n < MAX_API_PAGES:
        out.follow = [api_request(tpl, n + 1, page_url, first)]
    return out


def json_answer(body: bytes, url: str, content_type: str | None) -> ListPage | None:
    """An endpoint answer fetched without context (a JSON column URL in the sites file): its records only."""
    ctype = (content_type or "").lower()
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not ("json" in ctype or "javascript" in ctype or head[:1] in (b"{", b"[")):
        return None
    text = apidata.decode(body, content_type)
    ans = apidata.read_answer(text, url)
    if not ans.records:
        return None
    return ListPage(families=["jsapi"], articles=ans.articles)


__all__ = ["api_request", "decode_context", "from_context", "from_page", "json_answer", "Tmpl"]
