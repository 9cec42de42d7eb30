"""/actions through the real POST /slack/events, on Sampleton with a small action plan."""

from __future__ import annotations

import json
import re

from tests.action_fixtures import HOSTILE_TITLE, USER_ID, section_texts, update_buttons
from tests.block_kit import block_kit_problems
from tests.engagement.action_factories import create_action, days_from_today
from tests.slack_fixtures import PUBLIC_BASE_URL


def ask(slack, text: str, **options) -> dict:
    response = slack.command("/actions", text, **options)
    assert response.status_code == 200
    message = response.get_json()
    assert block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    return message


def references(message: dict) -> list[str]:
    return [json.loads(b["value"])["a"] for b in update_buttons(message)]


def test_an_areas_actions_are_listed_overdue_first_with_status_owner_due_and_last_update(
    slack, plan
):
    message = ask(slack, "heathfield")

    assert message["blocks"][0]["text"]["text"] == "Actions: Heathfield & Priory Park"
    assert message["blocks"][1]["elements"][0]["text"] == (
        "*2 actions*: :large_green_circle: 1 on track · :large_yellow_circle: 1 at risk"
        " · :warning: 1 overdue"
    )
    first, second = section_texts(message)
    assert first.splitlines()[1] == ":large_green_circle: *On track* · :warning: overdue by 10 days"
    assert f"Owner <@{USER_ID}>" in first and "Heathfield &amp; Priory Park" in first
    assert (
        "Last update <!date^" in first
        and "by the plan file: \u201cCreated from test-plan.csv.\u201d" in first
    )
    assert second.splitlines()[1] == ":large_yellow_circle: *At risk*"
    assert "(by the summer)" in second and "<@U0OTHER001>" in second
    assert references(message) == [plan["HP-01"], plan["HP-02"]]
    [web] = [
        e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"] if "url" in e
    ]
    assert web["url"] == f"{PUBLIC_BASE_URL}/officers/actions?area=E02900001"


def test_text_from_the_plan_cannot_ping_a_channel_or_make_a_link(slack, plan):
    message = ask(slack, "heathfield")
    raw = json.dumps(message, ensure_ascii=False)
    assert "<!channel>" not in raw and "<https://evil" not in raw
    assert (
        "Holiday hunger club &lt;!channel&gt; &amp; &lt;https://evil.example|friends&gt;"
        in section_texts(message)[0]
    )
    assert HOSTILE_TITLE not in raw


def test_mine_lists_the_callers_actions(slack, plan):
    message = ask(slack, "mine")
    assert message["blocks"][0]["text"]["text"] == "Your actions"
    assert references(message) == [plan["HP-01"], plan["BW-01"]]
    assert (
        ask(slack, "mine", user_id="U0NOBODY01")["blocks"][1]["text"]["text"]
        == "You do not own any actions."
    )


def test_overdue_lists_only_open_actions_past_their_due_date(slack, plan):
    message = ask(slack, "overdue")
    assert message["blocks"][0]["text"]["text"] == "Overdue actions"
    assert references(message) == [plan["HP-01"]]  # BW-01 is past due too, but complete


def test_a_theme_is_found_by_the_start_of_its_name(slack, plan):
    message = ask(slack, "theme food")
    assert message["blocks"][0]["text"]["text"] == "Actions: Food and fuel poverty"
    assert references(message) == [plan["HP-01"], plan["CA-01"]]
    assert all(
        "Food and fuel poverty" not in text for text in section_texts(message)
    )  # said once, in the heading


def test_an_unknown_theme_lists_the_plans_themes(slack, plan):
    message = ask(slack, "theme parks")
    assert message["text"] == "No theme matches \u201cparks\u201d."
    assert (
        "`Community power`, `Food and fuel poverty`, `Understanding our areas`"
        in section_texts(message)[0]
    )


def test_borough_lists_actions_for_no_particular_area(slack, plan):
    assert references(ask(slack, "borough")) == [plan["BW-01"]]


