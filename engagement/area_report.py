"""Everything /area and an area's page show: its deprivation profile, action plan counts,
outcome indicators and what residents there said in the latest survey."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from engagement.actions.area_counts import ActionCounts, action_counts
from engagement.actions.terms import today_in
from engagement.areas.area_map import has_map
from engagement.areas.examples import example_areas
from engagement.areas.indicators import IndicatorComparison, area_indicators
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.model import AreaLookup, AreaProfile
from engagement.surveys.area_voices import AreaSurveyFigures, latest_survey_figures


@dataclass(frozen=True)
class AreaReport:
    """An area lookup and, when it found one area, what is known about that
    area beyond deprivation."""

    lookup: AreaLookup
    actions: ActionCounts | None = None
    indicators: tuple[IndicatorComparison, ...] = ()
    survey: AreaSurveyFigures | None = None
    has_map: bool = False  # boundaries are imported for its neighbourhoods

    @property
    def profile(self) -> AreaProfile | None:
        """Return the area's profile, when the lookup found one area."""
        return self.lookup.profile if self.lookup.status == "found" else None


def _report(
    session: Session, lookup: AreaLookup, timezone: str, now: datetime | None
) -> AreaReport:
    profile = lookup.profile if lookup.status == "found" else None
    if profile is None:
        return AreaReport(lookup)
    return AreaReport(
        lookup,
        actions=action_counts(session, profile, today_in(timezone, now)),
        indicators=tuple(area_indicators(session, profile.area.code, profile.lad_code)),
        survey=latest_survey_figures(session, profile.area.code),
        has_map=has_map(session, profile.area.code),
    )


def area_report(
    session: Session,
    query: str,
    *,
    scope: tuple[str, ...] = (),
    timezone: str,
    now: datetime | None = None,
) -> AreaReport:
    """Return what `/area <query>` shows: the lookup and, for one area, its actions,
    indicators and survey."""
    lookup = look_up_area(session, query, scope=scope)
    if lookup.status == "empty":
        lookup = replace(lookup, examples=tuple(example_areas(session, scope=scope)))
    return _report(session, lookup, timezone, now)


def area_report_for_code(
    session: Session, code: str, *, timezone: str, now: datetime | None = None
) -> AreaReport:
    """Return the report for the area with this code (lookup status "not_found" if
    there is none)."""
    profile = get_area_profile(session, code)
    lookup = (
        AreaLookup("found", code, profile=profile) if profile else AreaLookup("not_found", code)
    )
    return _report(session, lookup, timezone, now)
