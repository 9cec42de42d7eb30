"""Reminders to owners, sent by the clock's job (and `fairer reminders run`) through the fake Slack
Web API: once per action per period, however many times or clocks run it."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from bot.config import Settings
from bot.jobs.reminders import send_action_reminders
from engagement.actions.reminders import reminder_history
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import posted_json, update_buttons
from tests.block_kit import block_kit_problems
from tests.concurrency import run_at_once
from tests.engagement.action_factories import create_action
from tests.slack_helpers import SIGNING_SECRET

AT = "2027-04-05T09:00"  # a Monday morning in London
NOW = datetime(2027, 4, 5, 8, 0, tzinfo=UTC)
LONG_AGO = NOW - timedelta(weeks=6)


@pytest.fixture
def reminder_plan(db_url) -> dict[str, int]:
    with session_scope(engine_for(db_url)) as session:
        made = [
            create_action(
                session,
                reference="LATE",
                owner_id="U0OWNER001",
                due=date(2027, 3, 31),
                last_update_at=NOW,
            ),
            create_action(
                session,
                reference="SILENT",
                owner_id="U0OWNER001",
                due=date(2027, 9, 30),
                last_update_at=LONG_AGO,
                title="Quiet <!channel> action",
            ),
            create_action(
                session,
                reference="OTHER",
                owner_id="U0OWNER002",
                due=date(2027, 2, 1),
                last_update_at=NOW,
            ),
            create_action(
                session,
                reference="FINE",
                owner_id="U0OWNER003",
                due=date(2027, 9, 30),
                last_update_at=NOW,
            ),
        ]
        return {a.reference: a.id for a in made}


@pytest.fixture
def env(monkeypatch, db_url, fake_slack):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("FAIRER_TIMEZONE", "Europe/London")
    monkeypatch.delenv("SECRET_KEY", raising=False)  # the clock signs nothing, so needs no secrets
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)


def run_cli(*args):
    return CliRunner().invoke(main, ["reminders", "run", *args], catch_exceptions=False)


def settings_for(url: str, fake_slack, token: str | None = "xoxb-test-token") -> Settings:
    return Settings.from_env(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": token or "",
            "SLACK_API_URL": fake_slack.api_url,
        }
    )


def test_each_owner_gets_one_direct_message_listing_their_actions(env, reminder_plan, fake_slack):
    result = run_cli("--at", AT)
    assert result.exit_code == 0, result.output
    assert (
        result.output.strip()
        == "Action reminders: 2 sent, 0 logged (no bot token), 0 failed, 0 left for the next run."
    )

    calls = {c.params["channel"]: posted_json(c) for c in fake_slack.calls_to("chat.postMessage")}
    assert set(calls) == {"U0OWNER001", "U0OWNER002"}
    mine = calls["U0OWNER001"]
    assert block_kit_problems(mine) == []
    assert mine["text"] == "2 of your actions need an update"
    raw = json.dumps(mine)
    assert (
        ":warning: overdue since 31 Mar 2027" in raw
        and ":hourglass: no update for 4 weeks or more" in raw
    )
    assert "<!channel>" not in raw and "Quiet &lt;!channel&gt; action" in raw
    assert [json.loads(b["value"]) for b in update_buttons(mine)] == [
        {"a": reminder_plan["LATE"], "l": f"ids:{reminder_plan['LATE']},{reminder_plan['SILENT']}"},
        {
            "a": reminder_plan["SILENT"],
            "l": f"ids:{reminder_plan['LATE']},{reminder_plan['SILENT']}",
        },
    ]
    assert all(c.token == "xoxb-test-token" for c in fake_slack.calls_to("chat.postMessage"))


def test_running_the_job_again_sends_nothing_more(env, reminder_plan, fake_slack):
    run_cli("--at", AT)
    again = run_cli("--at", "2027-04-07T09:00")  # later the same week
    assert again.output.strip().startswith("Action reminders: 0 sent")
    assert len(fake_slack.calls_to("chat.postMessage")) == 2
    next_week = run_cli("--at", "2027-04-12T09:00")
    # Only the silent action comes round again; an overdue action is mentioned once per due date.
    assert next_week.output.strip().startswith("Action reminders: 1 sent")
    assert "no update for 4 weeks" in json.dumps(
        posted_json(fake_slack.calls_to("chat.postMessage")[-1])
    )


def test_two_clocks_running_the_job_at_once_send_each_reminder_once(
    db_url, reminder_plan, fake_slack
):
    settings = settings_for(db_url, fake_slack)

    run_at_once([lambda: send_action_reminders(settings, at=NOW)] * 2)

    assert sorted(c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")) == [
        "U0OWNER001",
        "U0OWNER002",
    ]


def test_a_rate_limited_reminder_is_left_for_the_next_run(db_url, reminder_plan, fake_slack):
    settings = settings_for(db_url, fake_slack)
    fake_slack.rate_limit(
        "chat.postMessage", retry_after=0, times=2
    )  # the client retries a 429 once
    first = send_action_reminders(settings, at=NOW)
    assert len(first.retry_later) == 1 and len(first.sent) == 1
    second = send_action_reminders(settings, at=NOW + timedelta(hours=1))
    assert second.sent == first.retry_later and second.retry_later == []


def test_a_reminder_slack_refuses_for_good_is_recorded_and_not_repeated(
    db_url, reminder_plan, fake_slack
):
    settings = settings_for(db_url, fake_slack)
    fake_slack.error(
        "chat.postMessage", "user_not_found"
    )  # owners are sent to in order: U0OWNER001 first
    first = send_action_reminders(settings, at=NOW)
    assert (first.failed, first.sent) == (["U0OWNER001"], ["U0OWNER002"])
    assert send_action_reminders(settings, at=NOW + timedelta(hours=1)).sent == []
    with session_scope(engine_for(db_url)) as session:
        outcomes = {
            action_id: outcome for action_id, _kind, _period, outcome in reminder_history(session)
        }
    assert outcomes == {
        reminder_plan["LATE"]: "failed: user_not_found",
        reminder_plan["SILENT"]: "failed: user_not_found",
        reminder_plan["OTHER"]: "sent",
    }


def test_without_a_bot_token_reminders_are_logged_not_sent(
    env, reminder_plan, fake_slack, monkeypatch, caplog
):
    caplog.set_level(logging.INFO, logger="bot.jobs.reminders")
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    result = run_cli("--at", AT)
    assert (
        result.output.strip()
        == "Action reminders: 0 sent, 2 logged (no bot token), 0 failed, 0 left for the next run."
    )
    assert fake_slack.calls == []
    assert "would send 2 of your actions need an update to U0OWNER001" in caplog.text


def test_a_bad_time_is_refused(env):
    result = CliRunner().invoke(main, ["reminders", "run", "--at", "next tuesday"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "--at 'next tuesday' is not a time such as 2027-04-05T09:00."


def test_the_owner_updates_from_the_reminder_and_the_message_is_edited(
    env, reminder_plan, fake_slack, db_url, app_factory
):
    from tests.bot.handlers.test_action_update_flow import opened_modal, submission
    from tests.slack_helpers import SlackClient, block_actions_payload

    run_cli("--at", AT)
    dm = next(
        c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "U0OWNER001"
    )
    button = update_buttons(posted_json(dm))[0]
    slack = SlackClient(app_factory(db_url).test_client())
    container = {
        "type": "message",
        "message_ts": "1775379600.000100",
        "channel_id": "D0OWNER001",
        "is_ephemeral": False,
    }
    slack.interaction(
        block_actions_payload(
            button["action_id"],
            value=button["value"],
            user_id="U0OWNER001",
            container=container,
            response_url=fake_slack.new_response_url(),
        )
    )
    slack.interaction(
        submission(
            opened_modal(fake_slack),
            status="complete",
            note="Delivered in March.",
            user_id="U0OWNER001",
        )
    )
    [edit] = fake_slack.calls_to("chat.update")
    assert (edit.params["channel"], edit.params["ts"]) == ("D0OWNER001", "1775379600.000100")
    assert block_kit_problems(posted_json(edit)) == []
    assert "Delivered in March." in json.dumps(posted_json(edit))


def test_the_clock_registers_the_reminders_job_to_survive_restarts_and_overlaps(
    sqlite_url, fake_slack
):
    from apscheduler.triggers.cron import CronTrigger

    from bot.jobs.clock import MISFIRE_GRACE_SECONDS, build_scheduler

    scheduler = build_scheduler(settings_for(sqlite_url, fake_slack))
    job = scheduler.get_job("action_reminders")
    assert job is not None and job.name == "action_reminders"
    assert job.misfire_grace_time == MISFIRE_GRACE_SECONDS >= 3600
    assert job.coalesce is True and job.max_instances == 1
    assert isinstance(job.trigger, CronTrigger) and str(job.trigger.timezone) == "Europe/London"
    monday = datetime(2027, 4, 5, 7, 30, tzinfo=UTC)  # 8:30am British Summer Time
    assert job.trigger.get_next_fire_time(None, monday) == datetime(
        2027, 4, 5, 9, 0, tzinfo=job.trigger.timezone
    )
    saturday = datetime(2027, 4, 10, 12, 0, tzinfo=UTC)
    assert job.trigger.get_next_fire_time(None, saturday).date() == date(2027, 4, 12)


def test_a_reminder_of_44_actions_shows_20_and_says_24_more_with_a_link(env, db_url, fake_slack):
    with session_scope(engine_for(db_url)) as session:
        for n in range(44):
            create_action(
                session,
                reference=f"MANY-{n:02d}",
                owner_id="U0BUSY0001",
                due=date(2027, 3, 1),
                last_update_at=NOW,
            )
    assert run_cli("--at", AT).exit_code == 0
    [call] = fake_slack.calls_to("chat.postMessage")
    message = posted_json(call)
    assert block_kit_problems(message) == []
    assert message["text"] == "44 of your actions need an update"
    assert len(update_buttons(message)) == 20
    raw = json.dumps(message, ensure_ascii=False)
    assert "…and 24 more: see them all on the " in raw
    assert "/officers/actions?owner=U0BUSY0001|officers' actions page>" in raw


def test_one_action_is_one_action(env, db_url, fake_slack):
    with session_scope(engine_for(db_url)) as session:
        create_action(
            session,
            reference="ONE",
            owner_id="U0ONE00001",
            due=date(2027, 3, 1),
            last_update_at=NOW,
        )
    assert run_cli("--at", AT).exit_code == 0
    message = posted_json(fake_slack.calls_to("chat.postMessage")[0])
    assert message["text"] == "One of your actions needs an update"
