"""Reminders to owners about impact assessments (SQLite and PostgreSQL): an action due within four
weeks with no signed-off assessment, once per due date; an assessment past its review date, once
per review date; each claimed once however often, and by however many clocks, the job runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from engagement.actions.reminders import claim_due_reminders, reminder_history
from engagement.assessments.reminders import claim_assessment_reminders
from engagement.assessments.store import (
    Details,
    RowMark,
    find_assessment,
    reopen,
    save_assessment,
    sign_off,
)
from storage import session_scope
from storage.db import make_engine
from tests.concurrency import run_at_once
from tests.engagement.action_factories import create_action
from tests.engagement.assessments.assessed_plan import OFFICER, assess

NOW = datetime(2027, 4, 5, 8, 0, tzinfo=UTC)  # Monday 5 April 2027, 9am in London
TODAY = date(2027, 4, 5)
NEUTRAL = {"economic.finance": ("neutral", "")}


def in_days(days: int) -> date:
    return TODAY + timedelta(days=days)


def plan(session) -> dict[str, int]:
    """Actions covering every case; return {reference: id}. Every update is recent, so no
    action reminder is ever due: only assessment reminders."""

    def action(reference, due, **extra):
        return create_action(session, reference=reference, due=due, last_update_at=NOW, **extra).id

    ids = {
        "DAY27": action("DAY27", in_days(27)),
        "DAY28": action("DAY28", in_days(28)),
        "DAY29": action("DAY29", in_days(29)),
        "DRAFTED": action("DRAFTED", in_days(10), owner_id="U0OWNER002"),
        "SIGNED": action("SIGNED", in_days(10)),
        "REVIEW": action("REVIEW", in_days(200), owner_id="U0OWNER002"),
        "DONE": action("DONE", in_days(5), status="complete"),
        "NOBODY": action("NOBODY", in_days(5), owner_id=None),
    }
    assess(session, "DRAFTED", NEUTRAL, review_on=in_days(100))
    assess(session, "SIGNED", NEUTRAL, review_on=in_days(100), signed=True)
    assess(session, "REVIEW", NEUTRAL, review_on=in_days(-4), signed=True)  # 1 April 2027
    return ids


def claim(engine, now=NOW):
    with session_scope(engine) as session:
        return claim_assessment_reminders(session, timezone="Europe/London", now=now)


def claimed(batches) -> list[tuple[str, str, str, str]]:
    return sorted(
        (b.owner_id, n.action.reference, kind, n.action.due.isoformat())
        for b in batches
        for n in b.nudges
        for kind in n.kinds
    )


def test_owners_are_reminded_of_actions_due_within_four_weeks_and_of_passed_reviews(engine):
    with session_scope(engine) as session:
        ids = plan(session)

    batches = claim(engine)

    # Due in 27 or 28 days: reminded; 29: not yet. Signed off, complete or with no Slack owner:
    # never.
    assert [(b.owner_id, [n.action.reference for n in b.nudges]) for b in batches] == [
        ("U0OWNER001", ["DAY27", "DAY28"]),
        ("U0OWNER002", ["DRAFTED", "REVIEW"]),
    ]
    assert sorted((r.action_id, r.kind, r.period) for b in batches for r in b.reminders) == sorted(
        [
            (ids["DAY27"], "assess", "2027-05-02"),
            (ids["DAY28"], "assess", "2027-05-03"),
            (ids["DRAFTED"], "assess", "2027-04-15"),
            (ids["REVIEW"], "review", "2027-04-01"),
        ]
    )
    drafted, review = batches[1].nudges
    assert drafted.state.status == "draft" and review.state.review_overdue


def test_each_reminder_is_claimed_once_per_due_date_or_review_date(engine):
    with session_scope(engine) as session:
        ids = plan(session)
    assert len(claimed(claim(engine))) == 4

    assert claim(engine) == []  # the same run again, or after a restart
    # The next day, DAY29 is due in 28 days: its turn comes, once.
    assert claimed(claim(engine, NOW + timedelta(days=1))) == [
        ("U0OWNER001", "DAY29", "assess", "2027-05-04")
    ]
    assert claim(engine, NOW + timedelta(days=2)) == []
    assert claim(engine, NOW + timedelta(days=7)) == []  # a week on: all said once already

    # A new review date that passes in turn is a new reminder.
    with session_scope(engine) as session:
        assessment = find_assessment(session, "REVIEW")
        reopen(session, assessment, user=OFFICER)
        details = Details(
            assessed_by="Jo Smith",
            assessed_on=TODAY,
            review_on=date(2027, 4, 20),
            rows={"economic.finance": RowMark("neutral")},
        )
        save_assessment(session, assessment, details, user=OFFICER)
        sign_off(session, assessment, user=OFFICER, name="Ann Lee")
    assert claim(engine, NOW + timedelta(days=10)) == []
    later = claim(engine, NOW + timedelta(days=16))  # 21 April
    assert [(r.action_id, r.kind, r.period) for b in later for r in b.reminders] == [
        (ids["REVIEW"], "review", "2027-04-20")
    ]
    with session_scope(engine) as session:
        assert len(reminder_history(session)) == 6
        # The action reminders' own claims are untouched: nothing overdue or silent here.
        assert claim_due_reminders(session, timezone="Europe/London", now=NOW) == []


def test_two_clocks_claiming_at_once_share_the_reminders_without_overlap(db_url, engine):
    with session_scope(engine) as session:
        plan(session)
    engines = [make_engine(db_url) for _ in range(2)]
    try:
        results = run_at_once(
            [
                lambda engine=engine: [r for batch in claim(engine) for r in batch.reminders]
                for engine in engines
            ]
        )
    finally:
        for each in engines:
            each.dispose()
    together = results[0] + results[1]
    assert len(together) == 4 and len(set(together)) == 4


@pytest.mark.parametrize("days", [-1, -30])
def test_an_overdue_action_is_left_to_its_overdue_reminder(sqlite_url, days):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        create_action(session, reference="LATE", due=in_days(days), last_update_at=NOW)
    assert claim(engine) == []
    engine.dispose()
