"""`police-archive serve` on a free loopback port, as a user starts it, for the web and browser tests."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import CLI, free_port


@contextmanager
def serving(db: Path, *extra: str) -> Iterator[str]:
    """Serve ``db``; yield the base URL (``http://127.0.0.1:PORT``); stop the server afterwards."""
    port = free_port()
    log = db.with_name(db.stem + "-serve.log")
    with log.open("wb") as fh:
        proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), *extra],
                                stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/{db.stem}.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve did not start: {log.read_text(errors='replace')[-2000:]}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()
