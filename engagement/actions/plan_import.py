"""Importing an action plan from CSV or Excel: every row checked first, every problem reported
with its line, nothing written unless all rows are good; re-importing updates by reference.

Rows are read and checked by plan_rows and stored by plan_store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engagement.actions.plan_rows import _cell, _check_row, _columns, _Row, read_rows
from engagement.actions.plan_store import ActionImportReport, _apply
from engagement.errors import ImportProblem
from storage.base import utcnow


class ActionImportProblems(ImportProblem):
    """Bad rows in an action plan: problems holds one "line N, column 'c': reason" per problem."""

    def __init__(self, file_name: str, problems: list[str], bad_rows: int):
        self.problems = problems
        rows = "1 row has a problem" if bad_rows == 1 else f"{bad_rows} rows have problems"
        super().__init__(f"{file_name}: {rows}, so nothing was imported.\n" + "\n".join(problems))


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
