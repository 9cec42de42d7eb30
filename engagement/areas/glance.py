"""An area's profile at a glance: one sentence in plain words and one table, the same in Slack and
on the web. Pure functions over AreaProfile; no database, no markup (each channel escapes).

Where an area stands. An area bigger than one neighbourhood (LSOA) has no rank of its own: its
average rank (population-weighted, 1 = most deprived) is placed among England's LSOA ranks by the
rule File 2 uses for an LSOA's decile, decile = ceil(10 x rank / number of LSOAs), and the words
say "on average". Deciles 1-3 read "among the most deprived 10% / 20% / 30% of England", deciles
4-7 "around the middle of England", deciles 8-10 "among the least deprived 30% / 20% / 10%".
An LSOA's average rank is its own rank, so its decile is the published one and is said plainly.

Its most deprived domains: the seven domains (not the IMD, which combines them) in order of
average rank, lowest first; the first two always, a third when it too is among England's most
deprived 30% on average (decile 1-3). Each with the same measure for its comparators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from engagement import figures
from engagement.model import DOMAINS, AreaProfile, DomainMeasures

MEASURE_NAME = "Average rank"
MEASURE_NOTE = (
    "Population-weighted average of the area's neighbourhood (LSOA) ranks, where 1 is the most "
    "deprived of England's {total} neighbourhoods."
)
ROW_HEADING = "Domain"
_DEPRIVED_DECILES = 3  # deciles 1-3: England's most deprived 30%
_SHORT_LABELS = {"imd": "IMD"}


@dataclass(frozen=True)
class HeadlineRow:
    """One domain of the headline table: its key and label, the exact values (None where the
    column has no figure) and the text each channel shows, one per column."""

    key: str
    label: str
    values: tuple[float | None, ...]
    cells: tuple[str, ...]


@dataclass(frozen=True)
class HeadlineTable:
    """The one table an area's profile shows: the IMD and the seven domains in rows, the area and
    its comparators (local authority, county where there is one, England) in columns, and one
    measure (average rank, 1 = most deprived) named in measure and explained in note."""

    measure: str
    note: str
    row_heading: str
    columns: tuple[str, ...]
    column_codes: tuple[str, ...]
    rows: tuple[HeadlineRow, ...]


def national_decile(avg_rank: float, lsoa_total: int) -> int | None:
    """Return the national decile (1 = most deprived) an average rank falls in among England's
    LSOA ranks, ceil(10 x rank / total) as File 2 places an LSOA; None when it cannot be placed."""
    rank = figures.exact(avg_rank)
    if rank is None or lsoa_total <= 0:
        return None
    return min(max(math.ceil(rank * 10 / Decimal(lsoa_total)), 1), 10)


def position_words(decile: int) -> str:
    """Return where a decile stands in England in words: "among the most deprived 20% of England",
    "around the middle of England" or "among the least deprived 10% of England"."""
    if decile <= _DEPRIVED_DECILES:
        return f"among the most deprived {10 * decile}% of England"
    if decile >= 11 - _DEPRIVED_DECILES:
        return f"among the least deprived {10 * (11 - decile)}% of England"
    return "around the middle of England"


def most_deprived_domains(profile: AreaProfile) -> list[DomainMeasures]:
    """Return the area's two or three most deprived domains (lowest average rank first; the
    third only when it too is in England's most deprived 30% on average)."""
    domains = [m for m in profile.measures if m.key != "imd" and figures.exact(m.avg_rank)]
    order = {key: i for i, (key, _label) in enumerate(DOMAINS)}
    domains.sort(key=lambda m: (figures.exact(m.avg_rank), order.get(m.key, len(order))))
    chosen = domains[:2]
    if len(domains) > 2:
        decile = national_decile(domains[2].avg_rank, profile.edition.lsoa_total)
        if decile is not None and decile <= _DEPRIVED_DECILES:
            chosen.append(domains[2])
    return chosen


def people_in_most_deprived_10(profile: AreaProfile) -> int | None:
    """Return how many of the area's people live in England's most deprived 10% of
    neighbourhoods (population x share, rounded half up), or None without an IMD measure."""
    imd = _measure(profile, "imd")
    share = figures.exact(imd.pop_share_10) if imd is not None else None
    if share is None:
        return None
    return int(figures.half_up(Decimal(profile.population) * share))


