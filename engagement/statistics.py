"""Statistics officers already know from public health: Wilson intervals and small-number rules."""

from __future__ import annotations

import math

Z95 = 1.959963984540054
MIN_GROUP = 10  # groups with fewer responses are suppressed in anything shared
SMALL_BASE = 30  # below this a rate is flagged "small base"


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Return the Wilson score interval (lower, upper) for successes out of n, or None if n is 0."""
    if n <= 0:
        return None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At none or all the bound is exactly 0 or 1; floating point can miss it by 1e-17, which
    # would read "<1%" or ">99%" once figures are no longer rounded before they are shown.
    lower = 0.0 if successes <= 0 else max(0.0, centre - margin)
    upper = 1.0 if successes >= n else min(1.0, centre + margin)
    return lower, upper


def suppress(counts: dict[str, int], minimum: int = MIN_GROUP) -> dict[str, int | None]:
    """Return counts with groups under minimum replaced by None, and, where exactly one group is
    hidden, the next smallest hidden too, so the total cannot reveal it (secondary suppression)."""
    shown: dict[str, int | None] = {k: (v if v >= minimum else None) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v is None and counts[k] > 0]
    if len(hidden) == 1:
        candidates = sorted((v, k) for k, v in shown.items() if v is not None)
        if candidates:
            shown[candidates[0][1]] = None
    return shown


def percent(part: float, whole: float) -> float | None:
    """Return part as an exact (unrounded) percentage of whole, or None if whole is 0.

    Rounding is for showing, and happens once, in engagement.figures: rounding here as well
    would round twice (62.45 -> 62.5 -> "63%").
    """
    return 100.0 * part / whole if whole else None
