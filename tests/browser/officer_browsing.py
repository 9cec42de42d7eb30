"""Helpers for officer pages in Chromium: sign a page in as an admin, check axe at desktop and
phone widths, and collect Content-Security-Policy violations from the console."""

from __future__ import annotations

from engagement.officers.sign_in import issue_sign_in_link
from storage import session_scope
from storage.db import engine_for
from tests.browser.axe import axe, describe
from tests.browser.conftest import DESKTOP, PHONE
from tests.officer_fixtures import ADMIN_USER_ID

SECRET_KEY = "test-secret-key"  # the key tests/surveys/conftest.build_app gives the app


def open_admin_site(serve, database_url: str, page) -> str:
    """Serve the app on database_url, sign page in there as an admin, and return the base URL."""
    base_url = serve(database_url, FAIRER_ADMIN_USER_IDS=ADMIN_USER_ID)
    with session_scope(engine_for(database_url)) as session:
        token = issue_sign_in_link(
            session, secret_key=SECRET_KEY, slack_user_id=ADMIN_USER_ID, slack_team_id="T0TEST0001"
        ).token
    page.goto(f"{base_url}/officers/sign-in/{token}")
    return base_url


def watch_for_violations(page) -> list[str]:
    """Return a list that fills with every CSP violation (and script error) Chromium reports on
    page."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def check(page) -> None:
    """Assert axe finds no WCAG 2.2 AA violation at desktop and phone widths, and the page fits a
    375px screen; leaves the page at desktop width."""
    for width in (DESKTOP, PHONE):
        page.set_viewport_size(width)
        violations = axe(page)
        assert violations == [], describe(violations)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"
