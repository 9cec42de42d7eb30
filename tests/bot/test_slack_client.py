"""The one Slack client module: the client factory's retries, and what each failure is taken to
mean, against the fake Slack Web API."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.slack_client import Verdict, build_web_client, classify


@pytest.fixture
def settings(fake_slack) -> Settings:
    return Settings.from_env(
        {
            "TESTING": True,
            "SLACK_SIGNING_SECRET": "s",
            "DATABASE_URL": "sqlite://",
            "SLACK_API_URL": fake_slack.api_url,
        }
    )


def post_failure(client):
    """Return the classified failure of posting "x" to C1 with client."""
    try:
        client.chat_postMessage(channel="C1", text="x")
    except Exception as error:  # the point is to see exactly what the client raised
        return classify(error)
    raise AssertionError("the call did not fail")


@pytest.mark.parametrize(
    "code", ["not_in_channel", "channel_not_found", "is_archived", "users_not_found"]
)
def test_a_channel_or_person_that_is_not_there_is_gone(settings, fake_slack, code):
    fake_slack.error("chat.postMessage", code)
    failure = post_failure(build_web_client(settings, "xoxb-t"))
    assert failure.verdict is Verdict.GONE and failure.error == code and failure.detail == code


@pytest.mark.parametrize("code", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_refused_token_is_told_apart_from_a_refused_call(settings, fake_slack, code):
    fake_slack.error("chat.postMessage", code)
    failure = post_failure(build_web_client(settings, "xoxb-t"))
    assert failure.verdict is Verdict.TOKEN_REFUSED and failure.detail == code


def test_a_bad_argument_is_refused_for_good(settings, fake_slack):
    fake_slack.error("chat.postMessage", "invalid_blocks")
    failure = post_failure(build_web_client(settings, "xoxb-t"))
    assert failure.verdict is Verdict.REFUSED and failure.detail == "invalid_blocks"


def test_a_server_error_is_worth_trying_later(settings, fake_slack):
    fake_slack.server_error("chat.postMessage", status=503)
    failure = post_failure(build_web_client(settings, "xoxb-t"))
    assert failure.verdict is Verdict.RETRY_LATER and failure.status == 503
    assert failure.detail.endswith("(HTTP 503)")


def test_a_passing_error_code_is_worth_trying_later(settings, fake_slack):
    fake_slack.error("chat.postMessage", "service_unavailable")
    failure = post_failure(build_web_client(settings, "xoxb-t"))
    assert failure.verdict is Verdict.RETRY_LATER
    assert failure.detail == "service_unavailable (HTTP 200)"


def test_a_long_rate_limit_is_not_waited_out_by_the_exactly_once_client(settings, fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=600)
    failure = post_failure(build_web_client(settings, "xoxb-t", exactly_once=True))
    assert failure.verdict is Verdict.RETRY_LATER and failure.retry_after == 600
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_a_short_rate_limit_is_waited_out(settings, fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=1)
    client = build_web_client(settings, "xoxb-t", exactly_once=True)
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_the_listeners_client_resends_after_a_dropped_connection(settings, fake_slack):
    fake_slack.drop("chat.postMessage")
    assert build_web_client(settings, "xoxb-t").chat_postMessage(channel="C1", text="x")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_the_exactly_once_client_never_resends_a_dropped_post(settings, fake_slack):
    fake_slack.drop("chat.postMessage", processed=True)
    failure = post_failure(build_web_client(settings, "xoxb-t", exactly_once=True, timeout=2))
    assert failure.verdict is Verdict.RETRY_LATER
    assert failure.error is None and failure.status is None  # Slack never answered
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert len(fake_slack.messages_in("C1")) == 1  # it did land: only a history check can tell


def test_anything_else_is_retried_later_and_marked_unexpected():
    failure = classify(KeyError("ts"))
    assert failure.verdict is Verdict.RETRY_LATER and failure.detail == "unexpected KeyError: 'ts'"
