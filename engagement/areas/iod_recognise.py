"""Recognise official Indices of Deprivation and geography files by their header rows.

Knows each kind of file (KINDS: the header patterns of File 1, File 2, File 6, the ONS LSOA→ward
lookup, the House of Commons Library MSOA names, the ONS LSOA→MSOA lookup and the ONS Local
Authority District to County lookup; File 7 is recognised as holding both File 2's and File 6's
columns), maps a file's own headers to our field names, and sorts given files or a folder's files
by kind. A workbook's header row is looked for on every sheet (see iod_sheets). Reading each kind
is iod_files' work.
"""

from __future__ import annotations

import re
from pathlib import Path

from engagement.areas.iod_sheets import HeaderRow, header_rows
from engagement.errors import ImportProblem
from engagement.model import DOMAINS
from engagement.tabular import normalise_header

# Patterns on normalised headers (lower case). Domain headers are sentences such as
# "Income Rank (where 1 is most deprived)"; 2025 files may say "Income Domain Rank".
_DOMAIN_WORDS = {
    "imd": r"index of multiple deprivation \(imd\)",
    "income": r"income( domain)?",
    "employment": r"employment( domain)?",
    "education": r"education,? skills and training( domain)?",
    "health": r"health deprivation and disability( domain)?",
    "crime": r"crime( domain)?",
    "barriers": r"barriers to housing and services( domain)?",
    "living_environment": r"living environment( domain)?",
}
_LABELS = dict(DOMAINS)

_AREA_FIELDS = {
    "lsoa_code": (r"^lsoa code \((2011|2021)\)$", "LSOA code (2011)"),
    "lsoa_name": (r"^lsoa name \((2011|2021)\)$", "LSOA name (2011)"),
    "lad_code": (
        r"^local authority district code \(\d{4}\)$",
        "Local Authority District code (2019)",
    ),
    "lad_name": (
        r"^local authority district name \(\d{4}\)$",
        "Local Authority District name (2019)",
    ),
}
KINDS = {
    "domains": {
        **_AREA_FIELDS,
        **{
            f"{key}_{part}": (
                rf"^{words} {part}\b",
                f"{_LABELS[key]} {part.title()} (where 1 is most deprived)",
            )
            for key, words in _DOMAIN_WORDS.items()
            for part in ("rank", "decile")
        },
    },
    "imd": {
        **_AREA_FIELDS,
        **{
            f"imd_{part}": (
                rf"^{_DOMAIN_WORDS['imd']} {part}\b",
                f"{_LABELS['imd']} {part.title()} (where 1 is most deprived)",
            )
            for part in ("rank", "decile")
        },
    },
    "population": {
        "lsoa_code": (r"^lsoa code \((2011|2021)\)$", "LSOA code (2011)"),
        "population": (r"^total population\b", "Total population: mid 2015 (excluding prisoners)"),
    },
    "wards": {
        "lsoa_code": (r"^lsoa(11|21)cd$", "LSOA11CD"),
        "ward_code": (r"^wd\d\dcd$", "WD19CD"),
        "ward_name": (r"^wd\d\dnm$", "WD19NM"),
        "lad_code": (r"^lad\d\dcd$", "LAD19CD"),
    },
    "msoa_names": {
        "msoa_code": (r"^msoa(11|21)cd$", "MSOA11CD"),
        "msoa_ons_name": (r"^msoa(11|21)nm$", "MSOA11NM"),
        "msoa_name": (r"^msoa(11|21)hclnm$", "MSOA11HCLNM"),
    },
    "msoa_lookup": {
        "lsoa_code": (r"^lsoa(11|21)cd$", "LSOA11CD"),
        "msoa_code": (r"^msoa(11|21)cd$", "MSOA11CD"),
    },
    "counties": {
        "lad_code": (r"^lad\d\dcd$", "LAD23CD"),
        "county_code": (r"^cty\d\dcd$", "CTY23CD"),
        "county_name": (r"^cty\d\dnm$", "CTY23NM"),
    },
}
KIND_TITLES = {
    "all": "File 7 (all ranks, deciles, scores and population denominators)",
    "domains": "File 2 (ranks and deciles by domain)",
    "imd": "File 1 (Index of Multiple Deprivation)",
    "population": "File 6 (population denominators)",
    "wards": "the LSOA to ward lookup",
    "msoa_names": "the MSOA names",
    "msoa_lookup": "the LSOA to MSOA lookup",
    "counties": "the local authority district to county lookup",
}


