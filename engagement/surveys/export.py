"""Responses as a table: one row per response, one column per question (CONTRACT.md).

CSV is for scripts: its header row is the column keys and times are ISO 8601 with their offset.
XLSX is for analysts: the questions' text as headers, a "Codebook" sheet giving each column's
key, question and options, a frozen header row with filters, widths to fit, and real Excel dates
in UK time. In both, a question the respondent was never shown (show_if) is blank, and text that
a spreadsheet would run as a formula is kept as text: with a leading apostrophe in CSV, as a text
cell in XLSX (so no apostrophe shows).
"""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.errors import ImportProblem
from engagement.figures import iso_timestamp
from engagement.surveys.store import find_survey
from storage.base import stored_utc
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UK_TIME = ZoneInfo("Europe/London")
FIXED = (
    ("receipt_code", "Receipt code", ""),
    ("channel", "How it was sent", "web, paper or other"),
    ("submitted_at", "Sent", "CSV: ISO 8601 with UTC offset; XLSX: a date and time in UK time"),
    ("area_code", "Neighbourhood code", "the area the answer was placed in, if any"),
    ("language", "Language", "en, cy, ur …"),
)
EXCLUDED_COLUMN = (
    "excluded_reason",
    "Why officers excluded it",
    "blank: counted in the results; otherwise the reason it was left out as a likely duplicate",
)
CHOSEN = "1 chosen, 0 not chosen, blank if the question was not shown"
WIDEST = 60  # characters: longer headers and answers wrap in Excel rather than run on


def codebook(definition) -> list[tuple[str, str, str]]:
    """Return (column key, what it holds, its options or values) for every column of the
    export, in order: the fixed columns, then the questions' columns."""
    book = list(FIXED)
    for q in definition.questions:
        options = "; ".join(f"{o.value} = {o.label}" for o in q.options)
        if q.kind == "multiple":
            book += [(f"{q.key}: {o.label}", f"{q.prompt} – {o.label}", CHOSEN) for o in q.options]
        elif q.kind == "ranking":
            book.append((q.key, q.prompt, f"options in the order given, '; ' between: {options}"))
        elif q.kind == "text":
            book += [
                (q.key, q.prompt, "free text"),
                (f"{q.key}_sentiment", f"{q.prompt} – tone", "positive, neutral or negative"),
                (f"{q.key}_themes", f"{q.prompt} – themes", "themes, '; ' between"),
            ]
        else:
            book.append((q.key, q.prompt, options))
    return book


def _shown(q, cells: dict[str, list]) -> bool:
    if q.show_if is None:
        return True
    given = {k: (v if len(v) > 1 else v[0]) for k, v in cells.items() if v and ":" not in k}
    return q.show_if.holds(given)


def responses_table(session: Session, slug: str, *, include_excluded: bool = False) -> pd.DataFrame:
    """Return every response to the survey counted in its results: receipt, channel, date, area,
    language, then the questions, with the codebook in frame.attrs["codebook"] and how many
    responses officers excluded as likely duplicates, left out, in frame.attrs["excluded"].
    With include_excluded those are kept too, and a last column "excluded_reason" gives the
    officer's reason (blank for a counted response). Answers are the English labels
    whatever language they were given in (the stored values are the same in every language);
    "language" says which ("en", "cy", "ur" …; "en" for responses from before it was recorded).

    Multiple choice has one 0/1 column per option ("K: option"); ranking gives the options in
    order separated by "; "; a free-text column K is followed by K_sentiment and K_themes. A
    question the respondent was not shown is blank (None). Columns are there with no responses.
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
    # Left out by default, as from every figure: the file then agrees with the results pages.
    excluded = dict(
        session.execute(
            select(SurveyResponse.id, SurveyResponse.excluded_reason).where(
                SurveyResponse.survey_id == survey.id, SurveyResponse.excluded_at.is_not(None)
            )
        ).all()
    )
    if not include_excluded:
        responses = [r for r in responses if r[0] not in excluded]
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
            cells[f"{key}_sentiment:"] = [s_override or sentiment]
            cells[f"{key}_themes:"] = [
                "; ".join(t_override if t_override is not None else themes or [])
            ]
    book = codebook(definition) + ([EXCLUDED_COLUMN] if include_excluded else [])
    rows = []
    for response_id, receipt, channel, language, submitted, area in responses:
        cells = by_response.get(response_id, {})
        row = {
            "receipt_code": receipt,
            "channel": channel,
            "submitted_at": iso_timestamp(stored_utc(submitted)),
            "area_code": area or "",
            "language": language or "en",
        }
        for q in definition.questions:
            shown = _shown(q, cells)
            values = [v for v in cells.get(q.key, []) if v is not None]
            if q.kind == "multiple":
                for option in q.options:
                    row[f"{q.key}: {option.label}"] = int(option.value in values) if shown else None
            elif q.kind == "ranking":
                row[q.key] = "; ".join(q.label_of(v) for v in values) if shown else None
            elif q.kind == "text":
                row[q.key] = (values[0] if values else "") if shown else None
                for part in ("sentiment", "themes"):
                    coded = cells.get(f"{q.key}_{part}:", [""])[0]
                    row[f"{q.key}_{part}"] = coded if shown else None
            else:
                row[q.key] = (q.label_of(values[0]) if values else "") if shown else None
        if include_excluded:
            row[EXCLUDED_COLUMN[0]] = excluded.get(response_id) or ""
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[key for key, _text, _options in book])
    chosen = [key for key, _text, options in book if options == CHOSEN]
    frame[chosen] = frame[chosen].astype("Int64")  # 0 and 1, blank where never shown
    frame.attrs["codebook"] = book
    frame.attrs["excluded"] = 0 if include_excluded else len(excluded)
    return frame


def _formula_safe(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame with text cells that a spreadsheet would run as a formula prefixed by '."""
    return frame.apply(lambda column: column.map(_formula_safe)) if not frame.empty else frame


def _excel_time(text) -> datetime | None:
    """Return an ISO 8601 moment as a naive UK-time datetime (Excel has no time zones)."""
    if not text:
        return None
    return datetime.fromisoformat(text).astimezone(UK_TIME).replace(tzinfo=None)


def _xlsx(frame: pd.DataFrame) -> bytes:
    book = frame.attrs.get("codebook") or [(c, c, "") for c in frame.columns]
    headers = {key: text for key, text, _options in book}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Responses"
    sheet.append([headers.get(c, c) for c in frame.columns])
    widths = [len(str(headers.get(c, c))) for c in frame.columns]
    for record in frame.itertuples(index=False):
        row = []
        for i, (column, value) in enumerate(zip(frame.columns, record, strict=True)):
            if column == "submitted_at":
                value = _excel_time(value)
            elif value is None or value is pd.NA:
                value = None
            elif hasattr(value, "item"):  # numpy and pandas integers, which openpyxl refuses
                value = value.item()
            row.append(value)
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            # Text that would start a formula stays text; no apostrophe is shown.
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                cell.data_type = "s"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 8) + 2, WIDEST)
    codes = workbook.create_sheet("Codebook")
    codes.append(["Column key", "Question", "Options"])
    for entry in book:
        codes.append(list(entry))
    codes.freeze_panes = "A2"
    for letter, width in zip("ABC", (30, WIDEST, WIDEST), strict=True):
        codes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """Return the table as CSV (UTF-8 with BOM, for Excel; keys as headers) or XLSX bytes."""
    if fmt == "csv":
        return spreadsheet_safe(frame).to_csv(index=False).encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(frame)
    raise ValueError(f"Unknown export format '{fmt}': use csv or xlsx.")