def headline_sentence(profile: AreaProfile) -> str:
    """Return the plain-text sentence that opens an area's profile: where it stands in England,
    its most deprived domains against its comparators, and how many of its people live in
    England's most deprived 10% of neighbourhoods."""
    name = profile.area.name
    imd = _measure(profile, "imd")
    if imd is None:
        return f"No deprivation measures are recorded for {name}."
    total = figures.count(profile.edition.lsoa_total)
    if profile.area.kind == "england":
        return _england_sentence(profile, imd, total)
    decile = national_decile(imd.avg_rank, profile.edition.lsoa_total)
    if decile is None:
        return f"No deprivation measures are recorded for {name}."
    if profile.area.kind == "lsoa":
        parts = [
            f"{name} is {position_words(decile).replace('among', 'in', 1)} "
            f"(IMD decile {decile}; rank {figures.rank(imd.avg_rank)}, where 1 is the most "
            f"deprived of {total} neighbourhoods)."
        ]
    else:
        parts = [
            f"{name} is {position_words(decile)} on average (average IMD rank "
            f"{figures.rank(imd.avg_rank)}, where 1 is the most deprived of {total} "
            "neighbourhoods)."
        ]
    domains = most_deprived_domains(profile)
    if domains:
        described = [f"{m.label} ({_compared(profile, m)})" for m in domains]
        parts.append(f"Of the seven domains, it is most deprived on {_and(described)}.")
    if profile.area.kind != "lsoa":  # an LSOA's people are all in its decile: said above
        people = _people_words(profile)
        if people:
            parts.append(people)
    return " ".join(parts)


def headline_table(profile: AreaProfile) -> HeadlineTable:
    """Return the headline table: one row per domain in DOMAINS order, one column for the area
    and one per comparator, each cell the domain's average rank as shown everywhere."""
    columns = (profile, *profile.comparators)
    rows = []
    for key, label in DOMAINS:
        values = tuple(_avg_rank(column, key) for column in columns)
        rows.append(HeadlineRow(key, label, values, tuple(figures.rank(v) for v in values)))
    return HeadlineTable(
        measure=MEASURE_NAME,
        note=MEASURE_NOTE.format(total=figures.count(profile.edition.lsoa_total)),
        row_heading=ROW_HEADING,
        columns=tuple(c.area.name for c in columns),
        column_codes=tuple(c.area.code for c in columns),
        rows=tuple(rows),
    )


def short_label(key: str, label: str) -> str:
    """Return a domain's label for tight spaces: "IMD" for the overall index, else the label."""
    return _SHORT_LABELS.get(key, label)


# --- parts ---------------------------------------------------------------------------------------


def _measure(profile: AreaProfile, key: str) -> DomainMeasures | None:
    return next((m for m in profile.measures if m.key == key), None)


def _avg_rank(profile: AreaProfile, key: str) -> float | None:
    measure = _measure(profile, key)
    return measure.avg_rank if measure is not None else None


def _compared(profile: AreaProfile, measure: DomainMeasures) -> str:
    own = "rank" if profile.area.kind == "lsoa" else "average rank"
    parts = [f"{own} {figures.rank(measure.avg_rank)}"]
    for comparator in profile.comparators:
        other = _avg_rank(comparator, measure.key)
        if other is not None:
            parts.append(f"{comparator.area.name} {figures.rank(other)}")
    return "; ".join(parts)


def _people_words(profile: AreaProfile) -> str | None:
    people = people_in_most_deprived_10(profile)
    if people is None or profile.population <= 0:
        return None
    where = "England's most deprived 10% of neighbourhoods"
    population = figures.count(profile.population)
    if people == 0:
        return f"None of its {population} people live in {where}."
    if people >= profile.population:
        return f"All {population} of its people live in {where}."
    share = figures.percent(_measure(profile, "imd").pop_share_10)
    verb = "lives" if people == 1 else "live"
    return f"{figures.count(people)} of its {population} people ({share}) {verb} in {where}."


def _england_sentence(profile: AreaProfile, imd: DomainMeasures, total: str) -> str:
    sentence = (
        "England is the benchmark every other area is compared with: its average IMD rank is "
        f"{figures.rank(imd.avg_rank)}, where 1 is the most deprived of its {total} "
        "neighbourhoods, and a tenth of those neighbourhoods make up its most deprived 10%."
    )
    people = people_in_most_deprived_10(profile)
    if people is not None and profile.population > 0:
        sentence += (
            f" {figures.count(people)} of its {figures.count(profile.population)} people "
            f"({figures.percent(imd.pop_share_10)}) live in them."
        )
    return sentence


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
