"""/survey [name]: a survey's protected summary, or the list of surveys, answered in the ack."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.blocks.surveys import survey_reply
from bot.handlers import session_for, settings_of
from engagement.surveys.lookup import look_up_survey


def survey_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/survey <text>` with the summary, or the list of surveys to choose from."""
    settings = settings_of(context)
    with session_for(context) as session:
        lookup = look_up_survey(
            session, command.get("text") or "", scope=settings.local_authorities
        )
    ack(survey_reply(lookup, public_base_url=settings.public_base_url))


def register(app: App) -> None:
    """Register the /survey command on app; returns nothing."""
    app.command("/survey")(survey_command)
