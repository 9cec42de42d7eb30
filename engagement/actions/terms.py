"""The words of an action plan: statuses (with their emoji and words, in one place) and due dates
written as dates or as milestones ("by March 2027")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Status:
    """A status an action can have: its stored key, the words people read and a Slack emoji."""

    key: str
    words: str
    emoji: str

    @property
    def closed(self) -> bool:
        """Return True for statuses that end an action (complete, dropped): never overdue,
        never reminded."""
        return self.key in CLOSED


STATUSES: tuple[Status, ...] = (
    Status("not_started", "Not started", ":white_circle:"),
    Status("on_track", "On track", ":large_green_circle:"),
    Status("at_risk", "At risk", ":large_yellow_circle:"),
    Status("off_track", "Off track", ":red_circle:"),
    Status("complete", "Complete", ":white_check_mark:"),
    Status("dropped", "Dropped", ":no_entry_sign:"),
)
CLOSED = frozenset({"complete", "dropped"})
BY_KEY = {status.key: status for status in STATUSES}
# Other ways plans write the same statuses.
_SYNONYMS = {
    "not yet started": "not_started",
    "completed": "complete",
    "done": "complete",
    "cancelled": "dropped",
    "canceled": "dropped",
    "on target": "on_track",
}


def status(key: str) -> Status:
    """Return the Status stored under key; an unknown key reads as itself,
    so old data still shows."""
    return BY_KEY.get(key) or Status(key, key.replace("_", " ").capitalize(), ":grey_question:")


def parse_status(text: str) -> Status | None:
    """Return the Status text names ("On track", "on_track", "ON-TRACK", "completed"), or None."""
    words = re.sub(r"[\s_-]+", " ", str(text or "")).strip().lower()
    key = _SYNONYMS.get(words, words.replace(" ", "_"))
    return BY_KEY.get(key)


def status_names() -> str:
    """Return the statuses as a plan would write them: "not started, on track, …, dropped"."""
    return ", ".join(s.words.lower() for s in STATUSES)


# --- due dates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """When an action is due: a date, and the milestone as written when it was one
    ("by March 2027")."""

    date: date
    label: str = ""


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MILESTONE = re.compile(r"^(?:by\s+)?(?:the\s+)?(?:end\s+of\s+)?([a-z]+)\.?,?\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DUE_FORMATS = "a date such as 2027-03-31 or 31/03/2027, or a milestone such as 'by March 2027'"


def parse_due(text: str) -> Due | None:
    """Return the Due a cell means, None for an empty cell; raises ValueError when it is neither.

    "by March 2027", "March 2027" and "end of Mar 2027" mean the last day of that month.
    """
    raw = " ".join(str(text or "").split())
    if not raw:
        return None
    lowered = raw.lower()
    try:
        if match := _ISO.match(lowered):
            return Due(date(int(match[1]), int(match[2]), int(match[3])))
        if match := _UK.match(lowered):
            return Due(date(int(match[3]), int(match[2]), int(match[1])))
        if (match := _DAY_MONTH_YEAR.match(lowered)) and match[2] in _MONTHS:
            return Due(date(int(match[3]), _MONTHS[match[2]], int(match[1])))
        if (match := _MILESTONE.match(lowered)) and match[1] in _MONTHS:
            year, month = int(match[2]), _MONTHS[match[1]]
            return Due(date(year, month, calendar.monthrange(year, month)[1]), raw)
    except ValueError:
        raise ValueError(f"'{raw}' is not a real date") from None
    raise ValueError(f"'{raw}' is not {DUE_FORMATS}")


def today_in(timezone: str, now: datetime | None = None) -> date:
    """Return the date it is in timezone (such as Europe/London) at now (default: this moment)."""
    moment = now or datetime.now(ZoneInfo("UTC"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(ZoneInfo(timezone)).date()


def is_overdue(due: date | None, status_key: str, today: date) -> bool:
    """Return True when an action is past its due date and neither complete nor dropped."""
    return due is not None and due < today and status_key not in CLOSED
