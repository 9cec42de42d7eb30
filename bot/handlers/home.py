"""The App Home tab: the actions the person owns, overdue first, each with its Update button."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import actions as action_blocks
from bot.handlers import session_for, settings_of
from engagement.actions.plans import home_actions

log = logging.getLogger(__name__)


def home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    """Publish the person's Home tab when they open it (not the Messages tab)."""
    if event.get("tab", "home") != "home" or not event.get("user"):
        return
    settings = settings_of(context)
    with session_for(context) as session:
        listing = home_actions(session, event["user"], timezone=settings.timezone)
    try:
        view = action_blocks.home_view(listing, public_base_url=settings.public_base_url)
        client.views_publish(user_id=event["user"], view=view)
    except SlackApiError as err:
        # Opening the tab again publishes it again: no retry needed.
        log.warning(
            "Could not publish the Home tab of %s: %s", event["user"], err.response.get("error")
        )


def register(app: App) -> None:
    """Register the app_home_opened listener on app; returns nothing."""
    app.event("app_home_opened")(home_opened)
