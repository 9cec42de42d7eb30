"""The public results page counts answers toward every area they lie in (issue 12, item 5):
answers from the MSOA Mill Cross count toward a target area made of the ward Mill Cross."""

from __future__ import annotations

import pandas as pd

from engagement.areas.custom import load_custom_areas
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from tests.engagement.survey_factories import create_response
from tests.slack_helpers import SlackClient
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import SLUG, open_example_survey


def _respond(url: str, count: int, **answers) -> None:
    with session_scope(engine_for(url)) as session:
        survey, definition = find_survey(session, SLUG)
        for _ in range(count):
            create_response(session, survey=survey, definition=definition, **answers)


def test_mill_cross_target_area_shows_the_answers_from_the_msoa_inside_it(
    app_factory, sample_url, tmp_path
):
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-mill-cross\n    name: Mill Cross target area\n"
        "    local_authority: E06999999\n    members: [E05900002]\n"
    )
    with session_scope(engine_for(sample_url)) as session:
        load_custom_areas(session, areas)
    open_example_survey(sample_url)
    _respond(sample_url, 41, neighbourhood="E02900002")  # the MSOA Mill Cross
    _respond(sample_url, 30, neighbourhood="Hillcrest")
    app = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999")

    page = parse(app.test_client().get(f"/s/{SLUG}/results"))

    rows = page.select("table#heard tbody tr")
    heard = {text(r.select_one("th")): [text(td) for td in r.select("td")] for r in rows}
    lsoas = pd.read_sql("SELECT ward_code, population FROM lsoa_indices", engine_for(sample_url))
    ward = lsoas[lsoas.ward_code == "E05900002"].population.sum()
    # The sample ward's LSOAs have 1,100 to 2,300 people each, so the population has a separator.
    assert heard["Mill Cross target area Target area"][:2] == ["41", f"{ward:,}"]
    assert not any("Under-heard" in name for name in heard)


def test_answers_that_name_no_neighbourhood_are_counted_as_not_placed(app_factory, sample_url):
    open_example_survey(sample_url)
    _respond(sample_url, 12)  # no neighbourhood given
    _respond(sample_url, 3, neighbourhood="E02900002")
    client = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999").test_client()

    public = parse(client.get(f"/s/{SLUG}/results"))

    assert text(public.select_one("#not-placed")) == "Not placed in a neighbourhood: 12"


def test_a_handful_not_placed_is_withheld_on_the_public_page(app_factory, sample_url):
    open_example_survey(sample_url)
    _respond(sample_url, 3)
    _respond(sample_url, 20, neighbourhood="E02900002")
    client = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999").test_client()

    public = parse(client.get(f"/s/{SLUG}/results"))

    assert text(public.select_one("#not-placed")) == (
        "Not placed in a neighbourhood: [c] fewer than 10 responses"
    )


def test_the_representation_score_compares_the_least_and_most_heard_neighbourhoods(
    app_factory, sample_url
):
    open_example_survey(sample_url)
    _respond(sample_url, 41, neighbourhood="E02900002")  # the MSOA Mill Cross
    _respond(sample_url, 12, neighbourhood="E02900001")  # Heathfield & Priory Park
    app = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999")
    msoas = pd.read_sql(
        "SELECT msoa_code, SUM(population) AS people FROM lsoa_indices GROUP BY msoa_code",
        engine_for(sample_url),
    ).set_index("msoa_code")["people"]
    others = [m for m in msoas.index if m not in ("E02900001", "E02900002")]
    # Neighbourhoods nobody answered from are the least heard: rate 0, so the score is 0.
    assert others

    page = parse(app.test_client().get(f"/s/{SLUG}/results"))
    lines = [text(li) for li in page.select("#who-was-heard ul.govuk-list li")]
    across_areas = next(line for line in lines if line.startswith("Across neighbourhoods"))
    assert across_areas.startswith("Across neighbourhoods: 0.00 (95% CI 0.00 to ")
    assert "answered at 0% of the rate of Mill Cross" in across_areas

    reply = SlackClient(app.test_client()).command("/survey", "draft priorities").get_json()
    slack_text = " ".join(b["text"]["text"] for b in reply["blocks"] if b["type"] == "section")
    assert "*Representation score*" in slack_text
    assert across_areas.split(". ")[0] in slack_text.replace("\n• ", " ")
