"""Site "jsapi": the portal of the fictional 青岚市公安局 on a 集约化 (province-wide site-cluster) platform.

Lists and homepage boxes are rendered by JavaScript from data endpoints; article pages are server-rendered.
Opt-in: ``DemoWeb(js_site=True)`` or ``python -m demoweb --js-site`` (127.0.0.14).

* column pages ``/jwdt/index.html`` (警务动态), ``/jqtb/index.html`` (警情通报), ``/jcdt/index.html`` (基层动态)
  hold an empty container and a script (:mod:`demoweb.sites.jsapi_scripts`); their HTML links no article;
* 警务动态: ``POST /cms-api/front/article/pageList`` with form fields ``siteId``, ``channelId``, ``pageNo``,
  ``pageSize`` and the header ``X-Requested-With: XMLHttpRequest`` (jQuery sends it);
  JSON ``{"code":200,"data":{"total","pages","pageNo","pageSize","list":[{docId, docTitle, docPubUrl,
  pubDate (epoch ms), docSource, …}]}}``; articles ``/jwdt/202211/t20221128_1380123.html``;
* 警情通报: ``GET /cms-api/front/info/list?columnCode=jqtb&page=N&rows=10``; JSON ``{"success":true,
  "totalCount","totalPage","currentPage","rows":[{id, infoTitle, publishTime, infoSource}]}`` — no URL in
  the records: the script builds ``/jqtb/content/post_{id}.html`` from a template in the page;
* 基层动态: ``GET /cms-api/open/v2/list?data=<base64 JSON {cid,pageNo,pageSize}>&t=<ms>&sign=<md5>``,
  signed by ``/static/js/gw-sign.min.js`` (:func:`gateway_sign`), valid for :data:`SIGN_WINDOW_MS`; JSON
  ``{"status":0,"result":{"count","pageNo","pageSize","items":[{articleId, title, url (absolute),
  createTime, deptName}]}}``; articles ``/jcdt/2022/1128/20123.shtml``. Readable only by running the scripts;
* homepage boxes: ``GET /cms-api/front/portal/boxes?boxIds=jwdt,jqtb&num=7&callback=…`` (JSONP);
* every endpoint answers only the requests its script makes: a wrong method is 405, a missing or malformed
  parameter 400, a missing ``X-Requested-With`` or a bad signature 403 — each with a JSON error body, as
  real APIs do; a page past the last answers an empty list with the same totals;
* furniture with article-like URLs that are not articles of any column: a scrolling notice list (滚动公告, a
  ``<marquee>`` on the homepage, a script-scrolled ``<ul>`` elsewhere) linking ``/gsgg/…/t…_….html`` notices,
  联系我们 / 网站地图 / 网站声明 / 隐私声明 pages at ``/gywm/202101/t20210104_90001.html`` and the like, and on
  list pages a side banner (an anchor with no text) to a 专题 page; list pages include their header page as a
  complete HTML document nested in the body, as SSI includes of such templates do;
  a visitor counter and per-article hit counter fetched by script (JSON that is no list);
* article pages: government meta tags, info line with seconds, body in ``div#zoom``, share bar, 上一篇/下一篇
  (not on 基层动态, whose neighbours the platform loads by script too), one 警务动态 article with a data table.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any

from demoweb.facts import QINGLAN
from demoweb.model import ArticleMeta, Column, ColumnSpec
from demoweb.sites.base import Request, Response, SiteBase, esc
from demoweb.sites.jsapi_scripts import (
    HOME_BOXES_JS,
    LIST_AJAX_JS,
    LIST_FETCH_JS,
    LIST_SIGNED_JS,
    PORTAL_JS,
    SIGN_JS,
)

SITE_ID = "36"
API_ARTICLES = "/cms-api/front/article/pageList"
API_INFO = "/cms-api/front/info/list"
API_GATEWAY = "/cms-api/open/v2/list"
API_BOXES = "/cms-api/front/portal/boxes"
API_VISITS = "/cms-api/front/visit/count"
API_HITS = "/cms-api/front/article/hits"
#: 警务动态's channel id (POST endpoint) and 基层动态's gateway column id
CHANNEL_ID = "1021"
GATEWAY_CID = "1041"
INFO_DETAIL_TPL = "/{code}/content/post_{id}.html"
GATEWAY_SECRET = "qlga#5d2e84b0@7f3c"
#: a signed request is honoured this long (either side of the server clock), as gateways bound replays
SIGN_WINDOW_MS = 10 * 60 * 1000
MAX_PAGE_SIZE = 50
HOME_BOX_ITEMS = 7
BEIJING = timezone(timedelta(hours=8))
JSON_TYPE = "application/json;charset=UTF-8"

#: column key → how a crawler reaches its articles (see demoweb.truth.READ_BY)
READ_BY = {"jwdt": ("endpoint", "browser"), "jqtb": ("endpoint", "browser"), "jcdt": ("browser",)}

#: 滚动公告: notices linked only from the ticker: (path, title, day, paragraphs)
TICKER = (
    ("/gsgg/202212/t20221230_2900106.html", "市公安局出入境接待大厅元旦春节期间办公时间安排", "2022-12-30", (
        "元旦假期（1月1日至2日）出入境接待大厅暂停对外办公，1月3日起恢复正常。",
        "春节前最后一周（1月16日至20日）每日延长办公至18:30，方便返乡群众办理证件。",
    )),
    ("/gsgg/202212/t20221226_2900105.html", "青岚市公安局2022年度公开招聘警务辅助人员拟聘用人员名单公示", "2022-12-26", (
        "经笔试、体能测评、面试、体检和考察，现将拟聘用人员名单予以公示，公示期为5个工作日。",
        "公示期间如有异议，请以书面形式向市公安局政治部反映，反映人须署真实姓名和联系方式。",
    )),
    ("/gsgg/202212/t20221220_2900104.html", "关于启用新版机动车驾驶人考试预约系统的公告", "2022-12-20", (
        "自2023年1月1日起，本市机动车驾驶人考试统一通过新版预约系统办理，原预约入口同时停用。",
        "已预约2023年1月考试的学员无需重新预约，考试时间以短信通知为准。",
    )),
    ("/gsgg/202212/t20221215_2900103.html", "关于公开征集涉黑涉恶违法犯罪线索的公告", "2022-12-15", (
        "市公安局面向社会公开征集涉黑涉恶违法犯罪线索，群众可通过来信、来电或当面反映等方式举报。",
        "对举报有功人员，公安机关将依照有关规定给予奖励，并对举报人信息严格保密。",
    )),
    ("/gsgg/202211/t20221108_2900102.html", "关于调整部分派出所户籍窗口办公时间的公告", "2022-11-08", (
        "因辖区调整，湖心派出所、站前派出所户籍窗口自11月14日起调整为工作日8:30至17:00办公。",
        "周六上午实行预约服务，群众可通过“青岚公安”微信公众号提前预约。",
    )),
    ("/gsgg/202201/t20220120_2900101.html", "青岚市公安局2021年政府信息公开工作年度报告", "2022-01-20", (
        "本报告依据《中华人民共和国政府信息公开条例》编制，内容包括主动公开、依申请公开等情况。",
        "2021年，本局通过门户网站主动公开政府信息1260条，办理依申请公开14件，均在法定期限内答复。",
    )),
)

#: footer and top-bar pages with article-like URLs: (path, title, paragraphs)
FURNITURE = (
    ("/gywm/202101/t20210104_90001.html", "联系我们", (
        "地址：青岚市东湖区青岚大道268号",
        "值班电话：0749-2286110　邮政编码：418000",
        "网站内容纠错邮箱：gaj_web@qinglan.gov.cn",
    )),
    ("/wzdt/202101/t20210104_90002.html", "网站地图", (
        "警务资讯：警务动态、警情通报、基层动态",
        "办事服务：户政业务、出入境业务、交管业务",
        "互动交流：局长信箱、网上咨询、意见征集",
    )),
    ("/wzsm/202101/t20210104_90003.html", "网站声明", (
        "本网站由青岚市公安局主办，所载信息未经授权不得转载、摘编。",
        "本网站不受理报警求助，紧急情况请直接拨打110。",
    )),
    ("/yssm/202101/t20210104_90004.html", "隐私声明", (
        "本网站收集的个人信息仅用于办理您提交的事项，不会向第三方提供。",
        "您可以通过联系我们页面公布的方式查询、更正您提交的个人信息。",
    )),
)

#: a 专题 page linked from the list pages' side banner by an anchor with no text: (path, title, paragraphs)
SPECIAL_TOPIC = ("/ztzl/202206/t20220601_91001.html", "平安青岚建设专题", (
    "本专题集中展示我市平安青岚建设的工作部署、经验做法和阶段成效。",
    "欢迎广大群众通过局长信箱对平安建设工作提出意见和建议。",
))

STATIC_PAGES = {
    "/bsfw/index.html": ("办事服务", (
        "户政业务：居民身份证申领、户口迁移、出生登记等业务可在户籍所在地派出所办理。",
        "出入境业务：市公安局出入境接待大厅（东湖区青岚大道268号附楼），咨询电话0749-2286137。",
        "交管业务：机动车登记、驾驶证换证等业务可通过“交管12123”APP在线办理。",
    )),
    "/hdjl/index.html": ("互动交流", (
        "局长信箱：受理群众对公安工作的意见建议和投诉举报，工作日内回复。",
        "网上咨询：咨询户政、出入境、交管等业务办理问题。",
    )),
}

CSS = """body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f5f7fa}
a{color:#333;text-decoration:none}a:hover{color:#1a4f9c}ul{margin:0;padding:0;list-style:none}
.w1200{width:1200px;margin:0 auto}.top-bar{height:34px;line-height:34px;background:#eef2f7;font-size:13px}
.top-bar .links{float:right}.top-bar .links a{margin-left:14px}.header{height:120px;background:#1a4f9c}
.header .logo{display:block;padding-top:36px;font-size:32px;color:#fff;font-weight:bold}
.nav{background:#123d7a}.nav li{display:inline-block}.nav a{display:block;padding:0 28px;line-height:46px;color:#fff}
.notice-bar{height:38px;line-height:38px;background:#fff;border-bottom:1px solid #e3e8ef;overflow:hidden}
.notice-bar .label{float:left;color:#c00;font-weight:bold}.notice-scroll{height:38px;overflow:hidden}
.main,.list-wrap{overflow:hidden}.side{float:left;width:220px}.list-main{margin-left:250px;background:#fff;padding:10px 20px}
.side-banner{display:block;width:220px;height:90px;margin-top:16px;background:#1a4f9c}
.box{float:left;width:580px;margin:20px 10px;background:#fff}.box-hd{border-bottom:2px solid #1a4f9c}
.box-hd h3{display:inline-block;margin:0;padding:0 16px;background:#1a4f9c;color:#fff;font-size:16px}
.box-hd .more{float:right;font-size:12px}.box-list li{line-height:34px}.box-list span{float:right;color:#999}
.news-list li{line-height:40px;border-bottom:1px dashed #ddd}.news-list .date{float:right;color:#999}
.pager,.layui-laypage,#jcdtPager{margin:20px 0;text-align:center}.pager a,.layui-laypage a{margin:0 4px;padding:4px 10px;border:1px solid #ddd}
.pager a.cur,.layui-laypage-curr em{background:#1a4f9c;color:#fff}.layui-disabled{color:#bbb}
.card{padding:12px 0;border-bottom:1px solid #eee}.card h4{margin:0;font-size:16px}.card .meta span{margin-right:16px;color:#999}
.pg-btn{margin:0 3px;padding:4px 12px;border:1px solid #ccd;background:#fff;cursor:pointer}.pg-btn.active{background:#1a4f9c;color:#fff}
.info-table{width:100%;border-collapse:collapse}.info-table td,.info-table th{padding:8px;border-bottom:1px solid #eee}
.detail{background:#fff;padding:30px 60px}.detail-title{text-align:center;font-size:24px}
.detail-info{text-align:center;color:#888;border-bottom:1px solid #e5e5e5;padding-bottom:10px}.detail-info span{margin:0 10px}
.detail-content{font-size:16px;line-height:2}.footer{margin-top:30px;padding:20px 0;background:#1f3553;color:#c9d2de;text-align:center}
.footer a{color:#c9d2de}
"""


def gateway_sign(data: str, t: str) -> str:
    """The signature ``GW.get`` sends: MD5 of the base64 parameters, the timestamp and the secret."""
    return hashlib.md5((data + t + GATEWAY_SECRET).encode("utf-8")).hexdigest()


def gateway_query(params: dict[str, Any], now_ms: int | None = None) -> str:
    """The query string ``GW.get`` builds for ``params`` at ``now_ms`` (for tests: a request as the script makes it)."""
    data = base64.b64encode(json.dumps(params, separators=(",", ":")).encode("utf-8")).decode("ascii")
    t = str(int(time.time() * 1000) if now_ms is None else now_ms)
    return f"data={data.replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')}&t={t}&sign={gateway_sign(data, t)}"


def epoch_ms(dt: datetime) -> int:
    """Milliseconds since the epoch of a Beijing wall-clock time (how the JSON carries dates)."""
    return int(dt.replace(tzinfo=BEIJING).timestamp() * 1000)


def json_response(status: int, obj: object, callback: str = "") -> Response:
    """A JSON body (or JSONP when ``callback`` is given), UTF-8, as Spring-style platforms send it."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if callback:
        return Response(status, "application/javascript;charset=UTF-8", f"/**/{callback}({text});".encode())
    return Response(status, JSON_TYPE, text.encode("utf-8"))


class BadRequest(Exception):
    """A request the endpoint's own script would never make: answered with a JSON error of ``status``."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(body)
        self.status = status
        self.body = body
        self.headers = headers or {}


def _int_param(params: dict[str, list[str]], name: str, lo: int, hi: int,
               error: Callable[[str], dict[str, Any]]) -> int:
    """A required integer parameter in [lo, hi]; ``error(message)`` builds the 400 body."""
    raw = params.get(name, [""])[0].strip()
    if not raw:
        raise BadRequest(400, error(f"参数{name}不能为空"))
    if not re.fullmatch(r"\d{1,9}", raw) or not lo <= int(raw) <= hi:
        raise BadRequest(400, error(f"参数{name}格式不正确"))
    return int(raw)


class JsApiSite(SiteBase):
    """集约化-platform portal of 青岚市公安局: lists by script, articles server-rendered."""

    key = "jsapi"
    name = "青岚市公安局"
    locale = QINGLAN
    encoding = "utf-8"
    html_content_type = "text/html;charset=UTF-8"
    server_header = "nginx"
    sources = ("青岚市公安局", "青岚市公安局", "青岚市公安局", "东湖分局", "西岭分局", "白河县公安局",
               "松溪县公安局", "青岚市公安局交警支队", "青岚市公安局反诈中心")

    def column_specs(self, articles_per_column: int | None) -> list[ColumnSpec]:
        return [
            ColumnSpec("jwdt", "警务动态", "news", articles_per_column or 46, 15, 1380000, table_index=6),
            ColumnSpec("jqtb", "警情通报", "notice", 23, 10, 5500),
            ColumnSpec("jcdt", "基层动态", "news", 22, 10, 20000),
        ]

    # ---- URLs -------------------------------------------------------------------------
    def list_paths(self, col: Column) -> list[str]:
        return [f"/{col.key}/index.html"]

    def article_path(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        if col.key == "jqtb":
            return INFO_DETAIL_TPL.replace("{code}", col.key).replace("{id}", str(art.uid))
        if col.key == "jcdt":
            return f"/jcdt/{p:%Y}/{p:%m%d}/{art.uid}.shtml"
        return f"/{col.key}/{p:%Y%m}/t{p:%Y%m%d}_{art.uid}.html"

    def attachment_path(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        return f"/uploadfiles/{p:%Y%m}/P0{p:%Y%m%d}{art.uid}.pdf"

    def page_paths(self) -> list[str]:
        return ["/", *STATIC_PAGES, *(t[0] for t in TICKER), *(f[0] for f in FURNITURE), SPECIAL_TOPIC[0]]

    def published_at(self, dt: datetime) -> str:
        return dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")

    def read_by(self, col: Column) -> tuple[str, ...]:
        return READ_BY[col.key]

    def _column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    # ---- routing ----------------------------------------------------------------------
    def asset(self, path: str) -> Response | None:
        scripts = {"/static/js/jquery.min.js": _jquery, "/static/js/gw-sign.min.js": _sign_js,
                   "/static/js/portal.js": _portal_js}
        if path in scripts:
            return Response(200, "application/javascript;charset=UTF-8", scripts[path](),
                            {"Cache-Control": "max-age=86400"})
        if path == "/static/css/portal.css":
            return Response(200, "text/css;charset=UTF-8", CSS.encode("utf-8"))
        return None

    def route(self, req: Request) -> Response | None:
        path = req.path
        apis = {API_ARTICLES: self.api_articles, API_INFO: self.api_info, API_GATEWAY: self.api_gateway,
                API_BOXES: self.api_boxes, API_VISITS: self.api_visits, API_HITS: self.api_hits}
        if path in apis:
            try:
                return apis[path](req)
            except BadRequest as exc:
                resp = json_response(exc.status, exc.body)
                resp.headers.update(exc.headers)
                return resp
        if path in ("/", "/index.html"):
            return self.html(self.home())
        if path in STATIC_PAGES:
            title, paras = STATIC_PAGES[path]
            return self.html(self.plain_page(title, "", paras))
        for p, title, day, paras in TICKER:
            if path == p:
                return self.html(self.plain_page(title, day, paras, crumb="公示公告"))
        for p, title, paras in (*FURNITURE, SPECIAL_TOPIC):
            if path == p:
                return self.html(self.plain_page(title, "2021-01-04", paras))
        m = re.fullmatch(r"/(\w+)/(?:index\.html)?", path)
        if m:
            col = self._column(m.group(1))
            return self.html(self.list_page(col)) if col else None
        m = re.search(r"(\d+)\.s?html$", path)
        if m:
            found = self.by_uid.get(int(m.group(1)))
            if found and self.article_path(*found) == path:
                return self.html(self.article_page(*found))
        return None

    # ---- data endpoints -----------------------------------------------------------------
    @staticmethod
    def _method(req: Request, allowed: str, error: dict[str, Any]) -> None:
        if req.method != allowed:
            raise BadRequest(405, error, {"Allow": allowed})

    def api_articles(self, req: Request) -> Response:
        """警务动态: jQuery POST of form fields; the platform's article list API."""
        def err(msg: str, code: int = 400) -> dict[str, Any]:
            return {"code": code, "msg": msg, "data": None}

        self._method(req, "POST", err(f"Request method '{req.method}' not supported", 405))
        if req.headers.get("x-requested-with") != "XMLHttpRequest":
            raise BadRequest(403, err("非法请求", 403))
        params = {**req.query, **req.form}
        if params.get("siteId", [""])[0] != SITE_ID:
            raise BadRequest(400, err("站点不存在"))
        if params.get("channelId", [""])[0] != CHANNEL_ID:
            raise BadRequest(400, err("栏目不存在或未发布"))
        page_no = _int_param(params, "pageNo", 1, 10**9, err)
        size = _int_param(params, "pageSize", 1, MAX_PAGE_SIZE, err)
        col = self._column("jwdt")
        assert col is not None
        arts = col.articles[(page_no - 1) * size: page_no * size]
        records = [{
            "docId": a.uid, "docTitle": a.title, "docPubUrl": self.article_path(col, a),
            "pubDate": epoch_ms(a.published), "docSource": a.source, "channelName": col.name,
            "docAbstract": self._abstract(col, a), "hits": a.views,
        } for a in arts]
        total = len(col.articles)
        return json_response(200, {"code": 200, "msg": "操作成功", "data": {
            "pageNo": page_no, "pageSize": size, "total": total, "pages": math.ceil(total / size), "list": records}})

    def api_info(self, req: Request) -> Response:
        """警情通报: fetch GET with query parameters; records carry an id, not a URL."""
        def err(msg: str) -> dict[str, Any]:
            return {"success": False, "message": msg, "rows": []}

        self._method(req, "GET", err("不支持的请求方式"))
        code = req.arg("columnCode")
        if not code:
            raise BadRequest(400, err("参数columnCode不能为空"))
        col = self._column(code)
        if col is None or code != "jqtb":
            raise BadRequest(400, err("栏目不存在"))
        page = _int_param(req.query, "page", 1, 10**9, err)
        rows = _int_param(req.query, "rows", 1, MAX_PAGE_SIZE, err)
        arts = col.articles[(page - 1) * rows: page * rows]
        total = len(col.articles)
        return json_response(200, {
            "success": True, "message": None, "totalCount": total, "totalPage": math.ceil(total / rows),
            "currentPage": page, "rows": [{
                "id": str(a.uid), "infoTitle": a.title, "publishTime": f"{a.published:%Y-%m-%d %H:%M:%S}",
                "infoSource": a.source, "isTop": 0} for a in arts]})

    def api_gateway(self, req: Request) -> Response:
        """基层动态: the API gateway; parameters in signed base64 JSON, so only the page's script can ask."""
        def err(status: int, msg: str) -> dict[str, Any]:
            return {"status": status, "message": msg, "result": None}

        self._method(req, "GET", err(405, "Method Not Allowed"))
        data, t, sign = req.arg("data"), req.arg("t"), req.arg("sign")
        if not (data and t and sign):
            raise BadRequest(400, err(400, "缺少必要参数"))
        if not re.fullmatch(r"\d{13}", t) or abs(int(t) - int(time.time() * 1000)) > SIGN_WINDOW_MS:
            raise BadRequest(403, err(403, "请求已过期"))
        if sign.lower() != gateway_sign(data, t):
            raise BadRequest(403, err(403, "签名校验失败"))
        try:
            params = json.loads(base64.b64decode(data, validate=True))
        except (binascii.Error, ValueError):
            raise BadRequest(400, err(400, "参数格式不正确")) from None
        if not isinstance(params, dict) or params.get("cid") != GATEWAY_CID:
            raise BadRequest(400, err(400, "栏目不存在"))
        page_no, size = params.get("pageNo"), params.get("pageSize")
        if not (isinstance(page_no, int) and isinstance(size, int) and page_no >= 1 and 1 <= size <= MAX_PAGE_SIZE):
            raise BadRequest(400, err(400, "分页参数不正确"))
        col = self._column("jcdt")
        assert col is not None
        arts = col.articles[(page_no - 1) * size: page_no * size]
        return json_response(200, {"status": 0, "message": "ok", "result": {
            "count": len(col.articles), "pageNo": page_no, "pageSize": size, "items": [{
                "articleId": a.uid, "title": a.title, "url": self.base_url + self.article_path(col, a),
                "createTime": f"{a.published:%Y-%m-%d}", "deptName": a.source} for a in arts]}})

    def api_boxes(self, req: Request) -> Response:
        """Homepage boxes, JSONP: the newest ``num`` items of each requested column."""
        def err(msg: str) -> dict[str, Any]:
            return {"code": 400, "msg": msg, "data": None}

        self._method(req, "GET", err("不支持的请求方式"))
        callback = req.arg("callback")
        if callback and not re.fullmatch(r"[A-Za-z_$][\w$.]{0,79}", callback):
            raise BadRequest(400, err("callback不合法"))
        ids = [b for b in req.arg("boxIds").split(",") if b]
        if not ids:
            raise BadRequest(400, err("参数boxIds不能为空"))
        num = _int_param(req.query, "num", 1, 20, err)
        boxes = []
        for box in ids:
            col = self._column(box)
            if col is None or box not in ("jwdt", "jqtb"):
                raise BadRequest(400, err(f"区块{box}不存在"))
            boxes.append({"boxId": box, "boxName": col.name, "items": [{
                "title": a.title, "linkUrl": self.article_path(col, a), "showDate": f"{a.published:%m-%d}"}
                for a in col.articles[:num]]})
        return json_response(200, {"code": 200, "msg": "success", "data": boxes}, callback)

    def api_visits(self, req: Request) -> Response:
        """The footer's visitor counter: JSON, but no list."""
        with self._lock:
            total = 1283391 + sum(self.hits.values())
        return json_response(200, {"code": 200, "msg": "success", "data": {"total": total, "today": total % 997}})

    def api_hits(self, req: Request) -> Response:
        """An article's view count, written into its info line by script."""
        doc = req.arg("docId")
        found = self.by_uid.get(int(doc)) if doc.isdigit() else None
        if found is None:
            raise BadRequest(400, {"code": 400, "msg": "文档不存在", "data": None})
        return json_response(200, {"code": 200, "msg": "success", "data": found[1].views})

    def _abstract(self, col: Column, art: ArticleMeta) -> str:
        first = next((b for b in self.blocks(col, art) if isinstance(b, str)), "")
        return first[:48] + "…" if len(first) > 48 else first

    # ---- templates --------------------------------------------------------------------
    def _head(self, title: str, metas: str = "") -> str:
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
            f"<title>{esc(title)}</title>\n"
            f'<meta name="SiteName" content="{self.name}">\n<meta name="SiteDomain" content="{self.locale.domain}">\n'
            f'<meta name="SiteIDCode" content="{self.locale.site_code}">\n{metas}'
            '<link rel="stylesheet" type="text/css" href="/static/css/portal.css">\n'
            '<script type="text/javascript" src="/static/js/jquery.min.js"></script>\n</head>\n<body>\n'
        )

    def _header(self, marquee: bool = False) -> str:
        nav = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in (
            ("/", "首页"), ("/jwdt/index.html", "警务动态"), ("/jqtb/index.html", "警情通报"),
            ("/jcdt/index.html", "基层动态"), ("/bsfw/index.html", "办事服务"), ("/hdjl/index.html", "互动交流")))
        items = "".join(f'<li><a href="{p}" target="_blank" title="{esc(t)}">{esc(t)}</a></li>' for p, t, _, _ in TICKER)
        if marquee:
            ticker = ('<marquee direction="left" scrollamount="3" onmouseover="this.stop()" onmouseout="this.start()">'
                      + "".join(f'<a href="{p}" target="_blank">{esc(t)}</a>&emsp;&emsp;' for p, t, _, _ in TICKER)
                      + "</marquee>")
        else:
            ticker = f'<div class="notice-scroll" id="noticeScroll"><ul>{items}</ul></div>'
        contact, sitemap = FURNITURE[0][0], FURNITURE[1][0]
        return (
            '<div class="top-bar"><div class="w1200"><span id="today"></span><span class="links">'
            '<a href="javascript:void(0)" onclick="return false;">无障碍浏览</a>'
            '<a href="javascript:void(0)" onclick="return false;">长者模式</a>'
            f'<a href="{contact}">联系我们</a><a href="{sitemap}">网站地图</a></span></div></div>\n'
            f'<div class="header"><div class="w1200"><a class="logo" href="/">{self.name}</a></div></div>\n'
            f'<div class="nav"><ul class="w1200">{nav}</ul></div>\n'
            f'<div class="notice-bar"><div class="w1200"><span class="label">滚动公告：</span>{ticker}</div></div>\n'
        )

    def _footer(self) -> str:
        links = " | ".join(f'<a href="{p}" target="_blank">{t}</a>' for p, t, _ in FURNITURE)
        lines = "".join(f"<p>{line}</p>" for line in self.footer_lines())
        return (
            f'<div class="footer"><div class="w1200"><p class="footer-links">{links}</p>{lines}'
            '<p>您是本站第<span id="visitCount">--</span>位访客</p></div></div>\n'
            '<script type="text/javascript" src="/static/js/portal.js"></script>\n'
        )

    def home(self) -> str:
        boxes = "".join(
            f'<div class="box" id="box-{col.key}"><div class="box-hd"><h3>{esc(col.name)}</h3>'
            f'<a class="more" href="/{col.key}/index.html" target="_blank">更多&gt;&gt;</a></div>'
            f'<ul class="box-list" data-box="{col.key}"></ul></div>\n'
            for col in self.columns if col.key in ("jwdt", "jqtb"))
        script = HOME_BOXES_JS.replace("@@API@@", API_BOXES).replace("@@NUM@@", str(HOME_BOX_ITEMS))
        services = "".join(f'<li><a href="/bsfw/index.html">{s}</a></li>' for s in ("户政办理", "出入境办理", "交管业务"))
        return (
            self._head(self.name) + self._header(marquee=True)
            + '<div class="w1200 main">\n' + boxes
            + f'<div class="box"><div class="box-hd"><h3>便民服务</h3></div><ul class="service">{services}</ul></div>\n'
            + '</div>\n' + script + "\n" + self._footer() + "</body>\n</html>\n"
        )

    def list_page(self, col: Column) -> str:
        size = col.spec.page_size
        if col.key == "jwdt":
            body = (f'<input type="hidden" id="channelId" name="channelId" value="{CHANNEL_ID}">\n'
                    f'<ul class="news-list" id="newsList" data-page-size="{size}">'
                    '<li class="loading">数据加载中……</li></ul>\n<div class="pager" id="pager"></div>\n')
            script = LIST_AJAX_JS.replace("@@SITE_ID@@", SITE_ID).replace("@@API@@", API_ARTICLES)
        elif col.key == "jqtb":
            body = (f'<div class="info-list" id="infoList" data-column="{col.key}" data-rows="{size}"></div>\n'
                    '<div id="laypage"></div>\n')
            script = LIST_FETCH_JS.replace("@@API@@", API_INFO).replace("@@DETAIL_TPL@@", INFO_DETAIL_TPL)
        else:
            body = '<div class="jcdt-list" id="jcdtList"></div>\n<div id="jcdtPager"></div>\n'
            script = (LIST_SIGNED_JS.replace("@@CID@@", GATEWAY_CID).replace("@@SIZE@@", str(size))
                      .replace("@@API@@", API_GATEWAY))
        side = "".join(f'<li><a href="/{c.key}/index.html">{esc(c.name)}</a></li>' for c in self.columns)
        topic, _, _ = SPECIAL_TOPIC
        # the template includes its header page whole (a complete document inside the body), as SSI
        # includes of 集约化 templates do; the side banner is an anchor with no text, only a CSS image
        header = (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{self.name}</title>\n'
                  '<link rel="stylesheet" type="text/css" href="/static/css/portal.css">\n</head>\n<body>\n'
                  + self._header() + "</body>\n</html>\n")
        return (
            self._head(f"{col.name}_{self.name}", f'<meta name="ColumnName" content="{esc(col.name)}">\n')
            + header
            + f'<div class="w1200 crumb">当前位置：<a href="/">首页</a> &gt; <a href="/{col.key}/index.html">'
            + f"{esc(col.name)}</a></div>\n"
            + f'<div class="w1200 list-wrap"><div class="side"><h3>警务资讯</h3><ul>{side}</ul>'
            + f'<a class="side-banner" href="{topic}" target="_blank"></a></div>\n'
            + f'<div class="list-main"><div class="list-title">{esc(col.name)}</div>\n{body}'
            + "<noscript>您的浏览器已禁用JavaScript，请启用后浏览本栏目。</noscript>\n</div></div>\n"
            + script + "\n" + self._footer() + "</body>\n</html>\n"
        )

    def plain_page(self, title: str, day: str, paras: tuple[str, ...], crumb: str = "") -> str:
        """A CMS page that is no article of a column (notice, contact page, service page)."""
        body = "".join(f'<p style="text-indent:2em;">{esc(p)}</p>' for p in paras)
        trail = f" &gt; {crumb}" if crumb else ""
        info = f'<div class="detail-info"><span>发布时间：{day}</span></div>' if day else ""
        return (
            self._head(f"{title}_{self.name}") + self._header()
            + f'<div class="w1200 crumb">当前位置：<a href="/">首页</a>{trail} &gt; {esc(title)}</div>\n'
            + f'<div class="w1200 detail"><h1 class="detail-title">{esc(title)}</h1>{info}'
            + f'<div class="detail-content">{body}</div></div>\n'
            + self._footer() + "</body>\n</html>\n"
        )

    def article_page(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        metas = "".join(f'<meta name="{k}" content="{esc(v)}">\n' for k, v in (
            ("ColumnName", col.name), ("ColumnType", col.name), ("ArticleTitle", art.title),
            ("PubDate", f"{p:%Y-%m-%d %H:%M}"), ("ContentSource", art.source), ("Keywords", col.name),
            ("Description", art.title)))
        parts: list[str] = []
        for block in self.blocks(col, art):
            if isinstance(block, str):
                parts.append(f'<p style="text-indent:2em;">{esc(block)}</p>')
            else:
                rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block)
                parts.append(f'<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="6" '
                             f'align="center"><tbody>{rows}</tbody></table>')
        att = ""
        if art.attachment:
            att = (f'<div class="attach">附件：<a href="{self.attachment_path(col, art)}" target="_blank">'
                   f"{esc(art.attachment)}</a></div>\n")
        nav = ""
        if col.key != "jcdt":
            prev, nxt = col.neighbours(art)

            def link(a: ArticleMeta | None) -> str:
                return f'<a href="{self.article_path(col, a)}">{esc(a.title)}</a>' if a else "没有了"

            nav = f'<div class="prev-next"><p>上一篇：{link(prev)}</p><p>下一篇：{link(nxt)}</p></div>\n'
        hits = ('<script type="text/javascript">$.getJSON("' + API_HITS + '", {docId: "' + str(art.uid)
                + '"}, function (r) { if (r.code === 200) { $("#docHits").text(r.data); } });</script>\n')
        return (
            self._head(f"{art.title}_{self.name}", metas) + self._header()
            + f'<div class="w1200 crumb">当前位置：<a href="/">首页</a> &gt; <a href="/{col.key}/index.html">'
            + f"{esc(col.name)}</a> &gt; 正文</div>\n"
            + f'<div class="w1200 detail">\n<h1 class="detail-title">{esc(art.title)}</h1>\n'
            + f'<div class="detail-info"><span>发布时间：{p:%Y-%m-%d %H:%M:%S}</span><span>来源：{esc(art.source)}</span>'
            + '<span>浏览次数：<em id="docHits">--</em></span><span>字号：'
            + '<a href="javascript:void(0)" onclick="setFont(18)">大</a> '
            + '<a href="javascript:void(0)" onclick="setFont(16)">中</a> '
            + '<a href="javascript:void(0)" onclick="setFont(14)">小</a></span></div>\n'
            + '<div class="detail-content" id="zoom">\n' + "\n".join(parts) + "\n</div>\n" + att
            + '<div class="share">分享到：<a href="javascript:void(0)" class="share-wx">微信</a> '
            + '<a href="javascript:void(0)" class="share-wb">微博</a> '
            + '<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>\n'
            + nav + "</div>\n" + hits + self._footer() + "</body>\n</html>\n"
        )


@cache
def _jquery() -> bytes:
    """jQuery itself (the XStatic-jQuery package), served as the portal's own copy."""
    from xstatic.pkg import jquery

    with open(f"{jquery.BASE_DIR}/jquery.min.js", "rb") as fh:
        return fh.read()


@cache
def _sign_js() -> bytes:
    codes = ",".join(str(ord(c)) for c in reversed(GATEWAY_SECRET))
    return SIGN_JS.replace("@@SECRET_CODES@@", codes).encode("utf-8")


@cache
def _portal_js() -> bytes:
    return PORTAL_JS.replace("@@SITE_ID@@", SITE_ID).encode("utf-8")
