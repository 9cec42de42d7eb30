"""Who was heard counts people where they live, by geography that nests (issue 12, item 5).

Definition (docs/surveys.md): a response placed in area A counts toward area T with weight
population(A ∩ T) / population(A), the populations being the sum of the LSOAs' populations in
the Indices of Deprivation; T's rate is 1,000 × weighted responses / population(T). A target area
is under-heard when its rate is under half the borough's, counting only placed responses.
"""

from __future__ import annotations

import pandas as pd
import pytest

from engagement.areas.custom import load_custom_areas
from engagement.surveys.representation import counts_by_code, not_placed
from engagement.surveys.summary import summarise_survey
from engagement.surveys.summary_json import summary_json
from engagement.surveys.text import summary_text
from storage import make_engine, session_scope
from tests.engagement.survey_factories import create_example_survey
from tests.survey_fixtures import respond

SAMPLETON = ("E06999999",)
MILL_CROSS_MSOA, MILL_CROSS_WARD = "E02900002", "E05900002"


@pytest.fixture
def mill_cross(sample_url, tmp_path):
    """(engine, survey, definition, LSOAs): the sample borough with the target area "Mill Cross
    target area", defined as the ward Mill Cross, which holds the MSOA Mill Cross."""
    engine = make_engine(sample_url)
    (tmp_path / "areas.yml").write_text(
        "areas:\n  - code: sampleton-mill-cross\n    name: Mill Cross target area\n"
        f"    local_authority: E06999999\n    members: [{MILL_CROSS_WARD}]\n",
        encoding="utf-8",
    )
    with session_scope(engine) as session:
        load_custom_areas(session, tmp_path / "areas.yml")
        survey, definition = create_example_survey(session)
    lsoas = pd.read_sql(
        "SELECT code, msoa_code, ward_code, lad_code, population FROM lsoa_indices", engine
    )
    yield engine, survey, definition, lsoas
    engine.dispose()


def _representation(engine):
    with session_scope(engine) as session:
        summary = summarise_survey(session, "draft-priorities", scope=SAMPLETON)
        representation = summary_json(summary)["representation"]
        # The MSOA and the ward share the name "Mill Cross"; the target area's name is its own.
        return summary, {
            r["area_name"] if r["target_area"] else r["area_code"]: r for r in representation
        }


def test_responses_in_the_msoa_inside_mill_cross_count_toward_the_target_area(mill_cross):
    engine, survey, definition, lsoas = mill_cross
    respond(engine, survey, definition, 41, neighbourhood=MILL_CROSS_MSOA)
    respond(engine, survey, definition, 30, neighbourhood="Hillcrest")
    summary, rows = _representation(engine)

    ward = lsoas[lsoas.ward_code == MILL_CROSS_WARD].population.sum()
    borough = lsoas[lsoas.lad_code == SAMPLETON[0]].population.sum()
    target = rows["Mill Cross target area"]
    assert target["responses"] == 41  # the MSOA lies wholly inside the ward: weight 1
    assert target["population"] == ward
    assert target["per_1000"] == round(1000 * 41 / ward, 2)
    assert 1000 * 41 / ward > 0.5 * 1000 * 71 / borough
    assert target["under_heard"] is False
    assert "Under-heard" not in summary_text(summary)


def test_a_response_placed_in_a_bigger_area_counts_by_the_population_shared(mill_cross):
    engine, survey, definition, lsoas = mill_cross
    respond(engine, survey, definition, 30, neighbourhood=MILL_CROSS_WARD)
    _summary, rows = _representation(engine)

    in_ward = lsoas[lsoas.ward_code == MILL_CROSS_WARD]
    share = (
        in_ward[in_ward.msoa_code == MILL_CROSS_MSOA].population.sum() / in_ward.population.sum()
    )
    msoa = rows[MILL_CROSS_MSOA]
    assert 30 * share >= 10
    assert msoa["responses"] == pytest.approx(30 * share)
    assert rows["Mill Cross target area"]["responses"] == 30


def test_unplaced_responses_do_not_make_an_area_under_heard(mill_cross):
    engine, survey, definition, lsoas = mill_cross
    respond(engine, survey, definition, 12, neighbourhood=MILL_CROSS_MSOA)
    respond(engine, survey, definition, 200)  # no neighbourhood: cannot be placed
    summary, rows = _representation(engine)

    # Placed, the borough's rate is 12 over its population; Mill Cross has all 12 on fewer people.
    assert rows["Mill Cross target area"]["responses"] == 12
    assert rows["Mill Cross target area"]["under_heard"] is False
    assert "Under-heard" not in summary_text(summary)
    with session_scope(engine) as session:
        assert not_placed(session, counts_by_code(session, survey.id)) == 200


def test_counts_of_one_to_nine_stay_suppressed(mill_cross):
    engine, survey, definition, _lsoas = mill_cross
    respond(engine, survey, definition, 4, neighbourhood=MILL_CROSS_MSOA)
    respond(engine, survey, definition, 60, neighbourhood="Hillcrest")
    _summary, rows = _representation(engine)
    assert rows["Mill Cross target area"]["responses"] is None
    assert rows["Mill Cross target area"]["per_1000"] is None
