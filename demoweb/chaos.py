"""Chaos mode of the demo web: deterministic faults for robustness tests.

Usage::

    chaos = Chaos(seed=1, rate=0.3)
    with DemoWeb(port=0, chaos=chaos) as web:
        ...crawl web.start_urls()...
        assert chaos.injected["reset"] > 0

Two families of faults, both fully determined by ``seed`` and the request (never by timing or ports):

* **Transient** faults (:data:`TRANSIENT_KINDS`) hit a share ``rate`` of the request targets
  (method + path + query, query order ignored), and only on the first ``transient_attempts`` requests of
  that target over the server's lifetime: a client that retries ``transient_attempts`` times always gets
  the real page in the end.

  - ``http500`` / ``http503``: nginx error page with that status (503 carries ``Retry-After: 1``);
  - ``reset``: the request is read, then the connection is closed with a TCP RST (SO_LINGER 0);
  - ``timeout``: the server stays silent for ``timeout_s`` seconds, then closes without answering
    (a client whose read timeout is below ``timeout_s`` sees a timeout, any other one an empty reply);
  - ``short_body``: status 200 and the real ``Content-Length``, but only half of the real body, then close;
  - ``waf_challenge``: only for truth article URLs: an anti-bot challenge page (412 瑞数-style or
    521 加速乐-style, see :func:`challenge_412` / :func:`challenge_521`), as WAFs answer intermittently.

* **Permanent** faults (:data:`PERMANENT_KINDS`) live on extra, chaos-only paths under ``/chaos/`` (one
  per enabled permanent kind and site, see :meth:`Chaos.permanent_urls`). The first list page of each
  site's news column links them like ordinary articles (dated rows in its list; on Hanweb a static list
  below the datastore, whose records and pagination stay untouched), so a crawler finds them. They are
  never truth articles and answer the same way on every attempt:

  - ``redirect_loop``: 302 to ``…?hop=1``, which 302s back to the plain path, forever;
  - ``junk``: ``junk_bytes`` (10 MiB) of printable-ASCII noise (stray ``<`` included) as ``text/html``;
  - ``binary``: a real PNG image labelled ``text/html; charset=utf-8``;
  - ``challenge_412`` / ``challenge_521``: a JS cookie challenge page (no bypass is possible: the
    cookie is computed by scripts the demo never serves).

``robots.txt`` and attachment files are never faulted. :attr:`Chaos.injected` counts every fault
actually served, by kind (``waf_challenge`` also counts as ``waf_challenge_412`` / ``waf_challenge_521``).
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import socket
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from demoweb.sites.base import Request, Response, SiteBase, esc

if TYPE_CHECKING:
    from demoweb.server import DemoWeb

TRANSIENT_KINDS: tuple[str, ...] = ("http500", "http503", "reset", "timeout", "short_body", "waf_challenge")
PERMANENT_KINDS: tuple[str, ...] = ("redirect_loop", "junk", "binary", "challenge_412", "challenge_521")
ALL_KINDS: tuple[str, ...] = TRANSIENT_KINDS + PERMANENT_KINDS

#: Strings every challenge page contains (412: 瑞数 ``$_ts``; 521: 加速乐 ``__jsl_clearance``).
CHALLENGE_MARKERS = {412: ("$_ts", "r='m'"), 521: ("__jsl_clearance", "<noscript>")}

#: permanent kind → (file stem, list title, date shown in the list); paths are article-shaped on purpose
_PERMANENT = {
    "redirect_loop": ("loop-9001", "市公安局召开全市公安机关视频调度会议", "2021-07-01"),
    "junk": ("junk-9002", "关于进一步加强道路交通安全管理的通告", "2021-06-30"),
    "binary": ("binary-9003", "全市公安机关开展打击电信网络诈骗集中宣传活动", "2021-06-29"),
    "challenge_412": ("challenge-412-9004", "市公安局举行2021年度全警实战大练兵技能比武", "2021-06-28"),
    "challenge_521": ("challenge-521-9005", "夏季治安打击整治“百日行动”第一阶段战果通报", "2021-06-27"),
}
CHAOS_PREFIX = "/chaos/2021/06/"

_ERROR_PAGE = ("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
               "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
               "</body>\r\n</html>\r\n")
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _norm_target(path: str, query: str) -> str:
    """``path?query`` with the query pairs sorted (so ``?cid=5&id=1`` equals ``?id=1&cid=5``)."""
    if not query:
        return path
    return path + "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


def _unit(*parts: object) -> float:
    """Deterministic uniform number in [0, 1) from the parts."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _token(rng: random.Random, n: int, alphabet: str = _ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def challenge_412(seed: str) -> tuple[bytes, dict[str, str]]:
    """瑞数 (RiverSecurity) style 412 answer: ``$_ts`` bootstrap, external VM script, empty body."""
    rng = random.Random(f"412|{seed}")
    cd = _token(rng, 640, _ALNUM + "._")
    meta_id, meta = _token(rng, 22), _token(rng, 180, _ALNUM + "._")
    js = f"/{_token(rng, 12)}/{_token(rng, 1)}.{_token(rng, 8)}.{_token(rng, 7).lower()}.js"
    body = (
        '<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<meta http-equiv="Cache-Control" content="no-cache, no-store, must-revalidate">\n'
        '<meta http-equiv="Pragma" content="no-cache">\n<meta http-equiv="Expires" content="0">\n'
        f"<meta id=\"{meta_id}\" content=\"{meta}\" r='m'>\n"
        "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd="
        f'{rng.randrange(10000, 99999)};$_ts.cd="{cd}";if($_ts.lcd)$_ts.lcd();</script>\n'
        f"<script type=\"text/javascript\" charset=\"utf-8\" src=\"{js}\" r='m'></script>\n"
        "</head>\n<body>\n</body></html>\n"
    )
    cookie = f"{_token(rng, 13)}S={_token(rng, 64)}; Path=/; expires=Fri, 09 Jul 2031 06:45:26 GMT; HttpOnly"
    return body.encode("utf-8"), {"Set-Cookie": cookie, "Cache-Control": "no-cache, no-store"}


