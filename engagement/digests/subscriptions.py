"""`/digest subscribe | list | unsubscribe`: which channels get a weekly digest, about what, when.

A channel has at most one subscription per scope (everything, an area, an action theme or a
survey). Subscribing again to the same scope changes its schedule and resumes it if it was paused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement.actions.plans import themes
from engagement.areas.index import normalise
from engagement.areas.lookup import look_up_area
from engagement.digests.schedule import (
    DEFAULT_TIME,
    DEFAULT_WEEKDAY,
    Schedule,
    next_slot,
    parse_time,
    parse_weekday,
)
from engagement.model import AreaSummary
from storage.base import stored_utc, utcnow
from storage.digest_models import DigestSubscription
from storage.survey_models import Survey

ScopeKind = Literal["all", "area", "theme", "survey"]
SUBSCRIBE_WORDS = {"subscribe", "sub", "start", "add"}
LIST_WORDS = {"list", "ls", "show"}
UNSUBSCRIBE_WORDS = {"unsubscribe", "unsub", "stop", "remove", "cancel"}
_ALL_WORDS = {"all", "everything", "borough"}


@dataclass(frozen=True)
class SubscriptionView:
    """A channel's digest subscription as people see it; next_at is when the next digest is due."""

    id: int
    channel_id: str
    scope_kind: ScopeKind
    scope_value: str
    scope_label: str
    schedule: Schedule
    subscribed_by: str
    paused_at: datetime | None
    pause_reason: str | None
    last_period: str | None
    created_at: datetime
    next_at: datetime | None

    @property
    def key(self) -> str:
        """Return how the scope is written after `/digest unsubscribe`: "", "area E02…",
        "theme Housing"."""
        return "" if self.scope_kind == "all" else f"{self.scope_kind} {self.scope_value}"


HELP_WORDS = frozenset({"", "help", "?", "-h", "--help"})


@dataclass(frozen=True)
class DigestCommandAnswer:
    """The answer to `/digest <text>`.

    status: "subscribed", "updated" (schedule changed or resumed), "listed", "unsubscribed",
    "usage" (no or unknown subcommand; word holds the unknown one), "bad_schedule" (problem
    says what is wrong), "choose_area" (choices), "area_not_found" (choices hold near
    misses), "no_area_data", "theme_not_found" / "survey_not_found" (options lists what
    there is), "not_subscribed", "which_one" (several subscriptions: say which).
    """

    status: Literal[
        "subscribed",
        "updated",
        "listed",
        "unsubscribed",
        "usage",
        "bad_schedule",
        "choose_area",
        "area_not_found",
        "no_area_data",
        "theme_not_found",
        "survey_not_found",
        "not_subscribed",
        "which_one",
    ]
    query: str = ""
    subscription: SubscriptionView | None = None
    subscriptions: tuple[SubscriptionView, ...] = ()
    choices: tuple[AreaSummary, ...] = ()
    options: tuple[str, ...] = ()
    problem: str = ""
    word: str = ""


@dataclass(frozen=True)
class _Scope:
    kind: ScopeKind
    value: str
    label: str


def subscription_view(row: DigestSubscription, now: datetime | None = None) -> SubscriptionView:
    """Return the SubscriptionView of a stored subscription, with its next slot after now."""
    schedule = Schedule(row.weekday, row.time, row.timezone)
    return SubscriptionView(
        id=row.id,
        channel_id=row.channel_id,
        scope_kind=row.scope_kind,
        scope_value=row.scope_value,
        scope_label=row.scope_label,
        schedule=schedule,
        subscribed_by=row.subscribed_by,
        paused_at=stored_utc(row.paused_at) if row.paused_at else None,
        pause_reason=row.pause_reason,
        last_period=row.last_period,
        created_at=stored_utc(row.created_at),
        next_at=None if row.paused_at else next_slot(schedule, now or utcnow()),
    )


