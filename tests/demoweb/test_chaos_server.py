"""Chaos mode of the demo web (demoweb.chaos), tested over plain HTTP: http.client and raw sockets only."""

from __future__ import annotations

import http.client
import socket
import struct
import time
import urllib.error
import urllib.request
import zlib
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from demoweb import DemoSite, DemoWeb, ground_truth
from demoweb.chaos import (
    ALL_KINDS,
    CHALLENGE_MARKERS,
    PERMANENT_KINDS,
    TRANSIENT_KINDS,
    Chaos,
)
from extract import parse_list_page
from extract.urls import canonical_url

TIMEOUT_S = 0.6


# ---- helpers --------------------------------------------------------------------------------------
class Answer:
    """What one request got: a status and body, or the name of the failure."""

    def __init__(self, status: int | None = None, headers: dict[str, str] | None = None, body: bytes = b"",
                 error: str = "") -> None:
        self.status, self.headers, self.body, self.error = status, headers or {}, body, error

    def __repr__(self) -> str:
        return f"Answer({self.status}, {self.error!r}, {len(self.body)} bytes)"

    @property
    def outcome(self) -> str:
        return self.error or str(self.status)


def get(site: DemoSite, target: str, timeout: float = 10.0, method: str = "GET") -> Answer:
    """One request over a fresh connection; network failures become ``Answer(error=...)``."""
    conn = http.client.HTTPConnection(site.host, site.port, timeout=timeout)
    try:
        conn.request(method, target)
        resp = conn.getresponse()
        headers = {k: v for k, v in resp.getheaders()}
        try:
            body = resp.read()
        except http.client.IncompleteRead as exc:
            return Answer(resp.status, headers, exc.partial, "short_body")
        return Answer(resp.status, headers, body)
    except ConnectionResetError:
        return Answer(error="reset")
    except TimeoutError:
        return Answer(error="timeout")
    except http.client.RemoteDisconnected:
        return Answer(error="closed")
    finally:
        conn.close()


def get_retrying(site: DemoSite, target: str, tries: int = 3) -> Answer:
    """GET like a crawler that retries: up to ``tries`` requests until one answers 200."""
    for _ in range(tries):
        answer = get(site, target)
        if answer.status == 200:
            break
    return answer


