"""Block Kit built from hand-made domain objects: layout, numbers, limits and escaping."""

from __future__ import annotations

import json
import math

from bot.blocks import area as blocks
from engagement.model import (
    DOMAINS,
    AreaLookup,
    AreaProfile,
    AreaSummary,
    DomainMeasures,
    EditionInfo,
)
from tests.block_kit import block_kit_problems

BASE = "https://fairer.example.org"
OFFICIAL = EditionInfo(
    "IoD2019",
    "English Indices of Deprivation 2019",
    False,
    32844,
    "English Indices of Deprivation 2019, MHCLG, OGL v3.0",
)
SAMPLE = EditionInfo(
    "sample", "Sample data", True, 480, "Sample borough generated for demonstrations"
)


def measures(avg_rank: float, share: float) -> tuple[DomainMeasures, ...]:
    return tuple(
        DomainMeasures(
            key, label, avg_rank + i, share, share * 1.5, share * 0.9, share * 1.4, share * 1.1
        )
        for i, (key, label) in enumerate(DOMAINS)
    )


def make_profile(
    *,
    name="Heartsease & Pilling Park",
    kind="msoa",
    lad="Norwich",
    edition=OFFICIAL,
    population=7812,
    lsoa_count=5,
    code="E02005587",
) -> AreaProfile:
    lad_profile = AreaProfile(
        AreaSummary("E07000148", lad, "lad"),
        None,
        None,
        141137,
        83,
        measures(11236.2, 0.19),
        edition,
    )
    england = AreaProfile(
        AreaSummary("E92000001", "England", "england"),
        None,
        None,
        54786327,
        32844,
        measures(16422.4, 0.1),
        edition,
    )
    return AreaProfile(
        AreaSummary(code, name, kind, lad),
        "Norwich 004",
        "E07000148",
        population,
        lsoa_count,
        measures(3456.4, 0.6),
        edition,
        (lad_profile, england),
    )


def all_text(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def test_profile_is_valid_block_kit_with_header_facts_and_a_web_link():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    assert block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    assert message["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Heartsease & Pilling Park"},
    }
    facts = message["blocks"][1]["elements"][0]["text"]
    assert "Middle layer area (MSOA)" in facts and "Norwich" in facts
    assert "population 7,812" in facts and "5 LSOAs" in facts
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Open on the web"},
            "action_id": "area_open_web",
            "url": f"{BASE}/areas/E02005587",
        }
    ]


def test_every_domain_shows_rank_shares_and_extent_beside_council_and_england():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    for key, label in DOMAINS:
        text = next(s for s in sections if s.startswith(f"*{label}*"))
        header_row, rank_row, *share_rows = text.split("```")[1].strip("\n").split("\n")
        assert header_row.split() == ["Area", "Norwich", "England"]
        i = [k for k, _ in DOMAINS].index(key)
        assert rank_row.split()[-3:] == [f"{3456 + i:,}", f"{11236 + i:,}", f"{16422 + i:,}"]
        assert share_rows[0].startswith("LSOAs in most deprived 10%") and share_rows[0].split()[
            -3:
        ] == ["60%", "19%", "10%"]
        assert share_rows[1].startswith("People in most deprived 10%") and share_rows[1].split()[
            -3:
        ] == ["54%", "17%", "9%"]
        assert share_rows[2].split()[-3:] == ["90%", "29%", "15%"]
        assert share_rows[3].split()[-3:] == ["84%", "27%", "14%"]
        assert share_rows[4].startswith("Extent") and share_rows[4].split()[-3:] == [
            "66%",
            "21%",
            "11%",
        ]


def test_table_columns_line_up():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    table = next(
        b for b in message["blocks"] if b["type"] == "section" and "```" in b["text"]["text"]
    )
    rows = table["text"]["text"].split("```")[1].strip("\n").split("\n")
    assert len({len(row) for row in rows}) == 1


def test_text_fallback_summarises_the_profile():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    assert message["text"].startswith(
        "Heartsease &amp; Pilling Park (MSOA, Norwich): IMD avg rank 3,456 of 32,844; 54% of people"
    )


def test_headline_compares_with_council_and_england():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    assert "average rank *3,456* of 32,844" in all_text(message)
    assert "(Norwich 17%, England 9%)" in all_text(message)


def test_official_source_in_footer_and_no_sample_warning():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    footer = message["blocks"][-1]["elements"]
    assert any("English Indices of Deprivation 2019, MHCLG, OGL v3.0" in e["text"] for e in footer)
    assert "Sample data" not in all_text(message)


