"""TRS WCM static lists: ``index.html``, ``index_1.html`` … announced only by a script call.

TRS writes ``createPageHTML(12, 0, "index", "html")`` (page count, current index, base name, extension);
variants name the function ``createPage``/``createPageHtml``, pass ``shtml``, add an element id first or
a record count last, or pass variables (``var countPage = 12;``) instead of literals. We collect the call's
arguments, resolve variables from ``var`` assignments in the page, then read the first two integers as
(count, current) and the string before the extension as the base name.

The older TRS template has no such call: it assigns ``var countPage = 12//共多少页`` (often without a
semicolon, a comment after the value) and writes the pager itself with
``document.write("<a href='index_" + nextPage + ".shtml'>下一页</a>")``. We read the count from the
variable and the base name and extension from that concatenation.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

_CALL = re.compile(r"\bcreatePage(?:HTML|Html|html)?\s*\(([^()]*)\)")
_VAR = re.compile(r"\b(?:var|let|const)?\s*([A-Za-z_$][\w$]*)\s*=\s*(\"[^\"]*\"|'[^']*'|-?[0-9]+)[ \t]*(?:[;,\n]|//)")
#: the page-count variable of the classic template (and of its copies in other CMSs)
_COUNT_VARS = ("countPage", "pageCount", "totalPage", "totalPages", "pageTotal")
#: ``"index_" + nextPage + ".shtml"``: the numbered file name the template writes
_CONCAT = re.compile(r"_[\"']\s*\+[^\"'\n]{1,40}\+\s*[\"']\.(s?html?|jsp|php)\b")
_NAME_BEFORE = re.compile(r"[\w.-]{1,60}$")
_EXT = {"html", "shtml", "htm", "jsp", "php"}


def _args(raw: str, env: dict[str, str]) -> list[str | int]:
    out: list[str | int] = []
    for tok in (t.strip() for t in raw.split(",")):
        tok = env.get(tok, tok)
        if re.fullmatch(r"-?[0-9]{1,9}", tok):
            out.append(int(tok))
        elif len(tok) >= 2 and tok[0] in "\"'" and tok[-1] == tok[0]:
            out.append(tok[1:-1])
        else:
            out.append(tok)
    return out


def pagination(html: str, url: str, max_pages: int = 10_000) -> list[str]:
    """Absolute URLs of every page of the list, or [] when the page has no TRS pager call."""
    env = {m.group(1): m.group(2) for m in _VAR.finditer(html)}
    for m in _CALL.finditer(html):
        args = _args(m.group(1), env)
        ints = [a for a in args if isinstance(a, int)]
        strs = [a for a in args if isinstance(a, str) and not a.startswith(("_", "$"))]
        ext_i = next((i for i, s in enumerate(strs) if s.lower().lstrip(".") in _EXT), None)
        if len(ints) < 1 or ext_i is None or ext_i == 0:
            continue
        count = ints[0]
        name, ext = strs[ext_i - 1], strs[ext_i].lstrip(".")
        if not re.fullmatch(r"[\w.-]+", name) or count < 1:
            continue
        count = min(count, max_pages)
        return _pages(url, name, ext, count, max_pages)
    return _classic(html, url, env, max_pages)


def _pages(url: str, name: str, ext: str, count: int, max_pages: int) -> list[str]:
    count = min(count, max_pages)
    return [urljoin(url, f"{name}.{ext}")] + [urljoin(url, f"{name}_{i}.{ext}") for i in range(1, count)]


def _classic(html: str, url: str, env: dict[str, str], max_pages: int) -> list[str]:
    """Pages of the classic template: a count variable and a ``"name_" + n + ".ext"`` pager link."""
    raw = next((env[v] for v in _COUNT_VARS if v in env), None)
    if raw is None or not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        return []
    for m in _CONCAT.finditer(html):
        # the base name is read backwards from the "_" (a forward scan of long words would be slow)
        name = _NAME_BEFORE.search(html, max(0, m.start() - 60), m.start())
        if name:
            return _pages(url, name.group(0), m.group(1), int(raw), max_pages)
    return []
