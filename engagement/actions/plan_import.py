"""Importing an action plan from CSV or Excel: every row checked first, every problem reported
with its line, nothing written unless all rows are good; re-importing updates by reference.

Rows are read and checked by plan_rows and stored by plan_store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engagement.actions.plan_rows import _check_row, _columns, _Row
from engagement.actions.plan_store import ActionImportReport, _apply
from engagement.errors import ImportProblem, RowProblems
from engagement.tabular import RowChecks, read_rows
from storage.base import utcnow


class ActionImportProblems(RowProblems):
    """Bad rows in an action plan: problems holds one "line N, column 'c': reason" per problem."""


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
    checks = RowChecks(header, columns)
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    emails: dict[str, str | None] = {}
    for checked in checks.rows(records):
        line = checked.line
        row = _check_row(
            session, line, checked.cells, scope, resolve_email, emails, checked.problem
        )
        if row.reference and row.reference in seen:
            checked.problem(
                "reference",
                f"'{row.reference}' is also on line {seen[row.reference]}: "
                "each action needs its own reference.",
            )
        elif row.reference:
            seen[row.reference] = line
        rows.append(row)
    checks.raise_problems(ActionImportProblems, path.name)
    if not rows:
        raise ImportProblem(f"{path.name} has a header row but no actions.")
    report = ActionImportReport(path.name, ignored_columns=ignored)
    report.owners_without_slack = sum(1 for r in rows if r.owner_email and not r.owner_id)
    _apply(session, rows, report, now or utcnow())
    return report
