"""Officers reading and coding residents' comments: filters, corrections, redaction and quotes.

The automatic sentiment and themes stay in CommentCoding beside the officer's corrections
(sentiment_override, themes_override), so summaries and exports use the correction and anyone
can still see what the machine thought. Only redacted_text is ever published, and only when an
officer has chosen to publish it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.comments.auto_coding import classify_sentiment
from engagement.comments.taxonomy import themes_taxonomy
from storage.base import utcnow
from storage.models import Area, CustomArea
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse

PER_PAGE = 20
SENTIMENTS = ("positive", "neutral", "negative")
MAX_REDACTED_CHARS = 10_000
MASK = "[removed]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# UK numbers: 07700 900123, 01603 212345, +44 (0)1603 212345, 0800 123 4567, written with
# spaces, dashes or dots between the groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:[\s.\-()]*\d){9,10}(?!\d)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class CommentFilters:
    """Which comments to list: by sentiment, theme and neighbourhood, and which page."""

    sentiment: str = ""
    theme: str = ""
    area: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> CommentFilters:
        """Return filters from a query string, ignoring values that make no sense."""
        sentiment = args.get("sentiment", "")
        try:
            page = max(1, min(int(args.get("page", "1")), 100_000))
        except ValueError:
            page = 1
        return cls(
            sentiment=sentiment if sentiment in SENTIMENTS else "",
            theme=args.get("theme", "")[:80],
            area=args.get("area", "")[:40],
            page=page,
        )

    def query_args(self, **changes) -> dict[str, str]:
        """Return the non-empty filters as query-string arguments, with changes applied."""
        values = {
            "sentiment": self.sentiment,
            "theme": self.theme,
            "area": self.area,
            "page": self.page,
        } | changes
        return {k: str(v) for k, v in values.items() if v and not (k == "page" and v == 1)}


@dataclass(frozen=True)
class CodedComment:
    """One comment as an officer codes it: what was written,
    the automatic coding and corrections."""

    answer_id: int
    question_key: str
    text: str
    area_code: str | None
    area_name: str | None
    respondent_type: str | None
    submitted_at: datetime
    polarity: float
    sentiment: str
    themes: tuple[str, ...]
    cues: tuple[str, ...]
    sentiment_override: str | None
    themes_override: tuple[str, ...] | None
    redacted_text: str | None
    publish_quote: bool
    coded_by: str | None
    coded_at: datetime | None

    @property
    def sentiment_now(self) -> str:
        """Return the sentiment summaries use: the officer's, else the automatic one."""
        return self.sentiment_override or self.sentiment

    @property
    def themes_now(self) -> tuple[str, ...]:
        """Return the themes summaries use: the officer's, else the automatic ones."""
        return self.themes_override if self.themes_override is not None else self.themes


@dataclass(frozen=True)
class CommentPage:
    """One page of comments with what the filters can choose from."""

    comments: list[CodedComment]
    total: int
    filters: CommentFilters
    pages: int
    themes: tuple[str, ...]
    areas: tuple[tuple[str, str], ...]  # (code, name)


def suggest_redaction(text: str) -> str:
    """Return text with e-mail addresses, UK phone numbers and postcodes replaced by [removed].

    A first pass only: names and other details are for the officer to remove.
    """
    masked = _EMAIL.sub(MASK, text or "")
    masked = _PHONE.sub(MASK, masked)
    return _POSTCODE.sub(MASK, masked)


def _area_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    names = dict(session.execute(select(Area.code, Area.name).where(Area.code.in_(codes))).all())
    names |= dict(
        session.execute(
            select(CustomArea.code, CustomArea.name).where(CustomArea.code.in_(codes))
        ).all()
    )
    return names


def _rows(survey_id: int):
    return (
        select(
            SurveyAnswer.id,
            SurveyAnswer.question_key,
            SurveyAnswer.value,
            SurveyResponse.area_code,
            SurveyResponse.respondent_type,
            SurveyResponse.submitted_at,
            CommentCoding,
        )
        .join(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyAnswer.survey_id == survey_id, SurveyAnswer.value.is_not(None))
    )


