"""Everything /area and an area's page show: its deprivation profile in the edition asked for (the
latest by default), its change since the earlier edition, action plan counts, outcome indicators
and what residents there said in the latest survey."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from engagement.actions.area_counts import ActionCounts, action_counts
from engagement.actions.terms import today_in
from engagement.areas.area_map import has_map
from engagement.areas.change_report import ChangeSince, change_since
from engagement.areas.edition_profiles import profile_in_edition
from engagement.areas.editions import (
    EditionChoice,
    UnknownEdition,
    choose_edition,
    split_edition_word,
)
from engagement.areas.examples import example_areas
from engagement.areas.indicators import IndicatorComparison, area_indicators
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.assets.listing import AssetCounts, asset_counts
from engagement.ideas.views import IdeaCounts, idea_counts
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
    editions: EditionChoice | None = None  # the edition shown and the others one may ask for
    change: ChangeSince | None = None  # since the earlier edition, when both and the lookup are in
    edition_problem: str | None = None  # why nothing is shown: that edition is not loaded, or
    # does not have the area
    assets: AssetCounts | None = None  # community assets in the area, by kind
    ideas: IdeaCounts | None = None  # the project bank's published ideas, and those picked up

    @property
    def profile(self) -> AreaProfile | None:
        """Return the area's profile, when the lookup found one area."""
        return self.lookup.profile if self.lookup.status == "found" else None


def _report(
    session: Session,
    lookup: AreaLookup,
    timezone: str,
    now: datetime | None,
    choice: EditionChoice | None = None,
) -> AreaReport:
    profile = lookup.profile if lookup.status == "found" else None
    if profile is None:
        return AreaReport(lookup, editions=choice)
    if choice is not None and profile.edition.key != choice.shown.key:
        profile = profile_in_edition(session, profile.area.code, choice.shown)
        if profile is None:
            name = lookup.profile.area.name
            problem = (
                f"{name} has no figures in the {choice.shown.title}: it is not one of the areas "
                f"that edition covers. Ask without the year for the {choice.others[0].title}."
            )
            return AreaReport(
                AreaLookup("not_found", lookup.query), editions=choice, edition_problem=problem
            )
        lookup = replace(lookup, profile=profile)
    code = profile.area.code
    return AreaReport(
        lookup,
        actions=action_counts(session, profile, today_in(timezone, now)),
        indicators=tuple(area_indicators(session, code, profile.lad_code)),
        survey=latest_survey_figures(session, code),
        # Boundaries are of one geography: the map is drawn for the latest edition only.
        has_map=has_map(session, code) and (choice is None or choice.latest),
        editions=choice,
        change=change_since(session, code),
        assets=asset_counts(session, code),
        ideas=idea_counts(session, code),
    )


def _choice(
    session: Session, query: str, asked: str | int | None
) -> tuple[EditionChoice | None, str | None]:
    try:
        return choose_edition(session, asked), None
    except UnknownEdition as unknown:
        return None, str(unknown)


def area_report(
    session: Session,
    query: str,
    *,
    scope: tuple[str, ...] = (),
    timezone: str,
    now: datetime | None = None,
) -> AreaReport:
    """Return what `/area <query>` shows: the lookup and, for one area, its actions,
    indicators, survey and change. A query ending in a year ("heartsease 2019") shows that
    edition; a year no loaded edition has gives edition_problem, naming those loaded."""
    rest, year = split_edition_word(query)
    choice, problem = _choice(session, query, year)
    if problem is not None:
        return AreaReport(AreaLookup("not_found", query), edition_problem=problem)
    lookup = look_up_area(session, rest, scope=scope)
    if lookup.status == "empty":
        lookup = replace(lookup, examples=tuple(example_areas(session, scope=scope)))
    return _report(session, lookup, timezone, now, choice)


def area_report_for_code(
    session: Session,
    code: str,
    *,
    timezone: str,
    now: datetime | None = None,
    edition: str | int | None = None,
) -> AreaReport:
    """Return the report for the area with this code in the edition asked for (the year, e.g.
    "2019"; the latest by default): lookup status "not_found" if there is none, with
    edition_problem saying why when that edition is not loaded or lacks the area."""
    choice, problem = _choice(session, code, edition)
    if problem is not None:
        return AreaReport(AreaLookup("not_found", code), edition_problem=problem)
    if choice is not None and not choice.latest:
        profile = profile_in_edition(session, code, choice.shown)
        if profile is None:
            problem = f"No area has the code {code} in the {choice.shown.title}."
            return AreaReport(
                AreaLookup("not_found", code), editions=choice, edition_problem=problem
            )
        found = AreaLookup("found", code, profile=profile)
        return _report(session, found, timezone, now, choice)
    profile = get_area_profile(session, code)
    lookup = (
        AreaLookup("found", code, profile=profile) if profile else AreaLookup("not_found", code)
    )
    return _report(session, lookup, timezone, now, choice)
