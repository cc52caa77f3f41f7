"""General rules of the generic body paths (pages with no CMS container), on small hand-written pages.

Each page is a layout of its kind (a portal article with comments, an article followed by a stream of
further stories, a generic article id that wraps a side column), never a copy of a real site.
"""

from __future__ import annotations

from lxml import html as lhtml

from extract import extract_article
from extract.body import Body, choose_generic
from extract.boilerplate import clean_paragraphs
from extract.density import densest_block
from extract.furniture import is_furniture, pruned_copy

ARTICLE = [
    "市公安局今天通报了一起电信诈骗案件的侦破经过，民警历时三个月追回被骗资金四十余万元。",
    "警方提醒广大市民，凡是要求转账到所谓安全账户的电话都是诈骗，请立即挂断并拨打报警电话。",
    "下一步，公安机关将继续联合银行和通信企业，加大对新型网络犯罪的打击和宣传力度。",
]
COMMENTS = [
    "网友甲：这种骗局太多了，家里老人一定要多提醒几遍才行啊。",
    "网友乙：点赞民警同志，希望能早日把剩下的钱全部追回来给群众。",
    "网友丙：我上个月也接到过类似的电话，幸亏当时没有相信对方。",
    "网友丁：建议学校和社区多组织一些防骗讲座，效果应该会更好。",
]


def _page(body: str, title: str = "市公安局通报一起电信诈骗案") -> bytes:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{s}</p>" for s in lines)


def test_comment_block_in_a_generic_article_id_is_not_body() -> None:
    page = _page(f"<div id='article_content'><h1>市公安局通报一起电信诈骗案</h1>{_paras(ARTICLE)}"
                 f"<div class='blk-comment'><div class='title'>最热评论</div>{_paras(COMMENTS)}</div></div>")
    a = extract_article(page, "http://news.example.com/a.html")
    assert a.body_method == "container:generic"
    assert a.text.split("\n") == ARTICLE


def test_generic_article_id_wider_than_the_article() -> None:
    side = "".join(f"<li>{s}</li>" for s in ("图片新闻", "今日热点一则", "视频新闻", "联系我们"))
    page = _page(f"<div id='article_content'><div class='left'><h1>市公安局通报一起电信诈骗案</h1>"
                 f"<div class='text'>{_paras(ARTICLE)}</div></div><div class='right'><ul>{side}</ul></div></div>")
    a = extract_article(page, "http://news.example.com/b.html")
    assert a.text.split("\n") == ARTICLE


def test_density_skips_comments_recommendations_and_side_columns() -> None:
    story = ["另一篇推荐文章的第一段，讲的是一座城市的地铁新线路今天开通运营。" * 2,
             "另一篇推荐文章的第二段，介绍了新线路沿途的站点和换乘方式等信息。" * 2]
    page = _page(
        "<header><ul><li>热搜：某地发生一起交通事故，现场已处置完毕</li>"
        "<li>热搜：明天全市大部分地区有中到大雨，请注意出行</li></ul></header>"
        f"<div class='main'><div class='content'><h1>市公安局通报一起电信诈骗案</h1>{_paras(ARTICLE)}</div>"
        f"<div class='comment-list'>{_paras(COMMENTS)}</div>"
        f"<div class='recommend'><h1>地铁新线路开通</h1>{_paras(story)}</div>"
        f"<div class='sidebar'>{_paras(COMMENTS)}</div></div>"
        "<footer><p>本站所有文章均来自网络，仅供学习交流使用，如有侵权请联系删除</p></footer>")
    a = extract_article(page, "http://portal.example.com/c.html")
    assert a.body_method == "density"
    assert a.text.split("\n") == ARTICLE


def test_headline_article_element_bounds_the_body() -> None:
    short = ["市公安局今天发布提醒：近期冒充客服的诈骗电话增多，请市民提高警惕，切勿向陌生账户转账。"]
    teasers = "".join(
        f"<li><a href='/n{i}.html'>第{i}条其他新闻的标题</a><p>{s}{s}</p></li>" for i, s in enumerate(COMMENTS))
    page = _page(f"<main><article><header><h1>市公安局通报一起电信诈骗案</h1></header>"
                 f"<div class='body'>{_paras(short)}</div></article>"
                 f"<div id='more-stories'><ul>{teasers}</ul></div></main>")
    doc = lhtml.document_fromstring(page.decode())
    block = densest_block(doc)
    assert block is not None and block.text_content() == short[0]
    a = extract_article(page, "http://portal.example.com/d.html")
    assert a.text.split("\n") == short


def test_anchored_short_block_beats_a_long_trafilatura_text() -> None:
    dens = Body(["一段很短的正文。"], "density", anchored=True)
    traf = Body(["一段很短的正文。", "后面一长串别的新闻。" * 30], "trafilatura")
    assert choose_generic(dens, traf, None) is dens
    dens.anchored = False
    assert choose_generic(dens, traf, None) is traf


def test_furniture_names() -> None:
    def el(cls: str = "", ident: str = "", tag: str = "div") -> lhtml.HtmlElement:
        return lhtml.fromstring(f"<{tag} class='{cls}' id='{ident}'>x</{tag}>")

    for cls in ("comment-list", "sina-comment-wrap", "recommend", "related-news", "video-player",
                "references", "infobox", "navbox", "sidebar", "right-side-bar", "toc", "catalog_x1"):
        assert is_furniture(el(cls)), cls
    assert is_furniture(el(ident="bottom_comment"))
    for cls in ("commentary", "article-inside", "left-side", "content", "main-text"):
        assert not is_furniture(el(cls)), cls
    assert not is_furniture(el("comment", tag="article"))


def test_pruned_copy_keeps_the_text_after_a_block_and_leaves_the_original() -> None:
    root = lhtml.fromstring("<div>甲<div class='share-player'>播放</div>乙<p>丙</p></div>")
    cp = pruned_copy(root)
    assert cp.text_content() == "甲乙丙"
    assert root.text_content() == "甲播放乙丙"


def test_portal_furniture_lines() -> None:
    body = ["第一段正文，讲述了事情的经过。", "第二段正文[编辑]", "第三段正文，给出了处理结果。"]
    lines = ["展开", "举报", "收藏", "编辑", "微信扫码分享", "转载请注明：原文链接", "本文为本站原创，未经书面授权不得转载。",
             "时长：02:10 来源：某某视频"]
    out = clean_paragraphs([*lines[:3], body[0], *lines[3:], body[1], body[2]])
    assert out == ["第一段正文，讲述了事情的经过。", "第二段正文", "第三段正文，给出了处理结果。"]


def test_article_ends_at_tags_footer_or_platform_disclaimer() -> None:
    body = ["正文第一段。", "正文第二段。"]
    for end in ("标签：", "关键词：安全 防骗", "Copyright © 2024 Example News. All Rights Reserved.",
                "以上内容为平台用户上传并发布，本平台仅提供信息存储服务"):
        assert clean_paragraphs([*body, end, "猜你喜欢的一条别的新闻"]) == body, end


def test_a_copyright_mention_inside_the_article_does_not_end_it() -> None:
    body = ["正文第一段。", "现场照片（图片：©2023 某图片社）", "正文第二段，讲述著作权保护的意义。"]
    assert clean_paragraphs(body) == body
