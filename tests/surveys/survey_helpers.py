"""Answering the example survey through its web pages, as a person does: read the form, fill it
in, press the button (with the CSRF token the page gave)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from storage import session_scope
from storage.db import engine_for
from storage.survey_models import Survey
from surveys.residents.survey_guard import reset_rate_limits
from tests.engagement.survey_factories import create_example_survey
from tests.surveys.pages import parse, text

SLUG = "draft-priorities"
START = f"/s/{SLUG}"
HEATHFIELD = "E02900001"  # the sample borough's MSOA "Heathfield & Priory Park"
# The example survey's steps: its second page is split after heard_before, whose answer decides
# whether why_not_before is asked.
ANSWERS = {
    1: {"priority_1": "agree", "priority_2": "strongly_agree", "priority_3": "disagree"},
    2: {
        "top_issues": ["housing", "transport"],
        "top_issues-order": ["housing", "transport"],
        "heard_before": "yes",
    },
    3: {"comments": "More buses in the evening, please."},
    4: {"respondent_type": "resident", "neighbourhood": HEATHFIELD},
}


def open_example_survey(database_url: str, *, opens=-30, closes=30, invite_only=False) -> None:
    """Load the example survey into the database, open from `opens` days to `closes` days from
    now."""
    now = datetime.now(UTC)
    with session_scope(engine_for(database_url)) as session:
        survey, _definition = create_example_survey(session)
        survey = session.get(Survey, survey.id)
        survey.opens_at = now + timedelta(days=opens)
        survey.closes_at = now + timedelta(days=closes)
        survey.invite_only = invite_only


@pytest.fixture
def survey_app(app_factory, sample_url):
    """The app on the sample borough with the example survey open (rate limits reset)."""
    reset_rate_limits()
    open_example_survey(sample_url)
    return app_factory(sample_url)


@pytest.fixture
def visitor(survey_app):
    """A resident's browser on survey_app."""
    return Visitor(survey_app.test_client())


class Visitor:
    """A browser going through a survey's pages: GETs pages and posts their forms with the CSRF
    token."""

    def __init__(self, client, start: str = START, form_page: str = "/erase"):
        self.client = client
        self.start = start
        self.form_page = form_page  # a page that always has a form, to read the CSRF token from
        self._csrf: str | None = None

    def csrf(self) -> str:
        """Return this browser's CSRF token, read from a page's form as a browser would."""
        if self._csrf is None:
            page = parse(self.client.get(f"{self.start}{self.form_page}"))
            self._csrf = page.select_one("input[name=csrf_token]")["value"]
        return self._csrf

    def post(self, path: str, data: dict | None = None, **kwargs):
        """POST data to path with the CSRF token, as the page's form would."""
        return self.client.post(path, data={"csrf_token": self.csrf(), **(data or {})}, **kwargs)

    def answer(self, number: int, data: dict | None = None, **kwargs):
        """Post page `number` of the questions."""
        return self.post(
            f"{self.start}/{number}", data if data is not None else ANSWERS[number], **kwargs
        )

    def answer_all(self, changes: dict[int, dict] | None = None) -> None:
        """Answer every page (changes: {page number: fields to use instead})."""
        changes = changes or {}
        for number in sorted(ANSWERS):
            response = self.answer(number, changes.get(number, ANSWERS[number]))
            assert response.status_code == 302, errors_on(response)

    def check_answers_page(self):
        """GET the check-answers page and return the response."""
        return self.client.get(f"{self.start}/check-answers")

    def send(self, token: str | None = None):
        """Send the answers from the check-answers page (with its submission token); return the
        response."""
        page = parse(self.check_answers_page())
        form = page.select_one("form[method=post]")
        token = token or form.select_one("input[name=submission_token]")["value"]
        return self.post(form["action"], {"submission_token": token})

    def complete(self, changes: dict[int, dict] | None = None) -> str:
        """Answer everything, send it, and return the receipt code shown on the confirmation
        page."""
        self.answer_all(changes)
        sent = self.send()
        assert sent.status_code == 303, sent.status_code
        return receipt_code(self.client.get(sent.location))


def errors_on(response) -> list[str]:
    """Return the error summary's messages on a page."""
    return [text(a) for a in parse(response).select(".govuk-error-summary__list a")]


def inline_errors(response) -> list[str]:
    """Return the error messages shown beside the fields, without the hidden "Error:" prefix."""
    return [
        text(e).removeprefix("Error:").strip()
        for e in parse(response).select(".govuk-error-message")
    ]


def receipt_code(response) -> str:
    """Return the receipt code in the confirmation panel."""
    return text(parse(response).select_one("#receipt-code"))


@contextmanager
def write_lock_held(database_url: str):
    """Hold the SQLite database's write lock from another connection, as another process
    writing would."""
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
