"""Surveys and their responses in the database: load a definition, take a response (once),
import paper responses, erase by receipt code, purge old free text."""
from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engagement.areas import look_up_area
from engagement.errors import ImportProblem
from engagement.survey_answers import check_answers
from engagement.survey_definition import SurveyDefinition, definition_from_json, read_definition
from storage.base import utcnow
from storage.survey_models import CommentCoding, CommentTheme, Survey, SurveyAnswer, SurveyResponse

# Receipt codes avoid letters people confuse (0/O, 1/I/L) and read well aloud: "FP-7K3M-Q9XD".
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_receipt_code() -> str:
    """Return a fresh random receipt code like FP-7K3M-Q9XD."""
    chars = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(8))
    return f"FP-{chars[:4]}-{chars[4:]}"


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
    if survey.opens_at and now < _aware(survey.opens_at):
        return "not_open_yet"
    if survey.closes_at and now > _aware(survey.closes_at):
        return "closed"
    return "open"


def _aware(moment: datetime) -> datetime:
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Receipt:
    """What a respondent is told after submitting: their code, and whether it was new."""

    code: str
    created: bool


def _themes_taxonomy(session: Session):
    from engagement.comments import taxonomy_from_rows

    rows = session.execute(select(CommentTheme.name, CommentTheme.keywords).order_by(CommentTheme.position)).all()
    return taxonomy_from_rows(rows)


def submit_response(session: Session, survey: Survey, definition: SurveyDefinition, answers: dict[str, object], *,
                    channel: str = "web", submission_token: str | None = None, entered_by: str | None = None,
                    scope: tuple[str, ...] = (), taxonomy=None) -> Receipt:
    """Store checked answers as one response and return its receipt.

    A submission_token seen before for this survey returns the first receipt and stores
    nothing: a double click or a resent form is one response.
    """
    from engagement.comments import code_comment

    if submission_token:
        existing = session.scalar(select(SurveyResponse.receipt_code).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.submission_token == submission_token))
        if existing:
            return Receipt(existing, False)
    area_code = None
    typed_area = answers.get("neighbourhood")
    if isinstance(typed_area, str) and typed_area:
        lookup = look_up_area(session, typed_area, scope=scope)
        if lookup.status == "found":
            area_code = lookup.profile.area.code
        elif lookup.status == "choose":
            # An MSOA and a ward of the same name: the first choice (a target area, then the MSOA)
            # is the neighbourhood people mean.
            area_code = lookup.choices[0].code
    response = SurveyResponse(
        survey_id=survey.id, receipt_code=new_receipt_code(), channel=channel, submission_token=submission_token,
        area_code=area_code, respondent_type=answers.get("respondent_type") if isinstance(answers.get("respondent_type"), str) else None,
        entered_by=entered_by)
    try:
        with session.begin_nested():
            session.add(response)
            session.flush()
    except IntegrityError:
        # A concurrent twin of this submission won the race: theirs is the response.
        existing = session.scalar(select(SurveyResponse.receipt_code).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.submission_token == submission_token))
        if existing is None:
            raise
        return Receipt(existing, False)
    texts = []
    repeated = {"survey_id": survey.id, "response_id": response.id, "respondent_type": response.respondent_type,
                "area_code": area_code}
    for question in definition.questions:
        value = answers.get(question.key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            session.add_all(SurveyAnswer(question_key=question.key, value=v, position=i + 1, **repeated)
                            for i, v in enumerate(value))
        else:
            answer = SurveyAnswer(question_key=question.key, value=str(value), **repeated)
            session.add(answer)
            if question.kind == "text":
                texts.append(answer)
    if texts:
        session.flush()
        taxonomy = taxonomy if taxonomy is not None else _themes_taxonomy(session)
        for answer in texts:
            code = code_comment(answer.value, taxonomy)
            session.add(CommentCoding(answer_id=answer.id, polarity=code.polarity, sentiment=code.sentiment,
                                      themes=list(code.themes)))
    session.flush()
    return Receipt(response.receipt_code, True)


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
        parts = [p.strip() for p in cell.split(";") if p.strip()] if question.kind in ("multiple", "ranking") else [cell]
        given[question.key] = [question.value_of(p) or p for p in parts]
    return given


def import_paper_responses(session: Session, slug: str, path: Path, *, entered_by: str | None = None,
                           scope: tuple[str, ...] = ()) -> int:
    """Store every row of a CSV of paper responses (channel "paper"); return how many.

    Columns are question keys; answers are option labels or values, several separated by ';'.
    A bad row raises ImportProblem naming its line and column, and nothing is stored.
    """
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(f"There is no survey '{slug}': load it first with `fairer survey load`.")
    survey, definition = found
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file.") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{path.name}: the file is not UTF-8 text; save it as 'CSV UTF-8' and try again.") from None
    if not rows:
        raise ImportProblem(f"{path.name} has no responses in it.")
    unknown = [c for c in rows[0] if c and c not in definition.questions_by_key]
    if unknown:
        raise ImportProblem(f"{path.name}, line 1, column '{unknown[0]}': not a question of the survey '{slug}'.")
    checked = []
    for line, row in enumerate(rows, start=2):
        result = check_answers(definition, _paper_row(definition, row))
        if result.errors:
            key, message = next(iter(result.errors.items()))
            raise ImportProblem(f"{path.name}, line {line}, column '{key}': {message}.")
        checked.append(result.answers)
    taxonomy = _themes_taxonomy(session)
    for answers in checked:
        submit_response(session, survey, definition, answers, channel="paper", entered_by=entered_by, scope=scope,
                        taxonomy=taxonomy)
    return len(checked)


def erase_response(session: Session, receipt_code: str) -> bool:
    """Delete the response with this receipt code and all its answers; return whether one existed."""
    response = session.scalar(select(SurveyResponse).where(SurveyResponse.receipt_code == receipt_code.strip().upper()))
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
        old = (select(SurveyAnswer.id).join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
               .where(SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at < cutoff,
                      SurveyAnswer.question_key.in_(text_keys), SurveyAnswer.value.is_not(None)))
        ids = list(session.scalars(old))
        if ids:
            session.execute(delete(CommentCoding).where(CommentCoding.answer_id.in_(ids)))
            session.execute(update(SurveyAnswer).where(SurveyAnswer.id.in_(ids)).values(value=None))
            removed += len(ids)
    session.flush()
    return removed
