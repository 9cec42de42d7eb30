"""The digest as Block Kit: valid for Slack, escaped, quiet weeks said out loud, small numbers left
out, comments never quoted; and its agreement chart as a real PNG."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date

import pytest

from bot.blocks.digest import digest_message
from bot.blocks.digest_chart import agreement_png, digest_chart
from engagement.digests.content import compose_digest
from storage import session_scope
from storage.db import make_engine
from tests.block_kit import block_kit_problems
from tests.engagement.action_factories import create_action
from tests.engagement.digest_factories import (
    LONDON,
    change_status,
    create_subscription,
    date_responses,
    utc,
)
from tests.engagement.survey_factories import create_example_survey, create_response

BASE = "https://fairer.example.org"
SINCE, UNTIL = utc(2026, 11, 23, 9, 0), utc(2026, 11, 30, 9, 0)
LONG_AGO = utc(2026, 10, 1, 12, 0)
COMMENT = "<!channel> the damp in our flat at 12 Acacia Road"


@pytest.fixture
def engine(sqlite_url):
    eng = make_engine(sqlite_url)
    yield eng
    eng.dispose()


def _digest(engine, text="subscribe", since=SINCE, until=UNTIL):
    with session_scope(engine) as session:
        subscription = create_subscription(session, text=text)
        content = compose_digest(session, subscription, since=since, until=until, timezone=LONDON)
    return content, digest_message(content, public_base_url=BASE, timezone=LONDON)


def _responses(engine, count, **answers):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for _ in range(count):
            create_response(session, survey=survey, definition=definition, **answers)
        date_responses(session, survey.id, utc(2026, 11, 25, 12, 0))


def test_titles_from_the_plan_are_escaped_and_the_message_is_valid(engine):
    with session_scope(engine) as session:
        action = create_action(
            session,
            reference="NR-<1>",
            title="<!channel> & <@U999> advice drop-ins",
            last_update_at=LONG_AGO,
        )
        change_status(session, action, "off_track", utc(2026, 11, 24, 9, 0))
    content, body = _digest(engine)
    assert block_kit_problems(body) == []
    text = json.dumps(body, ensure_ascii=False)
    assert "<!channel>" not in text and "<@U999>" not in text
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt; advice drop-ins" in text and "NR-&lt;1&gt;" in text
    assert ":red_circle:" in text and "On track → *Off track*" in text
    assert body["text"] == "Weekly digest, Everything: 1 changed status"


def test_a_week_without_change_says_so_and_lists_what_is_overdue(engine):
    with session_scope(engine) as session:
        create_action(
            session,
            reference="NR-06",
            title="Late action",
            due=date(2026, 11, 10),
            last_update_at=LONG_AGO,
        )
    content, body = _digest(engine, since=utc(2026, 12, 7, 9, 0), until=utc(2026, 12, 14, 9, 0))
    assert content.quiet and block_kit_problems(body) == []
    text = json.dumps(body, ensure_ascii=False)
    assert "*No change this week.*" in text
    assert "Overdue (1)" in text and "NR-06" in text and "34 days late" in text
    assert body["text"] == "Weekly digest, Everything: no change this week; 1 overdue"
    assert f"{BASE}/officers/actions" in text


def test_an_empty_plan_and_no_surveys_is_still_a_short_valid_digest(engine):
    content, body = _digest(engine)
    assert content.quiet and block_kit_problems(body) == []
    assert "No change this week" in json.dumps(body)


def test_survey_figures_from_fewer_than_ten_people_are_not_shown(engine):
    _responses(engine, 9, comments=COMMENT)
    _content, body = _digest(engine)
    text = json.dumps(body, ensure_ascii=False)
    assert block_kit_problems(body) == []
    assert "9 new responses this week" in text
    assert "fewer than 10 respondents so far, not shown" in text and "% agree" not in text
    assert "Comments: fewer than 10 so far" in text
    assert "Acacia" not in text and "<!channel>" not in text


def test_survey_agreement_interval_shares_and_themes_but_never_comments(engine):
    _responses(engine, 20, comments=COMMENT)
    content, body = _digest(engine, "subscribe survey draft-priorities")
    text = json.dumps(body, ensure_ascii=False)
    assert block_kit_problems(body) == []
    assert "*100% agree* (95% CI 84–100%), 20 respondents" in text
    assert "Comments: 20," in text and "% positive" in text and "Housing (20)" in text
    assert "Acacia" not in text and "<!channel>" not in text
    assert f"{BASE}/s/draft-priorities/results" in text
    assert (
        body["text"]
        == "Weekly digest, Survey: Our draft priorities for a fairer city: 20 survey responses"
    )


def test_many_changes_stay_under_slacks_limits(engine):
    with session_scope(engine) as session:
        for i in range(60):
            action = create_action(
                session,
                reference=f"BIG-{i:02d}",
                title="x" * 300,
                last_update_at=LONG_AGO,
                due=date(2026, 11, 1),
            )
            change_status(
                session, action, "complete" if i % 2 else "at_risk", utc(2026, 11, 24, 9, 0)
            )
    _responses(engine, 30)
    _content, body = _digest(engine)
    assert block_kit_problems(body) == [] and len(body["blocks"]) < 50
    assert "…and 22 more on the <" in json.dumps(body, ensure_ascii=False)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", png[16:24])


def test_the_chart_is_a_png_whose_rows_decode():
    png = agreement_png([(1, 87.0, 77.0, 93.0), (2, 40.0, 30.0, 51.0)])
    width, height = _png_size(png)
    idat = png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]
    assert len(zlib.decompress(idat)) == height * (1 + width * 3)


def test_a_chart_only_when_a_survey_moved_and_has_statements_to_show(engine):
    _responses(engine, 9)
    assert digest_chart(_digest(engine)[0]) is None  # nothing from fewer than 10 people
    _responses(engine, 3)
    chart = digest_chart(_digest(engine)[0])
    assert chart is not None and _png_size(chart.png)[0] == 640
    assert chart.title == "Agreement so far: Our draft priorities for a fairer city"
    assert "1. Priority 1" in chart.alt_text and "95% CI" in chart.alt_text


def test_an_area_digest_says_who_was_heard_there_and_which_target_areas_were_not(
    sample_url, tmp_path
):
    from engagement.areas.custom import load_custom_areas

    (tmp_path / "areas.yml").write_text(
        "areas:\n  - code: sampleton-mill-cross\n    name: Mill Cross <target> area\n"
        "    local_authority: E06999999\n    members: [E02900003]\n",
        encoding="utf-8",
    )
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        load_custom_areas(session, tmp_path / "areas.yml")
        create_action(
            session,
            reference="HF-01",
            title="Heathfield hub",
            areas=(("E02900001", "Heathfield & Priory Park"),),
            last_update_at=utc(2026, 11, 24, 9, 0),
        )
        create_action(
            session,
            reference="MC-01",
            title="Elsewhere",
            areas=(("E02900003", "Mill Cross"),),
            last_update_at=utc(2026, 11, 24, 9, 0),
        )
        survey, definition = create_example_survey(session)
        for _ in range(12):
            create_response(
                session, survey=survey, definition=definition, neighbourhood="Heathfield"
            )
        date_responses(session, survey.id, utc(2026, 11, 25, 12, 0))
    content, body = _digest(engine, "subscribe heathfield")
    engine.dispose()
    assert content.scope_kind == "area" and [a.reference for a in content.actions.new] == ["HF-01"]
    text = json.dumps(body, ensure_ascii=False)
    assert block_kit_problems(body) == []
    assert (
        "From Heathfield &amp; Priory Park: 12 respondents (" in text
        and "per 1,000 residents)" in text
    )
    assert ":warning: Under-heard target areas: Mill Cross &lt;target&gt; area" in text
    assert f"{BASE}/areas/E02900001|Heathfield &amp; Priory Park on the web>" in text
    assert f"{BASE}/officers/actions?area=E02900001" in text
