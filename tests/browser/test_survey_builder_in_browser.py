"""The survey builder in Chromium: an officer creates a survey and adds a question with forms
alone, and the builder's pages pass axe-core's WCAG 2.2 AA rules at desktop and phone widths."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from engagement.officers.sign_in import issue_sign_in_link
from engagement.surveys.store import load_survey
from storage import session_scope
from storage.db import engine_for
from tests.browser.conftest import DESKTOP
from tests.browser.test_officer_pages_in_browser import SECRET_KEY, check
from tests.officer_fixtures import OFFICER_USER_ID

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "surveys" / "draft-priorities.yml"


def test_the_builder_works_without_javascript_and_is_accessible(open_browser, serve, sample_url):
    with session_scope(engine_for(sample_url)) as session:
        load_survey(session, EXAMPLE)  # every kind of question, for the edit and preview pages
        token = issue_sign_in_link(
            session,
            secret_key=SECRET_KEY,
            slack_user_id=OFFICER_USER_ID,
            slack_team_id="T0TEST0001",
        ).token
    base_url = serve(sample_url)
    page = open_browser(java_script_enabled=False).new_page()
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10_000)
    page.goto(f"{base_url}/officers/sign-in/{token}")

    page.goto(f"{base_url}/officers/survey-builder")
    check(page, "Survey builder")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Create a survey").click()
    check(page, "Create a survey")
    page.set_viewport_size(DESKTOP)
    soon = date.today() + timedelta(days=7)
    page.get_by_label("Title").fill("Parks and play areas")
    page.get_by_label("Day").first.fill(str(soon.day))
    page.get_by_label("Month").first.fill(str(soon.month))
    page.get_by_label("Year").first.fill(str(soon.year))
    page.get_by_role("button", name="Create survey").click()
    page.wait_for_url(f"{base_url}/officers/surveys/parks-and-play-areas/edit")

    page.get_by_role("button", name="Add a question", exact=True).click()
    page.get_by_label("Put options in order").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Key", exact=True).fill("fix_first")
    page.get_by_label("Question", exact=True).fill("What should we fix first?")
    page.get_by_label("Options", exact=True).fill("Lights\nToilets\nBenches")
    page.get_by_label("How many options to put in order").fill("5")
    page.get_by_label("Page 1: Parks and play areas").check()
    page.get_by_role("button", name="Add question").click()
    assert page.locator(".govuk-error-summary").inner_text().splitlines()[-1] == (
        "Number of options to rank must be between 1 and the number of options"
    )
    check(page, "Add a question")
    page.set_viewport_size(DESKTOP)
    page.get_by_label("How many options to put in order").fill("2")
    page.get_by_role("button", name="Add question").click()
    page.wait_for_url(f"{base_url}/officers/surveys/parks-and-play-areas/edit")
    expect(page.locator("#question-fix_first")).to_be_visible()

    page.goto(f"{base_url}/officers/surveys/draft-priorities/edit")
    check(page, "Our draft priorities for a fairer city")
    page.goto(f"{base_url}/officers/surveys/draft-priorities/questions/top_issues")
    check(page, "Change a question")
    page.goto(f"{base_url}/officers/surveys/draft-priorities/preview")
    check(page, "Our draft priorities for a fairer city")
    page.goto(f"{base_url}/officers/surveys/draft-priorities/close")
    check(page, "Close ‘Our draft priorities for a fairer city’ now?")
