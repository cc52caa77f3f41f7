"""`make bench` (incremental part): first and second crawl of a 1,000-article demo column, side by side.

Goal (issue: scheduled, incremental crawls): the second crawl of an unchanged column makes at most 2% of
the first crawl's requests. Requests are counted by the demo server itself, so robots.txt, list pages,
articles and conditional requests all count.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demoweb import DemoWeb

ARTICLES = 1000


def crawl(url: str, db: Path, *extra: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", url, "--db", str(db), "--delay", "0", "-q", *extra],
                   check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, DemoWeb(port=0, articles_per_column=ARTICLES) as web:
        for key in ("trs", "hanweb", "aspx"):
            site = web.site(key)
            url = site.column_urls[0]
            db = Path(tmp) / f"{key}.db"
            r0 = site.requests
            t1 = crawl(url, db)
            r1 = site.requests - r0
            t2 = crawl(url, db)
            r2 = site.requests - r0 - r1
            rows.append((key, r1, t1, r2, t2))
    print(f"incremental crawl of one {ARTICLES}-article column per family (requests counted by the server)")
    print(f"{'family':8} {'1st requests':>13} {'1st s':>7} {'2nd requests':>13} {'2nd s':>7} {'2nd/1st':>8}  goal ≤ 2%")
    for key, r1, t1, r2, t2 in rows:
        ratio = r2 / r1
        print(f"{key:8} {r1:13d} {t1:7.1f} {r2:13d} {t2:7.1f} {ratio:8.2%}  {'met' if ratio <= 0.02 else 'MISSED'}")


if __name__ == "__main__":
    main()
