"""List-page shapes beyond the demo's three families, on hand-written pages (invented bureaus and URLs).

Every fixture carries the furniture a real government list page has (a menu, a footer, a side box with
a 更多 link, an attachment link) so a test fails both when an article is missed and when furniture leaks
in; the follow requests are checked as exact URL sets, so a missing page or an extra one fails too.
"""

from __future__ import annotations

import pytest

from extract import parse_list_page
from extract.urls import canonical_url

MENU = ("<div class='topnav'><a href='/'>网站首页</a><a href='/jwzx/'>警务资讯</a><a href='/bsfw/'>办事服务</a>"
        "<a href='/hdjl/znxx.html'>局长信箱</a></div>")
SIDE = ("<div class='side_bar'><h3>热点排行</h3><ul><li><a href='/jwzx/rdgz/202405/t20240520_3301.html'>"
        "夏季治安打击整治行动全面启动</a></li><li><a href='/jwzx/rdgz/202405/t20240518_3297.html'>"
        "反电诈宣传走进社区广场</a></li></ul><a href='/jwzx/rdgz/'>更多&gt;&gt;</a></div>")
FOOT = ("<div class='foot'><p>主办单位：某某市公安局 <a href='/wzdt.html'>网站地图</a> <a href='/lxwm.html'>联系我们</a>"
        "</p><p>备案号 <a href='http://beian.example.org/'>某ICP备00000000号</a></p></div>")


def page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}<title>列表</title></head><body>"
            f"{MENU}<div class='main'>{body}</div>{SIDE}{FOOT}</body></html>")


def parse(html: str | bytes, url: str, ctype: str | None = "text/html; charset=utf-8"):
    return parse_list_page(html.encode() if isinstance(html, str) else html, url, ctype)


def follow_urls(result) -> set[str]:
    return {canonical_url(f.url) for f in result.follow}


def article_urls(result) -> set[str]:
    return {a.url for a in result.articles}


def urls(*items: str) -> set[str]:
    return {canonical_url(u) for u in items}


# -- 1. TRS classic pager template: countPage/currentPage variables, no createPageHTML call, .shtml -------
TRS_CLASSIC = page(
    "<ul class='news-list'>"
    "<li><a href='./202406/t20240603_4412.shtml' target='_blank'>市局召开夏季治安防控部署会</a><span>2024-06-03</span></li>"
    "<li><a href='./202406/t20240601_4405.shtml'>交警支队发布端午出行提示</a><span>2024-06-01</span></li>"
    "<li><a href='./202405/t20240528_4390.shtml'>巡特警开展水上救援实战演练</a><span>2024-05-28</span></li>"
    "<li><a href='/uploadfile/2024/0525/P020240525_附件一.pdf'>附件：2024年度警务公开目录</a><span>2024-05-25</span></li>"
    "</ul>"
    "<div class='fenye'><script type='text/javascript'>\n"
    "var countPage = 6//共多少页\n"
    "var currentPage = 0//当前页\n"
    "var prevPage = currentPage-1//上一页\n"
    "var nextPage = currentPage+1//下一页\n"
    "document.write(\"<a href='index.shtml'>首页</a>\");\n"
    "if (countPage > 1 && currentPage != (countPage-1)) {\n"
    "  document.write(\"<a href='index_\" + nextPage + \".shtml'>下一页</a>\");\n"
    "  document.write(\"<a href='index_\" + (countPage-1) + \".shtml'>尾页</a>\");\n"
    "}\n</script></div>"
)


def test_trs_classic_template_without_createpagehtml():
    r = parse(TRS_CLASSIC, "http://gaj.baishui.test/jwzx/jwdt/index.shtml")
    assert article_urls(r) == {
        "http://gaj.baishui.test/jwzx/jwdt/202406/t20240603_4412.shtml",
        "http://gaj.baishui.test/jwzx/jwdt/202406/t20240601_4405.shtml",
        "http://gaj.baishui.test/jwzx/jwdt/202405/t20240528_4390.shtml",
    }
    assert follow_urls(r) == urls(*(f"http://gaj.baishui.test/jwzx/jwdt/index_{i}.shtml" for i in range(1, 6)))
    # the next page comes first
    assert canonical_url(min(r.follow, key=lambda f: f.order).url).endswith("index_1.shtml")


