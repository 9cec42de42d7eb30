"""'You said, we did': officers write notes and link actions; residents read a protected summary,
published quotes only, and what the council did, for a survey and for a neighbourhood."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import session_scope
from storage.db import engine_for
from storage.survey_models import CommentCoding, SurveyAnswer
from tests.engagement.action_factories import create_action
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import HEATHFIELD, SLUG, Visitor

OFFICER_PAGE = f"/officers/surveys/{SLUG}/you-said-we-did"
SURVEY_PAGE = f"/s/{SLUG}/you-said-we-did"
AREA_PAGE = f"/areas/{HEATHFIELD}/you-said-we-did"
SECRET = "Jo Bloggs at 12 Acacia Avenue says the damp is awful"
PUBLISHED = "[name removed] says the damp is awful"


def add_responses(
    database_url: str, n: int, *, area: str | None = HEATHFIELD, publish: bool = True
) -> None:
    """Store n responses; the first comment is coded for publication with its redacted text."""
    with session_scope(engine_for(database_url)) as session:
        survey, definition = create_example_survey(session)
        for i in range(n):
            create_response(
                session,
                survey=survey,
                definition=definition,
                neighbourhood=area,
                priority_1="agree" if i % 4 else "disagree",
                comments=SECRET if i == 0 else f"<script>alert({i})</script> damp flats",
            )
        first = session.scalar(
            select(SurveyAnswer.id)
            .where(SurveyAnswer.question_key == "comments")
            .order_by(SurveyAnswer.id)
        )
        coding = session.get(CommentCoding, first)
        coding.redacted_text, coding.publish_quote = PUBLISHED, publish


@pytest.fixture
def officer(slack_app):
    client = slack_app.test_client()
    sign_in(client)
    return Visitor(client, start=OFFICER_PAGE, form_page="")


def test_a_survey_with_fewer_than_10_responses_shows_nothing_of_what_was_said(
    slack_app, sample_url
):
    add_responses(sample_url, 9)

    page = parse(slack_app.test_client().get(SURVEY_PAGE))

    assert text(page.select_one("h1")) == "You said, we did"
    assert page.select_one("#not-enough") is not None
    assert page.select_one("#quotes") is None and PUBLISHED not in text(page)
    area = parse(slack_app.test_client().get(AREA_PAGE))
    assert "Fewer than 10 people" in text(area.select_one("#not-enough"))
    assert PUBLISHED not in text(area)


def test_the_survey_page_shows_agreement_themes_and_only_published_redacted_quotes(
    slack_app, sample_url
):
    add_responses(sample_url, 12)

    response = slack_app.test_client().get(SURVEY_PAGE)

    page = parse(response)
    agreement = text(page.select_one("#agreement"))
    assert "agree (95% CI" in agreement
    assert "Housing" in text(page.select_one("#top-themes"))
    assert [text(q) for q in page.select("#quotes blockquote")] == [PUBLISHED]
    html = response.get_data(as_text=True)
    assert SECRET not in html and "Acacia" not in html
    assert "<script>alert" not in html


def test_unpublished_quotes_are_not_shown(slack_app, sample_url):
    add_responses(sample_url, 12, publish=False)

    page = parse(slack_app.test_client().get(SURVEY_PAGE))

    assert page.select_one("#quotes") is None


def test_a_note_with_actions_shows_on_the_survey_and_area_pages(officer, slack_app, sample_url):
    add_responses(sample_url, 12)
    with session_scope(engine_for(sample_url)) as session:
        create_action(
            session, reference="HP-01", title="Damp survey of council flats", status="at_risk"
        )

    saved = officer.post(
        OFFICER_PAGE,
        {
            "area_code": HEATHFIELD,
            "said": "Damp in the flats is the biggest problem",
            "did": "We surveyed <b>every</b> council flat",
            "references": "HP-01",
        },
        follow_redirects=True,
    )

    assert text(parse(saved).select_one("#done")).endswith("Note added")
    for path in (SURVEY_PAGE, AREA_PAGE):
        response = slack_app.test_client().get(path)
        note = parse(response).select_one("#notes li")
        assert (
            text(note.select_one(".fairer-note__said"))
            == "Damp in the flats is the biggest problem"
        )
        assert text(note.select_one(".fairer-note__did")) == "We surveyed <b>every</b> council flat"
        action = text(note.select_one(".fairer-note__actions"))
        assert action.startswith("HP-01 Damp survey of council flats At risk Last updated ")
        assert "<b>every</b>" not in response.get_data(as_text=True)
    area = parse(slack_app.test_client().get(AREA_PAGE))
    assert [text(q) for q in area.select("#quotes blockquote")] == [PUBLISHED]


def test_a_note_is_checked_before_it_is_stored(officer, sample_url):
    add_responses(sample_url, 1)

    response = officer.post(
        OFFICER_PAGE, {"area_code": "E99999999", "said": "", "did": "", "references": "ZZ-99"}
    )

    assert response.status_code == 400
    errors = [text(li) for li in parse(response).select(".govuk-error-summary__list li")]
    assert errors == [
        "Select a neighbourhood from the list",
        "Enter what residents said",
        "Enter what the council did",
        "There is no action with the reference ZZ-99",
    ]


def test_a_note_can_be_deleted(officer, slack_app, sample_url):
    add_responses(sample_url, 1)
    officer.post(
        OFFICER_PAGE, {"area_code": "", "said": "More buses", "did": "Asked the bus company"}
    )
    page = parse(officer.client.get(OFFICER_PAGE))
    delete = page.select_one("#notes form")["action"]

    after = parse(officer.post(delete, follow_redirects=True))

    assert text(after.select_one("#done")).endswith("Note deleted")
    assert after.select_one("#no-notes") is not None
    assert parse(slack_app.test_client().get(SURVEY_PAGE)).select_one("#no-notes") is not None


def test_unknown_surveys_and_areas_are_not_found(slack_app):
    client = slack_app.test_client()

    assert client.get("/s/no-such-survey/you-said-we-did").status_code == 404
    assert client.get("/areas/E99999999/you-said-we-did").status_code == 404
