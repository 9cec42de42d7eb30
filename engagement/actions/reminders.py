"""Which owners to remind about which actions, and claiming each reminder once.

An owner is reminded when an action becomes overdue (once per due date) and each ISO week while
it has had no update for stale_weeks. A reminder is claimed by inserting its (action, kind,
period) row before anything is sent, so a second run, a restarted clock or a second clock finds
the row taken and sends nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from engagement.actions.plans import ActionView, load_views
from engagement.actions.terms import CLOSED, today_in
from storage.action_models import Action, ReminderSent
from storage.base import utcnow
from storage.upsert import insert_if_absent

DEFAULT_STALE_WEEKS = 4


@dataclass(frozen=True)
class Reminder:
    """One reminder: about which action, to whom, why ("overdue" or "stale")
    and for which period."""

    action_id: int
    owner_id: str
    kind: Literal["overdue", "stale"]
    period: str


@dataclass(frozen=True)
class OwnerReminders:
    """The reminders claimed for one owner, with the actions they are about (each action once)."""

    owner_id: str
    reminders: tuple[Reminder, ...]
    actions: tuple[ActionView, ...]
    stale_weeks: int

    def kinds_of(self, action_id: int) -> tuple[str, ...]:
        """Return why this owner is reminded of the action: ("overdue",), ("stale",) or both."""
        return tuple(r.kind for r in self.reminders if r.action_id == action_id)


def iso_week(day: date) -> str:
    """Return the ISO week a day falls in, as "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def due_reminders(
    actions: Iterable[ActionView], *, today: date, stale_weeks: int
) -> list[Reminder]:
    """Return the reminders the actions call for today (pure: nothing is read or written).

    Actions without a Slack owner, complete or dropped are never reminded.
    """
    found = []
    for action in actions:
        if not action.owner_id or action.status.key in CLOSED:
            continue
        if action.overdue:
            found.append(Reminder(action.id, action.owner_id, "overdue", action.due.isoformat()))
        if today - action.last_update_at.date() >= timedelta(weeks=stale_weeks):
            found.append(Reminder(action.id, action.owner_id, "stale", iso_week(today)))
    return found


def claim_due_reminders(
    session: Session,
    *,
    timezone: str,
    stale_weeks: int = DEFAULT_STALE_WEEKS,
    now: datetime | None = None,
) -> list[OwnerReminders]:
    """Claim every reminder due at now that nobody has claimed; return them grouped by owner.

    The caller commits the claims before sending anything.
    """
    moment = now or utcnow()
    today = today_in(timezone, moment)
    open_actions = open_owned_actions(session, today)
    claimed = claim_each(
        session, due_reminders(open_actions, today=today, stale_weeks=stale_weeks), moment
    )
    by_id = {a.id: a for a in open_actions}
    grouped: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in claimed:
        grouped[reminder.owner_id].append(reminder)
    return [
        OwnerReminders(
            owner,
            tuple(items),
            tuple(dict.fromkeys(by_id[r.action_id] for r in items)),
            stale_weeks,
        )
        for owner, items in sorted(grouped.items())
    ]


def open_owned_actions(session: Session, today: date) -> list[ActionView]:
    """Return the actions that have a Slack owner and are neither complete nor dropped."""
    return load_views(
        session, and_(Action.owner_id.is_not(None), Action.status.not_in(CLOSED)), today
    )


def claim_each(session: Session, reminders: Iterable, moment: datetime) -> list:
    """Return the reminders (anything with action_id, kind, period and owner_id) this call
    claimed by inserting their row; one claimed before, by any process, is left out."""
    return [
        r
        for r in reminders
        if insert_if_absent(
            session,
            ReminderSent.__table__,
            {
                "action_id": r.action_id,
                "kind": r.kind,
                "period": r.period,
                "owner_id": r.owner_id,
                "claimed_at": moment,
                "outcome": "claimed",
            },
        )
    ]


def _matching(reminders: Iterable[Reminder]):
    keys = [(r.action_id, r.kind, r.period) for r in reminders]
    return [
        and_(ReminderSent.action_id == a, ReminderSent.kind == k, ReminderSent.period == p)
        for a, k, p in keys
    ]


def record_outcome(session: Session, reminders: Iterable[Reminder], outcome: str) -> None:
    """Mark claimed reminders "sent", "logged" or "failed: <error>"; returns nothing."""
    conditions = _matching(reminders)
    if conditions:
        session.execute(update(ReminderSent).where(or_(*conditions)).values(outcome=outcome[:60]))


def release(session: Session, reminders: Iterable[Reminder]) -> None:
    """Forget claims whose message could not be sent for a passing reason, so the next run tries
    again; returns nothing."""
    conditions = _matching(reminders)
    if conditions:
        session.execute(delete(ReminderSent).where(or_(*conditions)))


def reminder_history(session: Session) -> list[tuple[int, str, str, str]]:
    """Return every claimed reminder as (action_id, kind, period, outcome), oldest first."""
    return [
        tuple(row)
        for row in session.execute(
            select(
                ReminderSent.action_id, ReminderSent.kind, ReminderSent.period, ReminderSent.outcome
            ).order_by(ReminderSent.id)
        )
    ]
