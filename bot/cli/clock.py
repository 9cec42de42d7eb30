"""`fairer clock`: the one scheduler process (the Procfile's clock), running bot/jobs/clock.py."""

from __future__ import annotations

import click

from bot.cli.common import command_settings


@click.command("clock", short_help="Run the scheduler that sends digests and reminders.")
def clock() -> None:
    """Run the scheduler: the one process that sends reminders (and digests) on time."""
    import logging

    from bot.jobs.clock import run_clock

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run_clock(command_settings())
