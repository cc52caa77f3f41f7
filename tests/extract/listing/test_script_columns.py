"""Site mode: homepage news boxes filled from a data endpoint are columns whose URL is their data request."""

from __future__ import annotations

import json

from extract import parse_list_page
from extract.listing.columns import discover_columns

HOME = "http://www.qingshan-ga.test/"

HOMEPAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>某某市青山区公安分局</title></head><body>"
    "<div class='nav'><a href='/'>首页</a><a href='/jwzx/'>警务资讯</a><a href='/bsfw/'>办事服务</a></div>"
    "<div class='box box-l'><div class='box-hd'><h3>通知公告</h3></div><ul id='tzggList'></ul></div>"
    "<div class='box box-r'><div class='box-hd'><span class='tit'>警务动态</span></div><ul id='jwdtList' class='news'></ul></div>"
    "<div class='box'><div class='box-hd'><h3>便民服务</h3></div><ul id='bmfwList'></ul></div>"
    "<div class='box'><div class='box-hd'><h3>警情通报</h3><a class='more' href='/jqtb/index.html'>更多&gt;&gt;</a></div>"
    "<ul id='jqtbList'></ul></div>"
    "<script src='/js/jquery.min.js'></script><script>\n"
    "function loadBox(channelId, boxId, size) {\n"
    "  $.ajax({ url: '/cms/front/list', type: 'post', dataType: 'json',\n"
    "    data: { channelId: channelId, pageNo: 1, pageSize: size },\n"
    "    success: function (res) { var h = ''; $.each(res.data, function (i, d) {"
    " h += '<li><a href=\"/cms/content/' + d.id + '.html\">' + d.title + '</a><span>' + d.date + '</span></li>'; });\n"
    "      $('#' + boxId).html(h); } });\n}\n"
    "loadBox('101', 'tzggList', 6);\nloadBox('102', 'jwdtList', 8);\nloadBox('201', 'bmfwList', 5);\nloadBox('103', 'jqtbList', 6);\n"
    "</script></body></html>")


def test_script_boxes_are_columns_named_by_their_heading():
    cols = discover_columns(HOMEPAGE, HOME)
    got = {(c.name, c.url, c.via) for c in cols}
    assert got == {
        ("通知公告", "http://www.qingshan-ga.test/cms/front/list#channelId=101&pageNo=1&pageSize=6", "script"),
        ("警务动态", "http://www.qingshan-ga.test/cms/front/list#channelId=102&pageNo=1&pageSize=8", "script"),
        ("警情通报", "http://www.qingshan-ga.test/jqtb/index.html", "more"),
        ("警务资讯", "http://www.qingshan-ga.test/jwzx/", "menu"),
    }
    box = next(c for c in cols if c.name == "通知公告")
    req = box.request
    assert (req.kind, req.method, req.url, req.formdata) == (
        "api", "POST", "http://www.qingshan-ga.test/cms/front/list", (("channelId", "101"), ("pageNo", "1"), ("pageSize", "6")))
    assert dict(req.headers)["X-Requested-With"] == "XMLHttpRequest"
    assert all(c.request is None for c in cols if c.via != "script")


def test_a_script_box_column_is_walked_from_its_answers():
    box = next(c for c in discover_columns(HOMEPAGE, HOME) if c.name == "警务动态")
    answer = {"data": [{"id": 5000 + k, "title": f"青山分局社区警务室第{k}次开放日活动", "date": "2024-06-0" + str(k + 1)}
                       for k in range(8)], "total": 20}
    page = parse_list_page(json.dumps(answer, ensure_ascii=False).encode(), box.request.url, "application/json",
                           context=box.request.context)
    assert [a.url for a in page.articles] == [f"http://www.qingshan-ga.test/cms/content/{5000 + k}.html" for k in range(8)]
    assert [f.formdata for f in page.follow] == [
        (("channelId", "102"), ("pageNo", "2"), ("pageSize", "8")), (("channelId", "102"), ("pageNo", "3"), ("pageSize", "8"))]
