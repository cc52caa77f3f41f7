"""Chinese full-text search: an FTS5 tokenizer that indexes overlapping character bigrams.

SQLite's default FTS tokenizer (unicode61) treats a whole run of Chinese characters as one token, so
searching 诈骗 finds nothing inside 电信网络诈骗案件. We weighed three options:

* a CJK-aware tokenizer as a C extension — fastest, but the PyPI packages we found are unmaintained or
  build C at import time, and Datasette would need ``--load-extension`` on every start;
* ICU — not compiled into Python's SQLite;
* a segmented shadow column (jieba) — recall then depends on the segmenter (诈骗 inside 诈骗案 may be cut
  differently), and Datasette's search box would not segment the query the same way.

Overlapping bigrams give exact substring recall for every query of two or more characters: the text
电信网络诈骗 is indexed as 电信 信网 网络 络诈 诈骗, and the query 网络诈骗 becomes the phrase
"网络 络诈 诈骗", which matches exactly where the string occurs. Runs of Latin letters and digits stay
whole words (lower-cased). The tokenizer is written in Python and registered on each connection through
``sqlitefts`` (a maintained cffi binding); :mod:`archive.datasette_plugin` registers it in Datasette.
"""

from __future__ import annotations

import atexit
import re
import sqlite3
from collections.abc import Iterator

TOKENIZER = "cjk_bigram"
_RUN = re.compile(r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|(?P<word>[0-9A-Za-z\u00c0-\u024f]+(?:\.[0-9]+)?)")


def bigram_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(token, start byte, end byte) in UTF-8 offsets, as FTS5 wants them."""
    byte = 0
    last = 0
    for m in _RUN.finditer(text):
        byte += len(text[last:m.start()].encode("utf-8"))
        run = m.group()
        if m.lastgroup == "cjk":
            # every character in these ranges is 3 bytes in UTF-8
            if len(run) == 1:
                yield run, byte, byte + 3
            for i in range(len(run) - 1):
                yield run[i:i + 2], byte + 3 * i, byte + 3 * i + 6
            width = 3 * len(run)
        else:
            width = len(run.encode("utf-8"))
            yield run.lower(), byte, byte + width
        byte += width
        last = m.end()


_TOKENIZER_OBJ = None
_CONNECTIONS: list[sqlite3.Connection] = []  # sqlite3 connections cannot be weakly referenced


@atexit.register
def _close_connections() -> None:
    """Close connections that use the tokenizer while its cffi callbacks still exist.

    A connection left open until interpreter teardown would call the tokenizer's destructor after cffi is
    gone, which crashes the process at exit (SIGILL) instead of exiting cleanly.
    """
    for conn in list(_CONNECTIONS):
        try:
            conn.close()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 - raises on a closed connection
        return True
    except sqlite3.ProgrammingError:
        return False


def register(conn: sqlite3.Connection) -> None:
    """Make the ``cjk_bigram`` tokenizer available on this connection (idempotent, cheap)."""
    global _TOKENIZER_OBJ
    from sqlitefts import fts5

    if len(_CONNECTIONS) > 64:  # forget connections that were closed meanwhile
        _CONNECTIONS[:] = [c for c in _CONNECTIONS if _is_open(c)]
    _CONNECTIONS.append(conn)

    if _TOKENIZER_OBJ is None:

        class _Bigram(fts5.FTS5Tokenizer):
            def tokenize(self, text: str, flags: int | None = None) -> Iterator[tuple[str, int, int]]:
                return bigram_tokens(text)

        _TOKENIZER_OBJ = fts5.make_fts5_tokenizer(_Bigram())
    fts5.register_tokenizer(conn, TOKENIZER, _TOKENIZER_OBJ)


def fts_query(query: str) -> str:
    """A safe FTS5 MATCH expression for user text: each whitespace-separated word as a quoted phrase."""
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)
