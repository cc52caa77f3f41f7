"""An article's text as paragraphs with every extracted figure marked, for the article page.

A figure (a ``metrics`` row) knows where it is: ``span_start``/``span_end``, character offsets in
``articles.text``, whose paragraphs are separated by ``\\n``. Each figure becomes a ``<mark>`` around exactly those
characters, with an id the side table links to and a tooltip that says what the extractor understood: indicator,
value and unit, period, comparison, category, measure and scope. A figure whose span does not lie inside the text
(an archive re-extracted with other rules) or overlaps one already marked is listed, not marked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from archive.web.labels import CHANGE_DIRECTIONS, label
from archive.web.rows import columns_of, dicts, has_table


def number(value: Any) -> str:
    """A figure's value as a reader writes it: 75, 5178700, 12.5 (no trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    return f"{value}"


def describe(m: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, value) lines describing one figure, in the order a researcher checks them."""
    lines = [("指标", m.get("indicator") or "")]
    if m.get("value") is not None:
        lines.append(("数值", f"{'约' if m.get('approximate') else ''}{number(m['value'])} {m.get('unit') or ''}".strip()))
    period = m.get("period_text") or ""
    if m.get("period_start") or m.get("period_end"):
        period = f"{period}（{m.get('period_start') or '?'} 至 {m.get('period_end') or '?'}）".strip()
    if m.get("period_kind"):
        period = f"{period} · {label('period_kind', m['period_kind'])}".strip(" ·")
    if period:
        lines.append(("期间", period))
    if change_text(m):
        lines.append(("比较", change_text(m)))
    if m.get("place"):
        lines.append(("地区", m["place"]))
    if m.get("subgroup"):
        lines.append(("其中", m["subgroup"]))
    for kind, what in (("category", "类别"), ("measure", "度量"), ("scope", "范围")):
        if m.get(kind):
            lines.append((what, label(kind, m[kind])))
    return lines


def tooltip(m: dict[str, Any]) -> str:
    return "\n".join(f"{what}：{value}" for what, value in describe(m))


@dataclass
class MarkedText:
    paragraphs: list[Markup]  # each paragraph's HTML, figures in <mark>
    marked: set[int]  # ids of the figures that were marked


def mark_figures(text: str, figures: Sequence[dict[str, Any]]) -> MarkedText:
    """The text's paragraphs with each figure's span in ``<mark class="figure" id="fig-ID" title="…">``."""
    spans = []
    taken_until = -1
    for m in sorted(figures, key=lambda f: (f.get("span_start") or 0, -(f.get("span_end") or 0))):
        start, end = m.get("span_start"), m.get("span_end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            continue
        if start < taken_until or "\n" in text[start:end]:
            continue
        spans.append((start, end, m))
        taken_until = end
    paragraphs: list[Markup] = []
    current: list[Markup] = []
    pos = 0

    def plain(upto: int) -> None:
        nonlocal pos
        chunk = text[pos:upto]
        parts = chunk.split("\n")
        for i, part in enumerate(parts):
            if i:
                paragraphs.append(Markup("").join(current))
                current.clear()
            current.append(escape(part))
        pos = upto

    for start, end, m in spans:
        plain(start)
        current.append(Markup('<mark class="figure" id="fig-{}" data-figure="{}" title="{}" tabindex="0">{}</mark>')
                       .format(m.get("id"), m.get("id"), tooltip(m), text[start:end]))
        pos = end
    plain(len(text))
    paragraphs.append(Markup("").join(current))
    return MarkedText([p for p in paragraphs if str(p).strip()], {s[2].get("id") for s in spans})


def change_text(m: dict[str, Any]) -> str:
    if not (m.get("change_basis") or m.get("change_value") is not None):
        return ""
    direction = CHANGE_DIRECTIONS.get(m.get("change_direction") or "", m.get("change_direction") or "")
    return f"{m.get('change_basis') or ''}{direction}{number(m.get('change_value'))}{m.get('change_unit') or ''}"


def article_data(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """Everything the article page shows, from one archive connection; None when there is no such article."""
    found = dicts(conn, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    a = found[0]
    site = next(iter(dicts(conn, "SELECT * FROM sites WHERE id = ?", [a.get("site_id")])), {})
    figures = dicts(conn, "SELECT * FROM metrics WHERE article_id = ? ORDER BY span_start, id", [article_id])
    marked = mark_figures(a.get("text") or "", figures)
    text = a.get("text") or ""
    for f in figures:
        f["marked"] = f.get("id") in marked.marked
        f["written"] = text[f["span_start"]:f["span_end"]] if f["marked"] else ""
        f["change"] = change_text(f)
    series = []
    if has_table(conn, "series") and "series_id" in columns_of(conn, "metrics"):
        series = dicts(conn, "SELECT * FROM series WHERE id IN (SELECT series_id FROM metrics WHERE article_id = ?) "
                             "ORDER BY category, measure, period_end, id", [article_id])
    versions = dicts(conn, "SELECT id, title, published_at, page_id, first_fetched_at, last_fetched_at, replaced_at "
                           "FROM article_versions WHERE article_id = ? ORDER BY replaced_at DESC", [article_id])
    try:
        info = json.loads(a.get("info_fields") or "{}")
    except ValueError:
        info = {}
    return {
        "a": a,
        "site_name": site.get("name") or a.get("site_name") or site.get("host") or "",
        "region": "".join(x for x in (site.get("province") or a.get("province"), site.get("city"), site.get("county"))
                          if x),
        "paragraphs": marked.paragraphs,
        "figures": figures,
        "series": series,
        "versions": versions,
        "images": dicts(conn, "SELECT url, caption FROM images WHERE article_id = ? ORDER BY id", [article_id]),
        "attachments": dicts(conn, "SELECT url, name, type FROM attachments WHERE article_id = ? ORDER BY id",
                             [article_id]),
        "info_fields": info if isinstance(info, dict) else {},
    }
