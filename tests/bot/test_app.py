"""The app factory: health check, Slack signature checks and authorisation without auth.test."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from bot.app import BOLT_KEY
from storage import session_scope
from storage.db import engine_for
from storage.models import ProcessedSlackRequest
from surveys.settings import app_settings
from tests.block_kit import block_kit_problems
from tests.slack_helpers import (
    FORM,
    SlackClient,
    block_actions_payload,
    interaction_body,
    signed_headers,
    slash_command_body,
)


def processed_count(url: str) -> int:
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count()).select_from(ProcessedSlackRequest))


def test_healthz_is_ok_when_the_database_answers(app_factory, sqlite_url):
    response = app_factory(sqlite_url).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(app_factory):
    app = app_factory("postgresql+psycopg://nobody:nothing@127.0.0.1:9/none?connect_timeout=2")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_settings_and_bolt_app_are_available_to_the_rest_of_the_app(slack_app, sample_url):
    assert app_settings(slack_app).database_url == sample_url
    assert slack_app.extensions[BOLT_KEY] is not None
    assert slack_app.config["DATABASE_URL"] == sample_url
    assert slack_app.config["PUBLIC_BASE_URL"] == "https://fairer.example.org"


def test_a_signed_command_is_answered_without_calling_slack(slack, fake_slack):
    started = time.perf_counter()
    response = slack.command("/area", "heathfield")
    assert response.status_code == 200
    assert block_kit_problems(response.get_json()) == []
    assert fake_slack.calls == []  # no auth.test, no other Web API call
    assert time.perf_counter() - started < 2.0


def test_a_bad_signature_is_refused_and_runs_nothing(slack, fake_slack):
    response = slack.command("/area", "heathfield", signature="v0=" + "0" * 64)
    assert response.status_code == 401
    assert response.get_data(as_text=True) == '{"error": "invalid request"}'


def test_a_request_signed_with_another_secret_is_refused(slack_app):
    response = SlackClient(slack_app.test_client(), secret="someone-elses-secret").command(
        "/area", "heathfield"
    )
    assert response.status_code == 401


def test_an_unsigned_request_is_refused(slack_app):
    body = slash_command_body("/area", "heathfield")
    response = slack_app.test_client().post(
        "/slack/events", data=body, headers={"Content-Type": FORM}
    )
    assert response.status_code == 401


def test_a_stale_timestamp_is_refused_and_nothing_is_recorded(slack_app, fake_slack, sample_url):
    six_minutes_ago = int(time.time()) - 6 * 60
    response_url = fake_slack.new_response_url()
    payload = block_actions_payload("area_choose_0", value="E02900001", response_url=response_url)
    body = interaction_body(payload)
    response = slack_app.test_client().post(
        "/slack/events",
        data=body,
        headers=signed_headers(body, content_type=FORM, timestamp=six_minutes_ago),
    )
    assert response.status_code == 401
    assert fake_slack.calls == []
    assert processed_count(sample_url) == 0
    # The same click, fresh, is processed: the 401 was the timestamp's doing.
    fresh = SlackClient(slack_app.test_client()).interaction(payload)
    assert fresh.status_code == 200 and len(fake_slack.responses) == 1
    assert processed_count(sample_url) == 1


def test_a_timestamp_four_minutes_old_is_still_accepted(slack):
    response = slack.command("/area", "heathfield", timestamp=int(time.time()) - 4 * 60)
    assert response.status_code == 200


def test_an_unknown_command_is_not_answered(slack):
    assert slack.command("/nonsense", "x").status_code == 404


def test_slack_events_needs_no_csrf_token_but_is_post_only(slack_app):
    assert slack_app.test_client().get("/slack/events").status_code in (404, 405)


def test_url_verification_challenge_is_answered(slack):
    import json

    body = json.dumps({"token": "t", "challenge": "abc123", "type": "url_verification"})
    response = slack.post(body, content_type="application/json")
    assert response.status_code == 200 and response.get_json() == {"challenge": "abc123"}


def test_listeners_reach_the_configured_slack_api_with_the_configured_token(
    app_factory, sqlite_url, fake_slack
):
    app = app_factory(sqlite_url)

    @app.extensions[BOLT_KEY].event("app_mention")
    def reply(event, client):
        client.chat_postMessage(channel=event["channel"], text="hello")

    response = SlackClient(app.test_client()).event(
        {
            "type": "app_mention",
            "user": "U0TEST0001",
            "text": "hi",
            "channel": "C0TEST0001",
            "ts": "1.2",
        }
    )
    assert response.status_code == 200
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.token == "xoxb-test-token" and call.params["channel"] == "C0TEST0001"
    assert fake_slack.calls_to("auth.test") == []
