"""Areas for people: resolve what someone typed to an area and return its deprivation profile."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.editions import loaded_editions
from engagement.areas.index import CACHE, MAX_CHOICES, AreaIndex, Entry
from engagement.areas.iod_files import ENGLAND
from engagement.areas.profiles import measures_from_profile
from engagement.model import AreaLookup, AreaProfile, AreaSummary, EditionInfo
from storage.models import Area, AreaAlias, CatalogueVersion, CustomArea


class _Catalogue:
    """The current edition, its name index and the profiles every answer compares against."""

    def __init__(
        self, edition: EditionInfo, edition_id: int, index: AreaIndex, comparators: dict[str, Area]
    ):
        self.edition = edition
        self.edition_id = edition_id
        self.index = index
        self.comparators = comparators


def _build(session: Session) -> _Catalogue | None:
    loaded = loaded_editions(session)
    if not loaded:
        return None
    edition = loaded[0]
    rows = session.execute(
        select(Area.code, Area.kind, Area.name, Area.lad_code, Area.alt_name).where(
            Area.edition_id == edition.id
        )
    ).all()
    entries = [Entry(code, kind, name, lad, alt) for code, kind, name, lad, alt in rows]
    aliases: dict[str, list[str]] = {}
    for code, alias in session.execute(select(AreaAlias.area_code, AreaAlias.alias)):
        aliases.setdefault(code, []).append(alias)
    # A district's lad_code is its county, so "Rugby (local authority, Warwickshire)".
    lad_names = {e.code: e.name for e in entries if e.kind in ("lad", "county")}
    comparators = {
        area.code: area
        for area in session.scalars(
            select(Area).where(
                Area.edition_id == edition.id, Area.kind.in_(("lad", "county", "england"))
            )
        )
    }
    # Kept between sessions: detached now, so a later rollback of this session cannot expire them.
    for area in comparators.values():
        session.expunge(area)
    type_labels = dict(
        session.execute(
            select(CustomArea.code, CustomArea.area_type).where(CustomArea.area_type.is_not(None))
        ).all()
    )
    index = AreaIndex(entries, aliases, lad_names, type_labels)
    return _Catalogue(edition.info, edition.id, index, comparators)


def _catalogue(session: Session) -> _Catalogue | None:
    return CACHE.get(
        str(session.get_bind().url),
        lambda: session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == 1)),
        lambda: _build(session),
    )


def _profile(catalogue: _Catalogue, area: Area, with_comparators: bool = True) -> AreaProfile:
    summary = catalogue.index.summary(
        Entry(area.code, area.kind, area.name, area.lad_code, area.alt_name)
    )
    comparators = ()
    if with_comparators:
        codes = [c for c in (area.lad_code, ENGLAND[0]) if c and c != area.code]
        comparators = tuple(
            _profile(catalogue, catalogue.comparators[c], False)
            for c in codes
            if c in catalogue.comparators
        )
    return AreaProfile(
        area=summary,
        alt_name=area.alt_name,
        lad_code=area.lad_code,
        population=area.population,
        lsoa_count=area.lsoa_count,
        measures=measures_from_profile(area.profile),
        edition=catalogue.edition,
        comparators=comparators,
    )


def get_area_profile(session: Session, code: str) -> AreaProfile | None:
    """Return the profile of the area with this code in the current edition, or None."""
    catalogue = _catalogue(session)
    return _profile_by_code(session, catalogue, code) if catalogue is not None else None


def _profile_by_code(session: Session, catalogue: _Catalogue, code: str) -> AreaProfile | None:
    entry = catalogue.index.by_code.get(code.strip().upper())
    if entry is None:
        return None
    area = catalogue.comparators.get(entry.code) or session.get(
        Area, (catalogue.edition_id, entry.code)
    )
    return _profile(catalogue, area) if area is not None else None


def look_up_area(
    session: Session, query: str, *, scope: tuple[str, ...] = (), limit: int = MAX_CHOICES
) -> AreaLookup:
    """Return what query (a code, name, alias or near miss) refers to,
    with its profile if one area, or up to limit of the areas it matches and how many did."""
    catalogue = _catalogue(session)
    if catalogue is None:
        return AreaLookup("no_data", query)
    match = catalogue.index.match(query, scope, limit=limit)
    summaries = tuple(catalogue.index.summary(e) for e in match.entries)
    if match.status == "found":
        return AreaLookup(
            "found", query, profile=_profile_by_code(session, catalogue, match.entries[0].code)
        )
    if match.status == "choose":
        return AreaLookup(
            "choose", query, choices=summaries, total=max(match.total, len(summaries))
        )
    if match.status == "not_found":
        return AreaLookup("not_found", query, suggestions=summaries)
    return AreaLookup("empty", query)


def resolve_area_code(session: Session, query: str, *, scope: tuple[str, ...] = ()) -> str | None:
    """Return the code of the area query names, the first choice when several share its name (a
    target area, then the MSOA), or None when it names none."""
    catalogue = _catalogue(session)
    if catalogue is None:
        return None
    match = catalogue.index.match(query, scope)
    return match.entries[0].code if match.status in ("found", "choose") and match.entries else None


def neighbourhoods(session: Session, scope: tuple[str, ...] = ()) -> list[AreaSummary]:
    """Return the areas residents choose from: custom (target) areas first, then the MSOAs of the
    councils in scope (of every council when scope is empty, which is long)."""
    catalogue = _catalogue(session)
    if catalogue is None:
        return []
    entries = [
        e
        for e in catalogue.index.by_code.values()
        if e.kind == "custom" or (e.kind == "msoa" and (not scope or e.lad_code in scope))
    ]
    entries.sort(key=lambda e: (e.kind != "custom", e.name))
    return [catalogue.index.summary(e) for e in entries]


def member_codes(session: Session, code: str) -> set[str]:
    """Return the codes that make up a custom area (as defined),
    or just {code} for any other area."""
    custom = session.get(CustomArea, code)
    return {code, *custom.members} if custom else {code}
