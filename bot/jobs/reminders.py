"""The action reminders job: claim what is due, then send each owner one direct message about
their actions and one about the impact assessments their actions need.

Claims are committed before anything is sent (see engagement/actions/reminders.py), so the job
can run twice, or in two clocks at once, and each reminder still goes once. A message Slack
refused for a passing reason (rate limit, Slack's own error, no connection) gives its claims back
for the next run; one refused for good (no such user) is recorded as failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient

from bot.blocks import actions as action_blocks
from bot.blocks import assessments as assessment_blocks
from bot.config import Settings
from bot.slack_client import SLACK_FAILURES, Verdict, build_web_client, classify
from engagement.actions.reminders import claim_due_reminders, record_outcome, release
from engagement.assessments.reminders import claim_assessment_reminders
from storage import session_scope
from storage.db import engine_for

log = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    """What one run of the job did, counted in direct messages (one per owner for actions, one
    per owner for impact assessments)."""

    sent: list[str] = field(default_factory=list)
    logged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retry_later: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line for the log and the terminal."""
        return (
            f"Action reminders: {len(self.sent)} sent, {len(self.logged)} logged (no bot token), "
            f"{len(self.failed)} failed, {len(self.retry_later)} left for the next run."
        )


def send_action_reminders(
    settings: Settings, *, at: datetime | None = None, client: WebClient | None = None
) -> ReminderRun:
    """Claim and send every action and impact assessment reminder due at `at` (default: now);
    return what happened."""
    engine = engine_for(settings.database_url)
    base_url = settings.public_base_url
    with session_scope(engine) as session:
        batches = [
            (batch, action_blocks.reminder_message(batch, public_base_url=base_url))
            for batch in claim_due_reminders(
                session,
                timezone=settings.timezone,
                stale_weeks=settings.action_stale_weeks,
                now=at,
            )
        ]
        batches += [
            (batch, assessment_blocks.assessment_reminder_message(batch, public_base_url=base_url))
            for batch in claim_assessment_reminders(session, timezone=settings.timezone, now=at)
        ]
    if client is None and settings.posting_enabled:
        client = build_web_client(settings, settings.bot_token)
    run = ReminderRun()
    for batch, body in batches:
        outcome = _send(client, batch.owner_id, body)
        with session_scope(engine) as session:
            if outcome == "retry":
                release(session, batch.reminders)
            else:
                record_outcome(session, batch.reminders, outcome)
        {"sent": run.sent, "logged": run.logged, "retry": run.retry_later}.get(
            outcome, run.failed
        ).append(batch.owner_id)
    return run


def _send(client: WebClient | None, owner_id: str, body: dict) -> str:
    if client is None:
        log.info("No SLACK_BOT_TOKEN: would send %s to %s", body["text"], owner_id)
        return "logged"
    try:
        # A user ID as the channel opens (or reuses) the app's direct message with that person.
        client.chat_postMessage(channel=owner_id, text=body["text"], blocks=body["blocks"])
    except SLACK_FAILURES as err:
        failure = classify(err)
        if failure.verdict is Verdict.RETRY_LATER:
            log.warning(
                "Reminder to %s not sent (%s): will try again next run", owner_id, failure.detail
            )
            return "retry"
        log.error("Reminder to %s refused by Slack: %s", owner_id, failure.detail)
        return f"failed: {failure.detail}"
    return "sent"
