"""Writers to a SQLite database take turns, across gunicorn's worker processes.

SQLite lets one connection write at a time; the others poll for its lock, sleeping 1, 2, 5, 10…
milliseconds between tries, so a writer can wait long after the lock is free. Instead a process
takes its turn to write from an flock on a file beside the database, which wakes the next writer
the moment the last one commits. (Within a process, surveys/group_writer.py already writes one
group at a time.) PostgreSQL needs none of this: its row locks queue.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: threads still take turns, processes poll as before
    fcntl = None

_lock_files: dict[str, object] = {}
_guard = threading.Lock()


def sqlite_path(database_url: str) -> str | None:
    """Return the file of a SQLite database URL, or None for any other database (or :memory:)."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix) or database_url.startswith(prefix + ":memory:"):
        return None
    return database_url[len(prefix) :].split("?", 1)[0]


class TurnCameTooLate(sqlite3.OperationalError):
    """The turn to write came only after the whole wait a write is allowed: the processes before
    this one were each refused the database's lock (another connection holds it)."""

    def __init__(self, waited_s: float):
        super().__init__(f"database is locked: the turn to write came after {waited_s:.1f} s")


@contextlib.contextmanager
def writer_turn(database_url: str, *, wait_s: float | None = None) -> Iterator[float | None]:
    """Yield, once this process has the turn to write to the SQLite database at database_url,
    what is left of wait_s for the database's own lock (None at once for any other database, or
    where flock is missing). Having waited wait_s or more for the turn, raise TurnCameTooLate
    instead: a process that then waited its own wait for the database's lock would make the
    last of four wait four times as long."""
    path = sqlite_path(database_url)
    if path is None or fcntl is None:
        yield None
        return
    with _guard:
        handle = _lock_files.get(path)
        if handle is None:
            handle = _lock_files[path] = Path(f"{path}.writer-lock").open("a+b")
    began = time.monotonic()
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        waited = time.monotonic() - began
        if wait_s is not None and waited >= wait_s:
            raise TurnCameTooLate(waited)
        yield None if wait_s is None else wait_s - waited
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
