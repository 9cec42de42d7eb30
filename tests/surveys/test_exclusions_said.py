"""Responses officers excluded as likely duplicates are left out of the public results, `/survey`
and the export, and each says how many were left out; where none were, none says anything."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
from click.testing import CliRunner

from bot.cli.main import main
from engagement.surveys.duplicates import exclude_response
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from tests.engagement.survey_factories import create_response
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import SLUG, open_example_survey

WORDS = "excluded as likely duplicates"


def _responses(url: str, count: int, excluded: int) -> list[str]:
    """Store count responses, the last `excluded` of them excluded by an officer; return the
    receipt codes, oldest first."""
    open_example_survey(url)
    with session_scope(engine_for(url)) as session:
        survey, definition = find_survey(session, SLUG)
        codes = [
            create_response(session, survey=survey, definition=definition, comments=f"c{n}").code
            for n in range(count)
        ]
    with session_scope(engine_for(url)) as session:
        rows = session.query(SurveyResponse).order_by(SurveyResponse.id).all()
        for row in rows[count - excluded :]:
            assert exclude_response(session, row.survey_id, row.id, "Sent twice", "U0ADMIN001")
    return codes


def test_the_public_results_say_how_many_were_excluded(slack_app, sample_url):
    _responses(sample_url, 15, 3)

    page = parse(slack_app.test_client().get(f"/s/{SLUG}/results"))

    said = text(page.select_one("#response-count"))
    assert said.startswith("12 responses so far.")
    assert "3 responses excluded as likely duplicates, left out of every figure" in said


def test_one_excluded_is_said_in_the_singular(slack_app, sample_url):
    _responses(sample_url, 12, 1)

    page = parse(slack_app.test_client().get(f"/s/{SLUG}/results"))

    assert "1 response excluded as likely duplicates" in text(page.select_one("#response-count"))


def test_survey_in_slack_says_how_many_were_excluded(slack, sample_url):
    _responses(sample_url, 15, 3)

    reply = slack.command("/survey", "draft priorities").get_json()

    assert "12 respondents (3 responses excluded as likely duplicates)" in reply["text"]
    assert "12 respondents (3 responses excluded as likely duplicates)" in json.dumps(
        reply["blocks"]
    )


def test_where_none_were_excluded_nothing_is_said(slack, slack_app, sample_url):
    _responses(sample_url, 12, 0)

    reply = slack.command("/survey", "draft priorities").get_json()
    page = slack_app.test_client().get(f"/s/{SLUG}/results").get_data(as_text=True)

    assert WORDS not in json.dumps(reply) and "excluded as" not in page
    assert "12 respondents" in reply["text"]


def _cli(monkeypatch, url: str, *args: str):
    monkeypatch.setenv("DATABASE_URL", url)
    return CliRunner().invoke(main, ["survey", "export", SLUG, *args])


def test_the_export_leaves_excluded_responses_out_and_says_so(monkeypatch, sample_url, tmp_path):
    codes = _responses(sample_url, 5, 2)

    done = _cli(monkeypatch, sample_url)
    rows = list(csv.DictReader(io.StringIO(done.stdout.removeprefix("\ufeff"))))

    assert done.exit_code == 0, done.output
    assert [r["receipt_code"] for r in rows] == codes[:3]
    assert "excluded_reason" not in rows[0]
    assert done.stderr.strip() == (
        "Left out 2 responses excluded as likely duplicates, as the results do; "
        "--include-excluded keeps them with the reason."
    )


def test_the_export_can_keep_them_with_the_reason(monkeypatch, sample_url, tmp_path):
    codes = _responses(sample_url, 5, 2)
    output = tmp_path / "all.xlsx"

    as_csv = _cli(monkeypatch, sample_url, "--include-excluded")
    as_xlsx = _cli(monkeypatch, sample_url, "--include-excluded", "--format", "xlsx", "-o", output)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout.removeprefix("\ufeff"))))
    sheet = openpyxl.load_workbook(output)["Responses"]
    header = [cell.value for cell in sheet[1]]

    assert as_csv.exit_code == 0 and as_xlsx.exit_code == 0, as_csv.output + as_xlsx.output
    assert [(r["receipt_code"], r["excluded_reason"]) for r in rows] == [
        (codes[0], ""),
        (codes[1], ""),
        (codes[2], ""),
        (codes[3], "Sent twice"),
        (codes[4], "Sent twice"),
    ]
    assert header[-1] == "Why officers excluded it"
    assert "Left out" not in as_csv.stderr


def test_an_export_with_none_excluded_says_nothing_more(monkeypatch, sample_url):
    _responses(sample_url, 3, 0)

    done = _cli(monkeypatch, sample_url)

    assert done.exit_code == 0 and done.stderr == ""
