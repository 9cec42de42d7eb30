"""Writing a prepared survey response: its row, a row per answer, and its comments' coding.

This is the hot path of a survey's busiest hour, so the rows go to the database as directly as
each one allows. On PostgreSQL one statement writes them all (data-modifying WITH clauses): one
round trip instead of four, and a resend whose token is taken writes nothing at all. On SQLite,
where a statement costs no round trip, the driver takes the response, then every answer in one
multi-row INSERT, then each comment's coding. Both write the same rows.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Connection

from storage.base import utcnow
from storage.driver_insert import DriverInsert
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse


@dataclass(frozen=True)
class PreparedResponse:
    """A response ready to store: its rows worked out, its comments coded, nothing written yet."""

    survey_id: int
    channel: str
    submission_token: str | None
    entered_by: str | None
    area_code: str | None
    respondent_type: str | None
    rows: tuple[dict, ...]  # {"question_key", "value", "position"} per answer
    codes: dict  # index in rows -> CommentCode of a free-text answer


def write_response(connection: Connection, prepared: PreparedResponse, receipt_code: str) -> int | None:
    """Insert the response under receipt_code with its answers and their coding, in the
    connection's transaction; return its id, or None (writing nothing) when its submission token
    or receipt code is already taken."""
    response = {"survey_id": prepared.survey_id, "receipt_code": receipt_code, "channel": prepared.channel,
                "submitted_at": utcnow(), "submission_token": prepared.submission_token,
                "area_code": prepared.area_code, "respondent_type": prepared.respondent_type,
                "entered_by": prepared.entered_by}
    if connection.dialect.name == "postgresql":
        return _write_in_one_statement(connection, prepared, response)
    return _write_statement_by_statement(connection, prepared, response)


_RESPONSE_COLUMNS = ("survey_id", "receipt_code", "channel", "submitted_at", "submission_token", "area_code",
                     "respondent_type", "entered_by")
_ANSWER_COLUMNS = ("response_id", "question_key", "value", "position", "survey_id", "respondent_type", "area_code")
_CODING_COLUMNS = ("answer_id", "polarity", "sentiment", "themes", "publish_quote")


class _Inserts:
    """The INSERTs of a response, for one database dialect."""

    def __init__(self, dialect):
        # ON CONFLICT DO NOTHING rather than a savepoint: a concurrent twin waits for the first and
        # inserts nothing, and the response is stored in the caller's one transaction.
        self.response = DriverInsert(dialect, SurveyResponse.__table__, _RESPONSE_COLUMNS, returning="id",
                                     skip_conflicts=True)
        self.answers = DriverInsert(dialect, SurveyAnswer.__table__, _ANSWER_COLUMNS)
        self.coded_answer = DriverInsert(dialect, SurveyAnswer.__table__, _ANSWER_COLUMNS, returning="id")
        self.coding = DriverInsert(dialect, CommentCoding.__table__, _CODING_COLUMNS)


@lru_cache(maxsize=32)
def _inserts_for(dialect) -> _Inserts:
    return _Inserts(dialect)


def _write_statement_by_statement(connection: Connection, prepared: PreparedResponse, response: dict) -> int | None:
    inserts = _inserts_for(connection.dialect)
    response_id = inserts.response.one(connection, response)
    if response_id is None:
        return None
    repeated = {"survey_id": prepared.survey_id, "response_id": response_id,
                "respondent_type": prepared.respondent_type, "area_code": prepared.area_code}
    # A comment's answer goes in on its own, for the id its coding refers to.
    inserts.answers.many(connection, [row | repeated for i, row in enumerate(prepared.rows) if i not in prepared.codes])
    for i, code in prepared.codes.items():
        answer_id = inserts.coded_answer.one(connection, prepared.rows[i] | repeated)
        inserts.coding.one(connection, {"answer_id": answer_id, "polarity": code.polarity, "sentiment": code.sentiment,
                                        "themes": list(code.themes), "publish_quote": False})
    return response_id


@lru_cache(maxsize=256)
def _one_statement(answers: int, codings: int) -> str:
    """Return PostgreSQL's statement for a response with this many answers and coded comments."""
    sql = (
        "WITH response AS (INSERT INTO survey_responses (" + ", ".join(_RESPONSE_COLUMNS) + ") "
        "VALUES (" + ", ".join(["%s"] * len(_RESPONSE_COLUMNS)) + ") ON CONFLICT DO NOTHING RETURNING id)"
    )
    if not answers:
        return sql + " SELECT id FROM response"
    sql += (
        ", answers AS (INSERT INTO survey_answers (" + ", ".join(_ANSWER_COLUMNS) + ") "
        "SELECT response.id, a.question_key, a.value, a.position, %s, %s, %s FROM response, (VALUES "
        + ", ".join(["(%s, %s, %s::integer, %s)"] * answers) + ") AS a(question_key, value, position, row_number) "
        "ORDER BY a.row_number RETURNING id, question_key)"
    )
    if codings:
        sql += (
            ", codings AS (INSERT INTO comment_codings (" + ", ".join(_CODING_COLUMNS) + ") "
            "SELECT answers.id, c.polarity, c.sentiment, c.themes, false FROM answers JOIN (VALUES "
            + ", ".join(["(%s, %s::float8, %s, %s::json)"] * codings) + ") AS c(question_key, polarity, sentiment, themes) "
            "ON c.question_key = answers.question_key)"
        )
    return sql + " SELECT id FROM response"


def _write_in_one_statement(connection: Connection, prepared: PreparedResponse, response: dict) -> int | None:
    parameters = [response[name] for name in _RESPONSE_COLUMNS]
    if prepared.rows:
        parameters += [prepared.survey_id, prepared.respondent_type, prepared.area_code]
    for number, row in enumerate(prepared.rows):
        parameters += [row["question_key"], row["value"], row["position"], number]
    for i, code in prepared.codes.items():
        parameters += [prepared.rows[i]["question_key"], code.polarity, code.sentiment, json.dumps(list(code.themes))]
    return connection.exec_driver_sql(_one_statement(len(prepared.rows), len(prepared.codes)),
                                      tuple(parameters)).scalar()
