"""Article page → :class:`Article` record: body, title, time, source, site, column, codes, attachments."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lhtml

from extract import info
from extract.body import ATTACHMENT_EXT, extract_body
from extract.cms import detect_cms
from extract.dates import date_from_url, day_of, parse_date
from extract.encoding import DecodeError, decode_html
from extract.govinfo import info_fields
from extract.htmltext import normalize_space, parse_document
from extract.meta import gov_meta
from extract.metrics import extract_metrics
from extract.org import reporting_org
from extract.pubdate import visible_date
from extract.region import decode_region
from extract.title import clean_title, site_name_in, site_strength


@dataclass
class Article:
    url: str
    title: str | None
    published_at: str | None
    source: str | None
    site_name: str | None
    column_name: str | None
    text: str
    content_hash: str
    cms: str
    encoding: str
    body_method: str
    author: str | None = None
    site_code: str | None = None
    icp: str | None = None
    beian: str | None = None
    #: every date the page offers, by origin: visible, meta, url
    date_candidates: dict[str, str] = field(default_factory=dict)
    #: True when the visible date and the meta PubDate disagree on the day
    date_conflict: bool = False
    attachments: list[dict[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    #: every statistic of the body (see :mod:`extract.metrics`), as dicts
    metrics: list[dict] = field(default_factory=list)
    #: the sponsoring government, decoded from 网站标识码 / 公网安备 / ICP / site name (see extract.region)
    region_code: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_source: str | None = None
    region_conflicts: list[str] = field(default_factory=list)
    #: 信息公开 fields (索引号, 发文机关, 文号, 成文日期 …) when the page has such a table
    info_fields: dict[str, str] = field(default_factory=dict)
    #: images in the body with their captions: {"url", "caption"}
    images: list[dict[str, str]] = field(default_factory=list)
    #: the organisation whose figures the article reports (see extract.org) and its region code
    org: str | None = None
    org_region_code: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def content_hash(text: str) -> str:
    """SHA-256 of the body text: equal hashes mean equal articles, whatever the page furniture."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _choose_date(visible: str | None, meta: str | None, url_date: str | None) -> tuple[str | None, bool]:
    """The documented rule: the visible date wins; a meta date on the same day may add precision.

    Returns (published_at, conflict). A conflict is a visible and a meta date on different days; the
    visible one is kept because CMSes rewrite PubDate when they regenerate pages.
    """
    if visible and meta:
        if day_of(visible) == day_of(meta):
            return (meta if len(meta) > len(visible) else visible), False
        return visible, True
    if visible or meta:
        return visible or meta, False
    if url_date and len(url_date) == 10:
        return url_date, False
    return None, False


def _meta_title(raw: str | None, cleaning: dict) -> str | None:
    """The ``ArticleTitle`` meta, cleaned; None when a template filled it with the site's or the column's
    name instead of the article's title (the headline rules then decide)."""
    title = clean_title(raw, **cleaning)
    if not title or site_strength(title, cleaning["site_names"]) == 2 or title in cleaning["column_names"]:
        return None
    return title


def _parse(html: str) -> lhtml.HtmlElement:
    try:
        doc = parse_document(html)
    except (etree.ParserError, ValueError):
        doc = parse_document(f"<html><body>{html}</body></html>")
    return doc


def extract_article(body: bytes, url: str, content_type: str | None = None, *, body_xpath: str | None = None,
                    title_xpath: str | None = None) -> Article:
    """Extract one article page. Raises :class:`DecodeError` for bytes that are not decodable text, and
    for pages so malformed that parsing fails (a hostile URL, absurd nesting): a recorded rejection, never
    a crash of the crawl."""
    try:
        return _extract_article(body, url, content_type, body_xpath=body_xpath, title_xpath=title_xpath)
    except DecodeError:
        raise
    except (ValueError, RecursionError, etree.LxmlError, UnicodeError, OverflowError) as exc:
        raise DecodeError(f"unparseable page ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})") from exc