def test_trs_classic_template_on_a_later_page_announces_the_others():
    r = parse(TRS_CLASSIC.replace("var currentPage = 0", "var currentPage = 2"),
              "http://gaj.baishui.test/jwzx/jwdt/index_2.shtml")
    assert follow_urls(r) == urls("http://gaj.baishui.test/jwzx/jwdt/index.shtml",
                                  *(f"http://gaj.baishui.test/jwzx/jwdt/index_{i}.shtml" for i in (1, 3, 4, 5)))


# -- 2. static index_N.htm series, a 页码 bar of plain links, column URL given as its folder ---------------
def static_series(current: int) -> str:
    rows = "".join(f"<li><span class='date'>2024-05-{20 - i:02d}</span><a href='/jwgk/jwdt/2024/05{20 - i:02d}/{18342 - i}.htm'>"
                   f"城区派出所开展第{i + 1}轮入户走访活动</a></li>" for i in range(4))
    bar = "<div class='page_bar'><a href='index.htm'>首页</a>"
    bar += "".join(f"<a href='index_{n}.htm'>{n}</a>" if n != current else f"<b>{n}</b>" for n in range(2, 6))
    bar += f"<a href='index_{current + 1}.htm'>下一页</a><a href='index_17.htm'>尾页</a></div>"
    return page(f"<ul class='lb'>{rows}</ul>{bar}")


def test_static_series_from_the_column_folder_fills_up_to_the_last_page():
    r = parse(static_series(1), "http://www.huangyan-ga.test/jwgk/jwdt/")
    assert follow_urls(r) == urls(*(f"http://www.huangyan-ga.test/jwgk/jwdt/index_{n}.htm" for n in range(2, 18)))
    assert article_urls(r) == {f"http://www.huangyan-ga.test/jwgk/jwdt/2024/05{20 - i:02d}/{18342 - i}.htm"
                               for i in range(4)}
    assert {a.list_date for a in r.articles} == {"2024-05-20", "2024-05-19", "2024-05-18", "2024-05-17"}


# -- 3. JSP ?pageNo=N: only 下一页, the page count is in the text ("共12页") ------------------------------------
def jsp_list(page_no: int, total_text: str = "共12页 当前第1页") -> str:
    rows = "".join(f"<tr><td class='bt'><a href='detail.jsp?columnId=31&amp;articleId={8800 - i}' title='全市公安机关"
                   f"“百日行动”第{i}阶段战果'>全市公安机关“百日行动”第{i}阶段…</a></td><td>2024-04-{10 + i}</td></tr>"
                   for i in range(1, 4))
    pager = (f"<div class='pagelist'>{total_text} <a href='list.jsp?columnId=31&amp;pageNo={page_no + 1}'>下一页</a>"
             "</div>")
    return page(f"<table class='tab'>{rows}</table>{pager}")


def test_jsp_pageno_with_total_pages_in_text():
    url = "http://www.qsx-police.test/jsp/news/list.jsp?columnId=31&pageNo=1"
    r = parse(jsp_list(1), url)
    assert follow_urls(r) == urls(*(f"http://www.qsx-police.test/jsp/news/list.jsp?columnId=31&pageNo={n}"
                                    for n in range(2, 13)))
    assert article_urls(r) == urls(*(f"http://www.qsx-police.test/jsp/news/detail.jsp?columnId=31&articleId={8800 - i}"
                                     for i in range(1, 4)))
    # the title attribute is the whole headline when the text is cut short
    assert {a.title for a in r.articles} == {f"全市公安机关“百日行动”第{i}阶段战果" for i in range(1, 4)}


