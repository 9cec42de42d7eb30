"""Slack delivers an event again when we were slow or failed (X-Slack-Retry-Num); this module
makes sure a repeated delivery never repeats a side effect, across every web worker.

Each Events API payload and each interaction is claimed once in the processed_slack_requests
table before any listener runs. A delivery whose key is already claimed is acknowledged with an
empty 200 and nothing else happens. If a listener fails, its claim is released so Slack's retry
gets a second chance. Slash commands are left alone: Slack never retries them, and claiming
every read-only command would add a database write to each.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from slack_bolt import App, BoltRequest, BoltResponse
from sqlalchemy.engine import Engine

from storage.slack_deliveries import claim_delivery, purge_deliveries, release_delivery

KEEP_FOR = timedelta(days=1)  # Slack gives up retrying after about five minutes
PURGE_EVERY_SECONDS = 600
_CONTEXT_KEY = "fairer_delivery_key"
# Options requests only fetch menu items: answering one twice is right, and de-duplicating would
# blank the menu.
_NOT_CLAIMED = {"block_suggestion", "dialog_suggestion"}


def delivery_key(body: dict) -> tuple[str, str] | None:
    """Return (kind, key) identifying one delivery of an event or interaction, or None for
    anything else, including a payload too oddly shaped to identify (it is then not
    de-duplicated rather than failing)."""
    if not isinstance(body, dict):
        return None
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        return None
    if kind == "event_callback" and body.get("event_id"):
        event_id = body["event_id"]
        return ("event", f"event:{event_id}"[:80]) if isinstance(event_id, str) else None
    if kind in _NOT_CLAIMED or "command" in body:
        return None
    if "trigger_id" not in body and "actions" not in body and "view" not in body:
        return None
    view, team, user = (body.get(name) or {} for name in ("view", "team", "user"))
    actions = body.get("actions") or []
    if not all(isinstance(part, dict) for part in (view, team, user)):
        return None
    if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
        return None
    parts = [
        kind,
        team.get("id"),
        user.get("id"),
        [(a.get("action_id"), a.get("block_id"), a.get("action_ts")) for a in actions],
        body.get("callback_id") or view.get("callback_id"),
        body.get("trigger_id"),
        body.get("action_ts"),
        view.get("id"),
        view.get("hash"),
    ]
    try:
        encoded = json.dumps(parts, sort_keys=True, default=str).encode()
    except (TypeError, ValueError, RecursionError, UnicodeError):
        return None
    return "interaction", f"interaction:{hashlib.sha256(encoded).hexdigest()}"


def install(bolt_app: App, engine: Engine, logger: logging.Logger | None = None) -> None:
    """Add the middleware that claims each delivery and skips repeated ones to bolt_app."""
    log = logger or logging.getLogger(__name__)
    last_purge = {"at": 0.0}
    purge_lock = threading.Lock()

    def maybe_purge() -> None:
        now = time.monotonic()
        if now - last_purge["at"] < PURGE_EVERY_SECONDS or not purge_lock.acquire(blocking=False):
            return
        try:
            last_purge["at"] = now
            purge_deliveries(engine, KEEP_FOR)
        except Exception:  # housekeeping must never cost Slack an answer
            log.exception("Could not purge old Slack delivery records")
        finally:
            purge_lock.release()

    def skip_repeated_deliveries(body: dict, request: BoltRequest, next: Callable[[], None]):
        found = delivery_key(body)
        if found is None:
            return next()
        kind, key = found
        maybe_purge()
        if not claim_delivery(engine, kind, key):
            retry = request.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("Skipped %s already processed (retry %s)", key, retry)
            return BoltResponse(status=200, body="")
        request.context[_CONTEXT_KEY] = key
        return next()

    bolt_app.use(skip_repeated_deliveries)


def release_claim(
    engine: Engine, request: BoltRequest, logger: logging.Logger | None = None
) -> None:
    """Forget the claim of a delivery whose listener failed, so Slack's retry runs it; returns
    nothing."""
    key = request.context.get(_CONTEXT_KEY)
    if not key:
        return
    try:
        release_delivery(engine, key)
    except Exception:
        (logger or logging.getLogger(__name__)).exception(
            "Could not release %s; Slack's retry will be skipped", key
        )
