"""Common machinery of a simulated site: requests, responses, routing, counters."""

from __future__ import annotations

import html
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from demoweb.content import SEED_ARTICLE_FIGURES
from demoweb.facts import Locale
from demoweb.furniture import dress
from demoweb.model import ArticleMeta, Column, ColumnSpec, article_blocks, build_column, paragraphs

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def esc(text: str) -> str:
    """HTML-escape text (quotes included)."""
    return html.escape(text, quote=True)


@dataclass
class Request:
    """A parsed HTTP request as seen by a site."""

    method: str
    path: str
    query: dict[str, list[str]]
    raw_query: str = ""
    form: dict[str, list[str]] = field(default_factory=dict)
    #: request headers, names in lower case (a data endpoint may check ``x-requested-with``)
    headers: dict[str, str] = field(default_factory=dict)

    def arg(self, name: str, default: str = "") -> str:
        """First value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    """What the HTTP handler writes back."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Truth:
    """Site-level ground truth of one article (URLs still relative to the site root)."""

    column_name: str
    path: str
    title: str
    published_at: str
    source: str
    paragraphs: tuple[str, ...]
    attachments: tuple[tuple[str, str], ...]
    #: annotated statistics (see demoweb.content.SEED_ARTICLE_FIGURES), None when not annotated
    figures: tuple[tuple, ...] | None = None
    #: how a crawler can reach the article from its column (see :data:`demoweb.truth.READ_BY`)
    read_by: tuple[str, ...] = ("html",)


