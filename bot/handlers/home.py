"""The App Home tab: the actions the person owns, overdue first, each with its Update button."""
from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import actions as action_blocks
from bot.config import Settings
from engagement.actions.plans import home_actions
from storage import session_scope
from storage.db import engine_for

log = logging.getLogger(__name__)


def register(app: App, settings: Settings) -> None:
    """Register the app_home_opened listener on app; returns nothing."""
    engine = engine_for(settings.database_url)

    @app.event("app_home_opened")
    def home_opened(event: dict, client: WebClient) -> None:
        """Publish the person's Home tab when they open it (not the Messages tab)."""
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        with session_scope(engine) as session:
            listing = home_actions(session, event["user"], timezone=settings.timezone)
        try:
            client.views_publish(user_id=event["user"],
                                 view=action_blocks.home_view(listing, public_base_url=settings.public_base_url))
        except SlackApiError as err:
            # Opening the tab again publishes it again: no retry needed.
            log.warning("Could not publish the Home tab of %s: %s", event["user"], err.response.get("error"))
