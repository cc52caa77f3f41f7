"""List-page understanding for the three pagination families, on hand-written pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import parse_list_page
from extract.urls import canonical_url

NAV = ("<div class='nav'><a href='/'>首页</a><a href='/jwzx/tzgg/index.html'>通知公告</a>"
       "<a href='/about.html'>关于本站</a></div>")
FOOT = "<div class='footer'>版权所有：某市公安局 <a href='/sitemap.html'>网站地图</a></div>"


def trs_list(call: str) -> bytes:
    items = "".join(f"<li><a href='./2021{m:02d}/t2021{m:02d}01_{m}.html'>警务动态第{m}条消息标题</a><span>2021-{m:02d}-01</span></li>"
                    for m in range(1, 6))
    return f"<html><body>{NAV}<ul class='list'>{items}</ul><script>{call}</script>{FOOT}</body></html>".encode()


def test_trs_createpagehtml_literal():
    page = parse_list_page(trs_list('createPageHTML(4, 0, "index", "html");'), "http://h/jwzx/jwdt/index.html")
    urls = {f.url for f in page.follow}
    assert urls == {"http://h/jwzx/jwdt/index_1.html", "http://h/jwzx/jwdt/index_2.html", "http://h/jwzx/jwdt/index_3.html"}
    assert len(page.articles) == 5
    assert all("/jwzx/jwdt/2021" in a.url for a in page.articles)


def test_trs_variants_shtml_variables_and_extra_args():
    call = 'var countPage = 3; var currentPage = 1; createPageHTML("page_div", countPage, currentPage, "index", "shtml", 45);'
    page = parse_list_page(trs_list(call), "http://h/col/index_1.shtml")
    assert {f.url for f in page.follow} == {"http://h/col/index.shtml", "http://h/col/index_2.shtml"}
    page = parse_list_page(trs_list('createPage(2, 0, "list", "htm")'), "http://h/a/list.htm")
    assert {f.url for f in page.follow} == {"http://h/a/list_1.htm"}


def test_nav_and_footer_links_are_not_articles():
    page = parse_list_page(trs_list(""), "http://h/jwzx/jwdt/index.html")
    urls = {a.url for a in page.articles}
    assert not any(u.endswith(("about.html", "sitemap.html", "tzgg/index.html")) for u in urls)


HANWEB = """<html><body><div id="4975881"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3007&path=/&columnid=1229123&unitid=4975881&webname=某县公安局&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2021/7/12/art_1229123_5890.html" title="县公安局开展反诈宣传">县公安局开展反诈宣传</a><span>2021-07-12</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2021/7/11/art_1229123_5889.html">交警大队整治酒驾醉驾</a><span>2021-07-11</span></li>]]></record>
</recordset><totalrecord>40</totalrecord></datastore></script></div>
<script>$('#4975881').jpage({dataStore: dataStore, perPage: 15, totalRecord: 40, proxyUrl: '/module/web/jpage/dataproxy.jsp', groupSize: 3, sourceContentType: 1});</script>
</body></html>"""


def test_hanweb_embedded_records_and_dataproxy_posts():
    page = parse_list_page(HANWEB.encode("gbk"), "http://h/col/col1229123/index.html", "text/html")
    assert [a.url for a in page.articles] == ["http://h/art/2021/7/12/art_1229123_5890.html",
                                              "http://h/art/2021/7/11/art_1229123_5889.html"]
    assert page.articles[0].list_date == "2021-07-12"
    posts = [f for f in page.follow if f.method == "POST"]
    assert [p.url for p in posts] == [
        "http://h/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=40&perpage=15",
    ]
    form = dict(posts[0].formdata)
    assert form["columnid"] == "1229123" and form["unitid"] == "4975881" and form["webid"] == "3007"
    assert form["webname"] == "某县公安局" and form["col"] == "1"
    # every record from 3 to 40 is requested exactly once
    covered = []
    for p in posts:
        q = dict(x.split("=") for x in p.url.split("?")[1].split("&"))
        covered.extend(range(int(q["startrecord"]), int(q["endrecord"]) + 1))
    assert covered == list(range(3, 41))


def test_hanweb_dataproxy_answer_is_parsed_without_following():
    xml = ("<datastore><totalrecord>40</totalrecord><recordset>"
           "<record><![CDATA[<li><a href='/art/2021/6/1/art_1229123_5001.html'>禁毒宣传进校园活动</a><span>2021-06-01</span></li>]]></record>"
           "</recordset></datastore>")
    page = parse_list_page(xml.encode("gbk"), "http://h/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15")
    assert [a.url for a in page.articles] == ["http://h/art/2021/6/1/art_1229123_5001.html"]
    assert page.follow == []


def test_hanweb_entities_are_never_resolved():
    xml = ('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><datastore><totalrecord>1</totalrecord><recordset>'
           "<record><![CDATA[<li><a href='/art/2021/6/1/art_1_1.html'>&x;标题足够长的一条</a> 2021-06-01</li>]]></record>"
           "</recordset></datastore>")
    page = parse_list_page(xml.encode(), "http://h/module/web/jpage/dataproxy.jsp")
    assert "root:" not in page.articles[0].title


def aspx_list(page: int) -> bytes:
    rows = "".join(f"<tr><td><a href='content.aspx?id={page * 10 + i}&cid=5{'&from=index' if i == 0 else ''}'>治安巡逻防控第{page}-{i}期工作简报</a></td><td>2022-0{page}-1{i}</td></tr>"
                   for i in range(3))
    pager = ("<div class='pager'><a href='list.aspx?cid=5&page=1'>首页</a>"
             f"<a href='list.aspx?cid=5&page={max(page - 1, 1)}'>上一页</a> <a href='list.aspx?cid=5&page=2'>2</a>"
             f"<a href='list.aspx?cid=5&page={page + 1}'>下一页</a><a href='list.aspx?cid=5&page=6'>尾页</a></div>")
    return f"<html><body>{NAV}<table>{rows}</table>{pager}{FOOT}</body></html>".encode()


def test_querystring_pagination_fills_up_to_the_last_page():
    page = parse_list_page(aspx_list(1), "http://h/list.aspx?cid=5&page=1")
    pages = {canonical_url(f.url) for f in page.follow}
    assert pages == {canonical_url(f"http://h/list.aspx?cid=5&page={n}") for n in range(2, 7)}
    assert "http://h/content.aspx?cid=5&id=10" in {a.url for a in page.articles}  # &from=index removed


def test_canonical_url_drops_tracking_and_fragment_only():
    assert canonical_url("content.aspx?id=7&from=index#top", "http://H/list.aspx") == "http://h/content.aspx?id=7"
    assert canonical_url("http://h/content.aspx?id=7&cid=5") == "http://h/content.aspx?cid=5&id=7"


_URL_PART = st.text(alphabet="aZ09._~-/%?=&#:@ 中.", min_size=0, max_size=12)


@settings(max_examples=400, deadline=None)
@given(host=st.sampled_from(["a.gov.cn", "127.0.0.11:8765", "Ga.GOV.cn", "a.b:80"]), path=_URL_PART,
       scheme=st.sampled_from(["http", "https", "HTTP"]))
def test_canonical_url_fast_path_agrees_with_w3lib(host, path, scheme):
    """Links that skip w3lib (the list parser's hot path) come out exactly as canonicalize_url makes them."""
    from w3lib.url import canonicalize_url

    url = f"{scheme}://{host}/{path}"
    try:
        expected = canonicalize_url(url, keep_fragments=False)
    except ValueError:
        return  # w3lib rejects it; the fast path never accepts such URLs either (no ':' after the port etc.)
    if "?" not in url and "#" not in url:
        assert canonical_url(url) == expected
