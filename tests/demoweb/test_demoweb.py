"""Tests of the demo web (demoweb package), using urllib only."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from demoweb import DemoWeb, TruthArticle, ground_truth


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for k, v in attrs:
                if k == "href" and v:
                    self.hrefs.append(v)


def links(page: str, base: str) -> list[str]:
    p = _Links()
    p.feed(page)
    return [urllib.parse.urljoin(base, h) for h in p.hrefs if not h.startswith("javascript")]


def fetch(url: str, data: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), e.read()


def text_of(page: str) -> str:
    """Visible-ish text: scripts dropped, tags -> spaces, entities decoded, whitespace collapsed."""
    page = re.sub(r"(?is)<script.*?</script>", " ", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


def canonical(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "from"]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


ENC = {"trs": "utf-8", "hanweb": "gbk", "aspx": "utf-8"}


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb(port=0) as w:
        yield w


@pytest.fixture(scope="module")
def truth(web: DemoWeb) -> list[TruthArticle]:
    return ground_truth(web)


def test_api_shape(web: DemoWeb) -> None:
    assert [s.key for s in web.sites] == ["trs", "hanweb", "aspx"]
    for s in web.sites:
        assert web.site(s.key) is s
        assert s.base_url == f"http://{s.host}:{s.port}" and s.port > 0
        assert len(s.column_urls) == 2
    assert web.start_urls() == [u for s in web.sites for u in s.column_urls]
    assert web.site("trs").column_urls[0].endswith("/jwzx/jwdt/index.html")
    assert web.site("hanweb").column_urls[0].endswith("/col/col1229123/index.html")
    assert web.site("aspx").column_urls[0].endswith("/list.aspx?cid=5&page=1")


def test_every_truth_article_is_served(web: DemoWeb, truth: list[TruthArticle]) -> None:
    for t in truth:
        status, headers, body = fetch(t.url)
        assert status == 200, t.url
        page = body.decode(ENC[t.site_key])
        title_tag = re.search(r"<title>(.*?)</title>", page, re.S)
        assert title_tag and html.unescape(title_tag.group(1)) == f"{t.title}_{t.site_name}"
        text = text_of(page)
        assert t.title in text
        assert t.source in text
        for para in t.paragraphs:
            assert para in text, (t.url, para)
        assert 3 <= len(t.paragraphs) <= 12
        for att_url, name in t.attachments:
            assert name in text and name.endswith(".pdf")
            st, hd, data = fetch(att_url)
            assert st == 200 and hd["Content-Type"] == "application/pdf" and data.startswith(b"%PDF")


def test_published_precision(truth: list[TruthArticle]) -> None:
    pats = {
        "trs": r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00",
        "hanweb": r"\d{4}-\d\d-\d\dT\d\d:\d\d\+08:00",
        "aspx": r"\d{4}-\d\d-\d\d",
    }
    for t in truth:
        assert re.fullmatch(pats[t.site_key], t.published_at), t.published_at
        assert "2021" <= t.published_at[:4] <= "2022"


def test_truth_counts_unique_titles_and_order(truth: list[TruthArticle]) -> None:
    for key in ("trs", "hanweb", "aspx"):
        arts = [t for t in truth if t.site_key == key]
        columns = list(dict.fromkeys(t.column_name for t in arts))
        assert len(columns) == 2
        news = [t for t in arts if t.column_name == columns[0]]
        second = [t for t in arts if t.column_name == columns[1]]
        assert len(news) >= 36 and 6 <= len(second) <= 10
        assert len({t.title for t in arts}) == len(arts)
        assert len({t.url for t in arts}) == len(arts)
        for col in (news, second):
            dates = [t.published_at for t in col]
            assert dates == sorted(dates, reverse=True)


def test_seed_article(truth: list[TruthArticle]) -> None:
    hits = [t for t in truth if t.site_key == "trs" and "75起" in t.text and "517.87万元" in t.text]
    assert len(hits) == 1
    t = hits[0]
    assert t.published_at == "2021-07-12T09:53:24+08:00"
    assert t.source == "晋城市公安局"
    for figure in ("75起", "46名", "31.37%", "76%", "517.87万元", "96110", "1.7亿元", "208.96%", "303.08%", "张宁"):
        assert figure in t.text, figure


def test_not_found_and_robots(web: DemoWeb) -> None:
    for s in web.sites:
        assert fetch(s.base_url + "/no/such/page.html")[0] == 404
        st, _, body = fetch(s.base_url + "/robots.txt")
        assert st == 200 and body.startswith(b"User-agent: *")
    _, _, robots = fetch(web.site("aspx").base_url + "/robots.txt")
    assert b"Disallow: /search/" in robots and b"Disallow: /print.aspx" in robots


def test_non_article_urls_exist(web: DemoWeb, truth: list[TruthArticle]) -> None:
    urls = web.non_article_urls()
    assert not set(urls) & {t.url for t in truth}
    for url in urls:
        assert fetch(url)[0] == 200, url


def test_dead_urls(web: DemoWeb) -> None:
    dead = web.dead_urls()
    assert len(dead) == 2
    first_page = fetch(web.site("aspx").column_urls[0])[2].decode()
    assert any(canonical(u) == dead[0] for u in links(first_page, web.site("aspx").column_urls[0]))
    for url in dead:
        assert fetch(url)[0] == 404


def test_hanweb_gbk_without_header_charset(web: DemoWeb, truth: list[TruthArticle]) -> None:
    site = web.site("hanweb")
    st, headers, body = fetch(site.column_urls[0])
    assert st == 200 and headers["Content-Type"] == "text/html"
    assert b'charset=gb2312' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "公安要闻" in body.decode("gbk")
    art = next(t for t in truth if t.site_key == "hanweb")
    st, headers, body = fetch(art.url)
    assert headers["Content-Type"] == "text/html"
    assert b"charset" not in body.lower()
    page = body.decode("gbk")
    assert '<meta name="ContentStart">' in page and '<meta name="ContentEnd">' in page
    table_art = [t for t in truth if t.site_key == "hanweb" and "合计" in t.text]
    assert len(table_art) == 1
    assert any(re.fullmatch(r"合计 \d+ \d+ \d+", p) for p in table_art[0].paragraphs)


def _records(xml: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', "".join(re.findall(r"<record><!\[CDATA\[(.*?)\]\]></record>", xml, re.S)))


def test_hanweb_dataproxy(web: DemoWeb, truth: list[TruthArticle]) -> None:
    site = web.site("hanweb")
    news = [t for t in truth if t.site_key == "hanweb" and t.column_name == "公安要闻"]
    form = {"col": "1", "appid": "1", "webid": "3007", "path": "/", "columnid": "1229123",
            "sourceContentType": "1", "unitid": "4975881", "webname": "安吉县公安局", "permissiontype": "0"}
    url = site.base_url + "/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15"
    st, headers, body = fetch(url, urllib.parse.urlencode(form).encode())
    assert st == 200 and headers["Content-Type"] == "text/xml"
    xml = body.decode("gbk")
    assert f"<totalrecord>{len(news)}</totalrecord>" in xml
    assert [site.base_url + h for h in _records(xml)] == [t.url for t in news[15:30]]
    for field, wrong in (("columnid", "1229999"), ("unitid", "1"), ("webid", "1")):
        bad = dict(form, **{field: wrong})
        _, _, body = fetch(url, urllib.parse.urlencode(bad).encode())
        assert _records(body.decode("gbk")) == []
    # older GET form: group 1 = records 1..45
    get = site.base_url + "/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3007&path=/&columnid=1229123&unitid=4975881&permissiontype=0"
    _, _, body = fetch(get)
    assert [site.base_url + h for h in _records(body.decode("gbk"))] == [t.url for t in news[:45]]
    # the column page embeds only the first 15 records
    page = fetch(site.column_urls[0])[2].decode("gbk")
    assert [site.base_url + h for h in _records(page)] == [t.url for t in news[:15]]
    assert f"totalRecord: {len(news)}" in page and "<totalrecord>" in page


def test_trs_pagination_script(web: DemoWeb) -> None:
    site = web.site("trs")
    first = site.column_urls[0]
    page = fetch(first)[2].decode()
    m = re.search(r'createPageHTML\((\d+), 0, "index", "html"\);', page)
    assert m and int(m.group(1)) >= 3
    assert "function createPageHTML" in page
    assert not any("index_1" in h for h in links(page, first))
    second = urllib.parse.urljoin(first, "index_1.html")
    st, headers, body = fetch(second)
    assert st == 200 and f'createPageHTML({m.group(1)}, 1, "index", "html")' in body.decode()
    assert headers["Content-Type"] == "text/html"
    assert fetch(urllib.parse.urljoin(first, f"index_{m.group(1)}.html"))[0] == 404


def _list_links(web: DemoWeb, key: str, col_url: str) -> tuple[set[str], list[str]]:
    """All canonical article-ish links of a column, and the list page bodies."""
    site = web.site(key)
    found: set[str] = set()
    pages: list[str] = []
    if key == "trs":
        page = fetch(col_url)[2].decode()
        n = int(re.search(r"createPageHTML\((\d+),", page).group(1))
        for i in range(n):
            url = urllib.parse.urljoin(col_url, "index.html" if i == 0 else f"index_{i}.html")
            body = fetch(url)[2].decode()
            pages.append(body)
            found |= {canonical(u) for u in links(body, url)}
    elif key == "hanweb":
        page = fetch(col_url)[2].decode("gbk")
        pages.append(page)
        found |= {site.base_url + h for h in _records(page)}
        total = int(re.search(r"totalRecord: (\d+)", page).group(1))
        per = int(re.search(r"perPage: (\d+)", page).group(1))
        ajax = dict(re.findall(r"(\w+): '?([^',\n]+)'?,?\n", page.split("ajaxParam")[1]))
        for start in range(per + 1, total + 1, per):
            url = f"{site.base_url}/module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={start + per - 1}&perpage={per}"
            xml = fetch(url, urllib.parse.urlencode(ajax).encode())[2].decode("gbk")
            found |= {site.base_url + h for h in _records(xml)}
    else:
        todo, seen = [col_url], set()
        while todo:
            url = todo.pop()
            if url in seen:
                continue
            seen.add(url)
            body = fetch(url)[2].decode()
            pages.append(body)
            for u in links(body, url):
                if "list.aspx" in u and f"cid={col_url.split('cid=')[1].split('&')[0]}&" in u:
                    todo.append(u)
                found.add(canonical(u))
    return found, pages


def test_list_pages_link_every_article(web: DemoWeb, truth: list[TruthArticle]) -> None:
    for site in web.sites:
        for col_url in site.column_urls:
            found, _ = _list_links(web, site.key, col_url)
            col_truth = [t for t in truth if t.site_key == site.key and t.url in found]
            names = {t.column_name for t in col_truth}
            assert len(names) == 1
            expected = {t.url for t in truth if t.site_key == site.key and t.column_name in names}
            assert expected <= found, (site.key, col_url, expected - found)


def test_aspx_pinned_tracking_and_duplicates(web: DemoWeb, truth: list[TruthArticle]) -> None:
    site = web.site("aspx")
    _, pages = _list_links(web, "aspx", site.column_urls[0])
    assert len(pages) >= 3
    pinned = set()
    for body in pages:
        m = re.search(r'\[置顶\]</font><a href="([^"]+)"', body)
        assert m
        pinned.add(canonical(urllib.parse.urljoin(site.base_url + "/", html.unescape(m.group(1)))))
    assert len(pinned) == 1
    assert sum(1 for t in truth if t.url in pinned) == 1
    first = fetch(site.column_urls[0])[2].decode()
    raw = links(first, site.column_urls[0])
    assert sum("from=index" in u for u in raw) >= 2
    top = next(t for t in truth if t.site_key == "aspx")
    assert f'href="{top.url.replace("&", "&amp;")}"' in first  # absolute link
    assert sum(1 for u in raw if u == top.url) == 2  # plus the relative one


def test_disallowed_pages_counted(web: DemoWeb, truth: list[TruthArticle]) -> None:
    site = web.site("aspx")
    art = next(t for t in truth if t.site_key == "aspx")
    page = fetch(art.url)[2].decode()
    assert "/print.aspx?id=" in page and "/search/?q=" in page
    assert site.disallowed_hits == 0
    with DemoWeb(port=0) as other:
        s = other.site("aspx")
        assert fetch(s.base_url + "/print.aspx?id=1000")[0] in (200, 404)
        assert s.disallowed_hits == 1


def test_site_markup(web: DemoWeb, truth: list[TruthArticle]) -> None:
    trs = next(t for t in truth if t.site_key == "trs")
    page = fetch(trs.url)[2].decode()
    for meta in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
                 "ContentSource"):
        assert f'<meta name="{meta}"' in page
    assert 'class="TRS_Editor"' in page and "晋ICP备05001036号" in page and "1405000052" in page
    aspx = next(t for t in truth if t.site_key == "aspx")
    st, headers, body = fetch(aspx.url)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'class="content"' in body and b"<br>" in body and "发布时间：".encode() in body
    for s in web.sites:
        home = fetch(s.base_url + "/")[2].decode(ENC[s.key])
        for word in ("版权所有", "ICP备", "公网安备", "网站标识码"):
            assert word in home


def test_deterministic_and_scalable() -> None:
    a = DemoWeb(port=0)
    b = DemoWeb(port=0)
    ta = [(t.url, t.title, t.text) for t in ground_truth(a)]
    tb = [(t.url, t.title, t.text) for t in ground_truth(b)]
    assert ta == tb
    big = DemoWeb(port=0, articles_per_column=1000)
    counts: dict[tuple[str, str], int] = {}
    for t in ground_truth(big):
        counts[(t.site_key, t.column_name)] = counts.get((t.site_key, t.column_name), 0) + 1
    assert counts[("trs", "警务动态")] == 1000 and counts[("aspx", "警情通报")] == 9
