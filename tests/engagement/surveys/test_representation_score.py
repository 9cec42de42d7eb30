"""The representation score: the least-heard group's response rate ÷ the most-heard group's.

Expected figures are worked out here from the definition: rates are responses per resident; the
95% interval conditions on the two groups' total responses (Breslow and Day 1987, vol. II, 2.4),
takes Wilson's score interval (Wilson 1927) for the least-heard group's share of it, and turns
each bound p into a ratio of rates as p / (1 - p) × population(most heard) / population(least).
"""

from __future__ import annotations

import math

import pytest

from engagement.surveys.representation import AreaHeard, DecileHeard
from engagement.surveys.representation_score import (
    score_by_decile,
    score_by_neighbourhood,
)

Z = 1.959963984540054


def wilson(x: float, n: float) -> tuple[float, float]:
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    margin = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return (0.0 if x == 0 else centre - margin), centre + margin


def decile(d: int, responses: float | None, population: int) -> DecileHeard:
    per_1000 = None if responses is None else 1000 * responses / population
    return DecileHeard(d, responses, population, per_1000)


def area(name: str, responses: float | None, population: int, target: bool = False) -> AreaHeard:
    per_1000 = None if responses is None else 1000 * responses / population
    return AreaHeard(name, name, "msoa", responses, population, per_1000, None, target, False)


def test_the_score_is_the_least_heard_rate_over_the_most_heard_with_its_interval():
    rows = [decile(1, 12, 8_000), decile(5, 30, 7_500), decile(8, 60, 6_000)]

    score = score_by_decile(rows)

    # Decile 1: 1.5 per 1,000; decile 8: 10 per 1,000.
    assert score.score == pytest.approx(0.15)
    assert (score.lowest, score.highest) == ("decile 1", "decile 8")
    low, high = wilson(12, 72)
    assert score.ci95 == pytest.approx(
        (low / (1 - low) * 6_000 / 8_000, high / (1 - high) * 6_000 / 8_000)
    )
    assert score.ci95[0] < 0.15 < score.ci95[1] < 1
    assert (score.groups, score.left_out) == (3, 0)


def test_a_group_nobody_answered_from_scores_0():
    score = score_by_decile([decile(1, 0, 9_000), decile(9, 40, 5_000)])

    assert score.score == 0 and score.lowest == "decile 1"
    assert score.ci95[0] == 0
    assert score.ci95[1] == pytest.approx(wilson(0, 40)[1] / (1 - wilson(0, 40)[1]) * 5 / 9)


def test_groups_of_1_to_9_are_left_out_so_the_score_gives_none_back():
    rows = [decile(1, None, 9_000), decile(4, 20, 8_000), decile(9, 40, 5_000)]

    score = score_by_decile(rows)

    assert (score.lowest, score.highest) == ("decile 4", "decile 9")
    assert (score.groups, score.left_out) == (2, 1)


def test_two_groups_alike_may_have_an_interval_past_1():
    score = score_by_decile([decile(2, 20, 10_000), decile(3, 22, 10_000)])

    assert score.score == pytest.approx(20 / 22)
    assert score.ci95[1] > 1


def test_no_score_without_two_groups_or_anyone_heard():
    assert score_by_decile([decile(1, 30, 1_000)]) is None
    assert score_by_decile([decile(1, 0, 1_000), decile(2, 0, 2_000)]) is None
    assert score_by_decile([]) is None


def test_target_areas_do_not_count_twice_among_neighbourhoods():
    rows = [
        area("Heartsease & Pilling Park", 41, 9_479),
        area("Mile Cross", 12, 8_000),
        area("Mile Cross target area", 12, 8_000, target=True),
        area("Tiny target area", 0, 900, target=True),
    ]

    score = score_by_neighbourhood(rows)

    assert (score.lowest, score.highest, score.groups) == (
        "Mile Cross",
        "Heartsease & Pilling Park",
        2,
    )
    assert score.score == pytest.approx((12 / 8_000) / (41 / 9_479))
