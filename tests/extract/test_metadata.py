"""Article metadata on page shapes the seed and the demo web do not show.

Every page here is invented (bureaus, people, figures and wording are made up) but built the way police
and government CMS templates print an article: a navigation bar, a breadcrumb, a headline, one or more
info lines (发布时间/来源/作者/浏览次数 in their many spellings), the body, a share/print bar, 上一篇/下一篇
and a footer. For each page we state what a user of the archive expects: the title, the publish time in
ISO 8601 with +08:00, the source (来源), the author, the column, and snippets the body must and must not
hold (no info line, share bar, prev/next link or footer may leak into the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from extract import extract_article

NAV = ('<div class="nav"><a href="/">网站首页</a> <a href="/jwdt/">警务动态</a> <a href="/tzgg/">通知公告</a> '
       '<a href="/bsfw/">办事服务</a></div>')
SHARE = '<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>'
PREVNEXT = ('<div class="pn"><p>上一篇：<a href="/a/1.html">辖区派出所开展反诈宣传进社区活动</a></p>'
            '<p>下一篇：<a href="/a/3.html">交警大队发布节假日出行安全提示</a></p></div>')
FOOTER = ('<div class="footer"><p>版权所有：青崖市公安局 地址：青崖市滨江路88号 邮编：035100</p>'
          '<p>晋ICP备12345678号-2 晋公网安备 14050002000123号 网站标识码：1405990001</p></div>')

BODY_A = [
    "6月1日上午，青崖市公安局在人民广场举办“全民反诈在行动”集中宣传活动，民警现场为群众讲解常见诈骗手法。",
    "活动现场共发放宣传资料3200余份，帮助群众下载安装国家反诈中心APP 680余人次，接受咨询400余人次。",
    "下一步，市公安局将持续深化宣传进社区、进校园、进企业，切实提升群众识骗防骗能力。",
]
BODY_B = [
    "近日，柳川县公安局刑侦大队成功破获一起跨省盗窃电动车案件，抓获犯罪嫌疑人2名，追回被盗车辆11辆。",
    "经查，犯罪嫌疑人王某、赵某自今年3月以来，流窜至多个乡镇夜间作案，涉案价值共计4.6万元。",
    "目前，两名犯罪嫌疑人已被依法刑事拘留，案件正在进一步侦办中。",
]
BODY_C = [
    "为切实保障中高考期间考生出行安全，石门市公安局交警支队自6月5日起启动护考专项勤务。",
    "支队共投入警力520人次、警车130台次，在全市28个考点周边设置临时停车区和护考服务点。",
    "交警部门提醒广大家长，考试期间请提前规划出行路线，服从现场民警指挥，共同营造良好考试环境。",
]

STANDARD_MUST_NOT = ("上一篇", "下一篇", "版权所有", "ICP备", "分享到", "当前位置", "网站标识码")


def page(title_tag: str, headline: str, info: str, body: list[str], *, head: str = "", crumb: str | None = None,
         container: str = '<div class="article-con">{}</div>', above: str = "", below: str = "",
         charset: bool = True, tail: str = "") -> str:
    """A police-bureau article page: nav, breadcrumb, headline, info line(s), body, bars and footer."""
    crumb = crumb if crumb is not None else "当前位置：首页 &gt; 警务动态 &gt; 正文"
    paras = "".join(f"<p style='text-indent:2em'>{p}</p>" for p in body)
    cs = '<meta charset="utf-8">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{cs}<title>{title_tag}</title>{head}</head><body>{NAV}"
            f'<div class="crumb">{crumb}</div><div class="main"><div class="detail">{above}'
            f'<h1 class="tit">{headline}</h1>{info}{container.format(paras)}{below}'
            f'{SHARE}<div class="tools">【打印本页】【关闭窗口】</div>{PREVNEXT}</div></div>{FOOTER}{tail}</body></html>')


@dataclass
class Case:
    id: str
    html: str
    url: str
    title: str
    published_at: str | None
    source: str | None = None
    author: str | None = None
    column: str | None = "警务动态"
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    conflict: bool = False
    encoding: str = "utf-8"
    extra: dict = field(default_factory=dict)


T = "青崖市公安局开展全民反诈集中宣传活动"
T2 = "柳川县公安局破获跨省盗窃电动车系列案"
T3 = "石门交警全力护航2024年中高考"

CASES: list[Case] = [
    Case("date-with-weekday",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布日期：2024年06月03日 星期一　　来源：青崖市公安局</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1001.html", T, "2024-06-03", "青崖市公安局",
         must=("人民广场", "识骗防骗能力"), must_not=("星期一", "发布日期", "来源：")),
    Case("short-label-slash-date",
         page(f"{T2}-柳川县公安局", T2, '<div class="info"><span>时间：2024/6/3 9:30</span> <span>来源：刑侦大队</span></div>', BODY_B),
         "http://gaj.liuchuan.example/news/2001.htm", T2, "2024-06-03T09:30+08:00", "刑侦大队",
         must=("电动车", "刑事拘留"), must_not=("时间：",)),
    Case("unlabelled-datetime-next-to-source",
         page(f"{T3} - 石门市公安局", T3, '<div class="msg">2024-06-03 09:30:12　　来源：石门市公安局交警支队</div>', BODY_C),
         "http://ga.shimen.example/jwdt/3001.html", T3, "2024-06-03T09:30:12+08:00", "石门市公安局交警支队",
         must=("护考专项勤务", "良好考试环境"), must_not=("09:30:12", "来源")),
    Case("bracketed-one-line",
         page(f"{T}_青崖市公安局", T,
              '<div class="info">【发布时间：2024-06-03 10:05】【来源：青崖市公安局】【字号：大 中 小】【打印】【关闭】</div>',
              BODY_A),
         "http://gaj.qingya.example/jwdt/content_1002.html", T, "2024-06-03T10:05+08:00", "青崖市公安局",
         must=("3200余份",), must_not=("【打印】", "字号", "发布时间")),
    Case("xinxi-laiyuan",
         page(f"{T2}_柳川县人民政府", T2, '<p class="info">信息来源：柳川县公安局　发布时间：2024-06-04 16:20</p>', BODY_B),
         "http://www.liuchuan.example/zwdt/2002.html", T2, "2024-06-04T16:20+08:00", "柳川县公安局",
         must=("4.6万元",), must_not=("信息来源",)),
    Case("wenzhang-laiyuan-with-author",
         page(f"{T3}_石门市公安局", T3,
              '<div class="info">文章来源：石门日报　作者：周晓雯　发布时间：2024-06-05</div>', BODY_C),
         "http://ga.shimen.example/jwdt/3002.html", T3, "2024-06-05", "石门日报", "周晓雯",
         must=("520人次",), must_not=("文章来源", "周晓雯")),
    Case("gaojian-laiyuan",
         page(f"{T}_青崖市公安局", T, '<div class="info">稿件来源：青崖市公安局宣传处 | 发布时间：2024-06-03</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1003.html", T, "2024-06-03", "青崖市公安局宣传处",
         must=("680余人次",), must_not=("稿件来源",)),
    Case("gonggao-danwei",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">供稿单位：城关派出所　发布日期：2024-06-04</div>', BODY_B),
         "http://gaj.liuchuan.example/news/2003.htm", T2, "2024-06-04", "城关派出所",
         must=("流窜至多个乡镇",), must_not=("供稿单位", "城关派出所")),
    Case("fabu-danwei",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布单位：石门市公安局交警支队　发布时间：2024-06-05 08:00</div>', BODY_C),
         "http://ga.shimen.example/jwdt/3003.html", T3, "2024-06-05T08:00+08:00", "石门市公安局交警支队",
         must=("临时停车区",), must_not=("发布单位",)),
    Case("fabu-jigou",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布机构：青崖市公安局　发布日期：2024-06-03</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1004.html", T, "2024-06-03", "青崖市公安局",
         must=("人民广场",), must_not=("发布机构",)),
    Case("author-and-editor",
         page(f"{T2}_柳川县公安局", T2,
              '<div class="info">发布时间：2024-06-04 来源：柳川县公安局</div>',
              BODY_B, below='<div class="editor">作者：孟凡宇　编辑：林思远</div>'),
         "http://gaj.liuchuan.example/news/2004.htm", T2, "2024-06-04", "柳川县公安局", "孟凡宇",
         must=("追回被盗车辆11辆",), must_not=("孟凡宇", "林思远")),
    Case("responsible-editor-and-reviewer",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布时间：2024-06-05 来源：石门市公安局</div>', BODY_C,
              below='<div class="bj">责任编辑：韩雪梅　　审核：邓国栋</div>'),
         "http://ga.shimen.example/jwdt/3004.html", T3, "2024-06-05", "石门市公安局", "韩雪梅",
         must=("28个考点",), must_not=("韩雪梅", "邓国栋", "审核")),
    Case("reporter-and-correspondent",
         page(f"{T}_青崖市公安局", T,
              '<div class="info">发布时间：2024-06-03 09:00　来源：青崖日报　记者：宋佳音　通讯员：乔立新</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1005.html", T, "2024-06-03T09:00+08:00", "青崖日报", "宋佳音",
         must=("人民广场",), must_not=("宋佳音", "乔立新")),
    Case("js-view-counter",
         page(f"{T2}_柳川县公安局", T2,
              '<div class="info">发布时间：2024-06-04 11:11 来源：柳川县公安局 浏览次数：<span id="hits">'
              '<script>document.write(getHits(2005))</script></span></div>', BODY_B),
         "http://gaj.liuchuan.example/news/2005.htm", T2, "2024-06-04T11:11+08:00", "柳川县公安局",
         must=("刑事拘留",), must_not=("浏览次数", "getHits")),
    Case("reading-count-own-line",
         page(f"{T3}_石门市公安局", T3,
              '<div class="info"><p>发布时间：2024-06-05</p><p>来源：石门市公安局</p><p>阅读量：<span id="rc">1386</span></p></div>',
              BODY_C),
         "http://ga.shimen.example/jwdt/3005.html", T3, "2024-06-05", "石门市公安局",
         must=("护考专项勤务",), must_not=("阅读量", "1386")),
    Case("date-only-in-url",
         page(f"{T}_青崖市公安局", T, '<div class="info">来源：青崖市公安局</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/202406/t20240603_1006.html", T, "2024-06-03", "青崖市公安局",
         must=("人民广场",)),
    Case("date-only-in-pubdate-meta",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">来源：柳川县公安局</div>', BODY_B,
              head='<meta name="PubDate" content="2024-06-04 15:30">'),
         "http://gaj.liuchuan.example/news/2006.htm", T2, "2024-06-04T15:30+08:00", "柳川县公安局",
         must=("电动车",)),
    Case("date-only-in-publishdate-meta",
         page(f"{T3}_石门市公安局", T3, '<div class="info">来源：石门市公安局</div>', BODY_C,
              head='<meta name="publishdate" content="2024-06-05">'),
         "http://ga.shimen.example/jwdt/3006.html", T3, "2024-06-05", "石门市公安局", must=("520人次",)),
    Case("date-only-in-firstpublishedtime-meta",
         page(f"{T}_青崖市公安局", T, '<div class="info">来源：青崖市公安局</div>', BODY_A,
              head='<meta name="firstpublishedtime" content="2024-06-03-08:45:10">'),
         "http://gaj.qingya.example/jwdt/content_1007.html", T, "2024-06-03T08:45:10+08:00", "青崖市公安局",
         must=("3200余份",)),
    Case("date-only-in-opengraph-meta",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">来源：柳川县公安局</div>', BODY_B,
              head='<meta property="article:published_time" content="2024-06-04T07:15:00+08:00">'),
         "http://gaj.liuchuan.example/news/2007.htm", T2, "2024-06-04T07:15:00+08:00", "柳川县公安局",
         must=("电动车",)),
    Case("articletitle-meta-wins",
         page(f"{T3}_石门市公安局", "护航中高考 石门交警在行动", '<div class="info">发布时间：2024-06-05 来源：石门市公安局</div>',
              BODY_C, head=f'<meta name="ArticleTitle" content="{T3}">'),
         "http://ga.shimen.example/jwdt/3007.html", T3, "2024-06-05", "石门市公安局", must=("护考专项勤务",)),
    Case("title-with-spaced-dash-suffix-and-no-h1",
         f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{T} - 青崖市公安局</title></head><body>{NAV}
<div class="crumb">当前位置：首页 &gt; 警务动态</div><div class="main"><div class="art-title">{T}</div>
<div class="info">发布时间：2024-06-03 14:02:33　　来源：青崖市公安局</div>
<div class="article-con">{"".join(f"<p>{p}</p>" for p in BODY_A)}</div>{SHARE}{PREVNEXT}</div>{FOOTER}</body></html>""",
         "http://gaj.qingya.example/jwdt/content_1008.html", T, "2024-06-03T14:02:33+08:00", "青崖市公安局",
         must=("人民广场", "识骗防骗能力"), must_not=STANDARD_MUST_NOT),
    Case("title-with-leading-kicker-and-subtitle",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布时间：2024-06-04 来源：柳川县公安局</div>', BODY_B,
              above='<div class="yt">重拳出击 守护群众财产安全</div>',
              below=""),
         "http://gaj.liuchuan.example/news/2008.htm", T2, "2024-06-04", "柳川县公安局", must=("电动车",)),
    Case("h1-with-subtitle-line",
         page(f"{T3}——全市28个考点设护考服务点_石门市公安局", T3,
              '<h2 class="fbt">——全市28个考点设护考服务点</h2><div class="info">发布时间：2024-06-05 来源：石门市公安局</div>',
              BODY_C),
         "http://ga.shimen.example/jwdt/3008.html", T3, "2024-06-05", "石门市公安局", must=("临时停车区",)),
    Case("source-is-wechat-account",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间：2024-06-03 来源：平安青崖微信公众号</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1009.html", T, "2024-06-03", "平安青崖微信公众号", must=("人民广场",)),
    Case("source-is-site-original",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布时间：2024-06-04　来源：本站原创</div>', BODY_B),
         "http://gaj.liuchuan.example/news/2009.htm", T2, "2024-06-04", "本站原创", must=("电动车",),
         must_not=("本站原创",)),
    Case("ratio-colons-and-ideographic-spaces",
         page(f"{T3}_石门市公安局", T3,
              '<div class="info">发布时间∶2024-06-05　08∶30　　来源∶石门市公安局　　作者∶冯子健</div>', BODY_C),
         "http://ga.shimen.example/jwdt/3009.html", T3, "2024-06-05T08:30+08:00", "石门市公安局", "冯子健",
         must=("520人次",), must_not=("∶",)),
    Case("chinese-numeral-date",
         page(f"{T}_青崖市公安局", T, '<div class="info">来源：青崖市公安局</div>', BODY_A,
              below='<p class="sign" style="text-align:right">青崖市公安局</p>'
                    '<p class="sign" style="text-align:right">二〇二四年六月三日</p>'),
         "http://gaj.qingya.example/tzgg/content_1010.html", T, "2024-06-03", "青崖市公安局", must=("人民广场",)),
    Case("chinese-numeral-date-in-info-line",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布日期：二〇二四年六月十四日　来源：柳川县公安局</div>', BODY_B),
         "http://gaj.liuchuan.example/news/2010.htm", T2, "2024-06-14", "柳川县公安局", must=("电动车",),
         must_not=("发布日期",)),
    Case("attachments",
         page("关于公开招聘警务辅助人员的公告_石门市公安局", "关于公开招聘警务辅助人员的公告",
              '<div class="info">发布时间：2024-06-06 17:00 来源：石门市公安局政治处</div>',
              ["根据工作需要，石门市公安局决定面向社会公开招聘警务辅助人员45名，现将有关事项公告如下。",
               "报名时间为2024年6月10日至6月16日，报名者须如实填写报名登记表。"],
              below='<div class="fj"><p>附件：</p><p><a href="/u/2024/zpb.docx">1.警务辅助人员报名登记表</a></p>'
                    '<p><a href="/u/2024/gwb.xlsx">2.招聘岗位一览表</a></p></div>'),
         "http://ga.shimen.example/tzgg/3010.html", "关于公开招聘警务辅助人员的公告", "2024-06-06T17:00+08:00",
         "石门市公安局政治处", must=("警务辅助人员45名", "如实填写报名登记表"), must_not=("附件：",),
         extra={"attachments": 2}),
    Case("visible-date-conflicts-with-meta",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间：2024-06-03 10:00 来源：青崖市公安局</div>', BODY_A,
              head='<meta name="PubDate" content="2024-07-19 18:22:05">'),
         "http://gaj.qingya.example/jwdt/content_1011.html", T, "2024-06-03T10:00+08:00", "青崖市公安局",
         must=("人民广场",), conflict=True),
    Case("gbk-without-charset",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布时间：2024-06-04 来源：柳川县公安局</div>', BODY_B, charset=False),
         "http://gaj.liuchuan.example/news/2011.htm", T2, "2024-06-04", "柳川县公安局",
         must=("跨省盗窃", "刑事拘留"), encoding="gbk"),
    Case("hour-minute-in-chinese-units",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布时间：2024年6月5日 09时30分　来源：石门市公安局</div>', BODY_C),
         "http://ga.shimen.example/jwdt/3011.html", T3, "2024-06-05T09:30+08:00", "石门市公安局", must=("护考专项勤务",)),
    Case("iso-t-datetime",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间：2024-06-03T16:40:00 来源：青崖市公安局</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1012.html", T, "2024-06-03T16:40:00+08:00", "青崖市公安局",
         must=("人民广场",), must_not=("16:40",)),
    Case("pipe-separated-with-short-view-label",
         page(f"{T2}_柳川县公安局", T2,
              '<div class="info">来源:柳川县公安局 | 发布时间:2024-06-04 | 浏览:<em id="v">57</em>次</div>', BODY_B),
         "http://gaj.liuchuan.example/news/2012.htm", T2, "2024-06-04", "柳川县公安局",
         must=("电动车",), must_not=("浏览", "57次")),
    Case("double-chevron-breadcrumb",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布时间：2024-06-05 来源：石门市公安局</div>', BODY_C,
              crumb="您现在的位置：首页 &gt;&gt; 警务资讯 &gt;&gt; 基层动态"),
         "http://ga.shimen.example/jwdt/3012.html", T3, "2024-06-05", "石门市公安局", column="基层动态",
         must=("护考专项勤务",), must_not=("您现在的位置",)),
    Case("source-label-with-space-before-colon",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间 : 2024-06-03　来 源 : 青崖市公安局　点击数 : 233</div>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1013.html", T, "2024-06-03", "青崖市公安局",
         must=("人民广场",), must_not=("点击数", "来 源")),
]

