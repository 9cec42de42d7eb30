"""Keyword-only helpers that create surveys and responses for tests (Notify-style factories)."""

from __future__ import annotations

from pathlib import Path

from engagement.surveys.answers import check_answers
from engagement.surveys.store import find_survey, load_survey, prepare_response, store_responses

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "surveys" / "draft-priorities.yml"


def create_example_survey(session):
    """Load the example survey; return (survey, definition)."""
    load_survey(session, EXAMPLE)
    return find_survey(session, "draft-priorities")


def create_response(
    session,
    *,
    survey,
    definition,
    priority_1="agree",
    priority_2="agree",
    priority_3="agree",
    respondent_type="resident",
    neighbourhood=None,
    comments=None,
    token=None,
    **more,
):
    """Check and store one response to the example survey; return its Receipt."""
    given = {
        "priority_1": priority_1,
        "priority_2": priority_2,
        "priority_3": priority_3,
        "top_issues": more.pop("top_issues", ["cost_of_living", "housing", "jobs_and_skills"]),
        "heard_before": more.pop("heard_before", "yes"),
        "respondent_type": respondent_type,
        "neighbourhood": neighbourhood,
        "comments": comments,
        **more,
    }
    checked = check_answers(definition, given)
    assert checked.ok, checked.errors
    prepared = prepare_response(
        session, survey, definition, checked.answers, submission_token=token
    )
    return store_responses(session.connection(), [prepared])[0]
