"""Action plans for people: which actions are where, whose, overdue or under a theme, as plain
dataclasses for Slack and the web pages. Updates are in engagement/actions/updates.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import Session

from engagement.actions.places import overlapping_action_areas
from engagement.actions.terms import CLOSED, STATUSES, Status, is_overdue, status, today_in
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.model import AreaLookup, AreaProfile
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.base import stored_utc

ListingKind = Literal["area", "mine", "home", "overdue", "theme", "borough", "all", "ids"]


@dataclass(frozen=True)
class AreaRef:
    """An area an action is for, as resolved when the plan was imported."""

    code: str
    name: str


@dataclass(frozen=True)
class UpdateView:
    """One entry of an action's history."""

    at: datetime
    user_id: str
    source: str
    from_status: Status | None
    to_status: Status
    note: str


@dataclass(frozen=True)
class ActionView:
    """An action as people see it. overdue: past due and neither complete nor dropped."""

    id: int
    reference: str
    title: str
    description: str
    theme: str
    areas: tuple[AreaRef, ...]
    owner_id: str | None
    owner_email: str | None
    partners: str
    due: date | None
    due_label: str
    status: Status
    last_update: UpdateView | None
    overdue: bool
    days_overdue: int
    last_update_at: datetime


@dataclass(frozen=True)
class ActionListing:
    """A list of actions answering one question. key re-runs it (see listing_for_key); subject is
    the area name, theme or user ID it is about."""

    kind: ListingKind
    key: str
    subject: str
    actions: tuple[ActionView, ...]
    today: date

    @property
    def counts(self) -> tuple[tuple[Status, int], ...]:
        """Return (status, how many actions have it) for every status present, in workflow order."""
        found = defaultdict(int)
        for action in self.actions:
            found[action.status.key] += 1
        return tuple((s, found[s.key]) for s in STATUSES if found[s.key])

    @property
    def overdue_count(self) -> int:
        """Return how many of the actions are overdue."""
        return sum(1 for a in self.actions if a.overdue)


@dataclass(frozen=True)
class ActionsAnswer:
    """The answer to `/actions <text>`.

    status: "listing" (listing set), "usage" (no or unknown text; themes lists the plan's themes),
    "choose_area" / "area_not_found" / "no_area_data" (lookup says which), "theme_not_found".
    plan_size: how many actions there are in all, so an empty plan can be told apart.
    """

    status: Literal[
        "listing", "usage", "choose_area", "area_not_found", "no_area_data", "theme_not_found"
    ]
    query: str
    listing: ActionListing | None = None
    lookup: AreaLookup | None = None
    themes: tuple[str, ...] = ()
    plan_size: int = 0


# --- reading actions ----------------------------------------------------------------------------


def _sort_key(view: ActionView):
    # Overdue first, then open before closed, then soonest due; undated last.
    return (not view.overdue, view.status.key in CLOSED, view.due or date.max, view.reference)


def load_views(session: Session, condition, today: date) -> list[ActionView]:
    """Return the actions matching a SQLAlchemy condition on Action as ActionViews,
    overdue first."""
    actions = session.scalars(select(Action).where(condition)).all()
    if not actions:
        return []
    ids = [a.id for a in actions]
    areas: dict[int, list[AreaRef]] = defaultdict(list)
    for row in session.scalars(
        select(ActionArea).where(ActionArea.action_id.in_(ids)).order_by(ActionArea.area_name)
    ):
        areas[row.action_id].append(AreaRef(row.area_code, row.area_name))
    newest = (
        select(func.max(ActionUpdate.id))
        .where(ActionUpdate.action_id.in_(ids))
        .group_by(ActionUpdate.action_id)
        .scalar_subquery()
    )
    latest = {
        u.action_id: u
        for u in session.scalars(select(ActionUpdate).where(ActionUpdate.id.in_(newest)))
    }
    views = [view_of(a, areas.get(a.id, []), latest.get(a.id), today) for a in actions]
    return sorted(views, key=_sort_key)


def view_of(
    action: Action, areas: list[AreaRef], last: ActionUpdate | None, today: date
) -> ActionView:
    """Return the ActionView of one stored action, its areas and its newest update."""
    overdue = is_overdue(action.due_date, action.status, today)
    return ActionView(
        id=action.id,
        reference=action.reference,
        title=action.title,
        description=action.description,
        theme=action.theme,
        areas=tuple(areas),
        owner_id=action.owner_id,
        owner_email=action.owner_email,
        partners=action.partners,
        due=action.due_date,
        due_label=action.due_label,
        status=status(action.status),
        last_update=update_view(last) if last else None,
        overdue=overdue,
        days_overdue=(today - action.due_date).days if overdue else 0,
        last_update_at=stored_utc(action.last_update_at),
    )


def update_view(update: ActionUpdate) -> UpdateView:
    """Return the UpdateView of one stored history entry."""
    return UpdateView(
        stored_utc(update.created_at),
        update.user_id,
        update.source,
        status(update.from_status) if update.from_status else None,
        status(update.to_status),
        update.note,
    )


def _in_areas(session: Session, codes: set[str]):
    return Action.id.in_(
        select(ActionArea.action_id).where(ActionArea.area_code.in_(codes or {""}))
    )