def challenge_521(seed: str) -> tuple[bytes, dict[str, str]]:
    """加速乐 (Knownsec Jiasule) style 521 answer: ``document.cookie=('__jsl_clearance=…')`` then reload."""
    rng = random.Random(f"521|{seed}")
    stamp = f"{rng.randrange(1_600_000_000, 1_700_000_000)}.{rng.randrange(100, 999)}"
    parts = "+".join(f"'{_token(rng, rng.randrange(3, 8))}'" for _ in range(6))
    body = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
        f"<script>document.cookie=('__jsl_clearance={stamp}|0|'+({parts})+'%3D;max-age=3600;path=/');"
        "location.href=location.pathname+location.search</script>"
        "<noscript>您的浏览器未启用JavaScript，无法完成安全验证。请开启浏览器的JavaScript功能后刷新本页面。"
        "Please enable JavaScript and refresh the page.</noscript></body></html>"
    )
    cookie = f"__jsluid_h={hashlib.md5(stamp.encode()).hexdigest()}; max-age=31536000; path=/; HttpOnly"
    return body.encode("utf-8"), {"Set-Cookie": cookie}


def png_bytes(seed: int, width: int = 160, height: int = 120) -> bytes:
    """A valid RGB PNG of deterministic noise."""
    rng = random.Random(f"png|{seed}")
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(raw, 6))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b"")


def junk_bytes(seed: int, size: int) -> bytes:
    """``size`` bytes of printable ASCII noise (spaces, newlines and stray ``<`` included), no NUL."""
    alphabet = bytes(range(32, 127)) + b"\n\t"
    table = bytes(alphabet[i % len(alphabet)] for i in range(256))
    return random.Random(f"junk|{seed}").randbytes(size).translate(table)


