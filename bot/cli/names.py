"""`fairer names refresh` and `fairer names set`: the people's names the officer pages show."""

from __future__ import annotations

from datetime import timedelta

import click

from bot.cli.common import command_settings, fail

REFRESH_AFTER = timedelta(days=1)


@click.group(short_help="People's names from Slack, for the officer pages.")
def names() -> None:
    """People's names from Slack, shown on the officer pages instead of Slack IDs."""


def people_to_name(session) -> list[str]:
    """Return every Slack user ID the officer pages may show: action owners, the people who
    updated actions, and everyone who has signed in."""
    from sqlalchemy import select

    from storage.action_models import Action, ActionUpdate
    from storage.auth_models import SignInToken

    found: set[str] = set()
    for column in (Action.owner_id, ActionUpdate.user_id, SignInToken.slack_user_id):
        found.update(value for value in session.scalars(select(column).distinct()) if value)
    return sorted(found)


def refresh_names(client, session, user_ids: list[str]) -> int:
    """Ask Slack's users.info for each of user_ids and store the names it gives; return how many
    were stored (an ID Slack cannot name is left as it was)."""
    from bot.slack_users import UserNames
    from engagement.officers.names import remember_names

    asked = UserNames().names(client, user_ids)
    return remember_names(session, {uid: name for uid, name in asked.items() if name != uid})


@names.command("refresh")
@click.option("--all", "everyone", is_flag=True, help="Ask again even for names learnt today.")
def names_refresh(everyone) -> None:
    """Ask Slack for the names of action owners and officers who signed in, and store them."""
    from bot.slack_client import build_web_client
    from engagement.officers.names import stale_ids
    from storage import session_scope
    from storage.base import utcnow

    settings = command_settings()
    if not settings.posting_enabled:
        fail("Set SLACK_BOT_TOKEN to ask Slack for people's names.")
    client = build_web_client(settings, settings.bot_token)
    with session_scope() as session:
        wanted = people_to_name(session)
        if not everyone:
            wanted = stale_ids(session, wanted, older_than=utcnow() - REFRESH_AFTER)
        stored = refresh_names(client, session, wanted)
    click.echo(f"Stored the names of {stored} of {len(wanted)} people.")


@names.command("set")
@click.argument("user_id")
@click.argument("name")
def names_set(user_id, name) -> None:
    """Store NAME for the Slack user USER_ID (a demo, or someone Slack cannot name)."""
    from engagement.officers.names import remember_names
    from storage import session_scope

    with session_scope() as session:
        if not remember_names(session, {user_id: name}):
            fail(f"{user_id!r} is not a Slack user ID (such as U0123ABCD), or the name is blank.")
    click.echo(f"{user_id} is shown as {' '.join(name.split())}.")
