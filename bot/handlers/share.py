"""The "Share in channel" button under /area, /survey and /actions replies.

A click rebuilds the reply with the same builder the command uses, for the person who clicked
(only they could see the private reply), and posts it for the whole channel through the
click's response URL, saying who shared it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext, Respond

from bot.blocks.share import (
    SHARE_ACTION_ID,
    has_share_button,
    is_slack_user_id,
    read_share_value,
    shared_message,
)
from bot.handlers.actions import actions_answer
from bot.handlers.area import area_answer
from bot.handlers.surveys import survey_answer

log = logging.getLogger(__name__)
CANNOT_SHARE = "Sorry, that reply could not be shared. Run the command again and share its answer."
NOTHING_TO_SHARE = "There is nothing to share any more: run the command again to see why."


ANSWERS: dict[str, Callable[..., dict]] = {
    "/area": area_answer,
    "/survey": survey_answer,
    "/actions": actions_answer,
}


def share_clicked(
    ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext
) -> None:
    """Post the reply the clicked button belongs to for the whole channel; tell the person who
    clicked, privately, when it cannot be shared."""
    ack()
    if not body.get("response_url"):
        return  # only command replies carry the button, and they always have a response URL
    parsed = read_share_value(action.get("value") or "")
    user_id = (body.get("user") or {}).get("id")
    if parsed is None or not is_slack_user_id(user_id):
        log.warning("Share button with an unreadable value or user: %r", action.get("value"))
        _tell_privately(respond, CANNOT_SHARE)
        return
    command, text = parsed
    reply = ANSWERS[command](context, text, user_id=user_id)
    if not has_share_button(reply):  # e.g. the survey or area is gone since the reply was sent
        _tell_privately(respond, NOTHING_TO_SHARE)
        return
    shared = shared_message(reply, user_id=user_id, command=f"{command} {text}")
    respond(
        text=shared["text"],
        blocks=shared["blocks"],
        response_type="in_channel",
        replace_original=False,
        delete_original=False,
    )


def register(app: App) -> None:
    """Register the Share in channel button on app; returns nothing."""
    app.action(SHARE_ACTION_ID)(share_clicked)


def _tell_privately(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)
