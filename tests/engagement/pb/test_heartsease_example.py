"""The example round (examples/pb-round.yml) on the official IoD2019 data for Norwich: it
loads, offers Heartsease's neighbourhoods, and reports turnout per 1,000 residents from File 6."""

from __future__ import annotations

import csv
import gzip
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from engagement.areas.custom import load_custom_areas
from engagement.pb.paper import import_paper_ballots
from engagement.pb.places import neighbourhood_choices
from engagement.pb.results import round_results
from engagement.pb.rounds import find_round, load_round
from storage import session_scope
from storage.db import make_engine

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
HEARTSEASE_MSOA = "E02005587"


def _official_msoa(official) -> tuple[int, int]:
    """Return (population, IMD decile) of the Heartsease MSOA, from Files 2 and 6 directly."""
    with open(official["msoa_names"], encoding="utf-8-sig") as f:
        name = next(r["MSOA11NM"] for r in csv.DictReader(f) if r["MSOA11CD"] == HEARTSEASE_MSOA)
    # An LSOA's 2011 name is its MSOA's name and a letter: "Norwich 012A".
    with gzip.open(official["population"], "rt", encoding="utf-8-sig") as f:
        people = {
            r["LSOA code (2011)"]: int(
                r["Total population: mid 2015 (excluding prisoners)"].replace(",", "")
            )
            for r in csv.DictReader(f)
            if r["LSOA name (2011)"][:-1] == name
        }
    with gzip.open(official["domains"], "rt", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    ranks = {
        r["LSOA code (2011)"]: int(
            r["Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"]
        )
        for r in rows
    }
    population = sum(people.values())
    average = sum(ranks[c] * p for c, p in people.items()) / population
    return population, math.ceil(average * 10 / len(rows))


def test_the_example_round_counts_turnout_in_heartsease_per_1000_residents(
    england_copy_url, official, tmp_path
):
    engine = make_engine(england_copy_url)
    ballots = tmp_path / "paper.csv"
    ballots.write_text(
        "projects,neighbourhood\n"
        + "Play area repairs;Community fridge,E02005587\n" * 12
        + "Warm space winter sessions,\n" * 2,
        encoding="utf-8",
    )
    with session_scope(engine) as session:
        load_custom_areas(session, EXAMPLES / "areas.yml")
        load_round(session, EXAMPLES / "pb-round.yml")
        assert import_paper_ballots(session, "heartsease-fund-2027", ballots, entered_by="t") == 14
    with session_scope(engine) as session:
        loaded = find_round(session, "heartsease-fund-2027")
        offered = [a.code for a in neighbourhood_choices(session, loaded)]
        _loaded, results = round_results(session, "heartsease-fund-2027")
    engine.dispose()
    assert HEARTSEASE_MSOA in offered
    population, decile = _official_msoa(official)
    rate = (Decimal(12_000) / Decimal(population)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    row = next(r for r in results.neighbourhoods if r.name == "Heartsease & Pilling Park")
    assert (row.ballots, row.population, row.per_1000, row.imd_decile) == (
        "12",
        f"{population:,}",
        str(rate),
        str(decile),
    )
    assert [(d.name, d.ballots) for d in results.deciles] == [(f"IMD decile {decile}", "12")]
    assert results.not_placed == "[c] fewer than 10 ballots"
    # Tied on 12 votes: the cheaper Community fridge (£3,500) is considered first.
    assert results.funded == ("Community fridge", "Play area repairs", "Warm space winter sessions")
    assert results.spent == "£16,000"
