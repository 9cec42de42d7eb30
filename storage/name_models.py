"""The names officers go by in Slack, kept so the web pages can show people by name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class OfficerName(Base):
    """A Slack user's display name (else real name) as users.info last gave it.

    The web app cannot ask Slack itself, so whatever learns a name (`fairer names refresh`, an
    import of actions, the bot's users.info cache) stores it here; a missing row means the pages
    show the Slack ID instead.
    """

    __tablename__ = "officer_names"

    slack_user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
