"""/area through the real POST /slack/events, on the generated sample borough (Sampleton)."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import pandas as pd
import pytest

from engagement.areas.sample import sample_tables
from engagement.model import DOMAINS
from tests.block_kit import block_kit_problems, table_problems
from tests.bot.expected import percent
from tests.slack_fixtures import PUBLIC_BASE_URL

HEATHFIELD = "Heathfield & Priory Park"


@pytest.fixture(scope="module")
def sample_lsoas() -> pd.DataFrame:
    """The sample borough's LSOAs as generated, with their MSOA names: the raw material of every
    profile."""
    tables = sample_tables()
    names = tables.msoas.set_index("code")["name"]
    return tables.lsoas.assign(msoa_name=tables.lsoas["msoa_code"].map(names))


def exact_average_rank(lsoas: pd.DataFrame, key: str = "imd") -> Fraction:
    """Return the population-weighted average rank of a domain, exactly."""
    weights = lsoas["population"].astype(int)
    return Fraction(int((lsoas[f"{key}_rank"].astype(int) * weights).sum()), int(weights.sum()))


def average_rank(lsoas: pd.DataFrame, key: str = "imd") -> str:
    """Return the population-weighted average rank of a domain, rounded half up, as shown."""
    return f"{math.floor(exact_average_rank(lsoas, key) + Fraction(1, 2)):,}"


def share_in_decile_1(lsoas: pd.DataFrame) -> str:
    """Return the share of people in IMD decile 1, as shown."""
    weights = lsoas["population"]
    return percent(weights[lsoas["imd_decile"] == 1].sum() / weights.sum())


def breakdown_rows(message: dict, label: str) -> dict[str, list[str]]:
    """Return {row label: [area, council, England]} of one domain's table in the breakdown."""
    text = next(
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith(f"*{label}*")
    )
    rows = text.split("```")[1].strip("\n").split("\n")[1:]
    return {" ".join(row.split()[:-3]): row.split()[-3:] for row in rows}


def the_table(message: dict) -> list[list[str]]:
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    return [[cell["text"] for cell in row] for row in table["rows"]]


def test_the_reply_opens_with_the_sentence_and_one_table_of_average_ranks(slack, sample_lsoas):
    response = slack.command("/area", "heathfield")
    assert response.status_code == 200
    message = response.get_json()
    assert block_kit_problems(message) == [] and table_problems(message) == []
    assert message["response_type"] == "ephemeral"
    assert message["blocks"][0]["text"]["text"] == HEATHFIELD

    area = sample_lsoas[sample_lsoas["msoa_name"] == HEATHFIELD]
    borough = sample_lsoas[sample_lsoas["lad_code"] == "E06999999"]
    sentence = next(b for b in message["blocks"] if b["type"] == "section")["text"]["text"]
    # Its average rank placed among the sample's 480 LSOA ranks as File 2 places an LSOA.
    decile = math.ceil(exact_average_rank(area) * 10 / len(sample_lsoas))
    assert decile == 2
    assert sentence.startswith(
        f"Heathfield &amp; Priory Park is among the most deprived {10 * decile}% of England on "
        "average "
        f"(average IMD rank {average_rank(area)}, where 1 is the most deprived of "
        f"{len(sample_lsoas)} neighbourhoods)."
    )
    assert [b["type"] for b in message["blocks"]].index("table") == (
        message["blocks"].index(next(b for b in message["blocks"] if b["type"] == "section")) + 1
    )
    rows = the_table(message)
    assert rows[0] == ["Domain", HEATHFIELD, "Sampleton", "England"]
    for (key, label), row in zip(DOMAINS, rows[1:], strict=True):
        assert row == [label, *(average_rank(f, key) for f in (area, borough, sample_lsoas))]

    facts = message["blocks"][1]["elements"][0]["text"]
    assert f"population {int(area['population'].sum()):,}" in facts
    assert f"{len(area)} LSOAs" in facts and "Sampleton" in facts
    assert message["text"].startswith(
        "Heathfield &amp; Priory Park (MSOA, Sampleton): Heathfield &amp; Priory Park is among "
        f"the most deprived 20% of England on average (average IMD rank {average_rank(area)}, "
    )
    assert f"IMD {average_rank(area)} / {average_rank(borough)} / " in message["text"]


def more_figures_button(message: dict) -> dict:
    return next(
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "area_more_figures"
    )


