"""Community assets and services: what already exists in an area.

Migrations in storage/migrations must follow every change here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Asset(Base):
    """One community asset or service (a food bank, a library, an advice session …), placed in an
    area, known across imports by its key: its name and postcode (or area code), normalised."""

    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(260), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24), index=True)  # engagement/assets/kinds.py
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    # The code the file gave, or the LSOA its coordinates fall in.
    area_code: Mapped[str] = mapped_column(String(40), index=True)
    lsoa_code: Mapped[str | None] = mapped_column(String(12), index=True)  # when known
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    contact: Mapped[str] = mapped_column(String(200), default="")
    opening_times: Mapped[str] = mapped_column(String(300), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(200), index=True)  # the file it came from
    source_line: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
