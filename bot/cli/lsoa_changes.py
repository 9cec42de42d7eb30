"""`fairer import-lsoa-changes FILE`: the ONS LSOA (2011) to LSOA (2021) lookup, so areas show
their change since IoD2019."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail
from bot.cli.progress import working
from engagement.errors import ImportProblem


@click.command(
    "import-lsoa-changes",
    short_help="Import the ONS LSOA (2011) to LSOA (2021) lookup (change since 2019).",
    epilog="Example: fairer import-lsoa-changes LSOA11_LSOA21_LAD22_EW_LU.csv",
)
@click.argument("path", type=click.Path(dir_okay=False))
def import_lsoa_changes_command(path) -> None:
    """Import the ONS "LSOA (2011) to LSOA (2021) to Local Authority District (2022) Lookup for
    England and Wales" (CSV or xlsx, as published), replacing any imported before.

    Its change indicator (CHGIND) says how each 2011 LSOA became 2021 LSOAs: U unchanged,
    S split, M merged, X irregular. With IoD2019 and IoD2025 both imported, area pages, their
    JSON and /area then show each area's change since 2019 over the neighbourhoods that can be
    compared (X ones cannot).

    \b
        LSOA11CD,LSOA11NM,CHGIND,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW,ObjectId
        E01026702,Norwich 004A,U,E01026702,Norwich 004A,E07000148,Norwich,,1
    """
    from engagement.areas.custom_editions import rebuild_custom_areas
    from engagement.areas.lsoa_changes import import_lsoa_changes
    from storage import session_scope

    try:
        with working("Importing the LSOA lookup"), session_scope() as session:
            report = import_lsoa_changes(session, Path(path))
            # Custom areas listed in 2011 codes are now placed in IoD2025's 2021 LSOAs.
            areas = rebuild_custom_areas(session)
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(report.summary())
    for line in areas.lines():
        click.echo(line)
