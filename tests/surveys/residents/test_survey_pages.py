"""Residents answering a survey on its web pages: one page at a time, errors in GOV.UK wording,
questions shown only when they apply, check your answers, the receipt and deleting answers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyAnswer, SurveyResponse
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import (
    ANSWERS,
    HEATHFIELD,
    START,
    errors_on,
    inline_errors,
    open_example_survey,
    receipt_code,
)


def stored(app):
    """Return [(response, {question: [values]})] for every stored response."""
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        responses = session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)).all()
        answers = session.execute(
            select(
                SurveyAnswer.response_id, SurveyAnswer.question_key, SurveyAnswer.value
            ).order_by(SurveyAnswer.id)
        ).all()
    by_response = {}
    for response_id, key, value in answers:
        by_response.setdefault(response_id, {}).setdefault(key, []).append(value)
    return [(r, by_response.get(r.id, {})) for r in responses]


def test_the_start_page_explains_the_survey_and_how_answers_are_used(visitor):
    page = parse(visitor.client.get(START))

    assert text(page.select_one("h1")) == "Our draft priorities for a fairer city"
    assert "Comments are kept for one year" in text(page.select_one("#privacy-notice"))
    start = page.select_one("a.govuk-button--start")
    assert text(start) == "Start now" and start["href"] == f"{START}/1"


def test_a_page_sent_empty_shows_each_error_in_the_summary_and_beside_its_question(visitor):
    response = visitor.answer(1, {})

    assert response.status_code == 200
    page = parse(response)
    assert text(page.select_one("title")).startswith("Error: ")
    assert errors_on(response) == [
        "Select how much you agree with priority 1",
        "Select how much you agree with priority 2",
        "Select how much you agree with priority 3",
    ]
    assert [a["href"] for a in page.select(".govuk-error-summary__list a")] == [
        "#priority_1",
        "#priority_2",
        "#priority_3",
    ]
    assert all(
        page.select_one(f"input#{key}") for key in ("priority_1", "priority_2", "priority_3")
    )
    assert inline_errors(response) == [
        "Select how much you agree with priority 1",
        "Select how much you agree with priority 2",
        "Select how much you agree with priority 3",
    ]
    legends = [text(legend) for legend in page.select("fieldset legend")]
    assert legends[0].startswith("Priority 1: help people keep more of their money")


def test_every_equality_question_offers_prefer_not_to_say(visitor):
    visitor.answer_all()

    page = parse(visitor.client.get(f"{START}/5"))

    for key in ("age_band", "sex", "disability", "ethnicity"):
        labels = [text(label) for label in page.select(f"input[name={key}] + label")]
        assert labels[-1] == "Prefer not to say", key


def test_answers_are_kept_between_pages_and_shown_again(visitor):
    visitor.answer(1)

    page = parse(visitor.client.get(f"{START}/1"))

    assert page.select_one("input[name=priority_2][value=strongly_agree]").has_attr("checked")
    assert (
        parse(visitor.client.get(f"{START}/2")).select_one("a.govuk-back-link")["href"]
        == f"{START}/1"
    )


def test_a_question_for_people_who_had_not_taken_part_is_asked_only_of_them(visitor):
    visitor.answer(1)
    visitor.answer(2, {**ANSWERS[2], "heard_before": "yes"})
    without = parse(visitor.client.get(f"{START}/3"))
    visitor.answer(2, {**ANSWERS[2], "heard_before": "no"})
    with_it = parse(visitor.client.get(f"{START}/3"))

    assert not without.select("input[name=why_not_before]")
    assert [text(legend) for legend in with_it.select("legend")] == [
        "What made it hard to take part before? (optional)"
    ]


def test_an_answer_to_a_question_no_longer_asked_is_dropped(visitor, survey_app):
    visitor.answer_all(
        {2: {**ANSWERS[2], "heard_before": "no"}, 3: {"why_not_before": "i_did_not_have_time"}}
    )
    visitor.answer(2, {**ANSWERS[2], "heard_before": "yes"})

    check = parse(visitor.check_answers_page())
    visitor.send()

    assert "What made it hard to take part before?" not in text(check)
    assert "why_not_before" not in stored(survey_app)[0][1]


def test_a_ranking_is_stored_in_the_order_given(visitor, survey_app):
    visitor.complete(
        {
            2: {
                "top_issues": ["housing", "transport"],
                "top_issues-order": ["transport", "housing"],
                "heard_before": "yes",
            }
        }
    )

    assert stored(survey_app)[0][1]["top_issues"] == ["transport", "housing"]


def test_the_comment_box_says_its_limit_without_javascript(visitor):
    visitor.answer(1)
    visitor.answer(2)

    page = parse(visitor.client.get(f"{START}/3"))

    assert text(page.select_one("#comments-info")) == "You can enter up to 2,000 characters"
    assert page.select_one("textarea#comments")["aria-describedby"].split()[0] == "comments-info"


def test_check_your_answers_lists_every_answer_with_a_change_link(visitor):
    visitor.answer_all()

    page = parse(visitor.check_answers_page())
    rows = {
        text(r.select_one("dt")): text(r.select_one("dd"))
        for r in page.select(".govuk-summary-list__row")
    }

    assert (
        rows["If you were in charge of your area, what would matter most?"]
        == "1st: Housing 2nd: Transport"
    )
    assert rows["Which neighbourhood do you live or work in?"] == "Heathfield & Priory Park"
    assert rows["What is your age?"] == "Not answered"
    change = page.select_one(".govuk-summary-list__row a")
    assert change["href"] == f"{START}/1?change=1#priority_1"
    assert text(change).startswith("Change")


def test_changing_an_answer_returns_to_check_your_answers(visitor):
    visitor.answer_all()

    response = visitor.post(f"{START}/1?change=1", {**ANSWERS[1], "priority_3": "agree"})

    assert response.location == f"{START}/check-answers"


def test_sending_stores_one_web_response_and_shows_the_receipt_and_how_to_erase(
    visitor, survey_app
):
    visitor.answer_all()
    sent = visitor.send()

    assert sent.status_code == 303 and sent.location == f"{START}/done"
    done = visitor.client.get(sent.location)
    page = parse(done)
    assert text(page.select_one(".govuk-panel__title")) == "Your answers have been sent"
    [(response, answers)] = stored(survey_app)
    assert receipt_code(done) == response.receipt_code
    assert (
        response.channel == "web"
        and response.entered_by is None
        and response.area_code == HEATHFIELD
    )
    assert answers["priority_2"] == ["strongly_agree"] and answers["comments"] == [
        "More buses in the evening, please."
    ]
    assert page.select_one(f"a[href='{START}/erase']")
    assert (
        visitor.client.get(f"{START}/check-answers").location == f"{START}/1"
    )  # nothing kept after sending


def test_the_neighbourhood_list_is_the_councils_areas(visitor):
    visitor.answer(1), visitor.answer(2), visitor.answer(3)

    page = parse(visitor.client.get(f"{START}/4"))
    options = {text(o): o["value"] for o in page.select("select#neighbourhood option")}

    assert options["Heathfield & Priory Park"] == HEATHFIELD
    assert not page.select("input[name=neighbourhood-typed]")  # one way to answer, not two


def test_erasing_with_the_receipt_code_deletes_the_answers(visitor, survey_app):
    code = visitor.complete()

    response = visitor.post(f"{START}/erase", {"receipt_code": code.lower().replace("-", " ")})

    assert response.status_code == 303
    page = parse(visitor.client.get(response.location))
    assert text(page.select_one(".govuk-panel__title")) == "Your answers have been deleted"
    assert code in text(page.select_one(".govuk-panel"))
    assert stored(survey_app) == []


@pytest.mark.parametrize(
    "typed, error",
    [
        ("", "Enter your receipt code"),
        ("banana", "Enter your receipt code in the right format, like FP-7K3M-Q9XD"),
        ("FP-2222-2222", "There are no answers with this receipt code – check it and try again"),
    ],
)
def test_erasing_with_a_wrong_code_says_what_is_wrong(visitor, typed, error):
    response = visitor.post(f"{START}/erase", {"receipt_code": typed})

    assert response.status_code == 200
    assert errors_on(response) == [error] and inline_errors(response) == [error]
    assert parse(response).select_one(".govuk-error-summary__list a")["href"] == "#receipt_code"


def test_a_closed_survey_says_so_and_offers_no_form(app_factory, sample_url):
    open_example_survey(sample_url, opens=-60, closes=-1)
    client = app_factory(sample_url).test_client()

    for path in (START, f"{START}/1", f"{START}/check-answers"):
        response = client.get(path)
        assert response.status_code == 410, path
        page = parse(response)
        assert text(page.select_one("h1")) == "This survey has closed"
        assert not page.select("main form")
    assert client.post(START, data={}).status_code in (
        400,
        410,
    )  # no CSRF token: refused either way


def test_a_survey_not_open_yet_says_when_it_opens(app_factory, sample_url):
    open_example_survey(sample_url, opens=3, closes=30)
    client = app_factory(sample_url).test_client()

    response = client.get(f"{START}/1")

    assert response.status_code == 200
    page = parse(response)
    assert text(page.select_one("h1")) == "This survey is not open yet"
    assert "It opens on" in text(page.select_one("main")) and not page.select("main form")


@pytest.mark.parametrize(
    "path",
    [
        "/s/no-such-survey",
        "/s/no-such-survey/1",
        "/s/no-such-survey/results",
        "/s/no-such-survey/erase",
        f"{START}/99",
        "/s/" + "x" * 500,
    ],
)
def test_an_unknown_survey_or_page_is_not_found(visitor, path):
    response = visitor.client.get(path)

    assert response.status_code == 404
    assert text(parse(response).select_one("h1")) == "Page not found"


def test_the_front_page_lists_open_surveys(visitor):
    page = parse(visitor.client.get("/"))

    link = page.select_one("#open-surveys a")
    assert text(link) == "Our draft priorities for a fairer city" and link["href"] == START
