"""The three simulated site implementations (TRS, Hanweb, ASPX)."""

from demoweb.sites.aspx import AspxSite
from demoweb.sites.base import SiteBase
from demoweb.sites.hanweb import HanwebSite
from demoweb.sites.trs import TrsSite

SITE_CLASSES: tuple[type[SiteBase], ...] = (TrsSite, HanwebSite, AspxSite)

__all__ = ["SITE_CLASSES", "AspxSite", "HanwebSite", "SiteBase", "TrsSite"]
