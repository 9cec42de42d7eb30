"""The count of a participatory budgeting round, as a pure function of its ballots.

The rule is CONSUL's: projects are taken in order of votes, most first, and each is funded if
its cost fits in what is left of the budget. A project that does not fit is skipped, with why,
and cheaper projects after it may still be funded.

Ties (the same number of votes) are broken by a stated rule, which every tied project's "why"
repeats: the cheaper project comes first (so the money stretches further), and of two that cost
the same, the one earlier on the ballot. A project with no votes is never funded. "why" never
gives a number of votes, so it can be published beside votes withheld as too few.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engagement import figures

TIE_RULE = "ties are broken by the lower cost first, then by the earlier place on the ballot"


@dataclass(frozen=True)
class BallotProject:
    """A project as it stands on the ballot: its place (1 = first), title and cost in pounds."""

    position: int
    title: str
    cost: int


@dataclass(frozen=True)
class CountedProject:
    """A project's result: its votes, whether it was funded, and why, in a sentence."""

    position: int
    title: str
    cost: int
    votes: int
    funded: bool
    why: str


@dataclass(frozen=True)
class CountResult:
    """The count: projects in the order they were considered, the money spent and left."""

    budget: int
    ballots: int
    projects: tuple[CountedProject, ...]

    @property
    def spent(self) -> int:
        """Return the pounds the funded projects cost together."""
        return sum(p.cost for p in self.projects if p.funded)

    @property
    def funded(self) -> list[str]:
        """Return the titles of the funded projects, in the order they were funded."""
        return [p.title for p in self.projects if p.funded]


def _titles(projects: list[BallotProject]) -> str:
    names = [f"“{p.title}”" for p in projects]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _tie_words(project: BallotProject, tied: list[BallotProject]) -> str:
    """Say where project stands among those with the same votes, and by which part of the rule."""
    others = [p for p in tied if p is not project]
    if not others:
        return ""
    i = tied.index(project)
    if i == 0:
        after = tied[1]
        reason = (
            "it is cheaper"
            if project.cost < after.cost
            else ("it costs the same and is earlier on the ballot")
        )
        place = f"considered before {_titles([after])} because {reason}"
    else:
        before = tied[i - 1]
        reason = (
            "is cheaper"
            if before.cost < project.cost
            else ("costs the same and is earlier on the ballot")
        )
        place = f"considered after {_titles([before])}, which {reason}"
    return f" Tied on votes with {_titles(others)}: {place} ({TIE_RULE})."


def count_round(
    budget: int, projects: Sequence[BallotProject], ballots: Iterable[Iterable[str]]
) -> CountResult:
    """Return the count of ballots (each the titles it chose) for projects within budget.

    Titles a ballot names twice count once; titles not on the ballot are ignored (ballots are
    checked when they are stored)."""
    known = {p.title for p in projects}
    tally: Counter[str] = Counter()
    n = 0
    for ballot in ballots:
        n += 1
        tally.update({title for title in ballot if title in known})
    order = sorted(projects, key=lambda p: (-tally[p.title], p.cost, p.position))
    left = budget
    counted = []
    for project in order:
        votes = tally[project.title]
        tied = [p for p in order if tally[p.title] == votes] if votes else []
        tie = _tie_words(project, tied)
        if votes == 0:
            funded, why = False, "No votes."
        elif project.cost <= left:
            funded = True
            why = f"Funded: {figures.money(project.cost)} fitted in the {figures.money(left)} left."
            left -= project.cost
        else:
            funded = False
            why = (
                f"Not funded: {figures.money(project.cost)} did not fit "
                f"in the {figures.money(left)} left."
            )
        counted.append(
            CountedProject(project.position, project.title, project.cost, votes, funded, why + tie)
        )
    return CountResult(budget=budget, ballots=n, projects=tuple(counted))


def count_json(slug: str, result: CountResult) -> dict:
    """Return the count in the shape `fairer pb count SLUG --json` prints (CONTRACT.md)."""
    return {
        "round": slug,
        "budget": result.budget,
        "spent": result.spent,
        "ballots": result.ballots,
        "projects": [
            {
                "title": p.title,
                "cost": p.cost,
                "votes": p.votes,
                "funded": p.funded,
                "why": p.why,
            }
            for p in result.projects
        ],
        "funded": result.funded,
    }
