"""/area <name or code>: an area's deprivation profile, action plan counts, outcome indicators and
what residents there said, answered inside the ack."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond

from bot.blocks import area as blocks
from bot.blocks.area_report import area_report_reply
from bot.handlers import session_for, settings_of
from engagement.area_report import area_report, area_report_for_code

CHOOSE_ACTION = re.compile(rf"^{blocks.CHOOSE_ACTION_PREFIX}\d+$")


def area_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/area <text>` in the ack: a profile, a choice, near misses or how to use it."""
    settings = settings_of(context)
    with session_for(context) as session:
        report = area_report(
            session,
            command.get("text") or "",
            scope=settings.local_authorities,
            timezone=settings.timezone,
        )
    ack(area_report_reply(report, public_base_url=settings.public_base_url))


def area_chosen(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Replace the choice message with the profile of the area whose button was clicked."""
    ack()
    settings = settings_of(context)
    code = action.get("value") or ""
    with session_for(context) as session:
        report = area_report_for_code(session, code, timezone=settings.timezone)
    if report.profile is None:
        reply = blocks.chosen_area_reply(code, None, public_base_url=settings.public_base_url)
    else:
        reply = area_report_reply(report, public_base_url=settings.public_base_url)
    respond(text=reply["text"], blocks=reply["blocks"], replace_original=True)


def open_on_web(ack: Ack) -> None:
    """Acknowledge a click on the web link (the browser opens it; nothing else to do)."""
    # Slack still sends a link button's click to the app, and shows a warning unless it is acked.
    ack()


def register(app: App) -> None:
    """Register the /area command and its buttons on app; returns nothing."""
    app.command("/area")(area_command)
    app.action(CHOOSE_ACTION)(area_chosen)
    app.action(blocks.OPEN_WEB_ACTION_ID)(open_on_web)
