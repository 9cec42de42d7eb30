"""Block Kit replies to /fairer: help, and the private sign-in link for the officer web pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.blocks.help import command_help
from bot.blocks.kit import actions, button, context, message, section
from engagement import figures

SIGN_IN_ACTION_ID = "fairer_sign_in"


def help_message(unknown: str | None = None) -> dict:
    """Return the /fairer help reply: what Fairer Places does and every command; names an unknown
    subcommand first when one was typed."""
    return command_help("/fairer", unknown)


def sign_in_message(url: str, expires_at: datetime, *, timezone: str) -> dict:
    """Return the private /fairer login reply: a button opening url, and when the link stops
    working."""
    until = figures.clock_time(expires_at.astimezone(ZoneInfo(timezone)))
    # The address stays out of `text`, which notifications and previews show.
    text = "Your sign-in link for the Fairer Places officer pages."
    blocks = [
        section(
            f"{text} It works once, for 10 minutes (until {until}). "
            "Do not share it: it signs in as you."
        ),
        actions(button("Sign in to Fairer Places", SIGN_IN_ACTION_ID, url=url)),
        context("If the link has stopped working, type `/fairer login` again for a new one."),
    ]
    return message(text, blocks)
