"""The archive: SQLite schema, writes, full-text search, exports and Datasette configuration.

Only this package knows SQL and files. The crawler hands it typed records (:mod:`archive.records`); every table and
column is declared once in :mod:`archive.tables`.
"""

from archive.opening import ArchiveError
from archive.store import Archive

__all__ = ["Archive", "ArchiveError"]
