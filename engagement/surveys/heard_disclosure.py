"""Withholding, in who-was-heard tables, every figure that would let a withheld count be worked
out by subtraction.

who_was_heard withholds each neighbourhood of 1 to 9 responses on its own. Published beside
them are sums of neighbourhoods: each IMD decile, each target area (and any other area listed),
and the survey's total. A target area of 44 beside one of its two neighbourhoods at 41 gives the
other's 3 away. statistics.protect decides what else to withhold.

The cells are the neighbourhoods (MSOAs) in the table and, when any placed response was given
for an area other than a listed neighbourhood, those responses as one unpublished cell; their
sum is the published total less the responses not placed (also published). An area other than
a neighbourhood is taken as the sum of the neighbourhoods it overlaps: its true count also holds
responses given for it directly, unknown to anyone reading the table, so this withholds at
least enough.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from engagement.areas.custom import lsoa_populations
from engagement.areas.editions import latest_edition_id
from engagement.statistics import PROTECTS_ANOTHER, protect
from engagement.surveys.representation import (
    AreaHeard,
    DecileHeard,
    counts_by_code,
    heard_by_decile,
    not_placed,
    who_was_heard,
)

# Stands in for a count that is never published (withheld already, or never shown): protect
# treats any count of 1 to 9 as withheld, and needs nothing more of its value.
UNPUBLISHED = 1


def published_heard(
    session: Session, survey_id: int, *, scope: tuple[str, ...] = ()
) -> tuple[list[AreaHeard], list[DecileHeard], dict[str, int], int]:
    """Return who was heard as every page and reply publishes it: (rows by neighbourhood, rows
    by IMD decile, population by area code, responses not placed), nothing withheld derivable."""
    counts = counts_by_code(session, survey_id)
    rows, populations, _names = who_was_heard(session, counts, scope=scope)
    unplaced = not_placed(session, counts)
    rows, deciles = withhold_derivable(
        session, counts, rows, heard_by_decile(session, counts, rows), not_placed=unplaced
    )
    return rows, deciles, populations, unplaced


def withhold_derivable(
    session: Session,
    counts: dict[str | None, int],
    rows: list[AreaHeard],
    deciles: list[DecileHeard],
    *,
    not_placed: int,
) -> tuple[list[AreaHeard], list[DecileHeard]]:
    """Return rows and deciles with each figure withheld (responses and rate None) that would,
    beside the others and the published total (of counts, the survey's responses by area code
    given) and not-placed count, give away a withheld count."""
    msoas = {r.area_code: r for r in rows if r.kind == "msoa"}
    if not msoas:
        return rows, deciles
    # A neighbourhood shown with no responses adds nothing to any sum, and a withheld zero would
    # protect nothing: it is left out, so it is never chosen to protect another.
    cells: dict[str, float] = {
        f"area:{code}": UNPUBLISHED if r.responses is None else r.responses
        for code, r in msoas.items()
        if r.responses != 0
    }
    if sum(counts.values()) - not_placed > sum(counts.get(code, 0) for code in msoas):
        cells["elsewhere"] = UNPUBLISHED
    sums: dict[str, frozenset[str]] = {"total": frozenset(cells)}
    for d in deciles:
        if d.responses is not None:
            sums[f"decile:{d.imd_decile}"] = (
                frozenset(f"area:{c}" for c, r in msoas.items() if r.imd_decile == d.imd_decile)
                & cells.keys()
            )
    others = [r for r in rows if r.kind != "msoa" and r.responses is not None]
    edition_id = latest_edition_id(session)
    lsoas = (
        lsoa_populations(session, edition_id, [*msoas, *(r.area_code for r in others)])
        if others and edition_id is not None
        else {}
    )
    # Target areas before other areas: the less important sum is given up first.
    for r in sorted(others, key=lambda r: not r.is_target):
        mine = lsoas.get(r.area_code, {}).keys()
        sums[f"area:{r.area_code}"] = (
            frozenset(f"area:{c}" for c in msoas if lsoas.get(c, {}).keys() & mine) & cells.keys()
        )
    reasons, dropped = protect(cells, [g for g in sums.values() if g])
    # Cells withheld for their own size already say so; what is new protects another.
    more = {k for k, reason in reasons.items() if reason == PROTECTS_ANOTHER}
    more |= {k for k, g in sums.items() if g in dropped and k != "total"}
    return (
        [_protecting(r) if f"area:{r.area_code}" in more else r for r in rows],
        [_protecting(d) if f"decile:{d.imd_decile}" in more else d for d in deciles],
    )


def _protecting(row: AreaHeard | DecileHeard) -> AreaHeard | DecileHeard:
    if row.responses is None:
        return row
    changes = {"under_heard": False} if isinstance(row, AreaHeard) else {}
    return replace(row, responses=None, per_1000=None, withheld_because=PROTECTS_ANOTHER, **changes)