def _extract_article(body: bytes, url: str, content_type: str | None = None, *, body_xpath: str | None = None,
                     title_xpath: str | None = None) -> Article:
    """Extract one article page. Raises :class:`DecodeError` for bytes that are not decodable text.

    ``body_xpath`` / ``title_xpath`` override the generic rules for a site where they fail (sites file).
    """
    decoded = decode_html(body, content_type)
    html = decoded.text
    if not html.strip():
        raise DecodeError("empty page")
    doc = _parse(html)
    meta = gov_meta(doc)
    title_el = doc.find(".//title")
    title_tag = normalize_space(title_el.text_content()) if title_el is not None else None
    lines = info.page_lines(doc)
    codes = info.footer_codes(lines)
    # the site's own statements of its name and column: what a title is cleaned of (extract.title)
    site_names = [n for n in (meta.get("SiteName"), codes.get("owner")) if n]
    column = meta.get("ColumnName") or info.breadcrumb_column(lines)
    headings = info.heading_elements(doc)
    heads = [text for text, _ in headings]
    title = None
    if title_xpath:
        found = doc.xpath(title_xpath)
        if found:
            title = normalize_space(found[0].text_content() if isinstance(found[0], etree._Element) else str(found[0]))
    cleaning = {"site_names": site_names, "column_names": [column] if column else [], "headlines": heads}
    title = clean_title(title, **cleaning) or _meta_title(meta.get("ArticleTitle"), cleaning) \
        or clean_title(info.headline(doc, title_tag, site_names, heads, lines), **cleaning)

    b = extract_body(doc, html, url, title, body_xpath=body_xpath)
    visible = visible_date(doc, lines, title, b.paragraphs, b.node, headings)
    meta_date = parse_date(meta.get("PubDate") or meta.get("FirstPublishedTime") or meta.get("Maketime"))
    url_date = date_from_url(url)
    published_at, conflict = _choose_date(visible, meta_date, url_date)
    candidates = {k: v for k, v in (("visible", visible), ("meta", meta_date), ("url", url_date)) if v}

    site_name = meta.get("SiteName") or codes.get("owner") or (site_name_in(title_tag) if title_tag else None)

    attachments = []
    seen: set[str] = set()
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if href and ATTACHMENT_EXT.search(href):
            try:
                absu = urljoin(url, href)
            except ValueError:
                continue  # one malformed link (e.g. "http://[::1/x.pdf") does not cost the page
            if absu not in seen:
                seen.add(absu)
                name = normalize_space(a.text_content()) or absu.rsplit("/", 1)[-1]
                attachments.append({"url": absu, "name": name, "type": ATTACHMENT_EXT.search(href).group(1).lower()})

    region = decode_region(meta.get("SiteIDCode"), codes.get("site_code"), codes.get("beian"), codes.get("icp"),
                           site_name)
    images = []
    for src, cap in b.images:
        try:
            images.append({"url": urljoin(url, src), "caption": cap})
        except ValueError:
            continue
    text = "\n".join(b.paragraphs)
    metrics = [m.to_dict() for m in extract_metrics(text, published_at, title)]
    # the visible 来源 line wins over the ContentSource meta, as the visible date does over PubDate
    source = info.visible_source(lines) or meta.get("ContentSource")
    reporter = reporting_org(source, site_name, text, region.code)
    return Article(
        url=url,
        title=title,
        published_at=published_at,
        source=source,
        site_name=site_name,
        column_name=column,
        text=text,
        content_hash=content_hash(text),
        cms=detect_cms(html, url),
        encoding=decoded.encoding,
        body_method=b.method,
        # the visible byline first: many CMSes fill <meta name="Author"> with the site's or the editor account's name
        author=info.visible_author(lines) or meta.get("Author"),
        site_code=meta.get("SiteIDCode") or codes.get("site_code"),
        icp=codes.get("icp"),
        beian=codes.get("beian"),
        date_candidates=candidates,
        date_conflict=conflict,
        attachments=attachments,
        meta=meta,
        metrics=metrics,
        region_code=region.code,
        province=region.province,
        city=region.city,
        county=region.county,
        region_source=region.source,
        region_conflicts=list(region.conflicts),
        info_fields=info_fields(doc),
        images=images,
        org=reporter.org,
        org_region_code=reporter.region_code,
    )
