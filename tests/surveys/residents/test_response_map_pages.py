"""The map of who was heard on the results pages: on the public page a handful of responses is
"[c]" and its rate appears nowhere; officers see the map too; without boundaries there is no map
and the page still works."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from engagement.areas.custom import load_custom_areas
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from tests.engagement.official_subset import NORWICH
from tests.engagement.survey_factories import create_response
from tests.engagement.surveys.norwich_survey import (
    BOWTHORPE,
    CITY_CENTRE_WEST,
    EATON,
    HEARTSEASE,
    HOSTILE_AREA,
    SLUG,
    build_norwich_survey,
    norwich_msoas,
)
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import HEATHFIELD, open_example_survey
from tests.surveys.survey_helpers import SLUG as SAMPLE_SLUG

PUBLIC_PAGE = f"/s/{SLUG}/results"


@pytest.fixture
def norwich_app(app_factory, official, sqlite_template, tmp_path):
    url = build_norwich_survey(tmp_path / "norwich", official, sqlite_template)
    return app_factory(url, FAIRER_LOCAL_AUTHORITIES=NORWICH)


def _per_1000(responses: int, msoa: str, official) -> str:
    population = int(norwich_msoas(official).loc[msoa, "population"])
    rate = Decimal(responses) * 1000 / population
    return str(rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_the_public_page_maps_who_was_heard_and_withholds_a_handful(norwich_app, official):
    page = parse(norwich_app.test_client().get(PUBLIC_PAGE))

    figure = page.select_one("#who-was-heard figure#response-map")
    svg = figure.select_one("svg.fairer-drawing")
    assert svg["role"] == "img" and not svg.has_attr("style")
    assert "table below" in text(figure.select_one("figcaption"))
    key = [text(t) for t in svg.select("text")]
    assert "[c] too few, or to" in key and "No responses" in key
    # Bowthorpe's 3 responses: withheld in the table, and no rate of theirs on the map.
    rows = {
        text(r.select_one("th")): [text(td) for td in r.select("td")]
        for r in page.select("table#heard tbody tr")
    }
    bowthorpe = rows["Bowthorpe & West Earlham"]
    assert bowthorpe[0] == "[c] fewer than 10 responses" and bowthorpe[2] == "Not shown"
    words = " ".join([text(svg.select_one("title")), text(svg.select_one("desc")), *key])
    assert _per_1000(3, BOWTHORPE, official) not in words
    assert "Bowthorpe" not in words
    # The table and the map's words agree on the highest rate.
    eaton = rows[HOSTILE_AREA]
    assert f"highest in {HOSTILE_AREA} ({eaton[2]})" in words
    # Heartsease's 41 shares IMD decile 3 (published as 44) with Bowthorpe alone, so it is
    # withheld too, saying why, and its rate is nowhere.
    heartsease = rows["Heartsease & Pilling Park"]
    assert heartsease[0] == "[c] to protect another cell" and heartsease[2] == "Not shown"
    assert _per_1000(41, HEARTSEASE, official) not in words
    assert rows["City Centre West"][2] == _per_1000(25, CITY_CENTRE_WEST, official)


def test_hostile_names_in_the_map_stay_text(norwich_app):
    page = parse(norwich_app.test_client().get(PUBLIC_PAGE))

    svg = page.select_one("figure#response-map svg")
    assert not svg.select("script") and not svg.select("img")
    assert HOSTILE_AREA in text(svg.select_one("desc"))


def test_officers_see_the_map_on_their_results_page(norwich_app):
    client = norwich_app.test_client()
    sign_in(client)

    page = parse(client.get(f"/officers/surveys/{SLUG}"))

    svg = page.select_one("#who-was-heard figure#response-map svg.fairer-drawing")
    assert text(svg.select_one("title")).startswith("Map of responses to")
    assert page.select("table#heard tbody tr")


def test_without_boundaries_the_pages_have_no_map_and_still_work(app_factory, sample_url, tmp_path):
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-heathfield\n    name: Heathfield target area\n"
        "    local_authority: E06999999\n    members: [E02900001]\n"
    )
    with session_scope(engine_for(sample_url)) as session:
        load_custom_areas(session, areas)
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SAMPLE_SLUG)
        for _ in range(12):
            create_response(session, survey=survey, definition=definition, neighbourhood=HEATHFIELD)
    client = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999").test_client()

    public = client.get(f"/s/{SAMPLE_SLUG}/results")
    sign_in(client)
    officers = client.get(f"/officers/surveys/{SAMPLE_SLUG}")

    for response in (public, officers):
        assert response.status_code == 200
        page = parse(response)
        assert page.select("table#heard tbody tr")
        assert page.select_one("#response-map") is None


def test_an_area_withheld_to_protect_another_shows_no_count_on_its_own_pages(norwich_app):
    # Heartsease's 41 is withheld in the results to protect Bowthorpe's 3 (decile 3 publishes
    # 44): its area page and its "You said, we did" page must not give the 41 either.
    client = norwich_app.test_client()
    area = parse(client.get(f"/areas/{HEARTSEASE}"))
    said = text(area.select_one("#residents-said").find_parent())
    you_said = text(
        parse(client.get(f"/areas/{HEARTSEASE}/you-said-we-did")).select_one("#you-said")
    )
    for words in (said, you_said):
        assert "41" not in words
        assert "would let the answers of fewer than 10 people in a nearby area" in words
    eaton = parse(client.get(f"/areas/{EATON}"))
    assert "60 people from here answered" in text(eaton.select_one("#residents-said").find_parent())
