"""Ground truth of the demo web: what a perfect crawler + extractor should archive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demoweb.server import DemoWeb


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
            )


def ground_truth(web: DemoWeb) -> list[TruthArticle]:
    """All articles of every column of every site (start the web first for real ports)."""
    return list(iter_truth(web))
