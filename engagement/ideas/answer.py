"""What `/ideas <area>` answers: the area the words name and its published ideas."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from engagement.areas.lookup import look_up_area
from engagement.ideas.views import IdeaCounts, PublicIdea, idea_counts, published_ideas
from engagement.model import AreaLookup, AreaSummary


@dataclass(frozen=True)
class IdeasAnswer:
    """The lookup of the area asked for and, when it found one, the area's published ideas."""

    lookup: AreaLookup
    area: AreaSummary | None = None
    ideas: tuple[PublicIdea, ...] = field(default=())
    counts: IdeaCounts | None = None


def ideas_for_query(session: Session, query: str, *, scope: tuple[str, ...] = ()) -> IdeasAnswer:
    """Return the answer to `/ideas <query>`: the lookup, and the found area's ideas."""
    lookup = look_up_area(session, query.strip(), scope=scope)
    if lookup.status != "found" or lookup.profile is None:
        return IdeasAnswer(lookup)
    area = lookup.profile.area
    return IdeasAnswer(
        lookup,
        area,
        tuple(published_ideas(session, area.code)),
        idea_counts(session, area.code),
    )