def channel_subscriptions(
    session: Session, channel_id: str, now: datetime | None = None
) -> tuple[SubscriptionView, ...]:
    """Return a channel's subscriptions, everything first, then by scope."""
    rows = session.scalars(
        select(DigestSubscription).where(DigestSubscription.channel_id == channel_id)
    )
    views = [subscription_view(row, now) for row in rows]
    return tuple(
        sorted(views, key=lambda v: (v.scope_kind != "all", v.scope_kind, v.scope_label.lower()))
    )


def workspace_subscriptions(
    session: Session, now: datetime | None = None
) -> tuple[SubscriptionView, ...]:
    """Return every digest subscription of the workspace (one installation per deployment), by
    channel, then everything first, then by scope."""
    views = [subscription_view(row, now) for row in session.scalars(select(DigestSubscription))]
    return tuple(
        sorted(
            views,
            key=lambda v: (
                v.channel_id,
                v.scope_kind != "all",
                v.scope_kind,
                v.scope_label.lower(),
            ),
        )
    )


def digest_command(
    session: Session,
    text: str,
    *,
    channel_id: str,
    user_id: str,
    timezone: str,
    scope: tuple[str, ...] = (),
    now: datetime | None = None,
) -> DigestCommandAnswer:
    """Return the answer to `/digest <text>`, subscribing or unsubscribing the channel
    on the way."""
    moment = now or utcnow()
    words = (text or "").split()
    verb = words[0].lower() if words else ""
    if verb in LIST_WORDS:
        return DigestCommandAnswer(
            "listed", subscriptions=channel_subscriptions(session, channel_id, moment)
        )
    if verb in SUBSCRIBE_WORDS:
        return _subscribe(
            session,
            words[1:],
            channel_id=channel_id,
            user_id=user_id,
            timezone=timezone,
            scope=scope,
            now=moment,
        )
    if verb in UNSUBSCRIBE_WORDS:
        return _unsubscribe(session, words[1:], channel_id=channel_id, scope=scope, now=moment)
    return DigestCommandAnswer("usage", word="" if verb in HELP_WORDS else words[0])


def _split_schedule(words: list[str], timezone: str) -> tuple[list[str], Schedule | None, str]:
    """Return (the scope's words, the schedule, a problem) from the words after `subscribe`."""
    lowered = [w.lower() for w in words]
    if "weekly" not in lowered:
        return words, Schedule(DEFAULT_WEEKDAY, DEFAULT_TIME, timezone), ""
    at = lowered.index("weekly")
    scope_words, rest = words[:at], [w for w in words[at + 1 :] if w.lower() not in ("on", "at")]
    weekday, time_of_day = DEFAULT_WEEKDAY, DEFAULT_TIME
    if len(rest) > 2:
        return (
            scope_words,
            None,
            "Write the schedule last, as `weekly <day> <HH:MM>`, "
            "for example `weekly monday 09:00`.",
        )
    for word in rest:
        if (found_time := parse_time(word)) is not None:
            time_of_day = found_time
        elif (found_day := parse_weekday(word)) is not None:
            weekday = found_day
        else:
            return (
                scope_words,
                None,
                (
                    f"“{word}” is not a day of the week or a time such as 09:00. "
                    "Write, for example, `weekly monday 09:00`."
                ),
            )
    return scope_words, Schedule(weekday, time_of_day, timezone), ""


def _match_name(names: list[str], wanted: str) -> list[str]:
    target = normalise(wanted)
    for test in (
        lambda n: normalise(n) == target,
        lambda n: normalise(n).startswith(target),
        lambda n: target in normalise(n),
    ):
        found = [n for n in names if test(n)]
        if found:
            return found
    return []


