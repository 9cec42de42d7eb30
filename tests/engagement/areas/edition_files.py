"""Two editions of one small place, written as the publishers' files (headers verbatim), and the
ONS LSOA (2011) to LSOA (2021) lookup between them: what the edition and change tests read.

The place is MSOA "Norwich 004" (Heartsease & Pilling Park) in Norwich. Its 2011 LSOAs (IoD2019)
became its 2021 LSOAs (IoD2025) in each of the ways the lookup records:
  004A  U  unchanged                       E01026701 -> E01026701
  004B  S  split in two                    E01026702 -> E01033401, E01033402
  004C  M  merged with 004D                E01026703, E01026704 -> E01033403
  004E  X  redrawn irregularly             E01026705 -> E01033404
Every domain's rank is the LSOA's IMD rank plus 10 for each domain after the first (MHCLG's
order), and every decile is the IMD decile (no rank crosses a decile boundary when moved so).
"""

from __future__ import annotations

from pathlib import Path

from engagement.areas.iod_import import import_iod_files
from engagement.areas.lsoa_changes import import_lsoa_changes
from storage import session_scope
from storage.db import make_engine
from tests.engagement.official_subset import write_csv

NORWICH = "E07000148"
MSOA = "E02005587"
HEARTSEASE = "Heartsease & Pilling Park"
DOMAIN_NAMES = (
    "Index of Multiple Deprivation (IMD)",
    "Income",
    "Employment",
    "Education, Skills and Training",
    "Health Deprivation and Disability",
    "Crime",
    "Barriers to Housing and Services",
    "Living Environment",
)

# IoD2019 File 2 and File 6 headers, verbatim.
FILE_2_2019 = [
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
] + [
    header
    for name in DOMAIN_NAMES
    for header in (
        f"{name} Rank (where 1 is most deprived)",
        f"{name} Decile (where 1 is most deprived 10% of LSOAs)",
    )
]
FILE_6_2019 = [
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
    "Total population: mid 2015 (excluding prisoners)",
]
# IoD2025 File 2 and File 6 headers, verbatim.
FILE_2_2025 = [
    "LSOA code (2021)",
    "LSOA name (2021)",
    "Local Authority District code (2024)",
    "Local Authority District name (2024)",
] + FILE_2_2019[4:]
FILE_6_2025 = [
    "LSOA code (2021)",
    "LSOA name (2021)",
    "Local Authority District code (2024)",
    "Local Authority District name (2024)",
    "Total population: mid 2022",
]
# House of Commons Library MSOA names, 2011 and 2021 files.
MSOA_NAMES_2011 = ["MSOA11CD", "MSOA11NM", "MSOA11HCLNM", "LAD_CODE", "LAD_NAME"]
MSOA_NAMES_2021 = ["msoa21cd", "msoa21nm", "msoa21hclnm", "localauthorityname"]
# ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022) Lookup for England and
# Wales", verbatim.
LOOKUP = [
    "LSOA11CD",
    "LSOA11NM",
    "CHGIND",
    "LSOA21CD",
    "LSOA21NM",
    "LAD22CD",
    "LAD22NM",
    "LAD22NMW",
    "ObjectId",
]

# (code, name, IMD rank, IMD decile, people)
LSOAS_2019 = [
    ("E01026701", "Norwich 004A", 1000, 1, 1000),
    ("E01026702", "Norwich 004B", 3000, 1, 2000),
    ("E01026703", "Norwich 004C", 2000, 1, 1000),
    ("E01026704", "Norwich 004D", 6000, 2, 3000),
    ("E01026705", "Norwich 004E", 20000, 7, 1500),
]
LSOAS_2025 = [
    ("E01026701", "Norwich 004A", 1500, 1, 1100),
    ("E01033401", "Norwich 004F", 4000, 2, 1200),
    ("E01033402", "Norwich 004G", 2500, 1, 900),
    ("E01033403", "Norwich 004H", 3000, 1, 4200),
    ("E01033404", "Norwich 004J", 25000, 8, 1600),
]
# (LSOA11CD, CHGIND, LSOA21CD)
CHANGES = [
    ("E01026701", "U", "E01026701"),
    ("E01026702", "S", "E01033401"),
    ("E01026702", "S", "E01033402"),
    ("E01026703", "M", "E01033403"),
    ("E01026704", "M", "E01033403"),
    ("E01026705", "X", "E01033404"),
]
# A Welsh row, as in the published file: left out (the Indices cover England).
WELSH = ("W01000001", "U", "W01000001")


def _ranks(rank: int, decile: int) -> list[int]:
    return [value for k in range(len(DOMAIN_NAMES)) for value in (rank + 10 * k, decile)]


def write_edition(folder: Path, year: int) -> list[Path]:
    """Write one edition's File 2, File 6 and MSOA names into folder; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    lad = [NORWICH, "Norwich"]
    if year == 2019:
        lsoas, f2, f6, names = LSOAS_2019, FILE_2_2019, FILE_6_2019, MSOA_NAMES_2011
        msoa = [MSOA, "Norwich 004", HEARTSEASE, NORWICH, "Norwich"]
    else:
        lsoas, f2, f6, names = LSOAS_2025, FILE_2_2025, FILE_6_2025, MSOA_NAMES_2021
        msoa = [MSOA, "Norwich 004", HEARTSEASE, "Norwich"]
    return [
        write_csv(
            folder / "File_2.csv",
            f2,
            [[c, n, *lad, *_ranks(r, d)] for c, n, r, d, _p in lsoas],
        ),
        write_csv(folder / "File_6.csv", f6, [[c, n, *lad, f"{p:,}"] for c, n, _r, _d, p in lsoas]),
        write_csv(folder / "msoa_names.csv", names, [msoa]),
    ]


def write_lookup(path: Path, rows=None) -> Path:
    """Write the ONS LSOA (2011) to LSOA (2021) lookup (CHANGES and a Welsh row) at path."""
    names11 = {c: n for c, n, *_ in LSOAS_2019}
    names21 = {c: n for c, n, *_ in LSOAS_2025}
    rows = rows if rows is not None else [*CHANGES, WELSH]
    return write_csv(
        path,
        LOOKUP,
        [
            [a, names11.get(a, "Cardiff 001A"), change, b, names21.get(b, "Cardiff 001A")]
            + (
                [NORWICH, "Norwich", ""]
                if a.startswith("E")
                else ["W06000015", "Cardiff", "Caerdydd"]
            )
            + [i + 1]
            for i, (a, change, b) in enumerate(rows)
        ],
    )


def load_two_editions(url: str, folder: Path, *, lookup: bool = True) -> None:
    """Import IoD2019, then IoD2025, then (when lookup) the LSOA lookup into the database at url."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_iod_files(session, write_edition(folder / "iod2019", 2019))
    with session_scope(engine) as session:
        import_iod_files(session, write_edition(folder / "iod2025", 2025))
    if lookup:
        with session_scope(engine) as session:
            import_lsoa_changes(session, write_lookup(folder / "lookup.csv"))
    engine.dispose()
