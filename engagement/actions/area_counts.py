"""An area's action plan at a glance, for the /area reply: how many actions, by status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.actions.plans import in_area
from engagement.actions.terms import STATUSES, Status, is_overdue
from engagement.model import AreaProfile
from storage.action_models import Action, ActionArea


@dataclass(frozen=True)
class ActionCounts:
    """How many actions an area has, by status (workflow order, only those present), and overdue."""

    area_code: str
    counts: tuple[tuple[Status, int], ...]
    overdue: int

    @property
    def total(self) -> int:
        """Return how many actions there are in all."""
        return sum(n for _status, n in self.counts)


def action_counts(session: Session, profile: AreaProfile, today: date) -> ActionCounts | None:
    """Return the counts of the actions in an area (as /actions lists them),
    or None if it has none."""
    if session.scalar(select(ActionArea.area_code).limit(1)) is None and profile.area.kind != "lad":
        return None  # no action is for any particular area: skip working out which areas overlap
    _name, condition = in_area(session, profile.area.code, profile)
    rows = session.execute(select(Action.status, Action.due_date).where(condition)).all()
    if not rows:
        return None
    found = Counter(status for status, _due in rows)
    overdue = sum(1 for status, due in rows if is_overdue(due, status, today))
    counts = tuple((s, found[s.key]) for s in STATUSES if found[s.key])
    return ActionCounts(profile.area.code, counts, overdue)
