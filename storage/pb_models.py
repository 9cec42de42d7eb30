"""Participatory budgeting: rounds, the projects on their ballots, and ballots cast."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class PbRound(Base):
    """A round in which the residents of an area decide how a budget is spent (/pb/<slug>)."""

    __tablename__ = "pb_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(40))  # any area code, or a custom area's
    budget: Mapped[int] = mapped_column(Integer)  # whole pounds
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)  # the last day votes are taken
    rule: Mapped[str] = mapped_column(String(10))  # "budget" or "approval"
    max_choices: Mapped[int | None] = mapped_column(Integer)  # approval rounds only
    # "area": open to anyone living in the area; "invite": a single-use invite code is needed.
    voters: Mapped[str] = mapped_column(String(10), default="area")
    # "draft" until an officer opens it; "open", "closed", then "published" (results out).
    status: Mapped[str] = mapped_column(String(12), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class PbProject(Base):
    """A project on a round's ballot, with its cost; position is its place on the ballot."""

    __tablename__ = "pb_projects"
    __table_args__ = (UniqueConstraint("round_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pb_rounds.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    cost: Mapped[int] = mapped_column(Integer)  # whole pounds
    description: Mapped[str] = mapped_column(Text, default="")
    # The project-bank idea it came from; a round outlives the idea being deleted.
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    # The action a funded project became when the results were published.
    action_reference: Mapped[str | None] = mapped_column(String(40))


class PbBallot(Base):
    """One ballot: on the web or typed in from paper, with the neighbourhood the voter chose."""

    __tablename__ = "pb_ballots"
    __table_args__ = (
        # The same form sent twice carries the same token, and is stored once.
        UniqueConstraint("round_id", "submission_token"),
        Index("ix_pb_ballots_round_area", "round_id", "area_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pb_rounds.id", ondelete="CASCADE"))
    receipt_code: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(10))  # "web" or "paper"
    submission_token: Mapped[str | None] = mapped_column(String(64))
    area_code: Mapped[str | None] = mapped_column(String(40))  # the voter's neighbourhood
    entered_by: Mapped[str | None] = mapped_column(String(40))  # staff who typed in a paper one
    choices: Mapped[list] = mapped_column(JSON)  # the chosen projects' ids, in ballot order
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PbInvite(Base):
    """A single-use invite code to vote in a round; only its hash is stored."""

    __tablename__ = "pb_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("pb_rounds.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
