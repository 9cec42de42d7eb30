"""Changing an action's status: who may, what a valid update is, and recording each one exactly
once even when Slack retries a submission, someone double-clicks, or two officers save at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engagement import figures
from engagement.actions.plans import ActionListing, ActionView, listing_for_key, load_views
from engagement.actions.terms import parse_status, today_in
from storage.action_models import Action, ActionUpdate
from storage.base import utcnow

NOTE_LIMIT = 3000


@dataclass(frozen=True)
class UpdateForm:
    """Whether user may update an action, and the action as it stands: result "ok",
    "refused" or "not_found"."""

    result: Literal["ok", "refused", "not_found"]
    action: ActionView | None = None
    listing_key: str = ""


@dataclass(frozen=True)
class UpdateOutcome:
    """What became of an update.

    result: "recorded"; "duplicate" (this request was recorded before; nothing new);
    "invalid" (errors: {field: message} with fields "status" and "note"); "refused" (user is
    neither the owner nor an admin); "not_found" (the action has gone).
    action: the action after the update; listing: the list the update was made from, refreshed.
    """

    result: Literal["recorded", "duplicate", "invalid", "refused", "not_found"]
    action: ActionView | None = None
    errors: dict[str, str] = field(default_factory=dict)
    listing: ActionListing | None = None


def may_update(owner_id: str | None, user_id: str, admin_ids: tuple[str, ...]) -> bool:
    """Return True when user_id owns the action or is an administrator."""
    return bool(user_id) and (user_id == owner_id or user_id in admin_ids)


def _view(session: Session, action_id: int, today) -> ActionView | None:
    views = load_views(session, Action.id == action_id, today)
    return views[0] if views else None


def prepare_update(
    session: Session,
    action_id: int,
    *,
    user_id: str,
    admin_ids: tuple[str, ...],
    timezone: str,
    listing_key: str = "",
    now: datetime | None = None,
) -> UpdateForm:
    """Return whether user_id may update the action, with the action for the update form."""
    action = _view(session, action_id, today_in(timezone, now))
    if action is None:
        return UpdateForm("not_found", listing_key=listing_key)
    if not may_update(action.owner_id, user_id, admin_ids):
        return UpdateForm("refused", action, listing_key)
    return UpdateForm("ok", action, listing_key)


def check_update(current_status: str, new_status: str, note: str) -> dict[str, str]:
    """Return {field: message} for what is wrong with an update (empty when it is valid)."""
    chosen = parse_status(new_status)
    if chosen is None:
        return {"status": "Choose a status"}
    if len(note) > NOTE_LIMIT:
        return {"note": f"Note must be {figures.count(NOTE_LIMIT)} characters or fewer"}
    if chosen.key == "dropped" and current_status != "dropped" and not note:
        return {"note": "Say why the action is being dropped"}
    if chosen.key == current_status and not note:
        return {"note": "Write a note, or choose a different status"}
    return {}


def record_update(
    session: Session,
    action_id: int,
    *,
    user_id: str,
    status_key: str,
    note: str,
    admin_ids: tuple[str, ...],
    timezone: str,
    request_key: str | None = None,
    relist: str | None = None,
    now: datetime | None = None,
) -> UpdateOutcome:
    """Record a status change and/or note on an action, once per request_key; return the outcome.

    Concurrent updates of one action queue up behind a row lock (PostgreSQL) or the write lock
    (SQLite), so each is recorded against the status the one before it left: no note is lost.
    relist names a listing (see listing_for_key) to return refreshed with the outcome.
    """
    moment = now or utcnow()
    today = today_in(timezone, moment)
    note = (note or "").strip()
    # A write that changes nothing, issued first so it takes the lock before anything is read.
    locked = session.execute(
        update(Action)
        .where(Action.id == action_id)
        .values(status=Action.status)
        .execution_options(synchronize_session=False)
    )
    if not locked.rowcount:
        return UpdateOutcome("not_found")
    action = session.get(Action, action_id, populate_existing=True)
    if request_key and session.scalar(
        select(ActionUpdate.id).where(ActionUpdate.request_key == request_key)
    ):
        return _outcome(session, "duplicate", action_id, today, relist)
    if not may_update(action.owner_id, user_id, admin_ids):
        return _outcome(session, "refused", action_id, today, None)
    errors = check_update(action.status, status_key, note)
    if errors:
        return UpdateOutcome("invalid", _view(session, action_id, today), errors)
    new_status = parse_status(status_key).key
    session.add(
        ActionUpdate(
            action_id=action_id,
            created_at=moment,
            user_id=user_id,
            source="slack",
            from_status=action.status,
            to_status=new_status,
            note=note,
            request_key=request_key,
        )
    )
    action.status = new_status
    action.last_update_at = moment
    session.flush()
    return _outcome(session, "recorded", action_id, today, relist)


def _outcome(session: Session, result, action_id: int, today, relist: str | None) -> UpdateOutcome:
    listing = listing_for_key(session, relist, today) if relist else None
    return UpdateOutcome(result, _view(session, action_id, today), listing=listing)
