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

#: publish-time tags of the wider web (Open Graph, schema.org, Dublin Core): read as ``PubDate`` only when
#: the page has no government tag for it, since a CMS that writes both fills ours first
FALLBACK = {
    "article:published_time": "PubDate",
    "og:article:published_time": "PubDate",
    "og:release_date": "PubDate",
    "datepublished": "PubDate",
    "dc.date.issued": "PubDate",
    "dcterms.issued": "PubDate",
}


def gov_meta(doc: lhtml.HtmlElement) -> dict[str, str]:
    """Canonical-key → value for the government meta tags present with a non-empty value.

    The first non-empty occurrence wins (some templates repeat the block); the :data:`FALLBACK` tags
    (``article:published_time``, ``itemprop="datePublished"`` …) fill a key only when no government tag does.
    """
    out: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for el in doc.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        key, target = CANONICAL.get(name), out
        if not key:
            key, target = FALLBACK.get(name), fallback
        if not key or key in target:
            continue
        value = " ".join((el.get("content") or "").split())
        if value:
            target[key] = value
    if any(k in out for k in ("FirstPublishedTime", "Maketime")):
        fallback.pop("PubDate", None)  # the government's own time tags outrank the wider web's
    return fallback | out
