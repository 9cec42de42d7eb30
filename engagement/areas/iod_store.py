"""Store one edition of the Indices with every area's profile precomputed, all or nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from tqdm import tqdm

from engagement import figures
from engagement.areas.index import CACHE
from engagement.areas.iod_files import ENGLAND, IodTables
from engagement.areas.profiles import profiles_from_sums, weighted_parts
from storage.bulk import bulk_insert
from storage.models import Area, CatalogueVersion, Edition, LsoaIndices, utcnow


@dataclass(frozen=True)
class ImportReport:
    """What an import stored, for the command line."""

    edition: str
    counts: dict[str, int]
    seconds: float
    notes: tuple[str, ...]

    def summary(self) -> str:
        """Return a one-paragraph account of the import for a person."""
        parts = ", ".join(f"{figures.count(n)} {kind}" for kind, n in self.counts.items())
        text = f"Imported {self.edition}: {parts} in {figures.decimal(self.seconds, 1)} s."
        return " ".join([text, *self.notes])


def bump_catalogue_version(session: Session) -> None:
    """Record that areas changed, so every process rebuilds its search index (this one at once)."""
    row = session.get(CatalogueVersion, 1)
    if row is None:
        session.add(CatalogueVersion(id=1, version=1))
    else:
        row.version += 1
    session.flush()
    CACHE.forget()


AREA_COLUMNS = (
    "edition_id",
    "code",
    "kind",
    "name",
    "alt_name",
    "lad_code",
    "population",
    "lsoa_count",
    "profile",
)


def area_profile_rows(
    edition_id: int, kind: str, frame: pd.DataFrame, sums: pd.DataFrame
) -> list[tuple]:
    """Return rows in AREA_COLUMNS order for the areas in frame that have LSOAs in sums."""
    sums = sums.reindex(frame["code"]).dropna(subset=["population"])
    frame = frame.set_index("code").loc[sums.index]
    missing = [None] * len(frame)
    return list(
        zip(
            [edition_id] * len(frame),
            sums.index.tolist(),
            [kind] * len(frame),
            frame["name"].tolist(),
            frame["alt_name"].tolist() if "alt_name" in frame else missing,
            frame["lad_code"].tolist() if "lad_code" in frame else missing,
            sums["population"].astype("int64").tolist(),
            sums["lsoa_count"].astype("int64").tolist(),
            profiles_from_sums(sums),
            strict=True,
        )
    )


def _county_rows(edition_id: int, tables: IodTables, parts: pd.DataFrame) -> list[tuple]:
    """Return area rows for the two-tier counties, each made of its districts' LSOAs."""
    if tables.counties is None or tables.counties.empty:
        return []
    county_of_lad = tables.lads.set_index("code")["lad_code"]
    county_of_lsoa = county_of_lad.reindex(tables.lsoas["lad_code"]).to_numpy()
    return area_profile_rows(
        edition_id, "county", tables.counties, parts.groupby(county_of_lsoa).sum()
    )


def county_of_districts(session: Session, edition_id: int) -> dict[str, str]:
    """Return {district code: county code} for the edition's two-tier districts."""
    rows = session.execute(
        select(Area.code, Area.lad_code).where(
            Area.edition_id == edition_id, Area.kind == "lad", Area.lad_code.is_not(None)
        )
    )
    return dict(rows.all())


def store_custom_areas(session: Session, rows: list[tuple]) -> None:
    """Insert custom area rows (engagement.areas.custom_editions makes them)."""
    bulk_insert(session, Area.__table__, AREA_COLUMNS, rows)


def store_edition(session: Session, tables: IodTables, *, progress: bool = False) -> ImportReport:
    """Replace tables' edition in the database (in the caller's transaction); return a report."""
    started = time.perf_counter()
    lsoas = tables.lsoas
    total = tables.lsoa_total
    old = session.scalar(select(Edition).where(Edition.key == tables.edition_key))
    if old is not None:
        session.execute(delete(Area).where(Area.edition_id == old.id))
        session.execute(delete(LsoaIndices).where(LsoaIndices.edition_id == old.id))
        session.execute(
            update(Edition)
            .where(Edition.id == old.id)
            .values(
                title=tables.title,
                lsoa_year=tables.lsoa_year,
                lsoa_total=total,
                is_sample=tables.is_sample,
                sources=tables.sources,
                imported_at=utcnow(),
            )
        )
        edition = old
    else:
        edition = Edition(
            key=tables.edition_key,
            title=tables.title,
            lsoa_year=tables.lsoa_year,
            lsoa_total=total,
            is_sample=tables.is_sample,
            sources=tables.sources,
        )
        session.add(edition)
    session.flush()

    parts = weighted_parts(lsoas, total)
    # An extract cannot speak for England; only a whole country's file gets an England row.
    england = pd.DataFrame({"code": [ENGLAND[0]], "name": [ENGLAND[1]], "lad_code": [None]})[
        : int(len(lsoas) == total)
    ]
    area_rows = (
        area_profile_rows(
            edition.id, "lsoa", lsoas[["code", "name", "lad_code"]], parts.set_axis(lsoas["code"])
        )
        + area_profile_rows(
            edition.id, "msoa", tables.msoas, parts.groupby(lsoas["msoa_code"].to_numpy()).sum()
        )
        + area_profile_rows(
            edition.id, "ward", tables.wards, parts.groupby(lsoas["ward_code"].to_numpy()).sum()
        )
        + area_profile_rows(
            edition.id, "lad", tables.lads, parts.groupby(lsoas["lad_code"].to_numpy()).sum()
        )
        + area_profile_rows(
            edition.id, "england", england, parts.sum().to_frame().T.set_axis([ENGLAND[0]])
        )
        + _county_rows(edition.id, tables, parts)
    )
    index_columns = [c.key for c in LsoaIndices.__table__.columns if c.key != "edition_id"]
    columns = [
        lsoas[c].astype(object).where(lsoas[c].notna(), None).tolist()
        if lsoas[c].isna().any()
        else lsoas[c].tolist()
        for c in index_columns
    ]  # LSOAs outside any MSOA or ward store NULL
    lsoa_rows = list(zip([edition.id] * len(lsoas), *columns, strict=True))

    with tqdm(
        total=len(area_rows) + len(lsoa_rows),
        unit="row",
        desc=f"Storing {tables.edition_key}",
        disable=not progress,
    ) as bar:
        bulk_insert(
            session,
            LsoaIndices.__table__,
            ["edition_id", *index_columns],
            lsoa_rows,
            on_chunk=bar.update,
        )
        bulk_insert(session, Area.__table__, AREA_COLUMNS, area_rows, on_chunk=bar.update)
    bump_catalogue_version(session)

    kinds = pd.Series([r[2] for r in area_rows]).value_counts()
    labels = {
        "lsoa": "LSOAs",
        "msoa": "MSOAs",
        "ward": "wards",
        "lad": "local authorities",
        "county": "counties",
        "custom": "custom areas",
    }
    counts = {
        label: int(kinds.get(kind, 0)) for kind, label in labels.items() if kinds.get(kind, 0)
    }
    return ImportReport(tables.edition_key, counts, time.perf_counter() - started, tables.notes)
