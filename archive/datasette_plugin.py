"""Datasette plugin (entry point ``police_archive``): Chinese search, search speed and the researcher's pages.

Without the tokenizer Datasette could not query ``articles_fts`` ("no such tokenizer: cjk_bigram"). The rest is
in :mod:`archive.web`: how a search page stays fast at 100,000 articles (:mod:`archive.web.search_speed`), and
the pages made for reading the archive (:mod:`archive.web.pages`: home, search results with snippets, the
article page, the archived capture, the statistics explorer). This module only connects them to Datasette's
hooks.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils import await_me_maybe

from archive.web import pages
from archive.web.search_speed import (
    SearchFacet,
    answer_search_counts,
    memoize_cell_plugin_config,
    read_ahead,
    register_match_function,
    unpin_search_clause,
)

__all__ = ["unpin_search_clause"]


@hookimpl
def startup(datasette):  # noqa: ANN001
    for db in datasette.databases.values():
        answer_search_counts(db)
    memoize_cell_plugin_config(datasette)


@hookimpl
def prepare_connection(conn):  # noqa: ANN001 - Datasette's hook signature
    register_match_function(conn)


def _unpinned(result, cached: bool):  # noqa: ANN001, ANN202 - a FilterArguments, or an awaitable / callable
    async def inner():  # noqa: ANN202
        args = await await_me_maybe(result)
        if args is not None:
            args.where_clauses = [unpin_search_clause(c, cached) for c in args.where_clauses]
        return args
    return inner


@hookimpl(hookwrapper=True)
def filters_from_request(request, database, table, datasette):  # noqa: ANN001, ANN201, ARG001
    outcome = yield
    db = datasette.databases.get(database)
    cached = bool(db is not None and getattr(db, "path", None) and not getattr(db, "is_memory", False))
    if cached:
        read_ahead(datasette, database, table, request)
    outcome.force_result([_unpinned(r, cached) for r in outcome.get_result()])


@hookimpl(hookwrapper=True)
def register_facet_classes():  # noqa: ANN201
    outcome = yield
    outcome.force_result([[SearchFacet if c is ColumnFacet else c for c in classes]
                          for classes in outcome.get_result()])


@hookimpl
def prepare_jinja2_environment(env, datasette):  # noqa: ANN001, ARG001
    pages.prepare_templates(env)


@hookimpl
def register_routes(datasette):  # noqa: ANN001, ARG001
    return pages.ROUTES


@hookimpl
def extra_template_vars(template, database, table, columns, view_name, request, datasette):  # noqa: ANN001, ARG001
    return pages.template_vars(template, database, table, view_name, request, datasette)


@hookimpl
def extra_css_urls(datasette):  # noqa: ANN001
    return pages.css_urls(datasette)


@hookimpl
def asgi_wrapper(datasette):  # noqa: ANN001
    return pages.card_columns(datasette)
