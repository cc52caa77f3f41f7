"""police-archive demo web: three simulated Chinese police websites on loopback hosts.

Usage::

    from demoweb import DemoWeb, ground_truth

    with DemoWeb(port=0) as web:
        urls = web.start_urls()
        truth = ground_truth(web)

Sites: "trs" (TRS WCM static, UTF-8, 127.0.0.11), "hanweb" (Hanweb JCMS, GBK,
127.0.0.12, data-proxy pagination, one article with a data table) and "aspx"
(query-string, table layout, 127.0.0.13, tracking params, pinned item, dead links,
robots.txt-disallowed print/search pages).  All texts are generated
deterministically from templates in :mod:`demoweb.content`.
"""

from demoweb.server import DemoSite, DemoWeb
from demoweb.truth import TruthArticle, ground_truth, iter_truth

__all__ = ["DemoSite", "DemoWeb", "TruthArticle", "ground_truth", "iter_truth"]
