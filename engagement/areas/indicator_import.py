"""Import local outcome indicators from a long CSV (CONTRACT.md names, or Fingertips' own export).

Columns: area_code, indicator, period, value, and optionally lower_ci, upper_ci, count,
denominator and polarity ("higher" or "lower" is better). Fingertips' headings ("Area Code",
"Indicator Name", "Time period", "Value", "Lower CI 95.0 limit", …) are read too. Every bad row
is reported and nothing is stored; re-importing replaces an indicator's values for the same
area and period.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from engagement import figures
from engagement.errors import ImportProblem
from engagement.tabular import normalise_header, read_table
from storage.indicator_models import Indicator, IndicatorValue

COLUMNS = {
    "area_code": ("area_code", "area code"),
    "indicator": ("indicator", "indicator name"),
    "period": ("period", "time period"),
    "value": ("value",),
    "lower_ci": ("lower_ci", "lower ci 95.0 limit", "lower ci 95 limit", "lower 95% ci"),
    "upper_ci": ("upper_ci", "upper ci 95.0 limit", "upper ci 95 limit", "upper 95% ci"),
    "count": ("count",),
    "denominator": ("denominator",),
    "polarity": ("polarity",),
}
REQUIRED = ("area_code", "indicator", "period", "value")
POLARITIES = {
    "higher": "higher",
    "higher is better": "higher",
    "high is good": "higher",
    "lower": "lower",
    "lower is better": "lower",
    "low is good": "lower",
    "": None,
}
_CODE = re.compile(r"^(E\d{8}|[a-z0-9][a-z0-9-]{1,39})$")
MAX_ERRORS = 20


@dataclass(frozen=True)
class IndicatorImport:
    """What an import stored."""

    indicators: int
    values: int

    def summary(self) -> str:
        """Return one sentence for the command line."""
        return f"Imported {figures.count(self.values)} value(s) of {self.indicators} indicator(s)."


def period_order(period: str) -> int:
    """Return a sort key for a period label: its first year x 100 plus a later year's
    last two digits."""
    years = re.findall(r"(\d{4})(?:\s*[/-]\s*(\d{2,4}))?", period)
    if not years:
        return 0
    first, second = years[0]
    return int(first) * 100 + (int(second[-2:]) if second else 0)


def _number(text: str) -> float | None:
    text = str(text).replace(",", "").strip()
    if text == "":
        return None
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def import_indicators(session: Session, path: Path) -> IndicatorImport:
    """Store every row of an indicators CSV; return counts. Raise ImportProblem listing bad rows."""
    frame = read_table(path)
    headers = {normalise_header(c): c for c in frame.columns}
    columns = {
        field: next((headers[n] for n in names if n in headers), None)
        for field, names in COLUMNS.items()
    }
    missing = [f for f in REQUIRED if columns[f] is None]
    if missing:
        raise ImportProblem(f"{path.name}, line 1: no column '{missing[0]}' in the header row.")
    rows, errors = [], []
    for i, record in enumerate(frame.to_dict("records")):
        line = i + 2

        def cell(field: str, *, record: dict = record) -> str:
            return "" if columns[field] is None else str(record[columns[field]]).strip()

        code, name, period = cell("area_code").upper(), cell("indicator"), cell("period")
        if code and not code.startswith("E"):
            code = code.lower()
        problem = None
        if not _CODE.match(code):
            problem = f"column '{columns['area_code']}': '{cell('area_code')}' is not an area code"
        elif not name:
            problem = f"column '{columns['indicator']}': the indicator has no name"
        elif not period:
            problem = f"column '{columns['period']}': the period is empty"
        elif cell("polarity").lower() not in POLARITIES:
            problem = (
                f"column '{columns['polarity']}': '{cell('polarity')}' is not 'higher' or 'lower'"
            )
        else:
            try:
                numbers = {
                    f: _number(cell(f))
                    for f in ("value", "lower_ci", "upper_ci", "count", "denominator")
                }
            except ValueError:
                bad = next(
                    f
                    for f in ("value", "lower_ci", "upper_ci", "count", "denominator")
                    if _is_bad_number(cell(f))
                )
                problem = f"column '{columns[bad]}': '{cell(bad)}' is not a number"
            else:
                if numbers["value"] is None:
                    continue  # Fingertips leaves suppressed values empty: nothing to store
                rows.append((name, POLARITIES[cell("polarity").lower()], code, period, numbers))
        if problem:
            errors.append(f"line {line}, {problem}")
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS]) + (
            f"; and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        )
        raise ImportProblem(f"{path.name}: {len(errors)} bad row(s), nothing imported: {shown}.")
    indicators = {i.name: i for i in session.scalars(select(Indicator))}
    for name, polarity, *_rest in rows:
        if name not in indicators:
            indicators[name] = Indicator(name=name, polarity=polarity)
            session.add(indicators[name])
        elif polarity:
            indicators[name].polarity = polarity
    session.flush()
    keys = {(indicators[name].id, code, period) for name, _p, code, period, _n in rows}
    for chunk in _chunks(sorted(keys), 500):
        session.execute(
            delete(IndicatorValue).where(
                tuple_(
                    IndicatorValue.indicator_id, IndicatorValue.area_code, IndicatorValue.period
                ).in_(chunk)
            )
        )
    seen = set()
    for name, _p, code, period, numbers in rows:
        key = (indicators[name].id, code, period)
        if key in seen:
            continue  # a repeated row: the first one counts
        seen.add(key)
        session.add(
            IndicatorValue(
                indicator_id=key[0],
                area_code=code,
                period=period,
                period_order=period_order(period),
                **numbers,
            )
        )
    session.flush()
    return IndicatorImport(len({r[0] for r in rows}), len(seen))


def _is_bad_number(text: str) -> bool:
    try:
        _number(text)
    except ValueError:
        return True
    return False


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
