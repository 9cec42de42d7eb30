"""Read a CSV, gzipped CSV or Excel file into strings, with errors people can act on; write rows
back out as CSV or Excel with cells a spreadsheet would run as formulas made inert."""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from engagement import figures
from engagement.errors import ImportProblem, RowProblems


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
    frame: pd.DataFrame,
    column: str,
    path: Path,
    *,
    low: int,
    high: int | None = None,
    where: Callable[[int], str] | None = None,
) -> pd.Series:
    """Return column as integers, or raise naming the first line whose value is not one in range
    (where(row) says where frame's row is, when not at line row + 2 of path)."""
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
        place = where(row) if where else f"{path.name}, line {row + 2}"
        raise ImportProblem(f"{place}, column '{column}': {shown} is not {expected}.")
    return numbers.astype("int64")


def cell_text(value) -> str:
    """Return a spreadsheet cell as trimmed text ("" for an empty one, "52" for 52.0, an Excel
    date as YYYY-MM-DD)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    return str(value).replace("\r", "").strip()


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return a CSV or xlsx file's header and its rows as (line number, cells), blank rows left
    out; line numbers are those a spreadsheet shows, even when a quoted cell spans lines."""
    if not path.exists():
        raise ImportProblem(f"{path}: no such file.")
    if _is_excel(path):
        return _excel_rows(path)
    reader = csv.reader(io.StringIO(_read_text(path)))
    header = next(reader, None)
    if not header or not any(c.strip() for c in header):
        raise ImportProblem(f"{path.name} is empty: it has no header row.")
    rows, line = [], reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as err:
        raise ImportProblem(
            f"{path.name}, line {reader.line_num}: the file cannot be read as CSV ({err})."
        ) from None
    return header, rows


def _excel_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged file
        raise ImportProblem(f"{path.name}: the Excel file cannot be opened ({err}).") from None
    header, rows = None, []
    for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        if header is None:
            header = cells if any(cells) else None
        elif any(cells):
            rows.append((number, cells))
    book.close()
    if header is None:
        raise ImportProblem(f"{path.name} is empty: its first sheet has no header row.")
    return header, rows


def find_columns(
    header: list[str],
    file_name: str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    needs: str,
) -> tuple[dict[str, int], list[str]]:
    """Return {column name: index} for the headings naming one of columns (by any of its
    aliases, compared normalised) and the headings ignored. Raise ImportProblem naming the first
    required column missing, what the file needs (needs: "an action plan needs at least title
    and area") and the headings found."""
    wanted = {alias: name for name, aliases in columns.items() for alias in aliases}
    found: dict[str, int] = {}
    ignored = []
    for index, heading in enumerate(header):
        name = wanted.get(normalise_header(heading))
        if name and name not in found:
            found[name] = index
        elif heading.strip():
            ignored.append(heading.strip())
    for name in required:
        if name not in found:
            seen = ", ".join(h.strip() for h in header if h.strip()) or "none"
            raise ImportProblem(
                f"{file_name} has no '{name}' column: {needs} (columns found: {seen})."
            )
    return found, ignored


@dataclass
class CheckedRow:
    """One filled-in row of a file being checked: its line, the cells of the columns read (by
    column name, as text) and the problems found with it so far."""

    line: int
    cells: dict[str, str]
    headings: dict[str, str]
    found: list[str] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        """Note a problem with column (named by its heading in the file) on this row."""
        heading = self.headings.get(column, column)
        self.found.append(f"line {self.line}, column '{heading}': {message}")


@dataclass
class RowChecks:
    """Collects the problems of a file's rows, so that all are reported together."""

    header: list[str]
    columns: dict[str, int]
    problems: list[str] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)

    def rows(self, records: list[tuple[int, list[str]]]) -> Iterator[CheckedRow]:
        """Yield a CheckedRow for each record with a read column filled in; the problems noted
        on it are kept when the caller asks for the next."""
        headings = {name: self.header[index].strip() for name, index in self.columns.items()}
        for line, record in records:
            cells = {
                name: (cell_text(record[index]) if index < len(record) else "")
                for name, index in self.columns.items()
            }
            if not any(cells.values()):
                continue  # only columns we ignore are filled in
            row = CheckedRow(line, cells, headings)
            yield row
            if row.found:
                self.problems += row.found
                self.bad_lines.add(line)

    def raise_problems(self, error: type[RowProblems], file_name: str) -> None:
        """Raise error (a RowProblems) listing every problem, if any was found."""
        if self.problems:
            raise error(file_name, self.problems, len(self.bad_lines))


def check_filled(
    cells: dict[str, str],
    required: tuple[str, ...],
    limits: dict[str, int],
    thing: str,
    problem: Callable[[str, str], None],
) -> None:
    """Report through problem(column, message) each required cell left empty ("missing: every
    {thing} needs one.") and each cell longer than its limit in limits."""
    for name in required:
        if not cells.get(name):
            problem(name, f"missing: every {thing} needs one.")
    for name, limit in limits.items():
        if len(cells.get(name, "")) > limit:
            problem(name, f"longer than {figures.count(limit)} characters.")


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Return value, with text that a spreadsheet would run as a formula prefixed
    by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(columns: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    """Return rows (dicts keyed by columns) as CSV under a header of columns: UTF-8 with a
    byte-order mark, so Excel reads accents right; dates as YYYY-MM-DD, None as empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    columns: tuple[str, ...],
    rows: list[dict[str, object]],
    sheet_title: str,
    *,
    date_columns: tuple[str, ...] = (),
) -> bytes:
    """Return rows (dicts keyed by columns) as an Excel workbook with one sheet, sheet_title,
    under a header of columns; the cells of date_columns shown as yyyy-mm-dd."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row[column] for column in columns])
    for column in date_columns:
        for cell in sheet[get_column_letter(columns.index(column) + 1)][1:]:
            cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
