"""/survey [name]: a survey's protected summary, or the list of surveys, answered in the ack."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.blocks.help import command_help, is_help
from bot.blocks.share import with_share_button
from bot.blocks.surveys import RESULTS_ACTION_ID, survey_reply
from bot.handlers import session_for, settings_of
from engagement.surveys.lookup import look_up_survey


def survey_answer(context: BoltContext, text: str, *, user_id: str) -> dict:
    """Return the reply to `/survey <text>`: a summary or the list of surveys, each with a Share
    in channel button, or that there is none. user_id is unused: every officer sees the
    same summaries."""
    if is_help(text):
        return command_help("/survey")
    settings = settings_of(context)
    with session_for(context) as session:
        lookup = look_up_survey(session, text, scope=settings.local_authorities)
    reply = survey_reply(lookup, public_base_url=settings.public_base_url)
    if lookup.status == "found" or (lookup.status == "list" and lookup.surveys):
        return with_share_button(reply, command="/survey", text=text)
    return reply


def survey_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/survey <text>` with the summary, or the list of surveys to choose from."""
    ack(survey_answer(context, command.get("text") or "", user_id=command.get("user_id") or ""))


def link_clicked(ack: Ack) -> None:
    """Acknowledge a click on the officer results link (the browser opens the page)."""
    ack()


def register(app: App) -> None:
    """Register the /survey command and its link button on app; returns nothing."""
    app.command("/survey")(survey_command)
    app.action(RESULTS_ACTION_ID)(link_clicked)
