"""/fairer help and /fairer login through the real POST /slack/events."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from bot.blocks.fairer import sign_in_message
from tests.block_kit import block_kit_problems
from tests.slack_fixtures import PUBLIC_BASE_URL
from tests.slack_helpers import SlackClient

LINK = re.compile(rf"^{re.escape(PUBLIC_BASE_URL)}/officers/sign-in/[A-Za-z0-9_.-]+$")


@pytest.fixture
def app(app_factory, sqlite_url):
    """The app on an empty migrated database: /fairer needs no area data."""
    return app_factory(sqlite_url)


@pytest.fixture
def slack(app) -> SlackClient:
    return SlackClient(app.test_client())


def buttons(message: dict) -> list[dict]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def words(message: dict) -> str:
    return json.dumps(message["blocks"])


@pytest.mark.parametrize("text", ["", "help", "HELP"])
def test_help_says_what_the_bot_does_and_lists_the_commands(slack, text):
    response = slack.command("/fairer", text)

    message = response.get_json()
    assert response.status_code == 200 and block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    assert "inequality" in message["text"]
    for command in ("/area", "/actions", "/survey", "/digest", "/fairer login", "/fairer help"):
        assert f"`{command}" in words(message)


def test_an_unknown_subcommand_gets_help_naming_it_safely(slack):
    message = slack.command("/fairer", "<!channel> please").get_json()

    assert block_kit_problems(message) == []
    first = message["blocks"][0]["text"]["text"]
    assert first == "Sorry, I do not know \u201c&lt;!channel&gt;\u201d. Here is what I can do."
    assert "/fairer login" in words(message)


def test_login_answers_privately_with_a_ten_minute_sign_in_button(slack):
    message = slack.command("/fairer", "login").get_json()

    assert block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    [button] = buttons(message)
    assert button["text"]["text"] == "Sign in to Fairer Places"
    assert LINK.match(button["url"]), button["url"]
    assert "for 10 minutes (until " in words(message)
    # Notifications and previews show `text`: the link must not be in it.
    assert "/officers/sign-in/" not in message["text"]


def test_the_link_says_when_it_stops_working_in_the_councils_time_zone():
    summer = datetime(2026, 7, 1, 11, 10, tzinfo=UTC)

    message = sign_in_message(
        "https://fairer.example.org/officers/sign-in/x.y", summer, timezone="Europe/London"
    )

    assert "for 10 minutes (until 12:10)" in message["blocks"][0]["text"]["text"]
    assert block_kit_problems(message) == []


def test_each_login_gets_a_different_link(slack):
    first, second = (
        buttons(slack.command("/fairer", "login").get_json())[0]["url"] for _ in range(2)
    )

    assert first != second


def test_clicking_the_sign_in_button_is_acknowledged_and_does_nothing_else(slack, fake_slack):
    response = slack.click("fairer_sign_in", response_url=fake_slack.new_response_url())

    assert response.status_code == 200
    assert fake_slack.calls == []


def test_login_learns_the_persons_name_for_the_officer_pages(slack, fake_slack, sample_url):
    from engagement.officers.names import known_names
    from storage import session_scope
    from storage.db import engine_for
    from tests.slack_helpers import USER_ID

    fake_slack.add_user(USER_ID, "Asha", real_name="Asha Patel")
    slack.command("/fairer", "login")
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        assert known_names(session, [USER_ID]) == {USER_ID: "Asha"}
    engine.dispose()


def test_login_still_works_when_slack_cannot_name_the_person(slack, fake_slack, sample_url):
    fake_slack.error("users.info", "missing_scope")
    message = slack.command("/fairer", "login").get_json()
    assert [b["text"]["text"] for b in buttons(message)] == ["Sign in to Fairer Places"]