def test_no_text_explains_the_choices(slack, plan):
    message = ask(slack, "")
    assert (
        "`/actions mine`" in section_texts(message)[0]
        and "`/actions overdue`" in section_texts(message)[0]
    )


def test_an_ambiguous_area_offers_buttons_and_a_click_lists_that_areas_actions(
    slack, fake_slack, plan
):
    message = ask(slack, "mill cross")
    assert message["text"] == "Several areas match \u201cmill cross\u201d. Which one's actions?"
    buttons = message["blocks"][1]["elements"]
    assert [b["value"] for b in buttons] == ["E02900002", "E05900002"]

    response_url = fake_slack.new_response_url()
    assert (
        slack.click(
            buttons[1]["action_id"], value=buttons[1]["value"], response_url=response_url
        ).status_code
        == 200
    )
    [posted] = fake_slack.responses
    assert posted.params["replace_original"] is True
    assert block_kit_problems(posted.params) == []
    assert posted.params["blocks"][0]["text"]["text"] == "Actions: Mill Cross"
    assert posted.params["blocks"][1]["text"]["text"] == "No actions are planned in Mill Cross yet."


def test_an_unknown_area_says_so_with_near_misses(slack, plan):
    message = ask(slack, "zzz castle")
    assert message["text"] == "No area matches \u201czzz castle\u201d."
    assert [b["value"] for b in message["blocks"][1]["elements"]] == ["E05900003", "E02900003"]


def test_before_any_plan_is_imported_it_says_how_to_import_one(slack):
    message = ask(slack, "heathfield")
    assert message["text"] == "No action plan has been imported yet."
    assert "`fairer import-actions FILE.csv`" in section_texts(message)[0]


def test_a_long_list_stays_within_slacks_limits_and_points_to_the_web(slack, sample_url):
    from storage import session_scope
    from storage.db import engine_for

    with session_scope(engine_for(sample_url)) as session:
        for i in range(27):
            create_action(
                session,
                reference=f"X-{i:02d}",
                title="x" * 290,
                owner_id=USER_ID,
                due=days_from_today(i - 5),
                description="y" * 2000,
            )
    message = ask(slack, "mine")
    assert len(update_buttons(message)) == 20
    assert "Showing 20 of 27, overdue first" in json.dumps(message)


def test_area_shows_the_counts_by_status_with_a_button_listing_them(slack, fake_slack, plan):
    response = slack.command("/area", "heathfield")
    message = response.get_json()
    assert block_kit_problems(message) == []
    [counts] = [t for t in section_texts(message) if t.startswith("*Action plan:*")]
    assert counts == (
        "*Action plan:* *2 actions*: :large_green_circle: 1 on track"
        " · :large_yellow_circle: 1 at risk"
        " · :warning: 1 overdue"
    )
    [buttons] = [b["elements"] for b in message["blocks"] if b["type"] == "actions"]
    labels = [b["text"]["text"] for b in buttons]
    assert labels == ["More figures", "Open on the web", "List 2 actions", "Share in channel"]

    listing = buttons[labels.index("List 2 actions")]
    response_url = fake_slack.new_response_url()
    slack.click(listing["action_id"], value=listing["value"], response_url=response_url)
    [posted] = fake_slack.responses
    assert (
        posted.params["replace_original"] is False and posted.params["response_type"] == "ephemeral"
    )
    assert posted.params["blocks"][0]["text"]["text"] == "Actions: Heathfield & Priory Park"
    assert len(update_buttons(posted.params)) == 2


def test_area_without_actions_is_unchanged(slack, plan):
    message = slack.command("/area", "mill cross").get_json()  # a choice, not a profile
    assert "Action plan" not in json.dumps(message)
    profile = slack.command("/area", "E02900002").get_json()
    assert not any(t.startswith("*Action plan:*") for t in section_texts(profile))


def test_fairer_slash_shows_dates_as_a_terminal_can(slack, plan):
    from bot.cli.slash import render_reply_text

    shown = render_reply_text(ask(slack, "mine"))
    assert "<!date" not in shown
    assert re.search(r"Last update \d{1,2} [A-Z][a-z]{2} \d{4} by the plan file", shown)
