"""Reading the project bank: the published ideas of an area, its counts for /area, the list in
/areas/<code>.json, the officers' list and an idea's history. Contact details never leave
here except in OfficerIdea."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.ideas.terms import MODERATION, PICKED_UP, SOURCES, status
from storage.action_models import Action
from storage.base import stored_utc
from storage.idea_models import Idea, IdeaChange


@dataclass(frozen=True)
class PublicIdea:
    """An idea as anyone may see it: no contact details, nothing about moderation."""

    id: int
    area_code: str
    area_name: str
    title: str
    description: str
    themes: tuple[str, ...]
    status: str
    partner: str
    status_reason: str
    action_reference: str | None

    @property
    def status_words(self) -> str:
        """Return the idea's status in words ("Picked up")."""
        return status(self.status).words


@dataclass(frozen=True)
class OfficerIdea:
    """An idea as officers see it: everything, contact details included."""

    public: PublicIdea
    source: str
    moderation: str
    hidden_reason: str
    contact_name: str | None
    contact_email: str | None
    created_at: datetime

    @property
    def moderation_words(self) -> str:
        """Return the moderation state in words ("Awaiting moderation")."""
        return MODERATION.get(self.moderation, self.moderation)

    @property
    def source_words(self) -> str:
        """Return where the idea came from in words ("Resident (web form)")."""
        return SOURCES.get(self.source, self.source)


@dataclass(frozen=True)
class IdeaCounts:
    """How many published ideas an area has, and how many of them a partner has picked up."""

    total: int
    picked_up: int


@dataclass(frozen=True)
class HistoryRow:
    """One change to an idea: when, who, what, from, to and the note."""

    created_at: datetime
    user_id: str
    field: str
    from_value: str | None
    to_value: str
    note: str


def _public(idea: Idea, reference: str | None) -> PublicIdea:
    return PublicIdea(
        idea.id,
        idea.area_code,
        idea.area_name,
        idea.title,
        idea.description,
        tuple(idea.themes or ()),
        idea.status,
        idea.partner,
        idea.status_reason,
        reference,
    )


def _officer(idea: Idea, reference: str | None) -> OfficerIdea:
    return OfficerIdea(
        _public(idea, reference),
        idea.source,
        idea.moderation,
        idea.hidden_reason,
        idea.contact_name,
        idea.contact_email,
        stored_utc(idea.created_at),
    )


def _with_reference(statement):
    return statement.add_columns(Action.reference).outerjoin(Action, Action.id == Idea.action_id)


def published_ideas(session: Session, area_code: str) -> list[PublicIdea]:
    """Return the area's published ideas, newest first."""
    rows = session.execute(
        _with_reference(select(Idea))
        .where(Idea.area_code == area_code, Idea.moderation == "published")
        .order_by(Idea.created_at.desc(), Idea.id.desc())
    )
    return [_public(idea, reference) for idea, reference in rows]


def idea_counts(session: Session, area_code: str) -> IdeaCounts | None:
    """Return the area's published ideas counted, or None when it has none."""
    rows = session.execute(
        select(Idea.status, func.count())
        .where(Idea.area_code == area_code, Idea.moderation == "published")
        .group_by(Idea.status)
    ).all()
    total = sum(n for _s, n in rows)
    if not total:
        return None
    return IdeaCounts(total, sum(n for s, n in rows if s in PICKED_UP))


def ideas_document(session: Session, area_code: str) -> list[dict]:
    """Return the area's published ideas for /areas/<code>.json: [{"title", "status", "themes"}]
    with the status in words."""
    return [
        {"title": i.title, "status": i.status_words.lower(), "themes": list(i.themes)}
        for i in published_ideas(session, area_code)
    ]


def officer_ideas(
    session: Session, *, moderation: str | None = None, area_code: str | None = None
) -> list[OfficerIdea]:
    """Return every idea (or those in one moderation state or area), awaiting ones first,
    newest first."""
    statement = _with_reference(select(Idea))
    if moderation:
        statement = statement.where(Idea.moderation == moderation)
    if area_code:
        statement = statement.where(Idea.area_code == area_code)
    order = (Idea.moderation != "awaiting", Idea.created_at.desc(), Idea.id.desc())
    return [_officer(i, r) for i, r in session.execute(statement.order_by(*order))]


def officer_idea(session: Session, idea_id: int) -> OfficerIdea | None:
    """Return one idea as officers see it, or None."""
    row = session.execute(_with_reference(select(Idea)).where(Idea.id == idea_id)).first()
    return _officer(*row) if row else None


def idea_history(session: Session, idea_id: int) -> list[HistoryRow]:
    """Return every recorded change to the idea, oldest first."""
    rows = session.scalars(
        select(IdeaChange)
        .where(IdeaChange.idea_id == idea_id)
        .order_by(IdeaChange.created_at, IdeaChange.id)
    )
    return [
        HistoryRow(
            stored_utc(r.created_at), r.user_id, r.field, r.from_value, r.to_value, r.note or ""
        )
        for r in rows
    ]


def idea_of_action(session: Session, action_id: int) -> PublicIdea | None:
    """Return the idea an action came from, or None: the link back from the action plan."""
    row = session.execute(_with_reference(select(Idea)).where(Idea.action_id == action_id)).first()
    return _public(*row) if row else None
