"""Site "aspx": a dynamic query-string site of the fictional 江州市公安局 (UTF-8 declared only in HTTP).

* lists ``/list.aspx?cid=5&page=1`` (警务动态) and ``/list.aspx?cid=8&page=1`` (警情通报),
  paginated by ``<a>`` links (首页 / 上一页 / 1 2 3 / 下一页 / 尾页);
* articles ``/content.aspx?id=123&cid=5``; on list page 1 some links carry
  ``&from=index`` and the newest article is linked twice (relative in the list,
  absolute in the 头条 block); a pinned (置顶) article heads every news list page;
  two dead links (``content.aspx?id=99990x``) answer 404;
* nested-table layout, body in ``<td class="content">`` with ``<br>`` separators,
  date-only precision;
* robots.txt disallows ``/search/`` and ``/print.aspx``; hits are counted in
  ``disallowed_hits``.
"""

from __future__ import annotations

from datetime import datetime

from demoweb.facts import JIANGZHOU
from demoweb.model import ArticleMeta, Column, ColumnSpec
from demoweb.sites.base import Request, Response, SiteBase, esc

PIN_INDEX = 17
TRACKED = (1, 4, 8)  # positions on news list page 1 linked with &from=index
DEAD = ((1, 6, 999901, "关于调整江州市出入境接待大厅办公时间的公告"),
        (2, 3, 999902, "江州市公安局关于开展“护校安园”专项行动的情况说明"))

SERVICES = {
    "1": ("户政业务办理指南", (
        "办理地点：户籍所在地派出所户籍窗口。",
        "所需材料：居民户口簿、本人近期免冠照片，16周岁以下申领人需监护人陪同。",
        "办理时限：一般20个工作日内制发证件，可选择邮寄到家。",
    )),
    "2": ("出入境业务办理指南", (
        "办理地点：市公安局出入境管理支队服务大厅（湖滨区长虹大道116号）。",
        "咨询电话：0792-8226137。",
        "温馨提示：内地居民可在全国任一出入境窗口申办普通护照。",
    )),
}

#: 户政服务 lists dated guides: it looks like a news list but is a service page
GUIDES = (("居民身份证异地申领办事指南", "2022-09-15"), ("户口迁移（投靠）办事指南", "2022-06-02"),
          ("出生登记办事指南", "2022-03-18"), ("临时居民身份证办理指南", "2021-12-07"),
          ("居住证办理指南", "2021-08-26"), ("户籍证明开具指南", "2021-05-11"))

ABOUT = (
    "江州市公安局门户网站是市公安局在互联网上发布公安工作信息、开展网上服务的窗口。",
    "本站所载内容，凡注明“来源：江州市公安局”的，版权均属江州市公安局所有，转载时请注明出处。",
    "本站不受理报警，紧急情况请拨打110。",
)


