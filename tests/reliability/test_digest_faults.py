"""Digests sent through the fake Slack's faults: delivered and duplicated. Every channel's digest
must arrive exactly once: through 429s with Retry-After, 500s and 503s, connections dropped before
and after Slack acted, answers slower than the client waits, and two clocks running each tick.
The runs are the digest tests' (tests/bot/jobs/test_digests.py), here with many channels and the
faults mixed."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from bot.jobs import digests as digest_job
from tests.bot.jobs.test_digests import T, make_settings, run, subscribe
from tests.concurrency import run_at_once
from tests.reliability.attacks import scale

CHANNELS = 12
# When each clock wakes after the digests fall due: the job's back-off is 5, 15 and 45 minutes.
TICKS = [T + timedelta(minutes=m) for m in (0, 1, 5, 6, 20, 21, 65, 66, 130)]


def queue_faults(fake_slack) -> int:
    """Queue a mix of faults for chat.postMessage; return how many."""
    faults = [
        lambda: fake_slack.rate_limit("chat.postMessage", retry_after=1),
        lambda: fake_slack.server_error("chat.postMessage"),
        lambda: fake_slack.drop("chat.postMessage"),
        lambda: fake_slack.drop("chat.postMessage", processed=True),
        lambda: fake_slack.slow("chat.postMessage", 1.5),  # the client waits 1 s
        lambda: fake_slack.server_error("chat.postMessage", status=503),
        lambda: fake_slack.rate_limit("chat.postMessage", retry_after=1),
    ]
    for fault in faults:
        fault()
    return len(faults)


@pytest.fixture(autouse=True)
def no_refused_tokens(monkeypatch):
    monkeypatch.setattr(digest_job, "_refused_tokens", set())


def test_every_digest_is_delivered_exactly_once_through_faults(db_url, fake_slack, figures):
    channels = [f"C0FAULT{i:04d}" for i in range(CHANNELS * scale())]
    for channel in channels:
        subscribe(db_url, channel_id=channel)
    settings = make_settings(db_url, fake_slack)
    faults = queue_faults(fake_slack)
    abandoned = []
    for tick in TICKS:
        reports = run_at_once(
            [lambda tick=tick, n=n: run(settings, at=tick, worker=f"clock-{n}") for n in (1, 2)],
            timeout=60,
        )
        abandoned += [key for report in reports for key in report.abandoned]
    digests = Counter(
        channel
        for channel in channels
        for message in fake_slack.messages_in(channel)
        if (message.get("metadata") or {}).get("event_type") == "fairer_digest"
    )
    record = figures(
        channels=len(channels),
        faults=faults,
        delivered=len(digests),
        duplicated=sum(n - 1 for n in digests.values()),
        abandoned=len(abandoned),
        post_calls=len(fake_slack.calls_to("chat.postMessage")),
    )

    assert record["delivered"] == len(channels)
    assert record["duplicated"] == 0 and record["abandoned"] == 0
