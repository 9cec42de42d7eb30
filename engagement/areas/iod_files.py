"""Read the official Indices of Deprivation and geography files, each kind checked, and join them.

Reads IoD2019 (2011 LSOAs) and IoD2025 (2021 LSOAs): File 2 (ranks and deciles by domain),
File 6 (population denominators), the ONS LSOA→ward lookup, the House of Commons Library MSOA
names and, optionally, an ONS LSOA→MSOA lookup and the ONS Local Authority District to County
lookup (which makes two-tier counties areas of their own). Files are recognised by iod_recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from engagement import figures
from engagement.areas.iod_recognise import KIND_TITLES, KINDS, _columns
from engagement.errors import ImportProblem
from engagement.model import DOMAINS
from engagement.tabular import read_table, whole_numbers

REQUIRED = (
    "domains",
    "population",
)  # without a ward lookup or MSOA names, those areas are left out
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


def _read(kind: str, path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    frame = read_table(path, sheet_matches=lambda h: len(_columns(kind, h)) == len(KINDS[kind]))
    columns = _columns(kind, list(frame.columns))
    missing = [example for field, (_p, example) in KINDS[kind].items() if field not in columns]
    if missing:
        raise ImportProblem(
            f"{path.name}, line 1: no column '{missing[0]}' (or one like it) in the header row."
        )
    return frame, columns


_EXAMPLES = {
    "E01": "E01000001",
    "E02": "E02000001",
    "E05": "E05000026",
    "E0[6-9]": "E07000148",
    "E10": "E10000031",
}


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return a column as trimmed text, whatever type pandas read it as."""
    return frame[column].astype(str).str.strip()


def _codes(frame: pd.DataFrame, column: str, path: Path, prefix: str) -> pd.Series:
    codes = _text(frame, column).str.upper()
    bad = ~codes.str.fullmatch(rf"{prefix}\d{{6}}")
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ImportProblem(
            f"{path.name}, line {row + 2}, column '{column}': '{frame[column].iloc[row]}' "
            f"is not a code like {_EXAMPLES[prefix]}."
        )
    return codes


def _unknown_lsoa(
    path: Path, frame: pd.DataFrame, column: str, known: pd.Index, codes: pd.Series
) -> None:
    unknown = codes.str.startswith("E") & ~codes.isin(known)
    if unknown.any():
        row = int(unknown.to_numpy().argmax())
        raise ImportProblem(
            f"{path.name}, line {row + 2}, column '{column}': LSOA {codes.iloc[row]} is not in the "
            "Indices of Deprivation file; check both files are for the same LSOA year "
            "(2011 or 2021)."
        )


