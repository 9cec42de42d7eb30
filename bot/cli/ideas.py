"""`fairer ideas import` and `fairer ideas export`: the project bank from and to a file."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import in_session


@click.group(short_help="The project bank: ideas for each area, from a file or to one.")
def ideas() -> None:
    """The project bank: ideas residents, groups and officers propose for an area."""


@ideas.command(
    "import",
    short_help="Add the ideas in a CSV or xlsx file to the project bank.",
    epilog="Example: fairer ideas import ideas.csv",
)
@click.argument("path", type=click.Path(dir_okay=False))
def import_command(path) -> None:
    """Add the ideas in a CSV or xlsx file to the project bank, published. Every row is checked
    first; if any has a problem, each is listed by line and nothing is imported. An idea already
    in the bank (same area and title) is left as it is.

    Columns: title, description, area_code (any area code or custom area code), themes (names
    from the comment taxonomy, ';' between), status (proposed, picked up, in progress, done, not
    taken forward), partner (who picked it up), reason (why not taken forward).

    \b
        title,description,area_code,themes,status,partner,reason
        Community fridge,Share surplus food,E02005587,Food,picked up,FoodCycle,
    """
    from engagement.ideas.import_file import import_ideas

    report = in_session(
        lambda session: import_ideas(session, Path(path)), progress="Importing ideas"
    )
    click.echo(report.summary())


@ideas.command("export", short_help="Write every idea, contact details included, to a file.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
@click.option("--format", "kind", type=click.Choice(["csv", "xlsx"]), default=None)
def export_command(output, kind) -> None:
    """Write every idea in the project bank to a CSV or xlsx file (the format from --format or the
    file's extension). It holds residents' contact details: keep it as officers' data."""
    from engagement.ideas.export import to_csv, to_xlsx
    from engagement.ideas.views import officer_ideas
    from storage import session_scope

    kind = kind or ("xlsx" if output.lower().endswith(".xlsx") else "csv")
    with session_scope() as session:
        listed = officer_ideas(session)
    Path(output).write_bytes(to_xlsx(listed) if kind == "xlsx" else to_csv(listed))
    count = "1 idea" if len(listed) == 1 else f"{len(listed):,} ideas"
    click.echo(f"{output}: {count} written.")


COMMANDS = (ideas,)
