"""Weekly digests: which channels asked for one, about what, and every delivery claimed.

Migrations in storage/migrations must follow every change here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class DigestSubscription(Base):
    """A channel's weekly digest about one scope: an area, an action theme, a survey,
    or everything."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("channel_id", "scope_kind", "scope_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(40), index=True)
    scope_kind: Mapped[str] = mapped_column(String(10))  # area, theme, survey or all
    scope_value: Mapped[str] = mapped_column(
        String(200), default=""
    )  # area code, theme, survey slug; "" for all
    scope_label: Mapped[str] = mapped_column(
        String(200), default=""
    )  # the area's or survey's name when subscribed
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    time: Mapped[str] = mapped_column(String(5))  # "09:00", local to timezone
    timezone: Mapped[str] = mapped_column(String(60))
    subscribed_by: Mapped[str] = mapped_column(
        String(40)
    )  # Slack user ID, told if the digest is paused
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pause_reason: Mapped[str | None] = mapped_column(String(60))
    # The period of the last digest sent: the next one covers what changed since that slot.
    last_period: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class DigestDelivery(Base):
    """One digest of one subscription for one scheduled slot, claimed before anything is sent.

    The unique (subscription_id, period) is what makes a second clock, a retry or a restart find
    the delivery already taken. next_attempt_at doubles as a lease: a clock sending it pushes the
    time forward first, so no other clock takes it meanwhile.
    """

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "period"),
        Index("ix_digest_deliveries_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscriptions.id", ondelete="CASCADE")
    )
    period: Mapped[str] = mapped_column(
        String(40)
    )  # the slot as local ISO time: "2026-11-30T09:00+00:00"
    state: Mapped[str] = mapped_column(
        String(10), default="claimed"
    )  # claimed, sent, logged, failed, abandoned
    attempts: Mapped[int] = mapped_column(
        Integer, default=0
    )  # sends begun; above 0 a message may exist
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str] = mapped_column(String(80))
    claimed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )  # wall clock
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_ts: Mapped[str | None] = mapped_column(String(40))
    chart_state: Mapped[str | None] = mapped_column(
        String(10)
    )  # None, claimed, sent, failed: at most once
    error: Mapped[str | None] = mapped_column(Text)
