"""Datasette plugin (entry point ``police_archive``): registers the Chinese bigram tokenizer.

Without it Datasette could not query ``articles_fts`` ("no such tokenizer: cjk_bigram").
"""

from __future__ import annotations

from datasette import hookimpl

from archive import fts


@hookimpl
def prepare_connection(conn):  # noqa: ANN001 - Datasette's hook signature
    fts.register(conn)
