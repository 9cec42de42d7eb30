"""The survey builder's questions: mistakes are shown the GOV.UK way and nothing is saved,
show-if must point at an earlier question, and a survey people have answered keeps its keys."""

from __future__ import annotations

import pytest

from engagement.surveys.definition import definition_from_json
from engagement.surveys.store import find_survey, new_receipt_code
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from tests.officer_fixtures import sign_in
from tests.surveys.officers.survey_builder_helpers import (
    EDIT,
    SLUG,
    Officer,
    inline_errors,
    stored,
    summary_errors,
)
from tests.surveys.pages import parse, text


@pytest.fixture
def builder_app(app_factory, sqlite_url):
    return app_factory(sqlite_url)


@pytest.fixture
def officer(builder_app):
    client = builder_app.test_client()
    sign_in(client)
    return Officer(client)


@pytest.mark.parametrize(
    "question, message, field",
    [
        (
            {"kind": "likert", "key": "comments", "prompt": "Again?"},
            "Key ‘comments’ is already used by another question",
            "key",
        ),
        (
            {
                "kind": "ranking",
                "key": "fix_first",
                "prompt": "Fix first?",
                "options": "Lights\nToilets",
                "top": "3",
            },
            "Number of options to rank must be between 1 and the number of options",
            "top",
        ),
        (
            {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often"},
            "Enter at least two options, one on each line",
            "options",
        ),
        ({"kind": "likert", "key": "", "prompt": "Trees?"}, "Enter a key", "key"),
    ],
)
def test_question_mistakes_are_shown_and_nothing_is_saved(
    builder_app, officer, question, message, field
):
    officer.create()
    before = stored(builder_app)
    response = officer.add(question)
    assert response.status_code == 400
    assert summary_errors(response) == [message] and inline_errors(response) == [message]
    assert parse(response).select_one(".govuk-error-summary a")["href"] == f"#{field}"
    assert stored(builder_app) == before


def test_show_if_must_point_at_an_earlier_question(builder_app, officer):
    officer.create()
    officer.add(
        {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often\nRarely"}
    )
    before = stored(builder_app)
    # The form offers only earlier questions; a forged post naming a later one is still refused.
    response = officer.post(
        f"/officers/surveys/{SLUG}/questions/comments",
        {
            "prompt": "Why?",
            "key": "comments",
            "required": "no",
            "show_if_question": "visits",
            "show_if_values": "rarely",
        },
    )
    assert summary_errors(response) == [
        "Show-if must name a question that comes earlier in the survey"
    ]
    assert stored(builder_app) == before

    officer.add(
        {
            "kind": "text",
            "key": "why",
            "prompt": "Why?",
            "show_if_question": "visits",
            "show_if_values": "Rarely",
        }
    )
    before = stored(builder_app)
    moved = officer.post(f"/officers/surveys/{SLUG}/questions/why/move", {"direction": "up"})
    assert moved.status_code == 400
    assert summary_errors(moved) == [
        "Show-if must name a question that comes earlier in the survey"
    ]
    assert stored(builder_app) == before


def test_keys_and_options_cannot_change_once_people_have_answered(builder_app, officer):
    officer.create()
    officer.add(
        {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often\nRarely"}
    )
    with session_scope(engine_for(builder_app.config["DATABASE_URL"])) as session:
        survey = find_survey(session, SLUG)[0]
        session.add(
            SurveyResponse(survey_id=survey.id, receipt_code=new_receipt_code(), channel="paper")
        )
    before = stored(builder_app)
    path = f"/officers/surveys/{SLUG}/questions/visits"
    form = {
        "key": "visits",
        "prompt": "How often do you visit?",
        "required": "yes",
        "options": "Often\nRarely",
    }

    for change in ({"key": "how_often"}, {"options": "Often\nSometimes\nRarely"}):
        response = officer.post(path, {**form, **change})
        assert response.status_code == 400
        assert summary_errors(response)[0].startswith(
            "You cannot change the key, options or rules of this question"
        )
        assert stored(builder_app) == before
    refused = officer.post(f"/officers/surveys/{SLUG}/questions/visits/delete")
    assert summary_errors(refused) == [
        "You cannot delete a question from a survey people have already answered"
    ]

    assert officer.post(path, {**form, "hint": "Think of the last month."}).status_code == 302
    changed = definition_from_json(stored(builder_app)).questions_by_key["visits"]
    assert (changed.prompt, changed.hint) == ("How often do you visit?", "Think of the last month.")
    page = parse(officer.client.get(EDIT))
    assert not [b for b in page.select("button") if text(b).startswith("Delete")]
