"""Read the official Indices of Deprivation and geography files, each kind checked, and join them.

Reads IoD2019 (2011 LSOAs) and IoD2025 (2021 LSOAs) as published: ranks and deciles from File 2
(all domains), File 1 (the Index of Multiple Deprivation alone) or File 7 (everything), population
from File 6 or File 7 (File 7 alone is enough); the ONS LSOA→ward lookup, the House of Commons
Library MSOA names and, optionally, an ONS LSOA→MSOA lookup and the ONS Local Authority District to
County lookup (which makes two-tier counties areas of their own). Files are recognised by
iod_recognise; a workbook's data sheet and header row are found by iod_sheets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from engagement import figures
from engagement.areas.iod_geography import (
    read_kind,
    read_msoa_lookup,
    read_msoa_names,
    read_wards,
    unknown_lsoa,
)
from engagement.areas.iod_sheets import codes, whole_numbers
from engagement.errors import ImportProblem
from engagement.model import DOMAINS

# Where each part comes from, best first: File 2 and File 7 hold every domain, File 1 only the IMD.
RANK_SOURCES = ("domains", "all", "imd")
POPULATION_SOURCES = ("population", "all")
# LSOAs in England: ranks run from 1 to this, whether a file holds them all or an extract.
ENGLAND_LSOAS = {2011: 32844, 2021: 33755}
ENGLAND = ("E92000001", "England")


@dataclass
class IodTables:
    """One edition's data, checked and joined: ready to store."""

    edition_key: str
    title: str
    lsoa_year: int
    lsoa_total: int  # LSOAs in the country the ranks run over
    lsoas: (
        pd.DataFrame
    )  # code, name, lad_code, population, msoa_code, ward_code, <domain>_rank/_decile
    msoas: pd.DataFrame  # code, name, alt_name, lad_code
    wards: pd.DataFrame  # code, name, lad_code
    lads: pd.DataFrame  # code, name, lad_code (the district's county, if any)
    sources: str
    notes: tuple[str, ...] = ()
    is_sample: bool = False
    counties: pd.DataFrame | None = None  # code, name; None without a county lookup
    ward_year: int | None = None  # the year of the ward boundaries (WD24CD: 2024)


def _first(files: dict[str, Path], kinds: tuple[str, ...]) -> str | None:
    return next((k for k in kinds if k in files), None)


