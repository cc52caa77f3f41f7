"""Pure page understanding: bytes + URL in, records out. No Scrapy, no SQL.

The public entry points are :func:`extract.article.extract_article` for article pages and
:func:`extract.listing.parse_list_page` for column (栏目) list pages.
"""

from extract.article import Article, extract_article
from extract.encoding import DecodeError, decode_html
from extract.listing import FollowRequest, ListPage, parse_list_page

__all__ = [
    "Article",
    "DecodeError",
    "FollowRequest",
    "ListPage",
    "decode_html",
    "extract_article",
    "parse_list_page",
]
