"""Which government CMS produced a page, from signatures every site of that family carries."""

from __future__ import annotations

import re

#: matched against the lower-cased page: one lower() and case-sensitive patterns cost a third of re.I
_SIGNATURES: list[tuple[str, re.Pattern[str]]] = [
    ("hanweb", re.compile(r"<meta\s+name=[\"']?contentstart|/module/web/jpage/|大汉版通|hanweb|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+|/col/col\d+/")),
    ("trs", re.compile(r"trs_editor|trs_editor_view|trs_ueditor|createpagehtml|ta\.trs\.cn|/t\d{8}_\d+\.s?html?")),
    ("ucap", re.compile(r"ucap-content|ucapcms|开普云|ucap")),
    ("nfcms", re.compile(r"nfcms|content_post_\d+|/gkmlpt/")),
    ("epoint", re.compile(r"epoint|ewb-|新点软件")),
]


def detect_cms(html: str, url: str = "") -> str:
    """One of ``trs``, ``hanweb``, ``ucap``, ``nfcms``, ``epoint`` or ``unknown``."""
    sample = (html if len(html) < 400_000 else html[:200_000] + html[-200_000:]).lower()
    url = url.lower()
    for name, pat in _SIGNATURES:
        if pat.search(sample) or pat.search(url):
            return name
    return "unknown"