class Chaos:
    """Fault plan of a demo web run. Pass it to ``DemoWeb(chaos=...)``.

    ``rate``: share of request targets that get a transient fault; ``kinds``: enabled fault kinds (any of
    :data:`ALL_KINDS`); ``transient_attempts``: how many first requests of a faulted target fail;
    ``timeout_s``: how long a ``timeout`` fault stays silent; ``junk_bytes``: size of the junk page.
    """

    def __init__(self, seed: int = 1, rate: float = 0.3, kinds: Iterable[str] = ALL_KINDS, *,
                 transient_attempts: int = 1, timeout_s: float = 3.0,
                 junk_bytes: int = 10 * 1024 * 1024) -> None:
        self.kinds = tuple(kinds)
        unknown = set(self.kinds) - set(ALL_KINDS)
        if unknown:
            raise ValueError(f"unknown chaos kinds: {sorted(unknown)}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be within [0, 1]")
        self.seed = seed
        self.rate = rate
        self.transient_attempts = transient_attempts
        self.timeout_s = timeout_s
        self.junk_size = junk_bytes
        self.transient = tuple(k for k in TRANSIENT_KINDS if k in self.kinds)
        self.permanent = tuple(k for k in PERMANENT_KINDS if k in self.kinds)
        #: fault kind → number of times it was served
        self.injected: Counter[str] = Counter()
        #: (site key, method, normalized target) → requests seen
        self.attempts: Counter[tuple[str, str, str]] = Counter()
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._junk: bytes | None = None
        self._png = png_bytes(seed)
        self._articles: dict[int, frozenset[str]] = {}

    # ---- the plan (pure functions of seed and request) ---------------------------------------
    def permanent_paths(self) -> dict[str, str]:
        """Chaos-only path → permanent kind (the same paths on every site)."""
        return {f"{CHAOS_PREFIX}{_PERMANENT[k][0]}.html": k for k in self.permanent}

    def permanent_urls(self, web: DemoWeb) -> list[str]:
        """Absolute URLs of every chaos-only page of every site (start the web first for real ports)."""
        return [s.url(p) for s in web.sites for p in self.permanent_paths()]

    def is_exempt(self, site: SiteBase, path: str) -> bool:
        """robots.txt and attachment files are never faulted."""
        return path == "/robots.txt" or path in site.attachments

    def is_article(self, site: SiteBase, target: str) -> bool:
        """True when ``target`` (normalized) is the canonical path of a truth article of ``site``."""
        found = self._articles.get(id(site))
        if found is None:
            found = frozenset(_norm_target(*(urlsplit(site.article_path(col, art))[2:4]))
                              for col in site.columns for art in col.articles)
            self._articles[id(site)] = found
        return target in found

    def fault_for(self, site: SiteBase, method: str, path: str, query: str, attempt: int) -> str | None:
        """The transient fault (or None) of the ``attempt``-th (1-based) request of a target."""
        if not self.transient or attempt > self.transient_attempts or self.is_exempt(site, path):
            return None
        if path in self.permanent_paths():
            return None
        target = _norm_target(path, query)
        if _unit(self.seed, "hit", site.key, method, target) >= self.rate:
            return None
        kinds = [k for k in self.transient if k != "waf_challenge" or self.is_article(site, target)]
        if not kinds:
            return None
        return kinds[int(_unit(self.seed, "kind", site.key, method, target, attempt) * len(kinds))]

    def challenge_status(self, site: SiteBase, target: str) -> int:
        """412 or 521: which WAF answers a transient challenge on ``target`` (``path?query``)."""
        parts = urlsplit(target)
        return 412 if _unit(self.seed, "waf", site.key, _norm_target(parts.path, parts.query)) < 0.5 else 521

    def reset_attempts(self) -> None:
        """Forget request counts: every target faults again as on a fresh server."""
        with self._lock:
            self.attempts.clear()

    def release(self) -> None:
        """Wake every stalled ``timeout`` answer now, and answer later ones at once (before a stop)."""
        self._released.set()

    # ---- serving ----------------------------------------------------------------------------------
    def intervene(self, handler: Any, method: str, req: Request, resp: Response) -> bool:
        """Called by the HTTP handler with the site's real answer.

        Returns True when chaos answered (or broke) the request itself; otherwise the handler sends
        ``resp``, which chaos may have changed in place (chaos links added to news list pages).
        """
        site: SiteBase = handler.server.site
        target = _norm_target(req.path, req.raw_query)
        with self._lock:
            self.attempts[(site.key, method, target)] += 1
            attempt = self.attempts[(site.key, method, target)]
        kind = self.permanent_paths().get(req.path)
        if kind is not None:
            self._count(kind)
            self._serve_permanent(handler, method, site, req, kind)
            return True
        fault = self.fault_for(site, method, req.path, req.raw_query, attempt)
        if fault is None:
            if self.permanent and resp.status == 200 and target == _norm_target(
                    *urlsplit(site.column_paths()[0])[2:4]):
                resp.body = self._add_links(site, resp.body)
            return False
        self._count(fault)
        handler.close_connection = True
        if fault in ("http500", "http503"):
            code = int(fault[4:])
            reason = "Internal Server Error" if code == 500 else "Service Temporarily Unavailable"
            extra = {"Retry-After": "1"} if code == 503 else {}
            page = _ERROR_PAGE.format(code=code, reason=reason).encode()
            self._send(handler, method, code, "text/html", page, extra)
        elif fault == "reset":
            self._reset(handler)
        elif fault == "timeout":
            self._released.wait(self.timeout_s)
        elif fault == "short_body":
            body = resp.body
            handler.send_response(200)
            handler.send_header("Content-Type", resp.content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if method != "HEAD":
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handler.wfile.write(body[: len(body) // 2])
        elif fault == "waf_challenge":
            status = self.challenge_status(site, target)
            self._count(f"waf_challenge_{status}")
            make = challenge_412 if status == 412 else challenge_521
            body, headers = make(f"{self.seed}|{target}|{attempt}")
            self._send(handler, method, status, "text/html", body, headers)
        return True

    def _count(self, kind: str) -> None:
        with self._lock:
            self.injected[kind] += 1

    @staticmethod
    def _send(handler: Any, method: str, status: int, ctype: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)  # no reason phrase for 521, as 加速乐 sends it
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.end_headers()
        if method != "HEAD":
            view = memoryview(body)
            try:
                for i in range(0, len(body), 1 << 16):
                    handler.wfile.write(view[i : i + (1 << 16)])
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. on the junk's size)
                handler.close_connection = True

    @staticmethod
    def _reset(handler: Any) -> None:
        """Close with RST: SO_LINGER on with a zero timeout, then close the socket and its reader.

        (``wfile`` writes through the socket without a file reference of its own and stays open, so
        the handler's final flush still works.)
        """
        sock: socket.socket = handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.rfile.close()
        sock.close()

    def _serve_permanent(self, handler: Any, method: str, site: SiteBase, req: Request, kind: str) -> None:
        if kind == "redirect_loop":
            nxt = req.path if req.arg("hop") else req.path + "?hop=1"
            page = _ERROR_PAGE.format(code=302, reason="Found").encode()
            self._send(handler, method, 302, "text/html", page, {"Location": site.base_url + nxt})
        elif kind == "junk":
            if self._junk is None:
                self._junk = junk_bytes(self.seed, self.junk_size)
            self._send(handler, method, 200, "text/html", self._junk)
        elif kind == "binary":
            self._send(handler, method, 200, "text/html; charset=utf-8", self._png)
        else:
            status = 412 if kind == "challenge_412" else 521
            body, headers = (challenge_412 if status == 412 else challenge_521)(f"{self.seed}|{req.path}")
            self._send(handler, method, status, "text/html", body, headers)

    def _add_links(self, site: SiteBase, body: bytes) -> bytes:
        """Add one list row per permanent kind to a news list page, in the site's own list markup."""
        rows: dict[str, list[str]] = {"aspx": [], "li": []}
        for path, kind in self.permanent_paths().items():
            _, title, day = _PERMANENT[kind]
            t = esc(title)
            a = f'<a href="{path}" target="_blank" title="{t}">{t}</a>'
            rows["aspx"].append(f'<tr><td class="listtd" height="28">{a}</td>'
                                f'<td class="datetd" width="100">{day}</td></tr>\n')
            rows["li"].append(f"<li><span>{day}</span>{a}</li>\n")
        block = "".join(rows.get(site.key, rows["li"])).encode(site.encoding)
        if site.key == "hanweb":
            # a static list below the datastore: extra <record>s would shift the dataproxy ranges
            anchor = b"</datastore></script></div>\n"
            if anchor in body:
                return body.replace(anchor, anchor + b'<ul class="list">\n' + block + b"</ul>\n", 1)
        anchors = {"aspx": b'<table width="100%" class="list">\n', "trs": b'<ul class="list">\n'}
        anchor = anchors.get(site.key, b"")
        if anchor and anchor in body:
            return body.replace(anchor, anchor + block, 1)
        # unknown template: a plain list before </body>
        block = "".join(rows["li"]).encode(site.encoding)
        return body.replace(b"</body>", b'<div class="list"><ul>' + block + b"</ul></div></body>", 1)


__all__ = ["ALL_KINDS", "CHALLENGE_MARKERS", "PERMANENT_KINDS", "TRANSIENT_KINDS", "Chaos", "challenge_412",
           "challenge_521", "junk_bytes", "png_bytes"]
