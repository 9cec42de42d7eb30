"""Storing a checked action plan: creating new actions, updating existing ones by reference
(a status officers set is kept unless the file changed it), and recording each change in the
action's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement.actions.plan_rows import _Row
from storage.action_models import Action, ActionArea, ActionUpdate


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
