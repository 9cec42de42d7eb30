"""Concurrent survey submissions: accepted and stored, on SQLite and PostgreSQL. Residents answer
every page, then all press "Send" at the same moment; every resident told their answers were
sent (a 303 to the receipt) must find their receipt code stored, and nothing else is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engagement.areas.sample import load_sample_borough
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyAnswer, SurveyResponse
from surveys.residents.survey_guard import reset_rate_limits
from tests.concurrency import run_at_once
from tests.conftest import fresh_database_url
from tests.reliability.attacks import scale
from tests.surveys.survey_helpers import START, Visitor, open_example_survey, receipt_code

RESIDENTS = 40


def sample_borough(request, backend: str, tmp_path) -> str:
    """Return the URL of a fresh database on backend with the sample borough and the example
    survey, open."""
    url = fresh_database_url(request, backend, tmp_path)
    with session_scope(engine_for(url)) as session:
        load_sample_borough(session)
    open_example_survey(url)
    return url


def stored(url: str) -> tuple[set[str], int]:
    """Return the receipt codes stored and the number of answers."""
    with session_scope(engine_for(url)) as session:
        codes = set(session.scalars(select(SurveyResponse.receipt_code)))
        answers = session.scalar(select(func.count()).select_from(SurveyAnswer))
    return codes, answers


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_submission_accepted_at_once_is_stored(
    request, backend, tmp_path, app_factory, figures
):
    url = sample_borough(request, backend, tmp_path)
    reset_rate_limits()
    app = app_factory(url, FAIRER_SURVEY_RATE_LIMIT="off")
    residents = [Visitor(app.test_client()) for _ in range(RESIDENTS * scale())]
    for resident in residents:
        resident.answer_all({3: {"comments": f"Resident {id(resident)}: the buses stop early."}})

    def send(resident: Visitor):
        def press() -> str | None:
            sent = resident.post(START, {"submission_token": "ignored-the-server-issues-it"})
            if sent.status_code != 303 or not sent.location.endswith("/done"):
                return None
            return receipt_code(resident.client.get(sent.location))

        return press

    receipts = run_at_once([send(r) for r in residents], timeout=120)
    accepted = [code for code in receipts if code]
    codes, answers = stored(url)
    record = figures(
        sent=len(residents),
        accepted=len(accepted),
        stored=len(codes),
        lost=len(set(accepted) - codes),
        stored_not_accepted=len(codes - set(accepted)),
        answers_stored=answers,
    )

    assert record["accepted"] == record["sent"]
    assert len(set(accepted)) == len(accepted)  # each their own receipt
    assert record["lost"] == 0 and record["stored_not_accepted"] == 0
    # 3 priorities, 2 issues ranked, taken part before, who, where, the comment: 9 answers each.
    assert record["answers_stored"] == 9 * len(residents)
