"""The one way this app talks to Slack's Web API: the client factory, and what a failure means.

classify() sorts every failure of a Web API call into one of four verdicts, which is all a
caller needs to decide what to do next:
- GONE: the channel or person is not there for the app (not_in_channel, channel_not_found,
  is_archived, users_not_found): give up on it quietly and, where someone can fix it, say so;
- RETRY_LATER: Slack or the network is having a moment (429, 5xx, Slack's own errors, a
  dropped or timed-out connection): the same call may well work later;
- TOKEN_REFUSED: the bot token is wrong, revoked or expired: nothing will work until it is
  replaced;
- REFUSED: Slack refused this call for good (a bad argument, a missing scope …).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from http.client import HTTPException

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.config import Settings

GONE_ERRORS = frozenset(
    {"not_in_channel", "channel_not_found", "is_archived", "users_not_found", "user_not_found"}
)
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "token_revoked", "account_inactive", "not_authed", "token_expired"}
)
PASSING_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
# What a WebClient call raises when Slack refuses it or cannot be reached.
SLACK_FAILURES = (SlackApiError, OSError, HTTPException)
DEFAULT_TIMEOUT = 30  # seconds; slack_sdk's own default
# A longer Retry-After is waited out between runs of a job, not while it holds a delivery.
RATE_LIMIT_WAIT_LIMIT = 120


class Verdict(enum.Enum):
    """What a failed Web API call means for the caller (see the module docstring)."""

    GONE = "gone"
    RETRY_LATER = "retry_later"
    TOKEN_REFUSED = "token_refused"
    REFUSED = "refused"


@dataclass(frozen=True)
class SlackFailure:
    """A classified failure: its verdict, Slack's error code (None when Slack gave none), the
    HTTP status (None when Slack never answered), the seconds Slack asked us to wait, and detail:
    one line for the log and the database (the error code alone when Slack refused the call)."""

    verdict: Verdict
    error: str | None
    status: int | None
    retry_after: int
    detail: str


def classify(error: BaseException) -> SlackFailure:
    """Return the SlackFailure describing error, raised by a WebClient call.

    Anything that is neither Slack's answer nor a connection failure is RETRY_LATER with an
    "unexpected …" detail: one odd failure must not be taken as Slack's last word.
    """
    if isinstance(error, SlackApiError) and error.response is not None:
        response = error.response
        given = response.get("error")
        code = given or "error"
        status = response.status_code
        if code in TOKEN_ERRORS:
            return SlackFailure(Verdict.TOKEN_REFUSED, given, status, 0, code)
        if code in GONE_ERRORS:
            return SlackFailure(Verdict.GONE, given, status, 0, code)
        if status == 429 or status >= 500 or code in PASSING_ERRORS:
            return SlackFailure(
                Verdict.RETRY_LATER,
                given,
                status,
                retry_after(response.headers),
                f"{code} (HTTP {status})",
            )
        return SlackFailure(Verdict.REFUSED, given, status, 0, code)
    if isinstance(error, (OSError, HTTPException)):  # no answer: refused, dropped, timed out
        return SlackFailure(Verdict.RETRY_LATER, None, None, 0, f"{type(error).__name__}: {error}")
    return SlackFailure(
        Verdict.RETRY_LATER, None, None, 0, f"unexpected {type(error).__name__}: {error}"
    )


def retry_after(headers) -> int:
    """Return the whole seconds in a Retry-After header (0 when absent or not a number)."""
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list) else value
            return int(value) if str(value).isdigit() else 0
    return 0


class _BoundedRateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, declining to sleep through a Retry-After longer than the limit."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        return retry_after(response.headers) <= RATE_LIMIT_WAIT_LIMIT


def build_web_client(
    settings: Settings,
    token: str | None = None,
    *,
    exactly_once: bool = False,
    timeout: int = DEFAULT_TIMEOUT,
) -> WebClient:
    """Return a slack_sdk WebClient for SLACK_API_URL, authorised with token.

    By default it retries a dropped connection and waits out one 429. With exactly_once (for
    posts that must appear once, such as digests) a dropped connection is not retried, since
    the post may have reached the channel and only a look at its history can tell, and a 429
    is waited out twice, but only when Slack asks for RATE_LIMIT_WAIT_LIMIT seconds or fewer.
    """
    if exactly_once:
        retry_handlers = [_BoundedRateLimitRetry(max_retry_count=2)]
    else:
        retry_handlers = [
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=1),
        ]
    return WebClient(
        token=token, base_url=settings.slack_api_url, timeout=timeout, retry_handlers=retry_handlers
    )
