"""The "Update action" modal: building it, reading what was submitted, and the private answers
for people who may not update an action. Pure functions, no Slack calls."""

from __future__ import annotations

import json

from bot.blocks.actions import action_text, status_choices
from bot.blocks.kit import context, message, section, truncate
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement.actions.plans import ActionView
from engagement.actions.updates import NOTE_LIMIT, UpdateOutcome

CALLBACK_ID = "action_update"
STATUS_BLOCK = "status"
NOTE_BLOCK = "note"
METADATA_LIMIT = 3000
OPTION_LIMIT = 75


def plain(text: str, limit: int = 3000) -> dict:
    """Return a plain_text object (cut to limit)."""
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def metadata(action_id: int, listing_key: str, where: dict) -> str:
    """Return the modal's private_metadata: the action, the list to refresh, and where that list is
    ({"url": response_url} for a reply to a command, {"channel", "ts"} for a posted message,
    {"home": 1} for the App Home)."""
    data = {"a": action_id, "l": listing_key, **where}
    text = json.dumps(data, separators=(",", ":"))
    if len(text) > METADATA_LIMIT:  # never in practice; losing the refresh beats a rejected modal
        text = json.dumps({"a": action_id}, separators=(",", ":"))
    return text


def read_metadata(text: str) -> dict:
    """Return the private_metadata written by metadata(), or {} when it is not ours."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("a"), int) else {}


def _option(value: str, label: str) -> dict:
    return {"text": plain(label, OPTION_LIMIT), "value": value}


def update_modal(action: ActionView, private_metadata: str) -> dict:
    """Return the modal for updating an action: its current state, a status menu and a note."""
    options = [_option(value, label) for value, label in status_choices()]
    current = next((o for o in options if o["value"] == action.status.key), None)
    status_element = {"type": "static_select", "action_id": STATUS_BLOCK, "options": options}
    if current is not None:
        status_element["initial_option"] = current
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": private_metadata,
        "title": plain("Update action", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(action_text(action)),
            {
                "type": "input",
                "block_id": STATUS_BLOCK,
                "label": plain("Status"),
                "element": status_element,
            },
            {
                "type": "input",
                "block_id": NOTE_BLOCK,
                "optional": True,
                "label": plain("Note"),
                "hint": plain(
                    "What has happened since the last update? Dropping an action needs a reason."
                ),
                "element": {
                    "type": "plain_text_input",
                    "action_id": NOTE_BLOCK,
                    "multiline": True,
                    "max_length": NOTE_LIMIT,
                },
            },
        ],
    }


def read_update_form(view: dict) -> tuple[str, str]:
    """Return (status key, note) from a submitted update modal's state."""
    values = (view.get("state") or {}).get("values") or {}
    chosen = ((values.get(STATUS_BLOCK) or {}).get(STATUS_BLOCK) or {}).get("selected_option") or {}
    note = ((values.get(NOTE_BLOCK) or {}).get(NOTE_BLOCK) or {}).get("value") or ""
    return str(chosen.get("value") or ""), str(note)


def refusal_text(action: ActionView | None) -> str:
    """Return why someone may not update an action (mrkdwn)."""
    if action is None:
        return "That action is no longer in the plan."
    name = f"*{escape_mrkdwn(action.reference)}*"
    if action.owner_id:
        return (
            f"Only its owner, <@{action.owner_id}>, or an administrator can update {name}. "
            "Ask them to record the change."
        )
    return f"{name} has no owner in Slack, so only an administrator can update it."


def refusal_message(action: ActionView | None) -> dict:
    """Return the private message telling someone why they cannot update an action."""
    text = refusal_text(action)
    return {**message(text, [section(f":lock: {text}")]), "replace_original": False}


def refusal_modal(action: ActionView | None) -> dict:
    """Return a modal with only a Close button, for refusing where there is no message to answer."""
    return {
        "type": "modal",
        "title": plain("Cannot update", 24),
        "close": plain("Close", 24),
        "blocks": [section(f":lock: {refusal_text(action)}")],
    }


def form_errors(outcome: UpdateOutcome, owner_name: str = "") -> dict[str, str]:
    """Return the modal's {block_id: message} errors for an outcome that was not recorded;
    owner_name names the owner (the form's error line shows a mention as a bare ID)."""
    if outcome.result == "invalid":
        return dict(outcome.errors)
    if outcome.result == "refused":
        # Plain text: the form's error line does not render mrkdwn.
        owner_id = outcome.action.owner_id if outcome.action else ""
        owner = f" ({owner_name or owner_id})" if owner_id else ""
        return {STATUS_BLOCK: f"Only the owner{owner} or an administrator can update this action"}
    return {STATUS_BLOCK: "This action is no longer in the plan"}


def open_failed_message(error: str) -> dict:
    """Return the private message sent when Slack would not open the update form."""
    text = (
        f"Slack could not open the update form ({escape_mrkdwn(error)}). "
        "Please click *Update* again."
    )
    return {**message(text, [section(text)]), "replace_original": False}


def saved_context(outcome: UpdateOutcome) -> dict:
    """Return a context line confirming a saved update, for the top of a refreshed list."""
    action = outcome.action
    return context(
        f":white_check_mark: Saved: *{escape_mrkdwn(action.reference)}* is "
        f"{action.status.emoji} {action.status.words.lower()}."
    )
