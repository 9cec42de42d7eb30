"""Updating an action: the status workflow, who may, and each update recorded exactly once, even
when two officers save at the same moment (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from engagement.actions.plans import history
from engagement.actions.updates import check_update, prepare_update, record_update
from storage import session_scope
from storage.action_models import Action, ActionUpdate
from storage.db import make_engine
from tests.concurrency import run_at_once
from tests.engagement.action_factories import create_action

OWNER = "U0OWNER001"
ADMIN = "U0ADMIN001"
ZONE = "Europe/London"


@pytest.fixture
def action_id(engine) -> int:
    with session_scope(engine) as session:
        return create_action(session, owner_id=OWNER, status="on_track").id


def update(engine, action_id, *, user=OWNER, status="at_risk", note="", key=None, relist=None):
    with session_scope(engine) as session:
        return record_update(
            session,
            action_id,
            user_id=user,
            status_key=status,
            note=note,
            admin_ids=(ADMIN,),
            timezone=ZONE,
            request_key=key,
            relist=relist,
        )


def entries(engine, action_id):
    with session_scope(engine) as session:
        return [
            (e.user_id, e.from_status and e.from_status.key, e.to_status.key, e.note)
            for e in history(session, action_id)
        ]


def test_the_owner_changes_the_status_with_a_note_and_it_is_recorded(engine, action_id):
    outcome = update(engine, action_id, status="at_risk", note="Venue fell through.", relist="all")

    assert outcome.result == "recorded"
    assert outcome.action.status.key == "at_risk"
    assert outcome.action.last_update.note == "Venue fell through."
    assert [a.id for a in outcome.listing.actions] == [action_id]
    assert entries(engine, action_id)[-1] == (OWNER, "on_track", "at_risk", "Venue fell through.")


def test_a_note_alone_keeps_the_status_and_is_recorded(engine, action_id):
    assert (
        update(engine, action_id, status="on_track", note="First session booked.").result
        == "recorded"
    )
    assert entries(engine, action_id)[-1] == (
        OWNER,
        "on_track",
        "on_track",
        "First session booked.",
    )


@pytest.mark.parametrize(
    "status, note, errors",
    [
        ("dropped", "", {"note": "Say why the action is being dropped"}),
        ("on_track", "", {"note": "Write a note, or choose a different status"}),
        ("sideways", "x", {"status": "Choose a status"}),
        ("", "x", {"status": "Choose a status"}),
        ("complete", "x" * 3001, {"note": "Note must be 3,000 characters or fewer"}),
    ],
)
def test_an_update_that_says_nothing_or_drops_without_a_reason_is_refused(status, note, errors):
    assert check_update("on_track", status, note) == errors


def test_a_refused_update_writes_nothing(engine, action_id):
    outcome = update(engine, action_id, status="dropped", note="   ")
    assert (outcome.result, outcome.errors) == (
        "invalid",
        {"note": "Say why the action is being dropped"},
    )
    assert len(entries(engine, action_id)) == 1  # only its creation


def test_dropping_with_a_reason_is_recorded_and_it_can_be_reopened(engine, action_id):
    assert (
        update(engine, action_id, status="dropped", note="Funding withdrawn.").result == "recorded"
    )
    assert check_update("dropped", "dropped", "") == {
        "note": "Write a note, or choose a different status"
    }
    assert (
        update(engine, action_id, status="on_track", note="Funding restored.").result == "recorded"
    )
    assert [e[1:3] for e in entries(engine, action_id)] == [
        (None, "on_track"),
        ("on_track", "dropped"),
        ("dropped", "on_track"),
    ]


def test_only_the_owner_or_an_admin_may_update(engine, action_id):
    refused = update(engine, action_id, user="U0SOMEONE1", note="I did it")
    assert refused.result == "refused" and refused.action.owner_id == OWNER
    assert (
        update(
            engine, action_id, user=ADMIN, status="complete", note="Closed by the team lead."
        ).result
        == "recorded"
    )
    assert entries(engine, action_id)[-1][0] == ADMIN
    with session_scope(engine) as session:
        assert (
            prepare_update(
                session, action_id, user_id="U0SOMEONE1", admin_ids=(ADMIN,), timezone=ZONE
            ).result
            == "refused"
        )
        assert (
            prepare_update(
                session, action_id, user_id=OWNER, admin_ids=(ADMIN,), timezone=ZONE
            ).result
            == "ok"
        )
        assert (
            prepare_update(session, 999, user_id=OWNER, admin_ids=(ADMIN,), timezone=ZONE).result
            == "not_found"
        )


def test_an_action_without_an_owner_is_only_for_admins(engine):
    with session_scope(engine) as session:
        orphan = create_action(session, reference="NR-09", owner_id=None).id
    assert update(engine, orphan, user=OWNER, note="x").result == "refused"
    assert (
        update(engine, orphan, user=ADMIN, note="Owner to be found.", status="at_risk").result
        == "recorded"
    )


def test_a_missing_action_is_not_found(engine):
    assert update(engine, 12345, note="x").result == "not_found"


def test_the_same_request_is_recorded_once(engine, action_id):
    first = update(engine, action_id, note="Once.", key="view:V123")
    again = update(engine, action_id, note="Once.", key="view:V123")
    assert (first.result, again.result) == ("recorded", "duplicate")
    assert len(entries(engine, action_id)) == 2


def test_the_same_request_sent_twice_at_once_is_recorded_once(db_url, engine, action_id):
    results = run_together(db_url, [dict(note="Double click.", key="view:V999")] * 2, action_id)
    assert sorted(results) == ["duplicate", "recorded"]
    assert len(entries(engine, action_id)) == 2


def test_two_officers_saving_at_once_keep_both_notes(db_url, engine, action_id):
    results = run_together(
        db_url,
        [
            dict(user=OWNER, status="at_risk", note="Owner: venue fell through.", key="view:VA"),
            dict(user=ADMIN, status="off_track", note="Admin: budget frozen.", key="view:VB"),
        ],
        action_id,
    )
    assert results == ["recorded", "recorded"]
    recorded = entries(engine, action_id)[1:]
    assert {e[3] for e in recorded} == {"Owner: venue fell through.", "Admin: budget frozen."}
    # Each update starts from the status the one before it left: the history is one unbroken chain.
    assert recorded[0][1] == "on_track" and recorded[1][1] == recorded[0][2]
    with session_scope(engine) as session:
        assert session.scalar(select(Action.status)) == recorded[1][2]
        assert session.scalar(select(func.count()).select_from(ActionUpdate)) == 3


def run_together(url: str, updates: list[dict], action_id: int) -> list[str]:
    """Run the updates in threads, each with its own engine (a separate process's connections),
    released together; return their results in the order given."""
    engines = [make_engine(url) for _ in updates]
    try:
        return run_at_once(
            [
                lambda engine=engine, changes=changes: update(engine, action_id, **changes).result
                for engine, changes in zip(engines, updates, strict=True)
            ]
        )
    finally:
        for engine in engines:
            engine.dispose()


def test_many_concurrent_updates_lose_nothing(db_url, engine, action_id):
    notes = [
        dict(user=OWNER, status=s, note=f"note {i}", key=f"view:V{i}")
        for i, s in enumerate(
            ["at_risk", "off_track", "on_track", "at_risk", "complete", "on_track"]
        )
    ]
    assert run_together(db_url, notes, action_id) == ["recorded"] * len(notes)
    recorded = entries(engine, action_id)[1:]
    assert sorted(e[3] for e in recorded) == sorted(n["note"] for n in notes)
    assert all(
        later[1] == earlier[2] for earlier, later in zip(recorded, recorded[1:], strict=False)
    )


def test_updates_are_timed_and_move_the_last_update(engine, action_id):
    moment = datetime(2027, 2, 1, 9, 30, tzinfo=UTC)
    with session_scope(engine) as session:
        record_update(
            session,
            action_id,
            user_id=OWNER,
            status_key="at_risk",
            note="x",
            admin_ids=(),
            timezone=ZONE,
            now=moment,
        )
    with session_scope(engine) as session:
        [last] = history(session, action_id)[-1:]
        assert last.at == moment
        assert session.get(Action, action_id).last_update_at.replace(tzinfo=UTC) == moment
