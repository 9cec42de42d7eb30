"""Reading an action plan's rows from CSV or Excel and checking each one: the columns a plan may
have, spreadsheet line numbers, and every problem with a row (missing or over-long cells, dates,
statuses, owners and areas), each reported through the caller's problem function."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engagement.actions.terms import DUE_FORMATS, parse_due, parse_status, status_names
from engagement.areas.lookup import look_up_area
from engagement.errors import ImportProblem
from engagement.tabular import _is_excel, _read_text, normalise_header

# Our name for each column, and the headings plans use for it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "ref", "action reference", "action ref", "id"),
    "title": ("title", "action", "action title", "proposed action"),
    "description": ("description", "details"),
    "theme": ("theme", "key action area", "action area", "priority", "working group"),
    "areas": ("areas", "area", "area or areas", "target area", "target areas"),
    "owner": ("owner", "lead", "lead officer", "owner email"),
    "partners": ("partners", "working with", "partner"),
    "due": ("due", "due date", "milestone", "due date or milestone", "deadline", "by"),
    "status": ("status",),
    "reason": ("reason", "status reason", "note"),
}
REQUIRED = ("reference", "title")
LIMITS = {"reference": 40, "title": 300, "theme": 120}
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{6,}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_AREA_SEPARATOR = re.compile(r"[;\n]")


class OwnerLookupFailed(Exception):
    """Raised by an e-mail resolver when Slack could not be asked (not when nobody
    has the address)."""


@dataclass
class _Row:
    line: int
    reference: str
    title: str
    description: str
    theme: str
    areas: list[tuple[str, str]]
    owner_id: str | None
    owner_email: str | None
    partners: str
    due: object
    status: str | None
    reason: str


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):  # an Excel date cell
        return value.strftime("%Y-%m-%d")
    return str(value).replace("\r", "").strip()


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return a CSV or xlsx file's header and its rows as (line number, cells), blank rows left out.

    Line numbers are those a spreadsheet shows, even when a quoted cell spans several lines.
    """
    if not path.exists():
        raise ImportProblem(f"{path}: no such file.")
    if _is_excel(path):
        return _excel_rows(path)
    reader = csv.reader(io.StringIO(_read_text(path)))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise ImportProblem(f"{path.name} is empty: it has no header row.")
    rows, line = [], reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
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
    sheet = book.worksheets[0]
    header, rows = None, []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if header is None:
            if any(cells):
                header = cells
            continue
        if any(cells):
            rows.append((number, cells))
    book.close()
    if header is None:
        raise ImportProblem(f"{path.name} is empty: its first sheet has no header row.")
    return header, rows


def _columns(header: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    wanted = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    ignored = []
    for index, column in enumerate(header):
        name = wanted.get(normalise_header(column))
        if name and name not in found:
            found[name] = index
        elif column.strip():
            ignored.append(column.strip())
    for name in REQUIRED:
        if name not in found:
            columns_found = ", ".join(h for h in header if h.strip())
            raise ImportProblem(
                f"{file_name} has no '{name}' column: an action plan needs at least "
                f"{' and '.join(REQUIRED)} (columns found: {columns_found})."
            )
    return found, ignored


def _check_row(session, line, cells, scope, resolve_email, emails, problem) -> _Row:
    for name in REQUIRED:
        if not cells.get(name):
            problem(name, "missing: every action needs one.")
    for name, limit in LIMITS.items():
        if len(cells.get(name, "")) > limit:
            problem(name, f"longer than {limit} characters.")
    due = None
    try:
        due = parse_due(cells.get("due", ""))
    except ValueError as err:
        problem("due", f"{err}: write {DUE_FORMATS}.")
    chosen = None
    if cells.get("status"):
        chosen = parse_status(cells["status"])
        if chosen is None:
            problem("status", f"'{cells['status']}' is not a status: use one of {status_names()}.")
    if chosen is not None and chosen.key == "dropped" and not cells.get("reason"):
        problem("reason", "a dropped action needs a reason.")
    owner_id, owner_email = _owner(cells.get("owner", ""), resolve_email, emails, problem)
    return _Row(
        line,
        cells.get("reference", ""),
        cells.get("title", ""),
        cells.get("description", ""),
        cells.get("theme", ""),
        _areas(session, cells.get("areas", ""), scope, problem),
        owner_id,
        owner_email,
        cells.get("partners", ""),
        due,
        chosen.key if chosen else None,
        cells.get("reason", ""),
    )


def _owner(text: str, resolve_email, emails: dict, problem) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    if _SLACK_ID.match(text):
        return text, None
    if not _EMAIL.match(text):
        problem(
            "owner", f"'{text}' is neither a Slack user ID (like U012AB3CD) nor an e-mail address."
        )
        return None, None
    address = text.lower()
    if resolve_email is None:
        return None, address
    if address not in emails:
        try:
            emails[address] = resolve_email(address)
        except OwnerLookupFailed as err:
            raise ImportProblem(
                f"Could not look up owners' e-mail addresses in Slack ({err}); "
                "nothing was imported."
            ) from None
    if emails[address] is None:
        problem("owner", f"no Slack user has the e-mail address {address}.")
    return emails[address], address


def _areas(session: Session, text: str, scope, problem) -> list[tuple[str, str]]:
    resolved: dict[str, str] = {}
    for part in (p.strip() for p in _AREA_SEPARATOR.split(text)):
        if not part:
            continue
        lookup = look_up_area(session, part, scope=scope)
        if lookup.status == "found" and lookup.profile is not None:
            resolved.setdefault(lookup.profile.area.code, lookup.profile.area.name)
        elif lookup.status == "choose":
            options = "; ".join(f"{c.name} ({c.kind_label}, {c.code})" for c in lookup.choices[:4])
            problem("areas", f"'{part}' could be {options}: write the code of the one you mean.")
        elif lookup.status == "no_data":
            problem(
                "areas",
                f"'{part}' cannot be checked: no areas are loaded yet "
                "(run `fairer import-iod` first).",
            )
        else:
            hint = (
                f" Did you mean {lookup.suggestions[0].name} ({lookup.suggestions[0].code})?"
                if lookup.suggestions
                else ""
            )
            problem("areas", f"no area matches '{part}'.{hint} Separate several areas with ';'.")
    return list(resolved.items())
