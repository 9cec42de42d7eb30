"""How the tests expect numbers to be written, worked out independently of engagement/figures.py."""

from __future__ import annotations

import math


def half_up(value: float) -> str:
    """Return value rounded half up to a whole number with thousands separators."""
    return f"{int(math.floor(value + 0.5)):,}"


def percent(value: float) -> str:
    """Return a fraction as a whole percentage, rounded half up."""
    return f"{int(math.floor(value * 100 + 0.5))}%"
