"""The gate in front of Bolt: a request to POST /slack/events must be small, fresh, signed with
our secret and shaped the way Slack sends it before any Bolt code parses it.

Bolt parses a body before verifying it and trusts the shape of what it parsed, so a forged or
garbled request could reach its parser (or our listeners) and end in a 500. Here the signature is
checked over the raw bytes first (with slack_sdk's own SignatureVerifier); only then is the body
decoded and parsed, exactly as Bolt will parse it, and its shape checked. Every refusal names a
fixed reason, never text from the request, so it can be logged as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

# Slack's interaction payloads are tens of kilobytes at most; a modal's blocks come to well under
# this.
MAX_BODY_BYTES = 1024 * 1024
MAX_AGE_SECONDS = 5 * 60  # Slack's published replay window
MAX_FORM_FIELDS = 100
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() also accepts "+1", " 1", "١"
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_STRING_FIELDS = (
    "type",
    "command",
    "text",
    "trigger_id",
    "callback_id",
    "action_ts",
    "response_url",
    "api_app_id",
    "token",
    "event_id",
    "team_id",
    "user_id",
    "channel_id",
    "challenge",
)
_DICT_FIELDS = ("user", "team", "view", "event", "container", "message", "state")
_LIST_OF_DICT_FIELDS = ("actions", "authorizations", "response_urls")


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused: the HTTP status to answer and a fixed reason to log."""

    status: int
    reason: str

    @property
    def body(self) -> str:
        """Return the short body to answer with (the one Bolt itself uses for a bad signature)."""
        return '{"error": "invalid request"}' if self.status == 401 else "malformed request"

    @property
    def mimetype(self) -> str:
        """Return the body's media type."""
        return "application/json" if self.status == 401 else "text/plain"


class Malformed(ValueError):
    """A signed body that is not shaped the way Slack sends one; str() is a fixed reason."""


def too_large(content_length: int | None) -> Refusal | None:
    """Return a 413 Refusal when the declared body size is over MAX_BODY_BYTES, else None."""
    if content_length is not None and content_length > MAX_BODY_BYTES:
        return Refusal(413, "body larger than the cap")
    return None


def check_request(
    raw: bytes, headers: Mapping[str, str], verifier: SignatureVerifier
) -> Refusal | None:
    """Return a Refusal for a request that must not reach Bolt, or None for one that may.

    413 when the body is over the cap; 401 when the timestamp or signature is missing,
    malformed, stale or wrong; 400 when the body is not UTF-8 (slack_sdk can only verify text)
    or, correctly signed, is not what Slack sends.
    """
    if len(raw) > MAX_BODY_BYTES:
        return Refusal(413, "body larger than the cap")
    timestamp = headers.get("X-Slack-Request-Timestamp")
    signature = headers.get("X-Slack-Signature")
    refusal = check_headers(timestamp, signature, verifier.clock.now())
    if refusal is not None:
        return refusal
    try:
        # slack_sdk signs text, so a body that is not UTF-8 cannot even be verified.
        text = raw.decode("utf-8")
    except UnicodeError:
        return Refusal(400, "body is not UTF-8")
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        return Refusal(401, "signature does not match")
    try:
        problem = shape_problem(parse_body(text, headers.get("Content-Type")))
    except Malformed as error:
        return Refusal(400, str(error))
    if problem is not None:
        return Refusal(400, problem)
    return None


def check_headers(timestamp: str | None, signature: str | None, now: float) -> Refusal | None:
    """Return a 401 Refusal unless the timestamp is a whole number of seconds within five
    minutes of now and the signature has Slack's v0 form; None when both may be verified."""
    if not timestamp or not signature:
        return Refusal(401, "missing timestamp or signature")
    if not _TIMESTAMP.fullmatch(timestamp):
        return Refusal(401, "timestamp is not a whole number")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return Refusal(401, "timestamp older or newer than five minutes")
    # compare_digest raises on non-ASCII text, so the shape is checked before verifying.
    if not _SIGNATURE.fullmatch(signature):
        return Refusal(401, "signature is not in Slack's v0 form")
    return None


def parse_body(text: str, content_type: str | None) -> dict:
    """Return the payload Bolt will see in text, raising Malformed where Bolt would fail.

    Mirrors slack_bolt's parse_body (JSON when the media type is application/json or the body
    starts with "{"; otherwise a form, whose `payload` field holds JSON) but decodes strictly.
    """
    media_type = (content_type or "").split(";")[0]
    if not text:
        raise Malformed("empty body")
    if media_type == "application/json" or text.startswith("{"):
        return _json_object(text)
    try:
        fields = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=True,
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except UnicodeError:
        raise Malformed("form field is not UTF-8") from None
    except ValueError:
        raise Malformed("body is not a form") from None
    form = dict(fields)
    if len(form) != len(fields):
        raise Malformed("form repeats a field")
    if "payload" in form:
        return _json_object(form["payload"])
    if "command" not in form and "ssl_check" not in form:
        raise Malformed("form is neither a command nor an interaction")
    return form


