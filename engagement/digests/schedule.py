"""When weekly digests are due: schedules read from what people type, and slots in local time.

A slot is one scheduled moment ("Monday 09:00, Europe/London"), computed on the local calendar
and only then turned into an instant, so 09:00 stays 09:00 through the clocks changing. Its
period key is the slot's local ISO time with its UTC offset ("2026-11-30T09:00+00:00"): unique
per slot even in the hour the clocks go back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_WEEKDAY = 0
DEFAULT_TIME = "09:00"
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]?([0-5]\d)$")


@dataclass(frozen=True)
class Schedule:
    """A weekly schedule: a weekday (0 = Monday), a local time "HH:MM" and a time zone name."""

    weekday: int
    time: str
    timezone: str

    @property
    def words(self) -> str:
        """Return the schedule as people say it: "Mondays at 09:00 (Europe/London)"."""
        return f"{DAYS[self.weekday].capitalize()}s at {self.time} ({self.timezone})"


def parse_weekday(text: str) -> int | None:
    """Return the weekday a word names ("mon", "Monday", "MONDAYS"), 0 for Monday, or None."""
    word = text.strip().lower().rstrip(".")
    if word.endswith("s") and word[:-1] in DAYS:
        word = word[:-1]
    if len(word) < 2:
        return None
    found = [i for i, day in enumerate(DAYS) if day.startswith(word)]
    return found[0] if len(found) == 1 else None


def parse_time(text: str) -> str | None:
    """Return "HH:MM" for "9:00", "09:00", "0900" or "9.00",
    or None when it is not a time of day."""
    match = _TIME.match(text.strip())
    return f"{int(match[1]):02d}:{match[2]}" if match else None


def local_slot(day: date, at: str, zone: ZoneInfo) -> datetime:
    """Return the aware local moment of "HH:MM" on day;
    a time the clocks skip reads as the hour after."""
    hours, minutes = (int(part) for part in at.split(":"))
    naive = datetime.combine(day, time(hours, minutes))
    # Round-tripping through UTC moves a skipped time (01:30 when clocks go forward)
    # onto a real one.
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def latest_slot(schedule: Schedule, now: datetime) -> datetime:
    """Return the most recent slot of the schedule at or before now, as an aware local time."""
    zone = ZoneInfo(schedule.timezone)
    local_now = now.astimezone(zone)
    back = (local_now.weekday() - schedule.weekday) % 7
    slot = local_slot(local_now.date() - timedelta(days=back), schedule.time, zone)
    if slot > local_now:
        slot = local_slot(local_now.date() - timedelta(days=back + 7), schedule.time, zone)
    return slot


def next_slot(schedule: Schedule, now: datetime) -> datetime:
    """Return the first slot of the schedule after now, as an aware local time."""
    zone = ZoneInfo(schedule.timezone)
    latest = latest_slot(schedule, now)
    return local_slot(latest.date() + timedelta(days=7), schedule.time, zone)


def previous_slot(schedule: Schedule, slot: datetime) -> datetime:
    """Return the slot a week before slot (the same local time, whatever the clocks did)."""
    return local_slot(slot.date() - timedelta(days=7), schedule.time, ZoneInfo(schedule.timezone))


def period_key(slot: datetime) -> str:
    """Return the period key of a slot: its local ISO time to the minute, with offset."""
    return slot.isoformat(timespec="minutes")


def slot_of(period: str) -> datetime:
    """Return the aware moment a period key names."""
    return datetime.fromisoformat(period)


def due_slot(
    schedule: Schedule, *, now: datetime, created_at: datetime, last_period: str | None
) -> datetime | None:
    """Return the slot a subscription should be sent for at now, or None when nothing is due.

    Only the latest slot is ever due: slots missed while no clock ran are covered by it (its
    digest reaches back to the last one sent), never sent one by one. A slot before the
    subscription existed is not due.
    """
    slot = latest_slot(schedule, now)
    if slot < created_at:
        return None
    if last_period is not None and slot_of(last_period) >= slot:
        return None
    return slot
