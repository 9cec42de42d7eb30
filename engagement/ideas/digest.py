"""The project bank's part of an area's weekly digest: ideas published and picked up that week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from engagement.ideas.views import idea_counts
from storage.idea_models import Idea, IdeaChange


@dataclass(frozen=True)
class IdeasWeek:
    """An area's project bank over a digest's week, and where it stands now."""

    published: tuple[str, ...]  # titles of ideas published in the week
    picked_up: tuple[tuple[str, str], ...]  # (title, partner) of ideas picked up in the week
    total: int  # published ideas now
    picked_up_total: int

    @property
    def changed(self) -> bool:
        """Return True when an idea was published or picked up in the week."""
        return bool(self.published or self.picked_up)


def ideas_week(
    session: Session, area_code: str, *, since: datetime, until: datetime
) -> IdeasWeek | None:
    """Return the area's ideas published or picked up after since and up to until (None when the
    area has no published ideas and none changed)."""
    window = and_(
        IdeaChange.created_at > since.astimezone(UTC),
        IdeaChange.created_at <= until.astimezone(UTC),
    )
    rows = session.execute(
        select(IdeaChange.field, IdeaChange.to_value, Idea.title, Idea.partner)
        .join(Idea, Idea.id == IdeaChange.idea_id)
        .where(
            Idea.area_code == area_code,
            Idea.moderation == "published",
            window,
            or_(
                and_(IdeaChange.field == "moderation", IdeaChange.to_value == "published"),
                and_(IdeaChange.field == "created", Idea.source != "web"),
                and_(IdeaChange.field == "status", IdeaChange.to_value == "picked_up"),
            ),
        )
        .order_by(IdeaChange.created_at, IdeaChange.id)
    ).all()
    published = [title for field, _to, title, _p in rows if field in ("moderation", "created")]
    picked = [(title, partner) for field, _to, title, partner in rows if field == "status"]
    counts = idea_counts(session, area_code)
    if counts is None and not rows:
        return None
    return IdeasWeek(
        tuple(dict.fromkeys(published)),
        tuple(dict.fromkeys(picked)),
        counts.total if counts else 0,
        counts.picked_up if counts else 0,
    )
