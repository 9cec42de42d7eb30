"""An area's page also shows its outcome indicators, action counts and what residents said."""

from __future__ import annotations

from bs4 import BeautifulSoup

from engagement.areas.custom import load_custom_areas
from engagement.areas.indicator_import import import_indicators
from storage import session_scope
from storage.db import make_engine
from tests.engagement.survey_factories import create_example_survey, create_response


def test_area_page_lists_indicators_and_protected_survey_figures(slack_app, sample_url, tmp_path):
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-heathfield\n    name: Heathfield target area\n"
        "    local_authority: E06999999\n    members: [E02900001]\n"
    )
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "area_code,indicator,period,value,lower_ci,upper_ci,polarity\n"
        "sampleton-heathfield,<b>Fuel poverty</b> (%),2021,21.0,19.0,23.0,lower\n"
        "E06999999,<b>Fuel poverty</b> (%),2021,14.5,,,lower\n"
    )
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
        import_indicators(session, indicators)
        survey, definition = create_example_survey(session)
        for _ in range(3):
            create_response(
                session,
                survey=survey,
                definition=definition,
                neighbourhood="Heathfield & Priory Park",
            )
    engine.dispose()
    response = slack_app.test_client().get("/areas/sampleton-heathfield")
    page = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 200
    row = page.find(id="indicators").find_next("tbody").find("tr")
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
    assert cells[:5] == ["<b>Fuel poverty</b> (%)", "2021", "21.0", "Worse (14.5)", "–"]
    assert b"<b>Fuel poverty</b>" not in response.data  # shown as text, never as markup
    said = page.find(id="residents-said").find_next("p").get_text(" ", strip=True)
    assert said.startswith("Fewer than 10 people from here answered")
