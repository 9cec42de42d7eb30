"""/area beyond deprivation: outcome indicators and what the area's residents said, protected."""

from __future__ import annotations

import json

import pytest

from engagement.areas.custom import load_custom_areas
from engagement.areas.indicator_import import import_indicators
from storage import session_scope
from storage.db import make_engine
from tests.block_kit import block_kit_problems
from tests.engagement.survey_factories import create_example_survey, create_response


@pytest.fixture
def heathfield(sample_url, tmp_path):
    """Sampleton with a target area over Heathfield & Priory Park and indicators for it."""
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-heathfield\n    name: Heathfield target area\n"
        "    local_authority: E06999999\n    members: [E02900001]\n"
    )
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "area_code,indicator,period,value,lower_ci,upper_ci,polarity\n"
        "sampleton-heathfield,Fuel poverty <!channel> (%),2019,18.0,16.0,20.0,lower\n"
        "sampleton-heathfield,Fuel poverty <!channel> (%),2021,21.0,19.0,23.0,lower\n"
        "E06999999,Fuel poverty <!channel> (%),2019,14.0,,,lower\n"
        "E06999999,Fuel poverty <!channel> (%),2021,14.5,,,lower\n"
    )
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
        import_indicators(session, indicators)
    yield engine
    engine.dispose()


def _responses(engine, count, **answers):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for _ in range(count):
            create_response(session, survey=survey, definition=definition, **answers)


def test_area_shows_indicators_against_the_borough_with_trend_and_gap(slack, heathfield):
    reply = slack.command("/area", "Heathfield target area").get_json()
    assert block_kit_problems(reply) == []
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    # One decimal place, as on the area web page: "21.0", not "21".
    assert "Fuel poverty &lt;!channel&gt; (%)*: 21.0 (2021)" in text
    assert ":red_circle: worse than the borough (14.5)" in text
    assert "rising since 2019" in text and "gap to the borough widening" in text
    assert "<!channel>" not in text


def test_area_shows_what_residents_there_said_only_from_ten_responses(slack, heathfield):
    _responses(heathfield, 4, neighbourhood="Heathfield & Priory Park", priority_1="disagree")
    few = json.dumps(
        slack.command("/area", "Heathfield target area").get_json()["blocks"], ensure_ascii=False
    )
    assert "fewer than 10 respondents from here, so none are shown" in few
    _responses(heathfield, 8, neighbourhood="Heathfield & Priory Park", priority_1="agree")
    enough = json.dumps(
        slack.command("/area", "Heathfield target area").get_json()["blocks"], ensure_ascii=False
    )
    assert "12 respondents from here" in enough
    # "67% of 12" would give back the 8 who agreed: fewer than 10, so withheld, and said why.
    assert "[c] fewer than 10 responses" in enough and "67%" not in enough
    _responses(heathfield, 2, neighbourhood="Heathfield & Priory Park", priority_1="agree")
    shown = json.dumps(
        slack.command("/area", "Heathfield target area").get_json()["blocks"], ensure_ascii=False
    )
    assert "71% agreed" in shown  # 10 of 14 agreed with the first priority
    elsewhere = json.dumps(slack.command("/area", "Hillcrest").get_json(), ensure_ascii=False)
    assert "Residents said" not in elsewhere
