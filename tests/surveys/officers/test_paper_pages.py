"""Officers entering paper responses: one form at a time on the residents' own pages, or a CSV."""

from __future__ import annotations

import io

import pytest

from tests.officer_fixtures import OFFICER_USER_ID, sign_in
from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import (
    SLUG,
    Visitor,
    errors_on,
    inline_errors,
    open_example_survey,
    receipt_code,
)

PAPER = f"/officers/surveys/{SLUG}/paper"
GOOD_CSV = (
    "priority_1,priority_2,priority_3,top_issues,heard_before,respondent_type,comments\n"
    "Strongly agree,Agree,Disagree,Housing;Transport,No,A resident,Damp in the flats\n"
    "agree,agree,dont_know,cost_of_living,yes,business,\n"
)


@pytest.fixture
def officer(app_factory, sample_url):
    """An officer's browser on the app, with the example survey closed (paper forms come in
    late)."""
    open_example_survey(sample_url, opens=-60, closes=-1)
    client = app_factory(sample_url).test_client()
    sign_in(client)
    return Visitor(client, start=PAPER, form_page="/upload")


def upload(officer, content: str | bytes, name: str = "paper.csv"):
    data = content.encode() if isinstance(content, str) else content
    return officer.post(
        f"{PAPER}/upload",
        {"responses_file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_paper_form_is_typed_in_on_the_same_pages_and_recorded_as_the_officers(officer):
    start = parse(officer.client.get(PAPER))
    assert text(start.select_one("h1")) == "Enter paper responses"
    assert start.select_one("a.govuk-button")["href"] == f"{PAPER}/1"

    empty = officer.answer(1, {})
    officer.answer_all()
    check = parse(officer.check_answers_page())
    sent = officer.send()
    saved = officer.client.get(sent.location)

    assert errors_on(empty) == [
        "Select how much you agree with priority 1",
        "Select how much you agree with priority 2",
        "Select how much you agree with priority 3",
    ]
    assert text(check.select_one("h1")) == "Check the answers from the paper form"
    assert not check.select("input[name=website]")
    assert sent.location == f"{PAPER}/saved"
    assert text(parse(saved).select_one(".govuk-panel__title")) == "Paper response saved"
    [(response, answers)] = stored(officer.client.application)
    assert receipt_code(saved) == response.receipt_code
    assert (response.channel, response.entered_by) == ("paper", OFFICER_USER_ID)
    assert answers["priority_2"] == ["strongly_agree"]


def test_a_csv_of_paper_responses_is_imported_and_attributed(officer):
    response = upload(officer, GOOD_CSV)

    assert response.status_code == 303 and response.location == PAPER
    banner = parse(officer.client.get(PAPER)).select_one(".govuk-notification-banner")
    assert "2 paper responses imported from paper.csv" in text(banner)
    rows = stored(officer.client.application)
    assert [(r.channel, r.entered_by) for r, _a in rows] == [("paper", OFFICER_USER_ID)] * 2
    assert rows[0][1]["top_issues"] == ["housing", "transport"]


@pytest.mark.parametrize(
    "content, name, error",
    [
        (
            GOOD_CSV + "Agree,Agree,Maybe,Housing,Yes,A resident,\n",
            "bad.csv",
            "bad.csv, line 4, column 'priority_3': Select an answer from the list",
        ),
        (
            "priority_1,favourite_colour\nAgree,Blue\n",
            "extra.csv",
            "extra.csv, line 1, column 'favourite_colour': "
            "not a question of the survey 'draft-priorities'",
        ),
        (
            b"\xff\xfe\x00bad",
            "binary.csv",
            "binary.csv: the file is not UTF-8 text; save it as 'CSV UTF-8' and try again",
        ),
        (GOOD_CSV, "paper.xlsx", "The selected file must be a CSV"),
    ],
)
def test_a_bad_csv_names_the_line_and_column_and_stores_nothing(officer, content, name, error):
    response = upload(officer, content, name)

    assert response.status_code == 200
    assert errors_on(response) == [error] and inline_errors(response) == [error]
    assert stored(officer.client.application) == []


def test_an_upload_without_a_file_asks_for_one(officer):
    response = officer.post(f"{PAPER}/upload", {}, content_type="multipart/form-data")

    assert errors_on(response) == ["Select a CSV file of paper responses"]


def test_the_upload_page_lists_the_columns(officer):
    page = parse(officer.client.get(f"{PAPER}/upload"))

    columns = [text(li) for li in page.select("#csv-columns li")]
    assert columns[:3] == ["priority_1", "priority_2", "priority_3"] and "neighbourhood" in columns
