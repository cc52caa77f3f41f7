"""`make bench` (search part): Chinese full-text search on an archive of 100,000 articles, as a browser gets it.

Goals (issue #17): every benchmark word's search page — ``/archive/articles?_search=WORD``, the HTML a browser
gets, facets included — answers in ≤ 100 ms at 100,000 articles, and with 8 clients searching at once the 95th
percentile stays ≤ 500 ms. Recall must equal a LIKE scan.

Measured for each word: the FTS5 bigram query alone and the LIKE scan it replaces (recall); through
``police-archive serve`` over HTTP the JSON API and the HTML page, each *cold* (the archive gets a committed write
before the request, as a crawl makes, so nothing is answered from a cache of the previous version) and *warm* (the
same request again); the relevance-sorted page; and the same HTML page from stock Datasette (our plugin
unregistered, only the Chinese tokenizer registered, the same metadata and settings). Then 8 clients, each
searching the words in turn, first on a quiet archive, then while a writer commits every second. Figures are
medians of several requests; the machine's load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from archive import Archive

HERE = Path(__file__).resolve().parent
WORDS = ["诈骗", "电信网络诈骗", "抓获犯罪嫌疑人", "酒驾", "户口迁移", "反诈", "派出所", "交通事故", "禁毒", "冒充客服",
         "护学岗", "网约车"]
GOAL_MS = 100
CONCURRENT_GOAL_MS = 500


def sentences() -> list[str]:
    out: list[str] = []
    for name in ("bulletins.jsonl", "heldout.jsonl", "heldout2.jsonl"):
        path = HERE.parent / "eval" / "metrics" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out.extend(s + "。" for s in json.loads(line)["text"].replace("\n", "。").split("。") if len(s) > 8)
    return out


#: facet values spread like a national archive's: many sites, a few provinces, CMS families and columns
PROVINCES = ["山西省", "浙江省", "广东省", "河南省", "四川省", "江苏省"]
COLUMNS = ["警务动态", "警情通报", "反诈宣传", "交管信息", "基层风采", "媒体聚焦"]
CMS = ["trs", "hanweb", "ucap", "nfcms", "unknown"]
SITES = 30


def build(db: Path, n: int) -> float:
    rng = random.Random(7)
    pool = sentences()
    t0 = time.perf_counter()
    with Archive(db) as a:
        with a.db.atomic():
            for s in range(1, SITES + 1):
                a.db.execute("INSERT INTO sites (host, base_url, name, first_seen, last_seen, province, cms) "
                             "VALUES (?, ?, ?, '2024-01-01', '2024-01-01', ?, ?)",
                             [f"s{s}.bench.invalid", f"http://s{s}.bench.invalid/", f"基准测试{s}号公安局",
                              PROVINCES[s % len(PROVINCES)], CMS[s % len(CMS)]])
        for start in range(0, n, 2000):
            with a.db.atomic():
                for i in range(start, min(n, start + 2000)):
                    text = "\n".join(rng.sample(pool, rng.randint(6, 14)))
                    day = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    site = rng.randint(1, SITES)
                    a.db.execute(
                        "INSERT INTO articles (url, site_id, title, published_at, text, content_hash, first_fetched_at, "
                        "fetched_at, year, province, column_name, cms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [f"http://s{site}.bench.invalid/{i}.html", site, text[:24], day, text, str(i), day, day,
                         day[:4], PROVINCES[site % len(PROVINCES)], rng.choice(COLUMNS), CMS[site % len(CMS)]])
    return time.perf_counter() - t0


#: stock Datasette: our plugin taken out, only the tokenizer put in (without it articles_fts cannot be read)
STOCK_SERVER = """
import sys, types
from datasette import hookimpl
from datasette.plugins import pm
from archive import fts
pm.unregister(name="police_archive")
tokenizer_only = types.ModuleType("tokenizer_only")
tokenizer_only.prepare_connection = hookimpl(lambda conn: fts.register(conn), specname="prepare_connection")
pm.register(tokenizer_only, name="tokenizer_only")
from datasette.cli import cli
cli.main(sys.argv[1:])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(db: Path, stock: bool):
    """``police-archive serve``, or stock Datasette with the same metadata and settings; yields its base URL."""
    from archive.metadata import datasette_metadata
    from crawler.cli import datasette_serve_args

    port = free_port()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(datasette_metadata(db.stem), fh, ensure_ascii=False)
    if stock:
        cmd = [sys.executable, "-c", STOCK_SERVER, *datasette_serve_args(str(db), fh.name, "127.0.0.1", port)]
    else:
        cmd = [sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parents[1])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/{db.stem}.json", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"server did not start: {cmd}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
        os.unlink(fh.name)


