"""Keyword-only helpers for digest tests: subscriptions, dated action updates and survey
responses."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from engagement.actions.updates import record_update
from engagement.digests.subscriptions import digest_command
from storage.survey_models import SurveyResponse

LONDON = "Europe/London"
CHANNEL_ID = "C0DIGEST01"
SUBSCRIBER_ID = "U0SUBSCR01"
EDITOR_ID = "U0EDITOR01"


def utc(*parts) -> datetime:
    """Return an aware UTC datetime."""
    return datetime(*parts, tzinfo=UTC)


SUBSCRIBED_AT = utc(2026, 11, 23, 10, 0)  # create_subscription's default created_at


def create_subscription(
    session,
    *,
    text: str = "subscribe",
    channel_id: str = CHANNEL_ID,
    user_id: str = SUBSCRIBER_ID,
    created_at: datetime = SUBSCRIBED_AT,
    timezone_name: str = LONDON,
):
    """Subscribe channel_id with `/digest <text>` as it was at created_at; return the
    SubscriptionView."""
    answer = digest_command(
        session,
        text,
        channel_id=channel_id,
        user_id=user_id,
        timezone=timezone_name,
        now=created_at,
    )
    assert answer.status in ("subscribed", "updated"), answer
    return answer.subscription


def change_status(session, action, status: str, at: datetime, note: str = "") -> None:
    """Record a status change on action at the given moment, as an administrator would in Slack."""
    outcome = record_update(
        session,
        action.id,
        user_id=EDITOR_ID,
        status_key=status,
        note=note,
        admin_ids=(EDITOR_ID,),
        timezone=LONDON,
        now=at,
    )
    assert outcome.result == "recorded", outcome


def date_responses(session, survey_id: int, at: datetime) -> None:
    """Make every response to the survey look submitted at `at`."""
    session.execute(
        update(SurveyResponse).where(SurveyResponse.survey_id == survey_id).values(submitted_at=at)
    )
