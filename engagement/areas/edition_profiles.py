"""An area's profile in the edition a person chose: the latest comes from the look-up's kept
catalogue; another loaded edition is read from its stored areas (a few rows, not kept)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.editions import LoadedEdition, UnknownEdition, choose_edition
from engagement.areas.iod_files import ENGLAND
from engagement.areas.lookup import get_area_profile
from engagement.areas.profiles import measures_from_profile
from engagement.model import AreaProfile, AreaSummary
from storage.models import Area, CustomArea

_COMPARATOR_KINDS = ("lad", "county", "england")


def profile_in_edition(
    session: Session, code: str, edition: LoadedEdition | None
) -> AreaProfile | None:
    """Return the profile of the area with this code in edition (None: the latest), with its
    local authority and England from the same edition; None when that edition lacks the area."""
    latest = get_area_profile(session, code)
    if edition is None or (latest is not None and latest.edition.key == edition.key):
        return latest
    area = _area(session, edition.id, code)
    return _profile(session, edition, area) if area is not None else None


def _area(session: Session, edition_id: int, code: str) -> Area | None:
    for candidate in dict.fromkeys((code.strip(), code.strip().upper())):
        area = session.get(Area, (edition_id, candidate))
        if area is not None:
            return area
    return None


def _profile(
    session: Session, edition: LoadedEdition, area: Area, with_comparators: bool = True
) -> AreaProfile:
    district = session.get(Area, (edition.id, area.lad_code)) if area.lad_code else None
    type_label = (
        session.scalar(select(CustomArea.area_type).where(CustomArea.code == area.code))
        if area.kind == "custom"
        else None
    )
    comparators: tuple[AreaProfile, ...] = ()
    if with_comparators:
        codes = [c for c in (area.lad_code, ENGLAND[0]) if c and c != area.code]
        others = (session.get(Area, (edition.id, c)) for c in codes)
        comparators = tuple(
            _profile(session, edition, other, False)
            for other in others
            if other is not None and other.kind in _COMPARATOR_KINDS
        )
    return AreaProfile(
        area=AreaSummary(
            area.code, area.name, area.kind, district.name if district else None, type_label
        ),
        alt_name=area.alt_name,
        lad_code=area.lad_code,
        population=area.population,
        lsoa_count=area.lsoa_count,
        measures=measures_from_profile(area.profile),
        edition=edition.info,
        comparators=comparators,
    )


def area_profile_in(
    session: Session, code: str, asked: str | int | None = None
) -> AreaProfile | None:
    """Return the profile of the area with this code in the edition whose year is asked (the
    latest by default); None when that edition is not loaded or lacks the area."""
    try:
        choice = choose_edition(session, asked)
    except UnknownEdition:
        return None
    return profile_in_edition(session, code, choice.shown if choice else None)
