"""The weekly digests job: claim what is due, then post each digest to its channel exactly once.

Claims and leases live in the database (engagement/digests/deliveries.py). Each message carries
its delivery key in Slack message metadata, so a delivery whose earlier attempt may have posted
(the clock died, the answer timed out, the connection dropped) is first looked for in the
channel's history and only posted if it is not there.

What Slack says (as bot/slack_client.py classifies it) decides what happens next:
- 429: the client waits for a short Retry-After and tries again, a later run after a long one;
- 5xx, timeouts, dropped connections: a later run tries again, 5, 15 then 45 minutes on;
- not_in_channel, channel_not_found, is_archived: the subscription is paused and whoever
  subscribed is told in a direct message;
- a refused token: logged once per process, and no more digests are tried until restart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient

from bot.blocks.digest import digest_message
from bot.blocks.digest_chart import digest_chart
from bot.blocks.digest_command import paused_message
from bot.config import Settings
from bot.slack_client import SLACK_FAILURES, Verdict, build_web_client, classify
from engagement.digests.content import DigestContent, compose_digest
from engagement.digests.deliveries import (
    EVENT_TYPE,
    WORKER,
    DeliveryTask,
    claim_chart,
    claim_due,
    due_digests,
    fail,
    give_back,
    mark_logged,
    mark_sent,
    pause,
    record_chart,
    retry_later,
    take_next,
    window,
)
from engagement.digests.subscriptions import SubscriptionView
from storage import session_scope
from storage.base import utcnow
from storage.db import engine_for

log = logging.getLogger(__name__)
HISTORY_MARGIN = timedelta(minutes=5)  # our clock and Slack's may disagree a little
HISTORY_PAGES = 10
MAX_PER_RUN = 500
_refused_tokens: set[str] = (
    set()
)  # tokens Slack refused in this process: logged once, not tried again


@dataclass
class DigestRun:
    """What one run did, by delivery key; previews holds (subscription, period, message) for a
    dry run."""

    sent: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    logged: list[str] = field(default_factory=list)
    retry_later: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    previews: list[tuple[SubscriptionView, str, dict]] = field(default_factory=list)
    token_refused: bool = False

    @property
    def idle(self) -> bool:
        """Return True when the run found nothing to do."""
        return not (
            self.sent
            or self.recovered
            or self.logged
            or self.retry_later
            or self.abandoned
            or self.paused
            or self.failed
            or self.token_refused
        )

    def summary(self) -> str:
        """Return one line for the log and the terminal."""
        line = (
            f"Digests: {len(self.sent)} sent, {len(self.recovered)} found already posted, "
            f"{len(self.logged)} logged (no bot token), {len(self.retry_later)} to retry, "
            f"{len(self.paused)} paused, {len(self.failed) + len(self.abandoned)} failed."
        )
        return line + (" Slack refused the bot token." if self.token_refused else "")


def find_posted(client: WebClient, task: DeliveryTask) -> str | None:
    """Return the ts of the message carrying task's key in its channel since it was claimed, or
    None."""
    oldest = f"{(task.claimed_at - HISTORY_MARGIN).timestamp():.6f}"
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(
            channel=task.subscription.channel_id,
            oldest=oldest,
            limit=200,
            include_all_metadata=True,
            cursor=cursor,
        )
        for found in page.get("messages") or []:
            metadata = found.get("metadata") or {}
            if (
                metadata.get("event_type") == EVENT_TYPE
                and (metadata.get("event_payload") or {}).get("delivery") == task.key
            ):
                return found.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return None
    log.warning(
        "Digest %s: more than %d pages of history since the claim; assuming it was not posted",
        task.key,
        HISTORY_PAGES,
    )
    return None


class _Run:
    """One run's shared state: where to send, what to compose with, what happened."""

    def __init__(self, settings: Settings, client: WebClient | None, now: datetime, worker: str):
        self.settings, self.client, self.now, self.worker = settings, client, now, worker
        self.engine = engine_for(settings.database_url)
        self.report = DigestRun()

    def compose(
        self, subscription: SubscriptionView, since: datetime, until: datetime, first: bool
    ) -> DigestContent:
        """Return the digest's content for the week from since to until."""
        with session_scope(self.engine) as session:
            return compose_digest(
                session,
                subscription,
                since=since,
                until=until,
                timezone=self.settings.timezone,
                scope=self.settings.local_authorities,
                first=first,
            )

    def body(self, content: DigestContent) -> dict:
        """Return the message body {"text", "blocks"} of a digest."""
        return digest_message(
            content, public_base_url=self.settings.public_base_url, timezone=self.settings.timezone
        )

    def settle(self, record, task: DeliveryTask, **options):
        """Call record(session, task, **options) in its own transaction; return what it returns."""
        with session_scope(self.engine) as session:
            return record(session, task, **options)

    def deliver(self, task: DeliveryTask) -> bool:
        """Send one leased digest; return False when the run must stop (the token was refused)."""
        if self.client is None:
            log.info(
                "No SLACK_BOT_TOKEN: digest %s for %s not sent:\n%s",
                task.key,
                task.subscription.channel_id,
                self.body(self.compose(task.subscription, task.since, task.until, task.first))[
                    "text"
                ],
            )
            self.settle(mark_logged, task)
            self.report.logged.append(task.key)
            return True
        try:
            if task.may_exist and (ts := find_posted(self.client, task)):
                self.settle(mark_sent, task, ts=ts)
                log.info(
                    "Digest %s was already in the channel (ts %s): not posted again", task.key, ts
                )
                self.report.recovered.append(task.key)
                return True
            content = self.compose(task.subscription, task.since, task.until, task.first)
            body = self.body(content)
            posted = self.client.chat_postMessage(
                channel=task.subscription.channel_id,
                text=body["text"],
                blocks=body["blocks"],
                metadata={"event_type": EVENT_TYPE, "event_payload": {"delivery": task.key}},
                unfurl_links=False,
                unfurl_media=False,
            )
        except (
            Exception
        ) as error:  # every failure is sorted below; one digest must not stop the rest
            return self.failed(task, error)
        self.settle(mark_sent, task, ts=posted["ts"])
        self.report.sent.append(task.key)
        self.send_chart(task, content, posted["ts"])
        return True

    def failed(self, task: DeliveryTask, error: Exception) -> bool:
        """Record what a failure means for the delivery; return False when the run must stop."""
        failure = classify(error)
        code = failure.detail
        if failure.verdict is Verdict.TOKEN_REFUSED:
            self.settle(give_back, task, error=code, now=self.now)
            if self.settings.bot_token not in _refused_tokens:
                _refused_tokens.add(self.settings.bot_token)
                log.error(
                    "Slack refused the bot token (%s): no digests will be sent until "
                    "SLACK_BOT_TOKEN is replaced and the clock restarted.",
                    code,
                )
            self.report.token_refused = True
            return False
        if failure.verdict is Verdict.GONE:
            self.settle(pause, task, reason=code, now=self.now)
            log.warning("Digest %s paused: %s in %s", task.key, code, task.subscription.channel_id)
            self.report.paused.append(task.key)
            self.tell_subscriber(task.subscription, code)
        elif failure.verdict is Verdict.REFUSED:
            self.settle(fail, task, error=code)
            log.error("Digest %s refused by Slack: %s", task.key, code)
            self.report.failed.append(task.key)
        elif (
            self.settle(
                retry_later,
                task,
                error=code,
                now=self.now,
                wait_at_least=timedelta(seconds=failure.retry_after),
            )
            == "retry"
        ):
            log.warning(
                "Digest %s not sent (attempt %d: %s): a later run tries again",
                task.key,
                task.attempt,
                code,
            )
            self.report.retry_later.append(task.key)
        else:
            log.error("Digest %s abandoned after %d attempts: %s", task.key, task.attempt, code)
            self.report.abandoned.append(task.key)
        if code.startswith("unexpected"):
            log.error("Digest %s failed unexpectedly", task.key, exc_info=error)
        return True

    def tell_subscriber(self, subscription: SubscriptionView, reason: str) -> None:
        """Send the subscriber a direct message saying their digest is paused; returns nothing."""
        body = paused_message(subscription, reason)
        try:
            self.client.chat_postMessage(
                channel=subscription.subscribed_by, text=body["text"], blocks=body["blocks"]
            )
        except SLACK_FAILURES as err:
            log.warning(
                "Could not tell %s that their digest is paused: %s", subscription.subscribed_by, err
            )

    def send_chart(self, task: DeliveryTask, content: DigestContent, ts: str) -> None:
        """Upload the digest's chart, if it has one, into its thread, at most once; returns
        nothing."""
        chart = digest_chart(content)
        if chart is None or not self.settle(claim_chart, task):
            return
        state = "sent"
        try:
            self.client.files_upload_v2(
                channel=task.subscription.channel_id,
                thread_ts=ts,
                file=chart.png,
                filename="agreement.png",
                title=chart.title,
                alt_txt=chart.alt_text,
            )
        except (
            Exception
        ) as err:  # the digest is out already; a missing chart is logged, never retried
            log.warning("Chart for digest %s not uploaded: %s", task.key, err)
            state = "failed"
        self.settle(record_chart, task, state=state)


