"""`fairer import-indicators FILE.csv`: local outcome indicators in long format."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail
from engagement.errors import ImportProblem


@click.command("import-indicators")
@click.argument("path", type=click.Path(dir_okay=False))
def import_indicators_command(path) -> None:
    """Import outcome indicators: area_code, indicator, period, value[, lower_ci, upper_ci, count,
    denominator, polarity]."""
    from engagement.areas.indicator_import import import_indicators
    from storage import session_scope

    try:
        with session_scope() as session:
            report = import_indicators(session, Path(path))
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(report.summary())