def read_iod(files: dict[str, Path]) -> IodTables:
    """Return the checked tables of one edition from files {kind: path};
    raise ImportProblem if bad."""
    missing = [KIND_TITLES[k] for k in REQUIRED if k not in files]
    if missing:
        raise ImportProblem(
            f"Missing {' and '.join(missing)}: give every file (see `fairer import-iod --help`)."
        )

    path = files["domains"]
    frame, cols = _read("domains", path)
    lsoa_year = int(re.search(r"(2011|2021)", cols["lsoa_code"]).group(1))
    total = max(ENGLAND_LSOAS[lsoa_year], len(frame))
    lsoas = pd.DataFrame(
        {
            "code": _codes(frame, cols["lsoa_code"], path, "E01"),
            "name": _text(frame, cols["lsoa_name"]),
            "lad_code": _codes(frame, cols["lad_code"], path, "E0[6-9]"),
        }
    )
    for key, _label in DOMAINS:
        lsoas[f"{key}_rank"] = whole_numbers(frame, cols[f"{key}_rank"], path, low=1, high=total)
        lsoas[f"{key}_decile"] = whole_numbers(frame, cols[f"{key}_decile"], path, low=1, high=10)
    duplicated = lsoas["code"].duplicated()
    if duplicated.any():
        row = int(duplicated.to_numpy().argmax())
        raise ImportProblem(
            f"{path.name}, line {row + 2}, column '{cols['lsoa_code']}': "
            f"LSOA {lsoas['code'].iloc[row]} appears twice."
        )
    lads = (
        frame.assign(code=lsoas["lad_code"], name=_text(frame, cols["lad_name"]))[["code", "name"]]
        .drop_duplicates("code")
        .reset_index(drop=True)
    )
    lsoas = lsoas.set_index("code", drop=False)
    known = lsoas.index

    path = files["population"]
    frame, cols = _read("population", path)
    codes = _codes(frame, cols["lsoa_code"], path, "E01")
    _unknown_lsoa(path, frame, cols["lsoa_code"], known, codes)
    population = pd.Series(
        whole_numbers(frame, cols["population"], path, low=0).to_numpy(), index=codes
    )
    population = population[~population.index.duplicated()]
    lsoas["population"] = population.reindex(known)
    if lsoas["population"].isna().any():
        code = lsoas.index[lsoas["population"].isna().to_numpy().argmax()]
        raise ImportProblem(
            f"{path.name}: no population for LSOA {code}, which is in {files['domains'].name}."
        )
    lsoas["population"] = lsoas["population"].astype("int64")

    notes = []
    if "wards" in files:
        path = files["wards"]
        frame, cols = _read("wards", path)
        if f"{lsoa_year % 100}" not in cols["lsoa_code"]:
            raise ImportProblem(
                f"{path.name}, line 1: this lookup is not for {lsoa_year} LSOAs, "
                "as the indices are."
            )
        codes = _text(frame, cols["lsoa_code"]).str.upper()
        _unknown_lsoa(path, frame, cols["lsoa_code"], known, codes)
        english = codes.isin(known)
        ward_codes = _codes(frame[english], cols["ward_code"], path, "E05")
        ward_rows = pd.DataFrame(
            {
                "lsoa": codes[english],
                "code": ward_codes,
                "name": _text(frame, cols["ward_name"])[english],
                "lad_code": _text(frame, cols["lad_code"])[english].str.upper(),
            }
        )
        ward_rows = ward_rows.drop_duplicates("lsoa")
        lsoas["ward_code"] = ward_rows.set_index("lsoa")["code"].reindex(known)
        wards = ward_rows.drop_duplicates("code")[["code", "name", "lad_code"]].reset_index(
            drop=True
        )
    else:
        lsoas["ward_code"] = None
        wards = pd.DataFrame(columns=["code", "name", "lad_code"])
        notes.append("No LSOA to ward lookup was given, so wards are not available.")

    if "msoa_names" in files:
        path = files["msoa_names"]
        frame, cols = _read("msoa_names", path)
        frame = frame[_text(frame, cols["msoa_code"]).str.upper().str.startswith("E")]
        msoas = pd.DataFrame(
            {
                "code": _codes(frame, cols["msoa_code"], path, "E02").to_numpy(),
                "name": _text(frame, cols["msoa_name"]).to_numpy(),
                "alt_name": _text(frame, cols["msoa_ons_name"]).to_numpy(),
            }
        )
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
        path = files["msoa_lookup"]
        frame, cols = _read("msoa_lookup", path)
        codes = _text(frame, cols["lsoa_code"]).str.upper()
        _unknown_lsoa(path, frame, cols["lsoa_code"], known, codes)
        pairs = (
            pd.Series(_text(frame, cols["msoa_code"]).str.upper().to_numpy(), index=codes)
            .groupby(level=0)
            .first()
        )
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
        sources=", ".join(p.name for p in files.values()),
        notes=tuple(notes),
        counties=counties,
    )


def _read_counties(path: Path, districts: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Return the counties whose districts are in the indices (code, name) and each such
    district's county code (a Series indexed by district code)."""
    frame, cols = _read("counties", path)
    lad_codes = _text(frame, cols["lad_code"]).str.upper()
    # Districts since abolished or not in this edition are left out, as are any rows that name a
    # unitary authority as its own county.
    known = lad_codes.isin(set(districts)) & (
        lad_codes != _text(frame, cols["county_code"]).str.upper()
    )
    frame = frame[known]
    rows = pd.DataFrame(
        {
            "lad_code": lad_codes[known],
            "code": _codes(frame, cols["county_code"], path, "E10"),
            "name": _text(frame, cols["county_name"]),
        }
    ).drop_duplicates("lad_code")
    counties = rows.drop_duplicates("code")[["code", "name"]].reset_index(drop=True)
    return counties, rows.set_index("lad_code")["code"]
