"""What of a survey's figures may be published: the disclosure rules that withhold any answer
given by 1 to 9 people, and any figure that would let one be worked out by subtraction."""

from __future__ import annotations

from dataclasses import dataclass

from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP, PROTECTS_ANOTHER, protect
from engagement.surveys.options import AGREE, DISAGREE, LIKERT, NOT_AN_OPINION


def _small(value: int) -> bool:
    return 0 < value < MIN_GROUP


@dataclass(frozen=True)
class Disclosure:
    """Why each part of a likert question's figures must not be published (None: it may be)."""

    cells: dict[str, str]  # option value -> reason, for the withheld answers only
    base: str | None  # the number who gave a view
    headline: str | None  # "X% agree" and its interval
    net: str | None  # agree % minus disagree %


def likert_disclosure(counts: dict[str, int]) -> Disclosure:
    """Return what a likert question may publish, with the reason for each figure it may not.

    What is published with the answers: the total (the shares give it back), the number who gave
    a view (the headline's base), those who agreed (headline %) and disagreed (net %). A cell of 1
    to 9 is withheld, then more cells or these totals until none can be worked out by
    subtraction; if fewer than 10 gave a view, nothing is published; a headline whose agreeing
    group is 1 to 9 people is withheld. When the number who gave a view would give back a
    withheld "don't know" (total minus those with a view), it is withheld, and so the headline.
    """
    # Every answer a likert statement offers is published, zeros too, wherever it is counted.
    cells = {value: 0 for value, _label in LIKERT} | {k: int(v) for k, v in counts.items()}
    n = sum(v for k, v in cells.items() if k not in NOT_AN_OPINION)
    agree = sum(cells.get(k, 0) for k in AGREE)
    disagree = sum(cells.get(k, 0) for k in DISAGREE)
    if _small(n):
        reasons = {
            k: FEWER_THAN_MINIMUM if _small(v) else PROTECTS_ANOTHER for k, v in cells.items() if v
        }
        return Disclosure(reasons, FEWER_THAN_MINIMUM, FEWER_THAN_MINIMUM, FEWER_THAN_MINIMUM)
    opinion = frozenset(k for k in cells if k not in NOT_AN_OPINION)
    agreeing = frozenset(k for k in cells if k in AGREE)
    disagreeing = frozenset(k for k in cells if k in DISAGREE)
    headline = FEWER_THAN_MINIMUM if _small(agree) else None
    net = FEWER_THAN_MINIMUM if headline or _small(disagree) else None
    sums = [frozenset(cells), opinion]
    sums += [agreeing] if headline is None else []
    sums += [disagreeing] if net is None else []
    reasons, dropped = protect(cells, sums)
    base = PROTECTS_ANOTHER if opinion in dropped else None
    if headline is None and (base or agreeing in dropped):
        headline = PROTECTS_ANOTHER
    if net is None and (headline or disagreeing in dropped):
        net = PROTECTS_ANOTHER
    return Disclosure({k: r for k, r in reasons.items() if r}, base, headline, net)
