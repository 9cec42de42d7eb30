"""People's names from users.info: kept, refreshed after their time, and the ID when Slack
cannot say (unknown person, rate limit, Slack unreachable), against the fake Slack Web API."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.slack_users import UserNames


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client_for(fake_slack) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=fake_slack.api_url)


def test_a_name_is_asked_once_and_kept_until_its_time_is_up(fake_slack):
    fake_slack.add_user("U0PRIYA001", "Priya Shah")
    clock = Clock()
    names = UserNames(ttl=60, clock=clock)
    client = client_for(fake_slack)

    assert names.name(client, "U0PRIYA001") == "Priya Shah"
    assert names.name(client, "U0PRIYA001") == "Priya Shah"
    assert len(fake_slack.calls_to("users.info")) == 1

    fake_slack.add_user("U0PRIYA001", "Priya S.")  # she changed her display name
    clock.now += 61
    assert names.name(client, "U0PRIYA001") == "Priya S."
    assert len(fake_slack.calls_to("users.info")) == 2


def test_the_real_name_stands_in_for_an_empty_display_name(fake_slack):
    fake_slack.add_user("U0JO000001", "", real_name="Jo Bloggs")
    names = UserNames()
    assert names.names(client_for(fake_slack), ["U0JO000001", "U0JO000001", ""]) == {
        "U0JO000001": "Jo Bloggs"
    }


def test_failures_give_the_id_and_slack_is_asked_again_later(fake_slack):
    clock = Clock()
    names = UserNames(ttl=60, failure_ttl=10, clock=clock)
    client = client_for(fake_slack)

    assert names.name(client, "U0NOBODY01") == "U0NOBODY01"  # user_not_found
    fake_slack.add_user("U0NOBODY01", "Sam Okafor")
    assert names.name(client, "U0NOBODY01") == "U0NOBODY01"  # not asked again at once
    clock.now += 11
    assert names.name(client, "U0NOBODY01") == "Sam Okafor"

    fake_slack.error("users.info", "missing_scope")
    clock.now += 61
    assert names.name(client, "U0NOBODY01") == "Sam Okafor"  # a stale name beats an ID
    assert names.name(None, "U0ELSE0001") == "U0ELSE0001"  # no token at all


def test_the_resolver_for_web_pages_names_people_and_needs_a_token(fake_slack):
    from bot.config import Settings
    from bot.slack_users import NAMES, name_resolver

    fake_slack.add_user("U0PRIYA001", "Priya Shah")
    base = {
        "TESTING": True,
        "DATABASE_URL": "sqlite://",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": fake_slack.api_url,
    }
    name_of = name_resolver(Settings.from_env({**base, "SLACK_BOT_TOKEN": "xoxb-test-token"}))
    assert name_of("U0PRIYA001") == "Priya Shah"
    NAMES.forget()
    assert name_resolver(Settings.from_env(base))("U0PRIYA001") == "U0PRIYA001"
