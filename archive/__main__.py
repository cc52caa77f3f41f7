"""``python -m archive schema``: print the schema page of the documentation (``docs/schema.md``)."""

from __future__ import annotations

import sys

from archive.tables import schema_markdown

if __name__ == "__main__":
    if sys.argv[1:] != ["schema"]:
        print("usage: python -m archive schema > docs/schema.md", file=sys.stderr)
        raise SystemExit(2)
    sys.stdout.write(schema_markdown())
