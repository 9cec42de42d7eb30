"""Importing community assets from CSV or Excel: every row checked and placed first, every
problem reported with its line and column, nothing written unless all rows are good.

The rule for importing again: an asset is the same asset when its name and postcode match (or,
without a postcode, its name and the area it is placed in), ignoring case and spacing. Such an
asset is updated, not added twice; an asset imported before from a file of the same name (the
source) that the new file no longer lists is removed, so a file is the whole list of its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.editions import latest_edition_id
from engagement.areas.iod_store import bump_catalogue_version
from engagement.areas.neighbourhoods import PlaceInEdition, find_place
from engagement.assets.placing import boundaries_loaded, lsoa_at, lsoa_inside
from engagement.assets.rows import AssetRow, check_row, columns_of
from engagement.errors import ImportProblem, RowProblems
from engagement.tabular import RowChecks, read_rows
from storage.asset_models import Asset
from storage.base import utcnow
from storage.bulk import in_chunks


class AssetImportProblems(RowProblems):
    """Bad rows in a file of assets: problems holds one "line N, column 'c': reason" each."""


@dataclass
class AssetImportReport:
    """What an import did: assets added, updated, unchanged and removed, and columns ignored."""

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    by_coordinates: int = 0  # placed in a neighbourhood by their latitude and longitude
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return one or two sentences for the terminal."""
        text = (
            f"Imported {self.source}: {figures.count(self.added)} new, "
            f"{figures.count(self.updated)} updated, {figures.count(self.unchanged)} unchanged, "
            f"{figures.count(self.removed)} removed (no longer in the file)."
        )
        if self.by_coordinates:
            text += (
                f" {figures.count(self.by_coordinates)} placed in their neighbourhood by "
                "latitude and longitude."
            )
        if self.ignored_columns:
            text += f" Ignored columns: {', '.join(self.ignored_columns)}."
        return text


@dataclass
class _Placed:
    row: AssetRow
    area_code: str
    lsoa_code: str | None
    key: str


def asset_key(name: str, postcode: str, area_code: str) -> str:
    """Return the key that makes two rows the same asset: name and postcode (or area code),
    lower-cased with spacing removed."""
    place = postcode.replace(" ", "") if postcode else area_code
    words = re.sub(r"\s+", " ", name).strip().casefold()
    return f"{words}|{place.upper()}"


class _Placer:
    """Places rows in areas, asking the database once per area code."""

    def __init__(self, session: Session):
        self.session = session
        self.places: dict[str, PlaceInEdition | None] = {}
        self.has_boundaries: bool | None = None
        self.has_areas = latest_edition_id(session) is not None

    def place(self, code: str) -> PlaceInEdition | None:
        if code not in self.places:
            self.places[code] = find_place(self.session, code)
        return self.places[code]

    def boundaries(self) -> bool:
        if self.has_boundaries is None:
            self.has_boundaries = boundaries_loaded(self.session)
        return self.has_boundaries

    def __call__(self, row: AssetRow, problem) -> tuple[str, str | None, bool]:
        """Return (area code, LSOA code or None, placed by coordinates) for a checked row."""
        point = row.latitude is not None and row.longitude is not None
        where = f"{row.latitude}, {row.longitude}" if point else ""  # as the file wrote them
        if row.area_code:
            place = self.place(row.area_code)
            if place is None:
                problem(
                    "area_code",
                    f"no area has the code '{row.area_code}'."
                    if self.has_areas
                    else "cannot be checked: no areas are loaded yet (run `fairer import-iod`).",
                )
                return row.area_code, None, False
            lsoa = place.code if place.kind == "lsoa" else None
            if point and self.boundaries():
                found = lsoa_at(self.session, row.latitude, row.longitude)
                if found is not None and not lsoa_inside(self.session, found, place.code):
                    problem(
                        "latitude",
                        f"the point {where} lies in neighbourhood {found}, outside {place.name} "
                        f"({place.code}): check the coordinates or the area_code.",
                    )
                lsoa = found or lsoa
            return place.code, lsoa, False
        if point:
            if not self.boundaries():
                problem(
                    "area_code",
                    "missing, and the coordinates cannot be placed: no neighbourhood boundaries "
                    "are loaded (run `fairer import-boundaries`). Give an area_code.",
                )
                return "", None, False
            found = lsoa_at(self.session, row.latitude, row.longitude)
            if found is None:
                problem(
                    "latitude",
                    f"the point {where} lies in none of the neighbourhoods whose boundaries are "
                    "loaded: check the coordinates, or give an area_code.",
                )
                return "", None, False
            return found, found, True
        if row.postcode:
            problem(
                "area_code",
                f"missing: the postcode {row.postcode} alone cannot place the asset (there is no "
                "postcode lookup). Give its area_code, or its latitude and longitude.",
            )
        else:
            problem(
                "area_code",
                "missing: give an area_code, or latitude and longitude, to place the asset.",
            )
        return "", None, False