class Writer:
    """Commits a write to the archive, as a crawl's batch does (a write that changes nothing would not count)."""

    def __init__(self, db: Path):
        import sqlite3

        self.conn = sqlite3.connect(db, check_same_thread=False)
        self.lock = threading.Lock()

    def commit(self) -> None:
        with self.lock:
            self.conn.execute("UPDATE sites SET last_seen = ? WHERE id = 1", [f"{time.time():.6f}"])
            self.conn.commit()


def get(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        r.read()
        if r.status != 200:
            raise RuntimeError(f"{url}: HTTP {r.status}")
    return (time.perf_counter() - t0) * 1000


def cold_warm(url: str, writer: Writer, repeat: int) -> tuple[float, float]:
    """Median ms of ``repeat`` cold requests (each after a committed write) and of the warm repeats right after."""
    cold, warm = [], []
    for _ in range(repeat):
        writer.commit()
        time.sleep(0.02)
        cold.append(get(url))
        warm.append(get(url))
    return statistics.median(cold), statistics.median(warm)


def concurrent(urls: list[str], clients: int, seconds: float, writer: Writer | None) -> dict[str, float]:
    """``clients`` threads requesting ``urls`` in turn (each from its own offset) for ``seconds``; with a
    ``writer``, a commit every second meanwhile. Latencies in ms: p50, p95, max, and requests per second."""
    times: list[float] = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            ms = get(urls[i % len(urls)])
            with lock:
                times.append(ms)
            i += 1

    def write() -> None:
        while time.monotonic() < stop:
            writer.commit()
            time.sleep(1)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    if writer is not None:
        threads.append(threading.Thread(target=write))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))], "max": times[-1],
            "rps": len(times) / seconds, "n": len(times)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this archive instead of a temporary one")
    ap.add_argument("--repeat", type=int, default=5, help="requests per figure (the median is reported)")
    ap.add_argument("--seconds", type=float, default=20, help="length of each concurrency run")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--no-stock", action="store_true", help="skip stock Datasette (its pages take seconds)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "fts.db"
        db = db.resolve()
        build_s = build(db, args.articles) if not db.exists() else None
        writer = Writer(db)
        conn = writer.conn
        from archive import fts

        fts.register(conn)
        rows = {}
        for word in WORDS:
            hits, fts_ms = set(), []
            for _ in range(3):
                t0 = time.perf_counter()
                hits = {r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                                                   [f'"{word}"'])}
                fts_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            like = {r[0] for r in conn.execute("SELECT id FROM articles WHERE title LIKE ? OR text LIKE ?",
                                               [f"%{word}%", f"%{word}%"])}
            rows[word] = {"matches": len(like), "recall": hits == like, "fts": min(fts_ms),
                          "like": (time.perf_counter() - t0) * 1000}

        def page(base: str, word: str, kind: str) -> str:
            q = urllib.parse.quote(word)
            return {"json": f"{base}/{db.stem}/articles.json?_search={q}&_size=50",
                    "html": f"{base}/{db.stem}/articles?_search={q}",
                    "rank": f"{base}/{db.stem}/-/search?q={q}&sort=rank"}[kind]

        load_before = os.getloadavg()
        with server(db, stock=False) as base:
            for word in WORDS:
                for kind in ("json", "html", "rank"):
                    rows[word][kind] = cold_warm(page(base, word, kind), writer, args.repeat)
            html_urls = [page(base, w, "html") for w in WORDS]
            ours_quiet = concurrent(html_urls, args.clients, args.seconds, None)
            ours_writing = concurrent(html_urls, args.clients, args.seconds, writer)
        stock_conc = None
        if not args.no_stock:
            with server(db, stock=True) as base:
                for word in WORDS:
                    rows[word]["stock"] = cold_warm(page(base, word, "html"), writer, max(1, args.repeat // 2))
                stock_conc = concurrent([page(base, w, "html") for w in WORDS], args.clients, args.seconds, None)
        load_after = os.getloadavg()
    built = f"built and indexed in {build_s:.0f} s" if build_s is not None else f"reused {db.name}"
    lines = [f"Chinese full-text search on {args.articles:,} articles ({built}); {os.cpu_count()} CPU cores, load "
             f"average {load_before[0]:.1f} before and {load_after[0]:.1f} after",
             "", "| word | matches | recall = LIKE | FTS5 ms | LIKE ms | JSON cold / warm | **search page cold** / warm "
             "| by relevance cold / warm | stock Datasette page cold / warm |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for word, r in rows.items():
        stock = f"{r['stock'][0]:.0f} / {r['stock'][1]:.0f}" if "stock" in r else "—"
        lines.append(f"| {word} | {r['matches']} | {'yes' if r['recall'] else 'NO'} | {r['fts']:.1f} | {r['like']:.0f} "
                     f"| {r['json'][0]:.0f} / {r['json'][1]:.0f} | **{r['html'][0]:.0f}** / {r['html'][1]:.0f} "
                     f"| {r['rank'][0]:.0f} / {r['rank'][1]:.0f} | {stock} |")

    def conc(name: str, c: dict[str, float] | None) -> str:
        if c is None:
            return f"| {name} | — | — | — | — |"
        return f"| {name} | {c['p50']:.0f} | {c['p95']:.0f} | {c['max']:.0f} | {c['rps']:.1f} ({c['n']} requests) |"

    worst = max(r["html"][0] for r in rows.values())
    lines += ["", f"{args.clients} clients at once, each requesting the search pages of the words in turn for "
              f"{args.seconds:.0f} s (ms):", "", "| server | p50 | p95 | max | pages per second |", "|---|---:|---:|---:|---:|",
              conc("police-archive serve, archive quiet", ours_quiet),
              conc("police-archive serve, a commit every second", ours_writing),
              conc("stock Datasette, archive quiet", stock_conc),
              "", "Search page = `/archive/articles?_search=WORD`, the HTML a browser gets: the match count, the "
              "first 50 results with snippets, and the table's five facets (site, province, column, year, CMS) counted "
              "over every match. Cold = after a committed write (every cache of the previous archive version is "
              "dropped), warm = the same request again; medians of "
              f"{args.repeat} requests. JSON = `articles.json?_search=WORD&_size=50` (count, rows and facets). By "
              "relevance = `/archive/-/search?q=WORD&sort=rank` (bm25 over every match, then 20 results). Stock "
              "Datasette = the same archive, metadata and settings without our plugin (only the tokenizer).",
              f"goal: every search page ≤ {GOAL_MS} ms cold: worst {worst:.0f} ms — "
              f"{'met' if worst <= GOAL_MS else 'MISSED'}; {args.clients} clients p95 ≤ {CONCURRENT_GOAL_MS} ms: "
              f"{ours_quiet['p95']:.0f} ms quiet, {ours_writing['p95']:.0f} ms while writing — "
              f"{'met' if max(ours_quiet['p95'], ours_writing['p95']) <= CONCURRENT_GOAL_MS else 'MISSED'}; "
              f"recall equal to LIKE on every word: {'met' if all(r['recall'] for r in rows.values()) else 'MISSED'}"]
    text = "\n".join(lines)
    (HERE / "RESULTS-fts.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
