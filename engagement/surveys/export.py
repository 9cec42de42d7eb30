"""Responses as a table: one row per response, one column per question (CONTRACT.md)."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.errors import ImportProblem
from engagement.figures import iso_timestamp
from engagement.surveys.store import find_survey
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def responses_table(session: Session, slug: str) -> pd.DataFrame:
    """Return every response to the survey: receipt, channel, date, area, language, then the
    questions. Answers are the English labels whatever language they were given in (the stored
    values are the same in every language); "language" says which ("en", "cy", "ur" …; "en" for
    responses from before it was recorded).

    Multiple choice has one 0/1 column per option ("K: option"); ranking gives the options in
    order separated by "; "; a free-text column K is followed by K_sentiment and K_themes.
    """
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(f"There is no survey '{slug}'.")
    survey, definition = found
    responses = session.execute(
        select(
            SurveyResponse.id,
            SurveyResponse.receipt_code,
            SurveyResponse.channel,
            SurveyResponse.language,
            SurveyResponse.submitted_at,
            SurveyResponse.area_code,
        )
        .where(SurveyResponse.survey_id == survey.id)
        .order_by(SurveyResponse.id)
    ).all()
    answers = session.execute(
        select(
            SurveyAnswer.response_id,
            SurveyAnswer.question_key,
            SurveyAnswer.value,
            SurveyAnswer.position,
            CommentCoding.sentiment,
            CommentCoding.sentiment_override,
            CommentCoding.themes,
            CommentCoding.themes_override,
        )
        .outerjoin(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        .where(SurveyAnswer.survey_id == survey.id)
        .order_by(SurveyAnswer.response_id, SurveyAnswer.position)
    ).all()
    by_response: dict[int, dict[str, list]] = {}
    for response_id, key, value, _position, sentiment, s_override, themes, t_override in answers:
        cells = by_response.setdefault(response_id, {})
        cells.setdefault(key, []).append(value)
        if sentiment is not None:
            cells[f"{key}_sentiment"] = s_override or sentiment
            cells[f"{key}_themes"] = "; ".join(
                t_override if t_override is not None else themes or []
            )
    rows = []
    for response_id, receipt, channel, language, submitted, area in responses:
        cells = by_response.get(response_id, {})
        row = {
            "receipt_code": receipt,
            "channel": channel,
            "submitted_at": iso_timestamp(submitted),
            "area_code": area or "",
            "language": language or "en",
        }
        for q in definition.questions:
            values = [v for v in cells.get(q.key, []) if v is not None]
            if q.kind == "multiple":
                for option in q.options:
                    row[f"{q.key}: {option.label}"] = int(option.value in values)
            elif q.kind == "ranking":
                row[q.key] = "; ".join(q.label_of(v) for v in values)
            elif q.kind == "text":
                row[q.key] = values[0] if values else ""
                row[f"{q.key}_sentiment"] = cells.get(f"{q.key}_sentiment", "")
                row[f"{q.key}_themes"] = cells.get(f"{q.key}_themes", "")
            else:
                row[q.key] = q.label_of(values[0]) if values else ""
        rows.append(row)
    return pd.DataFrame(rows)


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame with text cells that a spreadsheet would run as a formula prefixed by '."""

    def safe(value):
        return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    return frame.apply(lambda column: column.map(safe)) if not frame.empty else frame


def export_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """Return the table as CSV (UTF-8 with BOM, for Excel) or XLSX bytes."""
    frame = spreadsheet_safe(frame)
    if fmt == "csv":
        return frame.to_csv(index=False).encode("utf-8-sig")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name="Responses", engine="openpyxl")
        return buffer.getvalue()
    raise ValueError(f"Unknown export format '{fmt}': use csv or xlsx.")