def import_assets(
    session: Session, path: Path, *, source: str | None = None, now: datetime | None = None
) -> AssetImportReport:
    """Create, update or remove assets from a CSV or xlsx file (by the rule in the module's
    docstring, source defaulting to the file's name); return what changed.

    Raises AssetImportProblems listing every bad row (writing nothing), or ImportProblem for a
    file that cannot be read.
    """
    path = Path(path)
    source = (source or path.name)[:200]
    header, records = read_rows(path)
    columns, ignored = columns_of(header, path.name)
    placer = _Placer(session)
    checks = RowChecks(header, columns)
    placed: list[_Placed] = []
    seen: dict[str, int] = {}
    by_coordinates = 0
    for checked in checks.rows(records):
        line, found, problem = checked.line, checked.found, checked.problem
        row = check_row(line, checked.cells, problem)
        area_code, lsoa_code, by_point = placer(row, problem) if not found else ("", None, False)
        key = asset_key(row.name, row.postcode, area_code)
        if not found and key in seen:
            problem(
                "name",
                f"'{row.name}' at the same place is also on line {seen[key]}: "
                "list each asset once.",
            )
        seen.setdefault(key, line)
        placed.append(_Placed(row, area_code, lsoa_code, key))
        by_coordinates += by_point
    checks.raise_problems(AssetImportProblems, path.name)
    if not placed:
        raise ImportProblem(f"{path.name} has a header row but no assets.")
    report = AssetImportReport(source, ignored_columns=ignored, by_coordinates=by_coordinates)
    _store(session, placed, source, report, now or utcnow())
    return report


def _values(item: _Placed) -> dict:
    row = item.row
    return {
        "name": row.name,
        "kind": row.kind,
        "address": row.address,
        "postcode": row.postcode,
        "area_code": item.area_code,
        "lsoa_code": item.lsoa_code,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "contact": row.contact,
        "opening_times": row.opening_times,
        "website": row.website,
    }


def _store(
    session: Session, placed: list[_Placed], source: str, report: AssetImportReport, now
) -> None:
    keys = [p.key for p in placed]
    existing: dict[str, Asset] = {}
    for chunk in in_chunks(keys):
        existing.update(
            {a.key: a for a in session.scalars(select(Asset).where(Asset.key.in_(chunk)))}
        )
    for item in placed:
        values = _values(item)
        asset = existing.get(item.key)
        if asset is None:
            session.add(
                Asset(
                    key=item.key,
                    source=source,
                    source_line=item.row.line,
                    imported_at=now,
                    **values,
                )
            )
            report.added += 1
            continue
        changed = any(getattr(asset, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(asset, name, value)
        asset.source, asset.source_line, asset.imported_at = source, item.row.line, now
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    gone = delete(Asset).where(Asset.source == source, Asset.key.not_in(keys))
    report.removed = session.execute(gone).rowcount or 0
    # Maps are kept until the catalogue moves on: moving it on redraws them with the assets.
    bump_catalogue_version(session)
