"""/digest subscribe | list | unsubscribe: a channel's weekly digests, answered in the ack."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.blocks.digest_command import digest_reply
from bot.handlers import session_for, settings_of
from engagement.digests.subscriptions import digest_command


def digest_listener(ack: Ack, command: dict, context: BoltContext) -> None:
    """Subscribe this channel to a weekly digest, list its digests, or unsubscribe it."""
    settings = settings_of(context)
    with session_for(context) as session:
        answer = digest_command(
            session,
            command.get("text") or "",
            channel_id=command.get("channel_id") or "",
            user_id=command.get("user_id") or "",
            timezone=settings.timezone,
            scope=settings.local_authorities,
        )
    ack(digest_reply(answer))


def register(app: App) -> None:
    """Register the /digest command on app; returns nothing."""
    app.command("/digest")(digest_listener)
