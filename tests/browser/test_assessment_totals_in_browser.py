"""The impact assessment totals page in Chromium: the area filter works without JavaScript, and
the page passes axe-core's WCAG 2.2 AA rules at desktop and phone widths without widening the
phone's screen."""

from __future__ import annotations

from playwright.sync_api import expect

from engagement.actions.terms import today_in
from storage import session_scope
from storage.db import engine_for
from tests.browser.officer_browsing import check, open_admin_site
from tests.engagement.assessments.assessed_plan import assessed_plan


def test_the_totals_page_is_accessible_and_filters_without_javascript(page, serve, sample_url):
    with session_scope(engine_for(sample_url)) as session:
        assessed_plan(session, today_in("Europe/London"))
    base_url = open_admin_site(serve, sample_url, page)
    page.goto(f"{base_url}/officers/assessment-totals")
    expect(page.locator("h1")).to_have_text("The whole plan")
    check(page)

    page.get_by_label("Area", exact=True).select_option(label="Castle Green")
    page.get_by_role("button", name="Show totals").click()
    page.wait_for_url(f"{base_url}/officers/assessment-totals?area=E02900003")
    expect(page.locator("h1")).to_have_text("Castle Green")
    check(page)
