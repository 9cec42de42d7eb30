"""The fake Slack Web API behaves like Slack for a real slack_sdk client."""

from __future__ import annotations

import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient


def client(fake_slack, **options) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=fake_slack.api_url, **options)


def test_records_method_params_and_token(fake_slack):
    response = client(fake_slack).chat_postMessage(
        channel="C123", text="Hello <!here>", blocks=[{"type": "divider"}]
    )
    assert response["ok"] and response["channel"] == "C123" and response["ts"]
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["channel"] == "C123" and call.params["text"] == "Hello <!here>"
    assert call.token == "xoxb-test-token"


def test_default_answers_for_common_methods(fake_slack):
    web = client(fake_slack)
    posted = web.chat_postMessage(channel="C1", text="first")
    assert web.chat_update(channel="C1", ts=posted["ts"], text="edited")["ts"] == posted["ts"]
    assert web.views_open(
        trigger_id="t",
        view={"type": "modal", "title": {"type": "plain_text", "text": "x"}, "blocks": []},
    )["view"]["id"].startswith("V")
    user = web.users_lookupByEmail(email="officer@council.example")["user"]
    assert user["id"].startswith("U") and user["profile"]["email"] == "officer@council.example"
    history = web.conversations_history(channel="C1")
    assert [m["text"] for m in history["messages"]] == ["first"]
    assert web.auth_test()["team_id"] == "T0TEST0001"
    assert [c.method for c in fake_slack.calls] == [
        "chat.postMessage",
        "chat.update",
        "views.open",
        "users.lookupByEmail",
        "conversations.history",
        "auth.test",
    ]


def test_queued_error_body_raises_slack_api_error_once(fake_slack):
    fake_slack.error("chat.postMessage", "channel_not_found")
    web = client(fake_slack)
    with pytest.raises(SlackApiError) as raised:
        web.chat_postMessage(channel="C404", text="x")
    assert raised.value.response["error"] == "channel_not_found"
    assert web.chat_postMessage(channel="C404", text="x")["ok"]  # the queue held one answer


def test_rate_limit_with_retry_after_is_honoured_by_the_sdk_retry_handler(fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=1)
    web = client(fake_slack, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    assert web.chat_postMessage(channel="C1", text="x")["ok"]
    first, second = fake_slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0


def test_rate_limit_without_a_retry_handler_surfaces_as_429(fake_slack):
    fake_slack.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        client(fake_slack, retry_handlers=[]).chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"


def test_server_error_surfaces_as_slack_api_error(fake_slack):
    fake_slack.server_error("chat.postMessage")
    with pytest.raises(SlackApiError) as raised:
        client(fake_slack).chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 500


def test_a_dropped_connection_is_retried_by_the_connection_handler(fake_slack):
    fake_slack.drop("chat.postMessage")
    web = client(fake_slack, retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)])
    assert web.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_a_dropped_connection_without_retries_is_an_error(fake_slack):
    fake_slack.drop("chat.postMessage")
    with pytest.raises(Exception) as raised:
        client(fake_slack, retry_handlers=[]).chat_postMessage(channel="C1", text="x")
    assert not isinstance(raised.value, SlackApiError)


def test_a_slow_answer_times_the_client_out(fake_slack):
    fake_slack.slow("chat.postMessage", 2.0)
    started = time.monotonic()
    with pytest.raises(TimeoutError):  # the socket's read timeout, not a Slack error
        client(fake_slack, timeout=0.3, retry_handlers=[]).chat_postMessage(channel="C1", text="x")
    assert time.monotonic() - started < 1.5


def test_response_urls_record_what_is_posted(fake_slack):
    url = fake_slack.new_response_url()
    WebhookClient(url).send(text="Chosen", blocks=[{"type": "divider"}], replace_original=True)
    [posted] = fake_slack.responses
    assert posted.path == url.removeprefix(fake_slack.url)
    assert posted.params == {
        "text": "Chosen",
        "blocks": [{"type": "divider"}],
        "replace_original": True,
    }


def test_wait_for_times_out_with_a_clear_message(fake_slack):
    with pytest.raises(AssertionError, match="expected 1 call"):
        fake_slack.wait_for("chat.postMessage", timeout=0.05)
