"""Changing the project bank: proposing an idea, moderating it, its status and partner, and
turning it into an action. Every change appends an IdeaChange row; the caller owns the
transaction."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.comments.taxonomy import themes_taxonomy
from engagement.comments.themes import find_themes
from engagement.ideas.terms import BY_KEY, MODERATION, status
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.base import utcnow
from storage.idea_models import Idea, IdeaChange

MAX_TITLE = 200
MAX_DESCRIPTION = 5_000
MAX_REASON = 1_000
MAX_PARTNER = 200
MAX_NAME = 200
MAX_EMAIL = 254
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ACTION_PREFIX = "IDEA-"


class IdeaProblem(ValueError):
    """A change that cannot be made: field names the form field, message is the GOV.UK error."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def canonical_themes(session: Session, names: list[str]) -> tuple[list[str], list[str]]:
    """Return (the taxonomy's own spelling of each known theme name, the names it does not know)."""
    known = {name.casefold(): name for name in themes_taxonomy(session)}
    found, unknown = [], []
    for name in (n.strip() for n in names):
        if not name:
            continue
        if name.casefold() in known:
            found.append(known[name.casefold()])
        else:
            unknown.append(name)
    return list(dict.fromkeys(found)), unknown


def _change(session, idea, user_id, field, before, after, note, now) -> None:
    session.add(
        IdeaChange(
            idea_id=idea.id,
            created_at=now,
            user_id=user_id,
            field=field,
            from_value=before,
            to_value=after,
            note=note,
        )
    )


