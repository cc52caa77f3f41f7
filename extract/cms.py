"""Which government CMS produced a page, from signatures every site of that family carries."""

from __future__ import annotations

import re

_SIGNATURES: list[tuple[str, re.Pattern[str]]] = [
    ("hanweb", re.compile(r"<meta\s+name=[\"']?ContentStart|/module/web/jpage/|大汉版通|hanweb|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+|/col/col\d+/", re.I)),
    ("trs", re.compile(r"TRS_Editor|trs_editor_view|TRS_UEDITOR|createPageHTML|ta\.trs\.cn|/t\d{8}_\d+\.s?html?", re.I)),
    ("ucap", re.compile(r"UCAP-CONTENT|ucapCms|开普云|ucap", re.I)),
    ("nfcms", re.compile(r"nfcms|content_post_\d+|/gkmlpt/", re.I)),
    ("epoint", re.compile(r"epoint|ewb-|新点软件", re.I)),
]


def detect_cms(html: str, url: str = "") -> str:
    """One of ``trs``, ``hanweb``, ``ucap``, ``nfcms``, ``epoint`` or ``unknown``."""
    sample = html if len(html) < 400_000 else html[:200_000] + html[-200_000:]
    for name, pat in _SIGNATURES:
        if pat.search(sample) or pat.search(url):
            return name
    return "unknown"
