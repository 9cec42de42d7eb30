"""Fixtures for the Slack side (defined in tests/slack_fixtures.py so other folders can share them)."""
from tests.slack_fixtures import PUBLIC_BASE_URL, app_factory, fake_slack, slack, slack_app  # noqa: F401
