"""Survey responses written by the fast path are the rows the plain path writes, and a response
whose submission token is taken writes nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import session_scope
from storage.response_writes import ResponseRows, _write_plainly, write_responses
from storage.survey_models import CommentCoding, Survey, SurveyAnswer, SurveyResponse

COMPLAINT = {"polarity": -0.6, "sentiment": "negative", "themes": ["Housing"]}
THANKS = {"polarity": 0.5, "sentiment": "positive", "themes": []}


@pytest.fixture
def survey_id(engine) -> int:
    with session_scope(engine) as session:
        survey = Survey(slug="writes", title="Writes", definition={})
        session.add(survey)
        session.flush()
        return survey.id


def response(
    survey_id: int,
    token: str | None,
    comment: str,
    coding: dict,
    area: str | None = "E02900001",
    language: str | None = "cy",
) -> ResponseRows:
    return ResponseRows(
        survey_id=survey_id,
        channel="web",
        submission_token=token,
        entered_by=None,
        area_code=area,
        respondent_type="resident",
        answers=(
            {"question_key": "priority_1", "value": "agree", "position": None},
            {"question_key": "top_issues", "value": "housing", "position": 1},
            {"question_key": "top_issues", "value": "transport", "position": 2},
            {"question_key": "comments", "value": comment, "position": None},
        ),
        codings={3: coding},
        language=language,
    )


def batch(survey_id: int) -> list[tuple[ResponseRows, str]]:
    """Two responses and a resend of the second (same token, another receipt code)."""
    return [
        (response(survey_id, "token-0001", "Damp everywhere", COMPLAINT), "FP-AAAA-0001"),
        (
            response(survey_id, "token-0002", "Thank you", THANKS, area=None, language="ur"),
            "FP-AAAA-0002",
        ),
        (
            response(survey_id, "token-0002", "Thank you", THANKS, area=None, language="ur"),
            "FP-AAAA-0003",
        ),
    ]


def rows_written(connection) -> set[tuple]:
    """Return every row written, keyed by receipt code and question rather than by id."""
    responses = connection.execute(
        select(
            SurveyResponse.receipt_code,
            SurveyResponse.survey_id,
            SurveyResponse.channel,
            SurveyResponse.submission_token,
            SurveyResponse.area_code,
            SurveyResponse.respondent_type,
            SurveyResponse.entered_by,
            SurveyResponse.language,
        )
    ).all()
    answers = connection.execute(
        select(
            SurveyResponse.receipt_code,
            SurveyAnswer.question_key,
            SurveyAnswer.value,
            SurveyAnswer.position,
            SurveyAnswer.survey_id,
            SurveyAnswer.respondent_type,
            SurveyAnswer.area_code,
        ).join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
    ).all()
    codings = connection.execute(
        select(
            SurveyResponse.receipt_code,
            SurveyAnswer.question_key,
            CommentCoding.polarity,
            CommentCoding.sentiment,
            CommentCoding.themes,
            CommentCoding.publish_quote,
        )
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
    ).all()
    return (
        {("response", *r) for r in responses}
        | {("answer", *a) for a in answers}
        | {("coding", *c[:4], tuple(c[4]), c[5]) for c in codings}
    )


def written_by(engine, write, survey_id: int) -> tuple[dict, set[tuple]]:
    """Write the batch with write in a transaction that is then undone; return what write
    returned and the rows it wrote."""
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            return write(connection, batch(survey_id)), rows_written(connection)
        finally:
            transaction.rollback()


def test_the_fast_path_writes_exactly_the_rows_of_the_plain_path(engine, survey_id):
    fast_ids, fast_rows = written_by(engine, write_responses, survey_id)
    plain_ids, plain_rows = written_by(engine, _write_plainly, survey_id)

    assert set(fast_ids) == set(plain_ids) == {"FP-AAAA-0001", "FP-AAAA-0002"}
    assert fast_rows == plain_rows
    assert len(fast_rows) == 2 + 8 + 2
    assert (
        "answer",
        "FP-AAAA-0001",
        "top_issues",
        "transport",
        2,
        survey_id,
        "resident",
        "E02900001",
    ) in fast_rows
    assert (
        "coding",
        "FP-AAAA-0001",
        "comments",
        -0.6,
        "negative",
        ("Housing",),
        False,
    ) in fast_rows
    assert ("coding", "FP-AAAA-0002", "comments", 0.5, "positive", (), False) in fast_rows
    # The language each response was given in is written on both paths, on both databases.
    languages = {row[1]: row[-1] for row in fast_rows if row[0] == "response"}
    assert languages == {"FP-AAAA-0001": "cy", "FP-AAAA-0002": "ur"}


def test_a_response_whose_token_was_stored_before_writes_nothing(engine, survey_id):
    with engine.begin() as connection:
        write_responses(connection, batch(survey_id)[:2])
    resend = (response(survey_id, "token-0001", "Damp everywhere", COMPLAINT), "FP-BBBB-0001")
    other = (response(survey_id, "token-0009", "Damp everywhere", COMPLAINT), "FP-BBBB-0009")

    with engine.begin() as connection:
        stored = write_responses(connection, [resend, other])
    with engine.connect() as connection:
        rows = rows_written(connection)

    assert list(stored) == ["FP-BBBB-0009"]
    assert not any(row[1] == "FP-BBBB-0001" for row in rows)
    assert len(rows) == 3 * (1 + 4 + 1)
