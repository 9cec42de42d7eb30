"""The App Home tab: opening it publishes the person's actions, overdue first (views.publish)."""

from __future__ import annotations

import json

from tests.action_fixtures import USER_ID, posted_json, update_buttons
from tests.bot.handlers.test_action_update_flow import view_problems


def home_opened(user: str = USER_ID, tab: str = "home") -> dict:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME0001",
        "tab": tab,
        "event_ts": "1700000000.000300",
    }


def test_opening_home_publishes_my_actions_overdue_first(slack, fake_slack, plan):
    assert slack.event(home_opened()).status_code == 200
    [call] = fake_slack.wait_for("views.publish")
    assert call.params["user_id"] == USER_ID
    view = posted_json(call)["view"]
    assert view["type"] == "home" and view_problems(view) == []
    assert view["blocks"][0]["text"]["text"] == "Your actions"
    assert [json.loads(b["value"])["a"] for b in update_buttons(view)] == [
        plan["HP-01"],
        plan["BW-01"],
    ]
    assert ":warning: overdue by 10 days" in json.dumps(view)
    assert "<!channel>" not in json.dumps(view)


def test_someone_without_actions_is_told_so(slack, fake_slack, plan):
    slack.event(home_opened("U0NOBODY01"))
    view = posted_json(fake_slack.wait_for("views.publish")[0])["view"]
    assert view["blocks"][1]["text"]["text"] == "You do not own any actions."


def test_the_messages_tab_publishes_nothing(slack, fake_slack, plan):
    assert slack.event(home_opened(tab="messages")).status_code == 200
    assert fake_slack.calls_to("views.publish") == []


def test_a_repeated_delivery_publishes_once(slack, fake_slack, plan):
    event = home_opened()
    slack.event(event, event_id="Ev0HOME001")
    slack.event(event, event_id="Ev0HOME001", retry_num=1)
    assert len(fake_slack.calls_to("views.publish")) == 1


def test_a_slack_error_is_logged_and_the_event_still_acknowledged(slack, fake_slack, plan, caplog):
    fake_slack.error("views.publish", "not_enabled")
    assert slack.event(home_opened()).status_code == 200
    assert "not_enabled" in caplog.text