def propose_idea(
    session: Session,
    *,
    area_code: str,
    area_name: str,
    title: str,
    description: str = "",
    source: str,
    user_id: str,
    themes: list[str] | None = None,
    contact_name: str | None = None,
    contact_email: str | None = None,
    submission_token: str | None = None,
    idea_status: str = "proposed",
    partner: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> Idea:
    """Store a new idea and its "created" history row; return it.

    A resident's idea (source "web") awaits moderation; an officer's or an imported one is
    published at once. Without themes, they are found in the title and description with the
    comment taxonomy.
    """
    now = now or utcnow()
    if themes is None:
        themes = find_themes(f"{title}\n{description}", themes_taxonomy(session))
    idea = Idea(
        area_code=area_code,
        area_name=area_name,
        title=title,
        description=description,
        themes=list(themes),
        source=source,
        contact_name=contact_name or None,
        contact_email=contact_email or None,
        moderation="awaiting" if source == "web" else "published",
        hidden_reason="",
        status=idea_status,
        status_reason=reason if idea_status == "not_taken_forward" else "",
        partner=partner,
        submission_token=submission_token,
        created_at=now,
        updated_at=now,
    )
    session.add(idea)
    session.flush()
    _change(session, idea, user_id, "created", None, idea_status, reason or source, now)
    return idea


def idea_for_token(session: Session, token: str) -> Idea | None:
    """Return the idea stored under a resident's visit token, or None."""
    return session.scalar(select(Idea).where(Idea.submission_token == token))


def _idea(session: Session, idea_id: int) -> Idea:
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise LookupError(idea_id)
    return idea


def moderate(
    session: Session,
    idea_id: int,
    *,
    publish: bool,
    reason: str = "",
    user_id: str,
    now: datetime | None = None,
) -> Idea:
    """Publish the idea, or hide it with a reason (IdeaProblem without one); return it."""
    idea = _idea(session, idea_id)
    reason = (reason or "").strip()
    if not publish and not reason:
        raise IdeaProblem("reason", "Enter why the idea is hidden")
    if len(reason) > MAX_REASON:
        raise IdeaProblem("reason", f"The reason must be {MAX_REASON:,} characters or fewer")
    target = "published" if publish else "hidden"
    now = now or utcnow()
    before = idea.moderation
    idea.moderation = target
    idea.hidden_reason = "" if publish else reason
    idea.updated_at = now
    _change(session, idea, user_id, "moderation", before, target, reason, now)
    return idea


def change_status(
    session: Session,
    idea_id: int,
    *,
    new_status: str,
    reason: str = "",
    partner: str = "",
    user_id: str,
    now: datetime | None = None,
) -> Idea:
    """Move the idea to new_status with a note; "not taken forward" needs a reason and "picked
    up" a partner (given now or recorded before). Raises IdeaProblem naming the field."""
    idea = _idea(session, idea_id)
    reason, partner = (reason or "").strip(), (partner or "").strip()
    if new_status not in BY_KEY:
        raise IdeaProblem("status", "Select the idea's status")
    if new_status == "not_taken_forward" and not reason:
        raise IdeaProblem("reason", "Enter why the idea is not being taken forward")
    if len(reason) > MAX_REASON:
        raise IdeaProblem("reason", f"The reason must be {MAX_REASON:,} characters or fewer")
    if len(partner) > MAX_PARTNER:
        raise IdeaProblem("partner", f"The partner must be {MAX_PARTNER} characters or fewer")
    if new_status == "picked_up" and not (partner or idea.partner):
        raise IdeaProblem("partner", "Enter the partner who picked the idea up")
    now = now or utcnow()
    if partner and partner != idea.partner:
        record_partner(session, idea_id, partner=partner, user_id=user_id, now=now)
    before = idea.status
    idea.status = new_status
    idea.status_reason = reason if new_status == "not_taken_forward" else ""
    idea.updated_at = now
    _change(session, idea, user_id, "status", before, new_status, reason, now)
    return idea


def record_partner(
    session: Session,
    idea_id: int,
    *,
    partner: str,
    user_id: str,
    note: str = "",
    now: datetime | None = None,
) -> Idea:
    """Record the partner who picked the idea up (a proposed idea becomes "picked up");
    return the idea."""
    idea = _idea(session, idea_id)
    partner = (partner or "").strip()
    if not partner:
        raise IdeaProblem("partner", "Enter the partner who picked the idea up")
    if len(partner) > MAX_PARTNER:
        raise IdeaProblem("partner", f"The partner must be {MAX_PARTNER} characters or fewer")
    now = now or utcnow()
    before = idea.partner
    idea.partner = partner
    idea.updated_at = now
    _change(session, idea, user_id, "partner", before or None, partner, note, now)
    if idea.status == "proposed":
        idea.status = "picked_up"
        _change(session, idea, user_id, "status", "proposed", "picked_up", note, now)
    return idea


def make_action(
    session: Session, idea_id: int, *, user_id: str, now: datetime | None = None
) -> Action:
    """Turn the idea into an action of the action plan (once: the same action again after),
    linked both ways; the action's description and first update say which idea it came from."""
    idea = _idea(session, idea_id)
    if idea.action_id is not None:
        action = session.get(Action, idea.action_id)
        if action is not None:
            return action
    now = now or utcnow()
    origin = f"From the project bank: idea {idea.id}, “{idea.title}”."
    action = Action(
        reference=f"{ACTION_PREFIX}{idea.id}",
        title=idea.title[:300],
        description="\n\n".join(p for p in (idea.description, origin) if p),
        theme=(idea.themes or [""])[0][:120],
        partners=idea.partner,
        status="not_started",
        last_update_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(action)
    session.flush()
    session.add(ActionArea(action_id=action.id, area_code=idea.area_code, area_name=idea.area_name))
    session.add(
        ActionUpdate(
            action_id=action.id,
            created_at=now,
            user_id=user_id,
            source="web",
            from_status=None,
            to_status="not_started",
            note=origin,
        )
    )
    idea.action_id = action.id
    idea.updated_at = now
    _change(session, idea, user_id, "action", None, action.reference, origin, now)
    if idea.status in ("proposed", "picked_up"):
        before = idea.status
        idea.status = "in_progress"
        _change(session, idea, user_id, "status", before, "in_progress", origin, now)
    return action


def describe_change(field: str, value: str | None) -> str:
    """Return a history value in words: a status's or moderation state's name, else as stored."""
    if value is None:
        return ""
    if field in ("status", "created"):
        return status(value).words
    if field == "moderation":
        return MODERATION.get(value, value)
    return value
