"""Site "trs": a TRS WCM static site (UTF-8, full government meta tags).

* columns ``/jwzx/jwdt/`` (警务动态) and ``/jwzx/tzgg/`` (通知公告);
* pagination ``index.html``, ``index_1.html`` … announced only by
  ``createPageHTML(n, i, "index", "html")``;
* articles ``./YYYYMM/tYYYYMMDD_ID.html`` with SiteName/PubDate/… meta tags,
  body in ``div.TRS_Editor``; the info line shows seconds;
* one news article restates the 2021-07 anti-fraud bulletin (:data:`content.SEED_ARTICLE_BODY`).
"""

from __future__ import annotations

import re
from datetime import datetime

from demoweb import content
from demoweb.facts import JINCHENG
from demoweb.model import ArticleMeta, Column, ColumnSpec, FixedArticle
from demoweb.sites.base import Request, Response, SiteBase, esc

PAGE_JS = """<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount <= 1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0){
    document.write("首页&nbsp;上一页&nbsp;");
  } else {
    document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
    if(nCurrIndex == 1){
      document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">上一页</a>&nbsp;");
    } else {
      document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex - 1) + "." + _sPageExt + "\\">上一页</a>&nbsp;");
    }
  }
  if(nCurrIndex == _nPageCount - 1){
    document.write("下一页&nbsp;尾页");
  } else {
    document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex + 1) + "." + _sPageExt + "\\">下一页</a>&nbsp;");
    document.write("<a href=\\"" + _sPageName + "_" + (_nPageCount - 1) + "." + _sPageExt + "\\">尾页</a>");
  }
  document.write("&nbsp;&nbsp;共" + _nPageCount + "页");
}
</script>"""

SEED = FixedArticle(
    title=content.SEED_ARTICLE_TITLE,
    published=datetime(2021, 7, 12, 9, 53, 24),
    source="晋城市公安局",
    body=content.SEED_ARTICLE_BODY,
)

#: 互动交流 looks like a news list (dated TRS-style links, 留言 replies) but is not a news column
MESSAGES = tuple(
    (f"/hdjl/2022{m:02d}/t2022{m:02d}{d:02d}_{9000000 + i}.html", f"关于{topic}的留言回复", f"2022-{m:02d}-{d:02d}")
    for i, (m, d, topic) in enumerate((
        (11, 28, "小区周边夜间噪音扰民"), (11, 3, "学校门口上下学时段交通拥堵"), (10, 17, "户口迁移材料办理"),
        (9, 22, "电动自行车上牌"), (8, 30, "老旧小区监控探头损坏"), (7, 12, "驾驶证到期换证"),
    ))
)

STATIC_PAGES = {
    "/wzsm/index.html": ("网站声明", (
        "本网站由晋城市公安局主办，是晋城市公安局在互联网上发布政务信息、提供在线服务的官方网站。",
        "本网站所刊登的各类信息，未经授权不得转载、摘编或利用其他方式使用。经授权使用的，应注明“来源：晋城市公安局”。",
        "如需报警求助，请直接拨打110；网站内容纠错请发送电子邮件至本站或拨打0356-2196110。",
    )),
    "/bsfw/index.html": ("办事服务", (
        "户政业务：居民身份证申领、换领、补领，户口迁移、出生登记等业务可在户籍所在地派出所办理。",
        "出入境业务：护照、往来港澳通行证、往来台湾通行证可在市公安局出入境管理支队服务大厅办理，咨询电话0356-2196116。",
        "交管业务：机动车登记、驾驶证换证等业务可通过“交管12123”APP在线办理。",
    )),
    "/hdjl/index.html": ("互动交流", (
        "局长信箱：受理群众对公安工作的意见建议和对公安民警违法违纪行为的投诉。",
        "网上信访：群众可登录山西省网上信访平台反映问题。",
        "举报电话：0356-2196110（工作日8:00至18:00）。",
    )),
}