def _columns(kind: str, headers: list[str]) -> dict[str, str]:
    """Map each canonical field of kind to the file's own header; missing fields are absent."""
    found = {}
    normalised = [normalise_header(h) for h in headers]
    for field, (pattern, _example) in KINDS[kind].items():
        for original, norm in zip(headers, normalised, strict=True):
            if re.search(pattern, norm):
                found[field] = original
                break
    return found


def matches(kind: str, headers: list[str]) -> bool:
    """Return whether headers hold every field of kind ("all": File 2's and File 6's).

    File 1 holds the Index of Multiple Deprivation alone: a file that also has some domains' columns
    is a File 2 with columns missing, not a File 1."""
    if kind == "all":
        return matches("domains", headers) and matches("population", headers)
    if kind == "imd" and len(_columns("domains", headers)) > len(KINDS["imd"]):
        return False
    return len(_columns(kind, headers)) == len(KINDS[kind])


# The most specific kinds first: File 7 holds File 2's columns and more, File 2 holds File 1's, a
# ward lookup also has LSOA codes, as has an MSOA lookup.
ORDER = ("all", "domains", "imd", "population", "wards", "msoa_names", "msoa_lookup", "counties")


def _where(path: Path, header: HeaderRow) -> str:
    if header.sheet is None:
        return f"{path.name}, line {header.row}"
    return f"{path.name}, sheet '{header.sheet}', row {header.row}"


def recognise(path: Path) -> str:
    """Return which kind of file path is ("all", "domains", "imd", "population", …), judged by
    its header row."""
    candidates = header_rows(path)
    for kind in ORDER:
        for header in candidates:
            if matches(kind, header.headers):
                return kind

    def closeness(kind: str, headers: list[str]) -> float:
        found = len(_columns(kind, headers))
        return found / len(KINDS[kind]) if found < len(KINDS[kind]) else 0.0

    header = max(candidates, key=lambda h: max(closeness(k, h.headers) for k in KINDS))
    best = max(KINDS, key=lambda k: closeness(k, header.headers))
    found = _columns(best, header.headers)
    if closeness(best, header.headers) > 0:
        missing = [example for field, (_p, example) in KINDS[best].items() if field not in found]
        raise ImportProblem(
            f"{_where(path, header)}: looks like {KIND_TITLES[best]} but has no column "
            f"'{missing[0]}' (or one like it) in its header row."
        )
    raise ImportProblem(
        f"{_where(path, candidates[0])}: the header row matches none of the official files "
        "(IoD File 1, 2, 6 or 7, the LSOA to ward lookup, the MSOA names, the LSOA to MSOA "
        "lookup or the district to county lookup)."
    )


def recognise_folder(folder: Path) -> dict[str, Path]:
    """Return {kind: path} for the recognisable files in folder (csv, csv.gz, xlsx)."""
    if not folder.is_dir():
        raise ImportProblem(f"{folder}: no such folder.")
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or not re.search(r"\.(csv|csv\.gz|xlsx)$", path.name, re.I):
            continue
        try:
            kind = recognise(path)
        except ImportProblem:
            continue
        found.setdefault(kind, path)
    return found


def sort_files(paths: list[Path]) -> dict[str, Path]:
    """Return {kind: path} for files named on the command line, each recognised by its header."""
    files: dict[str, Path] = {}
    for path in dict.fromkeys(paths):  # the same File 7 may be given as ranks and as population
        kind = recognise(path)
        if kind in files:
            raise ImportProblem(
                f"{path.name} and {files[kind].name} are both {KIND_TITLES[kind]}: give one."
            )
        files[kind] = path
    return files
