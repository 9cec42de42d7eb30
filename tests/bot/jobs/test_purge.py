"""The clock removes comments past their survey's retention period every night, as each survey's
privacy notice promises (the example survey keeps free text for 365 days)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select

from bot.config import Settings
from bot.jobs.clock import build_scheduler
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyAnswer
from tests.engagement.digest_factories import date_responses
from tests.engagement.survey_factories import create_response
from tests.surveys.survey_helpers import SLUG, open_example_survey


def _comments(url: str) -> list[str | None]:
    with session_scope(engine_for(url)) as session:
        return list(
            session.scalars(
                select(SurveyAnswer.value).where(SurveyAnswer.question_key == "comments")
            )
        )


def test_the_nightly_job_removes_comments_older_than_the_retention_period(sample_url):
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SLUG)
        create_response(session, survey=survey, definition=definition, comments="Old words")
        date_responses(session, survey.id, datetime.now(UTC) - timedelta(days=366))
        create_response(session, survey=survey, definition=definition, comments="New words")
    settings = Settings.from_env(
        {"TESTING": True, "DATABASE_URL": sample_url, "SLACK_SIGNING_SECRET": "s"}
    )
    job = build_scheduler(settings).get_job("purge_old_comments")

    job.func()

    assert sorted(_comments(sample_url), key=lambda v: v or "") == [None, "New words"]
    assert isinstance(job.trigger, CronTrigger)
    assert job.trigger.get_next_fire_time(None, datetime(2027, 1, 4, 12, 0, tzinfo=UTC)) == (
        datetime(2027, 1, 5, 2, 30, tzinfo=job.trigger.timezone)
    )
