"""Threaded loopback HTTP servers serving the demo sites."""

from __future__ import annotations

import errno
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from demoweb.sites import JS_SITE_CLASS, SITE_CLASSES
from demoweb.sites.base import Request, SiteBase

if TYPE_CHECKING:
    from demoweb.chaos import Chaos

HOSTS = {"trs": "127.0.0.11", "hanweb": "127.0.0.12", "aspx": "127.0.0.13", "jsapi": "127.0.0.14"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: SiteBase
    chaos: Chaos | None = None


class _Handler(BaseHTTPRequestHandler):
    """Translate HTTP requests into :class:`Request` objects for the site."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from stdlib
        """Silence per-request logging."""

    def version_string(self) -> str:
        return self.server.site.server_header

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True, encoding="utf-8", errors="replace")
        form: dict[str, list[str]] = {}
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            form = parse_qs(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
        headers = {k.lower(): v for k, v in self.headers.items()}
        req = Request(method, parts.path or "/", query, parts.query, form, headers)
        try:
            resp = self.server.site.handle(req)
        except Exception:  # pragma: no cover - keep the demo alive on template bugs
            self.send_error(500)
            return
        if self.server.chaos is not None and self.server.chaos.intervene(self, method, req, resp):
            return
        site = self.server.site
        if site.send_validators and resp.status == 200 and method in ("GET", "HEAD"):
            etag = '"' + hashlib.sha1(resp.body).hexdigest()[:20] + '"'
            resp.headers.setdefault("ETag", etag)
            resp.headers.setdefault("Last-Modified", "Mon, 12 Jul 2021 01:53:24 GMT")
            if self.headers.get("If-None-Match") == etag:
                with site._lock:
                    site.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(resp.body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")


class DemoSite:
    """One running simulated site (public face of a :class:`SiteBase`)."""

    def __init__(self, impl: SiteBase, host: str, port: int, chaos: Chaos | None = None) -> None:
        self.impl = impl
        self.chaos = chaos
        self.key = impl.key
        self.name = impl.name
        self.host = host
        self.port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def column_urls(self) -> list[str]:
        """Absolute URLs of the first list page of every column, news column first."""
        return [self.base_url + p for p in self.impl.column_paths()]

    @property
    def disallowed_hits(self) -> int:
        """Number of requests to paths disallowed by this site's robots.txt."""
        return self.impl.disallowed_hits

    @property
    def hits(self) -> dict[str, int]:
        """Request count per path."""
        return dict(self.impl.hits)

    def edit_article(self, url: str, paragraph: str) -> None:
        """Edit the article at ``url``: its page gains ``paragraph`` (and so does its truth)."""
        path = url[len(self.base_url):] if url.startswith(self.base_url) else url
        for col in self.impl.columns:
            for art in col.articles:
                if self.impl.article_path(col, art) == path:
                    self.impl.edit(art.uid, paragraph)
                    return
        raise KeyError(url)

    @property
    def requests(self) -> int:
        """All requests this site answered."""
        return sum(self.impl.hits.values())

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.base_url + path

    def start(self) -> None:
        """Bind (falling back to 127.0.0.1 if the loopback alias is unavailable) and serve."""
        try:
            server = _Server((self.host, self.port), _Handler)
        except OSError as exc:
            if exc.errno != errno.EADDRNOTAVAIL or self.port:
                raise
            self.host = "127.0.0.1"
            server = _Server((self.host, self.port), _Handler)
        server.site = self.impl
        server.chaos = self.chaos
        self.port = server.server_address[1]
        self.impl.base_url = self.base_url
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=f"demoweb-{self.key}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Shut the server down and close its socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


class DemoWeb:
    """The demo sites, each on its own loopback host.

    ``port=0`` lets every server pick a free ephemeral port; a fixed port is
    used on every host.  ``articles_per_column`` scales the news columns.  ``chaos`` (a
    :class:`demoweb.chaos.Chaos`) injects deterministic faults; None serves every page faithfully.
    ``full_pages`` wraps every page in full-weight portal furniture (:mod:`demoweb.furniture`).
    ``js_site`` adds the fourth site, "jsapi" (127.0.0.14), whose lists and homepage boxes are rendered by
    JavaScript from data endpoints (:mod:`demoweb.sites.jsapi`); it is opt-in until the crawler reads such
    lists, so ``start_urls()`` of a default DemoWeb stays what every end-to-end test crawls.
    """

    def __init__(self, port: int = 0, articles_per_column: int | None = None,
                 chaos: Chaos | None = None, full_pages: bool = False, js_site: bool = False) -> None:
        self.port = port
        self.chaos = chaos
        classes = SITE_CLASSES + ((JS_SITE_CLASS,) if js_site else ())
        self.sites: list[DemoSite] = [
            DemoSite(cls(articles_per_column), HOSTS[cls.key], port, chaos) for cls in classes
        ]
        for s in self.sites:
            s.impl.full_pages = full_pages
        self.running = False

    def start(self) -> DemoWeb:
        """Start all servers (idempotent); returns self."""
        if not self.running:
            try:
                for s in self.sites:
                    s.start()
            except Exception:
                self.stop()
                raise
            self.running = True
        return self

    def stop(self) -> None:
        """Stop all servers."""
        for s in self.sites:
            s.stop()
        self.running = False

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def site(self, key: str) -> DemoSite:
        """Site by key ("trs", "hanweb", "aspx", and "jsapi" when enabled)."""
        for s in self.sites:
            if s.key == key:
                return s
        raise KeyError(key)

    def start_urls(self) -> list[str]:
        """All column URLs of all sites."""
        return [u for s in self.sites for u in s.column_urls]

    def non_article_urls(self) -> list[str]:
        """Existing pages that are not articles: home/about/service pages, all list pages, attachments.

        For hanweb the list pages are the column pages plus the GET form of the
        data proxy (``dataproxy.jsp?page=N&…``, webname percent-encoded in UTF-8).
        """
        out: list[str] = []
        for s in self.sites:
            impl = s.impl
            out += [s.url(p) for p in impl.page_paths()]
            for col in impl.columns:
                out += [s.url(p) for p in impl.list_paths(col)]
            out += [s.url(p) for p in impl.attachments]
        return out

    def dead_urls(self) -> list[str]:
        """URLs linked from list pages that answer 404."""
        return [s.url(p) for s in self.sites for p in s.impl.dead_paths()]
