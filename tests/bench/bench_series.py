"""`make bench` (statistics part): the `series` table at 100,000 articles.

Goal (issue #15): a filtered query on `series` answers in under 100 ms at 100,000 articles. The archive is built
through the real write path (``Archive.write_batch`` with article records whose figures carry labels), so the
cost of keeping `series` current is measured too (ms per article written, with and without the figures). Some
articles are reposts of others (their figures name the same organisation and period), as on a national archive.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from archive import Archive
from archive.metadata import COMPARE_SQL
from tests.helpers import article_record

HERE = Path(__file__).resolve().parent
CATEGORIES = {"telecom_fraud": ("solved", "persons_caught", "money_recovered", "warnings", "incidents"),
              "theft": ("solved", "incidents"), "drugs": ("solved", "persons_caught", "seized"),
              "traffic": ("violations", "casualties", "incidents"), "police_calls": ("incidents",),
              "public_order": ("violations", "other")}
KINDS = (("month", 1), ("quarter", 3), ("half", 6), ("year_to_date", 9), ("year", 12))
UNITS = {"money_recovered": "元", "seized": "千克", "casualties": "人", "persons_caught": "名", "warnings": "人次"}
BUREAUS = [f"{p}{c}公安局" for p in ("东", "西", "南", "北", "中") for c in ("山市", "河市", "平县", "安县", "川区", "阳区")]
QUERIES = {
    "compare bureaus (category, measure, kind)": (COMPARE_SQL, {"category": "telecom_fraud", "measure": "solved",
                                                               "period_kind": "month"}),
    "one bureau's statistics": ("select * from series where org like '%' || :bureau || '%' "
                                "order by period_end desc limit 200", {"bureau": "东山"}),
    "reported by several articles": ("select * from series where category = :category and n_articles > 1 "
                                     "order by period_end desc limit 200", {"category": "drugs"}),
    "one statistic over the years": ("select period_start, period_end, value, n_articles from series where "
                                     "org = :org and category = :category and measure = :measure and "
                                     "period_kind = :kind and scope = 'total' order by period_end",
                                     {"org": "南平县公安局", "category": "theft", "measure": "solved", "kind": "month"}),
}


def figures(rng: random.Random, year: int, month: int) -> list[dict]:
    out = []
    for k in range(rng.randint(4, 10)):
        category = rng.choice(list(CATEGORIES))
        measure = rng.choice(CATEGORIES[category])
        kind, months = rng.choice(KINDS)
        start = 1 if kind in ("year_to_date", "year") else max(1, month - months + 1)
        scope = rng.choices(["total", "place", "subgroup", "case"], [6, 2, 1, 1])[0]
        out.append({"indicator": f"{category}-{measure}", "value": rng.randint(1, 5000),
                    "unit": UNITS.get(measure, "起"), "approximate": False, "change_basis": None,
                    "change_direction": None, "change_value": None, "change_unit": None,
                    "period_text": kind, "period_start": f"{year}-{start:02d}-01", "period_end": f"{year}-{month:02d}-28",
                    "period_kind": kind, "place": "城区" if scope == "place" else None, "sentence": "…",
                    "span_start": k, "span_end": k + 1, "category": category, "measure": measure, "scope": scope,
                    "subgroup": "刷单返利类" if scope == "subgroup" else None})
    return out


def build(db: Path, n: int) -> tuple[float, float]:
    rng = random.Random(11)
    made: list[tuple[str, list[dict], str]] = []
    t0 = time.perf_counter()
    with Archive(db) as a:
        for start in range(0, n, 500):
            batch = []
            for i in range(start, min(n, start + 500)):
                if made and rng.random() < 0.1:  # a repost: another site, the same bureau's figures
                    org, metrics, day = rng.choice(made)
                else:
                    year, month = rng.randint(2019, 2025), rng.randint(1, 12)
                    org, metrics, day = rng.choice(BUREAUS), figures(rng, year, month), f"{year}-{month:02d}-28"
                    made.append((org, metrics, day))
                    made[:] = made[-2000:]
                batch.append(article_record(f"http://s{i % 40}.bench.invalid/a/{i}.html", f"通报{i}：{org}", org=org,
                                            metrics=metrics, published_at=day))
            a.write_batch(batch)
    return time.perf_counter() - t0, sum(len(m) for _, m, _ in made)


def timed(conn: sqlite3.Connection, sql: str, params: dict, repeat: int = 5) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = len(conn.execute(sql, params).fetchall())
        best = min(best, time.perf_counter() - t0)
    return best * 1000, rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this archive instead of a temporary one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "series.db"
        built = build(db, args.articles) if not db.exists() else None
        conn = sqlite3.connect(db)
        counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "metrics", "series")}
        shared = conn.execute("select count(*) from series where n_articles > 1").fetchone()[0]
        results = [(name, *timed(conn, sql, params)) for name, (sql, params) in QUERIES.items()]
        conn.close()
    lines = [f"`series` at {counts['articles']:,} articles: {counts['metrics']:,} figures, {counts['series']:,} "
             f"statistics ({shared:,} reported by more than one article)"]
    if built:
        lines.append(f"built through Archive.write_batch in {built[0]:.0f} s "
                     f"({built[0] * 1000 / args.articles:.2f} ms per article, series kept current on every write)")
    lines += ["", "| query | rows | ms (best of 5) |", "|---|---:|---:|"]
    lines += [f"| {name} | {rows} | {ms:.1f} |" for name, ms, rows in results]
    worst = max(ms for _, ms, _ in results)
    lines += ["", f"goal: a filtered query on series under 100 ms at 100,000 articles: worst {worst:.1f} ms — "
              f"{'met' if worst < 100 else 'MISSED'}"]
    text = "\n".join(lines)
    if args.articles == 100_000:
        (HERE / "RESULTS-series.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
