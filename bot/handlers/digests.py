"""/digest subscribe | list | unsubscribe: a channel's weekly digests, answered in the ack."""
from __future__ import annotations

from slack_bolt import Ack, App

from bot.config import Settings
from bot.blocks.digest_command import digest_reply
from engagement.digests.subscriptions import digest_command
from storage import session_scope
from storage.db import engine_for


def register(app: App, settings: Settings) -> None:
    """Register the /digest command on app; returns nothing."""
    engine = engine_for(settings.database_url)

    @app.command("/digest")
    def digest_listener(ack: Ack, command: dict) -> None:
        """Subscribe this channel to a weekly digest, list its digests, or unsubscribe it."""
        with session_scope(engine) as session:
            answer = digest_command(session, command.get("text") or "", channel_id=command.get("channel_id") or "",
                                    user_id=command.get("user_id") or "", timezone=settings.timezone,
                                    scope=settings.local_authorities)
        ack(digest_reply(answer))
