"""/area <name or code>: an area's deprivation profile, action plan counts, outcome indicators and
what residents there said, answered inside the ack."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond

from bot.blocks import area as blocks
from bot.blocks.area_report import area_report_reply
from bot.blocks.help import command_help, is_help
from bot.blocks.share import with_share_button
from bot.handlers import session_for, settings_of
from engagement.area_report import area_report, area_report_for_code
from engagement.areas.edition_profiles import area_profile_in
from engagement.areas.editions import split_edition_word

CHOOSE_ACTION = re.compile(rf"^{blocks.CHOOSE_ACTION_PREFIX}\d+$")


def area_answer(context: BoltContext, text: str, *, user_id: str = "") -> dict:
    """Return the reply to `/area <text>`: with a Share in channel button when it is one area's
    profile. user_id is unused: every officer sees the same profiles."""
    if is_help(text):
        return command_help("/area")
    settings = settings_of(context)
    with session_for(context) as session:
        report = area_report(
            session, text, scope=settings.local_authorities, timezone=settings.timezone
        )
    reply = area_report_reply(
        report, public_base_url=settings.public_base_url, has_map=report.has_map
    )
    if report.profile is None:
        return reply
    return with_share_button(reply, command="/area", text=text)


def area_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/area <text>` in the ack: a profile, a choice, near misses or how to use it."""
    ack(area_answer(context, command.get("text") or ""))


def area_chosen(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Replace the choice message with the profile of the area whose button was clicked, in the
    edition the button carries (the latest when it carries none)."""
    ack()
    settings = settings_of(context)
    code, year = split_edition_word(action.get("value") or "")
    with session_for(context) as session:
        report = area_report_for_code(session, code, timezone=settings.timezone, edition=year)
    if report.profile is None:
        reply = blocks.chosen_area_reply(code, None, public_base_url=settings.public_base_url)
    else:
        reply = area_report_reply(
            report, public_base_url=settings.public_base_url, has_map=report.has_map
        )
    respond(text=reply["text"], blocks=reply["blocks"], replace_original=True)


def more_figures(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Show the clicker, privately and below the reply, every figure of the area whose "More
    figures" button was clicked, looked up afresh by its code."""
    ack()
    code, year = split_edition_word(action.get("value") or "")
    with session_for(context) as session:
        profile = area_profile_in(session, code, year)
    reply = (
        blocks.full_breakdown_message(profile)
        if profile is not None
        else blocks.area_gone_message(code)
    )
    respond(
        text=reply["text"],
        blocks=reply["blocks"],
        response_type="ephemeral",
        replace_original=False,
    )


def open_on_web(ack: Ack) -> None:
    """Acknowledge a click on the web link (the browser opens it; nothing else to do)."""
    # Slack still sends a link button's click to the app, and shows a warning unless it is acked.
    ack()


def register(app: App) -> None:
    """Register the /area command and its buttons on app; returns nothing."""
    app.command("/area")(area_command)
    app.action(CHOOSE_ACTION)(area_chosen)
    app.action(blocks.MORE_FIGURES_ACTION_ID)(more_figures)
    app.action(blocks.OPEN_WEB_ACTION_ID)(open_on_web)
