"""Signing a test client in to the officer pages, through the real one-time-link flow.

Registered for every test folder by `pytest_plugins` in tests/conftest.py. Use the fixtures::

    def test_officers_see_the_page(officer_client):      # signed in as OFFICER_USER_ID
        assert officer_client.get("/officers").status_code == 200

    def test_admins_see_more(admin_client): ...          # signed in as ADMIN_USER_ID

or sign in any client of any app yourself::

    from tests.officer_fixtures import sign_in
    client = app.test_client()
    sign_in(client)                   # OFFICER_USER_ID, an officer
    sign_in(client, admin=True)       # ADMIN_USER_ID: the app must list it in FAIRER_ADMIN_USER_IDS
    sign_in(client, "U0SOMEONE1")     # anyone

app_factory (tests/slack_fixtures.py) lists ADMIN_USER_ID as the one admin, so slack_app and
apps built by app_factory need nothing more. The app's database must be migrated (every
fixture database is).
"""

from __future__ import annotations

import pytest

from tests.slack_helpers import ADMIN_USER_ID, TEAM_ID, USER_ID

OFFICER_USER_ID = USER_ID  # the user slack_helpers sends commands as: an officer, not an admin

__all__ = [
    "ADMIN_USER_ID",
    "OFFICER_USER_ID",
    "admin_client",
    "issue_link_token",
    "officer_client",
    "sign_in",
]


def issue_link_token(app, user_id: str = OFFICER_USER_ID, *, team_id: str = TEAM_ID) -> str:
    """Return a fresh sign-in link token for user_id, issued as `/fairer login` issues it."""
    # Imported here so collecting tests does not load the model before its migration is applied.
    from engagement.officers.sign_in import issue_sign_in_link
    from storage import session_scope
    from storage.db import engine_for

    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        return issue_sign_in_link(
            session, secret_key=app.secret_key, slack_user_id=user_id, slack_team_id=team_id
        ).token


def sign_in(
    client, user_id: str | None = None, *, admin: bool = False, team_id: str = TEAM_ID
) -> str:
    """Sign client in by opening a fresh one-time link at /officers/sign-in/<token>; return the user
    id.

    With admin=True (and no user_id) signs in as ADMIN_USER_ID, and checks the app lists that user
    in FAIRER_ADMIN_USER_IDS, so a test cannot think it is an admin when it is not.
    """
    app = client.application
    user_id = user_id or (ADMIN_USER_ID if admin else OFFICER_USER_ID)
    admins = tuple(app.config.get("FAIRER_ADMIN_USER_IDS") or ())
    if admin and user_id not in admins:
        raise AssertionError(
            f"{user_id} is not an admin of this app: "
            f"build it with FAIRER_ADMIN_USER_IDS={user_id!r}."
        )
    response = client.get(f"/officers/sign-in/{issue_link_token(app, user_id, team_id=team_id)}")
    assert response.status_code == 302, f"Signing in {user_id} failed with {response.status_code}"
    return user_id


@pytest.fixture
def officer_client(slack_app):
    """A test client of slack_app signed in as OFFICER_USER_ID, an officer who is not an admin."""
    client = slack_app.test_client()
    sign_in(client)
    return client


@pytest.fixture
def admin_client(slack_app):
    """A test client of slack_app signed in as ADMIN_USER_ID, an admin."""
    client = slack_app.test_client()
    sign_in(client, admin=True)
    return client
