"""What residents of one area said in the latest survey they answered (protected: under 10,
nothing; nor when the survey's published tables withhold the area to protect another's count,
since this page's count beside them would give that one away)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.lookup import member_codes
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP, PROTECTS_ANOTHER
from engagement.surveys.definition import definition_from_json
from engagement.surveys.duplicates import excluded_ids
from engagement.surveys.heard_disclosure import published_heard
from engagement.surveys.summary import Agreement, agreement
from storage.survey_models import Survey, SurveyAnswer, SurveyResponse


@dataclass(frozen=True)
class AreaSurveyFigures:
    """The latest survey with responses from an area; statements empty when under 10 responded."""

    slug: str
    title: str
    responses: int | None  # None: withheld, and why
    statements: tuple[tuple[str, Agreement], ...]
    withheld_because: str | None = None  # statistics.FEWER_THAN_MINIMUM or PROTECTS_ANOTHER


def latest_survey_figures(session: Session, area_code: str) -> AreaSurveyFigures | None:
    """Return agreement among the area's respondents in the latest survey they answered, or None."""
    codes = member_codes(session, area_code)
    latest = session.execute(
        select(SurveyResponse.survey_id, func.count(), func.max(SurveyResponse.submitted_at))
        .where(SurveyResponse.area_code.in_(codes), SurveyResponse.excluded_at.is_(None))
        .group_by(SurveyResponse.survey_id)
        .order_by(func.max(SurveyResponse.submitted_at).desc())
        .limit(1)
    ).first()
    if latest is None:
        return None
    survey_id, responses, _when = latest
    survey = session.get(Survey, survey_id)
    if responses < MIN_GROUP:
        return AreaSurveyFigures(survey.slug, survey.title, None, (), FEWER_THAN_MINIMUM)
    if _protects_another(session, survey_id, area_code):
        return AreaSurveyFigures(survey.slug, survey.title, None, (), PROTECTS_ANOTHER)
    definition = definition_from_json(survey.definition)
    likert = [q for q in definition.questions if q.kind == "likert"]
    counts: dict[str, dict[str, int]] = {}
    for key, value, n in session.execute(
        select(SurveyAnswer.question_key, SurveyAnswer.value, func.count())
        .where(
            SurveyAnswer.survey_id == survey_id,
            SurveyAnswer.area_code.in_(codes),
            SurveyAnswer.question_key.in_([q.key for q in likert]),
            SurveyAnswer.response_id.not_in(excluded_ids(session, survey_id)),
        )
        .group_by(SurveyAnswer.question_key, SurveyAnswer.value)
    ):
        counts.setdefault(key, {})[value] = n
    statements = tuple((q.prompt, agreement(counts.get(q.key, {}))) for q in likert)
    return AreaSurveyFigures(survey.slug, survey.title, responses, statements)


def _protects_another(session: Session, survey_id: int, area_code: str) -> bool:
    rows, _deciles, _populations, _unplaced = published_heard(session, survey_id)
    row = next((r for r in rows if r.area_code == area_code), None)
    return row is not None and row.withheld_because == PROTECTS_ANOTHER
