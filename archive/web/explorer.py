"""The statistics explorer: one line per bureau for a chosen category, measure and kind of period.

Only comparable figures share a chart: ``series`` rows of scope ``total`` (each bureau's whole figure, never a
county breakdown or a subtype), one category and measure, one kind of period (a half-year total is not put beside a
single month) and one unit (起 beside 元 would be meaningless; when a choice has several units the commonest is
drawn and the others offered). Each statistic is one point however many articles report it, and the point links
to those articles. The choices offered are those the archive holds, most statistics first.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from archive.web.labels import label
from archive.web.rows import dicts, has_table

CHOICE_KEYS = ("category", "measure", "period_kind", "unit")

#: the statistics drawn: every bureau's total for one category, measure, kind of period and unit
ROWS_SQL = """
select s.id, s.org as bureau, s.org_region_code, s.period_start, s.period_end, s.period_kind, s.period_text,
       s.value, s.unit, s.approximate, s.change_basis, s.change_direction, s.change_value, s.change_unit,
       s.indicator, s.n_articles, s.article_ids, s.category, s.measure
from series s
where s.category = :category and s.measure = :measure and s.period_kind = :period_kind and s.scope = 'total'
  and s.value is not null and s.unit is :unit
order by s.period_end, s.org
"""


@dataclass
class Choice:
    category: str
    measure: str
    period_kind: str
    unit: str | None
    statistics: int
    bureaus: int

    def label(self) -> str:
        return " · ".join(x for x in (label("category", self.category), label("measure", self.measure),
                                      label("period_kind", self.period_kind), self.unit or "") if x)

    def query(self) -> dict[str, str]:
        return {"category": self.category, "measure": self.measure, "period_kind": self.period_kind,
                "unit": self.unit or ""}


@dataclass
class Explorer:
    choices: list[Choice] = field(default_factory=list)
    chosen: Choice | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    bureaus: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)  # the options of each select


def choices(conn: sqlite3.Connection) -> list[Choice]:
    """Every (category, measure, kind of period, unit) with bureau totals, most statistics first."""
    if not has_table(conn, "series"):
        return []
    return [Choice(r["category"], r["measure"], r["period_kind"], r["unit"], r["n"], r["orgs"]) for r in dicts(
        conn, "select category, measure, period_kind, unit, count(*) as n, count(distinct org) as orgs from series "
              "where scope = 'total' and value is not null and category is not null and measure is not null "
              "and period_kind is not null group by 1, 2, 3, 4 order by n desc, orgs desc, 1, 2, 3, 4")]


def explore(conn: sqlite3.Connection, asked: dict[str, str]) -> Explorer:
    """The choices, the one asked for (else the commonest, or the commonest matching what was asked) and its rows."""
    out = Explorer(choices=choices(conn))
    for key in CHOICE_KEYS:
        out.values[key] = sorted({getattr(c, key) or "" for c in out.choices})
    wanted = {k: asked.get(k) for k in CHOICE_KEYS if asked.get(k) is not None}
    fitting = [c for c in out.choices
               if all((getattr(c, k) or "") == v for k, v in wanted.items() if k != "unit" and v)]
    exact = [c for c in fitting if "unit" not in wanted or (c.unit or "") == wanted["unit"]]
    out.chosen = (exact or fitting or ([] if any(wanted.values()) else out.choices) or [None])[0]
    if out.chosen is not None:
        params = out.chosen.query()
        params["unit"] = out.chosen.unit
        out.rows = dicts(conn, ROWS_SQL, params)
        for r in out.rows:
            r["article_ids"] = json.loads(r["article_ids"] or "[]")
        out.bureaus = sorted({r["bureau"] or "" for r in out.rows})
    return out


def vega_spec(rows: list[dict[str, Any]], link_of: dict[int, str], unit: str | None) -> dict[str, Any]:
    """A vega-lite line chart, one line per bureau, each point a link to the articles that report it."""
    values = [{"bureau": r["bureau"] or "？", "period_end": r["period_end"], "period_start": r["period_start"],
               "value": r["value"], "period": r["period_text"] or "", "articles": r["n_articles"],
               "href": link_of[r["id"]]} for r in rows]
    return {
        "width": "container", "height": 320, "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 70, "filled": True}, "tooltip": True},
        "encoding": {
            "x": {"field": "period_end", "type": "temporal", "title": "期末 end of period",
                  "axis": {"format": "%Y-%m", "labelAngle": 0, "tickCount": 8}},
            "y": {"field": "value", "type": "quantitative", "title": unit or "数值"},
            "color": {"field": "bureau", "type": "nominal", "title": "机关 bureau"},
            "href": {"field": "href"},
            "tooltip": [{"field": "bureau", "title": "机关"}, {"field": "period", "title": "期间"},
                        {"field": "period_start", "title": "起", "type": "temporal", "format": "%Y-%m-%d"},
                        {"field": "period_end", "title": "止", "type": "temporal", "format": "%Y-%m-%d"},
                        {"field": "value", "title": unit or "数值", "type": "quantitative"},
                        {"field": "articles", "title": "报道篇数"}],
        },
    }


CSV_COLUMNS = ("bureau", "org_region_code", "period_start", "period_end", "period_kind", "period_text", "value", "unit",
               "approximate", "change_basis", "change_direction", "change_value", "change_unit", "indicator",
               "category", "measure", "n_articles", "article_ids")
