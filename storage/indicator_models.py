"""Local outcome indicators (Fingertips-style long format): a value per area and period."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class Indicator(Base):
    """An outcome the council reports against:
    "Fuel poverty (low income, low energy efficiency)"."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    polarity: Mapped[str | None] = mapped_column(
        String(10)
    )  # "higher" or "lower" is better; None: unknown


class IndicatorValue(Base):
    """One indicator's value for one area and period, with its 95% limits where published."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "area_code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    area_code: Mapped[str] = mapped_column(String(40), index=True)
    period: Mapped[str] = mapped_column(String(40))
    period_order: Mapped[int] = mapped_column(Integer)  # sorts "2019/20" after "2018/19"
    value: Mapped[float] = mapped_column(Float)
    lower_ci: Mapped[float | None] = mapped_column(Float)
    upper_ci: Mapped[float | None] = mapped_column(Float)
    count: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
