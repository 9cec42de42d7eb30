"""What every `fairer` command group shares: fail(), the --at option, command_settings() and
in_session()."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NoReturn, TypeVar
from zoneinfo import ZoneInfo

import click

from bot.cli.progress import working
from engagement.errors import ImportProblem

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.config import Settings

T = TypeVar("T")


def fail(message: str) -> NoReturn:
    """Print message (one plain sentence) on stderr and leave with status 1; never returns."""
    click.echo(message, err=True)
    sys.exit(1)


def at_option(example: str) -> Callable:
    """Return the `--at ISO-TIME` option, parsed into a datetime (None when not given).

    A time that is not ISO 8601 fails with a sentence quoting example, such as 2027-04-05T09:00.
    """

    def parse(
        _context: click.Context, _parameter: click.Parameter, value: str | None
    ) -> datetime | None:
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            fail(f"--at {value!r} is not a time such as {example}.")

    return click.option(
        "--at",
        "at",
        metavar="ISO-TIME",
        callback=parse,
        help=f"Run as if the clock read this time, e.g. {example}.",
    )


def in_utc(moment: datetime | None, zone: str) -> datetime | None:
    """Return moment in UTC, reading a time without an offset on zone's clock (None stays None)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def command_settings() -> Settings:
    """Return Settings for commands that neither serve pages nor verify Slack's requests.

    The clock and the importers never sign anything, so they run without SECRET_KEY and
    SLACK_SIGNING_SECRET; every other setting is read as the web app reads it. A setting that is
    wrong fails the command with ConfigError's sentence.
    """
    from bot.config import ConfigError, Settings

    overrides = {
        name: "not-used-by-this-command"
        for name in ("SECRET_KEY", "SLACK_SIGNING_SECRET")
        if not os.environ.get(name)
    }
    try:
        return Settings.from_env(overrides)
    except ConfigError as problem:
        fail(str(problem))


def in_session(work: Callable[[Session], T], *, progress: str | None = None) -> T:
    """Return work(session), run in one transaction, behind a progress line saying progress
    when given; an ImportProblem fails the command with its sentence."""
    from storage import session_scope

    try:
        with working(progress) if progress else nullcontext(), session_scope() as session:
            return work(session)
    except ImportProblem as problem:
        fail(str(problem))
