"""The project bank in Chromium: a resident proposes an idea (an error first, nothing lost), an
officer publishes it, and it appears on the area's page. Every page passes axe-core's WCAG 2.2
AA rules at 1280 and 375 pixels wide, without widening the phone's screen."""

from __future__ import annotations

from playwright.sync_api import expect

from engagement.officers.sign_in import issue_sign_in_link
from storage import session_scope
from storage.db import engine_for
from tests.browser.axe import axe, describe
from tests.browser.test_officer_pages_in_browser import SECRET_KEY
from tests.officer_fixtures import OFFICER_USER_ID

WIDTHS = ({"width": 1280, "height": 900}, {"width": 375, "height": 800})
TITLE = "<!channel> Community fridge at the church hall"


def check(page, heading: str) -> None:
    """Assert the page's heading, no axe violations at either width, and no sideways scroll."""
    expect(page.locator("h1")).to_have_text(heading)
    for size in WIDTHS:
        page.set_viewport_size(size)
        violations = axe(page)
        assert violations == [], describe(violations)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"
    page.set_viewport_size(WIDTHS[0])


def test_a_resident_proposes_an_idea_and_an_officer_publishes_it(page, serve, sample_url):
    base_url = serve(sample_url)

    page.goto(f"{base_url}/areas/E02900001/ideas/new")
    check(page, "Propose an idea for your area")
    page.get_by_label("Describe your idea").fill("Surplus food shared, not thrown away.")
    page.get_by_role("button", name="Send your idea").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a short title for your idea"
    )
    check(page, "Propose an idea for your area")
    expect(page.get_by_label("Describe your idea")).to_have_value(
        "Surplus food shared, not thrown away."
    )
    page.get_by_label("Give your idea a short title").fill(TITLE)
    page.get_by_label("Email address (optional)").fill("sam@example.org")
    page.get_by_role("button", name="Send your idea").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Idea sent")
    check(page, "Idea sent")

    with session_scope(engine_for(sample_url)) as session:
        token = issue_sign_in_link(
            session,
            secret_key=SECRET_KEY,
            slack_user_id=OFFICER_USER_ID,
            slack_team_id="T0TEST0001",
        ).token
    page.goto(f"{base_url}/officers/sign-in/{token}")
    page.goto(f"{base_url}/officers/ideas")
    check(page, "Project bank")
    page.get_by_role("link", name=TITLE).click()
    check(page, TITLE)
    expect(page.locator("#idea-summary")).to_contain_text("sam@example.org")
    page.get_by_role("button", name="Hide").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the idea is hidden")
    check(page, TITLE)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published")
    check(page, TITLE)

    page.goto(f"{base_url}/areas/E02900001")
    expect(page.locator("#ideas-count")).to_have_text(
        "1 idea for Heathfield & Priory Park, 0 picked up by a partner."
    )
    expect(page.locator(".fairer-ideas h3")).to_have_text(TITLE)
    assert "sam@example.org" not in page.content()
    check(page, "Heathfield & Priory Park")