def listing_for_key(session: Session, key: str, today: date) -> ActionListing | None:
    """Return the listing a key names ("area:CODE", "mine:U…", "home:U…", "overdue",
    "theme:NAME", "borough", "all", "ids:1,2"), or None for a key that names nothing."""
    kind, _, arg = key.partition(":")
    if kind == "area" and arg:
        name, condition = in_area(session, arg)
        return ActionListing("area", key, name, tuple(load_views(session, condition, today)), today)
    if kind in ("mine", "home") and arg:
        return ActionListing(
            kind, key, arg, tuple(load_views(session, Action.owner_id == arg, today)), today
        )
    if kind == "overdue":
        views = load_views(session, Action.due_date < today, today)
        return ActionListing("overdue", key, "", tuple(v for v in views if v.overdue), today)
    if kind == "theme" and arg:
        views = load_views(session, func.lower(Action.theme) == arg.lower(), today)
        return ActionListing("theme", key, views[0].theme if views else arg, tuple(views), today)
    if kind == "borough":
        views = load_views(session, Action.id.not_in(select(ActionArea.action_id)), today)
        return ActionListing("borough", key, "", tuple(views), today)
    if kind == "all":
        return ActionListing("all", key, "", tuple(load_views(session, true(), today)), today)
    if kind == "ids" and arg:
        ids = [int(part) for part in arg.split(",") if part.strip().isdigit()]
        return ActionListing(
            "ids", key, "", tuple(load_views(session, Action.id.in_(ids), today)), today
        )
    return None


def in_area(session: Session, code: str, profile: AreaProfile | None = None):
    """Return (the area's name, a condition on Action for the actions in it): actions for the area,
    for areas overlapping it, and for a local authority also the borough-wide ones.

    profile, when the caller has it already, saves looking the area up again.
    """
    name, whole_council = (
        (profile.area.name, profile.area.kind == "lad") if profile else _area_name(session, code)
    )
    condition = _in_areas(session, overlapping_action_areas(session, code) or {code})
    if whole_council:  # a borough-wide action is for every part of the council's area
        condition = or_(condition, Action.id.not_in(select(ActionArea.action_id)))
    return name, condition


def _area_name(session: Session, code: str) -> tuple[str, bool]:
    """Return (the area's name, whether it is a local authority)."""
    profile = get_area_profile(session, code)
    if profile is not None:
        return profile.area.name, profile.area.kind == "lad"
    stored = session.scalar(
        select(ActionArea.area_name).where(ActionArea.area_code == code).limit(1)
    )
    return stored or code, False


def themes(session: Session) -> tuple[str, ...]:
    """Return the plan's themes, alphabetically."""
    return tuple(
        session.scalars(
            select(Action.theme).where(Action.theme != "").distinct().order_by(Action.theme)
        )
    )


def _match_theme(known: tuple[str, ...], text: str) -> str | None:
    wanted = " ".join(text.split()).casefold()
    for test in (
        lambda t: t.casefold() == wanted,
        lambda t: t.casefold().startswith(wanted),
        lambda t: wanted in t.casefold(),
    ):
        found = [t for t in known if test(t)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


# --- the questions people ask -------------------------------------------------------------------

_KEYWORDS = {
    "mine": "mine",
    "my": "mine",
    "me": "mine",
    "overdue": "overdue",
    "late": "overdue",
    "borough": "borough",
    "borough-wide": "borough",
    "borough wide": "borough",
    "all": "all",
}


def find_actions(
    session: Session,
    text: str,
    *,
    user_id: str,
    timezone: str,
    scope: tuple[str, ...] = (),
    now: datetime | None = None,
) -> ActionsAnswer:
    """Return the answer to `/actions <text>`: an area's actions, "mine", "overdue",
    "theme <name>", "borough" (for no particular area) or "all"."""
    today = today_in(timezone, now)
    query = " ".join((text or "").split())
    lowered = query.lower()
    plan_size = session.scalar(select(func.count()).select_from(Action)) or 0
    known_themes = themes(session)
    if not query or lowered == "help":
        return ActionsAnswer("usage", query, themes=known_themes, plan_size=plan_size)
    keyword = _KEYWORDS.get(lowered)
    if keyword:
        key = f"{keyword}:{user_id}" if keyword == "mine" else keyword
        return ActionsAnswer(
            "listing", query, listing_for_key(session, key, today), plan_size=plan_size
        )
    if lowered == "theme" or lowered.startswith("theme "):
        wanted = query[len("theme") :].strip()
        theme = _match_theme(known_themes, wanted) if wanted else None
        if theme is None:
            return ActionsAnswer(
                "theme_not_found" if wanted else "usage",
                wanted or query,
                themes=known_themes,
                plan_size=plan_size,
            )
        return ActionsAnswer(
            "listing", query, listing_for_key(session, f"theme:{theme}", today), plan_size=plan_size
        )
    lookup = look_up_area(session, query, scope=scope)
    if lookup.status == "found" and lookup.profile is not None:
        listing = listing_for_key(session, f"area:{lookup.profile.area.code}", today)
        return ActionsAnswer("listing", query, listing, lookup=lookup, plan_size=plan_size)
    status_of = {"choose": "choose_area", "not_found": "area_not_found", "no_data": "no_area_data"}
    return ActionsAnswer(
        status_of.get(lookup.status, "usage"),
        query,
        lookup=lookup,
        themes=known_themes,
        plan_size=plan_size,
    )


def home_actions(
    session: Session, user_id: str, *, timezone: str, now: datetime | None = None
) -> ActionListing:
    """Return the actions user_id owns, overdue first, for their App Home."""
    return listing_for_key(session, f"home:{user_id}", today_in(timezone, now))


def actions_listing(
    session: Session, key: str, *, timezone: str, now: datetime | None = None
) -> ActionListing | None:
    """Return the listing named by key (see listing_for_key) as of today in timezone."""
    return listing_for_key(session, key, today_in(timezone, now))


def history(session: Session, action_id: int) -> tuple[UpdateView, ...]:
    """Return an action's history, oldest first."""
    rows = session.scalars(
        select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(ActionUpdate.id)
    )
    return tuple(update_view(u) for u in rows)
