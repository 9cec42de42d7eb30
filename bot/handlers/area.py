"""/area <name or code>: an area's deprivation profile, action plan counts, outcome indicators and
what residents there said, answered inside the ack."""
from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond

from bot.blocks import area as blocks
from bot.blocks.area_report import area_report_reply
from bot.config import Settings
from engagement.areas.report import area_report, area_report_for_code
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
            report = area_report(session, command.get("text") or "", scope=settings.local_authorities,
                                 timezone=settings.timezone)
        ack(area_report_reply(report, public_base_url=settings.public_base_url))

    @app.action(CHOOSE_ACTION)
    def area_chosen(ack: Ack, action: dict, respond: Respond) -> None:
        """Replace the choice message with the profile of the area whose button was clicked."""
        ack()
        code = action.get("value") or ""
        with session_scope(engine) as session:
            report = area_report_for_code(session, code, timezone=settings.timezone)
        if report.profile is None:
            reply = blocks.chosen_area_reply(code, None, public_base_url=settings.public_base_url)
        else:
            reply = area_report_reply(report, public_base_url=settings.public_base_url)
        respond(text=reply["text"], blocks=reply["blocks"], replace_original=True)

    @app.action(blocks.OPEN_WEB_ACTION_ID)
    def open_on_web(ack: Ack) -> None:
        """Acknowledge a click on the web link (the browser opens it; nothing else to do)."""
        # Slack still sends a link button's click to the app, and shows a warning unless it is acked.
        ack()
