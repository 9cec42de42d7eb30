"""Officer sign-in: one row per one-time link sent by `/fairer login`,
and the session it started."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class SignInToken(Base):
    """A one-time sign-in link (only its SHA-256 hash is kept) and, once used, the session it began.

    used_at is set exactly once, by a conditional UPDATE, so two clicks cannot both sign in;
    signed_out_at ends the web session on the server even if someone kept a copy of the cookie.
    """

    __tablename__ = "sign_in_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    slack_user_id: Mapped[str] = mapped_column(String(40))
    slack_team_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Old rows are purged by this column when new links are issued.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