def test_hostile_page_count_in_text_is_capped():
    r = parse(jsp_list(1, "共999999999页"), "http://www.qsx-police.test/jsp/news/list.jsp?columnId=31&pageNo=1")
    assert 2 <= len(r.follow) <= 10_000


# -- 4. PHP &currPage=N with page numbers and 页次：1/9 -----------------------------------------------------
def test_php_currpage_with_page_ratio_text():
    rows = "".join(f"<dd><a href='show.php?catid=5&amp;id={640 - i}'>刑侦大队破获系列盗窃电动车案第{i}批</a>"
                   f"<i>2024.03.{10 + i}</i></dd>" for i in range(3))
    pager = ("<div class='pages'>页次：1/9 每页15条 <a href='list.php?catid=5&amp;currPage=2'>2</a>"
             "<a href='list.php?catid=5&amp;currPage=3'>3</a><a href='list.php?catid=5&amp;currPage=2'>下一页</a></div>")
    r = parse(page(f"<dl>{rows}</dl>{pager}"), "http://jw.nanping-ga.test/list.php?catid=5")
    assert follow_urls(r) == urls(*(f"http://jw.nanping-ga.test/list.php?catid=5&currPage={n}" for n in range(2, 10)))
    assert article_urls(r) == urls(*(f"http://jw.nanping-ga.test/show.php?catid=5&id={640 - i}" for i in range(3)))
    assert all(a.list_date and a.list_date.startswith("2024-03-") for a in r.articles)


@pytest.mark.parametrize("param", ["page", "pn", "curpage", "pageIndex", "pageNum"])
def test_common_page_parameters_with_last_page_link(param: str):
    rows = "".join(f"<li><a href='/news/view.aspx?id={300 + i}'>禁毒支队举办第{i}期禁毒知识讲座</a> 2023-11-0{i + 1}</li>"
                   for i in range(3))
    pager = (f"<div class='pg'><a href='?type=2&amp;{param}=2'>下一页</a><a href='?type=2&amp;{param}=7'>尾页</a>"
             "<a href='http://m.other-host.test/news/list.aspx?type=2&amp;page=3'>3</a></div>")
    r = parse(page(f"<ul>{rows}</ul>{pager}"), "http://www.xh-gaj.test/news/list.aspx?type=2")
    assert follow_urls(r) == urls(*(f"http://www.xh-gaj.test/news/list.aspx?type=2&{param}={n}" for n in range(2, 8)))
    assert article_urls(r) == urls(*(f"http://www.xh-gaj.test/news/view.aspx?id={300 + i}" for i in range(3)))


# -- 5. javascript:goPage(N) pagers, the URL pattern in the script ---------------------------------------
def test_javascript_gopage_with_concatenated_url():
    rows = "".join(f"<li><a href='/sjdt/jqfb/202402/t202402{i:02d}_77{i}.html'>二月份第{i}周警情通报发布</a>"
                   f"<span>2024-02-{i:02d}</span></li>" for i in range(1, 4))
    pager = ("<div class='pagination'><a href='javascript:goPage(1)'>首页</a><a href='javascript:void(0)'>上一页</a>"
             "<a href='javascript:goPage(2)'>下一页</a><a href='javascript:goPage(7)'>尾页</a></div>"
             "<script>function goPage(pno) {\n  window.location.href = \"list_\" + pno + \".html\";\n}</script>")
    r = parse(page(f"<ul class='list'>{rows}</ul>{pager}"), "http://gaj.liyang-city.test/sjdt/jqfb/list_1.html")
    assert follow_urls(r) == urls(*(f"http://gaj.liyang-city.test/sjdt/jqfb/list_{n}.html" for n in range(2, 8)))
    assert len(r.articles) == 3


