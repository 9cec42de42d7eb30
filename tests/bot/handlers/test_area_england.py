"""/area on all of England from the official IoD2019 files; expectations computed here from
../shared/data with pandas, independently of the importer."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from engagement.model import DOMAINS
from tests.block_kit import block_kit_problems, table_problems
from tests.bot.expected import half_up, percent
from tests.official_lsoas import read_official_lsoas
from tests.slack_helpers import SlackClient

NORWICH = "E07000148"
RANK = "{} Rank (where 1 is most deprived)"
DECILE = "{} Decile (where 1 is most deprived 10% of LSOAs)"
IMD = "Index of Multiple Deprivation (IMD)"


@pytest.fixture(scope="module")
def lsoas(official) -> pd.DataFrame:
    """Every LSOA in England: ranks and deciles (File 2), population (File 6) and 2019 ward."""
    return read_official_lsoas(official)


def summary(frame: pd.DataFrame, domain: str = IMD) -> dict[str, str]:
    """Return the measures /area shows for a set of LSOAs on one domain, formatted as shown."""
    pop = frame["population"]
    rank, decile = frame[RANK.format(domain)], frame[DECILE.format(domain)]
    return {
        "Average rank": half_up((rank * pop).sum() / pop.sum()),
        "LSOAs in most deprived 10%": percent((decile == 1).mean()),
        "People in most deprived 10%": percent(pop[decile == 1].sum() / pop.sum()),
        "LSOAs in most deprived 20%": percent((decile <= 2).mean()),
        "People in most deprived 20%": percent(pop[decile <= 2].sum() / pop.sum()),
        "Extent": percent((extent_weight(rank) * pop).sum() / pop.sum()),
    }


def extent_weight(rank: pd.Series) -> pd.Series:
    """MHCLG's extent weights (IoD2019 technical report, Appendix N): 1 to the 10th national
    percentile, 0.95 at the 11th falling by 0.9/19 a percentile to 0.05 at the 30th, 0 beyond."""
    percentile = (rank * 100 / 32844).apply(math.ceil)
    return percentile.apply(
        lambda p: 1.0 if p <= 10 else 0.95 - (p - 11) * 0.9 / 19 if p <= 30 else 0.0
    )


def table(message: dict, label: str) -> dict[str, list[str]]:
    """Return {row label: [area, council, England]} of one domain's table in the breakdown."""
    text = next(
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith(f"*{label}*")
    )
    rows = text.split("```")[1].strip("\n").split("\n")[1:]
    return {" ".join(row.split()[:-3]): row.split()[-3:] for row in rows}


def headline_rows(message: dict) -> list[list[str]]:
    """Return the one table block's cells as text, header row first."""
    [block] = [b for b in message["blocks"] if b["type"] == "table"]
    return [[cell["text"] for cell in row] for row in block["rows"]]


def expected_columns(*frames: pd.DataFrame, domain: str = IMD) -> dict[str, list[str]]:
    columns = [summary(f, domain) for f in frames]
    return {row: [c[row] for c in columns] for row in columns[0]}


def more_figures(slack, fake_slack, message: dict) -> dict:
    """Click the reply's "More figures" button; return what was posted to the response URL."""
    button = next(
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "area_more_figures"
    )
    fake_slack.reset()
    slack.click(
        button["action_id"], value=button["value"], response_url=fake_slack.new_response_url()
    )
    [posted] = fake_slack.responses
    return posted.params


@pytest.fixture
def slack(app_factory, england_url) -> SlackClient:
    return SlackClient(app_factory(england_url).test_client())


