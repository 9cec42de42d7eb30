"""Exports an analyst can use at once (issue 15): blanks where a question was never shown,
headers before any response, formulas kept as text, times with their zone."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl

from engagement.surveys.export import export_bytes, responses_table
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from tests.engagement.survey_factories import create_response
from tests.surveys.survey_helpers import SLUG, open_example_survey

HARD = "why_not_before: I did not know about it"  # shown only to those who had not taken part


def _export(url: str, fmt: str):
    with session_scope(engine_for(url)) as session:
        return export_bytes(responses_table(session, SLUG), fmt)


def test_a_question_never_shown_is_blank_and_one_shown_but_not_chosen_is_0(sample_url):
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SLUG)
        create_response(session, survey=survey, definition=definition, heard_before="yes")
        create_response(
            session, survey=survey, definition=definition, heard_before="no", why_not_before=[]
        )

    rows = list(csv.DictReader(io.StringIO(_export(sample_url, "csv").decode("utf-8-sig"))))

    assert [r[HARD] for r in rows] == ["", "0"]
    assert all(datetime.fromisoformat(r["submitted_at"]).utcoffset() is not None for r in rows)


def test_columns_are_there_before_anyone_answers(sample_url):
    open_example_survey(sample_url)

    header = next(csv.reader(io.StringIO(_export(sample_url, "csv").decode("utf-8-sig"))))
    workbook = openpyxl.load_workbook(io.BytesIO(_export(sample_url, "xlsx")))

    assert header[:5] == ["receipt_code", "channel", "submitted_at", "area_code", "language"]
    assert "comments_sentiment" in header and HARD in header
    assert workbook["Responses"].max_row == 1
    assert workbook["Responses"]["A1"].value == "Receipt code"


def test_a_comment_that_looks_like_a_formula_stays_text_without_a_visible_apostrophe(sample_url):
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SLUG)
        create_response(session, survey=survey, definition=definition, comments="=1+1 is my view")

    workbook = openpyxl.load_workbook(io.BytesIO(_export(sample_url, "xlsx")))
    sheet = workbook["Responses"]
    prompt = "Is there anything else you want to tell us about these priorities?"
    column = [c.value for c in sheet[1]].index(prompt)
    cell = sheet.cell(row=2, column=column + 1)
    rows = list(csv.DictReader(io.StringIO(_export(sample_url, "csv").decode("utf-8-sig"))))

    assert cell.value == "=1+1 is my view" and cell.data_type == "s"
    assert rows[0]["comments"] == "'=1+1 is my view"  # CSV: neutralised for spreadsheets
