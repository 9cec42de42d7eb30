"""/actions and everything clicked on its answers: listing actions, the Update button and modal.

Who may update an action is decided by engagement.actions.updates; refusals are sent only to the
person who clicked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.blocks import action_modal
from bot.blocks import actions as action_blocks
from bot.blocks import assessments as assessment_blocks
from bot.blocks.help import command_help, is_help
from bot.blocks.share import with_share_button
from bot.config import Settings
from bot.handlers import session_for, settings_of
from bot.handlers.home import publish_home
from bot.slack_users import display_name
from engagement.actions.terms import today_in
from engagement.actions.updates import UpdateOutcome, prepare_update, record_update
from engagement.assessments.listing import assessed_listing, find_assessed_actions, listing_states
from engagement.assessments.states import AssessmentState
from engagement.assessments.totals import assessment_totals

log = logging.getLogger(__name__)
ASSESSMENTS_WORDS = frozenset({"assessments", "assessment"})
UPDATE_ACTION = re.compile(rf"^{action_blocks.UPDATE_ACTION_PREFIX}\d+$")
CHOOSE_AREA_ACTION = re.compile(rf"^{action_blocks.CHOOSE_AREA_PREFIX}\d+$")


def actions_answer(context: BoltContext, text: str, *, user_id: str) -> dict:
    """Return the reply to `/actions <text>` asked by user_id, with a Share in channel button
    when it lists actions."""
    if is_help(text):
        return command_help("/actions")
    settings = settings_of(context)
    word, _, rest = (text or "").strip().partition(" ")
    if word.lower() in ASSESSMENTS_WORDS:
        return assessments_answer(context, rest)
    with session_for(context) as session:
        assessed = find_assessed_actions(
            session,
            text,
            user_id=user_id,
            timezone=settings.timezone,
            scope=settings.local_authorities,
        )
    answer = assessed.answer
    reply = action_blocks.actions_reply(
        answer, public_base_url=settings.public_base_url, states=assessed.states
    )
    if answer.status == "listing" and answer.plan_size:
        return with_share_button(reply, command="/actions", text=text)
    return reply


def assessments_answer(context: BoltContext, area: str) -> dict:
    """Return the reply to `/actions assessments [area]`: the plan's impact assessments added
    up, or one area's."""
    settings = settings_of(context)
    with session_for(context) as session:
        totals = assessment_totals(
            session,
            area=area.strip() or None,
            scope=settings.local_authorities,
            today=today_in(settings.timezone),
        )
    return assessment_blocks.totals_reply(totals, public_base_url=settings.public_base_url)


def actions_command(ack: Ack, command: dict, context: BoltContext) -> None:
    """Answer `/actions <area | mine | overdue | theme NAME | borough | all | assessments [area]>`
    in the ack."""
    ack(actions_answer(context, command.get("text") or "", user_id=command.get("user_id") or ""))


