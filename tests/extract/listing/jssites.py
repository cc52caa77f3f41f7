"""Script-rendered list pages of invented bureaus, with the data endpoints their scripts call.

Each :class:`JsSite` is one column: the list page's HTML (an empty container and the script that fills
it), any external script, and an endpoint function that answers as such platforms do (and refuses a
request a browser would not send: wrong method, missing ``X-Requested-With`` or JSON content type).
The shapes follow what 集约化 platforms serve (jQuery, fetch, XHR, axios, JSONP, XML, HTML-in-JSON,
laypage, Vue, external scripts), written here in our own words.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

MENU = ("<div class='top-nav'><a href='/'>首页</a><a href='/jwzx/'>警务资讯</a><a href='/bsfw/'>办事服务</a>"
        "<a href='/hdjl/'>互动交流</a></div>")
FOOT = ("<div class='footer'><a href='/wzdt.html'>网站地图</a> <a href='/lxwm.html'>联系我们</a>"
        "<p>主办：某某市公安局 备案号：某ICP备12345678号</p></div>")
TOPICS = ["开展夏季治安打击整治行动", "召开全市禁毒工作推进会", "发布暑期出行交通安全提示", "破获一起电信网络诈骗案",
          "组织消防安全隐患大排查", "举办“警营开放日”活动", "通报上半年道路交通事故情况", "深入社区开展反诈宣传",
          "部署重点时段安保工作", "表彰一批见义勇为先进个人", "推进“放管服”改革便民措施", "开展校园周边环境整治"]


def title(k: int, unit: str) -> str:
    return f"{unit}{TOPICS[k % len(TOPICS)]}（第{k + 1}期）"


@dataclass
class Req:
    method: str
    path: str
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8"), keep_blank_values=True).items()}

    def json(self) -> dict:
        return json.loads(self.body.decode("utf-8"))

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), "")


Answer = tuple[int, str, bytes]


@dataclass
class JsSite:
    name: str
    #: path of the list page (the host is the test's)
    path: str
    html: str
    #: endpoint path → answer function
    endpoints: dict[str, Callable[[Req], Answer]]
    #: article paths of the whole column
    articles: list[str]
    #: the page's follow requests: (kind, method, path+query, form or body, headers that must be present)
    first: list[tuple] = field(default_factory=list)
    scripts: dict[str, str] = field(default_factory=dict)


def ok_json(obj: object) -> Answer:
    return 200, "application/json;charset=UTF-8", json.dumps(obj, ensure_ascii=False).encode("utf-8")


def bad() -> Answer:
    return 400, "text/plain", b"bad request"


def page_of(items: list, n: int, size: int) -> list:
    return items[(n - 1) * size:n * size]


def shell(body: str, head: str = "", title_: str = "警务动态") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title_}</title>{head}</head><body>"
            f"{MENU}<div class='main'><div class='crumb'>当前位置：<a href='/'>首页</a> &gt; {title_}</div>"
            f"{body}</div>{FOOT}</body></html>")


# -- 1. jQuery $.ajax POST form, column id from a hidden input, url field in records -------------------------
def _site_jq_form() -> JsSite:
    n = 37
    recs = [{"title": title(k, "市局"), "url": f"/jwzx/jwdt/2024/06{k % 28 + 1:02d}/{50100 + k}.html",
             "publishTime": f"2024-06-{k % 28 + 1:02d} 09:30:00", "source": "市公安局"} for k in range(n)]

    def api(r: Req) -> Answer:
        f = r.form()
        if r.method != "POST" or r.header("X-Requested-With") != "XMLHttpRequest" or f.get("channelId") != "1207":
            return bad()
        page, size = int(f["pageNo"]), int(f["pageSize"])
        return ok_json({"code": 200, "msg": "success", "data": {"list": page_of(recs, page, size), "total": n,
                                                                 "pageNo": page}})

    html = shell(
        "<input type='hidden' id='channelId' value='1207'/>"
        "<ul class='news-list' id='newsList'></ul><div id='pager' class='pagination'></div>"
        "<script src='/static/js/jquery-1.12.4.min.js'></script>"
        "<script>\nvar pageSize = 15;\nvar channelId = $('#channelId').val();\n"
        "function loadList(pageNo) {\n  $.ajax({\n    url: '/api/content/list',\n    type: 'POST',\n"
        "    dataType: 'json',\n    data: { channelId: channelId, pageNo: pageNo, pageSize: pageSize },\n"
        "    success: function (res) {\n      var html = '';\n      $.each(res.data.list, function (i, item) {\n"
        "        html += '<li><a href=\"' + item.url + '\" target=\"_blank\">' + item.title + '</a><span>' +\n"
        "                item.publishTime.substring(0, 10) + '</span></li>';\n      });\n"
        "      $('#newsList').html(html);\n      renderPager(res.data.total, pageNo);\n    }\n  });\n}\n"
        "$(function () { loadList(1); });\n</script>")
    return JsSite("jq-ajax-post-form", "/jwzx/jwdt/", html, {"/api/content/list": api}, [r["url"] for r in recs],
                  [("api", "POST", "/api/content/list", (("channelId", "1207"), ("pageNo", "1"), ("pageSize", "15")),
                    {"X-Requested-With": "XMLHttpRequest"})])


# -- 2. $.getJSON GET, URL concatenated, records with an id only, totalPages --------------------------------
def _site_getjson_ids() -> JsSite:
    n = 23
    recs = [{"id": 8800 - k, "newsTitle": title(k, "交警支队"), "createDate": f"2024-05-{k + 1:02d}"} for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "GET" or r.query.get("columnId") != "44" or r.header("X-Requested-With") != "XMLHttpRequest":
            return bad()
        page, size = int(r.query["page"]), int(r.query["size"])
        return ok_json({"status": "ok", "totalPages": math.ceil(n / size), "rows": page_of(recs, page, size)})

    html = shell(
        "<div class='list-box'><ul id='list'></ul></div><div class='page-bar' id='pageBar'></div>"
        "<script type='text/javascript'>\nvar columnId = '44';\nvar page = 1;\n"
        "function getData() {\n  var url = '/portal/news/listJson?columnId=' + columnId + '&page=' + page + '&size=10';\n"
        "  $.getJSON(url, function (data) {\n    var s = '';\n    for (var i = 0; i < data.rows.length; i++) {\n"
        "      var v = data.rows[i];\n      s += \"<li><a href='/portal/news/detail.html?id=\" + v.id + \"'>\" + v.newsTitle +"
        " \"</a><em>\" + v.createDate + \"</em></li>\";\n    }\n    document.getElementById('list').innerHTML = s;\n  });\n}\n"
        "getData();\n</script>")
    return JsSite("getjson-ids", "/jtgl/tzgg/index.html", html, {"/portal/news/listJson": api},
                  [f"/portal/news/detail.html?id={r['id']}" for r in recs],
                  [("api", "GET", "/portal/news/listJson?columnId=44&page=1&size=10", None,
                    {"X-Requested-With": "XMLHttpRequest"})])


# -- 3. fetch POST JSON body, TRS-style upper-case fields, totalCount -----------------------------------------
def _site_fetch_json() -> JsSite:
    n = 45
    recs = [{"DOCID": 7000 + k, "DOCTITLE": title(k, "刑侦支队"), "DOCPUBURL": f"http://{{host}}/xxgk/xwfb/202404/t202404{k % 28 + 1:02d}_{7000 + k}.html",
             "DOCRELTIME": f"2024-04-{k % 28 + 1:02d} 10:00:00"} for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "POST" or "application/json" not in r.header("Content-Type"):
            return bad()
        q = r.json()
        if q.get("channelId") != "2291":
            return bad()
        page, size = q["pageIndex"], q["pageSize"]
        host = r.headers.get("Host", "")
        rows = [dict(x, DOCPUBURL=x["DOCPUBURL"].replace("{host}", host)) for x in page_of(recs, page, size)]
        return ok_json({"success": True, "result": {"rows": rows, "totalCount": n}})

    html = shell(
        "<div class='xxgk-list'><table class='data-table'><tbody id='docs'></tbody></table></div>"
        "<script>\nconst channelId = \"2291\";\nconst pageSize = 20;\n"
        "async function query(pageIndex) {\n  const resp = await fetch('/trs-api/doc/query', {\n    method: 'POST',\n"
        "    headers: { 'Content-Type': 'application/json;charset=UTF-8' },\n"
        "    body: JSON.stringify({ channelId, pageIndex, pageSize })\n  });\n  const json = await resp.json();\n"
        "  document.getElementById('docs').innerHTML = json.result.rows.map(r => `<tr><td><a href=\"${r.DOCPUBURL}\">${r.DOCTITLE}</a></td>"
        "<td>${r.DOCRELTIME.slice(0, 10)}</td></tr>`).join('');\n}\nquery(1);\n</script>")
    return JsSite("fetch-json-post", "/xxgk/xwfb/index.shtml", html, {"/trs-api/doc/query": api},
                  [f"/xxgk/xwfb/202404/t202404{k % 28 + 1:02d}_{7000 + k}.html" for k in range(n)],
                  [("api", "POST", "/trs-api/doc/query", '{"channelId":"2291","pageIndex":1,"pageSize":20}',
                    {"Content-Type": "application/json;charset=UTF-8"})])


# -- 4. bare XMLHttpRequest, template literal URL with the column from the page's query, hasNext, epoch ms ---
def _site_xhr_hasnext() -> JsSite:
    n = 17
    base = 1717200000000
    recs = [{"articleId": f"a{3300 + k}", "name": title(k, "治安支队"), "link": f"../../art/{3300 + k}.html",
             "pubTime": base - k * 86_400_000} for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "GET" or r.header("X-Requested-With") != "XMLHttpRequest":
            return bad()
        size = 8
        page = int(r.path.rsplit("_", 1)[1].split(".")[0])
        chunk = page_of(recs, page, size)
        return ok_json({"items": chunk, "hasNext": page * size < n})

    html = shell(
        "<section class='article-list'><ul class='items' id='items'></ul><a id='more' href='javascript:void(0)'>加载更多</a></section>"
        "<script>\nvar cat = getQueryString('cat') || 'zagl';\nvar cur = 1;\n"
        "function getQueryString(name) { var r = window.location.search.substr(1).match(new RegExp('(^|&)' + name + '=([^&]*)(&|$)'));"
        " return r ? decodeURIComponent(r[2]) : null; }\n"
        "function load() {\n  var xhr = new XMLHttpRequest();\n  xhr.open('GET', `/data/${cat}/list_${cur}.json`, true);\n"
        "  xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');\n  xhr.onreadystatechange = function () {\n"
        "    if (xhr.readyState === 4 && xhr.status === 200) {\n      var d = JSON.parse(xhr.responseText);\n"
        "      d.items.forEach(function (it) { document.getElementById('items').insertAdjacentHTML('beforeend',"
        " '<li><a href=\"' + it.link + '\">' + it.name + '</a></li>'); });\n    }\n  };\n  xhr.send();\n}\nload();\n</script>")
    return JsSite("xhr-hasnext", "/col/zagl/list.html?cat=zagl", html, {"/data/zagl/": api},
                  [f"/art/{3300 + k}.html" for k in range(n)],
                  [("api", "GET", "/data/zagl/list_1.json", None, {"X-Requested-With": "XMLHttpRequest"})])


# -- 5. axios.get with params, gkmlpt-like answer (epoch seconds) -------------------------------------------
def _site_axios_get() -> JsSite:
    n = 28
    recs = [{"id": 990 + k, "title": title(k, "出入境管理支队"), "url": f"/gkmlpt/content/1/{990 + k}/post_{990 + k}.html",
             "first_publish_time": 1700000000 - k * 86400, "identifier": f"SZ-{k}"} for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "GET" or r.query.get("sid") != "750":
            return bad()
        page, limit = int(r.query["page"]), int(r.query["limit"])
        return ok_json({"articles": page_of(recs, page, limit), "total": n, "classify": {"name": "工作动态"}})

    html = shell(
        "<div id='app'><ul class='content-list'><li v-for='a in list' :key='a.id'><a :href='a.url'>{{ a.title }}</a></li></ul></div>"
        "<script src='/js/vue.min.js'></script><script src='/js/axios.min.js'></script>"
        "<script>\nnew Vue({ el: '#app', data: { list: [], page: 1, catId: 1 },\n"
        "  mounted() { this.fetchList(1); },\n  methods: {\n    fetchList(page) {\n"
        "      axios.get('/gkmlpt/api/all/' + this.catId, { params: { page: page, sid: 750, limit: 12 } })"
        ".then(res => { this.list = res.data.articles; });\n    }\n  }\n});\n</script>")
    return JsSite("axios-get-vue", "/gkmlpt/index", html, {"/gkmlpt/api/all/1": api}, [r["url"] for r in recs],
                  [("api", "GET", "/gkmlpt/api/all/1?page=1&sid=750&limit=12", None, {})])


# -- 6. JSONP ---------------------------------------------------------------------------------------------------
def _site_jsonp() -> JsSite:
    n = 9
    recs = [{"Title": title(k, "网安支队"), "Url": f"/wazd/{2024}{k + 1:02d}/content_{660 + k}.html",
             "Date": f"2024/{k + 1}/15"} for k in range(n)]

    def api(r: Req) -> Answer:
        cb = r.query.get("cb")
        if not cb or r.method != "GET":
            return bad()
        page = int(r.query["pageindex"])
        chunk = page_of(recs, page, 5)
        return 200, "application/javascript", f"{cb}({json.dumps({'result': {'records': chunk}}, ensure_ascii=False)});".encode()

    html = shell(
        "<div class='news_box'><ul id='wazdList' class='list'></ul></div>"
        "<script>\nvar pageindex = 1;\nfunction more() {\n  $.ajax({ url: '/interface/GetList.ashx', dataType: 'jsonp',"
        " jsonp: 'cb', jsonpCallback: 'listCallback',\n    data: { typeid: 'wazd', pageindex: pageindex },\n"
        "    success: function (d) { $.each(d.result.records, function (i, r) { $('#wazdList').append('<li><a href=\"' + r.Url + '\">' + r.Title + '</a>' + r.Date + '</li>'); }); }\n"
        "  });\n}\nmore();\n</script>")
    return JsSite("jsonp", "/wazd/", html, {"/interface/GetList.ashx": api}, [r["Url"] for r in recs],
                  [("api", "GET", "/interface/GetList.ashx?typeid=wazd&pageindex=1&cb=listCallback", None, {})])


# -- 7. XML answer ----------------------------------------------------------------------------------------------
def _site_xml() -> JsSite:
    n = 12
    items = [(f"/ucap/content/{2024}06/{'%032x' % (0xabc000 + k)}.shtml", title(k, "禁毒支队"), f"2024-06-{k + 1:02d}")
             for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "GET" or r.query.get("chnlId") != "jddt":
            return bad()
        page = int(r.query["curPage"])
        chunk = page_of(items, page, 5)
        body = "<?xml version='1.0' encoding='UTF-8'?><result><pageCount>3</pageCount><records>" + "".join(
            f"<record><docTitle><![CDATA[{t}]]></docTitle><docUrl>{u}</docUrl><docDate>{d}</docDate></record>"
            for u, t, d in chunk) + "</records></result>"
        return 200, "text/xml; charset=UTF-8", body.encode()

    html = shell(
        "<div class='conlist'><ul id='jddtList'></ul></div>"
        "<script>\nfunction showPage(curPage) {\n  $.ajax({ type: 'get', url: '/ucap/list.do', dataType: 'xml',\n"
        "    data: 'chnlId=jddt&curPage=' + curPage,\n    success: function (xml) {\n      $(xml).find('record').each(function () {\n"
        "        $('#jddtList').append('<li><a href=\"' + $(this).find('docUrl').text() + '\">' + $(this).find('docTitle').text() + '</a></li>');\n"
        "      });\n    }\n  });\n}\nshowPage(1);\n</script>")
    return JsSite("xml", "/jddt/index.shtml", html, {"/ucap/list.do": api}, [u for u, _, _ in items],
                  [("api", "GET", "/ucap/list.do?chnlId=jddt&curPage=1", None, {"X-Requested-With": "XMLHttpRequest"})])


# -- 8. HTML fragment inside JSON, paramJson built by concatenation (Hanweb jpaas-like) ----------------------
def _site_html_in_json() -> JsSite:
    n = 31
    rows = [(f"/art/2024/5/{k % 28 + 1}/art_5521_{40000 + k}.html", title(k, "县公安局"), f"2024-05-{k % 28 + 1:02d}")
            for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "GET" or r.query.get("webId") != "3391" or r.header("X-Requested-With") != "XMLHttpRequest":
            return bad()
        p = json.loads(r.query["paramJson"])
        chunk = page_of(rows, p["pageNo"], p["pageSize"])
        html = "".join(f"<li><a href='{u}' title='{t}'>{t}</a><span>{d}</span></li>" for u, t, d in chunk)
        return ok_json({"success": True, "data": {"html": html, "total": n}})

    html = shell(
        "<div class='default_pgContainer'><ul class='lists' id='4497118'></ul></div>"
        "<script>\nvar webId = '3391', pageId = 'b1e6f0a', unitId = '4497118';\n"
        "function loadUnit(pageNo) {\n  var param = '{\"pageNo\":' + pageNo + ',\"pageSize\":15}';\n"
        "  $.get('/jpaas-publish-server/front/page/build/unit', { webId: webId, pageId: pageId, unitId: unitId,"
        " parseType: 'buildstatic', pageType: 'column', paramJson: param }, function (res) {\n"
        "    $('#' + unitId).html(res.data.html);\n  });\n}\nloadUnit(1);\n</script>")
    return JsSite("html-in-json", "/col/col5521/index.html", html,
                  {"/jpaas-publish-server/front/page/build/unit": api}, [u for u, _, _ in rows],
                  [("api", "GET", "/jpaas-publish-server/front/page/build/unit?webId=3391&pageId=b1e6f0a&unitId=4497118"
                    "&parseType=buildstatic&pageType=column&paramJson=%7B%22pageNo%22%3A1%2C%22pageSize%22%3A15%7D",
                    None, {"X-Requested-With": "XMLHttpRequest"})])


# -- 9. laypage: page 1 server-rendered, later pages from the endpoint ---------------------------------------
def _site_laypage() -> JsSite:
    n = 26
    recs = [{"infoId": 5600 + k, "infoTitle": title(k, "分局"), "releaseDate": f"2024-03-{k % 28 + 1:02d}"} for k in range(n)]
    first = "".join(f"<li><a href='/info/show.jsp?infoId={r['infoId']}'>{r['infoTitle']}</a><span>{r['releaseDate']}</span></li>"
                    for r in recs[:10])

    def api(r: Req) -> Answer:
        f = r.form()
        if r.method != "POST" or r.header("X-Requested-With") != "XMLHttpRequest" or f.get("catalogId") != "19":
            return bad()
        page = int(f["curr"])
        return ok_json({"count": n, "data": page_of(recs, page, 10)})

    html = shell(
        f"<ul class='infoList' id='infoList'>{first}</ul><div id='laypage'></div>"
        "<script src='/layui/layui.js'></script>"
        "<script>\nlayui.use(['laypage', 'jquery'], function () {\n  var laypage = layui.laypage, $ = layui.jquery;\n"
        "  laypage.render({ elem: 'laypage', count: 26, limit: 10, jump: function (obj, first) {\n"
        "    if (!first) { getPage(obj.curr); }\n  } });\n"
        "  function getPage(curr) {\n    $.post('/info/listData.jsp', { catalogId: '19', curr: curr, limit: 10 }, function (res) {\n"
        "      var h = '';\n      layui.each(res.data, function (i, d) { h += '<li><a href=\"/info/show.jsp?infoId=' + d.infoId + '\">' + d.infoTitle + '</a></li>'; });\n"
        "      $('#infoList').html(h);\n    });\n  }\n});\n</script>")
    return JsSite("laypage", "/info/list.jsp?catalogId=19", html, {"/info/listData.jsp": api},
                  [f"/info/show.jsp?infoId={r['infoId']}" for r in recs],
                  [("api", "POST", "/info/listData.jsp", (("catalogId", "19"), ("curr", "1"), ("limit", "10")),
                    {"X-Requested-With": "XMLHttpRequest"})])


# -- 10. Vue + axios.post JSON, link template in the HTML template -------------------------------------------
def _site_vue_post() -> JsSite:
    n = 14
    recs = [{"contentId": 12000 + k, "contentTitle": title(k, "特警支队"), "publishDate": f"2024-02-{k + 1:02d}"} for k in range(n)]

    def api(r: Req) -> Answer:
        if r.method != "POST" or "application/json" not in r.header("Content-Type"):
            return bad()
        q = r.json()
        if q.get("columnCode") != "tjdt":
            return bad()
        return ok_json({"code": 0, "data": {"records": page_of(recs, q["current"], q["size"]), "pages": math.ceil(n / q["size"]),
                                            "total": n}})

    html = shell(
        "<div id='newsApp' class='news-wrap'><ul class='news-ul'><li v-for='item in records'>"
        "<a :href=\"'/news/' + item.contentId + '.html'\" target='_blank'>{{ item.contentTitle }}</a>"
        "<span>{{ item.publishDate }}</span></li></ul></div>"
        "<script>\nconst app = Vue.createApp({\n  data() { return { records: [], query: { columnCode: 'tjdt', current: 1, size: 6 } } },\n"
        "  created() { this.getList(); },\n  methods: {\n    getList() {\n"
        "      axios.post('/cms/api/content/page', this.query).then(({ data }) => { this.records = data.data.records; });\n"
        "    }\n  }\n});\napp.mount('#newsApp');\n</script>")
    return JsSite("vue-axios-post", "/tjzd/tjdt.html", html, {"/cms/api/content/page": api},
                  [f"/news/{r['contentId']}.html" for r in recs],
                  [("api", "POST", "/cms/api/content/page", '{"columnCode":"tjdt","current":1,"size":6}',
                    {"Content-Type": "application/json"})])


# -- 11. the endpoint in an external script, the column id in the page -----------------------------------
def _site_external_script() -> JsSite:
    n = 19
    recs = [{"id": 400 + k, "title": title(k, "巡特警支队"), "linkUrl": f"/xtjzd/gzdt/{400 + k}.jhtml", "time": f"2024-01-{k + 1:02d}"}
            for k in range(n)]

    def api(r: Req) -> Answer:
        f = r.form()
        if r.method != "POST" or f.get("channelId") != "318" or r.header("X-Requested-With") != "XMLHttpRequest":
            return bad()
        start, rows = int(f["start"]), int(f["rows"])
        return ok_json({"total": n, "rows": recs[start:start + rows]})

    script = ("(function ($) {\n  var rows = 8;\n  function list(pn) {\n    $.ajax({ url: ctx + '/front/channel/articles', type: 'post',\n"
              "      data: { channelId: channelId, start: (pn - 1) * rows, rows: rows },\n"
              "      success: function (d) { render(d.rows); } });\n  }\n"
              "  function render(items) { var h = ''; for (var i = 0; i < items.length; i++) { h += '<li><a href=\"' + items[i].linkUrl + '\">' + items[i].title + '</a></li>'; } $('#articleList').html(h); }\n"
              "  $(function () { list(1); });\n})(jQuery);\n")
    html = shell(
        "<div class='list-con'><ul id='articleList'></ul><div class='pages' id='pages'></div></div>"
        "<script src='/r/cms/www/js/jquery.min.js'></script>"
        "<script>var ctx = ''; var channelId = '318';</script>"
        "<script src='/r/cms/www/js/channel-list.js'></script>")
    return JsSite("external-script", "/xtjzd/gzdt/index.jhtml", html, {"/front/channel/articles": api},
                  [r["linkUrl"] for r in recs],
                  [("script", "GET", "/r/cms/www/js/channel-list.js", None, {})],
                  scripts={"/r/cms/www/js/channel-list.js": script})


# -- 12. search-platform list: form POST whose page is ``p`` and page size ``pg``, HTML strings as records -----
def _site_search_platform() -> JsSite:
    n = 30
    rows = [(f"/art/2024/4/{k % 28 + 1}/art_1229440_{58800 + k}.html", title(k, "市公安局"), f"2024-04-{k % 28 + 1:02d}")
            for k in range(n)]

    def api(r: Req) -> Answer:
        f = r.form()
        if r.method != "POST" or f.get("cateid") != "37" or r.header("X-Requested-With") != "XMLHttpRequest":
            return bad()
        page, size = int(f["p"]), int(f["pg"])
        chunk = page_of(rows, page, size)
        return ok_json({"total": n, "result": [f"<div class='jcse-news-title'><a href='{u}' target='_blank'>{t}</a></div>"
                                               f"<div class='jcse-news-date'>{d}</div>" for u, t, d in chunk]})

    html = shell(
        "<div class='jcse-result'><div id='cateList'></div><div id='pagination'></div></div>"
        "<script>\nvar cateid = 37;\nfunction search(p) {\n  $.ajax({ type: 'POST', url: '/jsearchfront/interfaces/cateSearch.do',\n"
        "    data: { websiteid: '330100000000000', p: p, pg: 12, cateid: cateid, tpl: 2281 },\n"
        "    success: function (d) { $('#cateList').empty(); $.each(d.result, function (i, s) { $('#cateList').append(s); }); }\n"
        "  });\n}\nsearch(1);\n</script>")
    return JsSite("search-platform", "/col/col1229440/index.html", html,
                  {"/jsearchfront/interfaces/cateSearch.do": api}, [u for u, _, _ in rows],
                  [("api", "POST", "/jsearchfront/interfaces/cateSearch.do",
                    (("websiteid", "330100000000000"), ("p", "1"), ("pg", "12"), ("cateid", "37"), ("tpl", "2281")),
                    {"X-Requested-With": "XMLHttpRequest"})])


# -- 13. a hidden form serialized, an HTML fragment answered, no totals -----------------------------------
def _site_form_serialize() -> JsSite:
    n = 23
    rows = [(f"/front/content.do?contentId={7700 + k}", title(k, "经侦支队"), f"2023-11-{k % 28 + 1:02d}") for k in range(n)]

    def api(r: Req) -> Answer:
        f = r.form()
        if r.method != "POST" or f.get("columnId") != "66":
            return bad()
        chunk = page_of(rows, int(f["pageNo"]), int(f["pageSize"]))
        body = "".join(f"<li><a href='{u}'>{t}</a><span>{d}</span></li>" for u, t, d in chunk)
        return 200, "text/html; charset=utf-8", body.encode("utf-8")

    html = shell(
        "<form id='pageForm' action='#'><input type='hidden' name='columnId' value='66'/>"
        "<input type='hidden' name='pageNo' value='1'/><input type='hidden' name='pageSize' value='10'/></form>"
        "<ul class='list' id='listBox'></ul>"
        "<script>\n$(function () {\n  $.post('/front/list.do', $('#pageForm').serialize(), function (html) { $('#listBox').html(html); });\n});\n</script>")
    return JsSite("form-serialize-fragment", "/front/column.do?columnId=66", html, {"/front/list.do": api},
                  [u for u, _, _ in rows],
                  [("api", "POST", "/front/list.do", (("columnId", "66"), ("pageNo", "1"), ("pageSize", "10")),
                    {"X-Requested-With": "XMLHttpRequest"})])


SITES: list[Callable[[], JsSite]] = [_site_jq_form, _site_getjson_ids, _site_fetch_json, _site_xhr_hasnext, _site_axios_get,
                                     _site_jsonp, _site_xml, _site_html_in_json, _site_laypage, _site_vue_post,
                                     _site_external_script, _site_search_platform, _site_form_serialize]


def all_sites() -> list[JsSite]:
    return [make() for make in SITES]
