"""What a voter may choose: within the budget, or up to max_choices in an approval round."""

from __future__ import annotations

from datetime import date

from engagement.pb.ballots import check_choices
from engagement.pb.rounds import LoadedRound, round_state
from storage.pb_models import PbProject, PbRound


def _round(rule: str, max_choices: int | None = None, status: str = "open") -> LoadedRound:
    pb_round = PbRound(
        slug="r",
        title="R",
        area_code="E05900003",
        budget=10_000,
        opens_on=date(2027, 1, 10),
        closes_on=date(2027, 2, 28),
        rule=rule,
        max_choices=max_choices,
        status=status,
    )
    projects = tuple(
        PbProject(id=i, position=i, title=f"P{i}", cost=cost)
        for i, cost in enumerate((6000, 3000, 2000), start=1)
    )
    return LoadedRound(pb_round, projects, "Castle")


def test_a_budget_round_takes_choices_up_to_the_budget_exactly():
    loaded = _round("budget")
    assert check_choices(loaded, ["1", "2"]).error is None  # £9,000
    assert check_choices(loaded, ["1", "2"]).total == 9000
    over = check_choices(loaded, ["1", "2", "3"])  # £11,000
    assert over.error.startswith("The projects you chose cost £11,000, more than the £10,000")
    assert check_choices(loaded, []).error == "Select at least one project"
    assert check_choices(loaded, ["99"]).error == "Select at least one project"


def test_an_approval_round_counts_choices_not_money():
    loaded = _round("approval", max_choices=2)
    assert check_choices(loaded, ["1", "2"]).error is None
    assert check_choices(loaded, ["1", "2", "3"]).error == "Select no more than 2 projects"


def test_a_round_is_open_between_its_dates_unless_closed():
    loaded = _round("budget")
    assert round_state(loaded.round, date(2027, 1, 9)) == "not_open_yet"
    assert round_state(loaded.round, date(2027, 1, 10)) == "open"
    assert round_state(loaded.round, date(2027, 2, 28)) == "open"
    assert round_state(loaded.round, date(2027, 3, 1)) == "closed"
    assert round_state(_round("budget", status="closed").round, date(2027, 2, 1)) == "closed"
