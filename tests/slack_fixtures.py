"""Pytest fixtures for anything that talks to Slack: a fake Slack Web API and the app wired to it.

Registered for every test folder by `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.fake_slack import FakeSlack
from tests.slack_helpers import ADMIN_USER_ID, SIGNING_SECRET, SlackClient

PUBLIC_BASE_URL = "https://fairer.example.org"


@pytest.fixture
def fake_slack():
    """A running fake Slack Web API on 127.0.0.1 that records every call (and no names of people
    kept from an earlier test)."""
    from bot.slack_users import NAMES

    NAMES.forget()
    with FakeSlack() as fake:
        yield fake
    NAMES.forget()


@pytest.fixture
def app_factory(fake_slack):
    """Return build(database_url, **overrides) -> a Flask app whose Slack API is fake_slack.

    overrides use the environment variables' names, e.g. FAIRER_LOCAL_AUTHORITIES="E06999999".
    """

    def build(database_url: str, **overrides):
        from bot.app import create_app

        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "DATABASE_URL": database_url,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake_slack.api_url,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "FAIRER_LOCAL_AUTHORITIES": "",
            "FAIRER_ADMIN_USER_IDS": ADMIN_USER_ID,
        }
        config.update(overrides)
        return create_app(config)

    return build


@pytest.fixture
def slack_app(app_factory, sample_url):
    """The app on a database holding the generated sample borough, Sampleton."""
    return app_factory(sample_url)


@pytest.fixture
def slack(slack_app) -> SlackClient:
    """Sends signed Slack requests to slack_app's POST /slack/events."""
    return SlackClient(slack_app.test_client())
