"""The attack on the running app, as helpers shared by the reliability tests (tests/reliability,
in-process, counts for `make test`) and the soak (bench/soak.py, the real app under gunicorn,
larger counts). Each returns figures: what was tried and what came of it.

The requests themselves come from the request-guard tests (tests/bot/test_request_guard.py),
the hostile text from the injection and abuse tests; this module only counts.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests.bot.test_request_guard import (
    garbled_bodies,
    is_utf8,
    malformed_events,
    malformed_payloads,
    real_requests,
    sign_bytes,
)
from tests.slack_helpers import FORM, SIGNING_SECRET, interaction_body

JSON = "application/json"
BAD_TIMESTAMPS = ["abc", "1e9", " 1", "١٢٣", "-5", "", "9" * 40]
# Slack's own examples of text that would ping, mention or link if sent unescaped.
LIVE_TOKEN = re.compile(r"<[^<>]*>")


def scale() -> int:
    """Return how many times the reliability tests multiply their counts: 1 in `make test`,
    more in the soak (FAIRER_RELIABILITY_SCALE)."""
    return max(1, int(os.environ.get("FAIRER_RELIABILITY_SCALE", "1")))


@dataclass(frozen=True)
class Forged:
    """One request no app should act on: kind is "forged", "replayed" or "malformed"; expected
    the status the guard gives it (401 or 400)."""

    kind: str
    name: str
    body: bytes
    headers: dict[str, str]
    expected: int


def _headers(content_type: str, timestamp, signature) -> dict[str, str]:
    found = {"Content-Type": content_type}
    if timestamp is not None:
        found["X-Slack-Request-Timestamp"] = str(timestamp)
    if signature is not None:
        found["X-Slack-Signature"] = signature
    return found


def forged_requests(
    *, secret: str = SIGNING_SECRET, response_url: str = "https://hooks.slack.test/r/1"
) -> list[Forged]:
    """Return one round (about 2,200) of forged, replayed and malformed requests, timed now:
    every real kind of request (commands, clicks, modal submissions, events) and every garbled or
    wrongly shaped body, unsigned, wrongly signed, stale, re-signed for another body, and
    correctly signed but malformed."""
    now = int(time.time())
    originals = [(n, b.encode(), ct) for n, b, ct in real_requests(response_url)]
    garbled = garbled_bodies()
    payloads = [(n, interaction_body(p).encode(), FORM) for n, p in malformed_payloads()]
    events = [(n, b.encode(), JSON) for n, b in malformed_events()]
    found: list[Forged] = []
    for index, (name, body, content_type) in enumerate(originals + garbled + payloads + events):
        ts = str(now)
        verified = 401 if is_utf8(body) else 400  # a body that is not UTF-8 is malformed first
        bad_ts = BAD_TIMESTAMPS[index % len(BAD_TIMESTAMPS)]
        for label, headers, expected in (
            ("unsigned", _headers(content_type, None, None), 401),
            ("no signature", _headers(content_type, ts, None), 401),
            ("no timestamp", _headers(content_type, None, sign_bytes(body, ts, secret)), 401),
            ("other secret", _headers(content_type, ts, sign_bytes(body, ts, "nope")), verified),
            ("zero signature", _headers(content_type, ts, "v0=" + "0" * 64), verified),
            ("non-ASCII signature", _headers(content_type, ts, "v0=" + "é" * 64), 401),
            ("bad timestamp", _headers(content_type, bad_ts, "v0=" + "a" * 64), 401),
        ):
            found.append(Forged("forged", f"{label}: {name}", body, headers, expected))
    for name, body, content_type in originals:
        for age in (6 * 60, 3600, 86_400, -10 * 60):
            ts = str(now - age)
            headers = _headers(content_type, ts, sign_bytes(body, ts, secret))
            found.append(Forged("replayed", f"stale {age} s: {name}", body, headers, 401))
        signature = sign_bytes(body, str(now), secret)
        changed = (body + b"&x=1", body.replace(b"E", b"F", 1), body[:-1], b" " + body)
        for other in changed:
            headers = _headers(content_type, now, signature)
            found.append(Forged("replayed", f"signature moved: {name}", other, headers, 401))
        headers = _headers(content_type, now - 1, signature)
        found.append(Forged("replayed", f"signature, new timestamp: {name}", body, headers, 401))
    for name, body, content_type in garbled + payloads + events:
        headers = _headers(content_type, now, sign_bytes(body, str(now), secret))
        found.append(Forged("malformed", f"signed {name}", body, headers, 400))
    return found


def real_signed_requests(
    *, secret: str = SIGNING_SECRET, response_url: str = "https://hooks.slack.test/r/1"
) -> list[tuple[bytes, dict[str, str]]]:
    """Return the real requests the forgeries were made from, properly signed now: the control
    that shows the counting would notice a request being processed."""
    now = str(int(time.time()))
    return [
        (body.encode(), _headers(ct, now, sign_bytes(body.encode(), now, secret)))
        for _n, body, ct in real_requests(response_url)
    ]


def send_forged(
    post: Callable[[Forged], tuple[int, bytes]], requests: Iterable[Forged], *, threads: int = 1
) -> dict:
    """Send each request with post (returning status and body); return the figures: sent (by
    kind), statuses, processed (answered 2xx), 5xx, with a traceback, and not given the status
    expected."""
    requests = list(requests)
    statuses: Counter = Counter()
    kinds: Counter = Counter()
    unexpected: list[str] = []
    tracebacks = 0
    lock = threading.Lock()
    queue = iter(requests)

    def worker() -> None:
        nonlocal tracebacks
        while True:
            with lock:
                forged = next(queue, None)
            if forged is None:
                return
            try:
                status, body = post(forged)
            except Exception as error:  # noqa: BLE001 - counted: the request could not be sent
                status, body = 0, repr(error).encode()
            with lock:
                statuses[status] += 1
                kinds[forged.kind] += 1
                tracebacks += b"Traceback" in body
                if status != forged.expected and len(unexpected) < 20:
                    unexpected.append(f"{forged.name}: {status}, expected {forged.expected}")

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return {
        "sent": sum(statuses.values()) - statuses[0],
        "not_sent": statuses[0],
        "by_kind": dict(kinds),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "processed": sum(n for status, n in statuses.items() if 200 <= status < 300),
        "5xx": sum(n for status, n in statuses.items() if status >= 500),
        "tracebacks": tracebacks,
        "unexpected_status": unexpected,
    }


def hostile_tokens(text: str) -> list[str]:
    """Return the tokens (`<!channel>`, `<http://x|y>` …) in a hostile string, as Slack would
    read them if they were sent unescaped."""
    return LIVE_TOKEN.findall(text)


def inert_count(shown: Iterable[str], tokens: Iterable[str]) -> int:
    """Return how many times the tokens appear, escaped (&lt;…&gt;) and so inert, in the texts
    shown."""
    escaped = [t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for t in tokens]
    return sum(text.count(e) for text in shown for e in escaped)


def live_count(shown: Iterable[str], tokens: Iterable[str]) -> int:
    """Return how many times the tokens appear as they are, unescaped and so live, in the texts
    shown (this also catches tokens the app makes itself, such as `<!date^…>`, which a pattern
    for "tokens that are not ours" lets through)."""
    tokens = list(tokens)
    return sum(text.count(t) for text in shown for t in tokens)
