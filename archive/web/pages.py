"""The pages ``police-archive serve`` adds to Datasette, and what Datasette's own pages get from us.

New URLs (``<db>`` is the archive's name, e.g. ``archive``):

* ``/`` — the home page: what the archive holds (sites, dates, articles, statistics, last crawl), with links to the
  search, the statistics explorer and the dashboard (Datasette's database list stays below);
* ``/<db>/-/search?q=WORD&sort=rank|newest|oldest`` — results sorted by relevance, which Datasette's table page
  cannot do; linked from it;
* ``/<db>/-/capture/<page id>`` — an archived capture in a sandboxed frame, ``…/raw`` its bytes as received;
* ``/<db>/-/statistics`` (and ``.csv``, ``.json``) — the statistics explorer.

Datasette's pages keep their URLs and parameters: the ``articles`` table page renders as a list of results with
snippets (``table.html``), an article's row page as a page made for reading it (``row.html``), and every table page
has its column descriptions collapsed. Templates are in ``archive/templates``; they come before Datasette's own, so
``{% extends "default:table.html" %}`` reaches the stock one.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import mimetypes
import re
import urllib.parse
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette.utils import escape_fts, tilde_decode
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from archive.web import explorer, labels, ranked
from archive.web.article_view import article_data, number
from archive.web.capture import CAPTURE_HEADERS, CaptureMissing, read_capture
from archive.web.cards import card, facet_boxes, result_list, table_cards
from archive.web.home import ARCHIVE_TABLES, cached_summary
from archive.web.rows import dicts
from archive.web.search_index import archive_file
from archive.web.snippets import search_words

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
STATIC = Path(__file__).resolve().parent / "static"
CSS = "police-archive.css"
#: facet and filter columns of ``articles`` as a Chinese reader knows them
COLUMN_NAMES = {"site_id": "网站", "province": "省份", "column_name": "栏目", "year": "年份", "cms": "网站系统",
                "published_at": "发布时间", "title": "标题", "source": "来源", "id": "编号"}
DASHBOARD = "police-statistics"


def prepare_templates(env: Any) -> None:
    """Our templates first, Datasette's after them; helpers the templates call."""
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])
    env.globals.update(pa_table_cards=table_cards, pa_facet_boxes=facet_boxes, pa_link=without_card_columns, pa_label=labels.label, pa_name=labels.name, pa_number=number)


#: the columns the result list shows: an articles page asked for without ``_col``/``_nocol`` fetches only these
CARD_COLUMNS = ("title", "published_at", "site_id", "site_name", "column_name", "text")
#: set in the request's scope when :func:`card_columns` chose the columns, so that links leave them out again
CARDS_ONLY = "police_archive_cards_only"
_COL_PARAM = re.compile(r"(?<=[?&])_col=[^&#]*(&|(?=#)|$)")


def card_columns(datasette: Any) -> Any:
    """ASGI middleware: the HTML articles page fetches only the columns its result list shows.

    Datasette renders every column of every row of a table page (28 for ``articles``, each through every plugin's
    ``render_cell``) before the template runs, a quarter of a search page's time, though the cards show six. So an
    HTML request for ``/<archive>/articles`` without ``_col``/``_nocol`` is handled as if it named those six; the
    links the page offers (next page, facets, JSON, CSV, filters) leave them out again (:func:`without_card_columns`),
    so what a user sees, copies or downloads is what they asked for.
    """
    def wrap(app: Any) -> Any:
        async def middleware(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") == "GET" and scope.get("path", "").endswith(
                    "/articles"):
                query = urllib.parse.parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                database = scope["path"][1:-len("/articles")]
                if not any(k in ("_col", "_nocol") for k, _ in query) and "/" not in database and tilde_decode(
                        database) in await _archive_names(datasette):
                    extra = urllib.parse.urlencode([("_col", c) for c in CARD_COLUMNS]).encode("latin-1")
                    joined = (scope.get("query_string") or b"") + (b"&" if scope.get("query_string") else b"") + extra
                    scope = {**scope, "query_string": joined, CARDS_ONLY: True}
            await app(scope, receive, send)
        return middleware
    return wrap


def without_card_columns(url: str | None, request: Any) -> str | None:
    """``url`` without the ``_col`` parameters :func:`card_columns` added to this request (others untouched)."""
    if not url or request is None or not request.scope.get(CARDS_ONLY):
        return url
    cleaned = _COL_PARAM.sub("", url)
    return cleaned.replace("?&", "?").replace("&#", "#").rstrip("?&")


def css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(f"/-/police-archive/{CSS}")]


async def _archive_names(datasette: Any) -> list[str]:
    """Names of the attached databases that are archives (they have our tables), in order; looked up once per
    set of attached databases (every page asks, for the header's links)."""
    attached = tuple(n for n, db in datasette.databases.items() if n != "_internal" and not getattr(db, "is_memory", 0))
    known = getattr(datasette, "_police_archive_names", None)
    if known is None or known[0] != attached:
        names = [n for n in attached if ARCHIVE_TABLES <= set(await datasette.databases[n].table_names())]
        known = datasette._police_archive_names = (attached, names)
    return known[1]


