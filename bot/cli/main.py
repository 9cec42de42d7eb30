"""The `fairer` command: database, imports, a local slash-command client and the clock."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engagement.errors import ImportProblem


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@click.group()
def main() -> None:
    """Fairer Places: deprivation profiles, actions and resident surveys for councils."""


@main.group()
def db() -> None:
    """Manage the database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all database migrations."""
    from storage.migrate import upgrade

    upgrade()
    click.echo("Database is up to date.")


@main.command("import-iod")
@click.option("--domains", type=click.Path(dir_okay=False), help="File 2: ranks and deciles by domain.")
@click.option("--population", type=click.Path(dir_okay=False), help="File 6: population denominators.")
@click.option("--wards", type=click.Path(dir_okay=False), help="ONS LSOA to ward lookup.")
@click.option("--msoa-names", type=click.Path(dir_okay=False), help="House of Commons Library MSOA names.")
@click.option("--msoa-lookup", type=click.Path(dir_okay=False),
              help="Optional ONS LSOA to MSOA lookup, for LSOAs named after former councils.")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help="A folder holding the files, recognised by their headers.")
@click.option("--download", is_flag=True, help="Fetch the IoD2019 files from their publishers.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def import_iod(domains, population, wards, msoa_names, msoa_lookup, folder, download, no_progress) -> None:
    """Import the English Indices of Deprivation (IoD2019 or IoD2025) for all of England."""
    from engagement.areas.iod_import import import_iod_files, recognise_folder
    from engagement.areas.iod_download import download_iod2019
    from storage import session_scope

    try:
        if download:
            files = download_iod2019(Path("var/downloads"))
        elif folder:
            files = recognise_folder(Path(folder))
        else:
            files = {k: Path(v) for k, v in
                     {"domains": domains, "population": population, "wards": wards, "msoa_names": msoa_names,
                      "msoa_lookup": msoa_lookup}.items() if v}
        with session_scope() as session:
            report = import_iod_files(session, files, progress=not no_progress)
    except ImportProblem as problem:
        _fail(str(problem))
    click.echo(report.summary())


@main.group()
def areas() -> None:
    """Custom areas such as a council's target areas."""


@areas.command("load")
@click.argument("path", type=click.Path(dir_okay=False))
def areas_load(path) -> None:
    """Add or replace custom areas defined in a YAML file."""
    from engagement.areas.custom import load_custom_areas
    from storage import session_scope

    try:
        with session_scope() as session:
            loaded = load_custom_areas(session, Path(path))
    except ImportProblem as problem:
        _fail(str(problem))
    click.echo(f"Loaded {len(loaded)} custom area(s): {', '.join(loaded)}.")


@main.command("load-sample")
def load_sample() -> None:
    """Load the generated sample borough (labelled as sample data) for a demo."""
    from engagement.areas.sample import load_sample_borough
    from storage import session_scope

    with session_scope() as session:
        report = load_sample_borough(session)
    click.echo(report.summary())


@main.command("slash")
@click.argument("command_text")
@click.option("--user", "user_id", default="U0DEMO0001", show_default=True, help="Slack user ID to send as.")
@click.option("--json", "as_json", is_flag=True, help="Print the message body Slack would receive.")
def slash(command_text, user_id, as_json) -> None:
    """Send a signed slash command (e.g. "/area heartsease") through the app's /slack/events."""
    from bot.cli.slash import render_reply_text, send_slash

    try:
        body = send_slash(command_text, user_id=user_id)
    except ValueError as problem:
        _fail(str(problem))
    click.echo(json.dumps(body, indent=2, ensure_ascii=False) if as_json else render_reply_text(body))


from bot.cli.surveys import survey  # noqa: E402  (registered after main is defined)

main.add_command(survey)

from bot.cli.actions import COMMANDS as ACTION_COMMANDS  # noqa: E402
from bot.cli.digests import digest  # noqa: E402

main.add_command(digest)

from bot.cli.indicators import import_indicators_command  # noqa: E402

main.add_command(import_indicators_command)

for _command in ACTION_COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":
    main()
