"""A representation score, as engagement platforms report one, but across deprivation: the
response rate of the least-heard group divided by that of the most-heard, across IMD deciles and
across neighbourhoods. 1 means every group was heard at the same rate; 0.25 means the least-heard
group answered at a quarter of the rate of the most-heard.

Its 95% interval treats the two groups' responses as Poisson counts and conditions on their
total, so the least-heard group's share of it is binomial (the conditional method for comparing
two rates: Breslow and Day, Statistical Methods in Cancer Research, vol. II, 1987, section 2.4).
That share's interval is Wilson's, as for every proportion here, and is turned back into a ratio
of rates by the groups' populations. Its upper end may pass 1: the two groups may not really
differ.

Only groups whose counts are published take part (none, or 10 and more): a group of 1 to 9
responses is withheld in every shared figure, and a score built on it would give it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engagement.statistics import wilson_interval
from engagement.surveys.representation import AreaHeard, DecileHeard


@dataclass(frozen=True)
class RepresentationScore:
    """Lowest group's rate ÷ highest (0 to 1), its 95% interval, which groups those are, how
    many groups were compared and how many were left out as withheld."""

    score: float
    ci95: tuple[float, float]
    lowest: str
    highest: str
    groups: int
    left_out: int


@dataclass(frozen=True)
class Group:
    name: str
    responses: float | None  # None: withheld (1 to 9)
    population: int


def representation_score(groups: Iterable[Group]) -> RepresentationScore | None:
    """Return the score over groups with a population and a published count, or None when
    fewer than two such groups exist or none of them was heard."""
    groups = list(groups)
    usable = [g for g in groups if g.population > 0 and g.responses is not None]
    left_out = sum(1 for g in groups if g.population > 0 and g.responses is None)
    if len(usable) < 2:
        return None
    rate = {id(g): g.responses / g.population for g in usable}
    # Ties go to the first group given, so the words name the same groups every time.
    lowest = min(usable, key=lambda g: rate[id(g)])
    highest = max(usable, key=lambda g: rate[id(g)])
    if rate[id(highest)] == 0:
        return None
    interval = wilson_interval(lowest.responses, lowest.responses + highest.responses)
    scale = highest.population / lowest.population
    # The most-heard group has responses, so its share of the two is never 0 and this one's never 1.
    low, high = (share / (1 - share) * scale for share in interval)
    return RepresentationScore(
        score=rate[id(lowest)] / rate[id(highest)],
        ci95=(low, high),
        lowest=lowest.name,
        highest=highest.name,
        groups=len(usable),
        left_out=left_out,
    )


def score_by_decile(rows: Iterable[DecileHeard]) -> RepresentationScore | None:
    """Return the representation score across IMD deciles ("decile 1" … "decile 10")."""
    return representation_score(
        Group(f"decile {r.imd_decile}", r.responses, r.population) for r in rows
    )


def score_by_neighbourhood(rows: Iterable[AreaHeard]) -> RepresentationScore | None:
    """Return the representation score across the neighbourhoods residents choose from (target
    areas left out: they overlap the neighbourhoods and would count people twice)."""
    return representation_score(
        Group(r.area_name, r.responses, r.population) for r in rows if not r.is_target
    )
