"""A round's results as residents and Slack see them: figures worded, small numbers withheld.

A project's votes under 10 are withheld ("[c] fewer than 10 votes"), as are neighbourhoods and
IMD deciles with fewer than 10 ballots (and a second where one alone could be worked out).
Projects' votes are not withheld for each other: a ballot may choose several projects, so no
total lets a withheld count be worked out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engagement import figures
from engagement.pb.ballots import count_stored
from engagement.pb.places import Turnout, turnout
from engagement.pb.publish import FundedAction, funded_actions
from engagement.pb.rounds import LoadedRound, round_state
from engagement.statistics import MIN_GROUP

FEWER_VOTES = f"{figures.SUPPRESSED} fewer than {MIN_GROUP} votes"
FEWER_BALLOTS = f"{figures.SUPPRESSED} fewer than {MIN_GROUP} ballots"


@dataclass(frozen=True)
class ProjectLine:
    """One project's result, worded: title, cost, votes (or withheld), funded and why."""

    title: str
    cost: str
    votes: str
    funded: bool
    why: str


@dataclass(frozen=True)
class TurnoutLine:
    """Turnout in one neighbourhood or IMD decile, worded."""

    name: str
    imd_decile: str
    ballots: str
    population: str
    per_1000: str


@dataclass(frozen=True)
class RoundResults:
    """Everything the results page and the Slack summary show."""

    slug: str
    title: str
    area_name: str
    state: str
    budget: str
    spent: str
    left: str
    ballots: str
    projects: tuple[ProjectLine, ...]
    funded: tuple[str, ...]
    neighbourhoods: tuple[TurnoutLine, ...]
    deciles: tuple[TurnoutLine, ...]
    not_placed: str
    actions: tuple[FundedAction, ...]


def shown_votes(votes: int) -> str:
    """Return votes as published: "12", "0", or "[c] fewer than 10 votes" for 1 to 9."""
    return figures.count(votes) if votes == 0 or votes >= MIN_GROUP else FEWER_VOTES


def _line(row: Turnout) -> TurnoutLine:
    withheld = None
    if row.withheld:
        withheld = FEWER_BALLOTS if row.withheld == "fewer" else figures.withheld(row.withheld)
    return TurnoutLine(
        name=row.name,
        imd_decile=str(row.imd_decile) if row.imd_decile else "",
        ballots=withheld or figures.count(row.ballots or 0),
        population=figures.count(row.population),
        per_1000=withheld or figures.per_1000(row.per_1000 or 0),
    )


def round_results(session: Session, slug: str) -> tuple[LoadedRound, RoundResults]:
    """Return the round and its results, counted from the stored ballots, as published."""
    loaded, result = count_stored(session, slug)
    neighbourhoods, deciles, unplaced = turnout(session, loaded)
    return loaded, RoundResults(
        slug=loaded.round.slug,
        title=loaded.round.title,
        area_name=loaded.area_name,
        state=round_state(loaded.round),
        budget=figures.money(result.budget),
        spent=figures.money(result.spent),
        left=figures.money(result.budget - result.spent),
        ballots=figures.count(result.ballots)
        if result.ballots >= MIN_GROUP or not result.ballots
        else FEWER_BALLOTS,
        projects=tuple(
            ProjectLine(p.title, figures.money(p.cost), shown_votes(p.votes), p.funded, p.why)
            for p in result.projects
        ),
        funded=tuple(result.funded),
        neighbourhoods=tuple(_line(r) for r in neighbourhoods),
        deciles=tuple(_line(r) for r in deciles),
        not_placed=figures.count(unplaced)
        if unplaced == 0 or unplaced >= MIN_GROUP
        else FEWER_BALLOTS,
        actions=funded_actions(session, loaded),
    )
