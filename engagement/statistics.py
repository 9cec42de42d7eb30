"""Statistics officers already know from public health: Wilson intervals and small-number rules."""

from __future__ import annotations

import math
from fractions import Fraction

Z95 = 1.959963984540054
MIN_GROUP = 10  # groups with fewer responses are suppressed in anything shared
SMALL_BASE = 30  # below this a rate is flagged "small base"
FEWER_THAN_MINIMUM = "fewer"  # a cell of 1 to 9: primary suppression
PROTECTS_ANOTHER = "protects"  # a cell hidden so that another cannot be worked out: secondary


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


def _rank(rows: list[list[int]]) -> int:
    """Return the rank of a small 0/1 matrix, by exact Gaussian elimination over fractions."""
    matrix = [[Fraction(v) for v in row] for row in rows if any(row)]
    rank, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column]:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def recoverable(cell: str, hidden: list[str], sums: list[frozenset[str]]) -> bool:
    """Return True when a hidden cell can be worked out exactly from the published sums (each a
    set of cells whose total is shown) and the cells that are shown."""

    def matrix(columns: list[str]) -> list[list[int]]:
        return [[int(c in group) for c in columns] for group in sums]

    others = [c for c in hidden if c != cell]
    # The cell is determined exactly when its column is not a combination of the other hidden
    # columns: then no change to the hidden cells can keep every published total the same.
    return _rank(matrix(hidden)) > _rank(matrix(others))


def protect(
    counts: dict[str, int], sums: list[frozenset[str]], minimum: int = MIN_GROUP
) -> tuple[dict[str, str | None], list[frozenset[str]]]:
    """Return why each cell is withheld (FEWER_THAN_MINIMUM, PROTECTS_ANOTHER, or None: shown)
    and which of the sums must not be published either.

    Cells of 1 to minimum-1 are withheld (zero is shown, as the Government Statistical Service
    does: a true zero names no one). Then, while a withheld cell could be worked out from the
    shown cells and the published sums, the next smallest shown cell in a sum that holds it is
    withheld too; when no cell would protect it, the least important sum (the last in `sums`)
    whose absence protects it is not published.
    """
    reasons: dict[str, str | None] = {
        k: (FEWER_THAN_MINIMUM if 0 < v < minimum else None) for k, v in counts.items()
    }
    kept, dropped = list(sums), []
    while True:
        hidden = [k for k in counts if reasons[k]]
        exposed = next((k for k in hidden if recoverable(k, hidden, kept)), None)
        if exposed is None:
            return reasons, dropped
        helper = _protector(exposed, hidden, counts, reasons, kept)
        if helper is not None:
            reasons[helper] = PROTECTS_ANOTHER
            continue
        # No one more cell protects it: stop publishing the least important sum that, once gone,
        # leaves it protected (by itself or with one more cell, found on the next pass).
        last = next(
            (
                g
                for g in reversed(kept)
                if not recoverable(exposed, hidden, _without(kept, g))
                or _protector(exposed, hidden, counts, reasons, _without(kept, g)) is not None
            ),
            kept[-1],
        )
        kept.remove(last)
        dropped.append(last)


def _protector(
    exposed: str,
    hidden: list[str],
    counts: dict[str, int],
    reasons: dict[str, str | None],
    sums: list[frozenset[str]],
) -> str | None:
    """Return the smallest shown cell that, withheld too, protects the exposed one, or None."""
    candidates = sorted(
        (counts[k], k)
        for k in counts
        if not reasons[k] and any(exposed in g and k in g for g in sums)
    )
    return next((k for _, k in candidates if not recoverable(exposed, [*hidden, k], sums)), None)


def _without(sums: list[frozenset[str]], group: frozenset[str]) -> list[frozenset[str]]:
    return [g for g in sums if g is not group]
