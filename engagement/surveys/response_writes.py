"""Writing a prepared survey response: its row, a row per answer, and its comments' coding.

This is the hot path of a survey's busiest hour, so the rows go to the database as directly as
each one allows, and a batch of responses (those arriving together: surveys/group_writer.py)
costs the statements of one: the writer whose turn it is holds the turn for less time. On
PostgreSQL one statement writes them all (data-modifying WITH clauses), one round trip. On
SQLite, where a statement costs no round trip, four multi-row INSERTs: the responses, their
answers, their comments' answers, and those comments' coding. Both write the same rows, and a
response whose token is taken (a resend) writes nothing at all.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Sequence

from sqlalchemy.engine import Connection

from storage.base import utcnow
from storage.driver_insert import DriverInsert, execute_on_driver
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


def write_responses(connection: Connection, batch: Sequence[tuple[PreparedResponse, str]]) -> dict[str, int]:
    """Insert each (prepared response, receipt code) with its answers and their coding, in the
    connection's transaction; return {receipt code: id} of those stored. A response whose
    submission token or receipt code is already taken is skipped and writes nothing."""
    if not batch:
        return {}
    submitted_at = utcnow()
    responses = [{"survey_id": p.survey_id, "receipt_code": code, "channel": p.channel, "submitted_at": submitted_at,
                  "submission_token": p.submission_token, "area_code": p.area_code,
                  "respondent_type": p.respondent_type, "entered_by": p.entered_by} for p, code in batch]
    if writes_in_one_statement(connection.dialect):
        return _write_in_one_statement(connection, batch, responses)
    return _write_statement_by_statement(connection, batch, responses)


def writes_in_one_statement(dialect) -> bool:
    """Return True where write_responses is a single statement on this dialect (PostgreSQL), so
    it is atomic without a transaction around it."""
    return dialect.name == "postgresql"


_RESPONSE_COLUMNS = ("survey_id", "receipt_code", "channel", "submitted_at", "submission_token", "area_code",
                     "respondent_type", "entered_by")
_ANSWER_COLUMNS = ("response_id", "question_key", "value", "position", "survey_id", "respondent_type", "area_code")
_CODING_COLUMNS = ("answer_id", "polarity", "sentiment", "themes", "publish_quote")


class _Inserts:
    """The INSERTs of a batch of responses, for one database dialect."""

    def __init__(self, dialect):
        # ON CONFLICT DO NOTHING rather than a savepoint: a concurrent twin waits for the first and
        # inserts nothing, and the responses are stored in the caller's one transaction.
        self.responses = DriverInsert(dialect, SurveyResponse.__table__, _RESPONSE_COLUMNS,
                                      returning=("id", "receipt_code"), skip_conflicts=True)
        self.answers = DriverInsert(dialect, SurveyAnswer.__table__, _ANSWER_COLUMNS)
        self.coded_answers = DriverInsert(dialect, SurveyAnswer.__table__, _ANSWER_COLUMNS,
                                          returning=("id", "response_id", "question_key"))
        self.codings = DriverInsert(dialect, CommentCoding.__table__, _CODING_COLUMNS)


@lru_cache(maxsize=32)
def _inserts_for(dialect) -> _Inserts:
    return _Inserts(dialect)


def _write_statement_by_statement(connection: Connection, batch, responses: list[dict]) -> dict[str, int]:
    # Four statements however many responses: each table's rows go in together. Rows come back
    # from RETURNING in no set order, so they are matched by receipt code and question.
    inserts = _inserts_for(connection.dialect)
    stored = {code: response_id for response_id, code in inserts.responses.many(connection, responses)}
    answers, coded_answers, codes = [], [], {}
    for prepared, code in batch:
        if code not in stored:
            continue
        repeated = {"survey_id": prepared.survey_id, "response_id": stored[code],
                    "respondent_type": prepared.respondent_type, "area_code": prepared.area_code}
        for i, row in enumerate(prepared.rows):
            if i in prepared.codes:  # a comment's answer goes in with the others coded, for its id
                coded_answers.append(row | repeated)
                codes[stored[code], row["question_key"]] = prepared.codes[i]
            else:
                answers.append(row | repeated)
    inserts.answers.many(connection, answers)
    codings = []
    for answer_id, response_id, key in inserts.coded_answers.many(connection, coded_answers):
        code = codes[response_id, key]
        codings.append({"answer_id": answer_id, "polarity": code.polarity, "sentiment": code.sentiment,
                        "themes": list(code.themes), "publish_quote": False})
    inserts.codings.many(connection, codings)
    return stored


# The rows go as three JSON documents (json.dumps is C; the driver would turn a list of values
# into an array literal value by value, in Python), so the statement is the same text for any
# number of responses: the driver converts it once and, after a few uses, PostgreSQL keeps it
# prepared (parsed and planned once per connection), where a statement with a marker per value
# was parsed, planned and converted afresh every time.
_ONE_STATEMENT = (
    "WITH responses AS (INSERT INTO survey_responses (" + ", ".join(_RESPONSE_COLUMNS) + ") "
    "SELECT " + ", ".join(_RESPONSE_COLUMNS) + " FROM json_to_recordset(%s::json) AS r(survey_id integer, "
    "receipt_code text, channel text, submitted_at timestamptz, submission_token text, area_code text, "
    "respondent_type text, entered_by text) "
    "ON CONFLICT DO NOTHING RETURNING id, receipt_code, survey_id, respondent_type, area_code), "
    "answers AS (INSERT INTO survey_answers (" + ", ".join(_ANSWER_COLUMNS) + ") "
    "SELECT r.id, a.question_key, a.value, a.position, r.survey_id, r.respondent_type, r.area_code "
    "FROM responses r JOIN json_to_recordset(%s::json) "
    "AS a(receipt_code text, question_key text, value text, position integer, row_number integer) "
    "ON a.receipt_code = r.receipt_code ORDER BY a.row_number RETURNING id, response_id, question_key), "
    "codings AS (INSERT INTO comment_codings (" + ", ".join(_CODING_COLUMNS) + ") "
    "SELECT answers.id, c.polarity, c.sentiment, c.themes, false FROM responses r JOIN json_to_recordset(%s::json) "
    "AS c(receipt_code text, question_key text, polarity float8, sentiment text, themes json) "
    "ON c.receipt_code = r.receipt_code "
    "JOIN answers ON answers.response_id = r.id AND answers.question_key = c.question_key) "
    "SELECT id, receipt_code FROM responses"
)


def _write_in_one_statement(connection: Connection, batch, responses: list[dict]) -> dict[str, int]:
    # One round trip for the whole batch (data-modifying WITH clauses); a response skipped as a
    # conflict joins no answer, so its answers and codings are skipped with it.
    answer_rows = [(code, row) for prepared, code in batch for row in prepared.rows]
    answers = [{"receipt_code": code, "row_number": number, **row} for number, (code, row) in enumerate(answer_rows)]
    codings = [{"receipt_code": code, "question_key": prepared.rows[i]["question_key"], "polarity": coded.polarity,
                "sentiment": coded.sentiment, "themes": list(coded.themes)}
               for prepared, code in batch for i, coded in prepared.codes.items()]
    documents = [json.dumps(rows, default=datetime.isoformat) for rows in (responses, answers, codings)]
    rows = execute_on_driver(connection, _ONE_STATEMENT, documents)
    return {code: response_id for response_id, code in rows}
