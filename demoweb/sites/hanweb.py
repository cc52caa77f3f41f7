"""Site "hanweb": a Hanweb (大汉) JCMS site of 安吉县公安局, GBK bytes, no charset in HTTP headers.

* column pages ``/col/col1229123/index.html`` embed only the first page of
  records in a ``<script type="text/xml"><datastore>`` block; the rest comes
  from ``POST /module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15``
  (form fields col, appid, webid, path, columnid, sourceContentType, unitid,
  webname, permissiontype; columnid/unitid/webid are checked) or from the older
  ``GET dataproxy.jsp?page=N&…`` (N-th group of perpage*3 records);
* list pages declare ``charset=gb2312`` in a meta tag, article pages declare nothing;
* articles ``/art/2021/7/12/art_1229123_5890.html``, body between
  ``<meta name="ContentStart">`` and ``<meta name="ContentEnd">`` in ``div#zoom``,
  minute precision in the info line;
* tables: implemented — one news article (list position 4) carries a data table;
  its truth paragraphs are one paragraph per table row, cells joined by one space.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from demoweb.facts import ANJI
from demoweb.model import ArticleMeta, Column, ColumnSpec
from demoweb.sites.base import Request, Response, SiteBase, esc

WEBID = 3007
APPID = 1
PROXY = "/module/web/jpage/dataproxy.jsp"
UNITS = {"1229123": "4975881", "1229126": "4975890"}

STATIC_PAGES = {
    "/col/col1229130/index.html": ("网站声明", (
        "本网站是安吉县公安局主办的政务网站，网站内容仅供参考，以正式文件为准。",
        "凡本网站注明“来源：安吉县公安局”的所有作品，版权均属安吉县公安局所有，转载请注明出处。",
        "紧急报警请拨打110，网站内容纠错请拨打0572-5126110。",
    )),
    "/col/col1229131/index.html": ("办事指南", (
        "居民身份证办理：户籍所在地派出所户籍窗口或县行政服务中心公安窗口均可受理。",
        "出入境证件办理：县行政服务中心出入境窗口，咨询电话0572-5126137。",
        "无犯罪记录证明：可通过“浙里办”APP在线申请，一般3个工作日内办结。",
    )),
    "/col/col1229132/index.html": ("联系我们", (
        "地址：浙江省湖州市安吉县递铺街道天目路388号",
        "值班电话：0572-5126110",
        "邮政编码：313300",
    )),
}


class HanwebSite(SiteBase):
    """Hanweb JCMS site of 安吉县公安局 (GBK)."""

    key = "hanweb"
    name = "安吉县公安局"
    locale = ANJI
    encoding = "gbk"
    html_content_type = "text/html"
    server_header = "Apache-Coyote/1.1"
    disallow = ("/manager/",)
    sources = ("安吉县公安局", "安吉县公安局", "安吉县公安局", "安吉县公安局交警大队", "安吉县公安局刑侦大队",
               "递铺派出所", "孝丰派出所", "安吉县公安局反诈中心")

    def column_specs(self, articles_per_column: int | None) -> list[ColumnSpec]:
        return [
            ColumnSpec("1229123", "公安要闻", "news", articles_per_column or 40, 15, 5800000, table_index=4),
            ColumnSpec("1229126", "通知公告", "notice", 8, 5, 5700000),
        ]

    # ---- URLs -------------------------------------------------------------------------
    def list_paths(self, col: Column) -> list[str]:
        first = f"/col/col{col.key}/index.html"
        groups = -(-len(col.articles) // (col.spec.page_size * 3))
        return [first] + [self.group_url(col, n) for n in range(1, groups + 1)]

    def group_url(self, col: Column, n: int, quoted: bool = True) -> str:
        """GET form of the data proxy for group n (webname percent-encoded in UTF-8 if quoted)."""
        webname = quote(self.name) if quoted else self.name
        return (f"{PROXY}?page={n}&appid={APPID}&webid={WEBID}&path=/&columnid={col.key}"
                f"&unitid={UNITS[col.key]}&webname={webname}&permissiontype=0")

    def column_paths(self) -> list[str]:
        return [f"/col/col{col.key}/index.html" for col in self.columns]

    def article_path(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        return f"/art/{p.year}/{p.month}/{p.day}/art_{col.key}_{art.uid}.html"

    def attachment_path(self, col: Column, art: ArticleMeta) -> str:
        return f"/attach/0/{art.published:%y%m%d%H%M}{art.uid:x}.pdf"

    def page_paths(self) -> list[str]:
        return ["/", *STATIC_PAGES]

    def published_at(self, dt: datetime) -> str:
        return dt.strftime("%Y-%m-%dT%H:%M+08:00")

    # ---- routing ----------------------------------------------------------------------
    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/index.html"):
            return self.html(self.home())
        if path in STATIC_PAGES:
            return self.html(self.static_page(path))
        if path == PROXY:
            return self.proxy(req)
        if path == "/module/visitcount/articlehits.jsp":
            artid = req.arg("artid")
            found = self.by_uid.get(int(artid)) if artid.isdigit() else None
            views = found[1].views if found else 0
            return Response(200, "text/html", f'document.write("{views}");'.encode("ascii"))
        m = re.fullmatch(r"/col/col(\d+)/(?:index\.html)?", path)
        if m:
            col = self._column(m.group(1))
            return self.html(self.list_page(col)) if col else None
        m = re.fullmatch(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_(\d+)_(\d+)\.html", path)
        if m:
            found = self.by_uid.get(int(m.group(2)))
            if found and self.article_path(*found) == path:
                return self.html(self.article_page(*found))
        return None

    def _column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    # ---- data proxy -------------------------------------------------------------------
    def record(self, art: ArticleMeta) -> str:
        """One list record as stored in the datastore (inside CDATA)."""
        col = self._column(art.column_key)
        assert col is not None
        return (f'<li><a href="{self.article_path(col, art)}" target="_blank" title="{esc(art.title)}">'
                f"{esc(art.title)}</a><span>{art.published:%Y-%m-%d}</span></li>")

    def datastore(self, col: Column | None, arts: tuple[ArticleMeta, ...], nextgroup: str = "") -> str:
        """XML datastore answer."""
        total = len(col.articles) if col else 0
        recs = "\n".join(f"<record><![CDATA[\n{self.record(a)}\n]]></record>" for a in arts)
        ng = f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n" if nextgroup else ""
        return f"<datastore>\n{ng}<totalrecord>{total}</totalrecord>\n<recordset>\n{recs}\n</recordset>\n</datastore>"

    def proxy(self, req: Request) -> Response:
        """POST (startrecord/endrecord) and GET (page=N) forms of dataproxy.jsp."""
        params = req.form if req.method == "POST" else req.query
        def field(name: str) -> str:
            v = params.get(name)
            return v[0] if v else ""

        col = self._column(field("columnid"))
        ok = col is not None and field("unitid") == UNITS.get(col.key) and field("webid") == str(WEBID)
        arts: tuple[ArticleMeta, ...] = ()
        nextgroup = ""
        if ok and col is not None:
            try:
                per = int(req.arg("perpage", "") or field("perpage") or col.spec.page_size)
                if req.method == "POST":
                    start = max(1, int(req.arg("startrecord", "1")))
                    end = min(len(col.articles), int(req.arg("endrecord", str(start + per - 1))))
                    arts = col.articles[start - 1 : end] if end >= start else ()
                else:
                    n = int(field("page") or "1")
                    group = per * 3
                    arts = col.articles[(n - 1) * group : n * group] if n >= 1 else ()
                    if n * group < len(col.articles):
                        nextgroup = f'<a href="{esc(self.group_url(col, n + 1, quoted=False))}"></a>'
            except ValueError:
                arts = ()
        else:
            col = None
        return Response(200, "text/xml", self.datastore(col, arts, nextgroup).encode(self.encoding))

    # ---- templates --------------------------------------------------------------------
    def _head(self, title: str, charset: bool) -> str:
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n' if charset else ""
        return (
            "<html>\n<head>\n" + meta + f"<title>{esc(title)}</title>\n"
            '<link rel="stylesheet" type="text/css" href="/images/3007/style.css">\n'
            '<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>\n'
            "</head>\n<body>\n"
            '<div class="header"><div class="logo"><a href="/">安吉县公安局</a></div>'
            '<div class="date"><script>document.write(new Date().toLocaleDateString());</script></div></div>\n'
            '<div class="menu"><ul>'
            '<li><a href="/">首页</a></li>'
            '<li><a href="/col/col1229123/index.html">公安要闻</a></li>'
            '<li><a href="/col/col1229126/index.html">通知公告</a></li>'
            '<li><a href="/col/col1229131/index.html">办事指南</a></li>'
            '<li><a href="/col/col1229132/index.html">联系我们</a></li>'
            '<li><a href="/col/col1229130/index.html">网站声明</a></li>'
            "</ul></div>\n"
        )

    def _foot(self) -> str:
        lines = "<br>".join(self.footer_lines())
        return f'<div class="footer"><p>{lines}</p><p>建议使用1024×768分辨率浏览</p></div>\n</body>\n</html>\n'

    def home(self) -> str:
        parts = [self._head("安吉县公安局", True)]
        for col in self.columns:
            items = "".join(f"<li><a href=\"{self.article_path(col, a)}\" target=\"_blank\">{esc(a.title)}</a>"
                            f"<span>{a.published:%Y-%m-%d}</span></li>" for a in col.articles[:5])
            parts.append(f'<div class="bk"><div class="bk-t"><span>{esc(col.name)}</span>'
                         f'<a href="/col/col{col.key}/index.html">更多</a></div><ul>{items}</ul></div>\n')
        parts.append(self._foot())
        return "".join(parts)

    def static_page(self, path: str) -> str:
        title, paras = STATIC_PAGES[path]
        body = "".join(f"<p>{esc(p)}</p>" for p in paras)
        return (self._head(f"{title}_安吉县公安局", True)
                + f'<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <span>{esc(title)}</span></div>\n'
                + f'<div class="main"><div class="bt-title">{esc(title)}</div><div class="bt-con">{body}</div></div>\n'
                + self._foot())

    def list_page(self, col: Column) -> str:
        unit = UNITS[col.key]
        per = col.spec.page_size
        first = col.articles[:per]
        recs = "\n".join(f"<record><![CDATA[\n{self.record(a)}\n]]></record>" for a in first)
        ng = (f'<a href="{PROXY}?page=1&appid={APPID}&webid={WEBID}&path=/&columnid={col.key}'
              f'&unitid={unit}&webname={self.name}&permissiontype=0"></a>')
        total = len(col.articles)
        side = "".join(f'<li><a href="/col/col{c.key}/index.html">{esc(c.name)}</a></li>' for c in self.columns)
        return (
            self._head(f"{col.name}_安吉县公安局", True)
            + '<div class="bt-position">当前位置：<a href="/">首页</a> &gt; '
            + f'<a href="/col/col{col.key}/index.html">{esc(col.name)}</a></div>\n'
            + f'<div class="main"><div class="left"><ul>{side}</ul></div>\n<div class="right">\n'
            + f'<div class="bt-title">{esc(col.name)}</div>\n'
            + f'<div id="{unit}"><script type="text/xml"><datastore>\n'
            + f"<nextgroup><![CDATA[{ng}]]></nextgroup>\n<totalrecord>{total}</totalrecord>\n"
            + f"<recordset>\n{recs}\n</recordset>\n</datastore></script></div>\n"
            + '<script language="javascript" src="/module/web/jpage/jpage.js"></script>\n'
            + "<script>\n$(document).ready(function(){\n"
            + f"  var dataStore = $('#{unit}').find('datastore');\n"
            + f"  $('#{unit}').jpage({{\n    dataStore: dataStore,\n    perPage: {per},\n"
            + f"    totalRecord: {total},\n    proxyUrl: '{PROXY}',\n    groupSize: 3,\n"
            + "    barPosition: 'bottom',\n    ajaxParam: {\n      col: 1,\n"
            + f"      appid: {APPID},\n      webid: {WEBID},\n      path: '/',\n      columnid: {col.key},\n"
            + f"      sourceContentType: 1,\n      unitid: {unit},\n      webname: '{self.name}',\n"
            + "      permissiontype: 0\n    }\n  });\n});\n</script>\n"
            + "</div></div>\n"
            + self._foot()
        )

    def article_page(self, col: Column, art: ArticleMeta) -> str:
        parts: list[str] = []
        for i, block in enumerate(self.blocks(col, art)):
            if isinstance(block, str):
                if i % 2:
                    parts.append(f'<p style="text-indent:2em;"><span style="font-size:16px;">{esc(block)}</span></p>')
                else:
                    parts.append(f"<p>\u3000\u3000{esc(block)}</p>")
            else:
                rows = "".join(
                    "<tr>" + "".join(f'<td style="border:1px solid #000;">&nbsp;{esc(c)}&nbsp;</td>' for c in row)
                    + "</tr>" for row in block)
                parts.append(f'<table border="1" cellspacing="0" cellpadding="4" align="center"><tbody>{rows}'
                             "</tbody></table>")
        att = ""
        if art.attachment:
            att = (f'<div class="fujian">附件：<a href="{self.attachment_path(col, art)}" target="_blank">'
                   f"{esc(art.attachment)}</a></div>\n")
        prev, nxt = col.neighbours(art)

        def link(a: ArticleMeta | None) -> str:
            if a is None:
                return "无"
            return f'<a href="{self.article_path(col, a)}">{esc(a.title)}</a>'

        related = "".join(f"<li>{link(a)}</li>" for a in col.related(art))
        p = art.published
        return (
            self._head(f"{art.title}_安吉县公安局", False)
            + '<div class="bt-position">当前位置：<a href="/">首页</a> &gt; '
            + f'<a href="/col/col{col.key}/index.html">{esc(col.name)}</a></div>\n'
            + '<div class="main"><div class="article">\n'
            + f'<div class="title">{esc(art.title)}</div>\n'
            + f'<div class="info">发布日期：{p:%Y-%m-%d %H:%M}&nbsp;&nbsp;来源：{esc(art.source)}&nbsp;&nbsp;浏览次数：'
            + f'<script language="javascript" src="/module/visitcount/articlehits.jsp?colid={col.key}'
            + f'&amp;artid={art.uid}"></script>&nbsp;&nbsp;字号：[<a href="javascript:doZoom(20)">大</a> '
            + '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>]</div>\n'
            + '<div id="zoom">\n<!--ZJEG_RSS.content.begin--><meta name="ContentStart">\n'
            + "\n".join(parts)
            + '\n<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->\n</div>\n'
            + att
            + '<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a> '
            + '【<a href="javascript:window.print()">打印本页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</div>\n'
            + f'<div class="sxp"><p>上一篇：{link(prev)}</p><p>下一篇：{link(nxt)}</p></div>\n'
            + f'<div class="xgxw"><div class="xgxw-t">相关新闻</div><ul>{related}</ul></div>\n'
            + "</div></div>\n"
            + self._foot()
        )
