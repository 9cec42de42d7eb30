"""The comment coding and theme pages in Chromium: no WCAG 2.2 AA violations at desktop and phone
widths, with and without errors, and no Content-Security-Policy violations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyAnswer
from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations
from tests.engagement.survey_factories import create_example_survey, create_response

COMMENTS = "/officers/surveys/draft-priorities/comments"


@pytest.fixture
def admin_site(serve, sample_url, page):
    """The base URL of a running app on the sample borough, with page signed in as an admin."""
    return open_admin_site(serve, sample_url, page)


@pytest.fixture
def answer_id(sample_url) -> int:
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = create_example_survey(session)
        for n in range(22):
            create_response(
                session,
                survey=survey,
                definition=definition,
                neighbourhood="E02900001",
                comments=f"<b>Damp</b> in flat {n}, call 07700 900{n:03d}"
                if n
                else "Love the park",
            )
        return session.scalar(
            select(SurveyAnswer.id)
            .where(SurveyAnswer.question_key == "comments")
            .order_by(SurveyAnswer.id)
        )


def test_coding_a_comment_in_a_browser(page, admin_site, answer_id):
    violations = watch_for_violations(page)
    page.goto(f"{admin_site}{COMMENTS}")
    assert page.locator("h1").inner_text() == "Comments"
    check(page)

    page.goto(f"{admin_site}{COMMENTS}/{answer_id}")
    assert page.locator("h1").inner_text() == "Code a comment"
    check(page)
    page.get_by_text("How to choose themes").click()
    assert page.get_by_text("not for the council in general").is_visible()
    check(page)
    page.get_by_label("The comment with personal details removed").fill("")
    page.get_by_label("Publish this comment as a quote").check()
    page.get_by_role("button", name="Save").click()
    assert "personal details removed" in page.locator(".govuk-error-summary").inner_text()
    check(page)
    page.get_by_label("Negative").check()
    page.get_by_label("The comment with personal details removed").fill("Love the park")
    page.get_by_role("button", name="Save").click()
    assert "Comment saved" in page.locator("#saved").inner_text()
    assert violations == []


def test_theme_pages_in_a_browser(page, admin_site):
    violations = watch_for_violations(page)
    page.goto(f"{admin_site}/officers/themes")
    assert page.locator("h1").inner_text() == "Comment themes"
    check(page)
    page.get_by_label("Theme name").fill("Parks")
    page.get_by_label("Keywords").fill("pa*")
    page.get_by_role("button", name="Add theme").click()
    assert "Put at least 3 letters" in page.locator(".govuk-error-summary").inner_text()
    check(page)
    page.get_by_role("link", name="Change Housing").click()
    assert page.locator("h1").inner_text() == "Change Housing"
    check(page)
    assert violations == []
