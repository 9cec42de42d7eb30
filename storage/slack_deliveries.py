"""The Slack deliveries already claimed (processed_slack_requests): claim one, release it, and
purge old claims. bot/retries.py decides what a delivery is and when these run."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from storage.base import utcnow
from storage.db import session_scope
from storage.models import ProcessedSlackRequest


def claim_delivery(engine: Engine, kind: str, key: str) -> bool:
    """Record key as processed, committed at once; return True if this is its first delivery,
    False if another worker or an earlier delivery claimed it first."""
    # The unique key decides between racing workers, on SQLite and PostgreSQL alike.
    try:
        with session_scope(engine) as session:
            session.add(ProcessedSlackRequest(key=key, kind=kind))
    except IntegrityError:
        return False
    return True


def release_delivery(engine: Engine, key: str) -> None:
    """Forget the claim of key, so a later delivery of it is processed again; returns nothing."""
    with session_scope(engine) as session:
        session.execute(delete(ProcessedSlackRequest).where(ProcessedSlackRequest.key == key))


def purge_deliveries(engine: Engine, older_than: timedelta) -> int:
    """Delete claims received more than older_than ago; return how many were removed."""
    cutoff = utcnow() - older_than
    with session_scope(engine) as session:
        result = session.execute(
            delete(ProcessedSlackRequest).where(ProcessedSlackRequest.received_at < cutoff)
        )
        return result.rowcount or 0
