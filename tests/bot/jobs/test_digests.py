"""Weekly digests delivered exactly once, against the fake Slack Web API, on SQLite and PostgreSQL:
through 429s, 5xx, dropped connections, slow answers, a clock killed mid-run and two clocks at
once."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.jobs import digests as digest_job
from bot.jobs.digests import run_digests
from bot.slack_client import build_web_client
from engagement.digests.deliveries import delivery_states
from storage import session_scope
from storage.db import make_engine
from storage.digest_models import DigestSubscription
from tests.engagement.digest_factories import (
    CHANNEL_ID,
    SUBSCRIBER_ID,
    create_subscription,
    date_responses,
    utc,
)
from tests.engagement.survey_factories import create_example_survey, create_response

T = utc(2026, 11, 30, 9, 0)  # a Monday, 09:00 in London
PERIOD = "2026-11-30T09:00+00:00"
KEY = f"1/{PERIOD}"
MINUTE = timedelta(minutes=1)


class Killed(BaseException):
    """The clock process dying (kill -9): nothing after it runs, no except clause catches it."""


def _die(*args, **kwargs):
    raise Killed()


@pytest.fixture(autouse=True)
def no_refused_tokens(monkeypatch):
    monkeypatch.setattr(digest_job, "_refused_tokens", set())


def make_settings(db_url, fake_slack, **overrides) -> Settings:
    config = {
        "TESTING": True,
        "DATABASE_URL": db_url,
        "SLACK_SIGNING_SECRET": "s",
        "SLACK_BOT_TOKEN": "xoxb-digest-test",
        "SLACK_API_URL": fake_slack.api_url,
        "PUBLIC_BASE_URL": "https://fairer.example.org",
    }
    return Settings.from_env(config | overrides)


@pytest.fixture
def settings(db_url, fake_slack) -> Settings:
    """Settings on a fresh database (each engine in turn) holding one subscription: everything,
    Mondays at 09:00 London time, in CHANNEL_ID."""
    subscribe(db_url)
    return make_settings(db_url, fake_slack)


def subscribe(db_url, **options):
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        subscription = create_subscription(session, **options)
    engine.dispose()
    return subscription


def run(settings, at=T, **options):
    client = build_web_client(settings, settings.bot_token, exactly_once=True, timeout=1)
    return run_digests(settings, at=at, client=client, **options)


def states(settings):
    engine = make_engine(settings.database_url)
    with session_scope(engine) as session:
        found = delivery_states(session)
    engine.dispose()
    return found


def posted(fake_slack, channel=CHANNEL_ID):
    return fake_slack.messages_in(channel)


def test_a_due_digest_is_posted_once_with_its_key_in_metadata(settings, fake_slack):
    assert run(settings, at=T - MINUTE).idle  # not yet
    report = run(settings)
    assert report.sent == [KEY]
    [message] = posted(fake_slack)
    assert message["metadata"] == {
        "event_type": "fairer_digest",
        "event_payload": {"delivery": KEY},
    }
    assert states(settings) == [(1, PERIOD, "sent", 1, message["ts"])]
    for later in (T + 5 * MINUTE, T + 6 * 60 * MINUTE, T + 7 * 24 * 60 * MINUTE - MINUTE):
        assert run(settings, at=later).idle
    assert len(posted(fake_slack)) == 1
    assert not fake_slack.calls_to("conversations.history")  # nothing was uncertain


def test_the_next_week_is_its_own_digest(settings, fake_slack):
    run(settings)
    assert run(settings, at=T + timedelta(days=7)).sent == ["1/2026-12-07T09:00+00:00"]
    assert len(posted(fake_slack)) == 2


def test_429_waits_for_retry_after_and_posts_once(settings, fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=1)
    assert run(settings).sent == [KEY]
    first, second = fake_slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0
    assert len(posted(fake_slack)) == 1


def test_a_long_retry_after_is_waited_out_between_runs(settings, fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=600)
    assert run(settings).retry_later == [KEY]
    assert len(fake_slack.calls_to("chat.postMessage")) == 1  # no ten-minute sleep inside the run
    assert run(settings, at=T + 6 * MINUTE).idle
    assert run(settings, at=T + 10 * MINUTE).sent == [KEY]
    assert len(posted(fake_slack)) == 1


def test_500_then_success_on_a_later_tick(settings, fake_slack):
    fake_slack.server_error("chat.postMessage")
    assert run(settings).retry_later == [KEY]
    assert run(settings, at=T + MINUTE).idle  # backing off
    assert run(settings, at=T + 5 * MINUTE).sent == [KEY]
    assert len(posted(fake_slack)) == 1
    assert states(settings)[0][2:4] == ("sent", 2)
    assert len(fake_slack.calls_to("conversations.history")) == 1  # looked before posting again


def test_persistent_5xx_is_abandoned_after_four_attempts(settings, fake_slack, caplog):
    fake_slack.server_error("chat.postMessage", status=503, times=4)
    moments = [T, T + 5 * MINUTE, T + 20 * MINUTE, T + 65 * MINUTE]
    outcomes = [run(settings, at=moment) for moment in moments]
    assert [len(o.retry_later) for o in outcomes] == [1, 1, 1, 0] and outcomes[-1].abandoned == [
        KEY
    ]
    assert run(settings, at=T + 5 * 60 * MINUTE).idle
    assert posted(fake_slack) == [] and states(settings)[0][2:4] == ("abandoned", 4)
    assert "abandoned after 4 attempts" in caplog.text


def test_a_dropped_connection_before_slack_acted_posts_once_later(settings, fake_slack):
    fake_slack.drop("chat.postMessage")
    assert run(settings).retry_later == [KEY]
    assert posted(fake_slack) == []
    assert run(settings, at=T + 5 * MINUTE).sent == [KEY]
    assert len(posted(fake_slack)) == 1


def test_a_dropped_connection_after_slack_posted_is_found_not_reposted(settings, fake_slack):
    fake_slack.drop("chat.postMessage", processed=True)
    assert run(settings).retry_later == [KEY]
    [message] = posted(fake_slack)
    assert run(settings, at=T + 5 * MINUTE).recovered == [KEY]
    assert len(fake_slack.calls_to("chat.postMessage")) == 1 and len(posted(fake_slack)) == 1
    assert states(settings)[0][2:] == ("sent", 2, message["ts"])


def test_a_slow_answer_times_out_and_the_message_is_found_later(settings, fake_slack):
    fake_slack.slow("chat.postMessage", 2.5)
    assert run(settings).retry_later == [KEY]  # the client gave up after 1 s; Slack posted anyway
    [message] = posted(fake_slack)
    assert run(settings, at=T + 5 * MINUTE).recovered == [KEY]
    assert len(posted(fake_slack)) == 1 and states(settings)[0][4] == message["ts"]


def test_killed_after_posting_before_recording_is_not_posted_twice(
    settings, fake_slack, monkeypatch
):
    monkeypatch.setattr(digest_job, "mark_sent", _die)
    with pytest.raises(Killed):
        run(settings)
    monkeypatch.undo()
    [message] = posted(fake_slack)
    assert states(settings)[0][2:4] == ("claimed", 1)
    assert run(settings, at=T + 14 * MINUTE).idle  # the dead clock's lease still holds
    report = run(settings, at=T + 15 * MINUTE)  # restarted after the lease ran out
    assert report.recovered == [KEY] and not report.sent
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert states(settings) == [(1, PERIOD, "sent", 2, message["ts"])]
    history = fake_slack.calls_to("conversations.history")[-1].params
    assert history["channel"] == CHANNEL_ID and history["include_all_metadata"] in ("1", "true")
    assert float(history["oldest"]) < float(message["ts"])


def test_killed_after_claiming_before_posting_posts_once_on_restart(
    settings, fake_slack, monkeypatch
):
    monkeypatch.setattr(digest_job, "compose_digest", _die)
    with pytest.raises(Killed):
        run(settings)
    monkeypatch.undo()
    assert posted(fake_slack) == [] and states(settings)[0][2:4] == ("claimed", 1)
    assert run(settings, at=T + 14 * MINUTE).idle  # leased to the dead clock for 15 minutes
    assert run(settings, at=T + 15 * MINUTE).sent == [KEY]
    assert len(fake_slack.calls_to("conversations.history")) == 1  # looked first, found nothing
    assert len(posted(fake_slack)) == 1


def test_killed_between_claim_and_lease_posts_once_on_restart(settings, fake_slack, monkeypatch):
    monkeypatch.setattr(digest_job, "take_next", _die)
    with pytest.raises(Killed):
        run(settings)
    monkeypatch.undo()
    assert states(settings)[0][2:4] == ("claimed", 0)
    assert run(settings, at=T + MINUTE).sent == [KEY]
    assert not fake_slack.calls_to(
        "conversations.history"
    )  # no attempt had begun: nothing to look for
    assert len(posted(fake_slack)) == 1


def test_two_clocks_at_once_post_each_digest_once(db_url, fake_slack):
    channels = [f"C0TWO{i:05d}" for i in range(6)]
    for channel in channels:
        subscribe(db_url, channel_id=channel)
    settings = make_settings(db_url, fake_slack)
    for week in range(2):
        at = T + timedelta(days=7 * week)
        start = threading.Barrier(2)
        reports, errors = [], []

        def clock(name, start=start, reports=reports, errors=errors, at=at):
            try:
                start.wait()
                reports.append(run(settings, at=at, worker=name))
            except (
                Exception
            ) as error:  # surfaced below: a thread's exception would otherwise vanish
                errors.append(error)

        threads = [threading.Thread(target=clock, args=(f"clock-{i}",)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        sent = [key for report in reports for key in report.sent]
        assert len(sent) == len(set(sent)) == len(channels)
    assert all(len(posted(fake_slack, channel)) == 2 for channel in channels)


def test_bot_removed_from_the_channel_pauses_and_tells_the_subscriber(settings, fake_slack):
    fake_slack.error("chat.postMessage", "not_in_channel")
    report = run(settings)
    assert report.paused == [KEY]
    assert posted(fake_slack) == []
    [dm] = posted(fake_slack, SUBSCRIBER_ID)
    assert (
        f"<#{CHANNEL_ID}>" in dm["text"] and "paused" in dm["text"] and "not a member" in dm["text"]
    )
    assert states(settings)[0][2] == "failed"
    engine = make_engine(settings.database_url)
    with session_scope(engine) as session:
        row = session.scalar(select(DigestSubscription))
        assert row.paused_at is not None and row.pause_reason == "not_in_channel"
    engine.dispose()
    assert run(settings, at=T + timedelta(days=7)).idle  # paused: nothing more is tried
    subscribe(
        settings.database_url, created_at=T + timedelta(days=8)
    )  # invited back, subscribed again
    assert run(settings, at=T + timedelta(days=14)).sent == ["1/2026-12-14T09:00+00:00"]


def test_a_revoked_token_is_logged_once_and_never_crash_loops(settings, fake_slack, caplog):
    fake_slack.error("chat.postMessage", "token_revoked")
    caplog.set_level(logging.ERROR, logger="bot.jobs.digests")
    first = run(settings)
    calls = len(fake_slack.calls)
    second = run(settings, at=T + 10 * MINUTE)
    assert first.token_refused and second.token_refused
    assert len(fake_slack.calls) == calls  # the second run did not try Slack again
    assert [r.getMessage() for r in caplog.records].count(
        "Slack refused the bot token (token_revoked): "
        "no digests will be sent until SLACK_BOT_TOKEN is replaced "
        "and the clock restarted."
    ) == 1
    assert states(settings)[0][2:4] == ("claimed", 0)  # kept for when a new token is configured
    digest_job._refused_tokens.clear()  # as a restarted clock with a new token
    assert run(settings, at=T + 20 * MINUTE).sent == [KEY]


def test_without_a_bot_token_digests_are_logged_not_sent(db_url, fake_slack, caplog):
    subscribe(db_url)
    caplog.set_level(logging.INFO, logger="bot.jobs.digests")
    report = run_digests(make_settings(db_url, fake_slack, SLACK_BOT_TOKEN=""), at=T)
    assert report.logged == [KEY] and fake_slack.calls == []
    assert "Weekly digest, Everything: no change this week" in caplog.text
    assert states_of(db_url)[0][2] == "logged"


def states_of(db_url):
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        found = delivery_states(session)
    engine.dispose()
    return found


def test_the_agreement_chart_goes_into_the_digests_thread_once(settings, fake_slack):
    engine = make_engine(settings.database_url)
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for _ in range(12):
            create_response(session, survey=survey, definition=definition)
        date_responses(session, survey.id, T - timedelta(days=2))
    engine.dispose()
    assert run(settings).sent == [KEY]
    [message] = posted(fake_slack)
    [upload] = fake_slack.calls_to("file_upload")
    assert upload.body.encode("latin-1").startswith(b"\x89PNG")
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    assert (
        complete.params["channel_id"] == CHANNEL_ID
        and complete.params["thread_ts"] == message["ts"]
    )
    assert "Agreement so far" in complete.params["files"]
    run(settings, at=T + 10 * MINUTE)
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1


def test_the_clock_registers_the_digests_job():
    from bot.jobs.clock import JOBS, MISFIRE_GRACE_SECONDS, build_scheduler

    [job] = [j for j in JOBS if j.id == "weekly_digests"]
    assert job.cron == {"minute": "*/5"}
    settings = Settings.from_env(
        {"TESTING": True, "SLACK_SIGNING_SECRET": "s", "DATABASE_URL": "sqlite://"}
    )
    scheduled = build_scheduler(settings).get_job("weekly_digests")
    assert scheduled.misfire_grace_time == MISFIRE_GRACE_SECONDS >= 3600
    assert scheduled.coalesce is True and scheduled.max_instances == 1