def test_javascript_pager_with_url_template_variable():
    rows = "".join(f"<li><a href='/portal/article/detail.do?articleId={9100 + i}'>出入境管理大队便民措施第{i}项</a>"
                   f"<span>[2024-01-1{i}]</span></li>" for i in range(3))
    pager = ("<div class='page-box'><span>共 5 页</span><a href=\"javascript:turnPage('2');\">2</a>"
             "<a href=\"javascript:turnPage('2');\">下一页</a></div>"
             "<script>var pageUrlTpl = '/portal/article/list.do?channelId=7&pageNo={page}';\n"
             "function turnPage(n){ location.href = pageUrlTpl.replace('{page}', n); }</script>")
    r = parse(page(f"<ul>{rows}</ul>{pager}"), "http://www.ygq-ga.test/portal/article/list.do?channelId=7")
    assert follow_urls(r) == urls(*(f"http://www.ygq-ga.test/portal/article/list.do?channelId=7&pageNo={n}"
                                    for n in range(2, 6)))
    assert len(r.articles) == 3


# -- 6. NFCMS (Guangdong): content/post_N.html, index_N.html pages starting at 2 --------------------------
def test_nfcms_list():
    rows = "".join(f"<li><a href='http://www.sz-dp-ga.test/zwgk/jwdt/content/post_41234{i:02d}.html' target='_blank'>"
                   f"分局开展“平安夏季”第{i}次集中清查</a><span class='time'>2024-06-{10 - i:02d}</span></li>"
                   for i in range(5))
    pager = ("<div class='pagination'><span class='current'>1</span><a href='index_2.html'>2</a>"
             "<a href='index_3.html'>3</a><a href='index_4.html'>4</a><span>…</span>"
             "<a class='next' href='index_2.html'>下一页</a><a class='last' href='index_38.html'>尾页</a></div>")
    r = parse(page(f"<div class='news_list'><ul>{rows}</ul></div>{pager}"), "http://www.sz-dp-ga.test/zwgk/jwdt/index.html")
    assert follow_urls(r) == urls(*(f"http://www.sz-dp-ga.test/zwgk/jwdt/index_{n}.html" for n in range(2, 39)))
    assert article_urls(r) == {f"http://www.sz-dp-ga.test/zwgk/jwdt/content/post_41234{i:02d}.html" for i in range(5)}


# -- 7. UCAP/开普云-style: hash-named article files, list_N.shtml, only 下一页 and 共N页 -------------------------
HASHES = ["5f3e9a1bd2c84e07a6b1c0d9e8f7a6b5", "a0b1c2d3e4f5a6b7c8d9eafbfcfdfeff", "0c1e2a3b4d5f6a7b8c9d0e1f2a3b4c5d"]


def test_ucap_hash_named_articles_and_list_n_shtml():
    rows = "".join(f"<li><a href='../../c100245/2024{5 + i:02d}/{h}.shtml'>网安支队提示防范新型网络诈骗手法之{i + 1}</a>"
                   + ("<span>2024-06-02</span>" if i else "") + "</li>" for i, h in enumerate(HASHES))
    pager = ("<div class='page'><a href='list.shtml'>首页</a><a href='list_2.shtml'>下一页</a>"
             "<span>共23页</span></div>")
    r = parse(page(f"<ul class='xxgk-list'>{rows}</ul>{pager}"), "http://www.rz-gaj.test/c100245/list.shtml")
    assert article_urls(r) == {f"http://www.rz-gaj.test/c100245/2024{5 + i:02d}/{h}.shtml" for i, h in enumerate(HASHES)}
    assert follow_urls(r) == urls(*(f"http://www.rz-gaj.test/c100245/list_{n}.shtml" for n in range(2, 24)))


# -- 8. Epoint (新点): moreinfo.html, then 2.html, 3.html …; UUID article files under a dated folder ----------
UUIDS = ["5c1d9e0a-7b2f-4e8d-9c3a-1f2e3d4c5b6a", "b2a3c4d5-e6f7-4a8b-9c0d-e1f2a3b4c5d6"]


