"""What the council did in response to a survey: officers' "You said, we did" notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class ResponseNote(Base):
    """One "You said, we did" note: what residents said, what was done, and the actions behind it.

    area_code None means the note is about the whole survey; otherwise it also shows on that
    neighbourhood's page. action_references are Action.reference values, kept as text so a note
    outlives a re-imported plan.
    """

    __tablename__ = "response_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    area_code: Mapped[str | None] = mapped_column(String(40), index=True)
    said: Mapped[str] = mapped_column(Text)
    did: Mapped[str] = mapped_column(Text)
    action_references: Mapped[list] = mapped_column(JSON, default=list)
    author: Mapped[str] = mapped_column(String(40))  # Slack user id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