def run_digests(
    settings: Settings,
    *,
    at: datetime | None = None,
    client: WebClient | None = None,
    dry_run: bool = False,
    worker: str = WORKER,
) -> DigestRun:
    """Send every digest due at `at` (default: now), each exactly once; return what happened.

    dry_run composes the digests that are due and returns them in previews, claiming nothing.
    """
    now = (at or utcnow()).astimezone(UTC)
    if dry_run:
        return _preview(settings, now)
    if settings.bot_token in _refused_tokens:
        return DigestRun(token_refused=True)
    if client is None and settings.posting_enabled:
        client = build_web_client(settings, settings.bot_token, exactly_once=True)
    run = _Run(settings, client, now, worker)
    with session_scope(run.engine) as session:
        claim_due(session, now=now, worker=worker)
    for _ in range(MAX_PER_RUN):
        with session_scope(run.engine) as session:
            task = take_next(session, now=now, worker=worker)
        if task is None or not run.deliver(task):
            break
    return run.report


def _preview(settings: Settings, now: datetime) -> DigestRun:
    run = _Run(settings, None, now, WORKER)
    with session_scope(run.engine) as session:
        due = due_digests(session, now=now)
    for subscription, period in due:
        since, until, first = window(subscription, period)
        run.report.previews.append(
            (subscription, period, run.body(run.compose(subscription, since, until, first)))
        )
    return run.report
