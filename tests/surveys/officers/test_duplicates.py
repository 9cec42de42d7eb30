"""Likely duplicates (identical answers and comment within 10 minutes) are flagged for officers,
who can exclude one with a reason; summaries leave it out and say how many were left out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from engagement.surveys.representation import counts_by_code as responses_by_area
from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from surveys.residents.survey_guard import reset_rate_limits
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import ANSWERS, SLUG, Visitor, open_example_survey

RESULTS = f"/officers/surveys/{SLUG}"
OTHER = {**ANSWERS[1], "priority_1": "disagree"}


def _respond(app, changes=None) -> str:
    return Visitor(app.test_client()).complete(changes)


def _responses(url):
    with session_scope(engine_for(url)) as session:
        return {r.receipt_code: r for r in session.scalars(select(SurveyResponse).order_by("id"))}


def _agree_with_priority_1(url) -> int:
    with session_scope(engine_for(url)) as session:
        summary = summarise_survey(session, SLUG)
    [question] = [q for q in summary.questions if q.key == "priority_1"]
    return question.counts["agree"], summary


def _setup(slack_app, sample_url):
    reset_rate_limits()
    open_example_survey(sample_url)
    twins = [_respond(slack_app), _respond(slack_app)]
    different = _respond(slack_app, {1: OTHER})
    return twins, different


def test_identical_responses_within_ten_minutes_are_flagged(slack_app, sample_url, officer_client):
    twins, different = _setup(slack_app, sample_url)

    page = parse(officer_client.get(RESULTS))

    [group] = page.select("#duplicates table.duplicate-group")
    assert {text(row.select_one("td")) for row in group.select("tbody tr")} == set(twins)
    assert different not in text(page.select_one("#duplicates"))


def test_the_same_answers_more_than_ten_minutes_apart_are_not_flagged(
    slack_app, sample_url, officer_client
):
    twins, _different = _setup(slack_app, sample_url)
    with session_scope(engine_for(sample_url)) as session:
        first = session.scalar(
            select(SurveyResponse).where(SurveyResponse.receipt_code == twins[0])
        )
        session.execute(
            update(SurveyResponse)
            .where(SurveyResponse.id == first.id)
            .values(submitted_at=first.submitted_at - timedelta(minutes=11))
        )

    page = parse(officer_client.get(RESULTS))

    assert page.select("#duplicates table.duplicate-group") == []


def test_an_officer_excludes_one_with_a_reason_and_the_summary_says_so(
    slack_app, sample_url, officer_client
):
    twins, _different = _setup(slack_app, sample_url)
    agree_before, summary = _agree_with_priority_1(sample_url)
    assert (agree_before, summary.responses, summary.excluded) == (2, 3, 0)
    page = parse(officer_client.get(RESULTS))
    twin = _responses(sample_url)[twins[1]]
    form = page.select_one(f"#response-{twin.id} form")

    sent = officer_client.post(
        form["action"],
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "reason": "Sent twice by the same resident, 40 seconds apart",
        },
    )

    assert sent.status_code == 303
    excluded = _responses(sample_url)[twins[1]]
    assert excluded.excluded_reason == "Sent twice by the same resident, 40 seconds apart"
    assert excluded.excluded_at is not None and excluded.excluded_by
    agree_after, summary = _agree_with_priority_1(sample_url)
    assert (agree_after, summary.responses, summary.excluded) == (1, 2, 1)
    assert summary.comments.n == 2
    assert summary.excluded_words == "1 response excluded as likely duplicates"
    # Who was heard counts the same two: every response is placed in an area or not placed.
    with session_scope(engine_for(sample_url)) as session:
        survey_id = _responses(sample_url)[twins[0]].survey_id
        placed_or_not = sum(responses_by_area(session, survey_id).values())
    assert placed_or_not == 2
    page = parse(officer_client.get(RESULTS))
    assert "1 response excluded as likely duplicates" in text(page.select_one("#survey-facts"))
    assert "Excluded" in text(page.select_one(f"#response-{twin.id}"))


def test_two_excluded_are_counted_in_words(slack_app, sample_url, officer_client):
    reset_rate_limits()
    open_example_survey(sample_url)
    codes = [_respond(slack_app) for _ in range(3)]
    page = parse(officer_client.get(RESULTS))
    csrf = page.select_one("#duplicates input[name=csrf_token]")["value"]
    responses = _responses(sample_url)
    for code in codes[1:]:
        action = f"{RESULTS}/responses/{responses[code].id}/exclude"
        sent = officer_client.post(action, data={"csrf_token": csrf, "reason": "Repeat"})
        assert sent.status_code == 303

    _agree, summary = _agree_with_priority_1(sample_url)
    assert summary.excluded_words == "2 responses excluded as likely duplicates"
    assert summary.responses == 1


def test_an_exclusion_needs_a_reason_and_a_csrf_token(slack_app, sample_url, officer_client):
    twins, _different = _setup(slack_app, sample_url)
    twin = _responses(sample_url)[twins[1]]
    page = parse(officer_client.get(RESULTS))
    csrf = page.select_one("#duplicates input[name=csrf_token]")["value"]
    action = f"{RESULTS}/responses/{twin.id}/exclude"

    blank = officer_client.post(action, data={"csrf_token": csrf, "reason": "  "})
    forged = officer_client.post(action, data={"reason": "No token"})

    assert blank.status_code == 400
    assert "Enter why this response is excluded" in text(parse(blank).select_one("#duplicates"))
    assert forged.status_code == 400
    assert _responses(sample_url)[twins[1]].excluded_at is None


def test_residents_cannot_exclude_responses(slack_app, sample_url):
    twins, _different = _setup(slack_app, sample_url)
    twin = _responses(sample_url)[twins[1]]
    resident = Visitor(slack_app.test_client())
    sent = resident.post(f"{RESULTS}/responses/{twin.id}/exclude", {"reason": "mine"})
    assert sent.status_code == 401
    assert _responses(sample_url)[twins[1]].excluded_at is None