def _resolve(
    session: Session, words: list[str], scope: tuple[str, ...]
) -> _Scope | DigestCommandAnswer:
    """Return the scope the words name, or the answer explaining why they name none."""
    query = " ".join(words)
    first = words[0].lower() if words else ""
    if not words or (len(words) == 1 and first in _ALL_WORDS):
        return _Scope("all", "", "Everything")
    rest = " ".join(words[1:])
    if first == "theme" and rest:
        known = list(themes(session))
        found = _match_name(known, rest)
        if len(found) != 1:
            return DigestCommandAnswer("theme_not_found", query=rest, options=tuple(found or known))
        return _Scope("theme", found[0], found[0])
    if first == "survey" and rest:
        surveys = {s.slug: s.title for s in session.scalars(select(Survey).order_by(Survey.slug))}
        found = _match_name(list(surveys), rest) or [
            slug for slug, title in surveys.items() if _match_name([title], rest)
        ]
        if len(found) != 1:
            return DigestCommandAnswer(
                "survey_not_found", query=rest, options=tuple(found or surveys)
            )
        return _Scope("survey", found[0], surveys[found[0]])
    area_query = rest if first == "area" and rest else query
    lookup = look_up_area(session, area_query, scope=scope)
    if lookup.status == "found" and lookup.profile is not None:
        return _Scope("area", lookup.profile.area.code, lookup.profile.area.name)
    if lookup.status == "choose":
        return DigestCommandAnswer("choose_area", query=area_query, choices=lookup.choices)
    if lookup.status == "no_data":
        return DigestCommandAnswer("no_area_data", query=area_query)
    return DigestCommandAnswer("area_not_found", query=area_query, choices=lookup.suggestions)


def _subscribe(
    session: Session,
    words: list[str],
    *,
    channel_id: str,
    user_id: str,
    timezone: str,
    scope: tuple[str, ...],
    now: datetime,
) -> DigestCommandAnswer:
    scope_words, schedule, problem = _split_schedule(words, timezone)
    if schedule is None:
        return DigestCommandAnswer("bad_schedule", query=" ".join(words), problem=problem)
    resolved = _resolve(session, scope_words, scope)
    if isinstance(resolved, DigestCommandAnswer):
        return resolved
    row = session.scalar(
        select(DigestSubscription).where(
            DigestSubscription.channel_id == channel_id,
            DigestSubscription.scope_kind == resolved.kind,
            DigestSubscription.scope_value == resolved.value,
        )
    )
    status = "updated" if row is not None else "subscribed"
    if row is None:
        row = DigestSubscription(
            channel_id=channel_id,
            scope_kind=resolved.kind,
            scope_value=resolved.value,
            created_at=now,
        )
        session.add(row)
    row.scope_label = resolved.label
    row.weekday, row.time, row.timezone = schedule.weekday, schedule.time, schedule.timezone
    row.subscribed_by = user_id
    row.paused_at, row.pause_reason = None, None
    session.flush()
    return DigestCommandAnswer(status, subscription=subscription_view(row, now))


def _unsubscribe(
    session: Session, words: list[str], *, channel_id: str, scope: tuple[str, ...], now: datetime
) -> DigestCommandAnswer:
    existing = channel_subscriptions(session, channel_id, now)
    if not existing:
        return DigestCommandAnswer("not_subscribed")
    if not words:
        if len(existing) > 1:
            return DigestCommandAnswer("which_one", subscriptions=existing)
        chosen = existing[0]
    else:
        resolved = _resolve(session, words, scope)
        wanted = " ".join(words)
        matches = [
            s
            for s in existing
            if isinstance(resolved, _Scope)
            and (s.scope_kind, s.scope_value) == (resolved.kind, resolved.value)
        ]
        matches = matches or [
            s
            for s in existing
            if _match_name([s.scope_label], wanted)
            or (s.scope_value and normalise(s.scope_value) == normalise(wanted))
        ]
        if len(matches) != 1:
            return DigestCommandAnswer("which_one", query=wanted, subscriptions=existing)
        chosen = matches[0]
    session.execute(delete(DigestSubscription).where(DigestSubscription.id == chosen.id))
    return DigestCommandAnswer("unsubscribed", subscription=chosen, subscriptions=existing)
