"""Admins upload local outcome indicators on /officers/indicators: all rows or none."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from storage import session_scope
from storage.db import engine_for
from storage.indicator_models import IndicatorValue
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import Visitor

PAGE = "/officers/indicators"
GOOD = (
    "area_code,indicator,period,value,lower_ci,upper_ci,polarity\n"
    "E06999999,Fuel poverty (%),2021,14.6,14.1,15.1,lower\n"
    "E06999999,Fuel poverty (%),2022,15.0,,,lower\n"
)


@pytest.fixture
def admin(slack_app):
    client = slack_app.test_client()
    sign_in(client, admin=True)
    return Visitor(client, start=PAGE, form_page="")


def stored_values(app) -> int:
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        return session.scalar(select(func.count()).select_from(IndicatorValue))


def upload(admin, content: str, name: str = "indicators.csv"):
    return admin.post(
        PAGE,
        {"indicators_file": (io.BytesIO(content.encode()), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_officers_who_are_not_admins_cannot_upload(slack_app):
    client = slack_app.test_client()
    sign_in(client)

    assert client.get(PAGE).status_code == 403


def test_the_page_explains_the_columns(admin):
    page = parse(admin.client.get(PAGE))

    assert text(page.select_one("h1")) == "Upload outcome indicators"
    columns = [text(li) for li in page.select("#csv-columns li")]
    assert columns[:4] == ["area_code", "indicator", "period", "value"]


def test_a_good_file_is_imported_and_the_count_shown(admin, slack_app):
    before = stored_values(slack_app)

    page = parse(upload(admin, GOOD))

    assert text(page.select_one("#imported")).endswith(
        "2 values of 1 indicator imported from indicators.csv"
    )
    assert page.select_one(".govuk-error-summary") is None
    assert stored_values(slack_app) == before + 2


def test_a_bad_row_is_named_and_nothing_is_stored(admin, slack_app):
    before = stored_values(slack_app)
    bad = GOOD + "E06999999,Fuel poverty (%),2023,lots,,,lower\n"

    response = upload(admin, bad)

    page = parse(response)
    assert response.status_code == 400
    assert text(page.select_one("title")).startswith("Error: ")
    summary = text(page.select_one(".govuk-error-summary"))
    assert (
        "indicators.csv: 1 bad row(s), nothing imported: "
        "line 4, column 'value': 'lots' is not a number" in summary
    )
    assert page.select_one(".govuk-error-message") is not None
    assert stored_values(slack_app) == before


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (None, None, "Select a CSV file of indicator values"),
        (GOOD, "indicators.xlsx", "The selected file must be a CSV"),
        (
            "place,number\nx,1\n",
            "indicators.csv",
            "indicators.csv, line 1: no column 'area_code' in the header row",
        ),
    ],
)
def test_missing_or_wrong_files_are_refused(admin, content, name, error):
    if content is None:
        response = admin.post(PAGE, {}, content_type="multipart/form-data")
    else:
        response = upload(admin, content, name)

    assert text(parse(response).select_one(".govuk-error-summary__list")) == error


def test_hostile_text_in_a_bad_row_is_escaped(admin):
    response = upload(
        admin, "area_code,indicator,period,value\n<script>alert(1)</script>,x,2021,1\n"
    )

    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert "<script>alert(1)</script>" in text(parse(response).select_one(".govuk-error-summary"))