def test_epoint_moreinfo_numbered_pages():
    rows = "".join(f"<li class='ewb-list-node'><a href='/xwzx/003001/2024060{i + 1}/{u}.html' class='ewb-list-name'>"
                   f"县公安局召开“枫桥式公安派出所”创建推进会（{i + 1}）</a><span class='ewb-list-date'>2024-06-0{i + 1}</span></li>"
                   for i, u in enumerate(UUIDS))
    pager = ("<ul class='ewb-page-items'><li><a href='moreinfo.html'>首页</a></li><li class='current'>1</li>"
             "<li><a href='2.html'>2</a></li><li><a href='3.html'>3</a></li><li><a href='2.html'>下页</a></li>"
             "<li><a href='9.html'>末页</a></li></ul>")
    r = parse(page(f"<ul class='ewb-list'>{rows}</ul>{pager}"), "http://www.wy-gaj.test/xwzx/003001/moreinfo.html")
    assert follow_urls(r) == urls(*(f"http://www.wy-gaj.test/xwzx/003001/{n}.html" for n in range(2, 10)))
    assert article_urls(r) == {f"http://www.wy-gaj.test/xwzx/003001/2024060{i + 1}/{u}.html" for i, u in enumerate(UUIDS)}
    # on page 3 the others are announced, the page itself is not
    r3 = parse(page(f"<ul class='ewb-list'>{rows}</ul>{pager}"), "http://www.wy-gaj.test/xwzx/003001/3.html")
    assert canonical_url("http://www.wy-gaj.test/xwzx/003001/3.html") not in follow_urls(r3)
    assert canonical_url("http://www.wy-gaj.test/xwzx/003001/9.html") in follow_urls(r3)


# -- 9. <ul class="list"> with dates in <span> and a pinned 置顶 item ----------------------------------------
def test_pinned_item_is_an_article_with_a_clean_title():
    rows = ("<li class='top'><a href='./202401/t20240105_2001.html'><em>[置顶]</em>关于公开征集违法犯罪线索的通告</a>"
            "<span>2024-01-05</span></li>"
            + "".join(f"<li><a href='./202406/t2024060{i}_21{i}0.html'>治安支队第{i}期“警营开放日”活动圆满举行</a>"
                      f"<span>2024-06-0{i}</span></li>" for i in range(1, 4)))
    r = parse(page(f"<ul class='list'>{rows}</ul>"), "http://www.hd-gaj.test/jwzx/tzgg/")
    assert article_urls(r) == {"http://www.hd-gaj.test/jwzx/tzgg/202401/t20240105_2001.html",
                               *(f"http://www.hd-gaj.test/jwzx/tzgg/202406/t2024060{i}_21{i}0.html" for i in range(1, 4))}
    pinned = next(a for a in r.articles if a.url.endswith("t20240105_2001.html"))
    assert pinned.title == "关于公开征集违法犯罪线索的通告"
    assert pinned.list_date == "2024-01-05"
    # the side box's 热点 links and its 更多 link are not this column's articles
    assert not any("/rdgz/" in u for u in article_urls(r))


# -- 10. GBK bytes, no charset anywhere ---------------------------------------------------------------------
def test_gbk_list_without_charset():
    rows = "".join(f"<li><a href='/news/2023/1208/{5500 + i}.html'>交巡警支队冬季交通安全宣传第{i}站</a>"
                   f"<span>2023-12-0{i + 1}</span></li>" for i in range(3))
    html = (f"<html><head><title>警务动态</title></head><body>{MENU}<ul class='list'>{rows}</ul>"
            "<div class='page'><a href='/news/list_2.html'>下一页</a></div></body></html>")
    r = parse(html.encode("gbk"), "http://www.tq-ga.test/news/list.html", ctype="text/html")
    assert {a.title for a in r.articles} == {f"交巡警支队冬季交通安全宣传第{i}站" for i in range(3)}
    assert follow_urls(r) == urls("http://www.tq-ga.test/news/list_2.html")


