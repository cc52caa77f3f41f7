"""A small reader of page scripts: tokens, assignments, functions, and a partial evaluator of expressions.

List pages of the 集约化 platforms build their data request in a few lines of script: string concatenation,
variables set from literals, the page's query string or hidden inputs, object literals passed as ``data:``,
a page number passed through one or two functions. We do not run the script (no engine, no DOM, nothing
the page could abuse); we read it: a tokenizer that knows strings, template literals, comments and regular
expression literals, an index of assignments and function definitions, and an evaluator that folds an
expression into a value where the page spells it out. What it cannot know it says so: an :class:`Unknown`
carrying the name it read (``item.id``), or a :class:`Slot` for the list's page number, which the caller
varies to page through the list.

Everything is bounded (script size, tokens, recursion, call sites), so a hostile script costs little.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

#: the most script text read per page (inline scripts together, or one external script)
MAX_SCRIPT = 400_000
#: the most tokens kept
MAX_TOKENS = 120_000
#: evaluation depth (variables referring to variables, functions calling functions)
MAX_DEPTH = 12

#: names a page-number variable or parameter goes by
PAGE_NAME = re.compile(r"^(?:page|pageno|page_no|pagenum|page_num|pagenumber|pageindex|page_index|curpage|cur_page|"
                       r"currpage|currentpage|current_page|current|curr|cur|nowpage|pn|pg|p|pageidx|pagecur|"
                       r"currentpageno|pageindexno|ipage|npage|page_now|pagecurrent|currentindex|pagecode|pageid)$",
                       re.I)


@dataclass(frozen=True)
class Slot:
    """The page number of the list, as ``ordinal * mul + add`` (ordinal 1 is the list's first page)."""

    mul: int = 1
    add: int = 0

    def at(self, ordinal: int) -> int:
        return ordinal * self.mul + self.add


@dataclass(frozen=True)
class Tmpl:
    """A string with page-number slots in it: parts are ``str`` or :class:`Slot`."""

    parts: tuple[str | Slot, ...]

    def at(self, ordinal: int) -> str:
        return "".join(p if isinstance(p, str) else str(p.at(ordinal)) for p in self.parts)


@dataclass(frozen=True)
class Unknown:
    """A value the page does not spell out; ``path`` is what the script called it (``item.docId``)."""

    path: str = ""


@dataclass(frozen=True)
class Dom:
    """A DOM lookup: ``$('#x')``, ``document.getElementById('x')``; ``sel`` is the selector."""

    sel: str


@dataclass(frozen=True)
class Func:
    """A function value: a name to look up, or a body (token range) for inline functions."""

    name: str | None
    start: int = -1


@dataclass(frozen=True)
class JsonOf:
    """``JSON.stringify(value)``: kept as the value so a JSON body can be rebuilt for every page."""

    value: Any


@dataclass
class Token:
    kind: str  # str, num, name, punc, regex
    value: Any
    pos: int


@dataclass
class FunctionDef:
    name: str
    params: list[str]
    start: int  # token index of "{"
    end: int    # token index of the matching "}"


_PUNCT = sorted(("=>", "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=",
                 "/=", "...", "**", "<<", ">>", ">>>"), key=len, reverse=True)
_NAME = re.compile(r"[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*")
_NUM = re.compile(r"0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "do", "else", "in", "of", "new",
                                                 "delete", "void", "throw", "=>", "==", "===", "!=", "!==",
                                                 "&&", "||", "??", "+=", "-="}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(raw: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c != "\\" or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        n = raw[i + 1]
        if n == "u" and re.match(r"[0-9a-fA-F]{4}", raw[i + 2:i + 6]):
            out.append(chr(int(raw[i + 2:i + 6], 16)))
            i += 6
        elif n == "x" and re.match(r"[0-9a-fA-F]{2}", raw[i + 2:i + 4]):
            out.append(chr(int(raw[i + 2:i + 4], 16)))
            i += 4
        elif n == "\n":
            i += 2
        else:
            out.append(_ESCAPES.get(n, n))
            i += 2
    return "".join(out)


def _template_end(src: str, i: int) -> int:
    """Index of the backquote closing the template literal opened at ``i`` (nested ``${…}`` skipped)."""
    j, depth, n = i + 1, 0, len(src)
    while j < n and (src[j] != "`" or depth):
        if src[j] == "\\":
            j += 2
            continue
        if src.startswith("${", j):
            depth += 1
            j += 2
            continue
        if src[j] == "}" and depth:
            depth -= 1
        j += 1
    return min(j, n)


def _expand_template(raw: str, pos: int, toks: list[Token]) -> None:
    """A template literal as the concatenation it means: `a${x}b` → ( "a" + ( x ) + "b" )."""
    toks.append(Token("punc", "(", pos))
    toks.append(Token("str", "", pos))
    k = 0
    while k < len(raw):
        j = raw.find("${", k)
        text = raw[k:] if j < 0 else raw[k:j]
        if text:
            toks += [Token("punc", "+", pos + k), Token("str", _unescape(text), pos + k)]
        if j < 0:
            break
        depth, e = 1, j + 2
        while e < len(raw) and depth:
            depth += raw[e] == "{"
            depth -= raw[e] == "}"
            e += 1
        toks += [Token("punc", "+", pos + j), Token("punc", "(", pos + j)]
        toks += tokenize(raw[j + 2:e - 1], pos + j + 2)
        toks.append(Token("punc", ")", pos + e - 1))
        k = e
    toks.append(Token("punc", ")", pos + len(raw)))


_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<comment>//[^\n]*|<!--[^\n]*|-->[^\n]*|/\*.*?(?:\*/|\Z))"
    r"|(?P<str>\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?)"
    r"|(?P<tick>`)"
    r"|(?P<name>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)"
    r"|(?P<num>0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
    r"|(?P<punc>" + "|".join(re.escape(p) for p in _PUNCT) + r"|.)",
    re.S)
_REGEX_LITERAL = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")


def tokenize(src: str, offset: int = 0) -> list[Token]:
    """Tokens of ``src`` (bounded); comments dropped, strings unescaped, template literals expanded."""
    src = src[:MAX_SCRIPT]
    toks: list[Token] = []
    i, n = 0, len(src)
    while i < n and len(toks) < MAX_TOKENS:
        m = _TOKEN.match(src, i)
        if m is None:  # cannot happen ('.' matches any character); kept as a guard
            break
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            i = m.end()
            continue
        if kind == "str":
            raw = m.group(0)
            body = raw[1:-1] if len(raw) > 1 and raw[-1] == raw[0] else raw[1:]
            toks.append(Token("str", _unescape(body) if "\\" in body else body, i + offset))
            i = m.end()
            continue
        if kind == "tick":
            j = _template_end(src, i)
            _expand_template(src[i + 1:j], i + 1 + offset, toks)
            i = j + 1
            continue
        if kind == "num":
            raw = m.group(0)
            try:
                val: int | float = int(raw, 16) if raw[:2].lower() == "0x" else (float(raw) if any(ch in raw for ch in ".eE") else int(raw))
            except ValueError:
                val = 0
            toks.append(Token("num", val, i + offset))
            i = m.end()
            continue
        if kind == "punc" and m.group(0) in ("/", "/="):
            prev = toks[-1] if toks else None
            if prev is None or (prev.kind in ("punc", "name") and prev.value in _REGEX_BEFORE):
                r = _REGEX_LITERAL.match(src, i)
                if r:
                    toks.append(Token("regex", r.group(0), i + offset))
                    i = r.end()
                    continue
        toks.append(Token(kind or "punc", m.group(0), i + offset))
        i = m.end()
    return toks


def page_query(url: str) -> dict[str, str]:
    try:
        return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    except ValueError:
        return {}


@dataclass
class PageFacts:
    """What the script may read from the page besides its own variables: URL query, DOM values by selector."""

    url: str
    #: '#id' / '[name=x]' / '.class' → value (input values, data-* attributes as 'sel@data-x')
    dom: dict[str, str] = field(default_factory=dict)
    #: variables inherited from the page when reading an external script
    env: dict[str, Any] = field(default_factory=dict)


_QUERY_FUNCS = re.compile(r"^(?:get)?(?:url)?(?:query|param|request|qs|search)\w*$|^getUrl\w*$|^getParam\w*$|^GetQueryString$|^queryString$",
                          re.I)
_CLOSE = {"(": ")", "[": "]", "{": "}"}


class Script:
    """Tokens of one page's scripts with an index of assignments, functions and calls."""

    def __init__(self, src: str, facts: PageFacts) -> None:
        self.toks = tokenize(src)
        self.facts = facts
        self.match = self._match_brackets()
        self.assigns: dict[str, list[int]] = {}
        self.functions: dict[str, FunctionDef] = {}
        self.inline_fns: dict[int, FunctionDef] = {}
        self.calls: dict[str, list[int]] = {}
        self._resolving: set[str] = set()
        #: evaluations left: a script of many interdependent variables cannot make the reader slow
        self.budget = 20_000
        self._cache: dict[str, Any] = {}
        self._index()

    # -- structure ----------------------------------------------------------------------------------------
    def _match_brackets(self) -> dict[int, int]:
        match: dict[int, int] = {}
        stack: list[int] = []
        for i, t in enumerate(self.toks):
            if t.kind != "punc":
                continue
            if t.value in _CLOSE:
                stack.append(i)
            elif t.value in (")", "]", "}"):
                while stack and _CLOSE[self.toks[stack[-1]].value] != t.value:
                    stack.pop()
                if stack:
                    match[stack.pop()] = i
        return match

    def is_p(self, i: int, value: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "punc" and self.toks[i].value == value

    def is_name(self, i: int, value: str | None = None) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "name" and (value is None or self.toks[i].value == value)

    def _params(self, open_i: int) -> list[str]:
        close = self.match.get(open_i, open_i)
        out = []
        for j in range(open_i + 1, close):
            t = self.toks[j]
            if t.kind == "name" and (self.is_p(j - 1, "(") or self.is_p(j - 1, ",")):
                out.append(t.value)
        return out

    def _function_at(self, i: int) -> tuple[list[str], int] | None:
        """Parameters and body brace of a function expression starting at token ``i``."""
        if self.is_name(i, "async"):
            i += 1
        if self.is_name(i, "function"):
            j = i + 1
            if self.is_name(j):
                j += 1
            if self.is_p(j, "(") and j in self.match and self.is_p(self.match[j] + 1, "{"):
                return self._params(j), self.match[j] + 1
            return None
        if self.is_p(i, "(") and i in self.match and self.is_p(self.match[i] + 1, "=>"):
            b = self.match[i] + 2
            return self._params(i), b
        if self.is_name(i) and self.is_p(i + 1, "=>"):
            return [self.toks[i].value], i + 2
        return None

    def _index(self) -> None:
        toks = self.toks
        for i, t in enumerate(toks):
            if t.kind != "name":
                continue
            prev_dot = self.is_p(i - 1, ".")
            # function name(params) {
            if t.value == "function" and self.is_name(i + 1) and self.is_p(i + 2, "("):
                o = i + 2
                if o in self.match and self.is_p(self.match[o] + 1, "{"):
                    b = self.match[o] + 1
                    self.functions.setdefault(toks[i + 1].value, FunctionDef(toks[i + 1].value, self._params(o), b,
                                                                             self.match.get(b, b)))
                continue
            # assignment: [var|let|const] a.b.c = expr / key: expr (object property)
            j = i
            path = [t.value]
            while self.is_p(j + 1, ".") and self.is_name(j + 2):
                path.append(toks[j + 2].value)
                j += 2
            nxt = j + 1
            if not prev_dot and self.is_p(nxt, "=") and not self.is_p(nxt + 1, "="):
                name = ".".join(path)
                fn = self._function_at(nxt + 1)
                if fn is not None:
                    body = fn[1]
                    self.functions.setdefault(path[-1], FunctionDef(path[-1], fn[0], body, self.match.get(body, body)))
                self.assigns.setdefault(name, []).append(nxt + 1)
                if len(path) > 1 and path[0] == "this":
                    self.assigns.setdefault(".".join(path[1:]), []).append(nxt + 1)
                continue
            if not prev_dot and len(path) == 1 and self.is_p(i + 1, ":") and (self.is_p(i - 1, "{") or self.is_p(i - 1, ",")):
                fn = self._function_at(i + 2)
                if fn is not None:
                    body = fn[1]
                    self.functions.setdefault(t.value, FunctionDef(t.value, fn[0], body, self.match.get(body, body)))
                else:
                    self.assigns.setdefault(t.value, []).append(i + 2)
                continue
            # method shorthand inside an object: name(params) { … }  (Vue methods)
            if (not prev_dot and self.is_p(i + 1, "(") and (i + 1) in self.match
                    and self.is_p(self.match[i + 1] + 1, "{") and (self.is_p(i - 1, "{") or self.is_p(i - 1, ","))
                    and t.value not in ("if", "for", "while", "switch", "catch", "function", "with")):
                b = self.match[i + 1] + 1
                self.functions.setdefault(t.value, FunctionDef(t.value, self._params(i + 1), b, self.match.get(b, b)))
                continue
            if self.is_p(i + 1, "(") and t.value != "function":
                self.calls.setdefault(t.value, []).append(i)
        # anonymous function bodies: map body start → parameters (for the innermost-function lookup)
        for i, t in enumerate(toks):
            if t.kind == "name" and t.value == "function" and not self.is_name(i + 1):
                fn = self._function_at(i)
                if fn is not None:
                    self.inline_fns[fn[1]] = FunctionDef("", fn[0], fn[1], self.match.get(fn[1], fn[1]))
            elif self.is_p(i, "=>") and self.is_p(i + 1, "{"):
                start = i - 1
                if self.is_p(start, ")"):
                    start = next((o for o, c in self.match.items() if c == start), start)
                fn = self._function_at(start)
                if fn is not None:
                    self.inline_fns[i + 1] = FunctionDef("", fn[0], i + 1, self.match.get(i + 1, i + 1))

    def enclosing(self, i: int) -> list[FunctionDef]:
        """Functions whose body contains token ``i``, innermost first."""
        found = [f for f in (*self.functions.values(), *self.inline_fns.values()) if f.start < i < f.end]
        return sorted(found, key=lambda f: f.end - f.start)

    def call_sites(self, name: str) -> list[int]:
        """Token indices of ``name(`` calls (also ``obj.name(``) outside the function's own definition."""
        fn = self.functions.get(name)
        out = [i for i in self.calls.get(name, []) if not (fn and fn.start <= i <= fn.end) and not self.is_name(i - 1, "function")]
        # handlers in the page's markup: onclick="getList(3)" are appended as script text by the caller
        return out[:8]

    # -- evaluation ---------------------------------------------------------------------------------------
    def value_of(self, name: str, scope: dict[str, Any], depth: int) -> Any:
        if name in scope:
            return scope[name]
        if name in self.facts.env:
            return self.facts.env[name]
        self.budget -= 1
        if depth > MAX_DEPTH or name in self._resolving or self.budget < 0:
            return Unknown(name)
        if not scope and name in self._cache:
            return self._cache[name]
        self._resolving.add(name)
        try:
            v = self._value_of(name, scope, depth)
        finally:
            self._resolving.discard(name)
        if not scope:
            self._cache[name] = v
        return v

    def _value_of(self, name: str, scope: dict[str, Any], depth: int) -> Any:
        """A variable's value: its first informative assignment (``var url = ''; url = '/api/x'`` is '/api/x').

        Scripts are read as one flat namespace; the parameters of the function being read (``scope``) are
        visible to the assignments it evaluates, so ``var url = "/list?page=" + n`` inside ``load(n)`` keeps
        the page number.
        """
        best: Any = Unknown(name)
        for start in self.assigns.get(name, [])[:6]:
            v = Evaluator(self, scope, depth + 1).expr_at(start)[0]
            if isinstance(v, Unknown) or v is None or v == "":
                if isinstance(best, Unknown) and v == "":
                    best = v
                continue
            if PAGE_NAME.match(name.rsplit(".", 1)[-1]) and isinstance(v, int):
                return Slot(1, v - 1)
            return v
        if isinstance(best, Unknown) and PAGE_NAME.match(name.rsplit(".", 1)[-1]):
            return Slot()
        if name in self.functions:
            return Func(name)
        return best

    def dom_value(self, sel: str, what: str) -> Any:
        key = sel if what == "value" else f"{sel}@{what}"
        if key in self.facts.dom:
            return self.facts.dom[key]
        return Unknown(f"{sel}.{what}")

    def query_value(self, name: Any) -> Any:
        if isinstance(name, str):
            q = page_query(self.facts.url)
            if name in q:
                return q[name]
        return Unknown(f"query.{name}")


class Evaluator:
    """Folds one expression (from a token index) into a value."""

    def __init__(self, script: Script, scope: dict[str, Any] | None = None, depth: int = 0) -> None:
        self.s = script
        self.scope = scope or {}
        self.depth = depth

    def expr_at(self, i: int) -> tuple[Any, int]:
        """Value of the expression starting at token ``i`` and the index after it."""
        if self.depth > MAX_DEPTH or i >= len(self.s.toks):
            return Unknown(), i + 1
        return self._ternary(i)

    # -- grammar --------------------------------------------------------------------------------------------
    def _ternary(self, i: int) -> tuple[Any, int]:
        v, i = self._binary(i, 0)
        if self.s.is_p(i, "?"):
            a, i = self._ternary(i + 1)
            if self.s.is_p(i, ":"):
                b, i = self._ternary(i + 1)
                return (a if not isinstance(a, Unknown) else b), i
            return a, i
        return v, i

    _PREC = {"||": 1, "??": 1, "&&": 2, "==": 3, "!=": 3, "===": 3, "!==": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
             "instanceof": 4, "in": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}

    def _binary(self, i: int, min_prec: int) -> tuple[Any, int]:
        left, i = self._unary(i)
        while i < len(self.s.toks):
            t = self.s.toks[i]
            op = t.value if t.kind in ("punc", "name") else None
            prec = self._PREC.get(op) if isinstance(op, str) else None
            if prec is None or prec < min_prec:
                break
            right, i = self._binary(i + 1, prec + 1)
            left = _apply(op, left, right)
        return left, i

    def _unary(self, i: int) -> tuple[Any, int]:
        t = self.s.toks[i] if i < len(self.s.toks) else None
        if t is None:
            return Unknown(), i
        if t.kind == "punc" and t.value in ("!", "-", "+", "~"):
            v, j = self._unary(i + 1)
            if t.value == "-" and isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v, j
            if t.value == "+" and isinstance(v, str) and re.fullmatch(r"-?\d{1,9}", v):
                return int(v), j
            return (v if t.value == "+" else Unknown()), j
        if t.kind == "name" and t.value in ("typeof", "void", "delete", "await"):
            v, j = self._unary(i + 1)
            return (v if t.value == "await" else Unknown()), j
        if t.kind == "name" and t.value == "new":
            v, j = self._postfix(i + 1)
            return v, j
        return self._postfix(i)

    def _args(self, open_i: int) -> tuple[list[Any], list[int], int]:
        close = self.s.match.get(open_i, open_i)
        vals: list[Any] = []
        starts: list[int] = []
        j = open_i + 1
        while j < close:
            starts.append(j)
            v, j2 = self.expr_at(j)
            vals.append(v)
            # skip to the next top-level comma
            j = j2
            while j < close and not self.s.is_p(j, ","):
                j = self.s.match.get(j, j) + 1 if self.s.is_p(j, "(") or self.s.is_p(j, "[") or self.s.is_p(j, "{") else j + 1
            j += 1
        return vals, starts, close + 1

    def _postfix(self, i: int) -> tuple[Any, int]:
        v, i, path = self._primary(i)
        while i < len(self.s.toks):
            if (self.s.is_p(i, ".") or self.s.is_p(i, "?.")) and self.s.is_name(i + 1):
                name = self.s.toks[i + 1].value
                path = f"{path}.{name}" if path else name
                v = self._member(v, name, path)
                i += 2
            elif self.s.is_p(i, "["):
                key, _ = self.expr_at(i + 1)
                close = self.s.match.get(i, i)
                if isinstance(key, (str, int)) and not isinstance(key, bool):
                    path = f"{path}.{key}" if path else str(key)
                    v = self._member(v, str(key), path)
                else:
                    path = f"{path}[]" if path else "[]"
                    v = v[0] if isinstance(v, list) and v else Unknown(path)
                i = close + 1
            elif self.s.is_p(i, "("):
                args, starts, after = self._args(i)
                v = self._call(v, path, args, starts)
                path = f"{path}()"
                i = after
            else:
                break
        return v, i

    def _member(self, obj: Any, name: str, path: str) -> Any:
        if isinstance(obj, dict):
            if name in obj:
                return obj[name]
        if isinstance(obj, str) and name == "length":
            return len(obj)
        if isinstance(obj, Dom):
            return Func(f"dom:{obj.sel}:{name}")
        if isinstance(obj, Unknown):
            # a variable of the script that is an object: look up "a.b" as assigned
            if obj.path and self.depth < MAX_DEPTH:
                known = self.s.assigns.get(f"{obj.path}.{name}")
                if known:
                    return self.s.value_of(f"{obj.path}.{name}", self.scope, self.depth)
            if name in ("value", "val") and obj.path.startswith("#"):
                return self.s.dom_value(obj.path, "value")
            if PAGE_NAME.match(name) and not re.search(r"(?:total|count|size|limit)", path, re.I):
                return Slot()
            return Unknown(path)
        if isinstance(obj, Func) and obj.name and obj.name.startswith("dom:"):
            return Unknown(path)
        return Unknown(path)

    def _call(self, fn: Any, path: str, args: list[Any], starts: list[int]) -> Any:
        name = path.rsplit(".", 1)[-1] if path else ""
        a0 = args[0] if args else None
        if name == "stringify" and path.endswith("JSON.stringify"):
            return JsonOf(a0)
        if name in ("encodeURIComponent", "encodeURI", "escape", "String", "trim", "toString", "valueOf",
                    "decodeURIComponent", "unescape"):
            if name in ("trim", "toString", "valueOf"):
                return fn if not isinstance(fn, Func) else Unknown(path)
            return a0
        if name in ("parseInt", "Number", "parseFloat"):
            if isinstance(a0, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", a0):
                return int(a0)
            return a0
        if path.endswith(("qs.stringify", "Qs.stringify", "$.param", "jQuery.param")) or name == "URLSearchParams":
            return form_template(a0) if isinstance(a0, dict) else a0
        if name in ("$", "jQuery") or path in ("document.getElementById", "document.querySelector"):
            sel = a0 if isinstance(a0, str) else ""
            if path.endswith("getElementById") and sel:
                sel = "#" + sel
            return Dom(sel)
        if isinstance(fn, Func) and fn.name and fn.name.startswith("dom:"):
            _, sel, what = fn.name.split(":", 2)
            if what == "val":
                return self.s.dom_value(sel, "value")
            if what in ("attr", "getAttribute", "data", "prop") and isinstance(a0, str):
                attr = a0 if what != "data" else f"data-{a0}"
                return self.s.dom_value(sel, attr)
            if what in ("serialize", "serializeArray"):
                return self.s.dom_value(sel, "serialize") if what == "serialize" else Unknown(path)
            if what in ("text", "html"):
                return Unknown(path)
            return Dom(sel)  # chained jQuery calls (.find, .eq …) keep pointing at the box
        if _QUERY_FUNCS.match(name) and isinstance(a0, str) and len(args) <= 2:
            return self.s.query_value(a0)
        if name == "replace" and len(args) == 2:
            base = self._call_receiver_value(path)
            if isinstance(base, str) and isinstance(args[0], str):
                rep = args[1]
                if isinstance(rep, (str, int)) and not isinstance(rep, bool):
                    return base.replace(args[0], str(rep), 1)
                if isinstance(rep, Slot):
                    head, sep, tail = base.partition(args[0])
                    if sep:
                        return Tmpl((head, rep, tail))
            return Unknown(path)
        if name == "concat":
            base = self._call_receiver_value(path)
            out = base
            for a in args:
                out = _apply("+", out, a)
            return out
        if name == "join" and isinstance(self._call_receiver_value(path), list):
            sep = a0 if isinstance(a0, str) else ","
            out: Any = ""
            for k, part in enumerate(self._call_receiver_value(path)):
                out = _apply("+", out, part) if k == 0 else _apply("+", _apply("+", out, sep), part)
            return out
        # a page function returning a value: evaluate its `return` with bound parameters
        fdef = self.s.functions.get(name) if name else None
        if fdef is not None and self.depth < MAX_DEPTH:
            return self.returned(fdef, args)
        return Unknown(path)

    def _call_receiver_value(self, path: str) -> Any:
        recv = path.rsplit(".", 1)[0] if "." in path else ""
        if not recv:
            return None
        return self.s.value_of(recv, self.scope, self.depth)

    def returned(self, fdef: FunctionDef, args: list[Any]) -> Any:
        scope = bind(fdef, args)
        for k in range(fdef.start + 1, min(fdef.end, fdef.start + 4000)):
            if self.s.is_name(k, "return") and not self.s.is_p(k + 1, ";"):
                inner = [f for f in self.s.enclosing(k) if f.start > fdef.start]
                if inner:
                    continue
                return Evaluator(self.s, scope, self.depth + 1).expr_at(k + 1)[0]
        return Unknown(fdef.name)

    def _primary(self, i: int) -> tuple[Any, int, str]:
        s = self.s
        if i >= len(s.toks):
            return Unknown(), i, ""
        t = s.toks[i]
        if t.kind == "str":
            return t.value, i + 1, ""
        if t.kind == "num":
            return t.value, i + 1, ""
        if t.kind == "regex":
            return Unknown("regex"), i + 1, ""
        if t.kind == "name":
            fn = s._function_at(i)
            if fn is not None:
                body = fn[1]
                end = s.match.get(body, body) + 1 if s.is_p(body, "{") else self.expr_at(body)[1]
                return Func(None, body), end, ""
            if t.value in ("true", "false"):
                return t.value == "true", i + 1, ""
            if t.value in ("null", "undefined"):
                return None, i + 1, ""
            if t.value in ("window", "this", "self", "top", "parent", "globalThis") and s.is_p(i + 1, "."):
                v, j, p = self._primary(i + 2)
                return v, j, p
            if t.value in ("location", "window.location") and s.is_p(i + 1, ".") and s.is_name(i + 2):
                prop = s.toks[i + 2].value
                from urllib.parse import urlsplit as _us
                parts = _us(s.facts.url)
                vals = {"href": s.facts.url, "pathname": parts.path, "search": "?" + parts.query if parts.query else "",
                        "host": parts.netloc, "hostname": parts.hostname or "", "origin": f"{parts.scheme}://{parts.netloc}",
                        "protocol": parts.scheme + ":"}
                if prop in vals:
                    return vals[prop], i + 3, ""
            if s.is_p(i + 1, "("):
                return Unknown(t.value), i + 1, t.value
            return s.value_of(t.value, self.scope, self.depth) if not s.is_p(i + 1, ".") else self._dotted(i), i + 1, t.value
        if t.kind == "punc":
            if t.value == "(":
                close = s.match.get(i, i)
                if s.is_p(close + 1, "=>"):
                    fn = s._function_at(i)
                    if fn is not None:
                        body = fn[1]
                        end = s.match.get(body, body) + 1 if s.is_p(body, "{") else self.expr_at(body)[1]
                        return Func(None, body), end, ""
                v, _ = self.expr_at(i + 1)
                return v, close + 1, ""
            if t.value == "{":
                return self._object(i), s.match.get(i, i) + 1, ""
            if t.value == "[":
                vals, _, after = self._args(i)
                return vals, after, ""
        return Unknown(), i + 1, ""

    def _dotted(self, i: int) -> Any:
        """A name followed by ``.``: an assigned dotted path (``config.url``) or the bare name's value."""
        s = self.s
        name = s.toks[i].value
        if name in self.scope:
            return self.scope[name]
        v = s.value_of(name, self.scope, self.depth)
        if isinstance(v, Unknown) and not v.path:
            return Unknown(name)
        return v

    def _object(self, i: int) -> dict[str, Any]:
        s = self.s
        close = s.match.get(i, i)
        out: dict[str, Any] = {}
        j = i + 1
        while j < close and len(out) < 200:
            t = s.toks[j]
            if s.is_p(j, "..."):
                v, j = self.expr_at(j + 1)
                if isinstance(v, dict):
                    out.update(v)
            elif t.kind in ("name", "str", "num") and s.is_p(j + 1, ":"):
                v, j = self.expr_at(j + 2)
                out[str(t.value)] = v
            elif t.kind == "name" and (s.is_p(j + 1, ",") or j + 1 == close):
                out[t.value] = s.value_of(t.value, self.scope, self.depth)  # shorthand {page, size}
                j += 1
            elif t.kind == "name" and s.is_p(j + 1, "(") and (j + 1) in s.match:
                out[t.value] = Func(None, s.match[j + 1] + 1)  # method shorthand
                b = s.match[j + 1] + 1
                j = s.match.get(b, b) + 1
            elif s.is_p(j, "[") and (j in s.match) and s.is_p(s.match[j] + 1, ":"):
                k, _ = self.expr_at(j + 1)
                v, j = self.expr_at(s.match[j] + 2)
                if isinstance(k, str):
                    out[k] = v
            else:
                j += 1
                continue
            while j < close and not s.is_p(j, ","):
                j = s.match.get(j, j) + 1 if s.is_p(j, "(") or s.is_p(j, "[") or s.is_p(j, "{") else j + 1
            j += 1
        return out


def bind(fdef: FunctionDef, args: list[Any]) -> dict[str, Any]:
    """Parameters of ``fdef`` bound to ``args``; a page-named parameter is the page slot."""
    scope: dict[str, Any] = {}
    for k, p in enumerate(fdef.params):
        v = args[k] if k < len(args) else Unknown(p)
        if PAGE_NAME.match(p):
            v = Slot(1, v - 1) if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1 else (
                v if isinstance(v, Slot) else Slot())
        scope[p] = v
    return scope


def _apply(op: str, a: Any, b: Any) -> Any:
    """JavaScript's binary operators on the values we know; Unknown where we do not."""
    if op in ("||", "??"):
        return a if not isinstance(a, Unknown) and a not in (None, "", False, 0) else b
    if op == "&&":
        return b
    if op == "+":
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
            return a + b
        if isinstance(a, Slot) and isinstance(b, int) and not isinstance(b, bool):
            return Slot(a.mul, a.add + b)
        if isinstance(b, Slot) and isinstance(a, int) and not isinstance(a, bool):
            return Slot(b.mul, b.add + a)
        if _stringy(a) and _stringy(b):
            return _concat(a, b)
        if isinstance(a, Unknown) or isinstance(b, Unknown):
            return Unknown(a.path if isinstance(a, Unknown) else b.path) if not (_stringy(a) or _stringy(b)) else _concat(a, b)
        return Unknown()
    if op == "-":
        if isinstance(a, Slot) and isinstance(b, int) and not isinstance(b, bool):
            return Slot(a.mul, a.add - b)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a - b
        return Unknown()
    if op == "*":
        if isinstance(a, Slot) and isinstance(b, int) and not isinstance(b, bool):
            return Slot(a.mul * b, a.add * b)
        if isinstance(b, Slot) and isinstance(a, int) and not isinstance(a, bool):
            return Slot(b.mul * a, b.add * a)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a * b
        return Unknown()
    return Unknown()


def _stringy(v: Any) -> bool:
    return isinstance(v, (str, Tmpl, Slot, int, float, Unknown, JsonOf)) and not isinstance(v, bool)


def _concat(a: Any, b: Any) -> Any:
    parts: list[str | Slot] = []
    for v in (a, b):
        if isinstance(v, Tmpl):
            parts.extend(v.parts)
        elif isinstance(v, Slot):
            parts.append(v)
        elif isinstance(v, Unknown):
            parts.append("\x00" + (v.path or "?") + "\x00")
        elif isinstance(v, JsonOf):
            rendered = json_template(v.value)
            parts.extend(rendered.parts if isinstance(rendered, Tmpl) else [rendered])
        elif isinstance(v, float) and v.is_integer():
            parts.append(str(int(v)))
        else:
            parts.append(str(v))
    merged: list[str | Slot] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    if all(isinstance(p, str) for p in merged):
        return "".join(merged)  # type: ignore[arg-type]
    return Tmpl(tuple(merged))


def unknown_parts(v: Any) -> list[str]:
    """The names of unknown values concatenated into a string (``\\x00item.id\\x00`` markers)."""
    text = v if isinstance(v, str) else "".join(p for p in v.parts if isinstance(p, str)) if isinstance(v, Tmpl) else ""
    return re.findall(r"\x00([^\x00]*)\x00", text)


def json_template(value: Any) -> str | Tmpl:
    """JSON text of a value that may hold slots (``{"pageNo": Slot}`` → ``{"pageNo":`` slot ``}``)."""
    marks: dict[str, Slot] = {}

    def mark(slot: Slot) -> str:
        key = f"\ue000{len(marks)}\ue001"  # private-use characters: json.dumps keeps them as they are
        marks[key] = slot
        return key

    def enc(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: enc(x) for k, x in v.items() if not isinstance(x, (Unknown, Func, Dom))}
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, Slot):
            return "\ue002" + mark(v) + "\ue002"  # a number: its quotes go too
        if isinstance(v, Tmpl):
            return "".join(p if isinstance(p, str) else mark(p) for p in v.parts)
        if isinstance(v, JsonOf):
            inner = json_template(v.value)
            return "".join(p if isinstance(p, str) else mark(p) for p in inner.parts) if isinstance(inner, Tmpl) else inner
        return v

    text = json.dumps(enc(value), ensure_ascii=False, separators=(",", ":"))
    if not marks:
        return text
    parts: list[str | Slot] = []
    for piece in re.split(r"(\"\ue002\ue000\d+\ue001\ue002\"|\ue000\d+\ue001)", text):
        key = piece.strip('"').strip("\ue002")
        if key in marks:
            parts.append(marks[key])
        elif piece:
            parts.append(piece)
    return Tmpl(tuple(parts))


def form_template(data: dict[str, Any]) -> str | Tmpl:
    """``a=1&b=2`` of an object whose values may be slots (``$.param``, ``qs.stringify``, URLSearchParams)."""
    from urllib.parse import quote

    out: Any = ""
    for k, v in data.items():
        if isinstance(v, (Unknown, Func, Dom)) or isinstance(v, (dict, list)):
            continue
        piece = f"{quote(str(k), safe='')}="
        if isinstance(v, Tmpl):
            value: Any = Tmpl(tuple(quote(p, safe="") if isinstance(p, str) else p for p in v.parts))
        elif isinstance(v, Slot):
            value = v
        else:
            value = quote("" if v is None else str(v).lower() if isinstance(v, bool) else str(v), safe="")
        out = _concat(_concat(out + "&" if out else out, piece) if isinstance(out, str) else _concat(_concat(out, "&"), piece), value)
    return out
