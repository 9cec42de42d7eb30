"""Block Kit replies to /fairer: help, and the private sign-in link for the officer web pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.blocks.kit import actions, button, context, header, message, section
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement import figures

SIGN_IN_ACTION_ID = "fairer_sign_in"
COMMANDS = (
    (
        "/area heartsease",
        "the deprivation profile of a neighbourhood, ward or council area, by name or code",
    ),
    (
        "/actions [area | mine | overdue]",
        "the actions planned for an area, yours, or those overdue",
    ),
    ("/survey [name]", "what residents have said in a survey so far"),
    ("/digest subscribe | list | unsubscribe", "a weekly progress digest in this channel"),
    ("/fairer login", "a private link that signs you in to the officer web pages"),
    ("/fairer help", "this message"),
)


def help_message(unknown: str | None = None) -> dict:
    """Return the /fairer help reply: what Fairer Places does and its commands; names an unknown
    subcommand first when one was typed."""
    text = "Fairer Places helps the council work on inequality in its most deprived neighbourhoods."
    blocks = []
    if unknown:
        blocks.append(
            section(f"Sorry, I do not know {plain_quote(unknown)}. Here is what I can do.")
        )
    blocks += [
        header("Fairer Places"),
        section(
            f"{text} It shows deprivation profiles, follows the actions planned in each area, "
            "and summarises what residents said in surveys, including who has not been heard yet."
        ),
        section(
            "*Commands*\n"
            + "\n".join(
                f"`{escape_mrkdwn(usage)}`: {escape_mrkdwn(does)}" for usage, does in COMMANDS
            )
        ),
        context(
            "Replies to these commands are only visible to you unless a command says otherwise."
        ),
    ]
    return message(text, blocks)


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
