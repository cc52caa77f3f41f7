"""The simulated site implementations: TRS, Hanweb and ASPX (the default demo web) and the opt-in JS-API site."""

from demoweb.sites.aspx import AspxSite
from demoweb.sites.base import SiteBase
from demoweb.sites.hanweb import HanwebSite
from demoweb.sites.jsapi import JsApiSite
from demoweb.sites.trs import TrsSite

SITE_CLASSES: tuple[type[SiteBase], ...] = (TrsSite, HanwebSite, AspxSite)
#: the site whose lists are rendered by JavaScript; served only with ``DemoWeb(js_site=True)``
JS_SITE_CLASS: type[SiteBase] = JsApiSite

__all__ = ["JS_SITE_CLASS", "SITE_CLASSES", "AspxSite", "HanwebSite", "JsApiSite", "SiteBase", "TrsSite"]
