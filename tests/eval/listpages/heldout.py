"""Held-out list pages for the list-page evaluation, written after the rules by their author, in our own
words (invented bureaus and URLs), and scored once before any rule was looked at again.

Each page is a whole list page as such sites serve it: menus, banners, side boxes, tickers, footers, a
pager. ``articles`` are the list's rows (relative to ``url``), ``next_page`` the list's next page as a
crawler must request it (URL, or ``(method, url, form)`` for a script-driven list's endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeldOut:
    name: str
    url: str
    html: str
    articles: tuple[str, ...]
    #: the next page's URL (None: the list has one page)
    next_page: str | None


def _p1() -> HeldOut:
    """TRS county site: a nested header page, a marquee of notices, a side ranking, createPageHTML."""
    header = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>头部</title></head><body>"
              "<div class='topbar'><span>今天是：<script>document.write(new Date().toLocaleDateString())</script></span></div>"
              "<div class='headline'><a href='/xwzx/jryw/202405/t20240528_991201.html'>全县公安机关召开“百日行动”动员部署会</a></div>"
              "</body></html>")
    rows = [("./202406/t20240611_992301.html", "县公安局启动夏季治安打击整治“百日行动”", "2024-06-11"),
            ("./202406/t20240607_992288.html", "城关派出所破获系列入室盗窃案", "2024-06-07"),
            ("./202406/t20240603_992270.html", "交警大队开展高考护航专项行动", "2024-06-03"),
            ("./202405/t20240530_992251.html", "县局组织开展反诈宣传“进万家”活动", "2024-05-30"),
            ("./202405/t20240524_992233.html", "禁毒大队举办禁毒知识专题讲座", "2024-05-24"),
            ("./202405/t20240517_992210.html", "县公安局召开队伍教育整顿推进会", "2024-05-17"),
            ("./202405/t20240510_992199.html", "治安大队开展寄递物流行业安全检查", "2024-05-10"),
            ("./202405/t20240506_992188.html", "巡特警大队开展夜间武装巡逻", "2024-05-06")]
    items = "".join(f"<li><span class='time'>{d}</span><a href='{u}' target='_blank' title='{t}'>{t}</a></li>" for u, t, d in rows)
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>警务动态_某县公安局</title></head><body>"
            f"{header}"
            "<div class='tzgg-roll'><em>通知公告：</em><marquee scrollamount='2'>"
            "<a href='/tzgg/202406/t20240612_992305.html'>关于启用新版户籍业务办理系统的公告</a>"
            "<a href='/tzgg/202406/t20240601_992266.html'>关于端午节期间出入境业务办理时间的通知</a></marquee></div>"
            "<div class='container'><div class='left'><div class='lanmu'>警务动态</div>"
            f"<ul class='list-ul'>{items}</ul>"
            "<div class='page'><script>createPageHTML(6, 0, \"index\", \"html\");</script></div></div>"
            "<div class='right'><div class='bt'>点击排行</div><ul>"
            "<li><a href='/xwzx/jryw/202403/t20240302_990011.html'>公安部部署开展打击整治枪爆违法犯罪专项行动</a></li>"
            "<li><a href='/xwzx/jryw/202402/t20240220_989870.html'>春节期间全县社会治安大局持续平稳</a></li></ul></div></div>"
            "<div class='bottom'><a href='/lxwm/index.html'>联系我们</a>|<a href='/wzdt/index.html'>网站地图</a>"
            "<p>版权所有：某县公安局 地址：某县人民路8号 ICP备案号：某ICP备00000001号</p></div></body></html>")
    return HeldOut("trs-nested-marquee", "http://www.xx-gaj.test/jwzx/jwdt/index.html", html,
                   tuple(u for u, _, _ in rows), "http://www.xx-gaj.test/jwzx/jwdt/index_1.html")


def _p2() -> HeldOut:
    """Old table-layout ASP list: onclick pager on table cells, copyright table, undated 热点 box."""
    rows = [(f"ShowNews.asp?id={4410 - k}", f"我局召开第{k + 1}季度治安形势分析会" if k % 2 == 0 else f"开展第{k + 1}批次道路交通安全隐患排查",
             f"2023-{12 - k:02d}-18") for k in range(10)]
    trs = "".join(f"<tr><td width='5%'><img src='images/dot.gif'></td><td><a href='{u}' target='_blank'>{t}</a></td>"
                  f"<td width='20%'>[{d}]</td></tr>" for u, t, d in rows)
    pager = ("<table><tr><td>共 127 条记录 页次：1/13 每页 10 条</td>"
             "<td style='cursor:pointer' onclick=\"location.href='NewsList.asp?ClassID=3&amp;page=2'\">下一页</td>"
             "<td style='cursor:pointer' onclick=\"location.href='NewsList.asp?ClassID=3&amp;page=13'\">尾页</td></tr></table>")
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'><title>公安要闻</title></head><body>"
            "<table width='1000'><tr><td><img src='images/banner.jpg'></td></tr></table>"
            "<table width='1000'><tr><td width='230' valign='top'>"
            "<table><tr><td class='lm'>热点文章</td></tr>"
            "<tr><td><a href='../zt/ShowZt.asp?id=77'>“平安家园”建设专题报道</a></td></tr>"
            "<tr><td><a href='../zt/ShowZt.asp?id=76'>扫黑除恶专项斗争专题</a></td></tr></table></td>"
            f"<td valign='top'><table width='100%'>{trs}</table>{pager}</td></tr></table>"
            "<table width='1000'><tr><td align='center'>Copyright 2008-2024 某市公安局 版权所有 <a href='ShowNews.asp?id=1'>联系我们</a></td></tr></table>"
            "</body></html>")
    return HeldOut("asp-table-onclick", "http://www.yy-police.test/news/NewsList.asp?ClassID=3", html,
                   tuple(u for u, _, _ in rows), "http://www.yy-police.test/news/NewsList.asp?ClassID=3&page=2")


def _p3() -> HeldOut:
    """Epoint-style list with a select jump menu and a 'hot' side box whose rows carry dates."""
    rows = [(f"/jyxx/002001/2024061{k}/{'%08x' % (0x5a1b2c00 + k)}-1b2c-4d5e-8f90-a1b2c3d4e5f{k}.html",
             f"市公安局关于第{k + 1}批拟发放驾驶证人员的公示", f"2024-06-1{k}") for k in range(7)]
    items = "".join(f"<li class='wb-data-list'><div class='wb-data-infor'><a href='{u}' title='{t}'>{t}</a></div>"
                    f"<span class='wb-data-date'>{d}</span></li>" for u, t, d in rows)
    opts = "".join(f"<option value='{'moreinfo' if n == 1 else n}.html'>{n}</option>" for n in range(1, 10))
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>公示公告</title></head><body>"
            "<div class='ewb-header'><a href='/'>首页</a><a href='/jyxx/'>公示公告</a><a href='/zcfg/'>政策法规</a></div>"
            f"<div class='ewb-container'><ul class='wb-data-item'>{items}</ul>"
            "<div class='ewb-page'>共9页 跳转至 <select onchange=\"window.location.href=this.value\">" + opts + "</select></div></div>"
            "<div class='ewb-hot'><h4>最新政策</h4><ul>"
            "<li><a href='/zcfg/003001/20240601/abcd1234-1111-2222-3333-444455556666.html'>机动车驾驶人考试工作规范（修订）</a><span>2024-06-01</span></li>"
            "<li><a href='/zcfg/003001/20240520/abcd1234-1111-2222-3333-444455556667.html'>道路交通安全违法行为处理程序规定</a><span>2024-05-20</span></li>"
            "</ul></div>"
            "<div class='ewb-footer'>主办单位：某市公安局交通警察支队</div></body></html>")
    return HeldOut("epoint-select-hotbox", "http://jgj.zz-ga.test/jyxx/002001/moreinfo.html", html,
                   tuple(u for u, _, _ in rows), "http://jgj.zz-ga.test/jyxx/002001/2.html")


def _p4() -> HeldOut:
    """Card list (div items with summaries), goPage pager on spans, a script-scrolled notice strip."""
    rows = [(f"/news/detail/{88120 - k}", f"区分局第{k + 1}次“警营开放日”活动走进校园", f"2024.0{5 - k // 4}.{28 - k:02d}") for k in range(8)]
    cards = "".join(f"<div class='item'><h3><a href='{u}'>{t}</a></h3><p class='summary'>活动现场，民警向师生展示警用装备……</p>"
                    f"<div class='time'>{d}</div></div>" for u, t, d in rows)
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>警务资讯</title></head><body>"
            "<div class='head'><div class='gonggao'><span>公告：</span><div id='gg_roll'><ul>"
            "<li><a href='/news/detail/88200'>关于开展2024年度警务辅助人员招聘的公告</a></li>"
            "<li><a href='/news/detail/88190'>关于调整交通违法处理窗口工作时间的通知</a></li></ul></div></div></div>"
            f"<div class='content'><div class='news-cards'>{cards}</div>"
            "<div class='pagination'><span class='active'>1</span><span onclick='goPage(2)'>2</span><span onclick='goPage(3)'>3</span>"
            "<span onclick='goPage(2)'>下一页</span><span onclick='goPage(15)'>末页</span></div></div>"
            "<script>var box = document.getElementById('gg_roll'); setInterval(function () { box.scrollTop += 1; "
            "if (box.scrollTop > 60) { box.scrollTop = 0; } }, 50);\n"
            "function goPage(p) { window.location.href = '/news/list?category=jwzx&page=' + p; }</script>"
            "<div class='foot'>网站标识码：1234000099 <a href='/news/detail/1'>关于我们</a></div></body></html>")
    return HeldOut("cards-span-pager-scroll", "http://www.cq-gaj.test/news/list?category=jwzx", html,
                   tuple(u for u, _, _ in rows), "http://www.cq-gaj.test/news/list?category=jwzx&page=2")


def _p5() -> HeldOut:
    """JSP list with a GET jump form and a footer table of service links with article-like URLs."""
    rows = [(f"content.jsp?urltype=news.NewsContentUrl&wbnewsid={23300 + k}&wbtreeid=1012",
             f"开发区分局成功侦破一起跨省电信诈骗案（{k + 1}）", f"2024-0{3 + k // 5}-{10 + k:02d}") for k in range(6)]
    items = "".join(f"<tr><td class='tit'><a href='{u}'>{t}</a></td><td class='date'>{d}</td></tr>" for u, t, d in rows)
    html = ("<html><head><meta charset='utf-8'><title>案件通报</title></head><body>"
            "<div id='menu'><a href='/'>首页</a><a href='list.jsp?wbtreeid=1011'>警方动态</a></div>"
            f"<table class='listtable'>{items}</table>"
            "<div class='pb'>共4页 第1页 <a href='list.jsp?a2t=4&amp;a2p=2&amp;a2c=6&amp;urltype=tree.TreeTempUrl&amp;wbtreeid=1012'>下页</a>"
            "<form name='a2f' action='list.jsp' method='get'><input type='hidden' name='wbtreeid' value='1012'/>"
            "<input type='text' name='a2p' size='2'/><input type='submit' value='GO'/></form></div>"
            "<table class='bottom'><tr><td><a href='content.jsp?urltype=news.NewsContentUrl&amp;wbnewsid=10&amp;wbtreeid=1001'>网站声明</a>"
            " <a href='content.jsp?urltype=news.NewsContentUrl&amp;wbnewsid=11&amp;wbtreeid=1001'>联系方式</a></td></tr>"
            "<tr><td>版权所有 某市公安局开发区分局</td></tr></table></body></html>")
    return HeldOut("jsp-form-footer", "http://www.kfq-ga.test/list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1012", html,
                   tuple(u for u, _, _ in rows),
                   "http://www.kfq-ga.test/list.jsp?a2t=4&a2p=2&a2c=6&urltype=tree.TreeTempUrl&wbtreeid=1012")


def _p6() -> HeldOut:
    """A single-page list (no pager) with icon-only anchors beside each row and a related-topics strip."""
    rows = [(f"/zwgk/tzgg/2024/{300 + k}.shtml", f"关于{['春节', '清明', '五一', '端午'][k % 4]}期间交通管制的通告（第{k + 1}号）",
             f"2024-0{1 + k}-05") for k in range(4)]
    items = "".join(f"<li><a class='ico' href='{u}'><i class='icon-file'></i></a><a href='{u}'>{t}</a><b>{d}</b></li>"
                    for u, t, d in rows)
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知公告</title></head><body>"
            "<nav><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></nav>"
            f"<main><h2>通知公告</h2><ul class='notice-list'>{items}</ul></main>"
            "<section class='topics'><a href='/zt/2023/12.shtml'><img src='/zt/b1.jpg'></a>"
            "<a href='/zt/2023/13.shtml'><img src='/zt/b2.jpg'></a></section>"
            "<footer>版权所有 © 某市公安局</footer></body></html>")
    return HeldOut("single-page-icons", "http://www.hz-ga.test/zwgk/tzgg/", html, tuple(u for u, _, _ in rows), None)


HELD_OUT = [_p1(), _p2(), _p3(), _p4(), _p5(), _p6()]
