"""`fairer digest run [--dry-run] [--at ISO-TIME]`: the digests due now, shown or sent."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import click

from bot.cli.common import at_option, command_settings, in_utc
from engagement import figures


@click.group()
def digest() -> None:
    """Weekly digests posted to team channels."""


@digest.command("run")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show the digests that are due without sending or recording them.",
)
@at_option(example="2026-11-30T09:00")
def run(dry_run, at) -> None:
    """Send the weekly digests that are due now (or at ISO-TIME), each exactly once."""
    import logging

    from bot.blocks.digest import scope_title
    from bot.blocks.digest_command import channel_mention
    from bot.cli.slash import render_reply_text
    from bot.jobs.digests import run_digests

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = command_settings()
    # A time without an offset is read on the digests' own clock (FAIRER_TIMEZONE).
    moment = in_utc(at, settings.timezone)
    report = run_digests(settings, at=moment, dry_run=dry_run)
    if not dry_run:
        click.echo(report.summary())
        return
    when = (moment or datetime.now(ZoneInfo(settings.timezone))).astimezone(
        ZoneInfo(settings.timezone)
    )
    if not report.previews:
        click.echo(f"No digests are due at {figures.iso_minute(when)} ({settings.timezone}).")
        return
    click.echo(
        f"{figures.count(len(report.previews))} digest(s) due at {figures.iso_minute(when)} "
        f"({settings.timezone}); dry run, "
        "nothing sent:"
    )
    for subscription, period, body in report.previews:
        about = scope_title(subscription.scope_kind, subscription.scope_label)
        click.echo(
            f"\n--- to {channel_mention(subscription.channel_id)} · {about} · period {period}"
        )
        click.echo(render_reply_text(body), nl=False)