def test_sample_data_is_labelled_clearly():
    message = blocks.profile_message(make_profile(edition=SAMPLE), public_base_url=BASE)
    assert "Sample data — not official figures" in message["blocks"][2]["elements"][0]["text"]
    assert message["text"].endswith("Sample data — not official figures.")
    assert "of 480" in message["text"]


def test_names_from_files_are_escaped_everywhere_in_mrkdwn():
    profile = make_profile(name="<!channel> & friends", lad="<@U123>")
    message = blocks.profile_message(profile, public_base_url=BASE)
    assert block_kit_problems(message) == []
    mrkdwn = [message["text"]] + [
        e["text"] for b in message["blocks"] if b["type"] == "context" for e in b["elements"]
    ]
    mrkdwn += [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    for text in mrkdwn:
        assert "<!channel>" not in text and "<@U123>" not in text
    assert "&lt;!channel&gt; &amp; friends" in message["text"]
    assert "&lt;@U123&gt;" in message["blocks"][1]["elements"][0]["text"]


def test_long_names_stay_within_limits():
    long_name = "Very Long Neighbourhood Name " * 10
    profile = make_profile(name=long_name, lad="A Council With An Extremely Long Name Indeed")
    message = blocks.profile_message(profile, public_base_url=BASE)
    assert block_kit_problems(message) == []
    assert len(message["blocks"][0]["text"]["text"]) == 150


def test_a_local_authority_has_only_england_to_compare_with():
    england = make_profile().comparators[1]
    lad = AreaProfile(
        AreaSummary("E07000148", "Norwich", "lad"),
        None,
        None,
        141137,
        83,
        measures(11236.2, 0.19),
        OFFICIAL,
        (england,),
    )
    message = blocks.profile_message(lad, public_base_url=BASE)
    assert block_kit_problems(message) == []
    table = next(
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and "```" in b["text"]["text"]
    )
    assert table.split("```")[1].strip("\n").split("\n")[0].split() == ["Area", "England"]
    assert message["text"].startswith("Norwich (local authority):")


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


def test_empty_query_explains_usage():
    message = blocks.area_reply(AreaLookup("empty", ""), public_base_url=BASE)
    assert block_kit_problems(message) == []
    text = message["blocks"][0]["text"]["text"]
    for example in ("`/area heartsease`", "`/area E02005778`", "`/area Mile Cross`"):
        assert example in text


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


def _half_up_percent(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5 + 1e-9)}%"


def _half_up_rank(rank: float) -> str:
    return f"{math.floor(rank + 0.5 + 1e-9):,}"


def _tables(message: dict) -> dict[str, list[str]]:
    return {
        b["text"]["text"].split("*")[1]: b["text"]["text"].split("```")[1].strip("\n").split("\n")
        for b in message["blocks"]
        if b["type"] == "section" and "```" in b["text"]["text"]
    }


def test_long_names_are_never_cut_short_and_every_figure_stays():
    profile = make_profile(name="Heartsease & Pilling Park", lad="Nuneaton and Bedworth")
    message = blocks.profile_message(profile, public_base_url=BASE)
    assert block_kit_problems(message) == []
    key = next(
        b["elements"][0]["text"]
        for b in message["blocks"]
        if b["type"] == "context" and b["elements"][0]["text"].startswith("Columns:")
    )
    assert key == (
        "Columns: *A*: Heartsease &amp; Pilling Park · *B*: Nuneaton and Bedworth · *C*: England"
    )
    tables = _tables(message)
    assert len(tables) == len(DOMAINS)
    columns = [profile, *profile.comparators]
    rows = (
        "avg_rank",
        "lsoa_share_10",
        "pop_share_10",
        "lsoa_share_20",
        "pop_share_20",
        "extent",
    )
    for (key_name, label), (heading, table) in zip(DOMAINS, tables.items(), strict=True):
        assert heading == label
        assert "…" not in "\n".join(table)
        assert table[0].split() == ["A", "B", "C"]
        for attr, line in zip(rows, table[1:], strict=True):
            values = [
                getattr(next(m for m in c.measures if m.key == key_name), attr) for c in columns
            ]
            fmt = _half_up_rank if attr == "avg_rank" else _half_up_percent
            assert line.split()[-3:] == [fmt(v) for v in values]


def test_short_names_head_their_columns_without_a_key():
    message = blocks.profile_message(make_profile(lad="Norwich"), public_base_url=BASE)
    assert "Columns:" not in all_text(message)
    first = next(iter(_tables(message).values()))
    assert first[0].split() == ["Area", "Norwich", "England"]


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
