"""Writing survey responses: each response's row, a row per answer, and its comments' coding.

This is the hot path of a survey's busiest hour, so write_responses sends the rows to the
database as directly as each engine allows, and a batch of responses (those arriving together:
surveys/group_writer.py) costs the statements of one: the writer whose turn it is holds the turn
for less time. On PostgreSQL one constant statement writes them all (data-modifying WITH
clauses over three JSON documents), one round trip. On SQLite, where a statement costs no round
trip, four multi-row INSERTs straight to the driver (storage/driver_insert.py): the responses,
their answers, their comments' answers, and those comments' coding.

_write_plainly writes the same rows with plain SQLAlchemy Core, a statement at a time: it is
what the fast paths do, written to be read, and the tests hold them to it. Every path writes the
same rows, and a response whose submission token or receipt code is taken writes nothing at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect

from storage.base import utcnow
from storage.driver_insert import DriverInsert, execute_on_driver
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse


@dataclass(frozen=True)
class ResponseRows:
    """One survey response as the rows to write; its receipt code is given as it is written."""

    survey_id: int
    channel: str
    submission_token: str | None
    entered_by: str | None
    area_code: str | None
    respondent_type: str | None
    answers: tuple[dict, ...]  # {"question_key", "value", "position"} per answer
    codings: dict[int, dict]  # index in answers -> {"polarity", "sentiment", "themes"} of a comment
    language: str | None = None  # the language the answers were given in ("en", "cy" …)


# Responses to write, each with the receipt code it is to be stored under.
Batch = Sequence[tuple[ResponseRows, str]]


def write_responses(connection: Connection, batch: Batch) -> dict[str, int]:
    """Insert each (response, receipt code) with its answers and their coding, in the
    connection's transaction; return {receipt code: id} of those stored. A response whose
    submission token or receipt code is already taken is skipped and writes nothing."""
    if not batch:
        return {}
    if writes_in_one_statement(connection.dialect):
        return _write_in_one_statement(connection, batch)
    return _write_in_four_statements(connection, batch)


def writes_in_one_statement(dialect: Dialect) -> bool:
    """Return True where write_responses is a single statement on this dialect (PostgreSQL), so
    it is atomic without a transaction around it."""
    return dialect.name == "postgresql"


_RESPONSE_COLUMNS = (
    "survey_id",
    "receipt_code",
    "channel",
    "submitted_at",
    "submission_token",
    "area_code",
    "respondent_type",
    "entered_by",
    "language",
)
_ANSWER_COLUMNS = (
    "response_id",
    "question_key",
    "value",
    "position",
    "survey_id",
    "respondent_type",
    "area_code",
)
_CODING_COLUMNS = ("answer_id", "polarity", "sentiment", "themes", "publish_quote")


def _response_rows(batch: Batch) -> list[dict]:
    # The responses written together are stamped with one submission time.
    submitted_at = utcnow()
    return [
        {
            "survey_id": r.survey_id,
            "receipt_code": code,
            "channel": r.channel,
            "submitted_at": submitted_at,
            "submission_token": r.submission_token,
            "area_code": r.area_code,
            "respondent_type": r.respondent_type,
            "entered_by": r.entered_by,
            "language": r.language,
        }
        for r, code in batch
    ]


def _repeated_on_answers(response: ResponseRows, response_id: int) -> dict:
    # The response's survey, type and area are repeated on each answer: summaries need no join.
    return {
        "response_id": response_id,
        "survey_id": response.survey_id,
        "respondent_type": response.respondent_type,
        "area_code": response.area_code,
    }


# --- the plain path, for readers ------------------------------------------------------------

_INSERT_SKIPPING_CONFLICTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def _write_plainly(connection: Connection, batch: Batch) -> dict[str, int]:
    # ON CONFLICT DO NOTHING rather than a savepoint: a concurrent twin waits for the first and
    # inserts nothing, and the responses are stored in the caller's one transaction.
    skipping_conflicts = _INSERT_SKIPPING_CONFLICTS[connection.dialect.name]
    stored = {}
    for (response, code), row in zip(batch, _response_rows(batch), strict=True):
        response_id = connection.execute(
            skipping_conflicts(SurveyResponse)
            .values(row)
            .on_conflict_do_nothing()
            .returning(SurveyResponse.id)
        ).scalar()
        if response_id is None:  # its submission token or its receipt code is taken
            continue
        stored[code] = response_id
        for index, answer in enumerate(response.answers):
            row = answer | _repeated_on_answers(response, response_id)
            answer_id = connection.execute(
                insert(SurveyAnswer).values(row).returning(SurveyAnswer.id)
            ).scalar_one()
            if index in response.codings:
                connection.execute(
                    insert(CommentCoding).values(
                        answer_id=answer_id, publish_quote=False, **response.codings[index]
                    )
                )
    return stored


# --- SQLite: four multi-row INSERTs -------------------------------------------------------------


class _Inserts:
    """The INSERTs of a batch of responses, for one database dialect."""

    def __init__(self, dialect: Dialect):
        self.responses = DriverInsert(
            dialect,
            SurveyResponse.__table__,
            _RESPONSE_COLUMNS,
            returning=("id", "receipt_code"),
            skip_conflicts=True,
        )
        self.answers = DriverInsert(dialect, SurveyAnswer.__table__, _ANSWER_COLUMNS)
        self.coded_answers = DriverInsert(
            dialect,
            SurveyAnswer.__table__,
            _ANSWER_COLUMNS,
            returning=("id", "response_id", "question_key"),
        )
        self.codings = DriverInsert(dialect, CommentCoding.__table__, _CODING_COLUMNS)


@lru_cache(maxsize=32)
def _inserts_for(dialect: Dialect) -> _Inserts:
    return _Inserts(dialect)


def _write_in_four_statements(connection: Connection, batch: Batch) -> dict[str, int]:
    # Four statements however many responses: each table's rows go in together. Rows come back
    # from RETURNING in no set order, so they are matched by receipt code and question.
    inserts = _inserts_for(connection.dialect)
    responses = _response_rows(batch)
    stored = {
        code: response_id for response_id, code in inserts.responses.many(connection, responses)
    }
    answers, coded_answers, codings_by_answer = [], [], {}
    for response, code in batch:
        if code not in stored:
            continue
        response_id = stored[code]
        repeated = _repeated_on_answers(response, response_id)
        for index, answer in enumerate(response.answers):
            row = answer | repeated
            if index in response.codings:  # a comment's answer goes in with those coded, for its id
                coded_answers.append(row)
                codings_by_answer[response_id, answer["question_key"]] = response.codings[index]
            else:
                answers.append(row)
    inserts.answers.many(connection, answers)
    coded = inserts.coded_answers.many(connection, coded_answers)
    codings = [
        {"answer_id": answer_id, "publish_quote": False, **codings_by_answer[response_id, q]}
        for answer_id, response_id, q in coded
    ]
    inserts.codings.many(connection, codings)
    return stored


# --- PostgreSQL: one constant statement over JSON documents -------------------------------------

# The rows go as three JSON documents (json.dumps is C; the driver would turn a list of values
# into an array literal value by value, in Python), so the statement is the same text for any
# number of responses: the driver converts it once and, after a few uses, PostgreSQL keeps it
# prepared (parsed and planned once per connection), where a statement with a marker per value
# was parsed, planned and converted afresh every time.
_ONE_STATEMENT = (
    "WITH responses AS (INSERT INTO survey_responses (" + ", ".join(_RESPONSE_COLUMNS) + ") "
    "SELECT " + ", ".join(_RESPONSE_COLUMNS) + " FROM json_to_recordset(%s::json) "
    "AS r(survey_id integer, receipt_code text, channel text, submitted_at timestamptz, "
    "submission_token text, area_code text, respondent_type text, entered_by text, "
    "language text) "
    "ON CONFLICT DO NOTHING RETURNING id, receipt_code, survey_id, respondent_type, area_code), "
    "answers AS (INSERT INTO survey_answers (" + ", ".join(_ANSWER_COLUMNS) + ") "
    "SELECT r.id, a.question_key, a.value, a.position, r.survey_id, r.respondent_type, r.area_code "
    "FROM responses r JOIN json_to_recordset(%s::json) "
    "AS a(receipt_code text, question_key text, value text, position integer, row_number integer) "
    "ON a.receipt_code = r.receipt_code ORDER BY a.row_number "
    "RETURNING id, response_id, question_key), "
    "codings AS (INSERT INTO comment_codings (" + ", ".join(_CODING_COLUMNS) + ") "
    "SELECT answers.id, c.polarity, c.sentiment, c.themes, false "
    "FROM responses r JOIN json_to_recordset(%s::json) "
    "AS c(receipt_code text, question_key text, polarity float8, sentiment text, themes json) "
    "ON c.receipt_code = r.receipt_code "
    "JOIN answers ON answers.response_id = r.id AND answers.question_key = c.question_key) "
    "SELECT id, receipt_code FROM responses"
)


def _write_in_one_statement(connection: Connection, batch: Batch) -> dict[str, int]:
    # One round trip for the whole batch (data-modifying WITH clauses); a response skipped as a
    # conflict joins no answer, so its answers and codings are skipped with it.
    answer_rows = [(code, answer) for response, code in batch for answer in response.answers]
    answers = [
        {"receipt_code": code, "row_number": number, **answer}
        for number, (code, answer) in enumerate(answer_rows)
    ]
    codings = [
        {"receipt_code": code, "question_key": response.answers[index]["question_key"], **coding}
        for response, code in batch
        for index, coding in response.codings.items()
    ]
    documents = [
        json.dumps(rows, default=datetime.isoformat)
        for rows in (_response_rows(batch), answers, codings)
    ]
    rows = execute_on_driver(connection, _ONE_STATEMENT, documents)
    return {code: response_id for response_id, code in rows}
