"""Moments on the web pages, shown in the council's time zone (FAIRER_TIMEZONE) the GOV.UK way.

Moments are stored in UTC; one stored without a zone (SQLite gives them back so) is read as UTC.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from engagement import figures

DEFAULT_TIMEZONE = "Europe/London"
UTC = ZoneInfo("UTC")


def council_timezone() -> str:
    """Return the name of the council's time zone, e.g. "Europe/London"."""
    return current_app.config.get("FAIRER_TIMEZONE") or DEFAULT_TIMEZONE


def in_council_time(moment: datetime) -> datetime:
    """Return moment as the council's clocks read it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(council_timezone()))


def local_date(moment: datetime | None) -> str:
    """Return the council's date at moment: "26 November 2026" ("" for no moment)."""
    return figures.long_date(in_council_time(moment).date()) if moment else ""


def local_moment(moment: datetime | str | None) -> str:
    """Return moment (or an ISO text of one) in council time: "26 November 2026 at 2:05pm"."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return figures.long_moment(in_council_time(moment))
