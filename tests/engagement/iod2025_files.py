"""IoD2025 files written by the tests, with the publishers' headers verbatim.

Headers as published:
- MHCLG, "English indices of deprivation 2025" (gov.uk, 30 October 2025), Files 1, 2, 6 and 7.
  File 1's sheet is "IMD25", File 6's "ID 2025 Population Denominators"; each workbook opens with
  a notes sheet. File 7 is a CSV of every score, rank, decile and population denominator; one of
  its headers is cut short in the publication ("… 10% of LSO"), and is written so here.
- ONS Open Geography portal, "LSOA (2021) to Electoral Ward (2024) to LAD (2024) Best Fit Lookup
  in EW" (feature service LSOA21_WD24_LAD24_EW_LU) and "Output Area to LSOA to MSOA to LAD
  (December 2021) Lookup in England and Wales" (OA21_LSOA21_MSOA21_LAD22_EW_LU).
- House of Commons Library, MSOA Names 2.2 (2021 MSOAs).
Where the stored references did not show a whole header row, the 2019 pattern is followed with the
2025 years (LSOA 2021, LAD 2024, population mid 2022); see docs/data.md.

The LSOAs are a small made-up extract of Norwich on 2021 codes (two new in 2021, above the last
2011 code E01033768); every figure a test expects is one written here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

LSOA = ["LSOA code (2021)", "LSOA name (2021)"]
LAD = ["Local Authority District code (2024)", "Local Authority District name (2024)"]
RANK = "Rank (where 1 is most deprived)"
DECILE = "Decile (where 1 is most deprived 10% of LSOAs)"
DOMAIN_NAMES = [
    "Index of Multiple Deprivation (IMD)",
    "Income",
    "Employment",
    "Education, Skills and Training",
    "Health Deprivation and Disability",
    "Crime",
    "Barriers to Housing and Services",
    "Living Environment",
]
DOMAIN_SCORES = [
    "Index of Multiple Deprivation (IMD) Score",
    "Income Score (rate)",
    "Employment Score (rate)",
    "Education, Skills and Training Score",
    "Health Deprivation and Disability Score",
    "Crime Score",
    "Barriers to Housing and Services Score",
    "Living Environment Score",
]
POPULATION = [
    "Total population: mid 2022",
    "Dependent Children aged 0-15: mid 2022",
    "Population aged 16-59: mid 2022",
    "Older population aged 60 and over: mid 2022",
    "Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022",
]
SUPPLEMENTARY = [
    "Income Deprivation Affecting Children Index (IDACI) Score (rate)",
    f"Income Deprivation Affecting Children Index (IDACI) {RANK}",
    f"Income Deprivation Affecting Children Index (IDACI) {DECILE}",
    "Income Deprivation Affecting Older People (IDAOPI) Score (rate)",
    f"Income Deprivation Affecting Older People (IDAOPI) {RANK}",
    f"Income Deprivation Affecting Older People (IDAOPI) {DECILE}",
    "Children and Young People Sub-domain Score",
    f"Children and Young People Sub-domain {RANK}",
    "Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSO",
    *[
        f"{name} Sub-domain {part}"
        for name in (
            "Adult Skills",
            "Geographical Barriers",
            "Wider Barriers",
            "Indoors",
            "Outdoors",
        )
        for part in ("Score", RANK, DECILE)
    ],
]

FILE_1_HEADERS = [*LSOA, *LAD, f"{DOMAIN_NAMES[0]} {RANK}", f"{DOMAIN_NAMES[0]} {DECILE}"]
FILE_2_HEADERS = [*LSOA, *LAD, *[f"{d} {p}" for d in DOMAIN_NAMES for p in (RANK, DECILE)]]
FILE_6_HEADERS = [*LSOA, *LAD, *POPULATION]
FILE_7_HEADERS = [
    *LSOA,
    *LAD,
    *[
        h
        for d, s in zip(DOMAIN_NAMES, DOMAIN_SCORES, strict=True)
        for h in (s, f"{d} {RANK}", f"{d} {DECILE}")
    ],
    *SUPPLEMENTARY,
    *POPULATION,
]
WARD_LOOKUP_HEADERS = ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM", "ObjectId"]
MSOA_LOOKUP_HEADERS = [
    "oa21cd",
    "lsoa21cd",
    "lsoa21nm",
    "lsoa21nmw",
    "msoa21cd",
    "msoa21nm",
    "msoa21nmw",
    "lad22cd",
    "lad22nm",
    "lad22nmw",
]
MSOA_NAMES_HEADERS = [
    "msoa21cd",
    "msoa21nm",
    "msoa21nmw",
    "msoa21hclnm",
    "msoa21hclnmw",
    "localauthorityname",
]

NORWICH = ("E07000148", "Norwich")
# code, name, IMD rank, population (total), ward (2024), MSOA (2021)
LSOAS = [
    ("E01026803", "Norwich 004A", 1201, 1500, "E05012902", "E02005587"),
    ("E01026804", "Norwich 004B", 2402, 1700, "E05012902", "E02005587"),
    ("E01035001", "Norwich 004H", 3603, 1300, "E05012910", "E02005587"),
    ("E01035002", "Norwich 015D", 9004, 1800, "E05012910", "E02006908"),
]
WARDS = {"E05012902": "Crome", "E05012910": "Thorpe Hamlet"}
MSOAS = {
    "E02005587": ("Norwich 004", "Heartsease & Pilling Park"),
    "E02006908": ("Norwich 015", "Thorpe Hamlet & Mousehold South"),
}
TOTAL = 33755  # LSOAs in England in 2021: IoD2025's ranks run from 1 to this


def rank(lsoa: tuple, domain: int) -> int:
    """Return the rank written for an LSOA in a domain (0 is the IMD)."""
    return lsoa[2] + 1000 * domain


def decile(value: int) -> int:
    """Return the decile MHCLG publishes for a rank: ceil(10 x rank / 33,755)."""
    return -(-value * 10 // TOTAL)


def _areas(lsoa: tuple) -> list:
    return [lsoa[0], lsoa[1], *NORWICH]


def _populations(lsoa: tuple) -> list[int]:
    total = lsoa[3]
    return [total, total // 5, total // 2, total // 4, total * 3 // 5]


def file_1_rows() -> list[list]:
    return [[*_areas(x), rank(x, 0), decile(rank(x, 0))] for x in LSOAS]


def file_2_rows() -> list[list]:
    return [
        [*_areas(x), *[v for d in range(8) for v in (rank(x, d), decile(rank(x, d)))]]
        for x in LSOAS
    ]


def file_6_rows() -> list[list]:
    return [[*_areas(x), *_populations(x)] for x in LSOAS]


def file_7_rows() -> list[list]:
    rows = []
    for x in LSOAS:
        domains = [v for d in range(8) for v in (0.25 + d, rank(x, d), decile(rank(x, d)))]
        supplementary = [v for _ in range(8) for v in (0.1, rank(x, 0), decile(rank(x, 0)))]
        rows.append([*_areas(x), *domains, *supplementary[: len(SUPPLEMENTARY)], *_populations(x)])
    return rows


def ward_lookup_rows() -> list[list]:
    return [[x[0], x[1], x[4], WARDS[x[4]], *NORWICH, i + 1] for i, x in enumerate(LSOAS)]


def msoa_lookup_rows() -> list[list]:
    return [
        [f"E00{170000 + i}", x[0], x[1], "", x[5], MSOAS[x[5]][0], "", *NORWICH, ""]
        for i, x in enumerate(LSOAS)
    ]


def msoa_names_rows() -> list[list]:
    return [[code, ons, "", hcl, "", "Norwich"] for code, (ons, hcl) in MSOAS.items()]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    """Write a CSV as the publishers do (UTF-8 with a byte-order mark); return path."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_workbook(
    path: Path, sheet: str, header: list[str], rows: list[list], above: list[list] = ()
) -> Path:
    """Write a workbook as MHCLG publishes it: a notes sheet first, then the data sheet, whose
    header row follows any rows given in above (titles); return path."""
    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["English Indices of Deprivation 2025"])
    notes.append(["Source:", "Ministry of Housing, Communities and Local Government"])
    notes.append(["Licence:", "Open Government Licence v3.0"])
    data = book.create_sheet(sheet)
    for row in above:
        data.append(row)
    data.append(header)
    for row in rows:
        data.append(row)
    book.save(path)
    return path