class SiteBase:
    """Base class of the three simulated sites.

    Subclasses define the column specs, the URL scheme and the page templates.
    """

    key = ""
    name = ""
    locale: Locale
    encoding = "utf-8"
    html_content_type = "text/html; charset=utf-8"
    server_header = "nginx"
    #: static-file servers (nginx in front of TRS) send ETag/Last-Modified and answer 304
    send_validators = False
    disallow: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: wrap pages in full-weight portal furniture (demoweb.furniture), as real portals send them
    full_pages = False

    def __init__(self, articles_per_column: int | None = None) -> None:
        used: set[str] = set()
        self.columns: list[Column] = [
            build_column(self.key, self.locale, spec, self.sources, used)
            for spec in self.column_specs(articles_per_column)
        ]
        self.by_uid: dict[int, tuple[Column, ArticleMeta]] = {
            a.uid: (col, a) for col in self.columns for a in col.articles
        }
        self.attachments: dict[str, tuple[Column, ArticleMeta]] = {}
        for col in self.columns:
            for a in col.articles:
                if a.attachment:
                    self.attachments[self.attachment_path(col, a)] = (col, a)
        self.base_url = ""
        self.hits: Counter[str] = Counter()
        self.disallowed_hits = 0
        self.not_modified = 0
        self._lock = threading.Lock()
        #: uid → paragraph appended by :meth:`edit` (an article edited after publication)
        self.edits: dict[int, str] = {}

    # ---- to be provided by subclasses -------------------------------------------------
    def column_specs(self, articles_per_column: int | None) -> list[ColumnSpec]:
        """The columns of the site, news column first."""
        raise NotImplementedError

    def list_paths(self, col: Column) -> list[str]:
        """Paths of all list (pagination) pages of a column, first page first."""
        raise NotImplementedError

    def article_path(self, col: Column, art: ArticleMeta) -> str:
        """Canonical path (with query) of an article."""
        raise NotImplementedError

    def attachment_path(self, col: Column, art: ArticleMeta) -> str:
        """Path of the attachment file of an article that has one."""
        raise NotImplementedError

    def page_paths(self) -> list[str]:
        """Homepage, about page and service pages."""
        raise NotImplementedError

    def published_at(self, dt: datetime) -> str:
        """ISO string at the precision the article page shows."""
        raise NotImplementedError

    def route(self, req: Request) -> Response | None:
        """Answer a request, or None for 404."""
        raise NotImplementedError

    def read_by(self, col: Column) -> tuple[str, ...]:
        """How the articles of ``col`` can be reached from its list page (:data:`demoweb.truth.READ_BY`)."""
        return ("html",)

    def asset(self, path: str) -> Response | None:
        """A static file (script, style sheet) the site serves itself, or None for the generic stand-ins."""
        return None

    def not_found_html(self) -> str:
        """Body of the 404 page."""
        return (
            f"<html><head><title>404 页面不存在_{self.name}</title></head><body>"
            f"<h2>404</h2><p>抱歉，您访问的页面不存在或已被删除。</p><p><a href=\"/\">返回首页</a></p></body></html>"
        )

    # ---- shared -----------------------------------------------------------------------
    def dead_paths(self) -> list[str]:
        """Paths linked from list pages that answer 404."""
        return []

    def column_paths(self) -> list[str]:
        """First list page of each column."""
        return [self.list_paths(col)[0] for col in self.columns]

    def robots_txt(self) -> str:
        """Contents of /robots.txt."""
        lines = ["User-agent: *"] + [f"Disallow: {p}" for p in self.disallow]
        if not self.disallow:
            lines.append("Disallow:")
        return "\n".join(lines) + "\n"

    def html(self, text: str, status: int = 200, content_type: str | None = None) -> Response:
        """Encode an HTML page in the site encoding (inside the portal furniture with ``full_pages``)."""
        if self.full_pages and status == 200 and (content_type is None or content_type.startswith("text/html")):
            text = dress(text, self.name)
        return Response(status, content_type or self.html_content_type, text.encode(self.encoding))

    def blocks(self, col: Column, art: ArticleMeta) -> tuple:
        """Body blocks of an article (with the paragraph added by an edit, if any)."""
        blocks = article_blocks(art, self.locale, col.spec)
        extra = self.edits.get(art.uid)
        return (*blocks, extra) if extra else blocks

    def edit(self, uid: int, paragraph: str) -> None:
        """Edit a published article: append a paragraph (as sites do with 更正/补充说明)."""
        self.edits[uid] = paragraph

    def footer_lines(self) -> list[str]:
        """Footer text lines (escaped HTML)."""
        loc = self.locale
        return [
            f"版权所有：{esc(loc.bureau)}&nbsp;&nbsp;主办单位：{esc(loc.bureau)}",
            f"地址：{esc(loc.address)}&nbsp;&nbsp;电话：{esc(loc.phone)}",
            f'<a href="https://beian.miit.gov.cn/" target="_blank">{esc(loc.icp)}</a>&nbsp;&nbsp;'
            f"{esc(loc.beian_prefix)} {loc.beian}号&nbsp;&nbsp;网站标识码：{loc.site_code}",
        ]

    def truth(self) -> list[Truth]:
        """Ground truth of all articles, column by column, newest first."""
        out: list[Truth] = []
        for col in self.columns:
            for art in col.articles:
                atts: tuple[tuple[str, str], ...] = ()
                if art.attachment:
                    atts = ((self.attachment_path(col, art), art.attachment),)
                figures = SEED_ARTICLE_FIGURES if art.special == "seed" else None
                out.append(Truth(col.name, self.article_path(col, art), art.title, self.published_at(art.published),
                                 art.source, paragraphs(self.blocks(col, art)), atts, figures, self.read_by(col)))
        return out

    def handle(self, req: Request) -> Response:
        """Entry point used by the HTTP handler."""
        with self._lock:
            self.hits[req.path] += 1
            if any(req.path.startswith(p) for p in self.disallow):
                self.disallowed_hits += 1
        if req.path == "/robots.txt":
            return Response(200, "text/plain", self.robots_txt().encode("ascii"))
        if req.path in self.attachments:
            return Response(200, "application/pdf", PDF_BYTES)
        asset = self.asset(req.path)
        if asset is not None:
            return asset
        if req.path.endswith(".css"):
            return Response(200, "text/css", b"body{font-size:14px;}\n")
        if req.path.endswith(".js") and not req.path.startswith("/art/"):
            return Response(200, "application/javascript", b"/* static */\n")
        resp = self.route(req)
        if resp is None:
            return self.html(self.not_found_html(), 404)
        return resp
