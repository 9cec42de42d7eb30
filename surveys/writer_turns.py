"""Submissions to a SQLite database take turns, across threads and gunicorn's worker processes.

SQLite lets one connection write at a time; the others poll for its lock, sleeping 1, 2, 5, 10…
milliseconds between tries. And threads of one Python process share one interpreter lock: a
thread that gave it up for a database call can wait several milliseconds to get it back from a
busy neighbour, holding the database's write lock all that while. So on SQLite a process works on
one submission at a time (its threads could not run Python side by side anyway), and its turn to
write comes from an flock on a file beside the database, which wakes the next writer the moment
the last one commits. PostgreSQL needs none of this: its row locks queue, and its commits wait on
the disk while other threads work.
"""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # not on Windows: threads still take turns, processes poll as before
    fcntl = None

_process_turns: dict[str, threading.Lock] = {}
_lock_files: dict[str, object] = {}
_guard = threading.Lock()


def sqlite_path(database_url: str) -> str | None:
    """Return the file of a SQLite database URL, or None for any other database (or :memory:)."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix) or database_url.startswith(prefix + ":memory:"):
        return None
    return database_url[len(prefix):].split("?", 1)[0]


@contextlib.contextmanager
def submission_turn(database_url: str) -> Iterator[None]:
    """Yield once no other thread of this process is working on a submission to the SQLite
    database at database_url (at once for any other database)."""
    path = sqlite_path(database_url)
    if path is None:
        yield
        return
    with _guard:
        lock = _process_turns.setdefault(path, threading.Lock())
    with lock:
        yield


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
