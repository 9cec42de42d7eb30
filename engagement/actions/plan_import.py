"""Importing an action plan from CSV or Excel: every row checked first, every problem reported
with its line, nothing written unless all rows are good; re-importing updates by reference."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement.actions.terms import DUE_FORMATS, parse_due, parse_status, status_names
from engagement.areas.lookup import look_up_area
from engagement.errors import ImportProblem
from engagement.tabular import _is_excel, _read_text, normalise_header
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.base import utcnow

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


class ActionImportProblems(ImportProblem):
    """Bad rows in an action plan: problems holds one "line N, column 'c': reason" per problem."""

    def __init__(self, file_name: str, problems: list[str], bad_rows: int):
        self.problems = problems
        rows = "1 row has a problem" if bad_rows == 1 else f"{bad_rows} rows have problems"
        super().__init__(f"{file_name}: {rows}, so nothing was imported.\n" + "\n".join(problems))


@dataclass
class ActionImportReport:
    """What an import did: references created, updated and unchanged, and columns it ignored."""

    file_name: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    owners_without_slack: int = 0

    def summary(self) -> str:
        """Return one or two sentences for the terminal."""
        text = (
            f"Imported {self.file_name}: {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged."
        )
        if self.ignored_columns:
            text += f" Ignored columns: {', '.join(self.ignored_columns)}."
        if self.owners_without_slack:
            text += (
                f" {self.owners_without_slack} owner(s) are e-mail addresses not yet matched to "
                "Slack users (set SLACK_BOT_TOKEN and import again to match them)."
            )
        return text


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


def import_actions(
    session: Session,
    path: Path,
    *,
    scope: tuple[str, ...] = (),
    resolve_email: Callable[[str], str | None] | None = None,
    now: datetime | None = None,
) -> ActionImportReport:
    """Create or update the actions in a CSV or xlsx plan; return what changed.

    Raises ActionImportProblems listing every bad row (and writes nothing), or ImportProblem for a
    file that cannot be read. resolve_email(address) returns a Slack user ID or None when no user
    has it; without it, owners given as e-mail addresses are kept as addresses.
    """
    path = Path(path)
    header, records = read_rows(path)
    columns, ignored = _columns(header, path.name)
    problems: list[str] = []
    bad_lines: set[int] = set()
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    emails: dict[str, str | None] = {}
    for line, record in records:
        cells = {
            name: (_cell(record[index]) if index < len(record) else "")
            for name, index in columns.items()
        }
        if not any(cells.values()):
            continue  # only columns we ignore are filled in
        found: list[str] = []

        def problem(
            column: str, message: str, *, found: list[str] = found, line: int = line
        ) -> None:
            heading = header[columns[column]].strip() if column in columns else column
            found.append(f"line {line}, column '{heading}': {message}")

        row = _check_row(session, line, cells, scope, resolve_email, emails, problem)
        if row.reference and row.reference in seen:
            problem(
                "reference",
                f"'{row.reference}' is also on line {seen[row.reference]}: "
                "each action needs its own reference.",
            )
        elif row.reference:
            seen[row.reference] = line
        if found:
            problems += found
            bad_lines.add(line)
        rows.append(row)
    if problems:
        raise ActionImportProblems(path.name, problems, len(bad_lines))
    if not rows:
        raise ImportProblem(f"{path.name} has a header row but no actions.")
    report = ActionImportReport(path.name, ignored_columns=ignored)
    report.owners_without_slack = sum(1 for r in rows if r.owner_email and not r.owner_id)
    _apply(session, rows, report, now or utcnow())
    return report


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


def _apply(session: Session, rows: list[_Row], report: ActionImportReport, now: datetime) -> None:
    existing = {
        a.reference: a
        for a in session.scalars(
            select(Action).where(Action.reference.in_([r.reference for r in rows]))
        )
    }
    for row in rows:
        action = existing.get(row.reference)
        if action is None:
            _create(session, row, report.file_name, now)
            report.created.append(row.reference)
        elif _update(session, action, row, report.file_name, now):
            report.updated.append(row.reference)
        else:
            report.unchanged.append(row.reference)
    session.flush()


def _create(session: Session, row: _Row, file_name: str, now: datetime) -> None:
    action = Action(reference=row.reference, last_update_at=now, created_at=now, updated_at=now)
    _copy_fields(action, row)
    action.status = row.status or "not_started"
    action.imported_status = row.status
    session.add(action)
    session.flush()
    session.add_all(
        ActionArea(action_id=action.id, area_code=code, area_name=name) for code, name in row.areas
    )
    note = f"Created from {file_name}." + (f" {row.reason}" if row.reason else "")
    session.add(_import_update(action, now, None, note))


_FIELD_WORDS = {
    "title": "title",
    "description": "description",
    "theme": "theme",
    "owner_id": "owner",
    "owner_email": "owner",
    "partners": "partners",
    "due_date": "due date",
    "due_label": "due date",
}


def _copy_fields(action: Action, row: _Row) -> list[str]:
    values = {
        "title": row.title,
        "description": row.description,
        "theme": row.theme,
        "owner_id": row.owner_id,
        "owner_email": row.owner_email,
        "partners": row.partners,
        "due_date": row.due.date if row.due else None,
        "due_label": row.due.label if row.due else "",
    }
    changed = []
    for name, value in values.items():
        if getattr(action, name) != value:
            setattr(action, name, value)
            if _FIELD_WORDS[name] not in changed:
                changed.append(_FIELD_WORDS[name])
    return changed


def _update(session: Session, action: Action, row: _Row, file_name: str, now: datetime) -> bool:
    changed = _copy_fields(action, row)
    current = {
        a.area_code: a.area_name
        for a in session.scalars(select(ActionArea).where(ActionArea.action_id == action.id))
    }
    if set(current) != {code for code, _ in row.areas}:
        session.execute(delete(ActionArea).where(ActionArea.action_id == action.id))
        session.add_all(
            ActionArea(action_id=action.id, area_code=code, area_name=name)
            for code, name in row.areas
        )
        changed.append("areas")
    old_status = action.status
    # Only a status the file itself changed since the last import overrides the one officers set.
    if row.status and row.status != action.imported_status and row.status != action.status:
        action.status = row.status
        action.last_update_at = now
        changed.append("status")
    if row.status:
        action.imported_status = row.status
    if not changed:
        return False
    note = f"Re-imported from {file_name}: {', '.join(changed)} changed." + (
        f" {row.reason}" if row.reason and "status" in changed else ""
    )
    session.add(_import_update(action, now, old_status, note))
    return True


def _import_update(
    action: Action, now: datetime, from_status: str | None, note: str
) -> ActionUpdate:
    """Return the update that records what an import did to action."""
    return ActionUpdate(
        action_id=action.id,
        created_at=now,
        user_id="import",
        source="import",
        from_status=from_status,
        to_status=action.status,
        note=note,
    )
