"""The "Share in channel" button on command replies, and the channel copy it posts.

Slash-command replies are private (ephemeral). The button carries the command and its text, so
the click can rebuild the same reply with fresh figures; shared_message() turns that reply into
the message everyone in the channel sees, saying who shared it.
"""

from __future__ import annotations

import copy
import json
import re

from bot.blocks.actions import CHOOSE_AREA_PREFIX, UPDATE_ACTION_PREFIX
from bot.blocks.area import CHOOSE_ACTION_PREFIX
from bot.blocks.kit import CONTEXT_ELEMENTS_LIMIT, button, context, truncate
from bot.blocks.mrkdwn import escape_mrkdwn

SHARE_ACTION_ID = "share_in_channel"
SHARE_LABEL = "Share in channel"
SHARE_COMMANDS = ("/area", "/survey", "/actions")
# Slack's limits: a button's value, the elements of an actions block, the blocks of a message.
# Our block checker (tests/block_kit.py) holds messages to fewer than 50 blocks.
VALUE_LIMIT = 2000
ACTIONS_ELEMENTS_LIMIT = 25
MAX_BLOCKS = 49
COMMAND_SHOWN_LIMIT = 200
# Buttons that act on the asker's own copy: in a channel they would replace the shared message
# for everyone (choices), open a form for the list the asker saw (Update), or repeat the share.
PRIVATE_ACTION_IDS = frozenset({SHARE_ACTION_ID, "area_more_figures"})
PRIVATE_ACTION_PREFIXES = (CHOOSE_ACTION_PREFIX, CHOOSE_AREA_PREFIX, UPDATE_ACTION_PREFIX)
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


def share_value(command: str, text: str) -> str:
    """Return the value a Share button carries: compact JSON {"c": command, "t": text}."""
    return json.dumps({"c": command, "t": text}, separators=(",", ":"), ensure_ascii=False)


def read_share_value(value: str) -> tuple[str, str] | None:
    """Return (command, text) from a Share button's value, or None when it is not one of ours."""
    try:
        data = json.loads(value or "")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    command, text = data.get("c"), data.get("t")
    if command not in SHARE_COMMANDS or not isinstance(text, str):
        return None
    return command, text


def is_slack_user_id(user_id: object) -> bool:
    """Return True when user_id has the shape of a Slack user ID (U… or W…, capitals and
    digits), so it can be put in a <@…> mention."""
    return isinstance(user_id, str) and SLACK_USER_ID.fullmatch(user_id) is not None


def with_share_button(reply: dict, *, command: str, text: str) -> dict:
    """Return reply with a "Share in channel" button in its first actions block (or a new
    actions block at the end); reply itself unchanged when the button's value would be too long
    or Slack's limits leave no room."""
    value = share_value(command, text)
    if len(value) > VALUE_LIMIT:
        return reply
    share = button(SHARE_LABEL, SHARE_ACTION_ID, value=value)
    blocks = list(reply.get("blocks") or [])
    at = next((i for i, b in enumerate(blocks) if b.get("type") == "actions"), None)
    if at is not None and len(blocks[at].get("elements") or []) < ACTIONS_ELEMENTS_LIMIT:
        blocks[at] = {**blocks[at], "elements": [*blocks[at]["elements"], share]}
    elif len(blocks) < MAX_BLOCKS:
        blocks.append({"type": "actions", "elements": [share]})
    else:
        return reply
    return {**reply, "blocks": blocks}


def has_share_button(reply: dict) -> bool:
    """Return True when reply carries a Share in channel button."""
    return any(
        e.get("action_id") == SHARE_ACTION_ID
        for b in reply.get("blocks") or []
        if b.get("type") == "actions"
        for e in b.get("elements") or []
    )


def shared_message(reply: dict, *, user_id: str, command: str = "") -> dict:
    """Return reply as the message posted for the whole channel: response_type "in_channel",
    without the Share button or buttons that only make sense privately, and with a context line
    "Shared by <@user_id>" (followed by the command, when given) after any heading.

    Raises ValueError when user_id is not a Slack user ID.
    """
    if not is_slack_user_id(user_id):
        raise ValueError("not a Slack user ID")
    blocks = [b for b in (_public_block(b) for b in reply.get("blocks") or []) if b is not None]
    credit = f"Shared by <@{user_id}>"
    if command.strip():
        shown = truncate(" ".join(command.replace("`", "").split()), COMMAND_SHOWN_LIMIT)
        credit += f" · `{escape_mrkdwn(shown)}`"
    return {
        "response_type": "in_channel",
        "text": reply.get("text") or "",
        "blocks": _with_credit(blocks, credit),
    }


def _is_private(element: dict) -> bool:
    action_id = element.get("action_id") or ""
    return action_id in PRIVATE_ACTION_IDS or action_id.startswith(PRIVATE_ACTION_PREFIXES)


def _public_block(block: dict) -> dict | None:
    block = copy.deepcopy(block)
    if block.get("type") == "actions":
        block["elements"] = [e for e in block.get("elements") or [] if not _is_private(e)]
        return block if block["elements"] else None
    if isinstance(block.get("accessory"), dict) and _is_private(block["accessory"]):
        del block["accessory"]
    return block


def _with_credit(blocks: list[dict], credit: str) -> list[dict]:
    at = 1 if blocks and blocks[0].get("type") == "header" else 0
    if len(blocks) < MAX_BLOCKS:
        return [*blocks[:at], context(credit), *blocks[at:]]
    # A full message: the credit joins an existing context line rather than pushing a block out.
    for i, block in enumerate(blocks):
        elements = block.get("elements") or []
        if block.get("type") == "context" and len(elements) < CONTEXT_ELEMENTS_LIMIT:
            credited = {**block, "elements": [{"type": "mrkdwn", "text": credit}, *elements]}
            return [*blocks[:i], credited, *blocks[i + 1 :]]
    return [*blocks[:at], context(credit), *blocks[at : MAX_BLOCKS - 1]]
