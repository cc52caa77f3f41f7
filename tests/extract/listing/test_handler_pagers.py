"""Pagers without hrefs (invented bureaus and URLs): onclick navigation, pager calls on spans and buttons,
jump menus, and small GET page forms. Follow requests are checked as exact URL sets."""

from __future__ import annotations

from extract.urls import canonical_url
from tests.extract.listing.test_shapes import article_urls, follow_urls, page, parse, urls


def rows(prefix: str, n: int = 4) -> str:
    return "".join(f"<li><a href='{prefix}{5100 + k}.html'>县公安局开展平安创建宣传第{k + 1}场</a><span>2024-04-{k + 1:02d}</span></li>"
                   for k in range(n))


def test_onclick_location_href_on_hash_anchors_jhtml_series():
    pager = ("<div class='page'>共10页 <a href='#' onclick=\"location.href='index.jhtml'\">首页</a>"
             "<a href='#' onclick=\"location.href='index_2.jhtml'\">2</a>"
             "<a href='#' onclick=\"location.href='index_3.jhtml'\">3</a>"
             "<a href='javascript:void(0)' onclick=\"location.href='index_2.jhtml'\">下一页</a>"
             "<a href='javascript:void(0);' onclick=\"location.href='index_10.jhtml';return false;\">尾页</a></div>")
    r = parse(page(f"<ul class='list'>{rows('/jwdt/')}</ul>{pager}"), "http://www.ha-ga.test/jwdt/index.jhtml")
    assert follow_urls(r) == urls(*(f"http://www.ha-ga.test/jwdt/index_{n}.jhtml" for n in range(2, 11)))
    assert len(r.articles) == 4


def test_window_open_and_self_location_replace_with_absolute_and_relative_targets():
    pager = ("<div class='fy'><span>页次：1/4</span>"
             "<a href='javascript:;' onclick=\"window.open('list.aspx?cid=2&amp;page=2','_self')\">下一页</a>"
             "<a href='javascript:;' onclick=\"self.location.replace('http://www.tz-ga.test/news/list.aspx?cid=2&amp;page=4')\">末页</a>"
             "<a href='javascript:;' onclick=\"window.open('http://www.elsewhere.test/news/list.aspx?cid=2&amp;page=3')\">3</a></div>")
    r = parse(page(f"<ul>{rows('/news/show.aspx?id=')}</ul>{pager}"), "http://www.tz-ga.test/news/list.aspx?cid=2")
    assert follow_urls(r) == urls(*(f"http://www.tz-ga.test/news/list.aspx?cid=2&page={n}" for n in (2, 3, 4)))


def test_spans_and_buttons_calling_a_pager_function():
    pager = ("<div class='pagination'><span onclick='goPage(1)'>首页</span><span class='cur'>1</span>"
             "<span onclick='goPage(2)'>2</span><span onclick='goPage(3)'>3</span>"
             "<input type='button' value='下一页' onclick='goPage(2)'/><button type='button' onclick='goPage(6)'>尾页</button></div>"
             "<script>function goPage(n) { self.location.replace('/zwgk/tzgg/list_' + n + '.html'); }</script>")
    r = parse(page(f"<ul class='tzgg'>{rows('/zwgk/tzgg/2024/')}</ul>{pager}"), "http://www.bs-ga.test/zwgk/tzgg/list_1.html")
    assert follow_urls(r) == urls(*(f"http://www.bs-ga.test/zwgk/tzgg/list_{n}.html" for n in range(2, 7)))


def test_select_jump_menu_whose_options_are_the_pages():
    opts = "".join(f"<option value='{'index' if n == 1 else f'index_{n - 1}'}.html'{' selected' if n == 1 else ''}>第{n}页</option>"
                   for n in range(1, 8))
    pager = f"<div class='pages'>转到 <select onchange=\"location.href=this.value\">{opts}</select></div>"
    r = parse(page(f"<ul class='list'>{rows('./202404/t202404')}</ul>{pager}"), "http://www.lx-ga.test/jwzx/index.html")
    assert follow_urls(r) == urls(*(f"http://www.lx-ga.test/jwzx/index_{n}.html" for n in range(1, 7)))


def test_select_calling_a_function_with_the_page_number():
    opts = "".join(f"<option value='{n}'>{n}</option>" for n in range(1, 6))
    pager = (f"<div class='pg'>共5页 跳至<select name='sel' onchange='jumpTo(this.options[this.selectedIndex].value)'>{opts}</select>页</div>"
             "<script>function jumpTo(p) { window.location = 'list.php?catid=9&page=' + p; }</script>")
    r = parse(page(f"<ul>{rows('/show.php?catid=9&amp;id=')}</ul>{pager}"), "http://www.gy-ga.test/list.php?catid=9")
    assert follow_urls(r) == urls(*(f"http://www.gy-ga.test/list.php?catid=9&page={n}" for n in range(2, 6)))


def test_get_form_with_a_page_number_field():
    pager = ("<div class='page-jump'>共8页 当前第1页 <form action='list.jsp' method='get'>"
             "<input type='hidden' name='channelId' value='12'/>跳转到<input type='text' name='pageNo' size='3'/>页"
             "<input type='submit' value='GO'/></form></div>")
    r = parse(page(f"<ul>{rows('/jsp/content.jsp?channelId=12&amp;articleId=')}</ul>{pager}"),
              "http://www.sx-ga.test/jsp/list.jsp?channelId=12")
    assert follow_urls(r) == urls(*(f"http://www.sx-ga.test/jsp/list.jsp?channelId=12&pageNo={n}" for n in range(2, 9)))


def test_search_form_and_post_form_are_not_pagers():
    forms = ("<form action='/search.jsp' method='get'><input type='text' name='keyword'/><input type='submit' value='搜索'/></form>"
             "<div>共3页<form action='list.jsp' method='post'><input type='text' name='page'/><input type='submit' value='跳转'/></form></div>")
    r = parse(page(f"<ul class='list'>{rows('/a/202404/t2024040')}</ul>{forms}"), "http://www.sx-ga.test/a/list.jsp")
    assert r.follow == []
    assert len(article_urls(r)) == 4


def test_next_link_whose_page_parameter_has_no_known_name_is_followed_as_is():
    pager = ("<div class='pb'>共6页 第1页 <a href='list.jsp?totalpage=6&amp;PAGENUM=2&amp;urltype=tree.TreeTempUrl&amp;wbtreeid=1031'>"
             "下页</a> <a href='list.jsp?totalpage=6&amp;PAGENUM=6&amp;urltype=tree.TreeTempUrl&amp;wbtreeid=1031'>尾页</a></div>")
    r = parse(page(f"<ul>{rows('/info/1031/')}</ul>{pager}"), "http://www.ty-ga.test/list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1031")
    assert follow_urls(r) == urls("http://www.ty-ga.test/list.jsp?totalpage=6&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1031")
    # on page 2 the next link changes a number only
    r2 = parse(page(f"<ul>{rows('/info/1031/')}</ul>" + pager.replace("PAGENUM=2", "PAGENUM=3")),
               "http://www.ty-ga.test/list.jsp?totalpage=6&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1031")
    assert canonical_url("http://www.ty-ga.test/list.jsp?totalpage=6&PAGENUM=3&urltype=tree.TreeTempUrl&wbtreeid=1031") \
        in follow_urls(r2)
