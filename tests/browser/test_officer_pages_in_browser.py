"""The officer sign-in pages in Chromium: a link from Slack signs in, sign-out works, and every
page passes axe-core's WCAG 2.2 AA rules at desktop and phone widths."""

from __future__ import annotations

import pytest

from engagement.officers.sign_in import issue_sign_in_link
from storage import session_scope
from storage.db import engine_for
from tests.browser.axe import axe, describe
from tests.browser.conftest import PHONE
from tests.officer_fixtures import ADMIN_USER_ID, OFFICER_USER_ID

SECRET_KEY = "test-secret-key"  # the key tests/surveys/conftest.build_app gives the app


@pytest.fixture
def site(serve, sqlite_url):
    """Return (base URL, link(user) -> a fresh sign-in link) for a running app on an empty
    database."""
    base_url = serve(sqlite_url, FAIRER_ADMIN_USER_IDS=ADMIN_USER_ID)

    def link(user_id: str = OFFICER_USER_ID) -> str:
        with session_scope(engine_for(sqlite_url)) as session:
            token = issue_sign_in_link(
                session, secret_key=SECRET_KEY, slack_user_id=user_id, slack_team_id="T0TEST0001"
            ).token
        return f"{base_url}/officers/sign-in/{token}"

    return base_url, link


def check(page, expected_heading: str) -> None:
    assert page.locator("h1").inner_text() == expected_heading
    for width in (None, PHONE):
        if width:
            page.set_viewport_size(width)
        violations = axe(page)
        assert violations == [], describe(violations)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"


def test_sign_in_page_is_accessible(page, site):
    base_url, _link = site

    page.goto(f"{base_url}/officers/sign-ins")

    assert page.url.startswith(f"{base_url}/officers/sign-in?next=")
    check(page, "Sign in from Slack")


def test_expired_link_page_is_accessible(page, site):
    base_url, link = site
    used = link()
    page.goto(used)

    response = page.goto(used)

    assert response.status == 410
    check(page, "This sign-in link has expired or has already been used")


def test_signing_in_and_out_in_a_browser(page, site):
    base_url, link = site

    page.goto(link())

    assert page.url == f"{base_url}/officers"
    check(page, "Officer pages")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Sign out").click()
    assert page.url == f"{base_url}/officers/signed-out"
    check(page, "You have signed out")
    page.goto(f"{base_url}/officers")
    assert page.url.startswith(f"{base_url}/officers/sign-in")


def test_admin_and_forbidden_pages_are_accessible(page, site):
    base_url, link = site
    page.goto(link(ADMIN_USER_ID))

    page.get_by_role("link", name="Recent sign-ins").click()

    check(page, "Recent sign-ins")
    page.context.clear_cookies()
    page.goto(link(OFFICER_USER_ID))
    response = page.goto(f"{base_url}/officers/sign-ins")
    assert response.status == 403
    check(page, "You cannot use this page")
