"""Action plans: actions, the areas they are for, every update to them and the reminders sent.

Migrations in storage/migrations must follow every change here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Action(Base):
    """One action of a council's action plan, known by the reference the plan gives it."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(120), default="")
    owner_id: Mapped[str | None] = mapped_column(String(40), index=True)  # Slack user ID
    owner_email: Mapped[str | None] = mapped_column(String(254))
    partners: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    due_label: Mapped[str] = mapped_column(
        String(60), default=""
    )  # a milestone as written: "by March 2027"
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    # The status the plan file gave at its last import: a re-import changes the status only when
    # the file's own value changed, so it never undoes what officers recorded in Slack.
    imported_status: Mapped[str | None] = mapped_column(String(20))
    last_update_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class ActionArea(Base):
    """An area an action is for; an action with none is borough-wide."""

    __tablename__ = "action_areas"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True
    )
    area_code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    area_name: Mapped[str] = mapped_column(String(200))  # as resolved at import, for lists


class ActionUpdate(Base):
    """One recorded change to an action: who, when, status from and to, and a note."""

    __tablename__ = "action_updates"
    __table_args__ = (Index("ix_action_updates_action_created", "action_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[str] = mapped_column(String(60))  # Slack user ID, or "import" for a plan file
    source: Mapped[str] = mapped_column(String(10))  # "slack" or "import"
    from_status: Mapped[str | None] = mapped_column(String(20))  # None when the action was created
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    # Identifies the request that made the update (e.g. the Slack modal), so a retried or
    # double-clicked submission is recorded once.
    request_key: Mapped[str | None] = mapped_column(String(120), unique=True)


class ReminderSent(Base):
    """A reminder claimed for one action, kind and period, inserted before the message is sent."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("action_id", "kind", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # "overdue" or "stale"
    period: Mapped[str] = mapped_column(String(20))  # the due date, or an ISO week such as 2026-W48
    owner_id: Mapped[str] = mapped_column(String(40))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    outcome: Mapped[str] = mapped_column(
        String(60), default="claimed"
    )  # claimed, sent, logged or failed: …