class TrsSite(SiteBase):
    """TRS WCM static site of 晋城市公安局."""

    key = "trs"
    name = "晋城市公安局"
    locale = JINCHENG
    encoding = "utf-8"
    html_content_type = "text/html"  # charset only in the meta tag
    server_header = "nginx"
    send_validators = True
    disallow = ("/wcm/",)
    sources = ("晋城市公安局", "晋城市公安局", "晋城市公安局", "城区公安分局", "泽州县公安局", "高平市公安局",
               "阳城县公安局", "晋城市公安局交警支队", "晋城市公安局反诈中心")

    def column_specs(self, articles_per_column: int | None) -> list[ColumnSpec]:
        return [
            ColumnSpec("jwdt", "警务动态", "news", articles_per_column or 40, 15, 1380000, fixed=SEED),
            ColumnSpec("tzgg", "通知公告", "notice", 8, 5, 1200000),
        ]

    # ---- URLs -------------------------------------------------------------------------
    def list_paths(self, col: Column) -> list[str]:
        return [f"/jwzx/{col.key}/" + ("index.html" if n == 0 else f"index_{n}.html") for n in range(col.page_count)]

    def article_path(self, col: Column, art: ArticleMeta) -> str:
        return f"/jwzx/{col.key}/{self._rel(art)}"

    @staticmethod
    def _rel(art: ArticleMeta) -> str:
        p = art.published
        return f"{p:%Y%m}/t{p:%Y%m%d}_{art.uid}.html"

    def attachment_path(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        return f"/jwzx/{col.key}/{p:%Y%m}/P0{p:%Y%m%d}{art.uid % 1000000:06d}{art.uid % 97:02d}.pdf"

    @staticmethod
    def image_name(art: ArticleMeta) -> str:
        return f"W0{art.published:%Y%m%d}{art.uid % 1000000:06d}.jpg"

    def page_paths(self) -> list[str]:
        return ["/", *STATIC_PAGES, *(m[0] for m in MESSAGES)]

    def published_at(self, dt: datetime) -> str:
        return dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")

    # ---- routing ----------------------------------------------------------------------
    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/index.html"):
            return self.html(self.home())
        if path in STATIC_PAGES:
            return self.html(self.static_page(path))
        message = next((m for m in MESSAGES if m[0] == path), None)
        if message:
            return self.html(self.message_page(*message))
        m = re.fullmatch(r"/jwzx/(\w+)/(?:index(?:_(\d+))?\.html)?", path)
        if m:
            col = self._column(m.group(1))
            n = int(m.group(2) or 0)
            if col is None or n >= col.page_count or (m.group(2) is not None and n == 0):
                return None
            return self.html(self.list_page(col, n))
        m = re.fullmatch(r"/jwzx/(\w+)/(\d{6})/t(\d{8})_(\d+)\.html", path)
        if m:
            found = self.by_uid.get(int(m.group(4)))
            if found and self.article_path(*found) == path:
                return self.html(self.article_page(*found))
        return None

    def _column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    # ---- templates --------------------------------------------------------------------
    def _head(self, title: str, extra: str = "") -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f"<title>{esc(title)}</title>\n{extra}"
            '<link href="/images/jc_style.css" rel="stylesheet" type="text/css" />\n</head>\n<body>\n'
            '<div class="top"><div class="topbar"><span>欢迎访问晋城市公安局网站</span>'
            '<a href="javascript:void(0)">设为首页</a> | <a href="javascript:void(0)">加入收藏</a> | '
            '<a href="javascript:void(0)">无障碍浏览</a></div>'
            '<div class="logo"><a href="/">晋城市公安局</a></div></div>\n'
            '<div class="nav"><ul>'
            '<li><a href="/">网站首页</a></li>'
            '<li><a href="/jwzx/jwdt/">警务动态</a></li>'
            '<li><a href="/jwzx/tzgg/">通知公告</a></li>'
            '<li><a href="/bsfw/index.html">办事服务</a></li>'
            '<li><a href="/hdjl/index.html">互动交流</a></li>'
            '<li><a href="/wzsm/index.html">网站声明</a></li>'
            "</ul></div>\n"
        )

    def _foot(self) -> str:
        lines = "".join(f"<p>{line}</p>" for line in self.footer_lines())
        return (
            '<div class="footer"><div class="flinks"><a href="/wzsm/index.html">网站声明</a> | '
            '<a href="/hdjl/index.html">联系我们</a> | <a href="/bsfw/index.html">办事服务</a></div>'
            f"{lines}</div>\n</body>\n</html>\n"
        )

    def home(self) -> str:
        parts = [self._head("晋城市公安局")]
        for col in self.columns:
            items = "".join(
                f'<li><a href="/jwzx/{col.key}/{self._rel(a)}" target="_blank" title="{esc(a.title)}">'
                f"{esc(a.title)}</a><span>{a.published:%m-%d}</span></li>"
                for a in col.articles[:6]
            )
            parts.append(
                f'<div class="box"><div class="boxtit"><h3>{esc(col.name)}</h3>'
                f'<a class="more" href="/jwzx/{col.key}/index.html">更多&gt;&gt;</a></div><ul>{items}</ul></div>\n'
            )
        parts.append(self._foot())
        return "".join(parts)

    def message_page(self, path: str, title: str, day: str) -> str:
        """A 留言 reply: dated and article-shaped, but interaction, not news."""
        return (
            self._head(f"{title}_晋城市公安局")
            + '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/hdjl/index.html">互动交流</a></div>\n'
            + f'<div class="main"><h1>{esc(title)}</h1><div class="info">回复时间：{day}  回复单位：晋城市公安局</div>'
            + '<div class="TRS_Editor"><p>您反映的问题已转交属地派出所核实处理，感谢您对公安工作的关心和支持。</p></div></div>\n'
            + self._foot()
        )

    def static_page(self, path: str) -> str:
        title, paras = STATIC_PAGES[path]
        body = "".join(f"<p>{esc(p)}</p>" for p in paras)
        if path == "/hdjl/index.html":
            body += '<ul class="list">' + "".join(
                f'<li><span>{day}</span><a href="{href}" target="_blank">{esc(t)}</a></li>' for href, t, day in MESSAGES
            ) + "</ul>"
        return (
            self._head(f"{title}_晋城市公安局")
            + f'<div class="position">当前位置：<a href="/">首页</a> &gt; <span>{esc(title)}</span></div>\n'
            + f'<div class="main"><div class="ztitle">{esc(title)}</div><div class="zcontent">{body}</div></div>\n'
            + self._foot()
        )

    def list_page(self, col: Column, n: int) -> str:
        items = "\n".join(
            f'<li><span>{a.published:%Y-%m-%d}</span><a href="./{self._rel(a)}" target="_blank" '
            f'title="{esc(a.title)}">{esc(a.title)}</a></li>'
            for a in col.page(n + 1)
        )
        side = "".join(f'<li><a href="../{c.key}/">{esc(c.name)}</a></li>' for c in self.columns)
        return (
            self._head(f"{col.name}_晋城市公安局", PAGE_JS + "\n")
            + f'<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="./">{esc(col.name)}</a></div>\n'
            + f'<div class="main"><div class="left"><h3>警务资讯</h3><ul>{side}</ul></div>\n'
            + f'<div class="right"><div class="rtitle">{esc(col.name)}</div>\n<ul class="list">\n{items}\n</ul>\n'
            + '<div class="page"><script type="text/javascript">'
            + f'createPageHTML({col.page_count}, {n}, "index", "html");</script></div>\n</div></div>\n'
            + self._foot()
        )

    def article_page(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        metas = "".join(
            f'<meta name="{k}" content="{esc(v)}">\n'
            for k, v in (
                ("SiteName", self.name), ("SiteDomain", self.locale.domain), ("SiteIDCode", self.locale.site_code),
                ("ColumnName", col.name), ("ColumnDescription", f"晋城市公安局{col.name}"),
                ("ColumnKeywords", col.name), ("ColumnType", col.name), ("ArticleTitle", art.title),
                ("PubDate", f"{p:%Y-%m-%d %H:%M}"), ("ContentSource", art.source),
                ("Keywords", f"{col.name},{art.title}"), ("Description", art.title),
            )
        )
        paras = []
        span = art.uid % 2 == 0
        for i, block in enumerate(self.blocks(col, art)):
            text = esc(block) if isinstance(block, str) else esc(" ".join(" ".join(r) for r in block))
            if span:
                text = f'<span style="font-family: 仿宋_GB2312; font-size: 16pt;">{text}</span>'
            style = i % 3
            if style == 0:
                paras.append(f'<p style="text-indent: 2em; line-height: 2em;">{text}</p>')
            elif style == 1:
                paras.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{text}&nbsp;</p>")
            else:
                paras.append(f"<p>\u3000\u3000{text}</p>")
        if art.uid % 4 == 0:
            # a news photo, as TRS writes it (W0… file beside the page, caption in alt): an image, not text
            paras.insert(0, f'<p style="text-align: center;"><img src="./{self.image_name(art)}" '
                            f'alt="{esc(art.title)}（现场图）" oldsrc="{self.image_name(art)}" /></p>')
        att = ""
        if art.attachment:
            fname = self.attachment_path(col, art).rsplit("/", 1)[1]
            att = f'<div class="fujian">附件：<a href="./{fname}" target="_blank">{esc(art.attachment)}</a></div>\n'
        prev, nxt = col.neighbours(art)

        def link(a: ArticleMeta | None) -> str:
            if a is None:
                return "没有了"
            return f'<a href="../{self._rel(a)}" title="{esc(a.title)}">{esc(a.title)}</a>'

        related = "".join(f"<li>{link(a)}</li>" for a in col.related(art))
        return (
            self._head(f"{art.title}_晋城市公安局", metas)
            + f'<div class="position">当前位置：<a href="../../../">首页</a> &gt; <a href="../">{esc(col.name)}</a></div>\n'
            + '<div class="main"><div class="article">\n'
            + f'<h1 class="title">{esc(art.title)}</h1>\n'
            + f'<div class="info">发布时间：{p:%Y-%m-%d %H:%M:%S}&nbsp;&nbsp;信息来源：{esc(art.source)}&nbsp;&nbsp;'
            + f'浏览次数：{art.views}&nbsp;&nbsp;【字号：<a href="javascript:doZoom(18)">大</a> '
            + '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>\n'
            + '<div class="content" id="zoom"><div class="TRS_Editor">\n'
            + "\n".join(paras)
            + "\n</div></div>\n"
            + att
            + '<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a>'
            + '&nbsp;&nbsp;<a href="javascript:window.print()">【打印本页】</a> '
            + '<a href="javascript:window.close()">【关闭窗口】</a></div>\n'
            + f'<div class="pagedown"><p>上一篇：{link(prev)}</p><p>下一篇：{link(nxt)}</p></div>\n'
            + f'<div class="related"><h3>相关链接</h3><ul>{related}</ul></div>\n'
            + "</div></div>\n"
            + self._foot()
        )
