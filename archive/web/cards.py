"""The result list of a search, as HTML: one card per article (title, date, site, column, snippet).

Built in Python rather than with a Jinja macro per card: Datasette renders templates asynchronously, where each
macro call and filter is awaited, and fifty cards cost more than the search itself (about 15 ms a page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from archive.web.snippets import highlight, snippet

_FK_ID = re.compile(r"&nbsp;<em>[^<]*</em>$")


def link_only(cell: Any) -> Markup:
    """A foreign-key cell as a link with its label only (Datasette appends the id: ``<a>晋城市公安局</a> <em>1</em>``)."""
    return Markup(_FK_ID.sub("", str(cell or "")))


def card(href: str, title: str | None, published_at: str | None, site: Markup | str | None, column: str | None,
         text_html: Markup, words: Sequence[str]) -> str:
    date = (published_at or "")[:16].replace("T", " ") or "日期不详"
    meta = [f'<span class="pa-date">{escape(date)}</span>']
    if site:
        meta.append(f'<span class="pa-site">{escape(site)}</span>')
    if column:
        meta.append(f'<span class="pa-column">{escape(column)}</span>')
    return (f'<li class="pa-result"><h3 class="pa-title"><a href="{escape(href)}">'
            f'{highlight(title or "（无标题）", words)}</a></h3><p class="pa-meta">{"".join(meta)}</p>'
            f'<p class="pa-snippet">{text_html}</p></li>')


def result_list(cards: Iterable[str], start: int = 1) -> Markup:
    return Markup(f'<ol class="pa-results" start="{start}">' + "".join(cards) + "</ol>")


def table_cards(display_rows: Iterable[Any], table_url: str, words: Sequence[str]) -> Markup:
    """Cards from the rows Datasette's table view displays (its cells: column, value as shown, raw value)."""
    out = []
    for row in display_rows:
        raw = {cell["column"]: cell["raw"] for cell in row}
        shown = {cell["column"]: cell["value"] for cell in row}
        site = link_only(shown["site_id"]) if shown.get("site_id") else raw.get("site_name")
        out.append(card(f"{table_url}/{raw.get('id')}", raw.get("title"), raw.get("published_at"), site,
                        raw.get("column_name"), snippet(raw.get("text"), words), words))
    return result_list(out)


def facet_boxes(facets: Iterable[dict[str, Any]], names: dict[str, str], more_url: str | None = None,
                link: Callable[[str], str] = str) -> Markup:
    """Facets as narrow boxes: each value a link that narrows the list, a selected one with ✖ to widen it.

    ``facets`` are Datasette's facet results (name, results of value/label/count/toggle_url/selected, truncated);
    ``link`` rewrites each link (the articles page takes out the columns it chose itself).
    """
    out = []
    for f in facets:
        items = []
        for v in f["results"]:
            label = escape(str(v["label"]) if v["label"] not in (None, "") else "-")
            count = f'<span class="pa-n">{v["count"]:,}</span>'
            if v["selected"]:
                items.append(f'<li class="pa-selected">{label} {count} <a href="{escape(link(v["toggle_url"]))}" '
                             f'class="cross" title="取消">&#x2716;</a></li>')
            else:
                items.append(f'<li><a href="{escape(link(v["toggle_url"]))}">{label}</a> {count}</li>')
        if f.get("truncated") and more_url:
            items.append(f'<li class="facet-truncated"><a href="{escape(link(more_url))}">更多…</a></li>')
        total = f'{"&gt;" if f.get("truncated") else ""}{len(f["results"])}'
        name = escape(names.get(f["name"], f["name"]))
        out.append(f'<div class="pa-facet" id="facet-{escape(f["name"])}" data-column="{escape(f["name"])}">'
                   f'<p class="pa-facet-name">{name} <span class="pa-facet-total">{total}</span></p>'
                   f'<ul>{"".join(items)}</ul></div>')
    return Markup("".join(out))
