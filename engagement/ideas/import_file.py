"""`fairer ideas import FILE.csv|xlsx`: every row checked first, every problem reported with its
line and column, nothing written unless all rows are good. An idea already in the bank (same
area and title) is left as it is, so a file can be imported again.

Columns (CONTRACT "Community power"): title, description, area_code, themes (';' between),
status, partner, reason. Rows are read with the action plan's reader (engagement/actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.actions.plan_rows import areas_named
from engagement.errors import ImportProblem, RowProblems
from engagement.ideas.store import (
    MAX_DESCRIPTION,
    MAX_PARTNER,
    MAX_REASON,
    MAX_TITLE,
    canonical_themes,
    propose_idea,
)
from engagement.ideas.terms import parse_status, status_names
from engagement.tabular import RowChecks, check_filled, find_columns, read_rows
from storage.idea_models import Idea

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "idea"),
    "description": ("description", "details"),
    "area_code": ("area_code", "area code", "area"),
    "themes": ("themes", "theme"),
    "status": ("status",),
    "partner": ("partner", "picked up by"),
    "reason": ("reason", "why"),
}
REQUIRED = ("title", "area_code")
LIMITS = {
    "title": MAX_TITLE,
    "description": MAX_DESCRIPTION,
    "partner": MAX_PARTNER,
    "reason": MAX_REASON,
}


class IdeaImportProblems(RowProblems):
    """Bad rows in an ideas file: problems holds one "line N, column 'c': reason" per problem."""


@dataclass
class IdeaImportReport:
    """What an import did: ideas added, ideas already in the bank, columns it ignored."""

    file_name: str
    added: int = 0
    already_there: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return one sentence saying what was imported."""
        added = "1 idea" if self.added == 1 else f"{self.added:,} ideas"
        text = f"{self.file_name}: {added} added"
        if self.already_there:
            text += f", {self.already_there:,} already in the project bank"
        if self.ignored_columns:
            text += f"; columns ignored: {', '.join(self.ignored_columns)}"
        return text + "."


def _columns(header: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    needs = f"an ideas file needs at least {' and '.join(REQUIRED)}"
    return find_columns(header, file_name, COLUMNS, REQUIRED, needs)


def _check(session, cells: dict[str, str], problem) -> dict:
    check_filled(cells, REQUIRED, LIMITS, "idea", problem)
    areas = []
    if cells.get("area_code"):
        if ";" in cells["area_code"]:
            problem("area_code", "an idea is for one area: put each area's idea on its own row.")
        else:
            areas = areas_named(
                session, cells["area_code"], (), lambda _c, m: problem("area_code", m)
            )
    themes, unknown = canonical_themes(session, cells.get("themes", "").split(";"))
    for name in unknown:
        problem("themes", f"'{name}' is not a theme of the comment taxonomy.")
    chosen = parse_status(cells.get("status") or "proposed")
    if chosen is None:
        problem("status", f"'{cells['status']}' is not a status: use one of {status_names()}.")
    elif chosen.key == "not_taken_forward" and not cells.get("reason"):
        problem("reason", "an idea not taken forward needs a reason.")
    elif chosen.key == "picked_up" and not cells.get("partner"):
        problem("partner", "an idea picked up needs the partner who picked it up.")
    return {
        "area": areas[0] if areas else None,
        "title": cells.get("title", ""),
        "description": cells.get("description", ""),
        "themes": themes if cells.get("themes") else None,
        "status": chosen.key if chosen else "proposed",
        "partner": cells.get("partner", ""),
        "reason": cells.get("reason", ""),
    }


def import_ideas(session: Session, path: Path, *, user_id: str = "import") -> IdeaImportReport:
    """Add the ideas in a CSV or xlsx file to the project bank (published); return what it did.

    Raises IdeaImportProblems listing every bad row (and writes nothing), or ImportProblem for a
    file that cannot be read."""
    path = Path(path)
    header, records = read_rows(path)
    columns, ignored = _columns(header, path.name)
    checks = RowChecks(header, columns)
    rows = [_check(session, checked.cells, checked.problem) for checked in checks.rows(records)]
    checks.raise_problems(IdeaImportProblems, path.name)
    if not rows:
        raise ImportProblem(f"{path.name} has a header row but no ideas.")
    report = IdeaImportReport(path.name, ignored_columns=ignored)
    existing = {(c, t) for c, t in session.execute(select(Idea.area_code, Idea.title))}
    for row in rows:
        code, name = row["area"]
        if (code, row["title"]) in existing:
            report.already_there += 1
            continue
        existing.add((code, row["title"]))
        propose_idea(
            session,
            area_code=code,
            area_name=name,
            title=row["title"],
            description=row["description"],
            themes=row["themes"],
            source="import",
            user_id=user_id,
            idea_status=row["status"],
            partner=row["partner"],
            reason=row["reason"],
        )
        report.added += 1
    return report
