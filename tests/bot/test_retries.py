"""Slack's retries never repeat a side effect, on SQLite and PostgreSQL and across app processes."""

from __future__ import annotations

from sqlalchemy import func, select

from bot import retries
from bot.app import BOLT_KEY
from storage import session_scope
from storage.db import engine_for
from storage.models import ProcessedSlackRequest
from tests.slack_helpers import SlackClient, block_actions_payload, view_submission_payload


def mention(text: str = "hello") -> dict:
    return {
        "type": "app_mention",
        "user": "U0TEST0001",
        "text": text,
        "channel": "C0TEST0001",
        "ts": "1700000000.000200",
        "event_ts": "1700000000.000200",
    }


def recording_app(app_factory, url: str, seen: list, fail_first: int = 0):
    """Return an app (one 'worker') whose app_mention listener records what it ran, failing the
    first calls."""
    app = app_factory(url)
    failures = {"left": fail_first}

    @app.extensions[BOLT_KEY].event("app_mention")
    def on_mention(event):
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("the database went away")
        seen.append(event["text"])

    return SlackClient(app.test_client())


def claims(url: str) -> int:
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count()).select_from(ProcessedSlackRequest))


def test_a_retried_event_runs_its_listener_once_across_workers(app_factory, db_url):
    seen: list[str] = []
    worker_a = recording_app(app_factory, db_url, seen)
    worker_b = recording_app(app_factory, db_url, seen)

    assert worker_a.event(mention("first"), event_id="Ev0001").status_code == 200
    assert worker_b.event(mention("first"), event_id="Ev0001", retry_num=1).status_code == 200
    assert (
        worker_a.event(
            mention("first"), event_id="Ev0001", retry_num=2, retry_reason="http_error"
        ).status_code
        == 200
    )
    assert seen == ["first"]

    assert worker_b.event(mention("second"), event_id="Ev0002").status_code == 200
    assert seen == ["first", "second"]
    assert claims(db_url) == 2


def test_a_delivery_that_failed_is_run_again_when_slack_retries(app_factory, db_url):
    seen: list[str] = []
    worker = recording_app(app_factory, db_url, seen, fail_first=1)

    assert worker.event(mention(), event_id="Ev0100").status_code == 500
    assert seen == [] and claims(db_url) == 0
    assert (
        worker.event(
            mention(), event_id="Ev0100", retry_num=1, retry_reason="http_error"
        ).status_code
        == 200
    )
    assert worker.event(mention(), event_id="Ev0100", retry_num=2).status_code == 200
    assert seen == ["hello"]


def test_a_retried_click_answers_once(app_factory, db_url, fake_slack):
    slack = SlackClient(app_factory(db_url).test_client())
    payload = block_actions_payload(
        "area_choose_0", value="E02005587", response_url=fake_slack.new_response_url()
    )
    assert slack.interaction(payload).status_code == 200
    assert slack.interaction(payload, retry_num=1).status_code == 200
    assert len(fake_slack.responses) == 1


# --- what counts as the same delivery (pure) ---------------------------------------------------


def test_events_are_keyed_on_event_id():
    body = {"type": "event_callback", "event_id": "Ev123", "event": mention()}
    assert retries.delivery_key(body) == ("event", "event:Ev123")


def test_the_same_click_has_the_same_key_and_another_click_another():
    click = block_actions_payload(
        "area_choose_0", value="X", action_ts="1700000000.000001", trigger_id="1.2.a"
    )
    again = block_actions_payload(
        "area_choose_0", value="X", action_ts="1700000000.000001", trigger_id="1.2.a"
    )
    later = block_actions_payload(
        "area_choose_0", value="X", action_ts="1700000009.000001", trigger_id="1.2.b"
    )
    other_user = block_actions_payload(
        "area_choose_0",
        value="X",
        action_ts="1700000000.000001",
        trigger_id="1.2.a",
        user_id="U0OTHER001",
    )
    key = retries.delivery_key(click)
    assert key[0] == "interaction" and len(key[1]) <= 80
    assert retries.delivery_key(again) == key
    assert retries.delivery_key(later) != key
    assert retries.delivery_key(other_user) != key


def test_view_submissions_are_keyed_and_commands_and_menus_are_not():
    submission = view_submission_payload(
        "survey_answer", {"b": {"a": {"type": "plain_text_input", "value": "x"}}}
    )
    assert retries.delivery_key(submission)[0] == "interaction"
    assert retries.delivery_key({"command": "/area", "text": "x", "trigger_id": "1.2.c"}) is None
    assert (
        retries.delivery_key({"type": "block_suggestion", "action_id": "a", "value": "mi"}) is None
    )
    assert retries.delivery_key({"type": "url_verification", "challenge": "c"}) is None
