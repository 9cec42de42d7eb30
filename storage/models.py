"""SQLAlchemy 2.0 models. Migrations in storage/migrations must follow every change here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utcnow


class Edition(Base):
    """One imported release of the Indices of Deprivation (or the generated sample)."""

    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(20), unique=True)  # "IoD2019", "IoD2025", "sample"
    title: Mapped[str] = mapped_column(String(200))
    lsoa_year: Mapped[int] = mapped_column(Integer)
    lsoa_total: Mapped[int] = mapped_column(
        Integer
    )  # LSOAs in England, the base of "10% most deprived"
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    sources: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Area(Base):
    """A named place in one edition's geography, with its deprivation profile precomputed."""

    __tablename__ = "areas"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # lsoa, msoa, ward, lad, england, custom
    name: Mapped[str] = mapped_column(String(200))
    alt_name: Mapped[str | None] = mapped_column(String(200))  # e.g. the ONS name of an MSOA
    lad_code: Mapped[str | None] = mapped_column(String(12))
    population: Mapped[int] = mapped_column(Integer)
    lsoa_count: Mapped[int] = mapped_column(Integer)
    profile: Mapped[bytes] = mapped_column(
        LargeBinary
    )  # packed measures: engagement/areas/profiles.py


class LsoaIndices(Base):
    """Ranks, deciles and population of one LSOA in one edition, and the areas it lies in.

    The seven domains are NULL in an edition imported from File 1 (the IMD alone)."""

    __tablename__ = "lsoa_indices"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    msoa_code: Mapped[str | None] = mapped_column(String(12))
    ward_code: Mapped[str | None] = mapped_column(String(12))
    lad_code: Mapped[str] = mapped_column(String(12))
    population: Mapped[int] = mapped_column(Integer)
    imd_rank: Mapped[int] = mapped_column(Integer)
    imd_decile: Mapped[int] = mapped_column(Integer)
    income_rank: Mapped[int | None] = mapped_column(Integer)
    income_decile: Mapped[int | None] = mapped_column(Integer)
    employment_rank: Mapped[int | None] = mapped_column(Integer)
    employment_decile: Mapped[int | None] = mapped_column(Integer)
    education_rank: Mapped[int | None] = mapped_column(Integer)
    education_decile: Mapped[int | None] = mapped_column(Integer)
    health_rank: Mapped[int | None] = mapped_column(Integer)
    health_decile: Mapped[int | None] = mapped_column(Integer)
    crime_rank: Mapped[int | None] = mapped_column(Integer)
    crime_decile: Mapped[int | None] = mapped_column(Integer)
    barriers_rank: Mapped[int | None] = mapped_column(Integer)
    barriers_decile: Mapped[int | None] = mapped_column(Integer)
    living_environment_rank: Mapped[int | None] = mapped_column(Integer)
    living_environment_decile: Mapped[int | None] = mapped_column(Integer)


class CustomArea(Base):
    """A council's own area (e.g. a target area), defined as a set of LSOA, MSOA or ward codes."""

    __tablename__ = "custom_areas"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lad_code: Mapped[str | None] = mapped_column(String(12))
    # What the council calls it ("Priority neighbourhood"); None reads "Target area".
    area_type: Mapped[str | None] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[list] = mapped_column(JSON)  # codes as written in the definition file
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class AreaAlias(Base):
    """Another name people use for an area: 'Pilling Park' for a target area, say."""

    __tablename__ = "area_aliases"
    __table_args__ = (UniqueConstraint("area_code", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(String(40), index=True)
    alias: Mapped[str] = mapped_column(String(200))


class CatalogueVersion(Base):
    """A single counter bumped whenever areas change, so every process knows to
    rebuild its index."""

    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class ProcessedSlackRequest(Base):
    """A Slack event or interaction already handled, so a retry of it runs nothing again."""

    __tablename__ = "processed_slack_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(
        String(80), unique=True
    )  # "event:Ev…" or "interaction:<sha256>"
    kind: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class Boundary(Base):
    """The shape of one LSOA, or the outline of one local authority, for maps.

    Coordinates are whole metres in the projection of engagement/areas/boundary_files.py; rings
    are packed int32 (see there). The bounding box answers "which shapes are in this view".
    """

    __tablename__ = "boundaries"
    __table_args__ = (
        Index("ix_boundaries_view", "kind", "min_x", "max_x", "min_y", "max_y"),
        # max(width) bounds the min_x range a view query scans, read from this index.
        Index("ix_boundaries_width", "kind", "width"),
    )

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # "lsoa" or "lad"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    min_x: Mapped[int] = mapped_column(Integer)
    min_y: Mapped[int] = mapped_column(Integer)
    max_x: Mapped[int] = mapped_column(Integer)
    max_y: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)  # max_x - min_x
    rings: Mapped[bytes] = mapped_column(LargeBinary)


# Which LSOAs lie in an MSOA, ward or council: read by the maps and neighbourhood lists.
Index("ix_lsoa_indices_msoa", LsoaIndices.edition_id, LsoaIndices.msoa_code)
Index("ix_lsoa_indices_ward", LsoaIndices.edition_id, LsoaIndices.ward_code)
Index("ix_lsoa_indices_lad", LsoaIndices.edition_id, LsoaIndices.lad_code)
