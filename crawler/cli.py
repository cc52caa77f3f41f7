"""The ``police-archive`` command line: crawl, extract, serve, stats."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from rich.console import Console
from rich.table import Table

from archive.export import EXPORTABLE_TABLES

# soft_wrap: an error stays one line whatever the terminal width (logs and cron mail are grepped)
err = Console(stderr=True, soft_wrap=True)


def _archive_usable(db: str, write: bool = False, must_exist: bool = True) -> None:
    """Exit with one line when ``db`` cannot be used as an archive (see :func:`archive.opening.check_openable`)."""
    from archive.opening import ArchiveError, check_openable

    try:
        check_openable(db, write=write, must_exist=must_exist)
    except ArchiveError as exc:
        err.print(f"error: {exc}", highlight=False)
        sys.exit(1)


def _settings_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip().isidentifier() or name.strip() != name.strip().upper():
            raise click.BadParameter(f"expected NAME=VALUE with an upper-case setting name, got {pair!r}",
                                     param_hint="--set")
        out[name.strip()] = value
    return out


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="URL")
    return url


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="police-archive")
def cli() -> None:
    """Crawl Chinese police bureau news columns into a SQLite archive, and browse it.

    Typical use: `police-archive crawl URL --db archive.db`, then `police-archive serve --db archive.db`.
    """


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite archive to create or update.")
@click.option("--delay", type=click.FloatRange(min=0), default=None,
              help="Seconds between requests to one host, with AutoThrottle (default 1, or the sites file's "
                   "[crawl] delay). 0 turns delays and AutoThrottle off (loopback tests and benchmarks only).")
@click.option("--max-pages", type=click.IntRange(min=0), default=None,
              help="Most list pages to fetch per start URL (default 0 = all).")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False),
              help="TOML sites file: many sites with their own delay, max pages and selector overrides.")
@click.option("--full", is_flag=True, help="Walk every list page and re-fetch every article (with conditional "
              "requests), instead of stopping at articles already archived.")
@click.option("--warc-dir", type=click.Path(file_okay=False), default=None,
              help="Where WARC files go (default: <archive stem>-warc beside the archive).")
@click.option("--warc-compression", type=click.Choice(["gzip", "zstd"]), default=None,
              help="How WARC records are compressed. gzip (default, or the sites file's [crawl] "
                   "warc_compression): .warc.gz files, which every WARC tool (warcio, pywb) reads. zstd: "
                   ".warc.zst files (IIPC WARC-zstd: one zstd frame per record, with a dictionary trained on "
                   "the crawl's own pages), about a third of gzip's bytes, but read only by this tool "
                   "(archive.warc.read_response).")
@click.option("--site", "sites", multiple=True, metavar="URL",
              help="Site mode: a bureau's homepage; its news columns are discovered and crawled. Repeatable.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Keep only articles published on or after this day; pagination stops at the first list page "
                   "wholly older than it.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Keep only articles published on or before this day.")
@click.option("--user-agent", default=None, help="User-Agent for this run (default names the tool and its URL).")
@click.option("--redis", "redis_url", default=None, metavar="redis://HOST:PORT/DB",
              help="Distributed mode: this process is one worker; every worker started with the same Redis URL and "
                   "start URLs shares one request queue and duplicate filter (scrapy-redis). --db is its shard.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds before a request is abandoned (then retried with backoff).")
@click.option("--extract-workers", type=click.IntRange(min=0), default=None,
              help="Processes that extract articles while the crawl goes on downloading and writing (default: "
                   "one per CPU core, at most 4, none on one core; 0 = extract on the crawl's own thread).")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@click.option("--log-level", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), help="Scrapy's log level.")
@click.option("--no-browser", is_flag=True,
              help="Never start the headless browser. By default a list page or homepage whose content a script "
                   "writes, and whose data request cannot be read from its scripts, is rendered in Chromium "
                   "(Debian's chromium); without one such a page is recorded in fetch_errors.")
@click.option("--set", "set_pairs", multiple=True, metavar="NAME=VALUE",
              help="A Scrapy setting for this run, e.g. --set RETRY_BACKOFF_BASE=0.1 (repeatable; it wins over the "
                   "options above). The project's own settings are listed in docs/operations.md.")
def crawl(urls: tuple[str, ...], db: str, delay: float | None, max_pages: int | None, config: str | None,
          full: bool, warc_dir: str | None, warc_compression: str | None, sites: tuple[str, ...], since: Any,
          until: Any, user_agent: str | None, redis_url: str | None, timeout: float, extract_workers: int | None,
          quiet: bool, log_level: str, no_browser: bool, set_pairs: tuple[str, ...]) -> None:
    """Crawl column (栏目) list pages URLS and archive every article.

    Each URL is a column's first list page. The crawl follows the column's pagination (TRS
    createPageHTML, Hanweb datastore/dataproxy, 下一页 links), fetches each article once, stays on the
    URL's host, obeys robots.txt, and records every fetch, including failures, in the archive and in WARC
    files. By default it is incremental: articles already archived are not fetched again and pagination
    stops at the first list page that brings nothing new. Progress goes to stderr; a summary table ends the
    run. Exit status 0 when the crawl ran (failed pages are recorded), 1 when a start URL could not be
    fetched or another crawl holds the archive, 2 for bad arguments.
    """
    from archive.lock import ArchiveLock, ArchiveLocked
    from crawler.config import ConfigError, load_config
    from crawler.run import run_crawl

    start = list(urls)
    homes = list(sites)
    overrides: dict = {}
    slots: dict = {}
    defaults: dict = {}
    if config:
        try:
            cfg = load_config(config)
        except ConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="--config") from exc
        start.extend(cfg.start_urls())
        homes.extend(cfg.homepages())
        overrides, slots, defaults = cfg.overrides(), cfg.host_slots(), cfg.defaults
    if not start and not homes:
        raise click.UsageError("give at least one URL, --site URL or --config FILE")
    for u in start + homes:
        _check_url(u)
    if redis_url and urlsplit(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise click.BadParameter(f"not a Redis URL: {redis_url!r}", param_hint="--redis")
    if since and until and since > until:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    delay = delay if delay is not None else float(defaults.get("delay", 1.0))
    max_pages = max_pages if max_pages is not None else int(defaults.get("max_pages", 0))
    warc_compression = warc_compression or defaults.get("warc_compression") or "gzip"
    extra = {"ARCHIVE_WARC_DIR": warc_dir or "", "ARCHIVE_WARC_COMPRESSION": warc_compression,
             "DOWNLOAD_TIMEOUT": timeout, "EXTRACT_WORKERS": extract_workers,
             **({"BROWSER_ENABLED": False} if no_browser else {}), **_settings_pairs(set_pairs)}
    _archive_usable(db, write=True, must_exist=False)
    try:
        with ArchiveLock(db):
            result = run_crawl(start, db, delay=delay, max_pages=max_pages, progress=not quiet,
                               log_level=log_level, full=full, overrides=overrides, host_slots=slots, extra=extra,
                               sites=homes, since=since.date().isoformat() if since else None,
                               until=until.date().isoformat() if until else None,
                               user_agent=user_agent or defaults.get("user_agent"), redis_url=redis_url)
    except ArchiveLocked as exc:
        err.print(f"error: {exc}", highlight=False)
        sys.exit(1)
    if homes:
        err.print(f"site mode: {len(result.columns)} news columns found on {len(homes)} sites", highlight=False)
    print_summary(result.summary, db)
    if result.summary.get("no_browser"):
        err.print(f"warning: {result.summary['no_browser']} list page(s) are written by script and needed a browser "
                  "that could not be used; they are in fetch_errors (install Debian's chromium, drop --no-browser)",
                  highlight=False)
    if result.summary.get("empty_columns"):
        err.print(f"warning: {result.summary['empty_columns']} column(s) link no article on their first list page, "
                  "even rendered; they are in fetch_errors (a sites-file article_links selector may help)",
                  highlight=False)
    if result.summary.get("failed"):
        err.print(f"error: the crawl stopped early: {result.summary['failed']} (run it again to resume)",
                  highlight=False)
        sys.exit(1)
    if result.start_failures:
        for url, reason in result.start_failures.items():
            err.print(f"error: cannot fetch start URL {url}: {reason}", highlight=False)
        sys.exit(1)


@cli.command()
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to check.")
@click.option("--warc-dir", type=click.Path(file_okay=False), default=None,
              help="Where the WARC files are (default: <archive stem>-warc beside the archive).")
def check(db: str, warc_dir: str | None) -> None:
    """Verify an archive: SQLite integrity, foreign keys, orphan rows, duplicate articles, the full-text
    index, and every WARC pointer (the record is readable and its payload matches the stored hash).

    Prints what it checked and found. Torn WARC tails left by a killed crawl are reported as notes, not
    problems: no archive row points past them. Exit status 0 when sound, 1 when problems were found.
    """
    from archive.check import check_archive

    _archive_usable(db)
    report = check_archive(db, warc_dir)
    for k, v in report.checked.items():
        click.echo(f"checked {k}: {v}")
    for note in report.notes:
        click.echo(f"note: {note}")
    for problem in report.problems:
        click.echo(f"problem: {problem}")
    click.echo("ok" if report.ok else f"{len(report.problems)} problem(s)")
    sys.exit(0 if report.ok else 1)


@cli.command("export")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to export.")
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "jsonl", "parquet"]),
              help="csv (UTF-8 with BOM, opens in Excel), jsonl (one JSON object per line) or parquet (needs pyarrow).")
@click.option("--table", "tables", multiple=True, type=click.Choice(list(EXPORTABLE_TABLES)),
              help="Table to export; repeat for several (default: every table but pages; pages without raw bodies).")
@click.option("--since", metavar="DATE", default=None,
              help="Only rows dated on or after DATE (YYYY-MM-DD): articles by publish date, their metrics, "
                   "attachments and versions with them, sites/columns/runs/pages by crawl time.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Directory to write to (default: <archive stem>-export beside the archive).")
def export_cmd(db: str, fmt: str, tables: tuple[str, ...], since: str | None, out: str | None) -> None:
    """Export tables as CSV, JSON Lines or Parquet files for analysis, with a data dictionary.

    Writes one file per table (articles.csv, metrics.csv, …) into the --out directory, plus
    DATA_DICTIONARY.md describing every exported table and column (type, unit, meaning). CSV is UTF-8 with
    a byte-order mark so Excel shows Chinese correctly. The archive is only read, as one consistent
    snapshot, so a running crawl does not disturb it. Prints the files written.
    """
    from archive.export import ExportError, export

    _archive_usable(db)
    try:
        files = export(db, fmt, out, table=list(tables) or None, since=since)
    except ExportError as exc:
        if exc.param in ("--since", "--table", "--format"):
            raise click.BadParameter(str(exc), param_hint=exc.param) from exc
        err.print(f"error: {exc}", highlight=False)
        sys.exit(1)
    for f in files:
        click.echo(str(f))


@cli.command()
@click.option("--db", "out", required=True, type=click.Path(dir_okay=False), help="Archive to merge into (created if missing).")
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def merge(out: str, shards: tuple[str, ...], as_json: bool) -> None:
    """Merge archive SHARDS (e.g. one per distributed worker) into the archive --db, without duplicates.

    Sites, pages, articles, metrics, attachments, versions, columns and crawl runs are matched by their
    natural keys; when both sides hold an article the later fetch wins (the older text becomes a version).
    WARC files are copied beside the output. Idempotent: merging a shard again adds nothing.
    """
    from archive.lock import ArchiveLock, ArchiveLocked
    from archive.merge import MergeConflict
    from archive.merge import merge as run

    _archive_usable(out, write=True, must_exist=False)
    for shard in shards:
        _archive_usable(shard)
    try:
        with ArchiveLock(out):
            report = run(out, list(shards))
    except (ArchiveLocked, MergeConflict) as exc:
        err.print(f"error: {exc}", highlight=False)
        sys.exit(1)
    data = {"shards": report.shards, "pages_added": report.pages_added, "articles_added": report.articles_added,
            "articles_updated": report.articles_updated, "warc_files_copied": report.warc_files_copied,
            "per_shard": report.per_shard}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(f"merged {report.shards} shards into {out}: {report.articles_added} articles and "
                   f"{report.pages_added} pages added, {report.articles_updated} articles updated, "
                   f"{report.warc_files_copied} WARC files copied")


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between requests to one host (0 for loopback tests).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.option("--no-browser", is_flag=True, help="Never render a homepage in the headless browser (see crawl).")
def columns(urls: tuple[str, ...], delay: float, as_json: bool, no_browser: bool) -> None:
    """Show the news columns site mode would crawl on each homepage URL, without crawling them.

    Fetches each homepage and each candidate column's first list page (robots.txt obeyed) and prints
    name, URL, pagination family and the first page's article count for every column kept. Candidates are
    menu links, column-box headers and 更多 links with news-like names (新闻, 动态, 警务, 警情, 通报, 公告 …);
    service, interaction, download and about pages are not columns.
    """
    from crawler.run import run_crawl

    for u in urls:
        _check_url(u)
    result = run_crawl([], "", delay=delay, progress=False, sites=list(urls), discover_only=True,
                       extra={"BROWSER_ENABLED": False} if no_browser else None)
    if as_json:
        for c in result.columns:
            click.echo(json.dumps(c, ensure_ascii=False))
    else:
        t = Table(title="news columns")
        for col in ("site", "name", "url", "family", "articles"):
            t.add_column(col)
        for c in result.columns:
            t.add_row(*(str(c.get(k) or "") for k in ("site", "name", "url", "family", "articles")))
        Console().print(t)
    if result.start_failures:
        for url, reason in result.start_failures.items():
            err.print(f"error: cannot fetch {url}: {reason}", highlight=False)
        sys.exit(1)


def print_summary(summary: dict, db: str) -> None:
    """The table that ends a crawl (on stderr): its counts, as its crawl_runs row holds them."""
    table = Table(title=f"crawl summary → {db}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("requests", "bytes", "list_pages", "articles_new", "articles_changed", "articles_unchanged",
                "not_modified", "errors"):
        table.add_row(key.replace("_", " "), str(summary.get(key, 0)))
    statuses = summary.get("status_counts") or {}
    if statuses:
        table.add_row("statuses", " ".join(f"{k}:{v}" for k, v in sorted(statuses.items())))
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
@click.option("--warc-dir", type=click.Path(file_okay=False), default=None,
              help="Where the archive's WARC files are, for the archived capture pages (default: <archive stem>-warc "
                   "beside the archive).")
def serve(db: str, port: int, host: str, warc_dir: str | None) -> None:
    """Browse the archive: a home page, search results with highlighted snippets, article pages with their
    figures marked, archived captures and a statistics explorer, on Datasette (tables, SQL, JSON and CSV)."""
    import tempfile

    from datasette.cli import cli as datasette_cli

    from archive.metadata import datasette_metadata

    _archive_usable(db)
    meta = datasette_metadata(Path(db).stem, str(Path(warc_dir).resolve()) if warc_dir else None)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False)
    datasette_cli.main(datasette_serve_args(db, fh.name, host, port), standalone_mode=True)


def datasette_serve_args(db: str, metadata_file: str, host: str, port: int) -> list[str]:
    """Datasette's command line for ``serve`` (the search benchmark starts stock Datasette with the same)."""
    # truncate_cells_html: a table cell shows at most a line of text (an article's text is a snippet, never whole)
    return ["serve", db, "--metadata", metadata_file, "--host", host, "--port", str(port),
            "--setting", "sql_time_limit_ms", "5000", "--setting", "truncate_cells_html", "100",
            # suggested facets cost ~90% of a search on a large archive; the useful ones are configured
            "--setting", "suggest_facets", "off", "--setting", "facet_time_limit_ms", "150"]