def comments_page(session: Session, survey_id: int, filters: CommentFilters) -> CommentPage:
    """Return one page of a survey's comments, oldest first, filtered as asked."""
    light = (
        select(SurveyAnswer.id, CommentCoding.themes, CommentCoding.themes_override)
        .join(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyAnswer.survey_id == survey_id, SurveyAnswer.value.is_not(None))
    )
    if filters.sentiment:
        light = light.where(
            func.coalesce(CommentCoding.sentiment_override, CommentCoding.sentiment)
            == filters.sentiment
        )
    if filters.area:
        light = light.where(SurveyResponse.area_code == filters.area)
    ids = [
        answer_id
        for answer_id, automatic, corrected in session.execute(light.order_by(SurveyAnswer.id))
        if not filters.theme
        or filters.theme in (corrected if corrected is not None else automatic or [])
    ]
    pages = max(1, math.ceil(len(ids) / PER_PAGE))
    page = min(filters.page, pages)
    wanted = ids[(page - 1) * PER_PAGE : page * PER_PAGE]
    rows = (
        session.execute(
            _rows(survey_id).where(SurveyAnswer.id.in_(wanted)).order_by(SurveyAnswer.id)
        ).all()
        if wanted
        else []
    )
    area_codes = set(
        session.scalars(
            select(SurveyResponse.area_code)
            .distinct()
            .where(SurveyResponse.survey_id == survey_id, SurveyResponse.area_code.is_not(None))
        )
    )
    names = _area_names(session, area_codes)
    comments = [_comment(row, names) for row in rows]
    return CommentPage(
        comments=comments,
        total=len(ids),
        filters=CommentFilters(filters.sentiment, filters.theme, filters.area, page),
        pages=pages,
        themes=tuple(themes_taxonomy(session)),
        areas=tuple(sorted(((c, names.get(c, c)) for c in area_codes), key=lambda a: a[1])),
    )


def _comment(row, names: dict[str, str]) -> CodedComment:
    answer_id, key, value, area_code, respondent_type, submitted_at, coding = row
    return CodedComment(
        answer_id=answer_id,
        question_key=key,
        text=value,
        area_code=area_code,
        area_name=names.get(area_code) if area_code else None,
        respondent_type=respondent_type,
        submitted_at=submitted_at,
        polarity=coding.polarity,
        sentiment=coding.sentiment,
        themes=tuple(coding.themes or ()),
        cues=classify_sentiment(value).cues,
        sentiment_override=coding.sentiment_override,
        themes_override=tuple(coding.themes_override)
        if coding.themes_override is not None
        else None,
        redacted_text=coding.redacted_text,
        publish_quote=bool(coding.publish_quote),
        coded_by=coding.coded_by,
        coded_at=coding.coded_at,
    )


def find_comment(session: Session, survey_id: int, answer_id: int) -> CodedComment | None:
    """Return one comment of the survey, or None when the survey has no such comment."""
    row = session.execute(_rows(survey_id).where(SurveyAnswer.id == answer_id)).first()
    if row is None:
        return None
    names = _area_names(session, {row[3]} if row[3] else set())
    return _comment(row, names)


def code_comment_by_officer(
    session: Session,
    survey_id: int,
    answer_id: int,
    *,
    sentiment: str,
    themes: list[str],
    redacted_text: str,
    publish: bool,
    officer: str,
) -> dict[str, str]:
    """Save an officer's coding of one comment; return {field: GOV.UK error} (empty when saved).

    sentiment "" keeps the automatic one; themes equal to the automatic ones store no override.
    A quote can only be published with redacted text, and only that text is ever published.
    """
    errors: dict[str, str] = {}
    coding = session.scalar(
        select(CommentCoding)
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .where(
            SurveyAnswer.survey_id == survey_id,
            SurveyAnswer.id == answer_id,
            SurveyAnswer.value.is_not(None),
        )
    )
    if coding is None:
        raise LookupError(answer_id)
    if sentiment and sentiment not in SENTIMENTS:
        errors["sentiment"] = "Select the tone of the comment"
    known = themes_taxonomy(session)
    chosen = [t for t in known if t in set(themes)]
    # A theme the taxonomy has since lost may still be on the comment; keep it if still ticked.
    chosen += [
        t for t in themes if t not in known and t in (coding.themes_override or coding.themes or [])
    ]
    if len(chosen) != len(set(themes)):
        errors["themes"] = "Select themes from the list"
    redacted = (redacted_text or "").replace("\r\n", "\n").strip()
    if len(redacted) > MAX_REDACTED_CHARS:
        errors["redacted_text"] = (
            f"The text to publish must be {figures.count(MAX_REDACTED_CHARS)} characters or fewer"
        )
    elif publish and not redacted:
        errors["redacted_text"] = (
            "Enter the comment as it can be published, with personal details removed"
        )
    if errors:
        return errors
    coding.sentiment_override = sentiment or None
    coding.themes_override = None if sorted(chosen) == sorted(coding.themes or []) else chosen
    coding.redacted_text = redacted or None
    coding.publish_quote = bool(publish and redacted)
    coding.coded_by = officer
    coding.coded_at = utcnow()
    session.flush()
    return {}
