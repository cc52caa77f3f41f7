"""The ``series`` table: one row per distinct statistic, naming every article that reports it.

A figure (a ``metrics`` row) reports a statistic: a reporting organisation's value for one category and measure, one
scope (its whole area, a place, or a subgroup), one period and one unit. The same statistic reported by several
articles — a provincial site reposting a city bulletin whose 来源 names the city bureau, a weekly recap repeating a
figure — is one ``series`` row with ``n_articles`` and ``article_ids``; figures of different periods, places or
subgroups never share a row. Two reports of one statistic with different values (a processing stage, 抓获 beside
刑拘, or a corrected figure) are two rows: the value is part of what makes a statistic distinct, so no figure is
ever hidden behind another. Figures about one case (scope ``case``) are not statistics and have no row.

The table is kept current as articles are written and re-extracted (:func:`attach_article`), so a query over it
never has to group ``metrics`` at read time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

#: the metric columns that, with the organisation, make a statistic distinct
KEY_COLUMNS = ("category", "measure", "scope", "place", "subgroup", "period_start", "period_end", "period_kind",
               "unit")
_CHANGE = ("change_basis", "change_direction", "change_value", "change_unit")


def _number(x: Any) -> Any:
    return round(float(x), 6) if isinstance(x, int | float) and not isinstance(x, bool) else x


def series_key(org: str | None, metric: dict[str, Any]) -> str | None:
    """The identity of the statistic a figure reports, or None for a figure about one case."""
    if metric.get("scope") == "case":
        return None
    parts: list[Any] = [org, *(metric.get(c) for c in KEY_COLUMNS), _number(metric.get("value"))]
    if metric.get("value") is None:  # a change stated without a level is told apart by the change
        parts += [metric.get("change_direction"), _number(metric.get("change_value")), metric.get("change_unit")]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


_UPSERT = (
    "INSERT INTO series (key, org, org_region_code, category, measure, scope, place, subgroup, period_start, "
    "period_end, period_kind, unit, value, approximate, change_basis, change_direction, change_value, change_unit, "
    "indicator, period_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(key) DO UPDATE SET approximate = min(series.approximate, excluded.approximate), "
    + ", ".join(f"{c} = COALESCE(series.{c}, excluded.{c})" for c in _CHANGE)
    + " RETURNING id"
)

_REFRESH = """
UPDATE series SET
  n_articles = (SELECT count(DISTINCT m.article_id) FROM metrics m WHERE m.series_id = series.id),
  article_ids = (SELECT json_group_array(article_id) FROM
                 (SELECT DISTINCT m.article_id FROM metrics m WHERE m.series_id = series.id ORDER BY m.article_id)),
  first_published = (SELECT min(a.published_at) FROM metrics m JOIN articles a ON a.id = m.article_id
                     WHERE m.series_id = series.id),
  last_published = (SELECT max(a.published_at) FROM metrics m JOIN articles a ON a.id = m.article_id
                    WHERE m.series_id = series.id)
WHERE id = ?
"""


def series_of(db: Any, article_id: int) -> set[int]:
    return {r[0] for r in db.execute("SELECT DISTINCT series_id FROM metrics WHERE article_id = ? "
                                     "AND series_id IS NOT NULL", [article_id])}


def attach_article(db: Any, article_id: int, before: Iterable[int] = ()) -> None:
    """Point each of the article's figures at its statistic (creating it), then bring up to date every statistic
    it reports now or reported ``before`` (a statistic no article reports any more is removed)."""
    row = db.execute("SELECT org, org_region_code FROM articles WHERE id = ?", [article_id]).fetchone()
    org, region = (row[0], row[1]) if row else (None, None)
    cols = tuple(dict.fromkeys(("id", "indicator", "value", "unit", "approximate", *_CHANGE, "period_text",
                                *KEY_COLUMNS)))
    touched = set(before)
    metrics = [dict(zip(cols, r, strict=True)) for r in db.execute(
        f"SELECT {', '.join(cols)} FROM metrics WHERE article_id = ?", [article_id])]
    for m in metrics:
        key = series_key(org, m)
        if key is None:
            db.execute("UPDATE metrics SET series_id = NULL WHERE id = ?", [m["id"]])
            continue
        series_id = db.execute(_UPSERT, [
            key, org, region, *(m[c] for c in KEY_COLUMNS[:-1]), m["unit"], m["value"], int(bool(m["approximate"])),
            *(m[c] for c in _CHANGE), m["indicator"], m["period_text"]]).fetchall()[0][0]  # all: ends the statement
        db.execute("UPDATE metrics SET series_id = ? WHERE id = ?", [series_id, m["id"]])
        touched.add(series_id)
    refresh(db, touched)


def refresh(db: Any, series_ids: Iterable[int]) -> None:
    for series_id in series_ids:
        db.execute(_REFRESH, [series_id])
        db.execute("DELETE FROM series WHERE id = ? AND n_articles = 0", [series_id])
