"""`/ideas <area>`: the published ideas in an area's project bank, answered in the ack."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.blocks import ideas as idea_blocks
from bot.blocks.help import command_help, is_help
from bot.handlers import session_for, settings_of
from engagement.ideas.answer import ideas_for_query


def ideas_answer(context: BoltContext, text: str) -> dict:
    """Return the reply to `/ideas <text>`."""
    if is_help(text):
        return command_help("/ideas")
    if not text.strip():
        return idea_blocks.usage_message()
    settings = settings_of(context)
    with session_for(context) as session:
        answer = ideas_for_query(session, text, scope=settings.local_authorities)
    return idea_blocks.ideas_reply(answer, public_base_url=settings.public_base_url)


def ideas_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/ideas <area>` in the ack."""
    ack(ideas_answer(context, command.get("text") or ""))


def register(app: App) -> None:
    """Register /ideas on app; returns nothing."""
    app.command("/ideas")(ideas_command)
