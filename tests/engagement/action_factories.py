"""Keyword-only factories for action-plan tests, and a plan file writer."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from storage.action_models import Action, ActionArea, ActionUpdate

HEADER = [
    "reference",
    "title",
    "description",
    "theme",
    "areas",
    "owner",
    "partners",
    "due",
    "status",
    "reason",
]


def create_action(
    session,
    *,
    reference: str = "NR-01",
    title: str = "Fuel poverty advice drop-ins",
    owner_id: str | None = "U0OWNER001",
    status: str = "on_track",
    due: date | None = None,
    due_label: str = "",
    theme: str = "Food and fuel poverty",
    areas: tuple[tuple[str, str], ...] = (),
    last_update_at: datetime | None = None,
    description: str = "",
    partners: str = "",
    owner_email: str | None = None,
) -> Action:
    """Add an action (with its creation in the history) and flush; return it."""
    moment = last_update_at or datetime.now(UTC)
    action = Action(
        reference=reference,
        title=title,
        description=description,
        theme=theme,
        owner_id=owner_id,
        owner_email=owner_email,
        partners=partners,
        due_date=due,
        due_label=due_label,
        status=status,
        imported_status=status,
        last_update_at=moment,
        created_at=moment,
        updated_at=moment,
    )
    session.add(action)
    session.flush()
    session.add_all(
        ActionArea(action_id=action.id, area_code=code, area_name=name) for code, name in areas
    )
    session.add(
        ActionUpdate(
            action_id=action.id,
            created_at=moment,
            user_id="import",
            source="import",
            from_status=None,
            to_status=status,
            note="Created from test-plan.csv.",
        )
    )
    session.flush()
    return action


def days_from_today(days: int) -> date:
    """Return the date `days` after today in London, the app's default zone (negative: before)."""
    from engagement.actions.terms import today_in

    return today_in("Europe/London") + timedelta(days=days)


def write_plan(path: Path, rows: list[dict], header: list[str] = HEADER) -> Path:
    """Write rows (dicts keyed by header names; missing keys blank) as a CSV plan; return path."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def write_plan_xlsx(path: Path, rows: list[dict], header: list[str] = HEADER) -> Path:
    """Write rows as an Excel plan (due dates may be date objects, as Excel stores them); return
    path."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    book.save(path)
    return path


def load_sample_into(url: str) -> str:
    """Load the generated sample borough (Sampleton) into the database at url; return url."""
    from engagement.areas.sample import load_sample_borough
    from storage import session_scope
    from storage.db import make_engine

    engine = make_engine(url)
    with session_scope(engine) as session:
        load_sample_borough(session)
    engine.dispose()
    return url