def test_more_figures_shows_every_measure_of_every_domain_privately(
    slack, fake_slack, sample_lsoas
):
    message = slack.command("/area", "heathfield").get_json()
    button = more_figures_button(message)
    assert button["text"]["text"] == "More figures" and button["value"] == "E02900001"
    response_url = fake_slack.new_response_url()
    click = slack.click(
        button["action_id"], value=button["value"], response_url=response_url, message=message
    )
    assert click.status_code == 200
    [posted] = fake_slack.responses
    assert posted.path == response_url.removeprefix(fake_slack.url)
    assert posted.params["response_type"] == "ephemeral"
    assert posted.params["replace_original"] is False
    breakdown = posted.params
    assert block_kit_problems(breakdown) == []
    tables = [
        b for b in breakdown["blocks"] if b["type"] == "section" and "```" in b["text"]["text"]
    ]
    assert [t["text"]["text"].split("*")[1] for t in tables] == [label for _k, label in DOMAINS]
    for table in tables:
        header = table["text"]["text"].split("```")[1].strip("\n").split("\n")[0]
        assert header.split() == ["Area", "Sampleton", "England"]

    area = sample_lsoas[sample_lsoas["msoa_name"] == HEATHFIELD]
    borough = sample_lsoas[sample_lsoas["lad_code"] == "E06999999"]
    rows = breakdown_rows(breakdown, "Index of Multiple Deprivation")
    frames = (area, borough, sample_lsoas)
    assert rows["Average rank"] == [average_rank(f) for f in frames]
    assert rows["People in most deprived 10%"] == [share_in_decile_1(f) for f in frames]


def test_more_figures_for_an_area_that_has_gone_says_so(slack, fake_slack):
    slack.click("area_more_figures", value="E02999999", response_url=fake_slack.new_response_url())
    [posted] = fake_slack.responses
    assert posted.params["replace_original"] is False
    assert posted.params["text"].startswith("The area E02999999 is no longer in the data.")


@pytest.mark.parametrize(
    ("base", "images"),
    [
        ("https://fairer.example.gov.uk", True),
        ("http://127.0.0.1:5000", False),
        ("http://localhost", False),
    ],
)
def test_the_chart_is_an_image_only_where_slack_can_fetch_it(app_factory, sample_url, base, images):
    from tests.slack_helpers import SlackClient

    slack = SlackClient(app_factory(sample_url, PUBLIC_BASE_URL=base).test_client())
    message = slack.command("/area", "heathfield").get_json()
    assert block_kit_problems(message) == [] and table_problems(message) == []
    shown = [b["image_url"] for b in message["blocks"] if b["type"] == "image"]
    link = f"<{base}/areas/E02900001|Chart: open on the web>"
    if images:
        assert shown == [f"{base}/areas/E02900001/chart.png"]
        assert link not in json.dumps(message)
    else:
        assert shown == []
        assert link in json.dumps(message)


def test_sample_data_is_labelled_in_the_reply(slack):
    message = slack.command("/area", "heathfield").get_json()
    assert "Sample data — not official figures" in json.dumps(message, ensure_ascii=False)
    assert message["text"].endswith("Sample data — not official figures.")


def test_open_on_the_web_links_to_the_area_page(slack, slack_app):
    message = slack.command("/area", "heathfield").get_json()
    [button] = [
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "area_open_web"
    ]
    assert button["text"]["text"] == "Open on the web"
    assert button["url"] == f"{PUBLIC_BASE_URL}/areas/E02900001"
    page = slack_app.test_client().get(button["url"].removeprefix(PUBLIC_BASE_URL))
    assert page.status_code == 200 and "Heathfield &amp; Priory Park" in page.get_data(as_text=True)


def test_clicking_the_web_link_is_acknowledged_and_does_nothing_else(slack, fake_slack):
    response = slack.click("area_open_web", response_url=fake_slack.new_response_url())
    assert response.status_code == 200
    assert fake_slack.calls == []


def test_an_ambiguous_name_offers_buttons_and_a_click_replaces_the_message(slack, fake_slack):
    message = slack.command("/area", "mill cross").get_json()
    assert block_kit_problems(message) == []
    assert message["text"] == "Several areas match \u201cmill cross\u201d. Which one?"
    buttons = message["blocks"][1]["elements"]
    assert [b["text"]["text"] for b in buttons] == [
        "Mill Cross — Middle layer area (MSOA), Sampleton",
        "Mill Cross — Electoral ward, Sampleton",
    ]

    ward = buttons[1]
    response_url = fake_slack.new_response_url()
    click = slack.click(
        ward["action_id"], value=ward["value"], response_url=response_url, message=message
    )
    assert click.status_code == 200
    [posted] = fake_slack.responses
    assert posted.path == response_url.removeprefix(fake_slack.url)
    assert posted.params["replace_original"] is True
    assert block_kit_problems(posted.params) == []
    assert posted.params["blocks"][0]["text"]["text"] == "Mill Cross"
    assert posted.params["blocks"][1]["elements"][0]["text"].startswith(
        "Electoral ward · Sampleton"
    )
    assert ward["value"] in posted.params["blocks"][1]["elements"][0]["text"]
    assert table_problems(posted.params) == []
    assert the_table(posted.params)[0] == ["Domain", "Mill Cross", "Sampleton", "England"]


