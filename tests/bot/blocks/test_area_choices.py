"""/area's other answers as Block Kit: a choice of areas, near misses, how to use it, no data."""

from __future__ import annotations

from bot.blocks import area as blocks
from engagement.model import AreaLookup, AreaSummary
from tests.block_kit import block_kit_problems
from tests.bot.area_profiles import BASE, all_text

CHOICES = (
    AreaSummary("E02005585", "Mile Cross", "msoa", "Norwich"),
    AreaSummary("E05012907", "Mile Cross", "ward", "Norwich"),
)


def test_choose_offers_a_button_per_area():
    message = blocks.area_reply(
        AreaLookup("choose", "mile cross", choices=CHOICES), public_base_url=BASE
    )
    assert block_kit_problems(message) == []
    assert message["text"] == "Several areas match \u201cmile cross\u201d. Which one?"
    buttons = message["blocks"][1]["elements"]
    assert [(b["text"]["text"], b["value"], b["action_id"]) for b in buttons] == [
        ("Mile Cross — Middle layer area (MSOA), Norwich", "E02005585", "area_choose_0"),
        ("Mile Cross — Electoral ward, Norwich", "E05012907", "area_choose_1"),
    ]


def test_button_text_is_cut_to_75_characters():
    choice = AreaSummary("E1", "Name " * 30, "ward", "Norwich")
    message = blocks.choose_message("name", (choice, CHOICES[0]))
    assert block_kit_problems(message) == []
    assert len(message["blocks"][1]["elements"][0]["text"]["text"]) == 75


def test_not_found_suggests_near_misses():
    suggestions = (
        AreaSummary("A", "Castle", "ward", "Norwich"),
        AreaSummary("B", "Castle Green", "msoa", "Norwich"),
        AreaSummary("C", "Catton Grove", "ward", "Norwich"),
    )
    message = blocks.area_reply(
        AreaLookup("not_found", "castel", suggestions=suggestions), public_base_url=BASE
    )
    assert block_kit_problems(message) == []
    assert (
        message["text"] == "No area matches \u201ccastel\u201d. "
        "Did you mean *Castle*, *Castle Green* or *Catton Grove*?"
    )
    assert [b["value"] for b in message["blocks"][1]["elements"]] == ["A", "B", "C"]


def test_not_found_without_suggestions_echoes_the_query_escaped():
    message = blocks.area_reply(AreaLookup("not_found", "<!channel>"), public_base_url=BASE)
    assert block_kit_problems(message) == []
    assert message["text"] == "No area matches \u201c&lt;!channel&gt;\u201d."
    assert "<!channel>" not in all_text(message)


def test_empty_query_explains_usage_with_the_examples_it_is_given():
    lookup = AreaLookup(
        "empty", "", examples=("heathfield and priory park", "E02900001", "<!here>")
    )
    message = blocks.area_reply(lookup, public_base_url=BASE)
    assert block_kit_problems(message) == []
    text = message["blocks"][0]["text"]["text"]
    for example in ("`/area heathfield and priory park`", "`/area E02900001`"):
        assert example in text
    assert "<!here>" not in text and "&lt;!here&gt;" in text


def test_no_data_names_the_commands_that_load_it():
    message = blocks.area_reply(AreaLookup("no_data", "x"), public_base_url=BASE)
    assert block_kit_problems(message) == []
    text = message["blocks"][0]["text"]["text"]
    assert (
        "No deprivation data is loaded yet" in text
        and "`fairer import-iod`" in text
        and "`make demo`" in text
    )


def test_area_url_quotes_the_code():
    assert (
        blocks.area_url("https://x.example/", "custom/odd code")
        == "https://x.example/areas/custom%2Fodd%20code"
    )


def test_choose_says_how_many_match_and_links_to_the_web_search_for_the_rest():
    choices = tuple(
        AreaSummary(f"E0500000{i}", f"Central {i}", "ward", "Somewhere") for i in range(5)
    )
    message = blocks.area_reply(
        AreaLookup("choose", "central", choices=choices, total=19), public_base_url=BASE
    )
    assert block_kit_problems(message) == []
    assert message["text"] == "19 areas match \u201ccentral\u201d; here are the 5 closest."
    assert len(message["blocks"][1]["elements"]) == 5
    assert message["blocks"][2]["elements"][0]["text"] == (
        f"<{BASE}/areas?q=central|See all 19 on the web>"
    )