def raw(site: DemoSite, target: str, timeout: float = 10.0) -> tuple[bytes, bytes]:
    """Send a GET over a raw socket and read until EOF: (head, body) as received."""
    with socket.create_connection((site.host, site.port), timeout=timeout) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {site.host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def target_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def article_targets(web: DemoWeb) -> list[tuple[DemoSite, str]]:
    """(site, path?query) of every truth article."""
    return [(s, t.path) for s in web.sites for t in s.impl.truth()]


def planned(chaos: Chaos, site: DemoSite, target: str, attempt: int = 1) -> str | None:
    parts = urlsplit(target)
    return chaos.fault_for(site.impl, "GET", parts.path, parts.query, attempt)


def with_fault(web: DemoWeb, chaos: Chaos, kind: str) -> list[tuple[DemoSite, str]]:
    found = [(s, t) for s, t in article_targets(web) if planned(chaos, s, t) == kind]
    assert found, f"no article draws {kind}"
    return found


def expect_real_article(site: DemoSite, target: str, answer: Answer) -> None:
    truth = {t.path: t for t in site.impl.truth()}[target]
    assert answer.status == 200, answer
    assert truth.title in answer.body.decode(site.impl.encoding)


# ---- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def chaos() -> Chaos:
    return Chaos(seed=1, rate=0.5, timeout_s=TIMEOUT_S)


@pytest.fixture(scope="module")
def web(chaos: Chaos) -> Iterator[DemoWeb]:
    with DemoWeb(port=0, chaos=chaos) as w:
        yield w


@pytest.fixture(autouse=True)
def _fresh_attempts(request: pytest.FixtureRequest) -> None:
    if "chaos" in request.fixturenames:
        request.getfixturevalue("chaos").reset_attempts()


# ---- the plan -------------------------------------------------------------------------------------
def test_api_and_defaults() -> None:
    c = Chaos()
    assert c.seed == 1 and c.rate == 0.3 and c.transient_attempts == 1 and c.timeout_s == 3.0
    assert c.junk_size == 10 * 1024 * 1024
    assert set(c.kinds) == set(ALL_KINDS) == set(TRANSIENT_KINDS) | set(PERMANENT_KINDS)
    assert c.injected == Counter()
    with pytest.raises(ValueError):
        Chaos(kinds=("no-such-fault",))
    with pytest.raises(ValueError):
        Chaos(rate=1.5)
    assert DemoWeb(port=0).chaos is None


def test_plan_is_deterministic_for_a_seed_and_differs_across_seeds(web: DemoWeb) -> None:
    def plan(seed: int) -> list[str | None]:
        c = Chaos(seed=seed, rate=0.3)
        return [planned(c, s, t, a) for s, t in article_targets(web) for a in (1, 2)]

    first = plan(1)
    assert first == plan(1)
    assert first != plan(2)
    # only the first attempt (transient_attempts=1) is ever faulted
    assert all(k is None for k in first[1::2])
    faulted = sum(k is not None for k in first[::2]) / len(first[::2])
    assert 0.15 < faulted < 0.45, faulted


def test_observed_faults_match_the_plan_and_repeat_on_a_second_server(web: DemoWeb) -> None:
    """Two servers with equal chaos answer every URL the same way; each answer is what the plan says."""
    kinds = ("http500", "http503", "reset", "short_body", "waf_challenge")

    def run() -> tuple[list[str], Counter[str]]:
        c = Chaos(seed=5, rate=0.4, kinds=kinds)
        with DemoWeb(port=0, chaos=c) as w:
            outcomes = []
            for s, t in article_targets(w):
                first, second = get(s, t), get(s, t)
                want = planned(c, s, t)
                expected = {None: "200", "http500": "500", "http503": "503", "reset": "reset",
                            "short_body": "short_body"}.get(want)
                if want == "waf_challenge":
                    assert first.status in (412, 521), (t, first)
                else:
                    assert first.outcome == expected, (s.key, t, want, first)
                expect_real_article(s, t, second)
                outcomes.append(first.outcome)
            return outcomes, Counter(c.injected)

    a, injected_a = run()
    b, injected_b = run()
    assert a == b and injected_a == injected_b
    assert set(injected_a) >= set(kinds)
    assert sum(injected_a[k] for k in kinds) == sum(o != "200" for o in a)


# ---- transient faults -----------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "status"), [("http500", 500), ("http503", 503)])
def test_server_errors_then_the_real_page(web: DemoWeb, chaos: Chaos, kind: str, status: int) -> None:
    before = chaos.injected[kind]
    site, target = with_fault(web, chaos, kind)[0]
    first = get(site, target)
    assert first.status == status
    assert f"{status}".encode() in first.body and b"nginx" in first.body
    if status == 503:
        assert first.headers.get("Retry-After") == "1"
    expect_real_article(site, target, get(site, target))
    expect_real_article(site, target, get(site, target))
    assert chaos.injected[kind] == before + 1


def test_connection_reset(web: DemoWeb, chaos: Chaos, capsys: pytest.CaptureFixture[str]) -> None:
    site, target = with_fault(web, chaos, "reset")[0]
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        with pytest.raises(ConnectionResetError):
            sock.recv(65536)
    expect_real_article(site, target, get(site, target))
    time.sleep(0.2)
    assert "Traceback" not in capsys.readouterr().err  # the server thread ended cleanly


def test_timeout_stalls_then_closes_without_answer(web: DemoWeb, chaos: Chaos) -> None:
    (s1, t1), (s2, t2) = with_fault(web, chaos, "timeout")[:2]
    # a client with a shorter read timeout times out
    assert get(s1, t1, timeout=TIMEOUT_S / 3).error == "timeout"
    # a patient client sees the server close the connection, silently, after timeout_s
    with socket.create_connection((s2.host, s2.port), timeout=10) as sock:
        sock.sendall(f"GET {t2} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        t0 = time.monotonic()
        assert sock.recv(65536) == b""
        assert time.monotonic() - t0 >= TIMEOUT_S * 0.9
    expect_real_article(s1, t1, get(s1, t1))
    expect_real_article(s2, t2, get(s2, t2))


def test_short_body_is_shorter_than_its_content_length(web: DemoWeb, chaos: Chaos) -> None:
    site, target = with_fault(web, chaos, "short_body")[0]
    head, body = raw(site, target)
    assert head.startswith(b"HTTP/1.1 200")
    lines = head.split(b"\r\n")
    length = int(next(line.split(b":", 1)[1] for line in lines if line.lower().startswith(b"content-length")))
    full = get(site, target)
    expect_real_article(site, target, full)
    assert length == len(full.body)
    assert len(body) == length // 2 and body == full.body[: length // 2]


def test_waf_challenge_only_on_articles_and_only_on_the_first_attempt(web: DemoWeb, chaos: Chaos) -> None:
    statuses = Counter()
    for site, target in with_fault(web, chaos, "waf_challenge"):
        first = get(site, target)
        assert first.status in (412, 521)
        assert first.status == chaos.challenge_status(site.impl, target)
        assert "Set-Cookie" in first.headers
        text = first.body.decode("utf-8")
        assert all(marker in text for marker in CHALLENGE_MARKERS[first.status])
        expect_real_article(site, target, get(site, target))
        statuses[first.status] += 1
    assert statuses[412] and statuses[521]
    injected = chaos.injected
    assert injected["waf_challenge"] == injected["waf_challenge_412"] + injected["waf_challenge_521"]
    # non-article pages never draw a challenge
    others = [(s, target_of(u)) for u in web.non_article_urls() for s in web.sites
              if u.startswith(s.base_url)]
    assert others
    assert all(planned(chaos, s, t) != "waf_challenge" for s, t in others)


def test_transient_faults_stop_after_transient_attempts() -> None:
    c = Chaos(seed=3, rate=1.0, kinds=("http503",), transient_attempts=2)
    with DemoWeb(port=0, articles_per_column=6, chaos=c) as w:
        for site, target in article_targets(w)[::7]:
            assert [get(site, target).status for _ in range(4)] == [503, 503, 200, 200]
        # list pages and other pages are faulted too
        for url in w.start_urls():
            site = next(s for s in w.sites if url.startswith(s.base_url))
            assert [get(site, target_of(url)).status for _ in range(3)] == [503, 503, 200]
        # chaos.reset_attempts() makes every URL fault again
        site, target = article_targets(w)[0]
        c.reset_attempts()
        assert get(site, target).status == 503


def test_robots_txt_and_attachments_are_never_faulted() -> None:
    c = Chaos(seed=11, rate=1.0, kinds=TRANSIENT_KINDS, timeout_s=TIMEOUT_S)
    with DemoWeb(port=0, chaos=c) as w:
        for site in w.sites:
            for _ in range(3):
                a = get(site, "/robots.txt", timeout=5)
                assert a.status == 200 and a.body.startswith(b"User-agent: *")
            for path in site.impl.attachments:
                a = get(site, path, timeout=5)
                assert a.status == 200 and a.body.startswith(b"%PDF")
        assert sum(c.injected.values()) == 0
        # while everything else is (rate=1.0)
        site, target = article_targets(w)[0]
        assert get(site, target, timeout=5).outcome != "200"
        assert sum(c.injected.values()) == 1


# ---- permanent faults -----------------------------------------------------------------------------
def test_chaos_links_on_news_list_pages_only(web: DemoWeb, chaos: Chaos) -> None:
    paths = chaos.permanent_paths()
    assert sorted(paths.values()) == sorted(PERMANENT_KINDS)
    urls = chaos.permanent_urls(web)
    assert len(urls) == len(paths) * len(web.sites)
    truth_urls = {t.url for t in ground_truth(web)}
    assert not truth_urls & set(urls)
    for site in web.sites:
        news, notice = site.column_urls
        page = get_retrying(site, target_of(news))
        assert page.status == 200, page
        linked = {a.url for a in parse_list_page(page.body, news, page.headers.get("Content-Type")).articles}
        assert {site.url(p) for p in paths} <= linked, site.key
        known = {canonical_url(u) for u in truth_urls | set(web.dead_urls())}
        assert linked - {site.url(p) for p in paths} <= known
        other = get_retrying(site, target_of(notice))
        assert other.status == 200 and b"/chaos/" not in other.body


def test_chaos_links_leave_list_pagination_alone(web: DemoWeb, chaos: Chaos) -> None:
    """With chaos the news list pages link the same articles plus the chaos pages, and page the same way."""
    def relative(url: str, site: DemoSite) -> str:
        return url[len(site.base_url):]

    with DemoWeb(port=0) as plain:
        for site, calm in zip(web.sites, plain.sites, strict=True):
            news = site.column_urls[0]
            page = get_retrying(site, target_of(news))
            ref = get(calm, target_of(news))
            got = parse_list_page(page.body, news, page.headers.get("Content-Type"))
            want = parse_list_page(ref.body, calm.column_urls[0], ref.headers.get("Content-Type"))
            assert [relative(f.url, site) for f in got.follow] == [relative(f.url, calm) for f in want.follow]
            assert [f.formdata for f in got.follow] == [f.formdata for f in want.follow]
            assert got.families == want.families
            links = {relative(a.url, site) for a in got.articles}
            expected = {relative(a.url, calm) for a in want.articles} | set(chaos.permanent_paths())
            assert links == expected, site.key


def test_challenge_pages_are_recognised_by_the_extractor(web: DemoWeb, chaos: Chaos) -> None:
    """Contract with extract.challenge: every challenge page chaos serves is reported as blocked."""
    challenge = pytest.importorskip("extract.challenge")
    pages = [get(s, p) for kind in ("challenge_412", "challenge_521")
             for s, p in _permanent(web, chaos, kind)]
    pages += [get(s, t) for s, t in with_fault(web, chaos, "waf_challenge")]
    assert {a.status for a in pages} == {412, 521}
    for answer in pages:
        assert challenge.challenge_reason(answer.status, answer.body), answer.body[:200]


def test_no_chaos_no_chaos_links() -> None:
    with DemoWeb(port=0, articles_per_column=6) as w:
        for site in w.sites:
            assert b"/chaos/" not in get(site, target_of(site.column_urls[0])).body
            assert get(site, "/chaos/2021/06/loop-9001.html").status == 404
            site_truth = [t for t in site.impl.truth()]
            assert get(site, site_truth[0].path).status == 200


def _permanent(web: DemoWeb, chaos: Chaos, kind: str) -> list[tuple[DemoSite, str]]:
    path = next(p for p, k in chaos.permanent_paths().items() if k == kind)
    return [(s, path) for s in web.sites]


def test_redirect_loop(web: DemoWeb, chaos: Chaos) -> None:
    for site, path in _permanent(web, chaos, "redirect_loop"):
        seen = []
        target = path
        for _ in range(6):
            a = get(site, target)
            assert a.status == 302
            location = a.headers["Location"]
            assert location.startswith(site.base_url)
            seen.append(location)
            target = target_of(location)
        assert seen == [site.url(path + "?hop=1"), site.url(path)] * 3
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(site.url(path), timeout=10)
        assert info.value.code == 302 and "infinite loop" in str(info.value.reason)


def test_junk_is_ten_mebibytes_of_printable_noise(web: DemoWeb, chaos: Chaos) -> None:
    bodies = []
    for site, path in _permanent(web, chaos, "junk")[:2]:
        a = get(site, path, timeout=30)
        assert a.status == 200 and a.headers["Content-Type"] == "text/html"
        assert int(a.headers["Content-Length"]) == len(a.body) == 10 * 1024 * 1024
        bodies.append(a.body)
    assert bodies[0] == bodies[1]
    body = bodies[0]
    assert b"\x00" not in body
    assert max(body) < 0x7F and all(b >= 0x20 or b in (9, 10) for b in set(body))
    assert b"<" in body


def test_client_giving_up_on_the_junk_is_no_server_error(web: DemoWeb, chaos: Chaos,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A crawler with a size cap drops the connection after the headers; the server shrugs."""
    site, path = _permanent(web, chaos, "junk")[0]
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(0.5)
    assert "Traceback" not in capsys.readouterr().err
    assert get(site, "/robots.txt").status == 200


def test_binary_png_labelled_html(web: DemoWeb, chaos: Chaos) -> None:
    for site, path in _permanent(web, chaos, "binary"):
        a = get(site, path)
        assert a.status == 200 and a.headers["Content-Type"].startswith("text/html")
        body = a.body
        assert body.startswith(b"\x89PNG\r\n\x1a\n")
        # a well-formed PNG: chunks with valid CRCs, IHDR first, IEND last, inflatable IDAT
        pos, tags, idat = 8, [], b""
        while pos < len(body):
            (length,) = struct.unpack(">I", body[pos : pos + 4])
            tag, data = body[pos + 4 : pos + 8], body[pos + 8 : pos + 8 + length]
            (crc,) = struct.unpack(">I", body[pos + 8 + length : pos + 12 + length])
            assert crc == zlib.crc32(tag + data) & 0xFFFFFFFF
            tags.append(tag)
            idat += data if tag == b"IDAT" else b""
            pos += 12 + length
        assert tags[0] == b"IHDR" and tags[-1] == b"IEND"
        width, height = struct.unpack(">II", body[16:24])
        assert len(zlib.decompress(idat)) == height * (1 + 3 * width)


@pytest.mark.parametrize(("kind", "status"), [("challenge_412", 412), ("challenge_521", 521)])
def test_permanent_challenge_pages(web: DemoWeb, chaos: Chaos, kind: str, status: int) -> None:
    before = chaos.injected[kind]
    for site, path in _permanent(web, chaos, kind):
        answers = [get(site, path) for _ in range(4)]
        assert {a.status for a in answers} == {status}
        assert len({a.body for a in answers}) == 1
        text = answers[0].body.decode("utf-8")
        assert all(marker in text for marker in CHALLENGE_MARKERS[status])
        assert "Set-Cookie" in answers[0].headers
        if status == 412:
            assert "<script" in text and "$_ts.cd=" in text and ".js\" r='m'" in text
        else:
            assert "document.cookie=('__jsl_clearance=" in text
            assert "__jsluid_h=" in answers[0].headers["Set-Cookie"]
            assert "<noscript>" in text and "JavaScript" in text
    assert chaos.injected[kind] == before + 4 * len(web.sites)


def test_permanent_pages_ignore_transient_attempts(web: DemoWeb, chaos: Chaos) -> None:
    for site, path in _permanent(web, chaos, "binary")[:1] + _permanent(web, chaos, "challenge_412")[:1]:
        assert planned(chaos, site, path) is None
        outcomes = {get(site, path).outcome for _ in range(3)}
        assert len(outcomes) == 1


def test_only_enabled_kinds_are_served() -> None:
    c = Chaos(seed=2, rate=1.0, kinds=("http500", "junk"), junk_bytes=1000)
    with DemoWeb(port=0, articles_per_column=6, chaos=c) as w:
        assert set(c.permanent_paths().values()) == {"junk"}
        site = w.sites[0]
        assert get(site, c.permanent_urls(w)[0][len(site.base_url):]).body.__len__() == 1000
        assert get(site, "/chaos/2021/06/binary-9003.html").status == 500  # not a chaos page: 404 after a 500
        assert get(site, "/chaos/2021/06/binary-9003.html").status == 404
        outcomes = {get(s, t).status for s, t in article_targets(w)}
        assert outcomes == {500}
        assert set(c.injected) == {"http500", "junk"}
