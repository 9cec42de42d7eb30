"""`fairer db upgrade`: the database's migrations (Procfile's release step)."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Manage the database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all database migrations."""
    from storage.migrate import upgrade

    upgrade()
    click.echo("Database is up to date.")
