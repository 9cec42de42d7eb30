"""Who was heard: responses per 1,000 residents by neighbourhood and by its deprivation decile.

An area's IMD decile here is the national decile of its population-weighted average IMD rank.

Geographies nest through LSOAs: a response placed in area A counts toward area T with weight
population(A ∩ T) / population(A), so it counts whole when A lies inside T (an MSOA inside a
target ward) and in part when A is bigger than T or only overlaps it (a ward answer toward one
of its MSOAs). T's rate per 1,000 uses T's population. Responses that cannot be placed (no
neighbourhood, or a code not in the current edition) count toward no area and not toward the
borough's rate: they are reported as "not placed".

Responses given before IoD2025 hold 2011 codes. With the ONS LSOA 2011 to 2021 lookup loaded, a
2011 code is placed in IoD2025 as the 2021 LSOAs it became (engagement.areas.edition_codes), and
the rule above applies unchanged: a response from a 2011 LSOA later split counts whole toward
the MSOA or target area holding both parts, and toward each part by its share of the people (no
part is guessed); one from an LSOA later merged counts whole toward the merged LSOA. Without the
lookup such responses are "not placed", as before. Deciles come from the current edition, named
by deciles_source().

A target (custom) area is "under-heard" when its rate, from placed responses, is under half the
borough's. Counts and rates are exact; engagement.figures rounds them when they are shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.custom import lsoa_populations
from engagement.areas.editions import edition_to_show, latest_edition_id
from engagement.areas.lookup import get_area_profile, neighbourhoods
from engagement.model import AreaProfile, EditionInfo
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP
from storage.models import Edition, LsoaIndices
from storage.survey_models import SurveyResponse

UNDER_HEARD_SHARE = 0.5


@dataclass(frozen=True)
class AreaHeard:
    area_code: str
    area_name: str
    kind: str
    responses: float | None  # exact, weighted by shared population; None: under 10, suppressed
    population: int
    per_1000: float | None
    imd_decile: int | None
    is_target: bool
    under_heard: bool
    # Why responses and per_1000 are None: statistics.FEWER_THAN_MINIMUM or PROTECTS_ANOTHER.
    withheld_because: str | None = None


@dataclass(frozen=True)
class DecileHeard:
    imd_decile: int
    responses: float | None
    population: int
    per_1000: float | None
    withheld_because: str | None = None  # as AreaHeard's


def _decile(avg_rank: float, lsoa_total: int) -> int:
    return min(10, max(1, math.ceil(avg_rank * 10 / lsoa_total)))


def counts_by_code(session: Session, survey_id: int) -> dict[str | None, int]:
    """Return the survey's responses (not those excluded as duplicates) by area code given."""
    return dict(
        session.execute(
            select(SurveyResponse.area_code, func.count())
            # Responses an officer excluded as duplicates count nowhere.
            .where(SurveyResponse.survey_id == survey_id, SurveyResponse.excluded_at.is_(None))
            .group_by(SurveyResponse.area_code)
        ).all()
    )


def _edition_id(session: Session, edition: EditionInfo) -> int:
    return session.scalar(select(Edition.id).where(Edition.key == edition.key))


def deciles_source(session: Session) -> str | None:
    """Return the sentence naming the edition the deciles come from ("Deciles from the English
    Indices of Deprivation 2025."), or None when nothing is imported."""
    edition = edition_to_show(session)
    if edition is None:
        return None
    if edition.info.is_sample:
        return "Deciles from the generated sample borough's figures (not official)."
    return f"Deciles from the {edition.title}."


def _shown(n: float) -> float | None:
    return n if n == 0 or n >= MIN_GROUP else None


def _weighted(
    counts: dict[str, int], lsoas: dict[str, dict[str, int]], target: dict[str, int]
) -> float:
    """Responses placed in each area of counts, each weighted by the share of its area's
    population that lives in target (LSOA code -> population)."""
    total = 0.0
    for code, n in counts.items():
        placed = lsoas.get(code)
        population = sum(placed.values()) if placed else 0
        if population:
            shared = sum(p for lsoa, p in placed.items() if lsoa in target)
            total += n * shared / population
    return total


def not_placed(session: Session, counts: dict[str | None, int]) -> int:
    """Return how many of the responses counted by area code (counts_by_code) could not be
    placed in an area (no neighbourhood given, or an area code not in the current edition)."""
    counts = dict(counts)
    missing = counts.pop(None, 0)
    edition_id = latest_edition_id(session)
    placed = lsoa_populations(session, edition_id, counts) if edition_id is not None else {}
    return missing + sum(n for code, n in counts.items() if code not in placed)


