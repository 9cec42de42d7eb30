"""`fairer assets import`: community assets and services from a CSV or Excel file."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import in_session


@click.group()
def assets() -> None:
    """Community assets and services: food banks, centres, advice, libraries …"""


@assets.command(
    "import",
    short_help="Create, update or remove community assets from a CSV or xlsx file.",
    epilog="Example: fairer assets import examples/assets.csv",
)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--source",
    help="Name the list the file holds (its file name by default); assets imported before "
    "under this name and missing from the file are removed.",
)
def import_assets_command(path, source) -> None:
    """Create, update or remove community assets from a CSV or xlsx file.

    Columns: name, kind (food bank, community centre, advice, health, youth, older people,
    library, faith, sport and leisure, other), address, postcode, area_code, latitude,
    longitude, contact, opening_times, website. Only name, kind and a place are required: an
    area_code, or latitude and longitude (placed by the LSOA boundaries loaded). An asset with
    the same name and postcode (or area) as one imported before is updated, not added again.

    \b
        name,kind,postcode,area_code,latitude,longitude,website
        Heartsease food bank,food bank,NR7 9JB,E02005587,,,https://example.org
    """
    from engagement.assets.importing import import_assets

    report = in_session(
        lambda session: import_assets(session, Path(path), source=source),
        progress="Importing assets",
    )
    click.echo(report.summary())


COMMANDS = (assets,)
