"""The records the crawler hands the archive are checked where they are built, with one-line reasons."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from twisted.internet.error import ConnectionRefusedError, TimeoutError
from twisted.python.failure import Failure as TwistedFailure

from archive.records import Extraction, Failure, FailureKind, FetchError, PageFetch, RecordError
from crawler.fetches import classify_download_failure
from extract import extract_article

PAGE = ("<html><head><meta charset='utf-8'><title>某县公安局开展反诈宣传_某县公安局</title></head><body>"
        "<h1>某县公安局开展反诈宣传</h1><div id='zoom'><p>今年以来，全县共破获电信网络诈骗案件12起，抓获犯罪嫌疑人9名。"
        "</p></div></body></html>").encode()


def extracted() -> dict:
    return extract_article(PAGE, "http://127.0.0.1:9/a/t20240101_1.html", "text/html; charset=utf-8").to_dict()


def test_an_extraction_is_split_by_the_table_each_field_goes_to():
    ex = Extraction.from_article(extracted())
    assert ex.values["title"] == "某县公安局开展反诈宣传" and "metrics" not in ex.values
    assert ex.site["name"] == "某县公安局" and "title" not in ex.site
    assert {m["value"] for m in ex.metrics} == {12, 9}


@pytest.mark.parametrize(("change", "reason"), [
    (lambda a: a.pop("content_hash"), "lacks content_hash"),
    (lambda a: a.update(text="  "), "needs body text"),
    (lambda a: a["metrics"][0].update(colour="red"), "does not declare: colour"),
])
def test_a_malformed_extraction_is_refused_in_one_line(change, reason):
    article = extracted()
    change(article)
    with pytest.raises(RecordError, match=reason) as exc:
        Extraction.from_article(article)
    assert "\n" not in str(exc.value)


def test_fetch_records_check_their_own_shape():
    with pytest.raises(RecordError, match="not an http"):
        PageFetch(url="file:///etc/passwd", kind="article", status=200, body=b"")
    with pytest.raises(RecordError, match="not a status code"):
        PageFetch(url="http://h/a", kind="article", status=None, body=b"")
    with pytest.raises(ValueError):
        PageFetch(url="http://h/a", kind="home-page", status=200, body=b"")
    err = FetchError(url="http://h/a", kind="list", failure=Failure(FailureKind.NETWORK, "TimeoutError:\n 30 s"))
    assert err.error == "TimeoutError: 30 s" and err.status is None and err.body is None


def test_download_failures_are_classified_by_their_exception_type():
    assert classify_download_failure(TwistedFailure(IgnoreRequest("Forbidden by robots.txt"))) is None
    too_big = classify_download_failure(TwistedFailure(DownloadCancelledError("expected size 9 larger than 8")))
    assert too_big.kind is FailureKind.REJECTED and too_big.reason.startswith("rejected: response larger")
    for exc in (TimeoutError(), ConnectionRefusedError()):
        got = classify_download_failure(TwistedFailure(exc))
        assert got.kind is FailureKind.NETWORK and got.reason.startswith(type(exc).__name__)