def test_a_repeated_click_delivery_posts_the_profile_once(slack, fake_slack):
    from tests.slack_helpers import block_actions_payload

    payload = block_actions_payload(
        "area_choose_0", value="E02900001", response_url=fake_slack.new_response_url()
    )
    assert slack.interaction(payload).status_code == 200
    assert slack.interaction(payload, retry_num=1, retry_reason="http_timeout").status_code == 200
    assert slack.interaction(payload, retry_num=2).status_code == 200
    assert len(fake_slack.responses) == 1
    # A second, genuine click (new action_ts and trigger) is a new request and is answered.
    assert (
        slack.click(
            "area_choose_0", value="E02900001", response_url=fake_slack.new_response_url()
        ).status_code
        == 200
    )
    assert len(fake_slack.responses) == 2


def test_a_chosen_area_that_has_gone_says_so(slack, fake_slack):
    slack.click("area_choose_0", value="E02999999", response_url=fake_slack.new_response_url())
    [posted] = fake_slack.responses
    assert (
        posted.params["text"] == "The area E02999999 is no longer in the data. Try `/area` again."
    )


def test_a_near_miss_gets_suggestions(slack):
    message = slack.command("/area", "zzz castle").get_json()
    assert block_kit_problems(message) == []
    assert (
        message["text"]
        == "No area matches \u201czzz castle\u201d. Did you mean *Castle* or *Castle Green*?"
    )
    assert [b["text"]["text"] for b in message["blocks"][1]["elements"]] == [
        "Castle — Electoral ward, Sampleton",
        "Castle Green — Middle layer area (MSOA), Sampleton",
    ]


@pytest.mark.parametrize(
    "query", ["<!channel>", "<!here|here> mill", "<@U0TEST0001> & <https://evil.example|click>"]
)
def test_a_query_that_would_ping_or_link_is_shown_harmlessly(slack, query):
    message = slack.command("/area", query).get_json()
    assert block_kit_problems(message) == []
    raw = json.dumps(message, ensure_ascii=False)
    assert "<!" not in raw and "<@" not in raw and "<http" not in raw
    assert "&lt;!" in message["text"] or "&lt;@" in message["text"]


@pytest.mark.parametrize("text", ["", "   "])
def test_no_query_explains_how_to_use_area(slack, text):
    message = slack.command("/area", text).get_json()
    assert block_kit_problems(message) == []
    examples = re.findall(r"`/area ([^`]+)`", message["blocks"][0]["text"]["text"])
    # The examples come from the loaded areas, and each one finds one area's profile.
    assert len(examples) >= 2
    for example in examples:
        reply = slack.command("/area", example).get_json()
        assert any(b["type"] == "table" for b in reply["blocks"]), example


def test_an_empty_database_says_no_data_is_loaded(app_factory, sqlite_url):
    from tests.slack_helpers import SlackClient

    slack = SlackClient(app_factory(sqlite_url).test_client())
    message = slack.command("/area", "heathfield").get_json()
    assert block_kit_problems(message) == []
    assert message["text"] == "No deprivation data is loaded yet."
    assert "`fairer import-iod`" in message["blocks"][0]["text"]["text"]


def test_name_search_keeps_to_the_configured_councils_but_codes_always_work(
    app_factory, sample_url
):
    from tests.slack_helpers import SlackClient

    everywhere = SlackClient(app_factory(sample_url).test_client())
    assert (
        everywhere.command("/area", "brookhampton 001").get_json()["blocks"][0]["text"]["text"]
        == "Brookhampton 001"
    )

    local = SlackClient(app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999").test_client())
    assert (
        local.command("/area", "brookhampton 001").get_json()["text"].startswith("No area matches")
    )
    code = everywhere.command("/area", "brookhampton 001").get_json()["blocks"][1]["elements"][0][
        "text"
    ]
    msoa_code = code.rsplit("`", 2)[1]
    assert (
        local.command("/area", msoa_code).get_json()["blocks"][0]["text"]["text"]
        == "Brookhampton 001"
    )
