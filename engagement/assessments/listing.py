"""/actions with each action's impact assessment state beside it. engagement.actions may not
know about assessments (they sit above it), so the listing is asked for here and the states
attached."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from engagement.actions.plans import ActionListing, ActionsAnswer, actions_listing, find_actions
from engagement.assessments.states import AssessmentState, action_assessment_states


@dataclass(frozen=True)
class AssessedAnswer:
    """The answer to `/actions <text>`, and the assessment state of each action it lists."""

    answer: ActionsAnswer
    states: Mapping[int, AssessmentState] = field(default_factory=dict)


def find_assessed_actions(
    session: Session,
    text: str,
    *,
    user_id: str,
    timezone: str,
    scope: tuple[str, ...] = (),
    now: datetime | None = None,
) -> AssessedAnswer:
    """Return find_actions' answer to `/actions <text>` with {action id: AssessmentState} for
    every action it lists."""
    answer = find_actions(session, text, user_id=user_id, timezone=timezone, scope=scope, now=now)
    return AssessedAnswer(answer, listing_states(session, answer.listing))


def assessed_listing(
    session: Session, key: str, *, timezone: str, now: datetime | None = None
) -> tuple[ActionListing | None, Mapping[int, AssessmentState]]:
    """Return (the listing key names, {action id: AssessmentState} for its actions)."""
    listing = actions_listing(session, key, timezone=timezone, now=now)
    return listing, listing_states(session, listing)


def listing_states(
    session: Session, listing: ActionListing | None
) -> Mapping[int, AssessmentState]:
    """Return {action id: AssessmentState} for the actions of listing, as of its day."""
    if listing is None or not listing.actions:
        return {}
    return action_assessment_states(session, (a.id for a in listing.actions), today=listing.today)
