"""Impact assessments: one per action, survey, PB round or committee decision, the impact marked
on each row of the template, and every saved version kept.

Migrations in storage/migrations must follow every change here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Assessment(Base):
    """An integrated and equality impact assessment of one subject, known by its reference."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The action's reference for an action (NRI-02), else the survey's or round's slug, or the
    # reference a decision was given (IA-1 when none).
    reference: Mapped[str] = mapped_column(String(80), unique=True)
    subject_kind: Mapped[str] = mapped_column(String(10))  # action, survey, pb_round, decision
    # An assessment outlives what it assessed: the record for the committee papers stays.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), unique=True
    )
    subject_slug: Mapped[str | None] = mapped_column(String(80))  # a survey's or PB round's slug
    title: Mapped[str] = mapped_column(String(300))  # as the subject was called when assessed
    committee: Mapped[str] = mapped_column(String(120), default="")
    committee_date: Mapped[date | None] = mapped_column(Date)
    assessed_by: Mapped[str] = mapped_column(String(200), default="")  # a name and role
    assessed_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft or signed_off
    version: Mapped[int] = mapped_column(Integer, default=1)
    signed_off_by: Mapped[str | None] = mapped_column(String(200))
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The template's recommendations, by key (positive, negative, neutral, issues).
    recommendations: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class AssessmentRow(Base):
    """The impact marked on one row of the template, with its comment and mitigation."""

    __tablename__ = "assessment_rows"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    row_key: Mapped[str] = mapped_column(String(60), primary_key=True)  # "economic.finance"
    impact: Mapped[str | None] = mapped_column(String(10))  # neutral, positive, negative; None
    comment: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")


class AssessmentVersion(Base):
    """A saved state of an assessment: who, when, what was done, and the whole record as it
    then stood, so every change can be read back and a signed-off version never changes."""

    __tablename__ = "assessment_versions"
    __table_args__ = (Index("ix_assessment_versions_assessment", "assessment_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(200))  # a Slack user ID, a name, or "import"
    event: Mapped[str] = mapped_column(String(20))  # created, saved, signed_off, reopened, loaded
    snapshot: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
