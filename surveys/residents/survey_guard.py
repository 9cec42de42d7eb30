"""Abuse control for the public survey forms that shuts nobody out.

- A token bucket per client, in this process's memory only. Clients are told apart by a hash
  of their address with a salt made fresh when the process starts: no address (and no user
  agent) is ever stored, logged or written anywhere, and the hashes mean nothing after a restart.
  The bucket is generous (a family on one home connection, a class in one school), so only a
  flood is slowed, and only for a minute; nothing anyone typed is lost meanwhile.
- A honeypot field that people never see: a form with it filled in came from a robot, which is
  told its answers were sent and nothing is stored.
- Request size limits: a survey form may be up to 2 MB, so that an over-long answer gets the
  GOV.UK error on its question rather than an error page.

Settings (app.config, else the environment): FAIRER_SURVEY_RATE_LIMIT = "BURST/PER_MINUTE"
(default "60/30": 60 posts at once, then 30 a minute) or "off".
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from collections import OrderedDict

from flask import current_app, request

HONEYPOT_FIELD = "website"
DEFAULT_RATE = "60/30"
MAX_SURVEY_POST = 2 * 1024 * 1024
MAX_CLIENTS = 50_000  # buckets kept; the least recently seen are forgotten first


class TokenBucket:
    """Allows a burst of `burst` requests per client, refilled at `per_minute` a minute."""

    def __init__(
        self, burst: int, per_minute: float, *, clock=time.monotonic, max_clients: int = MAX_CLIENTS
    ):
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[bytes, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: bytes) -> float:
        """Take a token for client; return 0 if allowed, else the seconds until one is free."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate if self.rate else 60.0
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait


_SALT = secrets.token_bytes(16)
_buckets: dict[str, TokenBucket] = {}
_buckets_lock = threading.Lock()


def client_key(address: str | None) -> bytes:
    """Return an anonymous key for a client address: a salted hash, never the address itself."""
    return hashlib.blake2b((address or "").encode(), key=_SALT, digest_size=16).digest()


def _setting() -> str:
    value = current_app.config.get("FAIRER_SURVEY_RATE_LIMIT") or os.environ.get(
        "FAIRER_SURVEY_RATE_LIMIT"
    )
    return str(value or DEFAULT_RATE).strip().lower()


def _bucket_for(setting: str) -> TokenBucket | None:
    if setting in ("off", "0", "none"):
        return None
    with _buckets_lock:
        bucket = _buckets.get(setting)
        if bucket is None:
            try:
                burst, per_minute = (float(part) for part in setting.split("/", 1))
            except ValueError:
                burst, per_minute = (float(part) for part in DEFAULT_RATE.split("/"))
            bucket = _buckets[setting] = TokenBucket(int(burst), per_minute)
        return bucket


def seconds_to_wait() -> int:
    """Take a token for this request's client; return 0 if it may go ahead,
    else whole seconds to wait."""
    bucket = _bucket_for(_setting())
    if bucket is None:
        return 0
    wait = bucket.allow(client_key(request.remote_addr))
    return int(wait) + 1 if wait else 0


def reset_rate_limits() -> None:
    """Forget every client's bucket (tests start from a clean slate); returns None."""
    with _buckets_lock:
        _buckets.clear()


def caught_by_honeypot(form) -> bool:
    """Return whether the field people never see was filled in."""
    return bool(str(form.get(HONEYPOT_FIELD, "")).strip())


def allow_large_form() -> None:
    """Let this request's form be up to MAX_SURVEY_POST bytes, so an over-long answer can be
    refused on its question; call before reading request.form; returns None."""
    request.max_content_length = MAX_SURVEY_POST
    request.max_form_memory_size = MAX_SURVEY_POST
