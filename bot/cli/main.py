"""The `fairer` command: the top-level group, with each command group added from its module."""

from __future__ import annotations

import click

from bot.cli import actions, areas, clock, comments, database, digests, indicators, slash, surveys


@click.group()
def main() -> None:
    """Fairer Places: deprivation profiles, actions and resident surveys for councils."""


for _command in (
    database.db,
    *areas.COMMANDS,
    indicators.import_indicators_command,
    *actions.COMMANDS,
    clock.clock,
    digests.digest,
    surveys.survey,
    slash.slash,
    comments.comments,
):
    main.add_command(_command)


if __name__ == "__main__":
    main()