def test_heartsease_profile_matches_the_official_files(slack, fake_slack, lsoas):
    message = slack.command("/area", "heartsease").get_json()
    assert block_kit_problems(message) == [] and table_problems(message) == []
    assert message["blocks"][0]["text"]["text"] == "Heartsease & Pilling Park"

    area = lsoas[lsoas["name"].str[:-1] == "Norwich 004"]  # LSOA names are the MSOA's plus a letter
    norwich = lsoas[lsoas["lad"] == NORWICH]
    # The one table: average rank of the IMD and the seven domains, area / Norwich / England.
    rows = headline_rows(message)
    assert rows[0] == ["Domain", "Heartsease & Pilling Park", "Norwich", "England"]
    for (_key, label), row in zip(DOMAINS, rows[1:], strict=True):
        domain = IMD if label == "Index of Multiple Deprivation" else label
        expected = [summary(f, domain)["Average rank"] for f in (area, norwich, lsoas)]
        assert row == [label, *expected], label

    sentence = next(b for b in message["blocks"] if b["type"] == "section")["text"]["text"]
    imd = summary(area)
    assert sentence.startswith(
        "Heartsease &amp; Pilling Park is among the most deprived 30% of England on average "
        f"(average IMD rank {imd['Average rank']}, where 1 is the most deprived of 32,844 "
        "neighbourhoods)."
    )
    people = int(area.loc[area[DECILE.format(IMD)] == 1, "population"].sum())
    population = int(area["population"].sum())
    assert sentence.endswith(
        f"{people:,} of its {population:,} people ({imd['People in most deprived 10%']}) live in "
        "England's most deprived 10% of neighbourhoods."
    )

    breakdown = more_figures(slack, fake_slack, message)
    assert block_kit_problems(breakdown) == []
    for domain, label in (
        (IMD, "Index of Multiple Deprivation"),
        ("Income", "Income"),
        ("Living Environment", "Living Environment"),
    ):
        shown = table(breakdown, label)
        for row, values in expected_columns(area, norwich, lsoas, domain=domain).items():
            assert shown[row] == values, (label, row)

    facts = message["blocks"][1]["elements"][0]["text"]
    assert (
        f"population {int(area['population'].sum()):,}" in facts and f"{len(area)} LSOAs" in facts
    )
    assert message["text"].startswith(
        "Heartsease &amp; Pilling Park (MSOA, Norwich): Heartsease &amp; Pilling Park is among "
        f"the most deprived 30% of England on average (average IMD rank {imd['Average rank']}, "
    )
    norwich_imd = summary(norwich)["Average rank"]
    england_imd = summary(lsoas)["Average rank"]
    assert f"IMD {imd['Average rank']} / {norwich_imd} / {england_imd};" in message["text"]


def test_official_figures_name_their_source_and_carry_no_sample_warning(slack):
    message = slack.command("/area", "E02005587").get_json()
    footer = " ".join(e["text"] for e in message["blocks"][-1]["elements"])
    assert (
        "English Indices of Deprivation 2019" in footer and "Open Government Licence v3.0" in footer
    )
    notes = [e["text"] for b in message["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert any("of England's 32,844 neighbourhoods" in n for n in notes)
    assert "Sample data" not in json.dumps(message, ensure_ascii=False)


def test_mile_cross_asks_which_and_the_ward_button_brings_the_ward(slack, fake_slack, lsoas):
    message = slack.command("/area", "Mile Cross").get_json()
    assert block_kit_problems(message) == []
    buttons = message["blocks"][1]["elements"]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [
        ("Mile Cross — Middle layer area (MSOA), Norwich", "E02005585"),
        ("Mile Cross — Electoral ward, Norwich", "E05012907"),
    ]
    slack.click(
        buttons[1]["action_id"],
        value=buttons[1]["value"],
        response_url=fake_slack.new_response_url(),
    )
    [posted] = fake_slack.responses
    profile = posted.params
    assert profile["replace_original"] is True and block_kit_problems(profile) == []
    assert table_problems(profile) == []
    assert profile["blocks"][1]["elements"][0]["text"].startswith("Electoral ward · Norwich")
    ward = lsoas[lsoas["ward"] == "E05012907"]
    norwich = lsoas[lsoas["lad"] == NORWICH]
    expected = [summary(f)["Average rank"] for f in (ward, norwich, lsoas)]
    assert headline_rows(profile)[1] == ["Index of Multiple Deprivation", *expected]
    breakdown = more_figures(slack, fake_slack, profile)
    assert table(breakdown, "Index of Multiple Deprivation") == expected_columns(
        ward, norwich, lsoas
    )


def test_a_local_authority_compares_with_england_only(slack, lsoas):
    message = slack.command("/area", "norwich").get_json()
    assert block_kit_problems(message) == [] and table_problems(message) == []
    rows = headline_rows(message)
    assert rows[0] == ["Domain", "Norwich", "England"]
    norwich = lsoas[lsoas["lad"] == NORWICH]
    assert rows[1] == [
        "Index of Multiple Deprivation",
        summary(norwich)["Average rank"],
        summary(lsoas)["Average rank"],
    ]
