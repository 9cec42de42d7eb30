"""Surveys and their responses in the database: load a definition, take a response (once),
import paper responses, erase by receipt code, purge old free text."""

from __future__ import annotations

import csv
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from engagement.areas.lookup import resolve_area_code
from engagement.comments.auto_coding import code_comment
from engagement.comments.taxonomy import themes_taxonomy
from engagement.errors import ImportProblem
from engagement.surveys.answers import NOT_AN_AREA, check_answers
from engagement.surveys.definition import SurveyDefinition, definition_from_json, read_definition
from storage.base import stored_utc, utcnow
from storage.response_writes import ResponseRows, write_responses
from storage.survey_models import CommentCoding, Survey, SurveyAnswer, SurveyResponse

# Receipt codes avoid letters people confuse (0/O, 1/I/L) and read well aloud: "FP-7K3M-Q9XD".
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_receipt_code() -> str:
    """Return a fresh random receipt code like FP-7K3M-Q9XD."""
    # One draw from the operating system for all eight characters, not one each.
    number, chars = secrets.randbelow(len(_RECEIPT_ALPHABET) ** 8), []
    for _ in range(8):
        number, index = divmod(number, len(_RECEIPT_ALPHABET))
        chars.append(_RECEIPT_ALPHABET[index])
    return f"FP-{''.join(chars[:4])}-{''.join(chars[4:])}"


def load_survey(session: Session, path: Path) -> tuple[Survey, bool]:
    """Create or update the survey defined in a YAML file; return (survey, created)."""
    return save_definition(session, read_definition(path))


def save_definition(session: Session, definition: SurveyDefinition) -> tuple[Survey, bool]:
    """Create or update a survey from a checked definition; return (survey, created)."""
    survey = session.scalar(select(Survey).where(Survey.slug == definition.slug))
    created = survey is None
    if created:
        survey = Survey(slug=definition.slug)
        session.add(survey)
    survey.title = definition.title
    survey.definition = definition.to_json()
    survey.opens_at, survey.closes_at = definition.opens_at, definition.closes_at
    survey.retention_days, survey.invite_only = definition.retention_days, definition.invite_only
    session.flush()
    return survey, created


def find_survey(session: Session, slug: str) -> tuple[Survey, SurveyDefinition] | None:
    """Return the survey with this slug and its definition, or None."""
    survey = session.scalar(select(Survey).where(Survey.slug == slug))
    return (survey, definition_from_json(survey.definition)) if survey else None


def survey_state(survey: Survey, now: datetime | None = None) -> str:
    """Return "open", "not_open_yet" or "closed" for the survey at now."""
    now = now or utcnow()
    if survey.opens_at and now < stored_utc(survey.opens_at):
        return "not_open_yet"
    if survey.closes_at and now > stored_utc(survey.closes_at):
        return "closed"
    return "open"


@dataclass(frozen=True)
class Receipt:
    """What a respondent is told after submitting: their code, and whether it was new."""

    code: str
    created: bool


_RECEIPT_FOR_TOKEN = select(SurveyResponse.receipt_code).where(
    SurveyResponse.survey_id == bindparam("survey_id"),
    SurveyResponse.submission_token == bindparam("token"),
)


def receipt_for_token(
    connection: Connection | Session, survey_id: int, submission_token: str | None
) -> str | None:
    """Return the receipt code of the survey's response stored with this submission token,
    or None."""
    if not submission_token:
        return None
    return connection.execute(
        _RECEIPT_FOR_TOKEN, {"survey_id": survey_id, "token": submission_token}
    ).scalar()


