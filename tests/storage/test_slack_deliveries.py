"""A Slack delivery is claimed once however many workers race for it, and old claims are purged
(SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

from storage import session_scope
from storage.db import engine_for
from storage.models import ProcessedSlackRequest, utcnow
from storage.slack_deliveries import claim_delivery, purge_deliveries, release_delivery


def test_claims_are_exclusive_under_concurrency(db_url):
    engine = engine_for(db_url)
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def attempt():
        barrier.wait()
        results.append(claim_delivery(engine, "event", "event:EvRACE"))

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


def test_a_released_claim_can_be_claimed_again(db_url):
    engine = engine_for(db_url)
    assert claim_delivery(engine, "event", "event:EvFAILED") is True

    release_delivery(engine, "event:EvFAILED")

    assert claim_delivery(engine, "event", "event:EvFAILED") is True
    assert claim_delivery(engine, "event", "event:EvFAILED") is False


def test_old_claims_are_purged_and_recent_ones_kept(db_url):
    engine = engine_for(db_url)
    with session_scope(engine) as session:
        session.add(
            ProcessedSlackRequest(
                key="event:EvOLD", kind="event", received_at=utcnow() - timedelta(days=2)
            )
        )
        session.add(ProcessedSlackRequest(key="event:EvNEW", kind="event"))

    assert purge_deliveries(engine, timedelta(days=1)) == 1
    assert claim_delivery(engine, "event", "event:EvOLD") is True
    assert claim_delivery(engine, "event", "event:EvNEW") is False
