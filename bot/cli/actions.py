"""`fairer import-actions`, `fairer reminders run` and `fairer clock`."""
from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from engagement.errors import ImportProblem


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def command_settings():
    """Return Settings for commands that neither serve pages nor verify Slack's requests.

    The clock and the importers never sign anything, so they run without SECRET_KEY and
    SLACK_SIGNING_SECRET; every other setting is read as the web app reads it.
    """
    from bot.config import ConfigError, Settings

    overrides = {name: "not-used-by-this-command" for name in ("SECRET_KEY", "SLACK_SIGNING_SECRET")
                 if not os.environ.get(name)}
    try:
        return Settings.from_env(overrides)
    except ConfigError as problem:
        _fail(str(problem))


@click.command("import-actions")
@click.argument("path", type=click.Path(dir_okay=False))
def import_actions_command(path) -> None:
    """Create or update the actions in an action plan (CSV or xlsx), matched by reference.

    Columns: reference, title, description, theme, areas (names or codes, separated by ';'; blank
    for borough-wide), owner (Slack user ID, or e-mail address), partners, due (a date or a
    milestone such as "by March 2027"), status, reason.
    """
    from bot.app import build_web_client
    from bot.slack_users import email_resolver
    from engagement.actions.plan_import import import_actions
    from storage import session_scope

    settings = command_settings()
    resolver = email_resolver(build_web_client(settings, settings.bot_token)) if settings.posting_enabled else None
    try:
        with session_scope() as session:
            report = import_actions(session, Path(path), scope=settings.local_authorities, resolve_email=resolver)
    except ImportProblem as problem:
        _fail(str(problem))
    click.echo(report.summary())


@click.group()
def reminders() -> None:
    """Reminders to the owners of overdue and silent actions."""


@reminders.command("run")
@click.option("--at", "at", metavar="ISO-TIME", help="Run as if the clock read this time, e.g. 2027-04-05T09:00.")
def reminders_run(at) -> None:
    """Send the reminders that are due now (or at ISO-TIME), once each."""
    from bot.jobs.reminders import send_action_reminders

    moment = None
    if at:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            _fail(f"--at {at!r} is not a time such as 2027-04-05T09:00.")
    settings = command_settings()
    if moment is not None and moment.tzinfo is None:
        from zoneinfo import ZoneInfo

        moment = moment.replace(tzinfo=ZoneInfo(settings.timezone))
    report = send_action_reminders(settings, at=moment.astimezone(timezone.utc) if moment else None)
    click.echo(report.summary())


@click.command("clock")
def clock() -> None:
    """Run the scheduler: the one process that sends reminders (and digests) on time."""
    import logging

    from bot.jobs.clock import run_clock

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run_clock(command_settings())


COMMANDS = (import_actions_command, reminders, clock)