# Pages whose CMS container (TRS_Editor, #zoom) holds the info lines too: the line rules must drop them.
TRS = '<div class="TRS_Editor">{}</div>'
ZOOM = '<div id="zoom">{}</div>'

CASES += [
    Case("container-info-line-unlabelled-date",
         page(f"{T}_青崖市公安局", T, "", ["2024-06-03 09:30:12　来源：青崖市公安局", *BODY_A], container=TRS),
         "http://gaj.qingya.example/jwdt/content_1101.html", T, "2024-06-03T09:30:12+08:00", "青崖市公安局",
         must=("人民广场", "识骗防骗能力"), must_not=("来源", "09:30:12")),
    Case("container-bracket-tools-line",
         page(f"{T2}_柳川县公安局", T2, "",
              ["【发布时间：2024-06-04】【来源：柳川县公安局】", "【字号：大 中 小】【打印】【关闭】", *BODY_B], container=ZOOM),
         "http://gaj.liuchuan.example/news/2101.htm", T2, "2024-06-04", "柳川县公安局",
         must=("电动车", "刑事拘留"), must_not=("字号", "【打印】", "发布时间")),
    Case("container-credit-lines-at-end",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布时间：2024-06-05 来源：石门市公安局</div>',
              [*BODY_C, "供稿单位：石门市公安局交警支队", "记者：宋佳音　通讯员：乔立新", "编辑：林思远", "审核：邓国栋"],
              container=TRS),
         "http://ga.shimen.example/jwdt/3101.html", T3, "2024-06-05", "石门市公安局", "宋佳音",
         must=("护考专项勤务", "良好考试环境"), must_not=("供稿单位", "宋佳音", "乔立新", "林思远", "邓国栋")),
    Case("container-wechat-repost-footer",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间：2024-06-03</div>',
              [*BODY_A, "来源：平安青崖微信公众号", "作者：孟凡宇", "阅读量：2046", "责任编辑：韩雪梅"], container=ZOOM),
         "http://gaj.qingya.example/jwdt/content_1102.html", T, "2024-06-03", "平安青崖微信公众号", "孟凡宇",
         must=("3200余份", "识骗防骗能力"), must_not=("平安青崖", "孟凡宇", "阅读量", "韩雪梅")),
    Case("container-interview-lines-kept",
         page("民警答记者问：夏季防溺水要点_柳川县公安局", "民警答记者问：夏季防溺水要点",
              '<div class="info">发布时间：2024-06-07 来源：柳川县公安局</div>',
              ["记者：今年夏季防溺水工作有哪些新举措？", "民警：我们在全县42处危险水域增设了警示牌和救生设备，并安排巡逻力量。",
               "记者：家长应当注意些什么？", "民警：家长要切实履行监护责任，不让孩子私自下水游泳。"], container=TRS),
         "http://gaj.liuchuan.example/news/2102.htm", "民警答记者问：夏季防溺水要点", "2024-06-07", "柳川县公安局",
         must=("记者：今年夏季防溺水工作有哪些新举措？", "记者：家长应当注意些什么？", "42处危险水域"),
         extra={"no_author": True}),
    Case("container-credit-line-between-texts-kept",
         page("“警察故事”征文获奖作品选登_石门市公安局", "“警察故事”征文获奖作品选登",
              '<div class="info">发布时间：2024-06-08 来源：石门市公安局</div>',
              ["一等奖作品《守望》", "作者：温如海", "凌晨三点的路口，红蓝警灯照亮了归家的路，也照亮了他眼里的光。",
               "二等奖作品《那一夜》", "作者：程晓岚", "雨下得很大，她把雨衣披在了迷路老人的肩上，自己却淋得透湿。",
               "责任编辑：韩雪梅"], container=TRS),
         "http://ga.shimen.example/jwdt/3103.html", "“警察故事”征文获奖作品选登", "2024-06-08", "石门市公安局",
         "温如海", must=("作者：温如海", "作者：程晓岚", "迷路老人"), must_not=("韩雪梅",)),
    Case("fullwidth-digits-date",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布时间：２０２４－０６－０４　来源：柳川县公安局</div>', BODY_B),
         "http://gaj.liuchuan.example/news/2103.htm", T2, "2024-06-04", "柳川县公安局", must=("电动车",)),
    Case("spaced-labels-aligned-by-the-template",
         page(f"{T}_青崖市公安局", T,
              '<table class="info"><tr><td>发 布 时 间：2024-06-03 10:20</td><td>信 息 来 源：青崖市公安局反诈中心</td>'
              '<td>浏 览 次 数：312</td></tr></table>', BODY_A),
         "http://gaj.qingya.example/jwdt/content_1201.html", T, "2024-06-03T10:20+08:00", "青崖市公安局反诈中心",
         must=("人民广场",), must_not=("发 布", "浏 览", "312")),
    Case("spaced-labels-ideographic-spaces-in-container",
         page(f"{T2}_柳川县公安局", T2, "",
              ["日\u3000\u3000期：2024-06-04 16:20\u3000来\u3000源：柳川县公安局", *BODY_B, "编\u3000辑：林思远"],
              container=TRS),
         "http://gaj.liuchuan.example/news/2201.htm", T2, "2024-06-04T16:20+08:00", "柳川县公安局",
         must=("电动车", "刑事拘留"), must_not=("16:20", "林思远", "期：")),
    Case("byline-in-brackets-without-colon",
         page(f"{T}_青崖市公安局", T, '<div class="info">发布时间：2024-06-03 来源：青崖市公安局</div>',
              ["（记者 贺云舟 通讯员 袁立）" + BODY_A[0], *BODY_A[1:], "编辑：林思远"], container=TRS),
         "http://gaj.qingya.example/jwdt/content_1202.html", T, "2024-06-03", "青崖市公安局", "贺云舟",
         must=("人民广场",), must_not=("林思远",)),
    Case("byline-after-news-lead-unspaced",
         page(f"{T2}_柳川县公安局", T2, '<div class="info">发布时间：2024-06-04 来源：柳川县公安局</div>',
              ["本报讯（记者卢晓棠通讯员邵辰）" + BODY_B[0], *BODY_B[1:]], container=TRS),
         "http://gaj.liuchuan.example/news/2202.htm", T2, "2024-06-04", "柳川县公安局", "卢晓棠", must=("电动车",)),
    Case("reporter-learned-from-is-not-a-byline",
         page(f"{T3}_石门市公安局", T3, '<div class="info">发布时间：2024-06-05 来源：石门市公安局</div>',
              ["（记者从市公安局交警支队获悉）" + BODY_C[0], *BODY_C[1:]], container=TRS),
         "http://ga.shimen.example/jwdt/3201.html", T3, "2024-06-05", "石门市公安局",
         must=("护考专项勤务",), extra={"no_author": True}),
    Case("utc-meta-time-converted",
         page(f"{T3}_石门市公安局", T3, '<div class="info">来源：石门市公安局</div>', BODY_C,
              head='<meta property="article:published_time" content="2024-06-05T01:30:00Z">'),
         "http://ga.shimen.example/jwdt/3102.html", T3, "2024-06-05T09:30:00+08:00", "石门市公安局", must=("520人次",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_metadata_and_clean_body(case: Case) -> None:
    art = extract_article(case.html.encode(case.encoding), case.url, "text/html")
    assert art.title == case.title
    assert art.published_at == case.published_at
    assert art.source == case.source
    if case.author is not None:
        assert art.author == case.author
    if case.column is not None:
        assert art.column_name == case.column
    assert art.date_conflict is case.conflict
    for snippet in case.must:
        assert snippet in art.text, snippet
    for snippet in (*STANDARD_MUST_NOT, *case.must_not):
        assert snippet not in art.text, snippet
    assert case.title not in art.text.split("\n")
    if case.extra.get("no_author"):
        assert art.author is None  # an interviewer's question is not a byline
    if "attachments" in case.extra:
        assert len(art.attachments) == case.extra["attachments"]


@pytest.mark.parametrize(("text", "iso"), [
    ("二〇二四年六月三日", "2024-06-03"),
    ("二〇二四年十二月三十一日", "2024-12-31"),
    ("二〇二四年二月三十日", None),                                  # no such day
    ("２０２４－０６－０４　０９：３０", "2024-06-04T09:30+08:00"),
    ("2024-06-03T16:40:00", "2024-06-03T16:40:00+08:00"),
    ("2024-06-03-08:45:10", "2024-06-03T08:45:10+08:00"),
    ("2024-06-04T23:30:00Z", "2024-06-05T07:30:00+08:00"),         # UTC late evening is the next day in China
    ("2024-06-04T07:15:00.000+08:00", "2024-06-04T07:15:00+08:00"),
    ("活动时间：2024-06-03 09:00-11:30", "2024-06-03T09:00+08:00"),  # a time range, not a zone offset
])
def test_date_shapes(text: str, iso: str | None) -> None:
    from extract.dates import parse_date

    assert parse_date(text) == iso


def test_visible_byline_beats_an_author_meta_tag_holding_the_site_name() -> None:
    page = (
        "<html><head><meta name='Author' content='某县公安局网站'><title>城关派出所开展防诈宣传</title></head>"
        "<body><h1>城关派出所开展防诈宣传</h1><div>发布时间：2024-05-20 10:00 来源：城关派出所 作者：韩晓东</div>"
        "<div class='TRS_Editor'><p>5月18日，城关派出所民警走进社区，向群众讲解常见电信网络诈骗手法。</p>"
        "<p>活动共发放宣传资料300余份，现场指导群众安装国家反诈中心APP。</p></div></body></html>"
    ).encode()
    assert extract_article(page, "http://example.invalid/a.html").author == "韩晓东"
    no_byline = page.replace(" 作者：韩晓东".encode(), b"")
    assert extract_article(no_byline, "http://example.invalid/a.html").author == "某县公安局网站"
