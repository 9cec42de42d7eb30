"""Read a CSV, gzipped CSV or Excel file into strings, with errors people can act on."""

from __future__ import annotations

import csv
import gzip
import io
import re
from pathlib import Path

import pandas as pd

from engagement import figures
from engagement.errors import ImportProblem


def normalise_header(header: str) -> str:
    """Return a header lower-cased, trimmed and with runs of spaces collapsed."""
    return re.sub(r"\s+", " ", str(header).replace("\ufeff", "")).strip().lower()


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise ImportProblem(
            f"{path.name}, line {line}: the file is not UTF-8 text "
            f"(byte 0x{raw[err.start]:02x} cannot be read); "
            "save it as 'CSV UTF-8' and try again."
        ) from None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file.") from None
    except (OSError, EOFError) as err:
        raise ImportProblem(f"{path.name}: the file cannot be read ({err}).") from None
    return _decode(path, raw)


def _is_excel(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def read_headers(path: Path) -> list[list[str]]:
    """Return the header row of a csv or csv.gz file, or of each sheet of an xlsx workbook."""
    if not path.exists():
        raise ImportProblem(f"{path}: no such file.")
    if _is_excel(path):
        return [header for _name, header in _excel_sheets(path)]
    text = _read_text(path)
    first = next(csv.reader(io.StringIO(text)), None)
    if not first or not any(cell.strip() for cell in first):
        raise ImportProblem(f"{path.name} is empty: it has no header row.")
    return [first]


def _excel_sheets(path: Path) -> list[tuple[str, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged file
        raise ImportProblem(f"{path.name}: the Excel file cannot be opened ({err}).") from None
    sheets = []
    for sheet in book.worksheets:
        header = next(sheet.iter_rows(max_row=1, values_only=True), None)
        if header and any(h is not None for h in header):
            sheets.append((sheet.title, ["" if h is None else str(h) for h in header]))
    book.close()
    if not sheets:
        raise ImportProblem(f"{path.name} is empty: no sheet has a header row.")
    return sheets


def read_table(path: Path, sheet_matches=None) -> pd.DataFrame:
    """Return the file's rows with the header row as columns: numbers where a whole column is
    numeric, otherwise strings (empty cells as "").

    sheet_matches(header) picks the sheet of a workbook; the first sheet with a header otherwise.
    Row i of the frame is line i + 2 of the file.
    """
    if _is_excel(path):
        sheets = _excel_sheets(path)
        name = next(
            (n for n, h in sheets if sheet_matches is None or sheet_matches(h)), sheets[0][0]
        )
        frame = pd.read_excel(
            path, sheet_name=name, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    else:
        text = _read_text(path)
        if not text.strip():
            raise ImportProblem(f"{path.name} is empty: it has no header row.")
        try:
            # Numbers are parsed by pandas' C parser; a column with a bad cell stays text, and
            # whole_numbers() then names the cell.
            frame = pd.read_csv(io.StringIO(text), keep_default_na=False, thousands=",")
        except (pd.errors.ParserError, csv.Error) as err:
            match = re.search(r"line (\d+)", str(err))
            where = f", line {match.group(1)}" if match else ""
            raise ImportProblem(
                f"{path.name}{where}: the rows do not line up with the header ({err})."
            ) from None
    if frame.empty:
        raise ImportProblem(f"{path.name} has a header row but no data rows.")
    frame.columns = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    return frame


def whole_numbers(
    frame: pd.DataFrame, column: str, path: Path, *, low: int, high: int | None = None
) -> pd.Series:
    """Return column as integers, or raise naming the first line whose value is not one in range."""
    numbers = frame[column]
    if not pd.api.types.is_numeric_dtype(numbers):
        numbers = pd.to_numeric(
            numbers.astype(str).str.replace(",", "", regex=False).str.strip(), errors="coerce"
        )
    bad = numbers.isna() | (numbers % 1 != 0) | (numbers < low)
    if high is not None:
        bad |= numbers > high
    if bad.any():
        row = int(bad.to_numpy().argmax())
        value = frame[column].iloc[row]
        expected = (
            f"a whole number from {figures.count(low)} to {figures.count(high)}"
            if high is not None
            else f"a whole number of at least {low}"
        )
        shown = "an empty cell" if pd.isna(value) or str(value).strip() == "" else f"'{value}'"
        raise ImportProblem(
            f"{path.name}, line {row + 2}, column '{column}': {shown} is not {expected}."
        )
    return numbers.astype("int64")
