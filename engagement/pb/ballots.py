"""Ballots: checking a voter's choices, storing a web ballot once, and single-use invite codes.

Invite codes work as the surveys' do (engagement.surveys.invites): shown once when created,
stored only as a hash, and used up in the same transaction as the ballot they let in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engagement import figures
from engagement.pb.count import BallotProject, CountResult, count_round
from engagement.pb.rounds import LoadedRound, require_round
from engagement.surveys.invites import add_invites, claim_unused_invite, unused_invite_exists
from engagement.surveys.store import new_receipt_code
from storage.pb_models import PbBallot, PbInvite, PbProject, PbRound


class BallotRefused(Exception):
    """The ballot cannot be stored: the message says why, for the voter."""


@dataclass(frozen=True)
class Choice:
    """What a voter has chosen so far: the projects, their total cost and any error."""

    projects: tuple[PbProject, ...]
    total: int
    error: str | None


def check_choices(loaded: LoadedRound, chosen_ids: Sequence[object]) -> Choice:
    """Return the projects chosen (ids as posted), their total, and the GOV.UK error if any:
    none chosen, over the budget (budget rounds) or more than max_choices (approval rounds)."""
    wanted = {str(i) for i in chosen_ids}
    projects = tuple(p for p in loaded.projects if str(p.id) in wanted)
    total = sum(p.cost for p in projects)
    pb_round = loaded.round
    error = None
    if not projects:
        error = "Select at least one project"
    elif pb_round.rule == "budget" and total > pb_round.budget:
        error = (
            f"The projects you chose cost {figures.money(total)}, more than the "
            f"{figures.money(pb_round.budget)} budget. Remove a project or choose cheaper ones"
        )
    elif pb_round.rule == "approval" and len(projects) > (pb_round.max_choices or 0):
        most = pb_round.max_choices or 0
        error = f"Select no more than {figures.count(most)} project" + ("" if most == 1 else "s")
    return Choice(projects, total, error)


_PB_INVITES = "fairer-pb-invite"  # salts the hashes: a survey's code never opens a round


def create_invites(session: Session, slug: str, count: int, *, label: str = "") -> list[str]:
    """Create count single-use invite codes for the round; return them (they are not stored)."""
    pb_round = require_round(session, slug).round
    return add_invites(
        session,
        count,
        lambda code_hash: PbInvite(round_id=pb_round.id, code_hash=code_hash, label=label[:200]),
        salt=_PB_INVITES,
    )


def invite_is_unused(session: Session, round_id: int, code: str) -> bool:
    """Return whether code is an unused invite to this round."""
    return unused_invite_exists(session, PbInvite.round_id, round_id, code, salt=_PB_INVITES)


def _claim_invite(session: Session, round_id: int, code: str) -> bool:
    return claim_unused_invite(session, PbInvite.round_id, round_id, code, salt=_PB_INVITES)


def receipt_for_token(session: Session, round_id: int, token: str) -> str | None:
    """Return the receipt of the round's ballot stored under this submission token, or None."""
    return session.scalar(
        select(PbBallot.receipt_code).where(
            PbBallot.round_id == round_id, PbBallot.submission_token == token
        )
    )


def store_web_ballot(
    session: Session,
    pb_round: PbRound,
    choice: Choice,
    *,
    area_code: str | None,
    token: str,
    invite_code: str = "",
) -> str:
    """Store a web ballot once per submission token; return its receipt code.

    The same form sent twice returns the first receipt. An invite round uses up the invite in
    the same transaction; raise BallotRefused when it is unknown or used."""
    if choice.error:
        raise BallotRefused(choice.error)
    stored = receipt_for_token(session, pb_round.id, token)
    if stored is not None:
        return stored
    if pb_round.voters == "invite" and not _claim_invite(session, pb_round.id, invite_code):
        raise BallotRefused("This invite code has already been used")
    receipt = new_receipt_code()
    try:
        with session.begin_nested():
            session.add(
                PbBallot(
                    round_id=pb_round.id,
                    receipt_code=receipt,
                    channel="web",
                    submission_token=token,
                    area_code=area_code,
                    choices=[p.id for p in choice.projects],
                )
            )
    except IntegrityError:
        # The same token raced in from a second request: that one stored the ballot.
        stored = receipt_for_token(session, pb_round.id, token)
        if stored is None:
            raise
        return stored
    return receipt


def ballot_titles(session: Session, loaded: LoadedRound) -> list[list[str]]:
    """Return every ballot of the round as the titles it chose."""
    titles = {p.id: p.title for p in loaded.projects}
    rows = session.scalars(
        select(PbBallot.choices).where(PbBallot.round_id == loaded.round.id).order_by(PbBallot.id)
    )
    return [[titles[i] for i in choices if i in titles] for choices in rows]


def count_stored(session: Session, slug: str) -> tuple[LoadedRound, CountResult]:
    """Return the round and the count of its stored ballots (web and paper)."""
    loaded = require_round(session, slug)
    projects = [BallotProject(p.position, p.title, p.cost) for p in loaded.projects]
    return loaded, count_round(loaded.round.budget, projects, ballot_titles(session, loaded))
