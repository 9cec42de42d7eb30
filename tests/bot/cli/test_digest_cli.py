"""`fairer digest run [--dry-run] [--at ISO-TIME]`: what is due, shown or sent."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from bot.jobs import digests as digest_job
from storage import session_scope
from storage.db import make_engine
from tests.engagement.action_factories import create_action
from tests.engagement.digest_factories import CHANNEL_ID, create_subscription, utc


@pytest.fixture
def environment(monkeypatch, sqlite_url, fake_slack):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        create_action(
            session,
            reference="HS-01",
            title="Damp <!channel> survey",
            theme="Housing",
            due=date(2027, 1, 31),
            last_update_at=utc(2026, 11, 2, 9, 0),
        )
        create_subscription(session)
        create_subscription(
            session,
            text="subscribe theme housing weekly friday 14:00",
            created_at=utc(2026, 11, 28, 9, 0),
        )
    engine.dispose()
    for name in ("SECRET_KEY", "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "FAIRER_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setattr(digest_job, "_refused_tokens", set())
    return monkeypatch


def fairer(*args):
    return CliRunner().invoke(main, ["digest", "run", *args])


def test_dry_run_at_a_time_prints_what_would_be_sent_and_sends_nothing(environment, fake_slack):
    result = fairer("--dry-run", "--at", "2026-11-30T09:00")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 digest(s) due at 2026-11-30 09:00 (Europe/London); dry run, nothing sent:" in out
    assert f"--- to <#{CHANNEL_ID}> · Everything · period 2026-11-30T09:00+00:00" in out
    assert "Weekly digest: Everything" in out and "No change this week" in out
    assert fake_slack.calls == []
    again = fairer("--dry-run", "--at", "2026-11-30T09:00")
    assert again.output == out  # nothing was claimed


def test_dry_run_when_nothing_is_due(environment):
    result = fairer("--dry-run", "--at", "2026-11-30T08:59")
    assert (
        result.exit_code == 0
        and result.output == "No digests are due at 2026-11-30 08:59 (Europe/London).\n"
    )


def test_friday_theme_digest_in_summer_time(environment):
    result = fairer("--dry-run", "--at", "2027-06-04T14:00")
    assert "2 digest(s) due" in result.output
    assert "Actions: Housing · period 2027-06-04T14:00+01:00" in result.output
    assert "Damp <!channel> survey" in result.output  # a terminal shows the text as typed


def test_run_sends_once(environment, fake_slack):
    environment.setenv("SLACK_BOT_TOKEN", "xoxb-cli-test")
    first = fairer("--at", "2026-11-30T09:00")
    assert first.exit_code == 0 and first.output.startswith(
        "Digests: 1 sent, 0 found already posted"
    )
    second = fairer("--at", "2026-11-30T09:05")
    assert second.output.startswith("Digests: 0 sent")
    assert len(fake_slack.messages_in(CHANNEL_ID)) == 1


def test_a_bad_time_is_one_plain_sentence(environment):
    result = fairer("--at", "next monday")
    assert result.exit_code == 1
    assert result.output == "--at 'next monday' is not a time such as 2026-11-30T09:00.\n"
