"""The "You said, we did" pages in Chromium: no WCAG 2.2 AA violations at desktop and phone
widths, and no Content-Security-Policy violations."""

from __future__ import annotations

import pytest

from storage import session_scope
from storage.db import engine_for
from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations
from tests.engagement.action_factories import create_action
from tests.surveys.residents.test_you_said_we_did import (
    AREA_PAGE,
    OFFICER_PAGE,
    SURVEY_PAGE,
    add_responses,
)


@pytest.fixture
def admin_site(serve, sample_url, page):
    """The base URL of a running app on the sample borough, with page signed in as an admin."""
    return open_admin_site(serve, sample_url, page)


def test_writing_and_reading_a_note_in_a_browser(page, admin_site, sample_url):
    add_responses(sample_url, 12)
    with session_scope(engine_for(sample_url)) as session:
        create_action(
            session, reference="HP-01", title="Damp survey of council flats", status="on_track"
        )
    violations = watch_for_violations(page)

    page.goto(admin_site + OFFICER_PAGE)
    assert page.locator("h1").inner_text() == "You said, we did"
    check(page)
    page.get_by_label("You said").fill("")
    page.get_by_role("button", name="Add note").click()
    assert "Enter what residents said" in page.locator(".govuk-error-summary").inner_text()
    check(page)
    page.get_by_label("What the note is about").select_option(label="Heathfield & Priory Park")
    page.get_by_label("You said").fill("Damp in the flats")
    page.get_by_label("We did").fill("Surveyed every council flat")
    page.get_by_label("Actions (optional)").fill("HP-01")
    page.get_by_role("button", name="Add note").click()
    assert "Note added" in page.locator("#done").inner_text()
    check(page)

    for path in (SURVEY_PAGE, AREA_PAGE):
        page.goto(admin_site + path)
        assert "Surveyed every council flat" in page.locator("#notes").inner_text()
        check(page)
    assert violations == []


def test_results_bars_are_drawn_by_classes_without_breaking_the_policy(
    page, admin_site, sample_url
):
    # 30 agree and 10 disagree: no cell under 10, so the public page draws the headline too.
    add_responses(sample_url, 40)
    violations = watch_for_violations(page)

    for path in ("/s/draft-priorities/results", "/officers/surveys/draft-priorities"):
        page.goto(admin_site + path)
        bar = page.locator("#question-priority_1 .fairer-bar--headline")
        fill = bar.locator(".fairer-bar__fill")
        ratio = fill.evaluate(
            "e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width"
        )
        assert ratio == pytest.approx(0.75, abs=0.01)  # 30 of 40 agree
    assert violations == []
