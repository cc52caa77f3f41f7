"""Pagers a list page does not carry itself (invented bureaus and URLs): a pager written by an external
script set in an empty pager slot, and next pages kept at another path than the column's first page.

Seen on real saved list pages (a county news site run by the 市委宣传部 on enorth webpublisher): the list's
first page carries twelve dated rows and only ``<script src=…/count_page_list_….js></script><div
id="pagetemple"></div>`` where the pager goes; the later pages live in an archive folder."""

from __future__ import annotations

from extract import parse_list_page
from extract.listing.model import LIST, SCRIPT
from tests.extract.listing.test_shapes import article_urls, follow_urls, page, parse, urls

SITE = "http://www.qs-ga.test"
COLUMN = f"{SITE}/jwdt/index.shtml"
PAGER_JS = f"{SITE}/system/count/0042001/000000000000/count_page_list_0042001000000000000.js"
ARCHIVE = f"{SITE}/system/count//0042001/000000000000/000/000/c0042001000000000000_000000"


def rows(n: int = 6) -> str:
    return "".join(f"<div class='newsmb'><dl><dt><a href='{SITE}/system/2024/05/{20 - k:02d}/0{58810 + k}.shtml' "
                   f"target='_blank'>青山警方通报一起电信诈骗案件侦破情况（{k + 1}）</a></dt>"
                   f"<dd><a class='amore' href='{SITE}/system/2024/05/{20 - k:02d}/0{58810 + k}.shtml'>查阅全文</a>"
                   f"发表于：2024/05/{20 - k:02d}</dd></dl></div>" for k in range(n))


def column_page(slot: str) -> str:
    return page(f"<div class='con_wz'>{rows()}</div><div>{slot}</div>"
                "<script src='/js/tongji_site.js'></script>")


def answer(js: str, request):
    assert request.kind == SCRIPT
    return parse_list_page(js.encode("utf-8"), request.url, "application/javascript", context=request.context)


def test_pager_written_by_a_script_in_an_empty_slot_is_asked_for():
    r = parse(column_page(f"<script src='{PAGER_JS}'></script><div id='pagetemple'></div>"), COLUMN)
    assert len(r.articles) == 6
    assert [(f.url, f.kind) for f in r.follow] == [(PAGER_JS, SCRIPT)]


def test_script_inside_an_empty_pager_box_counts_too_but_not_one_elsewhere_or_off_host():
    inside = parse(column_page("<div class='fenye'><script src='/js/fy_jwdt.js'></script></div>"), COLUMN)
    assert [f.url for f in inside.follow] == [f"{SITE}/js/fy_jwdt.js"]
    # the statistics script in the footer sits by no pager slot; a pager script of another host is never asked
    elsewhere = parse(column_page("<div class='share'></div>"), COLUMN)
    off_host = parse(column_page("<script src='http://cdn.other.test/count_page_list_1.js'></script>"
                                 "<div id='pagetemple'></div>"), COLUMN)
    assert elsewhere.follow == [] and off_host.follow == [] and not off_host.needs_browser


def test_a_list_with_its_own_pager_does_not_ask_for_the_script():
    pager = ("<div class='page'>共3页 <a href='index.shtml'>首页</a><a href='index_1.shtml'>下一页</a>"
             "<a href='index_2.shtml'>尾页</a></div>")
    r = parse(column_page(f"{pager}<script src='{PAGER_JS}'></script><div id='pagetemple'></div>"), COLUMN)
    assert follow_urls(r) == urls(f"{SITE}/jwdt/index_1.shtml", f"{SITE}/jwdt/index_2.shtml")
    assert all(f.kind == LIST for f in r.follow)


def test_pager_script_writing_its_anchors_gives_the_archive_page():
    first = parse(column_page(f"<script src='{PAGER_JS}'></script><div id='pagetemple'></div>"), COLUMN).follow[0]
    js = ("var maxpage = 118;\nvar html = '';\n"
          "html += \"<span>共118页</span> <a href='http://www.qs-ga.test/jwdt/index.shtml'>首页</a> \";\n"
          f"html += \"<a href='{ARCHIVE}118.shtml'>下一页</a> \";\n"
          f"html += \"<a href='{ARCHIVE}001.shtml'>尾页</a>\";\n"
          "document.getElementById('pagetemple').innerHTML = html;\n")
    r = answer(js, first)
    assert f"{ARCHIVE}118.shtml" in {f.url for f in r.follow}
    assert all(f.kind == LIST for f in r.follow) and r.articles == []


def test_pager_script_with_a_trs_call_names_every_page():
    first = parse(column_page(f"<script src='{PAGER_JS}'></script><div id='pagetemple'></div>"), COLUMN).follow[0]
    r = answer("/* 翻页 */\ncreatePageHTML(5, 0, \"index\", \"shtml\");\n", first)
    assert follow_urls(r) == urls(*(f"{SITE}/jwdt/index_{n}.shtml" for n in range(1, 5)))


def test_pager_script_stating_one_page_asks_nothing_and_an_unreadable_one_goes_to_the_browser():
    first = parse(column_page(f"<script src='{PAGER_JS}'></script><div id='pagetemple'></div>"), COLUMN).follow[0]
    single = answer("var maxpage = 1;\ndocument.getElementById('pagetemple').innerHTML = '';\n", first)
    assert single.follow == [] and not single.needs_browser
    built = answer("var maxpage = 37;\nfunction pad(n) { return ('000000000' + n).slice(-9); }\n"
                   "var prefix = location.pathname.split('/')[1];\n"
                   "document.getElementById('pagetemple').innerHTML = '<a href=\"/' + prefix + '/p_' + pad(maxpage) + "
                   "'.shtml\">下一页</a>';\n", first)
    assert built.follow == [] and built.browser_url == COLUMN


def test_next_page_kept_at_another_path_is_followed_from_the_pager_only():
    pager = (f"<div class='pagebar'><a href='{COLUMN}'>首页</a> <a href='{ARCHIVE}118.shtml'>下一页</a> "
             f"<a href='{ARCHIVE}001.shtml'>尾页</a> 共118页</div>")
    stray = (f"<div class='zt'><a href='{SITE}/zt/fzxc/list_2.shtml'>下一页</a></div>"
             f"<div class='pages'>首页 <a href='{SITE}/system/2024/05/21/058899.shtml'>下一页</a></div>")
    r = parse(column_page(pager + stray), COLUMN)
    assert f"{ARCHIVE}118.shtml" in follow_urls(r)
    assert not follow_urls(r) & urls(f"{SITE}/zt/fzxc/list_2.shtml", f"{SITE}/system/2024/05/21/058899.shtml")
    assert len(article_urls(r)) == 6