def _has_dashboards(datasette: Any) -> bool:
    """Whether the dashboard is configured and installed (asked once: Datasette copies its metadata to answer)."""
    known = getattr(datasette, "_police_archive_dashboards", None)
    if known is None:
        config = datasette.plugin_config("datasette-dashboards") or {}
        known = datasette._police_archive_dashboards = (
            DASHBOARD in config and importlib.util.find_spec("datasette_dashboards") is not None)
    return known


def template_vars(template: str, database: str | None, table: str | None, view_name: str, request: Any,
                  datasette: Any) -> Any:
    async def inner() -> dict[str, Any]:
        archives = await _archive_names(datasette)
        out: dict[str, Any] = {"pa_nav": archives[0] if archives else None, "pa_dashboards": _has_dashboards(datasette),
                               "pa_column_names": COLUMN_NAMES}
        if request is None:
            return out
        if view_name == "table" and table == "articles" and database in archives:
            q = request.args.get("_search") or ""
            out["pa_articles"] = {"words": search_words(q), "link": lambda url: without_card_columns(url, request),
                                  "rank_url": datasette.urls.database(database) + "/-/search?" + urlencode({"q": q})}
        elif view_name == "row" and table == "articles" and database in archives:
            out["pa_article"] = await _article(datasette, database, request)
        elif view_name == "index" and archives:
            out["pa_home"] = [(name, await _summary(datasette, name)) for name in archives]
        return out
    return inner


async def _summary(datasette: Any, name: str) -> Any:
    db = datasette.get_database(name)
    return await db.execute_fn(lambda conn: cached_summary(archive_file(str(db.path))))


async def _article(datasette: Any, database: str, request: Any) -> dict[str, Any] | None:
    pks = tilde_decode(request.url_vars.get("pks") or "")
    if not pks.isdigit():
        return None
    db = datasette.get_database(database)
    data = await db.execute_fn(lambda conn: article_data(conn, int(pks)))
    if data is None:
        return None
    base = datasette.urls.database(database)
    page_id = data["a"].get("page_id")
    data["capture_url"] = f"{base}/-/capture/{page_id}" if page_id else None
    data["metrics_url"] = datasette.urls.table(database, "metrics") + "?" + urlencode({"article_id": pks})
    for v in data["versions"]:
        v["capture_url"] = f"{base}/-/capture/{v['page_id']}" if v.get("page_id") else None
    for s in data["series"]:
        if s.get("scope") == "total" and s.get("category") and s.get("measure") and s.get("period_kind"):
            s["explore_url"] = f"{base}/-/statistics?" + urlencode(
                {"category": s["category"], "measure": s["measure"], "period_kind": s["period_kind"],
                 "unit": s.get("unit") or ""})
    return data


async def _database(request: Any, datasette: Any, *tables: str) -> Any:
    """The archive named in the URL, once the actor may see it (and ``tables`` of it)."""
    try:
        db = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    except KeyError:
        raise NotFound("no such database") from None
    await datasette.ensure_permissions(request.actor, [*(("view-table", (db.name, t)) for t in tables),
                                                       ("view-database", db.name), "view-instance"])
    if db.name not in await _archive_names(datasette):
        raise NotFound(f"{db.name} is not a police-archive archive")
    return db


async def _page(datasette: Any, request: Any, template: str, context: dict[str, Any]) -> Response:
    return Response.html(await datasette.render_template(template, context, request=request, view_name=template))


