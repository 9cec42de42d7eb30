"""The App Home dashboard: a welcome, Find an area and Sign in buttons, my actions overdue first,
open surveys with how many answered, and the workspace's digests (views.publish); the Find an
area modal and the Sign in modal (views.open), through the real POST /slack/events."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import USER_ID, posted_json, update_buttons
from tests.bot.handlers.test_action_update_flow import view_problems
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.slack_helpers import (
    CHANNEL_ID,
    TEAM_ID,
    block_actions_payload,
    view_submission_payload,
)

NOW = datetime.now(UTC)


def home_opened(user: str = USER_ID, tab: str = "home") -> dict:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME0001",
        "tab": tab,
        "event_ts": "1700000000.000300",
    }


def published(slack, fake_slack, user: str = USER_ID) -> dict:
    fake_slack.reset()
    assert slack.event(home_opened(user)).status_code == 200
    [call] = fake_slack.wait_for("views.publish")
    assert call.params["user_id"] == user
    return posted_json(call)["view"]


def headers(view: dict) -> list[str]:
    return [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]


def buttons(view: dict) -> dict[str, dict]:
    return {
        e["text"]["text"]: e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_opening_home_publishes_a_dashboard_with_my_actions_overdue_first(slack, fake_slack, plan):
    view = published(slack, fake_slack)

    assert view["type"] == "home" and view_problems(view) == []
    assert headers(view)[:2] == ["Welcome to Fairer Places", "Your actions"]
    assert "inequality in its most deprived neighbourhoods" in view["blocks"][1]["text"]["text"]
    assert {"Find an area", "Sign in to the web pages"} <= set(buttons(view))
    assert [json.loads(b["value"])["a"] for b in update_buttons(view)] == [
        plan["HP-01"],
        plan["BW-01"],
    ]
    assert ":warning: overdue by 10 days" in json.dumps(view)
    assert "<!channel>" not in json.dumps(view)


def test_someone_without_actions_is_told_so(slack, fake_slack, plan):
    view = published(slack, fake_slack, "U0NOBODY01")
    at = headers(view).index("Your actions")
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert "You do not own any actions." in texts
    assert at == 1


def test_open_surveys_show_their_respondents_and_the_workspace_digests(
    slack, fake_slack, plan, sample_url
):
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for _ in range(3):
            create_response(session, survey=survey, definition=definition)
    with engine.begin() as connection:  # open now, whatever today's date
        connection.execute(
            text("UPDATE surveys SET opens_at = :opens, closes_at = :closes"),
            {"opens": NOW - timedelta(days=1), "closes": NOW + timedelta(days=30)},
        )
    engine.dispose()
    view = published(slack, fake_slack)
    assert "Weekly digests in this workspace" in headers(view)
    assert "No channel gets a weekly digest yet." in json.dumps(view)

    slack.command("/digest", "subscribe")
    view = published(slack, fake_slack)
    said = json.dumps(view, ensure_ascii=False)
    assert view_problems(view) == []
    assert (
        "/officers/surveys/draft-priorities|Our draft priorities for a fairer city>: 3 respondents"
        in said
    )
    assert f"• <#{CHANNEL_ID}> · *Everything*: Mondays at 09:00 (Europe/London), next on" in said


def test_find_an_area_opens_a_search_that_shows_the_profile_in_the_modal(slack, fake_slack, plan):
    view = published(slack, fake_slack)
    find = buttons(view)["Find an area"]
    slack.interaction(
        block_actions_payload(
            find["action_id"], value=find["value"], container={"type": "view", "view_id": "V1"}
        )
    )
    [opened] = fake_slack.wait_for("views.open")
    modal = posted_json(opened)["view"]
    assert view_problems(modal) == [] and modal["title"]["text"] == "Find an area"

    answer = slack.interaction(
        view_submission_payload(
            modal["callback_id"],
            {"area_query": {"query": {"type": "plain_text_input", "value": "mill cross"}}},
        )
    ).get_json()
    assert answer["response_action"] == "update"
    matches = answer["view"]
    assert view_problems(matches) == [] and len(matches["blocks"]) <= 100
    picks = [e for b in matches["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert picks and all(e["action_id"].startswith("home_area_pick_") for e in picks)

    answer = slack.interaction(
        view_submission_payload(
            modal["callback_id"],
            {"area_query": {"query": {"type": "plain_text_input", "value": "heathfield"}}},
        )
    ).get_json()
    profile = answer["view"]
    assert view_problems(profile) == []
    assert all(b["type"] != "table" for b in profile["blocks"])
    ids = [
        e["action_id"] for b in profile["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "area_open_web" in ids  # the web link stays; buttons answering in a chat do not
    assert "area_more_figures" not in ids and "share_in_channel" not in ids


def test_picking_a_match_shows_its_profile_in_the_same_modal(slack, fake_slack, plan):
    answer = slack.interaction(
        view_submission_payload(
            "home_area_search",
            {"area_query": {"query": {"type": "plain_text_input", "value": "mill cross"}}},
        )
    ).get_json()
    [pick, *_] = [
        e for b in answer["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    payload = block_actions_payload(
        pick["action_id"], value=pick["value"], container={"type": "view", "view_id": "V0MODAL01"}
    )
    payload["view"] = {**answer["view"], "id": "V0MODAL01", "hash": "h1", "state": {"values": {}}}
    slack.interaction(payload)
    [update] = fake_slack.wait_for("views.update")
    assert update.params["view_id"] == "V0MODAL01"
    shown = posted_json(update)["view"]
    assert view_problems(shown) == []
    assert pick["text"]["text"].split(" — ")[0] in json.dumps(shown, ensure_ascii=False)


def test_sign_in_opens_a_modal_with_a_one_time_link_for_this_workspace(
    slack, fake_slack, plan, sample_url
):
    view = published(slack, fake_slack)
    sign_in = buttons(view)["Sign in to the web pages"]
    slack.interaction(
        block_actions_payload(
            sign_in["action_id"],
            value=sign_in["value"],
            container={"type": "view", "view_id": "V1"},
        )
    )
    modal = posted_json(fake_slack.wait_for("views.open")[0])["view"]
    assert view_problems(modal) == []
    [link] = [e for e in buttons(modal).values() if e.get("url")]
    assert "/officers/sign-in/" in link["url"]
    assert "for 10 minutes" in json.dumps(modal)
    engine = engine_for(sample_url)
    with engine.connect() as connection:
        teams = [
            row[0] for row in connection.exec_driver_sql("SELECT slack_team_id FROM sign_in_tokens")
        ]
    engine.dispose()
    assert teams == [TEAM_ID]


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