@cli.command()
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to rebuild.")
@click.option("--warc-dir", type=click.Path(file_okay=False), default=None,
              help="Where the WARC files are (default: <archive stem>-warc beside the archive).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the number of CPU cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def reextract(db: str, warc_dir: str | None, workers: int | None, as_json: bool) -> None:
    """Rebuild article rows from the archived raw bytes, without network.

    Every article is extracted again from the exact bytes its server sent (WARC record or inline copy);
    rows whose extracted fields differ are rewritten in place. Prints counts (articles, changed, unchanged,
    failed), the fields that changed and a few examples. Running it twice changes nothing the second time.
    """
    from archive import Archive, ArchiveError
    from archive.lock import ArchiveLock, ArchiveLocked
    from archive.store import warc_dir_for
    from crawler.reextract import reextract as run

    _archive_usable(db, write=True)
    try:
        with ArchiveLock(db), Archive(db, warc_dir=warc_dir_for(db, warc_dir)) as archive:
            report = run(archive, workers=workers or os.cpu_count() or 1)
    except (ArchiveLocked, ArchiveError) as exc:
        err.print(f"error: {exc}", highlight=False)
        sys.exit(1)
    data = {"articles": report.articles, "changed": report.changed, "unchanged": report.unchanged,
            "failed": report.failed, "fields": dict(report.fields), "examples": report.examples,
            "failures": report.failures[:20]}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles {report.articles} · changed {report.changed} · unchanged {report.unchanged} · "
               f"failed {report.failed}")
    for f, n in report.fields.most_common():
        click.echo(f"  {f}: {n} changed")
    for ex in report.examples:
        click.echo(f"  e.g. {ex['url']}")
        for f, (old, new) in ex["changes"].items():
            click.echo(f"      {f}: {old!r} → {new!r}")
    for line in report.failures[:20]:
        click.echo(f"  failed: {line}")


@cli.command()
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False), help="Archive to summarise.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats(db: str, as_json: bool) -> None:
    """Counts of articles, sites, pages and runs, per site and per column."""
    import sqlite3

    import sqlite_utils

    from archive import fts
    from archive.stats import archive_stats

    _archive_usable(db)
    conn = sqlite3.connect(db)
    try:
        fts.register(conn)
        s = archive_stats(sqlite_utils.Database(conn))
    except sqlite3.Error as exc:
        err.print(f"error: cannot read {db}: {exc}", highlight=False)
        sys.exit(1)
    finally:
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
