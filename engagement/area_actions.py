"""An area's action plan at a glance, for the /area reply: how many actions, by status."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.action_terms import STATUSES, Status, is_overdue, today_in
from engagement.actions import in_area
from engagement.areas import get_area_profile, look_up_area
from engagement.model import AreaLookup, AreaProfile
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


@dataclass(frozen=True)
class AreaWithActions:
    """An area lookup (as for /area) with, for one area found, its action counts (None without actions)."""

    lookup: AreaLookup
    counts: ActionCounts | None = None


@dataclass(frozen=True)
class ChosenAreaWithActions:
    """A chosen area's profile (None when it has gone) with its action counts (None without actions)."""

    code: str
    profile: AreaProfile | None
    counts: ActionCounts | None = None


def action_counts(session: Session, profile: AreaProfile, today: date) -> ActionCounts | None:
    """Return the counts of the actions in an area (as /actions lists them), or None if it has none."""
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


def area_with_actions(session: Session, query: str, *, scope: tuple[str, ...] = (), timezone: str,
                      now: datetime | None = None) -> AreaWithActions:
    """Return what `/area <query>` shows: the area lookup and, for one area, its action counts."""
    lookup = look_up_area(session, query, scope=scope)
    if lookup.status != "found" or lookup.profile is None:
        return AreaWithActions(lookup)
    return AreaWithActions(lookup, action_counts(session, lookup.profile, today_in(timezone, now)))


def chosen_area_with_actions(session: Session, code: str, *, timezone: str,
                             now: datetime | None = None) -> ChosenAreaWithActions:
    """Return a chosen area's profile (None if it has gone) and its action counts."""
    profile = get_area_profile(session, code)
    if profile is None:
        return ChosenAreaWithActions(code, None)
    return ChosenAreaWithActions(code, profile, action_counts(session, profile, today_in(timezone, now)))
