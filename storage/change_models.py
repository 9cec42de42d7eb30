"""How LSOAs changed between the 2011 and 2021 Censuses (the ONS LSOA (2011) to LSOA (2021)
lookup), so neighbourhoods can be compared across editions of the Indices."""

from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class LsoaChange(Base):
    """One row of the ONS lookup: a 2011 LSOA, a 2021 LSOA it became (part of), and how.

    change is the ONS change indicator (CHGIND): "U" unchanged, "S" the 2011 LSOA was split,
    "M" several 2011 LSOAs were merged, "X" an irregular redrawing that is not comparable.
    """

    __tablename__ = "lsoa_changes"

    lsoa11_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    lsoa21_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    change: Mapped[str] = mapped_column(String(1))


# Comparisons start from an area's 2021 LSOAs.
Index("ix_lsoa_changes_lsoa21", LsoaChange.lsoa21_code)
