"""The officer actions page in Chromium: filters work without JavaScript, and the page passes
axe-core's WCAG 2.2 AA rules at desktop and phone widths without widening the phone's screen."""

from __future__ import annotations

from playwright.sync_api import expect

from engagement.officers.sign_in import issue_sign_in_link
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import make_plan
from tests.browser.test_officer_pages_in_browser import SECRET_KEY, check
from tests.officer_fixtures import OFFICER_USER_ID


def test_the_actions_page_is_accessible_and_filters_without_javascript(page, serve, sample_url):
    make_plan(sample_url)
    base_url = serve(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        token = issue_sign_in_link(
            session,
            secret_key=SECRET_KEY,
            slack_user_id=OFFICER_USER_ID,
            slack_team_id="T0TEST0001",
        ).token
    page.goto(f"{base_url}/officers/sign-in/{token}")
    page.goto(f"{base_url}/officers/actions")
    check(page, "Actions")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Status").select_option(label="At risk")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(f"{base_url}/officers/actions?area=&theme=&status=at_risk&owner=")
    expect(page.locator("table#actions tbody tr")).to_have_count(1)
    check(page, "Actions")
