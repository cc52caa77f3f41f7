"""Pagers whose anchors call a script: ``<a href="javascript:goPage(3)">3</a>``.

Many government CMS templates (and hand-made JSP/ASP pages) write their pager as calls to a small
function and build the page URL inside it, either by concatenation
(``location.href = "list_" + pno + ".html"``, ``"list.jsp?pageNo=" + (n - 1) + "&cid=7"``, a variable as
the prefix) or from a template string with a placeholder (``tpl.replace("{page}", n)``). We find the
function's definition in the page, read its first such expression, and evaluate it for the page number
the anchor passes. Anything else (AJAX loaders, form posts, ``__doPostBack``) resolves to nothing: we
never guess a URL the page does not spell out.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

_CALL = re.compile(r"^javascript:\s*([A-Za-z_$][\w$.]{0,60}?)\s*\(\s*['\"]?(-?[0-9]{1,6})['\"]?\s*(?:,[^()]{0,80})?\)\s*;?\s*$")
_STR = r"(?:\"([^\"\n]{0,300})\"|'([^'\n]{0,300})'|([A-Za-z_$][\w$]{0,60}))"
#: a navigation to a literal URL in a handler: location.href = '…', window.open('…'), location.replace('…')
_NAVIGATE = re.compile(r"(?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation\s*(?:\.\s*href\s*)?=\s*(['\"])(?P<a>[^'\"]{1,500})\1"
                       r"|(?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation\s*\.\s*(?:replace|assign)\s*\(\s*(['\"])(?P<b>[^'\"]{1,500})\3"
                       r"|\bwindow\s*\.\s*open\s*\(\s*(['\"])(?P<c>[^'\"]{1,500})\5")
_VAR = re.compile(r"\b([A-Za-z_$][\w$]{0,60})\s*=\s*(?:\"([^\"\n]{0,300})\"|'([^'\n]{0,300})')")
#: the most script text read after a function's opening brace
_BODY = 800
#: the most distinct pager functions looked up on one page (each lookup scans the page once)
_MAX_FUNCTIONS = 8


def _first(*groups: str | None) -> str | None:
    return next((g for g in groups if g is not None), None)


class Resolver:
    """Turns ``javascript:fn(N)`` hrefs of one page into URLs (one scan of the page per function name)."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url
        self._fns: dict[str, tuple[str, str] | None] = {}
        self._vars: dict[str, str] | None = None

    def _var(self, name: str) -> str | None:
        if self._vars is None:
            self._vars = {}
            for m in _VAR.finditer(self.html):
                self._vars.setdefault(m.group(1), _first(m.group(2), m.group(3)) or "")
        return self._vars.get(name)

    def _function(self, name: str) -> tuple[str, str] | None:
        """(parameter name, body head) of ``function name(p) {`` or ``name = function(p) {``."""
        if name not in self._fns:
            if len(self._fns) >= _MAX_FUNCTIONS:
                return None
            short = re.escape(name.rsplit(".", 1)[-1])
            m = re.search(rf"function\s+{short}\s*\(\s*([A-Za-z_$][\w$]*)[^)]{{0,80}}\)\s*\{{"
                          rf"|\b{short}\s*[:=]\s*function\s*\(\s*([A-Za-z_$][\w$]*)[^)]{{0,80}}\)\s*\{{", self.html)
            self._fns[name] = (_first(m.group(1), m.group(2)) or "", self.html[m.end():m.end() + _BODY]) if m else None
        return self._fns[name]

    def _value(self, literal1: str | None, literal2: str | None, ident: str | None) -> str | None:
        if literal1 is not None or literal2 is not None:
            return _first(literal1, literal2)
        return self._var(ident) if ident else None

    def resolve(self, href: str) -> str | None:
        """The URL the call opens, or None when the page does not spell it out."""
        m = _CALL.match(href.strip())
        if not m:
            return None
        fn = self._function(m.group(1))
        if fn is None or not fn[0]:
            return None
        param, body = fn
        n = int(m.group(2))
        p = re.escape(param)
        # a template with a placeholder: tpl.replace("{page}", n)
        t = re.search(rf"{_STR}\s*\.\s*replace\(\s*(?:\"([^\"]{{1,30}})\"|'([^']{{1,30}})'|/([^/]{{1,30}})/g?)\s*,\s*{p}\s*\)",
                      body)
        if t:
            template = self._value(t.group(1), t.group(2), t.group(3))
            token = _first(t.group(4), t.group(5))
            if template is None:
                return None
            if token is None:  # a regular expression: only the common placeholder shapes
                built = re.sub(r"\{\w*\}|\$\w+\$|%\w+%", str(n), template, count=1)
            else:
                built = template.replace(token, str(n), 1)
            return self._join(built)
        # concatenation: prefix + (param [+-] k) [+ suffix]
        c = re.search(rf"{_STR}\s*\+\s*(\(?)\s*(?:parseInt\(\s*)?{p}\s*\)?\s*(?:([-+])\s*([0-9]{{1,3}}))?\s*\)?"
                      rf"\s*(?:\+\s*(?:\"([^\"\n]{{0,300}})\"|'([^'\n]{{0,300}})'))?", body)
        if not c:
            return None
        prefix = self._value(c.group(1), c.group(2), c.group(3))
        if prefix is None:
            return None
        k = int(c.group(6)) if c.group(6) else 0
        value = n - k if c.group(5) == "-" else n + k
        return self._join(f"{prefix}{value}{_first(c.group(7), c.group(8)) or ''}")

    def handler(self, code: str) -> str | None:
        """The URL an event handler opens: a literal navigation, or a pager call resolved by :meth:`resolve`."""
        code = code.strip()
        if len(code) > 600:
            return None
        m = _NAVIGATE.search(code)
        if m:
            return self._join(m.group("a") or m.group("b") or m.group("c") or "")
        call = re.match(r"(?:javascript:)?\s*(?:return\s+)?([A-Za-z_$][\w$.]{0,60}\s*\([^()]{0,100}\))", code)
        return self.resolve("javascript:" + call.group(1)) if call else None

    def _join(self, built: str) -> str | None:
        if not built or built.lower().startswith(("javascript:", "data:")):
            return None
        try:
            return urljoin(self.url, built)
        except ValueError:
            return None