def area_chosen(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Replace the choice of areas with the actions of the one clicked."""
    ack()
    _send_listing(context, respond, f"area:{action.get('value') or ''}", replace_original=True)


def list_area_actions(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Answer the "List actions" button under an /area profile with the area's actions."""
    ack()
    _send_listing(context, respond, f"area:{action.get('value') or ''}", replace_original=False)


def open_on_web(ack: Ack) -> None:
    """Acknowledge a click on a link button (the browser opens the page)."""
    ack()


def update_clicked(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Open the update modal for the owner or an admin; tell anyone else why not, privately."""
    ack()
    parsed = action_blocks.read_update_value(action.get("value") or "")
    if parsed is None:
        return
    action_id, listing_key = parsed
    settings = settings_of(context)
    user_id = (body.get("user") or {}).get("id") or ""
    with session_for(context) as session:
        form = prepare_update(
            session,
            action_id,
            user_id=user_id,
            admin_ids=settings.admin_user_ids,
            timezone=settings.timezone,
            listing_key=listing_key,
        )
    if form.result != "ok":
        _tell_privately(
            body,
            client,
            respond,
            action_modal.refusal_message(form.action),
            action_modal.refusal_modal(form.action),
        )
        return
    private = action_modal.metadata(action_id, listing_key, where_listed(body))
    try:
        client.views_open(
            trigger_id=body["trigger_id"], view=action_modal.update_modal(form.action, private)
        )
    except SlackApiError as err:
        error = err.response.get("error") or "error"
        log.warning("views.open failed for action %s: %s", action_id, error)
        if body.get("response_url"):
            reply = action_modal.open_failed_message(error)
            respond(
                text=reply["text"],
                blocks=reply["blocks"],
                response_type="ephemeral",
                replace_original=False,
            )


def update_submitted(
    ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext
) -> None:
    """Record the update once (keyed by the modal), close the modal and refresh the list."""
    meta = action_modal.read_metadata(view.get("private_metadata") or "")
    if not meta:
        ack()
        return
    settings = settings_of(context)
    status_key, note = action_modal.read_update_form(view)
    user_id = (body.get("user") or {}).get("id") or ""
    with session_for(context) as session:
        outcome = record_update(
            session,
            meta["a"],
            user_id=user_id,
            status_key=status_key,
            note=note,
            admin_ids=settings.admin_user_ids,
            timezone=settings.timezone,
            request_key=f"view:{view.get('id')}",
            relist=meta.get("l") or None,
        )
        states = listing_states(session, outcome.listing)
    if outcome.result not in ("recorded", "duplicate"):
        owner_id = outcome.action.owner_id if outcome.action else ""
        owner_name = display_name(client, owner_id) if owner_id else ""
        ack(response_action="errors", errors=action_modal.form_errors(outcome, owner_name))
        return
    ack()
    if outcome.result == "recorded" and outcome.listing is not None:
        if meta.get("home"):
            publish_home(client, context, user_id)  # the whole dashboard, looked up again
            return
        _refresh(client, settings, meta, outcome, user_id, states)


def register(app: App) -> None:
    """Register /actions, its buttons and the update modal on app; returns nothing."""
    app.command("/actions")(actions_command)
    app.action(CHOOSE_AREA_ACTION)(area_chosen)
    app.action(action_blocks.LIST_AREA_ACTION_ID)(list_area_actions)
    app.action(action_blocks.OPEN_WEB_ACTION_ID)(open_on_web)
    app.action(assessment_blocks.OPEN_TOTALS_ACTION_ID)(open_on_web)
    app.action(UPDATE_ACTION)(update_clicked)
    app.view(action_modal.CALLBACK_ID)(update_submitted)


def where_listed(body: dict) -> dict:
    """Return where the clicked list lives: {"home": 1}, {"url": response_url} for a command's
    reply (ephemeral messages can only be replaced through it) or {"channel", "ts"}."""
    container = body.get("container") or {}
    if container.get("type") == "view":
        return {"home": 1}
    if container.get("is_ephemeral") or not container.get("message_ts"):
        return {"url": body.get("response_url") or ""}
    return {"channel": container.get("channel_id") or "", "ts": container["message_ts"]}


def _send_listing(
    context: BoltContext, respond: Respond, key: str, *, replace_original: bool
) -> None:
    settings = settings_of(context)
    with session_for(context) as session:
        listing, states = assessed_listing(session, key, timezone=settings.timezone)
    if listing is None:
        return
    reply = action_blocks.listing_message(
        listing, public_base_url=settings.public_base_url, states=states
    )
    respond(
        text=reply["text"],
        blocks=reply["blocks"],
        response_type="ephemeral",
        replace_original=replace_original,
    )


def _refresh(
    client: WebClient,
    settings: Settings,
    meta: dict,
    outcome: UpdateOutcome,
    user_id: str,
    states: Mapping[int, AssessmentState],
) -> None:
    # The update is already recorded: a list that cannot be refreshed is logged, not retried.
    base_url = settings.public_base_url
    try:
        reply = action_blocks.listing_message(
            outcome.listing, public_base_url=base_url, states=states
        )
        blocks = [action_modal.saved_context(outcome), *reply["blocks"]]
        if meta.get("url"):
            sent = WebhookClient(meta["url"]).send(
                text=reply["text"], blocks=blocks, replace_original=True, response_type="ephemeral"
            )
            if sent.status_code != 200:
                log.warning(
                    "Could not refresh the list through its response URL: %s %s",
                    sent.status_code,
                    sent.body,
                )
        elif meta.get("channel") and meta.get("ts"):
            client.chat_update(
                channel=meta["channel"], ts=meta["ts"], text=reply["text"], blocks=blocks
            )
    except SlackApiError as err:
        log.warning(
            "Could not refresh the list after updating action %s: %s",
            meta.get("a"),
            err.response.get("error"),
        )
    except OSError as err:  # Slack unreachable
        log.warning("Could not refresh the list after updating action %s: %s", meta.get("a"), err)


def _tell_privately(
    body: dict, client: WebClient, respond: Respond, reply: dict, modal: dict
) -> None:
    if body.get("response_url"):
        respond(
            text=reply["text"],
            blocks=reply["blocks"],
            response_type="ephemeral",
            replace_original=False,
        )
        return
    try:  # the App Home has no message to answer: a small modal says it instead
        client.views_open(trigger_id=body["trigger_id"], view=modal)
    except SlackApiError as err:
        log.warning(
            "Could not tell %s why not: %s",
            (body.get("user") or {}).get("id"),
            err.response.get("error"),
        )
