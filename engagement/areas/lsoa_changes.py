"""Read and store the ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022) Lookup for
England and Wales": which 2021 LSOA(s) each 2011 LSOA became, and how (its CHGIND).

Columns are found by their headers (LSOA11CD, LSOA21CD, CHGIND; the names and districts beside
them are not needed). Welsh rows are left out: the Indices cover England. A re-import replaces the
stored lookup; nothing is written unless the whole file is good.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import delete
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.iod_store import bump_catalogue_version
from engagement.errors import ImportProblem
from engagement.tabular import normalise_header, read_table
from storage.bulk import bulk_insert
from storage.change_models import LsoaChange

# Our field: (pattern on the normalised header, the header as ONS publishes it).
COLUMNS = {
    "lsoa11_code": (r"^lsoa11cd$", "LSOA11CD"),
    "lsoa21_code": (r"^lsoa21cd$", "LSOA21CD"),
    "change": (r"^chgind$", "CHGIND"),
}
CHANGES = {
    "U": "unchanged",
    "S": "split",
    "M": "merged",
    "X": "redrawn irregularly",
}


@dataclass(frozen=True)
class LsoaChangesReport:
    """What an import of the lookup stored, for the command line."""

    file: str
    counts: dict[str, int]  # rows stored by change indicator
    seconds: float

    def summary(self) -> str:
        """Return a sentence saying how many English LSOA pairs were stored, by kind of change."""
        total = sum(self.counts.values())
        parts = ", ".join(
            f"{figures.count(self.counts.get(code, 0))} {words}" for code, words in CHANGES.items()
        )
        return (
            f"Imported {figures.count(total)} links between 2011 and 2021 LSOAs in England from "
            f"{self.file} ({parts}) in {figures.decimal(self.seconds, 1)} s."
        )


def _columns(path: Path, frame: pd.DataFrame) -> dict[str, str]:
    found = {}
    for field, (pattern, published) in COLUMNS.items():
        column = next((c for c in frame.columns if re.match(pattern, normalise_header(c))), None)
        if column is None:
            raise ImportProblem(
                f"{path.name}, line 1: no column '{published}'; this is not the ONS LSOA (2011) "
                "to LSOA (2021) lookup (its columns include LSOA11CD, CHGIND and LSOA21CD)."
            )
        found[field] = column
    return found


def read_lsoa_changes(path: Path) -> pd.DataFrame:
    """Return the English rows of the lookup at path as a frame (lsoa11_code, lsoa21_code,
    change), or raise ImportProblem naming the file, line and column of the first bad cell."""
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file.")
    frame = read_table(path)
    columns = _columns(path, frame)
    rows = pd.DataFrame(
        {
            field: frame[column].astype(str).str.strip().str.upper()
            for field, column in columns.items()
        }
    )
    for field in ("lsoa11_code", "lsoa21_code"):
        bad = ~rows[field].str.fullmatch(r"[EW]01\d{6}")
        _refuse(path, frame, columns[field], bad, "is not an LSOA code like E01033333")
    _refuse(path, frame, columns["change"], ~rows["change"].isin(CHANGES), "is not U, S, M or X")
    repeated = rows.duplicated(["lsoa11_code", "lsoa21_code"])
    _refuse(path, frame, columns["lsoa21_code"], repeated, "repeats an earlier row's pair")
    english = rows["lsoa11_code"].str.startswith("E") | rows["lsoa21_code"].str.startswith("E")
    return rows[english].reset_index(drop=True)


def _refuse(path: Path, frame: pd.DataFrame, column: str, bad: pd.Series, why: str) -> None:
    if bad.any():
        row = int(bad.to_numpy().argmax())
        value = str(frame[column].iloc[row]).strip()
        shown = f"'{value}'" if value else "an empty cell"
        raise ImportProblem(f"{path.name}, line {row + 2}, column '{column}': {shown} {why}.")


def import_lsoa_changes(session: Session, path: Path) -> LsoaChangesReport:
    """Replace the stored LSOA (2011) to LSOA (2021) lookup with the file at path; return what
    was stored. The caller's transaction makes the replacement atomic."""
    started = time.perf_counter()
    rows = read_lsoa_changes(path)
    session.execute(delete(LsoaChange))
    columns = ("lsoa11_code", "lsoa21_code", "change")
    bulk_insert(session, LsoaChange.__table__, columns, list(rows.itertuples(index=False)))
    bump_catalogue_version(session)  # pictures of change drawn before are drawn again
    counts = {code: int(n) for code, n in rows["change"].value_counts().items()}
    return LsoaChangesReport(path.name, counts, time.perf_counter() - started)
