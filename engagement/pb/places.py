"""Where voters live: the neighbourhoods a round offers, and turnout per 1,000 residents.

Ballots are placed as survey responses are (engagement.surveys.representation): through LSOAs,
so a ballot from a neighbourhood counts toward another area by the share of its population
living there. A neighbourhood's IMD decile is the national decile of its population-weighted
average IMD rank. Groups of fewer than 10 ballots are withheld, with a second group where one
alone would let it be worked out from the total (engagement.statistics.suppress).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.custom import lsoa_populations
from engagement.areas.lookup import get_area_profile, neighbourhoods
from engagement.model import AreaProfile, AreaSummary
from engagement.pb.rounds import LoadedRound
from engagement.statistics import FEWER_THAN_MINIMUM, PROTECTS_ANOTHER, suppress
from storage.models import Edition
from storage.pb_models import PbBallot


@dataclass(frozen=True)
class Turnout:
    """Ballots from a neighbourhood or an IMD decile: ballots and rate None when withheld, with
    why (engagement.statistics' reason), the population, and the IMD decile (1 = most deprived)."""

    code: str
    name: str
    ballots: float | None
    population: int
    per_1000: float | None
    imd_decile: int | None
    withheld: str | None


def _decile(profile: AreaProfile) -> int:
    rank = profile.measure("imd").avg_rank
    return min(10, max(1, math.ceil(rank * 10 / profile.edition.lsoa_total)))


def _lsoas(session: Session, profile: AreaProfile, codes) -> dict[str, dict[str, int]]:
    edition_id = session.scalar(select(Edition.id).where(Edition.key == profile.edition.key))
    return lsoa_populations(session, edition_id, codes)


def neighbourhood_choices(session: Session, loaded: LoadedRound) -> list[AreaSummary]:
    """Return the neighbourhoods a voter in the round's area chooses from: the council's target
    areas and MSOAs that share residents with it (the area itself when there are none)."""
    profile = get_area_profile(session, loaded.round.area_code)
    if profile is None:
        return []
    candidates = neighbourhoods(session, (profile.lad_code,)) if profile.lad_code else []
    lsoas = _lsoas(session, profile, [profile.area.code, *(a.code for a in candidates)])
    inside = set(lsoas.get(profile.area.code, {}))
    chosen = [a for a in candidates if inside & set(lsoas.get(a.code, {}))]
    return chosen or [profile.area]


def _ballots_by_area(session: Session, round_id: int) -> dict[str | None, int]:
    return dict(
        session.execute(
            select(PbBallot.area_code, func.count())
            .where(PbBallot.round_id == round_id)
            .group_by(PbBallot.area_code)
        ).all()
    )


def _why(shown, raw) -> str | None:
    if shown is not None or not raw:
        return None
    return FEWER_THAN_MINIMUM if raw < 10 else PROTECTS_ANOTHER


def turnout(session: Session, loaded: LoadedRound) -> tuple[list[Turnout], list[Turnout], int]:
    """Return (turnout by neighbourhood, turnout by IMD decile over the area's MSOAs, ballots
    that gave no neighbourhood or one we cannot place)."""
    profile = get_area_profile(session, loaded.round.area_code)
    counts = _ballots_by_area(session, loaded.round.id)
    unplaced = counts.pop(None, 0)
    if profile is None:
        return [], [], unplaced + sum(counts.values())
    areas = {a.code: a for a in neighbourhood_choices(session, loaded)}
    profiles = {
        code: p for code in {*areas, *counts} if (p := get_area_profile(session, code)) is not None
    }
    lsoas = _lsoas(session, profile, profiles)
    unplaced += sum(n for code, n in counts.items() if code not in lsoas)

    def weighted(target: dict[str, int]) -> float:
        total = 0.0
        for code, n in counts.items():
            placed = lsoas.get(code, {})
            population = sum(placed.values())
            if population:
                total += n * sum(p for k, p in placed.items() if k in target) / population
        return total

    raw = {code: weighted(lsoas.get(code, {})) for code in areas if code in profiles}
    shown = suppress({c: math.floor(n + 1e-9) for c, n in raw.items()})
    rows = []
    for code in raw:
        p = profiles[code]
        n = raw[code] if shown[code] is not None else None
        rows.append(
            Turnout(
                code,
                p.area.name,
                n,
                p.population,
                1000 * n / p.population if n is not None and p.population else None,
                _decile(p),
                _why(shown[code], raw[code]),
            )
        )
    rows.sort(key=lambda r: (r.imd_decile or 11, r.name))
    by_decile: dict[int, list[float]] = {}
    for code, p in profiles.items():
        if p.area.kind == "msoa" and code in areas:
            total = by_decile.setdefault(_decile(p), [0.0, 0])
            total[0] += raw[code]
            total[1] += p.population
    decile_shown = suppress({str(d): math.floor(t[0] + 1e-9) for d, t in by_decile.items()})
    deciles = []
    for d in sorted(by_decile):
        n, population = by_decile[d]
        kept = n if decile_shown[str(d)] is not None else None
        deciles.append(
            Turnout(
                str(d),
                f"IMD decile {d}",
                kept,
                int(population),
                1000 * kept / population if kept is not None and population else None,
                d,
                _why(decile_shown[str(d)], n),
            )
        )
    return rows, deciles, unplaced


def ballots_by_channel(session: Session, round_id: int) -> Counter:
    """Return how many ballots came by each channel ("web", "paper")."""
    return Counter(
        dict(
            session.execute(
                select(PbBallot.channel, func.count())
                .where(PbBallot.round_id == round_id)
                .group_by(PbBallot.channel)
            ).all()
        )
    )
