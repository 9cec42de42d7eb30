"""Surveys, their responses and answers, comment coding and invite codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Survey(Base):
    """A consultation residents answer at /s/<slug>, defined in YAML or the survey builder."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)  # checked by engagement/surveys/definition.py
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retention_days: Mapped[int] = mapped_column(
        Integer, default=365
    )  # free text is purged after this
    invite_only: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class SurveyResponse(Base):
    """One person's (or one paper form's) answers, with the receipt code they can erase it by."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        # The same form submitted twice (a double click, a resend) carries the same token. Its
        # index leads with survey_id, so it also finds a survey's responses (and deletes them
        # with it).
        UniqueConstraint("survey_id", "submission_token"),
        # /area finds the latest survey answered from an area without reading every response.
        Index("ix_survey_responses_area_submitted", "area_code", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    receipt_code: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(10))  # "web" or "paper"
    submission_token: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    area_code: Mapped[str | None] = mapped_column(String(40))  # the neighbourhood, resolved
    respondent_type: Mapped[str | None] = mapped_column(String(40))
    entered_by: Mapped[str | None] = mapped_column(String(40))  # staff who typed in a paper form
    # The language the answers were given in ("en", "cy", "ur" …); None before it was recorded.
    language: Mapped[str | None] = mapped_column(String(8))
    # Left out of every summary by an officer (a likely duplicate), who says why; kept, not deleted.
    excluded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    excluded_by: Mapped[str | None] = mapped_column(String(40))
    excluded_reason: Mapped[str | None] = mapped_column(String(500))


# The answers in the summary index: every option's value (at most 100 characters, checked when a
# survey is loaded) and short free text. Queries repeat it word for word, so that SQLite and
# PostgreSQL see they may use the index.
SUMMARY_INDEX_WHERE = "length(value) <= 200"


class SurveyAnswer(Base):
    """One answer: an option's value, a piece of free text, or one ranked item (with position)."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        Index("ix_survey_answers_response_question", "response_id", "question_key"),
        # A summary is one scan of this index, in GROUP BY order: 100,000 responses in a third
        # of a second. Long free text stays out of it: a PostgreSQL index entry holds at most
        # 2,704 bytes, and a summary counts comments from their coding, not from here.
        Index(
            "ix_survey_answers_summary",
            "survey_id",
            "question_key",
            "value",
            "position",
            "respondent_type",
            "area_code",
            sqlite_where=text(SUMMARY_INDEX_WHERE),
            postgresql_where=text(SUMMARY_INDEX_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str | None] = mapped_column(Text)  # None once free text is purged
    position: Mapped[int | None] = mapped_column(Integer)  # rank (1 = first) for ranking questions
    # Repeated from the response, so summaries by group need no join. No foreign key of its own:
    # the response's already holds (a survey's deletion takes its responses, and they their
    # answers), and checking it again for each of a response's answers cost PostgreSQL a query each.
    survey_id: Mapped[int] = mapped_column(Integer)
    respondent_type: Mapped[str | None] = mapped_column(String(40))
    area_code: Mapped[str | None] = mapped_column(String(40))


class CommentCoding(Base):
    """Sentiment and themes of a free-text answer: automatic,
    and officers' corrections kept beside."""

    __tablename__ = "comment_codings"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("survey_answers.id", ondelete="CASCADE"), primary_key=True
    )
    polarity: Mapped[float] = mapped_column(Float)
    sentiment: Mapped[str] = mapped_column(String(10))  # positive, neutral, negative
    themes: Mapped[list] = mapped_column(JSON)
    sentiment_override: Mapped[str | None] = mapped_column(String(10))
    themes_override: Mapped[list | None] = mapped_column(JSON)
    redacted_text: Mapped[str | None] = mapped_column(Text)
    publish_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    coded_by: Mapped[str | None] = mapped_column(String(40))
    coded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CommentTheme(Base):
    """A theme of the keyword taxonomy officers can edit: "housing" ← damp, mould, rent, repairs…"""

    __tablename__ = "comment_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    keywords: Mapped[list] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SurveyInvite(Base):
    """A single-use invite code for a stakeholder survey; only its hash is stored."""

    __tablename__ = "survey_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
