"""The `fairer` command: the top-level group, with each command group added from its module."""

from __future__ import annotations

import click

from bot.cli import (
    actions,
    areas,
    assessments,
    assets,
    clock,
    comments,
    database,
    digests,
    ideas,
    indicators,
    lsoa_changes,
    names,
    pb,
    slash,
    surveys,
)
from bot.cli.common import fail


class FairerGroup(click.Group):
    """The top-level group: a database that is empty or unreachable fails in one sentence."""

    def invoke(self, ctx: click.Context):
        """Return the command's result; a database problem ends the command with status 1."""
        from bot.cli.database_problems import database_problem
        from storage.db import database_url

        try:
            return super().invoke(ctx)
        except Exception as error:
            message = database_problem(error, database_url())
            if message is None:
                raise
            fail(message)


@click.group(cls=FairerGroup)
def main() -> None:
    """Fairer Places: deprivation profiles, actions and resident surveys for councils."""


for _command in (
    database.db,
    *areas.COMMANDS,
    indicators.import_indicators_command,
    lsoa_changes.import_lsoa_changes_command,
    *actions.COMMANDS,
    *ideas.COMMANDS,
    *assets.COMMANDS,
    clock.clock,
    digests.digest,
    surveys.survey,
    slash.slash,
    comments.comments,
    names.names,
    *pb.COMMANDS,
    *assessments.COMMANDS,
):
    main.add_command(_command)


if __name__ == "__main__":
    main()
