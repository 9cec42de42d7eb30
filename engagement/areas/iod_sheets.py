"""Find the data in an official file and say where a bad cell is.

MHCLG's and ONS's workbooks open with a notes or cover sheet, and a data sheet may have a title
above its header row, so the header row is found by recognising its headings, not by position.
A CSV's header is its first line. Every problem names the file, the line (CSV) or sheet and row
(Excel), and the column, as people see them in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from engagement import tabular
from engagement.errors import ImportProblem
from engagement.tabular import _is_excel, read_headers, read_table

# How far down a sheet the header row may sit (titles and notes come above it).
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class HeaderRow:
    """A candidate header row: its sheet (None in a CSV), its row number (1-based), its cells."""

    sheet: str | None
    row: int
    headers: list[str]


@dataclass
class Table:
    """A file's data rows under its header row, and where they came from."""

    frame: pd.DataFrame
    path: Path
    sheet: str | None = None
    header_row: int = 1

    def where(self, i: int | None = None) -> str:
        """Return where data row i (0-based) is: "f.csv, line 7" or "f.xlsx, sheet 'S', row 7";
        with i None, where the header row is."""
        row = self.header_row if i is None else self.header_row + 1 + i
        if self.sheet is None:
            return f"{self.path.name}, line {row}"
        return f"{self.path.name}, sheet '{self.sheet}', row {row}"

    def text(self, column: str) -> pd.Series:
        """Return a column as trimmed text, whatever type it was read as."""
        return self.frame[column].astype(str).str.strip()


def header_rows(path: Path) -> list[HeaderRow]:
    """Return the rows of path that could be its header: a CSV's first line, or each of the first
    rows (up to HEADER_SEARCH_ROWS) of every sheet of a workbook that has two or more cells."""
    if not path.exists():
        raise ImportProblem(f"{path}: no such file.")
    if not _is_excel(path):
        return [HeaderRow(None, 1, read_headers(path)[0])]
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged file
        raise ImportProblem(f"{path.name}: the Excel file cannot be opened ({err}).") from None
    rows = []
    try:
        for sheet in book.worksheets:
            cells = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
            for number, values in enumerate(cells, start=1):
                headers = ["" if v is None else str(v) for v in values]
                if sum(1 for h in headers if h.strip()) >= 2:
                    rows.append(HeaderRow(sheet.title, number, headers))
    finally:
        book.close()
    if not rows:
        raise ImportProblem(f"{path.name} is empty: no sheet has a header row.")
    return rows


def read_located(path: Path, matches: Callable[[list[str]], bool]) -> Table:
    """Return the data under the first header row that matches (see header_rows); a CSV is read
    from its first line whatever it holds. Empty rows in a workbook are left out."""
    if not _is_excel(path):
        return Table(read_table(path), path)
    found = next((h for h in header_rows(path) if matches(h.headers)), None)
    if found is None:
        raise ImportProblem(f"{path.name}: no sheet has the expected header row.")
    frame = pd.read_excel(
        path,
        sheet_name=found.sheet,
        header=found.row - 1,
        dtype=str,
        keep_default_na=False,
        engine="openpyxl",
    )
    frame.columns = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    # Trailing blank rows (formatting below the data) are not data; blank rows inside are kept, so
    # row numbers stay those of the sheet, and are reported as empty cells.
    filled = frame.astype(str).apply(lambda c: c.str.strip() != "").any(axis=1).to_numpy()
    frame = frame.iloc[: int(filled.nonzero()[0].max()) + 1 if filled.any() else 0]
    if frame.empty:
        raise ImportProblem(
            f"{path.name}, sheet '{found.sheet}' has a header row but no data rows."
        )
    return Table(frame.reset_index(drop=True), path, found.sheet, found.row)


def whole_numbers(table: Table, column: str, *, low: int, high: int | None = None) -> pd.Series:
    """Return column as integers, or raise naming the first cell that is not one in range."""
    return tabular.whole_numbers(
        table.frame, column, table.path, low=low, high=high, where=table.where
    )


_EXAMPLES = {
    "E01": "E01000001",
    "E02": "E02000001",
    "E05": "E05000026",
    "E0[6-9]": "E07000148",
    "E10": "E10000031",
}


def codes(table: Table, column: str, prefix: str, rows: pd.Series | None = None) -> pd.Series:
    """Return a column of ONS codes (upper case), or raise naming the first that is not a code
    with prefix; rows (a boolean mask) limits the check to those rows."""
    values = table.text(column).str.upper()
    if rows is not None:
        values = values[rows]
    bad = ~values.str.fullmatch(rf"{prefix}\d{{6}}")
    if bad.any():
        at = int(values.index[bad.to_numpy().argmax()])
        raise ImportProblem(
            f"{table.where(at)}, column '{column}': '{table.frame[column].iloc[at]}' "
            f"is not a code like {_EXAMPLES[prefix]}."
        )
    return values
