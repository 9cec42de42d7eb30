"""Which owners to remind about impact assessments, claiming each reminder once.

An action's owner is reminded once per due date when the action is due within WINDOW_DAYS and
has no signed-off assessment ("assess"), and once per review date when its assessment's review
date has passed ("review"). Claims go in the same table as the action reminders
(engagement/actions/reminders.py), inserted before anything is sent, so a rerun, a restarted
clock or a second clock finds the row taken and sends nothing; record_outcome and release there
work on these claims too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy.orm import Session

from engagement.actions.plans import ActionView
from engagement.actions.reminders import claim_each, open_owned_actions
from engagement.actions.terms import CLOSED, today_in
from engagement.assessments.states import NONE, AssessmentState, action_assessment_states
from storage.base import utcnow

WINDOW_DAYS = 28  # "due within 4 weeks"


@dataclass(frozen=True)
class AssessmentReminder:
    """One reminder: about which action, to whom, why ("assess" or "review") and for which
    period (the due date, or the review date)."""

    action_id: int
    owner_id: str
    kind: Literal["assess", "review"]
    period: str


@dataclass(frozen=True)
class AssessmentNudge:
    """One action an owner is reminded of, with why and its assessment's state."""

    action: ActionView
    kinds: tuple[str, ...]
    state: AssessmentState


@dataclass(frozen=True)
class OwnerAssessmentReminders:
    """The assessment reminders claimed for one owner, with the actions they are about."""

    owner_id: str
    reminders: tuple[AssessmentReminder, ...]
    nudges: tuple[AssessmentNudge, ...]


def assessment_reminders_due(
    actions: Iterable[ActionView], states: Mapping[int, AssessmentState], *, today: date
) -> list[AssessmentReminder]:
    """Return the reminders the actions and their assessment states call for today (pure).

    Actions without a Slack owner, complete or dropped are never reminded; an action already
    overdue is chased by its overdue reminder, not this one.
    """
    found = []
    for action in actions:
        if not action.owner_id or action.status.key in CLOSED:
            continue
        state = states.get(action.id, NONE)
        if (
            state.status != "signed_off"
            and action.due is not None
            and 0 <= (action.due - today).days <= WINDOW_DAYS
        ):
            found.append(
                AssessmentReminder(action.id, action.owner_id, "assess", action.due.isoformat())
            )
        if state.status != "none" and state.review_on is not None and state.review_on < today:
            found.append(
                AssessmentReminder(
                    action.id, action.owner_id, "review", state.review_on.isoformat()
                )
            )
    return found


def claim_assessment_reminders(
    session: Session, *, timezone: str, now: datetime | None = None
) -> list[OwnerAssessmentReminders]:
    """Claim every assessment reminder due at now that nobody has claimed; return them grouped by
    owner. The caller commits the claims before sending anything."""
    moment = now or utcnow()
    today = today_in(timezone, moment)
    open_actions = open_owned_actions(session, today)
    states = action_assessment_states(session, (a.id for a in open_actions), today=today)
    claimed = claim_each(
        session, assessment_reminders_due(open_actions, states, today=today), moment
    )
    by_id = {a.id: a for a in open_actions}
    grouped: dict[str, list[AssessmentReminder]] = defaultdict(list)
    for reminder in claimed:
        grouped[reminder.owner_id].append(reminder)
    batches = []
    for owner, items in sorted(grouped.items()):
        kinds: dict[int, list[str]] = defaultdict(list)
        for reminder in items:
            kinds[reminder.action_id].append(reminder.kind)
        nudges = tuple(
            AssessmentNudge(by_id[action_id], tuple(why), states.get(action_id, NONE))
            for action_id, why in kinds.items()
        )
        batches.append(OwnerAssessmentReminders(owner, tuple(items), nudges))
    return batches
