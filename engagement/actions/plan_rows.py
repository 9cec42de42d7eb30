"""Reading an action plan's rows from CSV or Excel and checking each one: the columns a plan may
have, spreadsheet line numbers, and every problem with a row (missing or over-long cells, dates,
statuses, owners and areas), each reported through the caller's problem function."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from engagement.actions.terms import DUE_FORMATS, parse_due, parse_status, status_names
from engagement.areas.lookup import look_up_area
from engagement.errors import ImportProblem
from engagement.tabular import check_filled, find_columns

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


def _columns(header: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    needs = f"an action plan needs at least {' and '.join(REQUIRED)}"
    return find_columns(header, file_name, COLUMNS, REQUIRED, needs)


def _check_row(session, line, cells, scope, resolve_email, emails, problem) -> _Row:
    check_filled(cells, REQUIRED, LIMITS, "action", problem)
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
        areas_named(session, cells.get("areas", ""), scope, problem),
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


def areas_named(session: Session, text: str, scope, problem) -> list[tuple[str, str]]:
    """Return [(code, name)] for the areas a cell names (names or codes, one per line or
    separated by ";"), each once; one not found, or ambiguous, is reported through
    problem(column, message)."""
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
