"""The Slack fixtures (fake_slack, app_factory, slack_app, slack) come from tests/slack_fixtures.py,
registered for every folder by pytest_plugins in tests/conftest.py."""
