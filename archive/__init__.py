"""The archive: SQLite schema, writes, full-text search and Datasette configuration.

Only this package knows SQL and files. Everything else hands it plain dicts.
"""

from archive.store import Archive

__all__ = ["Archive"]
