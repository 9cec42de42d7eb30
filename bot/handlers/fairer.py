"""/fairer help | login: what the bot does, and a one-time sign-in link for the officer pages."""

from __future__ import annotations

from urllib.parse import quote

from slack_bolt import Ack, App, BoltContext

from bot.blocks import fairer as fairer_blocks
from bot.handlers import session_for, settings_of
from engagement.officers.sign_in import issue_sign_in_link

LOGIN_WORDS = {"login", "log-in", "signin", "sign-in"}
HELP_WORDS = {"", "help", "?"}


def fairer_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/fairer login` with a private sign-in link, and anything else with help."""
    words = (command.get("text") or "").split()
    subcommand = words[0].lower() if words else ""
    if subcommand not in LOGIN_WORDS:
        ack(fairer_blocks.help_message(unknown=None if subcommand in HELP_WORDS else words[0]))
        return
    settings = settings_of(context)
    with session_for(context) as session:
        link = issue_sign_in_link(
            session,
            secret_key=settings.secret_key,
            slack_user_id=command["user_id"],
            slack_team_id=command.get("team_id") or "",
        )
    url = f"{settings.public_base_url}/officers/sign-in/{quote(link.token, safe='')}"
    ack(fairer_blocks.sign_in_message(url, link.expires_at, timezone=settings.timezone))


def sign_in_clicked(ack: Ack) -> None:
    """Acknowledge a click on the sign-in button (the browser opens the link itself)."""
    # Slack still sends a link button's click to the app and shows a warning unless it is acked.
    ack()


def register(app: App) -> None:
    """Register the /fairer command and its sign-in button on app; returns nothing."""
    app.command("/fairer")(fairer_command)
    app.action(fairer_blocks.SIGN_IN_ACTION_ID)(sign_in_clicked)
