"""What a result list and an article page show of a text: snippets around matches, figures marked by their spans."""

from __future__ import annotations

import re

from archive.web.article_view import mark_figures
from archive.web.capture import content_type_of
from archive.web.snippets import search_words, snippet

LONG = ("今年以来，全市公安机关紧紧围绕打击治理电信网络诈骗犯罪工作主线，持续加大打击力度，"
        "共破获电信网络诈骗案件386起，抓获犯罪嫌疑人512名。\n"
        "同时，全市反诈中心累计发出预警指令3.2万条，见面劝阻群众1.1万人次，最大限度减少群众损失。"
        "下一步，公安机关将继续保持高压态势，严厉打击各类违法犯罪活动，切实维护人民群众财产安全。\n"
        "警方提示：凡是要求下载陌生软件、共享屏幕或者转账到所谓安全账户的，都是诈骗。")


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_a_snippet_is_a_line_around_the_matches_never_the_whole_text():
    s = str(snippet(LONG, search_words("诈骗")))
    assert marks(s) and set(marks(s)) == {"诈骗"}
    assert len(plain(s)) <= 120
    assert "\n" not in s
    for paragraph in LONG.split("\n"):
        assert paragraph not in plain(s)


def test_every_word_of_the_search_is_marked_where_it_occurs():
    s = str(snippet(LONG, search_words('反诈 "犯罪嫌疑人"')))
    assert {"反诈", "犯罪嫌疑人"} <= set(marks(s))


def test_a_match_only_in_the_title_shows_the_opening_of_the_text():
    s = str(snippet(LONG, ["网约车"]))
    assert s.startswith(LONG[:20]) and s.endswith("…") and not marks(s)


def test_latin_words_match_whole_tokens_in_any_case_as_the_index_does():
    s = str(snippet("下载国家反诈中心APP，不要下载appstore以外的应用", ["app"]))
    assert marks(s) == ["APP"]


def test_text_is_escaped_and_operators_are_not_searched_for():
    assert search_words('诈骗 AND "酒驾" NOT 户口*') == ["诈骗", "酒驾", "户口"]
    s = str(snippet("谨防<b>诈骗</b>", ["诈骗"]))
    assert s == "谨防&lt;b&gt;<mark>诈骗</mark>&lt;/b&gt;"


def figure(text: str, written: str, fid: int, **more) -> dict:
    at = text.index(written)
    return {"id": fid, "span_start": at, "span_end": at + len(written), "indicator": "破获电信网络诈骗案件",
            "value": 386.0, "unit": "起", "period_text": "今年以来", "period_start": "2024-01-01",
            "period_end": "2024-06-30", "period_kind": "year_to_date", "category": "telecom_fraud",
            "measure": "solved", "scope": "total", **more}


def test_each_figure_is_marked_exactly_on_its_span_with_what_was_understood():
    figures = [figure(LONG, "386起", 1), figure(LONG, "512名", 2, indicator="抓获犯罪嫌疑人", value=512.0, unit="名")]
    marked = mark_figures(LONG, figures)
    assert marked.marked == {1, 2}
    assert len(marked.paragraphs) == 3
    first = str(marked.paragraphs[0])
    found = re.findall(r'<mark class="figure" id="fig-(\d+)"[^>]*title="([^"]*)"[^>]*>(.*?)</mark>', first)
    assert [(i, text) for i, _, text in found] == [("1", "386起"), ("2", "512名")]
    tip = found[0][1]
    for expected in ("破获电信网络诈骗案件", "386 起", "今年以来", "2024-01-01", "year_to_date", "telecom_fraud",
                     "solved"):
        assert expected in tip
    assert plain(first) == LONG.split("\n")[0]


def test_figures_that_do_not_fit_the_text_are_listed_not_marked():
    inside = figure(LONG, "386起", 1)
    overlapping = dict(inside, id=2, span_start=inside["span_start"] + 1)
    outside = dict(inside, id=3, span_start=len(LONG) + 5, span_end=len(LONG) + 8)
    across = dict(inside, id=4, span_start=LONG.index("\n") - 2, span_end=LONG.index("\n") + 2)
    marked = mark_figures(LONG, [inside, overlapping, outside, across])
    assert marked.marked == {1}
    assert "".join(plain(str(p)) for p in marked.paragraphs) == LONG.replace("\n", "")


def test_a_capture_is_served_with_the_charset_it_was_decoded_with():
    assert content_type_of("text/html", "gbk") == "text/html; charset=gbk"
    assert content_type_of("text/html; charset=GB2312", "gbk") == "text/html; charset=GB2312"
    assert content_type_of(None, "utf-8") == "text/html; charset=utf-8"
    assert content_type_of("application/pdf", "gbk") == "application/pdf"
