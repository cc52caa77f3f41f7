"""`make demo`: serve the bundled demo web on loopback and crawl every column of its three sites."""

from __future__ import annotations

import click


@click.command()
@click.option("--db", default="archive.db", show_default=True)
@click.option("--port", default=8700, show_default=True, help="Port used on each demo host (127.0.0.11-13).")
@click.option("--delay", default=0.0, show_default=True, help="Per-host delay; loopback needs none.")
def main(db: str, port: int, delay: float) -> None:
    """Start the demo web, crawl it into DB, stop it, and say how to browse the result."""
    from crawler.run import run_crawl
    from demoweb import DemoWeb

    with DemoWeb(port=port) as web:
        urls = web.start_urls()
        click.echo(f"demo web up: {len(web.sites)} sites, {len(urls)} columns", err=True)
        for u in urls:
            click.echo(f"  {u}", err=True)
        result = run_crawl(urls, db, delay=delay)
    from crawler.cli import print_summary

    print_summary(result.summary, db)
    click.echo(f"done: {db}. Browse it with `make serve` (http://127.0.0.1:8001/).", err=True)


if __name__ == "__main__":
    main()
