"""Writers to a SQLite database take turns, across gunicorn's worker processes.

SQLite lets one connection write at a time; the others poll for its lock, sleeping 1, 2, 5, 10…
milliseconds between tries, so a writer can wait long after the lock is free. Instead a process
takes its turn to write from an flock on a file beside the database, which wakes the next writer
the moment the last one commits. (Within a process, surveys/group_writer.py already writes one
group at a time.) PostgreSQL needs none of this: its row locks queue.
"""

from __future__ import annotations

import contextlib
import threading
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


@contextlib.contextmanager
def writer_turn(database_url: str) -> Iterator[None]:
    """Yield once this process has the turn to write to the SQLite database at database_url
    (at once for any other database, or where flock is missing)."""
    path = sqlite_path(database_url)
    if path is None or fcntl is None:
        yield
        return
    with _guard:
        handle = _lock_files.get(path)
        if handle is None:
            handle = _lock_files[path] = Path(f"{path}.writer-lock").open("a+b")
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
