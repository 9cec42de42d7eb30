"""The plan's impact assessments added up (SQLite and PostgreSQL), on Sampleton: the counts below
are worked by hand from the assessments in assessed_plan.py, and an area's actions are those
/actions lists for it (its own, those of areas containing it or inside it)."""

from __future__ import annotations

import pytest

from engagement.assessments.totals import assessment_totals
from storage import session_scope
from storage.db import make_engine
from tests.engagement.action_factories import load_sample_into
from tests.engagement.assessments.assessed_plan import TODAY, assessed_plan


@pytest.fixture
def session(db_url):
    engine = make_engine(load_sample_into(db_url))
    with session_scope(engine) as session:
        assessed_plan(session)
        yield session
    engine.dispose()


def impacts(rows) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {r.row.key: (r.references, r.unmitigated) for r in rows if r.count}


def test_across_the_plan(session):
    totals = assessment_totals(session, area=None, scope=(), today=TODAY)

    assert totals.status == "totals" and totals.area is None
    assert totals.actions == ("BW-01", "CA-01", "CG-01", "HP-01", "HP-02", "MX-01")
    assert totals.signed_off == ("CA-01", "HP-01")
    assert totals.draft == ("BW-01", "HP-02")
    assert totals.not_assessed == ("CG-01", "MX-01")
    # HP-01's review was yesterday and HP-02's a fortnight ago; CA-01's is today: not passed yet.
    assert totals.review_overdue == ("HP-01", "HP-02")
    assert impacts(totals.by_row) == {"economic.finance": (("HP-01",), ())}
    assert impacts(totals.by_characteristic) == {
        "protected_characteristics.age": (("HP-01", "HP-02"), ("HP-02",)),
        "protected_characteristics.disability": (("HP-02",), ()),
        "protected_characteristics.socio_economic_disadvantage": (("CA-01",), ()),
    }
    # Every protected characteristic is listed, the nine of the Equality Act and socio-economic
    # disadvantage, negatives or not.
    assert len(totals.by_characteristic) == 10
    assert [(ref, row.title) for ref, row in totals.unmitigated] == [("HP-02", "Age")]
    assert totals.negatives == 5  # HP-01: 2, HP-02: 2, CA-01: 1; the decision's are apart


def test_the_cumulative_impact_on_each_area(session):
    totals = assessment_totals(session, area=None, scope=(), today=TODAY)

    by_area = {
        a.area.name: (a.actions, a.signed_off, a.negatives, a.unmitigated, impacts(a.rows))
        for a in totals.areas
    }
    castle = (
        2,
        1,
        1,
        0,
        {"protected_characteristics.socio_economic_disadvantage": (("CA-01",), ())},
    )
    assert by_area == {
        # Castle ward holds Castle Green, so each area counts both CA-01 and CG-01.
        "Castle": castle,
        "Castle Green": castle,
        "Heathfield & Priory Park": (
            2,
            1,
            4,
            1,
            {
                "economic.finance": (("HP-01",), ()),
                "protected_characteristics.age": (("HP-01", "HP-02"), ("HP-02",)),
                "protected_characteristics.disability": (("HP-02",), ()),
            },
        ),
        "Mill Cross": (1, 0, 0, 0, {}),
    }
    assert [a.area.name for a in totals.areas] == list(by_area)  # by name


def test_one_area_is_found_as_actions_finds_it(session):
    green = assessment_totals(session, area="castle green", scope=(), today=TODAY)
    assert green.status == "totals"
    assert green.area.code == "E02900003" and green.area.name == "Castle Green"
    # CA-01 is for Castle ward, which contains Castle Green.
    assert green.actions == ("CA-01", "CG-01")
    assert (green.signed_off, green.draft, green.not_assessed) == (("CA-01",), (), ("CG-01",))
    assert green.negatives == 1 and green.by_row == ()

    # The whole council includes the borough-wide action.
    council = assessment_totals(session, area="Sampleton", scope=(), today=TODAY)
    assert len(council.actions) == 6 and "BW-01" in council.draft


def test_surveys_pb_rounds_and_decisions_are_counted_apart(session):
    totals = assessment_totals(session, area=None, scope=(), today=TODAY)

    surveys, rounds, decisions = totals.others
    assert (surveys.label, len(surveys.assessments)) == ("Surveys", 0)
    assert (rounds.label, len(rounds.assessments)) == ("Participatory budgeting rounds", 0)
    assert decisions.label == "Decisions"
    assert [(d.reference, d.title) for d in decisions.assessments] == [
        ("IA-1", "Close the Riverside library")
    ]
    assert (decisions.count("draft"), decisions.count("signed_off")) == (1, 0)
    assert (decisions.negatives, decisions.unmitigated) == (2, 1)


def test_an_area_that_names_nothing_or_several(session):
    assert assessment_totals(session, area="zzz nowhere", today=TODAY).status == "area_not_found"
    several = assessment_totals(session, area="mill cross", today=TODAY)
    assert several.status == "choose_area"
    assert {c.code for c in several.lookup.choices} == {"E02900002", "E05900002"}
    assert several.actions == ()
