"""Requests shaped and signed the way Slack sends them, for Flask's test client.

Signing is done here with hmac on purpose, independently of the app and of slack_sdk, so a
mistake in either would show up as a 401 in the tests.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

SIGNING_SECRET = "test-signing-secret-8f14e45f"
TEAM_ID = "T0TEST0001"
TEAM_DOMAIN = "fairer-test"
CHANNEL_ID = "C0TEST0001"
USER_ID = "U0TEST0001"
ADMIN_USER_ID = "U0ADMIN001"  # app_factory lists this user in FAIRER_ADMIN_USER_IDS
API_APP_ID = "A0TEST0001"
FORM = "application/x-www-form-urlencoded"
_counter = itertools.count(1)


def sign(secret: str, timestamp: int | str, body: str) -> str:
    """Return Slack's v0 signature of body: "v0=" + HMAC-SHA256 of "v0:{timestamp}:{body}"."""
    digest = hmac.new(
        secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256
    ).hexdigest()
    return f"v0={digest}"


def signed_headers(
    body: str,
    *,
    content_type: str,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    retry_num: int | None = None,
    retry_reason: str = "http_timeout",
    signature: str | None = None,
) -> dict[str, str]:
    """Return the headers Slack sends with body (timestamp defaults to now; signature may be
    forced)."""
    ts = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature if signature is not None else sign(secret, ts, body),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason
    return headers


def new_trigger_id() -> str:
    """Return a unique trigger_id in Slack's shape ("12345.98765.abcd…")."""
    return f"{next(_counter)}{int(time.time())}.98765.{uuid.uuid4().hex}"


def new_action_ts() -> str:
    """Return a unique action_ts like Slack's ("1700000000.123456")."""
    return f"{int(time.time())}.{next(_counter):06d}"


def slash_command_body(
    command: str,
    text: str = "",
    *,
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    response_url: str = "https://hooks.slack.test/commands/1",
    trigger_id: str | None = None,
) -> str:
    """Return the form-encoded body Slack posts for `command text`."""
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "team_domain": TEAM_DOMAIN,
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": API_APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )


def block_actions_payload(
    action_id: str,
    *,
    value: str | None = None,
    block_id: str = "b1",
    user_id: str = USER_ID,
    response_url: str = "https://hooks.slack.test/actions/1",
    message: dict | None = None,
    container: dict | None = None,
    action_ts: str | None = None,
    trigger_id: str | None = None,
    element_type: str = "button",
    text: str = "Button",
) -> dict:
    """Return a block_actions payload as Slack sends it when someone clicks a button."""
    action = {
        "type": element_type,
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_ts": action_ts or new_action_ts(),
    }
    if value is not None:
        action["value"] = value
    payload = {
        "type": "block_actions",
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": TEAM_ID,
        },
        "api_app_id": API_APP_ID,
        "token": "deprecated-verification-token",
        "container": container
        or {
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": CHANNEL_ID,
            "is_ephemeral": True,
        },
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": CHANNEL_ID, "name": "general"},
        "response_url": response_url,
        "actions": [action],
        "state": {"values": {}},
    }
    if message is not None:
        payload["message"] = message
    return payload


def view_submission_payload(
    callback_id: str,
    values: dict,
    *,
    user_id: str = USER_ID,
    private_metadata: str = "",
    view_id: str | None = None,
) -> dict:
    """Return a view_submission payload; values is {block_id: {action_id: {"type", "value"…}}}."""
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": TEAM_ID,
        },
        "api_app_id": API_APP_ID,
        "token": "deprecated-verification-token",
        "trigger_id": new_trigger_id(),
        "view": {
            "id": view_id or f"V{uuid.uuid4().hex[:10].upper()}",
            "team_id": TEAM_ID,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "hash": f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
            "state": {"values": values},
            "blocks": [],
            "title": {"type": "plain_text", "text": "Fairer Places"},
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def interaction_body(payload: dict) -> str:
    """Return the form-encoded body Slack posts for an interaction: payload=<JSON>."""
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict, *, event_id: str | None = None, team_id: str = TEAM_ID) -> str:
    """Return the JSON body of an Events API delivery wrapping event."""
    return json.dumps(
        {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "api_app_id": API_APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": "U0BOT00001",
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
    )


@dataclass
class SlackClient:
    """Sends signed Slack requests to POST /slack/events through a Flask test client."""

    client: object  # flask.testing.FlaskClient
    secret: str = SIGNING_SECRET
    path: str = "/slack/events"

    def post(self, body: str, *, content_type: str, **header_options):
        """Return the response to body posted with Slack's headers (see signed_headers for
        options)."""
        headers = signed_headers(
            body, content_type=content_type, secret=self.secret, **header_options
        )
        return self.client.post(self.path, data=body, headers=headers)

    def command(
        self,
        command: str,
        text: str = "",
        *,
        user_id: str = USER_ID,
        response_url: str = "https://hooks.slack.test/commands/1",
        **header_options,
    ):
        """Return the response to a slash command, e.g. command("/area", "heartsease")."""
        body = slash_command_body(command, text, user_id=user_id, response_url=response_url)
        return self.post(body, content_type=FORM, **header_options)

    def interaction(self, payload: dict, **header_options):
        """Return the response to an interaction payload (block_actions, view_submission, …)."""
        return self.post(interaction_body(payload), content_type=FORM, **header_options)

    def click(self, action_id: str, *, value: str | None = None, response_url: str, **options):
        """Return the response to a button click (options: block_actions_payload's and
        signed_headers')."""
        header_keys = {"timestamp", "retry_num", "retry_reason", "signature"}
        headers = {k: options.pop(k) for k in list(options) if k in header_keys}
        payload = block_actions_payload(
            action_id, value=value, response_url=response_url, **options
        )
        return self.interaction(payload, **headers)

    def event(self, event: dict, *, event_id: str | None = None, **header_options):
        """Return the response to an Events API delivery of event."""
        return self.post(
            event_body(event, event_id=event_id), content_type="application/json", **header_options
        )
