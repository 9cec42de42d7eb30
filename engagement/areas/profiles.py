"""MHCLG's summary measures of deprivation for larger areas, computed from their LSOAs.

For each domain: population-weighted average rank; share of LSOAs and of people in England's
most deprived 10% and 20% (by the published deciles); and extent — the share of people in the
most deprived 30% of LSOAs, counting those in the worst 10% fully and those between 10% and 30%
on a sliding scale (IoD2019 technical report, Appendix N: national percentile 11 weighs 0.95,
each percentile after that 0.9/19 less, down to 0.05 at percentile 30; 0 beyond).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from engagement.model import DOMAINS, DomainMeasures

# Order of the six numbers stored for each domain in an area's profile.
MEASURES = ("avg_rank", "lsoa_share_10", "lsoa_share_20", "pop_share_10", "pop_share_20", "extent")

# Extent weights in 380ths: 380 (= 1) to the 10th percentile, then 559 - 18p at percentile p,
# which is 361/380 = 0.95 at the 11th and 19/380 = 0.05 at the 30th. Whole numbers keep every sum
# exact, so an area's extent is one division.
EXTENT_DENOMINATOR = 380


def national_percentile(rank: np.ndarray, lsoa_total: int) -> np.ndarray:
    """Return each LSOA's national percentile (1-100) from its rank (1 = most deprived).

    ceil(100 x rank / LSOAs), in whole numbers. That is the rule MHCLG's published deciles follow
    (File 2's decile is ceil(10 x rank / 32,844) for every LSOA and domain), so percentiles 1-10
    are exactly decile 1: of 32,844 LSOAs, rank 3,284 is percentile 10 and 3,285 percentile 11.
    """
    rank = np.asarray(rank, dtype="int64")
    return -(-rank * 100 // lsoa_total)


def extent_weight_380ths(rank: np.ndarray, lsoa_total: int) -> np.ndarray:
    """Return each LSOA's weight in the extent measure, in 380ths (see EXTENT_DENOMINATOR)."""
    percentile = national_percentile(rank, lsoa_total)
    return np.where(
        percentile <= 10,
        EXTENT_DENOMINATOR,
        np.where(percentile <= 30, 559 - 18 * percentile, 0),
    )


def weighted_parts(lsoas: pd.DataFrame, lsoa_total: int) -> pd.DataFrame:
    """Return per-LSOA sums that, added up over any set of LSOAs, give its measures.

    Every part is a whole number (held as float64, exact below 2**53), so sums are exact. A domain
    the edition does not have (File 1 holds the IMD alone) has no parts.
    """
    pop = lsoas["population"].to_numpy(dtype="float64")
    parts = {"population": pop, "lsoa_count": np.ones(len(lsoas))}
    for key, _label in DOMAINS:
        if lsoas[f"{key}_rank"].isna().all():
            continue
        rank = lsoas[f"{key}_rank"].to_numpy(dtype="float64")
        decile = lsoas[f"{key}_decile"].to_numpy()
        parts[f"{key}.rank_x_pop"] = rank * pop
        parts[f"{key}.rank"] = rank
        parts[f"{key}.in10"] = (decile == 1).astype("float64")
        parts[f"{key}.in20"] = (decile <= 2).astype("float64")
        parts[f"{key}.pop10"] = (decile == 1) * pop
        parts[f"{key}.pop20"] = (decile <= 2) * pop
        parts[f"{key}.extent"] = extent_weight_380ths(rank, lsoa_total) * pop
    return pd.DataFrame(parts, index=lsoas.index)


# Stored exact, as 48 little-endian float64 (domains in DOMAINS order, measures in MEASURES order;
# average rank as a rank, shares as fractions): 384 bytes an area. Each is one division of exact
# sums, so it is the float nearest the true value and rounds for display as the true value does.
# Profiles of any other size (the older 192-byte format held values already rounded to hundredths)
# are refused, never shown.
_STORED = np.dtype("<f8")
PROFILE_BYTES = len(DOMAINS) * len(MEASURES) * _STORED.itemsize


class StaleProfileError(ValueError):
    """A stored profile is not in the current format: the Indices need importing again."""


def profiles_from_sums(sums: pd.DataFrame) -> list[bytes]:
    """Return one stored profile (see _STORED) per row of summed parts."""
    pop = sums["population"].to_numpy()
    count = sums["lsoa_count"].to_numpy()
    safe_pop = np.where(pop > 0, pop, 1.0)
    blocks = []
    for key, _label in DOMAINS:
        if f"{key}.rank" not in sums:  # not in this edition: stored as NaN, shown "Not available"
            blocks.append(np.full((len(sums), len(MEASURES)), np.nan))
            continue
        # An area with no recorded residents still has a rank: fall back to the plain mean.
        avg_rank = np.where(
            pop > 0,
            sums[f"{key}.rank_x_pop"].to_numpy() / safe_pop,
            sums[f"{key}.rank"].to_numpy() / count,
        )
        blocks.append(
            np.column_stack(
                [
                    avg_rank,
                    sums[f"{key}.in10"].to_numpy() / count,
                    sums[f"{key}.in20"].to_numpy() / count,
                    sums[f"{key}.pop10"].to_numpy() / safe_pop,
                    sums[f"{key}.pop20"].to_numpy() / safe_pop,
                    sums[f"{key}.extent"].to_numpy() / (safe_pop * EXTENT_DENOMINATOR),
                ]
            )
        )
    packed = np.hstack(blocks).astype(_STORED).tobytes()
    return [packed[i : i + PROFILE_BYTES] for i in range(0, len(packed), PROFILE_BYTES)]


def measures_from_profile(profile: bytes) -> tuple[DomainMeasures, ...]:
    """Return the DomainMeasures of a stored profile, in MHCLG's domain order.

    Raises StaleProfileError for a profile stored in another format.
    """
    if len(profile) != PROFILE_BYTES:
        raise StaleProfileError(
            f"This area's deprivation profile was stored by an older version ({len(profile)} "
            f"bytes, not {PROFILE_BYTES}); import the Indices again: fairer import-iod"
        )
    values = np.frombuffer(profile, dtype=_STORED).tolist()
    return tuple(
        DomainMeasures(key, label, *values[i * 6 : (i + 1) * 6])
        for i, (key, label) in enumerate(DOMAINS)
    )
