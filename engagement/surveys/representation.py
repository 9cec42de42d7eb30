"""Who was heard: responses per 1,000 residents by neighbourhood and by its deprivation decile.

An area's IMD decile here is the national decile of its population-weighted average IMD rank.
A target (custom) area is "under-heard" when its rate is under half the borough's. Rates are
exact; engagement.figures rounds them when they are shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.lookup import get_area_profile, member_codes, neighbourhoods
from engagement.statistics import MIN_GROUP
from storage.survey_models import SurveyResponse

UNDER_HEARD_SHARE = 0.5


@dataclass(frozen=True)
class AreaHeard:
    area_code: str
    area_name: str
    kind: str
    responses: int | None  # None: fewer than 10, suppressed
    population: int
    per_1000: float | None
    imd_decile: int | None
    is_target: bool
    under_heard: bool


@dataclass(frozen=True)
class DecileHeard:
    imd_decile: int
    responses: int | None
    population: int
    per_1000: float | None


def _decile(avg_rank: float, lsoa_total: int) -> int:
    return min(10, max(1, math.ceil(avg_rank * 10 / lsoa_total)))


def who_was_heard(
    session: Session, survey_id: int, *, scope: tuple[str, ...] = ()
) -> tuple[list[AreaHeard], dict[str, int], dict[str, str]]:
    """Return (one row per neighbourhood, population by area code, name by area code).

    Neighbourhoods are the council's target areas and the MSOAs of the councils in scope (or of
    the councils respondents live in, without a scope), plus any other area a respondent named.
    """
    counts = dict(
        session.execute(
            select(SurveyResponse.area_code, func.count())
            .where(SurveyResponse.survey_id == survey_id, SurveyResponse.area_code.is_not(None))
            .group_by(SurveyResponse.area_code)
        ).all()
    )
    profiles = {code: get_area_profile(session, code) for code in counts}
    profiles = {code: p for code, p in profiles.items() if p is not None}
    lads = scope or tuple(sorted({p.lad_code for p in profiles.values() if p.lad_code}))
    listed = {a.code for a in neighbourhoods(session, lads)} if lads else set()
    for code in listed - profiles.keys():
        profile = get_area_profile(session, code)
        if profile is not None:
            profiles[code] = profile
    borough_population = sum(
        p.population for p in (get_area_profile(session, lad) for lad in lads) if p
    )
    borough_rate = 1000 * sum(counts.values()) / borough_population if borough_population else None

    rows = []
    for code, profile in profiles.items():
        members = member_codes(session, code) if profile.area.kind == "custom" else {code}
        n = sum(counts.get(m, 0) for m in members)
        rate = 1000 * n / profile.population if profile.population else None
        is_target = profile.area.kind == "custom"
        shown = n if n == 0 or n >= MIN_GROUP else None
        rows.append(
            AreaHeard(
                area_code=code,
                area_name=profile.area.name,
                kind=profile.area.kind,
                responses=shown,
                population=profile.population,
                per_1000=rate if shown is not None else None,
                imd_decile=_decile(profile.measure("imd").avg_rank, profile.edition.lsoa_total),
                is_target=is_target,
                under_heard=bool(
                    is_target
                    and borough_rate
                    and rate is not None
                    and rate < UNDER_HEARD_SHARE * borough_rate
                ),
            )
        )
    rows.sort(key=lambda r: (not r.is_target, r.imd_decile or 11, r.area_name))
    populations = {r.area_code: r.population for r in rows}
    return rows, populations, {r.area_code: r.area_name for r in rows}


def heard_by_decile(session: Session, survey_id: int, rows: list[AreaHeard]) -> list[DecileHeard]:
    """Return responses per 1,000 residents for each IMD decile, over the MSOAs in rows."""
    counts = dict(
        session.execute(
            select(SurveyResponse.area_code, func.count())
            .where(SurveyResponse.survey_id == survey_id)
            .group_by(SurveyResponse.area_code)
        ).all()
    )
    totals: dict[int, list[int]] = {}
    for row in rows:
        if row.kind != "msoa" or row.imd_decile is None:
            continue
        total = totals.setdefault(row.imd_decile, [0, 0])
        total[0] += counts.get(row.area_code, 0)
        total[1] += row.population
    result = []
    for decile in sorted(totals):
        n, population = totals[decile]
        shown = n if n == 0 or n >= MIN_GROUP else None
        rate = 1000 * n / population if population and shown is not None else None
        result.append(DecileHeard(decile, shown, population, rate))
    return result