def _districts_of(session: Session, edition_id: int, codes) -> set[str]:
    """Return the districts holding the LSOAs of codes placed only through the lookup."""
    lsoas = lsoa_populations(session, edition_id, codes)
    members = {lsoa for placed in lsoas.values() for lsoa in placed}
    if not members:
        return set()
    return set(
        session.scalars(
            select(LsoaIndices.lad_code).where(
                LsoaIndices.edition_id == edition_id, LsoaIndices.code.in_(members)
            )
        )
    ) - {None}


def who_was_heard(
    session: Session, counts: dict[str | None, int], *, scope: tuple[str, ...] = ()
) -> tuple[list[AreaHeard], dict[str, int], dict[str, str]]:
    """Return (one row per neighbourhood, population by area code, name by area code) for the
    responses counted by area code (counts_by_code).

    Neighbourhoods are the council's target areas and the MSOAs of the councils in scope (or of
    the councils respondents live in, without a scope), plus any other area a respondent named.
    """
    counts = {c: n for c, n in counts.items() if c is not None}
    profiles: dict[str, AreaProfile] = {}
    for code in counts:
        profile = get_area_profile(session, code)
        if profile is not None:
            profiles[code] = profile
    edition_id = latest_edition_id(session)
    if edition_id is None:
        return [], {}, {}
    # Codes of the other geography (2011 LSOAs) have no profile here but may be placed.
    lsoas = lsoa_populations(session, edition_id, counts)
    lad_codes = {p.lad_code for p in profiles.values() if p.lad_code}
    lad_codes |= _districts_of(session, edition_id, lsoas.keys() - profiles.keys())
    lads = scope or tuple(sorted(lad_codes))
    listed = {a.code for a in neighbourhoods(session, lads)} if lads else set()
    for code in listed - profiles.keys():
        profile = get_area_profile(session, code)
        if profile is not None:
            profiles[code] = profile
    if not profiles:
        return [], {}, {}
    lsoas = lsoa_populations(session, edition_id, [*profiles, *counts, *lads])
    placed = {code: n for code, n in counts.items() if code in lsoas}
    borough_lsoas = {k: v for lad in lads for k, v in lsoas.get(lad, {}).items()}
    borough_population = sum(borough_lsoas.values())
    borough_rate = (
        1000 * _weighted(placed, lsoas, borough_lsoas) / borough_population
        if borough_population
        else None
    )

    rows = []
    for code, profile in profiles.items():
        n = _weighted(placed, lsoas, lsoas.get(code, {}))
        rate = 1000 * n / profile.population if profile.population else None
        is_target = profile.area.kind == "custom"
        shown = _shown(n)
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
                withheld_because=None if shown is not None else FEWER_THAN_MINIMUM,
            )
        )
    rows.sort(key=lambda r: (not r.is_target, r.imd_decile or 11, r.area_name))
    populations = {r.area_code: r.population for r in rows}
    return rows, populations, {r.area_code: r.area_name for r in rows}


def heard_by_decile(
    session: Session, counts: dict[str | None, int], rows: list[AreaHeard]
) -> list[DecileHeard]:
    """Return responses per 1,000 residents for each IMD decile, over the MSOAs in rows, of the
    responses counted by area code (counts_by_code; those placed in bigger or overlapping areas
    counted by shared population)."""
    msoas = [r for r in rows if r.kind == "msoa" and r.imd_decile is not None]
    if not msoas:
        return []
    counts = {c: n for c, n in counts.items() if c is not None}
    profile = get_area_profile(session, msoas[0].area_code)
    if profile is None:
        return []
    lsoas = lsoa_populations(
        session, _edition_id(session, profile.edition), [*counts, *(r.area_code for r in msoas)]
    )  # 2011 codes placed through the lookup, as in who_was_heard
    totals: dict[int, list[float]] = {}
    for row in msoas:
        total = totals.setdefault(row.imd_decile, [0.0, 0])
        total[0] += _weighted(counts, lsoas, lsoas.get(row.area_code, {}))
        total[1] += row.population
    result = []
    for decile in sorted(totals):
        n, population = totals[decile]
        shown = _shown(n)
        rate = 1000 * n / population if population and shown is not None else None
        why = None if shown is not None else FEWER_THAN_MINIMUM
        result.append(DecileHeard(decile, shown, int(population), rate, why))
    return result
