"""Ground truth of the demo web: what a perfect crawler + extractor should archive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demoweb.server import DemoWeb

#: The ways a crawler can reach an article from its column's list page, as named in ``TruthArticle.read_by``:
#: "html" — the links are in what the list pages serve, read without running scripts (plain links,
#: ``createPageHTML`` page counts, Hanweb's datastore and ``dataproxy.jsp``: the families the crawler knows);
#: "endpoint" — the list page's own script names a data endpoint (URL, method, parameters in the page) that a
#: crawler can request as the script would, without running it; "browser" — rendering the list page in a
#: browser and clicking its pager shows the links. An article whose ``read_by`` lacks "endpoint" and "html"
#: can only be reached by executing the page's scripts (e.g. requests signed by a function in a script file).
READ_BY = ("html", "endpoint", "browser")


@dataclass(frozen=True)
class TruthArticle:
    """One article as a reader sees it."""

    site_key: str
    site_name: str
    column_name: str
    url: str  # canonical absolute URL as linked from the list page, no tracking params
    title: str
    published_at: str  # ISO 8601 at the precision shown on the page
    source: str
    paragraphs: tuple[str, ...]
    attachments: tuple[tuple[str, str], ...]  # (absolute url, link name)
    #: annotated statistics: (span, indicator, value, unit, approximate, change_basis, change_direction,
    #: change_value, change_unit, period_text); None when the article's figures are not annotated
    figures: tuple[tuple, ...] | None = None
    #: how a crawler can reach the article from its column (see :data:`READ_BY`)
    read_by: tuple[str, ...] = ("html",)

    @property
    def text(self) -> str:
        """Body paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)


def iter_truth(web: DemoWeb) -> Iterator[TruthArticle]:
    """Yield the truth site by site, column by column, newest first."""
    for site in web.sites:
        for t in site.impl.truth():
            yield TruthArticle(
                site_key=site.key,
                site_name=site.name,
                column_name=t.column_name,
                url=site.url(t.path),
                title=t.title,
                published_at=t.published_at,
                source=t.source,
                paragraphs=t.paragraphs,
                attachments=tuple((site.url(u), name) for u, name in t.attachments),
                figures=t.figures,
                read_by=t.read_by,
            )


def ground_truth(web: DemoWeb) -> list[TruthArticle]:
    """All articles of every column of every site (start the web first for real ports)."""
    return list(iter_truth(web))
