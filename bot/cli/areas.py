"""`fairer import-iod`, `fairer areas load` and `fairer load-sample`: areas and their figures."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail
from bot.cli.progress import working
from engagement.errors import ImportProblem


@click.command(
    "import-iod",
    short_help="Import the English Indices of Deprivation (IoD2019 or IoD2025).",
)
@click.option(
    "--domains",
    type=click.Path(dir_okay=False),
    help="Ranks and deciles: File 2 (by domain), File 1 (IMD only) or File 7 (all).",
)
@click.option(
    "--population",
    type=click.Path(dir_okay=False),
    help="Population denominators: File 6, or File 7 (which holds them too).",
)
@click.option(
    "--wards",
    type=click.Path(dir_okay=False),
    help="ONS LSOA to ward lookup (LSOA11CD/WD19CD, LSOA21CD/WD24CD or any ward year).",
)
@click.option(
    "--msoa-names",
    type=click.Path(dir_okay=False),
    help="House of Commons Library MSOA names (2011 or 2021).",
)
@click.option(
    "--msoa-lookup",
    type=click.Path(dir_okay=False),
    help="Optional ONS LSOA to MSOA lookup, which places every LSOA exactly.",
)
@click.option(
    "--counties",
    type=click.Path(dir_okay=False),
    help="Optional ONS Local Authority District to County lookup, for two-tier counties.",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False),
    help="A folder holding the files, recognised by their headers.",
)
@click.option("--download", is_flag=True, help="Fetch the edition's files from their publishers.")
@click.option(
    "--edition",
    type=click.Choice(["2025", "2019"]),
    default="2025",
    show_default=True,
    help="With --download: which edition to fetch.",
)
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def import_iod(
    domains,
    population,
    wards,
    msoa_names,
    msoa_lookup,
    counties,
    folder,
    download,
    edition,
    no_progress,
) -> None:
    """Import the English Indices of Deprivation (IoD2019 or IoD2025) for all of England.

    Files are csv, csv.gz or xlsx as published (a workbook's data sheet is found by its header
    row). File 7 alone gives both the ranks and the population. The edition is told by the
    headers: "LSOA code (2011)" is IoD2019, "LSOA code (2021)" IoD2025.
    """
    from engagement.areas.iod_download import download_edition
    from engagement.areas.iod_import import import_iod_files, recognise_folder
    from storage import session_scope

    try:
        if download:
            files = download_edition(Path("var/downloads"), edition)
        elif folder:
            files = recognise_folder(Path(folder))
        else:
            given = [domains, population, wards, msoa_names, msoa_lookup]
            files = [Path(value) for value in given if value]
        if counties:
            files = [*(files.values() if isinstance(files, dict) else files), Path(counties)]
        with session_scope() as session:
            report = import_iod_files(session, files, progress=not no_progress)
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(report.summary())


@click.command(
    "import-boundaries", short_help="Import LSOA boundaries (ONS GeoJSON) for the area maps."
)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def import_boundaries_command(path, no_progress) -> None:
    """Import LSOA boundaries (ONS GeoJSON, .geojson or .geojson.gz) for the area maps."""
    from engagement.areas.boundaries import import_boundaries
    from storage import session_scope

    try:
        with session_scope() as session:
            report = import_boundaries(session, Path(path), progress=not no_progress)
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(report.summary())


@click.group()
def areas() -> None:
    """Custom areas such as a council's target areas."""


@areas.command(
    "load",
    short_help="Add or replace custom areas defined in a YAML file.",
    epilog="Example: fairer areas load examples/areas.yml",
)
@click.argument("path", type=click.Path(dir_okay=False))
def areas_load(path) -> None:
    """Add or replace custom areas (such as target areas) defined in a YAML file.

    Under `areas:`, each area has a code (lower case letters, digits and '-'), a name, and
    members: LSOA, MSOA, ward, district or county codes. Optional: type (what kind of area it
    is), local_authority, description, aliases (other names people search by). Load the
    deprivation data first (`fairer import-iod`); profiles are computed for each edition.

    \b
        areas:
          - code: norwich-heartsease
            name: Heartsease target area
            local_authority: E07000148
            aliases: [Heartsease RITA, Pilling Park]
            members: [E02005587]
    """
    from engagement.areas.custom import load_custom_areas_reported
    from storage import session_scope

    try:
        with working("Loading areas"), session_scope() as session:
            loaded, report = load_custom_areas_reported(session, Path(path))
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(f"Loaded {len(loaded)} custom area(s): {', '.join(loaded)}.")
    for line in report.lines():
        click.echo(line)


@click.command("load-sample", short_help="Load the generated sample borough for a demo.")
def load_sample() -> None:
    """Load the generated sample borough (labelled as sample data) for a demo."""
    from engagement.areas.sample import load_sample_borough
    from storage import session_scope

    with session_scope() as session:
        report = load_sample_borough(session)
    click.echo(report.summary())


COMMANDS = (import_iod, import_boundaries_command, areas, load_sample)
