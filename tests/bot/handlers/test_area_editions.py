"""/area with IoD2019 and IoD2025 loaded, through the real POST /slack/events: the latest named by
default, a trailing year for the other, a plain answer for a year not loaded, and one line of
change since 2019 (figures worked by hand in tests/engagement/areas/test_change.py)."""

from __future__ import annotations

import pytest

from tests.block_kit import block_kit_problems
from tests.engagement.areas.edition_files import load_two_editions
from tests.slack_helpers import SlackClient


@pytest.fixture
def slack(app_factory, db_url, tmp_path) -> SlackClient:
    load_two_editions(db_url, tmp_path)
    return SlackClient(app_factory(db_url).test_client())


def contexts(message: dict) -> list[str]:
    return [
        element["text"]
        for block in message["blocks"]
        if block["type"] == "context"
        for element in block["elements"]
    ]


def test_area_names_the_latest_edition_and_how_to_ask_for_2019(slack):
    message = slack.command("/area", "heartsease").get_json()
    assert block_kit_problems(message) == []
    lines = contexts(message)
    assert (
        "*English Indices of Deprivation 2025* (latest). Also loaded: 2019 — add the year: "
        "`/area heartsease 2019`." in lines
    )
    [change] = [line for line in lines if line.startswith("Since 2019")]
    assert change.startswith(
        "Since 2019: average rank 3,838 of 32,844 → 2,878 of 33,755 (more deprived relative to "
        "England); people in England's most deprived 10%: 57% → 84%. Compared over 4 of its 5 "
        "neighbourhoods, where 82% of its people live."
    )
    assert "less directly comparable" in change
    assert any("English Indices of Deprivation 2025." in line for line in lines)  # the source


def test_a_trailing_year_shows_that_edition(slack):
    message = slack.command("/area", "heartsease 2019").get_json()
    assert block_kit_problems(message) == []
    lines = contexts(message)
    assert any(
        line.startswith("*English Indices of Deprivation 2019*. Also loaded: 2025")
        for line in lines
    )
    assert any(line.startswith("Source: English Indices of Deprivation 2019.") for line in lines)
    # The web link and the More figures button keep the edition.
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    web = next(b for b in buttons if b["action_id"] == "area_open_web")
    assert web["url"].endswith("/areas/E02005587?edition=2019")
    more = next(b for b in buttons if b["action_id"] == "area_more_figures")
    assert more["value"] == "E02005587 2019"


def test_more_figures_keeps_the_edition(slack, fake_slack):
    fake_slack.reset()
    slack.click(
        "area_more_figures",
        value="E02005587 2019",
        response_url=fake_slack.new_response_url(),
    )
    [posted] = fake_slack.responses
    assert "English Indices of Deprivation 2019" in str(posted.params["blocks"])


def test_a_year_not_loaded_gets_a_plain_answer_naming_those_loaded(slack):
    message = slack.command("/area", "heartsease 2015").get_json()
    assert message["text"] == (
        "There is no 2015 edition loaded. Loaded: English Indices of Deprivation 2025 (latest) "
        "and English Indices of Deprivation 2019."
    )
    assert block_kit_problems(message) == []