# -- 11. relative links and tracking parameters ---------------------------------------------------------------
def test_relative_links_and_tracking_parameters():
    rows = ("<li><a href='./202406/t20240603_123.html?from=timeline'>全市公安机关开展“护航高考”专项行动</a><span>06-03</span></li>"
            "<li><a href='../../art/2024/6/3/art_1229_456.html?spm=a1.b2.c3'>县局召开队伍教育整顿推进会议</a><span>06-03</span></li>"
            "<li><a href='./202406/t20240603_123.html'>全市公安机关开展“护航高考”专项行动</a><span>06-03</span></li>")
    r = parse(page(f"<ul class='list'>{rows}</ul>"), "http://www.jy-ga.test/xwzx/jwdt/index.html")
    assert [a.url for a in r.articles] == ["http://www.jy-ga.test/xwzx/jwdt/202406/t20240603_123.html",
                                           "http://www.jy-ga.test/art/2024/6/3/art_1229_456.html"]
    assert r.follow == []


# -- 12. guards: what must NOT be followed -------------------------------------------------------------------
def test_trs_call_on_a_column_folder_does_not_refetch_the_folder_index():
    body = ("<ul class='list'><li><a href='./202403/t20240311_901.html'>春季道路交通安全整治行动通报</a><span>2024-03-11</span></li></ul>"
            "<script>createPageHTML(3, 0, 'index', 'html');</script>")
    r = parse(page(body), "http://www.lq-gaj.test/jtgl/")
    assert follow_urls(r) == urls("http://www.lq-gaj.test/jtgl/index_1.html", "http://www.lq-gaj.test/jtgl/index_2.html")


def test_zero_based_page_parameter_is_read_from_the_numbered_anchors():
    rows = "".join(f"<li><a href='info.aspx?id={70 + i}'>消防安全检查通报第{i}号文件</a><span>2022-08-0{i + 1}</span></li>"
                   for i in range(3))
    pager = ("<div class='pg'><a href='news.aspx?c=3&amp;page=0'>首页</a><span>1</span><a href='news.aspx?c=3&amp;page=1'>2</a>"
             "<a href='news.aspx?c=3&amp;page=2'>3</a><a href='news.aspx?c=3&amp;page=1'>下一页</a> 共6页</div>")
    r = parse(page(f"<ul>{rows}</ul>{pager}"), "http://www.fq-ga.test/news.aspx?c=3")
    # page=1 is the second page: six pages are page=0 (this one) … page=5
    assert follow_urls(r) == urls(*(f"http://www.fq-ga.test/news.aspx?c=3&page={n}" for n in range(1, 6)))


def test_script_pager_that_loads_by_ajax_is_an_endpoint_and_year_links_are_not_pages():
    rows = "".join(f"<li><a href='/a/2021/0{i + 1}12/{4400 + i}.html'>年度工作总结第{i}部分发布</a><span>2021-0{i + 1}-12</span></li>"
                   for i in range(3))
    years = "<div class='years'><a href='2019.html'>2019</a><a href='2020.html'>2020</a><a href='2021.html'>2021</a></div>"
    pager = ("<div class='pager'><a href='javascript:loadPage(2)'>下一页</a></div>"
             "<script>function loadPage(n){ $.post('/api/list', {page: n}, render); }</script>")
    r = parse(page(f"<ul>{rows}</ul>{years}{pager}"), "http://www.ms-ga.test/a/index.html")
    # the pager's function posts the page number to the list's endpoint: its first page is asked for (its
    # answer says how many follow); the year links are no pages of the list
    assert [(f.kind, f.method, f.url, f.formdata) for f in r.follow] == [
        ("api", "POST", "http://www.ms-ga.test/api/list", (("page", "1"),))]
    assert len(r.articles) == 3