class AspxSite(SiteBase):
    """Query-string, table-layout site of 江州市公安局."""

    key = "aspx"
    name = "江州市公安局"
    locale = JIANGZHOU
    encoding = "utf-8"
    html_content_type = "text/html; charset=utf-8"
    server_header = "Microsoft-IIS/8.5"
    disallow = ("/search/", "/print.aspx")
    sources = ("江州市公安局", "江州市公安局", "江州市公安局", "湖滨分局", "浔东分局", "永宁县公安局",
               "江州市公安局交警支队", "江州市公安局禁毒支队")

    def column_specs(self, articles_per_column: int | None) -> list[ColumnSpec]:
        return [
            ColumnSpec("5", "警务动态", "news", articles_per_column or 42, 15, 1000),
            ColumnSpec("8", "警情通报", "notice", 9, 5, 100),
        ]

    # ---- URLs -------------------------------------------------------------------------
    def list_paths(self, col: Column) -> list[str]:
        return [f"/list.aspx?cid={col.key}&page={n}" for n in range(1, col.page_count + 1)]

    def article_path(self, col: Column, art: ArticleMeta) -> str:
        return f"/content.aspx?id={art.uid}&cid={col.key}"

    def attachment_path(self, col: Column, art: ArticleMeta) -> str:
        p = art.published
        return f"/UploadFiles/{p:%Y/%m}/{p:%Y%m%d%H%M%S}{art.uid % 100:02d}.pdf"

    def page_paths(self) -> list[str]:
        return ["/", "/about.aspx", *(f"/service.aspx?sid={k}" for k in SERVICES),
                *(f"/service.aspx?sid=1&item={i}" for i in range(1, len(GUIDES) + 1))]

    def dead_paths(self) -> list[str]:
        news = self.columns[0]
        return [f"/content.aspx?id={uid}&cid={news.key}" for page, _, uid, _ in DEAD if page <= news.page_count]

    def published_at(self, dt: datetime) -> str:
        return dt.strftime("%Y-%m-%d")

    def pinned(self) -> ArticleMeta:
        """The 置顶 article of the news column."""
        news = self.columns[0]
        return news.articles[min(PIN_INDEX, len(news.articles) - 1)]

    # ---- routing ----------------------------------------------------------------------
    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/default.aspx", "/index.aspx"):
            return self.html(self.home())
        if path == "/about.aspx":
            return self.html(self.simple_page("关于本站", ABOUT))
        if path == "/service.aspx" and req.arg("sid") in SERVICES:
            item = req.arg("item")
            if item:
                if not item.isdigit() or not 1 <= int(item) <= len(GUIDES):
                    return None
                title, day = GUIDES[int(item) - 1]
                return self.html(self.simple_page(title, (f"发布日期：{day}", "办理地点：户籍所在地派出所户籍窗口。",
                                                          "所需材料及办理流程以窗口公示为准。")))
            title, paras = SERVICES[req.arg("sid")]
            page = self.simple_page(title, paras)
            if req.arg("sid") == "1":
                rows = "".join(f'<tr><td>·<a href="service.aspx?sid=1&amp;item={i}">{esc(t)}</a></td>'
                               f'<td width="90">{day}</td></tr>' for i, (t, day) in enumerate(GUIDES, 1))
                page = page.replace("</body>", f'<table class="guides" width="100%">{rows}</table></body>')
            return self.html(page)
        if path.startswith("/search/"):
            return self.html(self.simple_page("站内搜索", (f"没有找到与“{req.arg('q')}”相关的信息。",)))
        if path == "/list.aspx":
            col = self._column(req.arg("cid"))
            page = req.arg("page", "1")
            if col is None or not page.isdigit() or not 1 <= int(page) <= col.page_count:
                return None
            return self.html(self.list_page(col, int(page)))
        if path in ("/content.aspx", "/print.aspx"):
            uid = req.arg("id")
            found = self.by_uid.get(int(uid)) if uid.isdigit() else None
            if found is None:
                return None
            if path == "/print.aspx":
                col, art = found
                body = "<br><br>".join(esc(b) for b in self.blocks(col, art) if isinstance(b, str))
                return self.html(f"<html><head><title>{esc(art.title)}_打印</title></head><body>"
                                 f"<h3>{esc(art.title)}</h3>{body}</body></html>")
            return self.html(self.article_page(*found))
        return None

    def _column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    # ---- templates --------------------------------------------------------------------
    def _frame(self, title: str, position: str, inner: str) -> str:
        nav = "".join(
            f'<td class="navtd"><a href="{href}">{label}</a></td>'
            for href, label in (("/", "网站首页"), ("/list.aspx?cid=5&amp;page=1", "警务动态"),
                                ("/list.aspx?cid=8&amp;page=1", "警情通报"), ("/service.aspx?sid=1", "户政服务"),
                                ("/service.aspx?sid=2", "出入境服务"), ("/about.aspx", "关于本站"))
        )
        foot = "<br>".join(self.footer_lines())
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
            f"<title>{esc(title)}</title>\n"
            '<link href="/css/main.css" rel="stylesheet" type="text/css">\n</head>\n'
            '<body leftmargin="0" topmargin="0">\n'
            '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">\n'
            '<tr><td height="120" class="banner"><table width="100%"><tr>'
            '<td class="logo"><a href="/">江州市公安局</a></td>'
            '<td align="right"><form action="/search/" method="get"><input name="q" type="text" size="20">'
            '<input type="submit" value="搜索"></form><a href="/search/?q=">站内搜索</a></td></tr></table></td></tr>\n'
            f'<tr><td><table width="100%" class="nav"><tr>{nav}</tr></table></td></tr>\n'
            f'<tr><td class="position">当前位置：{position}</td></tr>\n'
            f"<tr><td>{inner}</td></tr>\n"
            f'<tr><td class="footer" align="center">{foot}</td></tr>\n'
            "</table>\n</body>\n</html>\n"
        )

    def home(self) -> str:
        boxes = []
        for col in self.columns:
            rows = "".join(
                f'<tr><td>·<a href="content.aspx?id={a.uid}&amp;cid={col.key}" target="_blank">{esc(a.title)}</a></td>'
                f'<td width="90">{a.published:%Y-%m-%d}</td></tr>' for a in col.articles[:6])
            boxes.append(f'<td valign="top" width="50%"><table width="100%"><tr><td class="boxtit">{esc(col.name)}</td>'
                         f'<td align="right"><a href="list.aspx?cid={col.key}&amp;page=1">更多</a></td></tr>'
                         f"{rows}</table></td>")
        return self._frame("江州市公安局", '<a href="/">首页</a>',
                           f'<table width="100%"><tr>{"".join(boxes)}</tr></table>')

    def simple_page(self, title: str, paras: tuple[str, ...]) -> str:
        body = "".join(f"<p>{esc(p)}</p>" for p in paras)
        return self._frame(f"{title}_江州市公安局", f'<a href="/">首页</a> &gt; {esc(title)}',
                           f'<table width="100%"><tr><td class="biaoti">{esc(title)}</td></tr>'
                           f'<tr><td class="content">{body}</td></tr></table>')

    def _row(self, href: str, title: str, date: str, prefix: str = "") -> str:
        return (f'<tr><td class="listtd" height="28">{prefix}<a href="{href}" target="_blank" title="{esc(title)}">'
                f'{esc(title)}</a></td><td class="datetd" width="100">{date}</td></tr>\n')

    def list_page(self, col: Column, n: int) -> str:
        news = col is self.columns[0]
        rows: list[str] = []
        if news:
            pin = self.pinned()
            rows.append(self._row(f"content.aspx?id={pin.uid}&amp;cid={col.key}", pin.title,
                                  f"{pin.published:%Y-%m-%d}", '<font color="red">[置顶]</font>'))
        for pos, a in enumerate(col.page(n)):
            extra = "&amp;from=index" if news and n == 1 and pos in TRACKED else ""
            rows.append(self._row(f"content.aspx?id={a.uid}&amp;cid={col.key}{extra}", a.title, f"{a.published:%Y-%m-%d}"))
            for page, after, uid, title in DEAD:
                if news and page == n and after == pos:
                    rows.append(self._row(f"content.aspx?id={uid}&amp;cid={col.key}", title, f"{a.published:%Y-%m-%d}"))
        head = ""
        if news and n == 1 and col.articles:
            top = col.articles[0]
            head = (f'<table width="100%" class="toutiao"><tr><td><strong>头条：</strong>'
                    f'<a href="{self.base_url}/content.aspx?id={top.uid}&amp;cid={col.key}">{esc(top.title)}</a>'
                    "</td></tr></table>\n")
        last = col.page_count

        def plink(p: int, label: str) -> str:
            return f'<a href="list.aspx?cid={col.key}&amp;page={p}">{label}</a>'

        bar = [plink(1, "首页"), plink(n - 1, "上一页") if n > 1 else "上一页"]
        for p in range(max(1, n - 4), min(last, n + 4) + 1):
            bar.append(f'<font color="red">{p}</font>' if p == n else plink(p, str(p)))
        bar += [plink(n + 1, "下一页") if n < last else "下一页", plink(last, "尾页"),
                f"共{len(col.articles)}条 第{n}/{last}页"]
        inner = (
            f'<table width="100%"><tr><td width="220" valign="top" class="left">'
            f'<table width="100%"><tr><td class="lefttit">{esc(col.name)}</td></tr>'
            + "".join(f'<tr><td><a href="list.aspx?cid={c.key}&amp;page=1">{esc(c.name)}</a></td></tr>'
                      for c in self.columns)
            + f'</table></td><td valign="top">{head}<table width="100%" class="list">\n{"".join(rows)}</table>\n'
            f'<table width="100%"><tr><td align="center" class="pager">{"&nbsp;".join(bar)}</td></tr></table>'
            "</td></tr></table>"
        )
        pos = f'<a href="/">首页</a> &gt; <a href="list.aspx?cid={col.key}&amp;page=1">{esc(col.name)}</a>'
        return self._frame(f"{col.name}_江州市公安局", pos, inner)

    def article_page(self, col: Column, art: ArticleMeta) -> str:
        sep = "<br><br>\n" if art.uid % 3 else "<br>\n"
        body = sep.join(f"\u3000\u3000{esc(b)}" for b in self.blocks(col, art) if isinstance(b, str))
        att = ""
        if art.attachment:
            att = (f'<tr><td class="fujian">附件：<a href="{self.attachment_path(col, art)}">'
                   f"{esc(art.attachment)}</a></td></tr>\n")
        prev, nxt = col.neighbours(art)

        def link(a: ArticleMeta | None) -> str:
            if a is None:
                return "没有了"
            return f'<a href="content.aspx?id={a.uid}&amp;cid={col.key}">{esc(a.title)}</a>'

        related = "".join(f"<tr><td>·{link(a)}</td></tr>" for a in col.related(art))
        inner = (
            '<table width="100%" border="0" cellpadding="0" cellspacing="0" class="article">\n'
            f'<tr><td class="biaoti" align="center"><strong>{esc(art.title)}</strong></td></tr>\n'
            f'<tr><td class="info" align="center">发布时间：{art.published:%Y年%m月%d日}&nbsp;&nbsp;'
            f"来源：{esc(art.source)}&nbsp;&nbsp;点击数：{art.views}&nbsp;&nbsp;"
            '【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> '
            '<a href="javascript:fontZoom(12)">小</a>】</td></tr>\n'
            f'<tr><td class="content" id="fontzoom">{body}</td></tr>\n'
            f"{att}"
            f'<tr><td class="tools" align="right">分享到：<a href="javascript:void(0)">微信</a> '
            f'<a href="javascript:void(0)">微博</a> 【<a href="/print.aspx?id={art.uid}" target="_blank">打印</a>】 '
            '【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>\n'
            f'<tr><td class="sxp">上一篇：{link(prev)}<br>下一篇：{link(nxt)}</td></tr>\n'
            f'<tr><td><table width="100%" class="related"><tr><td class="relatedtit">相关新闻</td></tr>{related}'
            "</table></td></tr>\n</table>"
        )
        pos = f'<a href="/">首页</a> &gt; <a href="list.aspx?cid={col.key}&amp;page=1">{esc(col.name)}</a> &gt; 正文'
        return self._frame(f"{art.title}_江州市公安局", pos, inner)