def _json_object(text: str) -> dict:
    def no_constants(name: str):
        raise Malformed("JSON holds NaN or Infinity")

    try:
        payload = json.loads(text, parse_constant=no_constants)
        # A lone surrogate ("\ud800") parses but cannot be stored or sent on.
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except Malformed:
        raise
    except (ValueError, RecursionError, UnicodeError):
        raise Malformed("payload is not JSON") from None
    if not isinstance(payload, dict):
        raise Malformed("payload is not a JSON object")
    return payload


def shape_problem(payload: dict) -> str | None:
    """Return why payload is not shaped as Slack sends it (a fixed phrase), or None when it is.

    Checks what Bolt's matchers and context builder and our listeners index into without
    looking: the type of each well-known field, the actions list and the view.
    """
    if "command" not in payload and "ssl_check" not in payload:
        if not isinstance(payload.get("type"), str):
            return "payload has no type"
    for name in _STRING_FIELDS:
        if payload.get(name) is not None and not isinstance(payload[name], str):
            return f"{name} is not a string"
    for name in _DICT_FIELDS:
        if payload.get(name) is not None and not isinstance(payload[name], dict):
            return f"{name} is not an object"
    for name in _LIST_OF_DICT_FIELDS:
        value = payload.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)
        ):
            return f"{name} is not a list of objects"
    for name in ("enterprise", "channel"):
        if payload.get(name) is not None and not isinstance(payload[name], (str, dict)):
            return f"{name} is neither an id nor an object"
    return _identity_problem(payload) or _interaction_problem(payload) or _event_problem(payload)


def _identity_problem(payload: dict) -> str | None:
    for name in ("user", "team", "enterprise", "channel"):
        value = payload.get(name)
        if isinstance(value, dict) and value.get("id") is not None:
            if not isinstance(value["id"], str):
                return f"{name} id is not a string"
    return None


def _interaction_problem(payload: dict) -> str | None:
    kind = payload.get("type")
    actions = payload.get("actions")
    if kind == "block_actions" and not actions:
        return "block_actions without actions"
    for action in actions or []:
        if kind == "block_actions" and not isinstance(action.get("action_id"), str):
            return "action has no action_id"
        for key in ("action_id", "block_id", "action_ts", "type"):
            if action.get(key) is not None and not isinstance(action[key], str):
                return f"action {key} is not a string"
        problem = _element_problem(action)
        if problem is not None:
            return f"action {problem}"
    view = payload.get("view")
    if kind in ("view_submission", "view_closed") and view is None:
        return f"{kind} without a view"
    if view is not None:
        if not isinstance(view.get("type"), str):
            return "view has no type"
        for key in ("id", "callback_id", "hash", "private_metadata", "team_id"):
            if view.get(key) is not None and not isinstance(view[key], str):
                return f"view {key} is not a string"
        problem = _state_problem(view.get("state"))
        if problem is not None:
            return f"view {problem}"
    if "response_urls" in payload and not isinstance(payload["response_urls"], list):
        return "response_urls is not a list"
    for item in payload.get("response_urls") or []:
        if item.get("response_url") is not None and not isinstance(item["response_url"], str):
            return "response_url is not a string"
    return None


def _state_problem(state: object) -> str | None:
    """Return why a view's state is not {"values": {block_id: {action_id: element}}}, or None."""
    if state is None:
        return None
    values = state.get("values", {}) if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return "state is not an object of values"
    for block in values.values():
        if not isinstance(block, dict) or not all(isinstance(e, dict) for e in block.values()):
            return "state values are not objects"
        for element in block.values():
            problem = _element_problem(element)
            if problem is not None:
                return f"state {problem}"
    return None


def _element_problem(element: dict) -> str | None:
    """Return why an input element's chosen value is not shaped as Slack sends it, or None."""
    if element.get("value") is not None and not isinstance(element["value"], str):
        return "value is not a string"
    option = element.get("selected_option")
    if option is not None and not (
        isinstance(option, dict) and isinstance(option.get("value", ""), str)
    ):
        return "selected option is not an object with a text value"
    options = element.get("selected_options")
    if options is not None and not (
        isinstance(options, list)
        and all(isinstance(o, dict) and isinstance(o.get("value", ""), str) for o in options)
    ):
        return "selected options are not a list of objects"
    return None


def _event_problem(payload: dict) -> str | None:
    event = payload.get("event")
    if payload.get("type") == "event_callback" and event is None:
        return "event_callback without an event"
    if event is None:
        return None
    if not isinstance(event.get("type"), str):
        return "event has no type"
    for key in ("message", "previous_message", "item", "assistant_thread"):
        if event.get(key) is not None and not isinstance(event[key], dict):
            return f"event {key} is not an object"
    for key in ("user", "channel", "team"):
        if event.get(key) is not None and not isinstance(event[key], (str, dict)):
            return f"event {key} is neither an id nor an object"
    return None
