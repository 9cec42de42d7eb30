"""`fairer import-actions` and `fairer reminders run`: the action plan and its reminders."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import at_option, command_settings, fail, in_utc
from bot.cli.progress import working
from engagement.errors import ImportProblem


@click.command(
    "import-actions",
    short_help="Create or update the actions in an action plan (CSV or xlsx).",
    epilog="Example: fairer import-actions examples/actions.csv",
)
@click.argument("path", type=click.Path(dir_okay=False))
def import_actions_command(path) -> None:
    """Create or update the actions in an action plan (CSV or xlsx), matched by reference.

    Columns: reference, title, description, theme, areas (names or codes, separated by ';'; blank
    for borough-wide), owner (Slack user ID, or e-mail address), partners, due (a date or a
    milestone such as "by March 2027"), status (on track, at risk, off track, done …), reason.

    \b
        reference,title,description,theme,areas,owner,partners,due,status,reason
        HS-01,Damp survey,Visit every flat,Housing,Heartsease,U0123ABCD,,2027-01-31,on track,
        JB-02,Job fair,,Jobs and skills,,officer@council.gov.uk,DWP,by March 2027,at risk,Venue
    """
    from bot.slack_client import build_web_client
    from bot.slack_users import email_resolver
    from engagement.actions.plan_import import import_actions
    from storage import session_scope

    settings = command_settings()
    client = resolver = None
    if settings.posting_enabled:
        client = build_web_client(settings, settings.bot_token)
        resolver = email_resolver(client)
    try:
        with working("Importing actions"), session_scope() as session:
            report = import_actions(
                session, Path(path), scope=settings.local_authorities, resolve_email=resolver
            )
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(report.summary())
    if client is not None:
        _name_owners(client)


def _name_owners(client) -> None:
    # The officer pages show owners by name; only the bot can ask Slack for it.
    from sqlalchemy import select

    from bot.cli.names import refresh_names
    from storage import session_scope
    from storage.action_models import Action

    with working("Asking Slack for the owners' names"), session_scope() as session:
        owners = sorted(set(session.scalars(select(Action.owner_id).distinct())) - {None})
        refresh_names(client, session, owners)


@click.group()
def reminders() -> None:
    """Reminders to the owners of overdue and silent actions."""


@reminders.command("run")
@at_option(example="2027-04-05T09:00")
def reminders_run(at) -> None:
    """Send the reminders that are due now (or at ISO-TIME), once each."""
    from bot.jobs.reminders import send_action_reminders

    settings = command_settings()
    report = send_action_reminders(settings, at=in_utc(at, settings.timezone))
    click.echo(report.summary())


COMMANDS = (import_actions_command, reminders)
