"""The text around a search match, with the matched words in ``<mark>``, for result lists.

The archive's FTS tokenizer indexes overlapping Chinese character pairs (:mod:`archive.fts`), so a Chinese word of
two or more characters matches exactly where it occurs as a substring; a run of Latin letters or digits matches as
a whole, case-insensitive token. The snippet is built here from the text and the words of the search box, with the
same rules, instead of FTS5's ``snippet()`` (which would need one more FTS5 query per page, and counts in tokens
that are character pairs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

#: the FTS5 query syntax a search box may contain, which is not text to find
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_SENTENCE_END = "。！？；!?;\n"


def search_words(query: str | None) -> list[str]:
    """The words a search for ``query`` finds: whitespace-separated, quotes, ``*``, ``^`` and operators removed."""
    if not query:
        return []
    words = []
    for part in re.split(r"\s+", query.replace('"', " ")):
        word = part.strip("*^():+-")
        if word and word not in _OPERATORS and word not in words:
            words.append(word)
    return words


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex finding every word: Chinese as a substring, Latin letters and digits as whole tokens, any case."""
    return _pattern(tuple(sorted(set(words), key=lambda w: (-len(w), w))))


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for word in words:
        p = re.escape(word)
        if re.match(f"[{_LATIN}]", word):
            p = f"(?<![{_LATIN}])" + p
        if re.search(f"[{_LATIN}]$", word):
            p += f"(?![{_LATIN}])"
        parts.append(p)
    return re.compile("|".join(parts), re.I) if parts else None


def highlight(text: str | None, words: Iterable[str]) -> Markup:
    """``text`` escaped, every occurrence of the words in ``<mark>``."""
    text = text or ""
    pattern = word_pattern(words)
    if pattern is None:
        return Markup(escape(text))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup("<mark>") + escape(m.group()) + Markup("</mark>"))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


#: a paragraph this long is never shown whole in a snippet (shorter ones are headings and sign-offs)
WHOLE_PARAGRAPH = 30


def _window(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """Characters around ``start:end`` within its paragraph, beginning at a sentence start when one is close
    before, and never the whole of a paragraph of :data:`WHOLE_PARAGRAPH` characters or more."""
    para_lo = text.rfind("\n", 0, start) + 1
    para_hi = text.find("\n", end)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo = max(para_lo, start - before)
    cut = max((text.rfind(ch, lo, start) for ch in _SENTENCE_END), default=-1)
    if cut >= 0 and start - cut <= before:
        lo = cut + 1
    hi = min(para_hi, end + after)
    if lo == para_lo and hi == para_hi and para_hi - para_lo >= WHOLE_PARAGRAPH:
        keep = max(end - start, (para_hi - para_lo) * 2 // 3)
        lo = max(para_lo, min(start - (keep - (end - start)) // 3, para_hi - keep))
        hi = min(para_hi, lo + keep)
        if hi == para_hi:
            lo += 1
    return lo, hi


def snippet(text: str | None, words: Iterable[str], width: int = 110, parts: int = 2) -> Markup:
    """Up to ``parts`` passages of ``text`` around matches of ``words`` (about ``width`` characters in all), the
    matches in ``<mark>``, gaps shown as "…"; the opening of the text when nothing matches (the match was in the
    title). A passage stays within its paragraph and never shows a whole one: a result list is not the article."""
    text = (text or "").strip()
    pattern = word_pattern(words)
    found = list(pattern.finditer(text)) if pattern is not None else []
    if not found:
        first = text.split("\n", 1)[0]
        room = min(width, len(first) * 2 // 3 if len(first) >= WHOLE_PARAGRAPH else width)
        return Markup(escape(text[:room].replace("\n", " ")) + ("…" if len(text) > room else ""))
    each = max(30, width // parts)
    windows: list[tuple[int, int]] = []
    for m in found:
        if len(windows) == parts:
            break
        if windows and m.start() < windows[-1][1]:
            continue
        windows.append(_window(text, m.start(), m.end(), each // 3, each - each // 3 - (m.end() - m.start())))
    out = []
    for i, (lo, hi) in enumerate(windows):
        prev = windows[i - 1][1] if i else 0
        lo = max(lo, prev)
        if lo > prev or (i == 0 and lo > 0):
            out.append(Markup("…"))
        out.append(highlight(text[lo:hi].replace("\n", " "), words))
        if i == len(windows) - 1 and hi < len(text):
            out.append(Markup("…"))
    return Markup("").join(out)
