"""Change since the earlier edition: each neighbourhood's ranks in both editions, and an area's
change over the neighbourhoods that can be compared. Pure functions on plain figures.

Neighbourhoods are the later edition's LSOAs (2021). The ONS lookup says how each came from the
2011 LSOAs the earlier edition ranked (its change indicator, CHGIND):
  U  unchanged: the 2011 LSOA's figures, one to one;
  S  a 2011 LSOA split in parts: the whole 2011 LSOA's figures stand against each part;
  M  2011 LSOAs merged: their figures weighted by their people (the earlier edition's population
     denominators) stand against the one 2021 LSOA; the decile is where that weighted rank falls
     among England's ranks then, ceil(10 x rank / LSOAs in England), as File 2 places an LSOA;
  X  redrawn irregularly: not comparable (nor is a 2021 LSOA the lookup does not list, or whose
     2011 LSOAs the earlier edition does not rank).
An area's figures in both editions weight each comparable neighbourhood by its people in the later
edition, so both sides describe the same people: the average rank, and the share of people living
in England's most deprived 10% (for a merged neighbourhood, the share of the merged LSOAs' people
that were in it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from engagement.model import DOMAINS

KEYS = tuple(key for key, _label in DOMAINS)
COMPARABLE = ("U", "S", "M")

# MHCLG's own phrase, explained in words an officer can pass on.
CAUTION = (
    'MHCLG says the 2025 and 2019 Indices are "less directly comparable" than earlier '
    "editions: neighbourhood boundaries were redrawn after the 2021 Census and some indicators "
    "changed. Ranks say how a neighbourhood compares with the rest of England at the time, so a "
    "lower rank can mean other places improved faster, not that this one got worse."
)


@dataclass(frozen=True)
class LsoaFigures:
    """One LSOA in one edition: its code, people, and rank and decile by domain key."""

    code: str
    population: int
    ranks: Mapping[str, int | None]  # None: the edition does not rank that domain
    deciles: Mapping[str, int | None]


@dataclass(frozen=True)
class LsoaLink:
    """One row of the ONS lookup: a 2011 LSOA, a 2021 LSOA it became (part of), and how."""

    lsoa11: str
    lsoa21: str
    change: str  # "U", "S", "M" or "X"


@dataclass(frozen=True)
class Side:
    """A neighbourhood's figures in one edition: rank (a weighted average for merged LSOAs),
    decile, and the share of its people in England's most deprived 10%, by domain key (the
    domains the edition ranks)."""

    ranks: Mapping[str, Fraction]
    deciles: Mapping[str, int]
    share_10: Mapping[str, Fraction]


@dataclass(frozen=True)
class NeighbourhoodChange:
    """One 2021 neighbourhood of the area, with its figures in both editions when comparable."""

    code: str
    change: str  # the lookup's indicator; "" when the lookup does not list it
    earlier_codes: tuple[str, ...]
    population: int  # people in the later edition
    after: Side
    before: Side | None  # None: not comparable

    @property
    def comparable(self) -> bool:
        """Return whether the neighbourhood has figures in the earlier edition to compare."""
        return self.before is not None


@dataclass(frozen=True)
class DomainChange:
    """An area's figures on one domain in both editions, over its comparable neighbourhoods."""

    key: str
    label: str
    before_avg_rank: Fraction
    after_avg_rank: Fraction
    before_share_10: Fraction
    after_share_10: Fraction


@dataclass(frozen=True)
class AreaChange:
    """How an area's deprivation changed between two editions, with how much of it is covered."""

    before_total: int  # England's LSOAs in the earlier edition (its ranks run 1 to this)
    after_total: int
    population: int  # everyone in the area's neighbourhoods (later edition)
    compared_population: int  # those in comparable neighbourhoods
    neighbourhoods: tuple[NeighbourhoodChange, ...]
    domains: tuple[DomainChange, ...]  # empty when nothing is comparable

    @property
    def coverage(self) -> Fraction:
        """Return the share of the area's people in comparable neighbourhoods (0 to 1)."""
        if not self.population:
            return Fraction(0)
        return Fraction(self.compared_population, self.population)

    def domain(self, key: str) -> DomainChange:
        """Return the change on one domain key (e.g. "imd")."""
        return next(d for d in self.domains if d.key == key)


def decile_of(rank: Fraction, total: int) -> int:
    """Return the national decile (1 = most deprived) a rank falls in: ceil(10 x rank / total)."""
    return min(max(math.ceil(rank * 10 / total), 1), 10)


