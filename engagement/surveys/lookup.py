"""Find a survey by what an officer typed (`/survey draft priorities`) and summarise it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.index import normalise
from engagement.surveys.store import survey_state
from engagement.surveys.summary import SurveySummary, summarise_survey
from storage.survey_models import Survey, SurveyResponse


@dataclass(frozen=True)
class SurveyListing:
    slug: str
    title: str
    state: str  # open, not_open_yet, closed
    responses: int


@dataclass(frozen=True)
class SurveyLookup:
    """The answer to `/survey <text>`: a summary, the list to choose from, or nothing found."""

    status: Literal["found", "list", "not_found"]
    query: str
    summary: SurveySummary | None = None
    surveys: tuple[SurveyListing, ...] = ()


def list_surveys(session: Session) -> list[SurveyListing]:
    """Return every survey with its state and response count, newest first."""
    counts = dict(
        session.execute(
            select(SurveyResponse.survey_id, func.count()).group_by(SurveyResponse.survey_id)
        ).all()
    )
    return [
        SurveyListing(s.slug, s.title, survey_state(s), counts.get(s.id, 0))
        for s in session.scalars(
            select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())
        )
    ]


def look_up_survey(session: Session, query: str, *, scope: tuple[str, ...] = ()) -> SurveyLookup:
    """Return the protected summary of the survey query names (slug or title, forgivingly),
    or the list of surveys when query is empty or matches none."""
    surveys = list_surveys(session)
    query = query.strip()
    if not query:
        return SurveyLookup("list", query, surveys=tuple(surveys))
    wanted = normalise(query)
    exact = [s for s in surveys if normalise(s.slug) == wanted or normalise(s.title) == wanted]
    if not exact and surveys:
        names = [normalise(f"{s.slug} {s.title}") for s in surveys]
        best = process.extractOne(wanted, names, scorer=fuzz.token_set_ratio, score_cutoff=80)
        exact = [surveys[best[2]]] if best else []
    if not exact:
        return SurveyLookup("not_found", query, surveys=tuple(surveys))
    return SurveyLookup(
        "found", query, summary=summarise_survey(session, exact[0].slug, scope=scope)
    )