async def static_file(request: Any) -> Response:
    name = request.url_vars["name"]
    path = STATIC / name
    if not path.is_file() or path.parent != STATIC:
        raise NotFound("no such file")
    ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(path.read_bytes(), content_type=f"{ctype}; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


async def ranked_search(request: Any, datasette: Any) -> Response:
    db = await _database(request, datasette, "articles")
    q = (request.args.get("q") or "").strip()
    sort = request.args.get("sort") if request.args.get("sort") in ranked.SORTS else "rank"
    page = int(request.args["page"]) if (request.args.get("page") or "").isdigit() else 1
    filters = {c: request.args[c] for c in ranked.FACETS if request.args.get(c)}
    fts_table = (datasette.table_metadata(db.name, "articles") or {}).get("fts_table") or "articles_fts"
    result = None
    if q and escape_fts(q):
        file = archive_file(str(db.path))
        result = await db.execute_fn(lambda conn: ranked.search(file, conn, fts_table, q, escape_fts(q), sort,
                                                                filters, max(1, page)))
    here = {"q": q, "sort": sort, **filters}

    def link(**change: Any) -> str:
        args = {k: v for k, v in {**here, **change}.items() if v not in (None, "")}
        return datasette.urls.database(db.name) + "/-/search?" + urlencode(args)

    article_url = datasette.urls.table(db.name, "articles")
    result_html = result_list((card(f"{article_url}/{r['id']}", r["title"], r["published_at"], r["site"],
                                    r["column_name"], r["snippet"], search_words(q)) for r in result.rows),
                              (page - 1) * ranked.PER_PAGE + 1) if result else None
    table_args = {"_search": q, **filters}
    return await _page(datasette, request, "pa_search.html", {
        "database": db.name, "q": q, "sort": sort, "sorts": ranked.SORTS, "page": page, "result": result,
        "filters": filters, "link": link, "words": search_words(q), "facet_names": COLUMN_NAMES,
        "table_url": article_url + "?" + urlencode(table_args), "result_html": result_html})


def _warc_dir(datasette: Any, db: Any) -> Path | None:
    from archive.store import warc_dir_for

    configured = (datasette.plugin_config("police-archive", database=db.name) or {}).get("warc_dir")
    return warc_dir_for(db.path, configured) if db.path else None


async def capture_page(request: Any, datasette: Any) -> Response:
    db = await _database(request, datasette, "pages")
    page_id = int(request.url_vars["page_id"])
    fetch = await db.execute_fn(lambda conn: dicts(
        conn, "SELECT p.id, p.url, p.status, p.kind, p.content_type, p.size, p.fetched_at, p.last_fetched_at, "
              "p.fetch_count, p.warc_file, (SELECT a.id FROM articles a WHERE a.page_id = p.id LIMIT 1) AS article_id "
              "FROM pages p WHERE p.id = ?", [page_id]))
    if not fetch:
        raise NotFound(f"no fetch {page_id} in this archive")
    base = datasette.urls.database(db.name)
    return await _page(datasette, request, "pa_capture.html", {
        "database": db.name, "fetch": fetch[0], "raw_url": f"{base}/-/capture/{page_id}/raw",
        "article_url": (datasette.urls.table(db.name, "articles") + f"/{fetch[0]['article_id']}")
        if fetch[0]["article_id"] else None, "page_url": datasette.urls.table(db.name, "pages") + f"/{page_id}"})


async def capture_raw(request: Any, datasette: Any) -> Response:
    db = await _database(request, datasette, "pages")
    page_id = int(request.url_vars["page_id"])
    warc_dir = _warc_dir(datasette, db)
    try:
        cap = await db.execute_fn(lambda conn: read_capture(conn, warc_dir, page_id))
    except CaptureMissing as exc:
        return Response.text(f"capture unavailable: {exc}", status=404)
    return Response(cap.body, status=200, headers=dict(CAPTURE_HEADERS), content_type=cap.content_type)


def _articles_link(datasette: Any, database: str, ids: list[int]) -> str:
    if len(ids) == 1:
        return datasette.urls.table(database, "articles") + f"/{ids[0]}"
    return datasette.urls.table(database, "articles") + "?" + urlencode(
        {"id__in": ",".join(str(i) for i in ids), "_sort_desc": "published_at"})


async def statistics_page(request: Any, datasette: Any) -> Response:
    db = await _database(request, datasette, "series")
    asked = {k: request.args[k] for k in explorer.CHOICE_KEYS if k in request.args}
    ex = await db.execute_fn(lambda conn: explorer.explore(conn, asked))
    fmt = request.url_vars.get("format")
    links = {r["id"]: _articles_link(datasette, db.name, r["article_ids"]) for r in ex.rows}
    if fmt == ".json":
        return Response.json({"choice": ex.chosen.query() if ex.chosen else None,
                               "rows": [{k: r.get(k) for k in explorer.CSV_COLUMNS} | {"articles_url": links[r["id"]]}
                                        for r in ex.rows]})
    if fmt == ".csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(explorer.CSV_COLUMNS)
        for r in ex.rows:
            w.writerow([" ".join(map(str, r[k])) if k == "article_ids" else r.get(k) for k in explorer.CSV_COLUMNS])
        name = "-".join(v for v in (ex.chosen.query().values() if ex.chosen else []) if v) or "statistics"
        return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})
    here = ex.chosen.query() if ex.chosen else {}
    base = datasette.urls.database(db.name) + "/-/statistics"
    spec = explorer.vega_spec(ex.rows, links, ex.chosen.unit if ex.chosen else None) if ex.rows else None
    return await _page(datasette, request, "pa_statistics.html", {
        "database": db.name, "ex": ex, "links": links, "here": here,
        "spec": Markup(json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")) if spec else None,
        "csv_url": base + ".csv?" + urlencode(here), "json_url": base + ".json?" + urlencode(here),
        "choice_url": lambda c: base + "?" + urlencode(c.query()), "asked": asked,
        "has_dashboards": _has_dashboards(datasette)})


ROUTES = [
    (r"^/-/police-archive/(?P<name>[\w.-]+)$", static_file),
    (r"^/(?P<database>[^/]+)/-/search$", ranked_search),
    (r"^/(?P<database>[^/]+)/-/capture/(?P<page_id>\d+)$", capture_page),
    (r"^/(?P<database>[^/]+)/-/capture/(?P<page_id>\d+)/raw$", capture_raw),
    (r"^/(?P<database>[^/]+)/-/statistics(?P<format>\.csv|\.json)?$", statistics_page),
]
