"""List scope: what is on a list page but not in its list (invented bureaus and URLs).

Each page carries a real list (dated rows in the main content) and one kind of intruder with
article-shaped URLs: a nested header document, a marquee or script-scrolled notice box, a footer without
class names, empty anchors, an undated side box. Article URL sets are exact: a lost row fails as much as
an intruder.
"""

from __future__ import annotations

from tests.extract.listing.test_shapes import article_urls, parse

HOST = "http://www.nanhu-ga.test"
LIST_URL = f"{HOST}/jwzx/jwdt/index.html"


def list_rows(n: int = 6) -> str:
    return "".join(f"<li><a href='./2024{6 - k // 3:02d}/t2024{6 - k // 3:02d}{20 - k:02d}_{7300 + k}.html' target='_blank'>"
                   f"南湖分局开展“夏安”第{k + 1}轮集中清查行动</a><span class='date'>2024-{6 - k // 3:02d}-{20 - k:02d}</span></li>"
                   for k in range(n))


LIST = {f"{HOST}/jwzx/jwdt/2024{6 - k // 3:02d}/t2024{6 - k // 3:02d}{20 - k:02d}_{7300 + k}.html" for k in range(6)}


def doc(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>警务动态</title>{head}</head><body>"
            f"{body}</body></html>")


HEADER_DOC = ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
              "<html xmlns='http://www.w3.org/1999/xhtml'><head><meta charset='utf-8'/><title>某某市公安局</title>"
              "<link rel='stylesheet' href='/css/head.css'/></head><body>"
              "<div class='logo-row'><img src='/images/logo.png'/></div>"
              "<div class='latest'><span>最新发布：</span>"
              "<a href='/jwzx/tzgg/202406/t20240618_7290.html'>关于调整部分交通管制措施的通告</a><em>2024-06-18</em>"
              "<a href='/jwzx/tzgg/202406/t20240617_7288.html'>关于开展电动自行车登记上牌工作的通知</a><em>2024-06-17</em>"
              "<a href='/jwzx/jwdt/202406/t20240616_7286.html'>市局举行庆祝中国人民警察节升警旗仪式</a><em>2024-06-16</em></div>"
              "</body></html>")


