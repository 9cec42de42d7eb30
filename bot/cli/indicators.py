"""`fairer import-indicators FILE.csv`: local outcome indicators in long format."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import in_session


@click.command(
    "import-indicators",
    short_help="Import local outcome indicators (CSV or xlsx, one value a row).",
    epilog="Example: fairer import-indicators examples/indicators.csv",
)
@click.argument("path", type=click.Path(dir_okay=False))
def import_indicators_command(path) -> None:
    """Import local outcome indicators from a CSV or xlsx file in long format: one row per area,
    indicator and period.

    Columns area_code (an ONS code such as E07000148, or a custom area's code), indicator (its
    name), period and value are required; lower_ci, upper_ci (95% interval), count, denominator
    and polarity ("higher" or "lower" is better) are optional. Fingertips' own column names
    ("Area Code", "Indicator Name", "Time period", "Lower CI 95.0 limit" …) are recognised too.

    \b
        area_code,indicator,period,value,lower_ci,upper_ci,count,denominator,polarity
        norwich-heartsease,Fuel poverty (% of households),2021,19.6,17.6,21.7,790,4031,lower
        E07000148,Fuel poverty (% of households),2021,14.9,14.4,15.4,9620,64563,lower
    """
    from engagement.areas.indicator_import import import_indicators

    report = in_session(
        lambda session: import_indicators(session, Path(path)), progress="Importing indicators"
    )
    click.echo(report.summary())
