"""A sign-in link from `/fairer login` signs in only a member of a workspace allowed when the link
is used (FAIRER_SLACK_TEAM_IDS, else the bot token's own team): the allowed workspaces may have
changed since the link was made. Anyone else is refused plainly, nothing is recorded as a
sign-in, and the refusal is logged."""

from __future__ import annotations

import logging

import pytest

from bot.handlers.workspace import TEAMS
from tests.officer_fixtures import issue_link_token
from tests.surveys.pages import parse, text

OTHER_TEAM = "T0OTHER001"


@pytest.fixture(autouse=True)
def nothing_remembered_of_auth_test():
    TEAMS.forget()
    yield
    TEAMS.forget()


def _use_link(app, token: str):
    client = app.test_client()
    return client, client.get(f"/officers/sign-in/{token}")


def _signed_in(client) -> bool:
    return client.get("/officers").status_code == 200


def _sign_ins_listed(admin_app) -> str:
    from tests.officer_fixtures import sign_in

    admin = admin_app.test_client()
    sign_in(admin, admin=True)
    return text(parse(admin.get("/officers/sign-ins")).select_one("main"))


def test_a_link_made_in_another_workspace_is_refused_plainly(app_factory, sample_url, caplog):
    app = app_factory(sample_url, FAIRER_SLACK_TEAM_IDS="T0TEST0001")
    token = issue_link_token(app, "U0OUTSIDE1", team_id=OTHER_TEAM)
    caplog.set_level(logging.WARNING, logger="surveys.officers.home")

    client, used = _use_link(app, token)

    assert used.status_code == 403
    page = parse(used)
    assert text(page.select_one("h1")) == "You cannot sign in with this link"
    assert "only for officers in this council’s Slack workspace" in text(page.select_one("main"))
    assert used.headers["Cache-Control"] == "no-store"
    assert not _signed_in(client)
    assert "U0OUTSIDE1" not in _sign_ins_listed(app)
    assert any(
        "U0OUTSIDE1" in r.getMessage() and OTHER_TEAM in r.getMessage() for r in caplog.records
    )


def test_a_link_made_before_its_workspace_was_taken_off_the_list_no_longer_works(
    app_factory, sample_url
):
    before = app_factory(sample_url, FAIRER_SLACK_TEAM_IDS="T0TEST0001,T0SECOND01")
    token = issue_link_token(before, team_id="T0SECOND01")
    after = app_factory(sample_url, FAIRER_SLACK_TEAM_IDS="T0TEST0001")

    client, used = _use_link(after, token)

    assert used.status_code == 403 and not _signed_in(client)


def test_a_link_of_an_allowed_workspace_signs_in(app_factory, sample_url):
    app = app_factory(sample_url, FAIRER_SLACK_TEAM_IDS="T0TEST0001,T0SECOND01")
    token = issue_link_token(app, team_id="t0second01")  # Slack's IDs are upper case; be lenient

    client, used = _use_link(app, token)

    assert used.status_code == 302 and _signed_in(client)


def test_by_default_only_the_bot_tokens_own_workspace_signs_in(slack_app, fake_slack):
    # slack_app has no FAIRER_SLACK_TEAM_IDS: the fake's auth.test names T0TEST0001.
    outsider = issue_link_token(slack_app, "U0OUTSIDE1", team_id=OTHER_TEAM)
    member = issue_link_token(slack_app)

    outside_client, refused = _use_link(slack_app, outsider)
    member_client, signed = _use_link(slack_app, member)

    assert refused.status_code == 403 and not _signed_in(outside_client)
    assert signed.status_code == 302 and _signed_in(member_client)
    assert len(fake_slack.calls_to("auth.test")) == 1  # asked once, then remembered


def test_when_slack_cannot_say_which_workspace_is_ours_the_link_waits(slack_app, fake_slack):
    fake_slack.error("auth.test", "invalid_auth")
    token = issue_link_token(slack_app)

    client, used = _use_link(slack_app, token)

    assert used.status_code == 503
    assert "Try the link again in a minute" in text(parse(used).select_one("main"))
    assert not _signed_in(client)
    TEAMS.forget()  # a minute later, Slack answers
    again = client.get(f"/officers/sign-in/{token}")
    assert again.status_code == 302 and _signed_in(client)  # the link was not used up
