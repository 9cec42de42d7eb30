"""/survey [name]: a survey's protected summary, or the list of surveys, answered in the ack."""
from __future__ import annotations

from slack_bolt import Ack, App

from bot.config import Settings
from bot.blocks.surveys import survey_reply
from engagement.surveys.lookup import look_up_survey
from storage import session_scope
from storage.db import engine_for


def register(app: App, settings: Settings) -> None:
    """Register the /survey command on app; returns nothing."""
    engine = engine_for(settings.database_url)

    @app.command("/survey")
    def survey_command(ack: Ack, command: dict) -> None:
        """Answer `/survey <text>` with the summary, or the list of surveys to choose from."""
        with session_scope(engine) as session:
            lookup = look_up_survey(session, command.get("text") or "", scope=settings.local_authorities)
        ack(survey_reply(lookup, public_base_url=settings.public_base_url))
