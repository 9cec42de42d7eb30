"""Outcome indicators for an area beside its local authority and England.

Significance follows Fingertips' convention: an area differs from a comparator when the
comparator's value lies outside the area's 95% confidence interval. The comparison reads
better / similar / worse only where the indicator's polarity is known, and higher / similar /
lower otherwise. Without limits (and without a count and denominator to work them out by
Wilson's method) no significance is claimed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.iod_files import ENGLAND
from engagement.statistics import wilson_interval
from storage.indicator_models import Indicator, IndicatorValue


@dataclass(frozen=True)
class IndicatorPoint:
    period: str
    value: float
    lower_ci: float | None
    upper_ci: float | None


@dataclass(frozen=True)
class IndicatorComparison:
    """One indicator for an area at its latest period, compared and traced over time."""

    name: str
    polarity: str | None
    latest: IndicatorPoint
    borough: IndicatorPoint | None
    england: IndicatorPoint | None
    vs_borough: str  # better, similar, worse, higher, lower or "not tested"
    vs_england: str
    trend: tuple[IndicatorPoint, ...]
    direction: str | None  # "rising", "falling", "no change" (first to latest period)
    gap: str | None  # gap to the local authority: "narrowing", "widening", "no change"


def interval(
    point: IndicatorPoint, count: float | None = None, denominator: float | None = None
) -> tuple[float, float] | None:
    """Return the point's 95% limits, or Wilson limits from count and denominator, or None."""
    if point.lower_ci is not None and point.upper_ci is not None:
        return point.lower_ci, point.upper_ci
    if count is not None and denominator and 0 <= count <= denominator and count > 0:
        scale = point.value / (count / denominator)
        low, high = wilson_interval(int(round(count)), int(round(denominator)))
        return low * scale, high * scale
    return None


def compare(
    area: IndicatorPoint,
    limits: tuple[float, float] | None,
    other: IndicatorPoint | None,
    polarity: str | None,
) -> str:
    """Return how area compares with other: better/similar/worse, higher/similar/lower,
    or "not tested"."""
    if other is None or limits is None:
        return "not tested"
    low, high = limits
    if low <= other.value <= high:
        return "similar"
    higher = area.value > other.value
    if polarity == "higher":
        return "better" if higher else "worse"
    if polarity == "lower":
        return "worse" if higher else "better"
    return "higher" if higher else "lower"


def _direction(points: list[IndicatorPoint]) -> str | None:
    if len(points) < 2:
        return None
    change = points[-1].value - points[0].value
    return "no change" if abs(change) < 1e-9 else ("rising" if change > 0 else "falling")


def _gap(
    area: dict[str, IndicatorPoint], borough: dict[str, IndicatorPoint], order: list[str]
) -> str | None:
    shared = [p for p in order if p in area and p in borough]
    if len(shared) < 2:
        return None
    first = abs(area[shared[0]].value - borough[shared[0]].value)
    last = abs(area[shared[-1]].value - borough[shared[-1]].value)
    if abs(last - first) < 1e-9:
        return "no change"
    return "narrowing" if last < first else "widening"


def area_indicators(
    session: Session, area_code: str, lad_code: str | None
) -> list[IndicatorComparison]:
    """Return every indicator with values for area_code, compared with lad_code and England."""
    codes = [c for c in (area_code, lad_code, ENGLAND[0]) if c]
    rows = session.execute(
        select(Indicator.name, Indicator.polarity, IndicatorValue)
        .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
        .where(IndicatorValue.area_code.in_(codes))
        .order_by(Indicator.name, IndicatorValue.period_order, IndicatorValue.period)
    ).all()
    by_indicator: dict[
        str,
        tuple[str | None, dict[str, dict[str, tuple[IndicatorPoint, IndicatorValue]]], list[str]],
    ] = {}
    for name, polarity, value in rows:
        _polarity, series, order = by_indicator.setdefault(name, (polarity, {}, []))
        point = IndicatorPoint(value.period, value.value, value.lower_ci, value.upper_ci)
        series.setdefault(value.area_code, {})[value.period] = (point, value)
        if value.period not in order:
            order.append(value.period)
    results = []
    for name, (polarity, series, order) in by_indicator.items():
        mine = series.get(area_code)
        if not mine:
            continue
        latest_period = [p for p in order if p in mine][-1]
        latest, stored = mine[latest_period]
        limits = interval(latest, stored.count, stored.denominator)
        borough = (
            series.get(lad_code or "", {}).get(latest_period, (None,))[0]
            if lad_code != area_code
            else None
        )
        england = (
            series.get(ENGLAND[0], {}).get(latest_period, (None,))[0]
            if area_code != ENGLAND[0]
            else None
        )
        trend = [mine[p][0] for p in order if p in mine]
        results.append(
            IndicatorComparison(
                name=name,
                polarity=polarity,
                latest=latest,
                borough=borough,
                england=england,
                vs_borough=compare(latest, limits, borough, polarity),
                vs_england=compare(latest, limits, england, polarity),
                trend=tuple(trend),
                direction=_direction(trend),
                gap=_gap(
                    {p: v[0] for p, v in mine.items()},
                    {p: v[0] for p, v in series.get(lad_code or "", {}).items()},
                    order,
                )
                if borough
                else None,
            )
        )
    return results
