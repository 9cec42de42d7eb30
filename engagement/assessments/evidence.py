"""The evidence beside an impact assessment: how deprived the areas its subject touches are,
what residents there said in surveys, and who was and was not heard.

The areas: an action's own areas (the borough, for a borough-wide action), a PB round's area, the
areas a survey's responses came from; a decision has none. Their deprivation is the area
profile's (engagement.areas.glance: the decile, and the "most deprived domains" it names). What
residents said, and who was heard, is engagement.assessments.evidence_surveys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.custom import lsoa_populations
from engagement.areas.editions import latest_edition_id
from engagement.areas.glance import most_deprived_domains, national_decile, position_words
from engagement.areas.lookup import get_area_profile
from engagement.assessments.evidence_surveys import (
    SurveyEvidence,
    recent_surveys,
    survey_evidence,
)
from engagement.comments.taxonomy import themes_taxonomy
from engagement.comments.themes import find_themes
from engagement.model import AreaProfile
from engagement.surveys.representation import counts_by_code, deciles_source
from storage.action_models import Action, ActionArea
from storage.assessment_models import Assessment
from storage.pb_models import PbRound
from storage.survey_models import Survey

NO_AREAS = {
    "decision": "A decision has no areas of its own: no area is shown. Add what you know of the "
    "places it affects in the comments.",
    "gone": "What this assessed is no longer recorded, so it has no areas to show.",
    "survey": "No responses to this survey name an area yet.",
    "borough": "This is for the whole borough, but no council is set "
    "(FAIRER_LOCAL_AUTHORITIES), so no area is shown.",
    "unknown": "None of its areas is in the current edition of the Indices.",
}


@dataclass(frozen=True)
class DomainNote:
    """One of an area's most deprived domains, in words: "average rank 2,345; decile 1"."""

    label: str
    words: str


@dataclass(frozen=True)
class AreaEvidence:
    """An area the subject touches: its name, kind, IMD decile and most deprived domains."""

    code: str
    name: str
    kind_label: str
    imd_decile: int | None  # None: no figures in the current edition
    imd_words: str  # "IMD decile 2 (rank 3,456 of 32,844)"
    position: str  # "among the most deprived 20% of England"
    domains: tuple[DomainNote, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What an officer reads beside the form; every figure already worded for people."""

    subject_kind: str
    areas: tuple[AreaEvidence, ...] = ()
    no_areas: str = ""  # why no area is shown
    borough_wide: bool = False
    related_themes: tuple[str, ...] = ()  # comment themes the subject's theme and title name
    surveys: tuple[SurveyEvidence, ...] = ()
    no_surveys: str = ""
    source: str | None = None  # "Deciles from the English Indices of Deprivation 2019."


@dataclass(frozen=True)
class _Subject:
    codes: tuple[str, ...]
    names: dict[str, str]
    borough_wide: bool = False
    about: str = ""  # text whose themes the subject is about
    survey: Survey | None = None


def assessment_evidence(
    session: Session, assessment: Assessment, *, scope: tuple[str, ...], today: date
) -> Evidence:
    """Return the evidence for an assessment: its areas' deprivation, what residents there said in
    the surveys most recently answered (up to today), and who was and was not heard; for a
    decision, or a subject no longer recorded, no_areas says why there is none."""
    kind = assessment.subject_kind
    subject = _subject(session, assessment, scope)
    if subject is None:
        return Evidence(kind, no_areas=NO_AREAS["decision" if kind == "decision" else "gone"])
    areas = tuple(_area(session, code, subject.names.get(code, code)) for code in subject.codes)
    if subject.survey is not None:
        areas = tuple(sorted(areas, key=lambda a: (a.imd_decile or 11, a.name)))
    edition_id = latest_edition_id(session)
    whole = subject.survey is not None or (subject.borough_wide and not scope)
    inside = None
    if not whole:
        placed = lsoa_populations(session, edition_id, subject.codes) if edition_id else {}
        inside = {lsoa for lsoas in placed.values() for lsoa in lsoas}
    related = tuple(find_themes(subject.about, themes_taxonomy(session))) if subject.about else ()
    surveys = [subject.survey] if subject.survey is not None else recent_surveys(session, today)
    return Evidence(
        kind,
        areas=areas,
        no_areas=_no_areas(subject, areas),
        borough_wide=subject.borough_wide,
        related_themes=related,
        surveys=tuple(
            survey_evidence(session, s, edition_id, inside, related, scope, whole=whole)
            for s in surveys
        ),
        no_surveys="" if surveys else "No survey has any responses yet.",
        source=deciles_source(session),
    )


# --- the subject and its areas -----------------------------------------------------------------


def _subject(session: Session, assessment: Assessment, scope: tuple[str, ...]) -> _Subject | None:
    kind = assessment.subject_kind
    if kind == "action" and assessment.action_id is not None:
        action = session.get(Action, assessment.action_id)
        if action is None:
            return None
        rows = session.execute(
            select(ActionArea.area_code, ActionArea.area_name)
            .where(ActionArea.action_id == action.id)
            .order_by(ActionArea.area_name)
        ).all()
        about = f"{action.theme}. {action.title}"
        if not rows:  # borough-wide: the council's own local authorities
            return _Subject(tuple(scope), {}, borough_wide=True, about=about)
        return _Subject(tuple(r[0] for r in rows), dict(rows), about=about)
    if kind == "pb_round":
        pb = session.scalar(select(PbRound).where(PbRound.slug == assessment.subject_slug))
        return _Subject((pb.area_code,), {}, about=pb.title) if pb is not None else None
    if kind == "survey":
        survey = session.scalar(select(Survey).where(Survey.slug == assessment.subject_slug))
        if survey is None:
            return None
        counts = counts_by_code(session, survey.id)
        codes = tuple(
            c for c in sorted(counts, key=str) if c is not None and get_area_profile(session, c)
        )
        return _Subject(codes, {}, survey=survey)
    return None


def _no_areas(subject: _Subject, areas: tuple[AreaEvidence, ...]) -> str:
    if subject.survey is not None:
        return "" if areas else NO_AREAS["survey"]
    if not areas:
        return NO_AREAS["borough"]
    return "" if any(a.imd_decile for a in areas) else NO_AREAS["unknown"]


def _area(session: Session, code: str, name: str) -> AreaEvidence:
    profile = get_area_profile(session, code)
    imd = next((m for m in profile.measures if m.key == "imd"), None) if profile else None
    decile = national_decile(imd.avg_rank, profile.edition.lsoa_total) if imd else None
    if profile is None or decile is None:
        words = "No deprivation figures for this area in the current edition."
        return AreaEvidence(code, name, "", None, words, "")
    total = figures.count(profile.edition.lsoa_total)
    lsoa = profile.area.kind == "lsoa"
    if lsoa:
        words = f"IMD decile {decile} (rank {figures.rank(imd.avg_rank)} of {total})"
    else:
        words = (
            f"IMD decile {decile} on average (average rank {figures.rank(imd.avg_rank)} of {total})"
        )
    return AreaEvidence(
        profile.area.code,
        profile.area.name,
        profile.area.kind_label,
        decile,
        words,
        position_words(decile),
        tuple(_domain(profile, m, lsoa) for m in most_deprived_domains(profile)),
    )


def _domain(profile: AreaProfile, measure, lsoa: bool) -> DomainNote:
    decile = national_decile(measure.avg_rank, profile.edition.lsoa_total)
    rank = f"{'rank' if lsoa else 'average rank'} {figures.rank(measure.avg_rank)}"
    return DomainNote(measure.label, f"{rank}; {position_words(decile)}" if decile else rank)
