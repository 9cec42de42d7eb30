"""Project-bank ideas for an area, their status history and the partners who pick them up.

Migrations in storage/migrations must follow every change here (0019_ideas.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Idea(Base):
    """One idea in the project bank for an area, proposed by a resident, an officer or a file."""

    __tablename__ = "ideas"
    __table_args__ = (Index("ix_ideas_area_moderation", "area_code", "moderation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(String(40))  # any area code or custom area code
    area_name: Mapped[str] = mapped_column(String(200))  # as resolved when proposed, for lists
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[list] = mapped_column(JSON, default=list)  # names of the comment taxonomy
    source: Mapped[str] = mapped_column(String(10))  # "web", "officer" or "import"
    # Never shown publicly, never exported to Slack: only officers see them.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    moderation: Mapped[str] = mapped_column(String(10), default="awaiting")  # published, hidden
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    status_reason: Mapped[str] = mapped_column(Text, default="")  # why not taken forward
    partner: Mapped[str] = mapped_column(String(200), default="")  # who picked it up
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), unique=True
    )
    # The visit token of the resident's form, so the same form sent twice is stored once.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class IdeaChange(Base):
    """One recorded change to an idea: who, when, what changed from and to, and a note."""

    __tablename__ = "idea_changes"
    __table_args__ = (Index("ix_idea_changes_idea_created", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[str] = mapped_column(String(60))  # Slack user ID, "resident" or "import"
    field: Mapped[str] = mapped_column(String(20))  # created, moderation, status, partner, action
    from_value: Mapped[str | None] = mapped_column(String(200))  # None when the idea was created
    to_value: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
