"""The declarative base every model module shares."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import DeclarativeBase


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def stored_utc(moment: datetime | None) -> datetime | None:
    """Return a moment read from the database as an aware UTC datetime (None stays None).

    Everything is stored in UTC; SQLite hands it back without its zone, PostgreSQL with it."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass
