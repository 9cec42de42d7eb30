"""The count, on ballots whose results were worked out by hand (CONSUL's rule)."""

from __future__ import annotations

from engagement.pb.count import BallotProject, count_json, count_round

PROJECTS = [
    BallotProject(1, "Play area repairs", 8000),
    BallotProject(2, "Community garden", 3000),
    BallotProject(3, "Youth club kit", 5000),
    BallotProject(4, "Benches on the green", 1000),
    BallotProject(5, "Mural", 2000),
]


def ballots(*groups: tuple[int, list[str]]) -> list[list[str]]:
    return [titles for n, titles in groups for _ in range(n)]


def test_projects_are_funded_in_order_of_votes_and_one_that_does_not_fit_is_skipped():
    # By hand: Youth club kit 7 votes (5+2), Play area repairs 5, Community garden 2+3 = 5,
    # Benches 3, Mural 0. Budget £10,000.
    # 1. Youth club kit, 7 votes, £5,000: funded, £5,000 left.
    # 2. Tie on 5: Community garden (£3,000) before Play area repairs (£8,000), cheaper first.
    #    Community garden fits: funded, £2,000 left.
    # 3. Play area repairs £8,000 does not fit in £2,000: skipped.
    # 4. Benches £1,000, after it, still fits: funded, £1,000 left.
    # 5. Mural, no votes: not funded.
    votes = ballots(
        (5, ["Play area repairs", "Youth club kit"]),
        (2, ["Community garden", "Youth club kit"]),
        (3, ["Benches on the green", "Community garden"]),
    )
    result = count_round(10_000, PROJECTS, votes)
    order = [(p.title, p.votes, p.funded) for p in result.projects]
    assert order == [
        ("Youth club kit", 7, True),
        ("Community garden", 5, True),
        ("Play area repairs", 5, False),
        ("Benches on the green", 3, True),
        ("Mural", 0, False),
    ]
    assert result.spent == 9000
    assert result.funded == ["Youth club kit", "Community garden", "Benches on the green"]
    why = {p.title: p.why for p in result.projects}
    assert why["Play area repairs"].startswith("Not funded: £8,000 did not fit in the £2,000 left.")
    assert "Tied on votes with “Community garden”" in why["Play area repairs"]
    assert "which is cheaper" in why["Play area repairs"]
    assert "considered before “Play area repairs” because it is cheaper" in why["Community garden"]
    assert why["Benches on the green"] == "Funded: £1,000 fitted in the £2,000 left."
    assert why["Mural"] == "No votes."


def test_a_tie_at_the_same_cost_goes_to_the_project_earlier_on_the_ballot():
    projects = [BallotProject(1, "Litter picks", 2000), BallotProject(2, "Bulb planting", 2000)]
    # One vote each; only £3,000: the earlier on the ballot (Litter picks) is funded.
    result = count_round(3000, projects, [["Bulb planting"], ["Litter picks"]])
    assert result.funded == ["Litter picks"]
    assert "costs the same and is earlier on the ballot" in result.projects[1].why
    assert result.projects[1].why.startswith("Not funded: £2,000 did not fit in the £1,000 left.")


def test_a_title_chosen_twice_on_one_ballot_counts_once():
    result = count_round(5000, PROJECTS[:2], [["Community garden", "Community garden"]])
    assert [p.votes for p in result.projects] == [1, 0]


def test_the_json_has_the_contract_shape():
    result = count_round(10_000, PROJECTS[:2], [["Community garden"]])
    data = count_json("heartsease-fund-2027", result)
    assert list(data) == ["round", "budget", "spent", "ballots", "projects", "funded"]
    assert data["round"] == "heartsease-fund-2027"
    assert (data["budget"], data["spent"], data["ballots"]) == (10_000, 3000, 1)
    assert [list(p) for p in data["projects"]] == [["title", "cost", "votes", "funded", "why"]] * 2
    assert data["funded"] == ["Community garden"]
