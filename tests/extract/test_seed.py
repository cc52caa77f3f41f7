"""The seed bulletin (晋城市公安局, 2021-07-12), wrapped in a page of its site's shape, extracts perfectly.

The seed text is read from ../shared/seed at test time and never copied into the repository.
"""

from __future__ import annotations

import html

import pytest

from extract import extract_article
from extract.htmltext import normalize_space


def seed_parts(seed_text: str) -> dict:
    lines = [normalize_space(x) for x in seed_text.split("\n")]
    lines = [x for x in lines if x]
    return {"crumb": lines[0], "title": lines[1], "info": lines[2], "body": lines[3:-2], "footer": lines[-2:]}


def seed_page(p: dict, *, trs_container: bool) -> str:
    """A page shaped like the real site: nav, breadcrumb, headline, info line, body, share bar, footer."""
    body = "".join(f"<p style='text-indent:2em'>{html.escape(x)}</p>" for x in p["body"])
    if trs_container:
        body = f"<div class='TRS_Editor'>{body}</div>"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{p['title']}-晋城市公安局</title></head>
<body><div class="top"><a href="/">首页</a> <a href="/xwzx/">新闻资讯</a> <a href="/jwgk/">警务公开</a></div>
<div class="position">{html.escape(p['crumb'])}</div>
<div class="article"><h1 class="title">{html.escape(p['title'])}</h1>
<div class="info">{html.escape(p['info'])}  浏览次数：3021  【字号：大 中 小】</div>
<div class="content">{body}</div>
<div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div>
<div class="prevnext"><p>上一篇：我市开展夏季治安打击整治行动</p><p>下一篇：交警支队发布暑期出行提示</p></div></div>
<div class="footer"><p>{html.escape(p['footer'][0])}</p><p>{html.escape(p['footer'][1])}</p></div></body></html>"""


@pytest.mark.parametrize("trs_container", [True, False], ids=["trs-container", "no-container"])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_seed_page_extracts_exactly(seed_text: str, trs_container: bool, encoding: str):
    p = seed_parts(seed_text)
    page = seed_page(p, trs_container=trs_container)
    if encoding == "gbk":
        page = page.replace('<meta charset="utf-8">', "")
    art = extract_article(page.encode(encoding), "http://www.jcgaj.gov.cn/xwzx/202107/t20210712_4017.html", "text/html")
    assert art.title == "警方通报:晋城市电信网络诈骗案高发态势得到有效遏制"
    assert art.published_at == "2021-07-12T09:53:24+08:00"
    assert art.source == "晋城市公安局"
    assert art.site_name == "晋城市公安局"
    assert art.column_name == "新闻资讯"
    assert art.site_code == "1405000052"
    assert art.text.split("\n") == p["body"]
    for marker in ("当前位置", "发布时间", "浏览次数", "打印本页", "上一篇", "版权所有", "ICP备", "网站标识码"):
        assert marker not in art.text
