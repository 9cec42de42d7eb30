"""Block Kit for the App Home's "Find an area" modal: a search box, and below it the area's
profile or the matches to choose from, made from the same blocks as `/area`'s reply.

A modal cannot show a table block, and its buttons have no message to answer, so the reply's
tables become text, link buttons stay, a choice of areas gets buttons that update the modal, and
the buttons that answer in a conversation (More figures, List actions, Share) are left out.
"""

from __future__ import annotations

import json

from bot.blocks.area import CHOOSE_ACTION_PREFIX
from bot.blocks.area_glance import table_lines
from bot.blocks.kit import context, section, truncate
from bot.blocks.mrkdwn import escape_mrkdwn

CALLBACK_ID = "home_area_search"
QUERY_BLOCK = "area_query"
QUERY_ACTION = "query"
PICK_ACTION_PREFIX = "home_area_pick_"
MODAL_BLOCK_LIMIT = 100
TITLE = "Find an area"


def _plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": truncate(text, limit)}


def _modal_blocks(reply_blocks: list[dict]) -> list[dict]:
    blocks = []
    for block in reply_blocks:
        if block.get("type") == "table":
            lines = escape_mrkdwn("\n".join(table_lines(block)).replace("`", "'"))
            blocks.append(section(f"```{lines}```"))
        elif block.get("type") == "actions":
            elements = [_modal_element(e) for e in block.get("elements") or []]
            elements = [e for e in elements if e is not None]
            if elements:
                blocks.append({**block, "elements": elements})
        else:
            blocks.append(block)
    return blocks


def _modal_element(element: dict) -> dict | None:
    action_id = element.get("action_id") or ""
    if element.get("url"):
        return element
    if action_id.startswith(CHOOSE_ACTION_PREFIX):
        index = action_id.removeprefix(CHOOSE_ACTION_PREFIX)
        return {**element, "action_id": f"{PICK_ACTION_PREFIX}{index}"}
    return None


def area_search_modal(query: str = "", reply: dict | None = None) -> dict:
    """Return the Find an area modal: the search box (holding query), and below it the blocks of
    an /area reply made fit for a modal (at most 100 blocks in all)."""
    field = {"type": "plain_text_input", "action_id": QUERY_ACTION, "min_length": 1}
    field["placeholder"] = _plain("A neighbourhood, ward or council area, or its code", 150)
    if query:
        field["initial_value"] = truncate(query, 150)
    blocks = [
        {
            "type": "input",
            "block_id": QUERY_BLOCK,
            "label": _plain("Area name or code", 2000),
            "element": field,
        }
    ]
    if reply is None:
        blocks.append(context("For example `Heartsease`, a ward's name, or `E01026620`."))
    else:
        found = _modal_blocks(reply.get("blocks") or [])
        room = MODAL_BLOCK_LIMIT - len(blocks)
        blocks += found[:room]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(TITLE, 24),
        "submit": _plain("Search", 24),
        "close": _plain("Close", 24),
        "private_metadata": json.dumps({"q": truncate(query, 150)}),
        "blocks": blocks,
    }


def read_query(view: dict) -> str:
    """Return what was typed in the search box of a submitted Find an area modal."""
    values = (view.get("state") or {}).get("values") or {}
    return str(((values.get(QUERY_BLOCK) or {}).get(QUERY_ACTION) or {}).get("value") or "")


def sign_in_modal(reply: dict) -> dict:
    """Return a modal holding the private sign-in message (its link button and how long it
    works), for the App Home's Sign in button."""
    return {
        "type": "modal",
        "title": _plain("Sign in", 24),
        "close": _plain("Close", 24),
        "blocks": reply["blocks"],
    }
