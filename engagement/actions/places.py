"""Which action areas overlap a place, so `/actions lakenham` (a ward) also finds the actions of the
Lakenham target area (a custom area made of that ward) and `/actions norwich` finds them all."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engagement.areas.editions import latest_edition_id
from engagement.areas.index import IndexCache
from storage.action_models import ActionArea
from storage.models import Area, CatalogueVersion, CustomArea, LsoaIndices

EVERYWHERE = None  # England: overlaps every area
_PLACES = IndexCache()


def _edition_id(session: Session) -> int | None:
    # Actions belong to places, not editions: their overlaps are worked out in the latest one.
    return latest_edition_id(session)


def lsoas_of(session: Session, codes: Iterable[str]) -> dict[str, frozenset[str] | None]:
    """Return {code: the LSOA codes the area covers} for the current edition (None for England).

    Codes the edition does not know map to an empty set. Answers are kept per process until the
    catalogue version moves on (an import of areas), as /area asks this on every profile.
    """
    codes = set(codes)
    known = _PLACES.get(
        str(session.get_bind().url),
        lambda: session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == 1)),
        dict,
    )
    missing = codes - known.keys()
    if missing:
        known.update(_lsoas_of(session, missing))
    return {code: known[code] for code in codes}


def _lsoas_of(session: Session, codes: set[str]) -> dict[str, frozenset[str] | None]:
    edition_id = _edition_id(session)
    if edition_id is None or not codes:
        return {code: frozenset() for code in codes}
    kinds = dict(
        session.execute(
            select(Area.code, Area.kind).where(Area.edition_id == edition_id, Area.code.in_(codes))
        ).all()
    )
    members = {
        c.code: [str(m).upper() for m in c.members]
        for c in session.scalars(select(CustomArea).where(CustomArea.code.in_(codes)))
    }
    # A custom area is defined by LSOA, MSOA or ward codes: expand those like any other area.
    plain = {code for code in codes if kinds.get(code) != "custom"} | {
        m for ms in members.values() for m in ms
    }
    member_kinds = dict(
        session.execute(
            select(Area.code, Area.kind).where(Area.edition_id == edition_id, Area.code.in_(plain))
        ).all()
    )
    by_kind: dict[str, set[str]] = {}
    for code in plain:
        by_kind.setdefault(member_kinds.get(code, ""), set()).add(code)
    covered: dict[str, set[str]] = {code: set() for code in plain}
    for code in by_kind.get("lsoa", ()):
        covered[code].add(code)
    groups = [
        ("msoa", LsoaIndices.msoa_code),
        ("ward", LsoaIndices.ward_code),
        ("lad", LsoaIndices.lad_code),
    ]
    wanted = [(column, by_kind[kind]) for kind, column in groups if by_kind.get(kind)]
    if wanted:
        rows = session.execute(
            select(
                LsoaIndices.code, LsoaIndices.msoa_code, LsoaIndices.ward_code, LsoaIndices.lad_code
            ).where(
                LsoaIndices.edition_id == edition_id,
                or_(*(column.in_(values) for column, values in wanted)),
            )
        )
        for lsoa, msoa, ward, lad in rows:
            for parent in (msoa, ward, lad):
                if parent in covered:
                    covered[parent].add(lsoa)
    result: dict[str, frozenset[str] | None] = {}
    for code in codes:
        if kinds.get(code) == "england" or member_kinds.get(code) == "england":
            result[code] = EVERYWHERE
        elif code in members:
            result[code] = frozenset().union(*(covered.get(m, set()) for m in members[code]))
        else:
            result[code] = frozenset(covered.get(code, set()))
    return result


def overlapping_action_areas(session: Session, code: str) -> set[str]:
    """Return the action area codes that are code itself or share at least one LSOA with it."""
    in_use = set(session.scalars(select(ActionArea.area_code).distinct()))
    if not in_use:
        return set()
    places = lsoas_of(session, in_use | {code})
    here = places.get(code, frozenset())
    found = {code} & in_use
    for other in in_use:
        there = places.get(other, frozenset())
        if (
            here is EVERYWHERE
            or there is EVERYWHERE
            or (here and there and not here.isdisjoint(there))
        ):
            found.add(other)
    return found
