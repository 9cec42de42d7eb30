"""The Share in channel button and the channel copy of a reply, as pure Block Kit."""

from __future__ import annotations

import json

import pytest

from bot.blocks.share import (
    SHARE_ACTION_ID,
    has_share_button,
    read_share_value,
    shared_message,
    with_share_button,
)
from tests.block_kit import block_kit_problems

USER = "U0TEST0001"


def _reply(*blocks: dict) -> dict:
    return {"response_type": "ephemeral", "text": "Heathfield: 3 actions", "blocks": list(blocks)}


def _section(text: str, accessory: dict | None = None) -> dict:
    block = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if accessory:
        block["accessory"] = accessory
    return block


def _button(action_id: str, **extra) -> dict:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": action_id},
        "action_id": action_id,
        **extra,
    }


def _header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def _buttons(message: dict) -> list[dict]:
    found = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return found + [b["accessory"] for b in message["blocks"] if "accessory" in b]


def test_the_button_joins_the_first_actions_block_and_carries_the_command():
    web = _button("area_open_web", url="https://fairer.example.org/areas/E02900001")
    reply = _reply(_section("Profile"), {"type": "actions", "elements": [web]})
    shared = with_share_button(reply, command="/area", text="heathfield")
    assert block_kit_problems(shared) == []
    [actions] = [b for b in shared["blocks"] if b["type"] == "actions"]
    assert [e["text"]["text"] for e in actions["elements"]] == ["area_open_web", "Share in channel"]
    assert json.loads(actions["elements"][1]["value"]) == {"c": "/area", "t": "heathfield"}
    assert reply["blocks"][1]["elements"] == [web]  # the reply given is not changed


def test_without_an_actions_block_the_button_gets_its_own_at_the_end():
    shared = with_share_button(_reply(_section("Summary")), command="/survey", text="draft")
    assert shared["blocks"][-1]["type"] == "actions"
    assert shared["blocks"][-1]["elements"][0]["action_id"] == SHARE_ACTION_ID
    assert has_share_button(shared)


def test_a_full_actions_block_sends_the_button_to_a_new_block():
    full = {"type": "actions", "elements": [_button(f"b{i}") for i in range(25)]}
    shared = with_share_button(_reply(full), command="/area", text="x")
    assert len(shared["blocks"]) == 2 and len(shared["blocks"][0]["elements"]) == 25
    assert block_kit_problems(shared) == []


def test_no_room_for_another_block_means_no_button():
    reply = _reply(*[_section(f"line {i}") for i in range(49)])
    assert with_share_button(reply, command="/survey", text="") == reply


def test_text_too_long_for_a_button_value_means_no_button():
    assert not has_share_button(
        with_share_button(_reply(_section("x")), command="/area", text="a" * 1990)
    )
    fits = with_share_button(_reply(_section("x")), command="/area", text="a" * 1980)
    assert len(_buttons(fits)[0]["value"]) == 2000  # {"c":"/area","t":""} is 20 characters


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not json",
        "[1, 2]",
        '{"c": "/fairer", "t": "login"}',
        '{"c": "/area"}',
        '{"c": "/area", "t": 5}',
    ],
)
def test_values_that_are_not_ours_are_refused(value):
    assert read_share_value(value) is None


def test_a_value_reads_back_as_its_command_and_text():
    [button] = _buttons(with_share_button(_reply(_section("x")), command="/actions", text="mine"))
    assert read_share_value(button["value"]) == ("/actions", "mine")


def test_the_channel_copy_says_who_shared_it_under_the_heading_and_keeps_the_figures():
    web = _button("actions_open_web", url="https://fairer.example.org/officers/actions")
    reply = with_share_button(
        _reply(
            _header("Your actions"),
            _section("*HP-01 · Holiday club*\n40% done", _button("action_update_7", value="{}")),
            {"type": "actions", "elements": [web]},
        ),
        command="/actions",
        text="mine",
    )
    shared = shared_message(reply, user_id=USER, command="/actions mine")
    assert block_kit_problems(shared) == []
    assert shared["response_type"] == "in_channel"
    assert shared["text"] == "Heathfield: 3 actions"
    assert shared["blocks"][0] == _header("Your actions")
    assert shared["blocks"][1]["elements"][0]["text"] == "Shared by <@U0TEST0001> · `/actions mine`"
    assert shared["blocks"][2]["text"]["text"] == "*HP-01 · Holiday club*\n40% done"
    assert _buttons(shared) == [web]  # no Share, no Update; the web link stays


def test_choice_and_more_figures_buttons_are_private_and_empty_actions_blocks_go():
    reply = _reply(
        _section("Several areas match"),
        {"type": "actions", "elements": [_button("area_choose_0"), _button("actions_area_1")]},
        {"type": "actions", "elements": [_button("area_more_figures"), _button(SHARE_ACTION_ID)]},
    )
    shared = shared_message(reply, user_id="W0ENTERPRISE1")
    assert [b["type"] for b in shared["blocks"]] == ["context", "section"]
    assert shared["blocks"][0]["elements"][0]["text"] == "Shared by <@W0ENTERPRISE1>"


@pytest.mark.parametrize("user_id", ["", "u0lower", "U0TEST0001> <!channel", "<@U0TEST0001>", None])
def test_only_a_slack_user_id_can_be_named(user_id):
    with pytest.raises(ValueError):
        shared_message(_reply(_section("x")), user_id=user_id)


def test_what_was_typed_is_shown_escaped_and_cannot_break_out_of_its_code_span():
    shared = shared_message(_reply(_section("x")), user_id=USER, command="/area `<!channel>` & co")
    assert shared["blocks"][0]["elements"][0]["text"] == (
        "Shared by <@U0TEST0001> · `/area &lt;!channel&gt; &amp; co`"
    )


def test_a_full_message_credits_the_sharer_in_an_existing_context_line():
    blocks = [_section(f"line {i}") for i in range(48)] + [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Source: IoD2019"}]}
    ]
    shared = shared_message(_reply(*blocks), user_id=USER)
    assert len(shared["blocks"]) == 49 and block_kit_problems(shared) == []
    assert [e["text"] for e in shared["blocks"][-1]["elements"]] == [
        "Shared by <@U0TEST0001>",
        "Source: IoD2019",
    ]