def prepare_response(
    session: Session,
    survey: Survey,
    definition: SurveyDefinition,
    answers: dict[str, object],
    *,
    channel: str = "web",
    submission_token: str | None = None,
    entered_by: str | None = None,
    scope: tuple[str, ...] = (),
    taxonomy=None,
) -> ResponseRows:
    """Return checked answers as the rows store_responses writes: the neighbourhood resolved,
    comments coded. Only reads the database, so it can run before a writer takes its turn."""

    typed_area = answers.get("neighbourhood")
    # An MSOA and a ward of the same name resolve to the first choice (a target area, then the
    # MSOA): the neighbourhood people mean.
    area_code = (
        resolve_area_code(session, typed_area, scope=scope)
        if isinstance(typed_area, str) and typed_area and typed_area not in NOT_AN_AREA
        else None
    )
    respondent_type = (
        answers.get("respondent_type") if isinstance(answers.get("respondent_type"), str) else None
    )
    rows, codings = [], {}
    for question in definition.questions:
        value = answers.get(question.key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            rows += [
                {"question_key": question.key, "value": v, "position": i + 1}
                for i, v in enumerate(value)
            ]
        else:
            rows.append({"question_key": question.key, "value": str(value), "position": None})
            if question.kind == "text":
                taxonomy = taxonomy if taxonomy is not None else themes_taxonomy(session)
                code = code_comment(str(value), taxonomy)
                codings[len(rows) - 1] = {
                    "polarity": code.polarity,
                    "sentiment": code.sentiment,
                    "themes": list(code.themes),
                }
    return ResponseRows(
        survey.id,
        channel,
        submission_token,
        entered_by,
        area_code,
        respondent_type,
        tuple(rows),
        codings,
        # The language the resident read the survey in (SurveyDefinition.in_language).
        definition.language,
    )


def store_responses(connection: Connection, batch: Sequence[ResponseRows]) -> list[Receipt]:
    """Store prepared responses (a single one is a batch of one) in the connection's
    transaction, all in the same few statements; return their receipts in order.

    A submission token already stored for the survey, before or earlier in the batch, stores
    nothing and returns the first receipt (created False): a double click or a resent form is
    one response.
    """
    codes = [new_receipt_code() for _ in batch]
    stored = write_responses(connection, list(zip(batch, codes, strict=True)))
    # One not stored (a twin, here or in the batch, or a receipt code taken) is settled on its own.
    return [
        Receipt(code, True) if code in stored else _store_one_again(connection, response)
        for response, code in zip(batch, codes, strict=True)
    ]


def _store_one_again(connection: Connection, response: ResponseRows) -> Receipt:
    """Return the receipt of a response whose first write stored nothing: its twin's, or its own
    under a fresh receipt code."""
    for _attempt in range(3):
        existing = receipt_for_token(connection, response.survey_id, response.submission_token)
        if existing:  # a twin of this submission (a double click, a resend) was stored first
            return Receipt(existing, False)
        # Otherwise the receipt code was taken (about one in 10^11): draw another.
        receipt_code = new_receipt_code()
        if write_responses(connection, [(response, receipt_code)]):
            return Receipt(receipt_code, True)
    raise RuntimeError("Could not store the response: no free receipt code after 3 tries.")


def _paper_row(definition: SurveyDefinition, row: dict[str, str]) -> dict[str, object]:
    """Turn a CSV row (labels or values; ';' between several) into form-shaped answers."""
    given: dict[str, object] = {}
    for question in definition.questions:
        cell = (row.get(question.key) or "").strip()
        if not cell:
            continue
        if question.kind in ("text", "neighbourhood"):
            given[question.key] = cell
            continue
        parts = (
            [p.strip() for p in cell.split(";") if p.strip()]
            if question.kind in ("multiple", "ranking")
            else [cell]
        )
        given[question.key] = [question.value_of(p) or p for p in parts]
    return given


def import_paper_responses(
    session: Session,
    slug: str,
    path: Path,
    *,
    entered_by: str | None = None,
    scope: tuple[str, ...] = (),
) -> int:
    """Store every row of a CSV of paper responses (channel "paper"); return how many.

    Columns are question keys; answers are option labels or values, several separated by ';'.
    A bad row raises ImportProblem naming its line and column, and nothing is stored.
    """
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(
            f"There is no survey '{slug}': load it first with `fairer survey load`."
        )
    survey, definition = found
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file.") from None
    except UnicodeDecodeError:
        raise ImportProblem(
            f"{path.name}: the file is not UTF-8 text; save it as 'CSV UTF-8' and try again."
        ) from None
    if not rows:
        raise ImportProblem(f"{path.name} has no responses in it.")
    unknown = [c for c in rows[0] if c and c not in definition.questions_by_key]
    if unknown:
        raise ImportProblem(
            f"{path.name}, line 1, column '{unknown[0]}': not a question of the survey '{slug}'."
        )
    checked = []
    for line, row in enumerate(rows, start=2):
        result = check_answers(definition, _paper_row(definition, row))
        if result.errors:
            key, message = next(iter(result.errors.items()))
            raise ImportProblem(f"{path.name}, line {line}, column '{key}': {message}.")
        checked.append(result.answers)
    taxonomy = themes_taxonomy(session)
    batch = [
        prepare_response(
            session,
            survey,
            definition,
            answers,
            channel="paper",
            entered_by=entered_by,
            scope=scope,
            taxonomy=taxonomy,
        )
        for answers in checked
    ]
    store_responses(session.connection(), batch)
    return len(checked)


def erase_response(session: Session, receipt_code: str) -> bool:
    """Delete the response with this receipt code and all its answers;
    return whether one existed."""
    response = session.scalar(
        select(SurveyResponse).where(SurveyResponse.receipt_code == receipt_code.strip().upper())
    )
    if response is None:
        return False
    answer_ids = select(SurveyAnswer.id).where(SurveyAnswer.response_id == response.id)
    session.execute(delete(CommentCoding).where(CommentCoding.answer_id.in_(answer_ids)))
    session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == response.id))
    session.delete(response)
    session.flush()
    return True


def purge_free_text(session: Session, now: datetime | None = None) -> int:
    """Remove free-text answers older than their survey's retention period; return how many."""
    now = now or utcnow()
    removed = 0
    for survey in session.scalars(select(Survey)):
        definition = definition_from_json(survey.definition)
        text_keys = [q.key for q in definition.questions if q.kind == "text"]
        if not text_keys:
            continue
        cutoff = now - timedelta(days=survey.retention_days)
        old = (
            select(SurveyAnswer.id)
            .join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
            .where(
                SurveyResponse.survey_id == survey.id,
                SurveyResponse.submitted_at < cutoff,
                SurveyAnswer.question_key.in_(text_keys),
                SurveyAnswer.value.is_not(None),
            )
        )
        ids = list(session.scalars(old))
        if ids:
            session.execute(delete(CommentCoding).where(CommentCoding.answer_id.in_(ids)))
            session.execute(update(SurveyAnswer).where(SurveyAnswer.id.in_(ids)).values(value=None))
            removed += len(ids)
    session.flush()
    return removed
