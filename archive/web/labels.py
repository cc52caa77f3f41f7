"""Chinese names of the figure labels (category, measure, scope, period kind) for the pages.

The codes and their names are declared once, in the extractor's closed vocabulary ``extract/metrics/taxonomy.tsv``
(read here as data, without importing the extractor); the kinds of period are the closed list of
``metrics.period_kind``. A code the file does not (yet) name is shown as it is.
"""

from __future__ import annotations

import csv
import importlib.util
from functools import cache
from pathlib import Path

PERIOD_KINDS = {
    "year": "全年", "half": "半年", "quarter": "季度", "month": "月", "week": "周", "day": "日", "holiday": "节假日",
    "campaign": "专项行动期间", "year_to_date": "年初至今", "since": "自某日以来", "other": "其他",
}
CHANGE_DIRECTIONS = {"up": "上升", "down": "下降"}


@cache
def taxonomy() -> dict[tuple[str, str], str]:
    """(kind, code) → 中文名 from the vocabulary file; empty when the file is not installed."""
    spec = importlib.util.find_spec("extract")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "metrics" / "taxonomy.tsv"
    if not path.exists():
        return {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {(row["kind"], row["code"]): row["zh"] for row in csv.DictReader(lines, delimiter="\t")
            if row.get("kind") and row.get("code") and row.get("zh")}


def label(kind: str, code: str | None) -> str:
    """中文名 (code) of a category, measure or scope code; the code alone when it has no name; "" for none."""
    if not code:
        return ""
    name = PERIOD_KINDS.get(code) if kind == "period_kind" else taxonomy().get((kind, code))
    return f"{name}（{code}）" if name else code


def name(kind: str, code: str | None) -> str:
    """中文名 only (the code when it has none), for places where the code would be noise."""
    if not code:
        return ""
    return (PERIOD_KINDS.get(code) if kind == "period_kind" else taxonomy().get((kind, code))) or code
