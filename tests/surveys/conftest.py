"""Fixtures for the web pages: the real app on a test database, driven by Flask's test client."""

from __future__ import annotations

import pytest

from tests.surveys.survey_helpers import survey_app, visitor  # noqa: F401  (fixtures: the example survey, open)


def build_app(database_url: str, **overrides):
    """Return the whole app (create_app) on database_url, configured for tests."""
    from bot.app import create_app

    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "FAIRER_LOCAL_AUTHORITIES": "",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def sample_client(sample_url):
    """A test client for the app on the generated sample borough, Sampleton."""
    return build_app(sample_url).test_client()


@pytest.fixture
def england_client(england_url):
    """A test client for the app on all of England from the official IoD2019 files."""
    return build_app(england_url).test_client()
