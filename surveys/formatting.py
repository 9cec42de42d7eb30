"""How figures are written on the web pages: "1,296", "29%", "<1%".

Pure functions with no Flask in them; surveys.web registers them as Jinja filters.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NOT_AVAILABLE = "Not available"


def _half_up(value: float | Decimal) -> Decimal:
    # Decimal(repr(x)) keeps 0.285 as 0.285 rather than 0.28499999…, and ROUND_HALF_UP is the
    # rounding people do on paper (Python's round() sends 28.5 to 28).
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def thousands(value: int | float | None) -> str:
    """Return a whole number with thousands separators: 1296 -> "1,296"."""
    if value is None:
        return NOT_AVAILABLE
    return f"{int(_half_up(value)):,}"


def rank(value: int | float | None) -> str:
    """Return an (average) rank as a whole number with separators: 16421.6 -> "16,422"."""
    return thousands(value)


def percent(fraction: float | None) -> str:
    """Return a fraction between 0 and 1 as a whole percentage: 0.294 -> "29%".

    A share that is not zero never reads as "0%" ("<1%"), and one that is not everyone never
    reads as "100%" (">99%"), because officers read those as "none" and "all".
    """
    if fraction is None:
        return NOT_AVAILABLE
    whole = _half_up(Decimal(repr(float(fraction))) * 100)
    if fraction > 0 and whole == 0:
        return "<1%"
    if fraction < 1 and whole == 100:
        return ">99%"
    return f"{int(whole)}%"


FILTERS = {"thousands": thousands, "rank": rank, "percent": percent}