def test_a_nested_header_document_in_the_middle_of_the_page():
    html = doc(f"<div class='wrap'>{HEADER_DOC}<div class='main'><ul class='list'>{list_rows()}</ul></div></div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_a_header_document_pasted_before_the_page():
    html = HEADER_DOC + "\n" + doc(f"<div class='main'><ul class='list'>{list_rows()}</ul></div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_a_page_that_is_only_the_nested_document_keeps_its_list():
    inner = doc(f"<ul class='list'>{list_rows()}</ul>")
    html = doc(f"<div class='shell'>{inner}</div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_marquee_notice_box():
    ticker = ("<div class='notice'><b>通知公告：</b><marquee direction='left' scrollamount='3' onmouseover='this.stop()'>"
              "<a href='/jwzx/tzgg/202406/t20240615_7281.html'>关于公开征集涉黑涉恶违法犯罪线索的通告（2024-06-15）</a>"
              "<a href='/jwzx/tzgg/202406/t20240612_7270.html'>端午节期间道路交通安全提示</a></marquee></div>")
    html = doc(f"{ticker}<div class='main'><ul class='list'>{list_rows()}</ul></div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_box_scrolled_by_script_set_interval_scroll_top():
    box = ("<div class='gg'><h3>滚动公告</h3><div id='demo' style='height:120px;overflow:hidden'><ul>"
           + "".join(f"<li><a href='/jwzx/tzgg/2024{m:02d}/t2024{m:02d}01_{6100 + m}.html'>{m}月份全市治安形势分析通报</a>"
                     f"<span>2024-{m:02d}-01</span></li>" for m in range(1, 6))
           + "</ul></div></div>"
           "<script>var demo = document.getElementById('demo');\nfunction roll() { if (demo.scrollTop >= 200) "
           "demo.scrollTop = 0; else demo.scrollTop++; }\nvar t = setInterval(roll, 40);</script>")
    html = doc(f"<div class='main'><ul class='list'>{list_rows()}</ul></div>{box}")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_box_scrolled_by_a_slide_plugin():
    box = ("<div class='tzgg-box'><div class='bd'><ul>"
           + "".join(f"<li><a href='/jwzx/tzgg/202405/t202405{d:02d}_{5900 + d}.html'>关于第{d}批次驾驶证审验的通知</a>"
                     f"<i>2024-05-{d:02d}</i></li>" for d in range(1, 5))
           + "</ul></div></div><script>jQuery('.tzgg-box').slide({mainCell: '.bd ul', autoPlay: true, effect: 'topMarquee', "
           "interTime: 50, vis: 3});</script>")
    html = doc(f"<div class='main'><ul class='list'>{list_rows()}</ul></div>{box}")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_footer_without_class_names_and_service_links_with_article_urls():
    footer = ("<div><p><a href='/art/2020/1/1/art_1_1.html'>联系我们</a> | <a href='/content_2.html'>网站地图</a> | "
              "<a href='/detail-3.html'>隐私声明</a></p>"
              "<p><a href='/jwzx/jwdt/201912/t20191201_11.html'>关于本站</a></p>"
              "<p>版权所有：某某市公安局 主办单位：某某市公安局办公室 网站标识码：1234000001</p>"
              "<p><a href='/xxgk/202001/t20200101_12.html'>某ICP备12345678号-1 发布于2020-01-01</a></p></div>")
    html = doc(f"<div class='main'><ul class='list'>{list_rows()}</ul></div>{footer}")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_headline_mentioning_a_sponsor_is_still_a_row():
    rows = list_rows(5) + ("<li><a href='./202406/t20240601_7400.html'>市局主办单位：全市禁毒宣传月启动仪式举行</a>"
                           "<span>2024-06-01</span></li>")
    html = doc(f"<div class='main'><ul class='list'>{rows}</ul><p>版权所有：某某市公安局</p></div>")
    expected = {u for u in LIST if not u.endswith("_7305.html")} | {f"{HOST}/jwzx/jwdt/202406/t20240601_7400.html"}
    assert article_urls(parse(html, LIST_URL)) == expected


def test_anchors_with_no_text_are_not_articles():
    rows = list_rows() + ("<li><a href='./202406/t20240602_7399.html'><img src='/pic/ad.jpg'/></a></li>"
                          "<li><a href='./202406/t20240601_7398.html'> </a><span>2024-06-01</span></li>")
    html = doc(f"<div class='main'><ul class='list'>{rows}</ul></div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_picture_row_whose_text_link_follows_is_kept_once():
    rows = ("<li><a href='./202406/t20240622_7500.html'><img src='/pic/1.jpg'/></a>"
            "<a href='./202406/t20240622_7500.html'>巡特警支队开展水上救援演练</a><span>2024-06-22</span></li>") + list_rows()
    html = doc(f"<div class='main'><ul class='list'>{rows}</ul></div>")
    r = parse(html, LIST_URL)
    assert article_urls(r) == LIST | {f"{HOST}/jwzx/jwdt/202406/t20240622_7500.html"}
    assert next(a for a in r.articles if a.url.endswith("_7500.html")).title == "巡特警支队开展水上救援演练"


def test_undated_side_box_of_other_columns_is_not_the_list_but_a_pinned_box_is():
    side = ("<div class='right-box'><h3>专题专栏</h3><ul>"
            "<li><a href='/ztzl/pajs/202403/t20240301_501.html'>平安建设宣传月专题</a></li>"
            "<li><a href='/ztzl/sdhe/202402/t20240201_502.html'>常态化扫黑除恶斗争专题</a></li>"
            "<li><a href='/ztzl/jdxc/202401/t20240101_503.html'>全民禁毒宣传教育专题</a></li></ul></div>")
    pinned = ("<div class='zd-box'><a href='./202401/t20240105_7001.html'>[置顶]关于公开征集违法犯罪线索的通告</a></div>")
    html = doc(f"<div class='main'>{pinned}<ul class='list'>{list_rows()}</ul></div>{side}")
    assert article_urls(parse(html, LIST_URL)) == LIST | {f"{HOST}/jwzx/jwdt/202401/t20240105_7001.html"}


def test_a_list_split_into_several_blocks_is_kept_whole():
    rows = list_rows()
    items = rows.split("</li>")[:-1]
    blocks = "".join(f"<ul class='list'>{''.join(i + '</li>' for i in items[k:k + 2])}</ul><div class='line'></div>"
                     for k in range(0, 6, 2))
    html = doc(f"<div class='main'>{blocks}</div>")
    assert article_urls(parse(html, LIST_URL)) == LIST


def test_table_layout_side_box_in_the_same_kind_of_table_is_not_the_list():
    rows = "".join(f"<tr><td><a href='ShowNews.asp?id={900 + k}'>城南派出所开展第{k + 1}次安全防范宣传</a></td><td>[2024-05-{k + 10}]</td></tr>"
                   for k in range(6))
    side = ("<table><tr><td><a href='../zt/ShowZt.asp?id=31'>“平安校园”创建专题</a></td></tr>"
            "<tr><td><a href='../zt/ShowZt.asp?id=30'>交通安全宣传月专题</a></td></tr></table>")
    html = doc(f"<table><tr><td>{side}</td><td><table>{rows}</table></td></tr></table>")
    r = parse(html, "http://www.cn-ga.test/news/NewsList.asp?ClassID=2")
    assert article_urls(r) == {f"http://www.cn-ga.test/news/ShowNews.asp?id={900 + k}" for k in range(6)}


def test_title_attribute_is_the_headline_when_the_anchor_also_wraps_the_date():
    rows = "".join(f"<li><a href='/art/2024/5/{k + 1}/art_1312_{700 + k}.html' title='关于第{k + 1}批次科技项目验收的通知'>"
                   f"<div class='text'>关于第{k + 1}批次科技项目验收的通知</div><div class='text-date'>2024-05-0{k + 1}</div></a></li>"
                   for k in range(3))
    r = parse(doc(f"<ul class='list'>{rows}</ul>"), "http://www.kj-ga.test/col/col1312/index.html")
    assert [(a.title, a.list_date) for a in r.articles] == [(f"关于第{k + 1}批次科技项目验收的通知", f"2024-05-0{k + 1}") for k in range(3)]


ARCHIVE_HOST = "http://www.bq-ga.test"


def item_box_rows(n: int = 6) -> str:
    """One box per item, its date in a sibling of the title (enorth's dl/dt/dd rows)."""
    return "".join(f"<div class='newsmb'><dl><dt><a href='{ARCHIVE_HOST}/system/2024/06/{20 - k:02d}/0{61200 + k}.shtml'>"
                   f"北桥分局破获系列盗窃电动车案件（{k + 1}）</a></dt><dd><a class='more' "
                   f"href='{ARCHIVE_HOST}/system/2024/06/{20 - k:02d}/0{61200 + k}.shtml'>查阅全文</a>"
                   f"发表于：2024/06/{20 - k:02d}</dd></dl></div>" for k in range(n))


ITEM_LIST = {f"{ARCHIVE_HOST}/system/2024/06/{20 - k:02d}/0{61200 + k}.shtml" for k in range(6)}


def test_side_boxes_of_the_lists_own_folder_in_another_layout_column_are_not_the_list():
    # every article of the site lives under /system/: folders cannot tell the boxes apart, position can
    hot = "".join(f"<li><a href='{ARCHIVE_HOST}/system/2024/06/21/0{61290 + k}.shtml'>本栏热点：夜查整治第{k + 1}轮</a></li>"
                  for k in range(4))
    hot += f"<li><a href='{ARCHIVE_HOST}/system/2024/06/20/061200.shtml'>北桥分局破获系列盗窃电动车案件（1）</a></li>"
    shows = "".join(f"<li><a href='{ARCHIVE_HOST}/system/2024/05/{k + 10}/0{60900 + k}.shtml'>2024年5月{k + 10}日《北桥警讯》</a></li>"
                    for k in range(5))
    pics = "".join(f"<p><a href='{ARCHIVE_HOST}/system/2023/04/1{k}/0{51000 + k}.shtml'><img src='/p/{k}.jpg'/></a>"
                   f"<span>警营开放日活动剪影…<a href='{ARCHIVE_HOST}/system/2023/04/1{k}/0{51000 + k}.shtml'>[详细]</a></span></p>"
                   for k in range(3))
    html = doc(f"<div class='body'><div class='col-main'><div class='con'><table><tr><td>{item_box_rows()}</td></tr></table>"
               f"</div></div><div class='col-side'><div class='box'><h4>热点新闻</h4><ul>{hot}</ul></div>"
               f"<div class='box'><h4>图片新闻</h4>{pics}</div><div class='box'><h4>视频新闻</h4><ul>{shows}</ul></div>"
               f"</div></div>")
    r = parse(html, f"{ARCHIVE_HOST}/jwdt/index.shtml")
    assert article_urls(r) == ITEM_LIST
    # the date sits beside the title in the item's own box
    assert [a.list_date for a in r.articles] == [f"2024-06-{20 - k:02d}" for k in range(6)]


def test_a_date_in_the_headline_is_not_the_rows_date_unless_written_at_its_edge():
    rows = ("<li><a href='./202406/t20240618_7601.html'>2024年6月14日至17日全市警情通报</a><span>2024-06-18</span></li>"
            "<li><a href='./202406/t20240611_7590.html'>[2024-06-11] 关于端午节期间道路交通管制的通告</a></li>")
    r = parse(doc(f"<div class='main'><ul class='list'>{rows}{list_rows(4)}</ul></div>"), LIST_URL)
    dates = {a.url.rsplit("_", 1)[1]: a.list_date for a in r.articles}
    assert dates["7601.html"] == "2024-06-18" and dates["7590.html"] == "2024-06-11"
