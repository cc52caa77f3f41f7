"""Decoding: GBK with no header charset, a UTF-8 header over GBK bytes, BOMs, binary and undecodable bytes."""

from __future__ import annotations

import pytest

from extract import DecodeError, decode_html, extract_article

PAGE = ("<html><head><title>全市破获电信网络诈骗案件_某市公安局</title></head><body>"
        "<h1>全市破获电信网络诈骗案件</h1><div id='zoom'><p>今年以来，全市公安机关共破获电信网络诈骗案件75起，"
        "抓获犯罪嫌疑人46名。</p><p>警方提醒：陌生来电不轻信，转账汇款前咨询96110。</p></div></body></html>")


def test_gbk_bytes_without_any_charset_are_decoded():
    d = decode_html(PAGE.encode("gbk"), "text/html")
    assert "电信网络诈骗" in d.text
    assert d.encoding == "gb18030"


def test_utf8_header_over_gbk_bytes_is_overruled():
    d = decode_html(PAGE.encode("gbk"), "text/html; charset=utf-8")
    assert "抓获犯罪嫌疑人" in d.text
    assert d.declared_mismatch


def test_meta_gb2312_is_read_as_gb18030():
    # 镕 is outside GB2312 but inside GBK/GB18030: pages labelled gb2312 use such characters
    html = PAGE.replace("<head>", "<head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>")
    html = html.replace("今年以来", "朱镕基路派出所今年以来")
    d = decode_html(html.encode("gb18030"), None)
    assert "朱镕基路" in d.text


def test_bom_wins():
    d = decode_html(b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "text/html; charset=gbk")
    assert "诈骗" in d.text and d.method == "bom"


def test_binary_is_rejected_with_a_reason():
    with pytest.raises(DecodeError, match="binary"):
        decode_html(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "text/html")


def test_article_from_gbk_bytes_has_clean_text():
    art = extract_article(PAGE.encode("gbk"), "http://127.0.0.1/art/2021/7/12/art_1_2.html", "text/html")
    assert art.text.split("\n")[0].startswith("今年以来")
    assert art.title == "全市破获电信网络诈骗案件"
    assert art.published_at == "2021-07-12"  # only the URL gives a date here


def test_latin1_label_over_utf8_bytes_is_not_read_as_mojibake():
    # a server that labels UTF-8 pages as ISO-8859-1 would give "å…¨å¸‚…" if the label were trusted
    d = decode_html(PAGE.encode("utf-8"), "text/html; charset=iso-8859-1")
    assert "电信网络诈骗" in d.text and d.encoding == "utf-8" and d.declared_mismatch


def test_mojibake_ratio_flags_double_encoded_text():
    from extract.encoding import mojibake_ratio

    garbled = "全市公安机关破获案件".encode().decode("latin-1")
    assert mojibake_ratio(garbled) > 0.2 and mojibake_ratio("全市公安机关破获案件") == 0
