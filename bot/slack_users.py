"""Finding Slack users: an action plan may name an owner by e-mail address instead of user ID;
and people's names, for the places Slack shows text as it is (plain text, code, form errors),
where a <@U…> mention would stay an ID."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.slack_client import SLACK_FAILURES, Verdict, classify
from engagement.actions.plan_rows import OwnerLookupFailed

log = logging.getLogger(__name__)


def email_resolver(client: WebClient) -> Callable[[str], str | None]:
    """Return resolve(address) -> the Slack user ID with that e-mail address, or None when nobody
    has it; any other failure raises OwnerLookupFailed naming Slack's error."""

    def resolve(address: str) -> str | None:
        try:
            response = client.users_lookupByEmail(email=address)
        except SlackApiError as err:
            failure = classify(err)
            if failure.verdict is Verdict.GONE:
                return None
            answer = failure.error or failure.status
            raise OwnerLookupFailed(f"users.lookupByEmail answered {answer}") from None
        except OSError as err:  # no route to Slack at all
            raise OwnerLookupFailed(f"Slack could not be reached: {err}") from None
        return (response.get("user") or {}).get("id")

    return resolve


# --- people's names ------------------------------------------------------------------------------

NAME_TTL = 6 * 3600  # seconds a name is kept before users.info is asked again
FAILURE_TTL = 300  # after a failure, the ID stands in this long before Slack is asked again


@dataclass(frozen=True)
class Person:
    """What users.info says about someone: their name, home workspace and whether they are a
    guest (single- or multi-channel) or a deleted account."""

    user_id: str
    name: str
    team_id: str = ""
    guest: bool = False
    deleted: bool = False


@dataclass
class UserNames:
    """People's names (and membership) from users.info, kept for ttl seconds and refreshed after.

    A failure of users.info (no such user, a missing scope, a rate limit, no connection) never
    reaches the caller: the ID stands in for the name, and Slack is asked again after
    failure_ttl seconds. Safe to share between threads.
    """

    ttl: float = NAME_TTL
    failure_ttl: float = FAILURE_TTL
    clock: Callable[[], float] = time.monotonic
    _names: dict[str, tuple[str, Person | None, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def name(self, client: WebClient | None, user_id: str) -> str:
        """Return the person's display name (else real name, else user name), or user_id when
        Slack cannot say."""
        if not user_id:
            return ""
        return self._lookup(client, user_id)[0]

    def person(self, client: WebClient | None, user_id: str) -> Person | None:
        """Return what Slack last said about user_id (asking when not known or stale), or None
        when Slack cannot say."""
        if not user_id:
            return None
        return self._lookup(client, user_id)[1]

    def names(self, client: WebClient | None, user_ids: Iterable[str]) -> dict[str, str]:
        """Return {user ID: name} for each distinct ID, as name() does."""
        return {uid: self.name(client, uid) for uid in dict.fromkeys(user_ids) if uid}

    def forget(self) -> None:
        """Forget every name (tests, or after a workspace change); returns nothing."""
        with self._lock:
            self._names.clear()

    def _lookup(self, client: WebClient | None, user_id: str) -> tuple[str, Person | None]:
        now = self.clock()
        with self._lock:
            known = self._names.get(user_id)
        if known is not None and known[2] > now:
            return known[0], known[1]
        found = _ask_slack(client, user_id)
        if found is None:
            # A stale name beats an ID; stale membership is kept too rather than forgotten.
            kept = (known[0], known[1]) if known is not None else (user_id, None)
            self._remember(user_id, *kept, now + self.failure_ttl)
            return kept
        self._remember(user_id, found.name, found, now + self.ttl)
        return found.name, found

    def _remember(self, user_id: str, name: str, person: Person | None, until: float) -> None:
        with self._lock:
            self._names[user_id] = (name, person, until)


def person_name(user: dict) -> str:
    """Return the name Slack shows for a users.info user: the display name, else the real name,
    else the user name; "" when it has none."""
    profile = user.get("profile") or {}
    for candidate in (
        profile.get("display_name"),
        profile.get("real_name"),
        user.get("real_name"),
        user.get("name"),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return ""


def _ask_slack(client: WebClient | None, user_id: str) -> Person | None:
    if client is None:
        return None
    try:
        response = client.users_info(user=user_id)
    except SLACK_FAILURES as err:
        log.info("users.info for %s failed: %s", user_id, classify(err).detail)
        return None
    user = response.get("user") or {}
    if not isinstance(user, dict):
        return None
    return Person(
        user_id=user_id,
        name=person_name(user) or user_id,
        team_id=str(user.get("team_id") or ""),
        guest=bool(user.get("is_restricted") or user.get("is_ultra_restricted")),
        deleted=bool(user.get("deleted")),
    )


NAMES = UserNames()  # the process's one cache, shared by every listener and job


def display_name(client: WebClient | None, user_id: str) -> str:
    """Return the person's name from the shared cache (users.info when not known or stale), or
    user_id when Slack cannot say."""
    return NAMES.name(client, user_id)


NAME_TIMEOUT = 5  # seconds: a page waiting on Slack for a name shows the ID instead


def name_resolver(settings: Settings) -> Callable[[str], str]:
    """Return name_of(user_id) -> the person's name from the shared cache, or the ID when Slack
    cannot say or no bot token is set; for code that cannot reach Slack itself (the officer web
    pages, given it by the app)."""
    client = (
        WebClient(token=settings.bot_token, base_url=settings.slack_api_url, timeout=NAME_TIMEOUT)
        if settings.posting_enabled
        else None
    )
    return lambda user_id: display_name(client, user_id)
