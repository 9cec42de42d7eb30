"""/digest subscribe | list | unsubscribe: a channel's weekly digests, answered in the ack.

Setting up a digest also posts a note in the channel, so everyone there knows who set up which
digest and when it comes; the person is told privately when the note could not be posted.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.blocks.digest_command import channel_note, digest_reply, note_not_posted
from bot.handlers import session_for, settings_of
from bot.slack_client import SLACK_FAILURES, classify
from engagement.digests.subscriptions import digest_command

log = logging.getLogger(__name__)


def digest_listener(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    """Subscribe this channel to a weekly digest, list its digests, or unsubscribe it."""
    settings = settings_of(context)
    channel_id = command.get("channel_id") or ""
    user_id = command.get("user_id") or ""
    with session_for(context) as session:
        answer = digest_command(
            session,
            command.get("text") or "",
            channel_id=channel_id,
            user_id=user_id,
            timezone=settings.timezone,
            scope=settings.local_authorities,
        )
    reply = digest_reply(answer)
    if answer.status in ("subscribed", "updated") and answer.subscription is not None:
        note = channel_note(
            answer.subscription, user_id=user_id, updated=answer.status == "updated"
        )
        try:
            client.chat_postMessage(channel=channel_id, text=note["text"], blocks=note["blocks"])
        except SLACK_FAILURES as err:
            failure = classify(err)
            log.warning("Could not post the digest note in %s: %s", channel_id, failure.detail)
            reply = note_not_posted(reply, failure.error or "unreachable")
    ack(reply)


def register(app: App) -> None:
    """Register the /digest command on app; returns nothing."""
    app.command("/digest")(digest_listener)
