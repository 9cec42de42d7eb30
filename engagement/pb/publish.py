"""Publishing a round's results: the round closes for good, and funded projects become actions.

Each funded project becomes an action in the area's action plan (reference PB-<round>-<place on
the ballot>), its first update noting the round it came from, so "You said, we did" and the
action plan follow it from then on. Publishing twice creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.actions.terms import BY_KEY
from engagement.pb.ballots import count_stored
from engagement.pb.count import CountResult
from engagement.pb.rounds import LoadedRound
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.base import utcnow


@dataclass(frozen=True)
class FundedAction:
    """A funded project and the action following it: reference, status words."""

    title: str
    cost: int
    reference: str
    status: str


@dataclass(frozen=True)
class Published:
    """A published round: the round, its count, and the actions its funded projects became."""

    loaded: LoadedRound
    result: CountResult
    actions: tuple[FundedAction, ...]


def action_reference(round_id: int, position: int) -> str:
    """Return the action plan reference of a funded project: "PB-3-2"."""
    return f"PB-{round_id}-{position}"


def funded_actions(session: Session, loaded: LoadedRound) -> tuple[FundedAction, ...]:
    """Return the actions the round's funded projects became, with their status now."""
    refs = {p.action_reference: p for p in loaded.projects if p.action_reference}
    if not refs:
        return ()
    actions = session.scalars(select(Action).where(Action.reference.in_(refs))).all()
    return tuple(
        FundedAction(
            refs[a.reference].title, refs[a.reference].cost, a.reference, BY_KEY[a.status].words
        )
        for a in sorted(actions, key=lambda a: refs[a.reference].position)
        if a.status in BY_KEY
    )


def publish_results(session: Session, slug: str, *, published_by: str) -> Published:
    """Count the round, mark it published and turn each funded project into an action; return
    what was published. Publishing again re-counts nothing new and creates no second action."""
    loaded, result = count_stored(session, slug)
    pb_round = loaded.round
    now = utcnow()
    if pb_round.status != "published":
        pb_round.status = "published"
        pb_round.published_at = now
    funded = {p.title for p in result.projects if p.funded}
    for project in loaded.projects:
        if project.title not in funded or project.action_reference:
            continue
        reference = action_reference(pb_round.id, project.position)
        votes = next(p.votes for p in result.projects if p.title == project.title)
        action = session.scalar(select(Action).where(Action.reference == reference))
        if action is None:
            action = Action(
                reference=reference,
                title=project.title[:300],
                description=(f"{project.description}\n\n" if project.description else "")
                + f"Funded ({figures.money(project.cost)}) by residents' votes in "
                f"“{pb_round.title}”.",
                theme="Participatory budgeting",
                status="not_started",
                last_update_at=now,
            )
            session.add(action)
            session.flush()
            session.add(
                ActionArea(
                    action_id=action.id, area_code=pb_round.area_code, area_name=loaded.area_name
                )
            )
            session.add(
                ActionUpdate(
                    action_id=action.id,
                    created_at=now,
                    user_id=published_by[:60],
                    source="pb",
                    from_status=None,
                    to_status="not_started",
                    note=(
                        f"Created from the participatory budgeting round '{pb_round.slug}': "
                        f"funded with {figures.count(votes)} vote(s)."
                    ),
                )
            )
        project.action_reference = reference
    session.flush()
    return Published(loaded, result, funded_actions(session, loaded))