def _ranks(kind: str, path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    """Return (lsoas, lads, lsoa_year, lsoa_total) from File 1, 2 or 7; domains File 1 lacks
    are left empty."""
    table, cols = read_kind("domains" if kind == "all" else kind, path)
    frame = table.frame
    lsoa_year = int(re.search(r"(2011|2021)", cols["lsoa_code"]).group(1))
    total = max(ENGLAND_LSOAS[lsoa_year], len(frame))
    lsoas = pd.DataFrame(
        {
            "code": codes(table, cols["lsoa_code"], "E01"),
            "name": table.text(cols["lsoa_name"]),
            "lad_code": codes(table, cols["lad_code"], "E0[6-9]"),
        }
    )
    for key, _label in DOMAINS:
        if f"{key}_rank" not in cols:
            lsoas[f"{key}_rank"] = None
            lsoas[f"{key}_decile"] = None
            continue
        lsoas[f"{key}_rank"] = whole_numbers(table, cols[f"{key}_rank"], low=1, high=total)
        lsoas[f"{key}_decile"] = whole_numbers(table, cols[f"{key}_decile"], low=1, high=10)
    duplicated = lsoas["code"].duplicated()
    if duplicated.any():
        row = int(duplicated.to_numpy().argmax())
        raise ImportProblem(
            f"{table.where(row)}, column '{cols['lsoa_code']}': "
            f"LSOA {lsoas['code'].iloc[row]} appears twice."
        )
    lads = (
        pd.DataFrame({"code": lsoas["lad_code"], "name": table.text(cols["lad_name"])})
        .drop_duplicates("code")
        .reset_index(drop=True)
    )
    return lsoas.set_index("code", drop=False), lads, lsoa_year, total


def _population(path: Path, known: pd.Index, ranks_file: Path) -> pd.Series:
    """Return the population of each known LSOA from File 6 or File 7."""
    table, cols = read_kind("population", path)
    values = codes(table, cols["lsoa_code"], "E01")
    unknown_lsoa(table, cols["lsoa_code"], known, values)
    population = pd.Series(whole_numbers(table, cols["population"], low=0).to_numpy(), index=values)
    population = population[~population.index.duplicated()].reindex(known)
    if population.isna().any():
        code = known[population.isna().to_numpy().argmax()]
        raise ImportProblem(
            f"{path.name}: no population for LSOA {code}, which is in {ranks_file.name}."
        )
    return population.astype("int64")


def read_iod(files: dict[str, Path]) -> IodTables:
    """Return the checked tables of one edition from files {kind: path};
    raise ImportProblem if bad."""
    rank_kind = _first(files, RANK_SOURCES)
    population_kind = _first(files, POPULATION_SOURCES)
    missing = [
        title
        for title, kind in (
            ("File 1, 2 or 7 (ranks and deciles)", rank_kind),
            ("File 6 or 7 (population denominators)", population_kind),
        )
        if kind is None
    ]
    if missing:
        raise ImportProblem(
            f"Missing {' and '.join(missing)}: give every file (see `fairer import-iod --help`)."
        )

    lsoas, lads, lsoa_year, total = _ranks(rank_kind, files[rank_kind])
    known = lsoas.index
    lsoas["population"] = _population(files[population_kind], known, files[rank_kind])

    notes = []
    if rank_kind == "imd":
        notes.append(
            f"{files['imd'].name} holds the Index of Multiple Deprivation only, so the seven "
            "domains are not available; give File 2 or File 7 for them."
        )
    ward_year = None
    if "wards" in files:
        found = read_wards(files["wards"], lsoa_year, known)
        lsoas["ward_code"] = found.of_lsoa.reindex(known)
        wards, ward_year = found.wards, found.year
    else:
        lsoas["ward_code"] = None
        wards = pd.DataFrame(columns=["code", "name", "lad_code"])
        notes.append("No LSOA to ward lookup was given, so wards are not available.")

    if "msoa_names" in files:
        msoas = read_msoa_names(files["msoa_names"], lsoa_year)
        # Each LSOA is named after its MSOA plus a letter ("Norwich 004A" is in "Norwich 004").
        by_ons_name = pd.Series(msoas["code"].to_numpy(), index=msoas["alt_name"].to_numpy())
        by_ons_name = by_ons_name[~by_ons_name.index.duplicated()]
        lsoas["msoa_code"] = by_ons_name.reindex(lsoas["name"].str[:-1].to_numpy()).to_numpy()
    else:
        msoas = pd.DataFrame(columns=["code", "name", "alt_name"])
        lsoas["msoa_code"] = None
        notes.append("No MSOA names were given, so neighbourhoods (MSOAs) are not available.")
    if "msoa_lookup" in files:
        # A lookup places exactly the LSOAs it lists, including those named after former councils.
        pairs = read_msoa_lookup(files["msoa_lookup"], lsoa_year, known)
        lsoas["msoa_code"] = pairs.reindex(known).fillna(lsoas["msoa_code"])
    unplaced = lsoas["msoa_code"].isna()
    if unplaced.any() and "msoa_names" in files:
        councils = lsoas.loc[unplaced, "lad_code"].nunique()
        notes.append(
            f"{figures.count(int(unplaced.sum()))} LSOAs in {councils} councils renamed since "
            "the LSOAs were "
            "named could not be placed in an MSOA by name; give an ONS LSOA to MSOA lookup file "
            "to place them."
        )
    lad_of_msoa = lsoas.dropna(subset=["msoa_code"]).groupby("msoa_code")["lad_code"].first()
    msoas["lad_code"] = lad_of_msoa.reindex(msoas["code"]).to_numpy()
    msoas = msoas.dropna(subset=["lad_code"]).reset_index(drop=True)

    counties = None
    lads["lad_code"] = None
    if "counties" in files:
        counties, county_of = _read_counties(files["counties"], lads["code"])
        lads["lad_code"] = county_of.reindex(lads["code"]).astype(object).to_numpy()
        lads["lad_code"] = lads["lad_code"].where(lads["lad_code"].notna(), None)

    if len(lsoas) < total:
        notes.append(
            f"This is an extract ({figures.count(len(lsoas))} of England's "
            f"{figures.count(total)} LSOAs), "
            "so England is not shown for comparison."
        )
    edition = "IoD2019" if lsoa_year == 2011 else "IoD2025"
    return IodTables(
        edition_key=edition,
        title=f"English Indices of Deprivation {edition[3:]}",
        lsoa_year=lsoa_year,
        lsoa_total=total,
        lsoas=lsoas.reset_index(drop=True),
        msoas=msoas,
        wards=wards,
        lads=lads,
        sources=", ".join(p.name for p in dict.fromkeys(files.values())),
        notes=tuple(notes),
        counties=counties,
        ward_year=ward_year,
    )


def _read_counties(path: Path, districts: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Return the counties whose districts are in the indices (code, name) and each such
    district's county code (a Series indexed by district code)."""
    table, cols = read_kind("counties", path)
    lad_codes = table.text(cols["lad_code"]).str.upper()
    # Districts since abolished or not in this edition are left out, as are any rows that name a
    # unitary authority as its own county.
    known = lad_codes.isin(set(districts)) & (
        lad_codes != table.text(cols["county_code"]).str.upper()
    )
    rows = pd.DataFrame(
        {
            "lad_code": lad_codes[known],
            "code": codes(table, cols["county_code"], "E10", known),
            "name": table.text(cols["county_name"])[known],
        }
    ).drop_duplicates("lad_code")
    counties = rows.drop_duplicates("code")[["code", "name"]].reset_index(drop=True)
    return counties, rows.set_index("lad_code")["code"]
