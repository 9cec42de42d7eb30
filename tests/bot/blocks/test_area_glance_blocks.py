"""The top of an /area reply: one Block Kit table, and the chart and map as images only where
Slack can fetch them."""

from __future__ import annotations

import pytest

from bot.blocks import area as blocks
from bot.blocks.area_glance import is_public_url
from engagement.model import DOMAINS
from tests.block_kit import block_kit_problems, table_problems
from tests.bot.area_profiles import BASE, all_text, half_up_rank, make_profile

# --- the table and the pictures -----------------------------------------------------------------

PUBLIC = "https://fairer.example.gov.uk"


def test_the_table_shows_average_rank_per_domain_for_area_council_and_england():
    profile = make_profile()
    message = blocks.profile_message(profile, public_base_url=BASE)
    assert table_problems(message) == [] and block_kit_problems(message) == []
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    rows = [[c["text"] for c in row] for row in table["rows"]]
    assert rows[0] == ["Domain", "Heartsease & Pilling Park", "Norwich", "England"]
    columns = [profile, *profile.comparators]
    expected = [
        [label, *(half_up_rank(c.measure(key).avg_rank) for c in columns)] for key, label in DOMAINS
    ]
    assert rows[1:] == expected
    assert [s.get("align") for s in table["column_settings"]] == [None, "right", "right", "right"]


def test_the_table_letters_its_columns_when_a_name_is_too_long_and_keys_them():
    long_name = "The Neighbourhoods Around the Old Cattle Market and the Riverside"
    message = blocks.profile_message(make_profile(name=long_name), public_base_url=BASE)
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    assert [c["text"] for c in table["rows"][0]] == ["Domain", "A", "B", "C"]
    key = next(
        e["text"]
        for b in message["blocks"]
        if b["type"] == "context"
        for e in b["elements"]
        if e["text"].startswith("Columns:")
    )
    assert key == f"Columns: *A*: {long_name} · *B*: Norwich · *C*: England"


def test_a_public_address_shows_the_chart_and_the_map_as_images():
    profile = make_profile()
    message = blocks.profile_message(profile, public_base_url=PUBLIC, has_map=True)
    assert table_problems(message) == [] and block_kit_problems(message) == []
    images = [b for b in message["blocks"] if b["type"] == "image"]
    assert [i["image_url"] for i in images] == [
        f"{PUBLIC}/areas/E02005587/chart.png",
        f"{PUBLIC}/areas/E02005587/map.png",
    ]
    sentence = message["blocks"][2]["text"]["text"].replace("&amp;", "&")
    assert images[0]["alt_text"] == sentence  # plain text: the chart says what the sentence says
    assert images[1]["alt_text"].startswith("Map of Heartsease & Pilling Park: its 5 ")
    assert "open on the web" not in all_text(message)


def test_without_boundaries_only_the_chart_is_shown():
    message = blocks.profile_message(make_profile(), public_base_url=PUBLIC)
    images = [b["image_url"] for b in message["blocks"] if b["type"] == "image"]
    assert images == [f"{PUBLIC}/areas/E02005587/chart.png"]


@pytest.mark.parametrize("base", ["http://127.0.0.1:5000", "http://localhost:5000"])
def test_an_address_slack_cannot_reach_gets_a_link_instead_of_images(base):
    message = blocks.profile_message(make_profile(), public_base_url=base, has_map=True)
    assert block_kit_problems(message) == []
    assert not [b for b in message["blocks"] if b["type"] == "image"]
    links = [
        e["text"]
        for b in message["blocks"]
        if b["type"] == "context"
        for e in b["elements"]
        if "open on the web" in e["text"]
    ]
    assert links == [f"<{base}/areas/E02005587|Chart and map: open on the web>"]


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://fairer.example.gov.uk", True),
        ("http://fairer.norwich.gov.uk/", True),
        ("https://8.8.8.8", True),
        ("http://127.0.0.1:5000", False),
        ("http://localhost", False),
        ("http://LOCALHOST:8000", False),
        ("http://app.localhost", False),
        ("https://fairer.local", False),
        ("https://fairer.internal", False),
        ("https://fairer.test", False),
        ("http://10.0.0.5", False),
        ("http://192.168.1.20:5000", False),
        ("http://172.16.0.1", False),
        ("http://169.254.169.254", False),
        ("http://[::1]:5000", False),
        ("http://[fe80::1]", False),
        ("http://0.0.0.0:5000", False),
        ("http://web:5000", False),  # a single-label name resolves only inside its network
        ("ftp://fairer.example.gov.uk", False),
        ("fairer.example.gov.uk", False),
        ("", False),
        ("http://fairer.example.gov.uk:99999", False),
    ],
)
def test_is_public_url(url, public):
    assert is_public_url(url) is public


def test_the_table_reads_as_aligned_lines_in_a_terminal():
    from bot.blocks.area_glance import table_lines

    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    lines = table_lines(table)
    assert len(lines) == 9 and len({len(line) for line in lines}) == 1
    assert lines[0].split("  ")[0] == "Domain"
    assert lines[1].startswith("Index of Multiple Deprivation") and lines[1].endswith("16,422")
    assert lines[6].startswith("Crime ") and lines[6].split()[-3:] == ["3,461", "11,241", "16,427"]
