"""Store one edition of the Indices with every area's profile precomputed, all or nothing."""
from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session
from tqdm import tqdm

from engagement.iod_files import ENGLAND, IodTables
from engagement.profiles import profiles_from_sums, weighted_parts
from storage.models import Area, CatalogueVersion, CustomArea, Edition, LsoaIndices, utcnow

_CHUNK = 5000


@dataclass(frozen=True)
class ImportReport:
    """What an import stored, for the command line."""

    edition: str
    counts: dict[str, int]
    seconds: float
    notes: tuple[str, ...]

    def summary(self) -> str:
        """Return a one-paragraph account of the import for a person."""
        parts = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.items())
        text = f"Imported {self.edition}: {parts} in {self.seconds:.1f} s."
        return " ".join([text, *self.notes])


def bump_catalogue_version(session: Session) -> None:
    """Record that areas changed, so every process rebuilds its search index."""
    row = session.get(CatalogueVersion, 1)
    if row is None:
        session.add(CatalogueVersion(id=1, version=1))
    else:
        row.version += 1
    session.flush()


def _area_rows(edition_id: int, kind: str, frame: pd.DataFrame, sums: pd.DataFrame) -> list[dict]:
    sums = sums.reindex(frame["code"]).dropna(subset=["population"])
    frame = frame.set_index("code").loc[sums.index]
    profiles = profiles_from_sums(sums)
    alt = frame["alt_name"] if "alt_name" in frame else pd.Series(None, index=frame.index)
    return [
        {"edition_id": edition_id, "code": code, "kind": kind, "name": name, "alt_name": alt_name,
         "lad_code": lad, "population": int(pop), "lsoa_count": int(n), "profile": profile}
        for code, name, alt_name, lad, pop, n, profile in zip(
            sums.index, frame["name"], alt, frame.get("lad_code", pd.Series(None, index=frame.index)),
            sums["population"], sums["lsoa_count"], profiles)
    ]


def custom_area_rows(session: Session, edition: Edition, lsoas: pd.DataFrame | None = None) -> list[dict]:
    """Return area rows (with profiles) for every custom area in edition's geography."""
    definitions = session.scalars(select(CustomArea)).all()
    if not definitions:
        return []
    if lsoas is None:
        lsoas = pd.read_sql(select(LsoaIndices).where(LsoaIndices.edition_id == edition.id), session.connection())
    parts = weighted_parts(lsoas, edition.lsoa_total).set_index(lsoas["code"].to_numpy())
    member_of = {}
    for column in ("code", "msoa_code", "ward_code"):
        for code, lsoa in zip(lsoas[column], lsoas["code"]):
            if isinstance(code, str):
                member_of.setdefault(code, []).append(lsoa)
    rows = []
    for custom in definitions:
        codes = sorted({lsoa for member in custom.members for lsoa in member_of.get(member, [])})
        if not codes:
            continue
        sums = parts.loc[codes].sum().to_frame().T.set_axis([custom.code])
        lad = custom.lad_code or lsoas.set_index("code").loc[codes, "lad_code"].mode().iloc[0]
        frame = pd.DataFrame({"code": [custom.code], "name": [custom.name], "lad_code": [lad]})
        rows += _area_rows(edition.id, "custom", frame, sums)
    return rows


def _insert(session: Session, model, rows: list[dict], bar) -> None:
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        session.execute(insert(model), chunk)
        bar.update(len(chunk))


def store_edition(session: Session, tables: IodTables, *, progress: bool = False) -> ImportReport:
    """Replace tables' edition in the database (in the caller's transaction); return a report."""
    started = time.perf_counter()
    lsoas = tables.lsoas
    total = tables.lsoa_total
    old = session.scalar(select(Edition).where(Edition.key == tables.edition_key))
    if old is not None:
        session.execute(delete(Area).where(Area.edition_id == old.id))
        session.execute(delete(LsoaIndices).where(LsoaIndices.edition_id == old.id))
        session.execute(update(Edition).where(Edition.id == old.id).values(
            title=tables.title, lsoa_year=tables.lsoa_year, lsoa_total=total, is_sample=tables.is_sample,
            sources=tables.sources, imported_at=utcnow()))
        edition = old
    else:
        edition = Edition(key=tables.edition_key, title=tables.title, lsoa_year=tables.lsoa_year,
                          lsoa_total=total, is_sample=tables.is_sample, sources=tables.sources)
        session.add(edition)
    session.flush()

    parts = weighted_parts(lsoas, total)
    # An extract cannot speak for England; only a whole country's file gets an England row.
    england = pd.DataFrame({"code": [ENGLAND[0]], "name": [ENGLAND[1]], "lad_code": [None]})[:int(len(lsoas) == total)]
    area_rows = (
        _area_rows(edition.id, "lsoa", lsoas[["code", "name", "lad_code"]], parts.set_axis(lsoas["code"]))
        + _area_rows(edition.id, "msoa", tables.msoas, parts.groupby(lsoas["msoa_code"].to_numpy()).sum())
        + _area_rows(edition.id, "ward", tables.wards, parts.groupby(lsoas["ward_code"].to_numpy()).sum())
        + _area_rows(edition.id, "lad", tables.lads, parts.groupby(lsoas["lad_code"].to_numpy()).sum())
        + _area_rows(edition.id, "england", england, parts.sum().to_frame().T.set_axis([ENGLAND[0]]))
    )
    index_columns = [c.key for c in LsoaIndices.__table__.columns if c.key != "edition_id"]
    lsoa_rows = lsoas[index_columns].astype(object).where(lsoas[index_columns].notna(), None)
    lsoa_rows = [dict(r, edition_id=edition.id) for r in lsoa_rows.to_dict("records")]
    custom_rows = custom_area_rows(session, edition, lsoas)

    with tqdm(total=len(area_rows) + len(lsoa_rows) + len(custom_rows), unit="row",
              desc=f"Storing {tables.edition_key}", disable=not progress) as bar:
        _insert(session, LsoaIndices, lsoa_rows, bar)
        _insert(session, Area, area_rows + custom_rows, bar)
    bump_catalogue_version(session)

    kinds = pd.Series([r["kind"] for r in area_rows + custom_rows]).value_counts()
    labels = {"lsoa": "LSOAs", "msoa": "MSOAs", "ward": "wards", "lad": "local authorities", "custom": "custom areas"}
    counts = {label: int(kinds.get(kind, 0)) for kind, label in labels.items() if kinds.get(kind, 0)}
    return ImportReport(tables.edition_key, counts, time.perf_counter() - started, tables.notes)
