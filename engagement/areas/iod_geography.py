"""Read the geography files that place LSOAs in wards and MSOAs, for 2011 or 2021 LSOAs.

The ONS best-fit LSOA to ward lookups (any ward year: WD19CD, WD22CD, WD24CD …), the House of
Commons Library MSOA names (msoa11… or msoa21… columns) and the ONS LSOA to MSOA lookups are read
by their headers; each must be for the same LSOA year as the indices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from engagement.areas.iod_recognise import KINDS, _columns, matches
from engagement.areas.iod_sheets import Table, codes, read_located
from engagement.errors import ImportProblem


def read_kind(kind: str, path: Path) -> tuple[Table, dict[str, str]]:
    """Return the data of a file of this kind and its {field: header}; raise if a column is
    missing."""
    table = read_located(path, lambda headers: matches(kind, headers))
    columns = _columns(kind, list(table.frame.columns))
    missing = [example for field, (_p, example) in KINDS[kind].items() if field not in columns]
    if missing:
        raise ImportProblem(
            f"{table.where()}: no column '{missing[0]}' (or one like it) in the header row."
        )
    return table, columns


def header_year(header: str) -> int | None:
    """Return the year a code header is for: "LSOA21CD" -> 2021, "WD24CD" -> 2024."""
    found = re.search(r"(\d\d)cd$", header.strip().lower())
    return 2000 + int(found.group(1)) if found else None


def check_year(table: Table, header: str, lsoa_year: int, what: str) -> None:
    """Raise unless header (such as LSOA21CD or msoa21cd) is for lsoa_year's geography."""
    year = header_year(header)
    if year is not None and year != lsoa_year:
        raise ImportProblem(
            f"{table.where()}: this {what} is for {year} areas ('{header}'), but the indices are "
            f"for {lsoa_year} LSOAs; give the {what} for {lsoa_year}."
        )


def unknown_lsoa(table: Table, column: str, known: pd.Index, values: pd.Series) -> None:
    """Raise naming the first English LSOA in values that the indices do not hold."""
    unknown = values.str.startswith("E") & ~values.isin(known)
    if unknown.any():
        row = int(unknown.to_numpy().argmax())
        raise ImportProblem(
            f"{table.where(row)}, column '{column}': LSOA {values.iloc[row]} is not in the "
            "Indices of Deprivation file; check both files are for the same LSOA year "
            "(2011 or 2021)."
        )


@dataclass
class Wards:
    """Each LSOA's ward, the wards, and the year of the ward boundaries (from WDyyCD)."""

    of_lsoa: pd.Series  # ward code, indexed by LSOA code
    wards: pd.DataFrame  # code, name, lad_code
    year: int | None


def read_wards(path: Path, lsoa_year: int, known: pd.Index) -> Wards:
    """Return the wards of the known LSOAs from an ONS LSOA to ward lookup."""
    table, cols = read_kind("wards", path)
    check_year(table, cols["lsoa_code"], lsoa_year, "LSOA to ward lookup")
    values = table.text(cols["lsoa_code"]).str.upper()
    unknown_lsoa(table, cols["lsoa_code"], known, values)
    english = values.isin(known)
    rows = pd.DataFrame(
        {
            "lsoa": values[english],
            "code": codes(table, cols["ward_code"], "E05", english),
            "name": table.text(cols["ward_name"])[english],
            "lad_code": table.text(cols["lad_code"])[english].str.upper(),
        }
    ).drop_duplicates("lsoa")
    wards = rows.drop_duplicates("code")[["code", "name", "lad_code"]].reset_index(drop=True)
    return Wards(rows.set_index("lsoa")["code"], wards, header_year(cols["ward_code"]))


def read_msoa_names(path: Path, lsoa_year: int) -> pd.DataFrame:
    """Return the English MSOAs (code, name, alt_name: the ONS name) of the House of Commons
    Library MSOA names."""
    table, cols = read_kind("msoa_names", path)
    check_year(table, cols["msoa_code"], lsoa_year, "MSOA names file")
    english = table.text(cols["msoa_code"]).str.upper().str.startswith("E")
    return pd.DataFrame(
        {
            "code": codes(table, cols["msoa_code"], "E02", english).to_numpy(),
            "name": table.text(cols["msoa_name"])[english].to_numpy(),
            "alt_name": table.text(cols["msoa_ons_name"])[english].to_numpy(),
        }
    )


def read_msoa_lookup(path: Path, lsoa_year: int, known: pd.Index) -> pd.Series:
    """Return each listed LSOA's MSOA code (indexed by LSOA code) from an ONS LSOA to MSOA
    lookup; a lookup by output area lists an LSOA once per output area."""
    table, cols = read_kind("msoa_lookup", path)
    check_year(table, cols["lsoa_code"], lsoa_year, "LSOA to MSOA lookup")
    values = table.text(cols["lsoa_code"]).str.upper()
    unknown_lsoa(table, cols["lsoa_code"], known, values)
    english = values.isin(known)
    msoas = codes(table, cols["msoa_code"], "E02", english)
    return pd.Series(msoas.to_numpy(), index=values[english].to_numpy()).groupby(level=0).first()