def write_all(folder: Path) -> dict[str, Path]:
    """Write every IoD2025 file into folder; return {name: path} (file_1, file_2, file_6,
    file_7, wards, msoa_lookup, msoa_names)."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "file_1": write_workbook(
            folder / "File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx",
            "IMD25",
            FILE_1_HEADERS,
            file_1_rows(),
        ),
        "file_2": write_workbook(
            folder / "File_2_IoD2025_Domains_of_Deprivation.xlsx",
            "IoD2025 Domains",
            FILE_2_HEADERS,
            file_2_rows(),
        ),
        "file_6": write_workbook(
            folder / "File_6_IoD2025_Population_Denominators.xlsx",
            "ID 2025 Population Denominators",
            FILE_6_HEADERS,
            file_6_rows(),
            above=[["File 6: population denominators", ""], []],
        ),
        "file_7": write_csv(
            folder / "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv",
            FILE_7_HEADERS,
            file_7_rows(),
        ),
        "wards": write_csv(
            folder / "LSOA21_WD24_LAD24_EW_LU.csv", WARD_LOOKUP_HEADERS, ward_lookup_rows()
        ),
        "msoa_lookup": write_csv(
            folder / "OA21_LSOA21_MSOA21_LAD22_EW_LU.csv", MSOA_LOOKUP_HEADERS, msoa_lookup_rows()
        ),
        "msoa_names": write_csv(
            folder / "MSOA-Names-2.2.csv", MSOA_NAMES_HEADERS, msoa_names_rows()
        ),
    }
