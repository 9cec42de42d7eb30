"""Survey responses that arrive together are stored together: one transaction, one commit.

A commit is the dearest part of storing a response (SQLite writes every page the response
touched to its log; PostgreSQL waits for the disk). So each process writes responses one
group at a time: a request thread that finds no group being written writes its own response
and every other one waiting, in one transaction, while responses arriving meanwhile wait for
the next group. Each request still answers only once its response is committed, so nothing a
resident was told is stored can be lost.

If a group fails (an invite code already used, a connection the server closed), it is undone and
each of its responses is written on its own, so one bad response never costs another its place.

On PostgreSQL a group is one statement, atomic by itself: unless a response must first claim
an invite in the same transaction, it is sent without BEGIN and COMMIT, one round trip instead
of three, on a connection the writer keeps.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from engagement.surveys.store import Receipt, store_responses
from storage.db import WRITE_WAIT_MS, engine_for, lock_not_granted, lock_wait
from storage.response_writes import ResponseRows, writes_in_one_statement
from surveys.writer_turns import writer_turn

BeforeStore = Callable[[object, str | None], None]


@dataclass(eq=False)
class _Waiting:
    prepared: ResponseRows
    before_store: BeforeStore | None
    receipt: Receipt | None = None
    error: Exception | None = None
    finished: bool = False


class GroupWriter:
    """Stores prepared responses in the database at database_url, several to a transaction."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        self._changed = threading.Condition()  # guards _queue and _writing
        self._queue: list[_Waiting] = []
        self._writing = False
        self._held: Connection | None = None  # used only by the thread writing a group

    def store(self, prepared: ResponseRows, before_store: BeforeStore | None = None) -> Receipt:
        """Store the response with those waiting with it (engagement's store_responses, one
        transaction) and return its receipt once they are committed.

        before_store(connection, submission_token) runs first in the same transaction and may
        raise to store nothing; its exception is raised here, in the caller's thread.
        """
        waiting = _Waiting(prepared, before_store)
        with self._changed:
            self._queue.append(waiting)
            while self._writing and not waiting.finished:
                self._changed.wait()
            if not waiting.finished:  # nobody is writing: this thread writes every response waiting
                group, self._queue, self._writing = self._queue, [], True
        if not waiting.finished:
            self._write(group)
        if waiting.error is not None:
            raise waiting.error
        return waiting.receipt

    def _write(self, group: list[_Waiting]) -> None:
        try:
            with writer_turn(self.database_url, wait_s=WRITE_WAIT_MS / 1000) as left_s:
                try:
                    self._write_group(group, lock_wait_s=left_s)
                except Exception as error:  # noqa: BLE001 - each is written on its own instead, and reports its own error
                    if lock_not_granted(error):
                        raise
                    for waiting in group:
                        try:
                            self._write_group([waiting])
                        except Exception as error:  # noqa: BLE001 - raised again in the thread whose response it is
                            waiting.error, waiting.finished = error, True
        except Exception as error:  # noqa: BLE001 - raised again in each thread asked to try again
            if not lock_not_granted(error):
                raise
            # Refused the lock (or the turn came after the whole wait): written one by one, and
            # then those queued meanwhile, each would wait its 2 s for the same lock in turn
            # (8 senders at once: 20 s). All are asked to try again now; their answers stay in
            # their forms.
            with self._changed:
                queued, self._queue = self._queue, []
            for waiting in group + queued:
                waiting.error, waiting.finished = error, True
        finally:
            with self._changed:
                # Interrupted part way, the rest go first in the next group.
                self._queue[:0] = [w for w in group if not w.finished]
                self._writing = False
                self._changed.notify_all()

    def _write_group(self, group: list[_Waiting], lock_wait_s: float | None = None) -> None:
        with self._connection(group) as connection:
            # The turn to write took part of the 2 s: the lock gets only the rest.
            with lock_wait(connection, lock_wait_s):
                for waiting in group:
                    if waiting.before_store is not None:
                        waiting.before_store(connection, waiting.prepared.submission_token)
                receipts = store_responses(connection, [waiting.prepared for waiting in group])
        for waiting, receipt in zip(group, receipts, strict=True):
            waiting.receipt, waiting.finished = receipt, True

    @contextlib.contextmanager
    def _connection(self, group: list[_Waiting]) -> Iterator[Connection]:
        """Yield a connection to write the group with, committed when done (or undone on error)."""
        engine = engine_for(self.database_url)
        if not writes_in_one_statement(engine.dialect) or any(
            w.before_store is not None for w in group
        ):
            with engine.begin() as connection:
                yield connection
            return
        # Without a transaction, a group that fails after its statement stored some responses is
        # not undone; written again one by one, each finds itself stored under its submission
        # token (every response here has one) and is given the same receipt, stored once.
        # One group is written at a time, so one connection serves them all: no pool checkout and
        # no ping per group (half the writer's own CPU time).
        if self._held is None:
            self._held = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            yield self._held
        except BaseException:
            # Whatever failed (the server restarted, say),
            # the next write starts on a fresh connection.
            held, self._held = self._held, None
            held.invalidate()
            held.close()
            raise


_writers: dict[str, GroupWriter] = {}
_writers_lock = threading.Lock()


def group_writer(database_url: str) -> GroupWriter:
    """Return this process's writer for the database at database_url."""
    with _writers_lock:
        writer = _writers.get(database_url)
        if writer is None:
            writer = _writers[database_url] = GroupWriter(database_url)
        return writer
