"""The /area profile as Block Kit, from hand-made domain objects: layout, numbers, limits,
escaping, and the full breakdown behind "More figures"."""

from __future__ import annotations

from bot.blocks import area as blocks
from engagement.model import DOMAINS, AreaProfile, AreaSummary
from tests.block_kit import block_kit_problems
from tests.bot.area_profiles import (
    BASE,
    OFFICIAL,
    SAMPLE,
    all_text,
    half_up_percent,
    half_up_rank,
    make_profile,
    measures,
)


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
            fmt = half_up_rank if attr == "avg_rank" else half_up_percent
            assert line.split()[-3:] == [fmt(v) for v in values]


def test_short_names_head_their_columns_without_a_key():
    message = blocks.full_breakdown_message(make_profile(lad="Norwich"))
    assert "Columns:" not in all_text(message)
    first = next(iter(_tables(message).values()))
    assert first[0].split() == ["Area", "Norwich", "England"]


def test_the_full_breakdown_keeps_all_eight_domains_and_every_measure():
    message = blocks.full_breakdown_message(make_profile())
    assert block_kit_problems(message) == []
    assert message["blocks"][0]["text"]["text"] == "Heartsease & Pilling Park: all figures"
    assert len(_tables(message)) == 8
    assert "Extent: share of people in the most deprived 30%" in all_text(message)
