"""``python -m demoweb [--port 8700] [--truth] [--articles N] [--full-pages] [--js-site]``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from demoweb import DemoWeb, iter_truth


def main(argv: list[str] | None = None) -> int:
    """Serve the demo sites until Ctrl-C, or print the ground truth as JSON lines."""
    ap = argparse.ArgumentParser(prog="python -m demoweb", description=__doc__)
    ap.add_argument("--port", type=int, default=8700, help="port used on every loopback host (0 = ephemeral)")
    ap.add_argument("--truth", action="store_true", help="print the ground truth as JSON lines and exit")
    ap.add_argument("--articles", type=int, default=None, help="articles per news column")
    ap.add_argument("--full-pages", action="store_true",
                    help="wrap every page in full-weight portal furniture (menus, scripts, links), as real portals do")
    ap.add_argument("--js-site", action="store_true",
                    help="add the fourth site (127.0.0.14): lists and homepage boxes rendered by JavaScript from "
                         "data endpoints, one column readable only by running its scripts")
    args = ap.parse_args(argv)
    web = DemoWeb(port=args.port, articles_per_column=args.articles, full_pages=args.full_pages,
                  js_site=args.js_site)
    if args.truth:
        try:
            for t in iter_truth(web):
                row = asdict(t)
                row["text"] = t.text
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. piped into head
            sys.stderr.close()
        return 0
    with web:
        for url in web.start_urls():
            print(url, flush=True)
        print("serving the demo sites; press Ctrl-C to stop", file=sys.stderr, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
