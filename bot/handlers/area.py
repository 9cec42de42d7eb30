"""/area <name or code>: an area's deprivation profile, with its action plan's counts, answered inside the ack."""
from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond

from bot import action_blocks, blocks
from bot.config import Settings
from engagement.area_actions import area_with_actions, chosen_area_with_actions
from storage import session_scope
from storage.db import engine_for

CHOOSE_ACTION = re.compile(rf"^{blocks.CHOOSE_ACTION_PREFIX}\d+$")


def register(app: App, settings: Settings) -> None:
    """Register the /area command and its buttons on app; returns nothing."""
    engine = engine_for(settings.database_url)

    @app.command("/area")
    def area_command(ack: Ack, command: dict) -> None:
        """Answer `/area <text>` in the ack: a profile, a choice, near misses or how to use it."""
        with session_scope(engine) as session:
            found = area_with_actions(session, command.get("text") or "", scope=settings.local_authorities,
                                      timezone=settings.timezone)
        reply = blocks.area_reply(found.lookup, public_base_url=settings.public_base_url)
        ack(action_blocks.with_action_counts(reply, found.counts))

    @app.action(CHOOSE_ACTION)
    def area_chosen(ack: Ack, action: dict, respond: Respond) -> None:
        """Replace the choice message with the profile of the area whose button was clicked."""
        ack()
        code = action.get("value") or ""
        with session_scope(engine) as session:
            chosen = chosen_area_with_actions(session, code, timezone=settings.timezone)
        reply = blocks.chosen_area_reply(code, chosen.profile, public_base_url=settings.public_base_url)
        reply = action_blocks.with_action_counts(reply, chosen.counts)
        respond(text=reply["text"], blocks=reply["blocks"], replace_original=True)

    @app.action(blocks.OPEN_WEB_ACTION_ID)
    def open_on_web(ack: Ack) -> None:
        """Acknowledge a click on the web link (the browser opens it; nothing else to do)."""
        # Slack still sends a link button's click to the app, and shows a warning unless it is acked.
        ack()
