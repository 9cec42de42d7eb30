"""The neighbourhoods (LSOAs) inside an area, most deprived first: the text beside its map, and
the answer to "which neighbourhoods are in this MSOA, ward, target area or council"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from engagement.areas.editions import latest_edition_id
from engagement.areas.lookup import member_codes
from engagement.figures import NOT_AVAILABLE
from engagement.model import DOMAINS
from storage.models import Area, LsoaIndices

# The seven domains (not the overall index), as LsoaIndices names their rank columns.
DOMAIN_RANKS = tuple(
    (key, label, getattr(LsoaIndices, f"{key}_rank")) for key, label in DOMAINS[1:]
)


@dataclass(frozen=True)
class NeighbourhoodRow:
    """One LSOA of an area: its national IMD rank and decile (1 = most deprived), its people,
    and the domain on which it ranks most deprived in England."""

    code: str
    name: str
    imd_rank: int
    imd_decile: int
    population: int
    most_deprived_domain: str  # the domain's label, e.g. "Education, Skills and Training"
    has_page: bool  # /areas/<code> shows it


@dataclass(frozen=True)
class PlaceInEdition:
    """An area as the current edition stores it."""

    edition_id: int
    code: str
    kind: str
    name: str
    lad_code: str | None


def find_place(session: Session, code: str, edition_id: int | None = None) -> PlaceInEdition | None:
    """Return the area with this code in the edition with edition_id (by default the one shown by
    default), or None."""
    edition_id = edition_id if edition_id is not None else latest_edition_id(session)
    if edition_id is None:
        return None
    for candidate in dict.fromkeys((code.strip(), code.strip().upper())):
        area = session.get(Area, (edition_id, candidate))
        if area is not None:
            return PlaceInEdition(edition_id, area.code, area.kind, area.name, area.lad_code)
    return None


def member_condition(session: Session, place: PlaceInEdition) -> ColumnElement[bool] | None:
    """Return the condition on LsoaIndices that picks the place's LSOAs (None for England)."""
    lsoa = LsoaIndices
    code = place.code
    if place.kind == "england":
        return None
    if place.kind == "county":
        districts = select(Area.code).where(
            Area.edition_id == place.edition_id, Area.kind == "lad", Area.lad_code == code
        )
        inside = lsoa.lad_code.in_(districts)
    elif place.kind == "custom":
        members = {str(m).strip().upper() for m in member_codes(session, code)} - {code.upper()}
        # Each member on the one column its kind of code lives in, so every term of the OR is
        # answered from an index rather than by reading every LSOA.
        by_column: dict[str, list[str]] = {}
        for member in members:
            column = {"E01": "code", "E02": "msoa_code", "E05": "ward_code"}.get(
                member[:3], "lad_code"
            )
            by_column.setdefault(column, []).append(member)
        terms = [getattr(lsoa, column).in_(codes) for column, codes in by_column.items()]
        counties = [c for c in by_column.get("lad_code", []) if c.startswith("E10")]
        if counties:
            districts = select(Area.code).where(
                Area.edition_id == place.edition_id, Area.kind == "lad", Area.lad_code.in_(counties)
            )
            terms.append(lsoa.lad_code.in_(districts))
        inside = or_(*terms) if terms else false()
    else:
        column = {"lsoa": lsoa.code, "msoa": lsoa.msoa_code, "ward": lsoa.ward_code}
        inside = column.get(place.kind, lsoa.lad_code) == code
    return and_(lsoa.edition_id == place.edition_id, inside)


def member_deciles(session: Session, place: PlaceInEdition) -> list[tuple[str, int]]:
    """Return (code, IMD decile) of the place's LSOAs, most deprived first."""
    condition = member_condition(session, place)
    if condition is None:
        return []
    query = (
        select(LsoaIndices.code, LsoaIndices.imd_decile)
        .where(condition)
        .order_by(LsoaIndices.imd_rank, LsoaIndices.code)
    )
    return [(code, decile) for code, decile in session.execute(query)]


def rows_for(session: Session, place: PlaceInEdition) -> list[NeighbourhoodRow]:
    """Return the place's LSOAs as rows, most deprived (lowest IMD rank) first."""
    condition = member_condition(session, place)
    if condition is None:
        return []
    lsoa = LsoaIndices
    query = (
        select(
            lsoa.code,
            Area.name,
            lsoa.imd_rank,
            lsoa.imd_decile,
            lsoa.population,
            *(column for _key, _label, column in DOMAIN_RANKS),
        )
        .outerjoin(
            Area,
            and_(Area.edition_id == lsoa.edition_id, Area.code == lsoa.code, Area.kind == "lsoa"),
        )
        .where(condition)
        .order_by(lsoa.imd_rank, lsoa.code)
    )
    rows = []
    for code, name, rank, decile, population, *ranks in session.execute(query):
        # Ties go to MHCLG's domain order; an edition from File 1 ranks no domains.
        ranked = [i for i, domain_rank in enumerate(ranks) if domain_rank is not None]
        lowest = min(ranked, key=ranks.__getitem__) if ranked else None
        rows.append(
            NeighbourhoodRow(
                code=code,
                name=name or code,
                imd_rank=rank,
                imd_decile=decile,
                population=population,
                most_deprived_domain=NOT_AVAILABLE if lowest is None else DOMAIN_RANKS[lowest][1],
                has_page=name is not None,
            )
        )
    return rows


def neighbourhood_rows(
    session: Session, code: str, edition_id: int | None = None
) -> list[NeighbourhoodRow]:
    """Return the neighbourhoods (LSOAs) inside the area with this code, most deprived first:
    [itself] for an LSOA, every LSOA of a council, and [] for England or an unknown code.
    edition_id: the edition to read (by default the one shown by default)."""
    place = find_place(session, code, edition_id)
    return rows_for(session, place) if place is not None else []
