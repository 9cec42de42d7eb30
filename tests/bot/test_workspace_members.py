"""Only members of the app's workspace(s) sign in, update actions or see results: people from
another workspace, Slack Connect users from another organisation and guests are refused privately
and logged; anyone may still look up an area's figures or ask for help."""

from __future__ import annotations

import json
import logging

import pytest

from bot.config import Settings
from bot.handlers.workspace import TEAMS
from tests.slack_helpers import (
    FORM,
    SIGNING_SECRET,
    TEAM_ID,
    USER_ID,
    SlackClient,
    block_actions_payload,
    slash_command_body,
    view_submission_payload,
)

OTHER_TEAM = "T0OTHER001"
REFUSED = "only for officers in this council's Slack workspace"


@pytest.fixture(autouse=True)
def fresh_teams():
    """Forget what auth.test said in an earlier test."""
    TEAMS.forget()
    yield
    TEAMS.forget()


def command(slack: SlackClient, name: str, text: str = "", *, team_id: str = TEAM_ID, **kw):
    body = slash_command_body(name, text, team_id=team_id, **kw)
    return slack.post(body, content_type=FORM)


def sign_in_links(message: dict) -> list[str]:
    return [
        element["url"]
        for block in message.get("blocks", [])
        for element in block.get("elements", [])
        if "/officers/sign-in/" in element.get("url", "")
    ]


def test_login_from_another_workspace_is_refused_privately_and_logged(slack, fake_slack, caplog):
    with caplog.at_level(logging.WARNING, logger="bot.handlers.workspace"):
        response = command(slack, "/fairer", "login", team_id=OTHER_TEAM, user_id="U0EVIL0001")
    message = response.get_json()
    assert response.status_code == 200
    assert message["response_type"] == "ephemeral"
    assert REFUSED in message["text"]
    assert sign_in_links(message) == [] and "/officers/" not in json.dumps(message)
    [record] = [r for r in caplog.records if "Refused" in r.getMessage()]
    assert OTHER_TEAM in record.getMessage() and "U0EVIL0001" in record.getMessage()


def test_a_member_still_signs_in_and_auth_test_is_asked_once(slack, fake_slack):
    for _ in range(3):
        message = command(slack, "/fairer", "login").get_json()
        assert len(sign_in_links(message)) == 1
    assert len(fake_slack.calls_to("auth.test")) == 1


@pytest.mark.parametrize(("guest", "refused"), [("single", True), ("multi", True), ("", False)])
def test_guests_cannot_sign_in(slack, fake_slack, guest, refused):
    fake_slack.add_user(USER_ID, "Gus", guest=guest)
    message = command(slack, "/fairer", "login").get_json()
    assert (REFUSED in message["text"]) is refused
    assert len(sign_in_links(message)) == (0 if refused else 1)


def test_guests_may_sign_in_when_the_council_allows_them(app_factory, fake_slack, sample_url):
    slack = SlackClient(app_factory(sample_url, FAIRER_ALLOW_GUESTS="1").test_client())
    fake_slack.add_user(USER_ID, "Gus", guest="multi")
    assert len(sign_in_links(command(slack, "/fairer", "login").get_json())) == 1


def test_a_slack_connect_user_from_another_organisation_is_refused(slack, fake_slack):
    # Their click arrives through our workspace (team.id) but they belong to another (user.team_id).
    response_url = fake_slack.new_response_url()
    payload = block_actions_payload("home_sign_in", value="sign-in", response_url=response_url)
    payload["user"]["team_id"] = OTHER_TEAM
    assert slack.interaction(payload).status_code == 200
    assert fake_slack.calls_to("views.open") == []
    [reply] = fake_slack.responses
    assert REFUSED in reply.params["text"]
    assert reply.params["response_type"] == "ephemeral"


def test_users_info_naming_another_workspace_is_refused(slack, fake_slack):
    fake_slack.add_user(USER_ID, "Stranger", team_id=OTHER_TEAM)
    message = command(slack, "/fairer", "login").get_json()
    assert REFUSED in message["text"] and sign_in_links(message) == []


def test_an_outsider_cannot_update_an_action(slack, fake_slack, plan):
    payload = view_submission_payload(
        "action_update", {}, private_metadata=json.dumps({"action_id": 1})
    )
    payload["user"]["team_id"] = payload["team"]["id"] = OTHER_TEAM
    answer = slack.interaction(payload).get_json()
    assert answer["response_action"] == "update"
    assert REFUSED in json.dumps(answer)


