"""The government page-metadata tags (政府网站 meta 规范), read case-insensitively.

Real pages write ``SiteName``, ``Sitename``, ``contentSource``, ``pubdate``, ``Maketime``…; we map every
spelling to one canonical key and drop empty values and obvious placeholders.
"""

from __future__ import annotations

from lxml import html as lhtml

CANONICAL = {
    "sitename": "SiteName",
    "sitedomain": "SiteDomain",
    "siteidcode": "SiteIDCode",
    "columnname": "ColumnName",
    "columntype": "ColumnType",
    "columndescription": "ColumnDescription",
    "columnkeywords": "ColumnKeywords",
    "articletitle": "ArticleTitle",
    "pubdate": "PubDate",
    "maketime": "Maketime",
    "firstpublishedtime": "FirstPublishedTime",
    "publishdate": "PubDate",
    "publishtime": "PubDate",
    "contentsource": "ContentSource",
    "keywords": "Keywords",
    "author": "Author",
    "description": "Description",
    "image": "Image",
    "url": "Url",
    "og:title": "og:title",
}


def gov_meta(doc: lhtml.HtmlElement) -> dict[str, str]:
    """Canonical-key → value for the government meta tags present with a non-empty value.

    The first non-empty occurrence wins (some templates repeat the block).
    """
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        name = (el.get("name") or el.get("property") or "").strip().lower()
        key = CANONICAL.get(name)
        if not key or key in out:
            continue
        value = " ".join((el.get("content") or "").split())
        if value:
            out[key] = value
    return out
