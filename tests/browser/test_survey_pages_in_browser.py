"""The survey pages in Chromium: every page type passes axe-core's WCAG 2.2 AA rules at desktop
and 375px phone widths without scrolling sideways; a person can answer with the keyboard alone,
and without JavaScript."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from engagement.officers.sign_in import issue_sign_in_link
from engagement.surveys.store import find_survey, save_definition
from storage import session_scope
from storage.db import engine_for
from surveys.residents.survey_guard import reset_rate_limits
from tests.browser.axe import axe, describe
from tests.browser.conftest import DESKTOP, PHONE
from tests.engagement.survey_factories import create_response
from tests.officer_fixtures import OFFICER_USER_ID
from tests.surveys.survey_helpers import HEATHFIELD, SLUG, open_example_survey

SECRET_KEY = "test-secret-key"  # the key tests/surveys/conftest.build_app gives the app
START = f"/s/{SLUG}"


@pytest.fixture
def site(serve, sample_url):
    """Return (base URL, sign-in link maker) for the app with the example survey open (30
    responses), a closed survey, "old-consultation", and one not open yet, "next-consultation"."""
    reset_rate_limits()
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SLUG)
        for i in range(30):
            create_response(
                session,
                survey=survey,
                definition=definition,
                neighbourhood=HEATHFIELD,
                priority_1=("agree", "disagree", "dont_know")[i % 3],
                comments="More buses please",
            )
        past = datetime.now(UTC) - timedelta(days=10)
        save_definition(
            session,
            dataclasses.replace(
                definition,
                slug="old-consultation",
                title="An old consultation",
                opens_at=past - timedelta(days=30),
                closes_at=past,
            ),
        )
        future = datetime.now(UTC) + timedelta(days=10)
        save_definition(
            session,
            dataclasses.replace(
                definition,
                slug="next-consultation",
                title="A consultation to come",
                opens_at=future,
                closes_at=future + timedelta(days=30),
            ),
        )
    base_url = serve(sample_url)

    def link(user_id: str = OFFICER_USER_ID) -> str:
        with session_scope(engine_for(sample_url)) as session:
            token = issue_sign_in_link(
                session, secret_key=SECRET_KEY, slack_user_id=user_id, slack_team_id="T0TEST0001"
            ).token
        return f"{base_url}/officers/sign-in/{token}"

    return base_url, link


def check(page, heading: str | None = None) -> None:
    """Assert the page has the heading and no WCAG 2.2 AA violations, on a desktop and a phone."""
    page.wait_for_load_state()  # a click's navigation may still be under way
    if heading is not None:
        assert page.locator("h1").first.inner_text().strip() == heading
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        violations = axe(page)
        assert violations == [], f"{page.url} at {size['width']}px:\n{describe(violations)}"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"
    page.set_viewport_size(DESKTOP)


def test_every_page_of_the_survey_is_accessible(page, site):
    base_url, _link = site

    page.goto(f"{base_url}/")
    check(page)
    page.goto(base_url + START)
    check(page, "Our draft priorities for a fairer city")
    page.get_by_role("button", name="Start now").click()
    check(page, "Our draft priorities")
    page.get_by_role("button", name="Continue").click()
    expect(
        page.locator(".govuk-error-summary")
    ).to_be_visible()  # waits for the page the click loads
    check(page, "Our draft priorities")  # with errors
    for key in ("priority_1", "priority_2", "priority_3"):
        page.locator(f"input[name={key}][value=agree]").check()
    page.get_by_role("button", name="Continue").click()
    check(page, "What matters most to you")
    page.get_by_label("Housing").check()
    page.get_by_label("Transport").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**#top_issues-order")
    check(page, "What matters most to you")  # the choices to put in order
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{START}/3")
    check(page, "What matters most to you")  # the question only asked after "No"
    page.get_by_label("I did not have time").check()
    page.get_by_label("Is there anything else").fill("مرحبا – the buses stop at 6pm " + "x" * 2100)
    page.get_by_role("button", name="Continue").click()
    check(page, "What matters most to you")  # too long
    page.get_by_label("Is there anything else").fill("The buses stop at 6pm \u202eeverywhere 🚌")
    page.get_by_role("button", name="Continue").click()
    check(page, "About you")
    page.get_by_label("A resident").check()
    page.get_by_label("Which neighbourhood").fill("Heathfield")  # the autocomplete
    page.locator(".autocomplete__option", has_text="Heathfield & Priory Park").click()
    page.get_by_role("button", name="Continue").click()
    check(page, "Equality questions")
    page.get_by_text("Why we ask these questions").click()
    check(page, "Equality questions")  # with "why we ask" open
    page.get_by_role("button", name="Skip these questions").click()
    check(page, "Check your answers before sending them")
    page.get_by_role("button", name="Send answers").click()
    check(page, "Your answers have been sent")
    code = page.locator("#receipt-code").inner_text()

    page.get_by_role("link", name="delete your answers").click()
    check(page, "Delete your answers")
    page.get_by_role("button", name="Delete my answers").click()
    check(page, "Delete your answers")  # with an error
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Delete my answers").click()
    check(page, "Your answers have been deleted")

    page.goto(f"{base_url}/s/old-consultation")
    check(page, "This survey has closed")
    page.goto(f"{base_url}/s/next-consultation")
    check(page, "This survey is not open yet")
    page.goto(f"{base_url}{START}/results")
    check(page, "Our draft priorities for a fairer city")
    page.goto(f"{base_url}{START}/results?by=respondent_type")
    check(page, "Our draft priorities for a fairer city")


def test_the_officers_survey_pages_are_accessible(page, site):
    base_url, link = site
    page.goto(link())

    page.goto(f"{base_url}/officers/surveys")
    check(page, "Surveys")
    page.get_by_role("link", name="Our draft priorities for a fairer city").click()
    check(page, "Our draft priorities for a fairer city")
    page.goto(f"{base_url}/officers/surveys/{SLUG}?by=neighbourhood")
    check(page, "Our draft priorities for a fairer city")
    page.get_by_role("link", name="Enter paper responses").click()
    check(page, "Enter paper responses")
    page.get_by_role("button", name="Enter a paper response").click()
    check(page, "Our draft priorities")
    page.goto(f"{base_url}/officers/surveys/{SLUG}/paper/upload")
    check(page, "Upload paper responses")
    page.get_by_role("button", name="Upload and import").click()
    check(page, "Upload paper responses")  # with an error


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching selector has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received the focus")


def test_the_survey_can_be_answered_with_the_keyboard_alone(page, site):
    base_url, _link = site
    page.goto(base_url + START)

    tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/1")
    for key in ("priority_1", "priority_2", "priority_3"):
        tab_to(page, f"input[name={key}]")
        page.keyboard.press("Space")  # the first answer, "Strongly agree"
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/2")
    tab_to(page, "#top_issues")
    page.keyboard.press("Space")  # Cost of living
    tab_to(page, "#top_issues-2")
    page.keyboard.press("Space")  # Jobs and skills
    tab_to(page, "input[name=heard_before]")
    page.keyboard.press("ArrowDown")  # from "Yes" to "No"
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/2#top_issues-order")
    tab_to(page, "form > .govuk-button-group > button.govuk-button")  # in the order shown
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/3")
    tab_to(page, "input[name=why_not_before]")
    page.keyboard.press("Space")
    tab_to(page, "textarea#comments")
    page.keyboard.type("Typed with the keyboard alone.")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/4")
    tab_to(page, "input[name=respondent_type]")
    page.keyboard.press("Space")
    tab_to(page, "input#neighbourhood")  # the autocomplete
    page.keyboard.type("mill")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    tab_to(page, "form > .govuk-button-group > button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/5")
    tab_to(page, "input[name=age_band]")
    page.keyboard.press("Space")  # the first answer, "Under 16"
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/check-answers")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/done")

    assert page.locator("#receipt-code").inner_text().startswith("FP-")


def test_the_survey_works_without_javascript(open_browser, site):
    base_url, _link = site
    page = open_browser(viewport=PHONE, java_script_enabled=False).new_page()

    page.goto(f"{base_url}{START}/1")
    for key in ("priority_1", "priority_2", "priority_3"):
        page.locator(f"input[name={key}][value=neither]").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Transport").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("#comments-info").inner_text() == "You can enter up to 2,000 characters"
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("A business").check()
    page.get_by_label("Which neighbourhood").select_option(label="Mill Cross")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Prefer not to say").first.check()  # age, in a page without JavaScript
    page.get_by_role("button", name="Skip these questions").click()
    page.get_by_role("button", name="Send answers").click()

    assert page.locator(".govuk-panel__title").inner_text() == "Your answers have been sent"
