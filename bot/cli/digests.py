"""`fairer digest run [--dry-run] [--at ISO-TIME]`: the digests due now, shown or sent."""
from __future__ import annotations

import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import click


@click.group()
def digest() -> None:
    """Weekly digests posted to team channels."""


def _moment(at: str | None, timezone: str) -> datetime | None:
    if not at:
        return None
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        click.echo(f"--at {at!r} is not a time such as 2026-11-30T09:00.", err=True)
        sys.exit(1)
    # A time without an offset is read on the digests' own clock (FAIRER_TIMEZONE).
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


@digest.command("run")
@click.option("--dry-run", is_flag=True, help="Show the digests that are due without sending or recording them.")
@click.option("--at", "at", metavar="ISO-TIME", help="Run as if the clock read this time, e.g. 2026-11-30T09:00.")
def run(dry_run, at) -> None:
    """Send the weekly digests that are due now (or at ISO-TIME), each exactly once."""
    import logging

    from bot.cli.actions import command_settings
    from bot.blocks.digest_command import channel_mention
    from bot.blocks.digest import scope_title
    from bot.jobs.digests import run_digests
    from bot.cli.slash import render_reply_text

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = command_settings()
    moment = _moment(at, settings.timezone)
    report = run_digests(settings, at=moment, dry_run=dry_run)
    if not dry_run:
        click.echo(report.summary())
        return
    when = (moment or datetime.now(ZoneInfo(settings.timezone))).astimezone(ZoneInfo(settings.timezone))
    if not report.previews:
        click.echo(f"No digests are due at {when:%Y-%m-%d %H:%M} ({settings.timezone}).")
        return
    click.echo(f"{len(report.previews)} digest(s) due at {when:%Y-%m-%d %H:%M} ({settings.timezone}); dry run, "
               "nothing sent:")
    for subscription, period, body in report.previews:
        about = scope_title(subscription.scope_kind, subscription.scope_label)
        click.echo(f"\n--- to {channel_mention(subscription.channel_id)} · {about} · period {period}")
        click.echo(render_reply_text(body), nl=False)
