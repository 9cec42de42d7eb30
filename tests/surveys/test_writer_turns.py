"""Gunicorn's processes take turns to write to SQLite; a turn that comes only after the whole
wait a write is allowed is refused at once, so residents queued in four processes behind a held
lock are asked to try again in about 2 s, not four times that."""

from __future__ import annotations

import fcntl
import threading
import time

import pytest

from storage.db import could_not_write_in_time, lock_not_granted
from surveys.writer_turns import TurnCameTooLate, writer_turn


def _hold_turn_for(lock_file, seconds: float) -> threading.Thread:
    """Hold the writers' lock file (as another gunicorn process would) for seconds."""
    handle = open(lock_file, "a+b")  # noqa: SIM115 - closed by the thread
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def release():
        time.sleep(seconds)
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_turn_that_came_after_the_whole_wait_is_refused_as_a_locked_database(tmp_path):
    url = f"sqlite:///{tmp_path}/answers.db"
    other = _hold_turn_for(f"{tmp_path}/answers.db.writer-lock", 0.6)
    with pytest.raises(TurnCameTooLate) as refused:
        with writer_turn(url, wait_s=0.5):
            pytest.fail("the turn came after the wait, so nothing may be written")
    other.join()
    assert could_not_write_in_time(refused.value)  # residents get the try-again page
    assert lock_not_granted(refused.value)  # and those queued with them are asked at once


def test_a_turn_that_came_within_the_wait_leaves_the_database_only_the_rest(tmp_path):
    url = f"sqlite:///{tmp_path}/answers.db"
    other = _hold_turn_for(f"{tmp_path}/answers.db.writer-lock", 0.5)
    with writer_turn(url, wait_s=2.0) as left_s:
        pass
    other.join()
    assert 0 < left_s < 1.8  # most of the 0.5 s went on the turn: the lock may take the rest only
