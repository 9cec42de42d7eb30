"""Recognise official Indices of Deprivation and geography files by their header rows.

Knows each kind of file (KINDS: the header patterns of File 2, File 6, the ONS LSOA→ward lookup,
the House of Commons Library MSOA names, the ONS LSOA→MSOA lookup and the ONS Local Authority
District to County lookup), maps a file's own headers to our field names, and sorts given files or
a folder's files by kind. Reading each kind is iod_files' work.
"""

from __future__ import annotations

import re
from pathlib import Path

from engagement.errors import ImportProblem
from engagement.model import DOMAINS
from engagement.tabular import normalise_header, read_headers

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

KINDS = {
    "domains": {
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
        **{
            f"{key}_{part}": (
                rf"^{words} {part}\b",
                f"{_LABELS[key]} {part.title()} (where 1 is most deprived)",
            )
            for key, words in _DOMAIN_WORDS.items()
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
    "domains": "File 2 (ranks and deciles by domain)",
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


def recognise(path: Path) -> str:
    """Return which kind of file path is ("domains", "population", …), judged by its header row."""
    candidates = read_headers(path)
    # The most specific kinds first: a ward lookup also has LSOA codes, as has an MSOA lookup.
    for kind in ("domains", "population", "wards", "msoa_names", "msoa_lookup", "counties"):
        for headers in candidates:
            if len(_columns(kind, headers)) == len(KINDS[kind]):
                return kind
    headers = candidates[0]
    best = max(KINDS, key=lambda k: len(_columns(k, headers)) / len(KINDS[k]))
    found = _columns(best, headers)
    if found:
        missing = [example for field, (_p, example) in KINDS[best].items() if field not in found]
        raise ImportProblem(
            f"{path.name}, line 1: looks like {KIND_TITLES[best]} but has no column "
            f"'{missing[0]}' (or one like it) in its header row."
        )
    raise ImportProblem(
        f"{path.name}, line 1: the header row matches none of the official files "
        "(IoD File 2, File 6, the LSOA to ward lookup, the MSOA names or the district to "
        "county lookup)."
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
    for path in paths:
        kind = recognise(path)
        if kind in files:
            raise ImportProblem(
                f"{path.name} and {files[kind].name} are both {KIND_TITLES[kind]}: give one."
            )
        files[kind] = path
    return files
