"""The App Home dashboard and its buttons: Find an area (a modal with a search box) and Sign in to
the web pages (the `/fairer login` link, in a modal)."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import home as home_blocks
from bot.blocks import home_area
from bot.blocks.area_report import area_report_reply
from bot.handlers import session_for, settings_of
from bot.handlers.fairer import sign_in_reply
from bot.slack_client import SLACK_FAILURES, classify
from engagement.actions.plans import home_actions
from engagement.area_report import area_report, area_report_for_code
from engagement.digests.subscriptions import workspace_subscriptions
from engagement.surveys.lookup import list_surveys

log = logging.getLogger(__name__)
PICK_ACTION = re.compile(rf"^{home_area.PICK_ACTION_PREFIX}\d+$")


def dashboard(context: BoltContext, user_id: str) -> dict:
    """Return user_id's App Home view: their actions, open surveys and the workspace's
    digests, looked up now."""
    settings = settings_of(context)
    with session_for(context) as session:
        listing = home_actions(session, user_id, timezone=settings.timezone)
        surveys = list_surveys(session)
        subscriptions = workspace_subscriptions(session)
    return home_blocks.dashboard_view(
        listing,
        surveys=surveys,
        subscriptions=subscriptions,
        public_base_url=settings.public_base_url,
    )


def publish_home(client: WebClient, context: BoltContext, user_id: str) -> None:
    """Publish user_id's App Home afresh; a failure is logged (opening the tab publishes it
    again), never raised."""
    try:
        client.views_publish(user_id=user_id, view=dashboard(context, user_id))
    except SLACK_FAILURES as err:
        log.warning("Could not publish the Home tab of %s: %s", user_id, classify(err).detail)


def home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    """Publish the person's Home tab when they open it (not the Messages tab)."""
    if event.get("tab", "home") != "home" or not event.get("user"):
        return
    publish_home(client, context, event["user"])


def find_area_clicked(ack: Ack, body: dict, client: WebClient) -> None:
    """Open the Find an area modal."""
    ack()
    _open(client, body, home_area.area_search_modal())


def area_searched(ack: Ack, view: dict, context: BoltContext) -> None:
    """Answer a search in the modal with the area's profile or the matches, in the modal."""
    query = home_area.read_query(view).strip()
    settings = settings_of(context)
    with session_for(context) as session:
        report = area_report(
            session, query, scope=settings.local_authorities, timezone=settings.timezone
        )
    reply = area_report_reply(
        report, public_base_url=settings.public_base_url, has_map=report.has_map
    )
    ack(response_action="update", view=home_area.area_search_modal(query, reply))


def area_picked(
    ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext
) -> None:
    """Show, in the modal, the profile of the area picked from the matches."""
    ack()
    settings = settings_of(context)
    with session_for(context) as session:
        report = area_report_for_code(
            session, action.get("value") or "", timezone=settings.timezone
        )
    reply = area_report_reply(
        report, public_base_url=settings.public_base_url, has_map=report.has_map
    )
    query = home_area.read_query(body.get("view") or {}) or (action.get("value") or "")
    view = body.get("view") or {}
    try:
        client.views_update(
            view_id=view.get("id"),
            hash=view.get("hash"),
            view=home_area.area_search_modal(query, reply),
        )
    except SLACK_FAILURES as err:  # the modal was closed or changed meanwhile: nothing to do
        log.info("Could not show the picked area in the modal: %s", classify(err).detail)


def sign_in_clicked(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """Open a modal holding a one-time sign-in link for the person who clicked (the same link as
    `/fairer login`, tied to their workspace)."""
    ack()
    user = body.get("user") or {}
    team_id = user.get("team_id") or (body.get("team") or {}).get("id") or ""
    reply = sign_in_reply(context, user.get("id") or "", team_id, client)
    _open(client, body, home_area.sign_in_modal(reply))


def _open(client: WebClient, body: dict, view: dict) -> None:
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as err:  # the trigger expired: clicking again opens it
        log.warning("views.open failed on the Home tab: %s", err.response.get("error"))


def register(app: App) -> None:
    """Register the App Home listener, its buttons and the area search modal on app."""
    app.event("app_home_opened")(home_opened)
    app.action(home_blocks.FIND_AREA_ACTION_ID)(find_area_clicked)
    app.action(home_blocks.SIGN_IN_ACTION_ID)(sign_in_clicked)
    app.action(PICK_ACTION)(area_picked)
    app.view(home_area.CALLBACK_ID)(area_searched)
