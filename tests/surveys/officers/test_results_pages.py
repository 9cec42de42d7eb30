"""Survey results: every figure for officers, with groups and exports; the public page suppressed,
without free text except quotes officers redacted and published."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from sqlalchemy import select

from engagement.areas.custom import load_custom_areas
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import CommentCoding, SurveyAnswer
from tests.engagement.survey_factories import create_response
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import HEATHFIELD, SLUG, open_example_survey

HOSTILE = "<script>alert('x')</script> My neighbour at 12 Acacia Avenue =HYPERLINK(\"http://evil\")"
OFFICER_PAGE = f"/officers/surveys/{SLUG}"
PUBLIC_PAGE = f"/s/{SLUG}/results"


def respond(url: str, count: int, **answers) -> None:
    with session_scope(engine_for(url)) as session:
        survey, definition = find_survey(session, SLUG)
        for _ in range(count):
            create_response(session, survey=survey, definition=definition, **answers)


@pytest.fixture
def results_app(app_factory, sample_url, tmp_path):
    """41 responses: 25 residents of Heathfield who agree, 12 businesses who disagree, 4
    councillors, one hostile comment; Heathfield is a target area."""
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-heathfield\n    name: Heathfield target area\n"
        "    local_authority: E06999999\n    members: [E02900001]\n"
    )
    with session_scope(engine_for(sample_url)) as session:
        load_custom_areas(session, areas)
    open_example_survey(sample_url)
    respond(sample_url, 24, neighbourhood=HEATHFIELD)
    respond(sample_url, 1, neighbourhood=HEATHFIELD, comments=HOSTILE)
    respond(
        sample_url,
        12,
        respondent_type="business",
        priority_1="disagree",
        top_issues=["jobs_and_skills", "housing"],
        heard_before="no",
        why_not_before=["i_did_not_have_time"],
    )
    respond(sample_url, 4, respondent_type="councillor", priority_1="dont_know")
    return app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999")


@pytest.fixture
def officer_browser(results_app):
    client = results_app.test_client()
    sign_in(client)
    return client


def table(page, table_id: str) -> dict[str, list[str]]:
    """Return a results table as {row heading: [cells]}."""
    rows = page.select(f"table#{table_id} tbody tr")
    return {text(r.select_one("th")): [text(td) for td in r.select("td")] for r in rows}


def test_officers_see_agreement_with_its_interval_and_the_distribution(officer_browser):
    page = parse(officer_browser.get(OFFICER_PAGE))
    first = page.select_one("#question-priority_1")

    # 25 of 37 who gave a view agree: Wilson 95% CI 51.46% to 80.37%, rounded once to whole numbers
    # (rounding to 51.5 first, then to a whole number, would wrongly show 52%).
    assert text(first.select_one(".agreement")) == "68% agree (95% CI 51% to 80%)"
    assert "From 37 people who gave a view" in text(first.select_one(".base"))
    distribution = table(page, "answers-priority_1")
    assert distribution["Agree"] == ["25", "61%"] and distribution["Don't know"] == ["4", "10%"]
    assert (
        "fairer-bar__fill--68" in first.select_one(".fairer-bar__fill")["class"]
    )  # 67.6%, to the whole percent
    assert page.select_one("#survey-facts").get_text().count("41") == 1


def test_officers_filter_agreement_by_group_with_small_groups_hidden(officer_browser):
    page = parse(officer_browser.get(f"{OFFICER_PAGE}?by=respondent_type"))

    groups = table(page, "groups-priority_1")
    assert groups["A resident Small base"] == ["25", "100% agree (95% CI 87% to 100%)"]
    assert groups["A business Small base"] == ["12", "0% agree (95% CI 0% to 24%)"]
    assert groups["A councillor Suppressed"] == ["[c] fewer than 10 responses", "Not shown"]
    by_area = table(
        parse(officer_browser.get(f"{OFFICER_PAGE}?by=neighbourhood")), "groups-priority_1"
    )
    assert by_area == {
        "Heathfield & Priory Park Small base": ["25", "100% agree (95% CI 87% to 100%)"]
    }
    assert (
        parse(officer_browser.get(f"{OFFICER_PAGE}?by=<script>")).select("table#groups-priority_1")
        == []
    )


def test_officers_see_rankings_choices_comments_and_who_was_heard(officer_browser):
    page = parse(officer_browser.get(OFFICER_PAGE))

    ranking = table(page, "ranking-top_issues")
    assert list(ranking)[:2] == ["Cost of living", "Jobs and skills"]
    assert ranking["Cost of living"][0] == "71%"
    assert table(page, "choices-why_not_before")["I did not have time"] == ["12", "29%"]
    assert table(page, "sentiment") and "1 comments" in text(page.select_one("#comments"))
    heard = table(page, "heard")
    assert heard["Heathfield target area Target area"][0] == "25"
    assert any(cells[0] == "fewer than 10" or cells[0] == "0" for cells in heard.values())
    assert table(page, "deciles")
    links = {text(a): a["href"] for a in page.select("#survey-links a")}
    assert links["Download every response (CSV)"] == f"{OFFICER_PAGE}/export.csv"


def test_hostile_text_never_reaches_a_results_page_unescaped(officer_browser, results_app):
    for path in (OFFICER_PAGE, PUBLIC_PAGE):
        html = officer_browser.get(path).get_data(as_text=True)
        assert "<script>alert" not in html, path
        assert "Acacia Avenue" not in html, path  # comments are summarised, never listed


def test_the_public_page_hides_small_numbers_and_all_comments(results_app):
    page = parse(results_app.test_client().get(PUBLIC_PAGE))

    assert text(page.select_one("#response-count")).startswith("41 responses so far")
    distribution = table(page, "answers-priority_1")
    assert distribution["Agree"] == ["25", "61%"]
    assert distribution["Don't know"] == ["[c] fewer than 10 responses", ""]
    # Nobody strongly agreed: a true zero is shown, never called "fewer than 10".
    assert distribution["Strongly agree"] == ["0", "0%"]
    # 41 answered, so "… from 37 who gave a view" would give back the 4 "don't know".
    assert text(page.select_one("#question-priority_1 .agreement")) == "[c] to protect another cell"
    assert "37" not in text(page.select_one("#question-priority_1 .base"))
    assert "why_not_before" not in str(page.select("#quotes"))
    assert not page.select("#quotes")
    assert "Acacia" not in text(page)


def test_the_public_page_shows_only_published_redacted_quotes(results_app):
    with session_scope(engine_for(results_app.config["DATABASE_URL"])) as session:
        coding = session.scalars(
            select(CommentCoding).join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        ).one()
        coding.publish_quote = True
        coding.redacted_text = "<b>My neighbour</b> at [address removed] =1+1"

    page = parse(results_app.test_client().get(PUBLIC_PAGE))

    quotes = [text(q) for q in page.select("#quotes .govuk-inset-text")]
    assert quotes == ["<b>My neighbour</b> at [address removed] =1+1"]
    assert not page.select("#quotes b") and "Acacia" not in text(page)


def test_the_public_page_waits_for_ten_responses(app_factory, sample_url):
    open_example_survey(sample_url)
    respond(sample_url, 9)

    page = parse(app_factory(sample_url).test_client().get(PUBLIC_PAGE))

    assert "at least 10 people" in text(page.select_one("#not-enough"))
    assert not page.select("#question-priority_1")


def test_the_csv_export_has_the_promised_columns_and_is_safe_in_a_spreadsheet(officer_browser):
    response = officer_browser.get(f"{OFFICER_PAGE}/export.csv")

    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith(
        f'attachment; filename="{SLUG}-responses-'
    )
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert len(rows) == 41
    columns = list(rows[0])
    assert columns[:4] == ["receipt_code", "channel", "submitted_at", "area_code"]
    assert {"priority_1", "priority_2", "priority_3", "respondent_type", "neighbourhood"} <= set(
        columns
    )
    assert columns.index("comments_sentiment") == columns.index("comments") + 1
    assert columns.index("comments_themes") == columns.index("comments") + 2
    assert "why_not_before: I did not have time" in columns
    hostile = next(r for r in rows if r["comments"])
    assert hostile["comments"] == HOSTILE  # starts with "<": nothing a spreadsheet would run
    assert {r["comments_sentiment"] for r in rows if r["comments"]} <= {
        "positive",
        "neutral",
        "negative",
    }


def test_the_xlsx_export_is_ready_for_an_analyst(officer_browser):
    csv_columns = next(
        csv.reader(
            io.StringIO(
                officer_browser.get(f"{OFFICER_PAGE}/export.csv").get_data().decode("utf-8-sig")
            )
        )
    )
    response = officer_browser.get(f"{OFFICER_PAGE}/export.xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet, codebook = workbook["Responses"], workbook["Codebook"]
    headers = [cell.value for cell in sheet[1]]
    book = [[cell.value for cell in row] for row in codebook.iter_rows(min_row=2)]
    # The questions' text heads the columns; the codebook gives each one's CSV key, in order.
    assert [key for key, _question, _options in book] == csv_columns
    assert headers == [question for _key, question, _options in book]
    assert "Receipt code" in headers and "receipt_code" not in headers
    assert any(h.startswith("Priority 1: help people keep more of their money") for h in headers)
    assert sheet.max_row == 42
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    sent = headers.index("Sent")
    assert all(isinstance(row[sent].value, datetime) for row in sheet.iter_rows(min_row=2))
    assert not any(
        isinstance(c.value, str) and c.value.startswith("'") for r in sheet.iter_rows() for c in r
    )


def test_csv_times_carry_their_zone(officer_browser):
    data = officer_browser.get(f"{OFFICER_PAGE}/export.csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert rows and all(datetime.fromisoformat(r["submitted_at"]).tzinfo for r in rows)


def test_the_officers_list_of_surveys(officer_browser):
    page = parse(officer_browser.get("/officers/surveys"))

    [row] = page.select("table#surveys tbody tr")
    assert [text(cell) for cell in row.select("th, td")] == [
        "Our draft priorities for a fairer city",
        "Open",
        "41",
    ]
    assert "Surveys" in [
        text(a) for a in parse(officer_browser.get("/officers")).select("#officer-pages a")
    ]
