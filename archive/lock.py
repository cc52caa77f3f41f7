"""One writer per archive: an advisory lock file beside the database."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class ArchiveLocked(RuntimeError):
    """Another process holds the archive's lock."""


class ArchiveLock:
    """``with ArchiveLock("archive.db"):`` — fails at once if another crawl holds ``archive.db.lock``.

    The lock is an ``flock`` on the file, released by the kernel when the process ends, even by SIGKILL,
    so a crashed crawl never leaves a stale lock behind.
    """

    def __init__(self, db_path: str | Path):
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    def __enter__(self) -> ArchiveLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "another process"
            os.close(fd)
            raise ArchiveLocked(f"another crawl (pid {holder}) is writing {self.path.with_suffix('')}") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
