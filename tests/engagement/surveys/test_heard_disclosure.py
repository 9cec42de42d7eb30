"""No withheld count in the who-was-heard tables can be worked out by subtraction from the
published figures beside it: the survey's total, the responses not placed, each IMD decile and
each neighbourhood. The attacker here is written from the tables alone, not from our code: for
every published sum of neighbourhoods, the withheld ones in it must be none or at least two."""

from __future__ import annotations

import pytest

from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.db import make_engine
from tests.engagement.official_subset import NORWICH
from tests.engagement.surveys.norwich_survey import (
    ANSWERS,
    BOWTHORPE,
    HEARTSEASE,
    SLUG,
    build_norwich_survey,
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory, official, sqlite_template):
    url = build_norwich_survey(tmp_path_factory.mktemp("heard"), official, sqlite_template)
    engine = make_engine(url)
    with session_scope(engine) as session:
        yield summarise_survey(session, SLUG, scope=(NORWICH,))
    engine.dispose()


def _withheld_in(codes, heard) -> list[str]:
    return [h.area_code for h in heard if h.area_code in codes and h.responses is None]


def test_the_total_gives_no_withheld_neighbourhood_away(summary):
    msoas = [h for h in summary.heard if h.kind == "msoa"]
    withheld = [h.area_code for h in msoas if h.responses is None]
    shown = sum(h.responses for h in msoas if h.responses is not None)
    assert summary.responses == sum(ANSWERS.values())  # 141, all given for a neighbourhood
    assert BOWTHORPE in withheld  # 3 responses
    # 141 less the shown counts is what the withheld ones hold between them: never one alone.
    assert summary.responses - summary.not_placed - shown >= 10
    assert len(withheld) >= 2


def test_no_decile_gives_a_withheld_neighbourhood_away(summary):
    msoas = [h for h in summary.heard if h.kind == "msoa"]
    for decile in summary.by_decile:
        members = {h.area_code for h in msoas if h.imd_decile == decile.imd_decile}
        if decile.responses is None:
            continue
        hidden = _withheld_in(members, msoas)
        assert len(hidden) != 1, f"decile {decile.imd_decile} less its shown ones is {hidden}"


def test_heartsease_is_withheld_to_protect_bowthorpe_and_says_so(summary):
    # Both are in decile 3, whose 44 is published: 44 - 41 would be Bowthorpe's 3.
    rows = {h.area_code: h for h in summary.heard}
    assert rows[BOWTHORPE].withheld_because == "fewer"
    assert rows[HEARTSEASE].responses is None and rows[HEARTSEASE].per_1000 is None
    assert rows[HEARTSEASE].withheld_because == "protects"
    assert not rows[HEARTSEASE].under_heard
    (decile3,) = [d for d in summary.by_decile if d.imd_decile == rows[BOWTHORPE].imd_decile]
    assert decile3.responses == ANSWERS[BOWTHORPE] + ANSWERS[HEARTSEASE]


def test_the_results_table_says_why_each_is_withheld(summary):
    from surveys.results_tables import heard_rows

    cells = {row.label: row.figures[0] for row in heard_rows(summary)}
    names = {h.area_code: h.area_name for h in summary.heard}
    assert cells[names[BOWTHORPE]] == "[c] fewer than 10 responses"
    assert cells[names[HEARTSEASE]] == "[c] to protect another cell"
