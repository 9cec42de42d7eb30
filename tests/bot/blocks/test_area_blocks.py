"""Block Kit built from hand-made domain objects: layout, numbers, limits and escaping."""

from __future__ import annotations

import json
import math

import pytest

from bot.blocks import area as blocks
from bot.blocks.area_glance import is_public_url
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
            "text": {"type": "plain_text", "text": "More figures"},
            "action_id": "area_more_figures",
            "value": "E02005587",
        },
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Open on the web"},
            "action_id": "area_open_web",
            "url": f"{BASE}/areas/E02005587",
        },
    ]


def test_every_domain_shows_rank_shares_and_extent_beside_council_and_england():
    message = blocks.full_breakdown_message(make_profile())
    assert block_kit_problems(message) == []
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
    message = blocks.full_breakdown_message(make_profile())
    table = next(
        b for b in message["blocks"] if b["type"] == "section" and "```" in b["text"]["text"]
    )
    rows = table["text"]["text"].split("```")[1].strip("\n").split("\n")
    assert len({len(row) for row in rows}) == 1


def test_text_fallback_says_the_sentence_and_every_figure_of_the_table():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    assert message["text"].startswith(
        "Heartsease &amp; Pilling Park (MSOA, Norwich): Heartsease &amp; Pilling Park is among "
        "the most deprived 20% of England on average (average IMD rank 3,456, where 1 is the "
        "most deprived of 32,844 neighbourhoods)."
    )
    assert message["text"].endswith(
        "Average rank (Heartsease &amp; Pilling Park / Norwich / England): "
        "IMD 3,456 / 11,236 / 16,422; Income 3,457 / 11,237 / 16,423; "
        "Employment 3,458 / 11,238 / 16,424; Education, Skills and Training 3,459 / 11,239 / "
        "16,425; Health Deprivation and Disability 3,460 / 11,240 / 16,426; "
        "Crime 3,461 / 11,241 / 16,427; Barriers to Housing and Services 3,462 / 11,242 / 16,428; "
        "Living Environment 3,463 / 11,243 / 16,429."
    )


def test_the_reply_opens_with_the_sentence_then_one_table():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    kinds = [b["type"] for b in message["blocks"]]
    assert kinds[:4] == ["header", "context", "section", "table"]
    assert message["blocks"][2]["text"]["text"] == (
        "Heartsease &amp; Pilling Park is among the most deprived 20% of England on average "
        "(average IMD rank 3,456, where 1 is the most deprived of 32,844 neighbourhoods). "
        "Of the seven domains, it is most deprived on Income (average rank 3,457; Norwich 11,237; "
        "England 16,423), Employment (average rank 3,458; Norwich 11,238; England 16,424) and "
        "Education, Skills and Training (average rank 3,459; Norwich 11,239; England 16,425). "
        # 7,812 x 0.54 = 4,218.48 people
        "4,218 of its 7,812 people (54%) live in England's most deprived 10% of neighbourhoods."
    )
    assert kinds.count("table") == 1 and "```" not in all_text(message)


def test_official_source_in_footer_and_no_sample_warning():
    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    footer = message["blocks"][-1]["elements"]
    assert any("English Indices of Deprivation 2019, MHCLG, OGL v3.0" in e["text"] for e in footer)
    assert "Sample data" not in all_text(message)


def test_sample_data_is_labelled_clearly():
    for message in (
        blocks.profile_message(make_profile(edition=SAMPLE), public_base_url=BASE),
        blocks.full_breakdown_message(make_profile(edition=SAMPLE)),
    ):
        assert "Sample data — not official figures" in message["blocks"][2]["elements"][0]["text"]
    message = blocks.profile_message(make_profile(edition=SAMPLE), public_base_url=BASE)
    assert message["text"].endswith("Sample data — not official figures.")
    assert "of 480 neighbourhoods" in message["text"]


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
    breakdown = blocks.full_breakdown_message(profile)
    for block in breakdown["blocks"]:
        for text in [e["text"] for e in block.get("elements", [])] + [
            block["text"]["text"] if block["type"] == "section" else ""
        ]:
            assert "<!channel>" not in text and "<@U123>" not in text


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
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    assert [c["text"] for c in table["rows"][0]] == ["Domain", "Norwich", "England"]
    assert message["text"].startswith("Norwich (local authority): Norwich is ")
    breakdown = blocks.full_breakdown_message(lad)
    assert block_kit_problems(breakdown) == []
    text = next(
        b["text"]["text"]
        for b in breakdown["blocks"]
        if b["type"] == "section" and "```" in b["text"]["text"]
    )
    assert text.split("```")[1].strip("\n").split("\n")[0].split() == ["Area", "England"]


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
    message = blocks.full_breakdown_message(profile)
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
    message = blocks.full_breakdown_message(make_profile(lad="Norwich"))
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


# --- the table and the pictures -----------------------------------------------------------------

PUBLIC = "https://fairer.example.gov.uk"


def table_problems(message: dict) -> list[str]:
    """Slack's rules for the table block (docs.slack.dev, "Table block"): one per message, at
    most 100 rows of at most 20 cells, raw_text cells with text, every row as wide as the first,
    at most 20 column settings; and slack_sdk 3.48's own validation of table and image blocks."""
    from slack_sdk.models.blocks import Block

    problems = []
    tables = [b for b in message["blocks"] if b["type"] == "table"]
    if len(tables) > 1:
        problems.append(f"{len(tables)} tables")
    for table in tables:
        rows = table["rows"]
        if not 0 < len(rows) <= 100:
            problems.append(f"{len(rows)} rows")
        if any(len(row) != len(rows[0]) or len(row) > 20 for row in rows):
            problems.append("ragged or too wide")
        if any(c["type"] != "raw_text" or not c["text"] for row in rows for c in row):
            problems.append("a cell is not raw_text with text")
        if len(table.get("column_settings", [])) > 20:
            problems.append("too many column settings")
    for block in message["blocks"]:
        if block["type"] in ("table", "image"):
            Block.parse(block).validate_json()  # raises SlackObjectFormationError
    return problems


def test_the_table_shows_average_rank_per_domain_for_area_council_and_england():
    profile = make_profile()
    message = blocks.profile_message(profile, public_base_url=BASE)
    assert table_problems(message) == [] and block_kit_problems(message) == []
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    rows = [[c["text"] for c in row] for row in table["rows"]]
    assert rows[0] == ["Domain", "Heartsease & Pilling Park", "Norwich", "England"]
    columns = [profile, *profile.comparators]
    expected = [
        [label, *(_half_up_rank(c.measure(key).avg_rank) for c in columns)]
        for key, label in DOMAINS
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


def test_the_full_breakdown_keeps_all_eight_domains_and_every_measure():
    message = blocks.full_breakdown_message(make_profile())
    assert block_kit_problems(message) == []
    assert message["blocks"][0]["text"]["text"] == "Heartsease & Pilling Park: all figures"
    assert len(_tables(message)) == 8
    assert "Extent: share of people in the most deprived 30%" in all_text(message)


def test_the_table_reads_as_aligned_lines_in_a_terminal():
    from bot.blocks.area_glance import table_lines

    message = blocks.profile_message(make_profile(), public_base_url=BASE)
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    lines = table_lines(table)
    assert len(lines) == 9 and len({len(line) for line in lines}) == 1
    assert lines[0].split("  ")[0] == "Domain"
    assert lines[1].startswith("Index of Multiple Deprivation") and lines[1].endswith("16,422")
    assert lines[6].startswith("Crime ") and lines[6].split()[-3:] == ["3,461", "11,241", "16,427"]
