"""/fairer help | login: what the bot does, and a one-time sign-in link for the officer pages."""

from __future__ import annotations

from urllib.parse import quote

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.blocks import fairer as fairer_blocks
from bot.blocks.help import HELP_WORDS
from bot.handlers import session_for, settings_of
from bot.slack_users import display_name
from engagement.officers.names import remember_names
from engagement.officers.sign_in import issue_sign_in_link

LOGIN_WORDS = {"login", "log-in", "signin", "sign-in"}


def fairer_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    """Answer `/fairer login` with a private sign-in link, and anything else with help."""
    words = (command.get("text") or "").split()
    subcommand = words[0].lower() if words else ""
    if subcommand not in LOGIN_WORDS:
        unknown = None if not subcommand or subcommand in HELP_WORDS else words[0]
        ack(fairer_blocks.help_message(unknown=unknown))
        return
    ack(sign_in_reply(context, command["user_id"], command.get("team_id") or "", client))


def sign_in_reply(
    context: BoltContext, user_id: str, team_id: str, client: WebClient | None = None
) -> dict:
    """Return the private sign-in message for user_id of workspace team_id: a one-time link to
    the officer pages (the sign-in page checks the workspace is this app's). With client, the
    person's name is learnt from Slack, so the pages greet them by it."""
    settings = settings_of(context)
    name = display_name(client, user_id) if client is not None else user_id
    with session_for(context) as session:
        if name != user_id:
            remember_names(session, {user_id: name})
        link = issue_sign_in_link(
            session,
            secret_key=settings.secret_key,
            slack_user_id=user_id,
            slack_team_id=team_id,
        )
    url = f"{settings.public_base_url}/officers/sign-in/{quote(link.token, safe='')}"
    return fairer_blocks.sign_in_message(url, link.expires_at, timezone=settings.timezone)


def sign_in_clicked(ack: Ack) -> None:
    """Acknowledge a click on the sign-in button (the browser opens the link itself)."""
    # Slack still sends a link button's click to the app and shows a warning unless it is acked.
    ack()


def register(app: App) -> None:
    """Register the /fairer command and its sign-in button on app; returns nothing."""
    app.command("/fairer")(fairer_command)
    app.action(fairer_blocks.SIGN_IN_ACTION_ID)(sign_in_clicked)
