"""The community assets in an area, by kind: what its page lists and maps, what `/area` counts,
what its JSON carries, and every asset for officers' export.

An asset is in an area when the place it was given lies inside the area: its neighbourhood (LSOA)
when known, otherwise the area its file named (a ward's assets are in the ward and its council,
not in any one of the ward's neighbourhoods).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engagement.areas.neighbourhoods import find_place, member_condition
from engagement.assets.kinds import KINDS, ORDER, kind_count, kind_label
from engagement.assets.placing import lsoas_in
from storage.asset_models import Asset
from storage.models import LsoaIndices


@dataclass(frozen=True)
class AssetView:
    """One asset as pages, exports and JSON show it."""

    name: str
    kind: str
    kind_label: str
    address: str
    postcode: str
    area_code: str
    lsoa_code: str | None
    latitude: float | None
    longitude: float | None
    contact: str
    opening_times: str
    website: str
    source: str

    @property
    def has_point(self) -> bool:
        """Return whether the asset has coordinates, so a map can show it."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class AssetGroup:
    """The assets of one kind in an area."""

    kind: str
    label: str
    assets: tuple[AssetView, ...]


@dataclass(frozen=True)
class AssetCounts:
    """How many assets an area has, in all and of each kind (in the kinds' order)."""

    total: int
    by_kind: tuple[tuple[str, int], ...]

    def in_words(self) -> str:
        """Return the counts by kind in words: "2 food banks, 1 library and 1 advice service"."""
        parts = [kind_count(kind, n) for kind, n in self.by_kind]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _view(asset: Asset) -> AssetView:
    return AssetView(
        asset.name,
        asset.kind,
        kind_label(asset.kind),
        asset.address,
        asset.postcode,
        asset.area_code,
        asset.lsoa_code,
        asset.latitude,
        asset.longitude,
        asset.contact,
        asset.opening_times,
        asset.website,
        asset.source,
    )


def _in_order(assets) -> list[AssetView]:
    views = [_view(a) for a in assets]
    return sorted(views, key=lambda v: (ORDER.get(v.kind, len(ORDER)), v.name.casefold()))


def all_assets(session: Session) -> list[AssetView]:
    """Return every asset, by kind then name."""
    return _in_order(session.scalars(select(Asset)))


def assets_in_area(session: Session, code: str) -> list[AssetView]:
    """Return the assets in the area with this code (the latest edition), by kind then name; []
    for an unknown code, every asset for England."""
    place = find_place(session, code)
    if place is None:
        return []
    if place.kind == "england":
        return all_assets(session)
    members = select(LsoaIndices.code).where(member_condition(session, place))
    found = list(
        session.scalars(
            select(Asset).where(or_(Asset.lsoa_code.in_(members), Asset.area_code == place.code))
        )
    )
    # Assets placed in a ward, MSOA or target area rather than a neighbourhood: in this area
    # when every neighbourhood of theirs is.
    others = session.scalars(
        select(Asset.area_code)
        .where(Asset.lsoa_code.is_(None), Asset.area_code != place.code)
        .distinct()
    ).all()
    inside: set[str] = set()
    if others:
        ours = lsoas_in(session, place) or set()
        for other in others:
            where = find_place(session, other)
            theirs = lsoas_in(session, where) if where is not None else None
            if theirs and theirs <= ours:
                inside.add(other)
    if inside:
        found += session.scalars(
            select(Asset).where(Asset.lsoa_code.is_(None), Asset.area_code.in_(inside))
        )
    return _in_order({a.id: a for a in found}.values())


def by_kind(assets: list[AssetView]) -> list[AssetGroup]:
    """Return assets grouped by kind, in the kinds' order, leaving out kinds with none."""
    groups = []
    for key, label, _plural in KINDS:
        these = tuple(a for a in assets if a.kind == key)
        if these:
            groups.append(AssetGroup(key, label, these))
    return groups


def asset_counts(session: Session, code: str) -> AssetCounts | None:
    """Return how many assets the area has by kind, or None when it has none."""
    assets = assets_in_area(session, code)
    if not assets:
        return None
    groups = by_kind(assets)
    return AssetCounts(len(assets), tuple((g.kind, len(g.assets)) for g in groups))


def assets_document(session: Session, code: str) -> list[dict]:
    """Return [{"name", "kind"}] for the area's assets (kind in words, such as "food bank"), as
    its JSON lists them."""
    return [{"name": a.name, "kind": a.kind_label.lower()} for a in assets_in_area(session, code)]


def area_asset_groups(session: Session, code: str) -> list[AssetGroup]:
    """Return the area's assets grouped by kind, as its page lists them ([] when none)."""
    return by_kind(assets_in_area(session, code))