@pytest.mark.parametrize(
    ("name", "text"),
    [("/survey", "draft priorities"), ("/actions", "mine"), ("/digest", "list"), ("/survey", "")],
)
def test_outsiders_see_no_results_actions_or_digests(slack, name, text):
    message = command(slack, name, text, team_id=OTHER_TEAM).get_json()
    assert REFUSED in message["text"]
    assert len(message["blocks"]) == 1


def test_outsiders_may_still_look_up_an_area_and_ask_for_help(slack, fake_slack):
    area = command(slack, "/area", "heathfield", team_id=OTHER_TEAM).get_json()
    assert "Heathfield" in area["text"] and REFUSED not in area["text"]
    help_ = command(slack, "/fairer", "help", team_id=OTHER_TEAM).get_json()
    assert REFUSED not in help_["text"] and "/fairer login" in json.dumps(help_)
    survey_help = command(slack, "/survey", "help", team_id=OTHER_TEAM).get_json()
    assert REFUSED not in survey_help["text"]
    assert fake_slack.calls == []  # figures and help need no check with Slack


def test_an_outsiders_home_tab_is_not_published(slack, fake_slack):
    event = {"type": "app_home_opened", "user": "U0EVIL0001", "tab": "home", "event_ts": "1.2"}
    body = json.loads(json.dumps(event))
    fake_slack.add_user("U0EVIL0001", "Evil", team_id=OTHER_TEAM)
    assert slack.event(body, event_id="Ev0OUTSIDE1").status_code == 200
    assert fake_slack.calls_to("views.publish") == []


def test_configured_workspaces_replace_the_tokens_own(app_factory, fake_slack, sample_url):
    app = app_factory(sample_url, FAIRER_SLACK_TEAM_IDS=f"{OTHER_TEAM}, {TEAM_ID}")
    slack = SlackClient(app.test_client())
    for team in (OTHER_TEAM, TEAM_ID):
        assert len(sign_in_links(command(slack, "/fairer", "login", team_id=team).get_json())) == 1
    refused = command(slack, "/fairer", "login", team_id="T0THIRD001").get_json()
    assert REFUSED in refused["text"]
    assert fake_slack.calls_to("auth.test") == []


def test_when_slack_cannot_say_which_workspace_the_app_is_in_sign_in_waits(slack, fake_slack):
    fake_slack.server_error("auth.test")
    message = command(slack, "/fairer", "login").get_json()
    assert "Try again in a minute" in message["text"] and sign_in_links(message) == []


def test_the_settings_read_the_workspaces_and_the_guest_switch():
    settings = Settings.from_env(
        {
            "TESTING": True,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "FAIRER_SLACK_TEAM_IDS": " t0one0001 ,T0TWO0002,",
            "FAIRER_ALLOW_GUESTS": "1",
        }
    )
    assert settings.slack_team_ids == ("T0ONE0001", "T0TWO0002")
    assert settings.allow_guests is True
    default = Settings.from_env({"TESTING": True, "SLACK_SIGNING_SECRET": SIGNING_SECRET})
    assert default.slack_team_ids == () and default.allow_guests is False


@pytest.mark.parametrize(
    "body",
    [
        {"type": "block_actions", "user": "U0EVIL0001", "actions": 5, "team": []},
        {"type": "block_actions", "user": {"id": ["x"]}, "actions": [{"action_id": None}]},
        {"type": "view_submission", "view": "not a view", "user": None},
        {"event": {"type": "app_home_opened", "user": {"id": "U1"}}, "team_id": 7},
        {"command": "/fairer", "text": "login", "team_id": OTHER_TEAM},
    ],
)
def test_odd_bodies_are_refused_not_raised(body, fake_slack):
    from bot.handlers.workspace import members_only

    settings = Settings.from_env(
        {
            "TESTING": True,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "FAIRER_SLACK_TEAM_IDS": TEAM_ID,
        }
    )
    refusal = members_only(settings, body, None, None)
    assert refusal is not None and refusal.status == 200


def test_home_team_is_the_configured_one_else_the_tokens(fake_slack):
    from bot.handlers.workspace import home_team

    base = {"TESTING": True, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    configured = Settings.from_env({**base, "FAIRER_SLACK_TEAM_IDS": f"{OTHER_TEAM},{TEAM_ID}"})
    assert home_team(configured) == OTHER_TEAM
    tokens = Settings.from_env(
        {**base, "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_API_URL": fake_slack.api_url}
    )
    assert home_team(tokens) == TEAM_ID
    assert home_team(Settings.from_env(base)) == ""
