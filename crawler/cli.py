"""The ``police-archive`` command line: crawl, extract, serve, stats."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import click
from rich.console import Console
from rich.table import Table

err = Console(stderr=True)


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="URL")
    return url


def _urls_from_config(path: str) -> tuple[list[str], dict]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--config") from exc
    urls: list[str] = []
    for site in data.get("sites", []):
        urls.extend(site.get("start_urls", []))
    return urls, data.get("crawl", {})


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="police-archive")
def cli() -> None:
    """Crawl Chinese police bureau news columns into a SQLite archive, and browse it.

    Typical use: `police-archive crawl URL --db archive.db`, then `police-archive serve --db archive.db`.
    """


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite archive to create or update.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between requests to one host, with AutoThrottle. 0 turns delays and AutoThrottle off "
                   "(loopback tests and benchmarks only).")
@click.option("--max-pages", type=click.IntRange(min=0), default=0, show_default=True,
              help="Most list pages to fetch per start URL (0 = all).")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False),
              help="TOML sites file: [[sites]] tables with name and start_urls.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@click.option("--log-level", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), help="Scrapy's log level.")
def crawl(urls: tuple[str, ...], db: str, delay: float, max_pages: int, config: str | None, quiet: bool,
          log_level: str) -> None:
    """Crawl column (栏目) list pages URLS and archive every article.

    Each URL is a column's first list page. The crawl follows the column's pagination (TRS
    createPageHTML, Hanweb datastore/dataproxy, 下一页 links), fetches each article once, stays on the
    URL's host, obeys robots.txt, and records every fetch, including failures, in the archive. Progress goes
    to stderr; a summary table ends the run. Exit status 0 when the crawl ran (failed pages are recorded),
    1 when a start URL could not be fetched, 2 for bad arguments.
    """
    start = list(urls)
    if config:
        more, _ = _urls_from_config(config)
        start.extend(more)
    if not start:
        raise click.UsageError("give at least one URL or --config FILE")
    for u in start:
        _check_url(u)
    from crawler.run import run_crawl

    result = run_crawl(start, db, delay=delay, max_pages=max_pages, progress=not quiet, log_level=log_level)
    _print_summary(result.summary, db)
    if result.start_failures:
        for url, reason in result.start_failures.items():
            err.print(f"error: cannot fetch start URL {url}: {reason}", highlight=False)
        sys.exit(1)


def _print_summary(summary: dict, db: str) -> None:
    table = Table(title=f"crawl summary → {db}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("requests", "bytes", "list_pages", "articles_new", "articles_changed", "articles_unchanged", "errors"):
        table.add_row(key.replace("_", " "), str(summary.get(key, 0)))
    err.print(table)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--url", default=None, help="URL the page was fetched from (resolves links, dates in URLs). "
              "Default: file:// URL of each file.")
@click.option("--content-type", default=None, help="Content-Type header the page was served with, if known.")
def extract(files: tuple[str, ...], url: str | None, content_type: str | None) -> None:
    """Extract saved article pages offline; print one JSON object per file per line, in order.

    Each object has title, published_at, source, site_name, column_name, text (paragraphs separated by
    \\n), content_hash, cms and more. A file that cannot be read as a page prints {"file", "error"}.
    """
    from extract import DecodeError, extract_article

    for f in files:
        page_url = url or Path(f).resolve().as_uri()
        try:
            art = extract_article(Path(f).read_bytes(), page_url, content_type)
            rec = {"file": f, **art.to_dict()}
        except DecodeError as exc:
            rec = {"file": f, "error": str(exc)}
        click.echo(json.dumps(rec, ensure_ascii=False))


@cli.command()
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to browse.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port on 127.0.0.1.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind to.")
def serve(db: str, port: int, host: str) -> None:
    """Browse the archive in Datasette, with Chinese full-text search on articles."""
    import tempfile

    from datasette.cli import cli as datasette_cli

    from archive.metadata import datasette_metadata

    meta = datasette_metadata(Path(db).stem)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False)
    datasette_cli.main(["serve", db, "--metadata", fh.name, "--host", host, "--port", str(port),
                        "--setting", "sql_time_limit_ms", "5000"], standalone_mode=True)


@cli.command()
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to summarise.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats(db: str, as_json: bool) -> None:
    """Counts of articles, sites, pages and runs, per site and per column."""
    import sqlite3

    import sqlite_utils

    from archive import fts
    from archive.stats import archive_stats

    conn = sqlite3.connect(db)
    fts.register(conn)
    s = archive_stats(sqlite_utils.Database(conn))
    conn.close()
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    out = Console()
    t = Table(title=f"{db}")
    t.add_column("measure")
    t.add_column("value", justify="right")
    for k in ("articles", "sites", "pages", "failed_pages", "raw_bytes", "stored_bytes", "runs"):
        t.add_row(k.replace("_", " "), str(s[k]))
    out.print(t)
    ts = Table(title="per site")
    for c in ("site", "host", "articles", "first", "last"):
        ts.add_column(c)
    for r in s["per_site"]:
        ts.add_row(*(str(r[c] or "") for c in ("site", "host", "articles", "first", "last")))
    out.print(ts)
    tc = Table(title="per column")
    for c in ("site", "column", "articles"):
        tc.add_column(c)
    for r in s["per_column"]:
        tc.add_row(*(str(r[c] or "") for c in ("site", "column", "articles")))
    out.print(tc)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
