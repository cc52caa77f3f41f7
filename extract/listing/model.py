"""What a list page yields: article links, further requests for the crawler, and a browser request.

This is the contract between :func:`extract.parse_list_page` (pure) and the spider (which fetches).
The spider fetches every :class:`FollowRequest` as described and passes the response back to
``parse_list_page(body, url, content_type, context=request.context)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.listing.links import ArticleLink

#: kinds of follow requests
LIST, API, SCRIPT = "list", "api", "script"


@dataclass(frozen=True)
class FollowRequest:
    """A further request of the list.

    ``kind`` says what the answer is: ``list`` an HTML list page (or Hanweb datastore), ``api`` a data
    endpoint answer (JSON, JSONP, XML or an HTML fragment) of a list rendered by script, ``script`` an
    external script of the list page that may hold the endpoint. The crawler sends ``method`` to ``url``
    with ``formdata`` (form-encoded POST) or ``body`` (text, UTF-8 on the wire; a JSON or raw POST) and
    ``headers`` added to its own, and hands the answer back with ``context`` unchanged.
    """

    url: str
    method: str = "GET"
    formdata: tuple[tuple[str, str], ...] | None = None
    family: str = "generic"
    #: position of the page in its list (page number or first record); newest content comes first
    order: int = 0
    #: what makes two requests the same list page when their URL and form do not (ASP.NET postbacks carry
    #: each page's own __VIEWSTATE; JSON POSTs differ only in their body); None = the URL and form data
    key: str | None = None
    kind: str = LIST
    #: request headers the page's script sets (X-Requested-With, Content-Type …), in addition to the crawler's
    headers: tuple[tuple[str, str], ...] = ()
    #: a raw request body (JSON POST); None when there is none or when ``formdata`` carries the form
    body: str | None = None
    #: opaque, small, JSON text: passed back to parse_list_page with the answer (None for plain list pages)
    context: str | None = None


@dataclass
class ListPage:
    families: list[str] = field(default_factory=list)
    articles: list[ArticleLink] = field(default_factory=list)
    follow: list[FollowRequest] = field(default_factory=list)
    #: a list page that its scripts render and whose data request could not be derived: the crawler
    #: renders this URL in a headless browser (None = not needed)
    browser_url: str | None = None

    @property
    def needs_browser(self) -> bool:
        return self.browser_url is not None
