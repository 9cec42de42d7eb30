"""Actions filtered for the officer web page, and exported one row per action as CSV or Excel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from engagement import figures
from engagement.actions.plans import ActionView, AreaRef, in_area, load_views, themes
from engagement.actions.terms import STATUSES, Status, parse_status, today_in
from engagement.tabular import csv_bytes, safe_cell, xlsx_bytes
from storage.action_models import Action, ActionArea


@dataclass(frozen=True)
class ActionFilters:
    """What the officer page is filtered by; empty strings mean "any"."""

    area: str = ""
    theme: str = ""
    status: str = ""
    owner: str = ""
    overdue: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ActionFilters:
        """Return the filters in a query string's arguments, ignoring values that name nothing."""
        chosen = parse_status(args.get("status", ""))
        return cls(
            area=args.get("area", "").strip()[:40],
            theme=args.get("theme", "").strip()[:120],
            status=chosen.key if chosen else "",
            owner=args.get("owner", "").strip()[:254],
            overdue=args.get("overdue", "") in ("1", "yes", "on", "true"),
        )

    def query_args(self) -> dict[str, str]:
        """Return the filters as query-string arguments (only those set)."""
        args = {
            "area": self.area,
            "theme": self.theme,
            "status": self.status,
            "owner": self.owner,
            "overdue": "1" if self.overdue else "",
        }
        return {k: v for k, v in args.items() if v}


@dataclass(frozen=True)
class FilterOptions:
    """The values the filters can take: areas and themes in the plan, statuses, owners."""

    areas: tuple[AreaRef, ...]
    themes: tuple[str, ...]
    statuses: tuple[Status, ...]
    owners: tuple[str, ...]


def filter_options(session: Session) -> FilterOptions:
    """Return the choices for the officer page's filters."""
    areas = tuple(
        AreaRef(code, name)
        for code, name in session.execute(
            select(ActionArea.area_code, func.min(ActionArea.area_name))
            .group_by(ActionArea.area_code)
            .order_by(func.min(ActionArea.area_name))
        )
    )
    owners = sorted(
        {
            o
            for o in session.scalars(
                select(func.coalesce(Action.owner_id, Action.owner_email)).distinct()
            )
            if o
        }
    )
    return FilterOptions(areas, themes(session), STATUSES, tuple(owners))


def search_actions(
    session: Session, filters: ActionFilters, *, timezone: str, now: datetime | None = None
) -> tuple[ActionView, ...]:
    """Return the actions that pass every filter, overdue first."""
    today = today_in(timezone, now)
    conditions = [true()]
    if filters.area:
        conditions.append(in_area(session, filters.area)[1])
    if filters.theme:
        conditions.append(func.lower(Action.theme) == filters.theme.lower())
    if filters.status:
        conditions.append(Action.status == filters.status)
    if filters.owner:
        conditions.append(
            or_(Action.owner_id == filters.owner, Action.owner_email == filters.owner.lower())
        )
    if filters.overdue:
        conditions.append(Action.due_date < today)
    views = load_views(session, and_(*conditions), today)
    return tuple(v for v in views if v.overdue or not filters.overdue)


@dataclass(frozen=True)
class ActionsPage:
    """What the officer page shows: the filters applied, their choices and the matching actions."""

    filters: ActionFilters
    options: FilterOptions
    actions: tuple[ActionView, ...]


def actions_page(
    session: Session, filters: ActionFilters, *, timezone: str, now: datetime | None = None
) -> ActionsPage:
    """Return the officer page's content for these filters."""
    return ActionsPage(
        filters,
        filter_options(session),
        search_actions(session, filters, timezone=timezone, now=now),
    )


# --- export -------------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "reference",
    "title",
    "description",
    "theme",
    "areas",
    "area_codes",
    "owner",
    "owner_email",
    "partners",
    "due_date",
    "milestone",
    "status",
    "overdue",
    "days_overdue",
    "last_update_at",
    "last_update_by",
    "last_update_note",
)


def export_rows(actions: tuple[ActionView, ...]) -> list[dict[str, object]]:
    """Return one dict per action, keyed by EXPORT_COLUMNS, every text cell formula-safe."""
    rows = []
    for action in actions:
        last = action.last_update
        row = {
            "reference": action.reference,
            "title": action.title,
            "description": action.description,
            "theme": action.theme,
            "areas": "; ".join(a.name for a in action.areas) or "Borough-wide",
            "area_codes": "; ".join(a.code for a in action.areas),
            "owner": action.owner_id or "",
            "owner_email": action.owner_email or "",
            "partners": action.partners,
            "due_date": action.due,
            "milestone": action.due_label,
            "status": action.status.words,
            "overdue": "yes" if action.overdue else "no",
            "days_overdue": action.days_overdue,
            "last_update_at": figures.iso_minute(last.at) if last else "",
            "last_update_by": last.user_id if last else "",
            "last_update_note": last.note if last else "",
        }
        rows.append({key: safe_cell(value) for key, value in row.items()})
    return rows


def to_csv(actions: tuple[ActionView, ...]) -> bytes:
    """Return the actions as CSV (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    return csv_bytes(EXPORT_COLUMNS, export_rows(actions))


def to_xlsx(actions: tuple[ActionView, ...]) -> bytes:
    """Return the actions as an Excel workbook with one sheet, "Actions"."""
    return xlsx_bytes(EXPORT_COLUMNS, export_rows(actions), "Actions", date_columns=("due_date",))
