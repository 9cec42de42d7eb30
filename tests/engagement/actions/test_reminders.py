"""Which reminders are due, and each claimed once however often, and by however many clocks, the job
runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from engagement.actions.plans import load_views
from engagement.actions.reminders import (
    claim_due_reminders,
    due_reminders,
    iso_week,
    reminder_history,
)
from storage import session_scope
from storage.action_models import Action
from storage.db import make_engine
from tests.concurrency import run_at_once
from tests.engagement.action_factories import create_action

NOW = datetime(2027, 4, 5, 8, 0, tzinfo=UTC)  # Monday 5 April 2027, 9am in London
TODAY = date(2027, 4, 5)
RECENTLY = NOW - timedelta(days=3)
LONG_AGO = NOW - timedelta(weeks=5)


def plan(session) -> dict[str, int]:
    """Actions covering every case; return {reference: id}."""
    made = [
        create_action(session, reference="LATE", due=date(2027, 3, 31), last_update_at=RECENTLY),
        create_action(session, reference="SILENT", due=date(2027, 9, 30), last_update_at=LONG_AGO),
        create_action(
            session,
            reference="BOTH",
            due=date(2027, 3, 1),
            last_update_at=LONG_AGO,
            owner_id="U0OWNER002",
        ),
        create_action(session, reference="FINE", due=date(2027, 9, 30), last_update_at=RECENTLY),
        create_action(
            session,
            reference="DONE",
            due=date(2027, 3, 1),
            last_update_at=LONG_AGO,
            status="complete",
        ),
        create_action(
            session,
            reference="GONE",
            due=date(2027, 3, 1),
            last_update_at=LONG_AGO,
            status="dropped",
        ),
        create_action(
            session,
            reference="NOBODY",
            due=date(2027, 3, 1),
            last_update_at=LONG_AGO,
            owner_id=None,
        ),
    ]
    return {a.reference: a.id for a in made}


def test_due_reminders_are_for_overdue_or_silent_open_actions_with_an_owner(sqlite_url):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        ids = plan(session)
        views = load_views(session, Action.id.is_not(None), TODAY)
    found = {
        (r.action_id, r.kind, r.period, r.owner_id)
        for r in due_reminders(views, today=TODAY, stale_weeks=4)
    }
    assert found == {
        (ids["LATE"], "overdue", "2027-03-31", "U0OWNER001"),
        (ids["SILENT"], "stale", "2027-W14", "U0OWNER001"),
        (ids["BOTH"], "overdue", "2027-03-01", "U0OWNER002"),
        (ids["BOTH"], "stale", "2027-W14", "U0OWNER002"),
    }
    assert due_reminders(views, today=TODAY, stale_weeks=6) and not any(
        r.kind == "stale" for r in due_reminders(views, today=TODAY, stale_weeks=6)
    )
    engine.dispose()


def test_iso_weeks_run_monday_to_sunday_and_across_new_year():
    assert iso_week(date(2027, 4, 5)) == iso_week(date(2027, 4, 11)) == "2027-W14"
    assert iso_week(date(2027, 4, 12)) == "2027-W15"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"


def claim(engine, now=NOW, weeks=4):
    with session_scope(engine) as session:
        return claim_due_reminders(session, timezone="Europe/London", stale_weeks=weeks, now=now)


def test_each_reminder_is_claimed_once_per_period(engine):
    with session_scope(engine) as session:
        ids = plan(session)

    first = claim(engine)
    assert [(b.owner_id, [a.reference for a in b.actions]) for b in first] == [
        ("U0OWNER001", ["LATE", "SILENT"]),
        ("U0OWNER002", ["BOTH"]),
    ]
    assert first[1].kinds_of(ids["BOTH"]) == ("overdue", "stale")
    assert claim(engine) == []  # the same run again, an hour later or after a restart
    assert claim(engine, NOW + timedelta(days=2)) == []  # later the same week

    next_week = claim(engine, NOW + timedelta(days=7))
    # Still silent: a stale reminder a week on. Still overdue: nothing more, it was said once.
    assert sorted((r.action_id, r.kind, r.period) for b in next_week for r in b.reminders) == [
        (ids["SILENT"], "stale", "2027-W15"),
        (ids["BOTH"], "stale", "2027-W15"),
    ]
    with session_scope(engine) as session:
        assert len(reminder_history(session)) == 6


def test_two_clocks_claiming_at_once_share_the_reminders_without_overlap(db_url, engine):
    with session_scope(engine) as session:
        plan(session)
    engines = [make_engine(db_url) for _ in range(2)]
    try:
        claimed = run_at_once(
            [
                lambda engine=engine: [r for batch in claim(engine) for r in batch.reminders]
                for engine in engines
            ]
        )
    finally:
        for engine in engines:
            engine.dispose()
    together = claimed[0] + claimed[1]
    assert len(together) == 4 and len(set(together)) == 4


@pytest.mark.parametrize("status", ["complete", "dropped"])
def test_closed_actions_are_never_reminded(sqlite_url, status):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        create_action(session, due=date(2027, 1, 1), last_update_at=LONG_AGO, status=status)
    assert claim(engine) == []
    engine.dispose()
