"""The action reminders job: claim what is due, then send each owner one direct message.

Claims are committed before anything is sent (see engagement/actions/reminders.py), so the job can run
twice, or in two clocks at once, and each reminder still goes once. A message Slack refused for a
passing reason (rate limit, Slack's own error, no connection) gives its claims back for the next
run; one refused for good (no such user) is recorded as failed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import actions as action_blocks
from bot.config import Settings
from engagement.actions.reminders import claim_due_reminders, record_outcome, release
from storage import session_scope
from storage.db import engine_for

log = logging.getLogger(__name__)
_PASSING_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}


@dataclass
class ReminderRun:
    """What one run of the job did, counted in direct messages (one per owner)."""

    sent: list[str] = field(default_factory=list)
    logged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retry_later: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line for the log and the terminal."""
        return (f"Action reminders: {len(self.sent)} sent, {len(self.logged)} logged (no bot token), "
                f"{len(self.failed)} failed, {len(self.retry_later)} left for the next run.")


def send_action_reminders(settings: Settings, *, at: datetime | None = None,
                          client: WebClient | None = None) -> ReminderRun:
    """Claim and send every action reminder due at `at` (default: now); return what happened."""
    engine = engine_for(settings.database_url)
    with session_scope(engine) as session:
        batches = claim_due_reminders(session, timezone=settings.timezone,
                                      stale_weeks=settings.action_stale_weeks, now=at)
    if client is None and settings.posting_enabled:
        from bot.app import build_web_client

        client = build_web_client(settings, settings.bot_token)
    run = ReminderRun()
    for batch in batches:
        body = action_blocks.reminder_message(batch, public_base_url=settings.public_base_url)
        outcome = _send(client, batch.owner_id, body)
        with session_scope(engine) as session:
            if outcome == "retry":
                release(session, batch.reminders)
            else:
                record_outcome(session, batch.reminders, outcome)
        {"sent": run.sent, "logged": run.logged, "retry": run.retry_later}.get(outcome, run.failed).append(batch.owner_id)
    return run


def _send(client: WebClient | None, owner_id: str, body: dict) -> str:
    if client is None:
        log.info("No SLACK_BOT_TOKEN: would send %s to %s", body["text"], owner_id)
        return "logged"
    try:
        # A user ID as the channel opens (or reuses) the app's direct message with that person.
        client.chat_postMessage(channel=owner_id, text=body["text"], blocks=body["blocks"])
    except SlackApiError as err:
        response = err.response
        error = (response.get("error") if response is not None else None) or "error"
        if response is not None and (response.status_code == 429 or response.status_code >= 500 or error in _PASSING_ERRORS):
            log.warning("Reminder to %s not sent (%s): will try again next run", owner_id, error)
            return "retry"
        log.error("Reminder to %s refused by Slack: %s", owner_id, error)
        return f"failed: {error}"
    except OSError as err:
        log.warning("Reminder to %s not sent (%s): will try again next run", owner_id, err)
        return "retry"
    return "sent"
