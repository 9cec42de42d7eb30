"""The equality questions page and the pages the footer links to, in Chromium: no WCAG 2.2 AA
violations at 1280 and 375 pixels wide, nothing wider than a phone, and the footer's links
followed as a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from surveys.residents.survey_guard import reset_rate_limits
from tests.browser.test_survey_pages_in_browser import START, check
from tests.surveys.survey_helpers import open_example_survey


@pytest.fixture
def survey_site(serve, sample_url) -> str:
    """Base URL of the app with the example survey open."""
    reset_rate_limits()
    open_example_survey(sample_url)
    return serve(sample_url)


def _answer_up_to_the_equality_page(page, base_url: str) -> None:
    page.goto(f"{base_url}{START}/1")
    for key in ("priority_1", "priority_2", "priority_3"):
        page.locator(f"input[name={key}][value=agree]").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Housing").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("A resident").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{START}/5")


def test_the_equality_page_is_accessible_and_can_be_answered(page, survey_site):
    _answer_up_to_the_equality_page(page, survey_site)

    check(page, "Equality questions")
    page.get_by_text("Why we ask these questions").click()
    expect(page.get_by_text("Equality Act 2010")).to_be_visible()
    check(page, "Equality questions")
    page.get_by_role("group", name="What is your age? (optional)").get_by_label("35 to 44").check()
    page.get_by_role("button", name="Continue").click()
    check(page, "Check your answers before sending them")

    assert "35 to 44" in page.locator("main").inner_text()


def test_the_equality_page_can_be_skipped(page, survey_site):
    _answer_up_to_the_equality_page(page, survey_site)

    page.get_by_role("button", name="Skip these questions").click()
    check(page, "Check your answers before sending them")


@pytest.mark.parametrize(
    "link, heading",
    [
        ("Privacy", "Privacy notice"),
        ("Accessibility statement", "Accessibility statement"),
        ("Cookies", "Cookies"),
    ],
)
def test_the_footer_pages_are_accessible(page, survey_site, link, heading):
    page.goto(f"{survey_site}{START}/1")

    page.locator("footer").get_by_role("link", name=link).click()
    check(page, heading)


def test_the_services_privacy_notice_is_accessible(page, survey_site):
    page.goto(f"{survey_site}/areas")

    page.locator("footer").get_by_role("link", name="Privacy").click()
    page.wait_for_url("**/privacy")
    check(page, "Privacy notice")
