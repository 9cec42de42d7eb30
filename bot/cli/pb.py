"""`fairer pb …`: participatory budgeting rounds: load, open, close, invites, paper ballots,
count, export and publish."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.cli.common import fail, in_session
from engagement import figures
from engagement.errors import ImportProblem


@click.group()
def pb() -> None:
    """Participatory budgeting rounds, ballots and counts."""


@pb.command(
    "load",
    short_help="Create or update a round from its YAML file.",
    epilog="Example: fairer pb load examples/pb-round.yml",
)
@click.argument("path", type=click.Path(dir_okay=False))
def load(path) -> None:
    """Create or update a participatory budgeting round from its YAML file (matched by slug).

    \b
        slug: heartsease-fund-2027
        title: Heartsease community fund
        area: norwich-heartsease
        budget: 20000
        opens: 2027-01-10
        closes: 2027-02-28
        rule: budget        # or: approval, with max_choices
        voters: area        # or: invite (single-use invite codes)
        projects:
          - {title: Play area repairs, cost: 8000, description: …, idea: 12}
    """
    from engagement.pb.rounds import load_round

    def work(session):
        pb_round, created = load_round(session, Path(path))
        return pb_round.slug, pb_round.title, created

    slug, title, created = in_session(work)
    click.echo(
        f"{'Created' if created else 'Updated'} round '{slug}': {title}. "
        f"Residents vote at /pb/{slug}."
    )


def _set_status(slug: str, status: str) -> None:
    from engagement.pb.rounds import set_status

    in_session(lambda session: set_status(session, slug, status))


@pb.command("open")
@click.argument("slug")
def open_round(slug) -> None:
    """Open the round SLUG for votes (between its opens and closes dates)."""
    _set_status(slug, "open")
    click.echo(f"Opened '{slug}': votes are taken between its dates.")


@pb.command("close")
@click.argument("slug")
def close_round(slug) -> None:
    """Close the round SLUG: no more votes on the web."""
    _set_status(slug, "closed")
    click.echo(f"Closed '{slug}': no more votes are taken.")


@pb.command("invites")
@click.argument("slug")
@click.argument("count", type=int)
@click.option("--label", default="", help="A note kept with the codes.")
def invites(slug, count, label) -> None:
    """Create COUNT single-use invite codes for an invite round and print them, one a line."""
    from engagement.pb.ballots import create_invites

    codes = in_session(lambda session: create_invites(session, slug, count, label=label))
    click.echo("\n".join(codes))
    click.echo(
        f"Created {figures.count(len(codes))} invite code(s) for '{slug}'. "
        "They are shown only now: keep them safe.",
        err=True,
    )


@pb.command(
    "import-ballots",
    short_help="Import paper ballots typed in by staff.",
    epilog="Example: fairer pb import-ballots heartsease-fund-2027 paper-ballots.csv",
)
@click.argument("slug")
@click.argument("path", type=click.Path(dir_okay=False))
def import_ballots(slug, path) -> None:
    """Import paper ballots into the round SLUG: a UTF-8 CSV, one row per ballot, with a column
    `projects` (the chosen projects' titles exactly as on the ballot, separated by ';') and,
    optionally, `neighbourhood` (an area code or name). If any row is wrong nothing is stored,
    and the message names its line."""
    from engagement.pb.paper import import_paper_ballots

    n = in_session(
        lambda session: import_paper_ballots(session, slug, Path(path), entered_by="cli")
    )
    click.echo(f"Imported {figures.count(n)} paper ballot(s) into '{slug}'.")


@pb.command("count")
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="Print the count as JSON.")
def count(slug, as_json) -> None:
    """Count the round's ballots: projects in order of votes, funded while the budget allows."""
    from engagement.pb.ballots import count_stored
    from engagement.pb.count import count_json

    loaded, result = in_session(lambda session: count_stored(session, slug))
    if as_json:
        click.echo(json.dumps(count_json(slug, result), indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{slug}: {figures.count(result.ballots)} ballot(s); {figures.money(result.spent)} of "
        f"{figures.money(result.budget)} spent."
    )
    for p in result.projects:
        mark = "FUNDED" if p.funded else "not funded"
        click.echo(
            f"  {p.title} ({figures.money(p.cost)}): {figures.count(p.votes)} vote(s), "
            f"{mark}. {p.why}"
        )


@pb.command("export")
@click.argument("slug")
@click.argument("what", type=click.Choice(["ballots", "count"]))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write.")
def export(slug, what, fmt, output) -> None:
    """Export the round's ballots, or its count, as CSV or XLSX."""
    from engagement.pb.export import export_round

    data = in_session(lambda session: export_round(session, slug, what, fmt))
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output}.")
    elif fmt == "xlsx":
        fail("Give -o FILE to write an XLSX export.")
    else:
        sys.stdout.buffer.write(data)


@pb.command("publish")
@click.argument("slug")
@click.option("--channel", help="Slack channel ID to post the results summary to.")
def publish(slug, channel) -> None:
    """Publish the round's results at /pb/SLUG/results, turn funded projects into actions, and
    post a summary to --channel."""
    from bot.cli.common import command_settings
    from bot.jobs.pb_results import publish_and_announce

    try:
        outcome = publish_and_announce(
            slug, channel=channel, published_by="cli", settings=command_settings()
        )
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(outcome)


COMMANDS = (pb,)
