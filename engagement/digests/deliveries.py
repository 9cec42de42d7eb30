"""Claiming weekly digests so each is delivered exactly once, whatever the clock or Slack does.

1. claim_due inserts a (subscription, period) row for every digest due; the unique key means a
   second clock's insert does nothing.
2. take_next leases one claimed delivery: a single UPDATE moves next_attempt_at past the lease
   and counts the attempt, and only the clock whose UPDATE changed the row sends it. The
   attempt is committed before anything is posted, so attempts > 0 says a message may exist.
3. The caller records the outcome: sent (with Slack's ts), retry later with backoff, paused,
   failed, or given back untouched when the token was refused.

A crash anywhere leaves a claimed row whose lease runs out; the next run takes it again and,
if an attempt had begun, first looks for the message in the channel before posting.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engagement.digests.schedule import due_slot, period_key, previous_slot, slot_of
from engagement.digests.subscriptions import SubscriptionView, subscription_view
from storage.base import stored_utc, utcnow
from storage.digest_models import DigestDelivery, DigestSubscription
from storage.upsert import insert_if_absent

# Longer than one attempt can take (history pages, 30 s timeouts, Retry-After waits of up to two
# minutes), so a lease never runs out under a clock that is still sending.
LEASE = timedelta(minutes=15)
BACKOFF = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=45))
MAX_ATTEMPTS = len(BACKOFF) + 1
EVENT_TYPE = "fairer_digest"
WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class DeliveryTask:
    """One digest leased to this clock: what to send, where, and whether a message may exist
    already.

    since/until: the week the digest covers (the last digest's slot, exclusive, to this slot).
    may_exist: an earlier attempt began, so the channel must be searched before posting.
    """

    delivery_id: int
    key: str
    subscription: SubscriptionView
    period: str
    since: datetime
    until: datetime
    attempt: int
    may_exist: bool
    claimed_at: datetime
    first: bool


def delivery_key(subscription_id: int, period: str) -> str:
    """Return the key a digest's message carries in its metadata: "<subscription id>/<period>"."""
    return f"{subscription_id}/{period}"


def _due(session: Session, now: datetime) -> list[tuple[DigestSubscription, datetime]]:
    pending = set(
        session.scalars(
            select(DigestDelivery.subscription_id).where(DigestDelivery.state == "claimed")
        )
    )
    found = []
    for row in session.scalars(
        select(DigestSubscription)
        .where(DigestSubscription.paused_at.is_(None))
        .order_by(DigestSubscription.id)
    ):
        if row.id in pending:
            continue  # the older digest goes first; this slot is claimed once it is settled
        view = subscription_view(row, now)
        slot = due_slot(
            view.schedule, now=now, created_at=view.created_at, last_period=row.last_period
        )
        if slot is not None:
            found.append((row, slot))
    return found


def due_digests(
    session: Session, *, now: datetime | None = None
) -> list[tuple[SubscriptionView, str]]:
    """Return (subscription, period) for every digest due at now that is not claimed yet;
    writes nothing."""
    moment = now or utcnow()
    due = [(row, period_key(slot)) for row, slot in _due(session, moment)]
    taken = {
        tuple(row)
        for row in session.execute(
            select(DigestDelivery.subscription_id, DigestDelivery.period).where(
                DigestDelivery.period.in_({period for _row, period in due} or {""})
            )
        )
    }
    return [
        (subscription_view(row, moment), period)
        for row, period in due
        if (row.id, period) not in taken
    ]


def claim_due(session: Session, *, now: datetime | None = None, worker: str = WORKER) -> int:
    """Insert a claim for every digest due at now; return how many this call inserted.

    The caller commits before anything is sent.
    """
    moment = (now or utcnow()).astimezone(UTC)
    inserted = 0
    for row, slot in _due(session, moment):
        inserted += insert_if_absent(
            session,
            DigestDelivery.__table__,
            {
                "subscription_id": row.id,
                "period": period_key(slot),
                "state": "claimed",
                "attempts": 0,
                "next_attempt_at": moment,
                "claimed_by": worker,
                "claimed_at": utcnow(),
            },
        )
    return inserted


def window(subscription: SubscriptionView, period: str) -> tuple[datetime, datetime, bool]:
    """Return (since, until, first) for the digest of period: since the last one sent, or a week."""
    until = slot_of(period)
    if subscription.last_period and slot_of(subscription.last_period) < until:
        return slot_of(subscription.last_period), until, False
    return previous_slot(subscription.schedule, until), until, subscription.last_period is None


def take_next(
    session: Session, *, now: datetime | None = None, worker: str = WORKER
) -> DeliveryTask | None:
    """Lease the next claimed delivery that is ready at now, oldest first; return it, or None.

    The caller commits before sending: the lease and the counted attempt must be on disk first.
    """
    moment = (now or utcnow()).astimezone(UTC)
    ready = (
        session.execute(
            select(DigestDelivery.id)
            .join(DigestSubscription, DigestSubscription.id == DigestDelivery.subscription_id)
            .where(
                DigestDelivery.state == "claimed",
                DigestDelivery.next_attempt_at <= moment,
                DigestSubscription.paused_at.is_(None),
            )
            .order_by(DigestDelivery.next_attempt_at, DigestDelivery.id)
            .limit(10)
        )
        .scalars()
        .all()
    )
    for delivery_id in ready:
        leased = session.execute(
            update(DigestDelivery)
            .where(
                DigestDelivery.id == delivery_id,
                DigestDelivery.state == "claimed",
                DigestDelivery.next_attempt_at <= moment,
            )
            .values(
                next_attempt_at=moment + LEASE,
                claimed_by=worker,
                attempts=DigestDelivery.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if leased.rowcount != 1:
            continue  # another clock leased it between the SELECT and the UPDATE
        delivery = session.get(DigestDelivery, delivery_id, populate_existing=True)
        subscription = subscription_view(
            session.get(DigestSubscription, delivery.subscription_id), moment
        )
        since, until, first = window(subscription, delivery.period)
        return DeliveryTask(
            delivery_id=delivery.id,
            key=delivery_key(subscription.id, delivery.period),
            subscription=subscription,
            period=delivery.period,
            since=since,
            until=until,
            attempt=delivery.attempts,
            may_exist=delivery.attempts > 1,
            claimed_at=stored_utc(delivery.claimed_at),
            first=first,
        )
    return None


def _settle(session: Session, task: DeliveryTask, **values) -> None:
    session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id == task.delivery_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def _advance(session: Session, task: DeliveryTask) -> None:
    # Only forward: the next digest covers what changed since this one's slot.
    row = session.get(DigestSubscription, task.subscription.id)
    if row is not None and (
        row.last_period is None or slot_of(row.last_period) < slot_of(task.period)
    ):
        row.last_period = task.period


def mark_sent(
    session: Session, task: DeliveryTask, *, ts: str, now: datetime | None = None
) -> None:
    """Record that the digest is in the channel as message ts; returns nothing."""
    _settle(
        session,
        task,
        state="sent",
        message_ts=ts,
        sent_at=(now or utcnow()).astimezone(UTC),
        error=None,
    )
    _advance(session, task)


def mark_logged(session: Session, task: DeliveryTask) -> None:
    """Record a digest written to the log because no bot token is configured; returns nothing."""
    _settle(session, task, state="logged", error="no SLACK_BOT_TOKEN: logged, not sent")
    _advance(session, task)


def retry_later(
    session: Session,
    task: DeliveryTask,
    *,
    error: str,
    now: datetime | None = None,
    wait_at_least: timedelta = timedelta(0),
) -> str:
    """Leave the delivery for a later run after a passing failure; return "retry" or, after
    MAX_ATTEMPTS attempts, "abandoned"."""
    moment = (now or utcnow()).astimezone(UTC)
    if task.attempt >= MAX_ATTEMPTS:
        _settle(session, task, state="abandoned", error=error[:500])
        return "abandoned"
    wait = max(BACKOFF[task.attempt - 1], wait_at_least)
    _settle(session, task, next_attempt_at=moment + wait, error=error[:500])
    return "retry"


def give_back(
    session: Session,
    task: DeliveryTask,
    *,
    error: str,
    now: datetime | None = None,
    wait: timedelta = BACKOFF[0],
) -> None:
    """Return a delivery untouched by Slack (the token was refused): the attempt is not counted."""
    moment = (now or utcnow()).astimezone(UTC)
    _settle(
        session,
        task,
        attempts=DigestDelivery.attempts - 1,
        next_attempt_at=moment + wait,
        error=error[:500],
    )


def fail(session: Session, task: DeliveryTask, *, error: str) -> None:
    """Record a digest Slack refused for good (its blocks, say); returns nothing."""
    _settle(session, task, state="failed", error=error[:500])


def pause(
    session: Session, task: DeliveryTask, *, reason: str, now: datetime | None = None
) -> None:
    """Pause the subscription (the bot cannot post in its channel) and fail this delivery;
    returns nothing."""
    moment = (now or utcnow()).astimezone(UTC)
    fail(session, task, error=reason)
    row = session.get(DigestSubscription, task.subscription.id)
    if row is not None and row.paused_at is None:
        row.paused_at, row.pause_reason = moment, reason[:60]


def claim_chart(session: Session, task: DeliveryTask) -> bool:
    """Claim the chart of a sent digest; return True if this call claimed it (charts go
    at most once)."""
    claimed = session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id == task.delivery_id, DigestDelivery.chart_state.is_(None))
        .values(chart_state="claimed")
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def record_chart(session: Session, task: DeliveryTask, state: str) -> None:
    """Record what became of a digest's chart: "sent" or "failed"; returns nothing."""
    _settle(session, task, chart_state=state)


def delivery_states(session: Session) -> list[tuple[int, str, str, int, str | None]]:
    """Return every delivery as (subscription_id, period, state, attempts, message_ts),
    oldest first."""
    return [
        tuple(row)
        for row in session.execute(
            select(
                DigestDelivery.subscription_id,
                DigestDelivery.period,
                DigestDelivery.state,
                DigestDelivery.attempts,
                DigestDelivery.message_ts,
            ).order_by(DigestDelivery.id)
        )
    ]