def _known(lsoa: LsoaFigures) -> list[str]:
    # An edition imported from File 1 ranks the overall Index alone.
    return [k for k in KEYS if lsoa.ranks.get(k) is not None and lsoa.deciles.get(k) is not None]


def _own_side(lsoa: LsoaFigures) -> Side:
    keys = _known(lsoa)
    return Side(
        ranks={k: Fraction(lsoa.ranks[k]) for k in keys},
        deciles={k: lsoa.deciles[k] for k in keys},
        share_10={k: Fraction(int(lsoa.deciles[k] == 1)) for k in keys},
    )


def _merged_side(parts: list[LsoaFigures], total: int) -> Side:
    people = sum(p.population for p in parts)
    if people == 0:  # no denominators: each part counts the same
        parts = [LsoaFigures(p.code, 1, p.ranks, p.deciles) for p in parts]
        people = len(parts)
    keys = [k for k in KEYS if all(k in _known(p) for p in parts)]
    ranks = {k: Fraction(sum(p.population * p.ranks[k] for p in parts), people) for k in keys}
    return Side(
        ranks=ranks,
        deciles={k: decile_of(ranks[k], total) for k in keys},
        share_10={
            k: Fraction(sum(p.population for p in parts if p.deciles[k] == 1), people) for k in keys
        },
    )


def neighbourhood_change(
    after: LsoaFigures,
    links: Iterable[LsoaLink],
    before: Mapping[str, LsoaFigures],
    before_total: int,
) -> NeighbourhoodChange:
    """Return one 2021 neighbourhood's figures in both editions, or only the later when its links
    (the lookup's rows for it) say it cannot be compared."""
    mine = [link for link in links if link.lsoa21 == after.code]
    earlier = tuple(sorted({link.lsoa11 for link in mine}))
    changes = {link.change for link in mine}
    change = "X" if "X" in changes else (sorted(changes)[0] if changes else "")
    parts = [before[code] for code in earlier if code in before]
    comparable = bool(mine) and changes <= set(COMPARABLE) and len(parts) == len(earlier)
    side = None
    if comparable:
        side = _own_side(parts[0]) if len(parts) == 1 else _merged_side(parts, before_total)
    return NeighbourhoodChange(
        after.code, change, earlier, after.population, _own_side(after), side
    )


def area_change(
    after: Iterable[LsoaFigures],
    links: Iterable[LsoaLink],
    before: Mapping[str, LsoaFigures],
    *,
    before_total: int,
    after_total: int,
) -> AreaChange:
    """Return an area's change between editions from its 2021 LSOAs (after, in the later edition),
    the lookup's rows for them (links) and the earlier edition's 2011 LSOAs they came from
    (before, by code). Neighbourhoods come most deprived first (later IMD rank, then code)."""
    links = list(links)
    rows = tuple(
        neighbourhood_change(lsoa, links, before, before_total)
        for lsoa in sorted(after, key=lambda a: (a.ranks["imd"], a.code))
    )
    compared = [r for r in rows if r.before is not None]
    weight = sum(r.population for r in compared)
    domains: tuple[DomainChange, ...] = ()
    if compared and weight:

        def mean(values: Iterable[tuple[int, Fraction]]) -> Fraction:
            return Fraction(sum(w * v for w, v in values), weight)

        keys = [
            key
            for key in KEYS
            if all(key in r.before.ranks and key in r.after.ranks for r in compared)
        ]
        domains = tuple(
            DomainChange(
                key=key,
                label=label,
                before_avg_rank=mean((r.population, r.before.ranks[key]) for r in compared),
                after_avg_rank=mean((r.population, r.after.ranks[key]) for r in compared),
                before_share_10=mean((r.population, r.before.share_10[key]) for r in compared),
                after_share_10=mean((r.population, r.after.share_10[key]) for r in compared),
            )
            for key, label in DOMAINS
            if key in keys
        )
    return AreaChange(
        before_total=before_total,
        after_total=after_total,
        population=sum(r.population for r in rows),
        compared_population=weight,
        neighbourhoods=rows,
        domains=domains,
    )


def direction(domain: DomainChange, before_total: int, after_total: int) -> str:
    """Return which way an area moved in England's ranking on a domain, judged by its position
    (average rank as a share of England's LSOAs, since the editions rank different numbers):
    "less deprived", "more deprived" or "no change" relative to the rest of England."""
    before = domain.before_avg_rank / before_total
    after = domain.after_avg_rank / after_total
    if after > before:
        return "less deprived"
    if after < before:
        return "more deprived"
    return "no change"
